//! How often something recurs, as agreements write it: "två gånger per år",
//! "minst två (2) tillfällen på ett år", "per 12-månadersperiod",
//! "var 4–6:e vecka", "kvartalsvis", "månadsvis", "vid behov", "regelbunden".
//!
//! A cadence is written as a short value: `per-year 2`,
//! `per-twelve-months 2`, `interval 4-6` (weeks), `regular`, `as-needed`.

use std::sync::LazyLock;

use regex::Regex;

use super::words::{NUMBER_WORD, number, regex};

static INTERVAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(r"(?i)\bvar(?:je)?\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s*:?\s*(?:e|a|dje)?\s+veck")
});
static EVERY_OTHER_WEEK: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?i)\b(?:varannan|var\s+annan)\s+vecka|\bvarje\s+vecka|\bveckovis"));
static ORDINAL_WEEK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(r"(?i)\bvar\s+(andra|tredje|fjärde|femte|sjätte|sjunde|åttonde)\s+vecka")
});

/// "tredje" → 3.
fn ordinal(word: &str) -> Option<u32> {
    let n = match word.to_lowercase().as_str() {
        "andra" => 2,
        "tredje" => 3,
        "fjärde" => 4,
        "femte" => 5,
        "sjätte" => 6,
        "sjunde" => 7,
        "åttonde" => 8,
        _ => return None,
    };
    Some(n)
}

static TIMES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(?:gånger|gång|tillfällen|tillfälle|möten|sammanträden)\s+(?:om|per|på|i|varje)\s+(?:ett\s+|varje\s+)?(år|året|kalenderår|12-månadersperiod|tolvmånadersperiod|halvår|kvartal|månad|månaden)|\b({NUMBER_WORD})\s*(?:\(\d+\)\s*)?(?:gånger|gång|tillfällen)\s+(årligen)"
    ))
});

/// The cadence the words state, and the rule that read it.
pub(crate) fn cadence(text: &str) -> Option<(String, &'static str)> {
    if let Some(c) = INTERVAL.as_ref().and_then(|r| r.captures(text)) {
        let low: u32 = c[1].parse().ok()?;
        let high: u32 = c.get(2).map_or(Some(low), |m| m.as_str().parse().ok())?;
        return Some((format!("interval {low}-{high}"), "cadence-every-n-weeks"));
    }
    if let Some(c) = ORDINAL_WEEK.as_ref().and_then(|r| r.captures(text)) {
        let n = ordinal(&c[1])?;
        return Some((format!("interval {n}-{n}"), "cadence-every-n-weeks"));
    }
    if let Some(m) = EVERY_OTHER_WEEK.as_ref().and_then(|r| r.find(text)) {
        let n = if m.as_str().to_lowercase().contains("annan") {
            2
        } else {
            1
        };
        return Some((format!("interval {n}-{n}"), "cadence-every-n-weeks"));
    }
    if let Some(c) = TIMES.as_ref().and_then(|r| r.captures(text)) {
        let (count, per) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(n), Some(per), _) => (number(n.as_str())?, per.as_str().to_lowercase()),
            (_, _, Some(n)) => (number(n.as_str())?, "år".to_owned()),
            _ => return None,
        };
        let (times, kind) = match per.as_str() {
            "12-månadersperiod" | "tolvmånadersperiod" => (count, "per-twelve-months"),
            "halvår" => (count * 2, "per-year"),
            "kvartal" => (count * 4, "per-year"),
            "månad" | "månaden" => (count * 12, "per-year"),
            _ => (count, "per-year"),
        };
        return Some((format!("{kind} {times}"), "cadence-times-per-period"));
    }
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["kvartalsvis", "varje kvartal", "en gång per kvartal"]) {
        return Some(("per-year 4".into(), "cadence-word"));
    }
    if has(&["månadsvis", "varje månad", "en gång i månaden"]) {
        return Some(("per-year 12".into(), "cadence-word"));
    }
    if has(&["halvårsvis", "varje halvår"]) {
        return Some(("per-year 2".into(), "cadence-word"));
    }
    if has(&[
        "årligen",
        "en gång per år",
        "en gång om året",
        "varje år",
        "årlig ",
    ]) {
        return Some(("per-year 1".into(), "cadence-word"));
    }
    if has(&["vid behov", "när behov uppstår", "vid särskilda behov"]) {
        return Some(("as-needed".into(), "cadence-as-needed"));
    }
    if has(&["regelbund", "kontinuerlig", "löpande", "fortlöpande"]) {
        return Some(("regular".into(), "cadence-regular"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Option<String> {
        cadence(text).map(|(v, _)| v)
    }

    #[test]
    fn usual_writings() {
        assert_eq!(
            c("Styrgruppen sammanträder två gånger om året").as_deref(),
            Some("per-year 2")
        );
        assert_eq!(
            c("vid minst två (2) tillfällen på ett år").as_deref(),
            Some("per-year 2")
        );
        assert_eq!(c("minst två gånger årligen").as_deref(), Some("per-year 2"));
        assert_eq!(
            c("ska mötas var 4-6:e vecka").as_deref(),
            Some("interval 4-6")
        );
        assert_eq!(c("träffas var 6:e vecka").as_deref(), Some("interval 6-6"));
        assert_eq!(
            c("träffas var sjätte vecka").as_deref(),
            Some("interval 6-6")
        );
        assert_eq!(c("möts kvartalsvis").as_deref(), Some("per-year 4"));
        assert_eq!(
            c("vid två (2) tillfällen per 12-månadersperiod").as_deref(),
            Some("per-twelve-months 2")
        );
        assert_eq!(c("en gång per kvartal").as_deref(), Some("per-year 4"));
        assert_eq!(c("regelbunden dialog").as_deref(), Some("regular"));
        assert_eq!(c("kan vid behov tillsättas").as_deref(), Some("as-needed"));
        assert_eq!(c("Bakgrunden är lång"), None);
    }
}
