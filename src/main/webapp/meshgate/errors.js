// Errors of the meshgate browser client: the one error type callers see (MeshgateError), the
// refusal of a frame or handshake message that ends the session (ProtocolError, with its close
// code), and the failed checks of the crypto layers below (CryptoError, with a reason the channel
// maps to a close code), as in the Java client's MeshgateException and CryptoException.

/** What a call or a connection ended with: a code of PROTOCOL.md §4, DISCONNECTED or a close kind. */
export class MeshgateError extends Error {
  /**
   * @param {string} code e.g. NO_SUCH_SERVICE, TIMEOUT, DISCONNECTED, BAD_CERTIFICATE
   * @param {string} message the exact message (the gateway's, or the client's own)
   * @param {{ingressNode?: string|null, processedBy?: string|null, closeCode?: number, retryAfterMs?: number}} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'MeshgateError';
    this.code = code;
    for (const key of ['ingressNode', 'processedBy', 'closeCode', 'retryAfterMs']) {
      if (details[key] !== undefined) {
        this[key] = details[key];
      }
    }
  }
}

/** The close codes of PROTOCOL.md §5, by the name of the fault (the Java client's Kind). */
export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  MALFORMED_FRAME: 1007,
  FRAME_TOO_LARGE: 1009,
  INTERNAL: 1011,
  HANDSHAKE_FAILED: 4001,
  BAD_CERTIFICATE: 4002,
  HANDSHAKE_TIMEOUT: 4003,
  UNEXPECTED_FRAME: 4004,
  FRAME_REJECTED: 4005,
});

/** A message from the node that the client refuses; the session closes with {@link closeCode}. */
export class ProtocolError extends Error {
  /** @param {keyof typeof CloseCode} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.name = 'ProtocolError';
    this.kind = kind;
    this.closeCode = CloseCode[kind];
  }
}

/**
 * A failed check below the channel. Reasons as in the Java CryptoException: MALFORMED, BAD_MAC,
 * BAD_SEQUENCE, TOO_LARGE, INVALID_KEY, KEY_EXHAUSTED.
 */
export class CryptoError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'CryptoError';
    this.reason = reason;
  }
}
