//! What templates see: small, serialisable views of the archive in one
//! language, with every label translated and every URL already built.

use serde::Serialize;

use crate::archive::{Archive, Entry, EntryId, TimelineYear};
use crate::attachments::layout::page_language;
use crate::attachments::legacy::{LegacyPage, Reading as LegacyReading};
use crate::attachments::{inline, Extracts, Reading, TextLayer};
use crate::config::{Config, Taxonomy};
use crate::content::{Attachment, Document, PartialDate};
use crate::render::chart::{self, Bar, Marker, Row, Span, Tally};
use crate::render::cite::{self, Citation};
use crate::render::i18n::{I18n, Key};
use crate::render::markdown::Heading;
use crate::urls;

/// A link with a label, in the page's language.
#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// The same page in another language.
#[derive(Debug, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// As Open Graph writes it: `km_KH`.
    pub locale: String,
    pub name: String,
    pub href: String,
    pub absolute: String,
    pub current: bool,
}

/// A document as a line of a listing.
#[derive(Debug, Serialize)]
pub struct Item {
    pub title: String,
    pub href: String,
    /// The language of the version shown.
    pub lang: String,
    /// Set when the version shown is not in the page's language.
    pub other_lang_name: Option<String>,
    pub date_iso: String,
    pub date: String,
    pub doc_type: Link,
    pub organization: Option<Link>,
    pub summary: Option<String>,
    /// The first attached PDF that was read: its preview and page count.
    pub pdf: Option<ItemPdf>,
}

#[derive(Debug, Serialize)]
pub struct ItemPdf {
    pub pages: String,
    pub preview: Option<PreviewView>,
}

#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub href: String,
    pub kind: String,
    pub size: String,
    pub lang: Option<String>,
    pub lang_name: Option<String>,
    pub placeholder: bool,
    /// The published file's name, as the checksum commands are written.
    pub file_name: String,
    /// The SHA-256 in groups of eight digits, to compare by eye (shown
    /// apart, copied as one); `None` if the file could not be read.
    pub sha256: Option<Vec<String>>,
    /// What reading the file gave, for the PDFs that were read.
    pub content: Option<AttachmentContent>,
}

/// An attached PDF's page count, preview and text, as read at build time.
#[derive(Debug, Serialize)]
pub struct AttachmentContent {
    /// In the page's digits; `None` when the file could not be read.
    pub pages: Option<String>,
    pub preview: Option<PreviewView>,
    /// The text per page; empty when there is none to show.
    pub text: Vec<PageText>,
    /// Why there is no text (on some pages, for `legacy-font`):
    /// `legacy-font`, `scanned` or `unreadable`.
    pub missing: Option<&'static str>,
    /// Some of the text is Tesseract's reading of scanned pages.
    pub machine_read: bool,
    /// The scanned pages left unread (time ran out), in the page's digits.
    pub unread: Option<String>,
    /// The legacy Khmer fonts some of the text was converted from, by
    /// name ("Limon, ABC"), when any.
    pub converted: Option<String>,
    /// The pages of text not shown on the page, when there are any.
    pub more: Option<MoreText>,
}

/// The link to the whole text of a PDF whose text the page shows only in
/// part ([`inline`]).
#[derive(Debug, Serialize)]
pub struct MoreText {
    /// Where search results on the pages not shown land.
    pub anchor: String,
    /// The first page not shown, in the page's digits.
    pub from: String,
    /// The text file and its size.
    pub href: String,
    pub size: String,
}

#[derive(Debug, Serialize)]
pub struct PreviewView {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Serialize)]
pub struct PageText {
    /// The id that search results link to.
    pub anchor: String,
    pub number: String,
    /// The page's paragraphs.
    pub paragraphs: Vec<String>,
    /// The page's language, from its script (a record in two languages
    /// has pages in each), when known.
    pub lang: Option<String>,
    pub machine_read: bool,
    /// Tesseract's mean word confidence, in percent, in the page's digits.
    pub confidence: Option<String>,
    /// The legacy Khmer fonts the page's text was converted from.
    pub converted: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub item: Item,
    pub body: String,
    pub toc: Vec<Heading>,
    pub tags: Vec<Link>,
    pub attachments: Vec<AttachmentView>,
    pub source: Option<String>,
    pub translation_draft: bool,
    pub draft: bool,
    pub permalink: String,
    pub related: Vec<Item>,
    /// The date as the other languages write it, e.g. on an English page
    /// "ថ្ងៃទី២២ ខែមិថុនា ឆ្នាំ២០២៣"; none on a page in the default
    /// language.
    pub other_dates: Vec<OtherDate>,
    /// The Khmer lunar date, in the page's form, as far as the date
    /// determines it.
    pub lunar_date: Option<String>,
    pub citation: Citation,
    /// The CSL-JSON citation as a `data:` URL: a download link that costs
    /// no extra file per document (archives have tens of thousands).
    pub citation_json: String,
    /// Citation tags, Dublin Core and JSON-LD for the page's `<head>`.
    pub head: crate::render::meta::HeadMeta,
    /// This version's source file in the forge's editor, when `site.toml`
    /// names the repository.
    pub edit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OtherDate {
    pub lang: String,
    pub date: String,
}

#[derive(Debug, Serialize)]
pub struct TermView {
    pub label: String,
    pub href: String,
    pub count: usize,
    pub count_display: String,
    pub feed: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Pagination {
    pub current: String,
    pub total: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TimelineYearView {
    pub year: String,
    pub anchor: String,
    /// The year's own page.
    pub href: String,
    pub count: String,
    pub months: Vec<TimelineMonthView>,
}

#[derive(Debug, Serialize)]
pub struct TimelineMonthView {
    pub label: String,
    pub anchor: String,
    /// The month on its year's page.
    pub href: String,
    pub count: String,
    /// Empty in the overview of all years.
    pub items: Vec<Item>,
}

/// A year's page of the timeline, with its neighbours.
#[derive(Debug, Serialize)]
pub struct TimelineYearPage {
    #[serde(flatten)]
    pub year: TimelineYearView,
    /// The next year back in time and forward, when the archive has them.
    pub older: Option<Link>,
    pub newer: Option<Link>,
}

/// A chart with what is printed around it: the events it marks, and its
/// figures as a table, the chart's text equivalent.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Inline SVG, escaped where it was drawn ([`chart`]).
    pub svg: String,
    /// Documents in the tallest bar, the chart's scale.
    pub tallest: String,
    pub rows: Vec<ChartRowView>,
    pub events: Vec<EventView>,
}

/// A bar of a chart as a row of its table: counts by how precisely the
/// documents are dated.
#[derive(Debug, Serialize)]
pub struct ChartRowView {
    pub period: String,
    pub href: Option<String>,
    pub day: String,
    pub month: String,
    pub year: String,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub date_iso: String,
    pub date: String,
    pub label: String,
}

/// Builds views for pages in one language.
pub struct ViewBuilder<'a> {
    pub config: &'a Config,
    pub archive: &'a Archive,
    pub i18n: &'a I18n,
    pub lang: &'a str,
    pub attachments: &'a Extracts,
}

impl<'a> ViewBuilder<'a> {
    pub fn href(&self, path: &str) -> String {
        self.config.base_url.href(path)
    }

    pub fn term_link(&self, taxonomy: Taxonomy, key: &str) -> Link {
        Link {
            label: self.config.label(taxonomy, key, self.lang).to_string(),
            href: self.href(&urls::term(self.lang, taxonomy, key, 1)),
        }
    }

    pub fn language_name(&self, code: &str) -> String {
        self.config
            .language(code)
            .map_or_else(|| code.to_string(), |l| l.name.clone())
    }

    pub fn item(&self, id: EntryId) -> Item {
        let entry = &self.archive.entries[id];
        let document = entry.best_version(self.lang);
        self.item_of(entry, document)
    }

    fn item_of(&self, entry: &Entry, document: &Document) -> Item {
        Item {
            title: document.title.clone(),
            href: self.href(&urls::document(&document.lang, &entry.key)),
            lang: document.lang.clone(),
            other_lang_name: (document.lang != self.lang)
                .then(|| self.language_name(&document.lang)),
            date_iso: entry.date.to_string(),
            date: self.i18n.date(entry.date),
            doc_type: self.term_link(Taxonomy::Type, &entry.doc_type),
            organization: entry
                .organization
                .as_ref()
                .map(|o| self.term_link(Taxonomy::Organization, o)),
            summary: document.summary.clone(),
            pdf: document.attachments.iter().find_map(|a| {
                let extract = self.attachments.get(a)?.extract()?;
                Some(ItemPdf {
                    pages: self.i18n.number(extract.pages),
                    preview: self.preview(self.attachments.get(a)?),
                })
            }),
        }
    }

    fn preview(&self, reading: &Reading) -> Option<PreviewView> {
        let preview = reading.extract()?.preview?;
        Some(PreviewView {
            src: self.href(&urls::attachment_preview(&reading.hash)),
            width: preview.width,
            height: preview.height,
        })
    }

    /// `place` is the attachment's place in its document's list; the page
    /// shows the text of its first `shown` pages ([`inline::pages_shown`]).
    fn attachment_content(
        &self,
        attachment: &Attachment,
        place: usize,
        shown: u32,
    ) -> Option<AttachmentContent> {
        let reading = self.attachments.get(attachment)?;
        let Ok(extract) = &reading.outcome else {
            return Some(AttachmentContent {
                pages: None,
                preview: None,
                text: Vec::new(),
                missing: Some("unreadable"),
                machine_read: false,
                unread: None,
                converted: None,
                more: None,
            });
        };
        let legacy = match &extract.layer {
            TextLayer::Legacy { pages } => pages.as_slice(),
            _ => &[],
        };
        let text: Vec<PageText> = extract
            .text
            .iter()
            .zip(1u32..)
            .filter(|(text, _)| !text.trim().is_empty())
            .filter(|(_, number)| inline::is_shown(*number, shown))
            .map(|(text, number)| PageText {
                anchor: urls::attachment_text_anchor(place, number),
                number: self.i18n.number(number),
                paragraphs: text
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
                lang: page_language(text, attachment.lang.as_deref()).map(str::to_string),
                machine_read: extract.is_machine_read(number),
                confidence: extract
                    .machine_read
                    .iter()
                    .find(|m| m.page == number)
                    .and_then(|m| m.confidence)
                    .map(|c| format!("{}%", self.i18n.number(c.percent()))),
                converted: converted_from(legacy.iter().filter(|p| p.number == number)),
            })
            .collect();
        let more = inline::first_hidden(&extract.text, shown).map(|from| MoreText {
            anchor: urls::attachment_text_more_anchor(place),
            from: self.i18n.number(from),
            href: self.href(&urls::attachment_text(&reading.hash)),
            size: self
                .i18n
                .size(inline::text_file(&extract.text).len() as u64),
        });
        let dropped = legacy
            .iter()
            .any(|p| p.reading.is_dropped() && !extract.is_machine_read(p.number));
        let missing = match extract.layer {
            TextLayer::Legacy { .. } if dropped => Some("legacy-font"),
            TextLayer::Scanned if text.is_empty() => Some("scanned"),
            _ => None,
        };
        Some(AttachmentContent {
            pages: Some(self.i18n.number(extract.pages)),
            preview: self.preview(reading),
            machine_read: text.iter().any(|p| p.machine_read),
            unread: extract.partial.as_ref().map(|p| {
                p.unread
                    .iter()
                    .map(|&n| self.i18n.number(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            converted: converted_from(legacy.iter()),
            text,
            missing,
            more,
        })
    }

    pub fn items(&self, ids: &[EntryId]) -> Vec<Item> {
        ids.iter().map(|id| self.item(*id)).collect()
    }

    /// `others` holds the interface strings of every language, for the date
    /// as each writes it.
    pub fn document(
        &self,
        id: EntryId,
        body: String,
        toc: Vec<Heading>,
        others: &[(&str, &I18n)],
    ) -> DocumentView {
        let entry = &self.archive.entries[id];
        let document = entry
            .version(self.lang)
            .expect("document pages exist only for existing versions");
        let permalink = self
            .config
            .base_url
            .absolute(&urls::document(self.lang, &entry.key));
        let shown = inline::pages_shown(document, self.attachments);
        DocumentView {
            // A page in a translation gives the date as the archive's own
            // language writes it too, to match it with the original's; a
            // page in the archive's own language needs no translation of
            // its date (the Khmer page has its lunar line instead).
            other_dates: others
                .iter()
                .filter(|_| self.lang != self.config.default_language)
                .filter(|(lang, _)| *lang != self.lang)
                .map(|(lang, i18n)| OtherDate {
                    lang: lang.to_string(),
                    date: i18n.date(entry.date),
                })
                .collect(),
            lunar_date: self.i18n.lunar_date(entry.date),
            citation: cite::citation(self.config, self.i18n, entry, document, &permalink),
            citation_json: cite::data_url(&cite::csl_json(
                self.config,
                entry,
                document,
                &permalink,
            )),
            head: crate::render::meta::document(
                self.config,
                entry,
                document,
                &permalink,
                self.attachments,
            ),
            item: self.item_of(entry, document),
            body,
            toc,
            tags: entry
                .tags
                .iter()
                .map(|t| self.term_link(Taxonomy::Tag, t))
                .collect(),
            attachments: document
                .attachments
                .iter()
                .enumerate()
                .map(|(place, a)| AttachmentView {
                    title: a.title.clone(),
                    href: self.href(&urls::attachment(&entry.section, &a.name)),
                    kind: a.kind(),
                    size: self.i18n.size(a.bytes),
                    lang_name: a.lang.as_deref().map(|l| self.language_name(l)),
                    lang: a.lang.clone(),
                    placeholder: a.placeholder,
                    file_name: a.name.clone(),
                    sha256: self
                        .attachments
                        .sha256(a)
                        .map(|s| s.grouped().split(' ').map(str::to_string).collect()),
                    content: self.attachment_content(a, place, shown[place]),
                })
                .collect(),
            source: document.source.clone(),
            translation_draft: document.translation_draft,
            draft: document.draft,
            edit: self
                .config
                .repository
                .as_ref()
                .map(|r| r.edit_url(&crate::diagnostics::display_path(&document.path))),
            permalink,
            related: self.items(self.archive.related(id)),
        }
    }

    pub fn terms(&self, taxonomy: Taxonomy) -> Vec<TermView> {
        let mut terms: Vec<TermView> = self
            .archive
            .terms(taxonomy)
            .iter()
            .map(|(key, ids)| TermView {
                label: self.config.label(taxonomy, key, self.lang).to_string(),
                href: self.href(&urls::term(self.lang, taxonomy, key, 1)),
                count: ids.len(),
                count_display: self.i18n.number(ids.len()),
                feed: (taxonomy == Taxonomy::Tag)
                    .then(|| self.href(&urls::term_feed(self.lang, taxonomy, key))),
            })
            .collect();
        terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        terms
    }

    pub fn pagination(&self, first: &str, page: usize, pages: usize) -> Pagination {
        Pagination {
            current: self.i18n.number(page),
            total: self.i18n.number(pages),
            prev: (page > 1).then(|| self.href(&urls::paged(first.to_string(), page - 1))),
            next: (page < pages).then(|| self.href(&urls::paged(first.to_string(), page + 1))),
        }
    }

    /// Every year, newest first, with its count and its timeline page.
    pub fn years(&self) -> Vec<TermView> {
        self.archive
            .timeline()
            .iter()
            .map(|year| {
                let count = year.months.iter().map(|(_, ids)| ids.len()).sum();
                TermView {
                    label: self.i18n.number(year.year),
                    href: self.href(&urls::timeline_year(self.lang, year.year)),
                    count,
                    count_display: self.i18n.number(count),
                    feed: None,
                }
            })
            .collect()
    }

    /// Every year and month, with counts and links, for the overview.
    pub fn timeline(&self) -> Vec<TimelineYearView> {
        self.archive
            .timeline()
            .iter()
            .map(|year| self.timeline_year_view(year, false))
            .collect()
    }

    /// One year's documents, month by month.
    pub fn timeline_year(&self, year: u16) -> TimelineYearPage {
        let years = self.archive.timeline();
        let at = years
            .iter()
            .position(|y| y.year == year)
            .expect("pages are planned for years with documents");
        // Years are newest first.
        let link = |y: &TimelineYear| Link {
            label: self.i18n.number(y.year),
            href: self.href(&urls::timeline_year(self.lang, y.year)),
        };
        let newer = at.checked_sub(1).map(|i| link(&years[i]));
        let older = years.get(at + 1).map(link);
        TimelineYearPage {
            year: self.timeline_year_view(&years[at], true),
            older,
            newer,
        }
    }

    fn timeline_year_view(&self, year: &TimelineYear, with_items: bool) -> TimelineYearView {
        TimelineYearView {
            year: self.i18n.number(year.year),
            anchor: format!("y{}", year.year),
            href: self.href(&urls::timeline_year(self.lang, year.year)),
            count: self
                .i18n
                .number(year.months.iter().map(|(_, ids)| ids.len()).sum::<usize>()),
            months: year
                .months
                .iter()
                .map(|&(month, ref ids)| TimelineMonthView {
                    label: match month {
                        Some(m) => self.i18n.month_name(m).to_string(),
                        None => self.i18n.string(Key::MonthUnknown).to_string(),
                    },
                    href: self.href(&urls::timeline_month(self.lang, year.year, month)),
                    anchor: urls::timeline_month_anchor(year.year, month),
                    count: self.i18n.number(ids.len()),
                    items: if with_items {
                        self.items(ids)
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
        }
    }

    /// The timeline's chart: a row for every year of the archive, newest
    /// first, empty years included so that gaps show.
    pub fn timeline_chart(&self) -> Option<ChartView> {
        let (first, last) = chart::span(self.archive)?;
        let timeline = self.archive.timeline();
        let spans = chart::spans(first, last, |year| timeline.iter().any(|y| y.year == year));
        Some(self.months_chart(spans))
    }

    /// A year page's chart: that year's months.
    pub fn timeline_year_chart(&self, year: u16) -> ChartView {
        self.months_chart(vec![Span::Year(year)])
    }

    fn months_chart(&self, spans: Vec<Span>) -> ChartView {
        let timeline = self.archive.timeline();
        let mut rows = Vec::new();
        let mut table = Vec::new();
        let mut events = Vec::new();
        for span in spans {
            let year = match span {
                Span::Year(year) => year,
                Span::Empty(newest, oldest) => {
                    rows.push(Row {
                        label: String::new(),
                        bars: Vec::new(),
                        markers: Vec::new(),
                        note: Some(
                            self.i18n
                                .string(Key::ChartNoDocuments)
                                .replace("{from}", &self.i18n.number(oldest))
                                .replace("{to}", &self.i18n.number(newest)),
                        ),
                    });
                    continue;
                }
            };
            let slots = timeline
                .iter()
                .find(|y| y.year == year)
                .map_or([Tally::default(); 13], |y| chart::by_month(self.archive, y));
            let month_of = |slot: usize| (slot < 12).then(|| slot as u8 + 1);
            let bars = (0..13)
                .map(|slot| self.bar(year, month_of(slot), slots[slot]))
                .collect();
            // The table reads like the page: newest month first, then the
            // documents known only to the year.
            for slot in (0..12).rev().chain([12]) {
                if let Some(row) = self.table_row(year, month_of(slot), slots[slot], true) {
                    table.push(row);
                }
            }
            let (markers, shown) = self.markers(year..=year, |date| {
                chart::month_position(date).expect("events are days")
            });
            events.extend(shown);
            rows.push(Row {
                label: self.i18n.number(year),
                bars,
                markers,
                note: None,
            });
        }
        let months: Vec<String> = (1..=12).map(|m| self.i18n.number(m)).collect();
        ChartView {
            svg: chart::months(&rows, &months),
            tallest: self.tallest(&rows),
            rows: table,
            events,
        }
    }

    /// The small chart of a tag, organisation or type: its documents per
    /// year, across the archive's years. `None` when it has none.
    pub fn term_chart(&self, ids: &[EntryId]) -> Option<ChartView> {
        let tallies = chart::by_year(self.archive, ids);
        // Documents of one year make one bar in an empty grid of the
        // archive's years: the list under it says as much.
        if tallies.len() < 2 {
            return None;
        }
        let (first, last) = chart::span(self.archive)?;
        let tally = |year: u16| tallies.get(&year).copied().unwrap_or_default();
        let bars = (first..=last)
            .map(|year| {
                let tally = tally(year);
                (tally.total() > 0).then_some(Bar { tally, href: None })
            })
            .collect();
        let table = (first..=last)
            .rev()
            .filter_map(|year| self.table_row(year, None, tally(year), false))
            .collect();
        // No events here: eight election days on every tag's page would
        // outweigh its few bars; the timeline marks them.
        let row = Row {
            label: String::new(),
            bars,
            markers: Vec::new(),
            note: None,
        };
        let labels: Vec<String> = (first..=last).map(|y| self.i18n.number(y)).collect();
        Some(ChartView {
            svg: chart::years(&row, &labels),
            tallest: self.tallest(std::slice::from_ref(&row)),
            rows: table,
            events: Vec::new(),
        })
    }

    /// A month's bar (`None`: the year's documents known only to the year),
    /// linking to its place on the year's page.
    fn bar(&self, year: u16, month: Option<u8>, tally: Tally) -> Option<Bar> {
        (tally.total() > 0).then(|| Bar {
            href: Some(self.href(&urls::timeline_month(self.lang, year, month))),
            tally,
        })
    }

    /// "June 2023"; for the documents known only to the year, "2023 (month
    /// not known)" in a chart of months, "2023" in a chart of years.
    fn period(&self, year: u16, month: Option<u8>, of_months: bool) -> String {
        match month {
            Some(m) => self.i18n.date(PartialDate::Month(year, m)),
            None if of_months => format!(
                "{} ({})",
                self.i18n.date(PartialDate::Year(year)),
                self.i18n.string(Key::MonthUnknown)
            ),
            None => self.i18n.number(year),
        }
    }

    fn table_row(
        &self,
        year: u16,
        month: Option<u8>,
        tally: Tally,
        of_months: bool,
    ) -> Option<ChartRowView> {
        (tally.total() > 0).then(|| ChartRowView {
            period: self.period(year, month, of_months),
            href: of_months.then(|| self.href(&urls::timeline_month(self.lang, year, month))),
            day: self.i18n.number(tally.day),
            month: self.i18n.number(tally.month),
            year: self.i18n.number(tally.year),
        })
    }

    /// The site's events in `years`, as markers placed by `at` and as lines
    /// of the legend. Events outside the chart's years are not drawn.
    fn markers(
        &self,
        years: std::ops::RangeInclusive<u16>,
        at: impl Fn(PartialDate) -> f64,
    ) -> (Vec<Marker>, Vec<EventView>) {
        self.config
            .events
            .iter()
            .filter(|e| years.contains(&e.date.year()))
            .map(|e| {
                let label = e.label.get(self.lang).cloned().unwrap_or_default();
                let date = self.i18n.date(e.date);
                let marker = Marker {
                    at: at(e.date),
                    title: format!("{date}{}{label}", self.i18n.string(Key::Colon)),
                };
                let view = EventView {
                    date_iso: e.date.to_string(),
                    date,
                    label,
                };
                (marker, view)
            })
            .unzip()
    }

    fn tallest(&self, rows: &[Row]) -> String {
        let most = rows
            .iter()
            .flat_map(|r| r.bars.iter().flatten())
            .map(|b| b.tally.total())
            .max()
            .unwrap_or(0);
        self.i18n.number(most)
    }

    /// Links to the same page in the other languages.
    pub fn alternates(&self, paths: Vec<(String, String)>) -> Vec<Alternate> {
        paths
            .into_iter()
            .map(|(lang, path)| Alternate {
                name: self.language_name(&lang),
                href: self.href(&path),
                absolute: self.config.base_url.absolute(&path),
                current: lang == self.lang,
                locale: crate::render::meta::og_locale(&lang),
                lang,
            })
            .collect()
    }
}

/// The names of the legacy fonts that `pages` were converted from, once
/// each ("Limon, ABC"); `None` when none was.
fn converted_from<'p>(pages: impl Iterator<Item = &'p LegacyPage>) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for page in pages {
        if let LegacyReading::Converted { fonts } = &page.reading {
            for font in fonts {
                if !names.contains(&font.name()) {
                    names.push(font.name());
                }
            }
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}
