//! Bar charts of documents over time, drawn at build time as inline SVG: no
//! script, crisp at any width (a `viewBox`, sized by the stylesheet), and
//! coloured by classes so that dark mode and print restyle them.
//!
//! Two shapes: [`months`], a row per year with a bar per month (and one for
//! the documents known only to their year), for the timeline; and
//! [`years`], a bar per year, for the small chart of a tag, organisation
//! or type. Bars stack the documents by how precisely they are dated.
//!
//! The SVG is hidden from assistive technology and its links from the
//! keyboard: every page that draws one also gives its figures as a table
//! with the same links, which reads far better than forty graphic links.

use std::fmt::Write;

pub use crate::archive::tally::{by_month, by_year, span, Tally};
use crate::content::PartialDate;
use crate::render::templates::escape_html;

/// One bar: what it counts and where it leads. No tooltip: the page's
/// table gives the same figures, and a title per bar would outweigh the
/// bars on a long timeline.
#[derive(Debug, Clone)]
pub struct Bar {
    pub tally: Tally,
    pub href: Option<String>,
}

/// A day marked across a row, such as an election.
#[derive(Debug, Clone)]
pub struct Marker {
    /// In slots from the row's first slot: 5.5 is the middle of the sixth.
    pub at: f64,
    pub title: String,
}

/// A row of bars; `None` is an empty slot.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub bars: Vec<Option<Bar>>,
    pub markers: Vec<Marker>,
    /// Written across a row without bars: "No documents, 1994–2002".
    pub note: Option<String>,
}

/// A row of the timeline's chart: a year, or a run of years without any
/// document shown as one row, so that the chart grows with the archive's
/// documents and not with the distance between its first and last date
/// (one mistyped year, 2203 for 2023, would otherwise add 180 rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Year(u16),
    /// Newest, then oldest year of the run.
    Empty(u16, u16),
}

/// The rows for the years `last` down to `first`: each year with
/// documents, a single empty year as itself (a gap that short shows as it
/// is), and each longer run of empty years as one [`Span::Empty`].
pub fn spans(first: u16, last: u16, has_documents: impl Fn(u16) -> bool) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut year = last;
    loop {
        if has_documents(year) {
            spans.push(Span::Year(year));
        } else {
            let newest = year;
            while year > first && !has_documents(year - 1) {
                year -= 1;
            }
            spans.push(if newest == year {
                Span::Year(year)
            } else {
                Span::Empty(newest, year)
            });
        }
        if year == first {
            return spans;
        }
        year -= 1;
    }
}

/// Where a day falls among twelve month slots.
pub fn month_position(date: PartialDate) -> Option<f64> {
    let PartialDate::Day(year, month, day) = date else {
        return None;
    };
    let days = f64::from(crate::content::date::days_in_month(year, month));
    Some(f64::from(month - 1) + (f64::from(day) - 0.5) / days)
}

const WIDTH: f64 = 360.0;
/// The year labels' column in the months chart.
const LABEL: f64 = 48.0;
const SLOT: f64 = 23.0;
/// Space between December and the year-only slot.
const GAP: f64 = 6.0;
const HEADER: f64 = 16.0;
const ROW: f64 = 34.0;
/// Room above the tallest bar in a row, for an event's marker.
const HEADROOM: f64 = 6.0;
const SMALL_HEIGHT: f64 = 56.0;
const SMALL_LABELS: f64 = 16.0;
/// The room a year label of the small chart needs, in units.
const YEAR_LABEL: f64 = 40.0;
/// The shortest bar drawn for a non-zero part, so that one document shows.
const MIN_PART: f64 = 2.0;

/// The timeline's chart: a row per year (in the order given), twelve month
/// slots and the year-only slot; `months` labels the twelve columns.
pub fn months(rows: &[Row], months: &[String]) -> String {
    let tallest = tallest(rows);
    let height = HEADER + ROW * rows.len() as f64;
    let mut svg = open(height);
    for (i, label) in months.iter().enumerate() {
        let x = LABEL + SLOT * (i as f64 + 0.5);
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{}" y="12" text-anchor="middle">{}</text>"#,
            num(x),
            escape_html(label)
        );
    }
    let bar_height = ROW - HEADROOM - 8.0;
    for (r, row) in rows.iter().enumerate() {
        let base = HEADER + ROW * (r as f64 + 1.0) - 4.0;
        if let Some(note) = &row.note {
            let _ = write!(
                svg,
                r#"<text class="chart-label chart-gap" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(LABEL + SLOT * 6.0),
                num(base - 6.0),
                escape_html(note)
            );
            continue;
        }
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>"#,
            num(LABEL - 6.0),
            num(base - 6.0),
            escape_html(&row.label)
        );
        let months_end = LABEL + SLOT * 12.0;
        let _ = write!(
            svg,
            r#"<path class="chart-axis" d="M{} {}H{}M{} {}h{}"/>"#,
            num(LABEL),
            num(base),
            num(months_end),
            num(months_end + GAP),
            num(base),
            num(SLOT)
        );
        for (slot, bar) in row.bars.iter().enumerate() {
            let Some(bar) = bar else { continue };
            let x = if slot < 12 {
                LABEL + SLOT * slot as f64
            } else {
                months_end + GAP
            };
            draw_bar(
                &mut svg,
                bar,
                x + 3.0,
                SLOT - 6.0,
                base,
                bar_height,
                tallest,
            );
        }
        for marker in &row.markers {
            let x = LABEL + SLOT * marker.at;
            draw_marker(&mut svg, marker, x, base - bar_height - HEADROOM, base);
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A small chart of one row, a bar per slot, each slot labelled below
/// (`labels`, as many as slots; every few only when they would crowd).
pub fn years(row: &Row, labels: &[String]) -> String {
    let tallest = tallest(std::slice::from_ref(row));
    let slots = row.bars.len().max(1) as f64;
    let slot = (WIDTH - 8.0) / slots;
    let height = SMALL_HEIGHT + SMALL_LABELS;
    let base = SMALL_HEIGHT - 2.0;
    let mut svg = open(height);
    let _ = write!(
        svg,
        r#"<path class="chart-axis" d="M4 {}H{}"/>"#,
        num(base),
        num(WIDTH - 4.0)
    );
    // Years are four digits: about 28 units wide at the labels' size in
    // Khmer digits, the wider, and drawn larger than their units on a
    // phone (a 390 px screen shows the chart at about 1.0 px a unit, with
    // Khmer digits wider still): a label needs a slot of 40 units to stay
    // clear of the next.
    let every = (YEAR_LABEL / slot).ceil().max(1.0) as usize;
    for (i, bar) in row.bars.iter().enumerate() {
        let x = 4.0 + slot * i as f64;
        if let Some(bar) = bar {
            let pad = (slot * 0.15).min(6.0);
            draw_bar(
                &mut svg,
                bar,
                x + pad,
                slot - 2.0 * pad,
                base,
                base - HEADROOM - 4.0,
                tallest,
            );
        }
        if let Some(label) = labels.get(i).filter(|_| i % every == 0) {
            let _ = write!(
                svg,
                r#"<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(x + slot / 2.0),
                num(height - 3.0),
                escape_html(label)
            );
        }
    }
    for marker in &row.markers {
        draw_marker(&mut svg, marker, 4.0 + slot * marker.at, 4.0, base);
    }
    svg.push_str("</svg>");
    svg
}

fn tallest(rows: &[Row]) -> usize {
    rows.iter()
        .flat_map(|r| r.bars.iter().flatten())
        .map(|b| b.tally.total())
        .max()
        .unwrap_or(0)
        .max(1)
}

fn open(height: f64) -> String {
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">{HATCH}"#,
        num(WIDTH),
        num(height)
    );
    svg
}

/// The hatching of the documents known only to their month. Its id is
/// fixed: a page shows one chart, and the legend's key refers to it. The
/// fill is an attribute, not a stylesheet rule, because a `url(#…)` in the
/// stylesheet would point into the stylesheet's own file.
pub const HATCH_ID: &str = "chart-hatch";
const HATCH: &str = r#"<defs><pattern id="chart-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-bg" width="4" height="4"/><path class="hatch" d="M1 0V4"/></pattern></defs>"#;

/// A bar stacked from the bottom: documents dated to the day, then those
/// known only to the month (hatched), then only to the year (outlined).
fn draw_bar(
    svg: &mut String,
    bar: &Bar,
    x: f64,
    width: f64,
    base: f64,
    height: f64,
    tallest: usize,
) {
    let scale = height / tallest as f64;
    if let Some(href) = &bar.href {
        let _ = write!(svg, r#"<a href="{}" tabindex="-1">"#, escape_html(href));
    }
    let mut top = base;
    for (count, class) in [
        (bar.tally.day, r#"bar-day""#),
        (bar.tally.month, r#"bar-month" fill="url(#chart-hatch)""#),
        (bar.tally.year, r#"bar-year""#),
    ] {
        if count == 0 {
            continue;
        }
        let h = (count as f64 * scale).max(MIN_PART);
        top -= h;
        let _ = write!(
            svg,
            r#"<rect class="{class} x="{}" y="{}" width="{}" height="{}"/>"#,
            num(x),
            num(top),
            num(width),
            num(h)
        );
    }
    if bar.href.is_some() {
        svg.push_str("</a>");
    }
}

/// A line from `top` to `base` with a small triangle on top.
fn draw_marker(svg: &mut String, marker: &Marker, x: f64, top: f64, base: f64) {
    let _ = write!(
        svg,
        r#"<g class="chart-event"><title>{}</title><path d="M{} {}V{}"/><path class="chart-event-head" d="M{} {}h6l-3 4z"/></g>"#,
        escape_html(&marker.title),
        num(x),
        num(top),
        num(base),
        num(x - 3.0),
        num(top - 1.0)
    );
}

/// A coordinate with at most one decimal, without a trailing `.0`.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(day: usize, month: usize, year: usize, href: &str) -> Option<Bar> {
        Some(Bar {
            tally: Tally { day, month, year },
            href: Some(href.to_string()),
        })
    }

    #[test]
    fn a_bar_per_slot_with_documents_stacked_by_precision() {
        let mut bars: Vec<Option<Bar>> = vec![None; 13];
        bars[5] = bar(3, 2, 0, "/y/#m6");
        bars[12] = bar(0, 0, 1, "/y/#undated");
        let row = Row {
            label: "2023".into(),
            bars,
            markers: vec![],
            note: None,
        };
        let svg = months(&[row], &(1..=12).map(|m| m.to_string()).collect::<Vec<_>>());
        assert_eq!(svg.matches("<a ").count(), 2, "{svg}");
        assert_eq!(svg.matches(r#"class="bar-day""#).count(), 1);
        assert_eq!(svg.matches(r#"class="bar-month""#).count(), 1);
        assert!(svg.contains(&format!(r#"id="{HATCH_ID}""#)));
        assert_eq!(svg.matches(r#"class="bar-year""#).count(), 1);
        assert!(svg.contains(r#"href="/y/#m6""#));
    }

    #[test]
    fn runs_of_empty_years_become_one_span() {
        let has = |y: u16| [2023, 2021, 2018, 1998].contains(&y);
        assert_eq!(
            spans(1998, 2023, has),
            vec![
                Span::Year(2023),
                Span::Year(2022),
                Span::Year(2021),
                Span::Empty(2020, 2019),
                Span::Year(2018),
                Span::Empty(2017, 1999),
                Span::Year(1998),
            ]
        );
        assert_eq!(spans(2023, 2023, has), vec![Span::Year(2023)]);
        // A typo far in the future adds two rows, not 180.
        let typo = |y: u16| [2203, 2023].contains(&y);
        assert_eq!(spans(2023, 2203, typo).len(), 3);
    }

    #[test]
    fn year_labels_keep_apart() {
        // Ten years (the sample archive's span) in the small chart: every
        // label would have 35 units, too few for four Khmer digits.
        let row = Row {
            label: String::new(),
            bars: vec![bar(1, 0, 0, "/t/"); 10],
            markers: vec![],
            note: None,
        };
        let labels: Vec<String> = (2016..=2025).map(|y| y.to_string()).collect();
        let svg = years(&row, &labels);
        let xs: Vec<f64> = svg
            .split(r#"<text class="chart-label" x=""#)
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 5, "{svg}");
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= YEAR_LABEL), "{xs:?}");
        // Few years label each.
        let three = Row {
            bars: vec![bar(1, 0, 0, "/t/"); 3],
            ..row
        };
        assert_eq!(
            years(&three, &labels[..3]).matches("chart-label").count(),
            3
        );
    }

    #[test]
    fn text_is_escaped() {
        let row = Row {
            label: "<script>".into(),
            bars: vec![Some(Bar {
                tally: Tally {
                    day: 1,
                    month: 0,
                    year: 0,
                },
                href: Some("/a?b=\"c\"&d".into()),
            })],
            markers: vec![Marker {
                at: 0.5,
                title: "</title><script>alert('b') & 1</script>".into(),
            }],
            note: Some("<i>".into()),
        };
        let svg = years(&row, &["<b>".to_string()]);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;/title&gt;&lt;script&gt;alert(&#39;b&#39;) &amp; 1"));
        assert!(svg.contains(r#"href="/a?b=&quot;c&quot;&amp;d""#));
    }

    #[test]
    fn days_fall_inside_their_month() {
        assert_eq!(month_position(PartialDate::Month(2023, 7)), None);
        let july = month_position(PartialDate::Day(2023, 7, 23)).unwrap();
        assert!((6.0..7.0).contains(&july), "{july}");
        let first = month_position(PartialDate::Day(2024, 1, 1)).unwrap();
        let last = month_position(PartialDate::Day(2024, 12, 31)).unwrap();
        assert!(first > 0.0 && last < 12.0);
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
    }
}
