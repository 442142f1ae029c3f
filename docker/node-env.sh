# Sourced by both node images' entrypoints (node-entrypoint.sh, wildfly-entrypoint.sh): checks the
# environment and sets MESHGATE_OPTS, the node's meshgate settings as JVM system properties.
# Secure by default: the node needs its PKI files in MESHGATE_PKI (a volume made by
# `bin/meshgate pki --nodes node-1,...`) and runs the sealed channel with them; MESHGATE_PLAIN=true
# is the only way to run without, and says so.
#   MESHGATE_NODE_ID        required, unique per node (names its reply queue)
#   MESHGATE_BROKER_HOST    the broker's host (broker), MESHGATE_BROKER_PORT its port (61616)
#   MESHGATE_BROKER_BACKUP_HOST  for an HA broker pair, the backup's host (none: one broker);
#                           MESHGATE_BROKER_BACKUP_PORT its port (MESHGATE_BROKER_PORT). The node
#                           then learns the pair's topology and fails over (MESHGATE_BROKER_HA=true)
#   MESHGATE_PKI            the PKI folder (/run/meshgate/pki): ca.pem, node-<id>.pem,
#                           node-<id>-key.pem, deny-list.txt, resume.key, broker.password (the
#                           brokers' password: the node logs in as MESHGATE_BROKER_USER, meshgate)
#   MESHGATE_PROXY_TRUSTED  the addresses of the TLS proxy (nginx) whose client-certificate header
#                           the node believes (127.0.0.1,::1)
#   MESHGATE_HTTP_PORT      the node's HTTP port (8080)
#   MESHGATE_BIND_ADDRESS   the address its listeners bind to (0.0.0.0)
#   MESHGATE_PLAIN          true: no PKI, plain frames (debugging only)
# Other meshgate.* settings reach the node as environment variables through MicroProfile Config
# (meshgate.console.operators <-> MESHGATE_CONSOLE_OPERATORS).
: "${MESHGATE_NODE_ID:?set MESHGATE_NODE_ID to a unique id per node}"
MESHGATE_BROKER_HOST="${MESHGATE_BROKER_HOST:-broker}"
MESHGATE_BROKER_PORT="${MESHGATE_BROKER_PORT:-61616}"
MESHGATE_BROKER_BACKUP_PORT="${MESHGATE_BROKER_BACKUP_PORT:-$MESHGATE_BROKER_PORT}"
MESHGATE_BROKER_HA=false
if [ -n "${MESHGATE_BROKER_BACKUP_HOST:-}" ]; then
    MESHGATE_BROKER_HA=true
fi
MESHGATE_BROKER_USER="${MESHGATE_BROKER_USER:-meshgate}"
MESHGATE_HTTP_PORT="${MESHGATE_HTTP_PORT:-8080}"
MESHGATE_BIND_ADDRESS="${MESHGATE_BIND_ADDRESS:-0.0.0.0}"
pki="${MESHGATE_PKI:-/run/meshgate/pki}"
MESHGATE_OPTS="-Dmeshgate.node.id=$MESHGATE_NODE_ID -Dmeshgate.proxy.trusted=${MESHGATE_PROXY_TRUSTED:-127.0.0.1,::1}"
if [ "${MESHGATE_PLAIN:-false}" = "true" ]; then
    echo "meshgate: MESHGATE_PLAIN=true: no TLS client certificates are checked and frames are not sealed" >&2
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.channel.mode=plain"
else
    for f in ca.pem "node-$MESHGATE_NODE_ID.pem" "node-$MESHGATE_NODE_ID-key.pem" deny-list.txt resume.key broker.password; do
        if [ ! -r "$pki/$f" ]; then
            echo "meshgate: $pki/$f is missing or unreadable; create the PKI with" \
                 "bin/meshgate pki --nodes $MESHGATE_NODE_ID (readable by uid $(id -u)) and mount it at $pki," \
                 "or set MESHGATE_PLAIN=true to run without TLS and sealed frames" >&2
            exit 64
        fi
    done
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.channel.mode=secure -Dmeshgate.pki.ca=$pki/ca.pem"
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.pki.certificate=$pki/node-$MESHGATE_NODE_ID.pem"
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.pki.key=$pki/node-$MESHGATE_NODE_ID-key.pem"
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.pki.denyList=$pki/deny-list.txt -Dmeshgate.session.resumeKey=$pki/resume.key"
fi
# The brokers' password, when there is one (a plain node may run against an open broker): the
# server's adapter gets it from the entrypoint, the node's broker watch from the file.
MESHGATE_BROKER_PASSWORD=""
if [ -r "$pki/broker.password" ]; then
    MESHGATE_BROKER_PASSWORD="$(cat "$pki/broker.password")"
    MESHGATE_OPTS="$MESHGATE_OPTS -Dmeshgate.broker.user=$MESHGATE_BROKER_USER -Dmeshgate.broker.passwordFile=$pki/broker.password"
fi
