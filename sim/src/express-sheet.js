/**
 * The wallet's payment sheet, opened by a wallet button of the Express Checkout Element: the
 * canned wallet contents, the shipping address and rate changes the merchant answers, Cancel,
 * and Pay (the `confirm` event, then `paymentFailed` or the token).
 */
import { el, formatAmount, modal } from './dom.js';
import { emit } from './events.js';
import { CHANGE_RESOLVE_SHAPE } from './express-options.js';
import { emailError } from './link-authentication.js';
import { MESSAGES } from './messages.js';
import { T } from './shapes.js';
import { nextUid } from './state.js';
import { integration } from './util.js';

/**
 * Decision (strict, no source either way): a sheet that collects a shipping address needs
 * shipping rates to offer (ShippingRate, express-checkout.d.ts 258-268).
 */
export function checkSheetConfig(cfg, fn) {
  if (cfg.shippingAddressRequired && !(cfg.shippingRates?.length)) {
    throw integration(`Invalid value for ${fn}: shippingRates should list at least one rate when shippingAddressRequired is true.`);
  }
}

/** Canned wallet contents: the customer's saved addresses and cards (test choices, sim/README.md). */
const SHEET_ADDRESSES = [
  { name: 'Jenny Rosen', phone: '+15555550100', address: { line1: '354 Oyster Point Blvd', line2: null, city: 'South San Francisco', state: 'CA', postal_code: '94080', country: 'US' } },
  { name: 'Ada Lovelace', phone: '+442079460000', address: { line1: '10 Downing Street', line2: null, city: 'London', state: '', postal_code: 'SW1A 2AA', country: 'GB' } },
  { name: 'Max Mustermann', phone: '+4930123456', address: { line1: 'Unter den Linden 1', line2: null, city: 'Berlin', state: '', postal_code: '10117', country: 'DE' } },
];
const SHEET_CARDS = [
  { label: 'Visa •••• 4242', number: '4242424242424242' },
  { label: 'Visa •••• 3155 (test: asks for 3D Secure)', number: '4000002500003155' },
  { label: 'Visa •••• 0002 (test: declined)', number: '4000000000000002' },
];
const SHEET_EMAIL = 'jenny.rosen@example.com';
/** paymentFailed reasons (express-checkout.d.ts 562-570) and the sheet's text for each. */
const FAILURE_TEXT = {
  fail: 'The payment failed. Try another payment method.',
  invalid_shipping_address: 'The shipping address is invalid.',
  invalid_billing_address: 'The billing address is invalid.',
  invalid_payment_data: 'The payment details are invalid.',
  address_unserviceable: 'The merchant cannot ship to this address.',
};
const FAILURE_SHAPE = T.obj({ reason: T.oneOf(...Object.keys(FAILURE_TEXT)), message: T.str });
/** How long a shippingaddresschange/shippingratechange may stay unanswered (Stripe: 20 s; decision: then it counts as a reject). */
const CHANGE_TIMEOUT_MS = 20000;
const FAILED_SHEET_MS = 1200;
const addressLine = (a) => `${a.name}, ${a.address.line1}, ${a.address.city}${a.address.state ? ` ${a.address.state}` : ''} ${a.address.postal_code}, ${a.address.country}`;
const money = (gs, amount) => formatAmount({ amount, currency: gs.options.currency || 'usd' });

/**
 * The wallet's payment interface: a modal dialog named "Simulated <wallet>", with the card,
 * email/phone (when required), shipping address and rate (when required), the total and Pay /
 * Cancel. Returns the sheet object stored as `gs.sheet`: its state, and `paint()`,
 * `close(fireCancel)` and `paymentDetails(billingDetails?)` for the rest of the simulator.
 */
export function openSheet(st, wallet, cfg) {
  const gs = st.group;
  checkSheetConfig(cfg, 'elements.create(\'expressCheckout\')');
  const addresses = shippableAddresses(cfg);
  const sheet = { st, wallet, cfg, status: 'open', busy: false, card: SHEET_CARDS[0], address: addresses[0] || null,
    addressOk: !cfg.shippingAddressRequired, rates: cfg.shippingRates || [], rate: null, lineItems: cfg.lineItems || [],
    error: '', changes: 0 };
  sheet.rate = sheet.rates[0] || null;
  sheet.modal = modal(`Simulated ${wallet.name}`, 'sim-wallet-sheet', () => cancelSheet(sheet));
  drawSheet(sheet, addresses);
  sheet.paint = () => paintSheet(sheet);
  sheet.close = (fireCancel) => closeSheet(sheet, fireCancel);
  sheet.paymentDetails = (bd = {}) => sheetPaymentDetails(sheet, bd);
  const { payButton, cancelButton } = sheet.view;
  payButton.addEventListener('click', () => paySheet(sheet));
  cancelButton.addEventListener('click', () => cancelSheet(sheet));
  gs.sheet = sheet;
  sheet.paint();
  sheet.modal.show();
  payButton.focus();
  // A wallet reports the initial address as soon as the sheet opens, as it does on a change.
  if (sheet.address) changeAddress(sheet, sheet.address);
  return sheet;
}

/** The saved addresses the sheet offers: those in `allowedShippingCountries`, none when no address is collected. */
function shippableAddresses(cfg) {
  const allowed = cfg.allowedShippingCountries?.map((c) => c.toUpperCase());
  return cfg.shippingAddressRequired
    ? SHEET_ADDRESSES.filter((a) => !allowed || allowed.includes(a.address.country)) : [];
}

// ---------------------------------------------------------------- drawing the sheet

const sheetText = (tag, textContent, style = {}) => el(tag, { textContent }, { margin: '0 0 12px', fontSize: '14px', ...style });

/** A bordered group with a legend (Card, Shipping address, Shipping method). */
function fieldGroup(t, legend) {
  const fs = el('fieldset', {}, { border: `1px solid ${t.border}`, borderRadius: '8px', margin: '0 0 12px', padding: '8px 12px' });
  fs.append(el('legend', { textContent: legend }, { fontSize: '13px', color: t.muted, padding: '0 4px' }));
  return fs;
}

/** (Re)fills `fs` with one radio per item; picking one calls `onPick(item)`. */
function radios(fs, name, items, label, isChecked, onPick) {
  fs.querySelectorAll('label').forEach((n) => n.remove());
  items.forEach((item) => {
    const l = el('label', {}, { display: 'flex', gap: '8px', alignItems: 'center', padding: '4px 0', fontSize: '14px' });
    const r = el('input', { type: 'radio', name, checked: isChecked(item) });
    r.addEventListener('change', () => { if (r.checked) onPick(item); });
    l.append(r, document.createTextNode(label(item)));
    fs.append(l);
  });
}

/** A labelled text input appended to the dialog (Email, Phone); returns the input. */
function textField(m, id, label, type, value, ac) {
  const wrap = el('div', {}, { display: 'flex', flexDirection: 'column', gap: '4px', margin: '0 0 12px' });
  const input = el('input', { id, type, value }, { padding: '8px 10px', fontSize: '15px', border: `1px solid ${m.t.border}`, borderRadius: '6px' });
  input.setAttribute('autocomplete', ac);
  wrap.append(el('label', { htmlFor: id, textContent: label }, { fontSize: '13px', color: m.t.muted }), input);
  m.dialog.append(wrap);
  return input;
}

/** Fills the dialog, top to bottom, and keeps its live parts in `sheet.view`. */
function drawSheet(sheet, addresses) {
  const { cfg, modal: m } = sheet;
  const { t } = m;
  const name = `sim-sheet-${nextUid()}`;
  if (cfg.business?.name) m.dialog.append(sheetText('p', `Pay ${cfg.business.name}`, { color: t.muted }));
  const cardGroup = fieldGroup(t, 'Card');
  radios(cardGroup, `${name}-card`, SHEET_CARDS, (c) => c.label, (c) => c === sheet.card, (c) => { sheet.card = c; });
  m.dialog.append(cardGroup);
  const emailInput = cfg.emailRequired ? textField(m, `${name}-email`, 'Email', 'email', SHEET_EMAIL, 'email') : null;
  const phoneInput = cfg.phoneNumberRequired ? textField(m, `${name}-tel`, 'Phone', 'tel', SHEET_ADDRESSES[0].phone, 'tel') : null;
  let rateGroup = null;
  if (cfg.shippingAddressRequired) {
    const addressGroup = fieldGroup(t, 'Shipping address');
    radios(addressGroup, `${name}-address`, addresses, addressLine, (a) => a === sheet.address, (a) => changeAddress(sheet, a));
    if (!addresses.length) addressGroup.append(sheetText('p', 'No saved address can be shipped to.'));
    rateGroup = fieldGroup(t, 'Shipping method');
    m.dialog.append(addressGroup, rateGroup);
  }
  sheet.view = { name, emailInput, phoneInput, rateGroup };
  paintRates(sheet);
  const items = el('ul', {}, { listStyle: 'none', padding: '0', margin: '0 0 8px', fontSize: '14px', color: t.muted });
  const totalRow = sheetText('p', '', { fontWeight: '600', fontSize: '16px' });
  const total = el('output', {});
  total.setAttribute('aria-label', 'Total');
  totalRow.append('Total ', total);
  const alert = el('div', { className: 'sim-sheet-error' }, { color: t.danger, fontSize: '14px', minHeight: '20px', margin: '0 0 12px' });
  alert.setAttribute('role', 'alert');
  const payButton = m.button('Pay', true);
  const cancelButton = m.button('Cancel', false);
  m.dialog.append(items, totalRow, alert, m.row(cancelButton, payButton));
  Object.assign(sheet.view, { items, total, alert, payButton, cancelButton });
}

/** The Shipping method radios, after the current rates. */
function paintRates(sheet) {
  const { rateGroup, name } = sheet.view;
  if (!rateGroup) return;
  radios(rateGroup, `${name}-rate`, sheet.rates, (r) => `${r.displayName} — ${money(sheet.st.group, r.amount)}`, (r) => r === sheet.rate, (r) => changeRate(sheet, r));
}

/** Reflects the state: total from the Elements group (elements.update is shown), line items, busy/processing. */
function paintSheet(sheet) {
  const gs = sheet.st.group;
  const { items, total, alert, payButton, cancelButton } = sheet.view;
  const { dialog } = sheet.modal;
  items.replaceChildren(...sheet.lineItems.map((li) => el('li', { textContent: `${li.name}: ${money(gs, li.amount)}` })));
  total.textContent = gs.options.mode === 'setup' ? 'Nothing is charged now' : money(gs, gs.options.amount);
  alert.textContent = sheet.error;
  // Choices stay usable while the merchant answers a change (disabling the focused radio would
  // drop keyboard focus); Pay waits for the answer.
  const locked = sheet.status !== 'open';
  dialog.setAttribute('aria-busy', String(sheet.busy || sheet.status === 'processing'));
  dialog.querySelectorAll('input').forEach((i) => { i.disabled = locked; });
  payButton.disabled = locked || sheet.busy || !sheet.addressOk || (sheet.cfg.shippingAddressRequired && !sheet.rate);
  cancelButton.disabled = sheet.status !== 'open';
  payButton.textContent = sheet.status === 'processing' ? 'Processing…' : 'Pay';
}

function closeSheet(sheet, fireCancel) {
  if (sheet.status === 'closed') return;
  sheet.status = 'closed';
  sheet.modal.close();
  const { st, wallet } = sheet;
  if (st.group.sheet === sheet) st.group.sheet = null;
  if (fireCancel) emit(st, 'cancel', { elementType: 'expressCheckout', expressPaymentType: wallet.type });
}

/** Card, billing details and shipping for createConfirmationToken (params' billing_details win). */
function sheetPaymentDetails(sheet, bd) {
  const { emailInput, phoneInput } = sheet.view;
  const holder = SHEET_ADDRESSES[0];
  const billing = { address: { ...holder.address, ...(bd.address || {}) }, email: bd.email ?? (emailInput ? emailInput.value.trim() : null),
    name: bd.name ?? holder.name, phone: bd.phone ?? (phoneInput ? phoneInput.value.trim() : null) };
  const card = { number: sheet.card.number, exp_month: 12, exp_year: new Date().getFullYear() + 5, cvc: '123' };
  const shipping = sheet.address ? { name: sheet.address.name, phone: null, address: { ...sheet.address.address } } : undefined;
  return { card, billing, shipping };
}

// ---------------------------------------------------------------- shipping changes

/** Fires a change event and waits for its resolve/reject (or the timeout); no handler accepts. */
function askMerchant(st, event, payload) {
  return new Promise((done) => {
    if (!(st.handlers.get(event) || []).length) return done({ ok: true });
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };
    const timer = setTimeout(() => finish({ ok: false, timeout: true }), CHANGE_TIMEOUT_MS);
    emit(st, event, { elementType: 'expressCheckout', ...payload,
      resolve: (details) => {
        if (details !== undefined) CHANGE_RESOLVE_SHAPE(details, `${event} event resolve()`, '');
        finish({ ok: true, details });
      },
      reject: () => finish({ ok: false }) });
  });
}

/** Takes the line items and shipping rates of an accepted change (ChangeResolveDetails). */
function applyAnswer(sheet, details = {}) {
  if (details.lineItems) sheet.lineItems = details.lineItems;
  if (details.shippingRates) {
    sheet.rates = details.shippingRates;
    sheet.rate = sheet.rates.find((r) => r.id === sheet.rate?.id) || sheet.rates[0] || null;
    paintRates(sheet);
  }
}

/**
 * Asks the merchant about a change and applies the answer. Only the latest change counts: a
 * customer may pick again before the merchant answered.
 */
async function runChange(sheet, event, payload, onFail, onOk = () => {}) {
  const seq = ++sheet.changes;
  sheet.busy = true;
  sheet.error = '';
  sheet.paint();
  const result = await askMerchant(sheet.st, event, payload);
  if (sheet.status === 'closed' || seq !== sheet.changes) return;
  sheet.busy = false;
  if (result.ok) {
    applyAnswer(sheet, result.details);
    onOk();
  } else onFail(result.timeout);
  sheet.paint();
}

// shippingaddresschange: {elementType, name, address: ExpressCheckoutPartialAddress, resolve, reject}
// (express-checkout.d.ts 587-592; docs: express_checkout_element_shippingaddresschange_event).
function changeAddress(sheet, a) {
  sheet.address = a;
  sheet.addressOk = false;
  const { city, state, postal_code, country } = a.address;
  return runChange(sheet, 'shippingaddresschange', { name: a.name, address: { city, state, postal_code, country } }, (timeout) => {
    sheet.error = timeout ? 'The merchant did not answer in time. Choose another address.' : 'This address cannot be used. Choose another address.';
  }, () => { sheet.addressOk = true; });
}

// shippingratechange: {elementType, shippingRate, resolve, reject} (express-checkout.d.ts 594-598).
function changeRate(sheet, r) {
  const previous = sheet.rate;
  sheet.rate = r;
  return runChange(sheet, 'shippingratechange', { shippingRate: { ...r } }, (timeout) => {
    sheet.rate = previous;
    paintRates(sheet);
    sheet.error = timeout ? 'The merchant did not answer in time.' : 'This shipping method cannot be used. Choose another one.';
  });
}

// ---------------------------------------------------------------- Cancel and Pay

function cancelSheet(sheet) {
  if (sheet.status === 'open') sheet.close(true);
}

function paySheet(sheet) {
  if (sheet.status !== 'open' || sheet.busy) return;
  if (!contactDetailsOk(sheet)) return;
  sheet.status = 'processing';
  sheet.error = '';
  sheet.paint();
  emit(sheet.st, 'confirm', confirmEvent(sheet));
}

/** The collected email and phone must be usable; else the alert says why and the field takes focus. */
function contactDetailsOk(sheet) {
  const { emailInput, phoneInput } = sheet.view;
  const bad = emailInput ? emailError(emailInput.value) : null;
  if (bad) {
    sheet.error = bad.message;
    sheet.paint();
    emailInput.focus();
    return false;
  }
  if (phoneInput && !phoneInput.value.trim()) {
    sheet.error = MESSAGES.incomplete_phone;
    sheet.paint();
    phoneInput.focus();
    return false;
  }
  return true;
}

/**
 * StripeExpressCheckoutElementConfirmEvent (express-checkout.d.ts 558-579; docs:
 * express_checkout_element_confirm_event): billingDetails {name, email?, phone?, address}.
 */
function confirmEvent(sheet) {
  const { emailInput, phoneInput } = sheet.view;
  const { billing } = sheet.paymentDetails();
  const billingDetails = { name: billing.name, address: { ...billing.address } };
  if (emailInput) billingDetails.email = billing.email;
  if (phoneInput) billingDetails.phone = billing.phone;
  const payload = { elementType: 'expressCheckout', expressPaymentType: sheet.wallet.type, billingDetails,
    paymentFailed: (p) => paymentFailed(sheet, p) };
  if (sheet.address) payload.shippingAddress = { name: sheet.address.name, address: { ...sheet.address.address } };
  if (sheet.rate) payload.shippingRate = { ...sheet.rate };
  return payload;
}

/** event.paymentFailed({reason?, message?}): the sheet shows why, then closes (no `cancel` event). */
function paymentFailed(sheet, p) {
  if (p !== undefined) FAILURE_SHAPE(p, 'paymentFailed()', 'payload');
  if (sheet.status !== 'processing') return;
  sheet.status = 'failed';
  sheet.error = p?.message || FAILURE_TEXT[p?.reason || 'fail'];
  sheet.paint();
  setTimeout(() => sheet.close(false), FAILED_SHEET_MS);
}
