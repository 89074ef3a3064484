// The demo shop against the real checkout-server in simulator mode: a person types each test
// card into the simulated Stripe inputs and sees the outcome the card stands for.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { launch, requireDist, ROOT } from "./support.mjs";

const SERVER_BIN = path.resolve(ROOT, process.env.SERVER_BIN || "target/debug/checkout-server");
const HOST = "[data-stripe-checkout]";
const PAY = `${HOST} button[type="submit"]`;

let server;
let browser;
let base;

/** Starts the server on a free port in simulator mode and resolves with the URL it prints. */
function startServer() {
  const env = { ...process.env, BIND: "127.0.0.1:0", DIST_DIR: "dist", RUST_LOG: "warn" };
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_PUBLISHABLE_KEY;
  const child = spawn(SERVER_BIN, [], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const url = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve(line.trim()));
    child.once("exit", (code) => reject(new Error(`checkout-server exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`checkout-server printed no URL within 10 s: ${stderr}`)), 10_000);
  });
  return { child, url };
}

before(async () => {
  requireDist();
  assert.ok(existsSync(SERVER_BIN),
    `${SERVER_BIN} is missing: build it first (cargo build -p checkout-server) or set SERVER_BIN`);
  server = startServer();
  base = new URL(await server.url);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.child.kill("SIGTERM");
});

/** Opens the shop in a fresh context; page errors and CSP violations are collected. */
async function openShop(t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.stack || e}`));
  await context.exposeBinding("__cspViolation", (_s, v) => problems.push(`CSP: ${v}`));
  await context.addInitScript(() => document.addEventListener("securitypolicyviolation",
    (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  // Offline: only the demo server answers.
  await page.route((url) => url.host !== base.host, (route) => route.abort("blockedbyclient"));
  await page.goto(base.href);
  await page.waitForSelector(`${HOST}[data-state="ready"]`, { state: "attached", timeout: 10_000 });
  return { page, problems };
}

/** Types like a person: click a field by its label, then type key by key. */
async function type(page, label, text) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text, { delay: 5 });
}

async function payWith(page, card) {
  await type(page, "Card number", card);
  await type(page, "Expiration date (MM / YY)", "1234");
  await type(page, "Security code", "123");
  if (await page.getByLabel("ZIP", { exact: true }).count()) await type(page, "ZIP", "94107");
  await type(page, "Full name", "Jane Doe");
  await page.getByLabel("Country", { exact: true }).selectOption("US");
  await type(page, "Address line 1", "1 Main Street");
  await type(page, "City", "Springfield");
  await type(page, "Postal code", "62701");
  await page.click(PAY);
}

async function expectReturnPage(page, problems) {
  await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("redirect_status"), "succeeded");
  assert.match(url.searchParams.get("payment_intent") ?? "", /^pi_/);
  await page.waitForSelector('[data-stripe-checkout-status][data-status="succeeded"]',
    { state: "attached", timeout: 10_000 });
  assert.ok((await page.textContent('[data-stripe-checkout-status] [role="status"]'))?.trim());
  assert.equal(await page.getByRole("link", { name: "Back to the shop" }).count(), 1);
  assert.deepEqual(problems, []);
}

async function expectError(page, problems, message) {
  await page.waitForSelector(`${HOST}[data-state="error"]`, { state: "attached", timeout: 10_000 });
  const text = (await page.textContent(`${HOST} [role="alert"]`))?.trim();
  if (message) assert.equal(text, message);
  else assert.ok(text && !/undefined|\[object Object\]/.test(text), `error text: ${JSON.stringify(text)}`);
  assert.ok(await page.isEnabled(PAY), "Pay is usable again");
  assert.equal(new URL(page.url()).pathname, "/", "stays on the shop");
  assert.deepEqual(problems, []);
}

describe("demo shop (simulator mode)", () => {
  test("the page shows the simulated-payments banner and the T-shirt", async (t) => {
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

  test("4242 4242 4242 4242 pays and lands on the return page", async (t) => {
    const { page, problems } = await openShop(t);
    await payWith(page, "4242424242424242");
    await expectReturnPage(page, problems);
  });

  test("4000 0025 0000 3155 asks for 3-D Secure; completing it pays", async (t) => {
    const { page, problems } = await openShop(t);
    await payWith(page, "4000002500003155");
    await page.getByRole("button", { name: "Complete authentication" }).click({ timeout: 10_000 });
    await expectReturnPage(page, problems);
  });

  test("4000 0025 0000 3155 with failed authentication shows an error on the shop page", async (t) => {
    const { page, problems } = await openShop(t);
    await payWith(page, "4000002500003155");
    await page.getByRole("button", { name: "Fail authentication" }).click({ timeout: 10_000 });
    await expectError(page, problems);
  });

  test("4000 0000 0000 9995 is refused for insufficient funds", async (t) => {
    const { page, problems } = await openShop(t);
    await payWith(page, "4000000000009995");
    await expectError(page, problems, "Your card has insufficient funds.");
  });

  test("4000 0000 0000 0002 is declined", async (t) => {
    const { page, problems } = await openShop(t);
    await payWith(page, "4000000000000002");
    await expectError(page, problems, "Your card was declined.");
  });
});
