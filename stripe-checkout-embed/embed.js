// The storefront embed: `<script type="module" src="…/embed.js"></script>` is all a page needs.
// It loads the checkout's WebAssembly from beside this file (any path prefix works), and the
// module's start function mounts every [data-stripe-checkout] and
// [data-stripe-checkout-status] element on the page. No inline script, no eval.
//
// Start-up is parallel: before the glue is imported, this file starts the wasm download (the
// glue compiles it while it streams in) and adds the Stripe.js tag, so the three downloads
// overlap instead of running one after the other. The wasm's loader then finds that tag and
// waits for it; it stays the authority on every attribute, and reports every error.

// Keep in step with `STRIPE_JS_URL` (stripe-checkout-wire); e2e/embed.test.mjs fails if a page
// requests Stripe.js twice.
const STRIPE_JS_URL = "https://js.stripe.com/endive/stripe.js";

const wasm = fetch(new URL("./stripe-checkout-embed_bg.wasm", import.meta.url));
addStripeJs();
const { default: init } = await import("./stripe-checkout-embed.js");
await init({ module_or_path: wasm });

// The first host's Stripe.js, as `@stripe/stripe-js` adds it when imported. Only for a key that
// looks publishable: a secret key is refused by the wasm before anything is sent to Stripe. A
// tag that fails is removed, so the loader adds its own and reports the failure.
function addStripeJs() {
  const host = document.querySelector("[data-stripe-checkout],[data-stripe-checkout-status]");
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
