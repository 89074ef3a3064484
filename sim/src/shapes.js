/**
 * Small shape checkers for option objects, so each element's options read like its .d.ts type.
 * Each is `(value, fn, path) => void` and throws an IntegrationError; `undefined` (an omitted
 * optional key) is skipped by `obj`.
 */
import { checkKeys, describe, integration, isObj } from './util.js';

const expected = (fn, path, what, v) => integration(`Invalid value for ${fn}: ${path} should be ${what}. You specified: ${describe(v)}.`);
export const T = {
  str: (v, fn, path) => { if (typeof v !== 'string') throw expected(fn, path, 'a string', v); },
  bool: (v, fn, path) => { if (typeof v !== 'boolean') throw expected(fn, path, 'a boolean', v); },
  int: (min = 0, max = Infinity) => (v, fn, path) => {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw expected(fn, path, max === Infinity ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`, v);
    }
  },
  oneOf: (...values) => (v, fn, path) => {
    if (!values.includes(v)) throw expected(fn, path, `one of ${values.join(', ')}`, v);
  },
  country: (v, fn, path) => {
    if (typeof v !== 'string' || !/^[A-Za-z]{2}$/.test(v)) throw expected(fn, path, 'a two-letter ISO country code', v);
  },
  nullable: (t) => (v, fn, path) => { if (v !== null) t(v, fn, path); },
  arr: (item) => (v, fn, path) => {
    if (!Array.isArray(v)) throw expected(fn, path, 'an array', v);
    v.forEach((x, i) => item(x, fn, `${path}[${i}]`));
  },
  /** A string from `values`, or an object checked by `objectType` (e.g. `'never' | {name?: ...}`). */
  oneOfOr: (values, objectType) => (v, fn, path) => (isObj(v) ? objectType(v, fn, path) : T.oneOf(...values)(v, fn, path)),
  anyObj: (v, fn, path) => { if (!isObj(v)) throw expected(fn, path, 'an object', v); },
  obj: (fields, required = []) => (v, fn, path) => {
    const prefix = path ? `${path}.` : '';
    if (!isObj(v)) throw expected(fn, path || 'options', 'an object', v);
    checkKeys(v, Object.keys(fields), fn, prefix);
    for (const k of required) {
      if (v[k] === undefined) throw integration(`Missing value for ${fn}: ${prefix}${k} is required.`);
    }
    for (const [k, t] of Object.entries(fields)) if (v[k] !== undefined) t(v[k], fn, `${prefix}${k}`);
  },
};
