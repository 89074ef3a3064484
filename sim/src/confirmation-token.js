/**
 * stripe.createConfirmationToken(): the params check, the billing and shipping data pulled from
 * the Elements group (Payment, billing/shipping Address and Link Authentication Elements), and
 * the token, recorded in `__stripeSim.tokens`.
 */
import { addressValue } from './address-element.js';
import { request } from './api.js';
import { toPlain } from './calls.js';
import { expressPayment, mountedLinkAuth } from './elements-group.js';
import { validateElement } from './form.js';
import { emailError } from './link-authentication.js';
import { API_BASE } from './loader.js';
import { cardBrand, collectsPostal, parseExpiry, paymentCountry } from './payment-element.js';
import { chosenSaved, sessionSecret } from './saved-cards.js';
import { groups, sim } from './state.js';
import { checkEnum, checkKeys, clone, describe, digits, integration, isObj, needObject, now, randomId } from './util.js';

const SUBMIT_FIRST = 'elements.submit() must be called before stripe.createConfirmationToken(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.';
const ADDRESS_KEYS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'];

function checkTokenParams(params) {
  const fn = 'createConfirmationToken()';
  const p = 'params.';
  needObject(params, fn, 'params');
  checkKeys(params, ['payment_method_data', 'shipping', 'return_url', 'metadata'], fn, p);
  const pmd = params.payment_method_data;
  if (pmd !== undefined) {
    needObject(pmd, fn, 'params.payment_method_data');
    checkKeys(pmd, ['billing_details', 'allow_redisplay', 'metadata'], fn, `${p}payment_method_data.`);
    checkEnum(pmd.allow_redisplay, ['always', 'limited', 'unspecified'], fn, 'params.payment_method_data.allow_redisplay');
    const bd = pmd.billing_details;
    if (bd !== undefined) {
      needObject(bd, fn, 'params.payment_method_data.billing_details');
      checkKeys(bd, ['name', 'email', 'phone', 'address'], fn, `${p}payment_method_data.billing_details.`);
      if (bd.address != null) {
        needObject(bd.address, fn, 'params.payment_method_data.billing_details.address');
        checkKeys(bd.address, ADDRESS_KEYS, fn, `${p}payment_method_data.billing_details.address.`);
      }
    }
  }
  const sh = params.shipping;
  if (sh !== undefined) {
    needObject(sh, fn, 'params.shipping');
    checkKeys(sh, ['name', 'address', 'phone'], fn, `${p}shipping.`);
    if (!('name' in sh) || (sh.name !== null && typeof sh.name !== 'string')) {
      throw integration(`Missing value for ${fn}: params.shipping.name should be a string.`);
    }
    if (!isObj(sh.address)) throw integration(`Missing value for ${fn}: params.shipping.address should be an object.`);
    checkKeys(sh.address, ADDRESS_KEYS, fn, `${p}shipping.address.`);
    for (const k of ADDRESS_KEYS) {
      const v = sh.address[k];
      if (!(k in sh.address) || (v !== null && typeof v !== 'string')) {
        throw integration(`Missing value for ${fn}: params.shipping.address.${k} should be a string or null (all of ${ADDRESS_KEYS.join(', ')} are required).`);
      }
    }
    if (!sh.address.country) throw integration(`Missing value for ${fn}: params.shipping.address.country should be a two-letter country code.`);
  }
  if (params.return_url != null && typeof params.return_url !== 'string') {
    throw integration(`Invalid value for ${fn}: params.return_url should be a string.`);
  }
  if (params.metadata !== undefined && !isObj(params.metadata)) throw integration(`Invalid value for ${fn}: params.metadata should be an object.`);
}

const compact = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

function billingDetails(gs, pay, bd = {}) {
  const address = { country: paymentCountry(pay), postal_code: collectsPostal(pay) ? pay.values.postal.trim() : undefined };
  const billingAddr = gs.live['address:billing']?.container ? gs.live['address:billing'] : null;
  const fromAddr = billingAddr ? addressValue(billingAddr) : null;
  return {
    address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null,
      ...compact(address), ...compact(fromAddr?.address || {}), ...(bd.address || {}) },
    email: bd.email ?? linkEmail(gs),
    name: bd.name ?? (fromAddr?.name || null),
    phone: bd.phone ?? (fromAddr?.phone || null),
  };
}

/** The Link Authentication Element's email when it holds a valid one (contract: it becomes billing_details.email). */
function linkEmail(gs) {
  const link = mountedLinkAuth(gs);
  return link && !emailError(link.values.email) ? link.values.email.trim() : null;
}

function shippingFrom(st) {
  const { name, address, phone } = addressValue(st);
  const orNull = (v) => (v === '' || v === undefined ? null : v);
  return { name, phone: orNull(phone), address: Object.fromEntries(ADDRESS_KEYS.map((k) => [k, orNull(address[k])])) };
}

/**
 * stripe.createConfirmationToken({elements, params?}) (confirmation-tokens.d.ts; stripe.d.ts 770):
 * after a successful elements.submit(), a token from the Elements group's values (or, during a
 * wallet payment, from the sheet), created by the simulated API in API mode or here in memory.
 */
export async function createConfirmationToken(stripe, key, arg) {
  const { gs, params } = checkTokenCall(stripe, arg);
  const express = expressPayment(gs);
  const bd = params.payment_method_data?.billing_details;
  if (!express) checkPaymentElement(gs, bd);
  if (!gs.submitted) throw integration(SUBMIT_FIRST);
  // "pulls payment method, billing address, and shipping address data from the Elements
  // instance" (docs: create_confirmation_token): from the wallet's sheet during a wallet payment.
  const details = express ? express.paymentDetails(bd) : elementsDetails(gs, bd);
  if (details.error) return details;
  if (details.saved) return savedCardToken(gs, key, params, details);
  const { card, billing, shipping: fromElements } = details;
  const { number, exp_month, exp_year } = card;
  const shipping = params.shipping ?? fromElements;
  // The token carries the Elements group's setupFutureUsage (elements-group.d.ts
  // StripeElementsOptionsMode.setupFutureUsage; api/confirmation-tokens.d.ts setup_future_usage);
  // docs: payments/save-during-payment and save-and-reuse with ConfirmationTokens.
  const setupFutureUsage = gs.options.setupFutureUsage ?? gs.options.setup_future_usage;
  const wallet = express ? { type: express.wallet.type, [express.wallet.type]: {} } : null;
  let token;
  if (API_BASE) {
    const body = {
      payment_method_data: { type: 'card', card,
        billing_details: { ...compact(billing), address: compact(billing.address) },
        allow_redisplay: params.payment_method_data?.allow_redisplay, metadata: params.payment_method_data?.metadata },
      shipping, return_url: params.return_url, metadata: params.metadata, setup_future_usage: setupFutureUsage,
    };
    const res = await request(key, 'POST', '/v1/confirmation_tokens', body);
    if (res.error) return res;
    token = res.data;
  } else {
    token = memoryToken({ params, card, billing, shipping, setupFutureUsage, wallet });
  }
  gs.submitted = false;
  sim.tokens[token.id] = { id: token.id, number: API_BASE ? undefined : number, last4: number.slice(-4),
    exp_month, exp_year, email: billing.email, setup_future_usage: setupFutureUsage ?? null,
    wallet: wallet?.type ?? null, params: toPlain(params), token: clone(token) };
  return { confirmationToken: token };
}

/** Checks the call's argument: `{elements, params?}` with a group of this Stripe instance. Returns the group state and params. */
function checkTokenCall(stripe, arg) {
  const fn = 'createConfirmationToken()';
  if (!isObj(arg)) throw integration(`Invalid value for ${fn}: expected an object with an elements property. You specified: ${describe(arg)}.`);
  checkKeys(arg, ['elements', 'params'], fn);
  const gs = groups.get(arg.elements);
  if (!gs) throw integration(`Invalid value for ${fn}: elements should be an Elements group created by stripe.elements(). You specified: ${describe(toPlain(arg.elements))}.`);
  if (gs.stripe !== stripe) throw integration(`Invalid value for ${fn}: elements was created by a different Stripe instance.`);
  const params = arg.params === undefined ? {} : arg.params;
  checkTokenParams(params);
  return { gs, params };
}

/** Outside a wallet payment the group needs a mounted Payment Element, and a billing address from somewhere. */
function checkPaymentElement(gs, bd) {
  const fn = 'createConfirmationToken()';
  const pay = gs.live.payment;
  if (!pay || !pay.container) throw integration(`${fn} requires a mounted Payment Element in the given Elements group.`);
  if (!collectsPostal(pay) && !bd?.address) {
    throw integration(`You specified "never" for fields.billingDetails.address when creating the payment Element, but did not pass params.payment_method_data.billing_details.address when calling ${fn}.`);
  }
}

/**
 * Card, billing details and shipping from the group's elements, re-validated now (an edit after
 * submit() may have made them invalid): `{card, billing, shipping}` or `{error}`.
 */
function elementsDetails(gs, bd) {
  const pay = gs.live.payment;
  const saved = chosenSaved(pay);
  if (saved) {
    const shippingEl = gs.live['address:shipping']?.container ? gs.live['address:shipping'] : null;
    return { saved, shipping: shippingEl ? shippingFrom(shippingEl) : undefined };
  }
  const errors = validateElement(pay, true);
  if (errors.length) return { error: { type: 'validation_error', ...errors[0] } };
  const { month, year } = parseExpiry(pay.values.expiry);
  const card = { number: digits(pay.values.number), exp_month: month, exp_year: year, cvc: digits(pay.values.cvc) };
  const billing = billingDetails(gs, pay, bd);
  // An explicit params.shipping wins over the shipping Address Element.
  const shippingEl = gs.live['address:shipping']?.container ? gs.live['address:shipping'] : null;
  const shipping = shippingEl ? shippingFrom(shippingEl) : undefined;
  return { card, billing, shipping };
}

/** The in-memory ConfirmationToken (api/confirmation-tokens.d.ts), its card as a payment_method_preview. */
function memoryToken({ params, card, billing, shipping, setupFutureUsage, wallet }) {
  const { number, exp_month, exp_year } = card;
  const brand = cardBrand(number);
  const created = now();
  const token = { id: `ctoken_${randomId()}`, object: 'confirmation_token', created, expires_at: created + 12 * 3600,
    livemode: false, payment_intent: null,
    payment_method_preview: { type: 'card', billing_details: billing, card: { brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
      country: 'US', display_brand: brand, exp_month, exp_year, funding: 'credit', last4: number.slice(-4),
      networks: { preferred: null, available: [brand] }, regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true }, wallet } },
    return_url: params.return_url ?? null,
    setup_future_usage: setupFutureUsage ?? null,
    setup_intent: null,
    shipping: shipping ? { ...shipping, phone: shipping.phone ?? null } : null,
    use_stripe_sdk: true };
  return clone(token);
}

/**
 * A token for the saved card the customer picked: the simulated API gets its id and the
 * CustomerSession that shows it (not the card's details, which the browser never had).
 */
async function savedCardToken(gs, key, params, { saved, shipping: fromElements }) {
  const setupFutureUsage = gs.options.setupFutureUsage ?? gs.options.setup_future_usage;
  const res = await request(key, 'POST', '/v1/confirmation_tokens', {
    payment_method: saved.id, customer_session_client_secret: sessionSecret(gs),
    shipping: params.shipping ?? fromElements, return_url: params.return_url, setup_future_usage: setupFutureUsage,
  });
  if (res.error) return res;
  gs.submitted = false;
  const token = res.data;
  sim.tokens[token.id] = { id: token.id, last4: saved.card.last4, exp_month: saved.card.exp_month,
    exp_year: saved.card.exp_year, email: saved.billing_details?.email ?? null, payment_method: saved.id,
    setup_future_usage: setupFutureUsage ?? null, wallet: null, params: toPlain(params), token: clone(token) };
  return { confirmationToken: token };
}
