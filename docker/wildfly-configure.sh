#!/bin/sh
# Run once when the WildFly node image is built (docker/Dockerfile.wildfly): turns WildFly's
# standalone-full.xml into a meshgate node's configuration with the same jboss-cli script as
# `bin/meshgate up --server wildfly` (server-config/wildfly/configure-node.cli, with the plain
# listener fragment: nginx terminates TLS in front of the nodes, and the backup connector fragment).
# The brokers' addresses, whether they are an HA pair and the bind address are left as expressions
# that WildFly resolves from the environment at each start (MESHGATE_BROKER_HOST,
# MESHGATE_BROKER_PORT, MESHGATE_BROKER_BACKUP_HOST, MESHGATE_BROKER_BACKUP_PORT,
# MESHGATE_BROKER_HA, MESHGATE_BROKER_USER, MESHGATE_BROKER_PASSWORD, MESHGATE_BIND_ADDRESS; see
# node-env.sh). Without a backup, the backup connector names the primary again and ha is false:
# one broker. Without a password (an open broker), the factory's password is empty.
# JBOSS_HOME is WildFly's home (/opt/wildfly), JBOSS_BASE_DIR the server base folder to configure
# ($JBOSS_HOME/standalone), MESHGATE_HOME where the image keeps meshgate's files (/opt/meshgate).
set -eu
home="${MESHGATE_HOME:-/opt/meshgate}"
wildfly="${JBOSS_HOME:-/opt/wildfly}"
base="${JBOSS_BASE_DIR:-$wildfly/standalone}"
script="$(mktemp)"
listener="$(mktemp)"
backup="$(mktemp)"
grep -v '^#' "$home/templates/configure-node-plain.cli" > "$listener"
grep -v '^#' "$home/templates/configure-node-backup.cli" \
    | sed -e 's|@BACKUP_HOST@|"${env.MESHGATE_BROKER_BACKUP_HOST:${env.MESHGATE_BROKER_HOST:broker}}"|' \
          -e 's|@BACKUP_PORT@|"${env.MESHGATE_BROKER_BACKUP_PORT:${env.MESHGATE_BROKER_PORT:61616}}"|' > "$backup"
sed -e 's|@BIND_ADDRESS@|"${env.MESHGATE_BIND_ADDRESS:0.0.0.0}"|g' \
    -e 's|@BROKER_HOST@|"${env.MESHGATE_BROKER_HOST:broker}"|' \
    -e 's|@BROKER_PORT@|"${env.MESHGATE_BROKER_PORT:61616}"|' -e "/@BACKUP_CONNECTOR@/{r $backup" -e 'd}' \
    -e 's|@CONNECTORS@|meshgate-broker, meshgate-broker-backup|' -e 's|@HA@|"${env.MESHGATE_BROKER_HA:false}"|' \
    -e 's|@CREDENTIALS@|, user="${env.MESHGATE_BROKER_USER:meshgate}", password="${env.MESHGATE_BROKER_PASSWORD:}"|' \
    -e "/@LISTENER@/{r $listener" -e 'd}' \
    "$home/templates/configure-node.cli" > "$script"
JAVA_OPTS="-Xmx128m" "$wildfly/bin/jboss-cli.sh" -Djboss.server.base.dir="$base" --file="$script"
rm -f "$script" "$listener" "$backup"
