// The storefront embed: `<script type="module" src="…/embed.js"></script>` is all a page needs.
// It loads the checkout's WebAssembly from beside this file (any path prefix works), and the
// module's start function mounts every [data-stripe-checkout] and
// [data-stripe-checkout-status] element on the page. No inline script, no eval.
//
// Three builds of the wasm sit beside this file: `stripe-checkout-embed`, the default one
// (every checkout host), `stripe-checkout-card` (checkouts with data-express-checkout="off", no
// email field, payment mode) and `stripe-checkout-status` (return pages' status hosts). This
// file loads what the hosts present when it runs need: the card build if every checkout takes
// it, else the default one, and the status build for status hosts (with no host yet, the
// default one: a single-page shop may add its checkout later). A host added later that the
// loaded builds leave unmounted (a build skips a host asking for what it lacks) makes it load a
// build that takes it; no host is ever mounted twice (`data-stripe-mounted`).
//
// Start-up is parallel: before the glue is imported, this file starts the wasm download (the
// glue compiles it while it streams in) and adds the Stripe.js tag, so the three downloads
// overlap instead of running one after the other. The wasm's loader then finds that tag and
// waits for it; it stays the authority on every attribute, and reports every error.

// Keep in step with `STRIPE_JS_URL` (stripe-checkout-wire); e2e/embed.test.mjs fails if a page
// requests Stripe.js twice.
const STRIPE_JS_URL = "https://js.stripe.com/endive/stripe.js";
const HOSTS = "[data-stripe-checkout],[data-stripe-checkout-status]";
const [DEFAULT, CARD, STATUS] = ["stripe-checkout-embed", "stripe-checkout-card", "stripe-checkout-status"];
// What each build takes (see `needs`).
const TAKES = { [DEFAULT]: ["card", "full"], [CARD]: ["card"], [STATUS]: ["status"] };

const started = new Map(); // build → its load (a promise)
const loaded = new Set(); // builds whose start function has run: they mounted what they take
let checking = false; // a check() is due

const first = Promise.all(pick([...document.querySelectorAll(HOSTS)].map(needs), true).map(load));
addStripeJs();
const observer = new MutationObserver(check);
observer.observe(document, { childList: true, subtree: true });
await first;

// What a host needs. Keep in step with `takes` (stripe-checkout-embed/src/lib.rs): a checkout
// this says the card build takes and that build leaves is still mounted, by the default build,
// after one more download.
function needs(host) {
  if (!host.hasAttribute("data-stripe-checkout")) return "status";
  const value = (name) => host.getAttribute(name)?.trim() ?? "";
  const cardOnly = value("data-express-checkout") === "off" && !value("data-email") &&
    !value("data-email-default") && ["", "payment"].includes(value("data-mode"));
  return cardOnly ? "card" : "full";
}

// The builds for these needs: the status build for status hosts, and for checkouts the card
// build if it takes them all, else the default one (also for no host at all, on a first load).
function pick(all, first = false) {
  const builds = all.includes("status") ? [STATUS] : [];
  if (all.includes("full") || (first && !all.length)) builds.push(DEFAULT);
  else if (all.includes("card")) builds.push(CARD);
  return builds;
}

function load(build) {
  if (!started.has(build)) started.set(build, start(build));
  return started.get(build);
}

async function start(name) {
  const wasm = fetch(new URL(`./${name}_bg.wasm`, import.meta.url));
  const { default: init } = await import(`./${name}.js`);
  await init({ module_or_path: wasm });
  loaded.add(name);
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
    const waiting = [...document.querySelectorAll(HOSTS)]
      .filter((h) => !h.hasAttribute("data-stripe-mounted")).map(needs);
    // A loaded build left a checkout that `needs` says it takes: the default build takes them all.
    const stray = waiting.some((n) => n !== "status" && [...loaded].some((b) => TAKES[b].includes(n)));
    // Otherwise the hosts that no build loaded or on its way takes.
    const rest = waiting.filter((n) => ![...started.keys()].some((b) => TAKES[b].includes(n)));
    for (const build of stray ? [DEFAULT] : pick(rest)) {
      load(build).catch((e) => console.error("stripe-checkout:", e));
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
