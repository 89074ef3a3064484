//! A map with a cap and a time to live, so the simulator's memory stays bounded however many
//! objects clients create: entries older than the TTL are dropped, and at the cap the oldest
//! entry makes room for the new one.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// String-keyed entries, oldest forgotten first.
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

    /// Inserts or replaces `key` (a replaced entry keeps its age); at the cap, the oldest
    /// entry goes first.
    pub fn insert(&mut self, key: String, value: V, now: Instant) {
        if let Some((_, slot)) = self.entries.get_mut(&key) {
            *slot = value;
            return;
        }
        self.expire(now);
        while self.entries.len() >= self.max {
            self.pop_oldest();
        }
        self.order.push_back((now, key.clone()));
        self.entries.insert(key, (now, value));
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
    fn at_the_cap_the_oldest_entry_makes_room() {
        let start = Instant::now();
        let mut map = Bounded::new(3, Duration::from_secs(60));
        for i in 0..10u64 {
            map.insert(format!("k{i}"), i, start + Duration::from_millis(i));
        }
        assert_eq!(map.len(), 3);
        assert_eq!(map.newest_first().copied().collect::<Vec<_>>(), [9, 8, 7]);
        assert!(map.get("k6").is_none());
        assert_eq!(map.get("k7"), Some(&7));
    }

    #[test]
    fn entries_older_than_the_ttl_are_forgotten() {
        let start = Instant::now();
        let mut map = Bounded::new(100, Duration::from_secs(60));
        map.insert("old".into(), 1, start);
        map.insert("new".into(), 2, start + Duration::from_secs(30));
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
        map.insert("a".into(), 1, start);
        map.insert("a".into(), 2, start + Duration::from_secs(1));
        map.insert("b".into(), 3, start + Duration::from_secs(2));
        assert_eq!(map.len(), 2);
        assert_eq!(map.get("a"), Some(&2));
        map.insert("c".into(), 4, start + Duration::from_secs(3));
        assert!(map.get("a").is_none(), "a is still the oldest");
        assert_eq!(map.newest_first().copied().collect::<Vec<_>>(), [4, 3]);
    }
}
