// GENERATED FILE: do not edit. Built from the ES modules in sim/src/ (entry sim/src/main.js) by
// `node sim/build.mjs` (`make sim`); edit those and rebuild. `node sim/build.mjs --check` (part of
// `make lint`) fails when this file differs from a fresh build.
/*
 * Simulated Stripe.js (v3 API, "endive" release): an offline test double and demo stand-in.
 *
 * Shapes of arguments, events and results follow the TypeScript declarations of
 * @stripe/stripe-js 10.2.1: stripe-js/stripe.d.ts, stripe-js/elements-group.d.ts,
 * stripe-js/elements/{base,payment,address,link-authentication,express-checkout}.d.ts,
 * api/confirmation-tokens.d.ts, api/payment-intents.d.ts, api/setup-intents.d.ts,
 * api/payment-methods.d.ts and api/shared.d.ts.
 * Stripe's behaviour is modelled from its public types and documentation, not copied;
 * this code contains no Stripe code and is not affiliated with Stripe. No card is ever charged.
 *
 * Load it as a classic script. `stripe.js?api=/sim/api` runs in API mode (talks to that base URL);
 * without `api` it keeps everything in memory. `?wallets=googlePay,link` (or `none`) picks the
 * wallets the Express Checkout Element finds. Test controls live on `window.__stripeSim`
 * (see sim/README.md).
 */
(() => {
  'use strict';
  // src/loader.js
  window.__stripeSimLoads = (Number(window.__stripeSimLoads) || 0) + 1;
  if (window.__stripeSimLoads > 1) console.warn("Simulated Stripe.js was loaded more than once.");
  var SCRIPT_PARAMS = (() => {
    const src = document.currentScript && document.currentScript.src;
    return src ? new URL(src, document.baseURI).searchParams : new URLSearchParams();
  })();
  var API_BASE = (() => {
    const api = SCRIPT_PARAMS.get("api");
    return api ? new URL(api, document.baseURI).href.replace(/\/+$/, "") : null;
  })();
  var PRESET = window.__stripeSim && typeof window.__stripeSim === "object" && !window.__stripeSim.IntegrationError ? window.__stripeSim : {};

  // src/util.js
  var IntegrationError = class extends Error {
    constructor(message) {
      super(message);
      this.name = "IntegrationError";
    }
  };
  var integration = (message) => new IntegrationError(message);
  var isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  var defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
  var digits = (v) => String(v ?? "").replace(/\D/g, "");
  var clone = (v) => v === void 0 ? v : JSON.parse(JSON.stringify(v));
  var now = () => Math.floor(Date.now() / 1e3);
  var randomId = (n = 24) => {
    const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => abc[b % abc.length]).join("");
  };
  var describe = (v) => {
    if (typeof v === "string") return v;
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  var report = (e) => window.reportError ? window.reportError(e) : setTimeout(() => {
    throw e;
  });
  function checkKeys(obj, allowed, fn, path = "") {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) throw integration(`Invalid value for ${fn}: ${path}${k} is not an accepted parameter.`);
    }
  }
  function needObject(v, fn, name) {
    if (!isObj(v)) throw integration(`Invalid value for ${fn}: ${name} should be an object. You specified: ${describe(v)}.`);
  }
  function checkEnum(value, allowed, fn, name) {
    if (value !== void 0 && !allowed.includes(value)) {
      throw integration(`Invalid value for ${fn}: ${name} should be one of ${allowed.map(String).join(", ")}. You specified: ${describe(value)}.`);
    }
  }

  // src/wallets.js
  var WALLETS = {
    applePay: { type: "apple_pay", name: "Apple Pay", button: "plain" },
    googlePay: { type: "google_pay", name: "Google Pay", button: "buy" },
    link: { type: "link", name: "Link", button: "pay" },
    paypal: { type: "paypal", name: "PayPal", button: "paypal" },
    amazonPay: { type: "amazon_pay", name: "Amazon Pay", button: "plain" },
    klarna: { type: "klarna", name: "Klarna", button: "plain" }
  };
  var WALLET_KEYS = Object.keys(WALLETS);
  var DEFAULT_WALLETS = ["googlePay", "link"];
  function parseWallets(v, where) {
    const list = Array.isArray(v) ? v : String(v).split(",").map((x) => x.trim()).filter(Boolean);
    if (list.length === 1 && list[0] === "none") return [];
    for (const w of list) {
      if (!WALLET_KEYS.includes(w)) throw new TypeError(`${where}: unknown wallet ${describe(w)}; expected some of ${WALLET_KEYS.join(", ")}, or none`);
    }
    return [...list];
  }

  // src/state.js
  var groups = /* @__PURE__ */ new WeakMap();
  var elementStates = /* @__PURE__ */ new WeakMap();
  var stripes = /* @__PURE__ */ new WeakMap();
  var liveStates = /* @__PURE__ */ new Set();
  var uid = 0;
  var nextUid = () => ++uid;
  var sim = {
    mode: API_BASE ? "api" : "memory",
    api: API_BASE,
    calls: [],
    paymentIntents: {},
    setupIntents: {},
    tokens: {},
    // The wallet switch: which wallets the simulated browser offers to Express Checkout Elements
    // rendered from now on. Preset `window.__stripeSim = {wallets}` before loading wins over
    // `stripe.js?wallets=googlePay,link` (or `?wallets=none`); default Google Pay and Link.
    wallets: parseWallets(
      PRESET.wallets ?? SCRIPT_PARAMS.get("wallets") ?? DEFAULT_WALLETS,
      PRESET.wallets !== void 0 ? "window.__stripeSim.wallets" : "stripe.js?wallets="
    ),
    autoAuthenticate: null,
    lastElementsOptions: null,
    lastUpdate: null,
    appInfo: null,
    IntegrationError
  };

  // src/calls.js
  function toPlain(v, ancestors = []) {
    if (typeof v === "function") return "[function]";
    if (v === null || typeof v !== "object") return v;
    if (v instanceof Node) return "[node]";
    if (groups.has(v)) return "[elements]";
    if (elementStates.has(v)) return "[element]";
    if (stripes.has(v)) return "[stripe]";
    if (ancestors.includes(v)) return "[circular]";
    const next = [...ancestors, v];
    if (Array.isArray(v)) return v.map((x) => toPlain(x, next));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x, next)]));
  }
  var UNMODELLED = ["createToken", "createPaymentMethod", "confirmCardPayment"];
  var METHODS = [
    "Stripe",
    "registerAppInfo",
    "elements",
    "elements.create",
    "elements.getElement",
    "elements.update",
    "elements.on",
    "elements.submit",
    "createConfirmationToken",
    "handleNextAction",
    "retrievePaymentIntent",
    "retrieveSetupIntent",
    "element.mount",
    "element.unmount",
    "element.destroy",
    "element.on",
    "element.once",
    "element.off",
    "element.update",
    "element.focus",
    "element.blur",
    "element.clear",
    "element.collapse",
    "address.getValue",
    ...UNMODELLED
  ];
  var ASYNC_METHODS = /* @__PURE__ */ new Set([
    "elements.update",
    "elements.submit",
    "createConfirmationToken",
    "handleNextAction",
    "retrievePaymentIntent",
    "retrieveSetupIntent",
    "address.getValue",
    ...UNMODELLED
  ]);
  var overrides = /* @__PURE__ */ new Map();
  function instrument(method, impl, afterResolve) {
    return function(...args) {
      sim.calls.push({ method, args: args.map((a) => toPlain(a)) });
      const outcome = overrides.get(method)?.shift();
      return outcome ? runOverride(method, outcome, afterResolve) : impl(...args);
    };
  }
  function runOverride(method, o, afterResolve) {
    if ("throw" in o) throw o.throw;
    if (!ASYNC_METHODS.has(method)) {
      if ("reject" in o) throw o.reject;
      return o.resolve;
    }
    return new Promise((resolve, reject) => setTimeout(() => {
      if ("reject" in o) return reject(o.reject);
      afterResolve?.(o.resolve);
      resolve(o.resolve);
    }, o.delayMs || 0));
  }

  // src/messages.js
  var MESSAGES = {
    incomplete_number: "Your card number is incomplete.",
    invalid_number: "Your card number is invalid.",
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    invalid_expiry_year: "Your card's expiration year is invalid.",
    incomplete_cvc: "Your card's security code is incomplete.",
    incomplete_name: "Your full name is incomplete.",
    incomplete_address_line1: "Your address is incomplete.",
    incomplete_city: "Your city is incomplete.",
    incomplete_phone: "Your phone number is incomplete.",
    incomplete_email: "Your email address is incomplete.",
    invalid_email: "Your email address is invalid."
  };
  var fail = (code, message = MESSAGES[code]) => ({ code, message });

  // src/shapes.js
  var expected = (fn, path, what, v) => integration(`Invalid value for ${fn}: ${path} should be ${what}. You specified: ${describe(v)}.`);
  var T = {
    str: (v, fn, path) => {
      if (typeof v !== "string") throw expected(fn, path, "a string", v);
    },
    bool: (v, fn, path) => {
      if (typeof v !== "boolean") throw expected(fn, path, "a boolean", v);
    },
    int: (min = 0, max = Infinity) => (v, fn, path) => {
      if (!Number.isInteger(v) || v < min || v > max) {
        throw expected(fn, path, max === Infinity ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`, v);
      }
    },
    oneOf: (...values) => (v, fn, path) => {
      if (!values.includes(v)) throw expected(fn, path, `one of ${values.join(", ")}`, v);
    },
    country: (v, fn, path) => {
      if (typeof v !== "string" || !/^[A-Za-z]{2}$/.test(v)) throw expected(fn, path, "a two-letter ISO country code", v);
    },
    nullable: (t) => (v, fn, path) => {
      if (v !== null) t(v, fn, path);
    },
    arr: (item) => (v, fn, path) => {
      if (!Array.isArray(v)) throw expected(fn, path, "an array", v);
      v.forEach((x, i) => item(x, fn, `${path}[${i}]`));
    },
    /** A string from `values`, or an object checked by `objectType` (e.g. `'never' | {name?: ...}`). */
    oneOfOr: (values, objectType) => (v, fn, path) => isObj(v) ? objectType(v, fn, path) : T.oneOf(...values)(v, fn, path),
    anyObj: (v, fn, path) => {
      if (!isObj(v)) throw expected(fn, path, "an object", v);
    },
    obj: (fields, required = []) => (v, fn, path) => {
      const prefix = path ? `${path}.` : "";
      if (!isObj(v)) throw expected(fn, path || "options", "an object", v);
      checkKeys(v, Object.keys(fields), fn, prefix);
      for (const k of required) {
        if (v[k] === void 0) throw integration(`Missing value for ${fn}: ${prefix}${k} is required.`);
      }
      for (const [k, t] of Object.entries(fields)) if (v[k] !== void 0) t(v[k], fn, `${prefix}${k}`);
    }
  };

  // src/address-element.js
  var ADDRESS_MODES = ["shipping", "billing"];
  var COUNTRIES = {
    US: "United States",
    GB: "United Kingdom",
    CA: "Canada",
    AU: "Australia",
    IE: "Ireland",
    FR: "France",
    DE: "Germany",
    NL: "Netherlands",
    ES: "Spain",
    IT: "Italy",
    BE: "Belgium",
    SE: "Sweden",
    CH: "Switzerland",
    NZ: "New Zealand",
    JP: "Japan"
  };
  var ADDRESS_REQUIRED = T.oneOf("always", "never", "auto");
  var ADDRESS_SHAPE = T.obj({
    mode: T.oneOf(...ADDRESS_MODES),
    allowedCountries: T.nullable(T.arr(T.country)),
    autocomplete: (v, fn, path) => {
      T.obj({ mode: T.oneOf("automatic", "disabled", "google_maps_api"), apiKey: T.str }, ["mode"])(v, fn, path);
      if (v.mode === "google_maps_api" && v.apiKey === void 0) throw integration(`Missing value for ${fn}: ${path}.apiKey is required when mode is google_maps_api.`);
      if (v.mode !== "google_maps_api" && v.apiKey !== void 0) throw integration(`Invalid value for ${fn}: ${path}.apiKey is only accepted when mode is google_maps_api.`);
    },
    blockPoBox: T.bool,
    contacts: T.arr(T.obj({ name: T.str, phone: T.str, address: T.obj({
      line1: T.str,
      line2: T.str,
      city: T.str,
      state: T.str,
      postal_code: T.str,
      country: T.country
    }, ["line1", "city", "state", "postal_code", "country"]) }, ["name", "address"])),
    defaultValues: T.obj({
      name: T.nullable(T.str),
      firstName: T.nullable(T.str),
      lastName: T.nullable(T.str),
      address: T.obj({
        line1: T.nullable(T.str),
        line2: T.nullable(T.str),
        city: T.nullable(T.str),
        state: T.nullable(T.str),
        postal_code: T.nullable(T.str),
        country: T.country
      }, ["country"]),
      phone: T.nullable(T.str)
    }),
    fields: T.obj({ phone: ADDRESS_REQUIRED, name: T.oneOf("never", "auto") }),
    validation: T.obj({ phone: T.obj({ required: ADDRESS_REQUIRED }, ["required"]) }),
    display: T.obj({ name: T.oneOf("full", "split", "organization") })
  });
  var countriesFor = (st) => {
    const allowed = (st.options.allowedCountries || []).map((c) => c.toUpperCase()).filter((c) => COUNTRIES[c]);
    return allowed.length ? allowed : Object.keys(COUNTRIES);
  };
  var showsPhone = (st) => st.options.fields?.phone === "always";
  var phoneRequired = (st) => st.options.validation?.phone?.required === "always";
  function addressFields(st) {
    const ac = (token) => `${st.options.mode} ${token}`;
    return [
      st.options.fields?.name !== "never" && { key: "name", label: "Full name", ac: ac("name") },
      { key: "country", label: "Country", ac: ac("country"), select: countriesFor(st) },
      { key: "line1", label: "Address line 1", ac: ac("address-line1") },
      { key: "line2", label: "Address line 2 (optional)", ac: ac("address-line2") },
      { key: "city", label: "City", ac: ac("address-level2"), half: true },
      { key: "state", label: "State (optional)", ac: ac("address-level1"), half: true },
      { key: "postal_code", label: "Postal code", ac: ac("postal-code") },
      showsPhone(st) && { key: "phone", label: phoneRequired(st) ? "Phone" : "Phone (optional)", ac: ac("tel"), type: "tel" }
    ].filter(Boolean);
  }
  function addressInitialValues(st) {
    const dv = st.options.defaultValues || {};
    const a = dv.address || {};
    const name = dv.name ?? [dv.firstName, dv.lastName].filter(Boolean).join(" ");
    const countries = countriesFor(st);
    return {
      name: name || "",
      country: countries.includes(a.country) ? a.country : countries[0],
      line1: a.line1 ?? "",
      line2: a.line2 ?? "",
      city: a.city ?? "",
      state: a.state ?? "",
      postal_code: a.postal_code ?? "",
      phone: dv.phone ?? ""
    };
  }
  function addressFieldError(st, key) {
    const raw = String(st.values[key] ?? "").trim();
    const required = { name: "incomplete_name", line1: "incomplete_address_line1", city: "incomplete_city", postal_code: "incomplete_zip" };
    if (key === "postal_code" && !raw) return fail("incomplete_zip", "Your postal code is incomplete.");
    if (required[key] && !raw) return fail(required[key]);
    if (key === "phone" && phoneRequired(st) && !raw) return fail("incomplete_phone");
    return null;
  }
  function addressValue(st) {
    const v = (k) => String(st.values[k] ?? "").trim();
    const value = { name: v("name"), address: {
      line1: v("line1"),
      line2: v("line2") || null,
      city: v("city"),
      state: v("state"),
      postal_code: v("postal_code"),
      country: v("country")
    } };
    if (showsPhone(st)) value.phone = v("phone");
    return value;
  }

  // src/events.js
  var EVENTS = {
    // payment.d.ts 6-164; address.d.ts 4-116.
    payment: [
      "change",
      "ready",
      "focus",
      "blur",
      "escape",
      "loaderror",
      "loaderstart",
      "carddetailschange",
      "savedpaymentmethodupdate",
      "savedpaymentmethodremove",
      "availablepaymentmethodschange"
    ],
    address: ["change", "ready", "focus", "blur", "escape", "loaderror", "loaderstart"],
    // link-authentication.d.ts 4-125.
    linkAuthentication: ["change", "ready", "focus", "blur", "escape", "loaderror", "loaderstart"],
    // express-checkout.d.ts 5-212.
    expressCheckout: [
      "ready",
      "click",
      "focus",
      "blur",
      "escape",
      "loaderror",
      "confirm",
      "cancel",
      "shippingaddresschange",
      "shippingratechange",
      "availablepaymentmethodschange"
    ]
  };
  var STRIPE_ERROR = T.obj({
    type: T.oneOf(
      "api_connection_error",
      "api_error",
      "authentication_error",
      "card_error",
      "idempotency_error",
      "invalid_request_error",
      "rate_limit_error",
      "validation_error"
    ),
    charge: T.str,
    code: T.str,
    decline_code: T.str,
    doc_url: T.str,
    message: T.str,
    param: T.str,
    request_log_url: T.str,
    payment_intent: T.anyObj,
    payment_method: T.anyObj,
    setup_intent: T.anyObj,
    source: T.anyObj
  }, ["type"]);
  function checkLoadError(type, payload, fn) {
    T.obj({ elementType: T.oneOf(type), error: STRIPE_ERROR }, ["elementType", "error"])(payload, fn, "payload");
  }
  function addHandler(st, event, handler, once) {
    if (!EVENTS[st.type].includes(event)) {
      throw integration(`Invalid value for on(): event should be one of the following strings: ${EVENTS[st.type].join(", ")}. You specified: ${describe(event)}.`);
    }
    if (typeof handler !== "function") throw integration(`Invalid value for on(): handler should be a function. You specified: ${describe(handler)}.`);
    if (!st.handlers.has(event)) st.handlers.set(event, []);
    st.handlers.get(event).push({ handler, once });
  }
  function removeHandler(st, event, handler) {
    if (typeof event !== "string") throw integration(`Invalid value for off(): event should be a string. You specified: ${describe(event)}.`);
    if (handler === void 0) st.handlers.delete(event);
    else st.handlers.set(event, (st.handlers.get(event) || []).filter((h) => h.handler !== handler));
  }
  function emit(st, event, payload) {
    const list = st.handlers.get(event) || [];
    st.handlers.set(event, list.filter((h) => !h.once));
    for (const { handler } of list) {
      try {
        handler(payload);
      } catch (e) {
        report(e);
      }
    }
  }
  function watchFocus(st, wrapper) {
    wrapper.addEventListener("focusin", (e) => {
      if (!wrapper.contains(e.relatedTarget)) emit(st, "focus", { elementType: st.type });
    });
    wrapper.addEventListener("focusout", (e) => {
      if (!wrapper.contains(e.relatedTarget)) emit(st, "blur", { elementType: st.type });
    });
  }

  // src/api.js
  async function request(key, method, path, body) {
    let res;
    try {
      res = await fetch(API_BASE + path, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...body ? { "Content-Type": "application/x-www-form-urlencoded" } : {} },
        body: body ? formEncode(body) : void 0
      });
    } catch (e) {
      return { error: { type: "api_connection_error", message: `Could not connect to the simulated Stripe API at ${API_BASE} (${e.message}).` } };
    }
    let data;
    try {
      data = await res.json();
    } catch {
      return { error: { type: "api_error", message: `The simulated Stripe API answered HTTP ${res.status} without a JSON body.` } };
    }
    if (data && data.error) return { error: data.error };
    if (!res.ok) return { error: { type: "api_error", message: `The simulated Stripe API answered HTTP ${res.status}.` } };
    return { data };
  }
  function formEncode(data) {
    const out = new URLSearchParams();
    const walk = (v, k) => {
      if (v === void 0) return;
      if (v === null) out.append(k, "");
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${k}[${i}]`));
      else if (typeof v === "object") Object.entries(v).forEach(([ck, cv]) => walk(cv, k ? `${k}[${ck}]` : ck));
      else out.append(k, String(v));
    };
    walk(data, "");
    return out.toString();
  }

  // src/dom.js
  function theme(appearance) {
    const v = appearance?.variables || {};
    const night = appearance?.theme === "night";
    return {
      primary: v.colorPrimary || "#0570de",
      text: v.colorText || (night ? "#e0e6eb" : "#30313d"),
      background: v.colorBackground || (night ? "#30313d" : "#ffffff"),
      danger: v.colorDanger || "#df1b41",
      muted: night ? "#a3acb9" : "#6d6e78",
      border: night ? "#424353" : "#e0e0e6",
      font: v.fontFamily || 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      radius: v.borderRadius || "5px"
    };
  }
  function el(tag, props = {}, style = {}) {
    const node = document.createElement(tag);
    Object.assign(node, props);
    Object.assign(node.style, style);
    return node;
  }
  function formatAmount(pi) {
    try {
      const f = new Intl.NumberFormat(void 0, { style: "currency", currency: String(pi.currency).toUpperCase() });
      return f.format(pi.amount / 10 ** f.resolvedOptions().maximumFractionDigits);
    } catch {
      return `${pi.amount} ${pi.currency}`;
    }
  }
  function modal(title, className, onEscape) {
    const t = theme({});
    const native = typeof HTMLDialogElement === "function";
    const overlay = native ? null : el("div", {}, {
      position: "fixed",
      inset: "0",
      background: "rgba(10,20,30,0.45)",
      zIndex: "2147483647",
      display: "flex",
      alignItems: "center",
      justifyContent: "center"
    });
    const dialog = el(native ? "dialog" : "div", { className }, {
      border: "none",
      borderRadius: "12px",
      padding: "24px",
      width: "min(480px, calc(100vw - 32px))",
      maxHeight: "calc(100vh - 32px)",
      overflow: "auto",
      boxSizing: "border-box",
      background: "#fff",
      color: t.text,
      fontFamily: t.font,
      boxShadow: "0 12px 40px rgba(0,0,0,0.25)"
    });
    const headingId = `${className}-${nextUid()}`;
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", headingId);
    dialog.append(el("h2", { id: headingId, textContent: title }, { margin: "0 0 8px", fontSize: "18px" }));
    const button = (label2, primary) => el("button", { type: "button", textContent: label2 }, {
      padding: "10px 16px",
      borderRadius: "6px",
      fontSize: "14px",
      fontFamily: "inherit",
      cursor: "pointer",
      fontWeight: "600",
      border: primary ? `1px solid ${t.primary}` : `1px solid ${t.border}`,
      background: primary ? t.primary : "#fff",
      color: primary ? "#fff" : t.text
    });
    const row = (...nodes) => {
      const r = el("div", {}, { display: "flex", gap: "8px", justifyContent: "flex-end", flexWrap: "wrap" });
      r.append(...nodes);
      return r;
    };
    if (native) dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      onEscape();
    });
    else dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") onEscape();
    });
    return {
      dialog,
      t,
      button,
      row,
      show() {
        if (native) {
          document.body.append(dialog);
          dialog.showModal();
        } else {
          overlay.append(dialog);
          document.body.append(overlay);
        }
      },
      close() {
        if (native && dialog.open) dialog.close();
        (overlay || dialog).remove();
      }
    };
  }

  // src/intents.js
  var AUTH_FAILURE = {
    type: "card_error",
    code: "payment_intent_authentication_failure",
    message: "We are unable to authenticate your payment method. Please choose a different payment method and try again."
  };
  var INTENTS = {
    pi: {
      object: "payment_intent",
      name: "PaymentIntent",
      path: "payment_intents",
      result: "paymentIntent",
      lastError: "last_payment_error",
      table: () => sim.paymentIntents
    },
    seti: {
      object: "setup_intent",
      name: "SetupIntent",
      path: "setup_intents",
      result: "setupIntent",
      lastError: "last_setup_error",
      table: () => sim.setupIntents
    }
  };
  function intentFromSecret(secret, fn, kinds) {
    const m = typeof secret === "string" ? /^(pi|seti)_[^_]+_secret_.+$/.exec(secret) : null;
    if (!m || !kinds.includes(m[1])) {
      throw integration(`Invalid value for ${fn}: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${describe(secret)}.`);
    }
    return { kind: INTENTS[m[1]], id: secret.slice(0, secret.indexOf("_secret_")) };
  }
  function putIntent(kind, fields, defaults) {
    if (!isObj(fields)) throw new TypeError(`__stripeSim.put${kind.name}() expects an object`);
    const id = fields.id || `${kind === INTENTS.pi ? "pi" : "seti"}_${randomId()}`;
    const status = fields.status || "requires_payment_method";
    kind.table()[id] = {
      id,
      object: kind.object,
      client_secret: `${id}_secret_${randomId(12)}`,
      created: now(),
      description: null,
      [kind.lastError]: null,
      livemode: false,
      next_action: status === "requires_action" ? { type: "use_stripe_sdk", use_stripe_sdk: {} } : null,
      payment_method: null,
      payment_method_types: ["card"],
      status,
      ...defaults,
      ...clone(fields)
    };
    return clone(kind.table()[id]);
  }
  var putPaymentIntent = (pi = {}) => putIntent(INTENTS.pi, pi, {
    amount: 1e3,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    confirmation_method: "automatic",
    currency: "usd",
    receipt_email: null,
    setup_future_usage: null,
    shipping: null
  });
  var putSetupIntent = (si = {}) => putIntent(INTENTS.seti, si, {
    cancellation_reason: null,
    customer: null,
    usage: "off_session"
  });
  var noSuchIntent = (kind, id) => ({ error: { type: "invalid_request_error", code: "resource_missing", param: "intent", message: `No such ${kind.object}: '${id}'` } });
  async function lookupIntent(key, kind, id, secret) {
    if (API_BASE) {
      const res = await request(key, "GET", `/v1/${kind.path}/${encodeURIComponent(id)}?client_secret=${encodeURIComponent(secret)}`);
      return res.error ? res : { [kind.result]: res.data };
    }
    const intent = kind.table()[id];
    if (!intent) return noSuchIntent(kind, id);
    if (intent.client_secret && intent.client_secret !== secret) {
      return { error: { type: "invalid_request_error", message: `The client_secret provided does not match the client_secret associated with the ${kind.name}.` } };
    }
    return { [kind.result]: clone(intent) };
  }
  async function retrievePaymentIntent(key, secret) {
    const { kind, id } = intentFromSecret(secret, "retrievePaymentIntent()", ["pi"]);
    return lookupIntent(key, kind, id, secret);
  }
  async function retrieveSetupIntent(key, secret) {
    const { kind, id } = intentFromSecret(secret, "retrieveSetupIntent()", ["seti"]);
    return lookupIntent(key, kind, id, secret);
  }
  async function handleNextAction(key, arg) {
    const fn = "handleNextAction()";
    checkNextActionArg(arg, fn);
    const { kind, id } = intentFromSecret(arg.clientSecret, fn, ["pi", "seti"]);
    const found = await lookupIntent(key, kind, id, arg.clientSecret);
    if (found.error) return found;
    const intent = found[kind.result];
    if (intent.status !== "requires_action") {
      throw integration(`${fn}: the ${kind.name} has a status of ${intent.status}; handleNextAction can only be used while its status is requires_action.`);
    }
    const auto = sim.autoAuthenticate;
    if (auto != null && auto !== "approve" && auto !== "fail") throw new TypeError("__stripeSim.autoAuthenticate must be null, 'approve' or 'fail'");
    const result = auto || await askForAuthentication(intent);
    const failure = kind === INTENTS.pi ? AUTH_FAILURE : { ...AUTH_FAILURE, code: "setup_intent_authentication_failure" };
    let updated;
    if (API_BASE) {
      const res = await request(key, "POST", `/v1/${kind.path}/${encodeURIComponent(id)}/sim_authenticate`, { client_secret: arg.clientSecret, result });
      if (res.error) return res;
      updated = res.data;
    } else {
      const stored = kind.table()[id];
      if (!stored) return noSuchIntent(kind, id);
      updated = authenticate(kind, stored, result, failure);
    }
    if (updated.status === "requires_payment_method") {
      return { error: { ...updated[kind.lastError] || failure, [kind.object]: updated } };
    }
    return { [kind.result]: updated };
  }
  function checkNextActionArg(arg, fn) {
    if (!isObj(arg)) throw integration(`Invalid value for ${fn}: expected an object with a clientSecret property. You specified: ${describe(arg)}.`);
    if ("hashedValue" in arg) throw integration(`${fn} with hashedValue is not supported by the simulator.`);
    checkKeys(arg, ["clientSecret"], fn);
    if (arg.clientSecret === void 0) throw integration(`Missing value for ${fn}: clientSecret should be a string.`);
  }
  function authenticate(kind, stored, result, failure) {
    Object.assign(stored, result === "approve" ? { status: stored.capture_method === "manual" ? "requires_capture" : "succeeded", next_action: null, [kind.lastError]: null } : { status: "requires_payment_method", next_action: null, [kind.lastError]: { ...failure } });
    return clone(stored);
  }
  function askForAuthentication(intent) {
    return new Promise((resolve) => {
      let m = null;
      const done = (result) => {
        m.close();
        resolve(result);
      };
      m = modal("Simulated 3D Secure authentication", "sim-3ds", () => done("fail"));
      const ask = intent.object === "setup_intent" ? "Your bank asks you to confirm saving your card for future payments." : `Your bank asks you to confirm a payment of ${formatAmount(intent)}.`;
      const text = el(
        "p",
        { textContent: `${ask} This is a simulation: no bank is contacted and no card is charged.` },
        { margin: "0 0 20px", color: m.t.muted, fontSize: "14px", lineHeight: "1.5" }
      );
      const approve = m.button("Complete authentication", true);
      const reject = m.button("Fail authentication", false);
      m.dialog.append(text, m.row(reject, approve));
      approve.addEventListener("click", () => done("approve"));
      reject.addEventListener("click", () => done("fail"));
      m.show();
      approve.focus();
    });
  }

  // src/control.js
  function current(type, mode) {
    let all = [...liveStates].filter((st2) => st2.type === type);
    if (mode !== void 0) {
      if (type !== "address") throw new TypeError(`__stripeSim: a mode applies only to the address Element, not ${type}`);
      if (!ADDRESS_MODES.includes(mode)) throw new TypeError(`__stripeSim: mode should be one of ${ADDRESS_MODES.join(", ")}; got ${describe(mode)}`);
      all = all.filter((st2) => st2.options.mode === mode);
    }
    const st = all.filter((x) => x.container).sort((a, b) => a.mountSeq - b.mountSeq).pop() || all.pop() || null;
    if (type === "address" && mode === void 0 && st && st.options.mode !== "shipping") {
      const shipping = st.group.live["address:shipping"];
      if (shipping?.container) return shipping;
    }
    return st;
  }
  function liveElement(type, fn, mode) {
    const st = current(type, mode);
    const what = mode ? `${mode} ${type}` : type;
    if (!st || !st.container) throw new Error(`__stripeSim.${fn}(): no mounted ${what} Element.`);
    return st;
  }
  function uneditable(st, input) {
    if (!st.wrapper?.isConnected) return "the Element is not in the document";
    if (input.disabled || input.matches(":disabled")) return "it is disabled";
    if (input.readOnly) return `it is read-only (the ${st.type} Element has readOnly: true)`;
    if (!input.getClientRects().length || getComputedStyle(input).visibility === "hidden") return "it is not visible";
    return null;
  }
  function typeInto(st, key, value, fn) {
    const input = st.inputs[key];
    const field = `${st.type === "address" ? `${st.options.mode} address` : st.type} Element field ${key}`;
    if (!input) throw new Error(`__stripeSim.${fn}(): the ${field} is not shown.`);
    const why = uneditable(st, input);
    if (why) throw new Error(`__stripeSim.${fn}(): cannot type into the ${field}: ${why}. A customer could not either.`);
    input.focus();
    const text = String(value ?? "");
    if (input.tagName === "SELECT") {
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    input.select();
    const init = { bubbles: true, inputType: "insertReplacementText", data: text };
    if (!input.dispatchEvent(new InputEvent("beforeinput", { ...init, cancelable: true }))) return;
    input.value = text;
    input.dispatchEvent(new InputEvent("input", init));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  var modeArg = (m) => isObj(m) ? m.mode : m;
  function thenLeave(st, fill) {
    try {
      fill();
    } finally {
      if (st.wrapper?.contains(document.activeElement)) document.activeElement.blur();
    }
  }
  var controls = {
    script(method, outcome) {
      if (!METHODS.includes(method)) throw new TypeError(`__stripeSim.script(): unknown method ${method}; expected one of ${METHODS.join(", ")}`);
      if (!isObj(outcome) || !["resolve", "reject", "throw"].some((k) => k in outcome)) {
        throw new TypeError("__stripeSim.script(): outcome should be {resolve}, {reject}, {throw} or {delayMs, resolve|reject}");
      }
      if (!overrides.has(method)) overrides.set(method, []);
      overrides.get(method).push(outcome);
    },
    listenerCount(type, event, mode) {
      return current(type, modeArg(mode))?.handlers.get(event)?.length ?? 0;
    },
    fillCard(number, exp = "12 / 34", cvc = "123", postal = "12345") {
      const st = liveElement("payment", "fillCard");
      thenLeave(st, () => {
        typeInto(st, "number", number, "fillCard");
        typeInto(st, "expiry", exp, "fillCard");
        typeInto(st, "cvc", cvc, "fillCard");
        if (st.inputs.postal) typeInto(st, "postal", postal, "fillCard");
      });
    },
    fillEmail(email) {
      const st = liveElement("linkAuthentication", "fillEmail");
      thenLeave(st, () => typeInto(st, "email", email, "fillEmail"));
    },
    /** The open wallet payment sheet: {wallet, status: 'open'|'processing'|'failed', busy, error, total}, or null. */
    get expressSheet() {
      const sheet = [...liveStates].map((st) => st.group.sheet).find(Boolean);
      if (!sheet) return null;
      return {
        wallet: sheet.wallet.type,
        status: sheet.status,
        busy: sheet.busy,
        error: sheet.error,
        total: sheet.st.group.options.mode === "setup" ? null : sheet.st.group.options.amount
      };
    },
    fillAddress(fields, mode) {
      const st = liveElement("address", "fillAddress", modeArg(mode));
      thenLeave(st, () => {
        for (const [k, v] of Object.entries(fields || {})) {
          if (!st.inputs[k]) throw new Error(`__stripeSim.fillAddress(): the ${st.options.mode} Address Element has no field ${k}.`);
          if (k === "country" && !countriesFor(st).includes(v)) throw new Error(`__stripeSim.fillAddress(): country ${v} is not offered.`);
          typeInto(st, k, v, "fillAddress");
        }
      });
    },
    emit(type, event, payload, mode) {
      const st = current(type, modeArg(mode));
      if (!st) throw new Error(`__stripeSim.emit(): no live ${mode ? `${modeArg(mode)} ` : ""}${type} Element.`);
      if (!EVENTS[type].includes(event)) throw new Error(`__stripeSim.emit(): the ${type} Element has no event ${event}.`);
      if (event === "loaderror") checkLoadError(type, payload, `__stripeSim.emit('${type}', 'loaderror')`);
      emit(st, event, payload === void 0 ? { elementType: type } : payload);
    },
    putPaymentIntent,
    putSetupIntent,
    reset() {
      sim.calls.length = 0;
      overrides.clear();
      for (const table of [sim.paymentIntents, sim.setupIntents, sim.tokens]) Object.keys(table).forEach((k) => delete table[k]);
      sim.autoAuthenticate = null;
      sim.lastElementsOptions = null;
      sim.lastUpdate = null;
      sim.appInfo = null;
    }
  };
  Object.defineProperties(sim, Object.getOwnPropertyDescriptors(controls));

  // src/express-options.js
  var EXPRESS_OPTION = T.oneOf("auto", "never");
  var EXPRESS_OPTION_ALWAYS = T.oneOf("always", "auto", "never");
  var DELIVERY = T.obj({ unit: T.oneOf("hour", "day", "business_day", "week", "month"), value: T.int(0) }, ["unit", "value"]);
  var SHIPPING_RATE = T.obj(
    {
      id: T.str,
      amount: T.int(0),
      displayName: T.str,
      deliveryEstimate: (v, fn, path) => typeof v === "string" ? void 0 : T.obj({ maximum: DELIVERY, minimum: DELIVERY })(v, fn, path)
    },
    ["id", "amount", "displayName"]
  );
  var LINE_ITEM = T.obj({ name: T.str, amount: T.int(0) }, ["name", "amount"]);
  var EXPRESS_COMMON = {
    allowedShippingCountries: T.arr(T.country),
    billingAddressRequired: T.bool,
    business: T.obj({ name: T.str }, ["name"]),
    emailRequired: T.bool,
    phoneNumberRequired: T.bool,
    shippingAddressRequired: T.bool,
    lineItems: T.arr(LINE_ITEM),
    shippingRates: T.arr(SHIPPING_RATE),
    applePay: T.anyObj
  };
  var EXPRESS_SHAPE = T.obj({
    ...EXPRESS_COMMON,
    // docs (create_express_checkout_element): "a custom button height in the range of 40px-55px".
    buttonHeight: T.int(40, 55),
    layout: T.obj({ maxColumns: T.int(0), maxRows: T.int(0), overflow: T.oneOf("auto", "never") }),
    buttonTheme: T.obj({
      applePay: T.oneOf("black", "white", "white-outline"),
      googlePay: T.oneOf("black", "white"),
      paypal: T.oneOf("gold", "blue", "silver", "white", "black")
    }),
    buttonType: T.obj({
      applePay: T.oneOf(
        "add-money",
        "book",
        "buy",
        "check-out",
        "contribute",
        "donate",
        "order",
        "plain",
        "reload",
        "rent",
        "subscribe",
        "support",
        "tip",
        "top-up"
      ),
      googlePay: T.oneOf("book", "buy", "checkout", "donate", "order", "pay", "plain", "subscribe"),
      paypal: T.oneOf("paypal", "buynow", "checkout", "pay")
    }),
    paymentMethodOrder: T.arr(T.str),
    paymentMethods: T.obj({
      amazonPay: EXPRESS_OPTION,
      applePay: EXPRESS_OPTION_ALWAYS,
      googlePay: EXPRESS_OPTION_ALWAYS,
      link: EXPRESS_OPTION,
      paypal: EXPRESS_OPTION,
      klarna: EXPRESS_OPTION
    }),
    wallets: T.obj({ applePay: EXPRESS_OPTION_ALWAYS, googlePay: EXPRESS_OPTION_ALWAYS })
  });
  var EXPRESS_UPDATE_SHAPE = T.obj({
    allowedShippingCountries: EXPRESS_COMMON.allowedShippingCountries,
    billingAddressRequired: T.bool,
    buttonHeight: T.int(40, 55),
    emailRequired: T.bool,
    layout: T.obj({ maxColumns: T.int(0), maxRows: T.int(0), overflow: T.oneOf("auto", "never") }),
    paymentMethodOrder: T.arr(T.str),
    phoneNumberRequired: T.bool,
    shippingAddressRequired: T.bool
  });
  var CLICK_RESOLVE_SHAPE = T.obj(EXPRESS_COMMON);
  var CHANGE_RESOLVE_SHAPE = T.obj({ lineItems: EXPRESS_COMMON.lineItems, shippingRates: EXPRESS_COMMON.shippingRates, applePay: T.anyObj });

  // src/link-authentication.js
  var LINK_AUTH_SHAPE = T.obj({ defaultValues: T.obj({ email: T.str }, ["email"]) });
  var linkAuthFields = () => [{ key: "email", label: "Email", ac: "email", type: "email" }];
  var linkAuthInitialValues = (st) => ({ email: st.options.defaultValues?.email ?? "" });
  var EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  function emailError(raw) {
    const v = String(raw ?? "").trim();
    if (!v) return fail("incomplete_email");
    return EMAIL_RE.test(v) ? null : fail("invalid_email");
  }

  // src/express-sheet.js
  function checkSheetConfig(cfg, fn) {
    if (cfg.shippingAddressRequired && !cfg.shippingRates?.length) {
      throw integration(`Invalid value for ${fn}: shippingRates should list at least one rate when shippingAddressRequired is true.`);
    }
  }
  var SHEET_ADDRESSES = [
    { name: "Jenny Rosen", phone: "+15555550100", address: { line1: "354 Oyster Point Blvd", line2: null, city: "South San Francisco", state: "CA", postal_code: "94080", country: "US" } },
    { name: "Ada Lovelace", phone: "+442079460000", address: { line1: "10 Downing Street", line2: null, city: "London", state: "", postal_code: "SW1A 2AA", country: "GB" } },
    { name: "Max Mustermann", phone: "+4930123456", address: { line1: "Unter den Linden 1", line2: null, city: "Berlin", state: "", postal_code: "10117", country: "DE" } }
  ];
  var SHEET_CARDS = [
    { label: "Visa •••• 4242", number: "4242424242424242" },
    { label: "Visa •••• 3155 (test: asks for 3D Secure)", number: "4000002500003155" },
    { label: "Visa •••• 0002 (test: declined)", number: "4000000000000002" }
  ];
  var SHEET_EMAIL = "jenny.rosen@example.com";
  var FAILURE_TEXT = {
    fail: "The payment failed. Try another payment method.",
    invalid_shipping_address: "The shipping address is invalid.",
    invalid_billing_address: "The billing address is invalid.",
    invalid_payment_data: "The payment details are invalid.",
    address_unserviceable: "The merchant cannot ship to this address."
  };
  var FAILURE_SHAPE = T.obj({ reason: T.oneOf(...Object.keys(FAILURE_TEXT)), message: T.str });
  var CHANGE_TIMEOUT_MS = 2e4;
  var FAILED_SHEET_MS = 1200;
  var addressLine = (a) => `${a.name}, ${a.address.line1}, ${a.address.city}${a.address.state ? ` ${a.address.state}` : ""} ${a.address.postal_code}, ${a.address.country}`;
  var money = (gs, amount) => formatAmount({ amount, currency: gs.options.currency || "usd" });
  function openSheet(st, wallet, cfg) {
    const gs = st.group;
    checkSheetConfig(cfg, "elements.create('expressCheckout')");
    const addresses = shippableAddresses(cfg);
    const sheet = {
      st,
      wallet,
      cfg,
      status: "open",
      busy: false,
      card: SHEET_CARDS[0],
      address: addresses[0] || null,
      addressOk: !cfg.shippingAddressRequired,
      rates: cfg.shippingRates || [],
      rate: null,
      lineItems: cfg.lineItems || [],
      error: "",
      changes: 0
    };
    sheet.rate = sheet.rates[0] || null;
    sheet.modal = modal(`Simulated ${wallet.name}`, "sim-wallet-sheet", () => cancelSheet(sheet));
    drawSheet(sheet, addresses);
    sheet.paint = () => paintSheet(sheet);
    sheet.close = (fireCancel) => closeSheet(sheet, fireCancel);
    sheet.paymentDetails = (bd = {}) => sheetPaymentDetails(sheet, bd);
    const { payButton, cancelButton } = sheet.view;
    payButton.addEventListener("click", () => paySheet(sheet));
    cancelButton.addEventListener("click", () => cancelSheet(sheet));
    gs.sheet = sheet;
    sheet.paint();
    sheet.modal.show();
    payButton.focus();
    if (sheet.address) changeAddress(sheet, sheet.address);
    return sheet;
  }
  function shippableAddresses(cfg) {
    const allowed = cfg.allowedShippingCountries?.map((c) => c.toUpperCase());
    return cfg.shippingAddressRequired ? SHEET_ADDRESSES.filter((a) => !allowed || allowed.includes(a.address.country)) : [];
  }
  var sheetText = (tag, textContent, style = {}) => el(tag, { textContent }, { margin: "0 0 12px", fontSize: "14px", ...style });
  function fieldGroup(t, legend) {
    const fs = el("fieldset", {}, { border: `1px solid ${t.border}`, borderRadius: "8px", margin: "0 0 12px", padding: "8px 12px" });
    fs.append(el("legend", { textContent: legend }, { fontSize: "13px", color: t.muted, padding: "0 4px" }));
    return fs;
  }
  function radios(fs, name, items, label2, isChecked, onPick) {
    fs.querySelectorAll("label").forEach((n) => n.remove());
    items.forEach((item) => {
      const l = el("label", {}, { display: "flex", gap: "8px", alignItems: "center", padding: "4px 0", fontSize: "14px" });
      const r = el("input", { type: "radio", name, checked: isChecked(item) });
      r.addEventListener("change", () => {
        if (r.checked) onPick(item);
      });
      l.append(r, document.createTextNode(label2(item)));
      fs.append(l);
    });
  }
  function textField(m, id, label2, type, value, ac) {
    const wrap = el("div", {}, { display: "flex", flexDirection: "column", gap: "4px", margin: "0 0 12px" });
    const input = el("input", { id, type, value }, { padding: "8px 10px", fontSize: "15px", border: `1px solid ${m.t.border}`, borderRadius: "6px" });
    input.setAttribute("autocomplete", ac);
    wrap.append(el("label", { htmlFor: id, textContent: label2 }, { fontSize: "13px", color: m.t.muted }), input);
    m.dialog.append(wrap);
    return input;
  }
  function drawSheet(sheet, addresses) {
    const { cfg, modal: m } = sheet;
    const { t } = m;
    const name = `sim-sheet-${nextUid()}`;
    if (cfg.business?.name) m.dialog.append(sheetText("p", `Pay ${cfg.business.name}`, { color: t.muted }));
    const cardGroup = fieldGroup(t, "Card");
    radios(cardGroup, `${name}-card`, SHEET_CARDS, (c) => c.label, (c) => c === sheet.card, (c) => {
      sheet.card = c;
    });
    m.dialog.append(cardGroup);
    const emailInput = cfg.emailRequired ? textField(m, `${name}-email`, "Email", "email", SHEET_EMAIL, "email") : null;
    const phoneInput = cfg.phoneNumberRequired ? textField(m, `${name}-tel`, "Phone", "tel", SHEET_ADDRESSES[0].phone, "tel") : null;
    let rateGroup = null;
    if (cfg.shippingAddressRequired) {
      const addressGroup = fieldGroup(t, "Shipping address");
      radios(addressGroup, `${name}-address`, addresses, addressLine, (a) => a === sheet.address, (a) => changeAddress(sheet, a));
      if (!addresses.length) addressGroup.append(sheetText("p", "No saved address can be shipped to."));
      rateGroup = fieldGroup(t, "Shipping method");
      m.dialog.append(addressGroup, rateGroup);
    }
    sheet.view = { name, emailInput, phoneInput, rateGroup };
    paintRates(sheet);
    const items = el("ul", {}, { listStyle: "none", padding: "0", margin: "0 0 8px", fontSize: "14px", color: t.muted });
    const totalRow = sheetText("p", "", { fontWeight: "600", fontSize: "16px" });
    const total = el("output", {});
    total.setAttribute("aria-label", "Total");
    totalRow.append("Total ", total);
    const alert = el("div", { className: "sim-sheet-error" }, { color: t.danger, fontSize: "14px", minHeight: "20px", margin: "0 0 12px" });
    alert.setAttribute("role", "alert");
    const payButton = m.button("Pay", true);
    const cancelButton = m.button("Cancel", false);
    m.dialog.append(items, totalRow, alert, m.row(cancelButton, payButton));
    Object.assign(sheet.view, { items, total, alert, payButton, cancelButton });
  }
  function paintRates(sheet) {
    const { rateGroup, name } = sheet.view;
    if (!rateGroup) return;
    radios(rateGroup, `${name}-rate`, sheet.rates, (r) => `${r.displayName} — ${money(sheet.st.group, r.amount)}`, (r) => r === sheet.rate, (r) => changeRate(sheet, r));
  }
  function paintSheet(sheet) {
    const gs = sheet.st.group;
    const { items, total, alert, payButton, cancelButton } = sheet.view;
    const { dialog } = sheet.modal;
    items.replaceChildren(...sheet.lineItems.map((li) => el("li", { textContent: `${li.name}: ${money(gs, li.amount)}` })));
    total.textContent = gs.options.mode === "setup" ? "Nothing is charged now" : money(gs, gs.options.amount);
    alert.textContent = sheet.error;
    const locked = sheet.status !== "open";
    dialog.setAttribute("aria-busy", String(sheet.busy || sheet.status === "processing"));
    dialog.querySelectorAll("input").forEach((i) => {
      i.disabled = locked;
    });
    payButton.disabled = locked || sheet.busy || !sheet.addressOk || sheet.cfg.shippingAddressRequired && !sheet.rate;
    cancelButton.disabled = sheet.status !== "open";
    payButton.textContent = sheet.status === "processing" ? "Processing…" : "Pay";
  }
  function closeSheet(sheet, fireCancel) {
    if (sheet.status === "closed") return;
    sheet.status = "closed";
    sheet.modal.close();
    const { st, wallet } = sheet;
    if (st.group.sheet === sheet) st.group.sheet = null;
    if (fireCancel) emit(st, "cancel", { elementType: "expressCheckout", expressPaymentType: wallet.type });
  }
  function sheetPaymentDetails(sheet, bd) {
    const { emailInput, phoneInput } = sheet.view;
    const holder = SHEET_ADDRESSES[0];
    const billing = {
      address: { ...holder.address, ...bd.address || {} },
      email: bd.email ?? (emailInput ? emailInput.value.trim() : null),
      name: bd.name ?? holder.name,
      phone: bd.phone ?? (phoneInput ? phoneInput.value.trim() : null)
    };
    const card = { number: sheet.card.number, exp_month: 12, exp_year: (/* @__PURE__ */ new Date()).getFullYear() + 5, cvc: "123" };
    const shipping = sheet.address ? { name: sheet.address.name, phone: null, address: { ...sheet.address.address } } : void 0;
    return { card, billing, shipping };
  }
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
      emit(st, event, {
        elementType: "expressCheckout",
        ...payload,
        resolve: (details) => {
          if (details !== void 0) CHANGE_RESOLVE_SHAPE(details, `${event} event resolve()`, "");
          finish({ ok: true, details });
        },
        reject: () => finish({ ok: false })
      });
    });
  }
  function applyAnswer(sheet, details = {}) {
    if (details.lineItems) sheet.lineItems = details.lineItems;
    if (details.shippingRates) {
      sheet.rates = details.shippingRates;
      sheet.rate = sheet.rates.find((r) => r.id === sheet.rate?.id) || sheet.rates[0] || null;
      paintRates(sheet);
    }
  }
  async function runChange(sheet, event, payload, onFail, onOk = () => {
  }) {
    const seq = ++sheet.changes;
    sheet.busy = true;
    sheet.error = "";
    sheet.paint();
    const result = await askMerchant(sheet.st, event, payload);
    if (sheet.status === "closed" || seq !== sheet.changes) return;
    sheet.busy = false;
    if (result.ok) {
      applyAnswer(sheet, result.details);
      onOk();
    } else onFail(result.timeout);
    sheet.paint();
  }
  function changeAddress(sheet, a) {
    sheet.address = a;
    sheet.addressOk = false;
    const { city, state, postal_code, country } = a.address;
    return runChange(sheet, "shippingaddresschange", { name: a.name, address: { city, state, postal_code, country } }, (timeout) => {
      sheet.error = timeout ? "The merchant did not answer in time. Choose another address." : "This address cannot be used. Choose another address.";
    }, () => {
      sheet.addressOk = true;
    });
  }
  function changeRate(sheet, r) {
    const previous = sheet.rate;
    sheet.rate = r;
    return runChange(sheet, "shippingratechange", { shippingRate: { ...r } }, (timeout) => {
      sheet.rate = previous;
      paintRates(sheet);
      sheet.error = timeout ? "The merchant did not answer in time." : "This shipping method cannot be used. Choose another one.";
    });
  }
  function cancelSheet(sheet) {
    if (sheet.status === "open") sheet.close(true);
  }
  function paySheet(sheet) {
    if (sheet.status !== "open" || sheet.busy) return;
    if (!contactDetailsOk(sheet)) return;
    sheet.status = "processing";
    sheet.error = "";
    sheet.paint();
    emit(sheet.st, "confirm", confirmEvent(sheet));
  }
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
  function confirmEvent(sheet) {
    const { emailInput, phoneInput } = sheet.view;
    const { billing } = sheet.paymentDetails();
    const billingDetails2 = { name: billing.name, address: { ...billing.address } };
    if (emailInput) billingDetails2.email = billing.email;
    if (phoneInput) billingDetails2.phone = billing.phone;
    const payload = {
      elementType: "expressCheckout",
      expressPaymentType: sheet.wallet.type,
      billingDetails: billingDetails2,
      paymentFailed: (p) => paymentFailed(sheet, p)
    };
    if (sheet.address) payload.shippingAddress = { name: sheet.address.name, address: { ...sheet.address.address } };
    if (sheet.rate) payload.shippingRate = { ...sheet.rate };
    return payload;
  }
  function paymentFailed(sheet, p) {
    if (p !== void 0) FAILURE_SHAPE(p, "paymentFailed()", "payload");
    if (sheet.status !== "processing") return;
    sheet.status = "failed";
    sheet.error = p?.message || FAILURE_TEXT[p?.reason || "fail"];
    sheet.paint();
    setTimeout(() => sheet.close(false), FAILED_SHEET_MS);
  }

  // src/express-checkout.js
  function availableWallets(st) {
    const offered = parseWallets(sim.wallets, "__stripeSim.wallets");
    const o = st.options;
    return Object.fromEntries(WALLET_KEYS.map((k) => {
      const pref = o.paymentMethods?.[k] ?? o.wallets?.[k] ?? "auto";
      return [k, pref === "always" || pref === "auto" && offered.includes(k)];
    }));
  }
  function expressReadyEvent(st) {
    const available = st.available || availableWallets(st);
    return { elementType: "expressCheckout", availablePaymentMethods: Object.values(available).some(Boolean) ? { ...available } : void 0 };
  }
  var BUTTON_VERBS = { "add-money": "Add money", "check-out": "Check out", "top-up": "Top up", buynow: "Buy Now" };
  function buttonLabel(st, key) {
    const w = WALLETS[key];
    const kind = st.options.buttonType?.[key] ?? w.button;
    if (kind === "plain" || key === "paypal" && kind === "paypal") return w.name;
    const verb = BUTTON_VERBS[kind] || kind.charAt(0).toUpperCase() + kind.slice(1);
    return `${verb} with ${w.name}`;
  }
  function walletOrder(st) {
    const order = (st.options.paymentMethodOrder || []).map((x) => WALLET_KEYS.find((k) => k === x || WALLETS[k].type === x)).filter(Boolean);
    return [.../* @__PURE__ */ new Set([...order, ...WALLET_KEYS])];
  }
  function renderExpress(st) {
    const t = theme(st.group.options.appearance);
    st.theme = t;
    st.inputs = {};
    st.available = availableWallets(st);
    const wrapper = el("div", { className: "sim-expressCheckout-element" }, {
      display: "flex",
      flexWrap: "wrap",
      gap: "8px",
      fontFamily: t.font,
      width: "100%"
    });
    for (const key of walletOrder(st).filter((k) => st.available[k])) {
      const dark = (st.options.buttonTheme?.[key] ?? "black") === "black";
      const button = el("button", { type: "button", textContent: buttonLabel(st, key), className: "sim-wallet-button" }, {
        flex: "1 1 160px",
        height: `${st.options.buttonHeight || 44}px`,
        borderRadius: t.radius,
        cursor: "pointer",
        border: dark ? "none" : "1px solid #30313d",
        background: dark ? "#000" : "#fff",
        color: dark ? "#fff" : "#000",
        fontFamily: "inherit",
        fontSize: "16px",
        fontWeight: "600"
      });
      button.dataset.wallet = key;
      button.addEventListener("click", () => walletClicked(st, key));
      button.addEventListener("keydown", (e) => {
        if (e.key === "Escape") emit(st, "escape", { elementType: st.type });
      });
      wrapper.append(button);
    }
    watchFocus(st, wrapper);
    return wrapper;
  }
  var CLICK_DETAIL_KEYS = [
    "allowedShippingCountries",
    "billingAddressRequired",
    "business",
    "emailRequired",
    "lineItems",
    "phoneNumberRequired",
    "shippingAddressRequired",
    "shippingRates",
    "applePay"
  ];
  var CLICK_TIMEOUT_MS = 1e3;
  function walletClicked(st, key) {
    const gs = st.group;
    if (gs.sheet || st.clickPending) return;
    const wallet = { key, ...WALLETS[key] };
    const config = (details) => ({ ...defined(Object.fromEntries(CLICK_DETAIL_KEYS.map((k) => [k, st.options[k]]))), ...defined(details || {}) });
    if (!(st.handlers.get("click") || []).length) {
      openSheet(st, wallet, config());
      return;
    }
    let state = "waiting";
    st.clickPending = true;
    const timer = setTimeout(() => {
      if (state !== "waiting") return;
      state = "expired";
      st.clickPending = false;
    }, CLICK_TIMEOUT_MS);
    emit(st, "click", {
      elementType: "expressCheckout",
      expressPaymentType: wallet.type,
      resolve: (details) => {
        if (state === "expired") {
          throw integration("event.resolve() was called more than 1 second after the click event; the payment interface was not shown. Call resolve within 1 second of the click event.");
        }
        if (state !== "waiting") return;
        if (details !== void 0) CLICK_RESOLVE_SHAPE(details, "click event resolve()", "");
        const cfg = config(details);
        checkSheetConfig(cfg, "click event resolve()");
        state = "resolved";
        st.clickPending = false;
        clearTimeout(timer);
        openSheet(st, wallet, cfg);
      },
      reject: () => {
        if (state !== "waiting") return;
        state = "rejected";
        st.clickPending = false;
        clearTimeout(timer);
      }
    });
  }

  // src/payment-element.js
  var PAYMENT_OPTIONS = [
    "layout",
    "defaultValues",
    "business",
    "paymentMethodOrder",
    "fields",
    "readOnly",
    "terms",
    "wallets",
    "walletOptions",
    "applePay"
  ];
  var PAYMENT_UPDATE_OPTIONS = PAYMENT_OPTIONS.filter((k) => k !== "wallets");
  var FIELD = T.oneOf("auto", "never");
  var BILLING_FIELDS = T.oneOfOr(["auto", "never"], T.obj({
    name: T.oneOf("auto", "never", "always"),
    email: FIELD,
    phone: FIELD,
    address: T.oneOfOr(["auto", "never", "if_required"], T.obj({
      country: FIELD,
      postalCode: FIELD,
      state: FIELD,
      city: FIELD,
      line1: FIELD,
      line2: FIELD
    }))
  }));
  var TERM = T.oneOf("auto", "always", "never");
  var layoutShape = (update) => T.oneOfOr(["tabs", "accordion", "auto"], T.obj({
    type: T.oneOf("tabs", "accordion", "auto"),
    radios: T.oneOf("auto", "never", "always", "if_multiple"),
    spacedAccordionItems: T.bool,
    visibleAccordionItemsCount: T.int(0),
    // PaymentElementLayoutObjectUpdateOptions omits defaultCollapsed and paymentMethodLogoPosition (payment.d.ts 416-419).
    ...update ? {} : { defaultCollapsed: T.bool, paymentMethodLogoPosition: T.oneOf("start", "end") }
  }, ["type"]));
  var paymentShape = (update) => {
    const fields = {
      layout: layoutShape(update),
      defaultValues: T.obj({
        billingDetails: T.obj({
          name: T.str,
          email: T.str,
          phone: T.str,
          address: T.obj({ country: T.country, postal_code: T.str, state: T.str, city: T.str, line1: T.str, line2: T.str })
        }),
        card: T.obj({ network: T.arr(T.str) })
      }),
      business: T.obj({ name: T.str }, ["name"]),
      paymentMethodOrder: T.arr(T.str),
      // FieldsOption: billingDetails, or per payment method type {billingDetails}.
      fields: (v, fn, path) => {
        T.anyObj(v, fn, path);
        for (const [k, x] of Object.entries(v)) {
          if (k === "billingDetails") BILLING_FIELDS(x, fn, `${path}.${k}`);
          else if (x !== void 0) T.obj({ billingDetails: BILLING_FIELDS })(x, fn, `${path}.${k}`);
        }
      },
      readOnly: T.bool,
      terms: T.obj(Object.fromEntries([
        "applePay",
        "auBecsDebit",
        "bancontact",
        "card",
        "cashapp",
        "googlePay",
        "ideal",
        "klarna",
        "paypal",
        "sepaDebit",
        "sofort",
        "usBankAccount"
      ].map((k) => [k, TERM]))),
      wallets: T.obj({ applePay: FIELD, googlePay: FIELD, link: FIELD }),
      walletOptions: T.obj({ emailRequired: T.bool, phoneNumberRequired: T.bool }),
      applePay: T.anyObj
    };
    return T.obj(Object.fromEntries((update ? PAYMENT_UPDATE_OPTIONS : PAYMENT_OPTIONS).map((k) => [k, fields[k]])));
  };
  var paymentCountry = (st) => (st.options.defaultValues?.billingDetails?.address?.country || "US").toUpperCase();
  var collectsPostal = (st) => {
    const bd = st.options.fields?.billingDetails;
    return bd !== "never" && bd?.address !== "never" && bd?.address?.postalCode !== "never";
  };
  var formatCard = (v) => digits(v).slice(0, 16).replace(/(\d{4})(?=\d)/g, "$1 ");
  function formatExpiry(v) {
    let d = digits(v).slice(0, 4);
    if (/^[2-9]$/.test(d)) d = `0${d}`;
    return d.length > 2 ? `${d.slice(0, 2)} / ${d.slice(2)}` : d;
  }
  var isReadOnly = (st) => st.type === "payment" && st.options.readOnly === true;
  function paymentFields(st) {
    const us = paymentCountry(st) === "US";
    return [
      { key: "number", label: "Card number", ac: "cc-number", numeric: true, placeholder: "1234 1234 1234 1234", format: formatCard },
      { key: "expiry", label: "Expiration date (MM / YY)", ac: "cc-exp", numeric: true, placeholder: "MM / YY", format: formatExpiry, half: true },
      { key: "cvc", label: "Security code", ac: "cc-csc", numeric: true, placeholder: "CVC", format: (v) => digits(v).slice(0, 3), half: true },
      collectsPostal(st) && {
        key: "postal",
        label: us ? "ZIP" : "Postal code",
        ac: "postal-code",
        numeric: us,
        placeholder: us ? "12345" : "",
        format: (v) => (us ? v.replace(/[^\d-]/g, "") : v).slice(0, 10)
      }
    ].filter(Boolean);
  }
  var paymentInitialValues = (st) => ({
    number: "",
    expiry: "",
    cvc: "",
    postal: st.options.defaultValues?.billingDetails?.address?.postal_code ?? ""
  });
  var luhn = (num) => [...num].reverse().reduce((sum, ch, i) => {
    let d = Number(ch) * (i % 2 ? 2 : 1);
    if (d > 9) d -= 9;
    return sum + d;
  }, 0) % 10 === 0;
  function cardBrand(num) {
    if (/^4/.test(num)) return "visa";
    if (/^(5[1-5]|2[2-7])/.test(num)) return "mastercard";
    if (/^3[47]/.test(num)) return "amex";
    if (/^(6011|65|64[4-9])/.test(num)) return "discover";
    if (/^35/.test(num)) return "jcb";
    if (/^3(0|6|8|9)/.test(num)) return "diners";
    if (/^62/.test(num)) return "unionpay";
    return "unknown";
  }
  var parseExpiry = (v) => {
    const d = digits(v);
    return { month: Number(d.slice(0, 2)), year: 2e3 + Number(d.slice(2, 4)) };
  };
  function paymentFieldError(st, key) {
    const raw = String(st.values[key] ?? "");
    if (key === "number") {
      const d = digits(raw);
      if (d.length < 16) return fail("incomplete_number");
      return luhn(d) ? null : fail("invalid_number");
    }
    if (key === "expiry") {
      if (digits(raw).length < 4) return fail("incomplete_expiry");
      const { month, year } = parseExpiry(raw);
      const today = /* @__PURE__ */ new Date();
      if (month < 1 || month > 12) return fail("invalid_expiry_month");
      if (year < today.getFullYear()) return fail("invalid_expiry_year_past");
      if (year === today.getFullYear() && month < today.getMonth() + 1) return fail("invalid_expiry_month_past");
      if (year > today.getFullYear() + 50) return fail("invalid_expiry_year");
      return null;
    }
    if (key === "cvc") return digits(raw).length < 3 ? fail("incomplete_cvc") : null;
    if (key === "postal") {
      return raw.trim() ? null : fail("incomplete_zip", paymentCountry(st) === "US" ? "Your ZIP is incomplete." : "Your postal code is incomplete.");
    }
    return null;
  }

  // src/saved-cards.js
  var CUSTOMER_SESSION_SECRET = /^cuss_secret_[A-Za-z0-9_]+$/;
  var sessionSecret = (gs) => gs.options.customerSessionClientSecret;
  var chosenSaved = (st) => (st.saved || []).find((pm) => pm.id === st.choice) || null;
  async function loadSaved(st) {
    if (!API_BASE) {
      return { error: { type: "invalid_request_error", message: "The simulator lists saved cards in API mode only (stripe.js?api=…)." } };
    }
    const secret = encodeURIComponent(sessionSecret(st.group));
    const res = await request(st.group.key, "GET", `/v1/elements/sessions?customer_session_client_secret=${secret}`);
    if (res.error) return res;
    st.saved = res.data.customer?.payment_methods || [];
    st.choice = st.saved[0]?.id ?? "new";
    return {};
  }
  var label = (pm) => {
    const { brand, last4, exp_month: m, exp_year: y } = pm.card;
    const name = brand.charAt(0).toUpperCase() + brand.slice(1);
    return `${name} ending in ${last4}, expires ${String(m).padStart(2, "0")}/${String(y).slice(-2)}`;
  };
  function renderSaved(st, t, fields, changeEvent2) {
    const group = el("div", { className: "sim-saved-cards" }, {
      gridColumn: "1 / -1",
      display: "flex",
      flexDirection: "column",
      gap: "6px",
      border: "none",
      padding: "0",
      margin: "0"
    });
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", "Saved cards");
    const name = `sim-${st.uid}-saved`;
    const show = () => fields.forEach((f) => {
      f.style.display = st.choice === "new" ? "flex" : "none";
    });
    const option = (value, text) => {
      const id = `${name}-${value}`;
      const row = el("div", {}, {
        display: "flex",
        alignItems: "center",
        gap: "8px",
        padding: "8px 10px",
        border: `1px solid ${t.border}`,
        borderRadius: t.radius,
        background: t.background
      });
      const radio = el("input", { type: "radio", name, id, value, checked: st.choice === value }, { margin: "0" });
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        st.choice = value;
        show();
        emit(st, "change", changeEvent2(st));
      });
      row.append(radio, el("label", { htmlFor: id, textContent: text }, { cursor: "pointer", flexGrow: "1" }));
      return row;
    };
    for (const pm of st.saved) group.append(option(pm.id, label(pm)));
    group.append(option("new", "New card"));
    show();
    return group;
  }
  var savedValue = (pm) => ({ id: pm.id, type: pm.type, billing_details: pm.billing_details });
  async function readyWithSaved(st, live, rerender2, readyEvent2) {
    const res = await loadSaved(st);
    if (!live()) return;
    if (res.error) {
      st.loadFailed = true;
      rerender2(st);
      emit(st, "loaderror", { elementType: "payment", error: res.error });
      return;
    }
    rerender2(st);
    emit(st, "ready", readyEvent2(st));
  }

  // src/form.js
  function fieldsFor(st) {
    if (st.type === "linkAuthentication") return linkAuthFields(st);
    if (st.type === "expressCheckout") return [];
    if (st.type === "payment") return chosenSaved(st) ? [] : paymentFields(st);
    return addressFields(st);
  }
  function initialValues(st) {
    if (st.type === "linkAuthentication") return linkAuthInitialValues(st);
    if (st.type === "expressCheckout") return {};
    if (st.type === "payment") return paymentInitialValues(st);
    return addressInitialValues(st);
  }
  var fieldError = (st, key) => {
    if (st.type === "payment") return paymentFieldError(st, key);
    if (st.type === "linkAuthentication") return emailError(st.values.email);
    return addressFieldError(st, key);
  };
  function validateElement(st, show) {
    const errors = [];
    for (const f of fieldsFor(st)) {
      const err = fieldError(st, f.key);
      if (show) setFieldError(st, f.key, err);
      if (err) errors.push(err);
    }
    return errors;
  }
  function changeEvent(st) {
    const keys = fieldsFor(st).map((f) => f.key);
    const empty = keys.filter((k) => k !== "country").every((k) => !String(st.values[k] ?? "").trim());
    const complete = keys.every((k) => !fieldError(st, k));
    if (st.type === "payment") {
      const saved = chosenSaved(st);
      if (saved) {
        return {
          elementType: "payment",
          empty: false,
          complete: true,
          collapsed: st.collapsed === true,
          value: { type: "card", payment_method: savedValue(saved) }
        };
      }
      return { elementType: "payment", empty, complete, collapsed: st.collapsed === true, value: { type: "card" } };
    }
    if (st.type === "linkAuthentication") {
      return { elementType: "linkAuthentication", empty, complete, value: { email: String(st.values.email ?? "").trim() } };
    }
    return { elementType: "address", elementMode: st.options.mode, empty, complete, isNewAddress: true, value: addressValue(st) };
  }
  function cardDetailsChange(st) {
    const number = digits(st.values.number);
    const brand = number ? cardBrand(number) : null;
    if (brand === (st.cardBrand ?? null)) return;
    st.cardBrand = brand;
    emit(st, "carddetailschange", {
      elementType: "payment",
      loading: false,
      details: brand ? { brands: [brand], funding: "unknown" } : void 0
    });
  }
  function addressResult(st) {
    const { complete, isNewAddress, value } = changeEvent(st);
    return { complete, isNewAddress, value };
  }
  function renderForm(st) {
    const t = theme(st.group.options.appearance);
    st.theme = t;
    st.inputs = {};
    const wrapper = el("div", { className: `sim-${st.type}-element` }, {
      display: "grid",
      gridTemplateColumns: "1fr 1fr",
      gap: "12px",
      fontFamily: t.font,
      color: t.text,
      fontSize: "14px",
      lineHeight: "1.4",
      boxSizing: "border-box",
      width: "100%"
    });
    const readOnly = isReadOnly(st);
    if (st.type === "payment" && sessionSecret(st.group) && !st.saved) {
      if (!st.loadFailed) wrapper.append(el("div", { className: "sim-loading", textContent: "Loading…" }, { gridColumn: "1 / -1", color: t.muted }));
      watchFocus(st, wrapper);
      return wrapper;
    }
    if (st.type === "payment" && st.saved?.length) {
      const fields = paymentFields(st).map((f) => renderField(st, f, t, readOnly));
      wrapper.append(renderSaved(st, t, fields, changeEvent), ...fields);
    } else {
      for (const f of fieldsFor(st)) wrapper.append(renderField(st, f, t, readOnly));
    }
    if (st.type === "payment") {
      wrapper.append(el(
        "div",
        { className: "sim-note", textContent: "Simulated Stripe — test mode, no real card is charged" },
        { gridColumn: "1 / -1", color: t.muted, fontSize: "12px" }
      ));
    }
    watchFocus(st, wrapper);
    return wrapper;
  }
  function renderField(st, f, t, readOnly) {
    const id = `sim-${st.uid}-${f.key}`;
    const field = el("div", {}, {
      display: "flex",
      flexDirection: "column",
      gap: "4px",
      minWidth: "0",
      gridColumn: f.half ? "auto" : "1 / -1"
    });
    const label2 = el("label", { htmlFor: id, textContent: f.label }, { color: t.muted, fontSize: "14px", flexGrow: "1" });
    let input;
    if (f.select) {
      input = el("select", { id, className: "sim-input", disabled: readOnly });
      f.select.forEach((code) => input.append(new Option(COUNTRIES[code], code)));
    } else {
      input = el("input", { id, className: "sim-input", type: f.type || "text", placeholder: f.placeholder || "", readOnly });
      if (f.numeric) input.inputMode = "numeric";
      input.spellcheck = false;
    }
    input.setAttribute("autocomplete", f.ac);
    if (readOnly) input.setAttribute("aria-readonly", "true");
    input.value = st.values[f.key] ?? "";
    const error = el("div", { className: "sim-error", id: `${id}-error` }, { color: t.danger, fontSize: "13px" });
    input.setAttribute("aria-describedby", error.id);
    input.simError = error;
    Object.assign(input.style, {
      width: "100%",
      boxSizing: "border-box",
      padding: "10px 12px",
      fontSize: "16px",
      fontFamily: "inherit",
      color: t.text,
      background: t.background,
      border: `1px solid ${t.border}`,
      borderRadius: t.radius,
      outline: "none",
      boxShadow: "0 1px 1px rgba(0,0,0,0.03), 0 3px 6px rgba(0,0,0,0.02)",
      transition: "border-color 0.15s, box-shadow 0.15s",
      margin: "0",
      height: "44px",
      opacity: readOnly ? "0.7" : "1"
    });
    wireInput(st, f, input);
    field.append(label2, input, error);
    st.inputs[f.key] = input;
    setFieldError(st, f.key, st.errors[f.key] || null);
    return field;
  }
  function paintInput(st, f, input, focused) {
    const t = st.theme;
    const bad = Boolean(st.errors[f.key]);
    input.style.borderColor = bad ? t.danger : focused ? t.primary : t.border;
    input.style.boxShadow = focused ? `0 0 0 3px color-mix(in srgb, ${bad ? t.danger : t.primary} 25%, transparent)` : "0 1px 1px rgba(0,0,0,0.03), 0 3px 6px rgba(0,0,0,0.02)";
  }
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
    input.addEventListener(f.select ? "change" : "input", () => {
      if (isReadOnly(st)) {
        input.value = st.values[f.key] ?? "";
        return;
      }
      if (f.format) reformat(f, input);
      st.values[f.key] = input.value;
      st.collapsed = false;
      if (st.type === "payment" && f.key === "number") cardDetailsChange(st);
      if (st.errors[f.key]) setFieldError(st, f.key, fieldError(st, f.key));
      emit(st, "change", changeEvent(st));
    });
    input.addEventListener("focus", () => paint(true));
    input.addEventListener("blur", () => {
      if (String(st.values[f.key] ?? "").trim()) setFieldError(st, f.key, fieldError(st, f.key));
      paint(false);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") emit(st, "escape", { elementType: st.type });
    });
  }
  function setFieldError(st, key, err) {
    if (err) st.errors[key] = err;
    else delete st.errors[key];
    const input = st.inputs[key];
    if (!input) return;
    input.simError.textContent = err ? err.message : "";
    if (err) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    input.simPaint?.(document.activeElement === input);
  }

  // src/element.js
  var OPTION_SHAPES = {
    payment: [paymentShape(false), paymentShape(true)],
    address: [ADDRESS_SHAPE, ADDRESS_SHAPE],
    linkAuthentication: [LINK_AUTH_SHAPE, null],
    expressCheckout: [EXPRESS_SHAPE, EXPRESS_UPDATE_SHAPE]
  };
  function checkElementOptions(type, o, fn, update = false) {
    needObject(o, fn, "options");
    if (type === "address" && "readOnly" in o) {
      throw integration(`Invalid value for ${fn}: readOnly is not an accepted parameter. Only the Payment Element has a read-only state; the Address Element has no readOnly option.`);
    }
    if (type === "payment" && isObj(o.layout) && o.layout.type === void 0) {
      throw integration(`Missing value for ${fn}: layout.type should be one of tabs, accordion, auto.`);
    }
    OPTION_SHAPES[type][update ? 1 : 0](o, fn, "");
  }
  function createElement(gs, type, opts) {
    const { options, slot } = checkCreate(gs, type, opts);
    const st = {
      uid: nextUid(),
      type,
      slot,
      group: gs,
      options: defined(options),
      errors: {},
      inputs: {},
      handlers: /* @__PURE__ */ new Map(),
      destroyed: false,
      container: null,
      wrapper: null,
      readyWait: null
    };
    st.values = initialValues(st);
    st.collapsed = type === "payment" && options.layout?.defaultCollapsed === true;
    const api = elementApi(st);
    st.api = api;
    elementStates.set(api, st);
    gs.live[slot] = st;
    liveStates.add(st);
    return api;
  }
  function checkCreate(gs, type, opts) {
    if (!Object.hasOwn(EVENTS, type)) {
      throw integration(`elements.create(${describe(type)}): this Element type is not supported by the simulator (supported: ${Object.keys(EVENTS).join(", ")}).`);
    }
    const fn = `elements.create('${type}')`;
    if (type !== "address" && gs.live[type]) throw integration(`Can only create one Element of type ${type}.`);
    const options = opts === void 0 ? {} : opts;
    checkElementOptions(type, options, fn);
    if (type === "address" && options.mode === void 0) {
      throw integration(`Missing value for ${fn}: mode should be one of shipping, billing.`);
    }
    const slot = type === "address" ? `address:${options.mode}` : type;
    if (gs.live[slot]) {
      throw integration(`Can only create one Element of type address with mode ${options.mode}. An Elements group holds at most one shipping and one billing Address Element.`);
    }
    return { options, slot };
  }
  function elementApi(st) {
    const { type, group: gs, slot } = st;
    const guard = (method, impl, isAsync = false) => instrument(method, (...args) => {
      if (st.destroyed) {
        const e = integration("This Element has already been destroyed. Please create a new one.");
        if (isAsync) return Promise.reject(e);
        throw e;
      }
      return impl(...args);
    });
    const api = {
      mount: guard("element.mount", (target) => {
        mount(st, target);
      }),
      unmount: guard("element.unmount", () => {
        unmount(st);
      }),
      destroy: guard("element.destroy", () => {
        unmount(st);
        st.destroyed = true;
        st.handlers.clear();
        if (gs.live[slot] === st) gs.live[slot] = null;
        liveStates.delete(st);
      }),
      on: guard("element.on", (event, handler) => {
        addHandler(st, event, handler, false);
        return api;
      }),
      once: guard("element.once", (event, handler) => {
        addHandler(st, event, handler, true);
        return api;
      }),
      // Not guarded: off() on a destroyed Element is a no-op, as in Stripe.js. @stripe/react-stripe-js
      // destroys an Element in a layout-effect cleanup and removes its listeners in a later
      // passive-effect cleanup, so every unmount calls off() after destroy() (see sim/README.md).
      off: instrument("element.off", (event, handler) => {
        if (!st.destroyed) removeHandler(st, event, handler);
        return api;
      }),
      update: guard("element.update", (o) => {
        updateElement(st, o);
        return api;
      }),
      focus: guard("element.focus", () => {
        st.wrapper?.querySelector("input, select, button")?.focus();
      }),
      blur: guard("element.blur", () => {
        if (st.wrapper?.contains(document.activeElement)) document.activeElement.blur();
      }),
      clear: guard("element.clear", () => {
        st.values = initialValues({ ...st, options: { ...st.options, defaultValues: void 0 } });
        st.errors = {};
        rerender(st);
        if (EVENTS[type].includes("change")) emit(st, "change", changeEvent(st));
      })
    };
    if (type === "linkAuthentication") delete api.update;
    if (type === "payment") api.collapse = guard("element.collapse", () => {
      st.collapsed = true;
      return api;
    });
    if (type === "address") api.getValue = guard("address.getValue", (o) => getValue(st, o), true);
    return api;
  }
  async function getValue(st, o) {
    if (o !== void 0) {
      needObject(o, "getValue()", "options");
      checkKeys(o, ["format"], "getValue()", "options.");
      checkEnum(o.format, ["latin", "localized"], "getValue()", "options.format");
    }
    if (st.container) validateElement(st, true);
    return addressResult(st);
  }
  function updateElement(st, o) {
    const fn = "element.update()";
    checkElementOptions(st.type, o, fn, true);
    if (o.mode !== void 0 && o.mode !== st.options.mode) throw integration(`Invalid value for ${fn}: mode cannot be changed after creation.`);
    Object.assign(st.options, defined(o));
    if (st.type === "address" && !countriesFor(st).includes(st.values.country)) st.values.country = countriesFor(st)[0];
    rerender(st);
  }
  function mount(st, target) {
    let node = target;
    if (typeof target === "string") {
      try {
        node = document.querySelector(target);
      } catch {
        node = null;
      }
      if (!node) {
        throw integration(`The selector you specified (${target}) applies to no DOM elements that are currently on the page. Make sure the element exists on the page before calling mount().`);
      }
    } else if (!(target instanceof HTMLElement)) {
      throw integration(`Invalid DOM element passed to mount(): pass a CSS selector or an HTMLElement. You specified: ${describe(target)}.`);
    }
    if (st.container) throw integration("This Element is already mounted. Use unmount() to unmount the Element before re-mounting.");
    if (node.getRootNode() !== document) {
      const message = "Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.";
      if (!/^pk_live_/.test(st.group.key)) throw integration(message);
      console.error(`IntegrationError: ${message}`);
    }
    st.container = node;
    st.mountSeq = nextUid();
    st.wrapper = renderFor(st);
    node.append(st.wrapper);
    awaitReady(st, st.mountSeq);
  }
  function awaitReady(st, seq) {
    stopReadyWait(st);
    const live = () => st.mountSeq === seq && st.container && !st.destroyed;
    st.readyWait = { timer: setTimeout(() => {
      st.readyWait = null;
      if (!live()) return;
      if (st.wrapper?.isConnected) {
        if (EVENTS[st.type].includes("loaderstart")) emit(st, "loaderstart", { elementType: st.type });
        if (st.type === "payment" && sessionSecret(st.group)) {
          readyWithSaved(st, live, rerender, readyEvent);
          return;
        }
        emit(st, "ready", readyEvent(st));
        return;
      }
      const observer = new MutationObserver(() => {
        if (!live()) return stopReadyWait(st);
        if (st.wrapper?.isConnected) awaitReady(st, seq);
      });
      observer.observe(document, { childList: true, subtree: true });
      st.readyWait = { observer };
    }, 0) };
  }
  function stopReadyWait(st) {
    clearTimeout(st.readyWait?.timer);
    st.readyWait?.observer?.disconnect();
    st.readyWait = null;
  }
  var renderFor = (st) => st.type === "expressCheckout" ? renderExpress(st) : renderForm(st);
  var readyEvent = (st) => st.type === "expressCheckout" ? expressReadyEvent(st) : { elementType: st.type };
  function unmount(st) {
    stopReadyWait(st);
    if (st.group.sheet?.st === st) st.group.sheet.close(false);
    st.wrapper?.remove();
    st.wrapper = null;
    st.container = null;
    st.inputs = {};
  }
  function rerender(st) {
    if (!st.wrapper) return;
    const old = st.wrapper;
    st.wrapper = renderFor(st);
    old.replaceWith(st.wrapper);
  }

  // src/elements-group.js
  var ELEMENT_LOCALES = [
    "auto",
    "ar",
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "en-AU",
    "en-CA",
    "en-NZ",
    "en-GB",
    "es",
    "es-ES",
    "es-419",
    "et",
    "fi",
    "fil",
    "fr",
    "fr-CA",
    "fr-FR",
    "he",
    "hu",
    "hr",
    "id",
    "it",
    "it-IT",
    "ja",
    "ko",
    "lt",
    "lv",
    "ms",
    "mt",
    "nb",
    "nl",
    "no",
    "pl",
    "pt",
    "pt-BR",
    "ro",
    "ru",
    "sk",
    "sl",
    "sv",
    "th",
    "tr",
    "vi",
    "zh",
    "zh-HK",
    "zh-TW"
  ];
  var BASE_OPTIONS = [
    "fonts",
    "locale",
    "appearance",
    "loader",
    "customerOptions",
    "customerSessionClientSecret",
    "customPaymentMethods",
    "syncAddressCheckbox",
    "paymentMethodCreation"
  ];
  var MODE_OPTIONS = [
    ...BASE_OPTIONS,
    "mode",
    "currency",
    "amount",
    "setupFutureUsage",
    "setup_future_usage",
    "captureMethod",
    "capture_method",
    "onBehalfOf",
    "on_behalf_of",
    "excludedPaymentMethodTypes",
    "allowedPaymentMethodTypes",
    "paymentMethodConfiguration",
    "payment_method_configuration",
    "paymentMethodOptions",
    "payment_method_options",
    "externalPaymentMethodTypes",
    "adaptivePricing",
    "paymentMethodTypes"
  ];
  var UPDATE_OPTIONS = [
    "locale",
    "fonts",
    "appearance",
    "mode",
    "currency",
    "amount",
    "setupFutureUsage",
    "setup_future_usage",
    "captureMethod",
    "capture_method",
    "excludedPaymentMethodTypes",
    "allowedPaymentMethodTypes",
    "paymentMethodConfiguration",
    "payment_method_configuration",
    "onBehalfOf",
    "on_behalf_of",
    "customerSessionClientSecret",
    "customPaymentMethods",
    "paymentMethodTypes"
  ];
  function checkModeOptions(o, fn, keys) {
    needObject(o, fn, "options");
    if ("clientSecret" in o) {
      throw integration(o.mode !== void 0 ? `Invalid value for ${fn}: clientSecret and mode cannot both be set. Use either mode (deferred intent) or clientSecret.` : `Unsupported value for ${fn}: the simulator supports only deferred-intent Elements; pass mode, currency and amount instead of clientSecret.`);
    }
    if (keys) checkKeys(o, keys, fn);
    checkEnum(o.mode, ["payment", "setup", "subscription"], fn, "mode");
    if (o.mode === void 0) throw integration(`Missing value for ${fn}: mode should be one of payment, setup, subscription.`);
    if (o.mode !== "setup" || o.currency !== void 0) {
      if (typeof o.currency !== "string" || !/^[a-z]{3}$/.test(o.currency)) {
        throw integration(`Invalid value for ${fn}: currency should be a three-letter lowercase ISO currency code (e.g. usd). You specified: ${describe(o.currency)}.`);
      }
    }
    if (o.mode === "setup" && o.amount !== void 0) throw integration(`Invalid value for ${fn}: amount is not accepted when mode is setup.`);
    if (o.mode !== "setup") {
      const min = o.mode === "payment" ? 1 : 0;
      if (!Number.isInteger(o.amount) || o.amount < min) {
        throw integration(`Invalid value for ${fn}: amount should be ${min ? "a positive" : "a non-negative"} integer in the smallest currency unit when mode is ${o.mode}. You specified: ${describe(o.amount)}.`);
      }
    }
    checkEnum(o.captureMethod ?? o.capture_method, ["manual", "automatic", "automatic_async"], fn, "captureMethod");
    checkEnum(o.setupFutureUsage ?? o.setup_future_usage, ["off_session", "on_session"], fn, "setupFutureUsage");
    checkEnum(o.loader, ["auto", "always", "never"], fn, "loader");
    checkEnum(o.locale, ELEMENT_LOCALES, fn, "locale");
    checkEnum(o.paymentMethodCreation, ["manual"], fn, "paymentMethodCreation");
    if (o.customerSessionClientSecret !== void 0 && (typeof o.customerSessionClientSecret !== "string" || !CUSTOMER_SESSION_SECRET.test(o.customerSessionClientSecret))) {
      throw integration(`Invalid value for ${fn}: customerSessionClientSecret should be a client secret of the form cuss_secret_… You specified: ${describe(o.customerSessionClientSecret)}.`);
    }
    if (o.appearance !== void 0 && !isObj(o.appearance)) throw integration(`Invalid value for ${fn}: appearance should be an object.`);
  }
  function createGroup(stripe, options) {
    checkModeOptions(options, "elements()", MODE_OPTIONS);
    const gs = {
      stripe,
      key: stripes.get(stripe),
      options: defined(options),
      live: {},
      submitted: false,
      updateEndHandlers: []
    };
    sim.lastElementsOptions = toPlain(gs.options);
    const group = {
      create: instrument("elements.create", (type, opts) => createElement(gs, type, opts)),
      getElement: instrument("elements.getElement", (type, opts) => getElement(gs, type, opts)),
      update: instrument("elements.update", (opts) => updateGroup(gs, opts)),
      on: instrument("elements.on", (event, handler) => {
        if (event !== "update-end") {
          throw integration(`Invalid value for elements.on(): event should be update-end. You specified: ${describe(event)}.`);
        }
        if (typeof handler !== "function") throw integration(`Invalid value for elements.on(): handler should be a function. You specified: ${describe(handler)}.`);
        gs.updateEndHandlers.push(handler);
      }),
      submit: instrument("elements.submit", () => submit(gs), (value) => {
        if (isObj(value) && !value.error) gs.submitted = true;
      })
    };
    groups.set(group, gs);
    return group;
  }
  var ELEMENT_TYPES = [
    "address",
    "auBankAccount",
    "card",
    "cardNumber",
    "cardExpiry",
    "cardCvc",
    "contactDetails",
    "currencySelector",
    "expressCheckout",
    "iban",
    "payment",
    "paymentForm",
    "paymentMethodMessaging",
    "linkAuthentication",
    "linkSignup",
    "shippingAddress",
    "issuingCardNumberDisplay",
    "issuingCardCvcDisplay",
    "issuingCardExpiryDisplay",
    "issuingCardPinDisplay",
    "issuingCardCopyButton",
    "taxId",
    "terms",
    "issuingAddToWalletButton"
  ];
  function getElement(gs, type, options) {
    const fn = "elements.getElement()";
    if (!ELEMENT_TYPES.includes(type)) {
      throw integration(`Invalid value for ${fn}: type should be one of ${ELEMENT_TYPES.join(", ")}. You specified: ${describe(type)}.`);
    }
    if (type !== "address") return gs.live[type]?.api ?? null;
    if (options !== void 0) {
      needObject(options, fn, "options");
      checkKeys(options, ["mode"], fn, "options.");
      if (options.mode === void 0) throw integration(`Missing value for ${fn}: options.mode should be one of ${ADDRESS_MODES.join(", ")}.`);
      checkEnum(options.mode, ADDRESS_MODES, fn, "options.mode");
      return gs.live[`address:${options.mode}`]?.api ?? null;
    }
    const found = ADDRESS_MODES.map((m) => gs.live[`address:${m}`]).filter(Boolean);
    if (found.length > 1) {
      throw integration(`Missing value for ${fn}: options.mode is required when the Elements group has two Address Elements; pass {mode: 'shipping'} or {mode: 'billing'}.`);
    }
    return found[0]?.api ?? null;
  }
  function updateGroup(gs, opts) {
    const fn = "elements.update()";
    needObject(opts, fn, "options");
    checkKeys(opts, UPDATE_OPTIONS, fn);
    if (opts.amount !== void 0 && !Number.isInteger(opts.amount)) {
      throw integration(`Invalid value for ${fn}: amount should be an integer. You specified: ${describe(opts.amount)}.`);
    }
    const merged = { ...gs.options, ...defined(opts) };
    checkModeOptions(merged, fn, null);
    gs.options = merged;
    sim.lastUpdate = toPlain(opts);
    sim.lastElementsOptions = toPlain(merged);
    if ("appearance" in opts) Object.values(gs.live).forEach((st) => st && rerender(st));
    gs.sheet?.paint();
    return new Promise((resolve) => setTimeout(() => {
      for (const handler of [...gs.updateEndHandlers]) {
        try {
          handler();
        } catch (e) {
          report(e);
        }
      }
      resolve();
    }, 0));
  }
  var mountedAddresses = (gs) => ADDRESS_MODES.map((m) => gs.live[`address:${m}`]).filter((st) => st?.container);
  var expressPayment = (gs) => gs.sheet?.status === "processing" ? gs.sheet : null;
  var mountedLinkAuth = (gs) => gs.live.linkAuthentication?.container ? gs.live.linkAuthentication : null;
  async function submit(gs) {
    const pay = gs.live.payment;
    const express = expressPayment(gs);
    if (!express && (!pay || !pay.container)) {
      throw integration(`elements.submit() requires a mounted Payment Element (create and mount it with elements.create("payment").mount(...)), or a wallet payment in progress (call it from the Express Checkout Element's confirm handler).`);
    }
    gs.submitted = false;
    if (express) {
      gs.submitted = true;
      return { selectedPaymentMethod: express.wallet.type };
    }
    const link = mountedLinkAuth(gs);
    const errors = link ? [...validateElement(link, true)] : [];
    errors.push(...validateElement(pay, true));
    for (const address of mountedAddresses(gs)) errors.push(...validateElement(address, true));
    if (errors.length) return { error: { type: "validation_error", ...errors[0] } };
    gs.submitted = true;
    return { selectedPaymentMethod: "card" };
  }

  // src/confirmation-token.js
  var SUBMIT_FIRST = "elements.submit() must be called before stripe.createConfirmationToken(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.";
  var ADDRESS_KEYS = ["line1", "line2", "city", "state", "postal_code", "country"];
  function checkTokenParams(params) {
    const fn = "createConfirmationToken()";
    const p = "params.";
    needObject(params, fn, "params");
    checkKeys(params, ["payment_method_data", "shipping", "return_url", "metadata"], fn, p);
    const pmd = params.payment_method_data;
    if (pmd !== void 0) {
      needObject(pmd, fn, "params.payment_method_data");
      checkKeys(pmd, ["billing_details", "allow_redisplay", "metadata"], fn, `${p}payment_method_data.`);
      checkEnum(pmd.allow_redisplay, ["always", "limited", "unspecified"], fn, "params.payment_method_data.allow_redisplay");
      const bd = pmd.billing_details;
      if (bd !== void 0) {
        needObject(bd, fn, "params.payment_method_data.billing_details");
        checkKeys(bd, ["name", "email", "phone", "address"], fn, `${p}payment_method_data.billing_details.`);
        if (bd.address != null) {
          needObject(bd.address, fn, "params.payment_method_data.billing_details.address");
          checkKeys(bd.address, ADDRESS_KEYS, fn, `${p}payment_method_data.billing_details.address.`);
        }
      }
    }
    const sh = params.shipping;
    if (sh !== void 0) {
      needObject(sh, fn, "params.shipping");
      checkKeys(sh, ["name", "address", "phone"], fn, `${p}shipping.`);
      if (!("name" in sh) || sh.name !== null && typeof sh.name !== "string") {
        throw integration(`Missing value for ${fn}: params.shipping.name should be a string.`);
      }
      if (!isObj(sh.address)) throw integration(`Missing value for ${fn}: params.shipping.address should be an object.`);
      checkKeys(sh.address, ADDRESS_KEYS, fn, `${p}shipping.address.`);
      for (const k of ADDRESS_KEYS) {
        const v = sh.address[k];
        if (!(k in sh.address) || v !== null && typeof v !== "string") {
          throw integration(`Missing value for ${fn}: params.shipping.address.${k} should be a string or null (all of ${ADDRESS_KEYS.join(", ")} are required).`);
        }
      }
      if (!sh.address.country) throw integration(`Missing value for ${fn}: params.shipping.address.country should be a two-letter country code.`);
    }
    if (params.return_url != null && typeof params.return_url !== "string") {
      throw integration(`Invalid value for ${fn}: params.return_url should be a string.`);
    }
    if (params.metadata !== void 0 && !isObj(params.metadata)) throw integration(`Invalid value for ${fn}: params.metadata should be an object.`);
  }
  var compact = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== void 0 && v !== ""));
  function billingDetails(gs, pay, bd = {}) {
    const address = { country: paymentCountry(pay), postal_code: collectsPostal(pay) ? pay.values.postal.trim() : void 0 };
    const billingAddr = gs.live["address:billing"]?.container ? gs.live["address:billing"] : null;
    const fromAddr = billingAddr ? addressValue(billingAddr) : null;
    return {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
        ...compact(address),
        ...compact(fromAddr?.address || {}),
        ...bd.address || {}
      },
      email: bd.email ?? linkEmail(gs),
      name: bd.name ?? (fromAddr?.name || null),
      phone: bd.phone ?? (fromAddr?.phone || null)
    };
  }
  function linkEmail(gs) {
    const link = mountedLinkAuth(gs);
    return link && !emailError(link.values.email) ? link.values.email.trim() : null;
  }
  function shippingFrom(st) {
    const { name, address, phone } = addressValue(st);
    const orNull = (v) => v === "" || v === void 0 ? null : v;
    return { name, phone: orNull(phone), address: Object.fromEntries(ADDRESS_KEYS.map((k) => [k, orNull(address[k])])) };
  }
  async function createConfirmationToken(stripe, key, arg) {
    const { gs, params } = checkTokenCall(stripe, arg);
    const express = expressPayment(gs);
    const bd = params.payment_method_data?.billing_details;
    if (!express) checkPaymentElement(gs, bd);
    if (!gs.submitted) throw integration(SUBMIT_FIRST);
    const details = express ? express.paymentDetails(bd) : elementsDetails(gs, bd);
    if (details.error) return details;
    if (details.saved) return savedCardToken(gs, key, params, details);
    const { card, billing, shipping: fromElements } = details;
    const { number, exp_month, exp_year } = card;
    const shipping = params.shipping ?? fromElements;
    const setupFutureUsage = gs.options.setupFutureUsage ?? gs.options.setup_future_usage;
    const wallet = express ? { type: express.wallet.type, [express.wallet.type]: {} } : null;
    let token;
    if (API_BASE) {
      const body = {
        payment_method_data: {
          type: "card",
          card,
          billing_details: { ...compact(billing), address: compact(billing.address) },
          allow_redisplay: params.payment_method_data?.allow_redisplay,
          metadata: params.payment_method_data?.metadata
        },
        shipping,
        return_url: params.return_url,
        metadata: params.metadata,
        setup_future_usage: setupFutureUsage
      };
      const res = await request(key, "POST", "/v1/confirmation_tokens", body);
      if (res.error) return res;
      token = res.data;
    } else {
      token = memoryToken({ params, card, billing, shipping, setupFutureUsage, wallet });
    }
    gs.submitted = false;
    sim.tokens[token.id] = {
      id: token.id,
      number: API_BASE ? void 0 : number,
      last4: number.slice(-4),
      exp_month,
      exp_year,
      email: billing.email,
      setup_future_usage: setupFutureUsage ?? null,
      wallet: wallet?.type ?? null,
      params: toPlain(params),
      token: clone(token)
    };
    return { confirmationToken: token };
  }
  function checkTokenCall(stripe, arg) {
    const fn = "createConfirmationToken()";
    if (!isObj(arg)) throw integration(`Invalid value for ${fn}: expected an object with an elements property. You specified: ${describe(arg)}.`);
    checkKeys(arg, ["elements", "params"], fn);
    const gs = groups.get(arg.elements);
    if (!gs) throw integration(`Invalid value for ${fn}: elements should be an Elements group created by stripe.elements(). You specified: ${describe(toPlain(arg.elements))}.`);
    if (gs.stripe !== stripe) throw integration(`Invalid value for ${fn}: elements was created by a different Stripe instance.`);
    const params = arg.params === void 0 ? {} : arg.params;
    checkTokenParams(params);
    return { gs, params };
  }
  function checkPaymentElement(gs, bd) {
    const fn = "createConfirmationToken()";
    const pay = gs.live.payment;
    if (!pay || !pay.container) throw integration(`${fn} requires a mounted Payment Element in the given Elements group.`);
    if (!collectsPostal(pay) && !bd?.address) {
      throw integration(`You specified "never" for fields.billingDetails.address when creating the payment Element, but did not pass params.payment_method_data.billing_details.address when calling ${fn}.`);
    }
  }
  function elementsDetails(gs, bd) {
    const pay = gs.live.payment;
    const saved = chosenSaved(pay);
    if (saved) {
      const shippingEl2 = gs.live["address:shipping"]?.container ? gs.live["address:shipping"] : null;
      return { saved, shipping: shippingEl2 ? shippingFrom(shippingEl2) : void 0 };
    }
    const errors = validateElement(pay, true);
    if (errors.length) return { error: { type: "validation_error", ...errors[0] } };
    const { month, year } = parseExpiry(pay.values.expiry);
    const card = { number: digits(pay.values.number), exp_month: month, exp_year: year, cvc: digits(pay.values.cvc) };
    const billing = billingDetails(gs, pay, bd);
    const shippingEl = gs.live["address:shipping"]?.container ? gs.live["address:shipping"] : null;
    const shipping = shippingEl ? shippingFrom(shippingEl) : void 0;
    return { card, billing, shipping };
  }
  function memoryToken({ params, card, billing, shipping, setupFutureUsage, wallet }) {
    const { number, exp_month, exp_year } = card;
    const brand = cardBrand(number);
    const created = now();
    const token = {
      id: `ctoken_${randomId()}`,
      object: "confirmation_token",
      created,
      expires_at: created + 12 * 3600,
      livemode: false,
      payment_intent: null,
      payment_method_preview: { type: "card", billing_details: billing, card: {
        brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
        country: "US",
        display_brand: brand,
        exp_month,
        exp_year,
        funding: "credit",
        last4: number.slice(-4),
        networks: { preferred: null, available: [brand] },
        regulated_status: "unregulated",
        three_d_secure_usage: { supported: true },
        wallet
      } },
      return_url: params.return_url ?? null,
      setup_future_usage: setupFutureUsage ?? null,
      setup_intent: null,
      shipping: shipping ? { ...shipping, phone: shipping.phone ?? null } : null,
      use_stripe_sdk: true
    };
    return clone(token);
  }
  async function savedCardToken(gs, key, params, { saved, shipping: fromElements }) {
    const setupFutureUsage = gs.options.setupFutureUsage ?? gs.options.setup_future_usage;
    const res = await request(key, "POST", "/v1/confirmation_tokens", {
      payment_method: saved.id,
      customer_session_client_secret: sessionSecret(gs),
      shipping: params.shipping ?? fromElements,
      return_url: params.return_url,
      setup_future_usage: setupFutureUsage
    });
    if (res.error) return res;
    gs.submitted = false;
    const token = res.data;
    sim.tokens[token.id] = {
      id: token.id,
      last4: saved.card.last4,
      exp_month: saved.card.exp_month,
      exp_year: saved.card.exp_year,
      email: saved.billing_details?.email ?? null,
      payment_method: saved.id,
      setup_future_usage: setupFutureUsage ?? null,
      wallet: null,
      params: toPlain(params),
      token: clone(token)
    };
    return { confirmationToken: token };
  }

  // src/stripe-instance.js
  var CONSTRUCTOR_OPTIONS = ["stripeAccount", "apiVersion", "locale", "betas", "developerTools"];
  var CONSTRUCTOR_SHAPE = T.obj({
    stripeAccount: T.str,
    apiVersion: T.str,
    locale: T.oneOf(...ELEMENT_LOCALES),
    betas: T.arr(T.str),
    developerTools: T.obj({ assistant: T.obj({ enabled: T.bool }) })
  });
  function createStripe(key, options) {
    if (typeof key !== "string" || key === "") {
      throw integration(`Please call Stripe() with your publishable key. You specified: ${describe(key)}.`);
    }
    if (/^(sk|rk)_/.test(key)) {
      throw integration("You should not use your secret key with Stripe.js. Secret and restricted keys must never be used in the browser; pass your publishable key (pk_test_...) instead.");
    }
    if (!/^pk_(test|live)_/.test(key)) {
      throw integration(`Invalid value for Stripe(): apiKey should be a publishable key starting with pk_test_ or pk_live_. You specified: ${key}.`);
    }
    if (options !== void 0 && !isObj(options)) {
      throw integration(`Invalid value for Stripe(): options should be an object. You specified: ${describe(options)}.`);
    }
    for (const k of Object.keys(options || {})) {
      if (!CONSTRUCTOR_OPTIONS.includes(k)) console.warn(`Unrecognized Stripe() parameter: ${k} is not a recognized parameter.`);
    }
    const o = options || {};
    CONSTRUCTOR_SHAPE(defined(Object.fromEntries(CONSTRUCTOR_OPTIONS.map((k) => [k, o[k]]))), "Stripe()", "");
    if (o.stripeAccount !== void 0 && !/^acct_[A-Za-z0-9]+$/.test(o.stripeAccount)) {
      throw integration(`Invalid value for Stripe(): stripeAccount should be a connected account ID starting with acct_. You specified: ${o.stripeAccount}.`);
    }
    const stripe = {
      registerAppInfo: instrument("registerAppInfo", (info) => registerAppInfo(info)),
      elements: instrument("elements", (opts) => createGroup(stripe, opts)),
      createConfirmationToken: instrument("createConfirmationToken", (arg) => createConfirmationToken(stripe, key, arg)),
      handleNextAction: instrument("handleNextAction", (arg) => handleNextAction(key, arg)),
      retrievePaymentIntent: instrument("retrievePaymentIntent", (secret) => retrievePaymentIntent(key, secret)),
      retrieveSetupIntent: instrument("retrieveSetupIntent", (secret) => retrieveSetupIntent(key, secret))
    };
    for (const name of UNMODELLED) {
      stripe[name] = instrument(name, async () => {
        throw integration(`stripe.${name}() is not supported by the simulator: it is not part of this checkout's flow (see sim/README.md).`);
      });
    }
    stripes.set(stripe, key);
    return stripe;
  }
  function registerAppInfo(info) {
    const fn = "registerAppInfo()";
    if (!isObj(info)) throw integration(`Invalid value for ${fn}: expected an object. You specified: ${describe(info)}.`);
    checkKeys(info, ["name", "version", "url", "partner_id"], fn);
    if (typeof info.name !== "string" || !info.name) throw integration(`Invalid value for ${fn}: name should be a string. You specified: ${describe(info.name)}.`);
    for (const k of ["version", "url", "partner_id"]) {
      if (info[k] !== void 0 && typeof info[k] !== "string") throw integration(`Invalid value for ${fn}: ${k} should be a string. You specified: ${describe(info[k])}.`);
    }
    sim.appInfo = clone(info);
  }

  // src/main.js
  var Stripe = instrument("Stripe", createStripe);
  Stripe.version = "endive";
  window.Stripe = Stripe;
  window.__stripeSim = sim;
})();
