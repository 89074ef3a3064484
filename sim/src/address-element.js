/**
 * The Address Element (address.d.ts): its options, modes and countries, its form (name, country,
 * address lines, city, state, postal code and, when shown, the phone), its field errors and its
 * value. The form itself is drawn by form.js.
 */
import { fail } from './messages.js';
import { T } from './shapes.js';
import { integration } from './util.js';

export const ADDRESS_MODES = ['shipping', 'billing'];

export const COUNTRIES = { US: 'United States', GB: 'United Kingdom', CA: 'Canada', AU: 'Australia', IE: 'Ireland',
  FR: 'France', DE: 'Germany', NL: 'Netherlands', ES: 'Spain', IT: 'Italy', BE: 'Belgium', SE: 'Sweden',
  CH: 'Switzerland', NZ: 'New Zealand', JP: 'Japan' };

// ---- Address Element options (address.d.ts 133-223)
const ADDRESS_REQUIRED = T.oneOf('always', 'never', 'auto');
export const ADDRESS_SHAPE = T.obj({
  mode: T.oneOf(...ADDRESS_MODES),
  allowedCountries: T.nullable(T.arr(T.country)),
  autocomplete: (v, fn, path) => {
    T.obj({ mode: T.oneOf('automatic', 'disabled', 'google_maps_api'), apiKey: T.str }, ['mode'])(v, fn, path);
    if (v.mode === 'google_maps_api' && v.apiKey === undefined) throw integration(`Missing value for ${fn}: ${path}.apiKey is required when mode is google_maps_api.`);
    if (v.mode !== 'google_maps_api' && v.apiKey !== undefined) throw integration(`Invalid value for ${fn}: ${path}.apiKey is only accepted when mode is google_maps_api.`);
  },
  blockPoBox: T.bool,
  contacts: T.arr(T.obj({ name: T.str, phone: T.str, address: T.obj({ line1: T.str, line2: T.str, city: T.str,
    state: T.str, postal_code: T.str, country: T.country }, ['line1', 'city', 'state', 'postal_code', 'country']) }, ['name', 'address'])),
  defaultValues: T.obj({ name: T.nullable(T.str), firstName: T.nullable(T.str), lastName: T.nullable(T.str),
    address: T.obj({ line1: T.nullable(T.str), line2: T.nullable(T.str), city: T.nullable(T.str), state: T.nullable(T.str),
      postal_code: T.nullable(T.str), country: T.country }, ['country']), phone: T.nullable(T.str) }),
  fields: T.obj({ phone: ADDRESS_REQUIRED, name: T.oneOf('never', 'auto') }),
  validation: T.obj({ phone: T.obj({ required: ADDRESS_REQUIRED }, ['required']) }),
  display: T.obj({ name: T.oneOf('full', 'split', 'organization') }),
});

export const countriesFor = (st) => {
  const allowed = (st.options.allowedCountries || []).map((c) => c.toUpperCase()).filter((c) => COUNTRIES[c]);
  return allowed.length ? allowed : Object.keys(COUNTRIES);
};

const showsPhone = (st) => st.options.fields?.phone === 'always';
const phoneRequired = (st) => st.options.validation?.phone?.required === 'always';

/** The Address Element's fields, autocomplete tokens prefixed with its mode, for form.js. */
export function addressFields(st) {
  const ac = (token) => `${st.options.mode} ${token}`;
  return [
    st.options.fields?.name !== 'never' && { key: 'name', label: 'Full name', ac: ac('name') },
    { key: 'country', label: 'Country', ac: ac('country'), select: countriesFor(st) },
    { key: 'line1', label: 'Address line 1', ac: ac('address-line1') },
    { key: 'line2', label: 'Address line 2 (optional)', ac: ac('address-line2') },
    { key: 'city', label: 'City', ac: ac('address-level2'), half: true },
    { key: 'state', label: 'State (optional)', ac: ac('address-level1'), half: true },
    { key: 'postal_code', label: 'Postal code', ac: ac('postal-code') },
    showsPhone(st) && { key: 'phone', label: phoneRequired(st) ? 'Phone' : 'Phone (optional)', ac: ac('tel'), type: 'tel' },
  ].filter(Boolean);
}

/** Starting values from `defaultValues` (a country not offered falls back to the first offered). */
export function addressInitialValues(st) {
  const dv = st.options.defaultValues || {};
  const a = dv.address || {};
  const name = dv.name ?? [dv.firstName, dv.lastName].filter(Boolean).join(' ');
  const countries = countriesFor(st);
  return { name: name || '', country: countries.includes(a.country) ? a.country : countries[0],
    line1: a.line1 ?? '', line2: a.line2 ?? '', city: a.city ?? '', state: a.state ?? '',
    postal_code: a.postal_code ?? '', phone: dv.phone ?? '' };
}

export function addressFieldError(st, key) {
  const raw = String(st.values[key] ?? '').trim();
  const required = { name: 'incomplete_name', line1: 'incomplete_address_line1', city: 'incomplete_city', postal_code: 'incomplete_zip' };
  if (key === 'postal_code' && !raw) return fail('incomplete_zip', 'Your postal code is incomplete.');
  if (required[key] && !raw) return fail(required[key]);
  if (key === 'phone' && phoneRequired(st) && !raw) return fail('incomplete_phone');
  return null;
}


/** The address as typed: `value` of the `change` event and of `getValue()`. */
export function addressValue(st) {
  const v = (k) => String(st.values[k] ?? '').trim();
  const value = { name: v('name'), address: { line1: v('line1'), line2: v('line2') || null, city: v('city'),
    state: v('state'), postal_code: v('postal_code'), country: v('country') } };
  if (showsPhone(st)) value.phone = v('phone');
  return value;
}
