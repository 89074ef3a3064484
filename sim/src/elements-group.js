/**
 * The Elements group (elements-group.d.ts), deferred-intent mode only: stripe.elements(options),
 * create / getElement / update / on('update-end') / submit, and which of its elements are
 * mounted. createConfirmationToken reads the submitted state kept here.
 */
import { ADDRESS_MODES } from './address-element.js';
import { instrument, toPlain } from './calls.js';
import { createElement, rerender } from './element.js';
import { validateElement } from './form.js';
import { groups, sim, stripes } from './state.js';
import { CUSTOMER_SESSION_SECRET } from './saved-cards.js';
import { checkEnum, checkKeys, defined, describe, integration, isObj, needObject, report } from './util.js';

/** StripeElementLocale (elements-group.d.ts 527-577). */
export const ELEMENT_LOCALES = ['auto', 'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'en-AU', 'en-CA', 'en-NZ', 'en-GB', 'es',
  'es-ES', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'fr-FR', 'he', 'hu', 'hr', 'id', 'it', 'it-IT', 'ja', 'ko',
  'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'no', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'vi',
  'zh', 'zh-HK', 'zh-TW'];

const BASE_OPTIONS = ['fonts', 'locale', 'appearance', 'loader', 'customerOptions', 'customerSessionClientSecret',
  'customPaymentMethods', 'syncAddressCheckbox', 'paymentMethodCreation'];
const MODE_OPTIONS = [...BASE_OPTIONS, 'mode', 'currency', 'amount', 'setupFutureUsage', 'setup_future_usage',
  'captureMethod', 'capture_method', 'onBehalfOf', 'on_behalf_of', 'excludedPaymentMethodTypes',
  'allowedPaymentMethodTypes', 'paymentMethodConfiguration', 'payment_method_configuration',
  'paymentMethodOptions', 'payment_method_options', 'externalPaymentMethodTypes', 'adaptivePricing',
  'paymentMethodTypes'];
const UPDATE_OPTIONS = ['locale', 'fonts', 'appearance', 'mode', 'currency', 'amount', 'setupFutureUsage',
  'setup_future_usage', 'captureMethod', 'capture_method', 'excludedPaymentMethodTypes',
  'allowedPaymentMethodTypes', 'paymentMethodConfiguration', 'payment_method_configuration', 'onBehalfOf',
  'on_behalf_of', 'customerSessionClientSecret', 'customPaymentMethods', 'paymentMethodTypes'];

/** Validates deferred-intent options (StripeElementsOptionsMode); `keys` null skips the key check. */
function checkModeOptions(o, fn, keys) {
  needObject(o, fn, 'options');
  if ('clientSecret' in o) {
    throw integration(o.mode !== undefined
      ? `Invalid value for ${fn}: clientSecret and mode cannot both be set. Use either mode (deferred intent) or clientSecret.`
      : `Unsupported value for ${fn}: the simulator supports only deferred-intent Elements; pass mode, currency and amount instead of clientSecret.`);
  }
  if (keys) checkKeys(o, keys, fn);
  checkEnum(o.mode, ['payment', 'setup', 'subscription'], fn, 'mode');
  if (o.mode === undefined) throw integration(`Missing value for ${fn}: mode should be one of payment, setup, subscription.`);
  if (o.mode !== 'setup' || o.currency !== undefined) {
    if (typeof o.currency !== 'string' || !/^[a-z]{3}$/.test(o.currency)) {
      throw integration(`Invalid value for ${fn}: currency should be a three-letter lowercase ISO currency code (e.g. usd). You specified: ${describe(o.currency)}.`);
    }
  }
  if (o.mode === 'setup' && o.amount !== undefined) throw integration(`Invalid value for ${fn}: amount is not accepted when mode is setup.`);
  if (o.mode !== 'setup') {
    const min = o.mode === 'payment' ? 1 : 0;
    if (!Number.isInteger(o.amount) || o.amount < min) {
      throw integration(`Invalid value for ${fn}: amount should be ${min ? 'a positive' : 'a non-negative'} integer in the smallest currency unit when mode is ${o.mode}. You specified: ${describe(o.amount)}.`);
    }
  }
  checkEnum(o.captureMethod ?? o.capture_method, ['manual', 'automatic', 'automatic_async'], fn, 'captureMethod');
  checkEnum(o.setupFutureUsage ?? o.setup_future_usage, ['off_session', 'on_session'], fn, 'setupFutureUsage');
  checkEnum(o.loader, ['auto', 'always', 'never'], fn, 'loader');
  // elements-group.d.ts 752 (locale?: StripeElementLocale), 804 (paymentMethodCreation?: 'manual').
  checkEnum(o.locale, ELEMENT_LOCALES, fn, 'locale');
  checkEnum(o.paymentMethodCreation, ['manual'], fn, 'paymentMethodCreation');
  // elements-group.d.ts: customerSessionClientSecret?: string, a CustomerSession's client_secret.
  if (o.customerSessionClientSecret !== undefined
    && (typeof o.customerSessionClientSecret !== 'string' || !CUSTOMER_SESSION_SECRET.test(o.customerSessionClientSecret))) {
    throw integration(`Invalid value for ${fn}: customerSessionClientSecret should be a client secret of the form cuss_secret_… You specified: ${describe(o.customerSessionClientSecret)}.`);
  }
  if (o.appearance !== undefined && !isObj(o.appearance)) throw integration(`Invalid value for ${fn}: appearance should be an object.`);
}

export function createGroup(stripe, options) {
  checkModeOptions(options, 'elements()', MODE_OPTIONS);
  // `live` holds the one live element per slot: 'payment', 'address:shipping', 'address:billing'.
  const gs = { stripe, key: stripes.get(stripe), options: defined(options), live: {}, submitted: false,
    updateEndHandlers: [] };
  sim.lastElementsOptions = toPlain(gs.options);
  const group = {
    create: instrument('elements.create', (type, opts) => createElement(gs, type, opts)),
    getElement: instrument('elements.getElement', (type, opts) => getElement(gs, type, opts)),
    update: instrument('elements.update', (opts) => updateGroup(gs, opts)),
    on: instrument('elements.on', (event, handler) => {
      if (event !== 'update-end') {
        throw integration(`Invalid value for elements.on(): event should be update-end. You specified: ${describe(event)}.`);
      }
      if (typeof handler !== 'function') throw integration(`Invalid value for elements.on(): handler should be a function. You specified: ${describe(handler)}.`);
      gs.updateEndHandlers.push(handler);
    }),
    submit: instrument('elements.submit', () => submit(gs), (value) => {
      if (isObj(value) && !value.error) gs.submitted = true;
    }),
  };
  groups.set(group, gs);
  return group;
}

/** Every element type of `StripeElementType` (elements-group.d.ts); getElement() accepts these. */
const ELEMENT_TYPES = ['address', 'auBankAccount', 'card', 'cardNumber', 'cardExpiry', 'cardCvc', 'contactDetails',
  'currencySelector', 'expressCheckout', 'iban', 'payment', 'paymentForm', 'paymentMethodMessaging',
  'linkAuthentication', 'linkSignup', 'shippingAddress', 'issuingCardNumberDisplay', 'issuingCardCvcDisplay',
  'issuingCardExpiryDisplay', 'issuingCardPinDisplay', 'issuingCardCopyButton', 'taxId', 'terms',
  'issuingAddToWalletButton'];


/**
 * elements.getElement(type, options?): `options.mode` picks one of two Address Elements and is
 * required when both exist (docs: js/elements_object/get_address_element).
 */
function getElement(gs, type, options) {
  const fn = 'elements.getElement()';
  if (!ELEMENT_TYPES.includes(type)) {
    throw integration(`Invalid value for ${fn}: type should be one of ${ELEMENT_TYPES.join(', ')}. You specified: ${describe(type)}.`);
  }
  if (type !== 'address') return gs.live[type]?.api ?? null;
  if (options !== undefined) {
    needObject(options, fn, 'options');
    checkKeys(options, ['mode'], fn, 'options.');
    if (options.mode === undefined) throw integration(`Missing value for ${fn}: options.mode should be one of ${ADDRESS_MODES.join(', ')}.`);
    checkEnum(options.mode, ADDRESS_MODES, fn, 'options.mode');
    return gs.live[`address:${options.mode}`]?.api ?? null;
  }
  const found = ADDRESS_MODES.map((m) => gs.live[`address:${m}`]).filter(Boolean);
  if (found.length > 1) {
    throw integration(`Missing value for ${fn}: options.mode is required when the Elements group has two Address Elements; pass {mode: 'shipping'} or {mode: 'billing'}.`);
  }
  return found[0]?.api ?? null;
}

/**
 * elements.update(): validates synchronously, shallow-merges into the current options (an
 * omitted or undefined key keeps its value) and returns a Promise<void> that resolves, after
 * the `update-end` handlers ran, once every rendered element shows the update.
 */
function updateGroup(gs, opts) {
  const fn = 'elements.update()';
  needObject(opts, fn, 'options');
  checkKeys(opts, UPDATE_OPTIONS, fn);
  if (opts.amount !== undefined && !Number.isInteger(opts.amount)) {
    throw integration(`Invalid value for ${fn}: amount should be an integer. You specified: ${describe(opts.amount)}.`);
  }
  const merged = { ...gs.options, ...defined(opts) };
  checkModeOptions(merged, fn, null);
  gs.options = merged;
  sim.lastUpdate = toPlain(opts);
  sim.lastElementsOptions = toPlain(merged);
  if ('appearance' in opts) Object.values(gs.live).forEach((st) => st && rerender(st));
  // An open wallet sheet shows the new amount (docs: payments/advanced/dynamically-update-amounts;
  // js/elements_object/express_checkout_element_shippingratechange_event; issue-10 contract).
  gs.sheet?.paint();
  return new Promise((resolve) => setTimeout(() => {
    for (const handler of [...gs.updateEndHandlers]) {
      try { handler(); } catch (e) { report(e); }
    }
    resolve();
  }, 0));
}

/** The group's mounted Address Elements, shipping first. */
const mountedAddresses = (gs) => ADDRESS_MODES.map((m) => gs.live[`address:${m}`]).filter((st) => st?.container);

/** The wallet payment in progress: the sheet after the customer pressed Pay (its `confirm` event). */
export const expressPayment = (gs) => (gs.sheet?.status === 'processing' ? gs.sheet : null);
/** The mounted Link Authentication Element of the group, or null. */
export const mountedLinkAuth = (gs) => (gs.live.linkAuthentication?.container ? gs.live.linkAuthentication : null);

async function submit(gs) {
  const pay = gs.live.payment;
  const express = expressPayment(gs);
  if (!express && (!pay || !pay.container)) {
    throw integration('elements.submit() requires a mounted Payment Element (create and mount it with elements.create("payment").mount(...)), or a wallet payment in progress (call it from the Express Checkout Element\'s confirm handler).');
  }
  gs.submitted = false;
  // In the Express Checkout Element's confirm handler the merchant calls elements.submit() and then
  // createConfirmationToken, whose `elements` is "the Elements instance that was used to create the
  // Express Checkout Element or Payment Element" (docs: js/confirmation_tokens/create_confirmation_token;
  // issue-10 contract). The wallet supplied the payment details, so nothing else is validated.
  if (express) {
    gs.submitted = true;
    return { selectedPaymentMethod: express.wallet.type };
  }
  // Link Authentication Element: submit validates the email (docs: js/elements/submit,
  // "validate the form fields"); it sits first on the page, so its error comes first.
  const link = mountedLinkAuth(gs);
  const errors = link ? [...validateElement(link, true)] : [];
  errors.push(...validateElement(pay, true));
  for (const address of mountedAddresses(gs)) errors.push(...validateElement(address, true));
  if (errors.length) return { error: { type: 'validation_error', ...errors[0] } };
  gs.submitted = true;
  return { selectedPaymentMethod: 'card' };
}
