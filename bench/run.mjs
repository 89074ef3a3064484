#!/usr/bin/env node
// Benchmarks the wasm checkout embed ("ours") against an idiomatic React peer ("react") in one
// run: bytes shipped (brotli), time to ready, time from Pay to success, and memory after ready.
// Usage: node run.mjs [--ours-dist ../dist] [--runs 15] [--warmup 1] [--chromium /usr/bin/chromium]
// See README.md for what is measured and why it is a fair comparison.

import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.resolve(BENCH_DIR, '..');

const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run'];

// The backend stub: the same answer for both targets.
const BACKEND_ANSWER = { client_secret: 'pi_1_secret_x', status: 'succeeded' };
const CARD = '4242424242424242';
const ADDRESS = { name: 'Jenny Rosen', line1: '510 Townsend St', city: 'San Francisco', state: 'CA',
  postal_code: '94103', country: 'US' };

// ---------------------------------------------------------------- options

const { values: opts } = parseArgs({
  options: {
    'ours-dist': { type: 'string' },
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '1' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
    timeout: { type: 'string', default: '20000' },
    'pay-button': { type: 'string', default: '[data-stripe-checkout] button[type=submit]' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opts.help) {
  console.log('node run.mjs [--ours-dist DIR] [--runs N] [--warmup N] [--chromium PATH] [--timeout MS] [--pay-button CSS]');
  process.exit(0);
}
const RUNS = positiveInt(opts.runs, '--runs');
const WARMUP = positiveInt(opts.warmup, '--warmup', true);
const TIMEOUT = positiveInt(opts.timeout, '--timeout');
// A relative --ours-dist is taken from the working directory; the default is the repo's dist/.
const OURS_DIST = opts['ours-dist'] ? path.resolve(opts['ours-dist']) : path.join(REPO_DIR, 'dist');
const PEER_DIST = path.join(BENCH_DIR, 'react-peer', 'dist');
const SIM_DIR = path.join(REPO_DIR, 'sim');

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
  ['/sim/', SIM_DIR],
  ['/', path.join(BENCH_DIR, 'pages')],
];

function startServer() {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const mount = MOUNTS.find(([prefix]) => pathname.startsWith(prefix));
    const root = mount[1];
    const file = path.resolve(root, '.' + decodeURIComponent(pathname.slice(mount[0].length - 1)));
    if (req.method !== 'GET' || !file.startsWith(root + path.sep)) {
      res.writeHead(req.method === 'GET' ? 403 : 405).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
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
    until: (wanted) => new Promise((resolve) => { waiters.push({ states: wanted, resolve }); settle(); }),
  };
}

/**
 * The simulator as served in place of Stripe.js: the plain sim/stripe.js, byte-identical for
 * both targets. It carries everything @stripe/react-stripe-js needs (the Stripe instance methods
 * it checks for, off() after destroy()), so no adapter is added.
 */
function simulatorBody() {
  return readFileSync(path.join(SIM_DIR, 'stripe.js'), 'utf8');
}

// ---------------------------------------------------------------- one run

async function runOnce(browser, target, origin, sim, { collectFiles }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  try {
    await page.addInitScript(pageProbe);
    // Stripe.js: loadStripe() injects https://js.stripe.com/...; ours loads data-stripe-js-url.
    await page.route('https://js.stripe.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: sim }));
    await page.route(`${origin}/sim/stripe.js*`, (route) => route.fulfill({ contentType: 'text/javascript', body: sim }));
    await page.route(`${origin}/api/checkout`, async (route) => {
      const req = route.request();
      let tokenId;
      try { tokenId = req.postDataJSON()?.confirmationTokenId; } catch { /* not JSON */ }
      if (req.method() !== 'POST' || typeof tokenId !== 'string' || !tokenId.startsWith('ctoken_')) {
        problems.push(`backend got ${req.method()} ${req.postData()}`);
        await route.fulfill({ status: 400, json: { error: { message: 'expected POST {confirmationTokenId}' } } });
        return;
      }
      await route.fulfill({ json: BACKEND_ANSWER });
    });

    const files = [];
    if (collectFiles) {
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin !== origin || url.pathname.startsWith('/sim/')) return;
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
      events: window.__bench.events }));
    return {
      ok: true,
      firstStateMs: probe.marks[probe.states[0]],
      readyMs: probe.marks.ready, readyEventMs: probe.events.ready?.t,
      payMs: probe.marks.succeeded - probe.marks.click,
      heapBytes: heap,
      wasmBytes: wasm,
      states: probe.states,
      events: probe.events,
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

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const p90 = s[Math.ceil(0.9 * s.length) - 1];
  return { median, p90, min: s[0], max: s[s.length - 1], samples };
}

function brotli(buffer) {
  return zlib.brotliCompressSync(buffer, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
  } }).length;
}

function sizeOf(files) {
  const seen = new Map();
  for (const f of files) if (!seen.has(f.path)) seen.set(f.path, { path: f.path, raw: f.body.length, brotli: brotli(f.body) });
  const list = [...seen.values()];
  return { brotliBytes: list.reduce((s, f) => s + f.brotli, 0), rawBytes: list.reduce((s, f) => s + f.raw, 0), files: list };
}

const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const MB = (b) => `${(b / 1e6).toFixed(2)} MB`;
const ms = (t) => `${t.toFixed(1)} ms`;

/** Rows of the table: label, how to read the value from a target's result, how to print it. */
const METRICS = [
  ['size, brotli-11 (JS + wasm)', (r) => r.size.brotliBytes, kB],
  ['size, uncompressed', (r) => r.size.rawBytes, kB],
  ['first data-state (app code runs), median', (r) => r.firstState.median, ms],
  ['ready, median', (r) => r.ready.median, ms],
  ['ready, p90', (r) => r.ready.p90, ms],
  ['Pay → succeeded, median', (r) => r.pay.median, ms],
  ['Pay → succeeded, p90', (r) => r.pay.p90, ms],
  ['JS heap after ready, median', (r) => r.heap.median, MB],
  ['wasm memory after ready, median', (r) => r.wasm.median, MB],
  ['JS heap + wasm memory, median', (r) => r.heapPlusWasm.median, MB],
];

function printTable(results, names) {
  const header = ['metric', ...names, ...(names.length === 2 ? ['ours/react'] : [])];
  const rows = METRICS.map(([label, read, fmt]) => {
    const values = names.map((n) => read(results[n]));
    const ratio = names.length === 2 && values[1] ? [(values[0] / values[1]).toFixed(2)] : names.length === 2 ? ['n/a'] : [];
    return [label, ...values.map(fmt), ...ratio];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  rows.forEach((r) => console.log(line(r)));
  for (const n of names) {
    console.log(`\n${n} files (brotli-11 / raw):`);
    for (const f of results[n].size.files) console.log(`  ${f.path.padEnd(40)} ${kB(f.brotli).padStart(10)} / ${kB(f.raw)}`);
  }
}

function ratios(results) {
  return Object.fromEntries(METRICS.map(([label, read]) => {
    const react = read(results.react);
    return [label, react ? read(results.ours) / react : null];
  }));
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(path.join(PEER_DIST, 'peer.js'))) fatal(`${PEER_DIST}/peer.js is missing: run \`npm run build\` first`);
  const targets = [];
  const oursPresent = existsSync(OURS_DIST) && statSync(OURS_DIST).isDirectory();
  if (oursPresent) targets.push({ name: 'ours', page: 'ours.html' });
  else console.log(`\n*** ours: ${OURS_DIST} does not exist; measuring ONLY the React peer (no ratios). ***\n`);
  targets.push({ name: 'react', page: 'react.html' });

  const server = await startServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: CHROMIUM_FLAGS });
  const sim = simulatorBody();
  console.log(`Chromium ${browser.version()}, ${os.cpus().length} CPUs, ${RUNS} runs (+${WARMUP} warm-up) per target, served from ${origin}`);
  if (oursPresent) console.log(`ours: ${OURS_DIST}`);

  const runs = Object.fromEntries(targets.map((t) => [t.name, []]));
  const files = {};
  const failures = {};
  try {
    // Targets alternate inside each round so drift in machine load hits both alike.
    for (let round = -WARMUP; round < RUNS; round++) {
      for (const target of targets) {
        if (failures[target.name]) continue;
        const collectFiles = !files[target.name];
        const r = await runOnce(browser, target, origin, sim, { collectFiles });
        if (!r.ok) {
          failures[target.name] = r;
          console.log(`${target.name}: FAILED (${r.error}); states seen: ${JSON.stringify(r.states)}`);
          r.problems.slice(0, 10).forEach((p) => console.log(`  ${p}`));
          continue;
        }
        if (collectFiles) files[target.name] = r.files;
        if (round >= 0) runs[target.name].push(r);
        process.stdout.write(`${target.name} ${round < 0 ? 'warm-up' : `#${round + 1}`}: ready ${ms(r.readyMs)} (event ${ms(r.readyEventMs)}), first ${ms(r.firstStateMs)}, pay ${ms(r.payMs)}\n`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const results = {};
  for (const { name } of targets) {
    if (failures[name]) continue;
    const rs = runs[name];
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
    results[name] = {
      size: sizeOf(files[name]),
      firstState: stats(rs.map((r) => r.firstStateMs)),
      ready: stats(rs.map((r) => r.readyMs)),
      pay: stats(rs.map((r) => r.payMs)),
      heap: stats(rs.map((r) => r.heapBytes)),
      wasm: stats(rs.map((r) => r.wasmBytes)),
      heapPlusWasm: stats(rs.map((r) => r.heapBytes + r.wasmBytes)),
      contract,
      warnings,
    };
  }

  const measured = targets.map((t) => t.name).filter((n) => results[n]);
  if (measured.length) printTable(results, measured);
  for (const n of measured) for (const w of results[n].warnings) console.log(`warning (${n}): ${w}`);
  if (!oursPresent) console.log(`\n*** ours was NOT measured: ${OURS_DIST} does not exist. ***`);

  const out = {
    date: new Date().toISOString(),
    environment: { chromium: opts.chromium, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
      loadavg: os.loadavg(), flags: CHROMIUM_FLAGS },
    config: { runs: RUNS, warmup: WARMUP, oursDist: OURS_DIST, oursMeasured: oursPresent, backendAnswer: BACKEND_ANSWER },
    results,
    ratios: measured.length === 2 ? ratios(results) : null,
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
