// The browser client's session: calls and their outcomes, pushes, state, and the resume of a
// session whose connection dropped. Same semantics as the Java MeshgateClient: every call ends
// exactly once (the gateway's answer, TIMEOUT after its timeout plus a 2 s grace, or
// DISCONNECTED), UNAVAILABLE is sent again while the call's time allows, and a dropped connection
// is resumed through the same access point for up to 30 s. Push topics: subscribe and unsubscribe
// are answered like calls; the topics the node confirmed go with a resume, so they hold on the
// node that resumes the session (PROTOCOL.md §3b).

import { MeshgateError, ProtocolError } from './errors.js';
import { base64url } from './bytes.js';
import { randomBytes } from './crypto.js';
import {
  CodecError, MAX_TIMEOUT_MS, decodeMessage, encodeRequest, encodeResume, encodeSubscription, requestProblem, topicsProblem,
} from './codec.js';
import { expectHello } from './channel.js';
import { Link } from './link.js';

const GRACE_MS = 2000;
const RESUME_WINDOW_MS = 30000;
const RESUMABLE = new Set([1006, 1001, 1012, 1013]);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error a call ends with for an error answer from the node. */
function refusal(m) {
  const details = { ingressNode: m.ingressNode, processedBy: m.processedBy };
  if (m.retryAfterMs !== undefined) {
    details.retryAfterMs = m.retryAfterMs;
  }
  return new MeshgateError(m.code, m.message, details);
}

/** A delay between half and all of {@code ms}. */
function jitter(ms) {
  const half = Math.floor(ms / 2);
  return half + Math.floor(Math.random() * (half + 1));
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function report(error) {
  (globalThis.reportError || console.error)(error);
}

export class MeshgateClient {
  #url;
  #config;
  #state = 'connecting';
  #link = null;
  #session = null;
  #calls = new Map();
  #nextId = 0;
  #pushListeners = new Set();
  #stateListeners = new Set();
  #resumeAnswer = null;
  /** The topics the node last confirmed, sorted. */
  #topics = [];
  /** Subscribes and unsubscribes waiting for their answer, by id. */
  #changes = new Map();

  /** Connects, runs the handshake and waits for the node's hello. */
  static async connect(url, config) {
    const client = new MeshgateClient(url, config);
    client.#link = client.#openLink();
    try {
      client.#session = await client.#hello(client.#link);
    } catch (e) {
      client.#setState('closed');
      throw e;
    }
    client.#setState('open');
    return client;
  }

  constructor(url, config) {
    this.#url = url;
    this.#config = config;
  }

  /** 'connecting', 'open', 'resuming' or 'closed'. */
  get state() {
    return this.#state;
  }

  /** The session id the gateway gave (it stays the same across resumes). */
  get sessionId() {
    return this.#session && this.#session.sessionId;
  }

  /** The node holding the session now. */
  get node() {
    return this.#session && this.#session.node;
  }

  onStateChange(listener) {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onPush(listener) {
    this.#pushListeners.add(listener);
    return () => this.#pushListeners.delete(listener);
  }

  /** The push topics the node last confirmed for this session, sorted. */
  get topics() {
    return [...this.#topics];
  }

  subscribe(topics) {
    return this.#change('subscribe', topics);
  }

  unsubscribe(topics) {
    return this.#change('unsubscribe', topics);
  }

  /** A subscribe or unsubscribe: resolves with the session's topics after it, or rejects with a MeshgateError. */
  #change(kind, topics) {
    return new Promise((resolve, reject) => {
      const list = typeof topics === 'string' ? [topics] : topics;
      const problem = topicsProblem(list);
      if (problem) {
        reject(new MeshgateError('BAD_REQUEST', problem));
        return;
      }
      const change = this.#startChange(kind, [...list], resolve, reject);
      if (this.#state === 'closed') {
        this.#endChange(change, new MeshgateError('DISCONNECTED', 'the session is closed'));
      } else {
        this.#sendChange(change);
      }
    });
  }

  #startChange(kind, topics, resolve, reject) {
    const id = String(++this.#nextId);
    const change = { id, kind, topics, resolve, reject, done: false };
    const wait = this.#config.defaultTimeoutMs + GRACE_MS;
    change.timer = setTimeout(() => this.#endChange(change, new MeshgateError('TIMEOUT',
      `no answer from the gateway within ${wait} ms`)), wait);
    this.#changes.set(id, change);
    return change;
  }

  /** Sends a change now, or leaves it for the resume while the session is between connections. */
  #sendChange(change) {
    const link = this.#link;
    if (this.#state === 'open' && link) {
      link.send(encodeSubscription(change.kind, change.id, change.topics))
        .catch((e) => this.#endChange(change, new MeshgateError('BAD_REQUEST', e.message)));
    }
  }

  #endChange(change, outcome) {
    if (change.done) {
      return;
    }
    change.done = true;
    clearTimeout(change.timer);
    this.#changes.delete(change.id);
    if (outcome instanceof MeshgateError) {
      change.reject(outcome);
    } else {
      change.resolve(outcome);
    }
  }

  /** The node's answer to a change. */
  #changeAnswered(change, m) {
    if (m.kind === 'error') {
      this.#endChange(change, new MeshgateError(m.code, m.message,
        { ingressNode: m.ingressNode, processedBy: m.processedBy }));
      return;
    }
    const topics = m.result && Array.isArray(m.result.topics) ? m.result.topics.filter((t) => typeof t === 'string') : [];
    this.#topics = [...topics].sort();
    this.#endChange(change, [...this.#topics]);
  }

  call(service, type, params, { timeoutMs = this.#config.defaultTimeoutMs, idempotencyKey } = {}) {
    return new Promise((resolve, reject) => {
      const problem = requestProblem({ service, type, params, timeoutMs, idempotencyKey });
      if (problem) {
        reject(new MeshgateError('BAD_REQUEST', problem));
        return;
      }
      const id = String(++this.#nextId);
      const call = {
        request: { id, service, type, params: params ?? {}, timeoutMs,
          idempotencyKey: idempotencyKey ?? base64url(randomBytes(16)) },
        deadline: Date.now() + timeoutMs, attempts: 0, sent: false, done: false, resolve, reject,
      };
      this.#calls.set(id, call);
      call.timer = setTimeout(() => this.#finish(call, new MeshgateError('TIMEOUT',
        `no answer from the gateway within ${timeoutMs + GRACE_MS} ms`)), timeoutMs + GRACE_MS);
      if (this.#state === 'closed') {
        this.#finish(call, new MeshgateError('DISCONNECTED', 'the session is closed'));
      } else {
        this.#send(call, timeoutMs);
      }
    });
  }

  close() {
    const link = this.#link;
    this.#setState('closed');
    if (link) {
      link.close(1000, 'bye');
    }
    this.#ended(1000, 'client closed the session');
  }

  // ----- sending

  /** Sends a call now, or leaves it for the resume while the session is between connections. */
  #send(call, timeoutMs) {
    const link = this.#link;
    if (this.#state !== 'open' || !link) {
      return;
    }
    call.sent = true;
    link.send(encodeRequest({ ...call.request, timeoutMs })).catch((e) => {
      this.#finish(call, new MeshgateError('BAD_REQUEST', e.message));
    });
  }

  /**
   * Sends a call again after UNAVAILABLE (nothing ran) with the same id and idempotency key and the
   * time it has left when it is sent (a timer that fires late must not give the gateway a deadline
   * past the call's own), after 50 ms doubling to 1 s with jitter, and never sooner than the
   * answer's retryAfterMs plus up to a quarter of it more; false when the call has no time left
   * for it. A retry whose time has run out by then ends the call with the refusal it retried.
   */
  #retry(call, answer) {
    let backoff = jitter(Math.min(1000, 50 * 2 ** Math.min(call.attempts, 5)));
    if (answer.retryAfterMs !== undefined) {
      const advice = answer.retryAfterMs;
      backoff = Math.max(backoff, advice + Math.floor(Math.random() * (Math.floor(advice / 4) + 1)));
    }
    if (call.deadline - Date.now() - backoff < 1) {
      return false;
    }
    call.attempts++;
    setTimeout(() => {
      const left = call.deadline - Date.now();
      if (call.done) {
        return;
      }
      if (left < 1) {
        this.#finish(call, refusal(answer));
        return;
      }
      this.#send(call, Math.min(left, MAX_TIMEOUT_MS));
    }, backoff);
    return true;
  }

  #finish(call, outcome) {
    if (call.done) {
      return;
    }
    call.done = true;
    clearTimeout(call.timer);
    this.#calls.delete(call.request.id);
    if (outcome instanceof MeshgateError) {
      call.reject(outcome);
    } else {
      call.resolve(outcome);
    }
  }

  // ----- receiving

  #onPayload(link, payload) {
    let m;
    try {
      m = decodeMessage(payload);
      if (!link.greeted) {
        link.greeted = true;
        link.hello.resolve(expectHello(m, link.channel.nodeId));
        return;
      }
    } catch (e) {
      link.fail(e instanceof CodecError ? new ProtocolError('MALFORMED_FRAME', e.message) : e);
      return;
    }
    if (m.kind === 'resumed' || (m.kind === 'error' && m.id === null && m.code === 'RESUME_REFUSED')) {
      if (this.#resumeAnswer) {
        this.#resumeAnswer.resolve(m);
      }
    } else if ((m.kind === 'res' || m.kind === 'error') && m.id !== null && this.#changes.has(m.id)) {
      this.#changeAnswered(this.#changes.get(m.id), m);
    } else if (m.kind === 'res' || m.kind === 'error') {
      this.#answer(m);
    } else if (m.kind === 'push') {
      for (const listener of [...this.#pushListeners]) {
        try {
          listener({ topic: m.topic, data: m.data });
        } catch (e) {
          report(e);
        }
      }
    }
  }

  #answer(m) {
    const call = m.id === null ? undefined : this.#calls.get(m.id);
    if (!call) {
      return;
    }
    if (m.kind === 'res') {
      this.#finish(call, { result: m.result, ingressNode: m.ingressNode, processedBy: m.processedBy });
      return;
    }
    if (m.code === 'UNAVAILABLE' && this.#retry(call, m)) {
      return;
    }
    this.#finish(call, refusal(m));
  }

  // ----- connections, losing them and resuming

  /** A new connection with a fresh channel, its handshake under way. */
  #openLink() {
    const link = new Link(this.#config.newChannel(), {
      onPayload: (l, payload) => this.#onPayload(l, payload),
      onClose: (l, code, reason, refusal) => this.#onLinkClosed(l, code, reason, refusal),
    }, this.#config.maxFrameBytes);
    link.hello = deferred();
    link.gone = deferred();
    link.greeted = false;
    link.open(this.#config.WebSocket, this.#url);
    return link;
  }

  /** The link's hello, or a MeshgateError when it fails or the connect timeout passes first. */
  async #hello(link) {
    const ms = this.#config.connectTimeoutMs;
    const timer = setTimeout(() => link.fail(new ProtocolError('HANDSHAKE_TIMEOUT', `no hello within ${ms} ms`)), ms);
    try {
      return await link.hello.promise;
    } finally {
      clearTimeout(timer);
    }
  }

  #onLinkClosed(link, code, reason, refusal) {
    const why = new MeshgateError(refusal === 'HANDSHAKE_TIMEOUT' ? 'TIMEOUT' : refusal || 'DISCONNECTED',
      `cannot connect to ${this.#url}: ${code} ${reason}`, { closeCode: code });
    link.hello.reject(why);
    link.gone.reject(why);
    if (link !== this.#link || this.#state !== 'open') {
      return;
    }
    if (!RESUMABLE.has(code) || !this.#session.resumeToken) {
      this.#ended(code, reason);
      return;
    }
    this.#setState('resuming');
    this.#resumeLoop(code, reason);
  }

  async #resumeLoop(code, reason) {
    const end = Date.now() + RESUME_WINDOW_MS;
    let backoff = 100;
    let last = code + ' ' + reason;
    while (this.#state === 'resuming' && Date.now() < end) {
      await sleep(jitter(backoff));
      if (this.#state !== 'resuming') {
        return;
      }
      try {
        await this.#tryResume();
        return;
      } catch (e) {
        last = e.message;
      }
      backoff = Math.min(2000, backoff * 2);
    }
    if (this.#state === 'resuming') {
      this.#ended(code, `could not resume the session within ${RESUME_WINDOW_MS} ms: ${last}`);
    }
  }

  /** One attempt: a new connection, the handshake, then resume with the calls in doubt. */
  async #tryResume() {
    const fresh = this.#openLink();
    try {
      const hello = await this.#hello(fresh);
      const previous = this.#session;
      const now = Date.now();
      const inDoubt = [...this.#calls.values()].filter((c) => c.sent && !c.done && c.deadline - now > 0);
      const requests = inDoubt.map((c) => ({ ...c.request, timeoutMs: Math.min(c.deadline - now, MAX_TIMEOUT_MS) }));
      const answer = deferred();
      this.#resumeAnswer = answer;
      this.#link = fresh;
      fresh.send(encodeResume({ sessionId: previous.sessionId, node: previous.node, token: previous.resumeToken,
        requests, topics: this.#topics }));
      const timer = setTimeout(() => answer.reject(new Error(`no answer to resume within ${this.#config.connectTimeoutMs} ms`)),
        this.#config.connectTimeoutMs);
      let result;
      try {
        result = await Promise.race([answer.promise, fresh.gone.promise]);
      } finally {
        clearTimeout(timer);
        this.#resumeAnswer = null;
      }
      if (result.kind === 'resumed') {
        this.#session = { sessionId: result.sessionId, node: result.node, resumeToken: result.resumeToken };
      } else {
        inDoubt.forEach((c) => this.#finish(c, new MeshgateError('DISCONNECTED', 'resume refused: ' + result.message)));
        this.#session = hello;
        if (this.#topics.length > 0) {
          // a new session: subscribe it to the topics the old one had
          this.#startChange('subscribe', [...this.#topics], () => {}, () => {});
        }
      }
    } catch (e) {
      fresh.close(1000, 'resume failed');
      throw e;
    }
    this.#setState('open');
    for (const change of [...this.#changes.values()]) {
      this.#sendChange(change);
    }
    for (const c of [...this.#calls.values()]) {
      if (!c.sent && !c.done) {
        this.#send(c, Math.max(1, Math.min(c.deadline - Date.now(), MAX_TIMEOUT_MS)));
      }
    }
  }

  #ended(code, reason) {
    this.#setState('closed');
    for (const c of [...this.#calls.values()]) {
      this.#finish(c, new MeshgateError('DISCONNECTED', `session closed: ${code} ${reason}`));
    }
    for (const change of [...this.#changes.values()]) {
      this.#endChange(change, new MeshgateError('DISCONNECTED', `session closed: ${code} ${reason}`));
    }
  }

  #setState(next) {
    if (this.#state === next || this.#state === 'closed') {
      return;
    }
    this.#state = next;
    for (const listener of [...this.#stateListeners]) {
      try {
        listener(next);
      } catch (e) {
        report(e);
      }
    }
  }
}
