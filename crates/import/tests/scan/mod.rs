//! Scanned PDFs for the tests: a PDF with text rendered page by page to grey
//! PNG images by poppler's `pdftoppm`, and the images put into a PDF of
//! image-only pages — no text layer, as a scanner writes it. The PNG's
//! compressed data goes into the PDF as it is (a Flate stream with the PNG
//! predictor, as img2pdf does), so no image library is needed.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // a test helper: a failure should panic

use std::path::Path;
use std::process::Command;

/// An image: width and height in pixels, grey (1 colour) or RGB (3), and
/// its data, either raw (a byte a colour) or a PNG's concatenated IDAT chunks.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub colors: u8,
    pub data: Vec<u8>,
    pub png: bool,
}

/// The pages of `pdf` rendered at `dpi` and put back together as a scan
/// (also written to `dir`/scan.pdf).
pub fn scan_of(pdf: &Path, dpi: u32, dir: &Path) -> Vec<u8> {
    std::fs::create_dir_all(dir).unwrap();
    let stem = dir.join("scan");
    let status = Command::new("pdftoppm")
        .args(["-png", "-gray", "-r", &dpi.to_string()])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm runs (Debian poppler-utils)");
    assert!(status.success(), "pdftoppm {}", pdf.display());
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    let images: Vec<Image> = pages
        .iter()
        .map(|p| png_image(&std::fs::read(p).unwrap()))
        .collect();
    assert!(
        !images.is_empty(),
        "no page rendered from {}",
        pdf.display()
    );
    let scan = pdf_of_images(&images, dpi);
    // Kept beside its pages, to look at when a test fails.
    std::fs::write(dir.join("scan.pdf"), &scan).unwrap();
    scan
}

/// A scan of one small blank page (40 × 20 pixels at 72 dpi), its pixels raw:
/// a PDF without a text layer in which OCR finds nothing.
pub fn blank_scan() -> Vec<u8> {
    let page = Image {
        width: 40,
        height: 20,
        colors: 1,
        data: vec![255; 800],
        png: false,
    };
    pdf_of_images(&[page], 72)
}

/// Width, height and IDAT data of an 8-bit grey or RGB PNG (pdftoppm writes
/// RGB even when asked for grey).
fn png_image(bytes: &[u8]) -> Image {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut at = 8;
    let mut image = Image {
        width: 0,
        height: 0,
        colors: 1,
        data: Vec::new(),
        png: true,
    };
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + length];
        match kind {
            b"IHDR" => {
                image.width = u32::from_be_bytes(body[0..4].try_into().unwrap());
                image.height = u32::from_be_bytes(body[4..8].try_into().unwrap());
                image.colors = match (body[8], body[9]) {
                    (8, 0) => 1,
                    (8, 2) => 3,
                    other => panic!("not an 8-bit grey or RGB PNG: {other:?}"),
                };
            }
            b"IDAT" => image.data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + length;
    }
    image
}

/// A PDF with one image-only page per image, each page the image's size at `dpi`.
pub fn pdf_of_images(images: &[Image], dpi: u32) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let n = images.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    let pages = format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" "));
    object(&mut out, pages.as_bytes());
    for (i, image) in images.iter().enumerate() {
        let (w, h) = (image.width, image.height);
        let (pw, ph) = (
            f64::from(w) * 72.0 / f64::from(dpi),
            f64::from(h) * 72.0 / f64::from(dpi),
        );
        let page = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2} {ph:.2}] /Resources << /XObject << /Im0 {} 0 R >> >> /Contents {} 0 R >>",
            5 + 3 * i,
            4 + 3 * i
        );
        object(&mut out, page.as_bytes());
        let content = format!("q {pw:.2} 0 0 {ph:.2} 0 0 cm /Im0 Do Q");
        let stream = format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        );
        object(&mut out, stream.as_bytes());
        let filter = if image.png {
            format!(
                " /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors {} /BitsPerComponent 8 /Columns {w} >>",
                image.colors
            )
        } else {
            String::new()
        };
        let space = if image.colors == 3 {
            "/DeviceRGB"
        } else {
            "/DeviceGray"
        };
        let mut body = format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} /BitsPerComponent 8{filter} /Length {} >>\nstream\n",
            image.data.len()
        )
        .into_bytes();
        body.extend_from_slice(&image.data);
        body.extend_from_slice(b"\nendstream");
        object(&mut out, &body);
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for offset in &offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}
