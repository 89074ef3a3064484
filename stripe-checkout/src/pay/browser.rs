//! The steps of a payment in the browser: Stripe.js through `stripe-js`, the POST through
//! [`backend`](crate::backend), the redirect through `window.location`.

use std::future::Future;

use super::failure::CheckoutFailure;
use super::machine::{Attempt, PaymentSuccess};
use super::run::Steps;
use crate::backend::{post_token, random_key, Answer, PostError, RequestExtras, TokenPost};
use crate::stripe::{
    ClientSecret, ConfirmationTokenParams, ElementType, Elements, PaymentIntentStatus, Shipping,
    Stripe,
};

/// Where and how the token is POSTed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostOptions {
    /// The backend endpoint.
    pub endpoint: String,
    /// Extra headers and body fields, as read when Pay was pressed.
    pub request: RequestExtras,
    /// How long to wait for the backend, in milliseconds.
    pub timeout_ms: u32,
}

/// [`Steps`] over a loaded `Stripe`, its Elements group and the shop's backend.
pub struct BrowserSteps {
    /// The Stripe.js instance.
    pub stripe: Stripe,
    /// The form's Elements group.
    pub elements: Elements,
    /// The POST.
    pub post: PostOptions,
}

impl Steps for BrowserSteps {
    fn submit(&self) -> impl Future<Output = Result<(), CheckoutFailure>> + use<> {
        let submitted = self.elements.submit();
        async move { submitted.await.map_err(CheckoutFailure::from_stripe) }
    }

    async fn address(&self) -> Result<Option<(bool, Shipping)>, CheckoutFailure> {
        let Some(element) = self
            .elements
            .get_element(ElementType::Address)
            .map_err(CheckoutFailure::from_stripe)?
        else {
            return Ok(None);
        };
        let result = element
            .get_value()
            .await
            .map_err(CheckoutFailure::from_stripe)?;
        let value = result.value;
        Ok(Some((
            result.complete,
            Shipping {
                name: value.name,
                address: value.address,
                phone: value.phone,
            },
        )))
    }

    async fn create_token(
        &self,
        params: &ConfirmationTokenParams,
    ) -> Result<String, CheckoutFailure> {
        self.stripe
            .create_confirmation_token(&self.elements, params)
            .await
            .map(|token| token.id)
            .map_err(CheckoutFailure::from_stripe)
    }

    fn new_key(&self) -> Option<String> {
        random_key()
    }

    async fn post(&self, attempt: &Attempt) -> Result<Answer, PostError> {
        let PostOptions {
            endpoint,
            request,
            timeout_ms,
        } = &self.post;
        post_token(&TokenPost {
            endpoint,
            token_id: &attempt.token_id,
            idempotency_key: &attempt.idempotency_key,
            request,
            email: attempt.email.as_deref(),
            timeout_ms: *timeout_ms,
        })
        .await
    }

    async fn handle_next_action(
        &self,
        secret: &ClientSecret,
    ) -> Result<PaymentIntentStatus, CheckoutFailure> {
        self.stripe
            .handle_next_action(secret)
            .await
            .map(|intent| intent.status())
            .map_err(CheckoutFailure::from_stripe)
    }

    fn redirect(&self, return_url: &str, success: &PaymentSuccess) {
        if let Some(url) = return_url_with_result(return_url, success) {
            let _ = web_sys::window().map(|w| w.location().assign(&url));
        }
    }
}

/// `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`
/// appended (`setup_intent`, `setup_intent_client_secret` for a SetupIntent), as Stripe does
/// after a redirect. The browser's `URL` builds it: `None` off wasm32 (a server has none).
pub fn return_url_with_result(return_url: &str, success: &PaymentSuccess) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let url = web_sys::Url::new(return_url).ok()?;
    let query = url.search_params();
    let name = success.client_secret.kind().object();
    query.append(name, &success.intent_id);
    let mut secret_name = String::from(name);
    secret_name.push_str("_client_secret");
    query.append(&secret_name, success.client_secret.expose());
    query.append("redirect_status", "succeeded");
    Some(url.href())
}
