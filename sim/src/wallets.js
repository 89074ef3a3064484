/**
 * The wallets an Express Checkout Element can show, and the simulator's wallet switch (which of
 * them this simulated browser offers: `__stripeSim.wallets`, see sim/README.md "Loading").
 */
import { describe } from './util.js';

/**
 * The wallets of AvailablePaymentMethods (express-checkout.d.ts 467-474) in the default button
 * order, with their ExpressPaymentType (214-220) and default button types (docs:
 * create_express_checkout_element, buttonType: Apple Pay `plain`, Google Pay `buy`, PayPal `paypal`).
 */
export const WALLETS = {
  applePay: { type: 'apple_pay', name: 'Apple Pay', button: 'plain' },
  googlePay: { type: 'google_pay', name: 'Google Pay', button: 'buy' },
  link: { type: 'link', name: 'Link', button: 'pay' },
  paypal: { type: 'paypal', name: 'PayPal', button: 'paypal' },
  amazonPay: { type: 'amazon_pay', name: 'Amazon Pay', button: 'plain' },
  klarna: { type: 'klarna', name: 'Klarna', button: 'plain' },
};
export const WALLET_KEYS = Object.keys(WALLETS);
/** Wallets this simulated browser offers unless switched (Chromium: Google Pay and Link, no Apple Pay). */
export const DEFAULT_WALLETS = ['googlePay', 'link'];

/** The simulator switch: a list of wallet keys, a comma-separated string, or 'none'. */
export function parseWallets(v, where) {
  const list = Array.isArray(v) ? v : String(v).split(',').map((x) => x.trim()).filter(Boolean);
  if (list.length === 1 && list[0] === 'none') return [];
  for (const w of list) {
    if (!WALLET_KEYS.includes(w)) throw new TypeError(`${where}: unknown wallet ${describe(w)}; expected some of ${WALLET_KEYS.join(', ')}, or none`);
  }
  return [...list];
}
