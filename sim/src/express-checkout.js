/**
 * The Express Checkout Element (express-checkout.d.ts): one button per wallet this simulated
 * browser offers, the `ready` payload, and the `click` event whose resolve() opens the wallet's
 * sheet (express-sheet.js). Its options are checked with the shapes of express-options.js.
 */
import { el, theme } from './dom.js';
import { emit, watchFocus } from './events.js';
import { CLICK_RESOLVE_SHAPE } from './express-options.js';
import { checkSheetConfig, openSheet } from './express-sheet.js';
import { sim } from './state.js';
import { defined, integration } from './util.js';
import { parseWallets, WALLET_KEYS, WALLETS } from './wallets.js';

/**
 * Which wallets the element shows: `paymentMethods` (or the deprecated `wallets`) 'never' hides
 * one, 'always' shows Apple/Google Pay regardless of the browser (express-checkout.d.ts 276-293),
 * and 'auto' shows it when the simulated browser offers it (`__stripeSim.wallets`).
 */
function availableWallets(st) {
  const offered = parseWallets(sim.wallets, '__stripeSim.wallets');
  const o = st.options;
  return Object.fromEntries(WALLET_KEYS.map((k) => {
    const pref = o.paymentMethods?.[k] ?? o.wallets?.[k] ?? 'auto';
    return [k, pref === 'always' || (pref === 'auto' && offered.includes(k))];
  }));
}

/**
 * `ready` payload: StripeExpressCheckoutElementReadyEvent carries availablePaymentMethods, "or
 * undefined if no payment methods can show" (express-checkout.d.ts 476-486).
 */
export function expressReadyEvent(st) {
  const available = st.available || availableWallets(st);
  return { elementType: 'expressCheckout', availablePaymentMethods: Object.values(available).some(Boolean) ? { ...available } : undefined };
}

const BUTTON_VERBS = { 'add-money': 'Add money', 'check-out': 'Check out', 'top-up': 'Top up', buynow: 'Buy Now' };
/** The button's text, after buttonType (express-checkout.d.ts 307-339): `plain` is the wallet's name alone. */
function buttonLabel(st, key) {
  const w = WALLETS[key];
  const kind = st.options.buttonType?.[key] ?? w.button;
  if (kind === 'plain' || (key === 'paypal' && kind === 'paypal')) return w.name;
  const verb = BUTTON_VERBS[kind] || kind.charAt(0).toUpperCase() + kind.slice(1);
  return `${verb} with ${w.name}`;
}

/** Wallet keys in button order: paymentMethodOrder (ExpressPaymentType or key names) first. */
function walletOrder(st) {
  const order = (st.options.paymentMethodOrder || [])
    .map((x) => WALLET_KEYS.find((k) => k === x || WALLETS[k].type === x)).filter(Boolean);
  return [...new Set([...order, ...WALLET_KEYS])];
}

export function renderExpress(st) {
  const t = theme(st.group.options.appearance);
  st.theme = t;
  st.inputs = {};
  st.available = availableWallets(st);
  const wrapper = el('div', { className: 'sim-expressCheckout-element' }, { display: 'flex', flexWrap: 'wrap',
    gap: '8px', fontFamily: t.font, width: '100%' });
  for (const key of walletOrder(st).filter((k) => st.available[k])) {
    const dark = (st.options.buttonTheme?.[key] ?? 'black') === 'black';
    const button = el('button', { type: 'button', textContent: buttonLabel(st, key), className: 'sim-wallet-button' }, {
      flex: '1 1 160px', height: `${st.options.buttonHeight || 44}px`, borderRadius: t.radius, cursor: 'pointer',
      border: dark ? 'none' : '1px solid #30313d', background: dark ? '#000' : '#fff', color: dark ? '#fff' : '#000',
      fontFamily: 'inherit', fontSize: '16px', fontWeight: '600' });
    button.dataset.wallet = key;
    button.addEventListener('click', () => walletClicked(st, key));
    button.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') emit(st, 'escape', { elementType: st.type });
    });
    wrapper.append(button);
  }
  watchFocus(st, wrapper);
  return wrapper;
}

const CLICK_DETAIL_KEYS = ['allowedShippingCountries', 'billingAddressRequired', 'business', 'emailRequired',
  'lineItems', 'phoneNumberRequired', 'shippingAddressRequired', 'shippingRates', 'applePay'];
const CLICK_TIMEOUT_MS = 1000;

/**
 * A wallet button was pressed. With a `click` handler the payment interface opens only when the
 * handler calls event.resolve(details) within 1 second ("You must call this function within 1
 * second if you handle the click event": docs js/elements_object/express_checkout_element_click_event;
 * express-checkout.d.ts 546-555 "This must be called within 1 second"); reject() or silence keeps
 * it shut, and a late resolve() throws an IntegrationError. Without a handler it opens at once.
 */
function walletClicked(st, key) {
  const gs = st.group;
  if (gs.sheet || st.clickPending) return; // one payment interface at a time
  const wallet = { key, ...WALLETS[key] };
  const config = (details) => ({ ...defined(Object.fromEntries(CLICK_DETAIL_KEYS.map((k) => [k, st.options[k]]))), ...defined(details || {}) });
  if (!(st.handlers.get('click') || []).length) {
    openSheet(st, wallet, config());
    return;
  }
  let state = 'waiting';
  st.clickPending = true;
  const timer = setTimeout(() => {
    if (state !== 'waiting') return;
    state = 'expired';
    st.clickPending = false;
  }, CLICK_TIMEOUT_MS);
  emit(st, 'click', {
    elementType: 'expressCheckout', expressPaymentType: wallet.type,
    resolve: (details) => {
      if (state === 'expired') {
        throw integration('event.resolve() was called more than 1 second after the click event; the payment interface was not shown. Call resolve within 1 second of the click event.');
      }
      if (state !== 'waiting') return;
      if (details !== undefined) CLICK_RESOLVE_SHAPE(details, 'click event resolve()', '');
      const cfg = config(details);
      checkSheetConfig(cfg, 'click event resolve()');
      state = 'resolved';
      st.clickPending = false;
      clearTimeout(timer);
      openSheet(st, wallet, cfg);
    },
    reject: () => {
      if (state !== 'waiting') return;
      state = 'rejected';
      st.clickPending = false;
      clearTimeout(timer);
    },
  });
}
