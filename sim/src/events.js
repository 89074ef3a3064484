/**
 * Element events: the events each element type declares (`on`/`once` accept only these), the
 * handler lists, and emitting (a throwing handler is reported, the others still run).
 */
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
