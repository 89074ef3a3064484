//! The ids that cross the wire: the ConfirmationToken id and an intent's client secret (a
//! PaymentIntent's or a SetupIntent's).

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// `s` around its first `_secret_`. A byte search: `str::split_once` with a `&str` pattern
/// brings in the two-way string searcher and its panic formatting, several KB of wasm.
fn split_secret(s: &str) -> Option<(&str, &str)> {
    const SEP: &[u8] = b"_secret_";
    let at = s.as_bytes().windows(SEP.len()).position(|w| w == SEP)?;
    Some((s.get(..at)?, s.get(at + SEP.len()..)?))
}

/// Which intent a [`ClientSecret`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntentKind {
    /// A PaymentIntent (`pi_…`): a payment.
    Payment,
    /// A SetupIntent (`seti_…`): saving a payment method for later, no charge.
    Setup,
}

impl IntentKind {
    /// The id prefix Stripe gives this kind of intent (`pi_` or `seti_`).
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Payment => "pi_",
            Self::Setup => "seti_",
        }
    }

    /// Stripe's object name, also the name of the return URL's query parameters
    /// (`payment_intent`, `payment_intent_client_secret`; `setup_intent`, …).
    pub fn object(self) -> &'static str {
        match self {
            Self::Payment => "payment_intent",
            Self::Setup => "setup_intent",
        }
    }

    /// The kind whose id prefix `id` starts with.
    fn of(id: &str) -> Option<Self> {
        [Self::Payment, Self::Setup]
            .into_iter()
            .find(|kind| id.len() > kind.prefix().len() && id.starts_with(kind.prefix()))
    }
}

/// An intent's client secret: a PaymentIntent's (`pi_…_secret_…`) or a SetupIntent's
/// (`seti_…_secret_…`), as Stripe.js's `retrievePaymentIntent` / `retrieveSetupIntent` and
/// `handleNextAction` take them (`@stripe/stripe-js` `dist/stripe-js/stripe.d.ts`). Its `Debug`
/// does not print the secret part.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Accepts `pi_<id>_secret_<secret>` and `seti_<id>_secret_<secret>`.
    pub fn parse(s: &str) -> Option<Self> {
        let (id, secret) = split_secret(s)?;
        let ok = IntentKind::of(id).is_some() && !secret.is_empty();
        ok.then(|| Self(s.to_owned()))
    }

    /// Whether this is a PaymentIntent's or a SetupIntent's secret.
    pub fn kind(&self) -> IntentKind {
        IntentKind::of(self.intent_id()).unwrap_or(IntentKind::Payment)
    }

    /// The intent id part: `pi_…` or `seti_…`.
    pub fn intent_id(&self) -> &str {
        split_secret(&self.0).map_or("", |(id, _)| id)
    }

    /// The secret itself, to hand to Stripe.js.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClientSecret({}_secret_…)", self.intent_id())
    }
}

impl Serialize for ClientSecret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Refuses anything but `pi_…_secret_…` and `seti_…_secret_…`, without echoing the value (it
/// may be a secret).
impl<'de> Deserialize<'de> for ClientSecret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            de::Error::custom(
                "not a PaymentIntent or SetupIntent client secret (pi_…_secret_… or \
                 seti_…_secret_…)",
            )
        })
    }
}

/// A ConfirmationToken id: `ctoken_` then letters, digits and `_`, at most
/// [`ConfirmationTokenId::MAX_LEN`] bytes (so it is safe in a log line or a form field).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConfirmationTokenId(String);

impl ConfirmationTokenId {
    /// The longest id accepted.
    pub const MAX_LEN: usize = 255;

    /// Accepts `^ctoken_[A-Za-z0-9_]+$` of at most [`Self::MAX_LEN`] bytes.
    pub fn parse(id: &str) -> Option<Self> {
        let ok = id.len() <= Self::MAX_LEN
            && id.strip_prefix("ctoken_").is_some_and(|rest| {
                !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            });
        ok.then(|| Self(id.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for ConfirmationTokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ConfirmationTokenId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ConfirmationTokenId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .ok_or_else(|| de::Error::custom("must be a ConfirmationToken id (ctoken_…)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[test]
    fn a_payment_intent_secret_parses_and_is_not_printed() {
        let s = ClientSecret::parse("pi_123_secret_abc").unwrap();
        assert_eq!(s.kind(), IntentKind::Payment);
        assert_eq!(s.intent_id(), "pi_123");
        assert_eq!(s.intent_id(), "pi_123");
        assert_eq!(s.expose(), "pi_123_secret_abc");
        assert!(!format!("{s:?}").contains("abc"));
        let twice = ClientSecret::parse("pi_ü1_secret_a_secret_b").unwrap();
        assert_eq!(twice.intent_id(), "pi_ü1", "split at the first _secret_");
    }

    #[test]
    fn a_setup_intent_secret_parses_as_the_setup_kind_and_is_not_printed() {
        let s = ClientSecret::parse("seti_1Mm2cB_secret_hush").unwrap();
        assert_eq!(s.kind(), IntentKind::Setup);
        assert_eq!(s.intent_id(), "seti_1Mm2cB");
        assert_eq!(s.expose(), "seti_1Mm2cB_secret_hush");
        let debug = format!("{s:?}");
        assert!(
            debug.contains("seti_1Mm2cB") && !debug.contains("hush"),
            "{debug}"
        );
        assert_eq!(IntentKind::Setup.prefix(), "seti_");
        assert_eq!(IntentKind::Payment.prefix(), "pi_");
    }

    #[test]
    fn malformed_secrets_of_either_kind_are_refused() {
        for bad in [
            "",
            "pi_123",
            "seti_123",
            "pi__secret_x",
            "seti__secret_x",
            "pi_1_secret_",
            "seti_1_secret_",
            "set_1_secret_x",
            "setup_1_secret_x",
            "src_1_secret_x",
            "cs_test_1_secret_x",
            "xpi_1_secret_x",
            "_secret_x",
        ] {
            assert!(ClientSecret::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn client_secrets_round_trip_and_a_bad_one_is_refused_without_being_echoed() {
        for wire in ["pi_1_secret_2", "seti_1_secret_2"] {
            let s: ClientSecret = from_value(json!(wire)).unwrap();
            assert_eq!(to_value(&s).unwrap(), json!(wire));
        }
        let err = from_value::<ClientSecret>(json!("src_1_secret_hush"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("client secret") && !err.contains("hush"),
            "{err}"
        );
        assert!(from_value::<ClientSecret>(json!(null)).is_err());
    }

    #[test]
    fn token_ids_must_look_like_stripes() {
        let ok = |id: &str| ConfirmationTokenId::parse(id).is_some();
        assert!(ok("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"));
        assert!(ok("ctoken_a_b"));
        assert!(!ok("ctoken_"));
        assert!(!ok("pm_123"));
        assert!(!ok("ctoken_abc-def"));
        assert!(!ok("ctoken_abc&amount=1"));
        assert!(!ok("ctoken_é"));
        assert!(!ok(&format!("ctoken_{}", "a".repeat(249))));
        assert!(ok(&format!("ctoken_{}", "a".repeat(248))));
    }

    #[test]
    fn token_ids_round_trip_and_a_bad_one_is_refused() {
        let id: ConfirmationTokenId = from_value(json!("ctoken_abc")).unwrap();
        assert_eq!(id.as_str(), "ctoken_abc");
        assert_eq!(to_value(&id).unwrap(), json!("ctoken_abc"));
        let err = from_value::<ConfirmationTokenId>(json!("pm_123")).unwrap_err();
        assert!(err.to_string().contains("ConfirmationToken id"), "{err}");
        assert!(from_value::<ConfirmationTokenId>(json!(12)).is_err());
    }
}
