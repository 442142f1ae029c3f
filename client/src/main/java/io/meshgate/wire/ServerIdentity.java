package io.meshgate.wire;

import io.meshgate.crypto.pki.NodeCertificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The node a client's secure channel speaks to, as the node's certificate names it (see {@link
 * NodeCertificate}). The client refuses a SERVER_HELLO whose certificate lacks the key purpose
 * id-kp-meshgateNode (so nginx, whose certificate has the same root and serverAuth, cannot sign
 * one), and a {@code hello} or {@code resumed} whose node is not the one the certificate's
 * {@code urn:meshgate:node:} URI names. Both refusals are BAD_CERTIFICATE (4002). Immutable.
 */
final class ServerIdentity {

    private final List<String> namedNodes;

    private ServerIdentity(List<String> namedNodes) {
        this.namedNodes = List.copyOf(namedNodes);
    }

    /**
     * The identity in the leaf of a SERVER_HELLO whose chain has been verified.
     *
     * @throws MeshgateException BAD_CERTIFICATE when the leaf is not a node certificate
     */
    static ServerIdentity of(X509Certificate leaf) {
        if (!NodeCertificate.hasNodePurpose(leaf)) {
            throw badCertificate("the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)");
        }
        return new ServerIdentity(NodeCertificate.namedNodes(leaf));
    }

    /**
     * Checks the node that a message of this kind names.
     *
     * @throws MeshgateException BAD_CERTIFICATE unless the certificate names exactly one node and
     *     it is {@code node}
     */
    void verify(String messageKind, String node) {
        if (namedNodes.size() != 1) {
            throw badCertificate("the server certificate names " + namedNodes.size()
                    + " nodes; exactly one urn:meshgate:node: URI is required");
        }
        if (!namedNodes.get(0).equals(node)) {
            throw badCertificate(messageKind + " names node '" + node + "' but the server certificate is for node '"
                    + namedNodes.get(0) + "'");
        }
    }

    private static MeshgateException badCertificate(String message) {
        return MeshgateException.of(MeshgateException.Kind.BAD_CERTIFICATE, message);
    }
}
