// meshgate browser client: one secure WebSocket to a meshgate access point, as an ES module that
// a page imports with no build step:
//
//   import { connect } from '/meshgate.js';
//   const client = await connect('wss://portal.example/ws', { certificate, privateKey, ca });
//   const { result } = await client.call('echo', 'echo', { i: 1 });
//
// The protocol is docs/PROTOCOL.md (§9 says what a browser client does); the types are in
// meshgate.d.ts beside this file.

import { MeshgateError } from './meshgate/errors.js';
import { pemBlocks, utf8 } from './meshgate/bytes.js';
import { ecdsaPublicKey, signP1363, signingKey, verifyP1363 } from './meshgate/crypto.js';
import { ClientChannel } from './meshgate/channel.js';
import { checkRoot, parseCertificate } from './meshgate/x509.js';
import { MAX_TIMEOUT_MS } from './meshgate/codec.js';
import { MeshgateClient } from './meshgate/client.js';

export { MeshgateError };

/** Frames from the node may be as large as the Java client accepts; the client's own as the node's default. */
const RECEIVE_LIMITS = Object.freeze({ maxFrameBytes: 1024 * 1024, maxPayloadBytes: 1024 * 1024, maxFramesPerKey: 2 ** 24 });
const SEND_LIMITS = Object.freeze({ maxFrameBytes: 65536, maxPayloadBytes: 1024 * 1024, maxFramesPerKey: 2 ** 24 });
const PROBE = utf8('meshgate credential key check');

/**
 * Connects to a meshgate access point and runs the secure channel's handshake; resolves once the
 * node's hello has arrived.
 *
 * @param {string} url e.g. wss://portal.example/ws
 * @param {import('./meshgate.d.ts').ConnectOptions} options
 * @returns {Promise<import('./meshgate.d.ts').MeshgateClient>}
 */
export async function connect(url, options = {}) {
  if (typeof url !== 'string') {
    throw new TypeError('url must be a string such as wss://host/ws');
  }
  const WebSocketCtor = options.WebSocket ?? globalThis.WebSocket;
  if (typeof WebSocketCtor !== 'function') {
    throw new TypeError('no WebSocket here: pass options.WebSocket');
  }
  const chain = pemBlocks(options.certificate ?? '', 'CERTIFICATE');
  if (chain.length < 1 || chain.length > 4) {
    throw new TypeError('options.certificate must hold 1 to 4 PEM certificates, leaf first');
  }
  const leaf = parse(chain[0], 'options.certificate');
  const [caDer] = pemBlocks(options.ca ?? '', 'CERTIFICATE');
  if (!caDer) {
    throw new TypeError('options.ca must be the root certificate as PEM text');
  }
  const root = parse(caDer, 'options.ca');
  try {
    await checkRoot(root);
  } catch (e) {
    throw new TypeError('options.ca: ' + e.message);
  }
  const key = await signingKey(options.privateKey);
  const leafKey = leaf.publicKey && await ecdsaPublicKey(leaf.publicKey);
  if (!leafKey || !(await verifyP1363(leafKey, await signP1363(key, PROBE), PROBE))) {
    throw new TypeError('options.privateKey does not belong to the first certificate of options.certificate');
  }
  const connectTimeoutMs = positive(options.connectTimeoutMs ?? 10000, 'connectTimeoutMs', Infinity);
  const defaultTimeoutMs = positive(options.defaultTimeoutMs ?? 10000, 'defaultTimeoutMs', MAX_TIMEOUT_MS);
  return MeshgateClient.connect(url, {
    WebSocket: WebSocketCtor,
    connectTimeoutMs,
    defaultTimeoutMs,
    maxFrameBytes: RECEIVE_LIMITS.maxFrameBytes,
    newChannel: () => new ClientChannel({
      chain, sign: (data) => signP1363(key, data), root, limits: RECEIVE_LIMITS, sendLimits: SEND_LIMITS,
    }),
  });
}

function parse(der, what) {
  try {
    return parseCertificate(der);
  } catch (e) {
    throw new TypeError(what + ': ' + e.message);
  }
}

function positive(value, name, max) {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new TypeError(`options.${name} must be an integer from 1${max === Infinity ? '' : ' to ' + max}`);
  }
  return value;
}
