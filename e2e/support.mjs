// Shared helpers for the end-to-end suites: a strict-CSP static server for dist/ under a path
// prefix plus the test pages, a Chromium launcher, Stripe.js answered by the simulator, a
// recording stand-in for the payment endpoint, and collectors for events, states, CSP
// violations and page errors.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
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
export const SIM_SOURCE = readFileSync(path.join(ROOT, "sim", "stripe.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run",
  "--disable-quic", "--disable-sync",
];

/** Fails (never skips) when the built embed is missing. */
export function requireDist() {
  for (const file of ["embed.js", "stripe-checkout-embed.js", "stripe-checkout-embed_bg.wasm"]) {
    assert.ok(
      existsSync(path.join(DIST, file)),
      `dist/${file} is missing: build the embed first (make dist, or trunk build --release)`,
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
 * Serves dist/ under PREFIX and e2e/pages/ under /pages/, every answer with the strict CSP.
 * In pages, `%ORIGIN%` becomes the server's origin and `%PREFIX%` the dist prefix; a query
 * `?attrs=<JSON>` overrides attributes of the page's first checkout host.
 */
export async function startStaticServer() {
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
    const headers = { "Content-Security-Policy": CSP, "Cache-Control": "no-store" };
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
