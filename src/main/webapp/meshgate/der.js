// A small, strict DER reader: definite minimal lengths, single-byte tags, nothing past the end.
// Enough for X.509 certificates (RFC 5280) and ECDSA signatures.

import { CryptoError } from './errors.js';

function malformed(what) {
  return new CryptoError('MALFORMED', what);
}

/** One DER element (tag, length, value) inside a byte array. */
export class Der {
  constructor(bytes, tag, start, contentStart, end) {
    this.bytes = bytes;
    this.tag = tag;
    this.start = start;
    this.contentStart = contentStart;
    this.end = end;
  }

  /** The element at {@code at}, which must end by {@code limit}. */
  static read(bytes, at = 0, limit = bytes.length) {
    if (at + 2 > limit) {
      throw malformed('DER element truncated');
    }
    const tag = bytes[at];
    if ((tag & 0x1f) === 0x1f) {
      throw malformed('DER multi-byte tags are not supported');
    }
    let length = bytes[at + 1];
    let contentStart = at + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 3 || contentStart + n > limit) {
        throw malformed('DER length not definite or too long');
      }
      length = 0;
      for (let i = 0; i < n; i++) {
        length = length * 256 + bytes[contentStart + i];
      }
      if (length < 0x80 || (n > 1 && bytes[contentStart] === 0)) {
        throw malformed('DER length not minimal');
      }
      contentStart += n;
    }
    const end = contentStart + length;
    if (end > limit) {
      throw malformed('DER element longer than its container');
    }
    return new Der(bytes, tag, at, contentStart, end);
  }

  /** The one element that is all of {@code bytes}. */
  static whole(bytes) {
    const d = Der.read(bytes, 0, bytes.length);
    if (d.end !== bytes.length) {
      throw malformed('bytes after the DER element');
    }
    return d;
  }

  /** The value bytes. */
  get content() {
    return this.bytes.subarray(this.contentStart, this.end);
  }

  /** The whole element: tag, length and value. */
  get encoded() {
    return this.bytes.subarray(this.start, this.end);
  }

  expect(tag, what) {
    if (this.tag !== tag) {
      throw malformed(`${what}: expected tag 0x${tag.toString(16)}, got 0x${this.tag.toString(16)}`);
    }
    return this;
  }

  /** The elements inside a constructed element. */
  children() {
    const out = [];
    for (let at = this.contentStart; at < this.end;) {
      const c = Der.read(this.bytes, at, this.end);
      out.push(c);
      at = c.end;
    }
    return out;
  }

  /** An OBJECT IDENTIFIER, dotted (arcs of any size). */
  oid() {
    this.expect(0x06, 'object identifier');
    const c = this.content;
    if (c.length === 0 || (c[c.length - 1] & 0x80) !== 0) {
      throw malformed('object identifier truncated');
    }
    const arcs = [];
    let value = 0n;
    let fresh = true;
    for (const b of c) {
      if (fresh && b === 0x80) {
        throw malformed('object identifier not minimal');
      }
      value = (value << 7n) | BigInt(b & 0x7f);
      fresh = (b & 0x80) === 0;
      if (fresh) {
        if (arcs.length === 0) {
          const first = value < 40n ? 0n : value < 80n ? 1n : 2n;
          arcs.push(first, value - first * 40n);
        } else {
          arcs.push(value);
        }
        value = 0n;
      }
    }
    return arcs.join('.');
  }

  /** A BOOLEAN. */
  boolean() {
    this.expect(0x01, 'boolean');
    if (this.end - this.contentStart !== 1) {
      throw malformed('boolean of the wrong length');
    }
    return this.bytes[this.contentStart] !== 0;
  }

  /** A small non-negative INTEGER as a number. */
  smallInteger() {
    this.expect(0x02, 'integer');
    const c = this.content;
    if (c.length === 0 || c.length > 4 || (c[0] & 0x80) !== 0) {
      throw malformed('integer out of range');
    }
    return c.reduce((v, b) => v * 256 + b, 0);
  }

  /** The bytes of a BIT STRING without unused bits. */
  bitString() {
    this.expect(0x03, 'bit string');
    const c = this.content;
    if (c.length === 0 || c[0] !== 0) {
      throw malformed('bit string with unused bits');
    }
    return c.subarray(1);
  }

  /** The bits of a BIT STRING (named bits, as in key usage): a set of bit indices. */
  namedBits() {
    this.expect(0x03, 'bit string');
    const c = this.content;
    if (c.length === 0 || c[0] > 7) {
      throw malformed('bit string malformed');
    }
    const bits = new Set();
    for (let i = 1; i < c.length; i++) {
      for (let k = 0; k < 8; k++) {
        if (c[i] & (0x80 >> k)) {
          bits.add((i - 1) * 8 + k);
        }
      }
    }
    return bits;
  }

  /** A UTCTime or GeneralizedTime in whole seconds, as epoch milliseconds. */
  time() {
    const text = String.fromCharCode(...this.content);
    const utc = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
    const generalized = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
    let m;
    let year;
    if (this.tag === 0x17 && (m = utc.exec(text))) {
      year = Number(m[1]) < 50 ? 2000 + Number(m[1]) : 1900 + Number(m[1]);
    } else if (this.tag === 0x18 && (m = generalized.exec(text))) {
      year = Number(m[1]);
    } else {
      throw malformed('not a DER time');
    }
    return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
}
