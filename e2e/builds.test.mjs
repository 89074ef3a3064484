// Which build of the wasm a page downloads: embed.js loads the smallest of the three (status,
// card, default) that takes every host present, and a host added later that needs more makes it
// load a fuller build, once, which mounts it. In headless Chromium under the strict CSP, with
// dist/ under a path prefix and Stripe.js answered by the simulator (support.mjs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  ADDRESS, backend, launch, openPage, requireDist, ROOT, simCalls, startDemoServer, startStaticServer,
} from "./support.mjs";

const OK = { json: { client_secret: "pi_e2eBuild_secret_abc123", status: "succeeded" } };
const CARD_ONLY = { "data-express-checkout": "off" };
const PI = { id: "pi_e2eBuilds", status: "succeeded", client_secret: "pi_e2eBuilds_secret_xyz", amount: 2500 };
const RETURN_QUERY = `payment_intent=${PI.id}&payment_intent_client_secret=${PI.client_secret}&redirect_status=succeeded`;

let server;
let browser;
before(async () => {
  requireDist();
  server = await startStaticServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens a test page (attribute overrides for its first checkout host, an extra query string,
 * routes of its own set up by `routes(page)` first), recording every request for a build's glue
 * or wasm in `files`; closes it when the test ends.
 */
async function open(t, name, { attrs, query, routes } = {}) {
  const opened = await openPage(browser, {
    stripeJsAppend: `window.__stripeSim.putPaymentIntent(${JSON.stringify(PI)});`,
  });
  t.after(() => opened.context.close());
  opened.files = [];
  opened.page.on("request", (request) => {
    const file = /stripe-checkout-[a-z]+(?:\.js|_bg\.wasm)$/.exec(new URL(request.url()).pathname);
    if (file) opened.files.push(file[0]);
  });
  opened.posts = await backend(opened.page, "**/api/pay", () => OK);
  await routes?.(opened.page);
  const url = server.page(name, attrs);
  await opened.page.goto(query ? `${url}${url.includes("?") ? "&" : "?"}${query}` : url);
  return opened;
}

/** The builds a page downloaded (`embed` is the default one), each glue and wasm exactly once. */
function builds(files) {
  const names = [...new Set(files.map((f) => /stripe-checkout-([a-z]+)/.exec(f)[1]))].sort();
  for (const name of names) {
    assert.deepEqual(files.filter((f) => f.startsWith(`stripe-checkout-${name}`)).sort(),
      [`stripe-checkout-${name}.js`, `stripe-checkout-${name}_bg.wasm`], `the ${name} build, once`);
  }
  return names;
}

const ready = (page, sel) => page.waitForSelector(`${sel}[data-state="ready"]`, { state: "attached", timeout: 8000 });
const status = (page, sel = "#status") =>
  page.waitForSelector(`${sel}[data-status="succeeded"]`, { state: "attached", timeout: 8000 });
const created = async (page) => (await simCalls(page, "elements.create")).map((c) => c.args[0]);

/** Nothing the page did violated the CSP or threw. */
function assertClean(log) {
  assert.deepEqual(log.csp, [], "CSP violations");
  assert.deepEqual(log.errors, [], "uncaught page errors");
}

/** Adds a checkout host to the page's <main>, with the test pages' attributes plus `attrs`. */
function addCheckout(page, id, attrs = {}) {
  return page.evaluate(({ id, attrs }) => {
    const host = document.createElement("div");
    host.id = id;
    host.setAttribute("data-stripe-checkout", "");
    const all = {
      "data-publishable-key": "pk_test_e2e", "data-amount": "1500", "data-currency": "usd",
      "data-endpoint": "/api/pay", "data-return-url": `${location.origin}/pages/landing.html`, ...attrs,
    };
    for (const [k, v] of Object.entries(all)) host.setAttribute(k, v);
    document.querySelector("main").append(host);
  }, { id, attrs });
}

describe("one page, one build", () => {
  test("a card-only checkout downloads the card build alone, and pays", async (t) => {
    const { page, log, posts, files } = await open(t, "checkout.html", {
      attrs: { ...CARD_ONLY, "data-redirect": "never" },
    });
    await ready(page, "#checkout");
    assert.deepEqual(await created(page), ["address", "payment"], "no wallet buttons");
    await page.evaluate((address) => {
      window.__stripeSim.fillCard("4242424242424242");
      window.__stripeSim.fillAddress(address);
    }, ADDRESS);
    await page.click('#checkout button[type="submit"]');
    await page.waitForSelector('#checkout[data-state="succeeded"]', { state: "attached", timeout: 8000 });
    assert.equal(posts.length, 1);
    assert.deepEqual(builds(files), ["card"]);
    assertClean(log);
  });

  test("a return page's status host downloads the status build alone", async (t) => {
    const { page, log, files } = await open(t, "status.html", { query: RETURN_QUERY });
    await status(page);
    assert.deepEqual(builds(files), ["status"]);
    assertClean(log);
  });

  test("the default checkout (wallet buttons) downloads the default build alone", async (t) => {
    const { page, log, files } = await open(t, "checkout.html");
    await ready(page, "#checkout");
    assert.ok((await created(page)).includes("expressCheckout"), "wallet buttons");
    assert.deepEqual(builds(files), ["embed"]);
    assertClean(log);
  });

  test("the card build refuses a bad attribute in the default build's words", async (t) => {
    const { page, log, files } = await open(t, "checkout.html", { attrs: { ...CARD_ONLY, "data-amount": "12.50" } });
    await page.waitForSelector('#checkout[data-state="unavailable"]', { state: "attached", timeout: 8000 });
    assert.equal((await page.textContent('#checkout [role="alert"]')).trim(),
      'data-amount: must be a positive whole number in the smallest currency unit (2500 for $25.00), not "12.50"');
    assert.deepEqual(builds(files), ["card"]);
    assert.deepEqual(log.errors, []);
  });

  for (const [kind, attrs, build] of [["card-only", CARD_ONLY, "card"], ["wallet", {}, "embed"]]) {
    test(`a ${kind} checkout and a status host on one page: its build and the status build`, async (t) => {
      const { page, log, files } = await open(t, "mixed.html", { attrs, query: RETURN_QUERY });
      await ready(page, "#checkout");
      await status(page);
      assert.deepEqual(builds(files), [build, "status"]);
      assert.equal(log.stripeJsRequests.length, 1, "one request for Stripe.js");
      assertClean(log);
    });
  }
});

describe("hosts added later", () => {
  test("a host needing more than the loaded build loads the fuller build, which mounts it", async (t) => {
    const { page, log, files } = await open(t, "status.html", { query: RETURN_QUERY });
    await status(page);
    assert.deepEqual(builds(files), ["status"]);

    await addCheckout(page, "card", CARD_ONLY);
    await ready(page, "#card");
    assert.deepEqual(builds(files), ["card", "status"]);

    await addCheckout(page, "email", { "data-email": "collect" });
    await ready(page, "#email");
    assert.deepEqual(builds(files), ["card", "embed", "status"]);
    assert.equal((await created(page)).filter((e) => e === "linkAuthentication").length, 1);

    // A card-only host now: a loaded build takes it, nothing more is downloaded.
    await addCheckout(page, "card2", CARD_ONLY);
    await ready(page, "#card2");
    assert.deepEqual(builds(files), ["card", "embed", "status"]);
    // Every host was mounted once and kept: one form each, the status untouched.
    for (const id of ["card", "email", "card2"]) {
      assert.equal(await page.locator(`#${id} form`).count(), 1, `#${id} has one form`);
    }
    assert.equal(await page.getAttribute("#status", "data-status"), "succeeded");
    assert.equal(log.stripeJsRequests.length, 1, "one request for Stripe.js");
    assert.equal(await page.evaluate(() => window.__stripeSimLoads), 1, "Stripe.js ran once");
    assertClean(log);
  });

  test("a status host added to a checkout page loads the status build, which mounts it", async (t) => {
    const { page, log, files } = await open(t, "checkout.html", { query: RETURN_QUERY });
    await ready(page, "#checkout");
    assert.deepEqual(builds(files), ["embed"]);
    await page.evaluate(() => {
      const host = document.createElement("div");
      host.id = "status";
      host.setAttribute("data-stripe-checkout-status", "");
      host.setAttribute("data-publishable-key", "pk_test_e2e");
      document.querySelector("main").append(host);
    });
    await status(page);
    assert.deepEqual(builds(files), ["embed", "status"]);
    assertClean(log);
  });

  test("a host that comes to need more while its build downloads is mounted by the default build", async (t) => {
    // embed.js picks the card build; the page asks for an email field before that build starts,
    // so the card build leaves the host, and embed.js loads the default build, which mounts it.
    const { page, log, files } = await open(t, "checkout.html", {
      attrs: CARD_ONLY,
      routes: (page) => page.route("**/stripe-checkout-card_bg.wasm", async (route) => {
        await page.evaluate(() => document.querySelector("#checkout").setAttribute("data-email", "collect"));
        await route.continue();
      }),
    });
    await ready(page, "#checkout");
    assert.deepEqual(builds(files), ["card", "embed"]);
    assert.ok((await created(page)).includes("linkAuthentication"), "the email field");
    assert.equal(await page.locator("#checkout form").count(), 1, "mounted once");
    assertClean(log);
  });

  test("a host the picked build leaves (embed.js and the wasm disagree) is mounted by the default build", async (t) => {
    // An embed.js whose rule says every checkout is card-only, as a drift between `needs` and
    // the wasm's `takes` would: the card build leaves the email host, the default build mounts it.
    const source = readFileSync(path.join(ROOT, "stripe-checkout-embed", "embed.js"), "utf8");
    const drifted = source.replace('return cardOnly ? "card" : "full";', 'return "card";');
    assert.notEqual(drifted, source, "the rule to replace is in embed.js");
    const { page, log, files } = await open(t, "checkout.html", {
      attrs: { ...CARD_ONLY, "data-email": "collect" },
      routes: (page) => page.route("**/assets/checkout/embed.js", (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: drifted })),
    });
    await ready(page, "#checkout");
    assert.deepEqual(builds(files), ["card", "embed"]);
    assert.equal(await page.locator("#checkout form").count(), 1, "mounted once");
    assert.deepEqual(log.errors, []);
  });

  test("a page with no host yet downloads the default build, and mounts a checkout added later", async (t) => {
    const { page, log, files } = await open(t, "empty.html");
    await page.waitForFunction(() => performance.getEntriesByType("resource")
      .some((e) => e.name.endsWith("stripe-checkout-embed_bg.wasm")), null, { timeout: 8000 });
    await addCheckout(page, "later", CARD_ONLY);
    await ready(page, "#later");
    assert.deepEqual(builds(files), ["embed"]);
    assertClean(log);
  });
});

describe("the reference server", () => {
  test("the demo's return page downloads the status build alone, every file brotli", async (t) => {
    const demo = await startDemoServer();
    t.after(() => demo.close());
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.route((url) => url.host !== demo.base.host, (route) => route.abort("blockedbyclient"));
    const encodings = {};
    page.on("response", (response) => {
      const file = /(?:stripe-checkout-[a-z]+(?:\.js|_bg\.wasm)|embed\.js)$/.exec(new URL(response.url()).pathname);
      if (file) encodings[file[0]] = response.headers()["content-encoding"];
    });
    // No client secret in the address: the status host says there is no payment to show.
    await page.goto(new URL("/return.html", demo.base).href);
    await page.waitForSelector("[data-stripe-checkout-status][data-status]", { state: "attached", timeout: 10_000 });
    assert.deepEqual(encodings, {
      "embed.js": "br", "stripe-checkout-status.js": "br", "stripe-checkout-status_bg.wasm": "br",
    });
    assert.deepEqual(errors, []);
  });
});
