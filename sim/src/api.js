/**
 * API mode (`stripe.js?api=…`): requests to the simulated Stripe API, form-encoded with bracketed
 * keys and the publishable key as the bearer token (sim/README.md, "API mode endpoints").
 */
import { API_BASE } from './loader.js';

export async function request(key, method, path, body) {
  let res;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body: body ? formEncode(body) : undefined,
    });
  } catch (e) {
    return { error: { type: 'api_connection_error', message: `Could not connect to the simulated Stripe API at ${API_BASE} (${e.message}).` } };
  }
  let data;
  try { data = await res.json(); } catch {
    return { error: { type: 'api_error', message: `The simulated Stripe API answered HTTP ${res.status} without a JSON body.` } };
  }
  if (data && data.error) return { error: data.error };
  if (!res.ok) return { error: { type: 'api_error', message: `The simulated Stripe API answered HTTP ${res.status}.` } };
  return { data };
}

/** Form-encodes nested data with bracketed keys (a[b][0]=c); null becomes an empty string. */
function formEncode(data) {
  const out = new URLSearchParams();
  const walk = (v, k) => {
    if (v === undefined) return;
    if (v === null) out.append(k, '');
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${k}[${i}]`));
    else if (typeof v === 'object') Object.entries(v).forEach(([ck, cv]) => walk(cv, k ? `${k}[${ck}]` : ck));
    else out.append(k, String(v));
  };
  walk(data, '');
  return out.toString();
}
