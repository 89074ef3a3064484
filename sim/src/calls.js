/**
 * Every public method is instrumented: the call is recorded in `__stripeSim.calls` (arguments as
 * plain data), then a scripted outcome (`__stripeSim.script`) runs instead of the real logic
 * when one is queued.
 */
import { elementStates, groups, sim, stripes } from './state.js';

/** Deep copy of call arguments as plain JSON-like data, for `__stripeSim.calls`. */
export function toPlain(v, ancestors = []) {
  if (typeof v === 'function') return '[function]';
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Node) return '[node]';
  if (groups.has(v)) return '[elements]';
  if (elementStates.has(v)) return '[element]';
  if (stripes.has(v)) return '[stripe]';
  if (ancestors.includes(v)) return '[circular]';
  const next = [...ancestors, v];
  if (Array.isArray(v)) return v.map((x) => toPlain(x, next));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x, next)]));
}

/**
 * Stripe instance methods that exist on real Stripe.js (each returns a Promise in stripe.d.ts)
 * but are outside this checkout's flow. They exist because integrations check for them
 * (@stripe/react-stripe-js rejects a Stripe instance without createToken, createPaymentMethod
 * and confirmCardPayment); calling one records the call and rejects with an IntegrationError.
 */
export const UNMODELLED = ['createToken', 'createPaymentMethod', 'confirmCardPayment'];
export const METHODS = ['Stripe', 'registerAppInfo', 'elements', 'elements.create', 'elements.getElement',
  'elements.update', 'elements.on', 'elements.submit', 'createConfirmationToken', 'handleNextAction',
  'retrievePaymentIntent', 'retrieveSetupIntent', 'element.mount', 'element.unmount', 'element.destroy', 'element.on',
  'element.once', 'element.off', 'element.update', 'element.focus', 'element.blur', 'element.clear',
  'element.collapse', 'address.getValue', ...UNMODELLED];
const ASYNC_METHODS = new Set(['elements.update', 'elements.submit', 'createConfirmationToken',
  'handleNextAction', 'retrievePaymentIntent', 'retrieveSetupIntent', 'address.getValue', ...UNMODELLED]);
export const overrides = new Map(); // method -> queue of outcomes

/** Wraps a public method: records the call, then runs a scripted override or the real logic. */
export function instrument(method, impl, afterResolve) {
  return function (...args) {
    sim.calls.push({ method, args: args.map((a) => toPlain(a)) });
    const outcome = overrides.get(method)?.shift();
    return outcome ? runOverride(method, outcome, afterResolve) : impl(...args);
  };
}
function runOverride(method, o, afterResolve) {
  if ('throw' in o) throw o.throw;
  if (!ASYNC_METHODS.has(method)) {
    if ('reject' in o) throw o.reject;
    return o.resolve;
  }
  return new Promise((resolve, reject) => setTimeout(() => {
    if ('reject' in o) return reject(o.reject);
    afterResolve?.(o.resolve);
    resolve(o.resolve);
  }, o.delayMs || 0));
}
