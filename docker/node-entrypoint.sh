#!/bin/sh
# The Payara Micro node image's entrypoint (docker/Dockerfile): fills the boot command templates
# from the environment (node-env.sh says which variables) and runs Payara Micro in the foreground,
# as its container's main process. MESHGATE_HOME is where the image keeps its files (/opt/meshgate).
set -eu
home="${MESHGATE_HOME:-/opt/meshgate}"
. "$home/node-env.sh"
work="$(mktemp -d)"
# The adapter's connection properties for an HA pair, as bin/meshgate fills them: the fragment with
# the backup's host and port (the backup's connector, the connector class once per connector,
# HA=true), its backslashes doubled for the sed below.
ra_ha=""
if [ "$MESHGATE_BROKER_HA" = "true" ]; then
    ra_ha="$(sed -e "s|@BACKUP_HOST@|$MESHGATE_BROKER_BACKUP_HOST|" -e "s|@BACKUP_PORT@|$MESHGATE_BROKER_BACKUP_PORT|" \
        -e 's|\\|\\\\|g' "$home/templates/post-boot-ha.fragment")"
fi
# The adapter's login (its listeners and pooled connections), for a broker with a password
ra_credentials=""
if [ -n "$MESHGATE_BROKER_PASSWORD" ]; then
    ra_credentials=":UserName=$MESHGATE_BROKER_USER:Password=$MESHGATE_BROKER_PASSWORD"
fi
sed -e "s|@BIND_ADDRESS@|$MESHGATE_BIND_ADDRESS|" "$home/templates/pre-boot.asadmin" > "$work/pre-boot.asadmin"
sed -e "s|@BROKER_HOST@|$MESHGATE_BROKER_HOST|" -e "s|@BROKER_PORT@|$MESHGATE_BROKER_PORT|" -e "s|@RA_HA@|$ra_ha|" -e "s|@RA_CREDENTIALS@|$ra_credentials|" \
    -e "s|@RAR@|$home/meshgate-ra.rar|" -e "s|@WAR@|$home/meshgate.war|" \
    "$home/templates/post-boot.asadmin" > "$work/post-boot.asadmin"
# read by the WAR's connection factory definition (JmsSender), which Payara resolves from the environment
export MESHGATE_BROKER_USER MESHGATE_BROKER_PASSWORD
# shellcheck disable=SC2086 # JAVA_OPTS and MESHGATE_OPTS are lists of options
exec java ${JAVA_OPTS:--Xmx512m} -Djava.io.tmpdir="$work" $MESHGATE_OPTS -jar "$home/payara-micro.jar" --nocluster \
    --port "$MESHGATE_HTTP_PORT" --prebootcommandfile "$work/pre-boot.asadmin" \
    --postbootcommandfile "$work/post-boot.asadmin"
