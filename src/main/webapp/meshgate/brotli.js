// Brotli decompression with a hard output cap, on the vendored pure-JS decoder (see
// vendor/brotli/README.md): the browser has no "brotli" DecompressionStream.

import { BrotliInput } from './vendor/brotli/streams.js';
import { BrotliDecompress } from './vendor/brotli/decode.js';
import { CryptoError } from './errors.js';

/**
 * An output that grows up to a cap and refuses the write that would pass it. The decoder reads
 * {@code output.buffer.length} to pre-size the output for each meta-block's declared length; the
 * unbounded length it sees here keeps a declared length from allocating past the cap.
 */
class CappedOutput {
  #data;

  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.#data = new Uint8Array(Math.min(maxBytes, 4096));
    this.pos = 0;
  }

  get buffer() {
    return UNBOUNDED;
  }

  set buffer(ignored) {
    throw new Error('the capped output cannot be replaced');
  }

  write(buf, count) {
    if (this.pos + count > this.maxBytes) {
      throw new CryptoError('TOO_LARGE', 'decompressed payload exceeds ' + this.maxBytes + ' bytes');
    }
    if (this.pos + count > this.#data.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(this.pos + count, this.#data.length * 2)));
      grown.set(this.#data.subarray(0, this.pos));
      this.#data = grown;
    }
    this.#data.set(buf.subarray(0, count), this.pos);
    this.pos += count;
    return count;
  }

  bytes() {
    return this.#data.slice(0, this.pos);
  }
}

const UNBOUNDED = Object.freeze({ length: Infinity });

/**
 * The data decompressed, or TOO_LARGE as soon as the output would exceed {@code maxBytes}, or
 * MALFORMED for anything that is not a Brotli stream.
 */
export function decompress(data, maxBytes) {
  const out = new CappedOutput(maxBytes);
  try {
    BrotliDecompress(new BrotliInput(data), out);
  } catch (e) {
    if (e instanceof CryptoError) {
      throw e;
    }
    throw new CryptoError('MALFORMED', 'not a valid Brotli stream');
  }
  return out.bytes();
}
