//! The publishable key: the one Stripe key that may reach a browser.

use std::borrow::Cow;
use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A publishable key (`pk_test_…` / `pk_live_…`), checked before Stripe.js or a page ever
/// sees it: the prefix, then letters, digits and `_` only (so it is safe to put in HTML).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublishableKey(Cow<'static, str>);

/// Why a string is not a [`PublishableKey`]; its message says what to use instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// A secret key (`sk_…`): it must never reach a browser.
    Secret,
    /// A restricted key (`rk_…`): a server-side key.
    Restricted,
    /// Anything else that is not a publishable key.
    NotPublishable,
}

impl KeyError {
    /// What is wrong and what to use instead (what `Display` prints), as one static sentence.
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Secret => "A secret key (sk_…) must never be used in a browser: roll it in the Dashboard if it was published. Use your publishable key (pk_test_… or pk_live_…) from the Stripe Dashboard.",
            KeyError::Restricted => "A restricted key (rk_…) is a server-side key and must not be used in a browser. Use your publishable key (pk_test_… or pk_live_…) from the Stripe Dashboard.",
            KeyError::NotPublishable => "This is not a Stripe publishable key. Use your publishable key (pk_test_… or pk_live_…) from the Stripe Dashboard.",
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for KeyError {}

impl PublishableKey {
    /// Accepts `pk_test_<id>` or `pk_live_<id>` (surrounding whitespace is trimmed); refuses
    /// secret (`sk_…`) and restricted (`rk_…`) keys by name, and anything else.
    pub fn parse(key: &str) -> Result<Self, KeyError> {
        let key = key.trim();
        if key.starts_with("sk_") {
            return Err(KeyError::Secret);
        }
        if key.starts_with("rk_") {
            return Err(KeyError::Restricted);
        }
        if well_formed(key.as_bytes()) {
            Ok(Self(Cow::Owned(key.to_owned())))
        } else {
            Err(KeyError::NotPublishable)
        }
    }

    /// A key written in the source, checked by the same rule as [`Self::parse`] (no trimming);
    /// `const`, so a `const` item holding its result is checked when compiling.
    pub const fn from_static(key: &'static str) -> Option<Self> {
        if well_formed(key.as_bytes()) {
            Some(Self(Cow::Borrowed(key)))
        } else {
            None
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is a test-mode key.
    pub fn is_test(&self) -> bool {
        self.0.starts_with("pk_test_")
    }
}

/// `pk_test_` or `pk_live_`, then at least one letter, digit or `_`, and nothing else.
const fn well_formed(key: &[u8]) -> bool {
    let rest = match key {
        [b'p', b'k', b'_', b't', b'e', b's', b't', b'_', rest @ ..]
        | [b'p', b'k', b'_', b'l', b'i', b'v', b'e', b'_', rest @ ..] => rest,
        _ => return false,
    };
    let mut rest = rest;
    if rest.is_empty() {
        return false;
    }
    while let [b, tail @ ..] = rest {
        if !(b.is_ascii_alphanumeric() || *b == b'_') {
            return false;
        }
        rest = tail;
    }
    true
}

impl Serialize for PublishableKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PublishableKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[test]
    fn publishable_keys_pass() {
        assert!(PublishableKey::parse("pk_test_51Abc").unwrap().is_test());
        let live = PublishableKey::parse(" pk_live_51Abc ").unwrap();
        assert!(!live.is_test());
        assert_eq!(live.as_str(), "pk_live_51Abc", "trimmed");
    }

    #[test]
    fn secret_and_restricted_keys_are_refused_with_what_to_use_instead() {
        for (key, words) in [
            ("sk_test_51Abc", "secret key"),
            ("sk_live_51Abc", "secret key"),
            ("rk_live_51Abc", "restricted key"),
            ("pk_test_", "not a Stripe publishable key"),
            ("pk_", "not a Stripe publishable key"),
            ("pk_other_abc", "not a Stripe publishable key"),
            ("hello", "not a Stripe publishable key"),
            ("", "not a Stripe publishable key"),
            ("pk_test_ab\"><script>", "not a Stripe publishable key"),
            ("pk_test_a b", "not a Stripe publishable key"),
        ] {
            let msg = PublishableKey::parse(key).unwrap_err().to_string();
            assert!(msg.contains(words), "{key}: {msg}");
            assert!(msg.contains("publishable key (pk_test_"), "{key}: {msg}");
        }
    }

    #[test]
    fn static_keys_follow_the_same_rule_untrimmed() {
        const SIMULATED: Option<PublishableKey> = PublishableKey::from_static("pk_test_simulated");
        assert_eq!(SIMULATED, PublishableKey::parse("pk_test_simulated").ok());
        for bad in ["sk_test_abc", "pk_test_", " pk_test_abc", "pk_test_a-b"] {
            assert_eq!(PublishableKey::from_static(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_deserialise_only_when_valid_and_serialise_as_the_string() {
        let key: PublishableKey = from_value(json!("pk_test_abc")).unwrap();
        assert_eq!(to_value(&key).unwrap(), json!("pk_test_abc"));
        let err = from_value::<PublishableKey>(json!("sk_test_abc")).unwrap_err();
        assert!(err.to_string().contains("secret key"), "{err}");
        assert!(from_value::<PublishableKey>(json!(12)).is_err());
    }
}
