// The embed's contract, in headless Chromium under a strict CSP: dist/ is served under a path
// prefix, Stripe.js is the in-memory simulator, and the payment endpoint is a recording route.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  ADDRESS, assertPlainSentence, backend, focusIsOnAlert, launch, openPage, requireDist, SIM_SOURCE,
  simCalls, startStaticServer, until,
} from "./support.mjs";

const SHIPPING = {
  name: "Jane Doe",
  phone: "+1 555 0100",
  address: { line1: "1 Main Street", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
};
const WITH_SHIPPING = { "data-shipping": JSON.stringify(SHIPPING) };
const ENDPOINT = "**/api/pay";
const HOST = "#checkout";
const PAY = `${HOST} button[type="submit"]`;
const ALERT = `${HOST} [role="alert"]`;
const STATUS = `${HOST} [role="status"]`;
const ok = (id = "pi_e2eOk", status = "succeeded") => ({ json: { client_secret: `${id}_secret_abc123`, status } });
const DECLINE = {
  status: 402,
  json: { error: { message: "Your card was declined.", type: "card_error", code: "card_declined" } },
};

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

/** Opens the one-checkout page with attribute overrides; closes it when the test ends. */
async function open(t, attrs = {}, options = {}) {
  const opened = await openPage(browser, options);
  t.after(() => opened.context.close());
  const answers = options.answers ?? [];
  opened.posts = await backend(opened.page, ENDPOINT, (_req, n) => {
    const a = answers[n] ?? answers[answers.length - 1] ?? ok();
    return typeof a === "function" ? a() : a;
  });
  await opened.page.goto(server.page(options.pageName ?? "checkout.html", attrs));
  return opened;
}

const state = (page, sel = HOST) => page.getAttribute(sel, "data-state");
const waitState = (page, want, sel = HOST, timeout = 8000) =>
  page.waitForSelector(`${sel}[data-state="${want}"]`, { state: "attached", timeout });

/**
 * Fills the simulated Payment Element (and Address Element when shown) from script. These are
 * contract tests of attributes, events and requests, not of typing: the simulator's helpers
 * refuse read-only, disabled and hidden fields as a keyboard would, and journeys.test.mjs types
 * every card the customer's way.
 */
async function fill(page, number = "4242424242424242") {
  await page.evaluate(({ number, address }) => {
    window.__stripeSim.fillCard(number);
    if (window.__stripeSim.calls.some((c) => c.method === "elements.create" && c.args[0] === "address")) {
      window.__stripeSim.fillAddress(address);
    }
  }, { number, address: ADDRESS });
}

const tokenIds = (posts) => posts.map((p) => p.body?.confirmationTokenId);
const keys = (posts) => posts.map((p) => p.headers["idempotency-key"]);

/** Nothing the page did violated the CSP or threw. */
function assertClean(log) {
  assert.deepEqual(log.csp, [], "CSP violations");
  assert.deepEqual(log.errors, [], "uncaught page errors");
}


describe("mounting", () => {
  test("a checkout mounts on every host and both share one Stripe.js load", async (t) => {
    const { page, log } = await open(t, {}, { pageName: "two-hosts.html" });
    await waitState(page, "ready", "#first");
    await waitState(page, "ready", "#second");
    for (const id of ["#first", "#second"]) {
      assert.equal(await page.locator(`${id} button[type="submit"]`).count(), 1, `${id} has one submit button`);
    }
    assert.equal(await page.evaluate(() => window.__stripeSimLoads), 1);
    assert.equal(log.stripeJsRequests.length, 1, "one request for Stripe.js");
    const ready = log.events.filter((e) => e.type === "stripe-checkout:ready");
    assert.deepEqual(ready.map((e) => e.target).sort(), ["first", "second"]);
    assert.ok(ready.every((e) => e.bubbles), "ready bubbles");
    assert.equal((await simCalls(page, "elements.create")).filter((c) => c.args[0] === "payment").length, 2);
    assertClean(log);
  });

  test("Stripe.js and the wasm download at once: Stripe.js is requested before the wasm arrives", async (t) => {
    const opened = await openPage(browser);
    t.after(() => opened.context.close());
    const { page, log } = opened;
    // The wasm is held until Stripe.js has been requested (or 3 s have passed). A serial start
    // (wasm first, then Stripe.js from the wasm's loader) can only request Stripe.js afterwards.
    let heldFor = null;
    await page.route("**/stripe-checkout-embed_bg.wasm", async (route) => {
      const since = Date.now();
      await until(() => log.stripeJsRequests.length > 0, "a Stripe.js request", 3000).catch(() => {});
      heldFor = log.stripeJsRequests.length > 0 ? Date.now() - since : "timed out";
      await route.continue();
    });
    await page.goto(server.page("checkout.html"));
    await waitState(page, "ready");
    assert.notEqual(heldFor, "timed out", "Stripe.js was not requested while the wasm downloaded");
    assert.equal(log.stripeJsRequests.length, 1, "one request for Stripe.js");
    assert.equal(await page.evaluate(() => window.__stripeSimLoads), 1);
    assertClean(log);
  });

  test("a Stripe.js tag added by embed.js that fails is replaced by the loader's own", async (t) => {
    // The first request fails (embed.js's tag), the second (the wasm's loader) succeeds.
    const opened = await openPage(browser, { stripeJs: false });
    t.after(() => opened.context.close());
    const { page, log } = opened;
    let requests = 0;
    await page.route("https://js.stripe.com/**", (route) =>
      ++requests === 1 ? route.abort("connectionreset") : route.fulfill({
        status: 200, contentType: "text/javascript", body: SIM_SOURCE,
      }));
    await page.goto(server.page("checkout.html"));
    await waitState(page, "ready");
    assert.equal(requests, 2);
    assert.equal(await page.locator('script[src^="https://js.stripe.com/"]').count(), 1, "the dead tag is gone");
    assertClean(log);
  });

  test("the host goes loading → ready and fires stripe-checkout:ready", async (t) => {
    const { page, log } = await open(t);
    await waitState(page, "ready");
    assert.equal(log.states[0]?.state, "loading", `first state: ${JSON.stringify(log.states)}`);
    assert.equal(log.events.filter((e) => e.type === "stripe-checkout:ready").length, 1);
    const stripeCall = (await simCalls(page, "Stripe"))[0];
    assert.equal(stripeCall.args[0], "pk_test_e2e");
    assertClean(log);
  });

  test("Stripe.js failing to load leaves the host unavailable with an explanation", async (t) => {
    const { page, log } = await open(t, {}, { stripeJs: false });
    await waitState(page, "unavailable");
    assertPlainSentence(await page.textContent(ALERT));
    assert.deepEqual(log.csp, []);
  });
});

// Missing and malformed attributes, and secret keys: faults.test.mjs ("the page's attributes are wrong").

describe("paying", () => {
  test("a payment posts the token exactly as specified and ends in succeeded", async (t) => {
    const { page, log, posts } = await open(t, {
      "data-redirect": "never",
      "data-request-body": JSON.stringify({ items: [{ id: "tshirt", quantity: 2 }], note: "gift" }),
      "data-request-headers": JSON.stringify({ "X-Shop": "e2e", "X-Trace": "abc" }),
      "data-billing-details": JSON.stringify({ email: "jane@example.com" }),
    }, { answers: [ok("pi_e2eHappy")] });
    await waitState(page, "ready");
    await fill(page);
    await until(() => log.events.some((e) => e.type === "stripe-checkout:change" && e.detail?.complete === true),
      "a change event with complete: true");
    await page.click(PAY);
    await waitState(page, "succeeded");
    // Transitions only: re-writing the same value is not a new state.
    const transitions = log.states.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]);
    assert.deepEqual(transitions, ["loading", "ready", "processing", "succeeded"]);

    assert.equal(posts.length, 1);
    const [post] = posts;
    const tokens = await page.evaluate(() => window.__stripeSim.tokens);
    const [tokenId] = Object.keys(tokens);
    assert.equal(post.method, "POST");
    assert.match(post.headers["content-type"], /^application\/json\b/);
    assert.deepEqual(post.body, { confirmationTokenId: tokenId, items: [{ id: "tshirt", quantity: 2 }], note: "gift" });
    assert.ok(post.headers["idempotency-key"]?.length >= 16, "Idempotency-Key");
    assert.equal(post.headers["x-shop"], "e2e");
    assert.equal(post.headers["x-trace"], "abc");

    const { params } = tokens[tokenId];
    assert.equal(params.return_url, `${server.origin}/pages/landing.html`);
    assert.equal(params.shipping.name, ADDRESS.name);
    assert.equal(params.shipping.address.line1, ADDRESS.line1);
    assert.equal(params.shipping.address.country, "US");
    assert.equal(params.payment_method_data?.billing_details?.email, "jane@example.com");

    const success = log.events.find((e) => e.type === "stripe-checkout:success");
    assert.deepEqual({ status: success?.detail?.status, id: success?.detail?.paymentIntentId },
      { status: "succeeded", id: "pi_e2eHappy" });
    assert.ok(success.bubbles);
    assert.ok((await page.textContent(STATUS))?.trim(), "success text in role=status");
    assert.equal(new URL(page.url()).pathname, "/pages/checkout.html", "data-redirect=never stays");
    assertClean(log);
  });

  test("success navigates to the return URL with the three query parameters", async (t) => {
    const { page, log } = await open(t, WITH_SHIPPING, { answers: [ok("pi_e2eRedirect")] });
    await waitState(page, "ready");
    await fill(page);
    await Promise.all([page.waitForURL(/\/pages\/landing\.html\?/), page.click(PAY)]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("payment_intent"), "pi_e2eRedirect");
    assert.equal(url.searchParams.get("payment_intent_client_secret"), "pi_e2eRedirect_secret_abc123");
    assert.equal(url.searchParams.get("redirect_status"), "succeeded");
    assert.ok(log.events.some((e) => e.type === "stripe-checkout:success"), "success event before leaving");
    assertClean(log);
  });

  test("processing and requires_capture count as success", async (t) => {
    for (const status of ["processing", "requires_capture"]) {
      const { page, log } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" }, { answers: [ok(`pi_${status.replaceAll("_", "")}`, status)] });
      await waitState(page, "ready");
      await fill(page);
      await page.click(PAY);
      await waitState(page, "succeeded");
      assert.equal(log.events.find((e) => e.type === "stripe-checkout:success")?.detail?.status, status);
    }
  });

  test("an unexpected PaymentIntent status is an error", async (t) => {
    const { page, log } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" },
      { answers: [ok("pi_odd", "requires_payment_method")] });
    await waitState(page, "ready");
    await fill(page);
    await page.click(PAY);
    await waitState(page, "error");
    assertPlainSentence(await page.textContent(ALERT));
    assertClean(log);
  });

  test("an empty form shows validation errors and creates no token", async (t) => {
    const { page, log, posts } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" });
    await waitState(page, "ready");
    await page.click(PAY);
    await until(async () => (await simCalls(page, "elements.submit")).length === 1, "elements.submit()");
    await page.waitForTimeout(300);
    assert.equal((await simCalls(page, "createConfirmationToken")).length, 0);
    assert.equal(posts.length, 0);
    assert.notEqual(await state(page), "processing");
    assert.ok(await page.locator(`${HOST} [aria-invalid="true"]`).count() > 0, "fields marked invalid");
    await fill(page);
    await page.click(PAY);
    await waitState(page, "succeeded");
    assertClean(log);
  });

  test("changing data-amount updates the Elements group", async (t) => {
    const { page, log } = await open(t, WITH_SHIPPING);
    await waitState(page, "ready");
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("data-amount", "7500"), HOST);
    const update = await until(() => page.evaluate(() => window.__stripeSim.lastUpdate), "elements.update()");
    assert.equal(update.amount, 7500);
    assertClean(log);
  });

  test("data-shipping replaces the Address Element and is sent as shipping", async (t) => {
    const { page, log } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" });
    await waitState(page, "ready");
    const creates = await simCalls(page, "elements.create");
    assert.deepEqual(creates.map((c) => c.args[0]), ["expressCheckout", "payment"]);
    assert.equal(await page.getByLabel("Address line 1").count(), 0);
    await fill(page);
    await page.click(PAY);
    await waitState(page, "succeeded");
    const tokens = Object.values(await page.evaluate(() => window.__stripeSim.tokens));
    // Optional address lines absent from data-shipping are sent as null (Stripe.js wants all six keys).
    const sent = tokens[0].params.shipping;
    assert.deepEqual({ ...sent, address: undefined }, { ...SHIPPING, address: undefined });
    for (const [k, v] of Object.entries(SHIPPING.address)) assert.equal(sent.address[k], v, `address.${k}`);
    assert.ok([null, ""].includes(sent.address.line2), `address.line2: ${JSON.stringify(sent.address.line2)}`);
    assertClean(log);
  });

  test("without data-shipping an Address Element in shipping mode collects it", async (t) => {
    const { page, log } = await open(t);
    await waitState(page, "ready");
    const address = (await simCalls(page, "elements.create")).find((c) => c.args[0] === "address");
    assert.equal(address?.args[1]?.mode, "shipping");
    assertClean(log);
  });

  test("the data-…-options attributes reach Stripe.js after the typed options, and a payment goes through", async (t) => {
    const contacts = [{ name: "Jane Doe", address: { line1: "1 Main Street", city: "Springfield", state: "IL",
      postal_code: "62701", country: "US" } }];
    const { page, log } = await open(t, {
      "data-layout": "accordion",
      "data-redirect": "never",
      "data-payment-element-options": JSON.stringify({ paymentMethodOrder: ["card"], business: { name: "Shop" } }),
      "data-address-element-options": JSON.stringify({ contacts }),
      "data-express-checkout-options": JSON.stringify({ buttonTheme: { applePay: "white" } }),
    });
    await waitState(page, "ready");
    const creates = await simCalls(page, "elements.create");
    const options = (type) => creates.find((c) => c.args[0] === type)?.args[1];
    assert.deepEqual(options("payment"), {
      layout: "accordion", readOnly: false, paymentMethodOrder: ["card"], business: { name: "Shop" },
    });
    assert.deepEqual(options("address").contacts, contacts);
    assert.deepEqual(options("expressCheckout").buttonTheme, { applePay: "white" });
    // The Payment Element's update() (read-only while paying) carries them too, and Stripe.js takes them.
    await fill(page);
    await page.click(PAY);
    await waitState(page, "succeeded");
    const updates = (await simCalls(page, "element.update")).map((c) => c.args[0]);
    assert.ok(updates.some((u) => u.readOnly === true && u.paymentMethodOrder?.[0] === "card"), JSON.stringify(updates));
    assertClean(log);
  });

  test("a key a typed attribute sets is refused, naming both attributes", async (t) => {
    const { page, log } = await open(t, {
      "data-layout": "tabs",
      "data-payment-element-options": JSON.stringify({ layout: "accordion" }),
    });
    await waitState(page, "unavailable");
    assert.equal(
      await page.textContent(ALERT),
      "data-payment-element-options: `layout` is what data-layout sets: use data-layout, not both",
    );
    assert.equal((await simCalls(page, "elements.create")).length, 0);
    assertClean(log);
  });
});

describe("3-D Secure", () => {
  async function threeDS(t) {
    const opened = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" }, {
      answers: [{ json: { client_secret: "pi_e2e3ds_secret_abc123", status: "requires_action" } }],
    });
    const { page } = opened;
    await waitState(page, "ready");
    await page.evaluate(() => window.__stripeSim.putPaymentIntent({
      id: "pi_e2e3ds", status: "requires_action", client_secret: "pi_e2e3ds_secret_abc123", amount: 2500,
    }));
    await fill(page, "4000002500003155");
    await page.click(PAY);
    return opened;
  }

  test("requires_action is handled with handleNextAction; approving succeeds (dialog clicked)", async (t) => {
    const { page, log } = await threeDS(t);
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await waitState(page, "succeeded");
    const next = await simCalls(page, "handleNextAction");
    assert.deepEqual(next.map((c) => c.args[0]), [{ clientSecret: "pi_e2e3ds_secret_abc123" }]);
    const success = log.events.find((e) => e.type === "stripe-checkout:success");
    assert.equal(success?.detail?.paymentIntentId, "pi_e2e3ds");
    assertClean(log);
  });

  test("failed authentication is an error and the form stays usable", async (t) => {
    const { page, log } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" }, {
      answers: [{ json: { client_secret: "pi_e2e3dsf_secret_abc123", status: "requires_action" } }, ok("pi_after")],
    });
    await waitState(page, "ready");
    await page.evaluate(() => {
      window.__stripeSim.autoAuthenticate = "fail";
      window.__stripeSim.putPaymentIntent({
        id: "pi_e2e3dsf", status: "requires_action", client_secret: "pi_e2e3dsf_secret_abc123", amount: 2500,
      });
    });
    await fill(page, "4000002500003155");
    await page.click(PAY);
    await waitState(page, "error");
    assertPlainSentence(await page.textContent(ALERT));
    assert.ok(log.events.some((e) => e.type === "stripe-checkout:error"));
    assert.ok(await page.isEnabled(PAY));
    assertClean(log);
  });
});

describe("failures and retries", () => {
  test("a decline shows the backend's message, focuses it, and the next Pay uses a new token and key", async (t) => {
    const { page, log, posts } = await open(t, { ...WITH_SHIPPING, "data-redirect": "never" },
      { answers: [DECLINE, ok("pi_e2eRetry")] });
    await waitState(page, "ready");
    await fill(page);
    await page.click(PAY);
    await waitState(page, "error");
    assert.equal((await page.textContent(ALERT)).trim(), "Your card was declined.");
    assert.ok(await until(() => focusIsOnAlert(page, ALERT), "focus on the error", 2000));
    const error = log.events.find((e) => e.type === "stripe-checkout:error");
    assert.deepEqual(error?.detail && { message: error.detail.message, type: error.detail.type, code: error.detail.code },
      { message: "Your card was declined.", type: "card_error", code: "card_declined" });
    assert.ok(await page.isEnabled(PAY), "Pay is usable again");

    await page.click(PAY);
    await waitState(page, "succeeded");
    assert.equal(posts.length, 2);
    assert.equal((await simCalls(page, "createConfirmationToken")).length, 2);
    assert.notEqual(tokenIds(posts)[0], tokenIds(posts)[1], "new token after a real answer");
    assert.notEqual(keys(posts)[0], keys(posts)[1], "new Idempotency-Key after a real answer");
    assertClean(log);
  });
  // Every other backend failure, and retries after them: faults.test.mjs ("the backend fails").
});

describe("status host", () => {
  for (const [status, role] of [["succeeded", "status"], ["processing", "status"], ["requires_payment_method", "alert"]]) {
    test(`a ${status} PaymentIntent sets data-status and shows role=${role}`, async (t) => {
      const id = `pi_status${status.replaceAll("_", "")}`;
      const secret = `${id}_secret_xyz`;
      const pi = { id, status, client_secret: secret, amount: 2500 };
      const { page, log } = await openPage(browser, {
        stripeJsAppend: `window.__stripeSim.putPaymentIntent(${JSON.stringify(pi)});`,
      });
      t.after(() => page.context().close());
      await page.goto(`${server.origin}/pages/status.html?payment_intent=${id}` +
        `&payment_intent_client_secret=${secret}&redirect_status=succeeded`);
      await page.waitForSelector(`#status[data-status="${status}"]`, { state: "attached", timeout: 8000 });
      const text = await page.textContent(`#status [role="${role}"]`);
      assertPlainSentence(text);
      const retrieved = await simCalls(page, "retrievePaymentIntent");
      assert.deepEqual(retrieved.map((c) => c.args[0]), [secret]);
      assertClean(log);
    });
  }
});
