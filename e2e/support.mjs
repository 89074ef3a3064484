// Shared helpers for the end-to-end suites: a strict-CSP static server for dist/ under a path
// prefix plus the test pages, the demo server in simulator mode, a Chromium launcher, Stripe.js
// answered by the simulator, a recording stand-in for the payment endpoint, collectors for
// events, states, CSP violations and page errors, and what a customer does with the keyboard.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");
export const PAGES = path.join(ROOT, "e2e", "pages");
/** Where the test server mounts dist/: anything but the root, to prove prefix independence. */
export const PREFIX = "/assets/checkout/";
export const STRIPE_JS = "https://js.stripe.com/endive/stripe.js";
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; " +
  "style-src 'self' 'unsafe-inline'; connect-src 'self'";
/**
 * The policy a production page gives the embed (the reference server's, minus its img-src):
 * Stripe.js may open its frames and reach its API, nothing else.
 */
export const FULL_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; " +
  "style-src 'self' 'unsafe-inline'; frame-src https://js.stripe.com https://hooks.stripe.com; " +
  "connect-src 'self' https://api.stripe.com";
export const SIM_SOURCE = readFileSync(path.join(ROOT, "sim", "stripe.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run",
  "--disable-quic", "--disable-sync",
];

/** Fails (never skips) when the built embed is missing. */
export function requireDist() {
  const builds = ["embed", "card", "status"].flatMap((b) => [`stripe-checkout-${b}.js`, `stripe-checkout-${b}_bg.wasm`]);
  for (const file of ["embed.js", ...builds]) {
    assert.ok(
      existsSync(path.join(DIST, file)),
      `dist/${file} is missing: build the embed first (make dist: its three builds)`,
    );
  }
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json",
};

/** Overrides host attributes of the first `<div data-stripe-checkout …>` (null removes one). */
function withAttributes(html, overrides) {
  return html.replace(/<div\s+data-stripe-checkout\b([^>]*)>/, (_, attrText) => {
    const attrs = new Map();
    for (const m of attrText.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g)) {
      attrs.set(m[1], (m[2] ?? m[3] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    }
    for (const [k, v] of Object.entries(overrides)) {
      if (v === null) attrs.delete(k);
      else attrs.set(k, String(v));
    }
    const esc = (v) => v.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
    const text = [...attrs].filter(([k]) => k !== "data-stripe-checkout").map(([k, v]) => `${k}="${esc(v)}"`);
    return `<div data-stripe-checkout ${text.join(" ")}>`;
  });
}

/**
 * Serves dist/ under PREFIX and e2e/pages/ under /pages/, every answer with `csp`.
 * In pages, `%ORIGIN%` becomes the server's origin and `%PREFIX%` the dist prefix; a query
 * `?attrs=<JSON>` overrides attributes of the page's first checkout host.
 */
export async function startStaticServer({ csp = CSP } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    requests.push(url.pathname);
    let file = null;
    if (url.pathname.startsWith(PREFIX)) file = path.join(DIST, url.pathname.slice(PREFIX.length));
    else if (url.pathname.startsWith("/pages/")) file = path.join(PAGES, url.pathname.slice(7));
    const inside = file && (file.startsWith(DIST + path.sep) || file.startsWith(PAGES + path.sep));
    let body;
    try {
      body = inside ? await readFile(file) : null;
    } catch {
      body = null;
    }
    const headers = { "Content-Security-Policy": csp, "Cache-Control": "no-store" };
    if (!body) {
      res.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const ext = path.extname(file);
    if (ext === ".html") {
      let html = body.toString("utf8")
        .replaceAll("%ORIGIN%", origin)
        .replaceAll("%PREFIX%", PREFIX);
      const attrs = url.searchParams.get("attrs");
      if (attrs) html = withAttributes(html, JSON.parse(attrs));
      body = html;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[ext] || "application/octet-stream" }).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    /** URL of a test page, optionally with host attribute overrides. */
    page(name, attrs) {
      const q = attrs ? `?attrs=${encodeURIComponent(JSON.stringify(attrs))}` : "";
      return `${origin}/pages/${name}${q}`;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A fresh context + page that records everything the tests assert on:
 * `events` (stripe-checkout:* CustomEvents), `states` (data-state changes), `csp`
 * (securitypolicyviolation), `errors` (uncaught page errors), `stripeJsRequests`.
 * Stripe.js is answered with the simulator (in-memory mode), plus `stripeJsAppend` if given.
 */
export async function openPage(browser, { stripeJsAppend = "", stripeJs = true } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = { events: [], states: [], csp: [], errors: [], stripeJsRequests: [], console: [] };
  await context.exposeBinding("__e2eReport", (_source, kind, data) => {
    log[kind].push(data);
  });
  await context.addInitScript(() => {
    const report = (kind, data) => window.__e2eReport(kind, data);
    document.addEventListener("securitypolicyviolation", (e) =>
      report("csp", { directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
    for (const type of ["ready", "change", "success", "error"]) {
      document.addEventListener(`stripe-checkout:${type}`, (e) => {
        let detail = null;
        try { detail = JSON.parse(JSON.stringify(e.detail ?? null)); } catch { detail = "<unserialisable>"; }
        report("events", { type: e.type, target: e.target?.id || null, bubbles: e.bubbles, detail });
      }, true);
    }
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.nodeType === 1 && r.target.hasAttribute("data-stripe-checkout")) {
          report("states", { target: r.target.id || null, state: r.target.getAttribute("data-state") });
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  });
  page.on("pageerror", (e) => log.errors.push(String(e && e.stack || e)));
  page.on("console", (m) => {
    if (m.type() === "error") log.console.push(m.text());
  });
  // Anything not served by 127.0.0.1 and not routed below is refused (no network).
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort("blockedbyclient"));
  if (stripeJs) {
    await page.route("https://js.stripe.com/**", (route) => {
      log.stripeJsRequests.push(route.request().url());
      route.fulfill({
        status: 200,
        contentType: "text/javascript; charset=utf-8",
        body: `${SIM_SOURCE}\n${stripeJsAppend}`,
      });
    });
  }
  return { context, page, log };
}

/**
 * Answers POSTs to `pattern` with `answer(request, n)` (n = 0, 1, …), which returns
 * `{status, json}`, `{status, body, contentType}`, `"abort"` or `"hang"`. Records each request as
 * `{body, rawBody, headers, method}`.
 */
export async function backend(page, pattern, answer) {
  const seen = [];
  const hanging = [];
  await page.route(pattern, async (route) => {
    const request = route.request();
    const rawBody = request.postData();
    let body;
    try { body = JSON.parse(rawBody); } catch { body = undefined; }
    const headers = await request.allHeaders();
    seen.push({ method: request.method(), rawBody, body, headers });
    const out = await answer(request, seen.length - 1);
    if (out === "abort") return route.abort("connectionreset");
    if (out === "hang") { hanging.push(route); return; }
    if (out.json !== undefined) {
      return route.fulfill({ status: out.status ?? 200, contentType: "application/json", body: JSON.stringify(out.json) });
    }
    return route.fulfill({ status: out.status ?? 200, contentType: out.contentType ?? "text/plain", body: out.body ?? "" });
  });
  return seen;
}

/** Types a complete US address into the simulated Address Element. */
export const ADDRESS = {
  name: "Jane Doe", country: "US", line1: "1 Main Street", city: "Springfield", state: "IL", postal_code: "62701",
};

/** Waits until `fn()` is truthy (polling), with a readable failure. */
export async function until(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out after ${timeout} ms waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

/** The sim's recorded calls of one method. */
export function simCalls(page, method) {
  return page.evaluate((m) => window.__stripeSim.calls.filter((c) => c.method === m), method);
}

// ---------------------------------------------------------------- the demo server

export const SERVER_BIN = path.resolve(ROOT, process.env.SERVER_BIN || "target/debug/checkout-server");
/**
 * The simulator's secret key for this run, given to the server as SIM_SECRET_KEY so that these
 * helpers can read /sim/api as the server does (unset, the server draws a random key that only
 * it knows).
 */
const SIM_SECRET_KEY = `sk_test_sim_e2e_${randomBytes(16).toString("hex")}`;
/** PaymentIntent statuses that mean the customer's money was taken (or held, for manual capture). */
export const CHARGED = new Set(["succeeded", "requires_capture", "processing"]);

/** `GET /sim/api<path>` with the simulator's secret key; fails unless it answers 200. */
async function simGet(base, pathname, what) {
  const res = await fetch(new URL(`/sim/api${pathname}`, base),
    { headers: { Authorization: `Bearer ${SIM_SECRET_KEY}` } });
  assert.equal(res.status, 200, `retrieving the ${what} ${pathname}: ${await res.clone().text()}`);
  return res.json();
}

/**
 * Starts checkout-server on a free port in simulator mode (no Stripe keys), serving `dist`
 * (relative to the repository: dist/, the demo shop, by default; an example's
 * `examples/<name>/dist`). `paymentIntents()` reads every PaymentIntent the simulated Stripe API
 * holds, newest first, through its list endpoint — what was really charged, whatever the page
 * showed.
 */
export async function startDemoServer({ dist = "dist", env: extra = {} } = {}) {
  if (dist === "dist") requireDist();
  else {
    assert.ok(existsSync(path.join(ROOT, dist, "index.html")),
      `${dist}/index.html is missing: build the examples first (make examples)`);
  }
  assert.ok(existsSync(SERVER_BIN),
    `${SERVER_BIN} is missing: build it first (cargo build -p checkout-server) or set SERVER_BIN`);
  // SIM_ADMIN_API: the list endpoint `paymentIntents()` reads is off by default (it shows every
  // client secret). CHECKOUT_RATE_LIMIT, SIM_RATE_LIMIT: the suites pay more than the default
  // 10 a minute, and call the simulated API more than 60 times a minute, from one address; the
  // limits themselves are tested in server/tests/. SIM_SECRET_KEY: see above.
  const dataDir = mkdtempSync(path.join(tmpdir(), "checkout-e2e-"));
  const env = {
    ...process.env, BIND: "127.0.0.1:0", DIST_DIR: dist, RUST_LOG: "warn",
    SIM_ADMIN_API: "true", CHECKOUT_RATE_LIMIT: "off", SIM_RATE_LIMIT: "off",
    SIM_SECRET_KEY,
    // Orders in a throwaway SQLite database (removed once the server exits), not the
    // repository's data/ folder.
    DATA_DIR: dataDir,
    ...extra,
  };
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_PUBLISHABLE_KEY;
  const child = spawn(SERVER_BIN, [], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (l) => resolve(l.trim()));
    child.once("exit", (code) => reject(new Error(`checkout-server exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`checkout-server printed no URL within 10 s: ${stderr}`)), 10_000);
  });
  const base = new URL(line);
  return {
    base,
    async paymentIntents() {
      const res = await fetch(new URL("/sim/api/v1/payment_intents", base),
        { headers: { Authorization: `Bearer ${SIM_SECRET_KEY}` } });
      assert.equal(res.status, 200, `listing PaymentIntents: ${await res.clone().text()}`);
      return (await res.json()).data;
    },
    /**
     * One SetupIntent as the simulated Stripe API holds it (`GET /v1/setup_intents/:id`, secret
     * key). The simulator has no SetupIntent list (unlike `paymentIntents()`), so the ids come
     * from what the server answered (see `openDemoShop`'s `setupIntents()`).
     */
    async setupIntent(id) {
      return simGet(base, `/v1/setup_intents/${encodeURIComponent(id)}`, "SetupIntent");
    },
    /**
     * Ends the CustomerSession whose client secret is `secret` now (the simulator's control
     * call `POST /v1/customer_sessions/sim_expire`, secret key), as 30 minutes would.
     */
    async expireCustomerSession(secret) {
      const res = await fetch(new URL("/sim/api/v1/customer_sessions/sim_expire", base), {
        method: "POST",
        headers: { Authorization: `Bearer ${SIM_SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_secret: secret }),
      });
      assert.equal(res.status, 200, `expiring the CustomerSession: ${await res.clone().text()}`);
    },
    /** One Customer (`GET /v1/customers/:id`, secret key). */
    async customer(id) {
      return simGet(base, `/v1/customers/${encodeURIComponent(id)}`, "Customer");
    },
    close: () => {
      child.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
      child.kill("SIGTERM");
    },
  };
}

/**
 * A page in a fresh browser context (closed when the test ends) that reaches only `base`'s
 * host; page errors and CSP violations are collected in `problems`.
 */
async function serverOnlyPage(browser, base, t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.stack || e}`));
  await context.exposeBinding("__cspViolation", (_s, v) => problems.push(`CSP: ${v}`));
  await context.addInitScript(() => document.addEventListener("securitypolicyviolation",
    (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.route((url) => url.host !== base.host, (route) => route.abort("blockedbyclient"));
  return { context, page, problems };
}

/** The demo's checkout endpoints: payments, and cards saved for later (save-card.html). */
export const ENDPOINTS = ["/create-confirm-intent", "/create-confirm-setup-intent"];

/**
 * Opens the demo shop of `demo` (startDemoServer) in a fresh context, closed when the test ends;
 * `pathname` opens another page of it (e.g. `/save-card.html`). Page errors and CSP violations
 * go to `problems`; only the demo server answers. Every POST to a checkout endpoint (ENDPOINTS)
 * is recorded in `posts` (path, token id, Idempotency-Key, body), then handled by
 * `onPost(n, route)` — by default it goes on to the server, and what the server answered is
 * recorded in `answers` (path, HTTP status, JSON). `setup(page)` runs before the page loads; `state` is the
 * data-state waited for. `intents()` lists the PaymentIntents created since; `setupIntents()`
 * retrieves, from the simulated API, each SetupIntent the server answered with.
 */
export async function openDemoShop(browser, demo, t, { onPost, setup, state = "ready", pathname = "/" } = {}) {
  const { context, page, problems } = await serverOnlyPage(browser, demo.base, t);
  const posts = [];
  const answers = [];
  await page.route((url) => ENDPOINTS.includes(url.pathname), async (route) => {
    const request = route.request();
    const body = JSON.parse(request.postData() ?? "null");
    const post = {
      path: new URL(request.url()).pathname, token: body?.confirmationTokenId,
      key: (await request.allHeaders())["idempotency-key"], body,
    };
    posts.push(post);
    if (onPost) return onPost(posts.length - 1, route);
    // On to the server; its answer is recorded, then given to the page unchanged.
    const response = await route.fetch();
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON: recorded as null */ }
    answers.push({ path: post.path, status: response.status(), json });
    return route.fulfill({ response, body: text });
  });
  if (setup) await setup(page);
  const before = new Set((await demo.paymentIntents()).map((pi) => pi.id));
  await page.goto(new URL(pathname, demo.base).href);
  await page.waitForSelector(`[data-stripe-checkout][data-state="${state}"]`, { state: "attached", timeout: 10_000 });
  const intents = async () => (await demo.paymentIntents()).filter((pi) => !before.has(pi.id));
  const setupIntents = async () => {
    const ids = answers.map((a) => a.json?.client_secret?.match(/^(seti_[A-Za-z0-9]+)_secret_/)?.[1]).filter(Boolean);
    return Promise.all([...new Set(ids)].map((id) => demo.setupIntent(id)));
  };
  return {
    context, page, problems, posts, answers, intents, setupIntents,
    pay: page.getByRole("button", { name: "Pay now" }),
  };
}

// ---------------------------------------------------------------- what a customer does

/** The checkout's own Pay button ("Pay $25.00"), not a wallet's ("Pay with Link"). */
export const PAY_BUTTON = /^Pay\b(?! with)/;

/** The README's test cards. */
export const CARDS = {
  succeeds: "4242424242424242",
  threeDSecure: "4000002500003155",
  insufficientFunds: "4000000000009995",
  declined: "4000000000000002",
};
const TYPE_TIMEOUT = 3000;
const digits = (s) => String(s).replace(/\D/g, "");

/** Whether what a field shows is what was typed (the simulator formats card digits). */
function shows(value, typed) {
  return /^[\d ]+$/.test(typed) ? digits(value) === digits(typed) : value === typed;
}

/**
 * Types into the field labelled `label` as a person does: clears it, then key by key.
 * Playwright's fill refuses read-only and disabled fields (unlike `__stripeSim.fillCard`), so a
 * field the customer cannot change fails here, with the field named.
 */
export async function typeInto(scope, label, text) {
  const field = scope.getByLabel(label, { exact: true });
  try {
    await field.fill("", { timeout: TYPE_TIMEOUT });
    await field.pressSequentially(text, { timeout: TYPE_TIMEOUT });
  } catch (e) {
    // eslint-disable-next-line no-control-regex
    const lines = String(e.message).replace(/\x1b\[\d+m/g, "").split("\n").map((l) => l.replace(/^[\s-]+/, ""));
    const why = [...new Set(lines.filter((l) => /not editable|not enabled|disabled|readonly/i.test(l)))];
    assert.fail(`the customer cannot type into "${label}": ${why.join("; ") || lines[0]}`);
  }
  const value = await field.inputValue();
  assert.ok(shows(value, text), `typed ${JSON.stringify(text)} into "${label}"; it shows ${JSON.stringify(value)}`);
}

/** Types a card (number, expiry, CVC, and ZIP when asked) into the simulated Payment Element. */
export async function typeCard(scope, number, { expiry = "1234", cvc = "123", zip = "94107" } = {}) {
  await typeInto(scope, "Card number", number);
  await typeInto(scope, "Expiration date (MM / YY)", expiry);
  await typeInto(scope, "Security code", cvc);
  if (await scope.getByLabel("ZIP", { exact: true }).count()) await typeInto(scope, "ZIP", zip);
}

/** The email a customer types into the Link Authentication Element (`data-email="collect"`). */
export const EMAIL = "ferris@example.com";

/** Types an email into the simulated Link Authentication Element ("Email"). */
export async function typeEmail(scope, email = EMAIL) {
  await typeInto(scope, "Email", email);
}

/**
 * Types a shipping address into the simulated Address Element — and first, when the checkout
 * shows an empty email field (`data-email="collect"`), the customer's email (`email: null`
 * leaves it empty).
 */
export async function typeAddress(scope, address = ADDRESS, { email = EMAIL } = {}) {
  if (email !== null && await emailToType(scope)) await typeEmail(scope, email);
  await typeInto(scope, "Full name", address.name);
  await scope.getByLabel("Country", { exact: true }).selectOption(address.country, { timeout: TYPE_TIMEOUT });
  await typeInto(scope, "Address line 1", address.line1);
  await typeInto(scope, "City", address.city);
  await typeInto(scope, "Postal code", address.postal_code);
}

/** Whether the checkout shows an email field that is still empty. */
async function emailToType(scope) {
  const field = scope.getByLabel("Email", { exact: true });
  return (await field.count()) === 1 && (await field.inputValue()) === "";
}

/** The focused element's accessible name as a person hears it: label, aria-label or text. */
export function focusedName(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return null;
    return (a.labels?.[0]?.textContent || a.getAttribute("aria-label") || a.textContent || a.tagName).trim();
  });
}

/** Presses Tab until the focused element is named `name` (a string or RegExp). */
export async function tabTo(page, name, { max = 40 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focusedName(page);
    seen.push(now);
    if (typeof name === "string" ? now === name : name.test(now ?? "")) return;
  }
  assert.fail(`Tab never reached ${name}; focus went through ${JSON.stringify(seen)}`);
}

/** Types into the focused field with the keyboard and checks it took the text. */
async function typeHere(page, text) {
  await page.keyboard.type(text);
  const value = await page.evaluate(() => document.activeElement?.value ?? null);
  assert.ok(shows(value ?? "", text), `typed ${JSON.stringify(text)}; the focused field shows ${JSON.stringify(value)}`);
}

/**
 * Completes the checkout with the keyboard alone — Tab from wherever focus is, type, and Enter
 * on the Pay button — as someone without a mouse does. The email field and the Address Element
 * are filled when shown.
 */
export async function keyboardCheckout(page, { card = CARDS.succeeds, address = ADDRESS, email = EMAIL, pay = PAY_BUTTON } = {}) {
  if (email !== null && await emailToType(page)) {
    await tabTo(page, "Email");
    await typeHere(page, email);
  }
  if (await page.getByLabel("Full name", { exact: true }).count()) {
    await tabTo(page, "Full name");
    await typeHere(page, address.name);
    await tabTo(page, "Country");
    const name = await page.evaluate((code) => [...document.activeElement.options].find((o) => o.value === code)?.text, address.country);
    if (await page.evaluate(() => document.activeElement.value) !== address.country) await page.keyboard.type(name);
    assert.equal(await page.evaluate(() => document.activeElement.value), address.country, "country chosen by typing its name");
    await tabTo(page, "Address line 1");
    await typeHere(page, address.line1);
    await tabTo(page, "City");
    await typeHere(page, address.city);
    await tabTo(page, "Postal code");
    await typeHere(page, address.postal_code);
  }
  await tabTo(page, "Card number");
  await typeHere(page, card);
  await tabTo(page, "Expiration date (MM / YY)");
  await typeHere(page, "1234");
  await tabTo(page, "Security code");
  await typeHere(page, "123");
  if (await page.getByLabel("ZIP", { exact: true }).count()) {
    await tabTo(page, "ZIP");
    await typeHere(page, "94107");
  }
  await tabTo(page, pay);
  await page.keyboard.press("Enter");
}

// ---------------------------------------------------------------- what the customer sees

/** An error text fit for a customer: a sentence, no code leaking through. */
export function assertPlainSentence(text) {
  assert.ok(text && text.trim().length > 10, `expected a sentence, got ${JSON.stringify(text)}`);
  for (const bad of ["undefined", "[object Object]", "<", "null", "NaN"]) {
    assert.ok(!text.includes(bad), `error text contains ${bad}: ${JSON.stringify(text)}`);
  }
}

const CHECKOUT_HOST = "[data-stripe-checkout]";
const STATUS_HOST = "[data-stripe-checkout-status]";

/** What the demo's return page tells a customer who paid. */
export const PAID = {
  succeeded: "Payment received. Thank you for your order!",
  requires_capture: "Your payment is authorised. You'll be charged when your order ships.",
};

/**
 * The error the customer sees on a demo page: state error, the message in role=alert (a string,
 * or a function checking the text), the button (`button`, the shop's "Pay now" by default)
 * usable again, still on `pathname`.
 */
export async function seesError(page, problems, message, { button = "Pay now", pathname = "/" } = {}) {
  await page.waitForSelector(`${CHECKOUT_HOST}[data-state="error"]`, { state: "attached", timeout: 10_000 });
  const text = (await page.textContent(`${CHECKOUT_HOST} [role="alert"]`))?.trim();
  if (typeof message === "function") message(text);
  else assert.equal(text, message);
  assert.ok(await page.getByRole("button", { name: button, exact: true }).isEnabled(), `${button} is usable again`);
  assert.equal(new URL(page.url()).pathname, pathname, `stays on ${pathname}`);
  assert.deepEqual(problems, []);
  return text;
}

/** The customer lands on the return page, which confirms the payment; returns the PaymentIntent id. */
export async function seesPaid(page, problems) {
  await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("redirect_status"), "succeeded");
  await page.waitForSelector(`${STATUS_HOST}[data-status]`, { state: "attached", timeout: 10_000 });
  // The server authorises cards and captures later: requires_capture is a successful payment.
  const status = await page.getAttribute(STATUS_HOST, "data-status");
  assert.ok(status in PAID, `the return page shows data-status=${status}`);
  const text = async () => (await page.textContent(`${STATUS_HOST} [role="status"]`))?.trim();
  if (status === "succeeded") {
    // The demo's return page then follows the shop's order, which the simulator's webhook
    // marks paid (data-order-status-endpoint; server/README.md, "Orders and fulfilment").
    await page.waitForSelector(`${STATUS_HOST}[data-order-status="paid"]`, { state: "attached", timeout: 10_000 });
    assert.match(await text(), /^Order ord_\w+ confirmed\. Thank you!$/);
  } else {
    assert.equal(await text(), PAID[status]);
  }
  assert.deepEqual(problems, []);
  return url.searchParams.get("payment_intent");
}

/**
 * Exactly one PaymentIntent was charged, for `amount`, and it is the one the return page shows.
 * Returns every PaymentIntent created (`intents()` of openDemoShop).
 */
export async function chargedOnce(intents, { amount = 2500, id } = {}) {
  const all = await intents();
  const charged = all.filter((pi) => CHARGED.has(pi.status));
  assert.equal(charged.length, 1,
    `charged PaymentIntents: ${JSON.stringify(all.map((pi) => ({ id: pi.id, status: pi.status, amount: pi.amount })))}`);
  assert.equal(charged[0].amount, amount, "amount charged");
  assert.equal(charged[0].currency, "usd");
  if (id) assert.equal(charged[0].id, id, "the PaymentIntent the customer was shown");
  return all;
}

/** Whether focus is on the alert `sel` (or on a field it describes). */
export function focusIsOnAlert(page, sel) {
  return page.evaluate((sel) => {
    const alert = document.querySelector(sel);
    const active = document.activeElement;
    return Boolean(alert && active && (alert === active || alert.contains(active) || active.contains(alert)
      || active.getAttribute("aria-describedby")?.split(" ").includes(alert.id)));
  }, sel);
}

// ---------------------------------------------------------------- the example apps

/**
 * Opens `pathname` of an example app served by `server` (startDemoServer with the example's
 * dist) in a fresh context, closed when the test ends, and waits until its Pay button (the
 * Leptos `Checkout`'s, disabled while loading) can be pressed. Page errors and CSP violations
 * go to `problems`; only the server answers. `intents()` lists the PaymentIntents created since.
 */
export async function openExample(browser, server, t, { pathname = "/", pay = PAY_BUTTON } = {}) {
  const { context, page, problems } = await serverOnlyPage(browser, server.base, t);
  const before = new Set((await server.paymentIntents()).map((pi) => pi.id));
  await page.goto(new URL(pathname, server.base).href);
  const button = page.getByRole("button", { name: pay });
  await until(async () => (await button.count()) === 1 && button.isEnabled(), "the Pay button to be enabled", 15_000);
  const intents = async () => (await server.paymentIntents()).filter((pi) => !before.has(pi.id));
  return { context, page, problems, intents, pay: button };
}
