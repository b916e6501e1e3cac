//! Answers kept in memory until the data under them changes.
//!
//! Every committed write transaction advances the store's [`Generation`];
//! [`Store::watch_other_writers`] advances it too when another process (the
//! operator's command line, a second server on the same PostgreSQL database)
//! appended to the audit log, which every write of substance does. A [`Memo`]
//! entry remembers the generation it was computed under and is served only
//! while that is still the current one: one write anywhere makes every
//! earlier answer stale, which is coarse but never wrong.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::Store;

/// How many changes this process has seen; shared by clones of a [`Store`].
#[derive(Debug, Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// After a commit: answers computed before it are stale.
    pub(crate) fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

#[derive(Debug, Clone)]
struct Entry<V> {
    generation: u64,
    value: V,
}

/// What an answer weighs against the memo's capacity.
#[derive(Debug, Clone)]
struct Weight<V>(fn(&V) -> u64);

impl<K, V> Weighter<K, Entry<V>> for Weight<V> {
    fn weight(&self, _: &K, entry: &Entry<V>) -> u64 {
        (self.0)(&entry.value).max(1)
    }
}

/// A bounded map from a question to its answer, valid for one generation.
/// Evicts what was least used when full (S3-FIFO, from `quick_cache`).
#[derive(Debug)]
pub struct Memo<K, V> {
    /// None when the memo keeps nothing.
    entries: Option<Cache<K, Entry<V>, Weight<V>>>,
    generation: Generation,
}

impl<K, V> Memo<K, V>
where
    K: Eq + std::hash::Hash + Clone,
    V: Clone,
{
    /// Up to `items` answers (none when 0).
    pub fn counted(store: &Store, items: usize) -> Self {
        Self::build(store, items, items as u64, |_| 1)
    }

    /// Answers weighing up to `bytes` in all (none when 0), by `weight`.
    pub fn weighed(store: &Store, bytes: u64, weight: fn(&V) -> u64) -> Self {
        // A serialised answer is typically a few kilobytes.
        let expected = usize::try_from(bytes / 4096).unwrap_or(usize::MAX);
        Self::build(store, expected, bytes, weight)
    }

    fn build(store: &Store, expected: usize, capacity: u64, weight: fn(&V) -> u64) -> Self {
        Memo {
            entries: (capacity > 0)
                .then(|| Cache::with_weighter(expected.max(16), capacity, Weight(weight))),
            generation: store.generation(),
        }
    }

    /// The current generation: read it before computing an answer, and hand
    /// it to [`Memo::keep`], so a write that lands meanwhile makes the answer
    /// stale rather than the memo wrong.
    pub fn generation(&self) -> u64 {
        self.generation.current()
    }

    /// The answer, if one computed under the current generation is kept.
    pub fn get(&self, key: &K) -> Option<V> {
        let entry = self.entries.as_ref()?.get(key)?;
        (entry.generation == self.generation.current()).then_some(entry.value)
    }

    /// Keep an answer computed under `generation`.
    pub fn keep(&self, key: K, generation: u64, value: V) {
        if generation != self.generation.current() {
            return;
        }
        if let Some(entries) = &self.entries {
            entries.insert(key, Entry { generation, value });
        }
    }

    /// The kept answer, or `compute`'s (kept when it succeeds).
    pub async fn get_or_try<E, F>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.get(&key) {
            return Ok(value);
        }
        let generation = self.generation();
        let value = compute.await?;
        self.keep(key, generation, value.clone());
        Ok(value)
    }
}

impl Store {
    /// The generation that memos of this store's answers are checked against.
    pub fn generation(&self) -> Generation {
        self.generation.clone()
    }

    /// Every `every`, look at the length of the audit log and advance the
    /// generation when another process has written. Runs until the process
    /// ends; a failed look is logged and tried again.
    pub fn watch_other_writers(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let store = self.clone();
        tokio::spawn(async move {
            let mut seen = None;
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                match store.audit_length().await {
                    Ok(length) => {
                        if seen.is_some_and(|s| s != length) {
                            store.generation.advance();
                        }
                        seen = Some(length);
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot read the audit log's length"),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Text(String);

    fn length(t: &Text) -> u64 {
        t.0.len() as u64
    }

    async fn open(path: &std::path::Path) -> Store {
        let url = crate::DatabaseUrl::parse(&path.display().to_string());
        match url {
            Ok(url) => match Store::open(&url).await {
                Ok(s) => s,
                Err(e) => panic!("open: {e}"),
            },
            Err(e) => panic!("url: {e}"),
        }
    }

    async fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary directory: {e}"));
        let store = open(&dir.path().join("memo.db")).await;
        (dir, store)
    }

    #[tokio::test]
    async fn another_process_writing_makes_answers_stale() {
        let (dir, store) = store().await;
        let other = open(&dir.path().join("memo.db")).await; // as the command line would
        let watcher = store.watch_other_writers(Duration::from_millis(10));
        let memo: Memo<&str, u32> = Memo::counted(&store, 10);
        tokio::time::sleep(Duration::from_millis(50)).await; // the watcher has looked once
        memo.keep("a", memo.generation(), 1);
        assert_eq!(memo.get(&"a"), Some(1));
        let org = crate::OrgRow {
            id: "region-gotland".into(),
            name: "Region Gotland".into(),
        };
        let event = crate::AuditEvent {
            at: "2026-11-23T09:00:00Z".into(),
            actor: "system".into(),
            entity_kind: "organisation".into(),
            entity_id: org.id.clone(),
            action: "created".into(),
            before: None,
            after: None,
        };
        if let Err(e) = other.add_org(&org, "2026-11-23T09:00:00Z", &event).await {
            panic!("write: {e}");
        }
        let mut waited = 0;
        while memo.get(&"a").is_some() {
            assert!(waited < 500, "the watcher never saw the other write");
            tokio::time::sleep(Duration::from_millis(10)).await;
            waited += 1;
        }
        watcher.abort();
    }

    #[tokio::test]
    async fn an_answer_lives_until_the_next_write() {
        let (_dir, store) = store().await;
        let memo: Memo<&str, Text> = Memo::weighed(&store, 1 << 20, length);
        let g = memo.generation();
        memo.keep("a", g, Text("one".into()));
        assert_eq!(memo.get(&"a"), Some(Text("one".into())));
        store.generation.advance();
        assert_eq!(memo.get(&"a"), None, "a write makes it stale");
    }

    #[tokio::test]
    async fn an_answer_computed_across_a_write_is_not_kept() {
        let (_dir, store) = store().await;
        let memo: Memo<&str, u32> = Memo::counted(&store, 100);
        let g = memo.generation();
        store.generation.advance(); // a write commits while the answer is computed
        memo.keep("a", g, 1);
        assert_eq!(memo.get(&"a"), None);
        let fresh = memo.get_or_try("a", async { Ok::<_, ()>(2) }).await;
        assert_eq!(fresh, Ok(2));
        assert_eq!(memo.get(&"a"), Some(2));
    }

    #[tokio::test]
    async fn capacity_bounds_the_memo_and_zero_turns_it_off() {
        let (_dir, store) = store().await;
        let memo: Memo<u32, Text> = Memo::weighed(&store, 10_000, length);
        let g = memo.generation();
        for i in 0..1000 {
            memo.keep(i, g, Text("x".repeat(100)));
        }
        let kept = (0..1000).filter(|i| memo.get(i).is_some()).count();
        assert!(
            kept > 0 && kept <= 100,
            "kept {kept} of 1000 answers of 100 bytes in 10 000"
        );
        let off: Memo<u32, Text> = Memo::weighed(&store, 0, length);
        off.keep(1, g, Text("x".into()));
        assert_eq!(off.get(&1), None);
    }
}
