//! Stripe's form encoding: nested parameters as bracketed keys (`card[exp_month]=12`).
//!
//! The server sends flat `(key, value)` pairs; the simulator and the tests decode them back
//! into nested JSON with [`decode`]. Keys nest at most [`MAX_DEPTH`] levels: decoding is
//! recursive, and a key of thousands of brackets would otherwise overflow the stack.

use serde_json::{Map, Value};

/// The most levels a key may have, the name included: `a[b][c][d][e]` is 5 levels. The
/// deepest parameter Stripe's API takes for a PaymentIntent or ConfirmationToken
/// (`payment_method_data[billing_details][address][line1]`) is 4.
pub const MAX_DEPTH: usize = 5;

/// How much of an offending key an error message repeats.
const MAX_KEY_IN_MESSAGE: usize = 100;

/// Why a form body could not be decoded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FormError {
    /// A key whose brackets do not balance, e.g. `card[number`.
    #[error("Invalid parameter name: {0}")]
    MalformedKey(String),
    /// A key used both as a value and as an object/array, or given twice.
    #[error("Conflicting values for parameter: {0}")]
    Conflict(String),
    /// A key nested deeper than [`MAX_DEPTH`] levels (the key is shortened).
    #[error("Invalid parameter name: {0}: parameters nest at most {MAX_DEPTH} levels deep")]
    TooDeep(String),
}

/// `key`, cut to [`MAX_KEY_IN_MESSAGE`] characters for an error message.
fn shortened(key: &str) -> String {
    match key.char_indices().nth(MAX_KEY_IN_MESSAGE) {
        Some((end, _)) => format!("{}…", &key[..end]),
        None => key.to_owned(),
    }
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
    Push,
}

fn segments(key: &str) -> Result<Vec<Segment>, FormError> {
    let malformed = || FormError::MalformedKey(key.to_owned());
    let (head, mut rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => (key, ""),
    };
    if head.is_empty() || head.contains(']') {
        return Err(malformed());
    }
    let mut out = vec![Segment::Key(head.to_owned())];
    while !rest.is_empty() {
        if out.len() == MAX_DEPTH {
            return Err(FormError::TooDeep(shortened(key)));
        }
        let inner_end = rest.find(']').ok_or_else(malformed)?;
        if !rest.starts_with('[') {
            return Err(malformed());
        }
        let inner = &rest[1..inner_end];
        if inner.contains('[') {
            return Err(malformed());
        }
        out.push(if inner.is_empty() {
            Segment::Push
        } else if let Ok(i) = inner.parse::<usize>() {
            Segment::Index(i)
        } else {
            Segment::Key(inner.to_owned())
        });
        rest = &rest[inner_end + 1..];
    }
    Ok(out)
}

fn insert(slot: &mut Value, path: &[Segment], value: &str, key: &str) -> Result<(), FormError> {
    let conflict = || FormError::Conflict(key.to_owned());
    let Some((first, rest)) = path.split_first() else {
        return if slot.is_null() {
            *slot = Value::String(value.to_owned());
            Ok(())
        } else {
            Err(conflict())
        };
    };
    match first {
        Segment::Key(name) => {
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let object = slot.as_object_mut().ok_or_else(conflict)?;
            insert(
                object.entry(name.clone()).or_insert(Value::Null),
                rest,
                value,
                key,
            )
        }
        Segment::Index(_) | Segment::Push => {
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            let array = slot.as_array_mut().ok_or_else(conflict)?;
            let index = match first {
                Segment::Index(i) => *i,
                _ => array.len(),
            };
            if index > array.len() {
                return Err(conflict());
            }
            if index == array.len() {
                array.push(Value::Null);
            }
            insert(&mut array[index], rest, value, key)
        }
    }
}

/// Decodes an `application/x-www-form-urlencoded` body with bracketed keys into a JSON object
/// whose leaves are strings (as the wire carries them).
pub fn decode(body: &[u8]) -> Result<Map<String, Value>, FormError> {
    let mut root = Value::Object(Map::new());
    for (key, value) in form_urlencoded::parse(body) {
        let path = segments(&key)?;
        insert(&mut root, &path, &value, &key)?;
    }
    match root {
        Value::Object(map) => Ok(map),
        _ => unreachable!("the root is always an object"),
    }
}

/// Decodes a form body into flat `(key, value)` pairs, in order.
pub fn decode_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Encodes flat pairs as a form body (the inverse of [`decode`] for already-flat keys).
pub fn encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        serializer.append_pair(k.as_ref(), v.as_ref());
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bracketed_keys_decode_into_nested_objects_and_arrays() {
        let body = "amount=2500&automatic_payment_methods%5Benabled%5D=true\
                    &card[exp_month]=12&expand[]=a&expand[]=b&items[0][price]=p&items[1][price]=q";
        let decoded = decode(body.as_bytes()).unwrap();
        assert_eq!(
            Value::Object(decoded),
            json!({
                "amount": "2500",
                "automatic_payment_methods": {"enabled": "true"},
                "card": {"exp_month": "12"},
                "expand": ["a", "b"],
                "items": [{"price": "p"}, {"price": "q"}],
            })
        );
    }

    #[test]
    fn malformed_and_conflicting_keys_are_refused() {
        assert!(matches!(
            decode(b"card[number=1"),
            Err(FormError::MalformedKey(_))
        ));
        assert!(matches!(
            decode(b"card=1&card[number]=2"),
            Err(FormError::Conflict(_))
        ));
        assert!(matches!(decode(b"a=1&a=2"), Err(FormError::Conflict(_))));
    }

    #[test]
    fn keys_nested_deeper_than_the_limit_are_refused_without_recursing() {
        let deepest = format!("a{}=1", "[b]".repeat(MAX_DEPTH - 1));
        assert!(decode(deepest.as_bytes()).is_ok());
        let too_deep = format!("a{}=1", "[b]".repeat(MAX_DEPTH));
        assert!(matches!(
            decode(too_deep.as_bytes()),
            Err(FormError::TooDeep(_))
        ));
        // The reported attack: 15 kB, 5,000 levels. Without the limit this aborts the test
        // process with a stack overflow (run on a small stack, as a server worker thread might be).
        let attack = format!("shipping{}=1", "[a]".repeat(5_000));
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || decode(attack.as_bytes()))
            .unwrap()
            .join()
            .unwrap();
        let Err(FormError::TooDeep(key)) = result else {
            panic!("a 5,000-level key must be refused: {result:?}");
        };
        assert!(key.chars().count() <= MAX_KEY_IN_MESSAGE + 1, "{key}");
    }

    #[test]
    fn encode_round_trips_through_decode() {
        let body = encode(&[("shipping[address][line1]", "1 Main St & Co")]);
        let decoded = decode(body.as_bytes()).unwrap();
        assert_eq!(decoded["shipping"]["address"]["line1"], "1 Main St & Co");
    }
}
