/*
 * Simulated Stripe.js (v3 API, "endive" release): an offline test double and demo stand-in.
 *
 * Shapes of arguments, events and results follow the TypeScript declarations of
 * @stripe/stripe-js 10.2.1: stripe-js/stripe.d.ts, stripe-js/elements-group.d.ts,
 * stripe-js/elements/{base,payment,address,link-authentication,express-checkout}.d.ts,
 * api/confirmation-tokens.d.ts, api/payment-intents.d.ts, api/setup-intents.d.ts,
 * api/payment-methods.d.ts and api/shared.d.ts.
 * Stripe's behaviour is modelled from its public types and documentation, not copied;
 * this code contains no Stripe code and is not affiliated with Stripe. No card is ever charged.
 *
 * Load it as a classic script. `stripe.js?api=/sim/api` runs in API mode (talks to that base URL);
 * without `api` it keeps everything in memory. `?wallets=googlePay,link` (or `none`) picks the
 * wallets the Express Checkout Element finds. Test controls live on `window.__stripeSim`
 * (see sim/README.md).
 */
// The entry module: sim/build.mjs bundles it and what it imports into sim/stripe.js, one classic
// script (an IIFE) that defines `window.Stripe` and `window.__stripeSim` while it runs; the header
// above leads that file.
import './loader.js'; // first: counts the load and reads the script's URL while it is document.currentScript
import { instrument } from './calls.js';
import './control.js';
import { sim } from './state.js';
import { createStripe } from './stripe-instance.js';

const Stripe = instrument('Stripe', createStripe);
Stripe.version = 'endive';
window.Stripe = Stripe;
window.__stripeSim = sim;
