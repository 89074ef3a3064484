/**
 * The form of the Payment, Address and Link Authentication Elements: labelled inputs drawn in
 * the light DOM, their validation messages, and the `change` payload. Which fields each type has,
 * their starting values and errors come from payment-element.js, address-element.js and
 * link-authentication.js.
 */
import { addressFieldError, addressFields, addressInitialValues, addressValue, COUNTRIES } from './address-element.js';
import { el, theme } from './dom.js';
import { emit, watchFocus } from './events.js';
import { emailError, linkAuthFields, linkAuthInitialValues } from './link-authentication.js';
import { cardBrand, isReadOnly, paymentFieldError, paymentFields, paymentInitialValues } from './payment-element.js';
import { chosenSaved, renderSaved, savedValue, sessionSecret } from './saved-cards.js';
import { digits } from './util.js';

function fieldsFor(st) {
  if (st.type === 'linkAuthentication') return linkAuthFields(st);
  if (st.type === 'expressCheckout') return [];
  // A saved card chosen: nothing to type (and nothing to validate).
  if (st.type === 'payment') return chosenSaved(st) ? [] : paymentFields(st);
  return addressFields(st);
}

export function initialValues(st) {
  if (st.type === 'linkAuthentication') return linkAuthInitialValues(st);
  if (st.type === 'expressCheckout') return {};
  if (st.type === 'payment') return paymentInitialValues(st);
  return addressInitialValues(st);
}

const fieldError = (st, key) => {
  if (st.type === 'payment') return paymentFieldError(st, key);
  if (st.type === 'linkAuthentication') return emailError(st.values.email);
  return addressFieldError(st, key);
};

/** Validates every visible field; with `show`, displays the messages inline. Returns the errors. */
export function validateElement(st, show) {
  const errors = [];
  for (const f of fieldsFor(st)) {
    const err = fieldError(st, f.key);
    if (show) setFieldError(st, f.key, err);
    if (err) errors.push(err);
  }
  return errors;
}

/** The `change` event payload of a form element (payment.d.ts, address.d.ts, link-authentication.d.ts). */
export function changeEvent(st) {
  const keys = fieldsFor(st).map((f) => f.key);
  const empty = keys.filter((k) => k !== 'country').every((k) => !String(st.values[k] ?? '').trim());
  const complete = keys.every((k) => !fieldError(st, k));
  // StripePaymentElementChangeEvent (payment.d.ts 445-497): the simulator offers cards only, so
  // `value.type` is `card`; `collapsed` after collapse() or with `layout.defaultCollapsed`.
  if (st.type === 'payment') {
    // With a saved card chosen: complete, and `value.payment_method` names it (payment.d.ts).
    const saved = chosenSaved(st);
    if (saved) {
      return { elementType: 'payment', empty: false, complete: true, collapsed: st.collapsed === true,
        value: { type: 'card', payment_method: savedValue(saved) } };
    }
    return { elementType: 'payment', empty, complete, collapsed: st.collapsed === true, value: { type: 'card' } };
  }
  // StripeLinkAuthenticationElementChangeEvent (link-authentication.d.ts 136-158).
  if (st.type === 'linkAuthentication') {
    return { elementType: 'linkAuthentication', empty, complete, value: { email: String(st.values.email ?? '').trim() } };
  }
  return { elementType: 'address', elementMode: st.options.mode, empty, complete, isNewAddress: true, value: addressValue(st) };
}

/**
 * `carddetailschange` (StripePaymentElementCardDetailsChangeEvent, payment.d.ts 511-529) when the
 * brand read from the number typed so far changes: `details` is undefined with no number yet.
 */
function cardDetailsChange(st) {
  const number = digits(st.values.number);
  const brand = number ? cardBrand(number) : null;
  if (brand === (st.cardBrand ?? null)) return;
  st.cardBrand = brand;
  emit(st, 'carddetailschange', { elementType: 'payment', loading: false,
    details: brand ? { brands: [brand], funding: 'unknown' } : undefined });
}

/** What address.getValue() resolves: `{complete, isNewAddress, value}`. */
export function addressResult(st) {
  const { complete, isNewAddress, value } = changeEvent(st);
  return { complete, isNewAddress, value };
}

// ---------------------------------------------------------------- drawing

export function renderForm(st) {
  const t = theme(st.group.options.appearance);
  st.theme = t;
  st.inputs = {};
  const wrapper = el('div', { className: `sim-${st.type}-element` }, {
    display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '12px', fontFamily: t.font, color: t.text,
    fontSize: '14px', lineHeight: '1.4', boxSizing: 'border-box', width: '100%' });
  const readOnly = isReadOnly(st);
  if (st.type === 'payment' && sessionSecret(st.group) && !st.saved) {
    // Loading the saved cards (or they failed: the element shows nothing, as after loaderror).
    if (!st.loadFailed) wrapper.append(el('div', { className: 'sim-loading', textContent: 'Loading\u2026' }, { gridColumn: '1 / -1', color: t.muted }));
    watchFocus(st, wrapper);
    return wrapper;
  }
  // Saved cards to choose from (none: the card form alone, as without a session).
  if (st.type === 'payment' && st.saved?.length) {
    const fields = paymentFields(st).map((f) => renderField(st, f, t, readOnly));
    wrapper.append(renderSaved(st, t, fields, changeEvent), ...fields);
  } else {
    for (const f of fieldsFor(st)) wrapper.append(renderField(st, f, t, readOnly));
  }
  if (st.type === 'payment') {
    wrapper.append(el('div', { className: 'sim-note', textContent: 'Simulated Stripe \u2014 test mode, no real card is charged' },
      { gridColumn: '1 / -1', color: t.muted, fontSize: '12px' }));
  }
  watchFocus(st, wrapper);
  return wrapper;
}

/** One field: its label, its input (wired, in `st.inputs[f.key]`) and its error line. */
function renderField(st, f, t, readOnly) {
  const id = `sim-${st.uid}-${f.key}`;
  const field = el('div', {}, { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: '0',
    gridColumn: f.half ? 'auto' : '1 / -1' });
  // The label grows, so inputs side by side stay level when one label wraps (narrow screens).
  const label = el('label', { htmlFor: id, textContent: f.label }, { color: t.muted, fontSize: '14px', flexGrow: '1' });
  let input;
  if (f.select) {
    input = el('select', { id, className: 'sim-input', disabled: readOnly });
    f.select.forEach((code) => input.append(new Option(COUNTRIES[code], code)));
  } else {
    input = el('input', { id, className: 'sim-input', type: f.type || 'text', placeholder: f.placeholder || '', readOnly });
    if (f.numeric) input.inputMode = 'numeric';
    input.spellcheck = false;
  }
  input.setAttribute('autocomplete', f.ac);
  if (readOnly) input.setAttribute('aria-readonly', 'true');
  input.value = st.values[f.key] ?? '';
  const error = el('div', { className: 'sim-error', id: `${id}-error` }, { color: t.danger, fontSize: '13px' });
  input.setAttribute('aria-describedby', error.id);
  input.simError = error;
  Object.assign(input.style, { width: '100%', boxSizing: 'border-box', padding: '10px 12px', fontSize: '16px',
    fontFamily: 'inherit', color: t.text, background: t.background, border: `1px solid ${t.border}`,
    borderRadius: t.radius, outline: 'none', boxShadow: '0 1px 1px rgba(0,0,0,0.03), 0 3px 6px rgba(0,0,0,0.02)',
    transition: 'border-color 0.15s, box-shadow 0.15s', margin: '0', height: '44px', opacity: readOnly ? '0.7' : '1' });
  wireInput(st, f, input);
  field.append(label, input, error);
  st.inputs[f.key] = input;
  setFieldError(st, f.key, st.errors[f.key] || null);
  return field;
}

/** The input's border and focus ring: the error colour when its field has an error. */
function paintInput(st, f, input, focused) {
  const t = st.theme;
  const bad = Boolean(st.errors[f.key]);
  input.style.borderColor = bad ? t.danger : focused ? t.primary : t.border;
  input.style.boxShadow = focused ? `0 0 0 3px color-mix(in srgb, ${bad ? t.danger : t.primary} 25%, transparent)` : '0 1px 1px rgba(0,0,0,0.03), 0 3px 6px rgba(0,0,0,0.02)';
}

/** Applies the field's format (e.g. `4242 4242 …`, `MM / YY`), keeping a focused caret after the same characters. */
function reformat(f, input) {
  const before = input.value.slice(0, input.selectionStart ?? input.value.length);
  const significant = f.numeric ? digits(before).length : before.length;
  input.value = f.format(input.value);
  if (document.activeElement === input) {
    let pos = 0;
    for (let seen = 0; pos < input.value.length && seen < significant; pos++) {
      if (!f.numeric || /\d/.test(input.value[pos])) seen++;
    }
    input.setSelectionRange?.(pos, pos);
  }
}

function wireInput(st, f, input) {
  const paint = (focused) => paintInput(st, f, input, focused);
  input.simPaint = paint;
  input.addEventListener(f.select ? 'change' : 'input', () => {
    // Real Elements live in a cross-origin iframe: page scripts cannot write into them, and a
    // read-only element takes no input. A value forced in from script is put back, unreported.
    if (isReadOnly(st)) {
      input.value = st.values[f.key] ?? '';
      return;
    }
    if (f.format) reformat(f, input);
    st.values[f.key] = input.value;
    st.collapsed = false; // typing into it unfolds it
    if (st.type === 'payment' && f.key === 'number') cardDetailsChange(st);
    if (st.errors[f.key]) setFieldError(st, f.key, fieldError(st, f.key));
    emit(st, 'change', changeEvent(st));
  });
  input.addEventListener('focus', () => paint(true));
  input.addEventListener('blur', () => {
    if (String(st.values[f.key] ?? '').trim()) setFieldError(st, f.key, fieldError(st, f.key));
    paint(false);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') emit(st, 'escape', { elementType: st.type });
  });
}

/** Records `err` (or clears it) for field `key` and shows it under the input. */
function setFieldError(st, key, err) {
  if (err) st.errors[key] = err; else delete st.errors[key];
  const input = st.inputs[key];
  if (!input) return;
  input.simError.textContent = err ? err.message : '';
  if (err) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  input.simPaint?.(document.activeElement === input);
}
