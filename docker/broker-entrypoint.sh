#!/bin/sh
# The broker image's entrypoint (docker/Dockerfile.broker): meshgate's Artemis broker (BrokerMain,
# the broker of bin/meshgate) with the project's configuration (server-config/artemis), in the
# foreground as its container's main process; SIGTERM stops it (a primary then fails over).
#   MESHGATE_BROKER_ROLE       single (the default), or primary or backup of a shared-store HA pair
#   MESHGATE_BROKER_PORT       the port it listens on (61616)
#   MESHGATE_BROKER_BIND       the address it binds to (0.0.0.0)
#   MESHGATE_BROKER_HOST       the name the nodes and its peer reach it by (the container's host name):
#                              the pair's topology, which the nodes learn, is made of these names
#   MESHGATE_BROKER_PEER_HOST  a pair's other broker: required for primary and backup;
#                              MESHGATE_BROKER_PEER_PORT its port (MESHGATE_BROKER_PORT)
#   MESHGATE_BROKER_DATA       the journal's folder (/var/lib/meshgate/broker); both brokers of a
#                              pair mount the same volume: the one that holds its lock serves
#   MESHGATE_PKI               the PKI folder (/run/meshgate/pki), for broker.password (made by
#                              `bin/meshgate pki --nodes ...`): every client must log in as meshgate
#                              with it, and a pair's cluster connection uses it. Secure by default:
#                              without the file the broker refuses to start (exit 64), unless
#   MESHGATE_BROKER_OPEN=true  (anyone who reaches the port may use the broker; debugging only)
#   JAVA_OPTS                  the JVM's options (-Xmx512m)
# MESHGATE_HOME is where the image keeps its files (/opt/meshgate).
set -eu
home="${MESHGATE_HOME:-/opt/meshgate}"
role="${MESHGATE_BROKER_ROLE:-single}"
port="${MESHGATE_BROKER_PORT:-61616}"
host="${MESHGATE_BROKER_HOST:-$(hostname)}"
data="${MESHGATE_BROKER_DATA:-/var/lib/meshgate/broker}"
case "$role" in
    single) pair="" ;;
    primary|backup)
        : "${MESHGATE_BROKER_PEER_HOST:?set MESHGATE_BROKER_PEER_HOST to the other broker of the pair}"
        pair="$role ${MESHGATE_BROKER_PEER_PORT:-$port}" ;;
    *)
        echo "meshgate: MESHGATE_BROKER_ROLE is single, primary or backup, not '$role'" >&2
        exit 64 ;;
esac
password="${MESHGATE_PKI:-/run/meshgate/pki}/broker.password"
if [ "${MESHGATE_BROKER_OPEN:-false}" = "true" ]; then
    echo "meshgate: MESHGATE_BROKER_OPEN=true: the broker asks its clients for no password" >&2
    login=""
elif [ -r "$password" ]; then
    login="-Dmeshgate.broker.passwordFile=$password"
else
    echo "meshgate: $password is missing or unreadable; create it with bin/meshgate pki --nodes ..." \
         "(readable by uid $(id -u)) and mount the PKI folder there, or set MESHGATE_BROKER_OPEN=true" \
         "to run a broker without a password" >&2
    exit 64
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, pair the role and the peer's port
exec java ${JAVA_OPTS:--Xmx512m} -Dmeshgate.broker.config="$home/artemis" $login \
    -Dmeshgate.broker.bind="${MESHGATE_BROKER_BIND:-0.0.0.0}" -Dmeshgate.broker.host="$host" \
    -Dmeshgate.broker.peerHost="${MESHGATE_BROKER_PEER_HOST:-$host}" \
    -cp "$home/lib/*" io.meshgate.launcher.BrokerMain "$port" "$data" $pair
