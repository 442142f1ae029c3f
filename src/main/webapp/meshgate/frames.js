// The sealed frame (PROTOCOL.md §2.2), byte by byte:
// version (1) | kind (1) | flags (1) | sequence (8, big-endian) | ciphertext | GCM tag (16) | HMAC (32).
// The 11-byte header is the GCM associated data; the nonce is never sent: the sender's direction
// code (4 bytes) and the sequence (8 bytes). The HMAC covers header || nonce || ciphertext || tag
// and is checked, in constant time, before anything is decrypted.

import { CryptoError } from './errors.js';
import { concat, signedByte, utf8 } from './bytes.js';
import { aesOpen, aesSeal, hkdfAesKey, hkdfHmacKey, hmac, hmacVerify } from './crypto.js';
import { decompress } from './brotli.js';

export const HEADER_LENGTH = 11;
export const OVERHEAD = HEADER_LENGTH + 16 + 32;
export const FLAG_COMPRESSED = 0x01;
/** Direction codes: the first four bytes of every nonce. */
export const CLIENT_TO_SERVER = 1;
export const SERVER_TO_CLIENT = 2;
/** Limits as the protocol's defaults have them. */
export const DEFAULT_LIMITS = Object.freeze({ maxFrameBytes: 65536, maxPayloadBytes: 1024 * 1024, maxFramesPerKey: 2 ** 24 });

export function frameNonce(direction, sequence) {
  const n = new Uint8Array(12);
  const v = new DataView(n.buffer);
  v.setUint32(0, direction);
  v.setBigUint64(4, BigInt(sequence));
  return n;
}

export function frameHeader(kind, flags, sequence) {
  const h = new Uint8Array(HEADER_LENGTH);
  h[0] = 1;
  h[1] = kind;
  h[2] = flags;
  new DataView(h.buffer).setBigUint64(3, BigInt(sequence));
  return h;
}

/**
 * The AES-GCM and HMAC keys (non-extractable) of one direction and key generation, from the
 * session's HKDF key and salt: labels "meshgate/1 c2s enc", "... mac", " <g>" appended for g > 0.
 */
export async function directionKeys(secretKey, salt, direction, generation) {
  const code = direction === CLIENT_TO_SERVER ? 'c2s' : 's2c';
  const suffix = generation === 0 ? '' : ' ' + generation;
  const [enc, mac] = await Promise.all([
    hkdfAesKey(secretKey, salt, utf8(`meshgate/1 ${code} enc${suffix}`)),
    hkdfHmacKey(secretKey, salt, utf8(`meshgate/1 ${code} mac${suffix}`)),
  ]);
  return { enc, mac };
}

/** Seals the frames of one direction and generation. One caller at a time. */
export class Sealer {
  #direction;
  #keys;
  #limits;
  #next = 0;

  constructor(direction, keys, limits = DEFAULT_LIMITS) {
    this.#direction = direction;
    this.#keys = keys;
    this.#limits = limits;
  }

  /** Frames sealed with this key so far. */
  get sealed() {
    return this.#next;
  }

  /** Whether the sender should rekey now: within 1/16 of the key's frame limit. */
  needsRekey() {
    const max = this.#limits.maxFramesPerKey;
    return this.#next >= max - Math.floor(max / 16);
  }

  /**
   * The next frame of this kind carrying the payload. The browser client never compresses (flags
   * 0); a node-side sender passes FLAG_COMPRESSED with a payload it has Brotli-compressed.
   */
  async seal(kind, payload, flags = 0) {
    if (this.#next >= this.#limits.maxFramesPerKey) {
      throw new CryptoError('KEY_EXHAUSTED', 'key has sealed ' + this.#next + ' frames; rekey first');
    }
    if (payload.length + OVERHEAD > this.#limits.maxFrameBytes) {
      throw new CryptoError('TOO_LARGE', 'sealed frame would be ' + (payload.length + OVERHEAD) + ' bytes, over '
        + this.#limits.maxFrameBytes);
    }
    const sequence = this.#next++;
    const header = frameHeader(kind, flags, sequence);
    const nonce = frameNonce(this.#direction, sequence);
    const sealed = await aesSeal(this.#keys.enc, nonce, header, payload);
    const tag = await hmac(this.#keys.mac, concat(header, nonce, sealed));
    return concat(header, sealed, tag);
  }
}

/** Opens the frames of one direction and generation, in order. One caller at a time. */
export class Opener {
  #direction;
  #keys;
  #limits;
  #expected = 0n;

  constructor(direction, keys, limits = DEFAULT_LIMITS) {
    this.#direction = direction;
    this.#keys = keys;
    this.#limits = limits;
  }

  /** The sequence number the next frame must carry. */
  get expected() {
    return this.#expected;
  }

  /**
   * Opens the next frame: its size and version, the HMAC (constant time) before anything is
   * decrypted, the sequence, the flags, then AES-GCM and Brotli under the payload cap. On failure
   * the opener is unchanged and the session must close.
   *
   * @returns {Promise<{kind: number, payload: Uint8Array}>}
   * @throws CryptoError TOO_LARGE, MALFORMED, BAD_MAC or BAD_SEQUENCE with the Java client's messages
   */
  async open(frame) {
    const limits = this.#limits;
    if (frame.length > limits.maxFrameBytes) {
      throw new CryptoError('TOO_LARGE', 'frame of ' + frame.length + ' bytes exceeds ' + limits.maxFrameBytes);
    }
    if (frame.length < OVERHEAD) {
      throw new CryptoError('MALFORMED', 'frame shorter than ' + OVERHEAD + ' bytes');
    }
    if (frame[0] !== 1) {
      throw new CryptoError('MALFORMED', 'unknown frame version ' + signedByte(frame[0]));
    }
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const sequence = view.getBigUint64(3);
    const header = frame.subarray(0, HEADER_LENGTH);
    const nonce = frameNonce(this.#direction, sequence);
    const macAt = frame.length - 32;
    const body = frame.subarray(HEADER_LENGTH, macAt);
    if (!(await hmacVerify(this.#keys.mac, frame.subarray(macAt), concat(header, nonce, body)))) {
      throw new CryptoError('BAD_MAC', 'frame HMAC does not verify');
    }
    if (sequence !== this.#expected) {
      throw new CryptoError('BAD_SEQUENCE', 'frame sequence ' + view.getBigInt64(3) + ' where ' + this.#expected
        + ' was expected');
    }
    const flags = frame[2];
    if ((flags & ~FLAG_COMPRESSED) !== 0) {
      throw new CryptoError('MALFORMED', 'unknown frame flags ' + signedByte(flags));
    }
    const plain = await aesOpen(this.#keys.enc, nonce, header, body);
    const payload = (flags & FLAG_COMPRESSED) !== 0 ? decompress(plain, limits.maxPayloadBytes) : plain;
    if (payload.length > limits.maxPayloadBytes) {
      throw new CryptoError('TOO_LARGE', 'payload exceeds ' + limits.maxPayloadBytes);
    }
    this.#expected++;
    return { kind: frame[1], payload };
  }
}
