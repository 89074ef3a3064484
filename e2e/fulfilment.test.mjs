// Fulfilment as the customer and the shop meet it: the reference server learns from the
// simulator's signed webhooks what was paid and hands each order to the shop's FULFILMENT_URL
// once, whether or not the customer's browser ever comes back (server/README.md, "Orders and
// fulfilment"). The customer only types, clicks and closes the page.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { CARDS, launch, openDemoShop, requireDist, startDemoServer, typeAddress, typeCard, until } from "./support.mjs";

const STATUS_HOST = "[data-stripe-checkout-status]";

/** The shop's fulfilment service: records every POST (headers and JSON body), answers 200. */
async function startFulfilment() {
  const posts = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      posts.push({ key: req.headers["idempotency-key"], body: JSON.parse(body || "null") });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { posts, url: `http://127.0.0.1:${server.address().port}/fulfil`, close: () => server.close() };
}

let browser;
let demo;
let fulfilment;
before(async () => {
  requireDist();
  fulfilment = await startFulfilment();
  demo = await startDemoServer({ env: { FULFILMENT_URL: fulfilment.url } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  demo?.close();
  fulfilment?.close();
});

describe("orders are fulfilled from Stripe's webhooks", () => {
  test("3-D Secure approved, page closed before the return page: fulfilled once, and the return URL later shows the order confirmed", async (t) => {
    const { context, page, problems, intents, pay } = await openDemoShop(browser, demo, t);
    // The customer closes the tab as the browser leaves for the return page: the redirect
    // never loads, so only the webhook can tell the shop.
    let returnUrl;
    await page.route((url) => url.pathname === "/return.html", (route) => {
      returnUrl = route.request().url();
      return route.abort("aborted");
    });
    await typeAddress(page);
    await typeCard(page, CARDS.threeDSecure);
    await pay.click();
    await page.getByRole("button", { name: "Complete authentication" }).click({ timeout: 10_000 });
    await until(() => returnUrl, "the redirect to the return page", 10_000);
    await page.close();
    assert.deepEqual(problems, []);

    const [pi] = await intents();
    assert.equal(pi.status, "succeeded");
    const order = pi.metadata?.order_id;
    assert.match(order ?? "", /^ord_/, "the PaymentIntent names its order in metadata");
    await until(() => fulfilment.posts.length > 0, "the order reaching FULFILMENT_URL", 15_000);
    assert.equal(fulfilment.posts[0].key, order, "Idempotency-Key is the order id");
    assert.equal(fulfilment.posts[0].body?.id, order, "the body is the order");

    // Later, the customer opens the return URL again (from the browser's history).
    const again = await context.newPage();
    await again.goto(returnUrl);
    await again.waitForSelector(`${STATUS_HOST}[data-order-status="paid"]`, { state: "attached", timeout: 10_000 });
    assert.equal((await again.textContent(`${STATUS_HOST} [role="status"]`))?.trim(),
      `Order ${order} confirmed. Thank you!`);

    // Stripe's events keep coming (created, requires_action, succeeded) and may repeat: still
    // one delivery for the one order.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(fulfilment.posts.filter((p) => p.key === order).length, 1, "fulfilled exactly once");
  });
});
