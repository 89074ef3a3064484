/**
 * Element events: the events each element type declares (`on`/`once` accept only these), the
 * handler lists, and emitting (a throwing handler is reported, the others still run).
 */
import { T } from './shapes.js';
import { describe, integration, report } from './util.js';

/** The events of each supported element type. */
export const EVENTS = {
  // payment.d.ts 6-164; address.d.ts 4-116.
  payment: ['change', 'ready', 'focus', 'blur', 'escape', 'loaderror', 'loaderstart', 'carddetailschange',
    'savedpaymentmethodupdate', 'savedpaymentmethodremove', 'availablepaymentmethodschange'],
  address: ['change', 'ready', 'focus', 'blur', 'escape', 'loaderror', 'loaderstart'],
  // link-authentication.d.ts 4-125.
  linkAuthentication: ['change', 'ready', 'focus', 'blur', 'escape', 'loaderror', 'loaderstart'],
  // express-checkout.d.ts 5-212.
  expressCheckout: ['ready', 'click', 'focus', 'blur', 'escape', 'loaderror', 'confirm', 'cancel',
    'shippingaddresschange', 'shippingratechange', 'availablepaymentmethodschange'],
};

/**
 * StripeError (stripe.d.ts 1555-1616): `type` one of StripeErrorType (1513-1553), the other
 * keys optional; the intents and objects it may carry are not checked further.
 */
const STRIPE_ERROR = T.obj({ type: T.oneOf('api_connection_error', 'api_error', 'authentication_error', 'card_error',
  'idempotency_error', 'invalid_request_error', 'rate_limit_error', 'validation_error'),
charge: T.str, code: T.str, decline_code: T.str, doc_url: T.str, message: T.str, param: T.str, request_log_url: T.str,
payment_intent: T.anyObj, payment_method: T.anyObj, setup_intent: T.anyObj, source: T.anyObj }, ['type']);

/**
 * The `loaderror` payload every element type declares: `{elementType, error: StripeError}`
 * (payment.d.ts 91-101, address.d.ts 89-99, link-authentication.d.ts 89-108,
 * express-checkout.d.ts 86-109), with elementType the element's own.
 */
export function checkLoadError(type, payload, fn) {
  T.obj({ elementType: T.oneOf(type), error: STRIPE_ERROR }, ['elementType', 'error'])(payload, fn, 'payload');
}

export function addHandler(st, event, handler, once) {
  if (!EVENTS[st.type].includes(event)) {
    throw integration(`Invalid value for on(): event should be one of the following strings: ${EVENTS[st.type].join(', ')}. You specified: ${describe(event)}.`);
  }
  if (typeof handler !== 'function') throw integration(`Invalid value for on(): handler should be a function. You specified: ${describe(handler)}.`);
  if (!st.handlers.has(event)) st.handlers.set(event, []);
  st.handlers.get(event).push({ handler, once });
}

export function removeHandler(st, event, handler) {
  if (typeof event !== 'string') throw integration(`Invalid value for off(): event should be a string. You specified: ${describe(event)}.`);
  if (handler === undefined) st.handlers.delete(event);
  else st.handlers.set(event, (st.handlers.get(event) || []).filter((h) => h.handler !== handler));
}

export function emit(st, event, payload) {
  const list = st.handlers.get(event) || [];
  st.handlers.set(event, list.filter((h) => !h.once));
  for (const { handler } of list) {
    try { handler(payload); } catch (e) { report(e); }
  }
}

/** Emits `focus`/`blur` when focus enters or leaves the element's DOM. */
export function watchFocus(st, wrapper) {
  wrapper.addEventListener('focusin', (e) => {
    if (!wrapper.contains(e.relatedTarget)) emit(st, 'focus', { elementType: st.type });
  });
  wrapper.addEventListener('focusout', (e) => {
    if (!wrapper.contains(e.relatedTarget)) emit(st, 'blur', { elementType: st.type });
  });
}
