// Mounts the React checkout into every `[data-stripe-checkout]` host on the page, reading its
// configuration from data-attributes: the same host contract as the wasm embed.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadStripe } from '@stripe/stripe-js';
import { Checkout } from './Checkout.jsx';

for (const host of document.querySelectorAll('[data-stripe-checkout]')) {
  const { publishableKey, amount, currency, endpoint, returnUrl } = host.dataset;
  host.dataset.state = 'loading';
  createRoot(host).render(
    <StrictMode>
      <Checkout
        host={host}
        stripePromise={loadStripe(publishableKey)}
        amount={Number(amount)}
        currency={currency}
        endpoint={endpoint}
        returnUrl={returnUrl}
      />
    </StrictMode>,
  );
}
