// A scripted meshgate node for the SDK tests: it runs the node's side of the handshake over a
// FakeWebSocket with the vectors' certificates and keys, seals and opens frames with the
// protocol core, and sends whatever messages a test scripts.

import zlib from 'node:zlib';
import { vectors, hex } from './vectors.mjs';
import { concat, fromUtf8, utf8 } from '../../../main/webapp/meshgate/bytes.js';
import {
  ecdh, ecdsaPublicKey, ephemeralKeyPair, hkdfHmacKey, hkdfKey, hmac, hmacVerify, randomBytes, sha256, signP1363,
  signingKey, verifyP1363,
} from '../../../main/webapp/meshgate/crypto.js';
import {
  CLIENT_FINISH, CLIENT_HELLO, DATA, REKEY, SERVER_FINISH, SERVER_HELLO, decodeHandshake, encodeHandshake,
} from '../../../main/webapp/meshgate/handshake.js';
import {
  CLIENT_TO_SERVER, FLAG_COMPRESSED, Opener, SERVER_TO_CLIENT, Sealer, directionKeys,
} from '../../../main/webapp/meshgate/frames.js';
import { parseCertificate } from '../../../main/webapp/meshgate/x509.js';

const NODE_LIMITS = { maxFrameBytes: 65536, maxPayloadBytes: 1024 * 1024, maxFramesPerKey: 2 ** 24 };

/** What a test gives connect(): the vectors' client credentials and root. */
export function clientOptions(WebSocket, extra = {}) {
  const pem = (n) => vectors.certificates[n].pem;
  return { certificate: pem('client') + pem('ca'), privateKey: vectors.certificates.client.privateKeyPkcs8,
    ca: pem('ca'), WebSocket, ...extra };
}

export class NodePeer {
  #socket;
  #options;
  #sealer = null;
  #opener = null;
  #secret = null;
  #salt = null;
  #sendGeneration = 0;
  #receiveGeneration = 0;

  /**
   * @param {object} [options]
   * @param {string} [options.certificate] the name of the vectors' certificate the node signs with
   * @param {string[]} [options.chain] the names of its chain
   * @param {string} [options.node] the node id its hello names
   * @param {string|null} [options.resumeToken] the token its hello carries
   */
  constructor(socket, options = {}) {
    this.#socket = socket;
    this.#options = { certificate: 'node', chain: ['node', 'ca'], node: 'node-1', sessionId: 'wSNYcMp6wPzOUmn5Gr2low',
      resumeToken: 'token-1', ...options };
  }

  get socket() {
    return this.#socket;
  }

  /** Accepts the socket and answers CLIENT_HELLO with SERVER_HELLO; returns once it is sent. */
  async serverHello() {
    this.#socket.accept();
    const ch = await this.#socket.nextSent();
    const fields = decodeHandshake(ch, CLIENT_HELLO, 3);
    this.clientLeaf = parseCertificate(fields[2].slice());
    const ephemeral = await ephemeralKeyPair();
    const chain = this.#options.chain.map((n) => hex(vectors.certificates[n].der));
    const shFields = [randomBytes(16), randomBytes(32), ephemeral.publicPoint, ...chain];
    const core = encodeHandshake(SERVER_HELLO, shFields);
    const key = await signingKey(vectors.certificates[this.#options.certificate].privateKeyPkcs8);
    const signature = await signP1363(key, concat(utf8('meshgate/1 server signature'), await sha256(ch, core)));
    const sh = encodeHandshake(SERVER_HELLO, [...shFields, signature]);
    this.#secret = await hkdfKey(await ecdh(ephemeral.privateKey, fields[1]));
    this.#salt = await sha256(ch, sh);
    this.transcript = { ch, sh };
    this.#socket.deliver(sh);
  }

  /** Checks CLIENT_FINISH (signature and confirmation) and answers SERVER_FINISH. */
  async serverFinish() {
    const { ch, sh } = this.transcript;
    const cf = await this.#socket.nextSent();
    const [signature, confirm] = decodeHandshake(cf, CLIENT_FINISH, 2);
    const clientKey = await ecdsaPublicKey(this.clientLeaf.publicKey);
    if (!(await verifyP1363(clientKey, signature, concat(utf8('meshgate/1 client signature'), this.#salt)))) {
      throw new Error('the client signature does not verify');
    }
    const c2sConfirm = await hkdfHmacKey(this.#secret, this.#salt, utf8('meshgate/1 c2s confirm'));
    if (!(await hmacVerify(c2sConfirm, confirm, await sha256(ch, sh, signature)))) {
      throw new Error('the client confirmation does not verify');
    }
    const s2cConfirm = await hkdfHmacKey(this.#secret, this.#salt, utf8('meshgate/1 s2c confirm'));
    this.#sealer = new Sealer(SERVER_TO_CLIENT, await directionKeys(this.#secret, this.#salt, SERVER_TO_CLIENT, 0),
      NODE_LIMITS);
    this.#opener = new Opener(CLIENT_TO_SERVER, await directionKeys(this.#secret, this.#salt, CLIENT_TO_SERVER, 0),
      NODE_LIMITS);
    this.#socket.deliver(encodeHandshake(SERVER_FINISH, [await hmac(s2cConfirm, await sha256(ch, sh, cf))]));
  }

  /** The whole handshake and the hello. */
  async accept() {
    await this.serverHello();
    await this.serverFinish();
    await this.send({ kind: 'hello', sessionId: this.#options.sessionId, node: this.#options.node,
      ...(this.#options.resumeToken ? { resumeToken: this.#options.resumeToken } : {}) });
  }

  /** Seals a message (an object as JSON, or bytes) and delivers it; Brotli-compressed on request. */
  async send(message, { compress = false } = {}) {
    this.#socket.deliver(await this.seal(message, { compress }));
  }

  /** The sealed frame of a message, not delivered. */
  async seal(message, { compress = false } = {}) {
    const payload = message instanceof Uint8Array ? message : utf8(JSON.stringify(message));
    return compress
      ? this.#sealer.seal(DATA, new Uint8Array(zlib.brotliCompressSync(payload)), FLAG_COMPRESSED)
      : this.#sealer.seal(DATA, payload);
  }

  /** A REKEY frame; later frames are sealed with the next generation. */
  async rekey() {
    this.#socket.deliver(await this.#sealer.seal(REKEY, new Uint8Array(0)));
    this.#sendGeneration++;
    this.#sealer = new Sealer(SERVER_TO_CLIENT,
      await directionKeys(this.#secret, this.#salt, SERVER_TO_CLIENT, this.#sendGeneration), NODE_LIMITS);
  }

  /** The next frame the client sends, opened: {frame, message}; REKEY frames are followed. */
  async receive() {
    for (;;) {
      const frame = await this.#socket.nextSent();
      const { kind, payload } = await this.#opener.open(frame);
      if (kind === REKEY) {
        this.#receiveGeneration++;
        this.rekeyed = (this.rekeyed ?? 0) + 1;
        this.#opener = new Opener(CLIENT_TO_SERVER,
          await directionKeys(this.#secret, this.#salt, CLIENT_TO_SERVER, this.#receiveGeneration), NODE_LIMITS);
        continue;
      }
      return { frame, message: JSON.parse(fromUtf8(payload)) };
    }
  }

  /** The next message the client sends. */
  async nextMessage() {
    return (await this.receive()).message;
  }
}

