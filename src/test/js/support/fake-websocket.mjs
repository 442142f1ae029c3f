// A WebSocket stand-in for the SDK tests: the client side behaves like a browser's (binary
// messages as ArrayBuffer, close codes limited to 1000 and 3000–4999), the test side opens,
// delivers and drops at will and waits for what the client sends.

class Queue {
  #items = [];
  #waiters = [];

  push(item) {
    const w = this.#waiters.shift();
    if (w) {
      w(item);
    } else {
      this.#items.push(item);
    }
  }

  next() {
    return this.#items.length > 0 ? Promise.resolve(this.#items.shift())
      : new Promise((resolve) => this.#waiters.push(resolve));
  }

  get size() {
    return this.#items.length;
  }
}

/** Every socket a client opens, in order. */
export class FakeNetwork {
  #sockets = new Queue();
  opened = 0;

  /** The constructor to pass as options.WebSocket. */
  get WebSocket() {
    const network = this;
    return class extends FakeWebSocket {
      constructor(url) {
        super(url);
        network.opened++;
        network.#sockets.push(this);
      }
    };
  }

  /** The next socket the client opens. */
  nextSocket() {
    return this.#sockets.next();
  }
}

export class FakeWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 3;

  #sent = new Queue();
  #closed;
  #closedResolve;

  constructor(url) {
    this.url = url;
    this.readyState = FakeWebSocket.CONNECTING;
    this.binaryType = 'blob';
    this.closedWith = null;
    this.#closed = new Promise((resolve) => {
      this.#closedResolve = resolve;
    });
  }

  // ----- the client's side, as in a browser

  send(data) {
    if (this.readyState === FakeWebSocket.CONNECTING) {
      throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    }
    if (this.readyState === FakeWebSocket.OPEN) {
      this.#sent.push(new Uint8Array(data));
    }
  }

  close(code, reason = '') {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new DOMException(`The code must be either 1000, or between 3000 and 4999. ${code} is neither.`,
        'InvalidAccessError');
    }
    if (this.readyState === FakeWebSocket.CLOSED) {
      return;
    }
    this.readyState = FakeWebSocket.CLOSED;
    this.closedWith = { code, reason };
    this.#closedResolve(this.closedWith);
    queueMicrotask(() => this.onclose && this.onclose({ code: code ?? 1005, reason, wasClean: true }));
  }

  // ----- the test's side, as the node

  accept() {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen && this.onopen({});
  }

  /** A message from the node: bytes (binary) or a string (text). */
  deliver(data) {
    const event = { data: typeof data === 'string' ? data : data.slice().buffer };
    this.onmessage && this.onmessage(event);
  }

  /** The connection ends without the client closing it (1006: dropped). */
  drop(code = 1006, reason = '') {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose && this.onclose({ code, reason, wasClean: false });
  }

  /** The next message the client sends. */
  nextSent() {
    return this.#sent.next();
  }

  /** Messages sent and not yet taken. */
  get pending() {
    return this.#sent.size;
  }

  /** Resolves with {code, reason} when the client closes the socket. */
  clientClosed() {
    return this.#closed;
  }
}
