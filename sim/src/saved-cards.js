/**
 * Saved cards for a returning customer (Elements `customerSessionClientSecret`): the Payment
 * Element asks the simulated API for the cards the CustomerSession shows (`GET
 * /v1/elements/sessions`, the call real Stripe.js makes), lists them as a radio group with
 * "New card", and the token carries the chosen one. An unknown or expired session fails the
 * element's load: `loaderror`, never `ready` (payment.d.ts 91-101; Stripe.js reports a failed
 * elements session this way, e.g. "Unhandled payment Element loaderror" with an
 * `invalid_request_error` in richnologies/ngx-stripe#167).
 */
import { request } from './api.js';
import { el } from './dom.js';
import { emit } from './events.js';
import { API_BASE } from './loader.js';

/** `cuss_secret_` and letters, digits or `_`: a CustomerSession's `client_secret`. */
export const CUSTOMER_SESSION_SECRET = /^cuss_secret_[A-Za-z0-9_]+$/;

/** The group's CustomerSession secret, if any. */
export const sessionSecret = (gs) => gs.options.customerSessionClientSecret;

/** The saved card the customer picked in this Payment Element, or null (a new card). */
export const chosenSaved = (st) => (st.saved || []).find((pm) => pm.id === st.choice) || null;

/**
 * Loads the session's saved cards into `st.saved` (choosing the newest, as the Payment Element
 * preselects a saved card); resolves `{error}` when the session cannot be used.
 */
export async function loadSaved(st) {
  if (!API_BASE) {
    return { error: { type: 'invalid_request_error', message: 'The simulator lists saved cards in API mode only (stripe.js?api=…).' } };
  }
  const secret = encodeURIComponent(sessionSecret(st.group));
  const res = await request(st.group.key, 'GET', `/v1/elements/sessions?customer_session_client_secret=${secret}`);
  if (res.error) return res;
  st.saved = res.data.customer?.payment_methods || [];
  st.choice = st.saved[0]?.id ?? 'new';
  return {};
}

const label = (pm) => {
  const { brand, last4, exp_month: m, exp_year: y } = pm.card;
  const name = brand.charAt(0).toUpperCase() + brand.slice(1);
  return `${name} ending in ${last4}, expires ${String(m).padStart(2, '0')}/${String(y).slice(-2)}`;
};

/**
 * The radio group: one native radio per saved card and "New card" (arrow keys, Tab, Space and
 * the mouse work as for any radio group). Choosing shows or hides the card fields (`fields`)
 * and fires `change`.
 */
export function renderSaved(st, t, fields, changeEvent) {
  const group = el('div', { className: 'sim-saved-cards' }, { gridColumn: '1 / -1', display: 'flex',
    flexDirection: 'column', gap: '6px', border: 'none', padding: '0', margin: '0' });
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', 'Saved cards');
  const name = `sim-${st.uid}-saved`;
  const show = () => fields.forEach((f) => { f.style.display = st.choice === 'new' ? 'flex' : 'none'; });
  const option = (value, text) => {
    const id = `${name}-${value}`;
    const row = el('div', {}, { display: 'flex', alignItems: 'center', gap: '8px', padding: '8px 10px',
      border: `1px solid ${t.border}`, borderRadius: t.radius, background: t.background });
    const radio = el('input', { type: 'radio', name, id, value, checked: st.choice === value }, { margin: '0' });
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      st.choice = value;
      show();
      emit(st, 'change', changeEvent(st));
    });
    row.append(radio, el('label', { htmlFor: id, textContent: text }, { cursor: 'pointer', flexGrow: '1' }));
    return row;
  };
  for (const pm of st.saved) group.append(option(pm.id, label(pm)));
  group.append(option('new', 'New card'));
  show();
  return group;
}

/** `value.payment_method` of `change` for a saved card (payment.d.ts: `{id, type, billing_details}`). */
export const savedValue = (pm) => ({ id: pm.id, type: pm.type, billing_details: pm.billing_details });

/**
 * After mount: loads the saved cards, then redraws and fires `ready`, or fires `loaderror`
 * with the API's error (and never `ready`). `live()` says whether this mount still stands.
 */
export async function readyWithSaved(st, live, rerender, readyEvent) {
  const res = await loadSaved(st);
  if (!live()) return;
  if (res.error) {
    st.loadFailed = true;
    rerender(st);
    emit(st, 'loaderror', { elementType: 'payment', error: res.error });
    return;
  }
  rerender(st);
  emit(st, 'ready', readyEvent(st));
}
