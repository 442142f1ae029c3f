// The JavaScript protocol core against the cross-language vectors: it recomputes the key schedule,
// reproduces CLIENT_HELLO, CLIENT_FINISH (given the vectors' deterministic signature, which it
// verifies) and every frame it would send, opens every frame, and refuses every rejected case
// with its close code and message. ProtocolVectorsTest holds the Java classes to the same file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byName, certificate, chainDer, clientEntropy, ecdhPrivateKey, hex, limits, now, s2cFrames, vectors }
  from './support/vectors.mjs';
import { ClientChannel, expectHello } from '../../main/webapp/meshgate/channel.js';
import { CLIENT_TO_SERVER, Opener, directionKeys } from '../../main/webapp/meshgate/frames.js';
import { ecdh, ecdsaPublicKey, hkdf, hkdfKey, verifyP1363 } from '../../main/webapp/meshgate/crypto.js';
import { decodeMessage, encodeRequest } from '../../main/webapp/meshgate/codec.js';
import { ProtocolError } from '../../main/webapp/meshgate/errors.js';
import { toHex, utf8 } from '../../main/webapp/meshgate/bytes.js';
import { checkRoot, nodeIdOf, parseCertificate, verifyChain } from '../../main/webapp/meshgate/x509.js';

const h = vectors.handshake;
const k = vectors.keySchedule;

/** Signs as the vectors did: returns their RFC 6979 signature once it verifies over the data. */
async function vectorSignature(data) {
  const key = await ecdsaPublicKey(certificate('client').publicKey);
  if (!(await verifyP1363(key, hex(h.clientSignature), data))) {
    throw new Error('the channel signs other data than the vectors');
  }
  return hex(h.clientSignature);
}

function channel(clock = { now }) {
  return new ClientChannel({
    chain: chainDer(h.clientChain), sign: vectorSignature, root: certificate('ca'), limits,
    now: () => clock.now, entropy: clientEntropy(),
  });
}

async function established(clock) {
  const c = channel(clock);
  await c.start();
  await c.open(hex(h.serverHello));
  await c.open(hex(h.serverFinish));
  return c;
}

async function outcome(run) {
  try {
    await run();
    return 'accepted';
  } catch (e) {
    if (!(e instanceof ProtocolError)) {
      throw e;
    }
    return e.closeCode + ' ' + e.message;
  }
}

test('the ECDH secret of the fixed ephemeral keys is the vectors\' secret', async () => {
  const priv = await ecdhPrivateKey(h.clientEphemeralPrivate, h.clientEphemeralPublic);

  assert.equal(toHex(await ecdh(priv, hex(h.nodeEphemeralPublic))), k.ecdhSecret);
});

test('HKDF-SHA256 gives every key of both generations and both confirmation keys', async () => {
  const secret = await hkdfKey(hex(k.ecdhSecret));
  const salt = hex(k.salt);
  const derive = async (label) => toHex(await hkdf(secret, salt, utf8(label)));
  const got = { c2sConfirm: await derive('meshgate/1 c2s confirm'), s2cConfirm: await derive('meshgate/1 s2c confirm') };
  const expected = { c2sConfirm: k.c2sConfirm, s2cConfirm: k.s2cConfirm };
  for (const g of k.generations) {
    const suffix = g.generation === 0 ? '' : ' ' + g.generation;
    for (const label of ['c2sEnc', 'c2sMac', 's2cEnc', 's2cMac']) {
      const info = `meshgate/1 ${label.slice(0, 3)} ${label.slice(3).toLowerCase()}${suffix}`;
      got[label + g.generation] = await derive(info);
      expected[label + g.generation] = g[label];
    }
  }

  assert.deepEqual(got, expected);
});

test('the salt is SHA-256 of CLIENT_HELLO and SERVER_HELLO', async () => {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array([...hex(h.clientHello), ...hex(h.serverHello)]));

  assert.equal(toHex(new Uint8Array(digest)), k.salt);
});

test('the client channel reproduces CLIENT_HELLO byte for byte', async () => {
  assert.equal(toHex(await channel().start()), h.clientHello);
});

test('the node\'s SERVER_HELLO signature verifies over the signed data', async () => {
  const key = await ecdsaPublicKey(certificate('node').publicKey);

  assert.equal(await verifyP1363(key, hex(h.serverSignature), hex(h.serverSignedData)), true);
});

test('the client channel reproduces CLIENT_FINISH byte for byte with the vectors\' signature', async () => {
  const c = channel();
  await c.start();

  const { replies } = await c.open(hex(h.serverHello));

  assert.deepEqual(replies.map(toHex), [h.clientFinish]);
});

test('the client channel accepts SERVER_FINISH and knows the node it talks to', async () => {
  const c = channel();
  await c.start();
  await c.open(hex(h.serverHello));

  const { established: done } = await c.open(hex(h.serverFinish));

  assert.deepEqual([done, c.established, c.nodeId], [true, true, 'node-1']);
});

test('every s2c frame opens to its payload, through the REKEY frame and the compressed ones', async () => {
  const c = await established();
  const got = [];

  for (const f of vectors.frames.s2c) {
    const { payload } = await c.open(hex(f.frame));
    got.push(payload === null ? '' : toHex(payload));
  }

  assert.deepEqual(got, vectors.frames.s2c.map((f) => f.payload));
});

test('the client channel seals every frame it would send byte for byte, the REKEY frame included', async () => {
  const clock = { now };
  const c = await established(clock);
  const got = [];
  const expected = [];

  for (const f of vectors.frames.c2s) {
    if (f.kind === 'REKEY') {
      clock.now += vectors.limits.rekeyAfterMs;
      continue;
    }
    const frames = await c.seal(hex(f.payload));
    if (f.compressed) {
      continue;
    }
    got.push(...frames.map(toHex));
  }
  for (const [i, f] of vectors.frames.c2s.entries()) {
    if (!f.compressed && (f.kind === 'DATA' || i > 0)) {
      expected.push(f.frame);
    }
  }

  assert.deepEqual(got, expected);
});

test('every c2s frame opens to its payload on the node side, the Java client\'s compressed one included', async () => {
  const secret = await hkdfKey(hex(k.ecdhSecret));
  let opener = new Opener(CLIENT_TO_SERVER, await directionKeys(secret, hex(k.salt), CLIENT_TO_SERVER, 0), limits);
  const got = [];

  for (const f of vectors.frames.c2s) {
    const { kind, payload } = await opener.open(hex(f.frame));
    got.push(toHex(payload));
    if (kind === 2) {
      opener = new Opener(CLIENT_TO_SERVER, await directionKeys(secret, hex(k.salt), CLIENT_TO_SERVER, 1), limits);
    }
  }

  assert.deepEqual(got, vectors.frames.c2s.map((f) => f.payload));
});

test('the request payloads are what the codec writes', () => {
  const requests = vectors.frames.c2s.filter((f) => f.kind === 'DATA');

  const written = requests.map((f) => toHex(encodeRequest(JSON.parse(f.text))));

  assert.deepEqual(written, requests.map((f) => f.payload));
});

test('every rejected frame is refused with its close code and message', async () => {
  const got = [];
  const frames = s2cFrames();

  for (const c of vectors.rejectedFrames) {
    const ch = await established();
    for (let i = 0; i < c.after; i++) {
      await ch.open(frames[i]);
    }
    const frame = c.frameZeros !== undefined ? new Uint8Array(c.frameZeros) : hex(c.frame);
    got.push(c.name + ' ' + await outcome(() => ch.open(frame)));
  }

  assert.deepEqual(got, vectors.rejectedFrames.map((c) => `${c.name} ${c.closeCode} ${c.error}`));
});

test('every rejected handshake is refused with its close code and message, node identity included', async () => {
  const got = [];

  for (const c of vectors.rejectedHandshakes) {
    const ch = channel();
    await ch.start();
    if (c.stage === 'serverHello') {
      got.push(c.name + ' ' + await outcome(() => ch.open(hex(c.message))));
      continue;
    }
    await ch.open(hex(h.serverHello));
    if (c.stage === 'serverFinish') {
      got.push(c.name + ' ' + await outcome(() => ch.open(hex(c.message))));
      continue;
    }
    await ch.open(hex(h.serverFinish));
    got.push(c.name + ' ' + await outcome(async () => {
      expectHello(decodeMessage((await ch.open(hex(c.message))).payload), ch.nodeId);
    }));
  }

  assert.deepEqual(got, vectors.rejectedHandshakes.map((c) => `${c.name} ${c.closeCode} ${c.error}`));
});

test('the node\'s real hello names the node of its certificate', async () => {
  const c = await established();

  const hello = decodeMessage((await c.open(s2cFrames()[0])).payload);

  assert.deepEqual(expectHello(hello, c.nodeId), { kind: 'hello', sessionId: h.sessionIdText, node: 'node-1',
    resumeToken: hello.resumeToken });
});

test('every chain is accepted or refused as the vectors say, node identity included', async () => {
  const root = certificate('ca');
  const got = [];

  for (const c of vectors.chains) {
    const chain = c.chain.map(certificate);
    let result;
    try {
      await verifyChain(chain, root, c.usage, now);
      result = { error: null };
      if (c.usage === 'serverAuth') {
        try {
          result.nodeId = nodeIdOf(chain[0]);
        } catch (e) {
          result.identityError = e.message;
        }
      }
    } catch (e) {
      result = { error: e.message };
    }
    got.push({ name: c.name, ...result });
  }

  assert.deepEqual(got, vectors.chains.map((c) => {
    const o = { name: c.name, error: c.error };
    if (c.nodeId) {
      o.nodeId = c.nodeId;
    }
    if (c.identityError) {
      o.identityError = c.identityError;
    }
    return o;
  }));
});

test('the vectors\' root is accepted as a trusted root', async () => {
  await checkRoot(certificate('ca'));
});

test('a leaf is refused as a trusted root', async () => {
  await assert.rejects(checkRoot(certificate('node')), { message: 'the trusted root is not a self-signed CA certificate' });
});

test('every certificate of the vectors parses from its PEM as from its DER', () => {
  const pem = (text) => Uint8Array.from(atob(text.replace(/-----[^-]+-----|\s/g, '')), (ch) => ch.charCodeAt(0));

  for (const [name, c] of Object.entries(vectors.certificates)) {
    assert.equal(toHex(parseCertificate(pem(c.pem)).der), c.der, name);
  }
});
