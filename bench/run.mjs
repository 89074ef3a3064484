#!/usr/bin/env node
// Benchmarks the wasm checkout embed ("ours") against an idiomatic React peer ("react") in one
// run: bytes shipped (brotli), time to ready, time from Pay to success, and memory after ready.
// Usage: node run.mjs [--ours-dist ../dist] [--rounds 9] [--warmup 1] [--chromium /usr/bin/chromium]
// See README.md for what is measured and why it is a fair comparison.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { brotli as brotliBuffer, standIn, STRIPE_JS_BROTLI_BYTES } from './stand-in.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.resolve(BENCH_DIR, '..');

const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * The two ways a customer meets the page. Both are a first visit: a fresh browser context (empty
 * HTTP cache, no open connections, no TLS session), every file `Cache-Control: no-store`.
 * "mobile" adds Lighthouse's mobile network profile (lighthouse-core/config/constants.js,
 * `throttling.mobileSlow4G`: rttMs 150, throughputKbps 1.6 * 1024, uploadThroughputKbps 750),
 * applied as is with CDP `Network.emulateNetworkConditions` (not Lighthouse's DevTools-adjusted
 * 562.5 ms / ×0.9), so: latency 150 ms per request, 1638.4 kbit/s down, 750 kbit/s up.
 */
const PROFILES = [
  { name: 'cold', network: null },
  { name: 'mobile', network: { offline: false, latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 } },
];

// Stripe.js: both pages load https://js.stripe.com/endive/stripe.js, which the browser resolves
// (--host-resolver-rules) to the bench's second server: HTTPS on its own port, a self-signed
// certificate the context accepts, so a cross-origin script as on a real page (its own DNS name,
// connection and TLS handshake). It answers with the stand-in (stand-in.mjs): the simulator
// padded with executed code to the real Stripe.js's weight. Same file, origin, connection cost,
// compression and throttling for both pages.
const STRIPE_JS_HOST = 'js.stripe.com';
const STRIPE_JS_PATH = '/endive/stripe.js';
const STRIPE_JS_URL = `https://${STRIPE_JS_HOST}${STRIPE_JS_PATH}`;

// The backend stub: the same answer for both targets.
const BACKEND_ANSWER = { client_secret: 'pi_1_secret_x', status: 'succeeded' };
const CARD = '4242424242424242';
const ADDRESS = { name: 'Jenny Rosen', line1: '510 Townsend St', city: 'San Francisco', state: 'CA',
  postal_code: '94103', country: 'US' };

// ---------------------------------------------------------------- options

const { values: opts } = parseArgs({
  options: {
    'ours-dist': { type: 'string' },
    rounds: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '1' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
    timeout: { type: 'string', default: '20000' },
    'pay-button': { type: 'string', default: '[data-stripe-checkout] button[type=submit]' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  console.log('node run.mjs [--ours-dist DIR] [--rounds N] [--warmup N] [--chromium PATH] [--timeout MS] [--pay-button CSS]');
  process.exit(0);
}
const ROUNDS = positiveInt(opts.rounds, '--rounds');
const WARMUP = positiveInt(opts.warmup, '--warmup', true);
const TIMEOUT = positiveInt(opts.timeout, '--timeout');
// A relative --ours-dist is taken from the working directory; the default is the repo's dist/.
const OURS_DIST = opts['ours-dist'] ? path.resolve(opts['ours-dist']) : path.join(REPO_DIR, 'dist');
const PEER_DIST = path.join(BENCH_DIR, 'react-peer', 'dist');
const SIM_FILE = path.join(REPO_DIR, 'sim', 'stripe.js');

function positiveInt(text, name, zeroOk = false) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) fatal(`${name} should be an integer ≥ ${zeroOk ? 0 : 1}, got ${text}`);
  return n;
}

function fatal(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------- static server

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** URL prefix → directory. Pages at the root, each target's build under its own prefix. */
const MOUNTS = [
  ['/dist/', OURS_DIST],
  ['/peer/', PEER_DIST],
  ['/', path.join(BENCH_DIR, 'pages')],
];

function fileFor(pathname) {
  const [prefix, root] = MOUNTS.find(([p]) => pathname.startsWith(p));
  const file = path.resolve(root, '.' + decodeURIComponent(pathname.slice(prefix.length - 1)));
  return file.startsWith(root + path.sep) ? file : null;
}

/** Brotli-11 of each file, made once: served to every browser that accepts br, as a CDN would. */
const brotliCache = new Map();
async function brotliOf(file) {
  if (!brotliCache.has(file)) brotliCache.set(file, brotliBuffer(await readFile(file)));
  return brotliCache.get(file);
}

/** The headers of every file either server sends: no caching, brotli when accepted. */
function fileHeaders(type, body, br) {
  return {
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...(br ? { 'Content-Encoding': 'br' } : {}),
  };
}

const acceptsBrotli = (req) => /\bbr\b/.test(req.headers['accept-encoding'] || '');

/** The shop's origin (HTTP): the two pages, the two builds, the backend stub. */
function handleShop(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'POST' && pathname === '/api/checkout') return answerCheckout(req, res);
  const file = req.method === 'GET' ? fileFor(pathname) : null;
  if (!file) return res.writeHead(req.method === 'GET' ? 404 : 405).end();
  const br = acceptsBrotli(req);
  (br ? brotliOf(file) : readFile(file)).then((body) => {
    res.writeHead(200, fileHeaders(CONTENT_TYPES[path.extname(file)] || 'application/octet-stream', body, br));
    res.end(body);
  }, () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'));
}

/**
 * js.stripe.com (HTTPS, its own port): the stand-in at STRIPE_JS_PATH and nothing else, with the
 * same headers as the shop's files plus what a CDN serving a third-party script sends: CORS (for a
 * page that loads it with `crossorigin`) and `Timing-Allow-Origin` (so Resource Timing shows its
 * size to the page, and the bench can check that each page loaded all of it).
 */
function stripeJsHandler(stand) {
  const brotli = brotliBuffer(stand.body);
  return (req, res) => {
    const { pathname } = new URL(req.url, 'https://localhost');
    if (req.method !== 'GET' || pathname !== STRIPE_JS_PATH) return res.writeHead(404).end();
    const br = acceptsBrotli(req);
    const body = br ? brotli : stand.body;
    res.writeHead(200, { ...fileHeaders('text/javascript; charset=utf-8', body, br),
      'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' });
    res.end(body);
  };
}

/** The backend stub: POST {confirmationTokenId: "ctoken_…"} → BACKEND_ANSWER, anything else 400. */
const backendProblems = [];
function answerCheckout(req, res) {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    let tokenId;
    try { tokenId = JSON.parse(body)?.confirmationTokenId; } catch { /* not JSON */ }
    const ok = typeof tokenId === 'string' && tokenId.startsWith('ctoken_');
    if (!ok) backendProblems.push(`backend got ${body}`);
    res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(ok ? BACKEND_ANSWER : { error: { message: 'expected POST {confirmationTokenId}' } }));
  });
}

/** A throw-away self-signed certificate for js.stripe.com (the context ignores HTTPS errors). */
function selfSignedCert() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${STRIPE_JS_HOST}`,
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- what runs in the page

/**
 * Injected before any page script. Records performance.now() (ms since navigation start) the
 * first time the host reaches each data-state, the Pay click, the two contract events, and
 * keeps every WebAssembly.Memory the page instantiates (wasm linear memory is not JS heap).
 */
function pageProbe() {
  const marks = {};
  const states = [];
  const events = {};
  const memories = [];
  const waiters = [];
  const settle = () => {
    for (const w of [...waiters]) {
      const hit = w.states.find((s) => s in marks);
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const s = r.target.getAttribute('data-state');
      if (!s || s === r.oldValue) continue;
      states.push(s);
      if (!(s in marks)) marks[s] = t;
    }
    settle();
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state'] });
  for (const type of ['ready', 'success']) {
    document.addEventListener(`stripe-checkout:${type}`, (e) => {
      const t = performance.now();
      events[type] ??= { t, fromHost: e.target instanceof Element && e.target.hasAttribute('data-stripe-checkout'),
        bubbles: e.bubbles, custom: e instanceof CustomEvent };
    }, true);
  }
  addEventListener('click', () => { marks.click = performance.now(); }, true);
  // Both builds reach the backend through window.fetch (gloo-net calls it through web-sys), so
  // this marks the moment the POST leaves the page.
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method.toUpperCase() === 'POST' && !('post' in marks)) marks.post = performance.now();
    return fetch0.apply(this, arguments);
  };

  const W = WebAssembly;
  const keep = (result) => {
    const instance = result instanceof W.Instance ? result : result?.instance;
    for (const v of Object.values(instance?.exports ?? {})) if (v instanceof W.Memory) memories.push(v);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = W[name];
    if (original) W[name] = function (...args) { return original.apply(this, args).then(keep); };
  }

  window.__bench = {
    marks, states, events,
    wasmBytes: () => memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
    // When each script and wasm file started and finished loading (ms since navigation start).
    resources: () => performance.getEntriesByType('resource').filter((e) => /\.(m?js|wasm)$/.test(new URL(e.name).pathname))
      .map((e) => ({ url: e.name, start: e.startTime, end: e.responseEnd, encodedBytes: e.encodedBodySize })),
    until: (wanted) => new Promise((resolve) => { waiters.push({ states: wanted, resolve }); settle(); }),
  };
}

// ---------------------------------------------------------------- one run

async function runOnce(browser, target, profile, origin, { collectFiles, stand }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  try {
    await page.addInitScript(pageProbe);
    if (profile.network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', profile.network);
    }

    const files = [];
    if (collectFiles) {
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin !== origin) return;
        const type = response.headers()['content-type'] || '';
        if (/\.(m?js|wasm)$/.test(url.pathname) || /javascript|wasm/.test(type)) {
          files.push(response.body().then((body) => ({ path: url.pathname, body })));
        }
      });
    }

    const within = (promise, what) => Promise.race([promise, new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${TIMEOUT} ms waiting for ${what}`)), TIMEOUT))]);

    await page.goto(`${origin}/${target.page}`, { waitUntil: 'commit' });
    const first = await within(page.evaluate(() => window.__bench.until(['ready', 'error'])), 'data-state="ready"');
    if (first !== 'ready') throw new Error('data-state became "error" before "ready"');

    // Memory after ready, after a full GC so garbage from start-up does not count.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    await cdp.send('Performance.disable');
    await cdp.detach();
    const wasm = await page.evaluate(() => window.__bench.wasmBytes());

    await page.evaluate(([card, address]) => {
      window.__stripeSim.fillCard(card);
      window.__stripeSim.fillAddress(address);
    }, [CARD, ADDRESS]);
    await page.locator(opts['pay-button'], { hasText: /pay/i }).first().click({ timeout: TIMEOUT });
    const last = await within(page.evaluate(() => window.__bench.until(['succeeded', 'error'])), 'data-state="succeeded"');
    if (last !== 'succeeded') throw new Error('data-state became "error" after Pay');

    const probe = await page.evaluate(() => ({ marks: window.__bench.marks, states: window.__bench.states,
      events: window.__bench.events, resources: window.__bench.resources() }));
    if (!(probe.marks.post >= probe.marks.click)) throw new Error('the backend POST was not seen going through window.fetch after the click');
    const stripeJs = probe.resources.filter((r) => r.url === STRIPE_JS_URL);
    if (stripeJs.length !== 1 || stripeJs[0].encodedBytes !== stand.brotliBytes) {
      throw new Error(`the page did not load the stand-in once from ${STRIPE_JS_URL} at ${stand.brotliBytes} bytes brotli `
        + `(saw ${JSON.stringify(stripeJs.map((r) => r.encodedBytes))})`);
    }
    return {
      ok: true,
      firstStateMs: probe.marks[probe.states[0]],
      readyMs: probe.marks.ready, readyEventMs: probe.events.ready?.t,
      payMs: probe.marks.succeeded - probe.marks.click,
      postMs: probe.marks.post - probe.marks.click,
      heapBytes: heap,
      wasmBytes: wasm,
      states: probe.states,
      events: probe.events,
      resources: probe.resources,
      problems,
      files: collectFiles ? await Promise.all(files) : null,
    };
  } catch (error) {
    let states = null;
    try { states = await page.evaluate(() => window.__bench?.states); } catch { /* page gone */ }
    return { ok: false, error: error.message, states, problems };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- statistics and report

/** Median, quartiles (linear interpolation between closest ranks), p90 (nearest rank), min, max. */
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const quantile = (q) => {
    const at = (s.length - 1) * q;
    const lo = Math.floor(at);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
  };
  const p90 = s[Math.ceil(0.9 * s.length) - 1];
  return { median: quantile(0.5), q1: quantile(0.25), q3: quantile(0.75), p90, min: s[0], max: s[s.length - 1], samples };
}

function sizeOf(files) {
  const seen = new Map();
  for (const f of files) if (!seen.has(f.path)) seen.set(f.path, { path: f.path, raw: f.body.length, brotli: brotliBuffer(f.body).length });
  const list = [...seen.values()];
  return { brotliBytes: list.reduce((s, f) => s + f.brotli, 0), rawBytes: list.reduce((s, f) => s + f.raw, 0), files: list };
}

const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const MB = (b) => `${(b / 1e6).toFixed(2)} MB`;
const ms = (t) => `${t.toFixed(1)} ms`;

/** Per-profile rows of the table: label, how to read the value from a target's summary, format. */
const TIMINGS = [
  ['first data-state (app code runs), median', (r) => r.firstState.median, ms],
  ['ready, median', (r) => r.ready.median, ms],
  ['ready, p90', (r) => r.ready.p90, ms],
  ['click → backend request, median', (r) => r.post.median, ms],
  ['Pay → succeeded, median', (r) => r.pay.median, ms],
];
/** Rows read from the cold profile only: bytes and memory do not depend on the network. */
const ONCE = [
  ['size, brotli-11 (JS + wasm)', (r) => r.size.brotliBytes, kB],
  ['size, uncompressed', (r) => r.size.rawBytes, kB],
  ['JS heap after ready, median', (r) => r.heap.median, MB],
  ['wasm memory after ready, median', (r) => r.wasm.median, MB],
  ['JS heap + wasm memory, median', (r) => r.heapPlusWasm.median, MB],
];

/** The timings also given paired: ours/react within each round (the two ran back to back). */
const PAIRED = [
  ['ready', (r) => r.readyMs],
  ['click → backend request', (r) => r.postMs],
  ['Pay → succeeded', (r) => r.payMs],
];
const spread = (p) => `${p.median.toFixed(2)} (IQR ${p.q1.toFixed(2)}–${p.q3.toFixed(2)}, min–max ${p.min.toFixed(2)}–${p.max.toFixed(2)})`;

/**
 * The table: one row per metric with each target's value and ours/react (the ratio of the two
 * medians); then, per profile, the paired ratios' median with their interquartile range and range.
 */
function tableRows(results, names) {
  const both = names.length === 2;
  const row = (label, summaries, read, fmt) => {
    const values = names.map((n) => read(summaries[n]));
    return [label, ...values.map(fmt), ...(both ? [values[1] ? (values[0] / values[1]).toFixed(2) : 'n/a'] : [])];
  };
  const [first] = PROFILES;
  const rows = ONCE.slice(0, 2).map(([label, read, fmt]) => row(label, results[first.name], read, fmt));
  for (const { name: profile } of PROFILES) {
    for (const [label, read, fmt] of TIMINGS) rows.push(row(`${profile}: ${label}`, results[profile], read, fmt));
    if (both) {
      for (const [label] of PAIRED) {
        rows.push([`${profile}: ${label}, ours/react paired per round, median`, '', '', spread(results[profile].paired[label])]);
      }
    }
  }
  return [...rows, ...ONCE.slice(2).map(([label, read, fmt]) => row(`${first.name}: ${label}`, results[first.name], read, fmt))];
}

function printTable(results, names) {
  const header = ['metric', ...names, ...(names.length === 2 ? ['ours/react'] : [])];
  const rows = tableRows(results, names);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  rows.forEach((r) => console.log(line(r)));
  for (const n of names) {
    console.log(`\n${n} files (brotli-11 / raw):`);
    for (const f of results[PROFILES[0].name][n].size.files) console.log(`  ${f.path.padEnd(40)} ${kB(f.brotli).padStart(10)} / ${kB(f.raw)}`);
  }
}

/** A target's runs of one profile → the figures of the table, the observed contract, warnings. */
function summarize(rs, files) {
  const first = rs[0];
  const contract = {
    states: first.states,
    stateOrderOk: JSON.stringify(first.states) === JSON.stringify(['loading', 'ready', 'processing', 'succeeded']),
    readyEvent: first.events.ready ?? null,
    successEvent: first.events.success ?? null,
  };
  const warnings = [...new Set(rs.flatMap((r) => r.problems))];
  if (!contract.stateOrderOk) warnings.push(`data-state went ${first.states.join(' → ')}, expected loading → ready → processing → succeeded`);
  for (const type of ['ready', 'success']) {
    const e = first.events[type];
    if (!e || !e.fromHost || !e.bubbles || !e.custom) warnings.push(`stripe-checkout:${type} was not a bubbling CustomEvent from the host`);
  }
  return {
    size: sizeOf(files),
    firstState: stats(rs.map((r) => r.firstStateMs)),
    ready: stats(rs.map((r) => r.readyMs)),
    pay: stats(rs.map((r) => r.payMs)),
    post: stats(rs.map((r) => r.postMs)),
    heap: stats(rs.map((r) => r.heapBytes)),
    wasm: stats(rs.map((r) => r.wasmBytes)),
    heapPlusWasm: stats(rs.map((r) => r.heapBytes + r.wasmBytes)),
    resources: first.resources,
    contract,
    warnings,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(path.join(PEER_DIST, 'peer.js'))) fatal(`${PEER_DIST}/peer.js is missing: run \`npm run build\` first`);
  const targets = [];
  const oursPresent = existsSync(OURS_DIST) && statSync(OURS_DIST).isDirectory();
  if (oursPresent) targets.push({ name: 'ours', page: 'ours.html' });
  else console.log(`\n*** ours: ${OURS_DIST} does not exist; measuring ONLY the React peer (no ratios). ***\n`);
  targets.push({ name: 'react', page: 'react.html' });

  const stand = standIn(readFileSync(SIM_FILE, 'utf8'));
  const server = await listen(createServer(handleShop));
  const stripeJs = await listen(createTlsServer(selfSignedCert(), stripeJsHandler(stand)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const flags = [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${STRIPE_JS_HOST} 127.0.0.1:${stripeJs.address().port}`];
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: flags });
  console.log(`Chromium ${browser.version()}, ${os.cpus().length} CPUs, ${ROUNDS} rounds (+${WARMUP} warm-up) per profile `
    + `(${PROFILES.map((p) => p.name).join(', ')}), served from ${origin}, Stripe.js from https://${STRIPE_JS_HOST} → 127.0.0.1:${stripeJs.address().port}`);
  console.log(`Stripe.js stand-in: ${kB(stand.brotliBytes)} brotli-11 (${kB(stand.rawBytes)} raw): sim/stripe.js padded with `
    + `${stand.functions} generated functions, run once each, to the real Stripe.js's ≈${kB(STRIPE_JS_BROTLI_BYTES)} (see README)`);
  if (oursPresent) console.log(`ours: ${OURS_DIST}`);

  const runs = Object.fromEntries(PROFILES.map((p) => [p.name, Object.fromEntries(targets.map((t) => [t.name, []]))]));
  const files = {};
  const failures = {};
  try {
    for (const profile of PROFILES) {
      // Targets alternate inside each round, and which goes first alternates between rounds, so
      // drift in machine load hits both alike; a round's two runs make one paired ratio.
      for (let round = -WARMUP; round < ROUNDS; round++) {
        for (const target of round % 2 ? [...targets].reverse() : targets) {
          if (failures[target.name]) continue;
          const collectFiles = !files[target.name];
          const r = await runOnce(browser, target, profile, origin, { collectFiles, stand });
          if (!r.ok) {
            failures[target.name] = r;
            console.log(`${target.name} (${profile.name}): FAILED (${r.error}); states seen: ${JSON.stringify(r.states)}`);
            r.problems.slice(0, 10).forEach((p) => console.log(`  ${p}`));
            continue;
          }
          if (collectFiles) files[target.name] = r.files;
          if (round >= 0) runs[profile.name][target.name][round] = r;
          console.log(`${profile.name} ${target.name} ${round < 0 ? 'warm-up' : `#${round + 1}`}: first ${ms(r.firstStateMs)}, `
            + `ready ${ms(r.readyMs)}, pay ${ms(r.payMs)}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    stripeJs.close();
  }
  for (const problem of backendProblems) console.log(`warning: ${problem}`);

  const measured = targets.map((t) => t.name).filter((n) => !failures[n]);
  const results = Object.fromEntries(PROFILES.map(({ name: profile }) => {
    const byTarget = Object.fromEntries(measured.map((n) => [n, summarize(runs[profile][n], files[n])]));
    if (measured.length === 2) {
      byTarget.paired = Object.fromEntries(PAIRED.map(([label, read]) =>
        [label, stats(runs[profile].ours.map((o, i) => read(o) / read(runs[profile].react[i])))]));
    }
    return [profile, byTarget];
  }));

  if (measured.length) printTable(results, measured);
  for (const n of measured) for (const w of results[PROFILES[0].name][n].warnings) console.log(`warning (${n}): ${w}`);
  if (!oursPresent) console.log(`\n*** ours was NOT measured: ${OURS_DIST} does not exist. ***`);

  const out = {
    date: new Date().toISOString(),
    environment: { chromium: opts.chromium, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
      loadavg: os.loadavg(), flags },
    config: { rounds: ROUNDS, warmup: WARMUP, profiles: PROFILES, oursDist: OURS_DIST, oursMeasured: oursPresent,
      backendAnswer: BACKEND_ANSWER,
      stripeJsStandIn: { url: STRIPE_JS_URL, brotliBytes: stand.brotliBytes, rawBytes: stand.rawBytes,
        paddingFunctions: stand.functions, targetBrotliBytes: STRIPE_JS_BROTLI_BYTES } },
    table: measured.length ? tableRows(results, measured) : null,
    results,
    failures: Object.fromEntries(Object.entries(failures).map(([n, f]) => [n, { error: f.error, states: f.states, problems: f.problems }])),
  };
  mkdirSync(path.join(BENCH_DIR, 'out'), { recursive: true });
  writeFileSync(path.join(BENCH_DIR, 'out', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(BENCH_DIR, 'out', 'results.json'))}`);

  if (Object.keys(failures).length) {
    console.error(`\nbench: FAILED: ${Object.keys(failures).join(', ')} did not reach ready/succeeded; no ratios.`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
