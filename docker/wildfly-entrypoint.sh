#!/bin/sh
# The WildFly node image's entrypoint (docker/Dockerfile.wildfly): checks the environment
# (node-env.sh says which variables) and runs WildFly (standalone-full, configured at build time
# by wildfly-configure.sh) in the foreground, passing SIGTERM on to its JVM.
set -eu
home="${MESHGATE_HOME:-/opt/meshgate}"
. "$home/node-env.sh"
wildfly="${JBOSS_HOME:-/opt/wildfly}"
export LAUNCH_JBOSS_IN_BACKGROUND=1
# read by the configuration's expressions (wildfly-configure.sh)
export MESHGATE_BROKER_HA MESHGATE_BROKER_USER MESHGATE_BROKER_PASSWORD
export JAVA_OPTS="${JAVA_OPTS:--Xmx512m} $MESHGATE_OPTS"
# shellcheck disable=SC2086
exec "$wildfly/bin/standalone.sh" -c standalone-full.xml -Djboss.node.name="$MESHGATE_NODE_ID" \
    -Djboss.http.port="$MESHGATE_HTTP_PORT" -Djboss.management.http.port="${MESHGATE_MANAGEMENT_PORT:-9990}" \
    ${JBOSS_BASE_DIR:+-Djboss.server.base.dir=$JBOSS_BASE_DIR}
