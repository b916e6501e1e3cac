//! "Ny överenskommelse från dokument": upload an agreement document, review
//! what it proposes beside its text, then confirm it section by section in
//! the wizard's forms and save version 1 with the document attached.

use axum::extract::Multipart;
use axum::http::StatusCode;

/// The file sent in field `field` of a multipart form: its name and bytes
/// (`None` when no file was chosen). The error is the status to answer
/// (413 when the body was over the limit).
pub(crate) async fn file_field(
    mut multipart: Multipart,
    field: &str,
) -> Result<Option<(String, Vec<u8>)>, StatusCode> {
    let mut found = None;
    while let Some(part) = multipart.next_field().await.map_err(|e| e.status())? {
        let is_file = part.name() == Some(field);
        let name = part.file_name().unwrap_or_default().to_owned();
        // Every part is read through, so a limit is met wherever it falls.
        let bytes = part.bytes().await.map_err(|e| e.status())?;
        if is_file && found.is_none() {
            found = Some((name, bytes.to_vec()));
        }
    }
    Ok(found)
}

use askama::Template;
use axum::extract::{Path, State};
use axum::response::IntoResponse;

use super::records::ErrorLink;
use super::{Base, Ctx, PageResult, render, render_status};
use crate::AppState;

/// A value the document proposed, with the words it came from.
pub(crate) struct SourceFact {
    /// What the forms call it ("Part 1: Organisationsnummer"), else where
    /// it goes in the agreement file (`parties[0].signatories[0].name`).
    pub label: String,
    pub value: String,
    pub quote: String,
    /// "s. 1, rad 34" / "p. 1, line 34".
    pub place: String,
    /// A guess: to be confirmed.
    pub guess: bool,
    /// The highlighted words on the review page.
    pub anchor: String,
    /// The document kept for review.
    pub import: String,
}

/// A run of a block's text: highlighted (a mark with its anchor) or not.
pub(crate) struct Segment {
    pub text: String,
    pub mark: Option<String>,
    pub guess: bool,
}

/// A block of the document's text, its highlighted words marked.
pub(crate) struct TextBlock {
    pub id: String,
    pub heading: bool,
    pub segments: Vec<Segment>,
}

/// The facts of one section of the forms.
pub(crate) struct FactGroup {
    pub name: String,
    pub facts: Vec<SourceFact>,
}

#[derive(Template)]
#[template(path = "import_upload.html")]
pub(crate) struct UploadPage {
    pub base: Base,
    pub form: UploadForm,
}

/// What the shared error summary reads of a form.
pub(crate) struct UploadForm {
    pub errors: Vec<ErrorLink>,
}

#[derive(Template)]
#[template(path = "import_review.html")]
pub(crate) struct ReviewPage {
    pub base: Base,
    pub name: String,
    pub sha256: String,
    pub pages: u32,
    pub guesses: usize,
    pub groups: Vec<FactGroup>,
    pub blocks: Vec<TextBlock>,
    pub notes: Vec<String>,
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
    /// The wizard's draft, prefilled from the proposal.
    pub draft: String,
}

fn upload_page(ctx: &Ctx, errors: Vec<ErrorLink>) -> UploadPage {
    let mut base = ctx.base(ctx.t("ui-import-title"), "new");
    base.errors = !errors.is_empty();
    UploadPage {
        base,
        form: UploadForm { errors },
    }
}

pub(crate) async fn form(ctx: Ctx) -> PageResult {
    ctx.caller.create_agreements()?;
    Ok(render(&upload_page(&ctx, Vec::new())))
}

/// The upload form again, with why the document gave no proposal.
fn refused(ctx: &Ctx, status: StatusCode, message: String) -> axum::response::Response {
    let errors = vec![ErrorLink {
        field: "file".into(),
        message,
    }];
    render_status(status, &upload_page(ctx, errors))
}

/// A document sent: read it, keep it for review, and show the review.
pub(crate) async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Multipart,
) -> PageResult {
    let may = ctx.caller.create_agreements()?;
    let (name, bytes) = match file_field(multipart, "file").await {
        Ok(Some((name, bytes))) if !bytes.is_empty() => (name, bytes),
        Ok(_) => {
            let message = ctx.t("ui-import-choose");
            return Ok(refused(&ctx, StatusCode::UNPROCESSABLE_ENTITY, message));
        }
        Err(status) => {
            let message = app::Message::new("app-import-too-large")
                .arg("mib", (app::MAX_IMPORT_BYTES >> 20).to_string())
                .text(ctx.lang);
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                message
            } else {
                ctx.t("ui-new-error-read")
            };
            return Ok(refused(&ctx, status, message));
        }
    };
    let kept = state
        .app
        .keep_import(&may, &name, std::sync::Arc::from(bytes), state.now())
        .await;
    match kept {
        Ok(pending) => {
            Ok(super::redirect(&format!("/avtal/ny/dokument/{}", pending.id)).into_response())
        }
        Err(app::AppError::Document { problem, message }) => {
            let status = crate::problem::document_status(problem);
            Ok(refused(&ctx, status, message.text(ctx.lang)))
        }
        Err(e) => Err(e.into()),
    }
}

/// "s. 1, rad 34": where words stand, in the reader's language.
fn place(ctx: &Ctx, span: &import::Span) -> String {
    ctx.ta(
        "ui-import-place",
        &[
            ("page", &span.position.page.to_string()),
            ("line", &span.position.line.to_string()),
        ],
    )
}

/// The facts a person checks: the agreement's values, not the money
/// mentions the rules read them from.
fn shown(proposal: &import::Proposal) -> impl Iterator<Item = (usize, &import::Fact)> {
    proposal
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.field.starts_with("money["))
}

/// Highlighted words: block, byte range, anchor, and whether a guess.
type Mark = (usize, usize, usize, String, bool);

/// Where each fact's words are highlighted: its own mark, or the mark of
/// the same words, or the block they stand in when they overlap another;
/// and the marks.
fn anchors(proposal: &import::Proposal, document: &import::Document) -> (Vec<String>, Vec<Mark>) {
    let mut marks: Vec<Mark> = Vec::new();
    let mut out = vec![String::new(); proposal.facts.len()];
    for (i, f) in shown(proposal) {
        let block = f.span.block;
        let text = document.blocks.get(block).map_or("", |b| b.text.as_str());
        let found = (!f.span.quote.is_empty())
            .then(|| text.find(&f.span.quote))
            .flatten()
            .map(|start| (start, start + f.span.quote.len()));
        out[i] = match found {
            Some((start, end)) => {
                let same = marks
                    .iter()
                    .find(|m| m.0 == block && m.1 == start && m.2 == end);
                let overlaps = marks
                    .iter()
                    .any(|m| m.0 == block && m.1 < end && start < m.2);
                match same {
                    Some(m) => m.3.clone(),
                    None if overlaps => format!("b-{block}"),
                    None => {
                        let id = format!("k-{i}");
                        let guess = f.confidence == import::Confidence::Guess;
                        marks.push((block, start, end, id.clone(), guess));
                        id
                    }
                }
            }
            None => format!("b-{block}"),
        };
    }
    (out, marks)
}

/// The facts of one section of the forms (`slug`), for its source panel.
pub(crate) fn sources(ctx: &Ctx, pending: &app::PendingImport, slug: &str) -> Vec<SourceFact> {
    let p = &pending.proposed;
    let (anchors, _) = anchors(&p.proposal, &p.document);
    shown(&p.proposal)
        .filter(|(_, f)| super::draft::section_of_path(&f.field) == slug)
        .map(|(i, f)| fact(ctx, pending, f, &anchors[i]))
        .collect()
}

/// The wizard's row groups, by the agreement file's lists.
const GROUPS: &[(&str, &str)] = &[
    ("parties", "party"),
    ("activities", "activity"),
    ("financing.budget_lines", "line"),
    ("financing.contributions", "contribution"),
    ("governance", "body"),
    ("reporting", "report"),
    ("appendices", "appendix"),
];

/// A field's name as the wizard's forms give it: `parties[1].org_number` is
/// "Part 2: Organisationsnummer"; a field no form has keeps its path. An
/// appendix is named by its number in the document, not its place.
fn label(ctx: &Ctx, proposal: &import::Proposal, field: &str) -> String {
    let known = |key: String| {
        let text = ctx.t(&key);
        (text != key).then(|| {
            // The forms say which fields may stay empty; a value found needs not.
            let optional = [" (valfritt)", " (optional)", ", valfritt", ", optional"];
            optional.iter().fold(text, |t, o| t.replace(o, ""))
        })
    };
    let word = |name: &str| name.replace('_', "-");
    // A termination clause read around a notice period: the form's words for it.
    if let Some((_, name)) = field
        .strip_prefix("termination[")
        .and_then(|rest| rest.split_once("]."))
    {
        let key = match name {
            "notice" => "ui-import-field-notice".to_owned(),
            "called" => "ui-import-field-called".to_owned(),
            other => format!("ui-draft-field-{}", word(other)),
        };
        return known(key).unwrap_or_else(|| field.to_owned());
    }
    for (list, prefix) in GROUPS {
        let Some(rest) = field.strip_prefix(&format!("{list}[")) else {
            continue;
        };
        let Some((index, name)) = rest.split_once("].") else {
            continue;
        };
        // An appendix's own notice and reports: worded as the framework's,
        // under the appendix's name.
        if *list == "appendices"
            && (name.starts_with("termination[") || name.starts_with("reporting["))
            && let Ok(index) = index.parse::<usize>()
        {
            let n = appendix_number(proposal, index);
            let group = ctx.ta("ui-draft-group-appendix", &[("n", &n)]);
            return format!("{group}: {}", label(ctx, proposal, name));
        }
        // An appendix's own period fills the form's first and last day.
        let name = match name {
            "period.start" => "start",
            "period.end" => "end",
            "financing.total_per_year" => "total_per_year",
            other => other,
        };
        let (Ok(index), Some(name)) = (
            index.parse::<usize>(),
            known(format!("ui-draft-field-{prefix}-{}", word(name))),
        ) else {
            return field.to_owned();
        };
        let n = if *list == "appendices" {
            appendix_number(proposal, index)
        } else {
            (index + 1).to_string()
        };
        return format!(
            "{}: {name}",
            ctx.ta(&format!("ui-draft-group-{prefix}"), &[("n", &n)])
        );
    }
    let name = field.strip_prefix("term.").unwrap_or(field);
    known(format!("ui-draft-field-{}", word(name))).unwrap_or_else(|| field.to_owned())
}

/// The number the document gives `appendices[index]`, else its place.
fn appendix_number(proposal: &import::Proposal, index: usize) -> String {
    proposal
        .value(&format!("appendices[{index}].number"))
        .map_or_else(|| (index + 1).to_string(), str::to_owned)
}

fn fact(ctx: &Ctx, pending: &app::PendingImport, f: &import::Fact, anchor: &str) -> SourceFact {
    SourceFact {
        label: label(ctx, &pending.proposed.proposal, &f.field),
        value: f.value.clone(),
        quote: f.span.quote.clone(),
        place: place(ctx, &f.span),
        guess: f.confidence == import::Confidence::Guess,
        anchor: anchor.to_owned(),
        import: pending.id.clone(),
    }
}

/// The document's text, block by block, with the proposed values' words marked.
fn text_blocks(document: &import::Document, marks: &[Mark]) -> Vec<TextBlock> {
    document
        .body()
        .map(|(index, block)| {
            let mut mine: Vec<&Mark> = marks.iter().filter(|m| m.0 == index).collect();
            mine.sort_by_key(|m| m.1);
            let mut segments = Vec::new();
            let mut at = 0;
            for (_, start, end, id, guess) in mine {
                let (Some(before), Some(marked)) =
                    (block.text.get(at..*start), block.text.get(*start..*end))
                else {
                    continue;
                };
                segments.push(Segment {
                    text: before.to_owned(),
                    mark: None,
                    guess: false,
                });
                segments.push(Segment {
                    text: marked.to_owned(),
                    mark: Some(id.clone()),
                    guess: *guess,
                });
                at = *end;
            }
            segments.push(Segment {
                text: block.text.get(at..).unwrap_or_default().to_owned(),
                mark: None,
                guess: false,
            });
            TextBlock {
                id: format!("b-{index}"),
                heading: block.kind == import::BlockKind::Heading,
                segments,
            }
        })
        .collect()
}

/// The review: the document's text beside what it proposes.
pub(crate) async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let may = ctx.caller.create_agreements()?;
    let pending = state.app.pending_import(&may, &id, state.now())?;
    let p = &pending.proposed;
    let (anchors, marks) = anchors(&p.proposal, &p.document);
    let mut groups: Vec<FactGroup> = Vec::new();
    for (i, f) in shown(&p.proposal) {
        let name = ctx.t(&format!(
            "ui-draft-section-{}",
            super::draft::section_of_path(&f.field)
        ));
        let row = fact(&ctx, &pending, f, &anchors[i]);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.facts.push(row),
            None => groups.push(FactGroup {
                name,
                facts: vec![row],
            }),
        }
    }
    let (problems, warnings): (Vec<_>, Vec<_>) = p
        .findings
        .iter()
        .partition(|d| d.severity == domain::diagnostic::Severity::Error);
    let say = |d: &domain::diagnostic::Diagnostic| locale::message(ctx.lang, d.code, &d.args);
    let page = ReviewPage {
        base: ctx.base(ctx.t("ui-import-review-title"), "new"),
        name: p.name.clone(),
        sha256: p.sha256.clone(),
        pages: p.document.pages,
        guesses: groups
            .iter()
            .flat_map(|g| &g.facts)
            .filter(|f| f.guess)
            .count(),
        groups,
        blocks: text_blocks(&p.document, &marks),
        notes: p.proposal.notes.iter().map(|n| n.topic.clone()).collect(),
        problems: problems.into_iter().map(say).collect(),
        warnings: p
            .document
            .warnings
            .iter()
            .chain(&p.proposal.warnings)
            .cloned()
            .chain(warnings.into_iter().map(say))
            .collect(),
        draft: super::draft::carried(&super::draft::from_import(&p.agreement, &pending.id)),
    };
    Ok(render(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_named_as_the_forms_name_them() {
        let ctx = Ctx {
            lang: locale::Lang::Sv,
            path: String::new(),
            caller: app::Caller::anonymous(),
            csrf: String::new(),
        };
        for (field, named) in [
            ("parties[1].org_number", "Part 2: Organisationsnummer"),
            (
                "parties[0].acting_through",
                "Part 1: Genom (nämnd eller förvaltning)",
            ),
            (
                "financing.budget_lines[0].amount",
                "Budgetrad 1: Belopp per år i kronor",
            ),
            (
                "financing.contributions[0].unit_price",
                "Bidrag 1: Pris per enhet i kronor",
            ),
            (
                "financing.contributions[0].at_most",
                "Bidrag 1: Är beloppet ett tak (högst)?",
            ),
            ("term.start", "Första dag"),
            ("short_name", "Kortnamn"),
            (
                "parties[0].signatories[0].name",
                "parties[0].signatories[0].name",
            ),
            ("indexation.basis", "indexation.basis"),
            ("termination[0].notice", "Uppsägningstid"),
            ("termination[0].by", "Vem som får avsluta"),
            ("appendices[1].period.start", "Bilaga 2: Första dag"),
            (
                "appendices[0].financing.total_per_year",
                "Bilaga 1: Eget belopp per år",
            ),
            (
                "appendices[0].termination[0].notice",
                "Bilaga 1: Uppsägningstid",
            ),
            (
                "appendices[2].reporting[0].kind",
                "Bilaga 3: Rapport 1: Slag av rapport",
            ),
        ] {
            assert_eq!(label(&ctx, &import::Proposal::default(), field), named);
        }
        // An appendix is named by the number the document gives it, not by
        // its place in the list: the only one here is Bilaga 4.
        let text = "Ramavtal om idéburet offentligt partnerskap\n\n\
            Mellan Exempels kommun och Föreningen Läxhjälpen.\n\n\
            Bilaga 4 Föreningen Läxhjälpen: Läxhjälp\n";
        let document = import::read(text.as_bytes(), "ramavtal.txt").unwrap();
        let proposal = import::extract(&document);
        assert_eq!(proposal.value("appendices[0].number"), Some("4"));
        for (field, named) in [
            (
                "appendices[0].termination[0].notice",
                "Bilaga 4: Uppsägningstid",
            ),
            ("appendices[0].period.start", "Bilaga 4: Första dag"),
        ] {
            assert_eq!(label(&ctx, &proposal, field), named);
        }
    }
}
