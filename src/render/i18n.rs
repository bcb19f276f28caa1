//! The theme's interface strings and date formats, one file per language
//! (`themes/<theme>/i18n/<lang>.toml`), so no UI text lives in Rust.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::Taxonomy;
use crate::confine::Root;
use crate::content::date::{lunar_line, LunarStyle};
use crate::content::PartialDate;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Message};
use crate::khmer::numerals::to_khmer_digits;
use crate::lines;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct I18n {
    pub date: DateFormat,
    /// Interface strings by key; templates read them as `t.<key>`.
    pub strings: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DateFormat {
    /// Patterns with `{day}`, `{month}` (a month name) and `{year}`.
    pub day: String,
    pub month: String,
    pub year: String,
    /// Twelve month names, January first.
    pub months: Vec<String>,
    /// Write numbers with Khmer digits.
    #[serde(default)]
    pub khmer_digits: bool,
    /// Show the Khmer lunar date beside the Gregorian one, in this form.
    #[serde(default)]
    pub lunar: Option<LunarStyle>,
}

impl I18n {
    pub fn load(theme: &Root, codes: &[&str]) -> Result<BTreeMap<String, I18n>, Diagnostics> {
        let folder = theme.path().join("i18n");
        let mut problems = Diagnostics::default();
        let mut all = BTreeMap::new();
        for code in codes {
            match I18n::read(theme, &folder.join(format!("{code}.toml")), code) {
                Ok(i18n) => {
                    all.insert(code.to_string(), i18n);
                }
                Err(problem) => problems.push(problem),
            }
        }
        problems.extend(missing_strings(&folder, &all));
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(all)
        }
    }

    /// One language's file, read and parsed.
    fn read(theme: &Root, path: &Path, code: &str) -> Result<I18n, Diagnostic> {
        let shown = display_path(path);
        let text = match theme.read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(e)) => {
                return Err(Diagnostic::error(
                    &shown,
                    Message::StringsNotUtf8 {
                        code: code.to_string(),
                        detail: e.to_string(),
                    },
                ))
            }
            Err(e) => {
                return Err(Diagnostic::error(
                    &shown,
                    Message::CannotReadStrings {
                        code: code.to_string(),
                        detail: e.to_string(),
                    },
                ))
            }
        };
        match toml::from_str::<I18n>(&text) {
            Ok(i18n) if i18n.date.months.len() != 12 => {
                Err(Diagnostic::error(&shown, Message::TwelveMonths).field("date.months"))
            }
            Ok(i18n) => Ok(i18n),
            Err(e) => {
                let (line, column) = e.span().map_or((0, 0), |s| lines::locate(&text, s.start));
                Err(Diagnostic::error(
                    &shown,
                    Message::StringsToml {
                        detail: e.message().to_string(),
                    },
                )
                .at(line, column))
            }
        }
    }

    pub fn number(&self, n: impl ToString) -> String {
        let text = n.to_string();
        if self.date.khmer_digits {
            to_khmer_digits(&text)
        } else {
            text
        }
    }

    pub fn month_name(&self, month: u8) -> &str {
        &self.date.months[usize::from(month - 1)]
    }

    /// A date at its known precision, the way this language writes it.
    pub fn date(&self, date: PartialDate) -> String {
        let (pattern, month) = match date {
            PartialDate::Year(_) => (&self.date.year, None),
            PartialDate::Month(_, m) => (&self.date.month, Some(m)),
            PartialDate::Day(_, m, _) => (&self.date.day, Some(m)),
        };
        let mut text = pattern.replace("{year}", &self.number(date.year()));
        if let Some(m) = month {
            text = text.replace("{month}", self.month_name(m));
        }
        if let Some(d) = date.day() {
            text = text.replace("{day}", &self.number(d));
        }
        text
    }

    /// The lunar date in this language's form, if it shows one.
    pub fn lunar_date(&self, date: PartialDate) -> Option<String> {
        lunar_line(date, self.date.lunar?)
    }

    /// A file size as readers expect it: "240 KB", "1.2 MB".
    pub fn size(&self, bytes: u64) -> String {
        let text = match bytes {
            0..1_000 => format!("{bytes} B"),
            1_000..1_000_000 => format!("{} KB", (bytes as f64 / 1_000.0).round().max(1.0)),
            _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
        };
        self.number(text)
    }

    /// An interface string, which [`I18n::load`] made sure every language
    /// has.
    pub fn string(&self, key: Key) -> &str {
        match self.strings.get(key.as_str()) {
            Some(text) => text,
            None => panic!("`{}` was checked when the theme loaded", key.as_str()),
        }
    }
}

/// Every language must offer every string the code and the templates use,
/// and every string another language offers, or a page would show a gap:
/// an error on each language's file (in `folder`) for each it lacks.
fn missing_strings(folder: &Path, all: &BTreeMap<String, I18n>) -> Diagnostics {
    let keys: BTreeSet<&str> = Key::ALL
        .iter()
        .map(|key| key.as_str())
        .chain(
            all.values()
                .flat_map(|i| i.strings.keys().map(String::as_str)),
        )
        .collect();
    let mut problems = Diagnostics::default();
    for (code, i18n) in all {
        for key in &keys {
            if !i18n.strings.contains_key(*key) {
                problems.push(
                    Diagnostic::error(
                        display_path(&folder.join(format!("{code}.toml"))),
                        Message::StringMissing {
                            key: key.to_string(),
                        },
                    )
                    .field(format!("strings.{key}")),
                );
            }
        }
    }
    problems
}

/// Declares [`Key`]: each variant with the key it is written as in the
/// theme's files.
macro_rules! keys {
    ($($name:ident = $key:literal,)*) => {
        /// An interface string that the code or the default theme's
        /// templates use (templates read it as `site.t.<key>`). The one list
        /// of them: a theme whose strings lack one does not load.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($name,)*
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$name,)*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Key::$name => $key,)*
                }
            }
        }
    };
}

keys! {
    Skip = "skip",
    Home = "home",
    MainNav = "main_nav",
    Tags = "tags",
    Organizations = "organizations",
    Types = "types",
    Timeline = "timeline",
    Search = "search",
    SearchLabel = "search_label",
    SearchPlaceholder = "search_placeholder",
    SearchButton = "search_button",
    Language = "language",
    Latest = "latest",
    AllInTimeline = "all_in_timeline",
    Date = "date",
    Type = "type",
    Organization = "organization",
    TagList = "tag_list",
    Source = "source",
    SourceLink = "source_link",
    Attachments = "attachments",
    PdfPages = "pdf_pages",
    PdfPreview = "pdf_preview",
    PdfText = "pdf_text",
    PdfTextMore = "pdf_text_more",
    PdfTextFile = "pdf_text_file",
    PdfMachineRead = "pdf_machine_read",
    PdfConfidence = "pdf_confidence",
    PdfPartial = "pdf_partial",
    PdfConverted = "pdf_converted",
    PdfLegacyFont = "pdf_legacy_font",
    PdfScanned = "pdf_scanned",
    PdfUnreadable = "pdf_unreadable",
    PlaceholderFile = "placeholder_file",
    Checksum = "checksum",
    ChecksumHow = "checksum_how",
    DataLink = "data_link",
    DataTitle = "data_title",
    DataIntro = "data_intro",
    DataFormatVersion = "data_format_version",
    DataFormatNote = "data_format_note",
    DataJsonTitle = "data_json_title",
    DataCsvTitle = "data_csv_title",
    DataCsvNote = "data_csv_note",
    DataField = "data_field",
    DataColumn = "data_column",
    DataMeaning = "data_meaning",
    DataFormatField = "data_format_field",
    DataDocuments = "data_documents",
    DataKey = "data_key",
    DataLanguages = "data_languages",
    DataTitles = "data_titles",
    DataDate = "data_date",
    DataLunar = "data_lunar",
    DataType = "data_type",
    DataOrganization = "data_organization",
    DataTags = "data_tags",
    DataAttachments = "data_attachments",
    DataAttachmentUrl = "data_attachment_url",
    DataAttachmentTitle = "data_attachment_title",
    DataAttachmentBytes = "data_attachment_bytes",
    DataAttachmentSha256 = "data_attachment_sha256",
    DataAttachmentPlaceholder = "data_attachment_placeholder",
    DataAttachmentLang = "data_attachment_lang",
    DataPages = "data_pages",
    DataTitleIn = "data_title_in",
    DataUrlIn = "data_url_in",
    DataCsvAttachments = "data_csv_attachments",
    DataCsvSha256 = "data_csv_sha256",
    DataLicenceTitle = "data_licence_title",
    DataLicence = "data_licence",
    DataCiteTitle = "data_cite_title",
    DataCiteIntro = "data_cite_intro",
    DataAccessed = "data_accessed",
    FileLanguage = "file_language",
    AvailableIn = "available_in",
    OtherVersions = "other_versions",
    TranslationDraft = "translation_draft",
    Draft = "draft",
    Contents = "contents",
    Related = "related",
    Permalink = "permalink",
    CopyLink = "copy_link",
    Copied = "copied",
    Documents = "documents",
    Page = "page",
    Previous = "previous",
    Next = "next",
    Pagination = "pagination",
    Feed = "feed",
    FeedFor = "feed_for",
    TimelineIntro = "timeline_intro",
    JumpToMonth = "jump_to_month",
    OtherYears = "other_years",
    ChartMonths = "chart_months",
    ChartYears = "chart_years",
    ChartScale = "chart_scale",
    ChartDay = "chart_day",
    ChartMonth = "chart_month",
    ChartYear = "chart_year",
    ChartYearSlot = "chart_year_slot",
    ChartEvents = "chart_events",
    ChartTable = "chart_table",
    ChartPeriod = "chart_period",
    ChartNoDocuments = "chart_no_documents",
    Colon = "colon",
    MonthUnknown = "month_unknown",
    NotFoundTitle = "not_found_title",
    NotFoundText = "not_found_text",
    SearchNoscript = "search_noscript",
    SearchResults = "search_results",
    SearchHint = "search_hint",
    SearchOtherLanguage = "search_other_language",
    SearchFilters = "search_filters",
    SearchNoResults = "search_no_results",
    SearchLoading = "search_loading",
    SearchError = "search_error",
    SearchApart = "search_apart",
    SearchInPdfPage = "search_in_pdf_page",
    SearchInSection = "search_in_section",
    SearchCount = "search_count",
    SearchMore = "search_more",
    SearchShortened = "search_shortened",
    SearchDigits = "search_digits",
    SearchOtherHits = "search_other_hits",
    SearchShowOther = "search_show_other",
    Year = "year",
    Footer = "footer",
    Cite = "cite",
    CiteBibtex = "cite_bibtex",
    CiteCsl = "cite_csl",
    EditDocument = "edit_document",
    OfflineSaveDocument = "offline_save_document",
    OfflineSaveDocuments = "offline_save_documents",
    OfflineSaveOneDocument = "offline_save_one_document",
    OfflineSaving = "offline_saving",
    OfflineSaved = "offline_saved",
    OfflineSavedButton = "offline_saved_button",
    OfflineNoRoom = "offline_no_room",
    OfflineFailed = "offline_failed",
    OfflineSearch = "offline_search",
    OfflineSearchNone = "offline_search_none",
    OfflineDigits = "offline_digits",
    SavedTitle = "saved_title",
    SavedIntro = "saved_intro",
    SavedUnavailable = "saved_unavailable",
    SavedEmpty = "saved_empty",
    SavedTotal = "saved_total",
    SavedRemove = "saved_remove",
    SavedRemoveAll = "saved_remove_all",
    SavedNotHere = "saved_not_here",
    HomeHeading = "home_heading",
    HomeHolds = "home_holds",
    HomeEmpty = "home_empty",
    HomeByType = "home_by_type",
    HomeByOrganization = "home_by_organization",
    HomeByYear = "home_by_year",
    HomeBrowse = "home_browse",
    AboutTitle = "about_title",
    AboutLink = "about_link",
    AboutWhat = "about_what",
    AboutSources = "about_sources",
    AboutData = "about_data",
    AboutContribute = "about_contribute",
    Contribute = "contribute",
    ContributeTitle = "contribute_title",
    ContributeIntro = "contribute_intro",
    ContributeNoscript = "contribute_noscript",
    ContributeSection = "contribute_section",
    ContributeType = "contribute_type",
    ContributeOrganization = "contribute_organization",
    ContributeNone = "contribute_none",
    ContributeTags = "contribute_tags",
    ContributeDate = "contribute_date",
    ContributeDateHint = "contribute_date_hint",
    ContributeTitleIn = "contribute_title_in",
    ContributeSummaryIn = "contribute_summary_in",
    ContributeTextIn = "contribute_text_in",
    ContributeTextHint = "contribute_text_hint",
    ContributeAttachments = "contribute_attachments",
    ContributeAttachmentsHint = "contribute_attachments_hint",
    ContributeAttachmentLang = "contribute_attachment_lang",
    ContributeMake = "contribute_make",
    ContributeProblems = "contribute_problems",
    ContributeNeedTitle = "contribute_need_title",
    ContributeBadDate = "contribute_bad_date",
    ContributeBadFile = "contribute_bad_file",
    ContributeFiles = "contribute_files",
    ContributeMissing = "contribute_missing",
    ContributeOpen = "contribute_open",
    ContributeOpenHint = "contribute_open_hint",
    ContributeCopyHint = "contribute_copy_hint",
    ContributeCopy = "contribute_copy",
    ContributeCopied = "contribute_copied",
    DataDownloads = "data_downloads",
}

impl Key {
    /// The title of a taxonomy's list of all its terms.
    pub fn taxonomy(taxonomy: Taxonomy) -> Key {
        match taxonomy {
            Taxonomy::Type => Key::Types,
            Taxonomy::Organization => Key::Organizations,
            Taxonomy::Tag => Key::Tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn khmer() -> I18n {
        I18n {
            date: DateFormat {
                day: "ថ្ងៃទី{day} ខែ{month} ឆ្នាំ{year}".into(),
                month: "ខែ{month} ឆ្នាំ{year}".into(),
                year: "ឆ្នាំ{year}".into(),
                months: [
                    "មករា",
                    "កុម្ភៈ",
                    "មីនា",
                    "មេសា",
                    "ឧសភា",
                    "មិថុនា",
                    "កក្កដា",
                    "សីហា",
                    "កញ្ញា",
                    "តុលា",
                    "វិច្ឆិកា",
                    "ធ្នូ",
                ]
                .map(String::from)
                .to_vec(),
                khmer_digits: true,
                lunar: Some(LunarStyle::Khmer),
            },
            strings: BTreeMap::new(),
        }
    }

    #[test]
    fn khmer_dates_use_khmer_digits_and_months() {
        let km = khmer();
        assert_eq!(
            km.date(PartialDate::Day(2023, 6, 22)),
            "ថ្ងៃទី២២ ខែមិថុនា ឆ្នាំ២០២៣"
        );
        assert_eq!(km.date(PartialDate::Month(2019, 2)), "ខែកុម្ភៈ ឆ្នាំ២០១៩");
        assert_eq!(km.date(PartialDate::Year(2019)), "ឆ្នាំ២០១៩");
    }

    #[test]
    fn lunar_dates_at_each_precision() {
        let km = khmer();
        assert_eq!(
            km.lunar_date(PartialDate::Day(2018, 12, 15)).as_deref(),
            Some("ថ្ងៃសៅរ៍ ៨កើត ខែមិគសិរ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២")
        );
        assert_eq!(
            km.lunar_date(PartialDate::Month(2018, 12)).as_deref(),
            Some("ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២")
        );
        assert_eq!(km.lunar_date(PartialDate::Year(2018)), None);
        assert_eq!(km.lunar_date(PartialDate::Day(1863, 1, 1)), None);
        assert_eq!(
            lunar_line(PartialDate::Month(2024, 5), LunarStyle::English).as_deref(),
            Some("Year of the Dragon")
        );
    }

    /// The keys the default theme's templates read (`t.<key>`, and
    /// `t[taxonomy]`, a taxonomy's table name), each of which must be a
    /// [`Key`] for the theme to be checked against them.
    #[test]
    fn every_string_the_templates_use_is_a_key() {
        let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let listed: Vec<&str> = Key::ALL.iter().map(|k| k.as_str()).collect();
        let mut used = Vec::new();
        for file in std::fs::read_dir(templates).expect("the default theme's templates") {
            let path = file.expect("a template").path();
            let text = std::fs::read_to_string(&path).expect("a template is text");
            for (at, _) in text.match_indices("t.") {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key: String = text[at + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !key.is_empty() {
                    used.push((path.display().to_string(), key));
                }
            }
        }
        assert!(
            used.len() > 50,
            "the templates read their strings: {used:?}"
        );
        for (file, key) in &used {
            assert!(
                listed.contains(&key.as_str()),
                "{file} reads `t.{key}`, not a Key"
            );
        }
        for taxonomy in Taxonomy::ALL {
            assert_eq!(Key::taxonomy(taxonomy).as_str(), taxonomy.table());
        }
    }

    #[test]
    fn sizes() {
        let km = khmer();
        assert_eq!(km.size(240_000), "២៤០ KB");
        assert_eq!(km.size(1_234_567), "១.២ MB");
    }
}
