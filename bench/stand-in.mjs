// Stripe.js's stand-in for the bench: the simulator (sim/stripe.js) padded to the weight of the
// real Stripe.js, so that both pages download, parse, compile and run as much third-party script
// as they would against js.stripe.com.
//
// The padding is generated, deterministically (a seeded PRNG: the same bytes every run), as
// code that looks like a minified bundle's modules: functions over object literals, arrays, string
// constants and arithmetic, each one called once when the script runs (as a bundle's module
// initialisers are), so that V8 fully parses and compiles every one of them and none is dead
// code or a comment that costs nothing. It runs before the simulator, in its own IIFE, touches
// nothing but one global (`__standInPadding`, the sum of what the functions return) and takes
// well under a millisecond of a fast machine's time to run once compiled.

import zlib from 'node:zlib';

/**
 * The real Stripe.js's weight that the stand-in is padded to, brotli-compressed (quality 11, as
 * the bench serves it). The figure is issue 18's ("Stripe.js from its own HTTPS origin at a
 * realistic weight of ≈40 kB brotli"); we have no measurement of our own of js.stripe.com.
 */
export const STRIPE_JS_BROTLI_BYTES = 40_000;

/** Brotli quality 11 with a size hint, as the bench compresses everything it serves. */
export function brotli(buffer) {
  return zlib.brotliCompressSync(buffer, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
  } });
}

/** mulberry32: a small seeded PRNG, so the padding is the same bytes on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const WORDS = ['payment', 'element', 'mount', 'update', 'token', 'intent', 'frame', 'origin', 'message', 'locale',
  'appearance', 'theme', 'variables', 'rules', 'fonts', 'card', 'number', 'expiry', 'cvc', 'postal', 'country',
  'wallet', 'apple', 'google', 'link', 'address', 'billing', 'shipping', 'currency', 'amount', 'mode', 'setup',
  'confirm', 'submit', 'error', 'code', 'type', 'decline', 'network', 'brand', 'visa', 'mastercard', 'amex',
  'listener', 'event', 'ready', 'change', 'focus', 'blur', 'escape', 'loader', 'controller', 'session'];

/** Two-letter names a generated identifier must not be. */
const RESERVED = new Set(['do', 'if', 'in']);

/** `count` functions of generated bundle-like code, and a line that calls each once. */
function padding(count, seed) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (n) => Math.floor(rand() * n);
  const ident = () => {
    const name = pick(LETTERS) + (rand() < 0.5 ? pick(LETTERS) : '') + (rand() < 0.3 ? int(10) : '');
    return RESERVED.has(name) ? ident() : name;
  };
  const capital = (w) => w[0].toUpperCase() + w.slice(1);
  const word = () => pick(WORDS) + (rand() < 0.4 ? capital(pick(WORDS)) : '');
  const str = () => JSON.stringify(rand() < 0.7 ? word() : Array.from({ length: 4 + int(12) }, () => pick(LETTERS)).join(''));
  const value = () => {
    const r = rand();
    if (r < 0.35) return String(int(100000));
    if (r < 0.7) return str();
    if (r < 0.85) return rand() < 0.5 ? '!0' : '!1';
    return `[${Array.from({ length: 1 + int(5) }, () => int(1000)).join(',')}]`;
  };
  const fns = [];
  for (let f = 0; f < count; f++) {
    const [o, n, s, k] = [ident(), ident(), ident(), ident()];
    const fields = Array.from({ length: 3 + int(6) }, () => `${word()}:${value()}`).join(',');
    const body = [];
    body.push(`var ${o}={${fields}},${s}=${int(1 << 16)};`);
    body.push(`for(var ${k} in ${o}){var ${n}=${o}[${k}];${s}=typeof ${n}==="string"?(${s}*31+${n}.length)|0:`
      + `typeof ${n}==="number"?(${s}^${n})|0:${s}+1}`);
    if (rand() < 0.6) body.push(`if(a>${int(500)}&&${o}.${word()}!==void 0){${s}=${s}*${1 + int(9)}|0}`);
    if (rand() < 0.5) body.push(`switch(a%${2 + int(4)}){case 0:${s}+=${str()}.length;break;case 1:${s}^=${int(4096)};break;default:${s}=${s}>>>1}`);
    if (rand() < 0.4) body.push(`${o}.${word()}=function(${n}){return ${n}==null?${str()}:String(${n})+${str()}};`);
    body.push(`return ${s}`);
    fns.push(`function(a){${body.join('')}}`);
  }
  return `(function(){var m=[${fns.join(',\n')}],t=0;for(var i=0;i<m.length;i++)t=(t+m[i](i))|0;`
    + `self.__standInPadding=t})();\n`;
}

/**
 * The stand-in: `simSource` (sim/stripe.js) preceded by as much generated padding as brings its
 * brotli size to `target` bytes (to within about 100 bytes, never under it). Returns the source
 * and its raw and brotli sizes.
 */
export function standIn(simSource, target = STRIPE_JS_BROTLI_BYTES) {
  const header = `// Bench stand-in for Stripe.js: padding (generated by bench/stand-in.mjs, executed once) to `
    + `the real Stripe.js's weight of ≈${(target / 1000).toFixed(0)} kB brotli, then the simulator.\n`;
  const build = (count) => Buffer.from(header + (count ? padding(count, 18) : '') + simSource);
  const sizeOf = (count) => brotli(build(count)).length;
  if (sizeOf(0) >= target) return result(build(0));
  // Fewest functions that reach the target: grow by doubling, then bisect.
  let lo = 0;
  let hi = 64;
  while (sizeOf(hi) < target) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sizeOf(mid) < target) lo = mid; else hi = mid;
  }
  return { ...result(build(hi)), functions: hi };

  function result(body) {
    return { body, rawBytes: body.length, brotliBytes: brotli(body).length, functions: 0 };
  }
}
