// Wallets and email on the demo shop, against the real checkout-server in simulator mode: the
// Express Checkout Element's wallet button and its payment sheet (approve, cancel, a declined
// wallet card, shipping address changes answered by the shop's page), a browser without any
// wallet, and the email field (Link Authentication Element) that ends up as the receipt email.
// The test does only what a customer can — click, Tab, Enter, type with the keyboard; it never
// sets a value from script nor calls the simulator's fill helpers. What was charged, to which
// address and with which receipt email, is read from the simulated Stripe API.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  ADDRESS, assertPlainSentence, CARDS, chargedOnce, EMAIL, focusedName, keyboardCheckout, launch, openDemoShop,
  requireDist, seesError, seesPaid, startDemoServer, tabTo, typeAddress, typeCard, typeEmail, until,
} from "./support.mjs";

const HOST = "[data-stripe-checkout]";
const ALERT = `${HOST} [role="alert"]`;
/** The wallet the simulated browser offers first (the simulator's default: Google Pay and Link). */
const WALLET_BUTTON = "Buy with Google Pay";
const SHEET = "Simulated Google Pay";
/** The sheet's canned addresses (sim/README.md) and the shop's answer for each. */
const US = "Jenny Rosen, 354 Oyster Point Blvd, South San Francisco CA 94080, US";
const GB = "Ada Lovelace, 10 Downing Street, London SW1A 2AA, GB";
const DE = "Max Mustermann, Unter den Linden 1, Berlin 10117, DE";
const DOMESTIC_RATE = "Free shipping (3–5 days) — $0.00";
const INTERNATIONAL_RATE = "International shipping (5–8 days) — $0.00";
const REFUSED_ADDRESS = "This address cannot be used. Choose another address.";
/** The email the wallet holds (the sheet's prefilled Email). */
const WALLET_EMAIL = "jenny.rosen@example.com";

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

const openShop = (t, options) => openDemoShop(browser, demo, t, options);

/** The wallet's payment sheet: a modal dialog named after the wallet. */
const sheetOf = (page) => page.getByRole("dialog", { name: SHEET });

/** Clicks the wallet button and waits for the sheet, ready to pay (the shop accepted the address). */
async function openSheet(page) {
  await page.getByRole("button", { name: WALLET_BUTTON }).click();
  const sheet = sheetOf(page);
  await sheet.waitFor({ timeout: 5000 });
  await until(() => sheet.getByRole("button", { name: "Pay", exact: true }).isEnabled(),
    "the sheet's Pay button to be enabled (the shop answered the initial address)");
  return sheet;
}

/** The shipping address, name and country the PaymentIntent carries. */
const shipped = (pi) => ({ name: pi.shipping?.name, line1: pi.shipping?.address?.line1, country: pi.shipping?.address?.country });

describe("demo shop: the wallet button", () => {
  test("approve: keyboard to the wallet button, Pay in the sheet, paid with the sheet's address", async (t) => {
    const { page, problems, posts, intents } = await openShop(t);
    await tabTo(page, WALLET_BUTTON);
    await page.keyboard.press("Enter");
    const sheet = sheetOf(page);
    await sheet.waitFor({ timeout: 5000 });
    assert.equal((await sheet.getByLabel("Total").textContent()).trim(), "$25.00", "the sheet shows the cart");
    assert.ok(await sheet.getByRole("radio", { name: US }).isChecked(), "the wallet's first address");
    assert.ok(await sheet.getByRole("radio", { name: DOMESTIC_RATE }).isChecked(), "the shop's domestic rate");
    const payInSheet = sheet.getByRole("button", { name: "Pay", exact: true });
    await until(() => payInSheet.isEnabled(), "the sheet's Pay to be enabled");
    if (await focusedName(page) !== "Pay") await tabTo(page, "Pay");
    await page.keyboard.press("Enter");
    const id = await seesPaid(page, problems);
    const [pi] = await chargedOnce(intents, { id, amount: 2500 });
    assert.deepEqual(shipped(pi), { name: "Jenny Rosen", line1: "354 Oyster Point Blvd", country: "US" });
    assert.equal(pi.receipt_email, WALLET_EMAIL, "the receipt goes to the wallet's email");
    assert.equal(posts.length, 1, "one POST");
    assert.deepEqual(posts[0].body.items, [{ id: "tshirt", quantity: 1 }]);
  });

  test("cancel: the sheet closes, nothing is sent, and the card form still pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    const sheet = await openSheet(page);
    await sheet.getByRole("button", { name: "Cancel" }).click();
    await sheet.waitFor({ state: "hidden", timeout: 5000 });
    assert.equal(posts.length, 0, "no POST for a cancelled sheet");
    assert.notEqual(await page.getAttribute(HOST, "data-state"), "error", "cancelling is not an error");
    assert.equal((await page.textContent(ALERT))?.trim() ?? "", "", "no error shown");
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    const [pi] = await chargedOnce(intents, { id });
    assert.equal(shipped(pi).country, ADDRESS.country, "the typed address");
    assert.equal(posts.length, 1);
  });

  test("fail: a declined wallet card is reported in the sheet and on the page; then the card form pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    const sheet = await openSheet(page);
    await sheet.getByRole("radio", { name: "Visa •••• 0002 (test: declined)" }).check();
    await sheet.getByRole("button", { name: "Pay", exact: true }).click();
    // The sheet says the payment failed, then closes by itself.
    const sheetAlert = sheet.getByRole("alert");
    await until(async () => ((await sheetAlert.textContent()) ?? "").trim(), "the sheet to show the failure", 10_000);
    const inSheet = (await sheetAlert.textContent()).trim();
    assertPlainSentence(inSheet);
    assert.match(inSheet, /failed|declined/, "the sheet says the payment did not go through");
    await sheet.waitFor({ state: "hidden", timeout: 5000 });
    // The checkout says so in a sentence, and the form is usable.
    await seesError(page, problems, "Your card was declined.");
    const [declined] = await intents();
    assert.equal(declined?.status, "requires_payment_method", "the wallet's attempt was refused, nothing charged");
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { id });
    assert.equal(all.length, 2, "the declined wallet attempt and the card payment");
    assert.equal(posts.length, 2);
    assert.notEqual(posts[1].token, posts[0].token, "a new token for the card");
  });

  test("shipping change: the shop refuses Germany, gives the UK its own rate, and the UK address is shipped to", async (t) => {
    const { page, problems, posts, intents } = await openShop(t);
    const sheet = await openSheet(page);
    const payInSheet = sheet.getByRole("button", { name: "Pay", exact: true });
    const sheetAlert = sheet.getByRole("alert");
    await sheet.getByRole("radio", { name: DE }).check();
    await until(async () => ((await sheetAlert.textContent()) ?? "").trim() === REFUSED_ADDRESS,
      "the sheet to refuse the German address");
    assert.equal(await payInSheet.isEnabled(), false, "no paying to an address the shop refused");
    await sheet.getByRole("radio", { name: GB }).check();
    const international = sheet.getByRole("radio", { name: INTERNATIONAL_RATE });
    await international.waitFor({ timeout: 5000 });
    assert.ok(await international.isChecked(), "the UK rate is the one offered");
    assert.equal(await sheet.getByRole("radio", { name: DOMESTIC_RATE }).count(), 0, "no domestic rate for the UK");
    await until(() => payInSheet.isEnabled(), "Pay to be enabled for the UK address");
    assert.equal(((await sheetAlert.textContent()) ?? "").trim(), "", "no error once the address is accepted");
    assert.equal((await sheet.getByLabel("Total").textContent()).trim(), "$25.00", "shipping is free: same total");
    await payInSheet.click();
    const id = await seesPaid(page, problems);
    const [pi] = await chargedOnce(intents, { id, amount: 2500 });
    assert.deepEqual(shipped(pi), { name: "Ada Lovelace", line1: "10 Downing Street", country: "GB" });
    assert.equal(posts.length, 1);
  });

  test("no wallet in the browser: no wallet button, and the card form pays with the keyboard", async (t) => {
    const { page, problems, posts, intents } = await openShop(t, {
      // The simulator's wallet switch, set before Stripe.js loads: this browser has no wallet.
      setup: (p) => p.addInitScript(() => { window.__stripeSim = { wallets: "none" }; }),
    });
    assert.equal(await page.getByRole("button", { name: /Google Pay|Apple Pay|Link|PayPal/ }).count(), 0,
      "no wallet button");
    assert.equal(await page.getByRole("dialog").count(), 0);
    await keyboardCheckout(page);
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { id });
    assert.equal(posts.length, 1);
  });
});

describe("demo shop: the email field", () => {
  test("the email typed with the keyboard is sent and becomes the receipt email", async (t) => {
    const { page, problems, posts, intents } = await openShop(t);
    const email = "ada.lovelace@example.org";
    await keyboardCheckout(page, { email });
    const id = await seesPaid(page, problems);
    const [pi] = await chargedOnce(intents, { id });
    assert.equal(pi.receipt_email, email, "receipt_email");
    assert.equal(posts.length, 1);
    assert.equal(posts[0].body.email, email, "the POST body carries the email");
  });

  test("paying without an email names the missing email and sends nothing; typing it pays", async (t) => {
    const { page, problems, posts, intents, pay } = await openShop(t);
    await typeAddress(page, ADDRESS, { email: null });
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    await seesError(page, problems, "Your email address is incomplete.");
    const field = page.getByLabel("Email", { exact: true });
    assert.equal(await field.getAttribute("aria-invalid"), "true", "the email field is marked invalid");
    assert.equal(posts.length, 0, "nothing sent without an email");
    await typeEmail(page, EMAIL);
    await pay.click();
    const id = await seesPaid(page, problems);
    const [pi] = await chargedOnce(intents, { id });
    assert.equal(pi.receipt_email, EMAIL);
    assert.equal(posts.length, 1);
  });
});
