// Customer journeys: the demo shop against the real checkout-server in simulator mode, and the
// plain embed test page. The test does only what a customer can — type into the simulator's
// fields with the keyboard (Playwright's fill/pressSequentially/press, which refuse read-only
// and disabled fields), click, Tab and Enter — and never sets a value from script
// (`__stripeSim.fillCard` would type into a read-only field and hide the bug this file guards:
// a declined customer who cannot change the card). What was charged is read on the server side,
// from the simulated Stripe API's PaymentIntent list. (The five test-card outcomes that were
// demo.test.mjs live here now, with the server-side charge check added.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  backend, CARDS, CHARGED, chargedOnce, keyboardCheckout, launch, openDemoShop, openPage, PAY_BUTTON, requireDist,
  seesError, seesPaid, startDemoServer, startStaticServer, typeAddress, typeCard, typeEmail, typeInto,
} from "./support.mjs";

const HOST = "[data-stripe-checkout]";
const ALERT = `${HOST} [role="alert"]`;
const STATUS = `${HOST} [role="status"]`;
const AUTH_FAILED =
  "We are unable to authenticate your payment method. Please choose a different payment method and try again.";
const NETWORK_LOST =
  "We couldn't reach the shop to complete your payment. Check your connection and press Pay again: you won't be charged twice.";

let demo;
let pages;
let browser;
before(async () => {
  requireDist();
  demo = await startDemoServer();
  pages = await startStaticServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await pages?.close();
  demo?.close();
});

const openShop = (t, options) => openDemoShop(browser, demo, t, options);

const distinct = (values) => new Set(values).size;

describe("demo shop: the test cards", () => {
  test("the shop shows the simulated-payments banner, and quantity drives the amount and the cart", async (t) => {
    const { page, problems } = await openShop(t);
    assert.ok(await page.getByText("Simulated payments — no real card is charged.").isVisible());
    assert.ok(await page.getByRole("heading", { name: "Ferris T-shirt" }).isVisible());
    await page.getByRole("button", { name: "Increase quantity" }).click();
    assert.equal(await page.getAttribute(HOST, "data-amount"), "5000");
    assert.deepEqual(JSON.parse(await page.getAttribute(HOST, "data-request-body")),
      { items: [{ id: "tshirt", quantity: 2 }] });
    assert.equal((await page.textContent("#cart-total")).trim(), "$50.00");
    assert.deepEqual(problems, []);
  });

  const rows = [
    ["4242 4242 4242 4242 pays and lands on the return page", CARDS.succeeds, null, null],
    ["4000 0025 0000 3155 asks for 3-D Secure; completing it pays", CARDS.threeDSecure, "Complete authentication", null],
    ["4000 0025 0000 3155 with failed authentication is refused with the bank's reason", CARDS.threeDSecure, "Fail authentication", AUTH_FAILED],
    ["4000 0000 0000 9995 is refused for insufficient funds", CARDS.insufficientFunds, null, "Your card has insufficient funds."],
    ["4000 0000 0000 0002 is declined", CARDS.declined, null, "Your card was declined."],
  ];
  for (const [name, card, dialogButton, refusal] of rows) {
    test(name, async (t) => {
      const { page, problems, posts, intents, pay } = await openShop(t);
      await typeAddress(page);
      await typeCard(page, card);
      await pay.click();
      if (dialogButton) await page.getByRole("button", { name: dialogButton }).click({ timeout: 10_000 });
      if (refusal) {
        await seesError(page, problems, refusal);
        const all = await intents();
        assert.deepEqual(all.map((pi) => pi.status), ["requires_payment_method"], "one attempt, nothing charged");
      } else {
        const id = await seesPaid(page, problems);
        await chargedOnce(intents, { id });
      }
      assert.equal(posts.length, 1, "one POST");
    });
  }
});

describe("demo shop: journeys", () => {
  test("after a decline the customer types another card into the same form and pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    await typeAddress(page);
    await typeCard(page, CARDS.declined);
    await pay.click();
    await seesError(page, problems, "Your card was declined.");
    // The customer changes the card: this fails if the Payment Element stayed read-only.
    await typeInto(page, "Card number", CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { id });
    assert.equal(all.length, 2, "the declined attempt and the paid one");
    assert.equal(posts.length, 2);
    assert.equal(distinct(posts.map((p) => p.token)), 2, "a new token for the new card");
    assert.equal(distinct(posts.map((p) => p.key)), 2, "a new Idempotency-Key for the new token");
  });

  test("after failed 3-D Secure the customer types another card and pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    await typeAddress(page);
    await typeCard(page, CARDS.threeDSecure);
    await pay.click();
    await page.getByRole("button", { name: "Fail authentication" }).click({ timeout: 10_000 });
    await seesError(page, problems, AUTH_FAILED);
    await typeInto(page, "Card number", CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { id });
    assert.equal(distinct(posts.map((p) => p.token)), 2);
  });

  test("Pay on an incomplete form names what is missing; completing it pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    await typeEmail(page);
    await typeInto(page, "Card number", "42424242");
    await pay.click();
    await seesError(page, problems, "Your card number is incomplete.");
    assert.equal(await page.getByLabel("Card number", { exact: true }).getAttribute("aria-invalid"), "true");
    assert.equal(posts.length, 0, "nothing sent");
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { id });
    assert.equal(posts.length, 1);
  });

  test("a POST lost on the way out is retried with the same token and key; one PaymentIntent is charged", async (t) => {
    // route.abort() is the network failing, not the customer.
    const { page, problems, posts, intents, pay } = await openShop(t, {
      onPost: (n, route) => (n === 0 ? route.abort("connectionreset") : route.continue()),
    });
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    await seesError(page, problems, NETWORK_LOST);
    assert.deepEqual(await intents(), [], "the server never saw the first POST");
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { id });
    assert.equal(all.length, 1, "one PaymentIntent in all");
    assert.equal(posts.length, 2);
    assert.equal(posts[1].token, posts[0].token, "the same ConfirmationToken id");
    assert.equal(posts[1].key, posts[0].key, "the same Idempotency-Key");
  });

  test("an answer lost after the server charged is retried with the same token; the server charges once", async (t) => {
    // The first POST reaches the server (which charges) and the connection drops on the way back.
    const { page, problems, posts, intents, pay } = await openShop(t, {
      onPost: async (n, route) => {
        if (n > 0) return route.continue();
        await route.fetch();
        return route.abort("connectionreset");
      },
    });
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    await seesError(page, problems, NETWORK_LOST);
    assert.equal((await intents()).filter((pi) => CHARGED.has(pi.status)).length, 1, "charged once already");
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { id });
    assert.equal(all.length, 1, "the retry found the first PaymentIntent instead of making a second");
    assert.equal(posts[1].token, posts[0].token, "the same ConfirmationToken id");
    assert.equal(posts[1].key, posts[0].key, "the same Idempotency-Key");
  });

  test("changing the quantity after typing the card charges the new total", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    const up = page.getByRole("button", { name: "Increase quantity" });
    await up.click();
    await up.click();
    assert.equal((await page.textContent("#cart-total")).trim(), "$75.00");
    await pay.click();
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { id, amount: 7500 });
    assert.deepEqual(posts.map((p) => p.body.items), [[{ id: "tshirt", quantity: 3 }]]);
  });
});

describe("embed test page: journeys", () => {
  const ok = (id) => ({ json: { client_secret: `${id}_secret_abc123`, status: "succeeded" } });
  const DECLINE = {
    status: 402, json: { error: { message: "Your card was declined.", type: "card_error", code: "card_declined" } },
  };

  /**
   * The plain embed page with the in-memory simulator and a stand-in backend that answers like
   * Stripe does for the card inside the token (the simulator records each token's number).
   */
  async function openEmbed(t) {
    const opened = await openPage(browser);
    t.after(() => opened.context.close());
    const { page } = opened;
    const charged = [];
    opened.posts = await backend(page, "**/api/pay", async (request, n) => {
      const { confirmationTokenId } = JSON.parse(request.postData());
      const card = await page.evaluate((id) => window.__stripeSim.tokens[id]?.number, confirmationTokenId);
      if (card !== CARDS.succeeds) return DECLINE;
      charged.push(card);
      return ok(`pi_journey${n}`);
    });
    opened.charged = charged;
    await page.goto(pages.page("checkout.html", { "data-redirect": "never" }));
    await page.waitForSelector(`${HOST}[data-state="ready"]`, { state: "attached", timeout: 10_000 });
    return opened;
  }

  async function seesSuccess(page, log) {
    await page.waitForSelector(`${HOST}[data-state="succeeded"]`, { state: "attached", timeout: 10_000 });
    assert.equal((await page.textContent(STATUS))?.trim(), "Thank you! Your payment was successful.");
    assert.deepEqual(log.errors, [], "uncaught page errors");
    assert.deepEqual(log.csp, [], "CSP violations");
  }

  test("after a decline the customer types another card and that card is the one charged", async (t) => {
    const { page, log, posts, charged } = await openEmbed(t);
    await typeAddress(page);
    await typeCard(page, CARDS.declined);
    const pay = page.getByRole("button", { name: PAY_BUTTON });
    await pay.click();
    await page.waitForSelector(`${HOST}[data-state="error"]`, { state: "attached" });
    assert.equal((await page.textContent(ALERT)).trim(), "Your card was declined.");
    assert.ok(await pay.isEnabled());
    await typeInto(page, "Card number", CARDS.succeeds);
    await pay.click();
    await seesSuccess(page, log);
    assert.deepEqual(charged, [CARDS.succeeds], "the new card, once");
    assert.equal(posts.length, 2);
    assert.notEqual(posts[1].body.confirmationTokenId, posts[0].body.confirmationTokenId);
  });

  test("a purchase with the keyboard alone: Tab, type, Enter", async (t) => {
    const { page, log, posts, charged } = await openEmbed(t);
    await keyboardCheckout(page);
    await seesSuccess(page, log);
    assert.deepEqual(charged, [CARDS.succeeds]);
    assert.equal(posts.length, 1);
  });
});
