// The JSON messages inside the frames (PROTOCOL.md §3): requests and resumes written the way the
// Java MessageCodec writes them (same fields, same order), and the node's messages read and
// checked with its rules and messages. Unknown fields are ignored.

import { fromUtf8, utf8 } from './bytes.js';

/** Longest client request id, request type and idempotency key. */
export const MAX_ID_LENGTH = 128;
/** Longest timeout a request may ask for. */
export const MAX_TIMEOUT_MS = 300000;
/** The longest retry advice taken; a missing, smaller or larger retryAfterMs is no advice. */
export const MAX_RETRY_AFTER_MS = 60000;
/** Service ids. */
export const SERVICE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Push topics (PROTOCOL.md §3b): matched exactly, no wildcards. */
export const TOPIC = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Most topics one subscribe, unsubscribe or resume names. */
export const MAX_TOPICS = 256;

/** The message of a topic list the node would refuse as BAD_REQUEST (the Java Topics rules), or null. */
export function topicsProblem(topics) {
  if (!Array.isArray(topics)) {
    return 'topics must be an array of strings';
  }
  if (topics.length < 1 || topics.length > MAX_TOPICS) {
    return `topics must hold 1 to ${MAX_TOPICS} topics`;
  }
  for (const t of topics) {
    if (typeof t !== 'string') {
      return 'topics must be an array of strings';
    }
    if (!TOPIC.test(t)) {
      return `topic '${t.length <= 32 ? t : t.slice(0, 32) + '...'}' must match ${TOPIC.source.slice(1, -1)}`;
    }
  }
  return null;
}

/** The payload of a {@code subscribe} or {@code unsubscribe}. */
export function encodeSubscription(kind, id, topics) {
  return utf8(JSON.stringify({ kind, id, topics }));
}

/** A payload the client cannot read; the session closes with 1007. */
export class CodecError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CodecError';
  }
}

/**
 * The message of a request that would be refused as BAD_REQUEST (the Java WireMessage.Request
 * rules), or null when it is valid.
 */
export function requestProblem({ service, type, params, timeoutMs, idempotencyKey }) {
  if (typeof service !== 'string' || service.trim() === '') {
    return 'service is required';
  }
  if (!SERVICE_ID.test(service)) {
    return 'service must match ' + SERVICE_ID.source.slice(1, -1);
  }
  const idProblem = (value, name) => typeof value !== 'string' || value.trim() === '' ? name + ' is required'
    : value.length > MAX_ID_LENGTH ? `${name} is longer than ${MAX_ID_LENGTH} characters` : null;
  const problem = idProblem(type, 'type');
  if (problem) {
    return problem;
  }
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    return 'params must be a JSON object';
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    return 'timeoutMs must be between 1 and ' + MAX_TIMEOUT_MS;
  }
  return idempotencyKey === undefined ? null : idProblem(idempotencyKey, 'idempotencyKey');
}

function request(r) {
  const o = { id: r.id, service: r.service, type: r.type, params: r.params ?? {} };
  if (r.timeoutMs > 0) {
    o.timeoutMs = r.timeoutMs;
  }
  if (r.idempotencyKey !== undefined && r.idempotencyKey !== null) {
    o.idempotencyKey = r.idempotencyKey;
  }
  return o;
}

/** The payload of a {@code req}. */
export function encodeRequest(r) {
  return utf8(JSON.stringify({ kind: 'req', ...request(r) }));
}

/** The payload of a {@code resume} with the requests still in doubt and the session's topics. */
export function encodeResume({ sessionId, node, token, requests, topics = [] }) {
  const o = { kind: 'resume', sessionId, node, token };
  if (requests.length > 0) {
    o.requests = requests.map(request);
  }
  if (topics.length > 0) {
    o.topics = topics;
  }
  return utf8(JSON.stringify(o));
}

/**
 * The node's message in a payload: hello, resumed, res, error or push (req, resume, subscribe and
 * unsubscribe, which a node never sends, come back as {kind} only and are ignored).
 *
 * @throws CodecError when the payload is not such a message
 */
export function decodeMessage(payload) {
  let root;
  try {
    root = JSON.parse(fromUtf8(payload));
  } catch {
    throw new CodecError('payload is not valid JSON');
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new CodecError('payload must be a JSON object');
  }
  const kind = text(root, 'kind', true);
  const id = text(root, 'id', false);
  switch (kind) {
    case 'hello':
      return { kind, sessionId: required(root, 'sessionId'), node: required(root, 'node'),
        resumeToken: text(root, 'resumeToken', false) };
    case 'resumed':
      return { kind, sessionId: required(root, 'sessionId'), node: required(root, 'node'),
        resumeToken: required(root, 'resumeToken') };
    case 'res':
      return { kind, id: required(root, 'id'), result: root.result ?? null,
        ingressNode: text(root, 'ingressNode', false), processedBy: text(root, 'processedBy', false) };
    case 'error': {
      const e = { kind, id, code: required(root, 'code'), message: text(root, 'message', false) ?? '',
        ingressNode: text(root, 'ingressNode', false), processedBy: text(root, 'processedBy', false) };
      if (Number.isInteger(root.retryAfterMs) && root.retryAfterMs >= 1 && root.retryAfterMs <= MAX_RETRY_AFTER_MS) {
        e.retryAfterMs = root.retryAfterMs;
      }
      return e;
    }
    case 'push':
      return { kind, topic: required(root, 'topic'), data: root.data ?? null };
    case 'req':
    case 'resume':
    case 'subscribe':
    case 'unsubscribe':
      return { kind };
    default:
      throw new CodecError(`unknown kind '${kind.length <= 32 ? kind : kind.slice(0, 32) + '...'}'`);
  }
}

function text(root, field, isRequired) {
  const v = root[field];
  if (v === undefined || v === null) {
    if (isRequired) {
      throw new CodecError(field + ' is required');
    }
    return null;
  }
  if (typeof v !== 'string') {
    throw new CodecError(field + ' must be a string');
  }
  return v;
}

function required(root, field) {
  const v = text(root, field, true);
  if (v.trim() === '') {
    throw new CodecError(field + ' is required');
  }
  return v;
}
