// Types of the meshgate browser client, /meshgate.js (docs/PROTOCOL.md §9).

/** Where the session stands. */
export type State = 'connecting' | 'open' | 'resuming' | 'closed';

/**
 * A call's error code (PROTOCOL.md §4), DISCONNECTED (the session ended, or a resume was refused,
 * with the call unanswered), TIMEOUT (also the client's own, after the call's timeout plus 2 s),
 * or, when connect() fails because the client refused the node, the name of the close code it
 * sent (PROTOCOL.md §5).
 */
export type ErrorCode =
  | 'BAD_REQUEST' | 'NO_SUCH_SERVICE' | 'HANDLER_ERROR' | 'TIMEOUT' | 'OVERLOADED' | 'UNAVAILABLE' | 'INTERRUPTED'
  | 'RESUME_REFUSED' | 'INTERNAL' | 'DISCONNECTED'
  | 'MALFORMED_FRAME' | 'FRAME_TOO_LARGE' | 'HANDSHAKE_FAILED' | 'BAD_CERTIFICATE' | 'UNEXPECTED_FRAME'
  | 'FRAME_REJECTED'
  | (string & {});

export interface ConnectOptions {
  /** The client's certificate chain as PEM text, leaf first (1 to 4 certificates). */
  certificate: string;
  /** The leaf's P-256 key: PKCS#8 PEM text ("-----BEGIN PRIVATE KEY-----") or an ECDSA CryptoKey that may sign. */
  privateKey: string | CryptoKey;
  /** The root CA certificate (PEM) that the node's certificate must chain to. */
  ca: string;
  /** How long connecting (socket, handshake, hello) may take; default 10,000 ms. */
  connectTimeoutMs?: number;
  /** The timeout of a call that names none; default 10,000 ms (at most 300,000). */
  defaultTimeoutMs?: number;
  /** The WebSocket constructor; default globalThis.WebSocket. */
  WebSocket?: new (url: string) => WebSocket;
}

export interface CallOptions {
  /** 1 to 300,000 ms; default the client's defaultTimeoutMs. */
  timeoutMs?: number;
  /** 1 to 128 characters; default a fresh random key per call (kept across retries and resumes). */
  idempotencyKey?: string;
}

export interface CallResult<T = unknown> {
  result: T;
  /** The node holding the session. */
  ingressNode: string | null;
  /** The node whose handler ran. */
  processedBy: string | null;
}

export interface Push<T = unknown> {
  topic: string;
  data: T;
}

export interface MeshgateClient {
  readonly state: State;
  /** The session id the gateway gave; it stays the same across resumes. */
  readonly sessionId: string;
  /** The node holding the session now. */
  readonly node: string;
  /**
   * Calls a service. Resolves with the result, or rejects with a MeshgateError: the gateway's
   * error, TIMEOUT, or DISCONNECTED. UNAVAILABLE is sent again by the client while the timeout
   * allows (backoff 50 ms doubling to 1 s with jitter, at least the answer's retryAfterMs plus up
   * to a quarter more).
   * Invalid arguments and requests too large for a frame reject with BAD_REQUEST at once.
   */
  call<T = unknown>(service: string, type: string, params?: Record<string, unknown> | null,
    options?: CallOptions): Promise<CallResult<T>>;
  /** The push topics the node last confirmed for this session, sorted. */
  readonly topics: string[];
  /**
   * Subscribes the session to one topic or several (PROTOCOL.md §3b: 1 to 128 characters of
   * letters, digits, '.', '_', '-' and ':', starting with a letter or digit; exact match). Answered
   * like a call: resolves with the session's topics after the change, sorted, or rejects with a
   * MeshgateError (BAD_REQUEST for a malformed topic, at once, or over the node's limit of topics per
   * session; TIMEOUT; DISCONNECTED). Subscriptions hold across a resume. Pushes of the topic reach the
   * onPush listeners.
   */
  subscribe(topics: string | string[]): Promise<string[]>;
  /** Ends subscriptions (topics not subscribed are ignored); otherwise as subscribe. */
  unsubscribe(topics: string | string[]): Promise<string[]>;
  /** Listens to pushes; returns the function that stops listening. */
  onPush<T = unknown>(listener: (push: Push<T>) => void): () => void;
  /** Listens to changes of state; returns the function that stops listening. */
  onStateChange(listener: (state: State) => void): () => void;
  /** Closes the session (1000); calls in flight end DISCONNECTED. */
  close(): void;
}

export declare class MeshgateError extends Error {
  readonly name: 'MeshgateError';
  readonly code: ErrorCode;
  /** On the gateway's errors. */
  readonly ingressNode?: string | null;
  readonly processedBy?: string | null;
  /** On a failed connect: the WebSocket close code. */
  readonly closeCode?: number;
  /** On UNAVAILABLE, when the gateway said how long to wait. */
  readonly retryAfterMs?: number;
  constructor(code: string, message: string, details?: {
    ingressNode?: string | null; processedBy?: string | null; closeCode?: number; retryAfterMs?: number;
  });
}

/**
 * Connects to an access point (wss://host/ws), runs the secure channel's handshake, checks the
 * node's certificate and identity, and resolves once the node's hello has arrived. Rejects with
 * a TypeError for unusable options, and with a MeshgateError (closeCode set) when the connection
 * fails.
 */
export declare function connect(url: string, options: ConnectOptions): Promise<MeshgateClient>;
