//! The clause around a notice period (uppsägning, utträde): on what grounds,
//! who may use it, what the document calls it and how the money is settled,
//! read from the notice's sentence and the sentences on either side of it
//! ("Om någon av parterna … brister i sina åtaganden … kan annan part säga
//! upp överenskommelsen. I sådana fall gäller 9 månaders uppsägningstid.").

use super::mentions::sentences;
use super::{Confidence, Context, Fact, Span};

/// What the words around a notice period say of its clause.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Exit {
    /// "convenience", or the grounds named ("breach,changed-circumstances").
    pub grounds: (String, Confidence),
    pub by: (&'static str, Confidence),
    /// "withdrawal" when the document says utträde / träda ur.
    pub called: Option<&'static str>,
    pub settlement: (&'static str, Confidence),
}

/// The notice's sentence with the one before and the one after it, in the
/// same block: (start, end) in bytes.
pub(crate) fn window(text: &str, at: usize) -> (usize, usize) {
    let all = sentences(text);
    let Some(k) = all
        .iter()
        .position(|(start, s)| *start <= at && at < start + s.len())
    else {
        return (0, text.len().min(at + 1));
    };
    let first = all[k.saturating_sub(1)];
    let last = all.get(k + 1).copied().unwrap_or(all[k]);
    (first.0, last.0 + last.1.len())
}

fn any(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| lower.contains(w))
}

/// The grounds the words give; none named is termination for convenience (a guess).
fn grounds(lower: &str) -> (String, Confidence) {
    let mut out = Vec::new();
    if any(
        lower,
        &[
            "brister i",
            "inte uppfyller",
            "inte fullföljer",
            "åsidosätt",
            "bryter mot",
            "avtalsbrott",
            "misskött",
        ],
    ) {
        out.push("breach");
    }
    if any(lower, &["obestånd", "konkurs", "likvidation"]) {
        out.push("insolvency");
    }
    if any(
        lower,
        &[
            "ändrade omständigheter",
            "förändrade omständigheter",
            "ändrade förutsättningar",
            "förändrade förutsättningar",
        ],
    ) {
        out.push("changed-circumstances");
    }
    if out.is_empty() {
        ("convenience".into(), Confidence::Guess)
    } else {
        (out.join(","), Confidence::Likely)
    }
}

/// "annan part", "motpart", "övriga parter": a party other than the one at
/// fault; "parterna", "var och en", "vardera part", "part": any party.
fn by(lower: &str) -> (&'static str, Confidence) {
    if any(
        lower,
        &["annan part", "motpart", "övriga parter", "den andra parten"],
    ) {
        ("other-party", Confidence::Likely)
    } else if any(
        lower,
        &[
            "parterna",
            "var och en",
            "vardera part",
            "varje part",
            "en part",
            "part ",
        ],
    ) {
        ("any-party", Confidence::Likely)
    } else {
        ("any-party", Confidence::Guess)
    }
}

/// How the money is settled when the clause is used.
fn settlement(lower: &str) -> (&'static str, Confidence) {
    let repay = any(lower, &["återbetal", "betalas tillbaka", "återställa"]);
    if repay && any(lower, &["ej påbörjade", "inte påbörjade", "ej påbörjad"]) {
        ("refund-unstarted-months", Confidence::Likely)
    } else if any(
        lower,
        &[
            "faktiskt uppkomna kostnader",
            "faktiska kostnader",
            "nedlagda kostnader",
        ],
    ) {
        ("reimburse-incurred-costs", Confidence::Likely)
    } else if repay {
        ("discretionary-repayment", Confidence::Guess)
    } else {
        ("not-stated", Confidence::Guess)
    }
}

/// The clause the words of `window` describe.
pub(crate) fn read(window: &str) -> Exit {
    let lower = window.to_lowercase();
    let called = any(&lower, &["träda ur", "utträd", "träder ur"]).then_some("withdrawal");
    Exit {
        grounds: grounds(&lower),
        by: by(&lower),
        called,
        settlement: settlement(&lower),
    }
}

/// The facts of the clause at `at` ("termination[0]", an appendix's
/// "appendices[1].termination[0]"), each quoting the window it was read from.
pub(crate) fn facts(cx: &Context<'_>, at: &str, exit: Exit, span: &Span) -> Vec<Fact> {
    let field = |f: &str| format!("{at}.{f}");
    let mut out = vec![
        cx.fact(
            field("grounds"),
            exit.grounds.0,
            exit.grounds.1,
            "termination-grounds-by-words",
            span.clone(),
        ),
        cx.fact(
            field("by"),
            exit.by.0,
            exit.by.1,
            "termination-who-by-words",
            span.clone(),
        ),
        cx.fact(
            field("settlement"),
            exit.settlement.0,
            exit.settlement.1,
            "termination-settlement-by-words",
            span.clone(),
        ),
    ];
    if let Some(called) = exit.called {
        out.push(cx.fact(
            field("called"),
            called,
            Confidence::Likely,
            "termination-withdrawal-word",
            span.clone(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withdrawal_with_refund_of_unstarted_months() {
        let exit = read(
            "Parterna äger rätt att med tre månaders varsel träda ur partnerskapet. Finansiering för kvarvarande, ej påbörjade månader skall då återbetalas.",
        );
        assert_eq!(exit.grounds, ("convenience".into(), Confidence::Guess));
        assert_eq!(exit.by, ("any-party", Confidence::Likely));
        assert_eq!(exit.called, Some("withdrawal"));
        assert_eq!(
            exit.settlement,
            ("refund-unstarted-months", Confidence::Likely)
        );
    }

    #[test]
    fn notice_on_breach_by_another_party() {
        let text = "Om någon av parterna brister i sina åtaganden, eller om väsentligt ändrade omständigheter uppstår, kan annan part säga upp avtalet. I sådana fall gäller 9 månaders uppsägningstid. Övrigt.";
        let at = text.find("9 månaders").unwrap();
        let (start, end) = window(text, at);
        assert!(text[start..end].starts_with("Om någon"));
        assert!(text[start..end].ends_with("Övrigt."));
        let exit = read(&text[start..end]);
        assert_eq!(
            exit.grounds,
            ("breach,changed-circumstances".into(), Confidence::Likely)
        );
        assert_eq!(exit.by, ("other-party", Confidence::Likely));
        assert_eq!(exit.called, None);
        assert_eq!(exit.settlement, ("not-stated", Confidence::Guess));
    }
}
