// The operators' console: polls /console/api/cluster every second and renders nodes, services,
// charts and protocol errors. No build step; the chart library is vendored (vendor/uplot/).
// Stable hooks for tests: #nodes tr[data-node], #services tr[data-service], #errors, and
// body[data-ready="true"] once the first data has rendered.
import uPlot from './vendor/uplot/uPlot.esm.js';

const POLL_MS = 1000;
const WINDOW_POINTS = 120;
const PALETTE = ['#3b5bdb', '#12b76a', '#f79009', '#d444f1', '#06aed4', '#f04438', '#875bf7', '#66c61c',
  '#ee46bc', '#2e90fa'];

const $ = (id) => document.getElementById(id);
const colours = new Map();
const history = { t: [], rate: new Map(), p99: new Map() };
const charts = { rate: null, latency: null, keys: '' };
let lastOk = 0;

function colourOf(service) {
  if (!colours.has(service)) {
    colours.set(service, PALETTE[colours.size % PALETTE.length]);
  }
  return colours.get(service);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatMs(v) {
  if (v === null || v === undefined) return '–';
  if (v < 1) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  if (v < 10000) return `${Math.round(v)} ms`;
  return `${(v / 1000).toFixed(1)} s`;
}

function formatRate(v) {
  if (v === null || v === undefined) return '–';
  return v >= 100 ? Math.round(v).toLocaleString() : v.toFixed(v >= 10 ? 1 : 2).replace(/\.?0+$/, '') || '0';
}

function setKpi(id, text, level) {
  const v = $(id);
  v.textContent = text;
  v.parentElement.classList.toggle('bad', level === 'bad');
  v.parentElement.classList.toggle('warn', level === 'warn');
}

function renderKpis(view) {
  const t = view.totals;
  setKpi('kpi-nodes', `${t.ready} / ${t.nodes}`, t.ready < t.nodes ? 'warn' : null);
  setKpi('kpi-sessions', t.sessions.toLocaleString());
  setKpi('kpi-inflight', t.inFlight.toLocaleString());
  setKpi('kpi-rate', formatRate(t.rate));
  setKpi('kpi-errors', formatRate(t.errorRate), t.errorRate > 0 ? 'bad' : null);
  setKpi('kpi-p99', t.latencyMs ? formatMs(t.latencyMs.p99) : '–');
}

function badge(status) {
  const label = { ready: 'Ready', draining: 'Draining', 'not-ready': 'Not ready', unknown: 'Unknown' }[status] ?? status;
  return el('span', { class: `badge ${status}` }, label);
}

function loadBar(pct) {
  const level = pct >= 80 ? 'bad' : pct >= 50 ? 'warn' : '';
  const fill = el('div', { class: `fill ${level}` });
  fill.style.width = `${Math.max(0, Math.min(100, pct))}%`;
  return el('div', { class: 'load' }, el('div', { class: 'track' }, fill), el('span', { class: 'pct' }, `${pct} %`));
}

function serviceChip(name) {
  const swatch = el('span', { class: 'swatch' });
  swatch.style.background = colourOf(name);
  return el('span', { class: 'chip' }, swatch, name);
}

function renderNodes(view) {
  const rows = view.nodes.map((n) => el('tr', { 'data-node': n.id, 'data-status': n.status },
    el('td', { class: 'id' }, n.id, n.id === view.servedBy ? el('span', { class: 'ok-text' }, '  · this page') : null),
    el('td', {}, badge(n.status)),
    el('td', {}, loadBar(n.load)),
    el('td', { class: 'num' }, n.sessions.toLocaleString()),
    el('td', { class: 'num' }, `${n.inFlight} / ${n.capacity}`),
    el('td', {}, el('div', { class: 'chips' }, ...n.services.map(serviceChip))),
    el('td', { class: 'num' }, formatDuration(n.uptimeMs)),
    el('td', { class: 'num' }, `${(n.lastHeardMs / 1000).toFixed(1)} s ago`)));
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { class: 'empty', colSpan: 8 }, 'No node has been heard yet')));
  }
  $('nodes').tBodies[0].replaceChildren(...rows);
  $('nodes-hint').textContent = `${view.nodes.length} in the cluster, as ${view.servedBy} hears them`;
}

function errorChips(errors) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return el('span', { class: 'ok-text' }, 'none');
  return el('div', { class: 'chips' }, ...entries.map(([code, n]) => el('span', { class: 'chip err' },
    `${code} ${n.toLocaleString()}`)));
}

function renderServices(view) {
  const rows = view.services.map((s) => {
    const l = s.latencyMs;
    return el('tr', { 'data-service': s.id },
      el('td', { class: 'id' }, serviceChip(s.id)),
      el('td', { class: 'num' }, formatRate(s.rate)),
      el('td', { class: 'num' }, l ? formatMs(l.p50) : '–'),
      el('td', { class: 'num' }, l ? formatMs(l.p90) : '–'),
      el('td', { class: 'num' }, l ? formatMs(l.p99) : '–'),
      el('td', { class: 'num' }, s.requestsTotal.toLocaleString()),
      el('td', {}, errorChips(s.errorsTotal)));
  });
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { class: 'empty', colSpan: 7 }, 'No services')));
  }
  $('services').tBodies[0].replaceChildren(...rows);
}

function renderErrors(view) {
  const rows = view.protocolErrors.map((e) => el('tr', { 'data-error-kind': e.kind },
    el('td', { class: 'time', title: e.at }, new Date(e.at).toLocaleTimeString()),
    el('td', { class: 'node' }, e.node),
    el('td', {}, el('span', { class: 'badge kind' }, e.kind)),
    el('td', { class: 'msg', title: e.session ? `session ${e.session}` : '' }, e.message)));
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { class: 'empty', colSpan: 4 }, 'No protocol errors — every frame, handshake and certificate passed')));
  }
  $('errors').tBodies[0].replaceChildren(...rows);
}

function record(view) {
  const t = Date.parse(view.at) / 1000;
  history.t.push(t);
  const seen = new Set();
  for (const s of view.services) {
    seen.add(s.id);
    for (const [series, value] of [[history.rate, s.rate], [history.p99, s.latencyMs ? s.latencyMs.p99 : null]]) {
      if (!series.has(s.id)) series.set(s.id, new Array(history.t.length - 1).fill(null));
      series.get(s.id).push(value);
    }
  }
  for (const series of [history.rate, history.p99]) {
    for (const [id, values] of series) {
      if (!seen.has(id)) values.push(null);
    }
  }
  if (history.t.length > WINDOW_POINTS) {
    const drop = history.t.length - WINDOW_POINTS;
    history.t.splice(0, drop);
    for (const series of [history.rate, history.p99]) {
      for (const values of series.values()) values.splice(0, drop);
    }
  }
}

/** The x range: the two minutes up to the newest sample (also before there are samples, so the axis stays readable). */
function lastTwoMinutes() {
  const newest = history.t.length ? history.t[history.t.length - 1] : Date.now() / 1000;
  return [newest - WINDOW_POINTS, newest];
}

function chartOptions(width, keys, unit) {
  return {
    width,
    height: 180,
    padding: [8, 8, 0, 0],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: true, range: lastTwoMinutes }, y: { range: (u, min, max) => [0, Math.max(max * 1.15, 1)] } },
    axes: [
      { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#eef0f3' } },
      { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#eef0f3' }, size: 50 },
    ],
    series: [{}, ...keys.map((k) => ({
      label: k,
      stroke: colourOf(k),
      width: 2,
      spanGaps: false,
      points: { show: false },
      value: (u, v) => (v === null || v === undefined ? '–' : unit === 'ms' ? formatMs(v) : `${formatRate(v)}/s`),
    }))],
  };
}

function renderCharts() {
  const keys = [...history.rate.keys()].filter((k) => history.rate.get(k).some((v) => v !== null && v > 0)
    || history.p99.get(k).some((v) => v !== null));
  const keyString = keys.join('\u0000');
  const rateBox = $('chart-rate');
  const latencyBox = $('chart-latency');
  const rateData = [history.t, ...keys.map((k) => history.rate.get(k))];
  const latencyData = [history.t, ...keys.map((k) => history.p99.get(k))];
  if (charts.keys !== keyString || !charts.rate) {
    charts.rate?.destroy();
    charts.latency?.destroy();
    charts.rate = new uPlot(chartOptions(rateBox.clientWidth, keys, 'rate'), rateData, rateBox);
    charts.latency = new uPlot(chartOptions(latencyBox.clientWidth, keys, 'ms'), latencyData, latencyBox);
    charts.keys = keyString;
  } else {
    charts.rate.setData(rateData);
    charts.latency.setData(latencyData);
  }
}

function resizeCharts() {
  for (const [chart, box] of [[charts.rate, $('chart-rate')], [charts.latency, $('chart-latency')]]) {
    if (chart && box.clientWidth > 0) chart.setSize({ width: box.clientWidth, height: 180 });
  }
}

function setLive(state, text) {
  $('live').dataset.state = state;
  $('live-text').textContent = text;
}

function showProblem(text) {
  const p = $('problem');
  p.hidden = !text;
  p.textContent = text ?? '';
}

function render(view) {
  record(view);
  renderKpis(view);
  renderNodes(view);
  renderServices(view);
  renderErrors(view);
  renderCharts();
  showProblem(null);
  lastOk = Date.now();
  setLive('live', `live · served by ${view.servedBy}`);
  document.body.dataset.ready = 'true';
}

async function poll() {
  try {
    const r = await fetch('api/cluster', { cache: 'no-store', credentials: 'same-origin' });
    if (r.status === 403) {
      const body = await r.json().catch(() => ({}));
      showProblem(`Not allowed: ${body.message ?? 'this certificate is not an operator'}`);
      setLive('lost', 'forbidden');
      return;
    }
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    render(await r.json());
  } catch (e) {
    const ago = lastOk ? ` · last data ${Math.round((Date.now() - lastOk) / 1000)} s ago` : '';
    setLive('lost', `disconnected, retrying${ago}`);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

window.addEventListener('resize', resizeCharts);
poll();
