// The primitives of the secure channel, all from WebCrypto: SHA-256, HKDF-SHA256, HMAC-SHA256,
// AES-256-GCM, ECDH and ECDSA on P-256 (P1363 signatures; DER only for certificates), with the
// ephemeral points validated as the Java P256 class does.

import { CryptoError } from './errors.js';
import { concat, pemBlocks } from './bytes.js';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDH = { name: 'ECDH', namedCurve: 'P-256' };
const HMAC = { name: 'HMAC', hash: 'SHA-256', length: 256 };

function subtle() {
  return globalThis.crypto.subtle;
}

/** Fresh random bytes. */
export function randomBytes(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** SHA-256 of the parts, one after the other. */
export async function sha256(...parts) {
  return new Uint8Array(await subtle().digest('SHA-256', concat(...parts)));
}

/** A non-extractable HKDF key over input keying material (the ECDH secret). */
export function hkdfKey(ikm) {
  return subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits', 'deriveKey']);
}

/** {@code length} bytes of HKDF-SHA256 (RFC 5869). */
export async function hkdf(key, salt, info, length = 32) {
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8);
  return new Uint8Array(bits);
}

/** A non-extractable AES-256-GCM key derived with HKDF-SHA256. */
export function hkdfAesKey(key, salt, info) {
  return subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info }, key,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A non-extractable HMAC-SHA256 key (32 bytes) derived with HKDF-SHA256. */
export function hkdfHmacKey(key, salt, info) {
  return subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, HMAC, false, ['sign', 'verify']);
}

export async function hmac(key, data) {
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

/** Whether the tag is the HMAC of the data; WebCrypto compares in constant time. */
export async function hmacVerify(key, tag, data) {
  return tag.length === 32 && subtle().verify('HMAC', key, tag, data);
}

/** ciphertext || tag. */
export async function aesSeal(key, nonce, aad, plaintext) {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128 },
    key, plaintext));
}

/** The plaintext of ciphertext || tag, or BAD_MAC. */
export async function aesOpen(key, nonce, aad, sealed) {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128 },
      key, sealed));
  } catch {
    throw new CryptoError('BAD_MAC', 'GCM tag does not verify');
  }
}

/**
 * Checks an uncompressed P-256 point (0x04 || X || Y): coordinates in the field, on the curve.
 * Throws INVALID_KEY with the Java client's messages.
 */
export function validatePoint(point) {
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new CryptoError('INVALID_KEY', 'a P-256 public key must be 65 bytes: 0x04 || X || Y');
  }
  const x = bigInt(point.subarray(1, 33));
  const y = bigInt(point.subarray(33, 65));
  if (x >= P || y >= P) {
    throw new CryptoError('INVALID_KEY', 'public point coordinates outside the field');
  }
  if ((y * y) % P !== (((x * x % P) * x - 3n * x + B) % P + P) % P) {
    throw new CryptoError('INVALID_KEY', 'public point is not on P-256');
  }
  return point;
}

function bigInt(bytes) {
  let v = 0n;
  for (const b of bytes) {
    v = (v << 8n) | BigInt(b);
  }
  return v;
}

/** A fresh ephemeral ECDH key pair: its private key (non-extractable) and its uncompressed point. */
export async function ephemeralKeyPair() {
  const pair = await subtle().generateKey(ECDH, false, ['deriveBits']);
  return { privateKey: pair.privateKey, publicPoint: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/** The 32-byte ECDH shared secret (X coordinate) with a validated peer point. */
export async function ecdh(privateKey, peerPoint) {
  const peer = await subtle().importKey('raw', validatePoint(peerPoint), ECDH, false, []);
  return new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
}

/** An ECDSA P-256 verification key for an uncompressed point, or null when WebCrypto refuses it. */
export async function ecdsaPublicKey(point) {
  try {
    return await subtle().importKey('raw', point, P256, false, ['verify']);
  } catch {
    return null;
  }
}

/** Whether a P1363 (r || s) signature verifies; a signature of the wrong length never does. */
export async function verifyP1363(publicKey, signature, data, hash = 'SHA-256') {
  return signature.length === 64 && subtle().verify({ name: 'ECDSA', hash }, publicKey, signature, data);
}

/** A P1363 signature (r || s) over the SHA-256 of the data. */
export async function signP1363(privateKey, data) {
  return new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data));
}

/**
 * The signing key: a PKCS#8 PEM text (imported non-extractable) or an ECDSA P-256 CryptoKey that
 * may sign.
 */
export async function signingKey(privateKey) {
  if (typeof privateKey === 'string') {
    const [der] = pemBlocks(privateKey, 'PRIVATE KEY');
    if (!der) {
      throw new TypeError('options.privateKey must be PKCS#8 PEM text ("-----BEGIN PRIVATE KEY-----") or a CryptoKey');
    }
    try {
      return await subtle().importKey('pkcs8', der, P256, false, ['sign']);
    } catch {
      throw new TypeError('options.privateKey is not a P-256 ECDSA key');
    }
  }
  const alg = privateKey && privateKey.algorithm;
  if (!alg || privateKey.type !== 'private' || alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256'
      || !privateKey.usages.includes('sign')) {
    throw new TypeError('options.privateKey must be PKCS#8 PEM text or an ECDSA P-256 private CryptoKey that may sign');
  }
  return privateKey;
}

/**
 * r || s from a DER ECDSA signature (X.509) in canonical form: short lengths, minimal positive
 * integers of at most 256 bits, nothing after the sequence; null otherwise (as the Java Ecdsa).
 */
export function derToP1363(der) {
  if (!der || der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) {
    return null;
  }
  const out = new Uint8Array(64);
  let next = readInteger(der, 2, out, 0);
  if (next < 0) {
    return null;
  }
  next = readInteger(der, next, out, 32);
  return next === der.length ? out : null;
}

function readInteger(der, at, out, outAt) {
  if (at + 2 > der.length || der[at] !== 0x02) {
    return -1;
  }
  const len = der[at + 1];
  const start = at + 2;
  if (len < 1 || len > 33 || start + len > der.length || (der[start] & 0x80) !== 0) {
    return -1;
  }
  if (der[start] === 0 && (len === 1 || (der[start + 1] & 0x80) === 0)) {
    return len === 1 ? copy(der, start, len, out, outAt) : -1;
  }
  if (len === 33 && der[start] !== 0) {
    return -1;
  }
  return copy(der, start, len, out, outAt);
}

function copy(der, start, len, out, outAt) {
  const skip = len === 33 ? 1 : 0;
  const n = len - skip;
  out.set(der.subarray(start + skip, start + len), outAt + 32 - n);
  return start + len;
}
