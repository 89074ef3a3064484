// Accessibility of the demo shop (real server, simulator mode) in every state the checkout can
// show: axe-core finds no serious or critical violation, focus lands on the alert after a
// failure, and a purchase works with the keyboard alone.
//
// axe-core is injected as a same-origin <script src> answered by a Playwright route, so the
// page keeps its real CSP (script-src 'self' allows it) and no bypassCSP is needed: the page is
// audited as customers get it, and the securitypolicyviolation listener still fails a test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import {
  CARDS, CHARGED, focusedName, keyboardCheckout, launch, openDemoShop, startDemoServer, tabTo,
  typeAddress, typeCard, typeEmail,
} from "./support.mjs";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_PATH = "/__e2e/axe.min.js";
const HOST = "[data-stripe-checkout]";
const ALERT = `${HOST} [role="alert"]`;

let demo;
let browser;
before(async () => {
  demo = await startDemoServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  demo?.close();
});

/** The shop with axe-core loadable from its own origin. */
async function openShop(t, options = {}) {
  return openDemoShop(browser, demo, t, {
    ...options,
    async setup(page) {
      await page.route((url) => url.pathname === AXE_PATH,
        (route) => route.fulfill({ contentType: "text/javascript; charset=utf-8", body: AXE_SOURCE }));
      await options.setup?.(page);
    },
  });
}

/** Runs axe-core on the whole page; fails listing every serious or critical violation. */
async function assertNoSeriousViolations(page, problems, label) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ url: AXE_PATH });
  const { violations, checkoutNodes } = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    // How many checks passed on elements inside a checkout host: proof the checkout was audited.
    const inside = (n) => Boolean(document.querySelector(n.target[0])?.closest("[data-stripe-checkout], [data-stripe-checkout-status]"));
    return {
      checkoutNodes: result.passes.flatMap((p) => p.nodes).filter(inside).length,
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      })),
    };
  });
  assert.ok(checkoutNodes > 0, `axe-core checked nothing inside the checkout (${label})`);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target}\n      ${n.summary?.replaceAll("\n", "\n      ")}`).join("\n")).join("\n");
  assert.equal(serious.length, 0, `axe-core, ${label}:\n${report}`);
  assert.deepEqual(problems, []);
}

/** A gate a route waits on, opened by the test. */
function gate() {
  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  return { opened, open };
}

describe("axe-core in each state", () => {
  test("ready: no serious or critical violations", async (t) => {
    const { page, problems } = await openShop(t);
    await assertNoSeriousViolations(page, problems, "ready");
  });

  test("error: no serious or critical violations, and focus is on the alert", async (t) => {
    const { page, problems, pay } = await openShop(t);
    await typeAddress(page);
    await typeCard(page, CARDS.declined);
    await pay.click();
    await page.waitForSelector(`${HOST}[data-state="error"]`, { state: "attached", timeout: 10_000 });
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), ALERT, { timeout: 2000 })
      .catch(() => {});
    const focused = await page.evaluate((sel) => ({
      onAlert: document.activeElement === document.querySelector(sel),
      focused: document.activeElement?.outerHTML.slice(0, 120),
    }), ALERT);
    assert.ok(focused.onAlert, `focus is on ${focused.focused}, not on the alert`);
    assert.equal((await page.textContent(ALERT)).trim(), "Your card was declined.");
    await assertNoSeriousViolations(page, problems, "after a decline");
  });

  test("processing: no serious or critical violations", async (t) => {
    const held = gate();
    const { page, problems, pay } = await openShop(t, {
      onPost: async (_n, route) => { await held.opened; return route.continue(); },
    });
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    await page.waitForSelector(`${HOST}[data-state="processing"]`, { state: "attached" });
    assert.equal(await page.getAttribute(`${HOST} form`, "aria-busy"), "true");
    await assertNoSeriousViolations(page, problems, "while paying");
    held.open();
  });

  test("succeeded: no serious or critical violations", async (t) => {
    const { page, problems, pay } = await openShop(t, {
      // The shop, as served (CSP included), with data-redirect="never" so that it stays on
      // screen in its succeeded state instead of leaving for the return page.
      setup: (p) => p.route((url) => url.pathname === "/", async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace("<div id=\"checkout\"", "<div data-redirect=\"never\" id=\"checkout\"");
        assert.match(body, /data-redirect="never"/);
        return route.fulfill({ response, body });
      }),
    });
    await typeAddress(page);
    await typeCard(page, CARDS.succeeds);
    await pay.click();
    await page.waitForSelector(`${HOST}[data-state="succeeded"]`, { state: "attached", timeout: 10_000 });
    assert.ok((await page.textContent(`${HOST} [role="status"]`)).trim());
    await assertNoSeriousViolations(page, problems, "after paying");
  });

  test("unavailable: no serious or critical violations, and the alert explains", async (t) => {
    const { page, problems } = await openShop(t, {
      setup: (p) => p.route((url) => url.pathname === "/sim/stripe.js", (route) => route.abort("connectionrefused")),
      state: "unavailable",
    });
    assert.ok((await page.textContent(ALERT)).trim().length > 10, "an explanation in role=alert");
    await assertNoSeriousViolations(page, problems, "Stripe.js blocked");
  });
});

describe("saved cards", () => {
  test("a returning customer's saved card, and the form that replaces it when it cannot load", async (t) => {
    const { page, problems } = await openShop(t, { pathname: "/save-card.html" });
    await typeEmail(page);
    await typeCard(page, CARDS.succeeds);
    await page.getByRole("button", { name: "Save card", exact: true }).click();
    await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
    const shop = async () => {
      await page.goto(new URL("/", demo.base).href);
      await page.waitForSelector(`${HOST}[data-state="ready"]`, { state: "attached", timeout: 10_000 });
    };
    await shop();
    assert.ok(await page.getByRole("radiogroup", { name: "Saved cards" }).isVisible(), "the saved card is listed");
    await assertNoSeriousViolations(page, problems, "saved card listed");
    await page.route((url) => url.pathname === "/customer-session", async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await demo.expireCustomerSession(json.client_secret);
      await route.fulfill({ response, json });
    });
    await shop();
    assert.ok(await page.getByText("Your saved cards could not be loaded.").isVisible(), "the customer is told");
    await assertNoSeriousViolations(page, problems, "saved cards could not load");
  });
});

describe("keyboard", () => {
  test("a purchase with the keyboard alone: skip link, Tab, type, Enter; the return page passes axe", async (t) => {
    const { page, problems, intents } = await openShop(t);
    await tabTo(page, "Skip to checkout", { max: 1 });
    await page.keyboard.press("Enter");
    assert.equal(await focusedName(page), "Checkout", "the skip link moves focus to the checkout");
    await keyboardCheckout(page, { pay: "Pay now" });
    await page.waitForURL(/\/return\.html\?/, { timeout: 10_000 });
    await page.waitForSelector('[data-stripe-checkout-status][data-status]', { state: "attached", timeout: 10_000 });
    const charged = (await intents()).filter((pi) => CHARGED.has(pi.status));
    assert.equal(charged.length, 1, "one payment charged");
    await assertNoSeriousViolations(page, problems, "return page");
  });
});
