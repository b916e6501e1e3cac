//! Sign-in throttling: counters per user name, per client address and per
//! pair of the two, each allowing some attempts freely and then a wait
//! between attempts that doubles with each further one, up to a cap. No
//! counter locks anyone out for long: a stranger's guesses from another
//! address count against the name only beyond [`PER_NAME`]'s free
//! attempts, and then delay the real user by at most its cap. An attempt
//! is counted before its password is checked (see
//! [`store::Store::reserve_attempt`]), so however many come at once, no
//! more are checked than the rules allow.

use jiff::{SignedDuration, Timestamp};
use store::{Counter, Forget};

/// How one kind of counter slows attempts down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Attempts that need no wait.
    pub free: i64,
    /// The longest wait between two attempts.
    pub cap: SignedDuration,
}

/// One user name from one address: the guesser's own counter.
pub const PER_NAME_AND_ADDRESS: Rule = Rule {
    free: 5,
    cap: SignedDuration::from_mins(15),
};
/// One user name from every address together: bounds guessing spread over
/// many addresses, and with its short cap never keeps the real user out long.
pub const PER_NAME: Rule = Rule {
    free: 20,
    cap: SignedDuration::from_secs(60),
};
/// One address, every user name together: one client trying many names.
pub const PER_ADDRESS: Rule = Rule {
    free: 50,
    cap: SignedDuration::from_mins(15),
};
/// The wait after the first attempt beyond the free ones; each further
/// attempt doubles it.
pub const FIRST_WAIT: SignedDuration = SignedDuration::from_secs(1);
/// A counter with no attempt for this long starts again from nothing.
pub const FORGET_AFTER: SignedDuration = SignedDuration::from_mins(15);

fn millis(d: SignedDuration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Rule {
    /// How long after the last of `attempts` the next one may be made.
    pub fn delay(self, attempts: i64) -> SignedDuration {
        if attempts < self.free {
            return SignedDuration::ZERO;
        }
        let doublings = u32::try_from(attempts - self.free)
            .unwrap_or(u32::MAX)
            .min(40);
        let wait = millis(FIRST_WAIT).saturating_mul(1i64 << doublings);
        SignedDuration::from_millis(wait).min(self.cap)
    }

    /// Milliseconds from `now_ms` until a counter allows another attempt.
    fn wait_ms(self, counter: Counter, now_ms: i64) -> i64 {
        let allowed = counter
            .last_ms
            .saturating_add(millis(self.delay(counter.failures)));
        (allowed - now_ms).max(0)
    }
}

/// The counters one sign-in attempt is counted against.
pub(crate) struct Attempt {
    keys: Vec<String>,
    rules: Vec<Rule>,
}

impl Attempt {
    /// For a user name (as typed, normalised) from a client address (which
    /// never holds a space, so the pair's key is unambiguous).
    pub(crate) fn new(username: &str, address: &str) -> Attempt {
        Attempt {
            keys: vec![
                format!("name:{username}"),
                format!("pair:{username} {address}"),
                format!("address:{address}"),
            ],
            rules: vec![PER_NAME, PER_NAME_AND_ADDRESS, PER_ADDRESS],
        }
    }

    pub(crate) fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Milliseconds until counter `i`, as found, allows this attempt.
    pub(crate) fn wait_ms(&self, i: usize, counter: Counter, now: Timestamp) -> i64 {
        self.rules
            .get(i)
            .map_or(0, |rule| rule.wait_ms(counter, now.as_millisecond()))
    }

    /// After a success: the name's counters are forgotten, the address
    /// keeps its other attempts.
    pub(crate) fn forget(&self) -> Forget<'_> {
        Forget {
            clear: &self.keys[..2],
            give_back: &self.keys[2..],
        }
    }
}

/// When a counter idle since before this counts as new.
pub(crate) fn forget_before(now: Timestamp) -> i64 {
    now.as_millisecond() - millis(FORGET_AFTER)
}

/// Whole seconds to wait, rounded up (Retry-After), at least one.
pub(crate) fn retry_after(wait_ms: i64) -> i64 {
    ((wait_ms + 999) / 1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: i64) -> SignedDuration {
        SignedDuration::from_secs(n)
    }

    #[test]
    fn the_wait_doubles_after_the_free_attempts_up_to_the_cap() {
        let rule = PER_NAME_AND_ADDRESS;
        for n in 0..5 {
            assert_eq!(rule.delay(n), SignedDuration::ZERO, "attempt {n}");
        }
        assert_eq!(rule.delay(5), secs(1));
        assert_eq!(rule.delay(6), secs(2));
        assert_eq!(rule.delay(7), secs(4));
        assert_eq!(rule.delay(14), secs(512));
        assert_eq!(rule.delay(15), secs(900), "capped at 15 minutes");
        assert_eq!(rule.delay(1_000_000), secs(900));
    }

    #[test]
    fn a_stranger_keeps_the_name_waiting_at_most_a_minute() {
        for n in 0..10_000 {
            assert!(PER_NAME.delay(n) <= secs(60), "attempt {n}");
        }
        assert_eq!(PER_NAME.delay(19), SignedDuration::ZERO);
        assert_eq!(PER_NAME.delay(26), secs(60));
    }

    #[test]
    fn the_wait_counts_from_the_last_attempt() {
        let last: Timestamp = "2026-11-23T12:00:00Z".parse().unwrap_or_default();
        let attempt = Attempt::new("anna", "192.0.2.1");
        let counter = Counter {
            failures: 7,
            last_ms: last.as_millisecond(),
        };
        // The pair's counter (index 1): 4 s after the 7th attempt.
        assert_eq!(attempt.wait_ms(1, counter, last), 4000);
        assert_eq!(attempt.wait_ms(1, counter, last + secs(3)), 1000);
        assert_eq!(attempt.wait_ms(1, counter, last + secs(4)), 0);
        // The name's counter (index 0) allows 20 freely.
        assert_eq!(attempt.wait_ms(0, counter, last), 0);
        assert_eq!(retry_after(1), 1);
        assert_eq!(retry_after(4000), 4);
        assert_eq!(retry_after(4001), 5);
    }
}
