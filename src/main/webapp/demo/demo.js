// The portal demo: how a page embeds meshgate. One client from /meshgate.js, calls with their
// outcome (result or error code) and the nodes that served them, pushes as they arrive.
import { connect } from '/meshgate.js';

const $ = (id) => document.getElementById(id);
let client = null;

$('url').value = `wss://${location.host}/ws`;

function stamp() {
  return new Date().toLocaleTimeString([], { hour12: false });
}

/** One line in the activity feed; `kind` is result, error, push or info. */
function log(kind, title, detail = '', attrs = {}) {
  const li = document.createElement('li');
  li.dataset.kind = kind;
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) li.dataset[k] = v;
  }
  const head = document.createElement('div');
  head.className = 'head';
  head.innerHTML = `<span class="time"></span><span class="tag"></span><span class="title"></span>`;
  head.querySelector('.time').textContent = stamp();
  head.querySelector('.tag').textContent = kind === 'error' ? attrs.code : kind;
  head.querySelector('.title').textContent = title;
  li.append(head);
  if (detail) {
    const pre = document.createElement('pre');
    pre.textContent = detail;
    li.append(pre);
  }
  $('log').prepend(li);
  return li;
}

function setState(state) {
  $('state').textContent = state;
  $('state').dataset.state = state;
  const open = state === 'open';
  for (const b of document.querySelectorAll('.needs-session')) b.disabled = !open;
  $('disconnect').disabled = state === 'closed';
  $('connect').disabled = state !== 'closed';
  $('session').textContent = client && state !== 'closed' ? `session ${client.sessionId} on ${client.node}` : '';
}

async function fileText(id) {
  const file = $(id).files[0];
  if (!file) throw new TypeError(`choose the ${$(id).parentElement.firstChild.textContent.trim()} file`);
  return file.text();
}

async function onConnect() {
  setState('connecting');
  try {
    const [certificate, privateKey, ca] = await Promise.all([fileText('certificate'), fileText('privateKey'), fileText('ca')]);
    client = await connect($('url').value, { certificate, privateKey, ca });
    client.onStateChange(setState);
    client.onPush(showPush);
    setState(client.state);
    log('info', `connected to ${client.node}`, `session ${client.sessionId}`);
  } catch (e) {
    client = null;
    setState('closed');
    log('error', 'connect failed', e.message, { code: e.code ?? e.name });
  }
}

/** Calls a service and logs its outcome; resolves either way. */
async function call(service, type, params, options) {
  const started = performance.now();
  const label = `${service}.${type}`;
  try {
    const r = await client.call(service, type, params, options);
    const ms = Math.round(performance.now() - started);
    log('result', `${label} · ${ms} ms · in ${r.ingressNode}, ran on ${r.processedBy}`,
      JSON.stringify(r.result, null, 2), { service, processedBy: r.processedBy });
    return r;
  } catch (e) {
    const ms = Math.round(performance.now() - started);
    log('error', `${label} · ${ms} ms`, e.message, { code: e.code ?? e.name, service });
    return null;
  }
}

function showPush(push) {
  const li = document.createElement('li');
  li.dataset.topic = push.topic;
  li.innerHTML = '<span class="time"></span><span class="tag"></span><code></code>';
  li.querySelector('.time').textContent = stamp();
  li.querySelector('.tag').textContent = push.topic;
  li.querySelector('code').textContent = JSON.stringify(push.data);
  $('push-list').prepend(li);
  log('push', `push on ${push.topic}`, JSON.stringify(push.data, null, 2), { topic: push.topic });
}

function echoParams() {
  try {
    return JSON.parse($('echo-params').value);
  } catch (e) {
    log('error', 'echo params are not JSON', e.message, { code: 'INPUT' });
    return undefined;
  }
}

$('connect').addEventListener('click', onConnect);
$('disconnect').addEventListener('click', () => client?.close());
$('call-echo').addEventListener('click', () => {
  const params = echoParams();
  if (params !== undefined) call('echo', 'echo', params);
});
$('call-time').addEventListener('click', () => call('time', 'now', {}));
$('call-unknown').addEventListener('click', () => call('no-such-service', 'anything', {}));
$('call-timeout').addEventListener('click', () => call('work', 'sleep', { delayMs: 3000 }, { timeoutMs: 500 }));
$('subscribe').addEventListener('click', async () => {
  const topic = $('topic').value.trim();
  try {
    await client.subscribe(topic);
    log('info', `subscribed to ${topic}`, '', { topic });
  } catch (e) {
    log('error', `subscribe ${topic}`, e.message, { code: e.code ?? e.name });
  }
});
$('publish').addEventListener('click', () =>
  call('notify', 'topic', { topic: $('topic').value.trim(), data: { from: client.sessionId, at: new Date().toISOString() } }));
$('push-me').addEventListener('click', () =>
  call('notify', 'session', { topic: 'portal.me', data: { hello: 'from a service', at: new Date().toISOString() } }));
$('clear').addEventListener('click', () => {
  $('log').replaceChildren();
  $('push-list').replaceChildren();
});
setState('closed');
document.body.dataset.ready = 'true';
