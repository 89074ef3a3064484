//! What the backend answers, and how the component reads an answer it cannot trust.
//!
//! The backend writes one of three bodies, on any HTTP status:
//!
//! | body | type | means |
//! |---|---|---|
//! | `{"client_secret": "pi_…_secret_…" or "seti_…_secret_…", "status": "…"}` | [`IntentAnswer`] | the PaymentIntent (or SetupIntent) was created and confirmed: judge its status |
//! | `{"error": {"message", "type", "code"?}}` | [`ErrorAnswer`] | refused: the attempt is over, the next Pay makes a new token |
//! | `{"outcome": "unknown", "message"}` | [`OutcomeUnknown`] | the payment may have been made: re-send the same token and key |
//!
//! [`Answer`] reads any body defensively: an intent or an `error` (an object or a bare string)
//! is an answer; everything else (an outcome-unknown body, an HTML error page, `{}`) is not, and
//! the component re-sends the same token.

use serde::{Deserialize, Serialize};

use crate::ids::ClientSecret;
use crate::status::PaymentIntentStatus;

/// The field names of the answers, as [`Answer::read`] reads them; a test checks them against
/// the serde names the server writes.
pub mod field {
    /// [`IntentAnswer::client_secret`](super::IntentAnswer::client_secret).
    pub const CLIENT_SECRET: &str = "client_secret";
    /// [`IntentAnswer::status`](super::IntentAnswer::status).
    pub const STATUS: &str = "status";
    /// [`ErrorAnswer::error`](super::ErrorAnswer::error).
    pub const ERROR: &str = "error";
    /// [`ErrorDetail::message`](super::ErrorDetail::message).
    pub const MESSAGE: &str = "message";
    /// [`ErrorDetail::kind`](super::ErrorDetail::kind).
    pub const TYPE: &str = "type";
    /// [`ErrorDetail::code`](super::ErrorDetail::code).
    pub const CODE: &str = "code";
}

/// The success body: the intent's client secret (for `handleNextAction` /
/// `retrievePaymentIntent` / `retrieveSetupIntent`) and status. A SetupIntent's statuses are a
/// subset of a PaymentIntent's, so [`PaymentIntentStatus`] reads both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntentAnswer {
    /// `pi_…_secret_…` (a payment) or `seti_…_secret_…` (a saved payment method).
    pub client_secret: ClientSecret,
    /// Where the payment stands.
    pub status: PaymentIntentStatus,
}

/// The refusal body: `{"error": {"message", "type", "code"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorAnswer {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The `error` object of an [`ErrorAnswer`], shaped like Stripe's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Safe to show the customer (the backend decided so).
    pub message: String,
    /// `invalid_request_error`, `card_error`, `api_error`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Stripe's error code (e.g. `card_declined`), when the backend forwards one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The body of a failure whose outcome is unknown: `{"outcome": "unknown", "message"}`, and no
/// `error`, so the component re-sends the same token (which the backend turns into the same
/// Stripe idempotency key: the retry cannot charge twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename = "unknown")]
pub struct OutcomeUnknown {
    /// What happened, for a developer reading the response.
    pub message: String,
}

/// A usable answer, as the component reads it ([`Answer::read`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The PaymentIntent was created and confirmed; judge its status.
    Intent {
        /// Its client secret.
        client_secret: ClientSecret,
        /// Its status.
        status: PaymentIntentStatus,
    },
    /// The backend refused, with `{"error": …}`.
    Refused {
        /// `error.message`, or the error string: the server decided it is safe to show.
        message: Option<String>,
        /// `error.type`, if given.
        kind: Option<String>,
        /// `error.code`, if given.
        code: Option<String>,
    },
}

impl From<IntentAnswer> for Answer {
    fn from(answer: IntentAnswer) -> Self {
        Answer::Intent {
            client_secret: answer.client_secret,
            status: answer.status,
        }
    }
}

impl From<ErrorAnswer> for Answer {
    fn from(answer: ErrorAnswer) -> Self {
        let ErrorDetail {
            message,
            kind,
            code,
        } = answer.error;
        let text = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        Answer::Refused {
            message: text(message),
            kind: text(kind),
            code: code.and_then(text),
        }
    }
}

/// A parsed JSON value, as [`Answer::read`] sees it. The browser reads the result of
/// `JSON.parse` through it (`stripe-checkout`'s `backend`), the tests here `serde_json::Value`:
/// the rule below is the only reading of an answer, so the two cannot disagree.
pub trait Json: Sized {
    /// Whether it is an object (an array counts, as JavaScript's `typeof` says; `null` does not).
    fn is_object(&self) -> bool;
    /// Its text, if it is a string.
    fn as_text(&self) -> Option<String>;
    /// Its value, if it is a boolean.
    fn as_bool(&self) -> Option<bool>;
    /// The value of `key`, if it is an object that has one.
    fn get(&self, key: &str) -> Option<Self>;
}

impl Answer {
    /// Reads any body the backend may send, defensively: an `error` that is a string or an
    /// object (an array counts) is a refusal, its blank or non-string fields `None`, and it wins
    /// over an intent; otherwise a non-blank `client_secret` of the right shape and a non-blank
    /// `status` string make an intent (an unknown status is [`PaymentIntentStatus::Unknown`]).
    /// Anything else — an outcome-unknown body, `{}`, a string, `null` — is `None`: no answer,
    /// and the component re-sends the same token.
    pub fn read<V: Json>(body: &V) -> Option<Answer> {
        if !body.is_object() {
            return None;
        }
        let blank_is_none = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        let text = |v: &V, key: &str| v.get(key)?.as_text().and_then(blank_is_none);
        if let Some(error) = body.get(field::ERROR) {
            if let Some(message) = error.as_text() {
                return Some(Answer::Refused {
                    message: blank_is_none(message),
                    kind: None,
                    code: None,
                });
            }
            if error.is_object() {
                return Some(Answer::Refused {
                    message: text(&error, field::MESSAGE),
                    kind: text(&error, field::TYPE),
                    code: text(&error, field::CODE),
                });
            }
        }
        let client_secret =
            text(body, field::CLIENT_SECRET).and_then(|s| ClientSecret::parse(&s))?;
        let status = PaymentIntentStatus::parse(&text(body, field::STATUS)?);
        Some(Answer::Intent {
            client_secret,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_str, from_value, json, to_value, Value};

    impl Json for Value {
        fn is_object(&self) -> bool {
            self.is_object() || self.is_array()
        }
        fn as_text(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }
        fn as_bool(&self) -> Option<bool> {
            self.as_bool()
        }
        fn get(&self, key: &str) -> Option<Self> {
            self.as_object()?.get(key).cloned()
        }
    }

    fn secret() -> ClientSecret {
        ClientSecret::parse("pi_1_secret_2").unwrap()
    }

    fn read(body: Value) -> Option<Answer> {
        Answer::read(&body)
    }

    fn refused(message: Option<&str>, kind: Option<&str>, code: Option<&str>) -> Answer {
        let own = |s: Option<&str>| s.map(str::to_owned);
        Answer::Refused {
            message: own(message),
            kind: own(kind),
            code: own(code),
        }
    }

    #[test]
    fn each_answer_is_exactly_this_json() {
        let intent = IntentAnswer {
            client_secret: secret(),
            status: PaymentIntentStatus::RequiresAction,
        };
        assert_eq!(
            serde_json::to_string(&intent).unwrap(),
            r#"{"client_secret":"pi_1_secret_2","status":"requires_action"}"#
        );
        let card = ErrorAnswer {
            error: ErrorDetail {
                message: "Your card was declined.".into(),
                kind: "card_error".into(),
                code: Some("card_declined".into()),
            },
        };
        assert_eq!(
            serde_json::to_string(&card).unwrap(),
            r#"{"error":{"message":"Your card was declined.","type":"card_error","code":"card_declined"}}"#
        );
        let generic = ErrorAnswer {
            error: ErrorDetail {
                message: "Try again.".into(),
                kind: "api_error".into(),
                code: None,
            },
        };
        assert_eq!(
            to_value(&generic).unwrap(),
            json!({"error": {"message": "Try again.", "type": "api_error"}}),
            "no code key at all when there is no code"
        );
        let unknown = OutcomeUnknown {
            message: "Send it again.".into(),
        };
        assert_eq!(
            serde_json::to_string(&unknown).unwrap(),
            r#"{"outcome":"unknown","message":"Send it again."}"#
        );
    }

    #[test]
    fn the_field_names_are_the_serde_names() {
        let intent = to_value(IntentAnswer {
            client_secret: secret(),
            status: PaymentIntentStatus::Succeeded,
        })
        .unwrap();
        assert!(intent.get(field::CLIENT_SECRET).is_some() && intent.get(field::STATUS).is_some());
        let error = to_value(ErrorAnswer {
            error: ErrorDetail {
                message: "m".into(),
                kind: "k".into(),
                code: Some("c".into()),
            },
        })
        .unwrap();
        let detail = &error[field::ERROR];
        for name in [field::MESSAGE, field::TYPE, field::CODE] {
            assert!(detail.get(name).is_some(), "{name}");
        }
    }

    #[test]
    fn each_answer_round_trips() {
        let intent = IntentAnswer {
            client_secret: secret(),
            status: PaymentIntentStatus::Succeeded,
        };
        let back: IntentAnswer = from_value(to_value(&intent).unwrap()).unwrap();
        assert_eq!(back, intent);
        let error = ErrorAnswer {
            error: ErrorDetail {
                message: "m".into(),
                kind: "card_error".into(),
                code: Some("c".into()),
            },
        };
        let back: ErrorAnswer = from_value(to_value(&error).unwrap()).unwrap();
        assert_eq!(back, error);
        let unknown = OutcomeUnknown {
            message: "m".into(),
        };
        assert_eq!(read(to_value(&unknown).unwrap()), None);
    }

    #[test]
    fn what_the_backend_writes_is_what_the_component_reads() {
        let intent = IntentAnswer {
            client_secret: secret(),
            status: PaymentIntentStatus::Processing,
        };
        assert_eq!(
            read(to_value(&intent).unwrap()),
            Some(Answer::from(intent.clone()))
        );
        let error = ErrorAnswer {
            error: ErrorDetail {
                message: "Declined.".into(),
                kind: "card_error".into(),
                code: Some("card_declined".into()),
            },
        };
        assert_eq!(
            read(to_value(&error).unwrap()),
            Some(refused(
                Some("Declined."),
                Some("card_error"),
                Some("card_declined")
            ))
        );
        assert_eq!(read(to_value(&error).unwrap()), Some(error.into()));
        let unknown = OutcomeUnknown {
            message: "Send the same token again.".into(),
        };
        assert_eq!(
            read(to_value(&unknown).unwrap()),
            None,
            "an unknown outcome is no answer: re-send the same token"
        );
    }

    #[test]
    fn an_error_string_or_a_sparse_error_object_is_a_refusal() {
        assert_eq!(
            read(json!({"error": "Out of stock."})),
            Some(refused(Some("Out of stock."), None, None))
        );
        assert_eq!(
            read(json!({"error": "  "})),
            Some(refused(None, None, None))
        );
        assert_eq!(
            read(json!({"error": {"message": " ", "type": 7, "code": null, "param": "x"}})),
            Some(refused(None, None, None)),
            "blank and non-string fields read as None"
        );
        assert_eq!(
            read(json!({"error": {"type": "card_error", "extra": {"a": [1]}}})),
            Some(refused(None, Some("card_error"), None))
        );
        assert_eq!(read(json!({"error": []})), Some(refused(None, None, None)));
        assert_eq!(
            read(json!({"client_secret": "pi_1_secret_2", "status": "succeeded", "error": "No."})),
            Some(refused(Some("No."), None, None)),
            "an error wins over an intent"
        );
    }

    #[test]
    fn an_intent_needs_a_well_formed_secret_and_a_status() {
        assert_eq!(
            read(json!({"client_secret": "pi_1_secret_2", "status": "brand_new", "x": {}})),
            Some(Answer::Intent {
                client_secret: secret(),
                status: PaymentIntentStatus::Unknown
            })
        );
        assert_eq!(
            read(json!({"client_secret": "pi_1_secret_2", "status": "succeeded", "error": null})),
            Some(Answer::Intent {
                client_secret: secret(),
                status: PaymentIntentStatus::Succeeded
            }),
            "a null, numeric or boolean error is no error"
        );
        for unusable in [
            json!({}),
            json!({"client_secret": "pi_1_secret_2"}),
            json!({"client_secret": "pi_1_secret_2", "status": ""}),
            json!({"client_secret": "pi_1_secret_2", "status": 3}),
            json!({"client_secret": "src_1_secret_2", "status": "succeeded"}),
            json!({"client_secret": 5, "status": "succeeded"}),
            json!({"status": "succeeded"}),
            json!({"outcome": "unknown", "message": "m"}),
            json!(["pi_1_secret_2"]),
            json!("error"),
            json!(null),
        ] {
            assert_eq!(read(unusable.clone()), None, "{unusable}");
        }
        assert!(
            from_str::<Value>("<html>502</html>").is_err(),
            "not JSON: no body to read"
        );
    }

    #[test]
    fn a_setup_intent_answer_reads_as_an_intent_of_the_setup_kind() {
        let answer = read(json!({"client_secret": "seti_1_secret_2", "status": "requires_action"}));
        let Some(Answer::Intent {
            client_secret,
            status,
        }) = answer
        else {
            panic!("not an intent: {answer:?}");
        };
        assert_eq!(client_secret.kind(), crate::IntentKind::Setup);
        assert_eq!(client_secret.intent_id(), "seti_1");
        assert_eq!(status, PaymentIntentStatus::RequiresAction);
        let typed: IntentAnswer =
            from_str(r#"{"client_secret":"seti_1_secret_2","status":"succeeded"}"#).unwrap();
        assert_eq!(typed.client_secret.kind(), crate::IntentKind::Setup);
    }
}
