/**
 * An element's life: elements.create() (options checked against the type's .d.ts shape), the
 * public element object, update, mount / unmount / destroy, and `ready` once it is rendered in
 * the document. What it draws comes from form.js or express-checkout.js.
 */
import { ADDRESS_SHAPE, countriesFor } from './address-element.js';
import { instrument } from './calls.js';
import { addHandler, emit, EVENTS, removeHandler } from './events.js';
import { expressReadyEvent, renderExpress } from './express-checkout.js';
import { EXPRESS_SHAPE, EXPRESS_UPDATE_SHAPE } from './express-options.js';
import { addressResult, changeEvent, initialValues, renderForm, validateElement } from './form.js';
import { LINK_AUTH_SHAPE } from './link-authentication.js';
import { paymentShape } from './payment-element.js';
import { readyWithSaved, sessionSecret } from './saved-cards.js';
import { elementStates, liveStates, nextUid } from './state.js';
import { checkEnum, checkKeys, defined, describe, integration, isObj, needObject } from './util.js';

const OPTION_SHAPES = {
  payment: [paymentShape(false), paymentShape(true)],
  address: [ADDRESS_SHAPE, ADDRESS_SHAPE],
  linkAuthentication: [LINK_AUTH_SHAPE, null],
  expressCheckout: [EXPRESS_SHAPE, EXPRESS_UPDATE_SHAPE],
};

function checkElementOptions(type, o, fn, update = false) {
  needObject(o, fn, 'options');
  if (type === 'address' && 'readOnly' in o) {
    throw integration(`Invalid value for ${fn}: readOnly is not an accepted parameter. Only the Payment Element has a read-only state; the Address Element has no readOnly option.`);
  }
  if (type === 'payment' && isObj(o.layout) && o.layout.type === undefined) {
    throw integration(`Missing value for ${fn}: layout.type should be one of tabs, accordion, auto.`);
  }
  OPTION_SHAPES[type][update ? 1 : 0](o, fn, '');
}

export function createElement(gs, type, opts) {
  const { options, slot } = checkCreate(gs, type, opts);
  const st = { uid: nextUid(), type, slot, group: gs, options: defined(options), errors: {}, inputs: {},
    handlers: new Map(), destroyed: false, container: null, wrapper: null, readyWait: null };
  st.values = initialValues(st);
  // payment.d.ts LayoutObject.defaultCollapsed: the element starts folded.
  st.collapsed = type === 'payment' && options.layout?.defaultCollapsed === true;
  const api = elementApi(st);
  st.api = api;
  elementStates.set(api, st);
  gs.live[slot] = st;
  liveStates.add(st);
  return api;
}

/** Validates elements.create(type, options); returns the options and the group slot the element takes. */
function checkCreate(gs, type, opts) {
  if (!Object.hasOwn(EVENTS, type)) {
    throw integration(`elements.create(${describe(type)}): this Element type is not supported by the simulator (supported: ${Object.keys(EVENTS).join(', ')}).`);
  }
  const fn = `elements.create('${type}')`;
  if (type !== 'address' && gs.live[type]) throw integration(`Can only create one Element of type ${type}.`);
  const options = opts === undefined ? {} : opts;
  checkElementOptions(type, options, fn);
  if (type === 'address' && options.mode === undefined) {
    throw integration(`Missing value for ${fn}: mode should be one of shipping, billing.`);
  }
  // One Address Element per mode: a shipping and a billing one may share a group.
  const slot = type === 'address' ? `address:${options.mode}` : type;
  if (gs.live[slot]) {
    throw integration(`Can only create one Element of type address with mode ${options.mode}. An Elements group holds at most one shipping and one billing Address Element.`);
  }
  return { options, slot };
}

/**
 * The public element (base.d.ts and the type's .d.ts): every method is instrumented, and all
 * but off() throw once the element is destroyed (a promise method rejects).
 */
function elementApi(st) {
  const { type, group: gs, slot } = st;
  const guard = (method, impl, isAsync = false) => instrument(method, (...args) => {
    if (st.destroyed) {
      const e = integration('This Element has already been destroyed. Please create a new one.');
      if (isAsync) return Promise.reject(e);
      throw e;
    }
    return impl(...args);
  });
  const api = {
    mount: guard('element.mount', (target) => { mount(st, target); }),
    unmount: guard('element.unmount', () => { unmount(st); }),
    destroy: guard('element.destroy', () => {
      unmount(st);
      st.destroyed = true;
      st.handlers.clear();
      if (gs.live[slot] === st) gs.live[slot] = null;
      liveStates.delete(st);
    }),
    on: guard('element.on', (event, handler) => { addHandler(st, event, handler, false); return api; }),
    once: guard('element.once', (event, handler) => { addHandler(st, event, handler, true); return api; }),
    // Not guarded: off() on a destroyed Element is a no-op, as in Stripe.js. @stripe/react-stripe-js
    // destroys an Element in a layout-effect cleanup and removes its listeners in a later
    // passive-effect cleanup, so every unmount calls off() after destroy() (see sim/README.md).
    off: instrument('element.off', (event, handler) => {
      if (!st.destroyed) removeHandler(st, event, handler);
      return api;
    }),
    update: guard('element.update', (o) => { updateElement(st, o); return api; }),
    focus: guard('element.focus', () => { st.wrapper?.querySelector('input, select, button')?.focus(); }),
    blur: guard('element.blur', () => {
      if (st.wrapper?.contains(document.activeElement)) document.activeElement.blur();
    }),
    clear: guard('element.clear', () => {
      st.values = initialValues({ ...st, options: { ...st.options, defaultValues: undefined } });
      st.errors = {};
      rerender(st);
      if (EVENTS[type].includes('change')) emit(st, 'change', changeEvent(st));
    }),
  };
  // link-authentication.d.ts declares no update(): the Link Authentication Element has none.
  if (type === 'linkAuthentication') delete api.update;
  // payment.d.ts: collapse() "Collapses the Payment Element into a row of payment method tabs";
  // the next `change` says `collapsed: true`, until the customer types into it again.
  if (type === 'payment') api.collapse = guard('element.collapse', () => { st.collapsed = true; return api; });
  if (type === 'address') api.getValue = guard('address.getValue', (o) => getValue(st, o), true);
  return api;
}

/** address.getValue(options?): validates the fields (showing the messages) and resolves their value. */
async function getValue(st, o) {
  if (o !== undefined) {
    needObject(o, 'getValue()', 'options');
    checkKeys(o, ['format'], 'getValue()', 'options.');
    checkEnum(o.format, ['latin', 'localized'], 'getValue()', 'options.format');
  }
  if (st.container) validateElement(st, true);
  return addressResult(st);
}

/**
 * element.update(): a shallow merge into the current options, as payment.d.ts/address.d.ts say
 * ("Updates are merged into the existing configuration"); an omitted or undefined key keeps its
 * value, so `update({})` after `update({readOnly: true})` leaves the element read-only.
 */
function updateElement(st, o) {
  const fn = 'element.update()';
  checkElementOptions(st.type, o, fn, true);
  if (o.mode !== undefined && o.mode !== st.options.mode) throw integration(`Invalid value for ${fn}: mode cannot be changed after creation.`);
  Object.assign(st.options, defined(o));
  if (st.type === 'address' && !countriesFor(st).includes(st.values.country)) st.values.country = countriesFor(st)[0];
  rerender(st);
}

function mount(st, target) {
  let node = target;
  if (typeof target === 'string') {
    try { node = document.querySelector(target); } catch { node = null; }
    if (!node) {
      throw integration(`The selector you specified (${target}) applies to no DOM elements that are currently on the page. Make sure the element exists on the page before calling mount().`);
    }
  } else if (!(target instanceof HTMLElement)) {
    throw integration(`Invalid DOM element passed to mount(): pass a CSS selector or an HTMLElement. You specified: ${describe(target)}.`);
  }
  if (st.container) throw integration('This Element is already mounted. Use unmount() to unmount the Element before re-mounting.');
  // Stripe.js refuses a container outside the document (detached, or in a shadow tree) with this
  // error: thrown in test mode, logged in live mode (stripe/stripe-js#662, ectoflow/vue-stripe-js#31).
  if (node.getRootNode() !== document) {
    const message = 'Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.';
    if (!/^pk_live_/.test(st.group.key)) throw integration(message);
    console.error(`IntegrationError: ${message}`);
  }
  st.container = node;
  st.mountSeq = nextUid();
  st.wrapper = renderFor(st);
  node.append(st.wrapper);
  awaitReady(st, st.mountSeq);
}

/**
 * Fires `ready` once this mount is rendered and in the document (an Element's iframe loads only
 * when attached): a task after mount() if the container is attached, else after it is attached.
 */
function awaitReady(st, seq) {
  stopReadyWait(st);
  const live = () => st.mountSeq === seq && st.container && !st.destroyed;
  st.readyWait = { timer: setTimeout(() => {
    st.readyWait = null;
    if (!live()) return;
    if (st.wrapper?.isConnected) {
      // payment.d.ts, address.d.ts, link-authentication.d.ts: `loaderstart` "when the loader UI
      // is mounted to the DOM and ready to be displayed", so before `ready`; once per mount.
      if (EVENTS[st.type].includes('loaderstart')) emit(st, 'loaderstart', { elementType: st.type });
      // With a CustomerSession the Payment Element is ready once its saved cards are loaded.
      if (st.type === 'payment' && sessionSecret(st.group)) {
        readyWithSaved(st, live, rerender, readyEvent);
        return;
      }
      emit(st, 'ready', readyEvent(st));
      return;
    }
    const observer = new MutationObserver(() => {
      if (!live()) return stopReadyWait(st);
      if (st.wrapper?.isConnected) awaitReady(st, seq);
    });
    observer.observe(document, { childList: true, subtree: true });
    st.readyWait = { observer };
  }, 0) };
}

function stopReadyWait(st) {
  clearTimeout(st.readyWait?.timer);
  st.readyWait?.observer?.disconnect();
  st.readyWait = null;
}

const renderFor = (st) => (st.type === 'expressCheckout' ? renderExpress(st) : renderForm(st));

/** The `ready` payload: `{elementType}`, and for Express Checkout the wallets it shows. */
const readyEvent = (st) => (st.type === 'expressCheckout' ? expressReadyEvent(st) : { elementType: st.type });

function unmount(st) {
  stopReadyWait(st);
  // The wallet's payment interface belongs to the element: it goes when the element does.
  if (st.group.sheet?.st === st) st.group.sheet.close(false);
  st.wrapper?.remove();
  st.wrapper = null;
  st.container = null;
  st.inputs = {};
}

export function rerender(st) {
  if (!st.wrapper) return;
  const old = st.wrapper;
  st.wrapper = renderFor(st);
  old.replaceWith(st.wrapper);
}
