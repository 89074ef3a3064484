// Saved cards for a returning customer (issue 19 item 5), against the real checkout-server in
// simulator mode: the customer saves a card on the save-card page, comes back to the shop, finds
// the card listed (the shop asked its server for a CustomerSession, which names the customer by
// the server's signed cookie), picks it by keyboard or by mouse and pays. The PaymentIntent is
// the saved card's Customer's. A session that expired falls back to typing a card, with a
// message, and the payment still goes through.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  ADDRESS, CARDS, EMAIL, launch, openDemoShop, requireDist, seesPaid, startDemoServer, tabTo,
  typeAddress, typeCard, typeEmail,
} from "./support.mjs";

const HOST = "[data-stripe-checkout]";
const SAVED = /^Visa ending in 4242, expires 12\/34$/;
const FALLBACK = "Your saved cards could not be loaded. Enter your card details.";

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

/** Saves 4242 on the save-card page, as a customer; returns the opened page and its Customer id. */
async function saveCard(t) {
  const opened = await openDemoShop(browser, demo, t, { pathname: "/save-card.html" });
  const { page } = opened;
  await typeEmail(page, EMAIL);
  await typeCard(page, CARDS.succeeds);
  await page.getByRole("button", { name: "Save card", exact: true }).click();
  await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
  const [si] = await opened.setupIntents();
  assert.equal(si.status, "succeeded");
  assert.match(si.customer ?? "", /^cus_/);
  return { ...opened, customer: si.customer };
}

/** Back to the shop: the checkout is ready (once the shop asked for a CustomerSession). */
async function backToShop(page) {
  await page.goto(new URL("/", demo.base).href);
  await page.waitForSelector(`${HOST}[data-state="ready"]`, { state: "attached", timeout: 10_000 });
}

/** The one new PaymentIntent succeeded, for the saved card's Customer and with that card. */
async function paidWithSavedCard({ intents }, customer, pm) {
  const [pi, ...more] = await intents();
  assert.equal(more.length, 0, "one PaymentIntent");
  assert.equal(pi.status, "succeeded");
  assert.equal(pi.customer, customer, "the PaymentIntent's customer is the saved card's");
  if (pm) assert.equal(pi.payment_method, pm, "paid with the saved card");
}

describe("a returning customer's saved card", () => {
  test("keyboard: the saved card is listed and chosen; Tab and Enter pay with it", async (t) => {
    const opened = await saveCard(t);
    const { page, problems } = opened;
    await backToShop(page);
    assert.ok(await page.getByText("Welcome back! Your saved card is listed below.").isVisible());
    const group = page.getByRole("radiogroup", { name: "Saved cards" });
    const saved = group.getByRole("radio", { name: SAVED });
    assert.ok(await saved.isChecked(), "the saved card is chosen");
    assert.equal(await page.getByLabel("Card number", { exact: true }).isVisible(), false, "no card to type");
    const pm = await saved.getAttribute("value");
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await tabTo(page, "Email");
    await page.keyboard.type(EMAIL);
    await tabTo(page, "Full name");
    await page.keyboard.type(ADDRESS.name);
    await tabTo(page, "Address line 1");
    await page.keyboard.type(ADDRESS.line1);
    await tabTo(page, "City");
    await page.keyboard.type(ADDRESS.city);
    await tabTo(page, "Postal code");
    await page.keyboard.type(ADDRESS.postal_code);
    // Tab enters the group on the chosen card; the arrow keys move the choice.
    await tabTo(page, SAVED);
    await page.keyboard.press("ArrowDown");
    assert.ok(await group.getByRole("radio", { name: "New card" }).isChecked(), "ArrowDown: New card");
    assert.ok(await page.getByLabel("Card number", { exact: true }).isVisible(), "the card fields show");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    assert.ok(await saved.isChecked(), "ArrowUp: the saved card again");
    assert.equal(await page.getByLabel("Card number", { exact: true }).isVisible(), false);
    await tabTo(page, "Pay now");
    await page.keyboard.press("Enter");
    await seesPaid(page, problems);
    await paidWithSavedCard(opened, opened.customer, pm);
  });

  test("mouse: New card, then the saved card, clicked; Pay now pays with it", async (t) => {
    const opened = await saveCard(t);
    const { page, problems } = opened;
    await backToShop(page);
    const saved = page.getByRole("radio", { name: SAVED });
    await page.getByText("New card", { exact: true }).click();
    assert.ok(await page.getByLabel("Card number", { exact: true }).isVisible());
    await saved.click();
    assert.ok(await saved.isChecked());
    const pm = await saved.getAttribute("value");
    await typeAddress(page);
    await page.getByRole("button", { name: "Pay now" }).click();
    await seesPaid(page, problems);
    await paidWithSavedCard(opened, opened.customer, pm);
  });

  test("an expired session: the customer is told, types a card, and pays", async (t) => {
    const opened = await saveCard(t);
    const { page, problems } = opened;
    // The session the shop gets ends before the Payment Element loads it.
    await page.route((url) => url.pathname === "/customer-session", async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await demo.expireCustomerSession(json.client_secret);
      await route.fulfill({ response, json });
    });
    await backToShop(page);
    assert.equal((await page.getByRole("status").filter({ hasText: FALLBACK }).textContent())?.trim(), FALLBACK);
    assert.equal(await page.getByRole("radiogroup", { name: "Saved cards" }).count(), 0, "no saved cards listed");
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await page.getByRole("button", { name: "Pay now" }).click();
    await seesPaid(page, problems);
    const [pi] = await opened.intents();
    assert.equal(pi.status, "succeeded");
  });

  test("a first-time customer has no saved cards: the shop shows the card form", async (t) => {
    const { page } = await openDemoShop(browser, demo, t);
    assert.equal(await page.getByText("Welcome back!").isVisible(), false);
    assert.equal(await page.getByRole("radiogroup").count(), 0);
    assert.ok(await page.getByLabel("Card number", { exact: true }).isVisible());
  });
});
