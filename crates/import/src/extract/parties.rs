//! Parties: the "Parter" section, the preamble ("X (hädanefter Y),
//! organisationsnummer …, genom …"), "mellan A och B", signature blocks;
//! their org numbers in every usual writing, acting bodies and sectors.

use std::str::FromStr;
use std::sync::LazyLock;

use domain::value::{EntityGroup, OrgNumber, ValueError};
use regex::Regex;

use super::lexicon::{is_idea_name, is_public_name};
use super::sections::{Outline, signed_for};
use super::words::{POSTAL, regex};
use super::{Confidence, Context, Proposal, Span};

#[derive(Default)]
struct Draft {
    name: String,
    span: Option<Span>,
    rule: &'static str,
    confidence: Option<Confidence>,
    short_name: Option<(String, Span, Confidence, &'static str)>,
    acting: Option<(String, Span)>,
    org: Option<(String, Confidence, &'static str, Span)>,
    /// The sector a label before the name gives ("Offentlig sektor:").
    labelled_sector: Option<&'static str>,
    /// Postal address: street lines, postal code, city.
    address: Option<(Address, Span)>,
}

/// Street or box lines, postal code and city.
type Address = (Vec<String>, String, String);

// The label as written, and as OCR misreads it ("0rganisationsnummer", "numrner");
// the digits too ("B02518-4204"), read only after a label (see `org_at`).
static ORG: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)((?:org|0rg)(?:anisations)?\.?\s*-?(?:nr|nummer|nurnrner|numrner|nurnmer|n:o)?\.?\s*:?\s*)?\b((?:16)?[\dOBSIl]{6}\s{0,2}[-–]?\s{0,2}[\dOBSIl]{4})\b",
    )
});
static HENCEFORTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r#"()\((?:hädanefter|nedan|i det följande)(?:\s+(?:kallad|kallat|benämnd|benämnt|kallas))?\s*["”“']?([^)"”“']+?)["”“']?\)"#,
    )
});
static BETWEEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"mellan\s+(.+?)\s+och\s+([A-ZÅÄÖ][^,.;()]+?)(?:\s+(?:om|avseende|gällande|för|ingår|rörande)\b|[,.;(]|$)",
    )
});

pub(crate) fn extract(cx: &Context<'_>, outline: &Outline, proposal: &mut Proposal) {
    let mut drafts = from_parties_section(cx, outline);
    // A sentence naming every party with its number ("X (hädanefter Y),
    // organisationsnummer …, och Z …") is clearer than a laid-out table of
    // parties, whose columns a PDF reader may give row by row.
    let preamble = from_preamble(cx, outline);
    if drafts.is_empty() || preamble.len() >= 2 && preamble.iter().all(|d| d.org.is_some()) {
        drafts = preamble;
    }
    if drafts.is_empty() {
        drafts = from_between(cx, outline);
    }
    from_signatures(cx, outline, &mut drafts);
    org_numbers_anywhere(cx, &mut drafts);
    short_names_in_use(cx, &mut drafts);
    emit(cx, drafts, proposal);
}

/// An org number at `m`: checked, kept as written when its check digit is wrong.
fn org_at(cx: &Context<'_>, block: usize, caps: &regex::Captures<'_>) -> Option<OrgFound> {
    let number = caps.get(2)?;
    let labelled = caps.get(1).is_some();
    let whole = caps.get(0)?;
    let span = cx.span(block, whole.start(), whole.as_str());
    let written = number.as_str();
    if written.chars().any(char::is_alphabetic) {
        return ocr_misread_org(written, labelled, span);
    }
    match OrgNumber::from_str(written) {
        Ok(org) => {
            let digits: Vec<char> = org.to_string().chars().collect();
            // The third digit of an org number is 2 or more; a personnummer's is a month.
            let plausible = digits.get(2).is_some_and(|d| *d >= '2');
            if labelled {
                Some((
                    org.to_string(),
                    Confidence::Certain,
                    "org-number-labelled",
                    span,
                ))
            } else if plausible {
                Some((
                    org.to_string(),
                    Confidence::Likely,
                    "org-number-unlabelled",
                    span,
                ))
            } else {
                None
            }
        }
        Err(ValueError::OrgnrChecksum { .. }) if labelled => Some((
            number.as_str().trim().to_owned(),
            Confidence::Guess,
            "org-number-wrong-check-digit",
            span,
        )),
        Err(_) => None,
    }
}

/// An org number with letters OCR reads for digits (O for 0, B for 8, S for
/// 5, I or l for 1): taken only after a label, with eight digits read as
/// digits, and when the digits it stands for have a right check digit; a guess.
fn ocr_misread_org(written: &str, labelled: bool, span: Span) -> Option<OrgFound> {
    let digits = written.chars().filter(char::is_ascii_digit).count();
    if !labelled || digits < 8 {
        return None;
    }
    let read: String = written
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'B' => '8',
            'S' => '5',
            'I' | 'L' => '1',
            _ => c,
        })
        .collect();
    let org = OrgNumber::from_str(&read).ok()?;
    Some((
        org.to_string(),
        Confidence::Guess,
        "org-number-ocr-misread",
        span,
    ))
}

fn is_address(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.starts_with(|c: char| c.is_ascii_digit())
        || t.starts_with("box")
        || ["gatan", "vägen", "väg ", "gata ", "torget", "plan "]
            .iter()
            .any(|w| t.contains(w))
        || t.starts_with("tel")
        || t.contains('@')
}

static ADDRESS_LABEL: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?i)\b(?:post)?adress\s*:\s*"));

/// "Storgatan 1", "Box 120", "box 175 63": a street or box line of an address.
fn is_street(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    is_address(&t)
        && !t.starts_with("tel")
        && !t.contains('@')
        && t.chars().count() <= 40
        && t.contains(|c: char| c.is_ascii_digit())
        && !POSTAL.as_ref().is_some_and(|r| r.is_match(text.trim()))
}

/// "Box 120, 791 22 Falun", "adress: Storgatan 1, 581 83 Linköping": a
/// postal address ending a line, and where it starts. The street lines
/// written on lines of their own above ("Kungsgatan 13" over "205 80
/// Malmö") are `above`. An invoice address is not the party's.
fn address_on_line(text: &str, above: &[String]) -> Option<(Address, usize)> {
    if text.to_lowercase().contains("faktur") {
        return None;
    }
    let label = ADDRESS_LABEL.as_ref().and_then(|r| r.find(text));
    let from = label.map_or(0, |m| m.end());
    let parts: Vec<&str> = text[from..].split(", ").collect();
    let last = parts.last()?.trim().trim_end_matches('.');
    let c = POSTAL.as_ref()?.captures(last)?;
    let mut first = parts.len() - 1;
    while first > 0 && (label.is_some() || is_street(parts[first - 1])) {
        first -= 1;
    }
    let mut lines: Vec<String> = if first + 1 == parts.len() {
        above.to_vec()
    } else {
        Vec::new()
    };
    lines.extend(
        parts[first..parts.len() - 1]
            .iter()
            .map(|p| p.trim().to_owned()),
    );
    let start = label.map_or(
        parts[first].as_ptr() as usize - text.as_ptr() as usize,
        |m| m.start(),
    );
    Some(((lines, c[1].to_owned(), c[2].trim().to_owned()), start))
}

/// "(hädanefter Stadsmissionen)": a short name on a line of its own goes
/// to the party named above it; whether the line was one.
fn short_name_under(span: Span, text: &str, drafts: &mut [Draft], current: Option<usize>) -> bool {
    let Some(short) = short_name_line(text) else {
        return false;
    };
    if let Some(d) = current
        .and_then(|c| drafts.get_mut(c))
        .filter(|d| d.short_name.is_none())
    {
        d.short_name = Some((
            short.to_owned(),
            span,
            Confidence::Likely,
            "short-name-on-line-under-name",
        ));
    }
    true
}

/// Street lines waiting for their postal line, and the address just read.
#[derive(Default)]
struct AddressLines {
    streets: Vec<String>,
    pending: Option<(Address, Span)>,
}

impl AddressLines {
    /// Takes the address a line ends with, or keeps a street line; gives
    /// the rest of the line, `None` when nothing is left of it (an address
    /// alone goes to the current party).
    fn read<'t>(
        &mut self,
        text: &'t str,
        span: Span,
        drafts: &mut [Draft],
        current: Option<usize>,
    ) -> Option<&'t str> {
        match address_on_line(text, &self.streets) {
            Some((address, at)) => {
                self.streets.clear();
                self.pending = Some((address, span));
                let rest = text[..at].trim_end_matches([',', ' ']);
                if rest.is_empty() {
                    give_address(drafts, current, &mut self.pending);
                }
                (!rest.is_empty()).then_some(rest)
            }
            None if is_street(text) => {
                self.streets.push(text.to_owned());
                None
            }
            None => Some(text),
        }
    }
}

/// The address just read goes to the party the line is about, if it has none yet.
fn give_address(
    drafts: &mut [Draft],
    current: Option<usize>,
    pending: &mut Option<(Address, Span)>,
) {
    if let Some(d) = current
        .and_then(|c| drafts.get_mut(c))
        .filter(|d| d.address.is_none())
        && let Some((address, span)) = pending.take()
    {
        d.address = Some((address, span));
    }
    *pending = None;
}

fn from_parties_section(cx: &Context<'_>, outline: &Outline) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = Vec::new();
    let Some(section) = outline
        .sections
        .iter()
        .find(|s| s.kind == "parties" && s.heading.is_some())
    else {
        return drafts;
    };
    // The party the lines under a name belong to. In a table laid out by
    // columns two or more names come first and their numbers after, in the
    // same order: then a number on a line of its own goes to the first
    // party still without one.
    let mut current: Option<usize> = None;
    // Names pushed since the last number, and whether the numbers follow a row of names.
    let (mut names_in_a_row, mut columns) = (0_usize, false);
    // A line whose bracket the next block closes ("… (hädanefter Röda" + "Korset)").
    let mut carry: Option<String> = None;
    let mut addresses = AddressLines::default();
    for &i in &section.blocks {
        let Some(block) = cx.block(i) else { continue };
        let mut offset = 0;
        let lines = lines_with_brackets_closed(&block.text);
        for (n, line) in lines.iter().enumerate() {
            let joined: String;
            let mut line: &str = line;
            if n == 0
                && let Some(before) = carry.take()
            {
                joined = format!("{before} {}", line.trim());
                line = &joined;
            }
            if n + 1 == lines.len() && line.matches('(').count() > line.matches(')').count() {
                carry = Some(line.trim().to_owned());
                continue;
            }
            let text = line.trim();
            let base = offset + line.find(text).unwrap_or(0);
            offset += line.len() + 1;
            // "Box 120, 791 22 Falun" under the name or after its number: the party's address.
            let span = cx.span(i, base, text);
            let Some(text) = addresses.read(text, span, &mut drafts, current) else {
                continue;
            };
            // "(hädanefter Stadsmissionen)" on the line under the name.
            if short_name_under(cx.span(i, base, text), text, &mut drafts, current) {
                continue;
            }
            // "Föreningen X, org.nr 802…": the name before the number is a party.
            let org = org_on_line(cx, i, base, text);
            let named = match &org {
                Some((start, _)) => text[..*start].trim_end_matches([',', ' ', ':', '(']),
                None => text,
            };
            let mut named_here = false;
            if let Some(acting) = named.strip_prefix("genom ") {
                if let Some(d) = current.and_then(|c| drafts.get_mut(c)) {
                    d.acting = Some((acting.trim().to_owned(), cx.span(i, base, named)));
                }
            } else {
                let (sector, name) = labelled_party(named);
                if is_party_name(name) {
                    let mut draft = party_line(cx, i, base + (named.len() - name.len()), name);
                    draft.labelled_sector = sector;
                    drafts.push(draft);
                    current = Some(drafts.len() - 1);
                    addresses.streets.clear();
                    named_here = true;
                    names_in_a_row += 1;
                }
            }
            give_address(&mut drafts, current, &mut addresses.pending);
            if org.is_some() && !named_here {
                columns |= names_in_a_row >= 2;
                if columns {
                    current = drafts.iter().position(|d| d.org.is_none()).or(current);
                }
            }
            if org.is_some() {
                names_in_a_row = 0;
            }
            if let Some(d) = current.and_then(|c| drafts.get_mut(c)) {
                attach_number(d, org, text, cx.span(i, base, text));
            }
        }
    }
    drafts
}

/// "Region X, org.nr …, genom regionala utvecklingsnämnden": the number
/// on a party's line, and the acting body after it, go to that party
/// unless it has them already.
fn attach_number(d: &mut Draft, org: Option<(usize, OrgFound)>, text: &str, span: Span) {
    let Some((start, org)) = org else { return };
    let after_org = text.get(start..).and_then(|rest| {
        let (_, acting) = rest.split_once(" genom ")?;
        Some(acting.trim().trim_end_matches(['.', ',']))
    });
    if let Some(acting) = after_org
        && d.acting.is_none()
    {
        d.acting = Some((acting.to_owned(), span));
    }
    if d.org.is_none() {
        d.org = Some(org);
    }
}

/// An org number on a line, with where it starts in the line.
fn org_on_line(
    cx: &Context<'_>,
    block: usize,
    base: usize,
    text: &str,
) -> Option<(usize, OrgFound)> {
    ORG.as_ref().and_then(|r| {
        r.captures_iter(text).find_map(|c| {
            let start = c.get(0)?.start();
            org_at(cx, block, &c).map(|mut o| {
                o.3 = cx.span(block, base + start, &o.3.quote);
                (start, o)
            })
        })
    })
}

/// An org number as read: its digits, how sure, the rule and its words.
type OrgFound = (String, Confidence, &'static str, Span);

/// The lines of a block, a line with an open bracket joined with the next
/// ("Linköpings Kommun (hädanefter" + "Kommunen)"); each line keeps its
/// length so offsets stay right.
fn lines_with_brackets_closed(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let from = start.unwrap_or(at);
        let end = at + line.len();
        let joined = &text[from..end];
        if joined.matches('(').count() > joined.matches(')').count() && end < text.len() {
            start = Some(from);
        } else {
            out.push(joined);
            start = None;
        }
        at = end + 1;
    }
    if let Some(from) = start {
        out.push(&text[from..]);
    }
    out
}

/// A line that names an organisation: short, capitalised words (or a word
/// such as "kommun" or "förening"), not an address or a sentence.
fn is_party_name(text: &str) -> bool {
    let name = text.split(" genom ").next().unwrap_or(text);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    // "Offentlig part", "Idéburen part": the labels of a table of parties.
    let lower = name.trim().to_lowercase();
    let label = [
        "offentlig part",
        "idéburen part",
        "part",
        "parter",
        "partner",
    ]
    .contains(&lower.as_str());
    !words.is_empty()
        && !label
        && !is_address(text)
        && words.len() <= 8
        && !text.ends_with(':')
        && text.starts_with(char::is_uppercase)
        && !text.to_lowercase().starts_with("org")
        && !text.to_lowercase().starts_with("bilaga")
        // A line of a table of contents ends with its page number.
        && !words.last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        && (capitalised * 2 >= words.len() || is_public_name(name) || is_idea_name(name))
}

/// "Offentlig sektor: Social resursförvaltning", "Part 2: Föreningen X": the label's sector and the name.
fn labelled_party(text: &str) -> (Option<&'static str>, &str) {
    let Some((label, name)) = text.split_once(": ") else {
        return (None, text);
    };
    let label = label.to_lowercase();
    let sector = if label.contains("offentlig") {
        Some("public")
    } else if label.contains("idéburen") || label.contains("ideell") {
        Some("idea-driven")
    } else if label.starts_with("part") {
        None
    } else {
        return (None, text);
    };
    (sector, name.trim())
}

/// "Region Gotland genom regionstyrelsen": a name and the body acting for it.
fn party_line(cx: &Context<'_>, i: usize, base: usize, text: &str) -> Draft {
    let (name, acting) = match text.split_once(" genom ") {
        Some((n, a)) => (n.trim(), Some(a.trim().trim_end_matches(['.', ',']))),
        None => (text.trim_end_matches([',', '.']), None),
    };
    // "Social resursförvaltning - Göteborgs stad": a body of the municipality acts for it.
    let acting = acting.or_else(|| {
        let (body, public) = name.split_once(" - ").or_else(|| name.split_once(" – "))?;
        let body_lower = body.to_lowercase();
        (is_public_name(public)
            && ["förvaltning", "nämnd", "styrelse"]
                .iter()
                .any(|w| body_lower.contains(w)))
        .then_some(body.trim())
    });
    // "Linköpings Kommun (hädanefter Kommunen)": the name, and its short name in brackets.
    let (name, short) = match HENCEFORTH
        .as_ref()
        .and_then(|r| r.captures(name))
        .and_then(|c| Some((c.get(0)?.start(), c.get(2)?.as_str().trim())))
    {
        Some((at, short)) => (name[..at].trim(), Some((short, "short-name-in-brackets"))),
        None => match plain_short_name(name) {
            Some((at, short)) => (
                name[..at].trim(),
                Some((short, "short-name-in-plain-brackets")),
            ),
            None => (name, None),
        },
    };
    let name = &name.replace('\n', " ");
    let span = cx.span(i, base, text);
    Draft {
        short_name: short
            .map(|(s, rule)| (s.replace('\n', " "), span.clone(), Confidence::Likely, rule)),
        name: name.to_owned(),
        span: Some(span),
        rule: "parties-section",
        confidence: Some(Confidence::Likely),
        acting: acting.map(|a| (a.to_owned(), cx.span(i, base, text))),
        ..Draft::default()
    }
}

/// "(hädanefter Stadsmissionen)", "(nedan kallad Kommunen)": a line that is
/// nothing but a short name in brackets, written under the party's name.
fn short_name_line(text: &str) -> Option<&str> {
    let c = HENCEFORTH.as_ref()?.captures(text)?;
    let whole = c.get(0)?;
    (whole.start() == 0 && whole.end() == text.len())
        .then(|| c.get(2).map(|m| m.as_str().trim()))?
}

/// "Göteborgs Kyrkliga Stadsmission (Stadsmissionen)", "Röda Korset Gotland
/// (RKG)": a bracket at the end of a name that holds a shorter name for it
/// (a word of the name shortened, or its initials), with where the bracket starts.
fn plain_short_name(name: &str) -> Option<(usize, &str)> {
    let open = name.trim_end().strip_suffix(')')?.rfind('(')?;
    let inner = name[open + 1..name.trim_end().len() - 1]
        .trim()
        .trim_matches(['"', '”', '“', '\'']);
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 3
        || !inner.starts_with(char::is_uppercase)
        || inner.contains(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let before = name[..open].to_lowercase();
    let initials: String = name[..open]
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let stem: String = words[0].to_lowercase().chars().take(6).collect();
    let shorter = inner == initials && initials.chars().count() >= 2
        || stem.chars().count() >= 4 && before.contains(&stem);
    shorter.then_some((open, inner))
}

/// The title and the preamble: where "mellan … och …" and "hädanefter" stand.
fn opening_blocks(outline: &Outline) -> Vec<usize> {
    outline
        .title
        .iter()
        .map(|t| t.0)
        .chain(outline.blocks_of("parties"))
        .collect()
}

/// Where a party's name starts in the text before its "(hädanefter …)":
/// after "mellan", else after the first ", ", "och " or "; " (or at the
/// start) that a capital follows.
fn name_start(segment: &str) -> Option<usize> {
    let from = segment.rfind("mellan ").map_or(0, |i| i + "mellan ".len());
    let mut starts = vec![from];
    for delimiter in [", ", "och ", "; "] {
        starts.extend(
            segment[from..]
                .match_indices(delimiter)
                .map(|(i, d)| from + i + d.len()),
        );
    }
    starts.sort_unstable();
    starts.into_iter().find(|&at| {
        let rest = &segment[at..];
        rest.starts_with(char::is_uppercase) && !rest.to_lowercase().starts_with("org")
    })
}

/// The name: up to a comma, a bracket, "genom" or the org number's label.
fn name_end(text: &str) -> usize {
    [",", "(", " genom ", " org", " Org"]
        .iter()
        .filter_map(|d| text.find(d))
        .min()
        .unwrap_or(text.len())
}

/// "X (hädanefter Y), organisationsnummer …, genom …, och Z (nedan kallad W)":
/// each party runs from its name to the next party's name.
fn from_preamble(cx: &Context<'_>, outline: &Outline) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let Some(re) = HENCEFORTH.as_ref() else {
        return drafts;
    };
    for i in opening_blocks(outline) {
        let Some(block) = cx.block(i) else { continue };
        let text = block.text.as_str();
        let parens: Vec<regex::Captures<'_>> = re.captures_iter(text).collect();
        let mut names: Vec<(usize, usize)> = Vec::new();
        let mut previous_end = 0;
        for caps in &parens {
            let Some(whole) = caps.get(0) else { continue };
            let segment = &text[previous_end..whole.start()];
            if let Some(at) = name_start(segment) {
                let start = previous_end + at;
                names.push((start, start + name_end(&text[start..whole.start()])));
            }
            previous_end = whole.end();
        }
        if names.len() != parens.len() {
            continue;
        }
        for (n, (caps, &(start, end))) in parens.iter().zip(&names).enumerate() {
            let until = names.get(n + 1).map_or(text.len(), |next| next.0);
            let region = &text[end..until];
            let name = text[start..end].trim();
            drafts.push(preamble_party(cx, i, (start, name), end, region, caps));
        }
        if !drafts.is_empty() {
            break;
        }
    }
    drafts
}

/// One party of the preamble: its name, and in `region` (from the end of
/// the name to the next party) its short name, org number and acting body.
fn preamble_party(
    cx: &Context<'_>,
    i: usize,
    (start, name): (usize, &str),
    region_start: usize,
    region: &str,
    caps: &regex::Captures<'_>,
) -> Draft {
    let org = ORG.as_ref().and_then(|r| {
        r.captures_iter(region).find_map(|c| {
            let at = c.get(0)?.start() + region_start;
            org_at(cx, i, &c)
                .map(|(v, conf, rule, span)| (v, conf, rule, cx.span(i, at, &span.quote)))
        })
    });
    let acting = region.find("genom ").map(|at| {
        let rest = &region[at + "genom ".len()..];
        let body = rest[..rest.find([',', '(', ';', '.']).unwrap_or(rest.len())].trim();
        let body = body.strip_suffix(" och").unwrap_or(body);
        (body.to_owned(), cx.span(i, region_start + at, body))
    });
    let short_name = caps.get(2).map(|short| {
        (
            short.as_str().trim().to_owned(),
            cx.span(i, short.start(), short.as_str()),
            Confidence::Certain,
            "henceforth-short-name",
        )
    });
    Draft {
        name: name.to_owned(),
        span: Some(cx.span(i, start, name)),
        rule: "preamble-henceforth",
        confidence: Some(Confidence::Likely),
        short_name,
        acting,
        org,
        labelled_sector: None,
        address: None,
    }
}

fn from_between(cx: &Context<'_>, outline: &Outline) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let blocks = opening_blocks(outline);
    for &i in &blocks {
        let Some(block) = cx.block(i) else { continue };
        let Some(caps) = BETWEEN.as_ref().and_then(|r| r.captures(&block.text)) else {
            continue;
        };
        let (Some(first), Some(last)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        for part in first
            .as_str()
            .split(", ")
            .chain(std::iter::once(last.as_str()))
        {
            // "Holmby kommun (soc.förv)": what stands in brackets after a name is no part of it.
            let name = match part.split_once(" (") {
                Some((name, _)) => name.trim(),
                None => part.trim(),
            };
            let name = name.trim_end_matches(['.', ',']);
            if name.is_empty() || !name.starts_with(char::is_uppercase) {
                continue;
            }
            let offset = block.text.find(name).unwrap_or(first.start());
            drafts.push(Draft {
                name: name.to_owned(),
                span: Some(cx.span(i, offset, name)),
                rule: "between-a-and-b",
                confidence: Some(Confidence::Guess),
                ..Draft::default()
            });
        }
        break;
    }
    if drafts.is_empty() {
        drafts = from_lines_between(cx, &blocks);
    }
    drafts
}

/// "mellan", each party's name, "och" and the last name, each on a line
/// of its own, as a title page sets them.
fn from_lines_between(cx: &Context<'_>, blocks: &[usize]) -> Vec<Draft> {
    let text = |i: usize| cx.block(i).map_or("", |b| b.text.trim());
    let is = |i: usize, word: &str| text(i).eq_ignore_ascii_case(word);
    let Some(from) = blocks.iter().position(|&i| is(i, "mellan")) else {
        return Vec::new();
    };
    let mut drafts = Vec::new();
    let mut last = false;
    for &i in &blocks[from + 1..] {
        if is(i, "och") {
            last = true;
            continue;
        }
        let name = text(i).trim_end_matches(['.', ',']);
        if !name.starts_with(char::is_uppercase) || name.chars().count() > 100 {
            break;
        }
        drafts.push(Draft {
            name: name.to_owned(),
            span: Some(cx.span(i, 0, name)),
            rule: "between-a-and-b",
            confidence: Some(Confidence::Guess),
            ..Draft::default()
        });
        if last {
            break;
        }
    }
    if last { drafts } else { Vec::new() }
}

fn same_party(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b || a.contains(&b) || b.contains(&a)
}

/// "För Region Gotland": a party is named for every signature block; a
/// shorter name there for a known party is its short name.
fn from_signatures(cx: &Context<'_>, outline: &Outline, drafts: &mut Vec<Draft>) {
    for i in outline.blocks_of("signatures") {
        let Some(block) = cx.block(i) else { continue };
        let Some((at, name)) = signed_for(&block.text) else {
            continue;
        };
        let span = cx.span(i, at, name);
        let known = drafts.iter_mut().find(|d| {
            same_party(&d.name, name)
                || d.short_name
                    .as_ref()
                    .is_some_and(|(s, ..)| same_party(s, name))
        });
        match known {
            Some(d) => {
                if d.short_name.is_none() && name.len() < d.name.len() && d.name.starts_with(name) {
                    d.short_name = Some((
                        name.to_owned(),
                        span,
                        Confidence::Guess,
                        "short-name-in-signature",
                    ));
                }
            }
            None => drafts.push(Draft {
                name: name.to_owned(),
                span: Some(span),
                rule: "signature-block-for",
                confidence: Some(Confidence::Likely),
                ..Draft::default()
            }),
        }
    }
}

/// "Föreningen X, org.nr 802…": a number written after a party's name, anywhere.
fn org_numbers_anywhere(cx: &Context<'_>, drafts: &mut [Draft]) {
    for (i, block) in cx.document.body() {
        let Some(re) = ORG.as_ref() else { return };
        for caps in re.captures_iter(&block.text) {
            let Some(at) = caps.get(0).map(|m| m.start()) else {
                continue;
            };
            // A name a few lines before the number, not anywhere in a huge block.
            let before =
                &block.text[super::words::floor_boundary(&block.text, at.saturating_sub(300))..at];
            let nearest = drafts
                .iter_mut()
                .filter(|d| d.org.is_none())
                .filter_map(|d| before.rfind(&d.name).map(|p| (p, d)))
                .max_by_key(|(p, _)| *p);
            if let Some((_, draft)) = nearest
                && let Some(org) = org_at(cx, i, &caps)
            {
                draft.org = Some(org);
            }
        }
    }
}

fn sector(draft: &Draft, public_seen: bool) -> (&'static str, Confidence, &'static str) {
    if let Some(sector) = draft.labelled_sector {
        return (sector, Confidence::Likely, "sector-from-label");
    }
    if let Some((value, Confidence::Certain | Confidence::Likely, _, _)) = &draft.org
        && let Ok(org) = OrgNumber::from_str(value)
    {
        match org.group() {
            EntityGroup::PublicBody => {
                return ("public", Confidence::Certain, "sector-from-org-number");
            }
            EntityGroup::NonProfit => {
                return ("idea-driven", Confidence::Likely, "sector-from-org-number");
            }
            _ => {}
        }
    }
    if is_idea_name(&draft.name) {
        ("idea-driven", Confidence::Likely, "sector-from-name")
    } else if is_public_name(&draft.name) {
        ("public", Confidence::Likely, "sector-from-name")
    } else if public_seen {
        ("idea-driven", Confidence::Guess, "sector-other-than-public")
    } else {
        ("public", Confidence::Guess, "sector-default")
    }
}

/// "Svenska Röda Korset" written "Röda Korset" three times or more: the
/// name without a leading "Svenska", "Stiftelsen" or "Föreningen" is its
/// short name (a guess).
fn short_names_in_use(cx: &Context<'_>, drafts: &mut [Draft]) {
    for d in drafts.iter_mut().filter(|d| d.short_name.is_none()) {
        let Some((first, rest)) = d.name.split_once(' ') else {
            continue;
        };
        if !matches!(first, "Svenska" | "Stiftelsen" | "Föreningen")
            || !rest.starts_with(char::is_uppercase)
        {
            continue;
        }
        let mut uses = 0;
        let mut first_use = None;
        for (i, block) in cx.document.body() {
            for (at, _) in block.text.match_indices(rest) {
                let before = block.text[..at].trim_end();
                if !before.ends_with(first) {
                    uses += 1;
                    first_use.get_or_insert((i, at));
                }
            }
        }
        if uses >= 3
            && let Some((i, at)) = first_use
        {
            let span = cx.span(i, at, rest);
            d.short_name = Some((
                rest.to_owned(),
                span,
                Confidence::Guess,
                "short-name-in-use",
            ));
        }
    }
}

fn emit(cx: &Context<'_>, drafts: Vec<Draft>, proposal: &mut Proposal) {
    let public_seen = drafts.iter().any(|d| is_public_name(&d.name));
    for (n, d) in drafts.into_iter().enumerate() {
        let field = |f: &str| format!("parties[{n}].{f}");
        let Some(span) = d.span.clone() else { continue };
        let (sector, sector_confidence, sector_rule) = sector(&d, public_seen);
        let confidence = d.confidence.unwrap_or(Confidence::Guess);
        proposal.push(cx.fact(
            field("name"),
            d.name.clone(),
            confidence,
            d.rule,
            span.clone(),
        ));
        proposal.push(cx.fact(
            field("sector"),
            sector,
            sector_confidence,
            sector_rule,
            span,
        ));
        if let Some((short, span, confidence, rule)) = d.short_name {
            proposal.push(cx.fact(field("short_name"), short, confidence, rule, span));
        }
        if let Some((acting, span)) = d.acting {
            proposal.push(cx.fact(
                field("acting_through"),
                acting,
                Confidence::Likely,
                "acting-through-genom",
                span,
            ));
        }
        if let Some(((lines, postal_code, city), span)) = d.address {
            for (value, what) in [
                (lines.join("|"), "lines"),
                (postal_code, "postal_code"),
                (city, "city"),
            ] {
                if value.is_empty() {
                    continue;
                }
                proposal.push(cx.fact(
                    field(&format!("address.{what}")),
                    value,
                    Confidence::Likely,
                    "party-address-in-parties-section",
                    span.clone(),
                ));
            }
        }
        if let Some((org, confidence, rule, span)) = d.org {
            if confidence == Confidence::Guess {
                proposal.warnings.push(format!(
                    "{}: org number {org} has a wrong check digit; kept as written",
                    d.name
                ));
            }
            proposal.push(cx.fact(field("org_number"), org, confidence, rule, span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_in_brackets() {
        assert_eq!(
            plain_short_name("Göteborgs Kyrkliga Stadsmission (Stadsmissionen)"),
            Some((33, "Stadsmissionen")) // bytes: "ö" is two
        );
        assert_eq!(
            plain_short_name("Röda Korset Gotland (RKG)").map(|s| s.1),
            Some("RKG")
        );
        assert_eq!(plain_short_name("Holmby kommun (soc.förv)"), None);
        assert_eq!(
            plain_short_name("Malmö stad (Arbetsmarknads- och socialförvaltningen)"),
            None
        );
        assert_eq!(
            short_name_line("(hädanefter Stadsmissionen)"),
            Some("Stadsmissionen")
        );
        assert_eq!(
            short_name_line("Göteborgs Räddningsmission (hädanefter"),
            None
        );
    }

    fn address(lines: &[&str], code: &str, city: &str) -> Address {
        (
            lines.iter().map(|l| (*l).to_owned()).collect(),
            code.to_owned(),
            city.to_owned(),
        )
    }

    #[test]
    fn postal_addresses_as_officials_write_them() {
        assert_eq!(
            address_on_line("Box 120, 791 22 Falun", &[]),
            Some((address(&["Box 120"], "791 22", "Falun"), 0))
        );
        assert_eq!(
            address_on_line("Storgatan 1, 581 83 Linköping", &[]),
            Some((address(&["Storgatan 1"], "581 83", "Linköping"), 0))
        );
        // After the name and number on the party's own line.
        let line = "Region Dalarna, org.nr 232100-0180, Box 712, 791 29 Falun";
        assert_eq!(
            address_on_line(line, &[]),
            Some((address(&["Box 712"], "791 29", "Falun"), 36))
        );
        // A label, and the postal line under street lines of their own.
        let line = "Föreningen Gläntan, adress: Bäckvägen 4 B, 123 45 Ekby.";
        assert_eq!(
            address_on_line(line, &[]),
            Some((address(&["Bäckvägen 4 B"], "123 45", "Ekby"), 22)) // bytes: "ö", "ä" are two
        );
        assert_eq!(
            address_on_line("205 80 Malmö", &["Kungsgatan 13".to_owned()]),
            Some((address(&["Kungsgatan 13"], "205 80", "Malmö"), 0))
        );
        assert_eq!(
            address_on_line("Postadress: 291 89 Kristianstad", &[]),
            Some((address(&[], "291 89", "Kristianstad"), 0))
        );
    }

    #[test]
    fn invoice_and_visiting_lines_are_not_the_party_address() {
        assert_eq!(
            address_on_line("Fakturaadress: Box 5, 581 83 Linköping", &[]),
            None
        );
        assert_eq!(
            address_on_line("Organisationsnummer 232100 - 0255", &[]),
            None
        );
        assert_eq!(address_on_line("Tel: 0709 - 50 75 94", &[]), None);
        assert!(is_street("box 175 63"));
        assert!(is_street("Kungsgatan 13"));
        assert!(!is_street("Tel 040-123 45"));
        assert!(!is_street("205 80 Malmö"));
    }

    #[test]
    fn each_party_gets_the_address_under_its_name() {
        let text = "Överenskommelse om IOP\n\nParter\n\nEkby kommun\ngenom socialnämnden\nStorgatan 1\n581 83 Ekby\nOrganisationsnummer 212000-1421\n\nFöreningen Gläntan, org.nr 802500-4410, Box 120, 791 22 Ekby\n\nBakgrund\n\nFaktura skickas till:\n\nEkby kommun\nBox 9\n581 99 Ekby\n";
        let document = crate::read(text.as_bytes(), "avtal.txt").expect("read");
        let p = crate::extract(&document);
        assert_eq!(p.value("parties[0].address.lines"), Some("Storgatan 1"));
        assert_eq!(p.value("parties[0].address.postal_code"), Some("581 83"));
        assert_eq!(p.value("parties[0].address.city"), Some("Ekby"));
        assert_eq!(p.value("parties[0].org_number"), Some("212000-1421"));
        assert_eq!(p.value("parties[1].name"), Some("Föreningen Gläntan"));
        assert_eq!(p.value("parties[1].org_number"), Some("802500-4410"));
        assert_eq!(p.value("parties[1].address.lines"), Some("Box 120"));
        assert_eq!(p.value("parties[1].address.postal_code"), Some("791 22"));
    }
}
