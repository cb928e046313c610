//! Tables: column widths from weights and content, header rows repeated across page breaks,
//! rows split only when a single row is taller than a page.

use crate::fonts::{Face, FontStyle};
use crate::{Align, PrintError};

use super::{HAIRLINE, HEADER_FILL, INK, Layout, MUTED, ZEBRA_FILL, line_height};

/// One column of a [`TableSpec`].
#[derive(Debug, Clone)]
pub struct TableColumn {
    /// Header text (wrapped if the column is narrow).
    pub title: String,
    /// Relative width; the table fills the content width in proportion to these.
    pub weight: f32,
    /// Alignment of the header and the cells.
    pub align: Align,
}

/// How a table looks.
#[derive(Debug, Clone)]
pub struct TableSpec {
    /// The columns, left to right.
    pub columns: Vec<TableColumn>,
    /// Text size of cells and header.
    pub size: f32,
    /// Vertical lines between columns and a border, for small clinical grids (the Rx table);
    /// long lists read better with horizontal rules only.
    pub grid: bool,
    /// Shade every other row.
    pub zebra: bool,
    /// Print the first column in bold (row labels such as "OD (right)").
    pub first_column_bold: bool,
    /// Printed across the table when there are no rows.
    pub empty_text: Option<String>,
}

impl Layout {
    /// A table with a shaded header row that repeats on every page it spans.
    pub fn table(&mut self, spec: &TableSpec, rows: &[Vec<String>]) -> Result<(), PrintError> {
        if spec.columns.is_empty() {
            return Err(PrintError::new("a table needs at least one column"));
        }
        if let Some(bad) = spec
            .columns
            .iter()
            .find(|c| !(c.weight.is_finite() && c.weight > 0.0))
        {
            return Err(PrintError::new(format!(
                "column \"{}\" has width {}; widths must be positive numbers",
                bad.title, bad.weight
            )));
        }
        if let Some((i, row)) = rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.len() > spec.columns.len())
        {
            return Err(PrintError::new(format!(
                "row {} has {} cells but the table has {} columns",
                i + 1,
                row.len(),
                spec.columns.len()
            )));
        }
        let grid = TableGrid::new(self, spec, rows);
        let header = grid.header_lines(self, spec);
        let header_height = grid.block_height(header.iter().map(Vec::len).max().unwrap_or(1));

        // Keep the header with at least its first row: a header alone at the foot of a page is
        // useless.
        let first_row_height = grid.block_height(1);
        self.ensure(header_height + first_row_height);
        self.table_header(&grid, spec, &header);

        if rows.is_empty() {
            let text = spec.empty_text.clone().unwrap_or_default();
            let lines = self.wrap(
                &text,
                FontStyle::Regular,
                spec.size,
                grid.total_width - 2.0 * grid.pad_x,
            );
            let h = grid.block_height(lines.len());
            self.ensure(h);
            let top = self.y;
            let ascent = self.face(FontStyle::Regular).ascent(spec.size);
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + grid.pad_y + ascent + i as f32 * grid.lh;
                self.text(
                    grid.x + grid.pad_x,
                    baseline,
                    line,
                    FontStyle::Regular,
                    spec.size,
                    MUTED,
                );
            }
            self.y += h;
            self.table_row_rules(&grid, spec, top, self.y);
            return Ok(());
        }

        for (index, row) in rows.iter().enumerate() {
            let cells: Vec<Vec<String>> = (0..spec.columns.len())
                .map(|c| {
                    let style = grid.cell_style(spec, c);
                    let text = row.get(c).map(String::as_str).unwrap_or("");
                    self.wrap(text, style, spec.size, grid.inner_width(c))
                })
                .collect();
            let total_lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut start = 0;
            // Set right after a page break, so a row that cannot fit even a fresh page is split
            // instead of breaking pages forever.
            let mut fresh = false;
            while start < total_lines {
                let remaining = total_lines - start;
                let fit = self.lines_that_fit(&grid);
                let whole_row_fits_fresh_page = start == 0
                    && grid.block_height(remaining) <= self.fresh_page_room(header_height);
                let take = if fit >= remaining {
                    remaining
                } else if !fresh && (fit == 0 || whole_row_fits_fresh_page) {
                    // Move the row to the next page rather than splitting it.
                    self.new_page();
                    self.table_header(&grid, spec, &header);
                    fresh = true;
                    continue;
                } else {
                    fit.max(1)
                };
                fresh = false;
                let top = self.y;
                let h = grid.block_height(take);
                if spec.zebra && index % 2 == 1 {
                    self.fill_rect(grid.x, top, grid.total_width, h, ZEBRA_FILL);
                }
                for (c, lines) in cells.iter().enumerate() {
                    let style = grid.cell_style(spec, c);
                    let ascent = self.face(style).ascent(spec.size);
                    for (i, line) in lines.iter().skip(start).take(take).enumerate() {
                        let baseline = top + grid.pad_y + ascent + i as f32 * grid.lh;
                        let x = grid.aligned_x(
                            self.face(style),
                            line,
                            spec.size,
                            c,
                            spec.columns[c].align,
                        );
                        self.text(x, baseline, line, style, spec.size, INK);
                    }
                }
                self.y += h;
                self.table_row_rules(&grid, spec, top, self.y);
                start += take;
                if start < total_lines {
                    self.new_page();
                    self.table_header(&grid, spec, &header);
                    fresh = true;
                }
            }
        }
        Ok(())
    }

    /// How many cell lines fit between the cursor and the footer.
    fn lines_that_fit(&self, grid: &TableGrid) -> usize {
        let room = self.content_bottom() - self.y - 2.0 * grid.pad_y;
        if room < grid.lh {
            0
        } else {
            (room / grid.lh).floor() as usize
        }
    }

    /// Room for rows on a new page, below the running head and the repeated header.
    fn fresh_page_room(&self, header_height: f32) -> f32 {
        self.content_bottom() - self.page_top() - header_height
    }

    fn table_header(&mut self, grid: &TableGrid, spec: &TableSpec, header: &[Vec<String>]) {
        let top = self.y;
        let h = grid.block_height(header.iter().map(Vec::len).max().unwrap_or(1));
        self.fill_rect(grid.x, top, grid.total_width, h, HEADER_FILL);
        let ascent = self.face(FontStyle::Bold).ascent(spec.size);
        for (c, lines) in header.iter().enumerate() {
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + grid.pad_y + ascent + i as f32 * grid.lh;
                let x = grid.aligned_x(
                    self.face(FontStyle::Bold),
                    line,
                    spec.size,
                    c,
                    spec.columns[c].align,
                );
                self.text(x, baseline, line, FontStyle::Bold, spec.size, INK);
            }
        }
        self.y += h;
        if spec.grid {
            self.hline(grid.x, grid.x + grid.total_width, top, 0.6, HAIRLINE);
            self.table_verticals(grid, top, self.y);
        }
        self.hline(grid.x, grid.x + grid.total_width, self.y, 0.8, MUTED);
    }

    fn table_row_rules(&mut self, grid: &TableGrid, spec: &TableSpec, top: f32, bottom: f32) {
        self.hline(
            grid.x,
            grid.x + grid.total_width,
            bottom,
            if spec.grid { 0.6 } else { 0.4 },
            HAIRLINE,
        );
        if spec.grid {
            self.table_verticals(grid, top, bottom);
        }
    }

    fn table_verticals(&mut self, grid: &TableGrid, top: f32, bottom: f32) {
        for x in grid.edges.clone() {
            self.vline(x, top, bottom, 0.6, HAIRLINE);
        }
    }
}

/// Column positions of a table, computed once per table.
struct TableGrid {
    x: f32,
    total_width: f32,
    widths: Vec<f32>,
    /// x of every column boundary, including both outer edges.
    edges: Vec<f32>,
    pad_x: f32,
    pad_y: f32,
    lh: f32,
}

impl TableGrid {
    fn new(layout: &Layout, spec: &TableSpec, rows: &[Vec<String>]) -> Self {
        let total_width = layout.content_width();
        let pad_x = (spec.size * 0.5).max(3.0);
        let weights: Vec<f32> = spec.columns.iter().map(|c| c.weight).collect();
        // The narrowest each column may be is its longest word (header or cell), so "08:00",
        // "R1-000123" or "Cylinder" never split across lines; this is capped, so one pasted URL
        // cannot squeeze every other column. The widest it needs is its longest unwrapped cell;
        // room a column does not need goes to the columns that would otherwise wrap.
        let cap = total_width * 0.4;
        let extra = 2.0 * pad_x + 0.5;
        let mut mins = Vec::with_capacity(spec.columns.len());
        // Per column, the width each cell (and the header) needs to print on one line.
        let mut needs = Vec::with_capacity(spec.columns.len());
        for (c, column) in spec.columns.iter().enumerate() {
            let bold = layout.face(FontStyle::Bold);
            let style = if c == 0 && spec.first_column_bold {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            let face = layout.face(style);
            let mut min = longest_word(bold, &column.title, spec.size);
            let mut need = vec![longest_line(bold, &column.title, spec.size) + extra];
            for cell in rows.iter().filter_map(|r| r.get(c)) {
                min = min.max(longest_word(face, cell, spec.size));
                need.push(longest_line(face, cell, spec.size) + extra);
            }
            mins.push((min + extra).min(cap));
            needs.push(need);
        }
        let widths = fit_columns(total_width, &weights, &mins, &needs);
        let x = layout.left();
        let mut edges = vec![x];
        let mut acc = x;
        for w in &widths {
            acc += w;
            edges.push(acc);
        }
        Self {
            x,
            total_width,
            widths,
            edges,
            pad_x,
            pad_y: spec.size * 0.4,
            lh: line_height(spec.size),
        }
    }

    /// Height of a row showing `lines` lines of text.
    fn block_height(&self, lines: usize) -> f32 {
        lines.max(1) as f32 * self.lh + 2.0 * self.pad_y
    }

    /// Width available to text in column `c`.
    fn inner_width(&self, c: usize) -> f32 {
        (self.widths[c] - 2.0 * self.pad_x).max(1.0)
    }

    fn cell_style(&self, spec: &TableSpec, c: usize) -> FontStyle {
        if c == 0 && spec.first_column_bold {
            FontStyle::Bold
        } else {
            FontStyle::Regular
        }
    }

    fn header_lines(&self, layout: &Layout, spec: &TableSpec) -> Vec<Vec<String>> {
        spec.columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                layout.wrap(&col.title, FontStyle::Bold, spec.size, self.inner_width(c))
            })
            .collect()
    }

    fn aligned_x(&self, face: &Face, line: &str, size: f32, c: usize, align: Align) -> f32 {
        let left = self.edges[c] + self.pad_x;
        let room = self.inner_width(c);
        let w = face.text_width(line, size);
        match align {
            Align::Left => left,
            Align::Right => left + (room - w).max(0.0),
            Align::Center => left + ((room - w) / 2.0).max(0.0),
        }
    }
}

/// Width of the widest whitespace-separated word of `text`.
fn longest_word(face: &Face, text: &str, size: f32) -> f32 {
    face.sanitize(text)
        .split_whitespace()
        .map(|w| face.text_width(w, size))
        .fold(0.0_f32, f32::max)
}

/// Width of the widest line of `text` if it is not wrapped.
fn longest_line(face: &Face, text: &str, size: f32) -> f32 {
    face.sanitize(text)
        .lines()
        .map(|l| face.text_width(l.trim(), size))
        .fold(0.0_f32, f32::max)
}

/// A column whose content fits within this factor of its share is widened to fit: widening
/// "+49 170 1234000" by a few points is better than wrapping every row onto two lines.
const NEARLY_FITS: f32 = 1.5;

/// Share `total` between columns (see [`share_by_weight`]), then widen the columns that nearly
/// fit their content, most wrapped cells saved per point first, as long as the columns that
/// still wrap keep at least two thirds of their share. `needs[c]` holds the one-line width of
/// every cell of column `c`.
fn fit_columns(total: f32, weights: &[f32], mins: &[f32], needs: &[Vec<f32>]) -> Vec<f32> {
    let maxes: Vec<f32> = needs
        .iter()
        .zip(mins)
        .map(|(n, m)| n.iter().copied().fold(*m, f32::max))
        .collect();
    let base = share_by_weight(total, weights, mins, &maxes);
    let gain = |i: usize| {
        let wrapped = needs[i].iter().filter(|&&n| n > base[i]).count() as f32;
        wrapped / (maxes[i] - base[i]).max(0.01)
    };
    let mut candidates: Vec<usize> = (0..base.len())
        .filter(|&i| base[i] < maxes[i] && maxes[i] <= NEARLY_FITS * base[i])
        .collect();
    candidates.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)));
    let mut floors = mins.to_vec();
    let mut widths = base.clone();
    for i in candidates {
        let mut trial = floors.clone();
        trial[i] = maxes[i];
        if trial.iter().sum::<f32>() > total {
            continue;
        }
        let attempt = share_by_weight(total, weights, &trial, &maxes);
        let others_keep_enough = (0..attempt.len())
            .all(|j| attempt[j] >= maxes[j] || attempt[j] >= base[j] * (2.0 / 3.0));
        if others_keep_enough {
            floors = trial;
            widths = attempt;
        }
    }
    widths
}

/// Share `total` between columns: each gets `t × weight` for one common `t`, but never less
/// than its entry in `mins` nor more than its entry in `maxes` (so short columns do not take
/// room from columns that wrap). If every column fits at its maximum, the spare room is spread
/// by weight (each column gets `t × weight` or its maximum, whichever is more); if even the minimums do not fit, they are scaled down together.
fn share_by_weight(total: f32, weights: &[f32], mins: &[f32], maxes: &[f32]) -> Vec<f32> {
    let min_sum: f32 = mins.iter().sum();
    if min_sum >= total {
        return mins.iter().map(|m| m * total / min_sum).collect();
    }
    let max_sum: f32 = maxes.iter().sum();
    let weight_sum: f32 = weights.iter().sum();
    let everything_fits = max_sum <= total;
    let at = |t: f32| -> Vec<f32> {
        weights
            .iter()
            .zip(mins.iter().zip(maxes))
            .map(|(w, (lo, hi))| {
                if everything_fits {
                    // Spare room: columns follow their weights (equal weights give equal
                    // widths, as in the Rx grid) unless their content needs more.
                    (t * w).max(*hi)
                } else {
                    (t * w).clamp(*lo, hi.max(*lo))
                }
            })
            .collect()
    };
    // The sum of the clamped widths grows continuously with `t`; bisect for the `t` that fills
    // `total`.
    let (mut lo, mut hi) = (
        0.0_f32,
        maxes
            .iter()
            .zip(weights)
            .map(|(m, w)| m / w)
            .fold(total / weight_sum, f32::max),
    );
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if at(mid).iter().sum::<f32>() < total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut widths = at(hi);
    // Bisection leaves a rounding sliver; give it to a column that is not at a bound.
    let sliver = total - widths.iter().sum::<f32>();
    if let Some(i) = (0..widths.len())
        .rev()
        .find(|&i| widths[i] > mins[i] && (everything_fits || widths[i] < maxes[i]))
    {
        widths[i] += sliver;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_respect_words_and_weights() {
        let needs = |maxes: &[f32]| -> Vec<Vec<f32>> { maxes.iter().map(|m| vec![*m]).collect() };
        let close = |a: f32, b: f32| (a - b).abs() < 0.05;
        // A column whose longest word needs 150 gets it; the others share the rest by weight.
        let w = fit_columns(
            300.0,
            &[1.0, 1.0, 1.0],
            &[20.0, 150.0, 20.0],
            &needs(&[500.0, 500.0, 500.0]),
        );
        assert!(
            close(w[1], 150.0) && close(w[0], 75.0) && close(w[2], 75.0),
            "{w:?}"
        );
        // A short column keeps only what it needs; the wrapping column gets the rest.
        let w = fit_columns(300.0, &[1.0, 1.0], &[20.0, 20.0], &needs(&[40.0, 900.0]));
        assert!(close(w[0], 40.0) && close(w[1], 260.0), "{w:?}");
        // A column that nearly fits its share is widened rather than wrapped.
        let w = fit_columns(
            300.0,
            &[1.0, 1.0, 1.0],
            &[20.0, 20.0, 20.0],
            &needs(&[130.0, 900.0, 900.0]),
        );
        assert!(
            close(w[0], 130.0) && close(w[1], 85.0) && close(w[2], 85.0),
            "{w:?}"
        );
        // Everything fits unwrapped: the spare room is spread by weight.
        let w = fit_columns(300.0, &[1.0, 2.0], &[10.0, 10.0], &needs(&[50.0, 100.0]));
        assert!(close(w[0], 100.0) && close(w[1], 200.0), "{w:?}");
        let w = fit_columns(
            300.0,
            &[1.0, 1.0, 1.0],
            &[10.0; 3],
            &needs(&[150.0, 20.0, 40.0]),
        );
        assert!(
            close(w[0], 150.0) && close(w[1], 75.0) && close(w[2], 75.0),
            "{w:?}"
        );
        // Minimums that cannot all fit shrink together instead of overflowing.
        assert_eq!(
            fit_columns(100.0, &[1.0, 1.0], &[100.0, 100.0], &needs(&[100.0, 100.0])),
            vec![50.0, 50.0]
        );
        // The reminder list: the phone column (which wraps on every row) is widened first.
        let weights = [0.7, 2.6, 1.2, 1.6, 1.6, 2.2];
        let mins = [37.4, 81.9, 62.3, 52.3, 81.6, 49.8];
        let rows = |n: usize, w: f32, long: f32| -> Vec<f32> {
            (0..120)
                .map(|i| if i % n == 0 { long } else { w })
                .collect()
        };
        let needs = vec![
            vec![37.4; 120],
            rows(4, 100.0, 141.4),
            vec![62.3; 120],
            vec![96.5; 120],
            rows(3, 60.0, 98.9),
            rows(5, 0.0, 277.5),
        ];
        let w = fit_columns(493.0, &weights, &mins, &needs);
        assert!(close(w[3], 96.5), "{w:?}");
        assert!(close(w.iter().sum(), 493.0), "{w:?}");
        assert!(w.iter().zip(&mins).all(|(w, m)| w + 0.01 >= *m), "{w:?}");
    }
}
