/** The validation messages of the card, address and email fields, in Stripe's wording. */
export const MESSAGES = {
  incomplete_number: 'Your card number is incomplete.',
  invalid_number: 'Your card number is invalid.',
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry_month: "Your card's expiration month is invalid.",
  invalid_expiry_month_past: "Your card's expiration date is in the past.",
  invalid_expiry_year_past: "Your card's expiration year is in the past.",
  invalid_expiry_year: "Your card's expiration year is invalid.",
  incomplete_cvc: "Your card's security code is incomplete.",
  incomplete_name: 'Your full name is incomplete.',
  incomplete_address_line1: 'Your address is incomplete.',
  incomplete_city: 'Your city is incomplete.',
  incomplete_phone: 'Your phone number is incomplete.',
  incomplete_email: 'Your email address is incomplete.',
  invalid_email: 'Your email address is invalid.',
};
/** A field error `{code, message}`; the message defaults to the code's. */
export const fail = (code, message = MESSAGES[code]) => ({ code, message });
