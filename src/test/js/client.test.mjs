// The browser client over a fake WebSocket, against a scripted node that runs the real protocol
// with the vectors' certificates: calls, errors, TIMEOUT, the UNAVAILABLE retry, pushes, state,
// node identity, refusals and their close codes, rekeys and resume. Timers and Date are mocked.

import { afterEach, beforeEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, MeshgateError } from '../../main/webapp/meshgate.js';
import { FakeNetwork } from './support/fake-websocket.mjs';
import { NodePeer, clientOptions } from './support/node-peer.mjs';
import { now, vectors } from './support/vectors.mjs';

const URL = 'wss://portal.test/ws';
/** node-2: its certificate is below the vectors' intermediate CA. */
const NODE2 = { certificate: 'node2', chain: ['node2', 'intermediate', 'ca'], node: 'node-2' };
let network;

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now });
  network = new FakeNetwork();
});

afterEach(() => {
  mock.timers.reset();
});

/** Lets pending promise callbacks run (for steps without crypto in between). */
async function flush() {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let probes = 0;

/**
 * Resolves once the client has handled every message the peer sent before: the node's messages
 * are handled in order, so a push sent after them arriving says so.
 */
async function handled(client, peer) {
  const topic = 'probe-' + ++probes;
  const arrived = new Promise((resolve) => {
    const stop = client.onPush((p) => {
      if (p.topic === topic) {
        stop();
        resolve();
      }
    });
  });
  await peer.send({ kind: 'push', topic, data: null });
  await arrived;
}

const notProbe = (p) => !p.topic.startsWith('probe-');

async function connected(peerOptions = {}, options = {}) {
  const pending = connect(URL, clientOptions(network.WebSocket, options));
  const peer = new NodePeer(await network.nextSocket(), peerOptions);
  await peer.accept();
  return { client: await pending, peer };
}

/** The outcome of a promise, once settled: {value} or {error}. */
function settle(promise) {
  const box = { settled: false };
  promise.then((value) => Object.assign(box, { settled: true, value }),
    (error) => Object.assign(box, { settled: true, error }));
  return box;
}

test('connect resolves once the node\'s hello has arrived, with the session open', async () => {
  const { client } = await connected();

  assert.deepEqual([client.state, client.sessionId, client.node], ['open', 'wSNYcMp6wPzOUmn5Gr2low', 'node-1']);
});

test('a call is sent as a req with a fresh id, the default timeout and an idempotency key', async () => {
  const { client, peer } = await connected();

  client.call('echo', 'echo', { i: 1 });
  const req = await peer.nextMessage();

  assert.deepEqual({ ...req, idempotencyKey: req.idempotencyKey.length },
    { kind: 'req', id: '1', service: 'echo', type: 'echo', params: { i: 1 }, timeoutMs: 10000, idempotencyKey: 22 });
});

test('a call is answered with its result, ingress node and processing node', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', { i: 1 });
  const req = await peer.nextMessage();

  await peer.send({ kind: 'res', id: req.id, result: { i: 1 }, ingressNode: 'node-1', processedBy: 'node-3' });

  assert.deepEqual(await answer, { result: { i: 1 }, ingressNode: 'node-1', processedBy: 'node-3' });
});

test('the caller\'s idempotency key and timeout are sent as given', async () => {
  const { client, peer } = await connected();

  client.call('work', 'sleep', { delayMs: 5 }, { timeoutMs: 1234, idempotencyKey: 'order-17' });
  const req = await peer.nextMessage();

  assert.deepEqual([req.timeoutMs, req.idempotencyKey], [1234, 'order-17']);
});

test('requests go out uncompressed even when they are large', async () => {
  const { client, peer } = await connected();

  client.call('echo', 'echo', { text: 'a'.repeat(2000) });
  const { frame } = await peer.receive();

  assert.equal(frame[2], 0);
});

test('an error answer rejects with a MeshgateError carrying the code, the message and the nodes', async () => {
  const { client, peer } = await connected();
  const answer = client.call('nope', 'x', {});
  const req = await peer.nextMessage();

  await peer.send({ kind: 'error', id: req.id, code: 'NO_SUCH_SERVICE', message: 'no live node hosts service \'nope\'',
    ingressNode: 'node-1', processedBy: null });

  const e = await answer.catch((x) => x);
  assert.ok(e instanceof MeshgateError && e instanceof Error);
  assert.deepEqual([e.code, e.message, e.ingressNode, e.processedBy],
    ['NO_SUCH_SERVICE', 'no live node hosts service \'nope\'', 'node-1', null]);
});

test('a call the gateway does not answer ends with TIMEOUT after its timeout and the 2 s grace', async () => {
  const { client, peer } = await connected();
  const answer = settle(client.call('work', 'sleep', {}, { timeoutMs: 1000 }));
  await peer.nextMessage();

  mock.timers.tick(2999);
  await flush();
  const before = answer.settled;
  mock.timers.tick(1);
  await flush();

  assert.equal(before, false);
  assert.deepEqual([answer.error.code, answer.error.message], ['TIMEOUT', 'no answer from the gateway within 3000 ms']);
});

test('UNAVAILABLE is sent again with the same id and idempotency key and the time left, then answered', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', {}, { timeoutMs: 5000 });
  const first = await peer.nextMessage();
  await peer.send({ kind: 'error', id: first.id, code: 'UNAVAILABLE', message: 'the node has lost the broker' });
  await handled(client, peer);

  mock.timers.tick(50);
  const again = await peer.nextMessage();
  await peer.send({ kind: 'res', id: again.id, result: 'ok', ingressNode: 'node-1', processedBy: 'node-2' });

  assert.deepEqual([again.id, again.idempotencyKey], [first.id, first.idempotencyKey]);
  assert.ok(again.timeoutMs >= 4950 && again.timeoutMs <= 4975, 'timeoutMs ' + again.timeoutMs);
  assert.equal((await answer).result, 'ok');
});

test('a retryAfterMs in UNAVAILABLE holds the next attempt back that long, plus up to a quarter more', async () => {
  const { client, peer } = await connected();
  client.call('echo', 'echo', {}, { timeoutMs: 5000 });
  const first = await peer.nextMessage();
  await peer.send({ kind: 'error', id: first.id, code: 'UNAVAILABLE', message: 'starting', retryAfterMs: 700 });
  await handled(client, peer);

  mock.timers.tick(699);
  client.call('time', 'probe', {});
  const early = await peer.nextMessage();
  mock.timers.tick(176);
  const again = await peer.nextMessage();

  assert.deepEqual([early.type, again.id], ['probe', first.id]);
  assert.ok(again.timeoutMs >= 5000 - 875 && again.timeoutMs <= 5000 - 700, 'timeoutMs ' + again.timeoutMs);
});

test('a retryAfterMs over 60,000 is no advice', async () => {
  const { client, peer } = await connected();
  client.call('echo', 'echo', {}, { timeoutMs: 5000 });
  const first = await peer.nextMessage();
  await peer.send({ kind: 'error', id: first.id, code: 'UNAVAILABLE', message: 'starting', retryAfterMs: 60001 });
  await handled(client, peer);

  mock.timers.tick(50);
  const again = await peer.nextMessage();

  assert.equal(again.id, first.id);
});

test('UNAVAILABLE until the time runs out ends the call with the last answer', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', {}, { timeoutMs: 100 });
  const first = await peer.nextMessage();
  await peer.send({ kind: 'error', id: first.id, code: 'UNAVAILABLE', message: 'broker away' });
  await handled(client, peer);
  mock.timers.tick(50);
  const again = await peer.nextMessage();

  await peer.send({ kind: 'error', id: again.id, code: 'UNAVAILABLE', message: 'broker still away' });

  await assert.rejects(answer, { name: 'MeshgateError', code: 'UNAVAILABLE', message: 'broker still away' });
});

test('a push reaches every listener until it unsubscribes', async () => {
  const { client, peer } = await connected();
  const seen = [];
  const stop = client.onPush((p) => notProbe(p) && seen.push(['a', p]));
  client.onPush((p) => notProbe(p) && seen.push(['b', p.topic]));
  await peer.send({ kind: 'push', topic: 'orders', data: { order: 'A-17' } });
  await handled(client, peer);

  stop();
  await peer.send({ kind: 'push', topic: 'orders', data: { order: 'A-18' } });
  await handled(client, peer);

  assert.deepEqual(seen, [['a', { topic: 'orders', data: { order: 'A-17' } }], ['b', 'orders'], ['b', 'orders']]);
});

test('a Brotli-compressed push from the node is decompressed', async () => {
  const { client, peer } = await connected();
  const data = JSON.parse(vectors.frames.s2c[2].text).data;
  const seen = [];
  client.onPush((p) => notProbe(p) && seen.push(p.data));

  await peer.send({ kind: 'push', topic: 'orders', data }, { compress: true });
  await handled(client, peer);

  assert.deepEqual(seen, [data]);
});

test('close() moves the state to closed and tells the listeners once', async () => {
  const { client } = await connected();
  const states = [];
  client.onStateChange((s) => states.push(s));

  client.close();
  client.close();

  assert.deepEqual([client.state, states], ['closed', ['closed']]);
});

test('close() ends the calls in flight with DISCONNECTED and closes the socket with 1000', async () => {
  const { client, peer } = await connected();
  const answer = client.call('work', 'sleep', {});
  await peer.nextMessage();

  client.close();

  await assert.rejects(answer, { code: 'DISCONNECTED', message: 'session closed: 1000 client closed the session' });
  assert.deepEqual(await peer.socket.clientClosed(), { code: 1000, reason: 'bye' });
});

test('a call on a closed client ends at once with DISCONNECTED', async () => {
  const { client } = await connected();
  client.close();

  await assert.rejects(client.call('echo', 'echo', {}), { code: 'DISCONNECTED', message: 'the session is closed' });
});

test('a call with an invalid service id is refused locally with BAD_REQUEST', async () => {
  const { client } = await connected();

  await assert.rejects(client.call('Echo!', 'echo', {}),
    { code: 'BAD_REQUEST', message: 'service must match [a-z0-9][a-z0-9._-]{0,63}' });
});

test('a call whose timeout is out of range is refused locally with BAD_REQUEST', async () => {
  const { client } = await connected();

  await assert.rejects(client.call('echo', 'echo', {}, { timeoutMs: 300001 }),
    { code: 'BAD_REQUEST', message: 'timeoutMs must be between 1 and 300000' });
});

test('a request too large for a frame is refused locally with BAD_REQUEST and the session stays open', async () => {
  const { client } = await connected();

  await assert.rejects(client.call('echo', 'echo', { text: 'a'.repeat(70000) }), { code: 'BAD_REQUEST' });
  assert.equal(client.state, 'open');
});

test('a SERVER_HELLO signed by the access point is refused with 4002 and connect rejects BAD_CERTIFICATE', async () => {
  const pending = connect(URL, clientOptions(network.WebSocket)).catch((e) => e);
  const peer = new NodePeer(await network.nextSocket(), { certificate: 'nginx', chain: ['nginx', 'ca'] });

  await peer.serverHello();

  assert.deepEqual(await peer.socket.clientClosed(), { code: 4002, reason: 'the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)' });
  const e = await pending;
  assert.deepEqual([e.code, e.closeCode, e.message], ['BAD_CERTIFICATE', 4002,
    'cannot connect to wss://portal.test/ws: 4002 the server certificate is not a meshgate node certificate (no id-kp-meshgateNode)']);
});

test('a hello naming another node than the certificate is refused with 4002', async () => {
  const pending = connect(URL, clientOptions(network.WebSocket)).catch((e) => e);
  const peer = new NodePeer(await network.nextSocket(), { node: 'node-2' });

  await peer.accept();

  assert.deepEqual(await peer.socket.clientClosed(),
    { code: 4002, reason: 'hello names node \'node-2\' but the server certificate is for node \'node-1\'' });
  assert.equal((await pending).code, 'BAD_CERTIFICATE');
});

test('a node chain from another root is refused with 4002', async () => {
  const pending = connect(URL, clientOptions(network.WebSocket)).catch((e) => e);
  const peer = new NodePeer(await network.nextSocket(), { certificate: 'strangerNode', chain: ['strangerNode', 'otherCa'] });

  await peer.serverHello();

  assert.deepEqual(await peer.socket.clientClosed(), { code: 4002, reason: 'not signed by the trusted root' });
  await pending;
});

test('connect rejects with TIMEOUT and closes with 4003 when no hello comes in time', async () => {
  const pending = connect(URL, clientOptions(network.WebSocket, { connectTimeoutMs: 500 })).catch((e) => e);
  const peer = new NodePeer(await network.nextSocket());
  await peer.serverHello();
  await flush();

  mock.timers.tick(500);

  assert.deepEqual(await peer.socket.clientClosed(), { code: 4003, reason: 'no hello within 500 ms' });
  const e = await pending;
  assert.deepEqual([e.code, e.closeCode], ['TIMEOUT', 4003]);
});

test('connect refuses a private key that does not belong to the certificate', async () => {
  await assert.rejects(connect(URL, clientOptions(network.WebSocket,
    { privateKey: vectors.certificates.node.privateKeyPkcs8 })),
  { name: 'TypeError', message: 'options.privateKey does not belong to the first certificate of options.certificate' });
});

test('connect takes a non-extractable CryptoKey as the private key', async () => {
  const der = Uint8Array.from(atob(vectors.certificates.client.privateKeyPkcs8.replace(/-----[^-]+-----|\s/g, '')),
    (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

  const { client } = await connected({}, { privateKey: key });

  assert.equal(client.state, 'open');
});

test('a frame that fails its HMAC closes the session with 4005 and ends the calls with DISCONNECTED', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', {});
  await peer.nextMessage();
  const frame = await peer.seal({ kind: 'push', topic: 't', data: 1 });
  frame[12] ^= 1;

  peer.socket.deliver(frame);

  assert.deepEqual(await peer.socket.clientClosed(), { code: 4005, reason: 'frame HMAC does not verify' });
  await assert.rejects(answer, { code: 'DISCONNECTED', message: 'session closed: 4005 frame HMAC does not verify' });
  assert.equal(client.state, 'closed');
});

test('a decompression bomb closes with 1000 on the wire, as browsers cannot send 1009, and the calls learn 1009', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', {});
  await peer.nextMessage();

  await peer.send(new Uint8Array(1024 * 1024 + 1).fill(32), { compress: true });

  assert.deepEqual(await peer.socket.clientClosed(), { code: 1000, reason: '1009 decompressed payload exceeds 1048576 bytes' });
  await assert.rejects(answer, { message: 'session closed: 1009 decompressed payload exceeds 1048576 bytes' });
});

test('a text message from the node closes the session as an unreadable frame', async () => {
  const { client, peer } = await connected();

  peer.socket.deliver('{"kind":"push"}');

  assert.deepEqual(await peer.socket.clientClosed(), { code: 1000, reason: '1007 text message from the node' });
  assert.equal(client.state, 'closed');
});

test('a payload that is not a message closes the session as an unreadable frame', async () => {
  const { peer } = await connected();

  await peer.send({ kind: 'gossip' });

  assert.deepEqual(await peer.socket.clientClosed(), { code: 1000, reason: '1007 unknown kind \'gossip\'' });
});

test('after an hour the client rekeys before its next request', async () => {
  const { client, peer } = await connected();
  mock.timers.tick(3600000);

  client.call('time', 'now', {});
  const req = await peer.nextMessage();

  assert.deepEqual([req.type, peer.rekeyed], ['now', 1]);
});

test('frames of the node\'s next key generation are read after its REKEY frame', async () => {
  const { client, peer } = await connected();
  const answer = client.call('echo', 'echo', {});
  const req = await peer.nextMessage();

  await peer.rekey();
  await peer.send({ kind: 'res', id: req.id, result: 2, ingressNode: 'node-1', processedBy: 'node-1' });

  assert.equal((await answer).result, 2);
});

test('a connection that drops without a resume token ends the calls with DISCONNECTED', async () => {
  const { client, peer } = await connected({ resumeToken: null });
  const answer = client.call('echo', 'echo', {});
  await peer.nextMessage();

  peer.socket.drop(1006);

  await assert.rejects(answer, { code: 'DISCONNECTED', message: 'session closed: 1006 ' });
  assert.equal(client.state, 'closed');
});

test('a connection closed for a protocol fault is not resumed', async () => {
  const { client, peer } = await connected();

  peer.socket.drop(4005, 'frame HMAC does not verify');
  await flush();

  assert.deepEqual([client.state, network.opened], ['closed', 1]);
});

async function dropAndResume(peer) {
  peer.socket.drop(1006);
  mock.timers.tick(100);
  const next = new NodePeer(await network.nextSocket(), { ...NODE2, resumeToken: 'token-2' });
  await next.accept();
  return { next, resume: await next.nextMessage() };
}

test('a dropped connection is resumed with the call in flight, which is answered on the new one', async () => {
  const { client, peer } = await connected();
  const states = [];
  client.onStateChange((s) => states.push(s));
  const answer = client.call('work', 'sleep', { delayMs: 100 }, { timeoutMs: 4000 });
  const req = await peer.nextMessage();

  const { next, resume } = await dropAndResume(peer);
  await next.send({ kind: 'resumed', sessionId: 'wSNYcMp6wPzOUmn5Gr2low', node: 'node-2', resumeToken: 'token-3' });
  await next.send({ kind: 'res', id: req.id, result: 'done', ingressNode: 'node-2', processedBy: 'node-3' });

  assert.deepEqual(resume, { kind: 'resume', sessionId: 'wSNYcMp6wPzOUmn5Gr2low', node: 'node-1', token: 'token-1',
    requests: [{ id: req.id, service: 'work', type: 'sleep', params: { delayMs: 100 }, timeoutMs: 3900,
      idempotencyKey: req.idempotencyKey }] });
  assert.equal((await answer).result, 'done');
  assert.deepEqual([states, client.node, client.sessionId], [['resuming', 'open'], 'node-2', 'wSNYcMp6wPzOUmn5Gr2low']);
});

test('a call made while the session resumes is sent once it is back', async () => {
  const { client, peer } = await connected();
  peer.socket.drop(1006);
  const answer = client.call('echo', 'echo', { late: true });
  mock.timers.tick(100);
  const next = new NodePeer(await network.nextSocket(), NODE2);
  await next.accept();
  const resume = await next.nextMessage();
  await next.send({ kind: 'resumed', sessionId: 'wSNYcMp6wPzOUmn5Gr2low', node: 'node-2', resumeToken: 'token-3' });

  const req = await next.nextMessage();
  await next.send({ kind: 'res', id: req.id, result: 'late', ingressNode: 'node-2', processedBy: 'node-2' });

  assert.deepEqual([resume.requests, req.params], [undefined, { late: true }]);
  assert.equal((await answer).result, 'late');
});

test('a refused resume ends the calls in doubt with DISCONNECTED and keeps the new session', async () => {
  const { client, peer } = await connected();
  const answer = client.call('work', 'sleep', {}, { timeoutMs: 4000 });
  await peer.nextMessage();

  const { next } = await dropAndResume(peer);
  await next.send({ kind: 'error', id: null, code: 'RESUME_REFUSED', message: 'unknown session', ingressNode: 'node-2',
    processedBy: null });

  await assert.rejects(answer, { code: 'DISCONNECTED', message: 'resume refused: unknown session' });
  assert.deepEqual([client.state, client.node], ['open', 'node-2']);
});

test('a session that cannot be resumed within 30 s ends its calls with DISCONNECTED', async () => {
  const { client, peer } = await connected();
  const answer = settle(client.call('work', 'sleep', {}, { timeoutMs: 60000 }));
  await peer.nextMessage();
  peer.socket.drop(1006);

  let opened = network.opened;
  for (let i = 0; i < 40 && client.state === 'resuming'; i++) {
    mock.timers.tick(1000);
    await flush();
    if (network.opened > opened) {
      opened = network.opened;
      (await network.nextSocket()).drop(1006);
      await flush();
    }
  }

  assert.equal(client.state, 'closed');
  assert.equal(answer.error.code, 'DISCONNECTED');
  assert.match(answer.error.message, /^session closed: 1006 could not resume the session within 30000 ms: /);
});

// ----- push topics

/** Subscribes to the topics and answers as the node does; resolves with the client's promise's value. */
async function subscribed(client, peer, topics) {
  const answer = client.subscribe(topics);
  const sub = await peer.nextMessage();
  await peer.send({ kind: 'res', id: sub.id, result: { topics: [...sub.topics].sort() }, ingressNode: 'node-1',
    processedBy: 'node-1' });
  return answer;
}

test('subscribe sends a subscribe with a fresh id and its topics, and resolves with the node\'s topics', async () => {
  const { client, peer } = await connected();

  const answer = client.subscribe(['orders', 'prices']);
  const sub = await peer.nextMessage();
  await peer.send({ kind: 'res', id: sub.id, result: { topics: ['orders', 'prices'] }, ingressNode: 'node-1',
    processedBy: 'node-1' });

  assert.deepEqual(sub, { kind: 'subscribe', id: '1', topics: ['orders', 'prices'] });
  assert.deepEqual(await answer, ['orders', 'prices']);
  assert.deepEqual(client.topics, ['orders', 'prices']);
});

test('subscribe takes one topic as a string', async () => {
  const { client, peer } = await connected();

  assert.deepEqual(await subscribed(client, peer, 'orders'), ['orders']);
});

test('a malformed topic is refused locally with BAD_REQUEST and the node\'s message', async () => {
  const { client } = await connected();

  await assert.rejects(client.subscribe('bad topic'),
    { code: 'BAD_REQUEST', message: 'topic \'bad topic\' must match [A-Za-z0-9][A-Za-z0-9._:-]{0,127}' });
  await assert.rejects(client.subscribe([]), { code: 'BAD_REQUEST', message: 'topics must hold 1 to 256 topics' });
});

test('a subscribe the node refuses rejects with its code and message', async () => {
  const { client, peer } = await connected();

  const answer = client.subscribe('t65');
  const sub = await peer.nextMessage();
  await peer.send({ kind: 'error', id: sub.id, code: 'BAD_REQUEST', message: 'a session may subscribe to at most 64 topics',
    ingressNode: 'node-1', processedBy: null });

  await assert.rejects(answer, { code: 'BAD_REQUEST', message: 'a session may subscribe to at most 64 topics' });
  assert.deepEqual(client.topics, []);
});

test('unsubscribe sends an unsubscribe and resolves with the topics left', async () => {
  const { client, peer } = await connected();
  await subscribed(client, peer, ['orders', 'prices']);

  const answer = client.unsubscribe('orders');
  const unsub = await peer.nextMessage();
  await peer.send({ kind: 'res', id: unsub.id, result: { topics: ['prices'] }, ingressNode: 'node-1',
    processedBy: 'node-1' });

  assert.deepEqual(unsub, { kind: 'unsubscribe', id: unsub.id, topics: ['orders'] });
  assert.deepEqual(await answer, ['prices']);
});

test('a subscribe the gateway does not answer ends with TIMEOUT after the default timeout and the 2 s grace', async () => {
  const { client, peer } = await connected();
  const answer = settle(client.subscribe('orders'));
  await peer.nextMessage();

  mock.timers.tick(12000);
  await flush();

  assert.equal(answer.error.code, 'TIMEOUT');
});

test('a resume names the session\'s topics, so they hold on the node that resumes it', async () => {
  const { client, peer } = await connected();
  await subscribed(client, peer, ['orders', 'prices']);

  const { resume } = await dropAndResume(peer);

  assert.deepEqual(resume, { kind: 'resume', sessionId: 'wSNYcMp6wPzOUmn5Gr2low', node: 'node-1', token: 'token-1',
    topics: ['orders', 'prices'] });
});

test('a subscribe made while the session resumes is sent once it is back', async () => {
  const { client, peer } = await connected();
  peer.socket.drop(1006);
  const answer = client.subscribe('late');
  mock.timers.tick(100);
  const next = new NodePeer(await network.nextSocket(), NODE2);
  await next.accept();
  await next.nextMessage();
  await next.send({ kind: 'resumed', sessionId: 'wSNYcMp6wPzOUmn5Gr2low', node: 'node-2', resumeToken: 'token-3' });

  const sub = await next.nextMessage();
  await next.send({ kind: 'res', id: sub.id, result: { topics: ['late'] }, ingressNode: 'node-2', processedBy: 'node-2' });

  assert.deepEqual(sub.topics, ['late']);
  assert.deepEqual(await answer, ['late']);
});

test('after a refused resume the new session is subscribed to the old one\'s topics', async () => {
  const { client, peer } = await connected();
  await subscribed(client, peer, ['orders']);

  const { next } = await dropAndResume(peer);
  await next.send({ kind: 'error', id: null, code: 'RESUME_REFUSED', message: 'unknown session', ingressNode: 'node-2',
    processedBy: null });

  const sub = await next.nextMessage();
  assert.deepEqual([sub.kind, sub.topics], ['subscribe', ['orders']]);
  assert.equal(client.state, 'open');
});

test('close() ends a subscribe in flight with DISCONNECTED', async () => {
  const { client, peer } = await connected();
  const answer = client.subscribe('orders');
  await peer.nextMessage();

  client.close();

  await assert.rejects(answer, { code: 'DISCONNECTED' });
});

test('a push of a subscribed topic reaches the push listeners', async () => {
  const { client, peer } = await connected();
  await subscribed(client, peer, 'orders');
  const pushes = [];
  client.onPush((p) => pushes.push(p));

  await peer.send({ kind: 'push', topic: 'orders', data: { order: 'A-17' } });
  await handled(client, peer);

  assert.deepEqual(pushes.filter(notProbe), [{ topic: 'orders', data: { order: 'A-17' } }]);
});
