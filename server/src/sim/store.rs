//! A map with a cap and a time to live, so the simulator's memory stays bounded however many
//! objects clients create: entries older than the TTL are dropped, and at the cap a new entry
//! is refused — never is an entry younger than the TTL dropped to make room, since it may be a
//! shopper's ConfirmationToken that their payment is about to use.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The map is at its cap (and no entry has outlived the TTL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

/// String-keyed entries, forgotten when older than the TTL.
pub struct Bounded<V> {
    entries: HashMap<String, (Instant, V)>,
    /// Keys with their insertion time, oldest first (insertions happen under one lock, so
    /// times only grow along the queue).
    order: VecDeque<(Instant, String)>,
    max: usize,
    ttl: Duration,
}

impl<V> Bounded<V> {
    /// An empty map keeping at most `max` entries (at least one), each for at most `ttl`.
    pub fn new(max: usize, ttl: Duration) -> Self {
        Bounded {
            entries: HashMap::new(),
            order: VecDeque::new(),
            max: max.max(1),
            ttl,
        }
    }

    /// Drops the entries older than the TTL at `now`.
    pub fn expire(&mut self, now: Instant) {
        while let Some((inserted, _)) = self.order.front() {
            if now.saturating_duration_since(*inserted) < self.ttl {
                break;
            }
            self.pop_oldest();
        }
    }

    /// Inserts or replaces `key` (a replaced entry keeps its age); at the cap (once what
    /// outlived the TTL at `now` is dropped) a new key is refused.
    pub fn insert(&mut self, key: String, value: V, now: Instant) -> Result<(), Full> {
        if let Some((_, slot)) = self.entries.get_mut(&key) {
            *slot = value;
            return Ok(());
        }
        self.expire(now);
        self.room()?;
        self.order.push_back((now, key.clone()));
        self.entries.insert(key, (now, value));
        Ok(())
    }

    /// `Err(Full)` when a new key would be refused (call after [`Bounded::expire`]).
    pub fn room(&self) -> Result<(), Full> {
        if self.entries.len() >= self.max {
            Err(Full)
        } else {
            Ok(())
        }
    }

    fn pop_oldest(&mut self) {
        if let Some((_, key)) = self.order.pop_front() {
            self.entries.remove(&key);
        }
    }

    /// The entry under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key).map(|(_, value)| value)
    }

    /// The entry under `key`, to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries.get_mut(key).map(|(_, value)| value)
    }

    /// Every entry, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &V> {
        self.order.iter().rev().filter_map(|(_, key)| self.get(key))
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_cap_a_new_entry_is_refused_until_the_oldest_outlives_the_ttl() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut map = Bounded::new(3, Duration::from_secs(60));
        for i in 0..10u64 {
            let inserted = map.insert(format!("k{i}"), i, at(i));
            assert_eq!(inserted.is_ok(), i < 3, "k{i}");
        }
        assert_eq!(map.len(), 3);
        assert_eq!(map.newest_first().copied().collect::<Vec<_>>(), [2, 1, 0]);
        assert_eq!(map.get("k0"), Some(&0), "the young are never evicted");
        assert_eq!(
            map.insert("k0".into(), 10, at(20)),
            Ok(()),
            "a replacement fits"
        );
        assert_eq!(map.insert("late".into(), 11, at(60_000)), Ok(()));
        assert!(map.get("k0").is_none(), "it outlived the TTL");
    }

    #[test]
    fn entries_older_than_the_ttl_are_forgotten() {
        let start = Instant::now();
        let mut map = Bounded::new(100, Duration::from_secs(60));
        map.insert("old".into(), 1, start).unwrap();
        map.insert("new".into(), 2, start + Duration::from_secs(30))
            .unwrap();
        map.expire(start + Duration::from_secs(59));
        assert_eq!(map.len(), 2);
        map.expire(start + Duration::from_secs(61));
        assert!(map.get("old").is_none());
        assert_eq!(map.get("new"), Some(&2));
        map.expire(start + Duration::from_secs(91));
        assert!(map.is_empty());
    }

    #[test]
    fn replacing_an_entry_keeps_one_copy_and_its_age() {
        let start = Instant::now();
        let mut map = Bounded::new(2, Duration::from_secs(60));
        map.insert("a".into(), 1, start).unwrap();
        map.insert("a".into(), 2, start + Duration::from_secs(1))
            .unwrap();
        map.insert("b".into(), 3, start + Duration::from_secs(2))
            .unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map.get("a"), Some(&2));
        map.insert("c".into(), 4, start + Duration::from_secs(60))
            .unwrap();
        assert!(
            map.get("a").is_none(),
            "a kept its first age and outlived the TTL"
        );
        assert_eq!(map.newest_first().copied().collect::<Vec<_>>(), [4, 3]);
    }
}
