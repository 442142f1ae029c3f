// The thin adapter between one WebSocket and one ClientChannel: it starts the handshake when the
// socket opens, feeds the node's messages to the channel one at a time and in order, sends what
// the channel answers, seals payloads in order, and closes the socket with the code of a refusal.

import { CloseCode, ProtocolError } from './errors.js';
import { utf8 } from './bytes.js';

/** A browser may send only 1000 and 3000–4999 in a close frame. */
function wireCode(code) {
  return code === 1000 || (code >= 3000 && code <= 4999) ? code : CloseCode.NORMAL;
}

/** A close reason: at most 123 bytes of UTF-8. */
function wireReason(text) {
  let r = text;
  while (utf8(r).length > 123) {
    r = r.slice(0, -1);
  }
  return r;
}

export class Link {
  #ws = null;
  #channel;
  #onPayload;
  #onClose;
  #maxFrameBytes;
  #inbound = Promise.resolve();
  #outbound = Promise.resolve();
  #ended = false;

  /**
   * @param {import('./channel.js').ClientChannel} channel this connection's channel
   * @param {{onPayload: (link: Link, payload: Uint8Array) => void,
   *          onClose: (link: Link, code: number, reason: string, refusal: string|null) => void}} handlers
   *     onClose gets the kind of the client's own refusal (e.g. BAD_CERTIFICATE), or null when the
   *     socket closed
   * @param {number} maxFrameBytes largest message accepted from the node
   */
  constructor(channel, { onPayload, onClose }, maxFrameBytes) {
    this.#channel = channel;
    this.#onPayload = onPayload;
    this.#onClose = onClose;
    this.#maxFrameBytes = maxFrameBytes;
  }

  get channel() {
    return this.#channel;
  }

  /** Opens the socket; the handshake starts once it is open. */
  open(WebSocketCtor, url) {
    const ws = new WebSocketCtor(url);
    this.#ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.#outbound = this.#outbound.then(async () => {
        const hello = await this.#channel.start();
        if (!this.#ended) {
          ws.send(hello);
        }
      }).catch((e) => this.fail(new ProtocolError('INTERNAL', 'cannot start the handshake: ' + (e && e.message))));
    };
    ws.onmessage = (event) => {
      this.#inbound = this.#inbound.then(() => this.#receive(event.data));
    };
    ws.onclose = (event) => this.#closed(event.code, event.reason || '');
    ws.onerror = () => {};
  }

  /** Seals and sends a payload after those sent before; rejects when it cannot be sealed. */
  send(payload) {
    const sent = this.#outbound.then(async () => {
      if (this.#ended) {
        return;
      }
      for (const frame of await this.#channel.seal(payload)) {
        this.#ws.send(frame);
      }
    });
    this.#outbound = sent.catch(() => {});
    return sent;
  }

  /** Refuses the node's last message: closes the socket with the refusal's close code. */
  fail(error) {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    const wire = wireCode(error.closeCode);
    this.#ws.close(wire, wireReason(wire === error.closeCode ? error.message : error.closeCode + ' ' + error.message));
    this.#onClose(this, error.closeCode, error.message, error.kind);
  }

  /** Closes the socket on the client's own account; no close is reported. */
  close(code, reason) {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    if (this.#ws) {
      this.#ws.close(code, reason);
    }
  }

  async #receive(data) {
    if (this.#ended) {
      return;
    }
    if (typeof data === 'string') {
      this.fail(new ProtocolError('MALFORMED_FRAME', 'text message from the node'));
      return;
    }
    const frame = new Uint8Array(data);
    if (frame.length > this.#maxFrameBytes) {
      this.fail(new ProtocolError('FRAME_TOO_LARGE', 'frame of ' + frame.length + ' bytes exceeds '
        + this.#maxFrameBytes));
      return;
    }
    let inbound;
    try {
      inbound = await this.#channel.open(frame);
    } catch (e) {
      this.fail(e instanceof ProtocolError ? e : new ProtocolError('INTERNAL', String(e && e.message)));
      return;
    }
    if (this.#ended) {
      return;
    }
    for (const reply of inbound.replies) {
      this.#ws.send(reply);
    }
    if (inbound.payload !== null) {
      this.#onPayload(this, inbound.payload);
    }
  }

  #closed(code, reason) {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    this.#onClose(this, code, reason, null);
  }
}
