/**
 * PaymentIntents and SetupIntents behind client secrets: the in-memory tables
 * (`__stripeSim.putPaymentIntent` / `putSetupIntent`), retrievePaymentIntent,
 * retrieveSetupIntent, and handleNextAction with its simulated 3D Secure dialog.
 */
import { request } from './api.js';
import { el, formatAmount, modal } from './dom.js';
import { API_BASE } from './loader.js';
import { sim } from './state.js';
import { checkKeys, clone, describe, integration, isObj, now, randomId } from './util.js';

const AUTH_FAILURE = { type: 'card_error', code: 'payment_intent_authentication_failure',
  message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.' };

/**
 * The two intent kinds behind client secrets: `pi_…_secret_…` (api/payment-intents.d.ts) and
 * `seti_…_secret_…` (api/setup-intents.d.ts), with their tables, API paths and result keys.
 */
const INTENTS = {
  pi: { object: 'payment_intent', name: 'PaymentIntent', path: 'payment_intents', result: 'paymentIntent',
    lastError: 'last_payment_error', table: () => sim.paymentIntents },
  seti: { object: 'setup_intent', name: 'SetupIntent', path: 'setup_intents', result: 'setupIntent',
    lastError: 'last_setup_error', table: () => sim.setupIntents },
};

/** Parses a client secret of one of `kinds`; a malformed one is an IntegrationError (as in Stripe.js). */
function intentFromSecret(secret, fn, kinds) {
  const m = typeof secret === 'string' ? /^(pi|seti)_[^_]+_secret_.+$/.exec(secret) : null;
  if (!m || !kinds.includes(m[1])) {
    throw integration(`Invalid value for ${fn}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${describe(secret)}.`);
  }
  return { kind: INTENTS[m[1]], id: secret.slice(0, secret.indexOf('_secret_')) };
}

function putIntent(kind, fields, defaults) {
  if (!isObj(fields)) throw new TypeError(`__stripeSim.put${kind.name}() expects an object`);
  const id = fields.id || `${kind === INTENTS.pi ? 'pi' : 'seti'}_${randomId()}`;
  const status = fields.status || 'requires_payment_method';
  kind.table()[id] = { id, object: kind.object, client_secret: `${id}_secret_${randomId(12)}`, created: now(),
    description: null, [kind.lastError]: null, livemode: false,
    next_action: status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: {} } : null,
    payment_method: null, payment_method_types: ['card'], status, ...defaults, ...clone(fields) };
  return clone(kind.table()[id]);
}
export const putPaymentIntent = (pi = {}) => putIntent(INTENTS.pi, pi, { amount: 1000, canceled_at: null,
  cancellation_reason: null, capture_method: 'automatic', confirmation_method: 'automatic', currency: 'usd',
  receipt_email: null, setup_future_usage: null, shipping: null });
// SetupIntent fields per api/setup-intents.d.ts 6-75 (plus `customer`, as the API returns it).
export const putSetupIntent = (si = {}) => putIntent(INTENTS.seti, si, { cancellation_reason: null, customer: null,
  usage: 'off_session' });

const noSuchIntent = (kind, id) => ({ error: { type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: `No such ${kind.object}: '${id}'` } });

async function lookupIntent(key, kind, id, secret) {
  if (API_BASE) {
    const res = await request(key, 'GET', `/v1/${kind.path}/${encodeURIComponent(id)}?client_secret=${encodeURIComponent(secret)}`);
    return res.error ? res : { [kind.result]: res.data };
  }
  const intent = kind.table()[id];
  if (!intent) return noSuchIntent(kind, id);
  if (intent.client_secret && intent.client_secret !== secret) {
    return { error: { type: 'invalid_request_error', message: `The client_secret provided does not match the client_secret associated with the ${kind.name}.` } };
  }
  return { [kind.result]: clone(intent) };
}

export async function retrievePaymentIntent(key, secret) {
  const { kind, id } = intentFromSecret(secret, 'retrievePaymentIntent()', ['pi']);
  return lookupIntent(key, kind, id, secret);
}

/** stripe.retrieveSetupIntent(clientSecret): Promise<SetupIntentResult> (stripe.d.ts 1116-1121, 1357-1359). */
export async function retrieveSetupIntent(key, secret) {
  const { kind, id } = intentFromSecret(secret, 'retrieveSetupIntent()', ['seti']);
  return lookupIntent(key, kind, id, secret);
}

/**
 * handleNextAction({clientSecret}) for a PaymentIntent or a SetupIntent: resolves
 * PaymentIntentOrSetupIntentResult (stripe.d.ts 679-694, 1361-1368), i.e. {paymentIntent} for a
 * pi_ secret and {setupIntent} for a seti_ secret; a 3D Secure failure resolves {error}.
 */
export async function handleNextAction(key, arg) {
  const fn = 'handleNextAction()';
  checkNextActionArg(arg, fn);
  const { kind, id } = intentFromSecret(arg.clientSecret, fn, ['pi', 'seti']);
  const found = await lookupIntent(key, kind, id, arg.clientSecret);
  if (found.error) return found;
  const intent = found[kind.result];
  if (intent.status !== 'requires_action') {
    // stripe.d.ts: "It will throw an error if the PaymentIntent or SetupIntent has a different status."
    throw integration(`${fn}: the ${kind.name} has a status of ${intent.status}; handleNextAction can only be used while its status is requires_action.`);
  }
  const auto = sim.autoAuthenticate;
  if (auto != null && auto !== 'approve' && auto !== 'fail') throw new TypeError("__stripeSim.autoAuthenticate must be null, 'approve' or 'fail'");
  const result = auto || await askForAuthentication(intent);
  const failure = kind === INTENTS.pi ? AUTH_FAILURE : { ...AUTH_FAILURE, code: 'setup_intent_authentication_failure' };
  let updated;
  if (API_BASE) {
    const res = await request(key, 'POST', `/v1/${kind.path}/${encodeURIComponent(id)}/sim_authenticate`, { client_secret: arg.clientSecret, result });
    if (res.error) return res;
    updated = res.data;
  } else {
    const stored = kind.table()[id];
    if (!stored) return noSuchIntent(kind, id);
    updated = authenticate(kind, stored, result, failure);
  }
  if (updated.status === 'requires_payment_method') {
    return { error: { ...(updated[kind.lastError] || failure), [kind.object]: updated } };
  }
  return { [kind.result]: updated };
}

/** handleNextAction's argument: `{clientSecret}` (the `hashedValue` form is not simulated). */
function checkNextActionArg(arg, fn) {
  if (!isObj(arg)) throw integration(`Invalid value for ${fn}: expected an object with a clientSecret property. You specified: ${describe(arg)}.`);
  if ('hashedValue' in arg) throw integration(`${fn} with hashedValue is not supported by the simulator.`);
  checkKeys(arg, ['clientSecret'], fn);
  if (arg.clientSecret === undefined) throw integration(`Missing value for ${fn}: clientSecret should be a string.`);
}

/** In memory: the stored intent after the customer approved or failed 3D Secure; returns a copy. */
function authenticate(kind, stored, result, failure) {
  Object.assign(stored, result === 'approve'
    ? { status: stored.capture_method === 'manual' ? 'requires_capture' : 'succeeded', next_action: null, [kind.lastError]: null }
    : { status: 'requires_payment_method', next_action: null, [kind.lastError]: { ...failure } });
  return clone(stored);
}

/** Shows the simulated 3D Secure modal for a PaymentIntent or SetupIntent; resolves 'approve' or 'fail'. */
function askForAuthentication(intent) {
  return new Promise((resolve) => {
    let m = null;
    const done = (result) => {
      m.close();
      resolve(result);
    };
    m = modal('Simulated 3D Secure authentication', 'sim-3ds', () => done('fail'));
    const ask = intent.object === 'setup_intent'
      ? 'Your bank asks you to confirm saving your card for future payments.'
      : `Your bank asks you to confirm a payment of ${formatAmount(intent)}.`;
    const text = el('p', { textContent: `${ask} This is a simulation: no bank is contacted and no card is charged.` },
      { margin: '0 0 20px', color: m.t.muted, fontSize: '14px', lineHeight: '1.5' });
    const approve = m.button('Complete authentication', true);
    const reject = m.button('Fail authentication', false);
    m.dialog.append(text, m.row(reject, approve));
    approve.addEventListener('click', () => done('approve'));
    reject.addEventListener('click', () => done('fail'));
    m.show();
    approve.focus();
  });
}
