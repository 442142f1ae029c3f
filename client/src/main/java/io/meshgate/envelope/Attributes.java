package io.meshgate.envelope;

/**
 * Names of the CloudEvents extension attributes meshgate defines. On JMS each travels as the
 * property {@code cloudEvents_<name>}.
 */
public final class Attributes {
    /** The client's request type (String). */
    public static final String OPERATION = "meshgateop";
    /** The client session on the ingress node (String). */
    public static final String SESSION = "meshgatesession";
    /** The ingress node (String). */
    public static final String ORIGIN = "meshgateorigin";
    /** The destination a reply goes to (String). */
    public static final String REPLY_TO = "meshgatereplyto";
    /** The request a reply answers (String). */
    public static final String CORRELATION = "meshgatecorrelation";
    /** The highest load, in percent of capacity, at which a node may take the request (Integer). */
    public static final String LOAD_FACTOR = "meshgatelbf";
    /** After this instant the request must not run (Timestamp). */
    public static final String DEADLINE = "meshgatedeadline";
    /** How often nodes declined the request so far (Integer). */
    public static final String HOPS = "meshgatehops";
    /** The client's own id of the request, which its answer carries back (String). */
    public static final String CLIENT_REQUEST = "meshgateclientreq";
    /** The client's idempotency key (String). */
    public static final String IDEMPOTENCY_KEY = "meshgateidemkey";
    /** The node that ran the request (String). */
    public static final String PROCESSED_BY = "meshgateprocessedby";
    /** The error code of an error reply (String). */
    public static final String ERROR_CODE = "meshgateerror";
    /**
     * The client identity: on a request, the subject of the certificate the calling session proved
     * (absent with plain frames); on a push to an identity, the identity it goes to (String).
     */
    public static final String IDENTITY = "meshgateidentity";
    /** Whom a push goes to: {@code session}, {@code identity} or {@code topic} (String). */
    public static final String PUSH_TO = "meshgatepushto";

    private Attributes() {
    }
}
