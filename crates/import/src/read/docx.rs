//! WordprocessingML (.docx): the body, headers and footers, streamed.

use std::collections::HashMap;

use super::flow::Flow;
use super::xml::{Pull, Xml, attr};
use super::zip::Archive;
use crate::document::{BlockKind, Document, SourceKind};
use crate::error::ImportError;

pub(super) fn read(archive: &mut Archive<'_>) -> Result<Document, ImportError> {
    let styles = match archive.read_optional("word/styles.xml")? {
        Some(bytes) => heading_styles(&bytes)?,
        None => HashMap::new(),
    };
    let mut parts: Vec<(String, BlockKind)> = archive
        .names()
        .filter_map(|n| {
            let file = n.strip_prefix("word/")?;
            let kind = if file.starts_with("header") {
                BlockKind::Header
            } else if file.starts_with("footer") {
                BlockKind::Footer
            } else {
                return None;
            };
            file.ends_with(".xml").then(|| (n.to_owned(), kind))
        })
        .collect();
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    let body = archive.read("word/document.xml")?;
    let mut flow = Flow::new();
    walk(&body, "word/document.xml", &styles, None, &mut flow)?;
    let pages = flow.pages();
    for (name, kind) in parts {
        let bytes = archive.read(&name)?;
        walk(&bytes, "a header or footer", &styles, Some(kind), &mut flow)?;
    }
    Ok(Document {
        source: SourceKind::Docx,
        blocks: flow.blocks,
        pages,
        warnings: Vec::new(),
    })
}

/// Style ids whose paragraphs are headings: named Heading/Rubrik/Title, or with an outline level.
fn heading_styles(bytes: &[u8]) -> Result<HashMap<String, bool>, ImportError> {
    let mut pull = Pull::new(bytes, "word/styles.xml");
    let mut styles = HashMap::new();
    let mut current: Option<String> = None;
    while let Some(event) = pull.next()? {
        match event {
            Xml::Start { name, attrs } => match name.as_str() {
                "style" => current = attr(&attrs, "styleId").map(str::to_owned),
                "name" | "outlineLvl" => {
                    let value = attr(&attrs, "val").unwrap_or("").to_lowercase();
                    let heading = name == "outlineLvl"
                        || ["heading", "rubrik", "title", "rubrik"]
                            .iter()
                            .any(|p| value.starts_with(p));
                    if heading && let Some(id) = &current {
                        styles.insert(id.clone(), true);
                    }
                }
                _ => {}
            },
            Xml::End { name } if name == "style" => current = None,
            _ => {}
        }
    }
    Ok(styles)
}

fn walk(
    bytes: &[u8],
    part: &'static str,
    styles: &HashMap<String, bool>,
    as_kind: Option<BlockKind>,
    flow: &mut Flow,
) -> Result<(), ImportError> {
    let mut pull = Pull::new(bytes, part);
    let mut in_text = false;
    // Inside mc:Fallback the same content is repeated for old readers.
    let mut skip = 0usize;
    while let Some(event) = pull.next()? {
        match event {
            Xml::Start { name, .. } if skip > 0 => {
                if name == "Fallback" {
                    skip += 1;
                }
            }
            Xml::End { name } if skip > 0 => {
                if name == "Fallback" {
                    skip -= 1;
                }
            }
            Xml::Start { name, attrs } => {
                start(
                    &name,
                    &attrs,
                    styles,
                    as_kind,
                    flow,
                    &mut in_text,
                    &mut skip,
                );
            }
            Xml::End { name } => match name.as_str() {
                "p" => flow.end_paragraph(as_kind.unwrap_or(BlockKind::Paragraph)),
                "t" => in_text = false,
                "tbl" => flow.end_table(),
                "tr" => flow.end_row(),
                "tc" => flow.end_cell(),
                "txbxContent" => flow.leave_text_box(),
                _ => {}
            },
            Xml::Text(text) if in_text && skip == 0 => flow.text(&text),
            Xml::Text(_) => {}
        }
    }
    Ok(())
}

fn start(
    name: &str,
    attrs: &[(String, String)],
    styles: &HashMap<String, bool>,
    as_kind: Option<BlockKind>,
    flow: &mut Flow,
    in_text: &mut bool,
    skip: &mut usize,
) {
    match name {
        "p" => {
            flow.start_paragraph();
            if let Some(kind) = as_kind {
                flow.mark(kind);
            }
        }
        "pStyle"
            if as_kind.is_none()
                && attr(attrs, "val").is_some_and(|id| styles.contains_key(id)) =>
        {
            flow.mark(BlockKind::Heading);
        }
        "outlineLvl" if as_kind.is_none() => flow.mark(BlockKind::Heading),
        "numPr" if as_kind.is_none() => flow.mark(BlockKind::ListItem),
        "t" => *in_text = true,
        "tab" if flow.in_paragraph() => flow.text("\t"),
        "br" | "cr" => {
            if attr(attrs, "type") == Some("page") {
                flow.page_break();
            } else {
                flow.text(" ");
            }
        }
        "lastRenderedPageBreak" => flow.page_break(),
        "tbl" => flow.start_table(),
        "tr" => flow.start_row(),
        "tc" => flow.start_cell(),
        "txbxContent" => flow.enter_text_box(),
        "Fallback" => *skip += 1,
        _ => {}
    }
}
