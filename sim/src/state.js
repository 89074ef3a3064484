/**
 * Shared state: which public objects are ours (for `__stripeSim.calls` placeholders and argument
 * checks), the live elements, one id counter, and `sim`, the object installed as
 * `window.__stripeSim`. Its data fields are here; control.js adds its methods.
 */
import { API_BASE, PRESET, SCRIPT_PARAMS } from './loader.js';
import { IntegrationError } from './util.js';
import { DEFAULT_WALLETS, parseWallets } from './wallets.js';

export const groups = new WeakMap(); // public elements group -> state
export const elementStates = new WeakMap(); // public element -> state
export const stripes = new WeakMap(); // public Stripe instance -> its publishable key
export const liveStates = new Set(); // every non-destroyed element state

let uid = 0;
/** The next number of the one counter behind element uids, mount order and DOM ids. */
export const nextUid = () => ++uid;

export const sim = {
  mode: API_BASE ? 'api' : 'memory',
  api: API_BASE,
  calls: [],
  paymentIntents: {},
  setupIntents: {},
  tokens: {},
  // The wallet switch: which wallets the simulated browser offers to Express Checkout Elements
  // rendered from now on. Preset `window.__stripeSim = {wallets}` before loading wins over
  // `stripe.js?wallets=googlePay,link` (or `?wallets=none`); default Google Pay and Link.
  wallets: parseWallets(PRESET.wallets ?? SCRIPT_PARAMS.get('wallets') ?? DEFAULT_WALLETS,
    PRESET.wallets !== undefined ? 'window.__stripeSim.wallets' : 'stripe.js?wallets='),
  autoAuthenticate: null,
  lastElementsOptions: null,
  lastUpdate: null,
  appInfo: null,
  IntegrationError,
};
