/**
 * The Link Authentication Element (link-authentication.d.ts; docs: js/element/link_authentication_element):
 * one email input, its options and the email check. The form itself is drawn by form.js.
 */
import { fail } from './messages.js';
import { T } from './shapes.js';

// ---- Link Authentication Element options (link-authentication.d.ts 127-134)
export const LINK_AUTH_SHAPE = T.obj({ defaultValues: T.obj({ email: T.str }, ['email']) });

export const linkAuthFields = () => [{ key: 'email', label: 'Email', ac: 'email', type: 'email' }];
export const linkAuthInitialValues = (st) => ({ email: st.options.defaultValues?.email ?? '' });

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The error of an email as typed (`incomplete_email`, `invalid_email`), or null. */
export function emailError(raw) {
  const v = String(raw ?? '').trim();
  if (!v) return fail('incomplete_email');
  return EMAIL_RE.test(v) ? null : fail('invalid_email');
}
