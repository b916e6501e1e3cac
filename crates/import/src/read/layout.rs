//! The words of a PDF page with their boxes (poppler's `pdftotext
//! -bbox-layout`) back into lines in reading order. Words on one baseline
//! make a row; a gap much wider than a space splits a row into segments.
//! Two or more consecutive rows whose segments fall into the same x-bands
//! are a grid: a table when a band other than the first holds figures
//! (amounts, years, dates), else text set side by side in columns (two
//! signature blocks, say), read one column after the other.

use super::xml::{Pull, Xml, attr};
use crate::error::ImportError;

/// One word and its box in points, y growing downwards.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

/// A line of a laid-out page: text (blank for a paragraph break), or a
/// table row's cells; where its first word stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Laid {
    pub text: String,
    pub cells: Option<Vec<String>>,
    /// The row on the page, from 1 (rows side by side share it).
    pub line: u32,
    /// The first word's column in average characters from the page's left text margin, from 1.
    pub column: u32,
}

/// The pages of `pdftotext -bbox-layout` output, each as its words.
/// A dense A4 page of text holds about a thousand words; laying out rows
/// compares the words of a line with each other, so a page is bounded.
const MAX_WORDS_PER_PAGE: usize = 20_000;

pub(super) fn pages(xhtml: &[u8]) -> Result<Vec<Vec<Word>>, ImportError> {
    let mut pull = Pull::new(xhtml, "pdftotext -bbox-layout");
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut word: Option<Word> = None;
    while let Some(event) = pull.next()? {
        match event {
            Xml::Start { name, .. } if name == "page" => pages.push(Vec::new()),
            Xml::Start { name, attrs } if name == "word" => {
                let number = |key| {
                    attr(&attrs, key)
                        .and_then(|v| v.parse::<f32>().ok())
                        .filter(|v| v.is_finite())
                        .unwrap_or(0.0)
                };
                word = Some(Word {
                    x0: number("xMin"),
                    y0: number("yMin"),
                    x1: number("xMax"),
                    y1: number("yMax"),
                    text: String::new(),
                });
            }
            Xml::Text(text) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&text);
                }
            }
            Xml::End { name } if name == "word" => {
                if let (Some(w), Some(page)) = (word.take(), pages.last_mut())
                    && !w.text.trim().is_empty()
                {
                    if page.len() >= MAX_WORDS_PER_PAGE {
                        return Err(ImportError::Corrupt {
                            reason: format!(
                                "page {} holds more than {MAX_WORDS_PER_PAGE} words, more than a page of text can",
                                pages.len()
                            ),
                        });
                    }
                    page.push(w);
                }
            }
            _ => {}
        }
    }
    Ok(pages)
}

/// A run of words on one row with no wide gap inside.
#[derive(Debug, Clone)]
struct Segment {
    x0: f32,
    x1: f32,
    text: String,
}

#[derive(Debug, Clone)]
struct Row {
    y0: f32,
    y1: f32,
    segments: Vec<Segment>,
}

impl Row {
    fn x0(&self) -> f32 {
        self.segments.first().map_or(0.0, |s| s.x0)
    }

    fn text(&self) -> String {
        let texts: Vec<&str> = self.segments.iter().map(|s| s.text.as_str()).collect();
        texts.join(" ")
    }
}

fn median(mut values: Vec<f32>) -> Option<f32> {
    values.sort_by(f32::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Words into rows, top to bottom: a word whose middle lies within a row's
/// height belongs to it.
fn rows(words: &[Word], gap: f32) -> Vec<Row> {
    let mut sorted: Vec<&Word> = words.iter().collect();
    sorted.sort_by(|a, b| (a.y0 + a.y1).total_cmp(&(b.y0 + b.y1)));
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for word in sorted {
        let middle = (word.y0 + word.y1) / 2.0;
        match groups.last_mut() {
            Some(group)
                if group
                    .iter()
                    .any(|w| middle >= w.y0 && middle <= w.y1 && w.y1 - w.y0 > 0.0) =>
            {
                group.push(word);
            }
            _ => groups.push(vec![word]),
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut segments: Vec<Segment> = Vec::new();
            for w in &group {
                match segments.last_mut() {
                    Some(s) if w.x0 - s.x1 <= gap || is_marker(&s.text) => {
                        s.text.push(' ');
                        s.text.push_str(w.text.trim());
                        s.x1 = s.x1.max(w.x1);
                    }
                    _ => segments.push(Segment {
                        x0: w.x0,
                        x1: w.x1,
                        text: w.text.trim().to_owned(),
                    }),
                }
            }
            Row {
                y0: group.iter().map(|w| w.y0).fold(f32::INFINITY, f32::min),
                y1: group.iter().map(|w| w.y1).fold(f32::NEG_INFINITY, f32::max),
                segments,
            }
        })
        .collect()
}

/// A list item's marker standing apart from its text: "•", "–", "1.", "a)".
fn is_marker(text: &str) -> bool {
    let count = text.chars().count();
    matches!(
        text,
        "•" | "·" | "–" | "-" | "*" | "▪" | "◦" | "○" | "■" | "o"
    ) || (2..=3).contains(&count)
        && text.ends_with(['.', ')'])
        && text[..text.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

/// The band each segment of `row` falls into, if every segment falls into
/// its own band of `bands` (a band it overlaps, or the space between bands).
fn fit(bands: &[(f32, f32)], row: &Row) -> Option<Vec<usize>> {
    let mut used: Vec<usize> = Vec::with_capacity(row.segments.len());
    for s in &row.segments {
        let overlapping: Vec<usize> = (0..bands.len())
            .filter(|&b| s.x0 < bands[b].1 && s.x1 > bands[b].0)
            .collect();
        let band = match overlapping.as_slice() {
            [one] => *one,
            [] => return None,
            _ => return None,
        };
        if used.last().is_some_and(|&u| u >= band) {
            return None;
        }
        used.push(band);
    }
    Some(used)
}

/// A grid: rows whose segments fall into the same bands.
struct Grid {
    bands: Vec<(f32, f32)>,
    /// Row index and the band of each of its segments.
    rows: Vec<(usize, Vec<usize>)>,
}

impl Grid {
    fn multi_rows(&self) -> usize {
        self.rows.iter().filter(|(_, b)| b.len() >= 2).count()
    }

    /// The cells of each row, one per band.
    fn cells(&self, rows: &[Row]) -> Vec<(usize, Vec<String>)> {
        self.rows
            .iter()
            .map(|(r, bands)| {
                let mut cells = vec![String::new(); self.bands.len()];
                for (s, &b) in rows[*r].segments.iter().zip(bands) {
                    cells[b].clone_from(&s.text);
                }
                (*r, cells)
            })
            .collect()
    }
}

/// Grows `grid` by `row` when the row fits its bands: a row of several
/// segments anywhere in the bands, a single segment only from one band's
/// start on and close below the row before (a cell's wrapped line).
fn extend(grid: &mut Grid, rows: &[Row], index: usize, height: f32) -> bool {
    let row = &rows[index];
    let Some(bands) = fit(&grid.bands, row) else {
        return false;
    };
    if row.segments.len() == 1 {
        let (b, s) = (bands[0], &row.segments[0]);
        let previous = grid.rows.last().map(|(r, _)| &rows[*r]);
        // Below its band's start: a line at the margin under a table is text of its own.
        let gap = previous.map_or(f32::INFINITY, |p| row.y0 - p.y1);
        // Or further below, when a row of the grid's columns follows (a
        // signature block's space for the signature).
        let resumed = gap <= height * 4.0
            && rows[index + 1..]
                .iter()
                .take(2)
                .any(|r| r.segments.len() >= 2 && fit(&grid.bands, r).is_some());
        if !(gap <= height * 1.2 || resumed) || s.x0 < grid.bands[b].0 - height {
            return false;
        }
    }
    for (s, &b) in row.segments.iter().zip(&bands) {
        grid.bands[b].0 = grid.bands[b].0.min(s.x0);
        grid.bands[b].1 = grid.bands[b].1.max(s.x1);
    }
    grid.rows.push((index, bands));
    true
}

/// The grids of a page: runs of rows, at least two of several segments each.
fn grids(rows: &[Row], height: f32) -> Vec<Grid> {
    let mut found = Vec::new();
    let mut open: Option<Grid> = None;
    for (i, row) in rows.iter().enumerate() {
        if let Some(grid) = open.as_mut()
            && extend(grid, rows, i, height)
        {
            continue;
        }
        if let Some(grid) = open.take()
            && grid.multi_rows() >= 2
        {
            found.push(grid);
        }
        if row.segments.len() >= 2 {
            open = Some(Grid {
                bands: row.segments.iter().map(|s| (s.x0, s.x1)).collect(),
                rows: vec![(i, (0..row.segments.len()).collect())],
            });
        }
    }
    if let Some(grid) = open.take()
        && grid.multi_rows() >= 2
    {
        found.push(grid);
    }
    found
}

/// A cell that is a figure: an amount, a year, a date, a percentage
/// ("1 300 000", "minst 100 000 kr", "2024", "3,5 %", "–").
fn is_figure(cell: &str) -> bool {
    let lower = cell.trim().to_lowercase();
    let rest = lower
        .strip_prefix("minst ")
        .unwrap_or(&lower)
        .trim_end_matches("kronor")
        .trim_end_matches("kr")
        .trim_end_matches("sek")
        .trim_end_matches(":-")
        .trim();
    !rest.is_empty()
        && rest.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '-' | '–' | '%' | '/'
                )
        })
}

/// A table when a band other than the first holds figures in most of its
/// filled cells; text side by side otherwise.
fn is_table(cells: &[(usize, Vec<String>)], bands: usize) -> bool {
    (1..bands).any(|b| {
        let filled: Vec<&str> = cells
            .iter()
            .map(|(_, c)| c[b].as_str())
            .filter(|c| !c.is_empty())
            .collect();
        let figures = filled.iter().filter(|c| is_figure(c)).count();
        figures >= 2 && figures * 2 >= filled.len()
    })
}

/// Text set side by side rather than a table: at most three bands, spread
/// evenly over the grid's width (each starts at least 4/5 of an even share
/// after the one before), as signature blocks are set.
fn is_columns(bands: &[(f32, f32)]) -> bool {
    let (Some(first), Some(last)) = (bands.first(), bands.last()) else {
        return false;
    };
    let share = (last.1 - first.0) / bands.len() as f32;
    bands.len() <= 3 && bands.windows(2).all(|w| w[1].0 - w[0].0 >= share * 0.8)
}

/// Table rows from a grid's cells. A row continues the one above (a cell's
/// text wrapped onto more lines) when its first cell is empty; when the
/// table pads its rows (some gap between rows as high as a line), when it
/// follows at no more than a paragraph's leading; else when it holds no
/// figure where the row above had one. A table pads its rows when some
/// gap between them is wider than the narrowest (a cell's leading) by a
/// fifth of a line.
fn table_rows(
    cells: Vec<(usize, Vec<String>)>,
    rows: &[Row],
    height: f32,
) -> Vec<(usize, Vec<String>)> {
    let gap = |r: usize| {
        r.checked_sub(1)
            .map_or(f32::INFINITY, |p| rows[r].y0 - rows[p].y1)
    };
    let gaps: Vec<f32> = cells.iter().skip(1).map(|(r, _)| gap(*r)).collect();
    let leading = gaps.iter().copied().fold(f32::INFINITY, f32::min);
    let widest = gaps.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let padded = widest >= leading + height * 0.2;
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for (r, row) in cells {
        let close = gap(r) < leading + height * 0.1;
        let continues = |previous: &[String]| {
            // Figures in the same column above and here are two rows (a
            // party's cash line and its in-kind line), never one wrapped row.
            let figures_meet = previous
                .iter()
                .zip(&row)
                .any(|(p, c)| is_figure(p) && is_figure(c));
            !figures_meet && row[0].is_empty()
                || !figures_meet && close && padded
                || close
                    && !row.iter().any(|c| is_figure(c))
                    && previous
                        .iter()
                        .zip(&row)
                        .any(|(p, c)| is_figure(p) && c.is_empty())
        };
        match out.last_mut() {
            Some((_, previous)) if continues(previous) => {
                for (p, c) in previous.iter_mut().zip(row) {
                    if c.is_empty() {
                        continue;
                    }
                    if !p.is_empty() {
                        p.push(' ');
                    }
                    p.push_str(&c);
                }
            }
            _ => out.push((r, row)),
        }
    }
    out
}

/// Where the lines of a page stand: the left text margin and an average
/// character's width.
struct Ruler {
    margin: f32,
    char_width: f32,
}

impl Ruler {
    fn column(&self, x: f32) -> u32 {
        let chars = ((x - self.margin).max(0.0) / self.char_width).round();
        // A page is a few hundred characters wide at most.
        1 + chars.min(10_000.0) as u32
    }
}

fn line_of(row: usize) -> u32 {
    u32::try_from(row + 1).unwrap_or(u32::MAX)
}

/// A grid's lines: a table's rows with their cells, or each column's lines
/// top to bottom, one column after the other.
fn grid_lines(grid: &Grid, rows: &[Row], height: f32, ruler: &Ruler, out: &mut Vec<Laid>) {
    let cells = grid.cells(rows);
    out.push(Laid::default());
    if is_table(&cells, grid.bands.len()) || !is_columns(&grid.bands) {
        for (at, row) in table_rows(cells, rows, height) {
            out.push(Laid {
                text: row.join("\t"),
                cells: Some(row),
                line: line_of(at),
                column: ruler.column(rows[at].x0()),
            });
        }
    } else {
        for b in 0..grid.bands.len() {
            // A column's last line does not run on into the next column.
            if b > 0 {
                out.push(Laid::default());
            }
            for ((at, row), (_, bands)) in cells.iter().zip(&grid.rows) {
                let Some(s) = bands.iter().position(|&k| k == b) else {
                    continue;
                };
                out.push(Laid {
                    text: row[b].clone(),
                    cells: None,
                    line: line_of(*at),
                    column: ruler.column(rows[*at].segments[s].x0),
                });
            }
        }
    }
    out.push(Laid::default());
}

/// A page's rows and the median height of its words.
fn page_rows(words: &[Word]) -> (Vec<Row>, f32) {
    let height = median(words.iter().map(|w| w.y1 - w.y0).collect()).unwrap_or(10.0);
    let spaces = words.windows(2).filter_map(|w| {
        let gap = w[1].x0 - w[0].x1;
        (gap > 0.0 && (w[1].y0 - w[0].y0).abs() < 1.0).then_some(gap)
    });
    // The narrower gaps (first quartile), so that a page mostly of table
    // cells still measures its spaces; a space is at most half a line high.
    let mut spaces: Vec<f32> = spaces.collect();
    spaces.sort_by(f32::total_cmp);
    let space = spaces
        .get(spaces.len() / 4)
        .map_or(height / 4.0, |s| s.min(height / 2.0));
    // Wider than two spaces and than 3/5 of a line's height: between cells or columns.
    (rows(words, (space * 2.0).max(height * 0.6)), height)
}

/// The pages laid out. The space between the lines of a paragraph is the
/// document's narrower gaps between rows (its first quartile); a gap wider
/// by 3/10 of a line starts a new paragraph.
pub(super) fn lay_out_pages(pages: &[Vec<Word>]) -> Vec<Vec<Laid>> {
    let laid: Vec<(Vec<Row>, f32)> = pages.iter().map(|words| page_rows(words)).collect();
    let mut gaps: Vec<f32> = laid
        .iter()
        .flat_map(|(rows, _)| rows.windows(2).map(|w| w[1].y0 - w[0].y1))
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f32::total_cmp);
    let leading = gaps.get(gaps.len() / 4).copied();
    pages
        .iter()
        .zip(laid)
        .map(|(words, (rows, height))| {
            lay_out(words, rows, height, leading.unwrap_or(height / 2.0))
        })
        .collect()
}

/// One page laid out: rows in reading order, a blank line where the space
/// between rows is wider than between lines of a paragraph, tables as rows
/// of cells and columns one after the other.
fn lay_out(words: &[Word], rows: Vec<Row>, height: f32, leading: f32) -> Vec<Laid> {
    let ruler = Ruler {
        margin: rows.iter().map(Row::x0).fold(f32::INFINITY, f32::min),
        char_width: average_char_width(words),
    };
    let grids = grids(&rows, height);
    let mut out: Vec<Laid> = Vec::new();
    let mut r = 0;
    let mut previous_y1: Option<f32> = None;
    while r < rows.len() {
        let row = &rows[r];
        // A paragraph ends at a wider gap, and where the size of the text changes.
        let resized =
            r > 0 && ((row.y1 - row.y0) - (rows[r - 1].y1 - rows[r - 1].y0)).abs() > height * 0.25;
        if previous_y1.is_some_and(|y| row.y0 - y > leading + height * 0.3) || resized {
            out.push(Laid::default());
        }
        if let Some(grid) = grids
            .iter()
            .find(|g| g.rows.first().is_some_and(|(f, _)| *f == r))
        {
            grid_lines(grid, &rows, height, &ruler, &mut out);
            let last = grid.rows.last().map_or(r, |(l, _)| *l);
            previous_y1 = Some(rows[last].y1);
            r = last + 1;
            continue;
        }
        // A heading set larger than the text and wrapped: its lines are one line.
        let large = |k: usize| rows[k].y1 - rows[k].y0 > height * 1.25;
        let wrapped_heading = r > 0
            && large(r)
            && large(r - 1)
            && (rows[r].y1 - rows[r].y0 - (rows[r - 1].y1 - rows[r - 1].y0)).abs() < height * 0.1
            && out
                .last()
                .is_some_and(|l| l.cells.is_none() && !l.text.is_empty());
        match out.last_mut() {
            Some(last) if wrapped_heading => {
                last.text.push(' ');
                last.text.push_str(&row.text());
            }
            _ => out.push(Laid {
                text: row.text(),
                cells: None,
                line: line_of(r),
                column: ruler.column(row.x0()),
            }),
        }
        previous_y1 = Some(row.y1);
        r += 1;
    }
    out
}

/// The width of an average character on the page, in points.
fn average_char_width(words: &[Word]) -> f32 {
    let (width, chars) = words.iter().fold((0.0f32, 0usize), |(w, n), word| {
        (w + (word.x1 - word.x0), n + word.text.chars().count())
    });
    if chars == 0 || width <= 0.0 {
        5.0
    } else {
        width / chars as f32
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_page_of_more_words_than_text_can_hold_is_refused() {
        let words = "<word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">x</word>"
            .repeat(MAX_WORDS_PER_PAGE + 1);
        let xhtml = format!("<html><body><doc><page>{words}</page></doc></body></html>");
        let refused = pages(xhtml.as_bytes());
        assert!(
            matches!(&refused, Err(ImportError::Corrupt { reason }) if reason.contains("page 1")),
            "{refused:?}"
        );
        let one = "<word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">x</word>".repeat(3);
        let fine =
            pages(format!("<html><body><doc><page>{one}</page></doc></body></html>").as_bytes());
        assert_eq!(fine.map(|p| p[0].len()).ok(), Some(3));
    }

    use super::*;

    /// Words of one row at `y` (10 points high), each `(x, text)`, 5 points a character.
    fn row(y: f32, words: &[(f32, &str)]) -> Vec<Word> {
        words
            .iter()
            .map(|(x, t)| Word {
                x0: *x,
                y0: y,
                x1: x + 5.0 * t.chars().count() as f32,
                y1: y + 10.0,
                text: (*t).to_owned(),
            })
            .collect()
    }

    fn page(rows: &[Vec<Word>]) -> Vec<Laid> {
        let words: Vec<Word> = rows.iter().flatten().cloned().collect();
        lay_out_pages(&[words]).remove(0)
    }

    /// Line and column of the first line that starts with `text`.
    fn at(laid: &[Laid], text: &str) -> Option<(u32, u32)> {
        laid.iter()
            .find(|l| l.text.starts_with(text))
            .map(|l| (l.line, l.column))
    }

    fn texts(laid: &[Laid]) -> Vec<&str> {
        laid.iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn a_table_with_figures_comes_back_as_rows_of_cells() {
        let laid = page(&[
            row(100.0, &[(50.0, "Ekonomi")]),
            row(114.0, &[(50.0, "Post"), (300.0, "Belopp")]),
            row(128.0, &[(50.0, "Lokaler"), (300.0, "167"), (318.0, "000")]),
            // The name wraps: its second line continues the row above.
            row(
                142.0,
                &[
                    (50.0, "Marknadsföring"),
                    (125.0, "och"),
                    (300.0, "46"),
                    (313.0, "000"),
                ],
            ),
            row(156.0, &[(50.0, "aktiviteter")]),
            row(170.0, &[(50.0, "Summa"), (300.0, "213"), (318.0, "000")]),
        ]);
        let rows: Vec<&Vec<String>> = laid.iter().filter_map(|l| l.cells.as_ref()).collect();
        assert_eq!(
            rows,
            [
                &vec!["Post".to_owned(), "Belopp".to_owned()],
                &vec!["Lokaler".to_owned(), "167 000".to_owned()],
                &vec![
                    "Marknadsföring och aktiviteter".to_owned(),
                    "46 000".to_owned()
                ],
                &vec!["Summa".to_owned(), "213 000".to_owned()],
            ]
        );
        assert_eq!(at(&laid, "Lokaler"), Some((3, 1)));
    }

    #[test]
    fn signature_blocks_side_by_side_are_read_one_column_after_the_other() {
        let laid = page(&[
            row(
                100.0,
                &[
                    (50.0, "För"),
                    (70.0, "Region"),
                    (105.0, "Gotland"),
                    (300.0, "För"),
                    (320.0, "Röda"),
                    (345.0, "Korset"),
                ],
            ),
            row(
                114.0,
                &[
                    (50.0, "Stefan"),
                    (85.0, "Hollmark"),
                    (300.0, "Anna"),
                    (325.0, "Klintbom"),
                ],
            ),
            row(
                128.0,
                &[(50.0, "Regiondirektör"), (300.0, "Verksamhetschef")],
            ),
        ]);
        assert_eq!(
            texts(&laid),
            [
                "För Region Gotland",
                "Stefan Hollmark",
                "Regiondirektör",
                "För Röda Korset",
                "Anna Klintbom",
                "Verksamhetschef"
            ]
        );
        assert!(laid.iter().all(|l| l.cells.is_none()));
        // 250 points right of the margin at 5 points a character.
        assert_eq!(at(&laid, "För Röda Korset"), Some((1, 51)));
    }

    #[test]
    fn prose_list_markers_and_paragraph_gaps_stay_text() {
        let lines = [
            row(
                100.0,
                &[
                    (50.0, "Parterna"),
                    (95.0, "samverkar"),
                    (145.0, "i"),
                    (152.0, "en"),
                    (167.0, "styrgrupp"),
                ],
            ),
            row(
                114.0,
                &[
                    (50.0, "som"),
                    (70.0, "möts"),
                    (95.0, "varje"),
                    (125.0, "kvartal."),
                ],
            ),
            // A bullet set apart from its text stays with it.
            row(138.0, &[(55.0, "•"), (75.0, "en"), (90.0, "rapport")]),
            row(152.0, &[(55.0, "•"), (75.0, "ett"), (95.0, "möte")]),
        ];
        let laid = page(&lines);
        assert!(laid.iter().all(|l| l.cells.is_none()));
        assert_eq!(
            laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            [
                "Parterna samverkar i en styrgrupp",
                "som möts varje kvartal.",
                "",
                "• en rapport",
                "• ett möte"
            ]
        );
    }

    #[test]
    fn a_wrapped_heading_set_larger_is_one_line_and_ends_at_the_text() {
        let large = |y: f32, words: &[(f32, &str)]| -> Vec<Word> {
            row(y, words)
                .into_iter()
                .map(|w| Word {
                    y1: w.y0 + 20.0,
                    ..w
                })
                .collect()
        };
        let laid = page(&[
            large(100.0, &[(50.0, "Partnerskap"), (115.0, "om")]),
            large(118.0, &[(50.0, "mötesplatser")]),
            row(142.0, &[(50.0, "Dnr"), (70.0, "KS"), (85.0, "2026/112")]),
            row(156.0, &[(50.0, "Parter")]),
            row(170.0, &[(50.0, "Lindås"), (85.0, "kommun")]),
        ]);
        assert_eq!(
            laid.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            [
                "Partnerskap om mötesplatser",
                "",
                "Dnr KS 2026/112",
                "Parter",
                "Lindås kommun"
            ]
        );
    }

    #[test]
    fn bbox_xhtml_is_read_by_page() {
        let xhtml = br#"<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>
<page width="595" height="842"><flow><block><line>
<word xMin="50" yMin="54.8" xMax="72.2" yMax="64.1">Avtal</word>
<word xMin="75.0" yMin="54.8" xMax="88.9" yMax="64.1">&amp;</word>
</line></block></flow></page>
<page width="595" height="842"></page></doc></body></html>"#;
        let pages = pages(xhtml).unwrap_or_default();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0][1].text, "&");
        assert!(pages[1].is_empty());
    }
}
