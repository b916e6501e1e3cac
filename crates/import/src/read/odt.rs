//! OpenDocument text (.odt): content.xml for the body, styles.xml for the
//! running headers and footers of the master pages.

use std::collections::HashMap;

use super::flow::Flow;
use super::xml::{Pull, Xml, attr};
use super::zip::Archive;
use crate::document::{BlockKind, Document, SourceKind};
use crate::error::ImportError;

pub(super) fn read(archive: &mut Archive<'_>) -> Result<Document, ImportError> {
    let content = archive.read("content.xml")?;
    let styles = archive.read_optional("styles.xml")?.unwrap_or_default();
    let mut parents = HashMap::new();
    collect_parents(&styles, &mut parents)?;
    collect_parents(&content, &mut parents)?;
    let mut flow = Flow::new();
    walk(&content, "content.xml", &parents, false, &mut flow)?;
    let pages = flow.pages();
    walk(&styles, "styles.xml", &parents, true, &mut flow)?;
    Ok(Document {
        source: SourceKind::Odt,
        blocks: flow.blocks,
        pages,
        warnings: Vec::new(),
    })
}

/// style name → parent style name, so "P3" can be traced to "Heading_20_1".
fn collect_parents(bytes: &[u8], parents: &mut HashMap<String, String>) -> Result<(), ImportError> {
    if bytes.is_empty() {
        return Ok(());
    }
    let mut pull = Pull::new(bytes, "styles");
    while let Some(event) = pull.next()? {
        if let Xml::Start { name, attrs } = event
            && name == "style"
            && let (Some(style), Some(parent)) =
                (attr(&attrs, "name"), attr(&attrs, "parent-style-name"))
        {
            parents.insert(style.to_owned(), parent.to_owned());
        }
    }
    Ok(())
}

fn is_heading_style(style: &str, parents: &HashMap<String, String>) -> bool {
    let mut current = style;
    for _ in 0..16 {
        let lower = current.to_lowercase();
        if lower.starts_with("heading") || lower.starts_with("title") || lower.starts_with("rubrik")
        {
            return true;
        }
        match parents.get(current) {
            Some(parent) => current = parent,
            None => return false,
        }
    }
    false
}

/// Where the walk is: which elements' text is skipped, and whether it is in
/// a list item or a running header/footer.
#[derive(Default)]
struct State {
    skip: usize,
    list_items: usize,
    running: Option<BlockKind>,
}

fn walk(
    bytes: &[u8],
    part: &'static str,
    parents: &HashMap<String, String>,
    running_only: bool,
    flow: &mut Flow,
) -> Result<(), ImportError> {
    let mut pull = Pull::new(bytes, part);
    let mut state = State::default();
    while let Some(event) = pull.next()? {
        match event {
            Xml::Start { name, attrs } => {
                if state.skip > 0 || is_skipped(&name) {
                    state.skip += 1;
                    continue;
                }
                start(&name, &attrs, parents, running_only, &mut state, flow);
            }
            Xml::End { name } => {
                if state.skip > 0 {
                    state.skip -= 1;
                    continue;
                }
                end(&name, running_only, &mut state, flow);
            }
            Xml::Text(text) => {
                if state.skip == 0 && (!running_only || state.running.is_some()) {
                    flow.text(&text);
                }
            }
        }
    }
    Ok(())
}

/// Annotations, notes and deleted text are not part of the agreement's text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "annotation" | "note" | "tracked-changes" | "automatic-styles" | "font-face-decls"
    )
}

/// style:header, style:footer and their -left / -first variants.
fn is_running(name: &str) -> bool {
    (name.starts_with("header") || name.starts_with("footer")) && !name.ends_with("-style")
}

fn start(
    name: &str,
    attrs: &[(String, String)],
    parents: &HashMap<String, String>,
    running_only: bool,
    state: &mut State,
    flow: &mut Flow,
) {
    match name {
        _ if running_only && is_running(name) => {
            state.running = Some(if name.starts_with("header") {
                BlockKind::Header
            } else {
                BlockKind::Footer
            });
        }
        _ if running_only && state.running.is_none() => {}
        "p" | "h" => {
            flow.start_paragraph();
            if let Some(kind) = state.running {
                flow.mark(kind);
            } else if name == "h"
                || attr(attrs, "style-name").is_some_and(|s| is_heading_style(s, parents))
            {
                flow.mark(BlockKind::Heading);
            } else if state.list_items > 0 {
                flow.mark(BlockKind::ListItem);
            }
        }
        "s" => {
            let count = attr(attrs, "c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1);
            flow.text(&" ".repeat(count.min(64)));
        }
        "tab" => flow.text("\t"),
        "line-break" => flow.text(" "),
        "soft-page-break" => flow.page_break(),
        "list-item" => state.list_items += 1,
        "table" => flow.start_table(),
        "table-row" => flow.start_row(),
        "table-cell" => flow.start_cell(),
        "text-box" => flow.enter_text_box(),
        _ => {}
    }
}

fn end(name: &str, running_only: bool, state: &mut State, flow: &mut Flow) {
    match name {
        _ if running_only && is_running(name) => state.running = None,
        _ if running_only && state.running.is_none() => {}
        "p" | "h" => flow.end_paragraph(state.running.unwrap_or(BlockKind::Paragraph)),
        "list-item" => state.list_items = state.list_items.saturating_sub(1),
        "table" => flow.end_table(),
        "table-row" => flow.end_row(),
        "table-cell" => flow.end_cell(),
        "text-box" => flow.leave_text_box(),
        _ => {}
    }
}
