// Browser check for sim/stripe.js: serves this directory with node:http (plus a tiny fake API),
// drives headless Chromium with playwright-core and asserts the simulator's contract.
// Usage: node sim/check.mjs [screenshot.png]   (needs playwright-core resolvable from the cwd;
// CHROMIUM overrides the browser path, default /usr/bin/chromium). Exits non-zero on any failure.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const { chromium } = await (async () => {
  try { return createRequire(`${process.cwd()}/`)('playwright-core'); } catch { return import('playwright-core'); }
})();

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
const page = (src) => `<!doctype html><html><head><meta charset="utf-8"><title>sim check</title></head>
<body><main><div id="link"></div><div id="ece"></div><div id="pay"></div><hr><div id="addr"></div></main>
<script src="${src}"></script></body></html>`;
const apiLog = [];
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP });
    res.end(body);
  };
  if (url.pathname === '/memory.html') return send(200, 'text/html', page('/stripe.js'));
  if (url.pathname === '/api.html') return send(200, 'text/html', page('/stripe.js?api=/api'));
  if (url.pathname === '/wallets-none.html') return send(200, 'text/html', page('/stripe.js?wallets=none'));
  if (url.pathname === '/stripe.js') return send(200, 'text/javascript', await readFile(`${here}stripe.js`));
  if (url.pathname.startsWith('/api/')) {
    let body = '';
    for await (const chunk of req) body += chunk;
    apiLog.push({ method: req.method, path: url.pathname, search: url.search, auth: req.headers.authorization, body });
    const pi = (status) => ({ id: 'pi_api', object: 'payment_intent', status, amount: 500, currency: 'eur', client_secret: 'pi_api_secret_z' });
    if (url.pathname === '/api/v1/confirmation_tokens') return send(200, 'application/json', JSON.stringify({ id: 'ctoken_api', object: 'confirmation_token' }));
    if (url.pathname === '/api/v1/payment_intents/pi_api') return send(200, 'application/json', JSON.stringify(pi('requires_action')));
    if (url.pathname === '/api/v1/payment_intents/pi_api/sim_authenticate') return send(200, 'application/json', JSON.stringify(pi('succeeded')));
    // The server-side simulator's SetupIntent routes (issue 10 contract), in the same shape.
    const seti = (status) => ({ id: 'seti_api', object: 'setup_intent', status, usage: 'off_session', client_secret: 'seti_api_secret_z',
      next_action: status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: {} } : null, last_setup_error: null });
    if (url.pathname === '/api/v1/setup_intents/seti_api') return send(200, 'application/json', JSON.stringify(seti('requires_action')));
    if (url.pathname === '/api/v1/setup_intents/seti_api/sim_authenticate') return send(200, 'application/json', JSON.stringify(seti('succeeded')));
    // The server-side simulator's saved cards for a CustomerSession (issue 19 item 5).
    if (url.pathname === '/api/v1/elements/sessions') {
      if (url.searchParams.get('customer_session_client_secret') === 'cuss_secret_empty') {
        return send(200, 'application/json', JSON.stringify({ object: 'elements_session', customer: { customer: 'cus_2', payment_methods: [] } }));
      }
      if (url.searchParams.get('customer_session_client_secret') !== 'cuss_secret_good') {
        return send(400, 'application/json', JSON.stringify({ error: { type: 'invalid_request_error', message: 'This customer session has expired.', param: 'customer_session_client_secret' } }));
      }
      const pm = { id: 'pm_saved', object: 'payment_method', type: 'card', customer: 'cus_1', allow_redisplay: 'unspecified',
        card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
        billing_details: { address: { city: null, country: 'US', line1: null, line2: null, postal_code: '94107', state: null }, email: null, name: null, phone: null } };
      return send(200, 'application/json', JSON.stringify({ object: 'elements_session', customer: { customer: 'cus_1', payment_methods: [pm] } }));
    }
    return send(404, 'application/json', JSON.stringify({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such thing' } }));
  }
  send(404, 'text/plain', 'not found');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let passed = 0;
let failed = 0;
const ok = (cond, name, detail) => {
  if (cond) passed++; else { failed++; console.log(`FAIL ${name}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`); }
};
const open = async (path, initScript) => {
  const p = await browser.newPage({ viewport: { width: 560, height: 820 } });
  if (initScript) await p.addInitScript(initScript);
  const problems = [];
  p.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
  p.on('pageerror', (e) => problems.push(String(e)));
  await p.goto(base + path);
  await p.evaluate("Object.assign(document.querySelector('main').style, { maxWidth: '480px', margin: '24px auto', padding: '8px' })");
  return { p, problems };
};
// Runs fn in the page; returns its value, or {threw: {name, message}} / {threw: value}.
const run = (p, fn, arg) => p.evaluate(`(async () => {
  try { return await (${fn})(${JSON.stringify(arg)}); }
  catch (e) { return { threw: e instanceof Error ? { name: e.name, message: e.message } : e }; }
})()`);
const isIntegration = (r) => r && r.threw && r.threw.name === 'IntegrationError';

// ---------------------------------------------------------------- in-memory mode
{
  const { p, problems } = await open('/memory.html');
  const loaded = await run(p, () => ({ t: typeof Stripe, v: Stripe.version, loads: window.__stripeSimLoads, mode: __stripeSim.mode }));
  ok(loaded.t === 'function' && loaded.v === 'endive' && loaded.loads === 1 && loaded.mode === 'memory', 'load', loaded);
  ok(isIntegration(await run(p, () => Stripe('sk_test_123'))), 'secret key throws');
  ok(/secret/.test((await run(p, () => Stripe('rk_live_1'))).threw.message), 'restricted key message');
  ok(isIntegration(await run(p, () => Stripe('nope'))), 'bad key throws');
  ok(await run(p, () => typeof new Stripe('pk_test_x').elements === 'function'), 'new Stripe() works');
  ok(isIntegration(await run(p, () => Stripe('pk_test_x').registerAppInfo({ name: 'x', bogus: 1 }))), 'registerAppInfo unknown key');
  ok(isIntegration(await run(p, () => Stripe('pk_test_x').registerAppInfo({ version: '1' }))), 'registerAppInfo needs name');

  const badOptions = [{ mode: 'payment', currency: 'usd' }, { mode: 'payment', currency: 'USD', amount: 100 },
    { mode: 'payment', currency: 'usd', amount: 1.5 }, { mode: 'payment', currency: 'usd', amount: 100, foo: 1 },
    { mode: 'payment', currency: 'usd', amount: 100, clientSecret: 'pi_1_secret_2' }, { mode: 'donate', currency: 'usd' }];
  for (const o of badOptions) ok(isIntegration(await run(p, (opts) => Stripe('pk_test_x').elements(opts), o)), `elements() rejects ${JSON.stringify(o)}`);

  const setup = await run(p, async () => {
    window.stripe = Stripe('pk_test_abc');
    stripe.registerAppInfo({ name: 'leptos-checkout', version: '0.1.0' });
    window.els = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1999, appearance: { variables: { colorPrimary: '#635bff', borderRadius: '8px' } } });
    window.pay = els.create('payment', { layout: 'tabs' });
    window.addr = els.create('address', { mode: 'shipping', fields: { phone: 'always' } });
    window.events = [];
    window.order = [];
    window.cardDetails = [];
    pay.on('loaderstart', (e) => order.push(`loaderstart:${e.elementType}`));
    pay.on('ready', (e) => order.push(`ready:${e.elementType}`));
    pay.on('carddetailschange', (e) => cardDetails.push(e));
    const ready = new Promise((r) => pay.on('ready', (e) => r(e)));
    pay.on('change', (e) => events.push(e));
    pay.mount('#pay');
    addr.mount(document.getElementById('addr'));
    return { ready: await ready, appInfo: __stripeSim.appInfo, inputs: document.querySelectorAll('.sim-payment-element input.sim-input').length };
  });
  ok(setup.ready && setup.ready.elementType === 'payment', 'ready event', setup);
  // payment.d.ts: `loaderstart` when the loader UI is in the DOM, so before `ready`.
  ok(await run(p, () => order.join()) === 'loaderstart:payment,ready:payment', 'loaderstart before ready');
  ok(setup.appInfo && setup.appInfo.name === 'leptos-checkout', 'appInfo recorded');
  ok(setup.inputs === 4, 'payment inputs rendered', setup.inputs);
  ok(await run(p, () => document.querySelector('#pay label').textContent === 'Card number'
    && document.getElementById(document.querySelector('#pay label').htmlFor).autocomplete === 'cc-number'), 'labelled card input');
  ok(/Can only create one Element of type payment/.test((await run(p, () => els.create('payment'))).threw?.message), 'second payment element throws');
  ok(isIntegration(await run(p, () => els.create('card'))), 'card element unsupported');
  ok(isIntegration(await run(p, () => stripe.elements({ mode: 'setup', currency: 'usd' }).create('address'))), 'address needs mode');
  ok(isIntegration(await run(p, () => stripe.elements({ mode: 'setup', currency: 'usd' }).create('payment').mount('#missing'))), 'mount missing selector');
  ok(isIntegration(await run(p, () => pay.mount('#pay'))), 'double mount throws');
  ok(isIntegration(await run(p, () => els.create('payment', { colour: 'red' }))), 'unknown payment option');
  ok(await run(p, () => els.getElement('payment') === pay && els.getElement('card') === null), 'getElement');

  const empty = await run(p, () => els.submit());
  ok(empty.error?.type === 'validation_error' && empty.error.code === 'incomplete_number', 'submit validates', empty);
  ok(await run(p, () => document.querySelector('#pay .sim-error').textContent === 'Your card number is incomplete.'), 'inline error shown');
  const early = await run(p, () => stripe.createConfirmationToken({ elements: els }));
  ok(isIntegration(early) && /^elements\.submit\(\) must be called before stripe\.createConfirmationToken\(\)/.test(early.threw.message), 'submit-before-token', early);

  await run(p, () => __stripeSim.fillCard('4242424242424241'));
  ok((await run(p, () => els.submit())).error?.code === 'invalid_number', 'Luhn check');
  await run(p, () => __stripeSim.fillCard('4242 4242 4242 4242', '01 / 20'));
  ok((await run(p, () => els.submit())).error?.code === 'invalid_expiry_year_past', 'past expiry');
  await run(p, () => __stripeSim.fillCard('4242424242424242', '1234'));
  ok((await run(p, () => els.submit())).error?.code === 'incomplete_name', 'address validated on submit');
  await run(p, () => __stripeSim.fillAddress({ name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postal_code: '94107', country: 'US', phone: '+15555550123' }));
  const change = await run(p, () => events[events.length - 1]);
  ok(change.elementType === 'payment' && change.complete === true && change.empty === false && change.collapsed === false && change.value.type === 'card', 'change event', change);
  // payment.d.ts 511-529: carddetailschange with the brand of the number typed.
  const details = await run(p, () => cardDetails[cardDetails.length - 1]);
  ok(details.elementType === 'payment' && details.loading === false && details.details.brands[0] === 'visa', 'carddetailschange', details);
  // payment.d.ts: collapse() folds the element; the next change says `collapsed: true`.
  const collapsed = await run(p, () => { pay.collapse(); pay.clear(); return events[events.length - 1]; });
  ok(collapsed.collapsed === true && collapsed.empty === true, 'collapse then change', collapsed);
  await run(p, () => __stripeSim.fillCard('4242424242424242', '1234'));
  ok(await run(p, () => document.querySelector('#pay input').value === '4242 4242 4242 4242'), 'card number formatted');
  const value = await run(p, () => addr.getValue());
  ok(value.complete && value.isNewAddress && value.value.address.line2 === null && value.value.address.country === 'US' && value.value.phone === '+15555550123', 'address getValue', value);

  const shipping = { name: 'Ada Lovelace', phone: null, address: { line1: '1 Main St', line2: null, city: 'Springfield', state: null, postal_code: '94107', country: 'US' } };
  ok(await run(p, () => els.submit()).then((r) => !r.error), 'submit succeeds');
  const unknown = await run(p, () => stripe.createConfirmationToken({ elements: els, params: { foo: 1 } }));
  ok(isIntegration(unknown) && /foo/.test(unknown.threw.message), 'unknown param rejected', unknown);
  const camel = await run(p, (s) => stripe.createConfirmationToken({ elements: els, params: { shipping: { ...s, address: { ...s.address, postalCode: '1' } } } }), shipping);
  ok(isIntegration(camel), 'camelCase address key rejected', camel);
  ok(isIntegration(await run(p, () => stripe.createConfirmationToken({ elements: Stripe('pk_test_other').elements({ mode: 'setup' }) }))), 'foreign elements rejected');
  const token = await run(p, (s) => stripe.createConfirmationToken({ elements: els, params: { shipping: s, return_url: 'https://shop.test/done' } }), shipping);
  const ct = token.confirmationToken;
  ok(/^ctoken_/.test(ct?.id) && ct.payment_method_preview.card.last4 === '4242' && ct.payment_method_preview.card.brand === 'visa'
    && ct.shipping.address.city === 'Springfield' && ct.return_url === 'https://shop.test/done' && ct.use_stripe_sdk === true, 'token created', token);
  ok(await run(p, (id) => __stripeSim.tokens[id].last4 === '4242', ct?.id), 'token recorded');
  ok(isIntegration(await run(p, () => stripe.createConfirmationToken({ elements: els }))), 'token consumes submit');

  await run(p, () => __stripeSim.putPaymentIntent({ id: 'pi_1', status: 'requires_action', client_secret: 'pi_1_secret_x', amount: 1999, currency: 'usd' }));
  await run(p, () => { window.nextAction = stripe.handleNextAction({ clientSecret: 'pi_1_secret_x' }); });
  await p.getByRole('dialog', { name: 'Simulated 3D Secure authentication' }).waitFor();
  await p.getByRole('button', { name: 'Complete authentication' }).click();
  const approved = await run(p, () => nextAction);
  ok(approved.paymentIntent?.status === 'succeeded', 'handleNextAction approve', approved);
  ok(await run(p, () => !document.querySelector('[role=dialog]')), 'dialog removed');
  // stripe.d.ts: handleNextAction "will throw an error if the PaymentIntent ... has a different status".
  const again = await run(p, () => stripe.handleNextAction({ clientSecret: 'pi_1_secret_x' }));
  ok(isIntegration(again) && /status of succeeded/.test(again.threw.message), 'handleNextAction on a succeeded intent rejects', again);
  await run(p, () => { __stripeSim.putPaymentIntent({ id: 'pi_2', status: 'requires_action', client_secret: 'pi_2_secret_y' }); window.nextAction = stripe.handleNextAction({ clientSecret: 'pi_2_secret_y' }); });
  await p.getByRole('button', { name: 'Fail authentication' }).click();
  const failedAuth = await run(p, () => nextAction);
  ok(failedAuth.error?.type === 'card_error' && failedAuth.error.code === 'payment_intent_authentication_failure'
    && failedAuth.error.payment_intent.status === 'requires_payment_method', 'handleNextAction fail', failedAuth);
  ok(isIntegration(await run(p, () => stripe.handleNextAction({ clientSecret: 'src_1_secret_x' }))), 'handleNextAction malformed');
  ok((await run(p, () => stripe.handleNextAction({ clientSecret: 'seti_9_secret_x' }))).error?.code === 'resource_missing', 'handleNextAction accepts a seti_ secret');

  const retrieved = await run(p, () => stripe.retrievePaymentIntent('pi_1_secret_x'));
  ok(retrieved.paymentIntent?.id === 'pi_1' && retrieved.paymentIntent.object === 'payment_intent' && retrieved.paymentIntent.next_action === null, 'retrieve', retrieved);
  ok((await run(p, () => stripe.retrievePaymentIntent('pi_9_secret_9'))).error?.code === 'resource_missing', 'retrieve unknown');
  ok(isIntegration(await run(p, () => stripe.retrievePaymentIntent('nope'))), 'retrieve malformed');

  const offs = await run(p, () => {
    const seen = [];
    const h1 = () => seen.push('h1');
    const h2 = () => seen.push('h2');
    addr.on('change', h1).on('change', h2).off('change', h1);
    const count = __stripeSim.listenerCount('address', 'change');
    __stripeSim.fillAddress({ city: 'Shelbyville' });
    addr.off('change');
    return { seen, count, after: __stripeSim.listenerCount('address', 'change') };
  });
  ok(offs.count === 1 && offs.seen.length === 1 && offs.seen[0] === 'h2' && offs.after === 0, 'off removes exactly the handler', offs);

  const scripted = await run(p, async () => {
    __stripeSim.script('retrievePaymentIntent', { reject: 'boom' });
    const r1 = await stripe.retrievePaymentIntent('x').catch((e) => e);
    __stripeSim.script('elements.submit', { delayMs: 5, resolve: {} });
    await els.submit();
    const t = await stripe.createConfirmationToken({ elements: els });
    __stripeSim.script('Stripe', { throw: 42 });
    let r3;
    try { Stripe('pk_test_x'); } catch (e) { r3 = e; }
    return { r1, token: Boolean(t.confirmationToken), r3 };
  });
  ok(scripted.r1 === 'boom' && scripted.token && scripted.r3 === 42, 'scripted overrides', scripted);

  const upd = await run(p, () => {
    const res = els.update({ amount: 2500 });
    let bad = null;
    try { els.update({ amount: 1.5 }); } catch (e) { bad = e.name; }
    try { els.update({ colour: 'red' }); } catch (e) { bad += `,${e.name}`; }
    return { promise: res instanceof Promise, last: __stripeSim.lastUpdate, amount: __stripeSim.lastElementsOptions.amount, bad };
  });
  ok(upd.promise && upd.last.amount === 2500 && upd.amount === 2500 && upd.bad === 'IntegrationError,IntegrationError', 'elements.update', upd);
  const calls = await run(p, () => __stripeSim.calls.find((c) => c.method === 'createConfirmationToken').args[0].elements);
  ok(calls === '[elements]', 'calls recorded', calls);

  await p.locator('main').screenshot({ path: process.argv[2] || '/tmp/sim-elements.png' });

  const destroyed = await run(p, () => {
    pay.destroy();
    let second = null;
    try { pay.destroy(); } catch (e) { second = `${e.name}: ${e.message}`; }
    const fresh = els.create('payment');
    return { second, fresh: typeof fresh.mount, gone: !document.querySelector('.sim-payment-element') };
  });
  ok(destroyed.second === 'IntegrationError: This Element has already been destroyed. Please create a new one.' && destroyed.fresh === 'function' && destroyed.gone, 'destroy twice throws', destroyed);

  // off() after destroy() is a no-op (react-stripe-js calls it on every unmount); on() and the rest still throw.
  const afterDestroy = await run(p, () => {
    const stripe = Stripe('pk_test_x');
    const group = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1000 });
    const el = group.create('address', { mode: 'shipping' });
    const handler = () => {};
    el.on('change', handler);
    el.mount('#addr');
    el.destroy();
    const before = __stripeSim.calls.length;
    const out = {};
    try { out.off = el.off('change', handler) === el; } catch (e) { out.off = `${e.name}: ${e.message}`; }
    try { out.offAll = el.off('change') === el; } catch (e) { out.offAll = `${e.name}: ${e.message}`; }
    out.recorded = __stripeSim.calls.slice(before).map((c) => c.method);
    for (const m of ['on', 'once', 'mount', 'unmount', 'update', 'focus', 'blur', 'clear']) {
      try { el[m](m === 'mount' ? '#addr' : m === 'update' ? {} : 'change', handler); out[m] = 'no throw'; }
      catch (e) { out[m] = `${e.name}: ${e.message}`; }
    }
    out.getValue = null;
    return el.getValue().then(() => 'resolved', (e) => `${e.name}: ${e.message}`).then((g) => ({ ...out, getValue: g }));
  });
  const DESTROYED = 'IntegrationError: This Element has already been destroyed. Please create a new one.';
  ok(afterDestroy.off === true && afterDestroy.offAll === true
    && JSON.stringify(afterDestroy.recorded) === '["element.off","element.off"]', 'off after destroy is a recorded no-op', afterDestroy);
  ok(['on', 'once', 'mount', 'unmount', 'update', 'focus', 'blur', 'clear', 'getValue'].every((m) => afterDestroy[m] === DESTROYED),
    'other methods after destroy still throw', afterDestroy);
  ok(await run(p, () => {
    const el = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 }).create('payment');
    try { el.off(42); return false; } catch (e) { return e.name === 'IntegrationError'; }
  }), 'off on a live element still validates');

  // Methods outside the flow exist, as react-stripe-js requires, and reject with an IntegrationError.
  const unmodelled = await run(p, async () => {
    const stripe = Stripe('pk_test_x');
    const group = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1000 });
    const before = __stripeSim.calls.length;
    const out = {};
    const args = { createToken: [group.create('payment'), { name: 'x' }],
      createPaymentMethod: [{ elements: group, params: { billing_details: { name: 'x' } } }],
      confirmCardPayment: ['pi_1_secret_2', { payment_method: 'pm_card_visa' }] };
    for (const [name, a] of Object.entries(args)) {
      const result = stripe[name](...a);
      out[name] = { promise: result instanceof Promise,
        settled: await result.then(() => 'resolved', (e) => ({ name: e.name, message: e.message })) };
    }
    out.calls = __stripeSim.calls.slice(before).filter((c) => !c.method.startsWith('element')).map((c) => [c.method, c.args]);
    __stripeSim.script('confirmCardPayment', { resolve: { paymentIntent: { id: 'pi_s' } } });
    out.scripted = await stripe.confirmCardPayment('pi_1_secret_2');
    out.isStripe = typeof stripe.elements === 'function' && typeof stripe.createToken === 'function'
      && typeof stripe.createPaymentMethod === 'function' && typeof stripe.confirmCardPayment === 'function';
    return out;
  });
  ok(['createToken', 'createPaymentMethod', 'confirmCardPayment'].every((n) => unmodelled[n]?.promise
    && unmodelled[n].settled.name === 'IntegrationError' && unmodelled[n].settled.message?.startsWith(`stripe.${n}() is not supported by the simulator`)),
  'unmodelled methods reject with IntegrationError', unmodelled);
  ok(JSON.stringify(unmodelled.calls) === JSON.stringify([['createToken', ['[element]', { name: 'x' }]],
    ['createPaymentMethod', [{ elements: '[elements]', params: { billing_details: { name: 'x' } } }]],
    ['confirmCardPayment', ['pi_1_secret_2', { payment_method: 'pm_card_visa' }]]]), 'unmodelled calls recorded', unmodelled.calls);
  ok(unmodelled.scripted?.paymentIntent?.id === 'pi_s' && unmodelled.isStripe, 'unmodelled methods scriptable; passes react-stripe-js isStripe', unmodelled);
  ok(problems.length === 0, 'no CSP violations or page errors', problems);
  await p.close();
}

// ---------------------------------------------------------------- strict like Stripe's UI (issue #8 §2)
{
  const { p, problems } = await open('/memory.html');
  await run(p, () => {
    window.stripe = Stripe('pk_test_strict');
    window.els = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1000 });
    window.pay = els.create('payment', { readOnly: true });
    window.changes = 0;
    pay.on('change', () => { changes += 1; });
    pay.mount('#pay');
  });
  const number = p.locator('#pay input[autocomplete="cc-number"]');

  // readOnly: a real keyboard and Playwright's fill/type/press change nothing.
  const filled = await number.fill('4242424242424242', { timeout: 500 }).then(() => 'filled', (e) => e.message);
  ok(/not editable/.test(filled), 'Playwright fill into a read-only Payment Element is refused', filled);
  await number.focus();
  await p.keyboard.type('4242');
  await number.press('Backspace', { timeout: 500 }).catch(() => {});
  await number.pressSequentially('42', { timeout: 500 }).catch(() => {});
  ok(await number.inputValue() === '' && await run(p, () => changes) === 0, 'keyboard typing into a read-only Payment Element changes nothing',
    { value: await number.inputValue(), changes: await run(p, () => changes) });
  const forced = await run(p, () => {
    const input = document.querySelector('#pay input');
    input.value = '4242';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return { value: input.value, changes };
  });
  ok(forced?.value === '' && forced.changes === 0, 'a value forced in from script is put back while read-only', forced);

  // fillCard behaves like a customer: refuses a read-only field with a clear Error.
  const refused = await run(p, () => __stripeSim.fillCard('4242424242424242'));
  ok(refused?.threw?.name === 'Error' && /read-only/.test(refused.threw.message) && /number/.test(refused.threw.message),
    'fillCard refuses a read-only Payment Element', refused);

  // element.update merges: omitted (or undefined) keys keep their value.
  const merged = await run(p, () => {
    const ro = () => document.querySelector('#pay input').readOnly;
    const out = {};
    pay.update({});
    out.empty = ro();
    pay.update({ layout: 'accordion' });
    out.layout = ro();
    pay.update({ readOnly: undefined });
    out.undef = ro();
    pay.update({ readOnly: false });
    out.off = ro();
    return out;
  });
  ok(merged.empty && merged.layout && merged.undef && merged.off === false, 'element.update merges: readOnly stays until an update sets false', merged);
  await number.fill('4242424242424242');
  ok(await number.inputValue() === '4242 4242 4242 4242' && await run(p, () => changes) > 0, 'editable again after update({readOnly: false})');
  const fillEvents = await run(p, () => {
    const seen = [];
    const input = document.querySelector('#pay input');
    document.activeElement?.blur();
    for (const t of ['focus', 'beforeinput', 'input', 'change', 'blur']) input.addEventListener(t, (e) => seen.push(`${t}${e.inputType ? `:${e.inputType}` : ''}`));
    __stripeSim.fillCard('4000056655665556');
    return seen;
  });
  ok(JSON.stringify(fillEvents) === JSON.stringify(['focus', 'beforeinput:insertReplacementText', 'input:insertReplacementText', 'change', 'blur']),
    'fillCard dispatches focus, beforeinput, input, change and blur like typing', fillEvents);

  // Update options per payment.d.ts: no `wallets`, no layout.defaultCollapsed/paymentMethodLogoPosition.
  const badUpdates = await run(p, () => [{ wallets: { link: 'never' } }, { layout: { type: 'tabs', defaultCollapsed: true } },
    { layout: { radios: 'always' } }, { readOnly: 'yes' }].map((o) => {
    try { pay.update(o); return 'accepted'; } catch (e) { return e.name; }
  }));
  ok(badUpdates.every((r) => r === 'IntegrationError'), 'element.update refuses options Stripe cannot update', badUpdates);

  // The Address Element has no readOnly (address.d.ts); only the Payment Element does.
  const addrRo = await run(p, () => {
    const g = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 });
    const out = {};
    try { g.create('address', { mode: 'shipping', readOnly: true }); out.create = 'accepted'; } catch (e) { out.create = e.name; }
    const a = g.create('address', { mode: 'shipping' });
    try { a.update({ readOnly: true }); out.update = 'accepted'; } catch (e) { out.update = e.name; }
    return out;
  });
  ok(addrRo.create === 'IntegrationError' && addrRo.update === 'IntegrationError', 'the Address Element refuses readOnly', addrRo);

  // elements.update: Promise<void>, shallow merge, update-end (elements-group.d.ts).
  const groupUpdate = await run(p, async () => {
    const log = [];
    els.on('update-end', () => log.push('update-end'));
    const promise = els.update({ amount: 2500 });
    log.push('returned');
    const result = await promise;
    log.push('resolved');
    await els.update({ currency: 'eur', amount: undefined });
    let badEvent = null;
    try { els.on('change', () => {}); } catch (e) { badEvent = e.name; }
    return { promise: promise instanceof Promise, result: result === undefined, log, options: __stripeSim.lastElementsOptions, badEvent };
  });
  ok(groupUpdate.promise && groupUpdate.result && JSON.stringify(groupUpdate.log) === '["returned","update-end","resolved","update-end"]'
    && groupUpdate.options?.amount === 2500 && groupUpdate.options.currency === 'eur' && groupUpdate.options.mode === 'payment'
    && groupUpdate.badEvent === 'IntegrationError', 'elements.update returns a Promise, merges and fires update-end', groupUpdate);

  // mount into a detached node: test mode throws (Stripe.js since 2024-10); live mode logs and
  // fires ready only once the node is in the document.
  const detached = await run(p, async () => {
    const out = {};
    const div = document.createElement('div');
    const test = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 }).create('payment');
    try { test.mount(div); out.test = 'mounted'; } catch (e) { out.test = `${e.name}: ${e.message}`; }
    const host = document.createElement('div');
    document.body.append(host);
    const shadowDiv = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(shadowDiv);
    const inShadow = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 }).create('payment');
    try { inShadow.mount(shadowDiv); out.shadow = 'mounted'; } catch (e) { out.shadow = e.name; }
    const live = Stripe('pk_live_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 }).create('address', { mode: 'billing' });
    let ready = 0;
    live.on('ready', () => { ready += 1; });
    live.mount(div);
    await new Promise((r) => setTimeout(r, 60));
    out.beforeAttach = ready;
    document.body.append(div);
    await new Promise((r) => setTimeout(r, 30));
    out.afterAttach = ready;
    live.destroy();
    div.remove();
    return out;
  });
  ok(detached.test === 'IntegrationError: Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.' && detached.shadow === 'IntegrationError',
    'mount outside the document throws in test mode', detached);
  ok(detached.beforeAttach === 0 && detached.afterAttach === 1, 'ready fires only once the mounted node is in the document', detached);

  const remount = await run(p, async () => {
    const g = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1000 });
    const el = g.create('payment');
    let ready = 0;
    el.on('ready', () => { ready += 1; });
    el.mount('#pay');
    el.unmount();
    await new Promise((r) => setTimeout(r, 20));
    const afterUnmount = ready;
    el.mount(document.getElementById('pay'));
    await new Promise((r) => setTimeout(r, 20));
    const out = { afterUnmount, afterRemount: ready };
    try { el.mount('#pay'); out.twice = 'mounted'; } catch (e) { out.twice = e.name; }
    el.destroy();
    return out;
  });
  ok(remount.afterUnmount === 0 && remount.afterRemount === 1 && remount.twice === 'IntegrationError', 'unmount cancels ready; mount again fires it; mount twice throws', remount);

  // Two Address Elements, one per mode (docs: create_address_element, get_address_element).
  const two = await run(p, async () => {
    document.getElementById('addr').append(Object.assign(document.createElement('div'), { id: 'bill' }));
    window.ship = els.create('address', { mode: 'shipping' });
    window.bill = els.create('address', { mode: 'billing' });
    ship.mount('#addr');
    bill.mount('#bill');
    const out = {};
    try { els.create('address', { mode: 'billing' }); out.third = 'created'; } catch (e) { out.third = e.name; }
    try { els.getElement('address'); out.noMode = 'returned'; } catch (e) { out.noMode = e.name; }
    try { els.getElement('nope'); out.badType = 'returned'; } catch (e) { out.badType = e.name; }
    out.get = els.getElement('address', { mode: 'shipping' }) === ship && els.getElement('address', { mode: 'billing' }) === bill;
    const seen = [];
    bill.on('change', (e) => seen.push(e.elementMode));
    out.counts = [__stripeSim.listenerCount('address', 'change'), __stripeSim.listenerCount('address', 'change', 'billing')];
    const incomplete = await els.submit();
    out.incomplete = incomplete.error?.code;
    __stripeSim.fillAddress({ name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', postal_code: '94107', country: 'US' });
    out.stillIncomplete = (await els.submit()).error?.code;
    __stripeSim.fillAddress({ name: 'Bill Payer', line1: '9 Bill Rd', city: 'Billtown', postal_code: '10001', country: 'US' }, 'billing');
    out.seen = seen;
    out.submit = await els.submit();
    const { confirmationToken: ct } = await stripe.createConfirmationToken({ elements: els });
    out.shipping = ct.shipping;
    out.billing = ct.payment_method_preview.billing_details;
    return out;
  });
  ok(two.third === 'IntegrationError' && two.noMode === 'IntegrationError' && two.badType === 'IntegrationError' && two.get,
    'one Address Element per mode; getElement needs the mode when there are two', two);
  ok(JSON.stringify(two.counts) === '[0,1]' && two.seen?.length > 0 && two.seen.every((m) => m === 'billing'),
    'control API picks the address mode (default shipping)', two);
  ok(two.incomplete === 'incomplete_name' && two.stillIncomplete === 'incomplete_name' && two.submit?.selectedPaymentMethod === 'card',
    'submit validates both Address Elements', two);
  ok(two.shipping?.name === 'Ada Lovelace' && two.shipping.address?.line1 === '1 Main St' && two.shipping.address.line2 === null
    && two.billing?.name === 'Bill Payer' && two.billing.address?.city === 'Billtown', 'token takes shipping and billing from their Address Elements', two);

  // getValue validates its options.
  const gv = await run(p, () => ship.getValue({ format: 'fancy' }).then(() => 'resolved', (e) => e.name));
  ok(gv === 'IntegrationError', 'getValue rejects an unknown format', gv);

  // A hidden Element cannot be typed into either.
  const hidden = await run(p, () => {
    document.getElementById('bill').style.display = 'none';
    try { __stripeSim.fillAddress({ city: 'Nowhere' }, { mode: 'billing' }); return 'filled'; } catch (e) { return e.message; } finally {
      document.getElementById('bill').style.display = '';
    }
  });
  ok(/not visible/.test(hidden), 'fillAddress refuses a hidden field', hidden);
  ok(problems.length === 0, 'strict page clean', problems);
  await p.close();
}

// ---------------------------------------------------------------- issue 10: loader and element options
{
  const { p, problems } = await open('/memory.html');
  // StripeConstructorOptions (stripe.d.ts): stripeAccount an acct_ id, locale from Stripe's list.
  const loader = await run(p, () => {
    const out = {};
    const tryIt = (opts) => { try { Stripe('pk_test_x', opts); return 'ok'; } catch (e) { return e.name; } };
    out.good = tryIt({ stripeAccount: 'acct_1Abc', locale: 'fr', apiVersion: '2024-06-20', betas: ['x'] });
    out.auto = tryIt({ locale: 'auto' });
    out.badAccount = tryIt({ stripeAccount: 'cus_123' });
    out.numAccount = tryIt({ stripeAccount: 42 });
    out.badLocale = tryIt({ locale: 'klingon' });
    out.badBetas = tryIt({ betas: 'x' });
    const els = (o) => { try { Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 100, ...o }); return 'ok'; } catch (e) { return e.name; } };
    out.elLocale = els({ locale: 'xx' });
    out.elCreation = els({ paymentMethodCreation: 'auto' });
    out.elManual = els({ paymentMethodCreation: 'manual', locale: 'de' });
    return out;
  });
  ok(loader.good === 'ok' && loader.auto === 'ok' && loader.elManual === 'ok', 'valid loader and elements options accepted', loader);
  ok(['badAccount', 'numAccount', 'badLocale', 'badBetas', 'elLocale', 'elCreation'].every((k) => loader[k] === 'IntegrationError'),
    'bad stripeAccount/locale/betas and elements locale/paymentMethodCreation throw', loader);

  const options = await run(p, () => {
    const g = () => Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 100 });
    const tryCreate = (type, o) => { try { g().create(type, o); return 'ok'; } catch (e) { return e.name; } };
    const bad = {
      payment: [{ layout: { type: 'tabs', radios: 'sometimes' } }, { layout: { type: 'accordion', visibleAccordionItemsCount: -1 } },
        { layout: { type: 'accordion', defaultCollapsed: 'no' } }, { layout: 'grid' },
        { defaultValues: { billingDetails: { name: 5 } } }, { defaultValues: { billingDetails: { address: { zip: '1' } } } },
        { fields: { billingDetails: 'maybe' } }, { fields: { billingDetails: { address: { postalCode: 'always' } } } },
        { fields: { billingDetails: { email: 'always' } } }, { terms: { card: 'sometimes' } }, { terms: { bitcoin: 'auto' } },
        { wallets: { applePay: 'always' } }, { wallets: { link: true } }, { walletOptions: { emailRequired: 'yes' } }],
      address: [{ mode: 'shipping', allowedCountries: ['USA'] }, { mode: 'shipping', allowedCountries: 'US' },
        { mode: 'shipping', autocomplete: { mode: 'google_maps_api' } }, { mode: 'shipping', autocomplete: { mode: 'nope' } },
        { mode: 'shipping', fields: { phone: 'sometimes' } }, { mode: 'shipping', validation: { phone: { required: 'yes' } } },
        { mode: 'shipping', defaultValues: { address: { line1: 'x' } } }, { mode: 'shipping', defaultValues: { name: 7 } }],
    };
    const good = {
      payment: { layout: { type: 'accordion', defaultCollapsed: false, radios: 'always', spacedAccordionItems: true, visibleAccordionItemsCount: 3 },
        defaultValues: { billingDetails: { name: 'Ada', email: 'ada@example.com', phone: '+1', address: { country: 'US', postal_code: '94107' } } },
        fields: { billingDetails: { name: 'auto', email: 'never', address: 'if_required' } }, terms: { card: 'never', googlePay: 'always' },
        wallets: { applePay: 'never', googlePay: 'auto', link: 'never' }, walletOptions: { emailRequired: true } },
      address: { mode: 'billing', allowedCountries: ['US', 'GB'], autocomplete: { mode: 'google_maps_api', apiKey: 'k' },
        defaultValues: { name: 'Ada', address: { country: 'US', line1: null }, phone: '+15555550123' }, fields: { phone: 'always' },
        validation: { phone: { required: 'always' } }, display: { name: 'full' } },
    };
    return { bad: Object.fromEntries(Object.entries(bad).map(([t, list]) => [t, list.map((o) => tryCreate(t, o))])),
      good: Object.fromEntries(Object.entries(good).map(([t, o]) => [t, tryCreate(t, o)])) };
  });
  ok([...options.bad.payment, ...options.bad.address].every((r) => r === 'IntegrationError'), 'Payment/Address Element options with bad types throw', options.bad);
  ok(options.good.payment === 'ok' && options.good.address === 'ok', 'Payment/Address Element options of the right types are accepted', options.good);
  ok(problems.length === 0, 'options page clean', problems);
  await p.close();
}

// ---------------------------------------------------------------- issue 10: setup mode, Link Authentication Element, SetupIntents
{
  const { p, problems } = await open('/memory.html');
  const setupOpts = await run(p, () => {
    const out = {};
    const tryIt = (f) => { try { f(); return 'ok'; } catch (e) { return e.name; } };
    const s = Stripe('pk_test_setup');
    out.amount = tryIt(() => s.elements({ mode: 'setup', currency: 'usd', amount: 100 }));
    out.badSfu = tryIt(() => s.elements({ mode: 'payment', currency: 'usd', amount: 100, setupFutureUsage: 'sometimes' }));
    const g = s.elements({ mode: 'setup', currency: 'usd', setupFutureUsage: 'off_session', paymentMethodCreation: 'manual' });
    out.update = tryIt(() => g.update({ amount: 100 }));
    out.link = tryIt(() => g.create('linkAuthentication', { defaultValues: { email: 5 } }));
    out.linkKey = tryIt(() => g.create('linkAuthentication', { colour: 'red' }));
    return out;
  });
  ok(Object.values(setupOpts).every((r) => r === 'IntegrationError'), 'setup mode refuses amount (create and update); bad setupFutureUsage and Link options throw', setupOpts);

  await run(p, () => {
    window.stripe = Stripe('pk_test_setup');
    window.els = stripe.elements({ mode: 'setup', currency: 'usd', setupFutureUsage: 'off_session', paymentMethodCreation: 'manual' });
    window.link = els.create('linkAuthentication');
    window.pay = els.create('payment');
    window.linkEvents = [];
    for (const ev of ['ready', 'change', 'focus', 'blur']) link.on(ev, (e) => linkEvents.push({ ev, ...e }));
    link.mount('#link');
    pay.mount('#pay');
  });
  await p.waitForFunction(() => linkEvents.some((e) => e.ev === 'ready'));
  const linkApi = await run(p, () => {
    const out = { update: typeof link.update, get: els.getElement('linkAuthentication') === link };
    try { link.on('click', () => {}); out.badEvent = 'ok'; } catch (e) { out.badEvent = e.name; }
    try { els.create('linkAuthentication'); out.second = 'ok'; } catch (e) { out.second = e.name; }
    return out;
  });
  ok(linkApi.update === 'undefined' && linkApi.get && linkApi.badEvent === 'IntegrationError' && linkApi.second === 'IntegrationError',
    'Link Authentication Element: no update(), getElement, its own events, one per group', linkApi);
  const early = await run(p, () => stripe.createConfirmationToken({ elements: els }));
  ok(isIntegration(early), 'createConfirmationToken before submit fails in setup mode', early);
  await run(p, () => __stripeSim.fillCard('4242424242424242'));
  const emptyEmail = await run(p, () => els.submit());
  ok(emptyEmail.error?.type === 'validation_error' && emptyEmail.error.code === 'incomplete_email', 'submit fails while the email is empty', emptyEmail);
  const email = p.getByLabel('Email');
  ok(await email.getAttribute('type') === 'email', 'the email field is an <input type=email>');
  await email.click();
  await p.keyboard.type('ada@');
  await p.keyboard.press('Tab');
  const invalid = await run(p, () => els.submit());
  ok(invalid.error?.code === 'invalid_email' && await p.locator('#link .sim-error').textContent() === 'Your email address is invalid.', 'submit fails on an invalid email, shown inline', invalid);
  await email.click();
  await p.keyboard.type('example.com');
  const lastChange = await run(p, () => linkEvents.filter((e) => e.ev === 'change').pop());
  ok(lastChange?.elementType === 'linkAuthentication' && lastChange.complete === true && lastChange.empty === false
    && lastChange.value?.email === 'ada@example.com', 'change event carries {elementType, complete, empty, value: {email}}', lastChange);
  ok(await run(p, () => ['focus', 'blur'].every((ev) => linkEvents.some((e) => e.ev === ev))), 'focus and blur events fire');
  const token = await run(p, async () => {
    const submitted = await els.submit();
    const t = await stripe.createConfirmationToken({ elements: els });
    await els.submit();
    const t2 = await stripe.createConfirmationToken({ elements: els, params: { payment_method_data: { billing_details: { email: 'param@example.com' } } } });
    return { submitted, ct: t.confirmationToken, email2: t2.confirmationToken?.payment_method_preview.billing_details.email, record: __stripeSim.tokens[t.confirmationToken?.id] };
  });
  ok(token.submitted?.selectedPaymentMethod === 'card' && token.ct?.setup_future_usage === 'off_session'
    && token.ct.payment_method_preview.billing_details.email === 'ada@example.com' && token.record?.email === 'ada@example.com',
  'setup-mode token carries setup_future_usage and the Link email', token);
  ok(token.email2 === 'param@example.com', 'params billing_details.email wins over the Link email', token.email2);
  const preset = await run(p, () => {
    const g = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 100 });
    const l = g.create('linkAuthentication', { defaultValues: { email: 'pre@example.com' } });
    const div = document.createElement('div');
    document.body.append(div);
    l.mount(div);
    const value = div.querySelector('input').value;
    l.destroy();
    div.remove();
    return value;
  });
  ok(preset === 'pre@example.com', 'defaultValues.email fills the field', preset);

  // SetupIntents: retrieveSetupIntent and handleNextAction with a seti_ secret (stripe.d.ts).
  await run(p, () => {
    __stripeSim.putSetupIntent({ id: 'seti_1', status: 'requires_action', client_secret: 'seti_1_secret_a' });
    window.nextAction = stripe.handleNextAction({ clientSecret: 'seti_1_secret_a' });
  });
  const dialog = p.getByRole('dialog', { name: 'Simulated 3D Secure authentication' });
  await dialog.waitFor();
  ok(/saving your card/.test(await dialog.textContent()), '3DS dialog words a setup');
  await p.keyboard.press('Enter'); // "Complete authentication" has the focus
  const approved = await run(p, () => nextAction);
  ok(approved.setupIntent?.status === 'succeeded' && approved.setupIntent.object === 'setup_intent' && !approved.paymentIntent, 'handleNextAction(seti_) resolves {setupIntent}', approved);
  const retrieved = await run(p, () => stripe.retrieveSetupIntent('seti_1_secret_a'));
  ok(retrieved.setupIntent?.id === 'seti_1' && retrieved.setupIntent.status === 'succeeded' && retrieved.setupIntent.usage === 'off_session', 'retrieveSetupIntent', retrieved);
  ok(isIntegration(await run(p, () => stripe.retrieveSetupIntent('pi_1_secret_x'))) && isIntegration(await run(p, () => stripe.retrieveSetupIntent('nope'))),
    'retrieveSetupIntent throws on a malformed or PaymentIntent secret');
  ok((await run(p, () => stripe.retrieveSetupIntent('seti_9_secret_9'))).error?.code === 'resource_missing', 'retrieveSetupIntent unknown resolves {error}');
  await run(p, () => {
    __stripeSim.putSetupIntent({ id: 'seti_2', status: 'requires_action', client_secret: 'seti_2_secret_b' });
    window.nextAction = stripe.handleNextAction({ clientSecret: 'seti_2_secret_b' });
  });
  await p.getByRole('button', { name: 'Fail authentication' }).click();
  const failedSetup = await run(p, () => nextAction);
  ok(failedSetup.error?.code === 'setup_intent_authentication_failure' && failedSetup.error.setup_intent?.status === 'requires_payment_method'
    && failedSetup.error.setup_intent.last_setup_error?.code === 'setup_intent_authentication_failure', 'handleNextAction(seti_) failure resolves {error}', failedSetup);
  ok(problems.length === 0, 'setup page clean', problems);
  await p.close();
}

// ---------------------------------------------------------------- issue 10: Express Checkout Element
{
  const { p, problems } = await open('/memory.html');
  const eceOpts = await run(p, () => {
    const g = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1999 });
    const tryIt = (o) => { try { g.create('expressCheckout', o).destroy(); return 'ok'; } catch (e) { return e.name; } };
    const out = { bad: [{ buttonHeight: 30 }, { buttonType: { googlePay: 'foo' } }, { paymentMethods: { link: 'always' } },
      { shippingRates: [{ id: 'x', amount: 1.5, displayName: 'X' }] }, { shippingRates: [{ id: 'x', amount: 1 }] }, { foo: 1 },
      { emailRequired: 'yes' }, { allowedShippingCountries: ['USA'] }, { lineItems: [{ name: 'x' }] }, { business: {} }].map(tryIt) };
    out.good = tryIt({ buttonType: { googlePay: 'pay', applePay: 'check-out' }, buttonTheme: { googlePay: 'white' }, buttonHeight: 48,
      layout: { maxColumns: 2, overflow: 'never' }, paymentMethods: { applePay: 'always', link: 'never' }, emailRequired: true,
      shippingAddressRequired: true, shippingRates: [{ id: 'a', amount: 0, displayName: 'Free', deliveryEstimate: { minimum: { unit: 'day', value: 2 } } }],
      allowedShippingCountries: ['US'], business: { name: 'Shop' }, lineItems: [{ name: 'Tee', amount: 1999 }] });
    const e = g.create('expressCheckout');
    // Only StripeExpressCheckoutElementUpdateOptions (express-checkout.d.ts 423-465) may change.
    out.update = [{ business: { name: 'x' } }, { lineItems: [] }, { shippingRates: [] }, { paymentMethods: {} },
      { applePay: {} }, { buttonTheme: {} }, { buttonType: {} }, { wallets: {} }].map((o) => {
      try { e.update(o); return 'ok'; } catch (err) { return err.name; }
    });
    try { e.update({ emailRequired: true }); out.goodUpdate = 'ok'; } catch (err) { out.goodUpdate = err.name; }
    e.destroy();
    return out;
  });
  ok(eceOpts.bad.every((r) => r === 'IntegrationError') && eceOpts.good === 'ok', 'Express Checkout options validated per express-checkout.d.ts', eceOpts);
  ok(eceOpts.update.every((r) => r === 'IntegrationError') && eceOpts.goodUpdate === 'ok', 'Express Checkout update accepts only the update options', eceOpts);

  await run(p, () => {
    window.stripe = Stripe('pk_test_ece');
    window.els = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1999 });
    window.ece = els.create('expressCheckout');
    window.log = [];
    ece.on('ready', (e) => log.push({ ev: 'ready', ...e }));
    ece.mount('#ece');
  });
  await p.waitForFunction(() => log.some((e) => e.ev === 'ready'));
  const ready = await run(p, () => log.find((e) => e.ev === 'ready'));
  ok(ready.elementType === 'expressCheckout' && JSON.stringify(ready.availablePaymentMethods)
    === JSON.stringify({ applePay: false, googlePay: true, link: true, paypal: false, amazonPay: false, klarna: false }), 'ready carries availablePaymentMethods', ready);
  const gpay = p.getByRole('button', { name: 'Buy with Google Pay' });
  ok(await gpay.isVisible() && await p.getByRole('button', { name: 'Pay with Link' }).isVisible(), 'wallet buttons shown');
  const sheet = p.getByRole('dialog', { name: 'Simulated Google Pay' });

  // The 1-second rule: resolve after 1 s → no sheet, and resolve throws.
  await run(p, () => {
    window.late = null;
    ece.on('click', (e) => setTimeout(() => { try { e.resolve(); late = 'no throw'; } catch (err) { late = `${err.name}: ${err.message}`; } }, 1100));
  });
  await gpay.click();
  await p.waitForTimeout(1300);
  ok(await sheet.count() === 0 && /^IntegrationError: .*1 second/.test(await run(p, () => late)), 'resolve after 1 s: the sheet does not open', await run(p, () => late));
  await run(p, () => { ece.off('click'); ece.on('click', (e) => e.reject()); });
  await gpay.click();
  await p.waitForTimeout(50);
  ok(await sheet.count() === 0, 'click reject: the sheet does not open');
  await run(p, () => {
    ece.off('click');
    window.badResolve = [];
    ece.on('click', (e) => {
      for (const d of [{ emailRequired: 'yes' }, { shippingAddressRequired: true }, { colour: 1 }]) {
        try { e.resolve(d); badResolve.push('ok'); } catch (err) { badResolve.push(err.name); }
      }
    });
  });
  await gpay.click();
  await p.waitForTimeout(1100);
  ok(await sheet.count() === 0 && JSON.stringify(await run(p, () => badResolve)) === '["IntegrationError","IntegrationError","IntegrationError"]',
    'bad click resolve details throw (incl. shipping address without rates); no sheet', await run(p, () => badResolve));

  // A full payment: shipping address and rate changes, elements.update reflected, email, confirm.
  await run(p, () => {
    ece.off('click');
    window.rates = [{ id: 'ground', amount: 500, displayName: 'Ground' }, { id: 'express', amount: 1500, displayName: 'Express' }];
    ece.on('click', (e) => {
      log.push({ ev: 'click', elementType: e.elementType, expressPaymentType: e.expressPaymentType });
      e.resolve({ emailRequired: true, phoneNumberRequired: true, shippingAddressRequired: true, shippingRates: rates,
        allowedShippingCountries: ['US', 'GB'], lineItems: [{ name: 'Tee', amount: 1999 }] });
    });
    ece.on('shippingaddresschange', (e) => {
      log.push({ ev: 'shippingaddresschange', elementType: e.elementType, name: e.name, address: e.address });
      if (e.address.country === 'GB') return e.reject();
      setTimeout(() => els.update({ amount: 2499 }).then(() => e.resolve({ shippingRates: rates, lineItems: [{ name: 'Tee', amount: 1999 }, { name: 'Ground', amount: 500 }] })), 50);
    });
    ece.on('shippingratechange', (e) => {
      log.push({ ev: 'shippingratechange', elementType: e.elementType, shippingRate: e.shippingRate });
      els.update({ amount: 1999 + e.shippingRate.amount });
      e.resolve();
    });
    ece.on('cancel', (e) => log.push({ ev: 'cancel', ...e }));
    ece.on('confirm', async (e) => {
      const { paymentFailed, ...rest } = e;
      log.push({ ev: 'confirm', ...rest, hasPaymentFailed: typeof paymentFailed === 'function' });
      window.confirmEvent = e;
      const early = await stripe.createConfirmationToken({ elements: els }).then(() => 'resolved', (err) => err.name);
      const submitted = await els.submit();
      const t = await stripe.createConfirmationToken({ elements: els, params: { return_url: 'https://shop.test/done' } });
      window.expressResult = { early, submitted, token: t.confirmationToken, error: t.error, sheet: __stripeSim.expressSheet };
    });
  });
  await gpay.focus();
  await p.keyboard.press('Enter');
  await sheet.waitFor();
  const total = sheet.getByLabel('Total');
  await p.waitForFunction(() => document.querySelector('dialog output[aria-label="Total"]')?.textContent === '$24.99');
  const radios = { all: await sheet.getByRole('radio').count(), max: await sheet.getByRole('radio', { name: /Max Mustermann/ }).count(),
    addresses: await sheet.getByRole('group', { name: 'Shipping address' }).getByRole('radio').count() };
  ok(radios.all === 7 && radios.max === 0 && radios.addresses === 2, 'sheet lists 3 cards, only the allowed addresses (US, GB), 2 rates', radios);
  const firstChange = await run(p, () => log.find((e) => e.ev === 'shippingaddresschange'));
  ok(firstChange?.elementType === 'expressCheckout' && firstChange.name === 'Jenny Rosen'
    && JSON.stringify(firstChange.address) === JSON.stringify({ city: 'South San Francisco', state: 'CA', postal_code: '94080', country: 'US' }),
  'shippingaddresschange carries {elementType, name, partial address}', firstChange);
  ok(await total.textContent() === '$24.99', 'elements.update({amount}) in the handler shows in the sheet total');
  await sheet.getByRole('radio', { name: /Ada Lovelace/ }).click();
  await p.waitForFunction(() => /cannot be used/.test(document.querySelector('dialog [role=alert]')?.textContent));
  ok(await sheet.getByRole('button', { name: 'Pay' }).isDisabled(), 'rejected address: error shown, Pay disabled');
  await p.keyboard.press('ArrowUp'); // back to Jenny Rosen with the keyboard
  await p.waitForFunction(() => [...document.querySelectorAll('dialog button')].find((b) => b.textContent === 'Pay')?.disabled === false);
  ok(await sheet.getByRole('radio', { name: /Jenny Rosen/ }).isChecked(), 'keyboard arrow picks the address');
  await sheet.getByRole('radio', { name: /Express/ }).click();
  await p.waitForFunction(() => document.querySelector('dialog output[aria-label="Total"]')?.textContent === '$34.99');
  const rateEvent = await run(p, () => log.filter((e) => e.ev === 'shippingratechange').pop());
  ok(rateEvent?.shippingRate?.id === 'express' && rateEvent.elementType === 'expressCheckout', 'shippingratechange carries the rate; total updated', rateEvent);
  const emailField = sheet.getByLabel('Email');
  await emailField.fill('');
  await emailField.click();
  await p.keyboard.type('nope');
  await sheet.getByRole('button', { name: 'Pay' }).click();
  ok(await sheet.getByRole('alert').textContent() === 'Your email address is invalid.' && await run(p, () => !window.confirmEvent), 'sheet refuses an invalid email');
  await emailField.press('Control+A');
  await p.keyboard.type('buyer@example.com');
  await sheet.getByRole('button', { name: 'Pay' }).focus();
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => window.expressResult);
  const confirmed = await run(p, () => ({ ev: log.find((e) => e.ev === 'confirm'), result: expressResult }));
  const ev = confirmed.ev;
  ok(ev?.elementType === 'expressCheckout' && ev.expressPaymentType === 'google_pay' && ev.hasPaymentFailed && ev.billingDetails?.email === 'buyer@example.com'
    && ev.billingDetails.name === 'Jenny Rosen' && ev.billingDetails.phone === '+15555550100' && ev.billingDetails.address?.country === 'US'
    && ev.shippingAddress?.name === 'Jenny Rosen' && ev.shippingAddress.address.line1 === '354 Oyster Point Blvd' && ev.shippingRate?.id === 'express',
  'confirm carries billingDetails, shippingAddress and shippingRate', ev);
  const r = confirmed.result;
  ok(r.early === 'IntegrationError' && r.submitted?.selectedPaymentMethod === 'google_pay', 'in confirm: token before submit fails; submit resolves', r);
  ok(r.token?.payment_method_preview.card.last4 === '4242' && r.token.payment_method_preview.card.wallet?.type === 'google_pay'
    && r.token.payment_method_preview.billing_details.email === 'buyer@example.com' && r.token.shipping?.name === 'Jenny Rosen'
    && r.token.return_url === 'https://shop.test/done', 'token from the wallet: card, email, shipping', r.token);
  ok(r.sheet?.status === 'processing' && await sheet.getByRole('button', { name: 'Processing…' }).isDisabled(), 'sheet stays processing after confirm', r.sheet);
  const badFail = await run(p, () => { try { confirmEvent.paymentFailed({ reason: 'bogus' }); return 'ok'; } catch (e) { return e.name; } });
  ok(badFail === 'IntegrationError', 'paymentFailed with an unknown reason throws', badFail);
  await run(p, () => ece.unmount());
  await sheet.waitFor({ state: 'detached' });
  ok(await run(p, () => __stripeSim.expressSheet === null && !log.some((e) => e.ev === 'cancel')), 'unmount closes the sheet (no cancel event)');

  // Decline card: the page reports the failure with paymentFailed; the sheet shows it and closes.
  await run(p, () => {
    ece.mount('#ece');
    ece.off('confirm');
    window.expressResult = null;
    ece.on('confirm', async (e) => {
      await els.submit();
      const t = await stripe.createConfirmationToken({ elements: els });
      window.expressResult = { last4: t.confirmationToken.payment_method_preview.card.last4 };
      e.paymentFailed({ reason: 'fail' });
    });
  });
  await gpay.click();
  await sheet.waitFor();
  await sheet.getByRole('radio', { name: /0002/ }).check();
  await p.waitForFunction(() => [...document.querySelectorAll('dialog button')].find((b) => b.textContent === 'Pay')?.disabled === false);
  await sheet.getByRole('button', { name: 'Pay' }).click();
  await p.waitForFunction(() => window.expressResult);
  ok(await run(p, () => expressResult.last4) === '0002', 'the decline choice gives the token the decline card');
  await p.waitForFunction(() => /payment failed/.test(document.querySelector('dialog [role=alert]')?.textContent || ''));
  await sheet.waitFor({ state: 'detached' });
  ok(await run(p, () => !log.some((e) => e.ev === 'cancel')), 'paymentFailed shows the failure and closes the sheet');

  // Cancel: the button and Escape fire cancel {elementType, expressPaymentType}.
  await gpay.click();
  await sheet.waitFor();
  await sheet.getByRole('button', { name: 'Cancel' }).click();
  await sheet.waitFor({ state: 'detached' });
  await p.getByRole('button', { name: 'Pay with Link' }).click();
  await p.getByRole('dialog', { name: 'Simulated Link' }).waitFor();
  await p.keyboard.press('Escape');
  await p.getByRole('dialog', { name: 'Simulated Link' }).waitFor({ state: 'detached' });
  const cancels = await run(p, () => log.filter((e) => e.ev === 'cancel'));
  ok(cancels.length === 2 && cancels[0].elementType === 'expressCheckout' && cancels[0].expressPaymentType === 'google_pay'
    && cancels[1].expressPaymentType === 'link', 'Cancel and Escape fire cancel', cancels);

  // Escape on a wallet button (within the element, not in the sheet) fires escape {elementType}
  // (express-checkout.d.ts 70-84); a loaderror payload is {elementType, error: StripeError}
  // (express-checkout.d.ts 86-109, stripe.d.ts 1513-1616), anything else is refused.
  await run(p, () => ece.on('escape', (e) => log.push({ ev: 'escape', ...e })));
  await gpay.focus();
  await p.keyboard.press('Escape');
  const escapes = await run(p, () => log.filter((e) => e.ev === 'escape'));
  ok(escapes.length === 1 && escapes[0].elementType === 'expressCheckout' && await sheet.count() === 0,
    'Escape on a wallet button fires escape', escapes);
  const loadErrors = await run(p, () => {
    ece.on('loaderror', (e) => log.push({ ev: 'loaderror', ...e }));
    const tryEmit = (payload) => { try { __stripeSim.emit('expressCheckout', 'loaderror', payload); return 'ok'; } catch (e) { return e.name; } };
    return { bad: [undefined, { elementType: 'payment', error: { type: 'api_error' } }, { elementType: 'expressCheckout' },
      { elementType: 'expressCheckout', error: { type: 'network_error' } }, { elementType: 'expressCheckout', error: { type: 'api_error', colour: 1 } }].map(tryEmit),
    good: tryEmit({ elementType: 'expressCheckout', error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }),
    seen: log.filter((e) => e.ev === 'loaderror') };
  });
  ok(loadErrors.bad.every((r) => r === 'IntegrationError') && loadErrors.good === 'ok' && loadErrors.seen.length === 1
    && loadErrors.seen[0].error.message === 'Invalid API Key provided', 'loaderror payloads follow the type', loadErrors);

  // No click handler: the sheet opens with the create options; setup mode shows no charge.
  const setupSheet = await run(p, () => {
    const g = Stripe('pk_test_x').elements({ mode: 'setup', currency: 'usd' });
    const e = g.create('expressCheckout', { business: { name: 'Shop' } });
    const div = document.createElement('div');
    document.body.append(div);
    e.mount(div);
    div.querySelector('button').click();
    const text = document.querySelector('dialog output').textContent;
    e.destroy();
    div.remove();
    return { text, closed: !document.querySelector('dialog') };
  });
  ok(setupSheet.text === 'Nothing is charged now' && setupSheet.closed, 'without a click handler the sheet opens; setup mode charges nothing; destroy closes it', setupSheet);
  ok(problems.length === 0, 'express page clean', problems);
  await p.close();
}

// ---------------------------------------------------------------- issue 10: the wallet switch
{
  const readyOf = async (p, opts) => run(p, (o) => new Promise((resolve) => {
    const e = Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 100 }).create('expressCheckout', o);
    e.on('ready', (ev) => resolve({ ev, buttons: [...document.querySelectorAll('#ece button')].map((b) => b.textContent) }));
    e.mount('#ece');
  }), opts);
  const none = await open('/wallets-none.html');
  const r1 = await readyOf(none.p);
  ok(r1.ev.elementType === 'expressCheckout' && r1.ev.availablePaymentMethods === undefined && r1.buttons.length === 0,
    '?wallets=none: ready has availablePaymentMethods undefined, no buttons', r1);
  await none.p.close();
  const apple = await open('/memory.html', 'window.__stripeSim = { wallets: ["applePay", "paypal"] };');
  const r2 = await readyOf(apple.p, { buttonType: { applePay: 'check-out' } });
  ok(r2.ev.availablePaymentMethods?.applePay === true && r2.ev.availablePaymentMethods.paypal === true && r2.ev.availablePaymentMethods.googlePay === false
    && JSON.stringify(r2.buttons) === '["Check out with Apple Pay","PayPal"]', 'preset __stripeSim.wallets picks the wallets', r2);
  await run(apple.p, () => { document.getElementById('ece').replaceChildren(); });
  const r4 = await readyOf(apple.p, { paymentMethods: { applePay: 'never', paypal: 'never' } });
  ok(r4.ev.availablePaymentMethods === undefined && r4.buttons.length === 0, "paymentMethods 'never' hides wallets", r4);
  const bad = await run(apple.p, () => { __stripeSim.wallets = ['bogus']; try { Stripe('pk_test_x').elements({ mode: 'payment', currency: 'usd', amount: 1 }).create('expressCheckout').mount('#ece'); return 'ok'; } catch (e) { return e.name; } });
  ok(bad === 'TypeError', 'an unknown wallet in the switch is a TypeError', bad);
  ok(none.problems.length === 0 && apple.problems.length === 0, 'wallet pages clean', [...none.problems, ...apple.problems]);
  await apple.p.close();
}

// ---------------------------------------------------------------- API mode
{
  const { p, problems } = await open('/api.html');
  const r = await run(p, async () => {
    const stripe = Stripe('pk_test_api');
    const els = stripe.elements({ mode: 'payment', currency: 'eur', amount: 500 });
    els.create('payment').mount('#pay');
    __stripeSim.fillCard('4000 0027 6000 3184', '12 / 34', '123', '10115');
    await els.submit();
    const token = await stripe.createConfirmationToken({ elements: els, params: { return_url: 'https://shop.test/r' } });
    __stripeSim.autoAuthenticate = 'approve';
    const next = await stripe.handleNextAction({ clientSecret: 'pi_api_secret_z' });
    const missing = await stripe.retrievePaymentIntent('pi_zz_secret_q');
    return { mode: __stripeSim.mode, token, next, missing };
  });
  ok(r.mode === 'api' && r.token.confirmationToken?.id === 'ctoken_api', 'api token', r);
  const post = apiLog.find((l) => l.path === '/api/v1/confirmation_tokens');
  const form = new URLSearchParams(post?.body || '');
  ok(post?.auth === 'Bearer pk_test_api' && form.get('payment_method_data[type]') === 'card'
    && form.get('payment_method_data[card][number]') === '4000002760003184' && form.get('payment_method_data[card][exp_month]') === '12'
    && form.get('payment_method_data[card][exp_year]') === '2034' && form.get('payment_method_data[billing_details][address][postal_code]') === '10115'
    && form.get('return_url') === 'https://shop.test/r', 'api form body', post);
  ok(r.next.paymentIntent?.status === 'succeeded', 'api handleNextAction', r.next);
  ok(apiLog.some((l) => l.path.endsWith('/sim_authenticate') && /result=approve/.test(l.body) && /client_secret=pi_api_secret_z/.test(l.body)), 'api sim_authenticate');
  ok(apiLog.some((l) => l.method === 'GET' && l.search === '?client_secret=pi_api_secret_z'), 'api retrieve GET');
  ok(r.missing.error?.code === 'resource_missing', 'api error passed through', r.missing);
  // Setup mode against the server simulator's routes: token with setup_future_usage and the Link email.
  const setup = await run(p, async () => {
    const stripe = Stripe('pk_test_api');
    const els = stripe.elements({ mode: 'setup', currency: 'eur', setupFutureUsage: 'off_session' });
    els.create('linkAuthentication').mount('#link');
    els.create('payment').mount('#pay');
    __stripeSim.fillEmail('api@example.com');
    __stripeSim.fillCard('4000 0025 0000 3155', '12 / 34', '123', '10115');
    await els.submit();
    const token = await stripe.createConfirmationToken({ elements: els });
    const retrieved = await stripe.retrieveSetupIntent('seti_api_secret_z');
    __stripeSim.autoAuthenticate = 'approve';
    const next = await stripe.handleNextAction({ clientSecret: 'seti_api_secret_z' });
    return { token, retrieved, next };
  });
  const setupPost = apiLog.filter((l) => l.path === '/api/v1/confirmation_tokens').pop();
  const setupForm = new URLSearchParams(setupPost?.body || '');
  ok(setupForm.get('setup_future_usage') === 'off_session' && setupForm.get('payment_method_data[billing_details][email]') === 'api@example.com'
    && setupForm.get('payment_method_data[card][number]') === '4000002500003155', 'api setup token form: setup_future_usage and billing email', setupPost);
  ok(setup.retrieved.setupIntent?.status === 'requires_action' && apiLog.some((l) => l.method === 'GET' && l.path === '/api/v1/setup_intents/seti_api' && l.search === '?client_secret=seti_api_secret_z'),
    'api retrieveSetupIntent GET', setup.retrieved);
  ok(setup.next.setupIntent?.status === 'succeeded' && apiLog.some((l) => l.path === '/api/v1/setup_intents/seti_api/sim_authenticate' && /result=approve/.test(l.body)),
    'api handleNextAction(seti_) posts sim_authenticate', setup.next);
  ok(problems.length === 0, 'api page clean', problems);
  await p.close();
}

// ---------------------------------------------------------------- saved cards (API mode)
{
  const { p, problems } = await open('/api.html');
  ok(isIntegration(await run(p, () => Stripe('pk_test_api').elements({ mode: 'payment', currency: 'usd', amount: 100, customerSessionClientSecret: 'pi_1_secret_2' }))),
    'elements() refuses a customerSessionClientSecret not shaped cuss_secret_…');
  const saved = await run(p, async () => {
    const stripe = Stripe('pk_test_api');
    window.savedEls = stripe.elements({ mode: 'payment', currency: 'usd', amount: 1000, customerSessionClientSecret: 'cuss_secret_good' });
    const pay = savedEls.create('payment');
    window.savedEvents = [];
    pay.on('change', (e) => savedEvents.push(e));
    const ready = new Promise((r) => pay.on('ready', r));
    pay.mount('#pay');
    await ready;
    const radios = [...document.querySelectorAll('#pay input[type=radio]')].map((r) => ({ label: r.labels[0].textContent, checked: r.checked }));
    const group = document.querySelector('#pay [role=radiogroup]')?.getAttribute('aria-label');
    const cardShown = document.querySelector('#pay input[autocomplete=cc-number]').closest('div').style.display !== 'none';
    const submitted = await savedEls.submit();
    const token = await stripe.createConfirmationToken({ elements: savedEls });
    return { radios, group, cardShown, submitted, token };
  });
  ok(saved.group === 'Saved cards' && saved.radios.length === 2 && saved.radios[0].label === 'Visa ending in 4242, expires 12/34'
    && saved.radios[0].checked && saved.radios[1].label === 'New card', 'the saved card is listed, chosen, beside New card', saved);
  ok(saved.cardShown === false && saved.submitted.selectedPaymentMethod === 'card', 'nothing to type for a saved card', saved);
  const savedPost = new URLSearchParams(apiLog.filter((l) => l.path === '/api/v1/confirmation_tokens').pop()?.body || '');
  ok(savedPost.get('payment_method') === 'pm_saved' && savedPost.get('customer_session_client_secret') === 'cuss_secret_good'
    && ![...savedPost.keys()].some((k) => k.startsWith('payment_method_data')), 'the token carries the saved card, not card details', [...savedPost]);
  // The mouse picks New card: the card fields show and change says incomplete.
  await p.click('#pay label:text("New card")');
  const picked = await run(p, () => ({ last: savedEvents[savedEvents.length - 1],
    shown: document.querySelector('#pay input[autocomplete=cc-number]').closest('div').style.display }));
  ok(picked.last?.complete === false && picked.last.value?.payment_method === undefined && picked.shown === 'flex', 'New card shows the card form', picked);
  await p.click('#pay label:text("Visa ending in 4242")');
  const back = await run(p, () => savedEvents[savedEvents.length - 1]);
  ok(back.complete === true && back.value?.type === 'card' && back.value.payment_method?.id === 'pm_saved', 'change names the saved card', back);
  const expired = await run(p, async () => {
    const els = Stripe('pk_test_api').elements({ mode: 'payment', currency: 'usd', amount: 1000, customerSessionClientSecret: 'cuss_secret_old' });
    const pay = els.create('payment');
    const seen = [];
    pay.on('ready', () => seen.push('ready'));
    const failed = new Promise((r) => pay.on('loaderror', r));
    document.getElementById('pay').replaceChildren();
    pay.mount('#pay');
    const event = await failed;
    await new Promise((r) => setTimeout(r, 50));
    return { event, seen };
  });
  ok(expired.event.elementType === 'payment' && expired.event.error.type === 'invalid_request_error'
    && /expired/.test(expired.event.error.message) && expired.seen.length === 0, 'an expired session: loaderror, never ready', expired);
  const none = await run(p, async () => {
    const els = Stripe('pk_test_api').elements({ mode: 'payment', currency: 'usd', amount: 1000, customerSessionClientSecret: 'cuss_secret_empty' });
    const pay = els.create('payment');
    const ready = new Promise((r) => pay.on('ready', r));
    document.getElementById('pay').replaceChildren();
    pay.mount('#pay');
    await ready;
    return { groups: document.querySelectorAll('#pay [role=radiogroup]').length, inputs: document.querySelectorAll('#pay input.sim-input').length };
  });
  ok(none.groups === 0 && none.inputs === 4, 'a session with no saved card: the card form alone', none);
  ok(problems.length === 0, 'saved-cards page clean', problems);
  await p.close();
}

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
