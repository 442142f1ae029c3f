// The client side of the secure channel (PROTOCOL.md §2), socket-free: it takes and returns
// bytes. start() gives CLIENT_HELLO; open() takes each message from the node and returns the
// payload it carried and the messages to send back; seal() gives the frames that carry a payload
// (a REKEY frame first when the key is due). Calls to open() must not overlap, nor calls to seal().

import { CryptoError, ProtocolError } from './errors.js';
import { concat, utf8 } from './bytes.js';
import {
  ecdh, ecdsaPublicKey, ephemeralKeyPair, hkdfHmacKey, hkdfKey, hmac, hmacVerify, randomBytes, sha256, validatePoint,
  verifyP1363,
} from './crypto.js';
import {
  CLIENT_FINISH, CLIENT_HELLO, DATA, MAX_CHAIN, REKEY, SERVER_FINISH, SERVER_HELLO, decodeHandshake, encodeHandshake,
  field,
} from './handshake.js';
import { CLIENT_TO_SERVER, DEFAULT_LIMITS, Opener, SERVER_TO_CLIENT, Sealer, directionKeys } from './frames.js';
import { nodeIdOf, parseCertificate, verifyChain } from './x509.js';

const SERVER_SIGNATURE = utf8('meshgate/1 server signature');
const CLIENT_SIGNATURE = utf8('meshgate/1 client signature');

/** Where the randoms and the ephemeral key come from: WebCrypto, unless a test fixes them. */
export const SYSTEM_ENTROPY = Object.freeze({ random: randomBytes, ephemeral: ephemeralKeyPair });

export class ClientChannel {
  #chain;
  #sign;
  #root;
  #limits;
  #sendLimits;
  #rekeyAfterMs;
  #now;
  #entropy;
  #state = 'start';
  #ephemeral = null;
  #clientHello = null;
  #serverHello = null;
  #clientFinish = null;
  #secret = null;
  #salt = null;
  #s2cConfirm = null;
  #sealer = null;
  #opener = null;
  #sendGeneration = 0;
  #receiveGeneration = 0;
  #sendKeySince = 0;
  #nodeId = null;

  /**
   * @param {object} o
   * @param {Uint8Array[]} o.chain the client's certificate chain, DER, leaf first (1–4)
   * @param {(data: Uint8Array) => Promise<Uint8Array>} o.sign P1363 ECDSA signature with the leaf's key
   * @param {object} o.root the trusted root, parsed ({@link parseCertificate})
   * @param {object} [o.limits] for the node's frames: maxFrameBytes, maxPayloadBytes, maxFramesPerKey
   * @param {object} [o.sendLimits] for the client's own frames (default: {@code limits})
   * @param {number} [o.rekeyAfterMs] rekey after this long (default one hour)
   * @param {() => number} [o.now] the clock, epoch ms
   * @param {{random: (n: number) => Uint8Array, ephemeral: () => Promise<{privateKey: CryptoKey, publicPoint: Uint8Array}>}} [o.entropy]
   */
  constructor({ chain, sign, root, limits = DEFAULT_LIMITS, sendLimits = limits, rekeyAfterMs = 3600000,
    now = Date.now, entropy = SYSTEM_ENTROPY }) {
    if (chain.length < 1 || chain.length > MAX_CHAIN) {
      throw new RangeError('own chain must hold 1 to ' + MAX_CHAIN + ' certificates');
    }
    this.#chain = chain;
    this.#sign = sign;
    this.#root = root;
    this.#limits = limits;
    this.#sendLimits = sendLimits;
    this.#rekeyAfterMs = rekeyAfterMs;
    this.#now = now;
    this.#entropy = entropy;
  }

  /** Whether payloads may be sent: the handshake has finished. */
  get established() {
    return this.#state === 'open';
  }

  /** The node id that the node's certificate names, once SERVER_HELLO has been verified. */
  get nodeId() {
    return this.#nodeId;
  }

  /** The key generation this side seals with (0 until the first rekey). */
  get sendGeneration() {
    return this.#sendGeneration;
  }

  /** CLIENT_HELLO: random, ephemeral point, chain. */
  async start() {
    if (this.#state !== 'start') {
      throw new Error('handshake already started');
    }
    this.#state = 'starting';
    this.#ephemeral = await this.#entropy.ephemeral();
    this.#clientHello = encodeHandshake(CLIENT_HELLO, [this.#entropy.random(32), this.#ephemeral.publicPoint,
      ...this.#chain]);
    this.#state = 'awaitServerHello';
    return this.#clientHello;
  }

  /**
   * One message from the node.
   *
   * @returns {Promise<{payload: Uint8Array|null, replies: Uint8Array[], established: boolean}>}
   * @throws ProtocolError the message is refused; close the session with its close code
   */
  async open(frame) {
    if (frame.length < 2) {
      throw new ProtocolError('MALFORMED_FRAME', 'frame of ' + frame.length + ' bytes');
    }
    const kind = frame[1];
    const handshakeKind = kind >= CLIENT_HELLO && kind <= SERVER_FINISH;
    if (this.#state === 'open') {
      if (handshakeKind) {
        throw new ProtocolError('UNEXPECTED_FRAME', 'a second handshake is not allowed');
      }
      return this.#openSealed(frame);
    }
    if (!handshakeKind) {
      throw new ProtocolError('UNEXPECTED_FRAME', 'data frame before the handshake ended');
    }
    try {
      if (this.#state === 'awaitServerHello') {
        return await this.#onServerHello(frame);
      }
      if (this.#state === 'awaitServerFinish') {
        return await this.#onServerFinish(frame);
      }
      throw new ProtocolError('UNEXPECTED_FRAME', 'handshake message before the handshake started');
    } catch (e) {
      if (e instanceof CryptoError) {
        throw new ProtocolError('HANDSHAKE_FAILED', e.message);
      }
      throw e;
    }
  }

  /** The frames that carry a payload: REKEY first when the sending key is due, then DATA. */
  async seal(payload) {
    if (this.#state !== 'open') {
      throw new Error('cannot send before the handshake ends');
    }
    const out = [];
    if (this.#sealer.needsRekey() || this.#now() >= this.#sendKeySince + this.#rekeyAfterMs) {
      out.push(await this.#sealer.seal(REKEY, new Uint8Array(0)));
      this.#sendGeneration++;
      this.#sealer = await this.#newSealer(this.#sendGeneration);
    }
    out.push(await this.#sealer.seal(DATA, payload));
    return out;
  }

  async #onServerHello(frame) {
    const sh = decodeHandshake(frame, SERVER_HELLO, 5);
    const n = sh.length;
    field(sh, 0, 16, 'session id');
    field(sh, 1, 32, 'server random');
    const serverPoint = validatePoint(field(sh, 2, 65, 'server key'));
    const chain = certificates(sh.slice(3, n - 1));
    try {
      await verifyChain(chain, this.#root, 'serverAuth', this.#now());
      this.#nodeId = nodeIdOf(chain[0]);
    } catch (e) {
      if (e instanceof CryptoError) {
        throw new ProtocolError('BAD_CERTIFICATE', e.message);
      }
      throw e;
    }
    const signature = field(sh, n - 1, 64, 'server signature');
    const core = encodeHandshake(SERVER_HELLO, sh.slice(0, n - 1));
    const leafKey = await ecdsaPublicKey(chain[0].publicKey);
    const signed = concat(SERVER_SIGNATURE, await sha256(this.#clientHello, core));
    if (leafKey === null || !(await verifyP1363(leafKey, signature, signed))) {
      throw new ProtocolError('HANDSHAKE_FAILED', 'server signature does not verify');
    }
    this.#serverHello = frame.slice();
    const c2sConfirm = await this.#deriveKeys(serverPoint);
    const transcript = await sha256(this.#clientHello, this.#serverHello);
    const clientSignature = await this.#sign(concat(CLIENT_SIGNATURE, transcript));
    const confirm = await hmac(c2sConfirm, await sha256(this.#clientHello, this.#serverHello, clientSignature));
    this.#clientFinish = encodeHandshake(CLIENT_FINISH, [clientSignature, confirm]);
    this.#state = 'awaitServerFinish';
    return { payload: null, replies: [this.#clientFinish], established: false };
  }

  async #onServerFinish(frame) {
    const sf = decodeHandshake(frame, SERVER_FINISH, 1);
    const confirm = field(sf, 0, 32, 'server confirmation');
    const expected = await sha256(this.#clientHello, this.#serverHello, this.#clientFinish);
    if (!(await hmacVerify(this.#s2cConfirm, confirm, expected))) {
      throw new ProtocolError('HANDSHAKE_FAILED', 'server key confirmation failed');
    }
    this.#sealer = await this.#newSealer(0);
    this.#opener = new Opener(SERVER_TO_CLIENT, await directionKeys(this.#secret, this.#salt, SERVER_TO_CLIENT, 0),
      this.#limits);
    this.#clientHello = null;
    this.#serverHello = null;
    this.#clientFinish = null;
    this.#s2cConfirm = null;
    this.#state = 'open';
    return { payload: null, replies: [], established: true };
  }

  async #openSealed(frame) {
    let opened;
    try {
      opened = await this.#opener.open(frame);
    } catch (e) {
      if (!(e instanceof CryptoError)) {
        throw e;
      }
      const kind = e.reason === 'TOO_LARGE' ? 'FRAME_TOO_LARGE' : e.reason === 'MALFORMED' ? 'MALFORMED_FRAME'
        : 'FRAME_REJECTED';
      throw new ProtocolError(kind, e.message);
    }
    if (opened.kind === REKEY) {
      this.#receiveGeneration++;
      this.#opener = new Opener(SERVER_TO_CLIENT,
        await directionKeys(this.#secret, this.#salt, SERVER_TO_CLIENT, this.#receiveGeneration), this.#limits);
      return { payload: null, replies: [], established: false };
    }
    if (opened.kind !== DATA) {
      throw new ProtocolError('MALFORMED_FRAME', 'unknown frame kind ' + opened.kind);
    }
    return { payload: opened.payload, replies: [], established: false };
  }

  /** The session's secret and salt; returns the client confirmation key, keeps the node's. */
  async #deriveKeys(serverPoint) {
    const raw = await ecdh(this.#ephemeral.privateKey, serverPoint);
    this.#ephemeral = null;
    this.#secret = await hkdfKey(raw);
    raw.fill(0);
    this.#salt = await sha256(this.#clientHello, this.#serverHello);
    this.#s2cConfirm = await hkdfHmacKey(this.#secret, this.#salt, utf8('meshgate/1 s2c confirm'));
    return hkdfHmacKey(this.#secret, this.#salt, utf8('meshgate/1 c2s confirm'));
  }

  async #newSealer(generation) {
    this.#sendKeySince = this.#now();
    return new Sealer(CLIENT_TO_SERVER, await directionKeys(this.#secret, this.#salt, CLIENT_TO_SERVER, generation),
      this.#sendLimits);
  }
}

function certificates(ders) {
  if (ders.length < 1 || ders.length > MAX_CHAIN) {
    throw new ProtocolError('BAD_CERTIFICATE', 'certificate chain must hold 1 to ' + MAX_CHAIN + ' certificates');
  }
  try {
    return ders.map((d) => parseCertificate(d.slice()));
  } catch {
    throw new ProtocolError('BAD_CERTIFICATE', 'certificate cannot be parsed');
  }
}

/**
 * Checks the node's first message: a hello that names the node whose certificate signed
 * SERVER_HELLO (so that the TLS terminator, whose certificate names no node, cannot pose as one).
 *
 * @throws ProtocolError UNEXPECTED_FRAME when it is no hello, BAD_CERTIFICATE when it names another node
 */
export function expectHello(message, nodeId) {
  if (message.kind !== 'hello') {
    throw new ProtocolError('UNEXPECTED_FRAME', `expected hello as the first message, got '${message.kind}'`);
  }
  if (message.node !== nodeId) {
    throw new ProtocolError('BAD_CERTIFICATE',
      `hello names node '${message.node}' but the server certificate is for node '${nodeId}'`);
  }
  return message;
}
