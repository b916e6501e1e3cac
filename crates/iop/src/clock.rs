//! The one place that reads the wall clock. Everything else takes the time
//! as an argument, so it can be tested with any time.

/// Now, in UTC.
#[allow(clippy::disallowed_methods)] // the single, intended reader of the clock
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}
