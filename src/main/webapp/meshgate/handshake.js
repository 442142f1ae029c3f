// The handshake messages, byte by byte (PROTOCOL.md §2.1):
// version (1) | kind (1) | field*, each field length (2, big-endian) | bytes.

import { CryptoError } from './errors.js';
import { signedByte } from './bytes.js';

export const VERSION = 0x01;
export const DATA = 0x01;
export const REKEY = 0x02;
export const CLIENT_HELLO = 0x10;
export const SERVER_HELLO = 0x11;
export const CLIENT_FINISH = 0x12;
export const SERVER_FINISH = 0x13;
/** Largest handshake message accepted. */
export const MAX_LENGTH = 16 * 1024;
/** Most certificates in a chain. */
export const MAX_CHAIN = 4;

function malformed(message) {
  return new CryptoError('MALFORMED', message);
}

/** The bytes of a handshake message. */
export function encodeHandshake(kind, fields) {
  let n = 2;
  for (const f of fields) {
    if (f.length > 0xffff) {
      throw new RangeError('handshake field too long');
    }
    n += 2 + f.length;
  }
  const out = new Uint8Array(n);
  out[0] = VERSION;
  out[1] = kind;
  let at = 2;
  for (const f of fields) {
    out[at] = f.length >>> 8;
    out[at + 1] = f.length & 0xff;
    out.set(f, at + 2);
    at += 2 + f.length;
  }
  return out;
}

/**
 * The fields of a handshake message of the expected kind with at least {@code minFields} fields.
 *
 * @throws CryptoError MALFORMED with the Java HandshakeMessage's messages
 */
export function decodeHandshake(frame, expectedKind, minFields) {
  if (frame.length < 2 || frame.length > MAX_LENGTH) {
    throw malformed('handshake message of ' + frame.length + ' bytes');
  }
  if (frame[0] !== VERSION) {
    throw malformed('unknown protocol version ' + signedByte(frame[0]));
  }
  if (frame[1] !== expectedKind) {
    throw malformed(`expected message kind 0x${hex2(expectedKind)}, got 0x${hex2(frame[1])}`);
  }
  const fields = [];
  for (let at = 2; at < frame.length;) {
    if (frame.length - at < 2) {
      throw malformed('truncated field length');
    }
    const len = (frame[at] << 8) | frame[at + 1];
    at += 2;
    if (len > frame.length - at) {
      throw malformed('field longer than the message');
    }
    fields.push(frame.subarray(at, at + len));
    at += len;
  }
  if (fields.length < minFields) {
    throw malformed('handshake message has ' + fields.length + ' fields, needs ' + minFields);
  }
  return fields;
}

/** A field that must have an exact length. */
export function field(fields, index, length, name) {
  const f = fields[index];
  if (f.length !== length) {
    throw malformed(name + ' must be ' + length + ' bytes, not ' + f.length);
  }
  return f;
}

function hex2(b) {
  return b.toString(16).padStart(2, '0');
}
