/**
 * Rendering helpers: the theme from Elements' `appearance`, element creation with inline styles
 * (everything is set through `element.style`, so a CSP without `style-src 'unsafe-inline'`
 * works), amounts, and the modal dialog shared by the 3D Secure challenge and the wallet sheet.
 */
import { nextUid } from './state.js';

/** The Elements `appearance` (`theme`, `variables`) as the colours and font the simulator draws with. */
export function theme(appearance) {
  const v = appearance?.variables || {};
  const night = appearance?.theme === 'night';
  return {
    primary: v.colorPrimary || '#0570de',
    text: v.colorText || (night ? '#e0e6eb' : '#30313d'),
    background: v.colorBackground || (night ? '#30313d' : '#ffffff'),
    danger: v.colorDanger || '#df1b41',
    muted: night ? '#a3acb9' : '#6d6e78',
    border: night ? '#424353' : '#e0e0e6',
    font: v.fontFamily || 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    radius: v.borderRadius || '5px',
  };
}

export function el(tag, props = {}, style = {}) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  Object.assign(node.style, style);
  return node;
}

/** `{amount, currency}` in the smallest currency unit, formatted for the page's locale (e.g. `$24.99`). */
export function formatAmount(pi) {
  try {
    const f = new Intl.NumberFormat(undefined, { style: 'currency', currency: String(pi.currency).toUpperCase() });
    return f.format(pi.amount / 10 ** f.resolvedOptions().maximumFractionDigits);
  } catch { return `${pi.amount} ${pi.currency}`; }
}

/**
 * A modal dialog in the page (a native <dialog> shown with showModal(), else a fixed overlay),
 * labelled by its heading. Escape calls `onEscape`. Shared by the 3D Secure challenge and the
 * wallet payment sheet. Returns {dialog, t, button(label, primary), row(...nodes), show(), close()}.
 */
export function modal(title, className, onEscape) {
  const t = theme({});
  const native = typeof HTMLDialogElement === 'function';
  const overlay = native ? null : el('div', {}, { position: 'fixed', inset: '0', background: 'rgba(10,20,30,0.45)',
    zIndex: '2147483647', display: 'flex', alignItems: 'center', justifyContent: 'center' });
  const dialog = el(native ? 'dialog' : 'div', { className }, { border: 'none', borderRadius: '12px',
    padding: '24px', width: 'min(480px, calc(100vw - 32px))', maxHeight: 'calc(100vh - 32px)', overflow: 'auto',
    boxSizing: 'border-box', background: '#fff', color: t.text, fontFamily: t.font, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' });
  const headingId = `${className}-${nextUid()}`;
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', headingId);
  dialog.append(el('h2', { id: headingId, textContent: title }, { margin: '0 0 8px', fontSize: '18px' }));
  const button = (label, primary) => el('button', { type: 'button', textContent: label }, { padding: '10px 16px',
    borderRadius: '6px', fontSize: '14px', fontFamily: 'inherit', cursor: 'pointer', fontWeight: '600',
    border: primary ? `1px solid ${t.primary}` : `1px solid ${t.border}`, background: primary ? t.primary : '#fff',
    color: primary ? '#fff' : t.text });
  const row = (...nodes) => {
    const r = el('div', {}, { display: 'flex', gap: '8px', justifyContent: 'flex-end', flexWrap: 'wrap' });
    r.append(...nodes);
    return r;
  };
  if (native) dialog.addEventListener('cancel', (e) => { e.preventDefault(); onEscape(); });
  else dialog.addEventListener('keydown', (e) => { if (e.key === 'Escape') onEscape(); });
  return {
    dialog, t, button, row,
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
    },
  };
}
