//! How iop speaks to a person: every string, in Swedish (the default) and
//! English, as Fluent files under `locales/` (both languages must have every
//! key; a test enforces it); the one formatter of dates, money, lengths and
//! running text ([`present`]); and the one calendar writer ([`ical`]).
//! Pages, documents and the command line all depend on this crate and on
//! nothing heavier for these, so they say a thing the same way everywhere.

pub mod ical;
pub mod present;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "sv",
        // No Unicode isolation marks: the text goes to terminals and JSON too.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

/// A language iop speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// The message `key` in `lang`, with named arguments filled in. A key that
/// does not exist comes back as the key itself, so a gap shows rather than
/// vanishes (and the completeness test catches it).
pub fn text(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), value(v)))
        .collect();
    LOCALES
        .try_lookup_with_args(lang.id(), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// A diagnostic-style message: like [`text`], but an argument written
/// `@key` is itself a message key, translated first (a section's name, a sector).
pub fn message(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let resolved: Vec<(&str, String)> = args
        .iter()
        .map(|(name, value)| match value.strip_prefix('@') {
            Some(word) => (*name, text(lang, word, &[])),
            None => (*name, value.clone()),
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = resolved.iter().map(|(n, v)| (*n, v.as_str())).collect();
    text(lang, key, &borrowed)
}

/// Whole numbers become Fluent numbers so plural forms select correctly
/// ("1 fil", "2 filer"); everything else stays text.
fn value(v: &str) -> FluentValue<'_> {
    match v.parse::<i64>() {
        Ok(n) if n.to_string() == v => FluentValue::from(n),
        _ => FluentValue::from(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids defined in a Fluent file (lines `id = …`).
    fn keys(ftl: &str) -> Vec<&str> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .collect()
    }

    /// The `$variables` a message uses, each given the value "1".
    fn dummy_args(ftl: &str, key: &str) -> Vec<(String, String)> {
        let start = ftl.find(&format!("\n{key} =")).map_or(0, |i| i + 1);
        let body: String = ftl[start..]
            .lines()
            .enumerate()
            .take_while(|(i, l)| {
                *i == 0 || !l.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            })
            .map(|(_, l)| l)
            .collect();
        body.split('$')
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect::<String>()
            })
            .map(|name| (name, "1".to_owned()))
            .collect()
    }

    const FILES: [(&str, &str, &str); 6] = [
        (
            "checks.ftl",
            include_str!("../locales/sv/checks.ftl"),
            include_str!("../locales/en/checks.ftl"),
        ),
        (
            "cli.ftl",
            include_str!("../locales/sv/cli.ftl"),
            include_str!("../locales/en/cli.ftl"),
        ),
        (
            "ui.ftl",
            include_str!("../locales/sv/ui.ftl"),
            include_str!("../locales/en/ui.ftl"),
        ),
        (
            "rules.ftl",
            include_str!("../locales/sv/rules.ftl"),
            include_str!("../locales/en/rules.ftl"),
        ),
        (
            "errors.ftl",
            include_str!("../locales/sv/errors.ftl"),
            include_str!("../locales/en/errors.ftl"),
        ),
        (
            "calendar.ftl",
            include_str!("../locales/sv/calendar.ftl"),
            include_str!("../locales/en/calendar.ftl"),
        ),
    ];

    #[test]
    fn both_languages_have_every_key() {
        let by_name = |pick: fn(&(&'static str, &'static str, &'static str)) -> &'static str| {
            FILES
                .iter()
                .map(|f| (f.0, pick(f)))
                .collect::<HashMap<_, _>>()
        };
        let (files_sv, files_en) = (by_name(|f| f.1), by_name(|f| f.2));
        for (name, sv, en) in FILES {
            let (mut sv, mut en) = (keys(sv), keys(en));
            sv.sort_unstable();
            en.sort_unstable();
            assert!(!sv.is_empty(), "{name} has no keys");
            assert_eq!(sv, en, "{name}: Swedish and English keys differ");
            for key in sv {
                for (lang, ftl) in [(Lang::Sv, files_sv[name]), (Lang::En, files_en[name])] {
                    let owned = dummy_args(ftl, key);
                    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = owned
                        .iter()
                        .map(|(k, v)| (Cow::Owned(k.clone()), FluentValue::from(v.as_str())))
                        .collect();
                    let got = LOCALES.try_lookup_with_args(lang.id(), key, &args);
                    assert!(got.is_some(), "{name}: {key} does not load in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn arguments_are_filled_in_each_language() {
        let args = [("value", "212000-0448"), ("expected", "9")];
        let sv = text(Lang::Sv, "orgnr-checksum", &args);
        let en = text(Lang::En, "orgnr-checksum", &args);
        assert!(
            sv.contains("212000-0448") && sv.contains("kontrollsiffra"),
            "{sv}"
        );
        assert!(
            en.contains("212000-0448") && en.contains("check digit"),
            "{en}"
        );
        assert_eq!(text(Lang::En, "no-such-key", &[]), "no-such-key");
        let missing = message(
            Lang::Sv,
            "section-missing",
            &[("section", "@section-purpose".to_owned())],
        );
        assert!(missing.contains("Syfte"), "{missing}");
    }
}
