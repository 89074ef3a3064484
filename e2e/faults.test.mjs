// The fault matrix: one row per way the backend, the network, Stripe.js or the page's own
// attributes can go wrong, against the built dist/ under the production CSP (a
// securitypolicyviolation fails the row). Every row checks the same four things: a clear
// message in role="alert", a form the customer can use again (a new card typed with the
// keyboard, Pay enabled) where the state is `error`, no uncaught page error, and at most one
// charge — each token POSTed once, except the re-send of a token whose POST got no usable
// answer, and never a second token after such an ambiguous failure.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertPlainSentence, backend, CARDS, focusIsOnAlert, FULL_CSP, launch, openPage, requireDist,
  simCalls, startStaticServer, typeCard, until,
} from "./support.mjs";

const HOST = "#checkout";
const PAY = `${HOST} button[type="submit"]`;
const ALERT = `${HOST} [role="alert"]`;
const ENDPOINT = "**/api/pay";
const MARKUP = "<img src=x onerror=alert(1)>";
const SHIPPING = {
  name: "Jane Doe",
  address: { line1: "1 Main Street", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
};
/** Shipping from the page keeps each row to the Payment Element; no redirect keeps the outcome on the page. */
const BASE = { "data-shipping": JSON.stringify(SHIPPING), "data-redirect": "never" };
/** The card the customer types after a failure (Luhn-valid, not the first one). */
const NEW_CARD = "5555555555554444";
const ok = (id, status = "succeeded") => ({ json: { client_secret: `${id}_secret_abc123`, status } });
const html = (status, title) => ({
  status, contentType: "text/html",
  body: `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><hr>nginx/1.25.3</body></html>`,
});
const delayed = (ms, answer) => () => new Promise((r) => setTimeout(() => r(answer), ms));

let server;
let browser;
before(async () => {
  requireDist();
  server = await startStaticServer({ csp: FULL_CSP });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The embed test page with `attrs`; the stand-in backend gives `answers` in turn, then success.
 * Closed when test `t` ends (without `t`, by the caller); `load: false` opens no page yet.
 */
async function open(t, { attrs = {}, answers = [], base = BASE, load = true } = {}) {
  const opened = await openPage(browser);
  t?.after(() => opened.context.close());
  const { page } = opened;
  opened.dialogs = [];
  page.on("dialog", (d) => {
    opened.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  opened.posts = await backend(page, ENDPOINT, (_req, n) => {
    const a = answers[n] ?? ok(`pi_fault${n}`);
    return typeof a === "function" ? a() : a;
  });
  if (load) await page.goto(server.page("checkout.html", { ...base, ...attrs }));
  return opened;
}

const waitState = (page, want, timeout = 8000) =>
  page.waitForSelector(`${HOST}[data-state="${want}"]`, { state: "attached", timeout });

/** Nothing ran that should not have: no page error, no CSP report, no alert(), no injected <img>. */
async function assertClean({ page, log, dialogs }) {
  assert.deepEqual(log.errors, [], "uncaught page errors");
  assert.deepEqual(log.csp, [], "CSP violations");
  assert.deepEqual(dialogs, [], "dialogs opened by the page");
  assert.equal(await page.locator(`${HOST} img`).count(), 0, "markup was rendered as HTML");
}

/**
 * The failure as the customer sees it: state `error`, `message` (or, when null, a plain sentence
 * without the raw body) in role=alert with focus on it, the same text in the error event.
 */
async function seesError(opened, message) {
  const { page, log } = opened;
  const text = (await page.textContent(ALERT))?.trim();
  if (message === null) {
    assertPlainSentence(text);
    assert.ok(!/nginx|doctype|<h1>|Bad Gateway|Service Unavailable|Not Found/i.test(text), `raw body shown: ${text}`);
  } else {
    assert.equal(text, message);
  }
  assert.ok(await until(() => focusIsOnAlert(page, ALERT), "focus on the alert", 2000));
  const events = log.events.filter((e) => e.type === "stripe-checkout:error");
  assert.equal(events.at(-1)?.detail?.message, text, "the error event carries the alert's text");
  await assertClean(opened);
}

/** The customer can go on: types a new card with the keyboard, Pay is enabled, and pays. */
async function recovers(opened) {
  const { page } = opened;
  await typeCard(page, NEW_CARD);
  assert.ok(await page.isEnabled(PAY), "Pay is enabled after typing a new card");
  await page.click(PAY);
  await waitState(page, "succeeded");
}

/**
 * At most one charge. `ambiguous`: the first POST got no usable answer, so the retry re-sends
 * its token and key and no second token is made. Otherwise each token is POSTed once.
 */
async function assertOneCharge({ page, posts, log }, { ambiguous }) {
  const successes = log.events.filter((e) => e.type === "stripe-checkout:success");
  assert.ok(successes.length <= 1, `${successes.length} successes`);
  const tokens = posts.map((p) => p.body?.confirmationTokenId);
  const keys = posts.map((p) => p.headers["idempotency-key"]);
  const created = Object.keys(await page.evaluate(() => window.__stripeSim.tokens));
  if (ambiguous) {
    assert.equal(created.length, 1, `no second token after an ambiguous failure: ${created}`);
    assert.deepEqual(new Set(tokens), new Set(created), "the retry re-sends the first token");
    assert.equal(new Set(keys).size, 1, "the retry re-sends the first Idempotency-Key");
  } else {
    assert.equal(new Set(tokens).size, tokens.length, `a token POSTed twice: ${tokens}`);
    assert.equal(new Set(keys).size, keys.length, `an Idempotency-Key re-used: ${keys}`);
  }
}

describe("the backend fails", () => {
  // [name, first answer, what the customer reads (null: a plain sentence), ambiguous, attrs]
  const rows = [
    ["an HTML 500 page", html(500, "500 Internal Server Error"), null, true],
    ["an HTML 502 from a proxy", html(502, "502 Bad Gateway"), null, true],
    ["an HTML 503", html(503, "503 Service Unavailable"), null, true],
    ["an HTML 404", html(404, "404 Not Found"), null, true],
    ["an empty 502", { status: 502, body: "" }, null, true],
    ["a 200 that is not JSON", { status: 200, contentType: "text/plain", body: "OK" }, null, true],
    ["a JSON 200 with neither client_secret nor error", { status: 200, json: { status: "succeeded" } }, null, true],
    ["an empty JSON object", { status: 200, json: {} }, null, true],
    ["a dropped connection", "abort", null, true],
    ["no answer within data-timeout-ms", "hang", null, true, { "data-timeout-ms": "400" }],
    ["an error given as a string", { status: 409, json: { error: "That T-shirt just sold out." } }, "That T-shirt just sold out.", false],
    ["an error object without a message", { status: 400, json: { error: { type: "invalid_request_error" } } }, null, false],
    ["a decline whose message holds markup", { status: 402, json: { error: { message: MARKUP, type: "card_error" } } }, MARKUP, false],
    ["a string error that holds markup", { status: 400, json: { error: MARKUP } }, MARKUP, false],
  ];
  for (const [name, answer, message, ambiguous, attrs] of rows) {
    test(`${name}: a clear alert, the form works again, ${ambiguous ? "the retry re-sends the same token" : "the retry uses a new token"}`, async (t) => {
      const opened = await open(t, { attrs, answers: [answer] });
      const { page } = opened;
      await waitState(page, "ready");
      await typeCard(page, CARDS.succeeds);
      const started = Date.now();
      await page.click(PAY);
      await waitState(page, "error");
      if (answer === "hang") assert.ok(Date.now() - started < 4000, "data-timeout-ms honoured");
      await seesError(opened, message);
      await recovers(opened);
      assert.equal(opened.posts.length, 2);
      await assertOneCharge(opened, { ambiguous });
      await assertClean(opened);
    });
  }
});

describe("the card while a payment is in flight", () => {
  test("cannot be changed while the backend answers, and can again after a decline", async (t) => {
    const DECLINED = "Your card was declined.";
    const declined = { status: 402, json: { error: { message: DECLINED, type: "card_error", code: "card_declined" } } };
    const opened = await open(t, { answers: [delayed(1500, declined)] });
    const { page, posts } = opened;
    await waitState(page, "ready");
    await typeCard(page, CARDS.succeeds);
    await page.click(PAY);
    // The form locks once the token is asked for, before it is POSTed.
    await until(() => posts.length === 1, "the POST", 5000);
    const card = page.getByLabel("Card number", { exact: true });
    const typed = await card.fill(NEW_CARD, { timeout: 500 }).then(() => "typed", (e) => String(e.message));
    assert.match(typed, /not editable|readonly/i, "the customer cannot change the card while it is being charged");
    assert.equal((await card.inputValue()).replace(/\D/g, ""), CARDS.succeeds);
    assert.equal(await page.getAttribute(HOST, "data-state"), "processing");
    await waitState(page, "error");
    await seesError(opened, DECLINED);
    await recovers(opened);
  });
});

describe("the customer keeps pressing Pay", () => {
  test("a burst of clicks in one task starts one payment", async (t) => {
    const opened = await open(t, { answers: [delayed(300, ok("pi_burst"))] });
    const { page, posts } = opened;
    await waitState(page, "ready");
    await typeCard(page, CARDS.succeeds);
    await page.evaluate((sel) => {
      const button = document.querySelector(sel);
      for (let i = 0; i < 5; i++) button.click();
    }, PAY);
    await waitState(page, "succeeded");
    await page.waitForTimeout(200);
    assert.equal((await simCalls(page, "createConfirmationToken")).length, 1);
    assert.equal(posts.length, 1);
    await assertClean(opened);
  });

  /** Clicks Pay with the mouse and presses Enter in the card field every `every` ms while paying (at most `ms`). */
  async function keepPaying(page, ms, every) {
    const box = await page.locator(PAY).boundingBox();
    const end = Date.now() + ms;
    let presses = 0;
    while (Date.now() < end && (await page.getAttribute(HOST, "data-state")) === "processing") {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.getByLabel("Card number", { exact: true }).press("Enter");
      presses++;
      await page.waitForTimeout(every);
    }
    return presses;
  }

  for (const [name, delay, every] of [
    ["clicks and Enter over a second", 1200, 100],
    ["an 8 s answer while the customer keeps clicking Pay", 8000, 400],
  ]) {
    test(`${name} start one payment`, async (t) => {
      const opened = await open(t, { answers: [delayed(delay, ok("pi_slow"))] });
      const { page, posts, log } = opened;
      await waitState(page, "ready");
      await typeCard(page, CARDS.succeeds);
      await page.click(PAY);
      await waitState(page, "processing");
      assert.ok(await page.isDisabled(PAY), "Pay is disabled while paying");
      const presses = await keepPaying(page, delay + 2000, every);
      assert.ok(presses >= Math.max(2, Math.floor(delay / every / 5)), `the customer pressed ${presses} times`);
      await waitState(page, "succeeded", delay + 5000);
      assert.equal((await simCalls(page, "createConfirmationToken")).length, 1);
      assert.equal(posts.length, 1);
      const transitions = log.states.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]);
      assert.deepEqual(transitions, ["loading", "ready", "processing", "succeeded"]);
      await assertClean(opened);
    });
  }
});

describe("Stripe.js fails", () => {
  // Stripe's answers are scripted with __stripeSim.script(): they are what Stripe.js returns,
  // not something the customer types, so setting them from script is what this matrix needs.
  const REQUIRES_ACTION = ok("pi_fault3ds", "requires_action");
  const AUTH_FAILURE = {
    type: "card_error", code: "payment_intent_authentication_failure",
    message: "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
  };
  const GENERIC = "Your payment could not be processed. Please try again.";
  const BROKEN = "Something went wrong with this checkout. Please try again, or contact the shop.";
  const NOT_COMPLETED = "Your payment was not completed. Please try again or use another payment method.";
  const intent = (status) => ({
    id: "pi_fault3ds", object: "payment_intent", amount: 2500, currency: "usd", status,
    client_secret: "pi_fault3ds_secret_abc123", capture_method: "automatic", next_action: null,
    last_payment_error: status === "requires_payment_method" ? AUTH_FAILURE : null,
  });
  // [name, method, outcome, message, POSTs before the retry, answers]
  const rows = [
    ["elements.submit resolving a validation error", "elements.submit",
      { resolve: { error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." } } },
      "Your card number is incomplete.", 0],
    ["elements.submit with a message that holds markup", "elements.submit",
      { resolve: { error: { type: "validation_error", code: "invalid_number", message: MARKUP } } }, MARKUP, 0],
    ["createConfirmationToken resolving a card error", "createConfirmationToken",
      { resolve: { error: { type: "card_error", code: "card_declined", message: "Your card was declined." } } },
      "Your card was declined.", 0],
    ["createConfirmationToken with a card error that holds markup", "createConfirmationToken",
      { resolve: { error: { type: "card_error", code: "card_declined", message: MARKUP } } }, MARKUP, 0],
    ["createConfirmationToken resolving an API error", "createConfirmationToken",
      { resolve: { error: { type: "api_error", message: `internal detail ${MARKUP}` } } }, GENERIC, 0],
    ["createConfirmationToken resolving a connection error", "createConfirmationToken",
      { resolve: { error: { type: "api_connection_error", message: "socket hang up" } } },
      "We couldn't reach Stripe. Check your connection and try again.", 0],
    ["createConfirmationToken throwing", "createConfirmationToken", { throw: "boom" }, BROKEN, 0],
    ["createConfirmationToken rejecting", "createConfirmationToken", { reject: "boom" }, BROKEN, 0],
    ["handleNextAction resolving an authentication failure", "handleNextAction",
      { resolve: { error: AUTH_FAILURE } }, AUTH_FAILURE.message, 1, [REQUIRES_ACTION]],
    ["handleNextAction with an error message that holds markup", "handleNextAction",
      { resolve: { error: { ...AUTH_FAILURE, message: MARKUP } } }, MARKUP, 1, [REQUIRES_ACTION]],
    ["handleNextAction leaving requires_payment_method", "handleNextAction",
      { resolve: { paymentIntent: intent("requires_payment_method") } }, NOT_COMPLETED, 1, [REQUIRES_ACTION]],
    ["handleNextAction throwing", "handleNextAction", { throw: "boom" }, BROKEN, 1, [REQUIRES_ACTION]],
  ];
  for (const [name, method, outcome, message, postsBefore, answers] of rows) {
    test(`${name}: a clear alert and the form works again with a new token`, async (t) => {
      const opened = await open(t, { answers });
      const { page, posts } = opened;
      await waitState(page, "ready");
      await typeCard(page, CARDS.succeeds);
      await page.evaluate(([method, outcome]) => {
        const o = { ...outcome };
        if (typeof o.throw === "string") o.throw = new Error(o.throw);
        if (typeof o.reject === "string") o.reject = new Error(o.reject);
        window.__stripeSim.script(method, o);
      }, [method, outcome]);
      await page.click(PAY);
      await waitState(page, "error");
      await seesError(opened, message);
      assert.equal(posts.length, postsBefore, "POSTs of the failed attempt");
      await recovers(opened);
      assert.equal(posts.length, postsBefore + 1);
      await assertOneCharge(opened, { ambiguous: false });
      await assertClean(opened);
    });
  }

  test("a load error whose message holds markup leaves the host unavailable, shown as text", async (t) => {
    const opened = await open(t);
    const { page } = opened;
    await waitState(page, "ready");
    await page.evaluate((message) => window.__stripeSim.emit("payment", "loaderror",
      { elementType: "payment", error: { type: "invalid_request_error", message } }), MARKUP);
    await waitState(page, "unavailable");
    assert.equal((await page.textContent(ALERT)).trim(), `The payment form could not be loaded: ${MARKUP}`);
    await assertClean(opened);
  });
});

describe("the page's attributes are wrong", () => {
  const rows = [
    ["data-publishable-key", null],
    ["data-publishable-key", "not-a-key"],
    ["data-publishable-key", MARKUP],
    ["data-amount", null],
    ["data-amount", "12.50"],
    ["data-amount", "-5"],
    ["data-amount", "0"],
    ["data-amount", "lots"],
    ["data-currency", null],
    ["data-currency", "dollars"],
    ["data-currency", MARKUP],
    ["data-endpoint", null],
    ["data-endpoint", "https://shop.example:99999/pay"],
    ["data-return-url", null],
    ["data-return-url", "/relative/path"],
    ["data-return-url", "javascript:alert(1)"],
    ["data-shipping", "{not json"],
    ["data-shipping", '{"name": "Jane Doe"}'],
    ["data-billing-details", "{not json"],
    ["data-request-headers", "[1, 2]"],
    ["data-request-headers", '{"Idempotency-Key": "mine"}'],
    ["data-request-body", "{not json"],
    ["data-request-body", "[1]"],
    ["data-request-body", '{"confirmationTokenId": "ctoken_mine"}'],
    ["data-timeout-ms", "soon"],
    ["data-timeout-ms", "0"],
    ["data-redirect", "sometimes"],
    ["data-appearance", "{not json"],
    ["data-mode", "donation"],
    ["data-setup-future-usage", "always"],
    ["data-email", "yes"],
    ["data-express-checkout", "on"],
    ["data-shipping-rates", "{not json"],
    ["data-shipping-rates", '[{"id": "standard"}]'],
    ["data-layout", "grid"],
    ["data-allowed-countries", "USA"],
    ["data-phone", "maybe"],
    ["data-stripe-account", "acct 1"],
    ["data-on-behalf-of", "me"],
    ["data-payment-element-options", "{not json"],
    ["data-address-element-options", "[1]"],
    // A key a typed attribute sets (embed.test.mjs checks that both attributes are named).
    ["data-payment-element-options", '{"layout": "tabs"}'],
    ["data-express-checkout-options", '{"shippingRates": []}'],
    // The issue's trailing comma: named when the attribute is read, never at Pay.
    ["data-request-body", '{"items": [{"id": "tshirt", "quantity": 1}],}'],
    // A misspelt key in each attribute of JSON fields: the alert names the attribute and the key.
    ["data-shipping", '{"name": "Jane Doe", "address": {"line1": "1 Main St", "contry": "US"}}', "contry"],
    ["data-shipping", '{"name": "Jane Doe", "adress": {"line1": "1 Main St", "country": "US"}}', "adress"],
    ["data-billing-details", '{"emial": "jane@example.com"}', "emial"],
    ["data-billing-details", '{"address": {"postcode": "94107"}}', "postcode"],
    ["data-appearance", '{"theem": "night"}', "theem"],
    ["data-shipping-rates", '[{"id": "standard", "amount": 0, "displayName": "Standard", "deliveryEstimat": "2 days"}]', "deliveryEstimat"],
  ];
  // One page for these rows (each navigates afresh): a refused configuration never loads
  // Stripe.js, so nothing carries over, and a context per row would cost more than the row.
  let shared;
  before(async () => {
    shared = await open(null, { load: false });
  });
  after(() => shared?.context.close());
  for (const [attribute, value, key] of rows) {
    test(`${attribute}=${JSON.stringify(value)} makes the host unavailable with an alert naming it${key ? ` and \`${key}\`` : ""}`, async () => {
      const opened = shared;
      const { page, posts, log } = opened;
      for (const list of [posts, opened.dialogs, log.errors, log.csp, log.events]) list.length = 0;
      await page.goto(server.page("checkout.html", { ...BASE, [attribute]: value }));
      await waitState(page, "unavailable", 4000);
      const text = (await page.textContent(ALERT))?.trim();
      assert.ok(text?.includes(attribute), `the alert does not name ${attribute}: ${JSON.stringify(text)}`);
      if (key) assert.ok(text.includes(`unknown field \`${key}\``), `the alert does not name ${key}: ${JSON.stringify(text)}`);
      assert.equal(await page.locator(PAY).count(), 0, "no Pay button");
      assert.equal(posts.length, 0);
      await assertClean(opened);
    });
  }

  for (const key of ["sk_test_123secret", "rk_test_123restricted"]) {
    test(`a ${key.slice(0, 3)} key is refused before Stripe.js is requested`, async (t) => {
      const opened = await open(t, { attrs: { "data-publishable-key": key } });
      const { page, log } = opened;
      await waitState(page, "unavailable");
      assert.match(await page.textContent(ALERT), /data-publishable-key/);
      await page.waitForTimeout(200);
      assert.equal(log.stripeJsRequests.length, 0, "Stripe.js was requested");
      assert.equal(await page.evaluate(() => typeof window.Stripe), "undefined");
      await assertClean(opened);
    });
  }

  test("a submit label that holds markup is shown as text", async (t) => {
    const opened = await open(t, { attrs: { "data-submit-label": MARKUP } });
    const { page } = opened;
    await waitState(page, "ready");
    assert.equal((await page.textContent(PAY)).trim(), MARKUP);
    await assertClean(opened);
  });
});
