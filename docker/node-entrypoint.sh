#!/bin/sh
# Fills the Payara boot command templates from the environment and starts the node.
set -eu
: "${MESHGATE_NODE_ID:?set MESHGATE_NODE_ID to a unique id per node}"
host="${MESHGATE_BROKER_HOST:-broker}"
port="${MESHGATE_BROKER_PORT:-61616}"
dir=/opt/meshgate
sed -e "s|@BIND_ADDRESS@|0.0.0.0|" "$dir/templates/pre-boot.asadmin" > /tmp/pre-boot.asadmin
sed -e "s|@BROKER_HOST@|$host|" -e "s|@BROKER_PORT@|$port|" -e "s|@RA_HA@||" -e "s|@RAR@|$dir/meshgate-ra.rar|" \
    -e "s|@WAR@|$dir/meshgate.war|" "$dir/templates/post-boot.asadmin" > /tmp/post-boot.asadmin
exec java ${JAVA_OPTS:--Xmx512m} -Dmeshgate.node.id="$MESHGATE_NODE_ID" -jar "$dir/payara-micro.jar" \
    --nocluster --port 8080 --prebootcommandfile /tmp/pre-boot.asadmin --postbootcommandfile /tmp/post-boot.asadmin
