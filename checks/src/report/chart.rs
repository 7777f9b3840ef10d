//! The geometry of the HTML report's bar charts: one horizontal bar per row (a severity, a
//! domain), split by status, all bars on one scale. The template draws them as inline SVG (no
//! script, printed as drawn); labels go through its auto-escaping.

use std::collections::BTreeMap;

use serde::Serialize;

/// Width of the longest bar, in SVG units.
const BAR_WIDTH: f64 = 360.0;
/// Height of one row, bar and gap.
const ROW_HEIGHT: usize = 24;
/// Statuses in the order their segments are drawn: what needs attention first.
const ORDER: [&str; 5] = ["fail", "error", "waived", "pass", "skip"];

#[derive(Debug, Serialize)]
pub struct Chart {
    pub bars: Vec<Bar>,
    /// Height of the whole drawing.
    pub height: usize,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    pub label: String,
    pub total: usize,
    /// Top of the row.
    pub y: usize,
    /// Length of the whole bar.
    pub width: f64,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Serialize)]
pub struct Segment {
    pub status: &'static str,
    pub count: usize,
    pub x: f64,
    pub width: f64,
}

/// Bars for `rows` (label → status → count), scaled so the largest total is the full width.
pub fn chart<'a>(
    rows: impl IntoIterator<Item = (&'a str, &'a BTreeMap<&'static str, usize>)>,
) -> Chart {
    let rows: Vec<_> = rows.into_iter().collect();
    let largest = rows
        .iter()
        .map(|(_, counts)| counts.values().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = BAR_WIDTH / largest as f64;
    let bars: Vec<Bar> = rows
        .into_iter()
        .enumerate()
        .map(|(index, (label, counts))| {
            let mut x = 0.0;
            let segments = ORDER
                .iter()
                .filter_map(|status| {
                    let count = *counts.get(status)?;
                    (count > 0).then(|| {
                        let segment = Segment {
                            status,
                            count,
                            x,
                            width: count as f64 * scale,
                        };
                        x += segment.width;
                        segment
                    })
                })
                .collect();
            Bar {
                label: label.to_string(),
                total: counts.values().sum(),
                y: index * ROW_HEIGHT,
                width: x,
                segments,
            }
        })
        .collect();
    Chart {
        height: bars.len() * ROW_HEIGHT,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_share_one_scale_and_draw_failures_first() {
        let rows = [
            ("high", BTreeMap::from([("pass", 3), ("fail", 1)])),
            ("low", BTreeMap::from([("pass", 2)])),
            ("info", BTreeMap::new()),
        ];
        let chart = chart(rows.iter().map(|(label, counts)| (*label, counts)));
        assert_eq!(chart.height, 3 * ROW_HEIGHT);
        let high = &chart.bars[0];
        assert_eq!((high.total, high.width), (4, BAR_WIDTH));
        assert_eq!(high.segments[0].status, "fail");
        assert_eq!(high.segments[0].width, BAR_WIDTH / 4.0);
        assert_eq!(high.segments[1].x, BAR_WIDTH / 4.0);
        assert_eq!(chart.bars[1].width, BAR_WIDTH / 2.0);
        assert!(chart.bars[2].segments.is_empty());
    }
}
