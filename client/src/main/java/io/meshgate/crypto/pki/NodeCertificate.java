package io.meshgate.crypto.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity that a meshgate node's certificate carries and nginx's and a client's do not: the
 * extended key usage id-kp-meshgateNode ({@link Usage#MESHGATE_NODE}, beside serverAuth) and one
 * subject alternative name of type URI, {@code urn:meshgate:node:<node id>}. Issued by {@link
 * CertificateAuthority#issueNode}; the client side of the handshake refuses a SERVER_HELLO whose
 * certificate lacks the key purpose, and a {@code hello} whose node is not the one its URI names.
 * Static and thread-safe.
 */
public final class NodeCertificate {

    /** What a node URI starts with; the node id follows. */
    public static final String URI_PREFIX = "urn:meshgate:node:";
    /** What a node certificate's common name starts with; the node id follows. */
    public static final String COMMON_NAME_PREFIX = "meshgate-node-";

    private static final int URI_NAME = 6;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private NodeCertificate() {
    }

    /** The URI that names the node in its certificate: {@code urn:meshgate:node:<nodeId>}. */
    public static String uri(String nodeId) {
        return URI_PREFIX + checkId(nodeId);
    }

    /** The common name of the node's certificate: {@code meshgate-node-<nodeId>}. */
    public static String commonName(String nodeId) {
        return COMMON_NAME_PREFIX + checkId(nodeId);
    }

    /** Whether the certificate's extended key usage includes id-kp-meshgateNode. */
    public static boolean hasNodePurpose(X509Certificate certificate) {
        try {
            List<String> eku = certificate.getExtendedKeyUsage();
            return eku != null && eku.contains(Usage.MESHGATE_NODE.oid());
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /**
     * The node ids of the certificate's {@code urn:meshgate:node:} URI names, in certificate order
     * (a node certificate has exactly one; an unreadable name extension counts as none).
     */
    public static List<String> namedNodes(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (List<?> name : names == null ? List.<List<?>>of() : names) {
            if (name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0)) && name.get(1) instanceof String uri
                    && uri.startsWith(URI_PREFIX)) {
                out.add(uri.substring(URI_PREFIX.length()));
            }
        }
        return List.copyOf(out);
    }

    /** Whether the certificate is the node certificate of {@code nodeId}: the key purpose and that node alone. */
    public static boolean identifies(X509Certificate certificate, String nodeId) {
        return hasNodePurpose(certificate) && namedNodes(certificate).equals(List.of(nodeId));
    }

    private static String checkId(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException(
                    "a node id is letters, digits, '.', '_' or '-' (at most 64), not " + nodeId);
        }
        return nodeId;
    }
}
