//! The timeline's charts: a bar for each month that has documents, links
//! that lead to the month's heading, events drawn only inside the archive's
//! years, and a small chart per year on term pages.

use std::collections::BTreeSet;

use crate::common::{links, Site};

/// The first `<svg class="chart"…</svg>` of a page.
fn chart(html: &str) -> &str {
    let start = html
        .find(r#"<svg class="chart""#)
        .expect("the page has a chart");
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

/// (year, month) of every document of the archive, read from the content
/// files themselves rather than through sastra: `None` for year-only dates.
fn dated_months(site: &Site) -> BTreeSet<(u16, Option<u8>)> {
    let mut months = BTreeSet::new();
    for entry in walkdir::WalkDir::new(site.root().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if text.contains("\ndraft: true") {
            continue;
        }
        let line = text.lines().find(|l| l.starts_with("date:")).unwrap();
        let date = line["date:".len()..].trim().trim_matches('"');
        let year = date[..4].parse().unwrap();
        months.insert((year, date.get(5..7).map(|m| m.parse().unwrap())));
    }
    months
}

/// Asserts every link of `svg` starts with `base`, names a built page and a
/// heading id on it; returns the links.
fn assert_links_resolve(site: &Site, svg: &str, base: &str) -> Vec<String> {
    let found = links(svg);
    for link in &found {
        let relative = link
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{link} ignores the base path {base}"));
        let (page, fragment) = relative.split_once('#').expect("links name a month");
        let html = site.read(&format!("{page}index.html"));
        assert!(
            html.contains(&format!(r#"id="{fragment}""#)),
            "{link}: {page} has no heading #{fragment}"
        );
    }
    found
}

#[test]
fn the_timeline_chart_has_a_bar_for_each_month_with_documents() {
    let site = Site::sample();
    site.build();
    let expected = dated_months(&site);
    for lang in ["km", "en"] {
        let html = site.read(&format!("{lang}/timeline/index.html"));
        let svg = chart(&html);
        let hrefs = assert_links_resolve(&site, svg, "/");
        assert_eq!(hrefs.len(), expected.len(), "{lang}: {hrefs:?}");
        for (year, month) in &expected {
            let anchor = match month {
                Some(m) => format!("y{year}-{m:02}"),
                None => format!("y{year}-undated"),
            };
            let href = format!("/{lang}/timeline/{year}/#{anchor}");
            assert!(hrefs.contains(&href), "{lang}: no bar links {href}");
        }
        assert!(!svg.contains("<script"), "{svg}");
    }
    // Years in the page's digits.
    let km = site.read("km/timeline/index.html");
    assert!(chart(&km).contains(">២០២៣</text>"));
    assert!(chart(&site.read("en/timeline/index.html")).contains(">2023</text>"));
}

#[test]
fn each_year_page_charts_its_own_months() {
    let site = Site::sample();
    site.build();
    let expected = dated_months(&site);
    for year in expected.iter().map(|(y, _)| *y).collect::<BTreeSet<_>>() {
        let html = site.read(&format!("en/timeline/{year}/index.html"));
        let hrefs = assert_links_resolve(&site, chart(&html), "/");
        let months = expected.iter().filter(|(y, _)| *y == year).count();
        assert_eq!(hrefs.len(), months, "{year}: {hrefs:?}");
        assert!(hrefs
            .iter()
            .all(|h| h.starts_with(&format!("/en/timeline/{year}/#"))));
    }
}

#[test]
fn the_sample_marks_its_declared_election_days() {
    let site = Site::sample();
    site.build();
    let html = site.read("en/timeline/index.html");
    let svg = chart(&html);
    assert_eq!(svg.matches(r#"class="chart-event""#).count(), 8, "{svg}");
    assert!(html.contains(
        r#"<time datetime="2023-07-23">23 July 2023</time>: National Assembly election"#
    ));
    assert!(html.contains(r#"<time datetime="2017-06-04">4 June 2017</time>"#));
    let year = site.read("en/timeline/2023/index.html");
    assert_eq!(chart(&year).matches(r#"class="chart-event""#).count(), 1);
}

#[test]
fn links_honour_the_base_path_and_events_outside_the_archive_are_not_drawn() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!(
            "{config}\n[[events]]\ndate = \"1990-05-01\"\nlabel = {{ km = \"ក្រៅ\", en = \"Outside the archive\" }}\n\
             [[events]]\ndate = \"2023-07-23\"\nlabel = {{ km = \"ការបោះឆ្នោត\", en = \"Election <day>\" }}\n"
        ),
    );
    site.build();
    let html = site.read("en/timeline/index.html");
    let svg = chart(&html);
    let hrefs = assert_links_resolve(&site, svg, "/repo/");
    assert_eq!(hrefs.len(), dated_months(&site).len(), "{hrefs:?}");
    assert_eq!(svg.matches(r#"class="chart-event""#).count(), 1, "{svg}");
    assert!(!html.contains("Outside the archive"));
    // Labels from site.toml are escaped, in the SVG and in the legend.
    assert!(svg.contains("Election &lt;day&gt;"), "{svg}");
    assert!(!html.contains("Election <day>"));
}

#[test]
fn term_pages_chart_their_documents_per_year() {
    let site = Site::sample();
    site.build();
    let html = site.read("en/organizations/comfrel/index.html");
    let svg = chart(&html);
    // COMFREL's documents are known only to their years, 2016, 2018 and
    // 2019: three outlined bars, across the archive's 2016-2025.
    assert_eq!(svg.matches(r#"class="bar-year""#).count(), 3, "{svg}");
    // Ten years in 352 units leave 35 a year, too few for a label each
    // (four Khmer digits, drawn larger on a phone): every other year.
    assert_eq!(svg.matches("text-anchor=\"middle\"").count(), 5, "{svg}");
    assert!(
        html.contains("<th scope=\"row\">2018</th>"),
        "the table lists the year"
    );
    // A term whose documents are all of one year has no chart: one bar in
    // a grid of ten years says less than its list (the library tag has one
    // document).
    let one_year = site.read("en/tags/library/index.html");
    assert!(one_year.contains("item-title"));
    assert!(!one_year.contains(r#"<svg class="chart""#));
}
