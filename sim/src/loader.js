/**
 * What the `<script src=".../stripe.js?…">` tag brings: the load count, and the settings read
 * from the script's own URL (`?api=`, `?wallets=`) and from a `window.__stripeSim` object a page
 * set before loading it. Evaluated first (main.js imports it first), while the script runs
 * synchronously, so `document.currentScript` is this script.
 */

window.__stripeSimLoads = (Number(window.__stripeSimLoads) || 0) + 1;
if (window.__stripeSimLoads > 1) console.warn('Simulated Stripe.js was loaded more than once.');

export const SCRIPT_PARAMS = (() => {
  const src = document.currentScript && document.currentScript.src;
  return src ? new URL(src, document.baseURI).searchParams : new URLSearchParams();
})();
/** `?api=` resolved against the page: API mode talks to it; `null` is in-memory mode. */
export const API_BASE = (() => {
  const api = SCRIPT_PARAMS.get('api');
  return api ? new URL(api, document.baseURI).href.replace(/\/+$/, '') : null;
})();
/** Settings a page may put on `window.__stripeSim` before loading this script (e.g. `{wallets: []}`). */
export const PRESET = window.__stripeSim && typeof window.__stripeSim === 'object' && !window.__stripeSim.IntegrationError
  ? window.__stripeSim : {};
