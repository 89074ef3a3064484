/**
 * The control API, `window.__stripeSim` (sim/README.md, "Control API"): scripted outcomes,
 * helpers that type into the elements like a customer, events, the open wallet sheet, intents,
 * and reset(). Its data fields are defined in state.js; the methods are added here.
 */
import { ADDRESS_MODES, countriesFor } from './address-element.js';
import { METHODS, overrides } from './calls.js';
import { checkLoadError, emit, EVENTS } from './events.js';
import { putPaymentIntent, putSetupIntent } from './intents.js';
import { liveStates, sim } from './state.js';
import { describe, isObj } from './util.js';

/**
 * The element of `type` the control API acts on: the most recently mounted, else the newest.
 * For `address`, `mode` picks the shipping or billing one; without it, the shipping Address
 * Element of the chosen element's group is preferred when it is mounted.
 */
function current(type, mode) {
  let all = [...liveStates].filter((st) => st.type === type);
  if (mode !== undefined) {
    if (type !== 'address') throw new TypeError(`__stripeSim: a mode applies only to the address Element, not ${type}`);
    if (!ADDRESS_MODES.includes(mode)) throw new TypeError(`__stripeSim: mode should be one of ${ADDRESS_MODES.join(', ')}; got ${describe(mode)}`);
    all = all.filter((st) => st.options.mode === mode);
  }
  const st = all.filter((x) => x.container).sort((a, b) => a.mountSeq - b.mountSeq).pop() || all.pop() || null;
  if (type === 'address' && mode === undefined && st && st.options.mode !== 'shipping') {
    const shipping = st.group.live['address:shipping'];
    if (shipping?.container) return shipping;
  }
  return st;
}

function liveElement(type, fn, mode) {
  const st = current(type, mode);
  const what = mode ? `${mode} ${type}` : type;
  if (!st || !st.container) throw new Error(`__stripeSim.${fn}(): no mounted ${what} Element.`);
  return st;
}

/** Why a customer could not type into `input` right now, or null if they could. */
function uneditable(st, input) {
  if (!st.wrapper?.isConnected) return 'the Element is not in the document';
  if (input.disabled || input.matches(':disabled')) return 'it is disabled';
  if (input.readOnly) return `it is read-only (the ${st.type} Element has readOnly: true)`;
  if (!input.getClientRects().length || getComputedStyle(input).visibility === 'hidden') return 'it is not visible';
  return null;
}

/**
 * Types `value` into field `key` the way a customer (or Playwright's fill) does: refuses a
 * read-only, disabled or hidden field with an Error, then focuses it, replaces its text and
 * dispatches beforeinput (cancelable), input (an InputEvent) and change.
 */
function typeInto(st, key, value, fn) {
  const input = st.inputs[key];
  const field = `${st.type === 'address' ? `${st.options.mode} address` : st.type} Element field ${key}`;
  if (!input) throw new Error(`__stripeSim.${fn}(): the ${field} is not shown.`);
  const why = uneditable(st, input);
  if (why) throw new Error(`__stripeSim.${fn}(): cannot type into the ${field}: ${why}. A customer could not either.`);
  input.focus();
  const text = String(value ?? '');
  if (input.tagName === 'SELECT') {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  input.select();
  const init = { bubbles: true, inputType: 'insertReplacementText', data: text };
  if (!input.dispatchEvent(new InputEvent('beforeinput', { ...init, cancelable: true }))) return;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', init));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** `fillAddress(fields, mode)` and `fillAddress(fields, {mode})` both name the mode. */
const modeArg = (m) => (isObj(m) ? m.mode : m);

/** Runs `fill`, then takes focus out of the element as a customer moving on would (also when `fill` throws). */
function thenLeave(st, fill) {
  try {
    fill();
  } finally {
    if (st.wrapper?.contains(document.activeElement)) document.activeElement.blur();
  }
}

const controls = {
  script(method, outcome) {
    if (!METHODS.includes(method)) throw new TypeError(`__stripeSim.script(): unknown method ${method}; expected one of ${METHODS.join(', ')}`);
    if (!isObj(outcome) || !['resolve', 'reject', 'throw'].some((k) => k in outcome)) {
      throw new TypeError('__stripeSim.script(): outcome should be {resolve}, {reject}, {throw} or {delayMs, resolve|reject}');
    }
    if (!overrides.has(method)) overrides.set(method, []);
    overrides.get(method).push(outcome);
  },
  listenerCount(type, event, mode) {
    return current(type, modeArg(mode))?.handlers.get(event)?.length ?? 0;
  },
  fillCard(number, exp = '12 / 34', cvc = '123', postal = '12345') {
    const st = liveElement('payment', 'fillCard');
    thenLeave(st, () => {
      typeInto(st, 'number', number, 'fillCard');
      typeInto(st, 'expiry', exp, 'fillCard');
      typeInto(st, 'cvc', cvc, 'fillCard');
      if (st.inputs.postal) typeInto(st, 'postal', postal, 'fillCard');
    });
  },
  fillEmail(email) {
    const st = liveElement('linkAuthentication', 'fillEmail');
    thenLeave(st, () => typeInto(st, 'email', email, 'fillEmail'));
  },
  /** The open wallet payment sheet: {wallet, status: 'open'|'processing'|'failed', busy, error, total}, or null. */
  get expressSheet() {
    const sheet = [...liveStates].map((st) => st.group.sheet).find(Boolean);
    if (!sheet) return null;
    return { wallet: sheet.wallet.type, status: sheet.status, busy: sheet.busy, error: sheet.error,
      total: sheet.st.group.options.mode === 'setup' ? null : sheet.st.group.options.amount };
  },
  fillAddress(fields, mode) {
    const st = liveElement('address', 'fillAddress', modeArg(mode));
    thenLeave(st, () => {
      for (const [k, v] of Object.entries(fields || {})) {
        if (!st.inputs[k]) throw new Error(`__stripeSim.fillAddress(): the ${st.options.mode} Address Element has no field ${k}.`);
        if (k === 'country' && !countriesFor(st).includes(v)) throw new Error(`__stripeSim.fillAddress(): country ${v} is not offered.`);
        typeInto(st, k, v, 'fillAddress');
      }
    });
  },
  emit(type, event, payload, mode) {
    const st = current(type, modeArg(mode));
    if (!st) throw new Error(`__stripeSim.emit(): no live ${mode ? `${modeArg(mode)} ` : ''}${type} Element.`);
    if (!EVENTS[type].includes(event)) throw new Error(`__stripeSim.emit(): the ${type} Element has no event ${event}.`);
    if (event === 'loaderror') checkLoadError(type, payload, `__stripeSim.emit('${type}', 'loaderror')`);
    emit(st, event, payload === undefined ? { elementType: type } : payload);
  },
  putPaymentIntent,
  putSetupIntent,
  reset() {
    sim.calls.length = 0;
    overrides.clear();
    for (const table of [sim.paymentIntents, sim.setupIntents, sim.tokens]) Object.keys(table).forEach((k) => delete table[k]);
    sim.autoAuthenticate = null;
    sim.lastElementsOptions = null;
    sim.lastUpdate = null;
    sim.appInfo = null;
  },
};
// Added after the data fields, in this order, with the getter kept a getter.
Object.defineProperties(sim, Object.getOwnPropertyDescriptors(controls));
