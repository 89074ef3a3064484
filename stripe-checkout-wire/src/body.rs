//! The shop's own fields of the POST body, as JSON checked when it is made.

use std::fmt;

use crate::request::CONFIRMATION_TOKEN_ID;

/// A JSON object of the shop's own fields (`{"items": […]}`), merged into the POST body beside
/// the ConfirmationToken id. Made only by [`RequestBody::from_json`], which refuses what cannot
/// be sent: text that is not JSON, JSON that is not an object, and an object that sets
/// `confirmationTokenId` (the checkout sends it). A shop's mistake is thus named where the shop
/// writes the body, not at Pay, where it would look like the customer's connection.
///
/// The check is a JSON syntax check (RFC 8259, as `JSON.parse` reads it) in plain Rust, so it
/// runs the same on a server rendering the page and in the browser, and costs the wasm no JSON
/// library; the text is kept as written and parsed by the browser when it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody(String);

impl RequestBody {
    /// Checks `text` and keeps it.
    pub fn from_json(text: &str) -> Result<Self, RequestBodyError> {
        check(text).map_err(|reason| RequestBodyError { reason })?;
        Ok(Self(text.to_owned()))
    }

    /// The JSON text, as given.
    pub fn as_json(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for RequestBody {
    type Err = RequestBodyError;

    fn from_str(text: &str) -> Result<Self, RequestBodyError> {
        Self::from_json(text)
    }
}

/// Why a [`RequestBody`] was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBodyError {
    /// What is wrong, as a predicate of the body: `is not valid JSON (expected a quoted key at
    /// line 1, column 15)`, `must be a JSON object, not an array`, `must not set
    /// confirmationTokenId: the checkout sends it`.
    pub reason: String,
}

impl fmt::Display for RequestBodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the request body {}", self.reason)
    }
}

impl std::error::Error for RequestBodyError {}

/// Checks that `text` is one JSON object without a `confirmationTokenId` key.
fn check(text: &str) -> Result<(), String> {
    let mut json = Json {
        text: text.as_bytes(),
        at: 0,
    };
    json.space();
    let top = json.peek();
    let mut keys = Vec::new();
    json.value(&mut keys)
        .and_then(|()| {
            json.space();
            match json.peek() {
                None => Ok(()),
                Some(_) => Err("the end of the text after the object"),
            }
        })
        .map_err(|expected| {
            let (line, column) = json.position();
            format!("is not valid JSON (expected {expected} at line {line}, column {column})")
        })?;
    let kind = match top {
        Some(b'{') => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        _ => Some("a number"),
    };
    if let Some(kind) = kind {
        return Err(format!(
            "must be a JSON object such as {{\"items\": []}}, not {kind}"
        ));
    }
    if keys.iter().any(|k| k == CONFIRMATION_TOKEN_ID) {
        return Err(format!(
            "must not set {CONFIRMATION_TOKEN_ID}: the checkout sends it"
        ));
    }
    Ok(())
}

/// A JSON reader that checks syntax only. Nesting is kept on a heap stack, not in recursion,
/// so a deeply nested body cannot overflow the wasm's small stack.
struct Json<'a> {
    text: &'a [u8],
    at: usize,
}

/// What a check failed to find, e.g. "a value".
type Expected = &'static str;

impl Json<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        self.at += usize::from(byte.is_some());
        byte
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Line and column (in characters) of the current position, from 1.
    fn position(&self) -> (usize, usize) {
        let before = self.text.get(..self.at).unwrap_or(self.text);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = before
            .get(start..)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xc0 != 0x80) // UTF-8 continuation bytes are not characters
            .count()
            + 1;
        (line, column)
    }

    /// One value; the keys of the outermost object go to `keys` (decoded, to compare them).
    fn value(&mut self, keys: &mut Vec<String>) -> Result<(), Expected> {
        // `true` for an object, `false` for an array, innermost last.
        let mut open: Vec<bool> = Vec::new();
        loop {
            // A value.
            self.space();
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    self.space();
                    if !self.eat(b'}') {
                        open.push(true);
                        let top = open.len() == 1;
                        self.key(top.then_some(&mut *keys))?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    self.space();
                    if !self.eat(b']') {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => self.string(None)?,
                Some(b't') => self.word(b"true")?,
                Some(b'f') => self.word(b"false")?,
                Some(b'n') => self.word(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err("a value"),
            }
            // After a value: close what ends here, up to the next value.
            loop {
                self.space();
                match open.last() {
                    None => return Ok(()),
                    Some(&object) => {
                        let (close, expected) = match object {
                            true => (b'}', "`,` or `}`"),
                            false => (b']', "`,` or `]`"),
                        };
                        if self.eat(b',') {
                            if object {
                                self.space();
                                let top = open.len() == 1;
                                self.key(top.then_some(&mut *keys))?;
                            }
                            break;
                        }
                        if !self.eat(close) {
                            return Err(expected);
                        }
                        open.pop();
                    }
                }
            }
        }
    }

    /// `"key":`, decoded into `keys` when given.
    fn key(&mut self, keys: Option<&mut Vec<String>>) -> Result<(), Expected> {
        if self.peek() != Some(b'"') {
            return Err("a quoted key");
        }
        let mut key = keys.as_ref().map(|_| String::new());
        self.string(key.as_mut())?;
        if let (Some(keys), Some(key)) = (keys, key) {
            keys.push(key);
        }
        self.space();
        match self.eat(b':') {
            true => Ok(()),
            false => Err("`:` after the key"),
        }
    }

    /// A string (at its opening quote); its text goes to `decoded` when given (an escape of a
    /// non-ASCII character as U+FFFD: only comparisons with ASCII names need it).
    fn string(&mut self, mut decoded: Option<&mut String>) -> Result<(), Expected> {
        self.at += 1;
        let start = self.at;
        loop {
            let run = self.at;
            while matches!(self.peek(), Some(b) if b >= 0x20 && b != b'"' && b != b'\\') {
                self.at += 1;
            }
            if let Some(out) = decoded.as_deref_mut() {
                let text = std::str::from_utf8(self.text.get(run..self.at).unwrap_or_default());
                out.push_str(text.unwrap_or_default());
            }
            match self.next() {
                Some(b'"') => return Ok(()),
                Some(b'\\') => {
                    let escaped = match self.next() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let mut code = 0u32;
                            for _ in 0..4 {
                                let digit = self.next().and_then(|b| char::from(b).to_digit(16));
                                code = code * 16 + digit.ok_or("four hex digits after `\\u`")?;
                            }
                            char::from_u32(code)
                                .filter(char::is_ascii)
                                .unwrap_or('\u{fffd}')
                        }
                        _ => {
                            self.at -= 1;
                            return Err("an escape such as `\\n` or `\\\"`");
                        }
                    };
                    if let Some(out) = decoded.as_deref_mut() {
                        out.push(escaped);
                    }
                }
                Some(_) => {
                    self.at -= 1;
                    return Err("`\\n` rather than a line break or control character in a string");
                }
                None => {
                    self.at = start - 1;
                    return Err("the closing `\"` of this string");
                }
            }
        }
    }

    fn word(&mut self, word: &'static [u8]) -> Result<(), Expected> {
        match self.text.get(self.at..self.at + word.len()) == Some(word) {
            true => {
                self.at += word.len();
                Ok(())
            }
            false => Err("a value"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), Expected> {
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err("a digit"),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err("a digit after `.`");
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return Err("a digit in the exponent");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        RequestBody::from_json(text).unwrap_err().reason
    }

    #[test]
    fn objects_are_kept_as_written() {
        for text in [
            r#"{"items": [{"id": "tshirt", "quantity": 1}]}"#,
            "{}",
            " \n{ \"a\" : [ ] , \"b\" : { } }\t",
            r#"{"n": [0, -1, 2.50, 1e3, -0.5E-2, 10], "t": true, "f": false, "z": null}"#,
            r#"{"s": "é \" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00 😀"}"#,
            r#"{"deep": [[[[{"a": [{}]}]]]]}"#,
            // Nested keys are the shop's own: only the outermost object's are the checkout's.
            r#"{"order": {"confirmationTokenId": "theirs"}}"#,
        ] {
            let body = RequestBody::from_json(text).unwrap();
            assert_eq!(body.as_json(), text);
            assert_eq!(text.parse::<RequestBody>().unwrap(), body);
        }
    }

    #[test]
    fn a_trailing_comma_is_named_with_its_place() {
        assert_eq!(
            reason(r#"{"items": [{"id": "tshirt", "quantity": 1}],}"#),
            "is not valid JSON (expected a quoted key at line 1, column 45)"
        );
        assert_eq!(
            reason("{\n  \"items\": [1, 2,]\n}"),
            "is not valid JSON (expected a value at line 2, column 18)"
        );
        let error = RequestBody::from_json("{\"a\": 1,}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the request body is not valid JSON (expected a quoted key at line 1, column 9)"
        );
    }

    #[test]
    fn every_syntax_error_is_refused() {
        for (text, expected) in [
            ("", "a value at line 1, column 1"),
            ("{not json", "a quoted key at line 1, column 2"),
            ("{'a': 1}", "a quoted key at line 1, column 2"),
            ("{\"a\" 1}", "`:` after the key at line 1, column 6"),
            ("{\"a\": 1", "`,` or `}` at line 1, column 8"),
            ("{\"a\": [1}", "`,` or `]` at line 1, column 9"),
            ("{\"a\": 01}", "`,` or `}` at line 1, column 8"),
            ("{\"a\": 1.}", "a digit after `.` at line 1, column 9"),
            ("{\"a\": 1e}", "a digit in the exponent at line 1, column 9"),
            ("{\"a\": -}", "a digit at line 1, column 8"),
            ("{\"a\": +1}", "a value at line 1, column 7"),
            ("{\"a\": .5}", "a value at line 1, column 7"),
            ("{\"a\": NaN}", "a value at line 1, column 7"),
            ("{\"a\": tru}", "a value at line 1, column 7"),
            ("{\"a\": undefined}", "a value at line 1, column 7"),
            ("{\"a\": \"x}", "the closing `\"` of this string at line 1, column 7"),
            ("{\"a\": \"\\x\"}", "an escape such as `\\n` or `\\\"` at line 1, column 9"),
            ("{\"a\": \"\\u12\"}", "four hex digits after `\\u` at line 1, column 13"),
            (
                "{\"a\": \"two\nlines\"}",
                "`\\n` rather than a line break or control character in a string at line 1, column 11",
            ),
            ("{} {}", "the end of the text after the object at line 1, column 4"),
            ("{\"é\": 1,}", "a quoted key at line 1, column 9"),
        ] {
            assert_eq!(
                reason(text),
                format!("is not valid JSON (expected {expected})"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn only_an_object_without_the_token_id_is_a_body() {
        for (text, kind) in [
            ("[1]", "an array"),
            ("\"items\"", "a string"),
            ("true", "a boolean"),
            ("null", "null"),
            ("-2", "a number"),
        ] {
            assert_eq!(
                reason(text),
                format!("must be a JSON object such as {{\"items\": []}}, not {kind}")
            );
        }
        for text in [
            r#"{"confirmationTokenId": "ctoken_mine"}"#,
            r#"{"a": 1, "confirmation\u0054okenId": "ctoken_mine"}"#,
        ] {
            assert_eq!(
                reason(text),
                "must not set confirmationTokenId: the checkout sends it"
            );
        }
    }

    #[test]
    fn deep_nesting_is_read_without_recursion() {
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(RequestBody::from_json(&deep).is_ok());
        let unclosed = format!("{{\"a\": {}}}", "[".repeat(100_000));
        assert!(reason(&unclosed).starts_with("is not valid JSON (expected"));
    }
}
