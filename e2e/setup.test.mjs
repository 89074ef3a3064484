// Saving a card for later on the demo's save-card page (`data-mode="setup"`), against the real
// checkout-server in simulator mode: the card is saved with a SetupIntent, nothing is charged.
// The test does only what a customer can — click, type with the keyboard — and reads what the
// server did from the simulated Stripe API: the SetupIntents it answered with (the simulator
// has no SetupIntent list), the Customer they belong to, and that no PaymentIntent was created.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertPlainSentence, CARDS, EMAIL, launch, openDemoShop, requireDist, seesError, startDemoServer,
  typeCard, typeEmail, typeInto,
} from "./support.mjs";

const HOST = "[data-stripe-checkout]";
const STATUS_HOST = "[data-stripe-checkout-status]";
const PAGE = "/save-card.html";
const SAVE = "Save card";

let demo;
let browser;
before(async () => {
  requireDist();
  demo = await startDemoServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  demo?.close();
});

const openSaveCard = (t, options) => openDemoShop(browser, demo, t, { pathname: PAGE, ...options });

/** The customer lands on the return page, which says the card was saved; returns the SetupIntent id. */
async function seesSaved(page, problems) {
  await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("redirect_status"), "succeeded");
  assert.equal(url.searchParams.get("payment_intent"), null, "no payment");
  await page.waitForSelector(`${STATUS_HOST}[data-status]`, { state: "attached", timeout: 10_000 });
  assert.equal(await page.getAttribute(STATUS_HOST, "data-status"), "succeeded");
  assert.equal((await page.textContent(`${STATUS_HOST} [role="status"]`))?.trim(), "Your card was saved. Thank you!");
  assert.ok(await page.getByRole("heading", { name: "Your saved card" }).isVisible(), "the page is about the card");
  assert.ok(await page.getByText("Nothing was charged").isVisible(), "says nothing was charged");
  assert.equal(await page.getByText("A receipt is on its way").isVisible(), false, "no receipt promised");
  assert.deepEqual(problems, []);
  return url.searchParams.get("setup_intent");
}

/** Exactly one SetupIntent succeeded — the one the return page showed — and no PaymentIntent exists. */
async function savedOnce({ setupIntents, intents }, id) {
  const all = await setupIntents();
  const succeeded = all.filter((si) => si.status === "succeeded");
  assert.equal(succeeded.length, 1,
    `succeeded SetupIntents: ${JSON.stringify(all.map((si) => ({ id: si.id, status: si.status })))}`);
  assert.equal(succeeded[0].id, id, "the SetupIntent the customer was shown");
  assert.deepEqual(await intents(), [], "no PaymentIntent: nothing charged");
  return succeeded[0];
}

describe("save a card for later", () => {
  test("from the shop's link: 4242 is saved for a Customer with the typed email, nothing charged", async (t) => {
    const opened = await openDemoShop(browser, demo, t);
    const { page, problems, posts } = opened;
    await page.getByRole("link", { name: "Save a card for later" }).click();
    await page.waitForURL((url) => url.pathname === PAGE);
    await page.waitForSelector(`${HOST}[data-state="ready"]`, { state: "attached", timeout: 10_000 });
    assert.ok(await page.getByRole("heading", { name: "Save a card for later" }).isVisible());
    assert.ok(await page.getByText("Nothing is charged now.").isVisible(), "the page explains there is no charge");
    assert.equal(await page.getByRole("button", { name: /^Pay\b/ }).count(), 0, "no Pay button");
    assert.equal(await page.getByLabel("Full name", { exact: true }).count(), 0, "no shipping address asked");
    await typeEmail(page, EMAIL);
    await typeCard(page, CARDS.succeeds);
    await page.getByRole("button", { name: SAVE, exact: true }).click();
    const id = await seesSaved(page, problems);
    const si = await savedOnce(opened, id);
    assert.equal(si.usage, "off_session", "saved for later, off-session payments");
    assert.match(si.customer ?? "", /^cus_/, "saved for a Customer");
    assert.equal((await demo.customer(si.customer)).email, EMAIL, "the Customer has the typed email");
    assert.equal(posts.length, 1, "one POST");
    assert.equal(posts[0].path, "/create-confirm-setup-intent");
    assert.deepEqual(Object.keys(posts[0].body).sort(), ["confirmationTokenId", "email"], "no cart, no amount");
    assert.equal(posts[0].body.email, EMAIL);
  });

  test("4000 0025 0000 3155: the bank's 3-D Secure challenge, completed, saves the card", async (t) => {
    const opened = await openSaveCard(t);
    const { page, problems, posts } = opened;
    await typeEmail(page, EMAIL);
    await typeCard(page, CARDS.threeDSecure);
    await page.getByRole("button", { name: SAVE, exact: true }).click();
    await page.getByRole("button", { name: "Complete authentication" }).click({ timeout: 10_000 });
    const id = await seesSaved(page, problems);
    await savedOnce(opened, id);
    assert.equal(posts.length, 1);
  });

  test("a declined card is refused in a sentence; the customer types 4242 into the same form and it is saved", async (t) => {
    const opened = await openSaveCard(t);
    const { page, problems, posts } = opened;
    await typeEmail(page, EMAIL);
    await typeCard(page, CARDS.declined);
    const save = page.getByRole("button", { name: SAVE, exact: true });
    await save.click();
    const text = await seesError(page, problems, (m) => assertPlainSentence(m), { button: SAVE, pathname: PAGE });
    assert.match(text, /declined/, "says the card was declined");
    assert.equal((await opened.setupIntents()).length, 0, "no SetupIntent was saved");
    await typeInto(page, "Card number", CARDS.succeeds);
    await save.click();
    const id = await seesSaved(page, problems);
    await savedOnce(opened, id);
    assert.equal(posts.length, 2, "the declined attempt and the saved one");
    assert.notEqual(posts[1].token, posts[0].token, "a new token for the new card");
    assert.notEqual(posts[1].key, posts[0].key, "a new Idempotency-Key for the new token");
  });
});
