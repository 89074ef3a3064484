/**
 * Stripe(publishableKey, options?) (stripe.d.ts): key and option checks, and the instance whose
 * methods lead to the Elements group, the confirmation token and the intents.
 */
import { instrument, UNMODELLED } from './calls.js';
import { createConfirmationToken } from './confirmation-token.js';
import { createGroup, ELEMENT_LOCALES } from './elements-group.js';
import { handleNextAction, retrievePaymentIntent, retrieveSetupIntent } from './intents.js';
import { T } from './shapes.js';
import { sim, stripes } from './state.js';
import { checkKeys, clone, defined, describe, integration, isObj } from './util.js';

const CONSTRUCTOR_OPTIONS = ['stripeAccount', 'apiVersion', 'locale', 'betas', 'developerTools'];

// CheckoutLocale (hosted-checkout.d.ts 1-40) is a subset of StripeElementLocale, so the union is the latter.
const CONSTRUCTOR_SHAPE = T.obj({ stripeAccount: T.str, apiVersion: T.str, locale: T.oneOf(...ELEMENT_LOCALES),
  betas: T.arr(T.str), developerTools: T.obj({ assistant: T.obj({ enabled: T.bool }) }) });

export function createStripe(key, options) {
  if (typeof key !== 'string' || key === '') {
    throw integration(`Please call Stripe() with your publishable key. You specified: ${describe(key)}.`);
  }
  if (/^(sk|rk)_/.test(key)) {
    throw integration('You should not use your secret key with Stripe.js. Secret and restricted keys must never be used in the browser; pass your publishable key (pk_test_...) instead.');
  }
  if (!/^pk_(test|live)_/.test(key)) {
    throw integration(`Invalid value for Stripe(): apiKey should be a publishable key starting with pk_test_ or pk_live_. You specified: ${key}.`);
  }
  if (options !== undefined && !isObj(options)) {
    throw integration(`Invalid value for Stripe(): options should be an object. You specified: ${describe(options)}.`);
  }
  for (const k of Object.keys(options || {})) {
    if (!CONSTRUCTOR_OPTIONS.includes(k)) console.warn(`Unrecognized Stripe() parameter: ${k} is not a recognized parameter.`);
  }
  // StripeConstructorOptions (stripe.d.ts 1472-1510): stripeAccount a connected account id
  // ("e.g., acct_24BFMpJ1svR5A89k"), locale a StripeElementLocale | CheckoutLocale, apiVersion a
  // string, betas a string array. Known keys with a wrong type are integration errors.
  const o = options || {};
  CONSTRUCTOR_SHAPE(defined(Object.fromEntries(CONSTRUCTOR_OPTIONS.map((k) => [k, o[k]]))), 'Stripe()', '');
  if (o.stripeAccount !== undefined && !/^acct_[A-Za-z0-9]+$/.test(o.stripeAccount)) {
    throw integration(`Invalid value for Stripe(): stripeAccount should be a connected account ID starting with acct_. You specified: ${o.stripeAccount}.`);
  }
  const stripe = {
    registerAppInfo: instrument('registerAppInfo', (info) => registerAppInfo(info)),
    elements: instrument('elements', (opts) => createGroup(stripe, opts)),
    createConfirmationToken: instrument('createConfirmationToken', (arg) => createConfirmationToken(stripe, key, arg)),
    handleNextAction: instrument('handleNextAction', (arg) => handleNextAction(key, arg)),
    retrievePaymentIntent: instrument('retrievePaymentIntent', (secret) => retrievePaymentIntent(key, secret)),
    retrieveSetupIntent: instrument('retrieveSetupIntent', (secret) => retrieveSetupIntent(key, secret)),
  };
  for (const name of UNMODELLED) {
    stripe[name] = instrument(name, async () => {
      throw integration(`stripe.${name}() is not supported by the simulator: it is not part of this checkout's flow (see sim/README.md).`);
    });
  }
  stripes.set(stripe, key);
  return stripe;
}

function registerAppInfo(info) {
  const fn = 'registerAppInfo()';
  if (!isObj(info)) throw integration(`Invalid value for ${fn}: expected an object. You specified: ${describe(info)}.`);
  checkKeys(info, ['name', 'version', 'url', 'partner_id'], fn);
  if (typeof info.name !== 'string' || !info.name) throw integration(`Invalid value for ${fn}: name should be a string. You specified: ${describe(info.name)}.`);
  for (const k of ['version', 'url', 'partner_id']) {
    if (info[k] !== undefined && typeof info[k] !== 'string') throw integration(`Invalid value for ${fn}: ${k} should be a string. You specified: ${describe(info[k])}.`);
  }
  sim.appInfo = clone(info);
}

// ---------------------------------------------------------------- stripe.elements()
