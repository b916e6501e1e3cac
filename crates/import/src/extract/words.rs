//! Swedish numbers, months, dates and lengths as agreements write them.

use std::sync::LazyLock;

use regex::Regex;

/// "ett", "två", … "tolv", or digits.
pub(crate) fn number(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    let n = match w.as_str() {
        "en" | "ett" | "ettårig" => 1,
        "två" => 2,
        "tre" => 3,
        "fyra" => 4,
        "fem" => 5,
        "sex" => 6,
        "sju" => 7,
        "åtta" => 8,
        "nio" => 9,
        "tio" => 10,
        "elva" => 11,
        "tolv" => 12,
        "arton" => 18,
        "tjugofyra" => 24,
        "trettiosex" => 36,
        _ => return None,
    };
    Some(n)
}

pub(crate) const NUMBER_WORD: &str = r"(?:\d{1,3}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|arton|tjugofyra|trettiosex)";

pub(crate) fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A date in one of the usual writings; the regex's groups are read by [`parse_date`].
pub(crate) const DATE: &str = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|nov\.?|dec\.?)\s+\d{4}|\d{1,2}/\d{1,2}\s*\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{8})";

/// "581 81 Linköping": the postal code and city line of an address.
pub(crate) static POSTAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"^(\d{3}\s?\d{2})\s+(\p{Lu}[\p{L} -]+)$"));

static ISO: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})$").ok());
static WORDS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+(\p{L}+\.?)\s+(\d{4})$").ok());
static SLASH: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.](\d{1,2})[.\s]*(\d{4})$").ok());
static COMPACT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").ok());

/// A date as ISO `YYYY-MM-DD`, if the words are a real date.
pub(crate) fn parse_date(text: &str) -> Option<String> {
    let t = text.trim();
    let caps = |re: &LazyLock<Option<Regex>>| re.as_ref().and_then(|r| r.captures(t));
    let (y, m, d) = if let Some(c) = caps(&ISO).or_else(|| caps(&COMPACT)) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else if let Some(c) = caps(&WORDS) {
        (c[3].parse().ok()?, month(&c[2])?, c[1].parse().ok()?)
    } else if let Some(c) = caps(&SLASH) {
        (c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
    } else {
        return None;
    };
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// "tre månader", "2 år", "sex (6) månaders" → "3 months", "2 years".
pub(crate) fn length(count: &str, unit: &str) -> Option<String> {
    let n = number(count)?;
    // "rnånader": OCR reads "m" as "rn".
    let u = unit.to_lowercase().replacen("rnån", "mån", 1);
    let unit = if u.starts_with("år") {
        if n == 1 { "year" } else { "years" }
    } else if u.starts_with("mån") {
        if n == 1 { "month" } else { "months" }
    } else if u.starts_with("veck") {
        if n == 1 { "week" } else { "weeks" }
    } else if u.starts_with("dag") {
        if n == 1 { "day" } else { "days" }
    } else {
        return None;
    };
    Some(format!("{n} {unit}"))
}

/// Compile a rule's pattern once; a pattern that does not compile matches nothing.
pub(crate) fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// The sentence of `text` around byte `at`.
pub(crate) fn sentence_around(text: &str, at: usize) -> (usize, &str) {
    // A sentence is looked for at most this far either way, so a huge block
    // without full stops costs linear time, not quadratic.
    const REACH: usize = 500;
    let at = floor_boundary(text, at.min(text.len()));
    let low = floor_boundary(text, at.saturating_sub(REACH));
    let high = floor_boundary(text, (at + REACH).min(text.len()));
    // A full stop ends a sentence when a space follows it ("1.200.000" and
    // "fr.o.m." do not end one).
    let head = &text[low..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == '\n'
                || matches!(c, '.' | '!' | '?') && head[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(low, |(i, _)| low + i + 1);
    let rest = &text[at..high];
    let end = rest
        .find(['!', '?', '\n'])
        .or_else(|| {
            // A full stop ends a sentence when a space and a capital follow.
            rest.match_indices(". ")
                .find(|(i, _)| rest[i + 2..].starts_with(char::is_uppercase))
                .map(|(i, _)| i + 1)
        })
        .map_or(high, |i| at + i);
    let slice = &text[start..end];
    let trimmed = slice.trim_start();
    (start + slice.len() - trimmed.len(), trimmed.trim_end())
}

/// The nearest char boundary at or below `at`.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1 januari 2025").as_deref(), Some("2025-01-01"));
        assert_eq!(parse_date("2021-01-01").as_deref(), Some("2021-01-01"));
        assert_eq!(parse_date("31/12 2028").as_deref(), Some("2028-12-31"));
        assert_eq!(parse_date("30.6.2026").as_deref(), Some("2026-06-30"));
        assert_eq!(parse_date("20250101").as_deref(), Some("2025-01-01"));
        assert_eq!(parse_date("31 februari 2025"), None);
    }

    #[test]
    fn lengths() {
        assert_eq!(length("tre", "månaders").as_deref(), Some("3 months"));
        assert_eq!(length("1", "år").as_deref(), Some("1 year"));
    }
}

/// Where lowercase `needle` first stands in `text`, ignoring case, as byte
/// positions (start, end) of `text` itself. Lowercasing may change a text's
/// length ("İ" grows, the Kelvin sign shrinks), so a position found in a
/// lowercased copy must never slice the original.
pub(crate) fn find_ignoring_case(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.char_indices()
        .find_map(|(at, _)| Some((at, at + matched_len(text.get(at..)?, needle)?)))
}

/// Every place lowercase `needle` stands in `text`, ignoring case, as
/// (start, end) of `text`; matches do not overlap.
pub(crate) fn find_all_ignoring_case(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = text
        .get(from..)
        .and_then(|rest| find_ignoring_case(rest, needle))
    {
        found.push((from + start, from + end));
        from += end.max(start + 1);
        from = ceil_boundary(text, from);
    }
    found
}

/// How many bytes of `text`'s start, lowercased, spell `needle`; `None`
/// when they do not or a character would be split.
fn matched_len(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut want = needle.chars().peekable();
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            if want.next() != Some(lower) {
                return None;
            }
        }
        if want.peek().is_none() {
            return Some(at + c.len_utf8());
        }
    }
    None
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod ignoring_case {
    use super::*;

    /// "İ" lowercases to three bytes from two, the Kelvin sign to one from
    /// three: the positions are the original text's all the same.
    #[test]
    fn positions_are_the_original_texts() {
        let text = "İİ Region K\u{212a} bidrar; region kk";
        let at = text.find("Region").unwrap();
        assert_eq!(
            find_ignoring_case(text, "region"),
            Some((at, at + "Region".len()))
        );
        let kelvin = text.find('K').unwrap();
        assert_eq!(
            find_ignoring_case(text, "kk"),
            Some((kelvin, kelvin + "K\u{212a}".len()))
        );
        let second = text.rfind("region").unwrap();
        assert_eq!(
            find_all_ignoring_case(text, "region"),
            [(at, at + 6), (second, second + 6)]
        );
        assert_eq!(find_ignoring_case(text, "saknas"), None);
    }
}
