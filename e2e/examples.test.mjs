// The example apps of examples/, each built by `make examples` (trunk, debug) and served by its
// own checkout-server in simulator mode (DIST_DIR=examples/<name>/dist), the way a shop
// developer runs one. As in journeys.test.mjs, the test does only what a customer can — click,
// Tab, Enter, and type into the simulator's fields — and reads what was charged from the
// simulated Stripe API's PaymentIntent list. An example is one `describe` with its server.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CARDS, chargedOnce, launch, openExample, PAY_BUTTON, simCalls, startDemoServer, tabTo, typeAddress, typeCard,
  typeInto, until,
} from "./support.mjs";

/** What the return page tells a customer who paid (PaymentStatus's texts). */
const PAID = {
  succeeded: "Payment received. Thank you for your order!",
  requires_capture: "Your payment is authorised. You'll be charged when your order ships.",
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** `$62.00` → 6200. */
const cents = (text) => {
  const m = /^\$(\d+)\.(\d\d)$/.exec(text.trim());
  assert.ok(m, `not a dollar amount: ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number(m[2]);
};

/** The customer lands on the return page, which says the payment went through. */
async function seesPaid(page, problems) {
  await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("redirect_status"), "succeeded");
  const status = page.getByRole("status");
  await status.waitFor({ timeout: 10_000 });
  const text = (await status.textContent()).trim();
  assert.ok(Object.values(PAID).includes(text), `the return page says ${JSON.stringify(text)}`);
  assert.deepEqual(problems, []);
  return url.searchParams.get("payment_intent");
}

describe("examples/cart: the ready-made Checkout following a cart signal", () => {
  let server;
  before(async () => {
    server = await startDemoServer({ dist: "examples/cart/dist" });
  });
  after(() => server?.close());

  const open = (t) => openExample(browser, server, t);
  const total = async (page) => cents(await page.locator("#cart-total").textContent());

  /**
   * Checks that the cart shows `expected` cents, the Pay button says it, and Elements was last
   * updated to it (the amount Stripe.js would show for wallets and use for its checks).
   */
  async function cartShows(page, expected) {
    assert.equal(await total(page), expected, "the cart total");
    const label = `Pay $${(expected / 100).toFixed(2)}`;
    await page.getByRole("button", { name: label, exact: true }).waitFor({ timeout: 5000 });
    const updates = await simCalls(page, "elements.update");
    const amounts = updates.map((c) => c.args[0]?.amount).filter((a) => a !== undefined);
    assert.equal(amounts.at(-1), expected, `elements.update amounts: ${JSON.stringify(amounts)}`);
  }

  test("the cart changes the Pay amount and the charge; 4242 pays and the return page says so", async (t) => {
    const { page, problems, intents, pay } = await open(t);
    assert.equal(await total(page), 2500, "one T-shirt to start with");
    assert.equal((await pay.textContent()).trim(), "Pay $25.00");
    // Keyboard: Tab to "+" of the T-shirt and press Enter; mouse: add a mug.
    await tabTo(page, "Add one Ferris T-shirt");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Add one Ferris mug" }).click();
    await cartShows(page, 2 * 2500 + 1200);
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { amount: 6200, id });
  });

  test("after a decline the customer changes the card and pays the changed cart", async (t) => {
    const { page, problems, intents, pay } = await open(t);
    // Swap the T-shirt for two mugs, with the mouse.
    await page.getByRole("button", { name: "Add one Ferris mug" }).click();
    await page.getByRole("button", { name: "Add one Ferris mug" }).click();
    await page.getByRole("button", { name: "Remove one Ferris T-shirt" }).click();
    await cartShows(page, 2 * 1200);
    await typeAddress(page);
    await typeCard(page, CARDS.declined);
    await pay.click();
    const alert = page.locator(".stripe-checkout-error[role=alert]");
    await until(async () => (await alert.textContent())?.trim(), "the decline message", 10_000);
    assert.equal((await alert.textContent()).trim(), "Your card was declined.");
    assert.ok(await pay.isEnabled(), "Pay is usable again");
    assert.equal(new URL(page.url()).pathname, "/", "stays on the shop");
    // The customer types another card into the same form.
    await typeInto(page, "Card number", CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { amount: 2400, id });
    assert.equal(all.length, 2, "the declined attempt and the paid one");
    assert.ok(all.some((pi) => pi.status === "requires_payment_method" && pi.amount === 2400), "the declined attempt");
  });

  test("emptying the cart removes the checkout; refilling brings it back", async (t) => {
    const { page, problems } = await open(t);
    await page.getByRole("button", { name: "Remove one Ferris T-shirt" }).click();
    assert.equal(await total(page), 0);
    await page.getByText("Your cart is empty.").waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole("button", { name: PAY_BUTTON }).count(), 0, "no Pay button");
    await page.getByRole("button", { name: "Add one Ferris mug" }).click();
    const pay = page.getByRole("button", { name: "Pay $12.00", exact: true });
    await until(() => pay.isEnabled(), "a ready checkout for $12.00", 15_000);
    assert.deepEqual(problems, []);
  });
});

describe("examples/custom-form: the shop's own form over the use_checkout hook", () => {
  let server;
  before(async () => {
    server = await startDemoServer({ dist: "examples/custom-form/dist" });
  });
  after(() => server?.close());

  const open = (t) => openExample(browser, server, t, { pay: /^Place order$/ });

  test("address and 4242, then Place order: the return page says paid, 2500 charged once", async (t) => {
    const { page, problems, intents } = await open(t);
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    // Keyboard: Tab to the shop's own button and press Enter.
    await tabTo(page, "Place order");
    await page.keyboard.press("Enter");
    const id = await seesPaid(page, problems);
    await chargedOnce(intents, { amount: 2500, id });
  });

  test("the form opens with the customer in its first field: they type their name at once", async (t) => {
    // The example focuses the Address Element through the handle `on_ready` hands it.
    const { page } = await open(t);
    const name = page.getByLabel("Full name");
    await until(() => name.evaluate((input) => input === document.activeElement), "the name field to have focus", 5_000);
    await page.keyboard.type("Jenny Rosen");
    assert.equal(await name.inputValue(), "Jenny Rosen");
  });

  test("a decline shows in the form's alert, the button works again, and 4242 then pays", async (t) => {
    const { page, problems, intents, pay } = await open(t);
    await typeAddress(page);
    await typeCard(page, CARDS.declined);
    await pay.click();
    const alert = page.getByRole("alert");
    await until(async () => (await alert.textContent())?.trim(), "the decline message", 10_000);
    assert.equal((await alert.textContent()).trim(), "Your card was declined.");
    assert.ok(await pay.isEnabled(), "Place order is usable again");
    assert.equal(new URL(page.url()).pathname, "/", "stays on the shop");
    await typeInto(page, "Card number", CARDS.succeeds);
    await pay.click();
    const id = await seesPaid(page, problems);
    const all = await chargedOnce(intents, { amount: 2500, id });
    assert.equal(all.length, 2, "the declined attempt and the paid one");
    assert.ok(all.some((pi) => pi.status === "requires_payment_method" && pi.amount === 2500), "the declined attempt");
  });
});
