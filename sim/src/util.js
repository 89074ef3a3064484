/**
 * Helpers shared by every module: the IntegrationError that integration mistakes throw, small
 * value helpers, and the argument checks whose messages follow Stripe.js's wording
 * ("Invalid value for …", "… is not an accepted parameter").
 */

export class IntegrationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'IntegrationError';
  }
}
export const integration = (message) => new IntegrationError(message);
export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A shallow copy without the keys whose value is undefined (an undefined option is an omitted one). */
export const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
export const digits = (v) => String(v ?? '').replace(/\D/g, '');
export const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
export const now = () => Math.floor(Date.now() / 1000);
export const randomId = (n = 24) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => abc[b % abc.length]).join('');
};
export const describe = (v) => {
  if (typeof v === 'string') return v;
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
};
export const report = (e) => (window.reportError ? window.reportError(e) : setTimeout(() => { throw e; }));

/** Throws an IntegrationError for the first key of `obj` not in `allowed`. */
export function checkKeys(obj, allowed, fn, path = '') {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw integration(`Invalid value for ${fn}: ${path}${k} is not an accepted parameter.`);
  }
}
export function needObject(v, fn, name) {
  if (!isObj(v)) throw integration(`Invalid value for ${fn}: ${name} should be an object. You specified: ${describe(v)}.`);
}
export function checkEnum(value, allowed, fn, name) {
  if (value !== undefined && !allowed.includes(value)) {
    throw integration(`Invalid value for ${fn}: ${name} should be one of ${allowed.map(String).join(', ')}. You specified: ${describe(value)}.`);
  }
}
