// The vendored Brotli decoder behind its 1 MiB cap, against streams made by node's zlib (the
// reference encoder).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { decompress } from '../../main/webapp/meshgate/brotli.js';

const MiB = 1024 * 1024;
const compress = (bytes, quality = 1) => new Uint8Array(zlib.brotliCompressSync(bytes,
  { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality } }));
const text = new TextEncoder().encode(JSON.stringify({ orders: Array.from({ length: 200 }, (_, i) => ({ order: 'A-' + i })) }));

test('a stream of the reference encoder decompresses to its input', () => {
  assert.deepEqual(decompress(compress(text), MiB), text);
});

test('a stream at the highest quality decompresses to its input', () => {
  assert.deepEqual(decompress(compress(text, 11), MiB), text);
});

test('output of exactly the cap is accepted', () => {
  assert.equal(decompress(compress(new Uint8Array(MiB)), MiB).length, MiB);
});

test('output past the cap is refused as too large', () => {
  assert.throws(() => decompress(compress(new Uint8Array(MiB + 1)), MiB),
    { reason: 'TOO_LARGE', message: 'decompressed payload exceeds 1048576 bytes' });
});

test('a truncated stream is refused', () => {
  const c = compress(text);

  assert.throws(() => decompress(c.subarray(0, c.length - 3), MiB), { reason: 'MALFORMED', message: 'not a valid Brotli stream' });
});

test('a byte after the stream is refused', () => {
  assert.throws(() => decompress(new Uint8Array([...compress(text), 0]), MiB), { reason: 'MALFORMED' });
});

test('non-zero padding bits after the last meta-block are refused', () => {
  assert.throws(() => decompress(new Uint8Array([0xff, 0xff]), MiB), { reason: 'MALFORMED' });
});

test('the empty stream decompresses to nothing', () => {
  assert.equal(decompress(new Uint8Array([0x06]), MiB).length, 0);
});
