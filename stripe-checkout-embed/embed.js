// The storefront embed: `<script type="module" src="…/embed.js"></script>` is all a page needs.
// It loads the checkout's WebAssembly from beside this file (any path prefix works), and the
// module's start function mounts every [data-stripe-checkout] and
// [data-stripe-checkout-status] element on the page. No inline script, no eval.
import init from "./stripe-checkout-embed.js";

await init({ module_or_path: new URL("./stripe-checkout-embed_bg.wasm", import.meta.url) });
