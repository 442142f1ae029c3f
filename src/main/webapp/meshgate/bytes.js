// Byte helpers over Uint8Array: hex, concatenation, UTF-8, base64 and PEM.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Lowercase hex of the bytes. */
export function toHex(bytes) {
  let s = '';
  for (const b of bytes) {
    s += HEX[b];
  }
  return s;
}

/** The bytes of a hex string (even length, hex digits only). */
export function fromHex(hex) {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) {
    throw new TypeError('not a hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substr(i * 2, 2), 16);
  }
  return out;
}

/** The parts, one after the other. */
export function concat(...parts) {
  let n = 0;
  for (const p of parts) {
    n += p.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether two byte arrays are equal (not constant-time: for public values only). */
export function equalBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

export function utf8(text) {
  return utf8Encoder.encode(text);
}

/** The text of UTF-8 bytes; throws a TypeError on invalid UTF-8. */
export function fromUtf8(bytes) {
  return utf8Decoder.decode(bytes);
}

/** A byte as Java prints it: signed. */
export function signedByte(b) {
  return (b << 24) >> 24;
}

/** Unpadded base64url of the bytes. */
export function base64url(bytes) {
  let s = '';
  for (const b of bytes) {
    s += String.fromCharCode(b);
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The DER blocks of every `-----BEGIN label-----` section of PEM text, in order. */
export function pemBlocks(text, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`, 'g');
  const out = [];
  for (const m of String(text).matchAll(re)) {
    const b64 = m[1].replace(/\s+/g, '');
    const bin = atob(b64);
    out.push(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  }
  return out;
}
