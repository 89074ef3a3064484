// The storefront embed: `<script type="module" src="…/embed.js"></script>` is all a page needs.
// It loads the checkout's WebAssembly from beside this file (any path prefix works), and the
// module's start function mounts every [data-stripe-checkout] and
// [data-stripe-checkout-status] element on the page. No inline script, no eval.
//
// Three builds of the wasm sit beside this file: `stripe-checkout-status` (return pages'
// status hosts), `stripe-checkout-card` (checkouts with data-express-checkout="off", no email
// field, payment mode) and `stripe-checkout-embed` (every host). This file loads the smallest
// one that takes every host of the page when it runs (the default one when there is none yet: a
// single-page shop may add its checkout later). A host added later that the loaded builds leave
// unmounted (a build skips a host asking for what it lacks) makes it load a build that takes
// it; no host is ever mounted twice (`data-stripe-mounted`).
//
// Start-up is parallel: before the glue is imported, this file starts the wasm download (the
// glue compiles it while it streams in) and adds the Stripe.js tag, so the three downloads
// overlap instead of running one after the other. The wasm's loader then finds that tag and
// waits for it; it stays the authority on every attribute, and reports every error.

// Keep in step with `STRIPE_JS_URL` (stripe-checkout-wire); e2e/embed.test.mjs fails if a page
// requests Stripe.js twice.
const STRIPE_JS_URL = "https://js.stripe.com/endive/stripe.js";
const HOSTS = "[data-stripe-checkout],[data-stripe-checkout-status]";
// Each build, smallest first, and the hosts it takes (see `needs`).
const BUILDS = [
  ["stripe-checkout-status", ["status"]],
  ["stripe-checkout-card", ["card"]],
  ["stripe-checkout-embed", ["status", "card", "full"]],
];
const FULL = BUILDS.length - 1;

const started = new Map(); // build → its load (a promise)
const loaded = new Set(); // builds whose start function has run: they mounted what they take
let checking = false; // a check() is due

const first = load(pick([...document.querySelectorAll(HOSTS)].map(needs)));
addStripeJs();
const observer = new MutationObserver(check);
observer.observe(document, { childList: true, subtree: true });
await first;

// What a host needs. Keep in step with `takes` (stripe-checkout-embed/src/lib.rs): a host this
// says the card build takes and that build leaves is still mounted, by the default build, after
// one more download.
function needs(host) {
  if (!host.hasAttribute("data-stripe-checkout")) return "status";
  const value = (name) => host.getAttribute(name)?.trim() ?? "";
  const cardOnly = value("data-express-checkout") === "off" && !value("data-email") &&
    !value("data-email-default") && ["", "payment"].includes(value("data-mode"));
  return cardOnly ? "card" : "full";
}

function takes(build, need) {
  return BUILDS[build][1].includes(need);
}

// The smallest build that takes every need (the default one for none).
function pick(all) {
  return all.length ? BUILDS.findIndex((_, b) => all.every((n) => takes(b, n))) : FULL;
}

function load(build) {
  if (!started.has(build)) started.set(build, start(build));
  return started.get(build);
}

async function start(build) {
  const [name] = BUILDS[build];
  const wasm = fetch(new URL(`./${name}_bg.wasm`, import.meta.url));
  const { default: init } = await import(`./${name}.js`);
  await init({ module_or_path: wasm });
  loaded.add(build);
  check();
}

// After a build started or hosts were added: loads a build for the hosts left unmounted. In a
// later task, once every MutationObserver callback of the change has run (each build's own
// observer mounts what it takes, and some were registered after this one).
function check() {
  if (checking) return;
  checking = true;
  setTimeout(() => {
    checking = false;
    if (loaded.has(FULL)) return observer.disconnect(); // it takes every host, now and later
    const waiting = [...document.querySelectorAll(HOSTS)]
      .filter((h) => !h.hasAttribute("data-stripe-mounted")).map(needs);
    // A loaded build left a host that `needs` says it takes: the default build takes every host.
    const stray = waiting.some((n) => [...loaded].some((b) => takes(b, n)));
    // Otherwise the hosts that no build loaded or on its way takes.
    const rest = waiting.filter((n) => ![...started.keys()].some((b) => takes(b, n)));
    if (stray || rest.length) {
      load(stray ? FULL : pick(rest)).catch((e) => console.error("stripe-checkout:", e));
    }
  });
}

// The first host's Stripe.js, as `@stripe/stripe-js` adds it when imported. Only for a key that
// looks publishable: a secret key is refused by the wasm before anything is sent to Stripe. A
// tag that fails is removed, so the loader adds its own and reports the failure.
function addStripeJs() {
  const host = document.querySelector(HOSTS);
  const key = host?.getAttribute("data-publishable-key")?.trim() ?? "";
  if (!/^pk_(test|live)_\w+$/.test(key) || typeof window.Stripe === "function") return;
  const url = new URL(host.getAttribute("data-stripe-js-url") || STRIPE_JS_URL, document.baseURI);
  if (url.protocol !== "https:" && url.protocol !== "http:") return;
  if ([...document.scripts].some((s) => s.src === url.href)) return;
  const script = document.createElement("script");
  script.src = url.href;
  script.addEventListener("error", () => script.remove());
  script.addEventListener("load", () => typeof window.Stripe === "function" || script.remove());
  (document.head ?? document.body).append(script);
}
