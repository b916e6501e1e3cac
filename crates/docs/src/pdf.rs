//! PDF through Typst: one template (`templates/document.typ`), the fonts
//! compiled into the binary, no system fonts, no clock.

use std::sync::OnceLock;

use typst::foundations::{Dict, Smart, Value};
use typst_as_lib::{TypstAsLibError, TypstEngine};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::RenderError;
use crate::view::DocView;

const TEMPLATE: &str = include_str!("../templates/document.typ");

/// Liberation Sans (SIL OFL 1.1) for the text; DejaVu Sans (Bitstream Vera
/// licence) for characters Liberation lacks. See `fonts/LICENSE-*.txt`.
const FONTS: [&[u8]; 6] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

fn engine() -> &'static TypstEngine {
    static ENGINE: OnceLock<TypstEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .with_static_source_file_resolver([("document.typ", TEMPLATE)])
            .fonts(FONTS)
            .build()
    })
}

fn describe(error: TypstAsLibError) -> String {
    match error {
        TypstAsLibError::TypstSource(diags) => diags
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Lay out a document and write it as tagged PDF/UA-1. `ident` is a stable
/// id for the PDF's /ID, so the same input gives the same bytes.
pub fn render(view: &DocView, ident: &str) -> Result<Vec<u8>, RenderError> {
    let json = serde_json::to_string(view).map_err(|e| RenderError::Layout(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Str(json.as_str().into()));
    let document: PagedDocument = engine()
        .compile_with_input("document.typ", inputs)
        .output
        .map_err(|e| RenderError::Layout(describe(e)))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| RenderError::Pdf(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some("iop".to_owned())),
        timestamp: None,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(&document, &options).map_err(|diags| {
        RenderError::Pdf(
            diags
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
