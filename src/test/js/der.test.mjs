// The DER reader's strictness and the OID arcs of any size that node identity needs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Der } from '../../main/webapp/meshgate/der.js';
import { derToP1363 } from '../../main/webapp/meshgate/crypto.js';
import { fromHex } from '../../main/webapp/meshgate/bytes.js';

test('an object identifier with a 128-bit arc reads as its dotted form', () => {
  const oid = fromHex('06146981a3e292fe85e8d2aba7a9d4caeecaff8ffe15');

  assert.equal(Der.whole(oid).oid(), '2.25.108841696860750190973114447637860581141');
});

test('a length in long form that would fit the short form is refused', () => {
  assert.throws(() => Der.whole(fromHex('3081020500')), { message: 'DER length not minimal' });
});

test('an indefinite length is refused', () => {
  assert.throws(() => Der.whole(fromHex('30800500')), { message: 'DER length not definite or too long' });
});

test('an element longer than its container is refused', () => {
  assert.throws(() => Der.whole(fromHex('300305')), { message: 'DER element longer than its container' });
});

test('bytes after the element are refused', () => {
  assert.throws(() => Der.whole(fromHex('050000')), { message: 'bytes after the DER element' });
});

test('UTCTime years below 50 are of this century', () => {
  const t = Der.whole(Uint8Array.from([0x17, 13, ...new TextEncoder().encode('440101000000Z')]));

  assert.equal(t.time(), Date.UTC(2044, 0, 1));
});

test('a DER signature converts to r || s', () => {
  const der = fromHex('3006020101020102');

  assert.equal(derToP1363(der)[31], 1);
  assert.equal(derToP1363(der)[63], 2);
});

test('a DER signature with a needless leading zero is refused', () => {
  assert.equal(derToP1363(fromHex('300702020001020102')), null);
});

test('a DER signature with a negative integer is refused', () => {
  assert.equal(derToP1363(fromHex('3006020181020102')), null);
});
