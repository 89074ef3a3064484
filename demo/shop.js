// The demo shop's quantity selector: keeps the cart total, the order summary and the checkout
// host's `data-amount` / `data-request-body` in step with the chosen quantity. External module
// (the page's CSP forbids inline scripts and inline event handlers).
const UNIT_AMOUNT = 2500; // cents; the server prices the cart from its own catalogue
const PRODUCT_ID = "tshirt";
const MIN = 1;
const MAX = 10;

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const input = document.getElementById("quantity");
const down = document.getElementById("quantity-down");
const up = document.getElementById("quantity-up");
// The checkout host: `#checkout`, which becomes `[data-stripe-checkout]` once we know whether
// this is a returning customer (below); looked up each time, since it is replaced then.
const checkoutHost = () => document.getElementById("checkout");

function clamp(value) {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(MAX, Math.max(MIN, n)) : MIN;
}

function apply(quantity) {
  const amount = UNIT_AMOUNT * quantity;
  const total = money.format(amount / 100);
  input.value = String(quantity);
  down.disabled = quantity <= MIN;
  up.disabled = quantity >= MAX;
  document.getElementById("summary-quantity").textContent = String(quantity);
  document.getElementById("summary-subtotal").textContent = total;
  document.getElementById("cart-total").textContent = total;
  const host = checkoutHost();
  if (host) {
    host.dataset.amount = String(amount);
    host.dataset.requestBody = JSON.stringify({ items: [{ id: PRODUCT_ID, quantity }] });
  }
}

if (input && down && up) {
  down.addEventListener("click", () => apply(clamp(Number(input.value) - 1)));
  up.addEventListener("click", () => apply(clamp(Number(input.value) + 1)));
  // Typing: follow valid numbers as they come, tidy up when the field is left.
  input.addEventListener("input", () => {
    const n = Number(input.value);
    if (input.value !== "" && Number.isInteger(n) && n >= MIN && n <= MAX) apply(n);
  });
  input.addEventListener("change", () => apply(clamp(input.value)));
  apply(clamp(input.value));
}

// Where the shop ships, answered for the wallet sheet. The checkout fires the cancelable
// `stripe-checkout:shipping-address-change` when the customer picks an address in the wallet
// (detail: {name, address: {city, state, postal_code, country}}); the listener answers at once:
// `preventDefault()` refuses the address (the sheet asks for another), otherwise the checkout
// reads `data-shipping-rates` (and `data-amount`) as the listener left them. Shipping is free
// everywhere we ship, so the total stays what the server prices the cart at.
const SHIPS_TO = new Set(["US", "CA", "GB"]);
const RATES = {
  domestic: [{ id: "standard", amount: 0, displayName: "Free shipping (3–5 days)" }],
  international: [{ id: "international", amount: 0, displayName: "International shipping (5–8 days)" }],
};

// The event bubbles: one listener on the document serves the host whenever it is mounted.
if (checkoutHost()) {
  document.addEventListener("stripe-checkout:shipping-address-change", (event) => {
    const country = event.detail?.address?.country;
    if (!SHIPS_TO.has(country)) {
      event.preventDefault();
      return;
    }
    const rates = country === "GB" ? RATES.international : RATES.domestic;
    event.target.dataset.shippingRates = JSON.stringify(rates);
  });
}

// A returning customer: the server answers `POST /customer-session` with a CustomerSession's
// client_secret when this browser saved a card (its signed, HttpOnly cookie names the Customer;
// 404 otherwise). The host is then added with `data-customer-session-client-secret`, and the
// Payment Element lists the saved card. A real shop's server would render the secret into the
// page for its signed-in customer: no extra request, nothing for the page to decide.
async function mountCheckout() {
  const slot = checkoutHost();
  if (!slot || slot.hasAttribute("data-stripe-checkout")) return;
  let secret = null;
  try {
    const res = await fetch("/customer-session", { method: "POST" });
    if (res.ok) secret = (await res.json()).client_secret ?? null;
  } catch {
    // No answer: the customer types a card.
  }
  const host = slot.cloneNode(false);
  host.removeAttribute("data-checkout-host");
  if (secret) {
    host.dataset.customerSessionClientSecret = secret;
    document.getElementById("returning")?.removeAttribute("hidden");
  }
  host.setAttribute("data-stripe-checkout", "");
  slot.replaceWith(host);
}
mountCheckout();
