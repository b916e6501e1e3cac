//! Accessible HTML through askama: every value escaped, `lang="sv"`,
//! headings in order, tables with `<th>` for columns and rows.

use askama::Template;

use crate::RenderError;
use crate::fmt::Block;
use crate::view::DocView;

#[derive(Template)]
#[template(path = "document.html")]
struct Page<'a> {
    d: &'a DocView,
}

pub fn render(view: &DocView) -> Result<Vec<u8>, RenderError> {
    Page { d: view }
        .render()
        .map(String::into_bytes)
        .map_err(|e| RenderError::Html(e.to_string()))
}
