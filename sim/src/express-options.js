/**
 * The Express Checkout Element's option shapes (express-checkout.d.ts 222-465), and those of what
 * its event handlers may pass back: ClickResolveDetails (488-532) and ChangeResolveDetails (581-585).
 */
import { T } from './shapes.js';

const EXPRESS_OPTION = T.oneOf('auto', 'never');
const EXPRESS_OPTION_ALWAYS = T.oneOf('always', 'auto', 'never');
const DELIVERY = T.obj({ unit: T.oneOf('hour', 'day', 'business_day', 'week', 'month'), value: T.int(0) }, ['unit', 'value']);
const SHIPPING_RATE = T.obj({ id: T.str, amount: T.int(0), displayName: T.str,
  deliveryEstimate: (v, fn, path) => (typeof v === 'string' ? undefined : T.obj({ maximum: DELIVERY, minimum: DELIVERY })(v, fn, path)) },
['id', 'amount', 'displayName']);
const LINE_ITEM = T.obj({ name: T.str, amount: T.int(0) }, ['name', 'amount']);
const EXPRESS_COMMON = {
  allowedShippingCountries: T.arr(T.country), billingAddressRequired: T.bool, business: T.obj({ name: T.str }, ['name']),
  emailRequired: T.bool, phoneNumberRequired: T.bool, shippingAddressRequired: T.bool,
  lineItems: T.arr(LINE_ITEM), shippingRates: T.arr(SHIPPING_RATE), applePay: T.anyObj,
};
export const EXPRESS_SHAPE = T.obj({ ...EXPRESS_COMMON,
  // docs (create_express_checkout_element): "a custom button height in the range of 40px-55px".
  buttonHeight: T.int(40, 55), layout: T.obj({ maxColumns: T.int(0), maxRows: T.int(0), overflow: T.oneOf('auto', 'never') }),
  buttonTheme: T.obj({ applePay: T.oneOf('black', 'white', 'white-outline'), googlePay: T.oneOf('black', 'white'),
    paypal: T.oneOf('gold', 'blue', 'silver', 'white', 'black') }),
  buttonType: T.obj({ applePay: T.oneOf('add-money', 'book', 'buy', 'check-out', 'contribute', 'donate', 'order', 'plain',
    'reload', 'rent', 'subscribe', 'support', 'tip', 'top-up'),
  googlePay: T.oneOf('book', 'buy', 'checkout', 'donate', 'order', 'pay', 'plain', 'subscribe'),
  paypal: T.oneOf('paypal', 'buynow', 'checkout', 'pay') }),
  paymentMethodOrder: T.arr(T.str),
  paymentMethods: T.obj({ amazonPay: EXPRESS_OPTION, applePay: EXPRESS_OPTION_ALWAYS, googlePay: EXPRESS_OPTION_ALWAYS,
    link: EXPRESS_OPTION, paypal: EXPRESS_OPTION, klarna: EXPRESS_OPTION }),
  wallets: T.obj({ applePay: EXPRESS_OPTION_ALWAYS, googlePay: EXPRESS_OPTION_ALWAYS }),
});
// StripeExpressCheckoutElementUpdateOptions (express-checkout.d.ts 423-465).
export const EXPRESS_UPDATE_SHAPE = T.obj({ allowedShippingCountries: EXPRESS_COMMON.allowedShippingCountries,
  billingAddressRequired: T.bool, buttonHeight: T.int(40, 55), emailRequired: T.bool,
  layout: T.obj({ maxColumns: T.int(0), maxRows: T.int(0), overflow: T.oneOf('auto', 'never') }),
  paymentMethodOrder: T.arr(T.str), phoneNumberRequired: T.bool, shippingAddressRequired: T.bool });
/** ClickResolveDetails (express-checkout.d.ts 488-532). */
export const CLICK_RESOLVE_SHAPE = T.obj(EXPRESS_COMMON);
/** ChangeResolveDetails (express-checkout.d.ts 581-585). */
export const CHANGE_RESOLVE_SHAPE = T.obj({ lineItems: EXPRESS_COMMON.lineItems, shippingRates: EXPRESS_COMMON.shippingRates, applePay: T.anyObj });
