/**
 * The Payment Element (payment.d.ts): its options, its card form (number, expiry, CVC and, when
 * collected, the postal code), the card checks behind its messages and its read-only state.
 * The form itself is drawn by form.js.
 */
import { fail } from './messages.js';
import { T } from './shapes.js';
import { digits } from './util.js';

const PAYMENT_OPTIONS = ['layout', 'defaultValues', 'business', 'paymentMethodOrder', 'fields', 'readOnly',
  'terms', 'wallets', 'walletOptions', 'applePay'];
// StripePaymentElementUpdateOptions (payment.d.ts): everything but `wallets`.
const PAYMENT_UPDATE_OPTIONS = PAYMENT_OPTIONS.filter((k) => k !== 'wallets');

// ---- Payment Element options (payment.d.ts 180-443)
const FIELD = T.oneOf('auto', 'never');
/** BillingDetailsFieldsOption (payment.d.ts 207-224). */
const BILLING_FIELDS = T.oneOfOr(['auto', 'never'], T.obj({ name: T.oneOf('auto', 'never', 'always'), email: FIELD,
  phone: FIELD, address: T.oneOfOr(['auto', 'never', 'if_required'], T.obj({ country: FIELD, postalCode: FIELD,
    state: FIELD, city: FIELD, line1: FIELD, line2: FIELD })) }));
const TERM = T.oneOf('auto', 'always', 'never');
const layoutShape = (update) => T.oneOfOr(['tabs', 'accordion', 'auto'], T.obj({
  type: T.oneOf('tabs', 'accordion', 'auto'), radios: T.oneOf('auto', 'never', 'always', 'if_multiple'),
  spacedAccordionItems: T.bool, visibleAccordionItemsCount: T.int(0),
  // PaymentElementLayoutObjectUpdateOptions omits defaultCollapsed and paymentMethodLogoPosition (payment.d.ts 416-419).
  ...(update ? {} : { defaultCollapsed: T.bool, paymentMethodLogoPosition: T.oneOf('start', 'end') }),
}, ['type']));
export const paymentShape = (update) => {
  const fields = {
    layout: layoutShape(update),
    defaultValues: T.obj({ billingDetails: T.obj({ name: T.str, email: T.str, phone: T.str,
      address: T.obj({ country: T.country, postal_code: T.str, state: T.str, city: T.str, line1: T.str, line2: T.str }) }),
    card: T.obj({ network: T.arr(T.str) }) }),
    business: T.obj({ name: T.str }, ['name']),
    paymentMethodOrder: T.arr(T.str),
    // FieldsOption: billingDetails, or per payment method type {billingDetails}.
    fields: (v, fn, path) => {
      T.anyObj(v, fn, path);
      for (const [k, x] of Object.entries(v)) {
        if (k === 'billingDetails') BILLING_FIELDS(x, fn, `${path}.${k}`);
        else if (x !== undefined) T.obj({ billingDetails: BILLING_FIELDS })(x, fn, `${path}.${k}`);
      }
    },
    readOnly: T.bool,
    terms: T.obj(Object.fromEntries(['applePay', 'auBecsDebit', 'bancontact', 'card', 'cashapp', 'googlePay', 'ideal',
      'klarna', 'paypal', 'sepaDebit', 'sofort', 'usBankAccount'].map((k) => [k, TERM]))),
    wallets: T.obj({ applePay: FIELD, googlePay: FIELD, link: FIELD }),
    walletOptions: T.obj({ emailRequired: T.bool, phoneNumberRequired: T.bool }),
    applePay: T.anyObj,
  };
  return T.obj(Object.fromEntries((update ? PAYMENT_UPDATE_OPTIONS : PAYMENT_OPTIONS).map((k) => [k, fields[k]])));
};

export const paymentCountry = (st) => (st.options.defaultValues?.billingDetails?.address?.country || 'US').toUpperCase();
export const collectsPostal = (st) => {
  const bd = st.options.fields?.billingDetails;
  return bd !== 'never' && bd?.address !== 'never' && bd?.address?.postalCode !== 'never';
};

const formatCard = (v) => digits(v).slice(0, 16).replace(/(\d{4})(?=\d)/g, '$1 ');
function formatExpiry(v) {
  let d = digits(v).slice(0, 4);
  if (/^[2-9]$/.test(d)) d = `0${d}`;
  return d.length > 2 ? `${d.slice(0, 2)} / ${d.slice(2)}` : d;
}

/** `readOnly: true` (Payment Element only, payment.d.ts) until an update sets it to false. */
export const isReadOnly = (st) => st.type === 'payment' && st.options.readOnly === true;

/** The Payment Element's fields (the card form), for form.js. */
export function paymentFields(st) {
  const us = paymentCountry(st) === 'US';
  return [
    { key: 'number', label: 'Card number', ac: 'cc-number', numeric: true, placeholder: '1234 1234 1234 1234', format: formatCard },
    { key: 'expiry', label: 'Expiration date (MM / YY)', ac: 'cc-exp', numeric: true, placeholder: 'MM / YY', format: formatExpiry, half: true },
    { key: 'cvc', label: 'Security code', ac: 'cc-csc', numeric: true, placeholder: 'CVC', format: (v) => digits(v).slice(0, 3), half: true },
    collectsPostal(st) && { key: 'postal', label: us ? 'ZIP' : 'Postal code', ac: 'postal-code', numeric: us,
      placeholder: us ? '12345' : '', format: (v) => (us ? v.replace(/[^\d-]/g, '') : v).slice(0, 10) },
  ].filter(Boolean);
}

export const paymentInitialValues = (st) => ({ number: '', expiry: '', cvc: '',
  postal: st.options.defaultValues?.billingDetails?.address?.postal_code ?? '' });

// ---- Card checks and field errors

const luhn = (num) => [...num].reverse().reduce((sum, ch, i) => {
  let d = Number(ch) * (i % 2 ? 2 : 1);
  if (d > 9) d -= 9;
  return sum + d;
}, 0) % 10 === 0;

export function cardBrand(num) {
  if (/^4/.test(num)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(num)) return 'mastercard';
  if (/^3[47]/.test(num)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(num)) return 'discover';
  if (/^35/.test(num)) return 'jcb';
  if (/^3(0|6|8|9)/.test(num)) return 'diners';
  if (/^62/.test(num)) return 'unionpay';
  return 'unknown';
}

export const parseExpiry = (v) => {
  const d = digits(v);
  return { month: Number(d.slice(0, 2)), year: 2000 + Number(d.slice(2, 4)) };
};

export function paymentFieldError(st, key) {
  const raw = String(st.values[key] ?? '');
  if (key === 'number') {
    const d = digits(raw);
    if (d.length < 16) return fail('incomplete_number');
    return luhn(d) ? null : fail('invalid_number');
  }
  if (key === 'expiry') {
    if (digits(raw).length < 4) return fail('incomplete_expiry');
    const { month, year } = parseExpiry(raw);
    const today = new Date();
    if (month < 1 || month > 12) return fail('invalid_expiry_month');
    if (year < today.getFullYear()) return fail('invalid_expiry_year_past');
    if (year === today.getFullYear() && month < today.getMonth() + 1) return fail('invalid_expiry_month_past');
    if (year > today.getFullYear() + 50) return fail('invalid_expiry_year');
    return null;
  }
  if (key === 'cvc') return digits(raw).length < 3 ? fail('incomplete_cvc') : null;
  if (key === 'postal') {
    return raw.trim() ? null : fail('incomplete_zip', paymentCountry(st) === 'US' ? 'Your ZIP is incomplete.' : 'Your postal code is incomplete.');
  }
  return null;
}
