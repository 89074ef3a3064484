// The checkout form: wallet buttons (Express Checkout Element) above Payment Element + Address
// Element in a deferred-intent Elements group, paid with a confirmation token that the backend
// confirms. As in the embed, the wallet sheet collects the shipping address (one rate, included)
// and "ready" does not wait for the wallet buttons.
import { useEffect, useRef, useState } from 'react';
import {
  AddressElement,
  Elements,
  ExpressCheckoutElement,
  PaymentElement,
  useElements,
  useStripe,
} from '@stripe/react-stripe-js';

export function Checkout({ host, stripePromise, amount, currency, endpoint, returnUrl }) {
  const options = { mode: 'payment', amount, currency };
  return (
    <Elements stripe={stripePromise} options={options}>
      <CheckoutForm
        host={host}
        amount={amount}
        currency={currency}
        endpoint={endpoint}
        returnUrl={returnUrl}
      />
    </Elements>
  );
}

function CheckoutForm({ host, amount, currency, endpoint, returnUrl }) {
  const stripe = useStripe();
  const elements = useElements();
  const [paymentReady, setPaymentReady] = useState(false);
  const [addressReady, setAddressReady] = useState(false);
  const [walletsShown, setWalletsShown] = useState(false);
  const [state, setState] = useState('loading');
  const [message, setMessage] = useState(null);
  const result = useRef(null);

  // The form is ready once Stripe.js is loaded and both Elements have rendered.
  useEffect(() => {
    if (state === 'loading' && stripe && elements && paymentReady && addressReady) {
      setState('ready');
    }
  }, [state, stripe, elements, paymentReady, addressReady]);

  // Mirror the state onto the host and announce the milestones, as the embed does.
  useEffect(() => {
    host.dataset.state = state;
    if (state === 'ready') {
      host.dispatchEvent(new CustomEvent('stripe-checkout:ready', { bubbles: true }));
    } else if (state === 'succeeded') {
      host.dispatchEvent(
        new CustomEvent('stripe-checkout:success', { bubbles: true, detail: result.current }),
      );
    }
  }, [host, state]);

  const fail = (text) => {
    setMessage(text);
    setState('error');
  };

  // Both the Pay button and the wallet sheet pay the same way; the sheet gives the shipping
  // address itself, the form's Address Element otherwise.
  const pay = async (walletShipping) => {
    setState('processing');
    setMessage(null);
    try {
      let shipping = walletShipping;
      if (!shipping) {
        // Validate the form before any asynchronous work, as Stripe requires.
        const { error: submitError } = await elements.submit();
        if (submitError) return fail(submitError.message);
        ({ value: shipping } = await elements.getElement('address').getValue());
      }
      const { error, confirmationToken } = await stripe.createConfirmationToken({
        elements,
        params: { shipping, return_url: returnUrl },
      });
      if (error) return fail(error.message);

      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ confirmationTokenId: confirmationToken.id }),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok || data.error) {
        return fail(data.error?.message ?? `The server answered HTTP ${response.status}.`);
      }

      let { status } = data;
      if (status === 'requires_action') {
        const { error: actionError, paymentIntent } = await stripe.handleNextAction({
          clientSecret: data.client_secret,
        });
        if (actionError) return fail(actionError.message);
        status = paymentIntent.status;
      }
      if (status !== 'succeeded' && status !== 'processing' && status !== 'requires_capture') {
        return fail(`The payment did not go through (status: ${status}).`);
      }
      result.current = { status };
      setState('succeeded');
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };

  const handleSubmit = (event) => {
    event.preventDefault();
    if (stripe && elements) pay(null);
  };

  // The wallet sheet: ask for the shipping address and offer one rate, included in the amount.
  const handleWalletClick = ({ resolve }) => {
    resolve({
      shippingAddressRequired: true,
      shippingRates: [{ id: 'included', amount: 0, displayName: 'Shipping included' }],
    });
  };
  const handleWalletConfirm = async (event) => {
    const { error: submitError } = await elements.submit();
    if (submitError) return fail(submitError.message);
    const { name, address } = event.shippingAddress;
    await pay({ name, address });
  };

  if (state === 'succeeded') {
    return <p role="status">Thank you! Your payment was received.</p>;
  }

  const busy = state === 'loading' || state === 'processing';
  return (
    <form onSubmit={handleSubmit}>
      <div hidden={!walletsShown}>
        <ExpressCheckoutElement
          onReady={({ availablePaymentMethods }) => setWalletsShown(Boolean(availablePaymentMethods))}
          onClick={handleWalletClick}
          onShippingAddressChange={({ resolve }) => resolve()}
          onConfirm={handleWalletConfirm}
        />
      </div>
      <PaymentElement onReady={() => setPaymentReady(true)} />
      <AddressElement options={{ mode: 'shipping' }} onReady={() => setAddressReady(true)} />
      <button type="submit" disabled={!stripe || busy}>
        {state === 'processing' ? 'Processing…' : `Pay ${formatAmount(amount, currency)}`}
      </button>
      {message && <div role="alert">{message}</div>}
    </form>
  );
}

function formatAmount(amount, currency) {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits);
}
