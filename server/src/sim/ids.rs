//! Fresh ids and times for new objects: Stripe-looking random ids, Unix timestamps, and the
//! calendar month that card-expiry checks compare against.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A Stripe-looking id: `prefix` + 24 base-62 characters.
pub(super) fn random_id(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let state = RandomState::new();
    let mut bits = (u128::from(state.hash_one(n)) << 64) | u128::from(state.hash_one(!n));
    let mut id = String::from(prefix);
    for _ in 0..24 {
        id.push(ALPHABET[(bits % 62) as usize] as char);
        bits /= 62;
    }
    id
}

pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `(year, month)` of a Unix time (UTC), for card-expiry checks.
pub(super) fn year_month(unix: u64) -> (u32, u32) {
    // Howard Hinnant's civil_from_days.
    let z = (unix / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u32, month as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_converts_unix_time() {
        assert_eq!(year_month(0), (1970, 1));
        // 2026-01-28T00:00:00Z
        assert_eq!(year_month(1_769_558_400), (2026, 1));
        // 2024-02-29T12:00:00Z
        assert_eq!(year_month(1_709_208_000), (2024, 2));
    }

    #[test]
    fn random_ids_are_prefixed_and_distinct() {
        let a = random_id("pi_");
        let b = random_id("pi_");
        assert!(a.starts_with("pi_") && a.len() == 27);
        assert_ne!(a, b);
    }
}
