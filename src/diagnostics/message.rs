//! The catalogue of every message and hint the checks give, each in every
//! language of [`Lang`]: as `i18n::Key` is for the interface, so is
//! [`Message`] for the checks.
//!
//! A message is a variant with its arguments, never a string: the
//! `catalogue!` macro takes each variant with an English and a Khmer
//! template, so a message written in one language only does not compile,
//! and the tests below fail when a template is not in its language or the
//! two name different arguments. Arguments are shown in the message's
//! language ([`Arg`]): numbers in Khmer digits in Khmer sentences (what is
//! to be typed, such as a date or a path, is a `String` and stays as is).

use crate::khmer::numerals::to_khmer_digits;

use super::lang::Lang;

/// A value shown inside a message, in the message's language.
pub trait Arg {
    fn shown(&self, lang: Lang) -> String;
}

impl Arg for String {
    fn shown(&self, _: Lang) -> String {
        self.clone()
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn shown(&self, lang: Lang) -> String {
                match lang {
                    Lang::En => self.to_string(),
                    Lang::Km => to_khmer_digits(&self.to_string()),
                }
            }
        }
    )*};
}
numbers!(usize, u64, u16, u8);

impl Arg for Box<Message> {
    fn shown(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

macro_rules! catalogue {
    (
        $(#[$enum_meta:meta])*
        pub enum $enum:ident {
            $(
                $(#[$meta:meta])*
                $name:ident $({ $($field:ident : $ty:ty),* $(,)? })?
                    => en: $en:literal, km: $km:literal;
            )*
        }
    ) => {
        $(#[$enum_meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $enum {
            $( $(#[$meta])* $name $({ $($field: $ty),* })? , )*
        }

        impl $enum {
            /// The message in `lang`.
            pub fn text(&self, lang: Lang) -> String {
                match self {
                    $(
                        #[allow(unused_variables)]
                        $enum::$name $({ $($field),* })? => {
                            $($( let $field = Arg::shown($field, lang); )*)?
                            match lang {
                                Lang::En => format!($en),
                                Lang::Km => format!($km),
                            }
                        }
                    )*
                }
            }

            /// A stable name for tools reading `--format json`.
            pub fn id(&self) -> &'static str {
                match self {
                    $( $enum::$name { .. } => stringify!($name), )*
                }
            }

            /// Every entry: its name, its fields and its two templates.
            #[cfg(test)]
            pub const TEMPLATES: &'static [Template] = &[
                $( Template {
                    id: stringify!($name),
                    fields: &[$($(stringify!($field)),*)?],
                    en: $en,
                    km: $km,
                }, )*
            ];
        }
    };
}

#[cfg(test)]
pub struct Template {
    pub id: &'static str,
    pub fields: &'static [&'static str],
    pub en: &'static str,
    pub km: &'static str,
}

impl Message {
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }
}

catalogue! {
    /// The words of a taxonomy, a page, a part of a path: arguments that
    /// are themselves to be translated.
    pub enum Word {
        Type => en: "type", km: "ប្រភេទ";
        Organization => en: "organization", km: "ស្ថាប័ន";
        Tag => en: "tag", km: "ស្លាក";
        Section => en: "section", km: "ថតផ្នែក";
        Slug => en: "slug", km: "ឈ្មោះ URL (slug)";
        BidiControl { code: String }
            => en: "the bidirectional control {code}, which makes text display in another order than it is written",
               km: "តួអក្សរបញ្ជាទិសដៅ {code} ដែលធ្វើឱ្យអត្ថបទបង្ហាញតាមលំដាប់ផ្សេងពីលំដាប់ដែលបានសរសេរ";
        ControlChar { code: String }
            => en: "the control character {code}, which no page, feed or spreadsheet can show",
               km: "តួអក្សរបញ្ជា {code} ដែលគ្មានទំព័រ feed ឬតារាងណាអាចបង្ហាញបានទេ";
        TrailingDot
            => en: "ends with a dot or a space, which Windows drops",
               km: "បញ្ចប់ដោយចំណុច ឬដកឃ្លា ដែល Windows លុបចោល";
        DeviceName
            => en: "is a device name on Windows, where git cannot check it out",
               km: "ជាឈ្មោះឧបករណ៍នៅលើ Windows ដែល git មិនអាចទាញយកមកបានទេ";
        ReadsEnvironment
            => en: "it reads the build machine's environment, where CI keeps its secrets",
               km: "វាអានបរិស្ថានរបស់ម៉ាស៊ីន build ដែល CI រក្សាទុកព័ត៌មានសម្ងាត់";
        DiffersEachBuild
            => en: "it makes every build differ from the last",
               km: "វាធ្វើឱ្យការ build នីមួយៗខុសពីលើកមុន";
        NotPure
            => en: "it is not one of Tera's functions that compute from their arguments alone",
               km: "វាមិនមែនជាអនុគមន៍មួយរបស់ Tera ដែលគណនាពីអាគុយម៉ង់របស់វាតែប៉ុណ្ណោះទេ";
        Khmer => en: "Khmer", km: "ខ្មែរ";
        English => en: "English", km: "អង់គ្លេស";
        Language { name: String } => en: "{name}", km: "{name}";
        HomePage => en: "the home page", km: "ទំព័រដើម";
        UrlOf { path: String } => en: "the URL of {path}", km: "URL របស់ {path}";
        AliasOf { path: String, line: usize }
            => en: "an alias of {path}, line {line}", km: "alias (អាសយដ្ឋានចាស់) របស់ {path} បន្ទាត់ {line}";
        ListOf { table: String } => en: "the list of all {table}", km: "បញ្ជីទាំងមូលនៃ {table}";
        TermPage { taxonomy: Box<Word>, key: String }
            => en: "the page of the {taxonomy} `{key}`", km: "ទំព័រនៃ{taxonomy} `{key}`";
        TermPageN { taxonomy: Box<Word>, key: String, page: usize }
            => en: "page {page} of the {taxonomy} `{key}`", km: "ទំព័រទី {page} នៃ{taxonomy} `{key}`";
        Timeline => en: "the timeline", km: "ទំព័រកាលប្បវត្តិ";
        TimelineYear { year: String } => en: "the timeline of {year}", km: "កាលប្បវត្តិឆ្នាំ {year}";
        SearchPage => en: "the search page", km: "ទំព័រស្វែងរក";
        SavedPage => en: "the page of the documents saved on a device", km: "ទំព័រឯកសារដែលបានរក្សាទុកក្នុងឧបករណ៍";
        DataPage => en: "the page about the catalogue's data", km: "ទំព័រអំពីទិន្នន័យកាតាឡុក";
        AboutPage => en: "the page about the archive", km: "ទំព័រអំពីបណ្ណសារ";
        ContributePage => en: "the page for adding a document", km: "ទំព័រសម្រាប់បន្ថែមឯកសារ";
        NotFoundPage => en: "the page shown for a missing address", km: "ទំព័រដែលបង្ហាញពេលរកអាសយដ្ឋានមិនឃើញ";
        // Why a path was refused (`confine::ConfineError`).
        Missing => en: "does not exist", km: "មិនមានទេ";
        Outside { root: String }
            => en: "leads outside {root} (through a symbolic link or `..`)",
               km: "នាំចេញក្រៅ {root} (តាមតំណ symbolic link ឬ `..`)";
        NotAFile { kind: Box<Word> } => en: "is {kind}, not a regular file", km: "ជា{kind} មិនមែនជាហ្វាលធម្មតាទេ";
        NotAFolder { kind: Box<Word> } => en: "is {kind}, not a folder", km: "ជា{kind} មិនមែនជាថតទេ";
        KindFile => en: "a file", km: "ហ្វាល";
        KindFolder => en: "a folder", km: "ថត";
        KindFifo => en: "a named pipe", km: "បំពង់ (named pipe)";
        KindSocket => en: "a socket", km: "រន្ធ (socket)";
        KindDevice => en: "a device", km: "ឧបករណ៍ (device)";
        KindOther => en: "a special file", km: "ហ្វាលពិសេស";
        KindLink => en: "a symbolic link", km: "តំណ symbolic link";
        FileSystemRoot => en: "the file system's root", km: "ឫសនៃប្រព័ន្ធហ្វាល";
        HomeFolder => en: "the home folder", km: "ថតផ្ទះ (home)";
        CaseDiffers { written: String, on_disk: String }
            => en: "is written `{written}` but named `{on_disk}` on disk; web hosts tell capital letters apart",
               km: "សរសេរថា `{written}` ប៉ុន្តែនៅលើថាសមានឈ្មោះ `{on_disk}`; ម៉ាស៊ីនបម្រើគេហទំព័របែងចែកអក្សរធំ និងអក្សរតូច";
        Unreadable { detail: String } => en: "cannot be read: {detail}", km: "មិនអាចអានបានទេ៖ {detail}";
    }
}

/// In English, for `Display` of the error types that carry a word.
impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Arg for Box<Word> {
    fn shown(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

catalogue! {
    /// Every problem and hint `check`, `build`, `new` and `import` report.
    pub enum Message {
        // ---- where a document sits -----------------------------------
        NotInSection
            => en: "a document must sit directly inside a section folder",
               km: "ឯកសារត្រូវតែនៅផ្ទាល់ក្នុងថតផ្នែកមួយ";
        NotMarkdown
            => en: "a document's file name must end in .md",
               km: "ឈ្មោះហ្វាលរបស់ឯកសារត្រូវតែបញ្ចប់ដោយ .md";
        LayoutHint
            => en: "documents live at content/<section>/<slug>.<lang>.md, e.g. content/announcements/2023-06-22-ballot-draw.en.md",
               km: "ឯកសារនៅក្នុង content/<ថតផ្នែក>/<slug>.<ភាសា>.md ឧទាហរណ៍ content/announcements/2023-06-22-ballot-draw.km.md";
        NoLanguageSuffix
            => en: "the file name has no language suffix",
               km: "ឈ្មោះហ្វាលមិនមានកូដភាសានៅខាងចុងទេ";
        NameWithLanguage { stem: String, codes: String }
            => en: "name it {stem}.<lang>.md with <lang> one of: {codes}",
               km: "ដាក់ឈ្មោះវាថា {stem}.<ភាសា>.md ដែល <ភាសា> ជាកូដមួយក្នុងចំណោម៖ {codes}";
        NotALanguage { lang: String }
            => en: "`{lang}` is not a language of this site",
               km: "`{lang}` មិនមែនជាភាសារបស់គេហទំព័រនេះទេ";
        LanguagesAre { codes: String }
            => en: "languages of this site: {codes}",
               km: "ភាសារបស់គេហទំព័រនេះ៖ {codes}";
        NotASlug { what: Word, value: String }
            => en: "the {what} `{value}` must use only lowercase ASCII letters, digits and hyphens",
               km: "{what} `{value}` ត្រូវប្រើតែអក្សរឡាតាំងតូច (a-z) លេខ (0-9) និងសញ្ញា -";
        SlugIsUrl
            => en: "the slug becomes the page's URL in every language, so it stays readable and shareable",
               km: "slug ក្លាយជា URL របស់ទំព័រក្នុងគ្រប់ភាសា ដូច្នេះវាត្រូវតែងាយអាន និងងាយចែករំលែក";
        SectionUnknown { section: String, known: String }
            => en: "`{section}` is a new section, named almost as `{known}`",
               km: "`{section}` ជាថតផ្នែកថ្មី ដែលមានឈ្មោះស្ទើរតែដូច `{known}`";
        SectionRename { known: String }
            => en: "move the file into content/{known}/; a new section folder adds a new section to the site",
               km: "ផ្លាស់ហ្វាលទៅក្នុង content/{known}/; ថតផ្នែកថ្មីមួយបន្ថែមផ្នែកថ្មីមួយទៅគេហទំព័រ";

        // ---- reading the file -----------------------------------------
        ContentFolder { why: Word }
            => en: "the content/ folder {why}",
               km: "ថត content/ {why}";
        LayoutShort
            => en: "documents live at content/<section>/<slug>.<lang>.md",
               km: "ឯកសារនៅក្នុង content/<ថតផ្នែក>/<slug>.<ភាសា>.md";
        CannotRead { detail: String }
            => en: "cannot read: {detail}",
               km: "មិនអាចអានបានទេ៖ {detail}";
        TheFile { why: Word }
            => en: "the file {why}",
               km: "ហ្វាលនេះ {why}";
        LinkedFolder
            => en: "this link to a folder is not followed, so the documents in it are not loaded",
               km: "តំណទៅថតនេះមិនត្រូវបានតាមទេ ដូច្នេះឯកសារក្នុងនោះមិនត្រូវបានផ្ទុកទេ";
        MoveFolderHere
            => en: "move the folder here instead of linking it",
               km: "ផ្លាស់ថតនោះមកទីនេះ ជំនួសឱ្យការភ្ជាប់តំណ";
        LinkOutside { root: String }
            => en: "this symbolic link leads outside {root}",
               km: "តំណ symbolic link នេះនាំចេញក្រៅ {root}";
        NotUtf8
            => en: "the file is not valid UTF-8 text",
               km: "ហ្វាលនេះមិនមែនជាអត្ថបទ UTF-8 ត្រឹមត្រូវទេ";
        SaveAsUtf8
            => en: "save the file as UTF-8 (the default in GitHub's editor and most text editors)",
               km: "រក្សាទុកហ្វាលជា UTF-8 (លំនាំដើមក្នុងកម្មវិធីកែរបស់ GitHub និងកម្មវិធីកែអត្ថបទភាគច្រើន)";

        // ---- the front matter's frame ----------------------------------
        Empty
            => en: "the file is empty",
               km: "ហ្វាលនេះទទេ";
        NoOpeningFence
            => en: "the file does not start with a `---` line opening its front matter",
               km: "ហ្វាលនេះមិនចាប់ផ្តើមដោយបន្ទាត់ `---` ដែលបើកផ្នែកព័ត៌មានខាងលើ (front matter) ទេ";
        NoClosingFence
            => en: "the front matter is not closed by a `---` line",
               km: "ផ្នែកព័ត៌មានខាងលើ (front matter) មិនត្រូវបានបិទដោយបន្ទាត់ `---` ទេ";
        FenceHint
            => en: "a document starts with `---`, then fields such as `title:`, then `---`, then the text",
               km: "ឯកសារចាប់ផ្តើមដោយ `---` បន្ទាប់មកវាលដូចជា `title:` បន្ទាប់មក `---` ហើយបន្ទាប់មកអត្ថបទ";
        CloseFenceAt { line: usize }
            => en: "add a line `---` after the last field (line {line}), before the text",
               km: "បន្ថែមបន្ទាត់ `---` បន្ទាប់ពីវាលចុងក្រោយ (បន្ទាត់ទី {line}) មុនអត្ថបទ";
        TooDeep { max: usize }
            => en: "the front matter nests lists or maps more than {max} deep",
               km: "ផ្នែកព័ត៌មានខាងលើមានបញ្ជីនៅក្នុងបញ្ជីជ្រៅជាង {max} ជាន់";
        FieldsAreFlat
            => en: "front matter fields are flat: `tags: [a, b]`",
               km: "វាលនៃផ្នែកព័ត៌មានខាងលើនៅរាបស្មើ៖ `tags: [a, b]`";
        NotAMapping
            => en: "the front matter must be a list of `field: value` lines",
               km: "ផ្នែកព័ត៌មានខាងលើត្រូវតែជាបន្ទាត់ `វាល: តម្លៃ`";

        // ---- YAML, in plain words ---------------------------------------
        InvalidYaml { detail: String }
            => en: "the front matter is not valid YAML: {detail}",
               km: "ផ្នែកព័ត៌មានខាងលើសរសេរមិនត្រឹមត្រូវតាមទម្រង់ YAML៖ {detail}";
        QuoteNotClosed { line: usize }
            => en: "a quote opened on line {line} is not closed",
               km: "សញ្ញាសម្រង់ដែលបើកនៅបន្ទាត់ទី {line} មិនត្រូវបានបិទទេ";
        Tab
            => en: "this line starts with a tab; YAML indents with spaces only",
               km: "បន្ទាត់នេះចាប់ផ្តើមដោយ Tab; YAML ចូលបន្ទាត់ដោយដកឃ្លា (space) ប៉ុណ្ណោះ";
        TabFix { fixed: String }
            => en: "put spaces in place of the tab: `{fixed}`",
               km: "ប្រើដកឃ្លាជំនួស Tab៖ `{fixed}`";
        ColonInValue { field: String }
            => en: "the value of `{field}` holds a colon followed by a space, which YAML reads as a new field",
               km: "តម្លៃរបស់ `{field}` មានសញ្ញា `:` ហើយដកឃ្លា ដែល YAML អានថាជាវាលថ្មី";
        QuoteTheValue { fixed: String }
            => en: "put the value in quotes: `{fixed}`",
               km: "ដាក់តម្លៃក្នុងសញ្ញាសម្រង់៖ `{fixed}`";
        CurlyQuotes { field: String }
            => en: "the value of `{field}` is in curly quotes (“ ” or ‘ ’), which a word processor puts in; YAML takes them as part of the text",
               km: "តម្លៃរបស់ `{field}` នៅក្នុងសញ្ញាសម្រង់កោង (“ ” ឬ ‘ ’) ដែលកម្មវិធីវាយអត្ថបទ (ដូចជា Word) ដាក់ចូល; YAML យកវាជាផ្នែកនៃអត្ថបទ";
        StraightQuotes { fixed: String }
            => en: "use straight quotes: `{fixed}`",
               km: "ប្រើសញ្ញាសម្រង់ត្រង់ (\")៖ `{fixed}`";
        CurlyQuotesInside { field: String }
            => en: "the value of `{field}` holds curly quotes (“ ”); they are shown on the page as written",
               km: "តម្លៃរបស់ `{field}` មានសញ្ញាសម្រង់កោង (“ ”); វានឹងបង្ហាញលើទំព័រដូចដែលបានសរសេរ";
        CurlyQuotesKeep
            => en: "keep them only if they are part of the title, e.g. a quoted name",
               km: "ទុកវាតែបើវាជាផ្នែកនៃចំណងជើងមែន ឧទាហរណ៍ ឈ្មោះដែលដកស្រង់";
        UnbalancedQuote { field: String }
            => en: "the value of `{field}` opens a quote that it does not close",
               km: "តម្លៃរបស់ `{field}` បើកសញ្ញាសម្រង់ ប៉ុន្តែមិនបិទវាទេ";
        CloseTheQuote { fixed: String }
            => en: "close the quote at the end of the line: `{fixed}`",
               km: "បិទសញ្ញាសម្រង់នៅចុងបន្ទាត់៖ `{fixed}`";
        ListWithoutBrackets { field: String }
            => en: "`{field}` is a list, written here as plain text",
               km: "`{field}` ជាបញ្ជី ប៉ុន្តែនៅទីនេះសរសេរជាអត្ថបទធម្មតា";
        WriteAsList { fixed: String }
            => en: "write the list in square brackets: `{fixed}`, or one item per line starting with `- `",
               km: "សរសេរបញ្ជីក្នុងវង់ក្រចកការ៉េ៖ `{fixed}` ឬមួយធាតុក្នុងមួយបន្ទាត់ ដោយចាប់ផ្តើមដោយ `- `";
        NoSpaceAfterColon { field: String }
            => en: "`{field}:` needs a space after the colon",
               km: "`{field}:` ត្រូវការដកឃ្លាមួយបន្ទាប់ពីសញ្ញា `:`";
        WriteAs { fixed: String }
            => en: "write: `{fixed}`",
               km: "សរសេរ៖ `{fixed}`";
        TextAfterQuote { field: String }
            => en: "the value of `{field}` goes on after its closing quote",
               km: "តម្លៃរបស់ `{field}` នៅបន្តទៀតក្រោយសញ្ញាសម្រង់បិទ";
        ReservedStart { field: String }
            => en: "the value of `{field}` starts with a character YAML reserves (@ ` % * & !)",
               km: "តម្លៃរបស់ `{field}` ចាប់ផ្តើមដោយតួអក្សរដែល YAML ទុកសម្រាប់ការប្រើពិសេស (@ ` % * & !)";
        HashInValue { field: String }
            => en: "the value of `{field}` holds ` #`, which YAML reads as the start of a comment: the rest of the value is left out",
               km: "តម្លៃរបស់ `{field}` មាន ` #` ដែល YAML អានថាជាការចាប់ផ្តើមនៃមតិយោបល់ (comment)៖ ផ្នែកដែលនៅសល់នៃតម្លៃត្រូវបានទុកចោល";
        FieldTwice { field: String }
            => en: "the field `{field}` is written twice",
               km: "វាល `{field}` ត្រូវបានសរសេរពីរដង";
        KeepOne
            => en: "keep one of the two lines",
               km: "ទុកតែបន្ទាត់មួយក្នុងចំណោមបន្ទាត់ទាំងពីរ";
        CrOnly
            => en: "the lines of this file end with a carriage return (CR) alone, which no other tool reads as a line break",
               km: "បន្ទាត់នៃហ្វាលនេះបញ្ចប់ដោយ CR តែឯង ដែលកម្មវិធីផ្សេងទៀតមិនអានថាជាការចុះបន្ទាត់ទេ";
        CrOnlyHint
            => en: "save the file with LF (or CR LF) line endings; in a word processor, save it as plain text (UTF-8)",
               km: "រក្សាទុកហ្វាលជាមួយចុងបន្ទាត់ LF (ឬ CR LF); ក្នុងកម្មវិធីវាយអត្ថបទ រក្សាទុកជាអត្ថបទធម្មតា (UTF-8)";
        NotAField
            => en: "this line is not a `field: value` line",
               km: "បន្ទាត់នេះមិនមែនជាបន្ទាត់ `វាល: តម្លៃ` ទេ";
        NotAFieldHint
            => en: "each line of the front matter is a field name, a colon, a space and the value, e.g. `title: Ballot draw`; a text that goes on goes in the value, in quotes",
               km: "បន្ទាត់នីមួយៗនៃផ្នែកព័ត៌មានខាងលើ គឺឈ្មោះវាល សញ្ញា `:` ដកឃ្លា និងតម្លៃ ឧទាហរណ៍ `title: ការចាប់ឆ្នោត`; អត្ថបទវែងត្រូវដាក់ក្នុងតម្លៃ ក្នុងសញ្ញាសម្រង់";
        Bom
            => en: "the file starts with an invisible byte-order mark (BOM), which some editors on Windows add",
               km: "ហ្វាលនេះចាប់ផ្តើមដោយសញ្ញាមើលមិនឃើញ (BOM) ដែលកម្មវិធីកែខ្លះនៅលើ Windows បន្ថែម";
        BomHint
            => en: "it is ignored; to remove it, save the file as \"UTF-8\" rather than \"UTF-8 with BOM\"",
               km: "វាត្រូវបានមិនអើពើ; ដើម្បីលុបវា រក្សាទុកហ្វាលជា \"UTF-8\" មិនមែន \"UTF-8 with BOM\"";
        CrLf
            => en: "the file has Windows line endings (CR LF)",
               km: "ហ្វាលនេះមានចុងបន្ទាត់តាមបែប Windows (CR LF)";
        CrLfHint
            => en: "they are read as usual; to match the other files, save it with LF line endings (most editors show \"CRLF\" in their status bar: click it)",
               km: "វានៅតែអានបានធម្មតា; ដើម្បីឱ្យដូចហ្វាលផ្សេងទៀត រក្សាទុកវាជាមួយចុងបន្ទាត់ LF (កម្មវិធីកែភាគច្រើនបង្ហាញ \"CRLF\" នៅរបារខាងក្រោម៖ ចុចលើវា)";

        // ---- fields -----------------------------------------------------
        UnknownField { key: String }
            => en: "unknown field `{key}`",
               km: "មិនស្គាល់វាល `{key}` ទេ";
        FieldsAre { fields: String }
            => en: "the fields are: {fields}",
               km: "វាលដែលមាន៖ {fields}";
        DidYouMean { key: String }
            => en: "did you mean `{key}`?",
               km: "តើអ្នកចង់សរសេរ `{key}` ឬ?";
        WrongKind { detail: String }
            => en: "has the wrong kind of value: {detail}",
               km: "មានតម្លៃខុសប្រភេទ៖ {detail}";
        Missing { name: String }
            => en: "the required field `{name}` is missing",
               km: "ខ្វះវាលចាំបាច់ `{name}`";
        TooLong { chars: usize, max: usize }
            => en: "is {chars} characters long; at most {max} are allowed",
               km: "វែង {chars} តួអក្សរ; អនុញ្ញាតយ៉ាងច្រើន {max} តួអក្សរ";
        KeepInBody
            => en: "keep the full text in the document's body",
               km: "ដាក់អត្ថបទពេញនៅក្នុងតួឯកសារ (ខាងក្រោម `---`)";
        ControlCharacter { what: Word }
            => en: "contains {what}",
               km: "មាន{what}";
        NoYamlEscapes
            => en: "remove it; YAML escapes such as \\x1b, \\u0000 or \\u202e are not allowed in text",
               km: "លុបវាចេញ; មិនអនុញ្ញាតឱ្យប្រើ YAML escape ដូចជា \\x1b, \\u0000 ឬ \\u202e ក្នុងអត្ថបទទេ";
        NoTomlEscapes
            => en: "remove it; TOML escapes such as \\u001b, \\u0000 or \\u202e are not allowed in text",
               km: "លុបវាចេញ; មិនអនុញ្ញាតឱ្យប្រើ TOML escape ដូចជា \\u001b, \\u0000 ឬ \\u202e ក្នុងអត្ថបទទេ";
        TextContains { what: Word }
            => en: "the text contains {what}",
               km: "អត្ថបទមាន{what}";
        NotPortableName { name: String, reason: Word }
            => en: "the name `{name}` {reason}",
               km: "ឈ្មោះ `{name}` {reason}";
        NotPortable { file: String, component: String, reason: Word }
            => en: "`{file}`: the name `{component}` {reason}",
               km: "`{file}`៖ ឈ្មោះ `{component}` {reason}";
        Markup { file: String, markup: String }
            => en: "`{file}` holds {markup}, which a browser may run as a page on the site's address",
               km: "`{file}` មាន {markup} ដែលកម្មវិធីរុករកអាចដំណើរការជាទំព័រមួយនៅលើអាសយដ្ឋានរបស់គេហទំព័រ";
        AttachAsPdf
            => en: "attach the document as PDF (print the page to PDF) or as an image",
               km: "ភ្ជាប់ឯកសារជា PDF (បោះពុម្ពទំព័រជា PDF) ឬជារូបភាព";
        NotItsFormat { file: String, format: String }
            => en: "`{file}` is named like a {format} file but does not start like one",
               km: "`{file}` មានឈ្មោះដូចហ្វាល {format} ប៉ុន្តែខ្លឹមសាររបស់វាមិនចាប់ផ្តើមដូចហ្វាល {format} ទេ";
        ExportAgain { format: String }
            => en: "save or export the file again as {format}, or name it with the extension of what it is",
               km: "រក្សាទុក ឬនាំចេញហ្វាលម្តងទៀតជា {format} ឬដាក់ឈ្មោះវាដោយកន្ទុយឈ្មោះនៃប្រភេទពិតរបស់វា";
        MustNotBeEmpty
            => en: "must not be empty",
               km: "មិនត្រូវទទេទេ";
        TagTwice { tag: String }
            => en: "tag `{tag}` is listed twice",
               km: "ស្លាក `{tag}` ត្រូវបានដាក់ពីរដង";
        NotWebAddress { value: String }
            => en: "`{value}` is not an http(s) address",
               km: "`{value}` មិនមែនជាអាសយដ្ឋាន http(s) ទេ";
        ToWrite
            => en: "still says what is left to write (`TODO`); the document cannot be published like this",
               km: "នៅមានកន្លែងដែលត្រូវសរសេរ (`TODO`); ឯកសារនេះមិនអាចផ្សាយដូច្នេះបានទេ";
        ToWriteHint
            => en: "replace each `TODO` with the document's own text",
               km: "ជំនួស `TODO` នីមួយៗដោយអត្ថបទពិតរបស់ឯកសារ";

        // ---- dates --------------------------------------------------------
        NotADate { value: String }
            => en: "`{value}` is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
               km: "`{value}` មិនមែនជាកាលបរិច្ឆេទក្នុងទម្រង់ YYYY-MM-DD, YYYY-MM ឬ YYYY ទេ";
        ImplausibleYear { year: u16 }
            => en: "year {year} is not a plausible document year",
               km: "ឆ្នាំ {year} មិនទំនងជាឆ្នាំរបស់ឯកសារទេ";
        BadMonth { value: String, month: u8 }
            => en: "`{value}` has month {month}; months run from 01 to 12",
               km: "`{value}` មានខែទី {month}; ខែមានពី 01 ដល់ 12";
        BadDay { value: String, day: u8, month: String, last: u8 }
            => en: "`{value}` has day {day}, but {month} has {last} days",
               km: "`{value}` មានថ្ងៃទី {day} ប៉ុន្តែ {month} មានតែ {last} ថ្ងៃ";
        DateForms
            => en: "write YYYY-MM-DD (2023-06-22), or YYYY-MM (2023-06) or YYYY (2023) when only that much is known",
               km: "សរសេរ YYYY-MM-DD (2023-06-22) ឬ YYYY-MM (2023-06) ឬ YYYY (2023) បើដឹងតែប៉ុណ្ណឹង";
        WriteDate { date: String }
            => en: "write `{date}` (year-month-day, in ASCII digits)",
               km: "សរសេរ `{date}` (ឆ្នាំ-ខែ-ថ្ងៃ ជាលេខឡាតាំង)";
        KhmerDigits { value: String }
            => en: "`{value}` is written in Khmer digits; dates are written in ASCII digits",
               km: "`{value}` សរសេរជាលេខខ្មែរ; កាលបរិច្ឆេទត្រូវសរសេរជាលេខឡាតាំង (0-9)";

        // ---- taxonomies --------------------------------------------------
        UnknownTerm { taxonomy: Word, key: String }
            => en: "unknown {taxonomy} `{key}`",
               km: "មិនស្គាល់{taxonomy} `{key}` ទេ";
        DeclareIt { table: String }
            => en: "declare it under [{table}] in site.toml, with a label in every language",
               km: "ប្រកាសវានៅក្រោម [{table}] ក្នុង site.toml ជាមួយស្លាកក្នុងគ្រប់ភាសា";
        WriteKey { key: String, label: String }
            => en: "write `{key}` ({label})",
               km: "សរសេរ `{key}` ({label})";
        TermsAre { keys: String }
            => en: "the keys declared in site.toml: {keys}",
               km: "តម្លៃដែលបានប្រកាសក្នុង site.toml៖ {keys}";

        // ---- attachments -------------------------------------------------
        AttachmentsList
            => en: "must be a list of `- file: …` entries",
               km: "ត្រូវតែជាបញ្ជីនៃ `- file: …`";
        AttachmentEntry
            => en: "must be an entry with `file:` and `title:`",
               km: "ត្រូវតែជាធាតុមួយដែលមាន `file:` និង `title:`";
        NotPlainRelative { file: String }
            => en: "`{file}` must be a plain relative path inside the section folder (no `..`, no absolute path, no drive letter)",
               km: "`{file}` ត្រូវតែជាផ្លូវធម្មតាក្នុងថតផ្នែក (គ្មាន `..` គ្មានផ្លូវពេញ គ្មានអក្សរដ្រាយ)";
        UnsafeName { name: String }
            => en: "the file name `{name}` may use only ASCII letters, digits, `-`, `_` and `.`",
               km: "ឈ្មោះហ្វាល `{name}` អាចប្រើតែអក្សរឡាតាំង លេខ `-` `_` និង `.`";
        RenameTo { name: String }
            => en: "rename the file, e.g. to `{name}`",
               km: "ប្តូរឈ្មោះហ្វាល ឧទាហរណ៍ទៅជា `{name}`";
        UnsafeType { file: String, extension: String }
            => en: "`{file}` is a type that can run script in a reader's browser (`.{extension}`)",
               km: "`{file}` ជាប្រភេទហ្វាលដែលអាចដំណើរការស្គ្រីបក្នុងកម្មវិធីរុករករបស់អ្នកអាន (`.{extension}`)";
        NoExtension { file: String }
            => en: "`{file}` has no extension, so a reader cannot tell what it is",
               km: "`{file}` គ្មានកន្ទុយឈ្មោះ (extension) ដូច្នេះអ្នកអានមិនដឹងថាវាជាហ្វាលអ្វីទេ";
        AttachedFile { file: String, why: Word }
            => en: "the attached file `{file}` {why}",
               km: "ហ្វាលភ្ជាប់ `{file}` {why}";
        SafeTypes { types: String }
            => en: "attachments are published on the site's own address, where HTML, SVG or XML could run script; the types accepted are: {types}. Convert the file (e.g. print it to PDF), or, for an archive whose contributors are all trusted, list the extension in `extra_attachment_types` in site.toml",
               km: "ឯកសារភ្ជាប់ត្រូវបានផ្សាយនៅលើអាសយដ្ឋានរបស់គេហទំព័រផ្ទាល់ ដែល HTML SVG ឬ XML អាចដំណើរការស្គ្រីបបាន; ប្រភេទដែលទទួលយក៖ {types}។ បម្លែងហ្វាល (ឧ. បោះពុម្ពជា PDF) ឬសម្រាប់បណ្ណសារដែលអ្នករួមចំណែកទាំងអស់ជាអ្នកទុកចិត្ត ដាក់កន្ទុយឈ្មោះនោះក្នុង `extra_attachment_types` នៃ site.toml";
        AttachmentPaths { slug: String, section: String }
            => en: "attachment paths are relative to the document's folder, e.g. files/{slug}.pdf for content/{section}/files/{slug}.pdf",
               km: "ផ្លូវរបស់ឯកសារភ្ជាប់គិតពីថតរបស់ឯកសារ ឧទាហរណ៍ files/{slug}.pdf សម្រាប់ content/{section}/files/{slug}.pdf";
        DidYouMeanFile { file: String }
            => en: "did you mean `{file}`? (it is in the folder)",
               km: "តើអ្នកចង់សរសេរ `{file}` ឬ? (វាមាននៅក្នុងថត)";
        SameNameAttached { name: String, section: String }
            => en: "another file named `{name}` is already attached in section `{section}`",
               km: "ហ្វាលផ្សេងទៀតដែលមានឈ្មោះ `{name}` ត្រូវបានភ្ជាប់រួចហើយក្នុងថតផ្នែក `{section}`";
        NamesWithoutCase
            => en: "file names are compared without case, as Windows and macOS do; rename one of the files",
               km: "ឈ្មោះហ្វាលត្រូវប្រៀបធៀបដោយមិនបែងចែកអក្សរធំតូច ដូច Windows និង macOS; ប្តូរឈ្មោះហ្វាលមួយ";
        CannotReadPdf { name: String, detail: String }
            => en: "cannot read `{name}`: {detail}; its text, pages and preview are left out",
               km: "មិនអាចអាន `{name}` បានទេ៖ {detail}; អត្ថបទ ទំព័រ និងរូបមើលជាមុនរបស់វាមិនត្រូវបានដាក់ទេ";
        PublishedAsIs
            => en: "the file is published as it is; replace it with a readable, unprotected PDF to make it searchable",
               km: "ហ្វាលត្រូវបានផ្សាយដូចដែលវាមាន; ជំនួសវាដោយ PDF ដែលអានបាន និងគ្មានការការពារ ដើម្បីឱ្យស្វែងរកបាន";
        LegacyFont { name: String, font: String, pages: usize }
            => en: "text not searchable: {pages} page(s) of `{name}` use the legacy Khmer font {font}, which sastra cannot convert to Unicode",
               km: "ស្វែងរកអត្ថបទមិនបាន៖ {pages} ទំព័រនៃ `{name}` ប្រើពុម្ពអក្សរខ្មែរចាស់ {font} ដែល sastra មិនអាចបម្លែងទៅជាយូនីកូដបាន";
        LegacyPoor { name: String, fonts: String, pages: usize, percent: usize }
            => en: "text not searchable: {pages} page(s) of `{name}` in the legacy Khmer font {fonts} did not convert well to Unicode ({percent}% of the syllables are not valid Khmer)",
               km: "ស្វែងរកអត្ថបទមិនបាន៖ {pages} ទំព័រនៃ `{name}` ក្នុងពុម្ពអក្សរខ្មែរចាស់ {fonts} បម្លែងទៅជាយូនីកូដមិនបានល្អ ({percent}% នៃព្យាង្គមិនមែនជាអក្សរខ្មែរត្រឹមត្រូវ)";
        UseOcrOrUnicode
            => en: "run the build with --ocr (Tesseract with Khmer data) to read those pages from their image, or export the document again with a Unicode Khmer font (Khmer OS, Noto Sans Khmer)",
               km: "ដំណើរការ build ជាមួយ --ocr (Tesseract ជាមួយទិន្នន័យខ្មែរ) ដើម្បីអានទំព័រទាំងនោះពីរូបភាព ឬនាំចេញឯកសារម្តងទៀតដោយប្រើពុម្ពអក្សរខ្មែរ Unicode (Khmer OS, Noto Sans Khmer)";
        Scanned { name: String }
            => en: "no text layer: scanned, `{name}` cannot be searched",
               km: "គ្មានស្រទាប់អត្ថបទ៖ `{name}` ជារូបស្កេន ដូច្នេះស្វែងរកមិនបាន";
        UseOcr
            => en: "run the build with --ocr (Tesseract with Khmer data) to read the pages, or attach a PDF with text",
               km: "ដំណើរការ build ជាមួយ --ocr (Tesseract ជាមួយទិន្នន័យខ្មែរ) ដើម្បីអានទំព័រ ឬភ្ជាប់ PDF ដែលមានអត្ថបទ";
        OcrPartial { name: String, read: usize, unread: usize, seconds: String }
            => en: "only part of `{name}` was read by OCR: {read} scanned page(s) read, {unread} left unread when the {seconds} s one file may take ran out",
               km: "`{name}` ត្រូវបានអានដោយ OCR តែមួយផ្នែកប៉ុណ្ណោះ៖ បានអានទំព័រស្កេន {read} ទំព័រ ហើយ {unread} ទំព័រទៀតមិនទាន់បានអានទេ ព្រោះអស់ពេល {seconds} វិនាទីដែលហ្វាលមួយអាចប្រើបាន";
        Truncated { name: String, pages: usize, max: usize }
            => en: "`{name}` has {pages} pages; only the first {max} are read",
               km: "`{name}` មាន {pages} ទំព័រ; អានតែ {max} ទំព័រដំបូងប៉ុណ្ណោះ";
        SplitFile
            => en: "split the file to make the rest searchable",
               km: "បំបែកហ្វាល ដើម្បីឱ្យផ្នែកដែលនៅសល់ស្វែងរកបាន";
        NoPdftotext { count: usize }
            => en: "Poppler's pdftotext is not installed: the text, page counts and previews of {count} attached PDF(s) are left out",
               km: "មិនទាន់បានដំឡើង pdftotext របស់ Poppler ទេ៖ អត្ថបទ ចំនួនទំព័រ និងរូបមើលជាមុននៃ PDF ភ្ជាប់ចំនួន {count} មិនត្រូវបានដាក់ទេ";
        InstallPoppler
            => en: "install poppler-utils (Debian, Ubuntu: `apt-get install poppler-utils`; macOS: `brew install poppler`)",
               km: "ដំឡើង poppler-utils (Debian, Ubuntu៖ `apt-get install poppler-utils`; macOS៖ `brew install poppler`)";
        NoTesseract
            => en: "--ocr: Tesseract is not installed, scanned pages stay without text",
               km: "--ocr៖ មិនទាន់បានដំឡើង Tesseract ទេ ទំព័រស្កេននៅតែគ្មានអត្ថបទ";
        InstallTesseract
            => en: "install Tesseract with Khmer data (`apt-get install tesseract-ocr tesseract-ocr-khm`)",
               km: "ដំឡើង Tesseract ជាមួយទិន្នន័យខ្មែរ (`apt-get install tesseract-ocr tesseract-ocr-khm`)";

        // ---- body ---------------------------------------------------------
        RemoveFormFeed
            => en: "remove it (text copied from a PDF sometimes carries a form feed between pages, or a direction mark around a word)",
               km: "លុបវាចេញ (អត្ថបទដែលចម្លងពី PDF ពេលខ្លះមានតួអក្សរប្តូរទំព័រនៅចន្លោះទំព័រ ឬសញ្ញាទិសដៅនៅជុំវិញពាក្យ)";
        BodyTooDeep { depth: usize, max: usize }
            => en: "this line nests quotes or lists {depth} deep; at most {max} are allowed",
               km: "បន្ទាត់នេះមានសម្រង់ ឬបញ្ជីនៅក្នុងគ្នាជ្រៅ {depth} ជាន់; អនុញ្ញាតយ៉ាងច្រើន {max} ជាន់";
        InBody { message: Box<Message>, line: usize }
            => en: "{message} (line {line} of the body)",
               km: "{message} (បន្ទាត់ទី {line} នៃតួអត្ថបទ)";

        // ---- across documents --------------------------------------------
        LinkToMissingDocument { url: String, key: String, lang: String }
            => en: "the link `{url}` leads to content/{key}.{lang}.md, which does not exist",
               km: "តំណ `{url}` នាំទៅ content/{key}.{lang}.md ដែលមិនមានទេ";
        DidYouMeanDocument { key: String }
            => en: "did you mean `{key}`? (as content/<key>.<lang>.md)",
               km: "តើអ្នកចង់សរសេរ `{key}` ឬ? (ជា content/<key>.<ភាសា>.md)";
        LinkToUnattached { url: String, path: String }
            => en: "the link `{url}` leads to content/{path}, which no document attaches, so it is not published",
               km: "តំណ `{url}` នាំទៅ content/{path} ដែលគ្មានឯកសារណាភ្ជាប់ ដូច្នេះវាមិនត្រូវបានផ្សាយទេ";
        LinkToMissingFile { url: String, path: String }
            => en: "the link `{url}` leads to content/{path}, which does not exist",
               km: "តំណ `{url}` នាំទៅ content/{path} ដែលមិនមានទេ";
        ListToPublish
            => en: "list the file under `attachments:` to publish it",
               km: "ដាក់ហ្វាលនោះក្រោម `attachments:` ដើម្បីផ្សាយវា";
        LinkOutsideContent { url: String }
            => en: "the link `{url}` leads outside content/",
               km: "តំណ `{url}` នាំចេញក្រៅ content/";
        RootLink { url: String }
            => en: "the link `{url}` starts with `/` and breaks when the site is served from a subpath",
               km: "តំណ `{url}` ចាប់ផ្តើមដោយ `/` ហើយនឹងខូចពេលគេហទំព័រនៅក្នុងថតរង";
        LinkToFile
            => en: "link to the document's file instead, e.g. ../reports/anfrel-2017.en.md",
               km: "ភ្ជាប់តំណទៅហ្វាលរបស់ឯកសារជំនួសវិញ ឧទាហរណ៍ ../reports/anfrel-2017.en.md";
        SlugShared { slug: String, other: String }
            => en: "the slug `{slug}` is also used by {other}",
               km: "slug `{slug}` ក៏ត្រូវបានប្រើដោយ {other} ដែរ";
        OwnSlug
            => en: "give each document its own slug, e.g. by starting it with its date",
               km: "ឱ្យឯកសារនីមួយៗមាន slug ផ្ទាល់ខ្លួន ឧទាហរណ៍ ដោយចាប់ផ្តើមវាដោយកាលបរិច្ឆេទ";
        DateDiffers { date: String, other: String, path: String }
            => en: "the date {date} differs from {other} in {path}",
               km: "កាលបរិច្ឆេទ {date} ខុសពី {other} ក្នុង {path}";
        ShareDate
            => en: "the language versions of a document share its date",
               km: "កំណែភាសានីមួយៗនៃឯកសារមួយ ត្រូវមានកាលបរិច្ឆេទដូចគ្នា";
        TypeDiffers { doc_type: String, other: String, path: String }
            => en: "the type `{doc_type}` differs from `{other}` in {path}",
               km: "ប្រភេទ `{doc_type}` ខុសពី `{other}` ក្នុង {path}";
        ShareType
            => en: "the language versions of a document share its type",
               km: "កំណែភាសានីមួយៗនៃឯកសារមួយ ត្រូវមានប្រភេទដូចគ្នា";
        OrganizationDiffers { path: String }
            => en: "the organization differs from the one in {path}",
               km: "ស្ថាប័នខុសពីស្ថាប័នក្នុង {path}";
        NoVersion { language: Word }
            => en: "there is no {language} version of this document",
               km: "ឯកសារនេះមិនទាន់មានកំណែជាភាសា{language}ទេ";
        AddVersion { path: String }
            => en: "add {path} to translate it",
               km: "បន្ថែម {path} ដើម្បីបកប្រែវា";
        RawHtml { tag: String }
            => en: "the raw HTML `{tag}` is shown as text: sanitised, it would hide everything after it",
               km: "HTML `{tag}` ត្រូវបានបង្ហាញជាអត្ថបទ៖ បើសម្អាតវា វានឹងលាក់អ្វីៗទាំងអស់បន្ទាប់ពីវា";
        WriteMarkdown
            => en: "write the content in Markdown; raw HTML is trusted only with `allow_raw_html = true` in site.toml",
               km: "សរសេរខ្លឹមសារជា Markdown; HTML ត្រូវបានទុកចិត្តតែពេលមាន `allow_raw_html = true` ក្នុង site.toml";
        WrongScript { lang: String }
            => en: "the title does not look like it is written in `{lang}`",
               km: "ចំណងជើងហាក់ដូចជាមិនបានសរសេរជាភាសា `{lang}` ទេ";
        OwnLanguage
            => en: "each language file holds the text in its own language; the other language goes in the other file",
               km: "ហ្វាលភាសានីមួយៗមានអត្ថបទជាភាសារបស់វា; ភាសាមួយទៀតដាក់ក្នុងហ្វាលមួយទៀត";
        UrlClaimed { url: String, other: Word }
            => en: "this document's URL /{url} is also {other}",
               km: "URL /{url} របស់ឯកសារនេះក៏ជា{other}ដែរ";
        MoveOrRename
            => en: "a document's URL is /<lang>/<section>/<slug>/: move it to another section folder or rename the file",
               km: "URL របស់ឯកសារគឺ /<ភាសា>/<ថតផ្នែក>/<slug>/៖ ផ្លាស់វាទៅថតផ្នែកផ្សេង ឬប្តូរឈ្មោះហ្វាល";
        UrlTwice { url: String }
            => en: "the URL /{url} is produced twice",
               km: "URL /{url} ត្រូវបានបង្កើតពីរដង";

        // ---- aliases: a document's old addresses ----------------------------
        AliasClaimed { url: String, other: Word }
            => en: "the alias /{url} is also {other}",
               km: "alias /{url} ក៏ជា{other}ដែរ";
        AliasRemove
            => en: "an alias is an old address that no page has now: remove it, or correct it",
               km: "alias គឺជាអាសយដ្ឋានចាស់ដែលគ្មានទំព័រណាប្រើឥឡូវនេះ៖ លុបវាចេញ ឬកែវា";
        AliasTwice { given: String }
            => en: "the alias `{given}` is listed twice",
               km: "alias `{given}` ត្រូវបានរាយពីរដង";
        AliasOtherSite { given: String }
            => en: "`{given}` is an address on another site; an alias is an old address of this site",
               km: "`{given}` ជាអាសយដ្ឋាននៅលើគេហទំព័រផ្សេង៖ alias គឺជាអាសយដ្ឋានចាស់នៃគេហទំព័រនេះ";
        AliasQueryOrFragment { given: String }
            => en: "`{given}` has a query or a fragment (`?`, `#`); an alias is a plain path",
               km: "`{given}` មាន query ឬ fragment (`?`, `#`)៖ alias គឺជាផ្លូវធម្មតា";
        AliasRoot { given: String }
            => en: "`{given}` is the site's root, which is never a document's old address",
               km: "`{given}` គឺជាឫសនៃគេហទំព័រ ដែលមិនដែលជាអាសយដ្ឋានចាស់របស់ឯកសារទេ";
        AliasUnsafePart { given: String, part: String }
            => en: "`{given}` has the part `{part}`; a path's parts may use only ASCII letters, digits, `-`, `_`, `.` and `~`, and may not be `.` or `..`",
               km: "`{given}` មានផ្នែក `{part}`៖ ផ្នែកនីមួយៗនៃផ្លូវអាចប្រើតែអក្សរ ASCII លេខ `-` `_` `.` និង `~` ហើយមិនអាចជា `.` ឬ `..` ទេ";
        AliasNotAPage { given: String }
            => en: "`{given}` names a file that is not a page; an alias is a folder (ending in `/`) or an `.html` file",
               km: "`{given}` ដាក់ឈ្មោះហ្វាលដែលមិនមែនជាទំព័រ៖ alias គឺជាថត (បញ្ចប់ដោយ `/`) ឬហ្វាល `.html`";
        AliasReserved { given: String, folder: String }
            => en: "`{given}` is inside `{folder}/`, where the build publishes files, not pages",
               km: "`{given}` នៅក្នុង `{folder}/` ដែលការបង្កើតគេហទំព័រដាក់ហ្វាល មិនមែនទំព័រ";
        AliasHint
            => en: "write the old path as it was on this site, e.g. /km/announcements/2023-old-slug/",
               km: "សរសេរផ្លូវចាស់ដូចដែលវាធ្លាប់មាននៅលើគេហទំព័រនេះ ឧ. /km/announcements/2023-old-slug/";

        // ---- site.toml ------------------------------------------------------
        RepositoryNotHttps { given: String }
            => en: "repository `{given}` is not the https address of a repository",
               km: "repository `{given}` មិនមែនជាអាសយដ្ឋាន https របស់ឃ្លាំង (repository) ទេ";
        RepositoryUnknownForge { given: String }
            => en: "repository `{given}` is not on GitHub, GitLab or Codeberg, whose editing links are known",
               km: "repository `{given}` មិននៅលើ GitHub, GitLab ឬ Codeberg ដែលស្គាល់តំណកែសម្រួលទេ";
        RepositoryForms
            => en: "write the repository's address as the forge shows it, e.g. repository = \"https://github.com/owner/archive\" (and repository_branch = \"main\" if the branch is another)",
               km: "សរសេរអាសយដ្ឋានឃ្លាំងដូចដែលគេហទំព័រ forge បង្ហាញ ឧទាហរណ៍ repository = \"https://github.com/owner/archive\" (និង repository_branch = \"main\" បើសាខាជាសាខាផ្សេង)";
        CannotReadConfig { detail: String }
            => en: "cannot read the site configuration: {detail}",
               km: "មិនអាចអានការកំណត់គេហទំព័របានទេ៖ {detail}";
        ConfigFile { why: Word }
            => en: "the file site.toml {why}",
               km: "ហ្វាល site.toml {why}";
        RunFromRoot
            => en: "run sastra from the archive's root folder, or pass --root",
               km: "ដំណើរការ sastra ពីថតឫសរបស់បណ្ណសារ ឬប្រើ --root";
        RootFolder { why: Word }
            => en: "the root folder {why}",
               km: "ថតឫស {why}";
        Toml { detail: String }
            => en: "{detail}",
               km: "ការសរសេរ TOML មិនត្រឹមត្រូវ៖ {detail}";
        InvalidBaseUrl { given: String, detail: String }
            => en: "base URL `{given}` is not a valid URL: {detail}",
               km: "base URL `{given}` មិនមែនជា URL ត្រឹមត្រូវទេ៖ {detail}";
        BaseUrlNotWeb { given: String }
            => en: "base URL `{given}` must be an http or https address",
               km: "base URL `{given}` ត្រូវតែជាអាសយដ្ឋាន http ឬ https";
        BaseUrlQuery { given: String }
            => en: "base URL `{given}` must not have a query or fragment",
               km: "base URL `{given}` មិនត្រូវមាន query (?) ឬ fragment (#) ទេ";
        NoLanguages
            => en: "no [[languages]] are declared",
               km: "មិនទាន់បានប្រកាស [[languages]] ណាមួយទេ";
        BadLanguageCode { code: String }
            => en: "language code `{code}` must be lowercase ASCII letters",
               km: "កូដភាសា `{code}` ត្រូវតែជាអក្សរឡាតាំងតូច";
        DefaultLanguageUndeclared { code: String }
            => en: "default language `{code}` is not among the declared languages",
               km: "ភាសាលំនាំដើម `{code}` មិនស្ថិតក្នុងចំណោមភាសាដែលបានប្រកាសទេ";
        BadTheme { theme: String }
            => en: "theme `{theme}` must be the name of a folder in themes/: lowercase ASCII letters, digits and hyphens",
               km: "theme `{theme}` ត្រូវតែជាឈ្មោះថតមួយក្នុង themes/៖ អក្សរឡាតាំងតូច លេខ និងសញ្ញា -";
        PageSize
            => en: "page size must be at least 1",
               km: "page_size ត្រូវតែយ៉ាងតិច 1";
        BadTermKey { taxonomy: Word, key: String }
            => en: "{taxonomy} key `{key}` must use lowercase ASCII letters, digits and hyphens",
               km: "តម្លៃ{taxonomy} `{key}` ត្រូវប្រើតែអក្សរឡាតាំងតូច លេខ និងសញ្ញា -";
        NoLabel { taxonomy: Word, key: String, code: String }
            => en: "{taxonomy} `{key}` has no label in `{code}`",
               km: "{taxonomy} `{key}` មិនមានស្លាកជាភាសា `{code}` ទេ";
        LabelEveryLanguage { example: String }
            => en: "every label is given in every language, e.g. {example}",
               km: "ស្លាកនីមួយៗត្រូវមានក្នុងគ្រប់ភាសា ឧទាហរណ៍ {example}";
        EventNotADay { date: String }
            => en: "event date `{date}` is not a day: an event is marked on the day it happened",
               km: "កាលបរិច្ឆេទព្រឹត្តិការណ៍ `{date}` មិនមែនជាថ្ងៃទេ៖ ព្រឹត្តិការណ៍ត្រូវកត់ត្រានៅថ្ងៃដែលវាកើតឡើង";
        WriteDay
            => en: "write the date as YYYY-MM-DD",
               km: "សរសេរកាលបរិច្ឆេទជា YYYY-MM-DD";
        EventDate { problem: Box<Message> }
            => en: "event date: {problem}",
               km: "កាលបរិច្ឆេទព្រឹត្តិការណ៍៖ {problem}";
        EventNoLabel { date: String, code: String }
            => en: "event of {date} has no label in `{code}`",
               km: "ព្រឹត្តិការណ៍ថ្ងៃ {date} មិនមានស្លាកជាភាសា `{code}` ទេ";
        EventLabelEveryLanguage { example: String }
            => en: "every event is labelled in every language, e.g. {example}",
               km: "ព្រឹត្តិការណ៍នីមួយៗត្រូវមានស្លាកក្នុងគ្រប់ភាសា ឧទាហរណ៍ {example}";

        // ---- the theme --------------------------------------------------------
        ThemeFolder { what: String, why: Word }
            => en: "{what} {why}",
               km: "{what} {why}";
        CannotReadThemeFile { detail: String }
            => en: "cannot read the theme file: {detail}",
               km: "មិនអាចអានហ្វាលរបស់ theme បានទេ៖ {detail}";
        CannotReadTemplates { detail: String }
            => en: "cannot read the theme's templates: {detail}",
               km: "មិនអាចអានគំរូទំព័រ (templates) របស់ theme បានទេ៖ {detail}";
        ThemeHint
            => en: "a site picks its theme with `theme = \"…\"` in site.toml; it lives in themes/<theme>/",
               km: "គេហទំព័រជ្រើសរើស theme ដោយ `theme = \"…\"` ក្នុង site.toml; វានៅក្នុង themes/<theme>/";
        TemplateDoesNotCompile { detail: String }
            => en: "a template does not compile: {detail}",
               km: "គំរូទំព័រ (template) មួយមិនអាចចងក្រងបានទេ៖ {detail}";
        StringsNotUtf8 { code: String, detail: String }
            => en: "the theme's strings for `{code}` are not UTF-8: {detail}",
               km: "ពាក្យរបស់ theme សម្រាប់ `{code}` មិនមែនជា UTF-8 ទេ៖ {detail}";
        CannotReadStrings { code: String, detail: String }
            => en: "cannot read the theme's strings for `{code}`: {detail}",
               km: "មិនអាចអានពាក្យរបស់ theme សម្រាប់ `{code}` បានទេ៖ {detail}";
        TwelveMonths
            => en: "`months` must list twelve month names",
               km: "`months` ត្រូវតែមានឈ្មោះខែដប់ពីរ";
        StringsToml { detail: String }
            => en: "{detail}",
               km: "ការសរសេរ TOML មិនត្រឹមត្រូវ៖ {detail}";
        StringMissing { key: String }
            => en: "the string `{key}` is missing",
               km: "ខ្វះពាក្យ `{key}`";

        TemplateCalls { function: String, why: Word }
            => en: "the template calls `{function}()`: {why}",
               km: "គំរូទំព័រហៅ `{function}()`៖ {why}";
        ThemeMayCall { allowed: String }
            => en: "a theme may call only {allowed}; pass what the page needs from sastra's data instead",
               km: "theme អាចហៅបានតែ {allowed}; ផ្តល់អ្វីដែលទំព័រត្រូវការពីទិន្នន័យរបស់ sastra ជំនួសវិញ";
        TemplateNotUtf8
            => en: "the template is not valid UTF-8 text",
               km: "គំរូទំព័រនេះមិនមែនជាអត្ថបទ UTF-8 ត្រឹមត្រូវទេ";
        LockIsLink
            => en: "the build's lock file is a symbolic link; every build refuses to use it",
               km: "ហ្វាលចាក់សោរបស់ build ជាតំណ symbolic link; build នីមួយៗបដិសេធមិនប្រើវាទេ";
        LockNotAFile
            => en: "the build's lock file is not a regular file; every build refuses to use it",
               km: "ហ្វាលចាក់សោរបស់ build មិនមែនជាហ្វាលធម្មតាទេ; build នីមួយៗបដិសេធមិនប្រើវាទេ";
        DeleteLock
            => en: "delete it: each build makes its own lock, and a lock is never committed",
               km: "លុបវាចោល៖ build នីមួយៗបង្កើតសោផ្ទាល់ខ្លួន ហើយសោមិនដែលត្រូវ commit ទេ";
        CacheLink { path: String }
            => en: "`{path}` is a symbolic link; the cache must be a plain folder of the archive",
               km: "`{path}` ជាតំណ symbolic link; ឃ្លាំងសម្ងាត់ (cache) ត្រូវតែជាថតធម្មតារបស់បណ្ណសារ";
        CacheNotAFolder { path: String, kind: Word }
            => en: "`{path}` is {kind}, not a folder",
               km: "`{path}` ជា{kind} មិនមែនជាថតទេ";
        CacheTracked { count: usize, first: String }
            => en: "{count} file(s) of the PDF cache are committed to git (the first: `{first}`); a committed cache could give any PDF false text or publish a file of the build machine",
               km: "ហ្វាល {count} នៃឃ្លាំងសម្ងាត់ PDF ត្រូវបាន commit ទៅ git (ទីមួយ៖ `{first}`); ឃ្លាំងសម្ងាត់ដែលបាន commit អាចផ្តល់អត្ថបទក្លែងក្លាយដល់ PDF ឬផ្សាយហ្វាលរបស់ម៉ាស៊ីន build";
        CacheDelete
            => en: "delete it; the build makes the cache itself (`rm .sastra-cache`)",
               km: "លុបវាចោល; build បង្កើតឃ្លាំងសម្ងាត់ដោយខ្លួនឯង (`rm .sastra-cache`)";
        CacheUntrack
            => en: "remove it from the commit: `git rm -r --cached .sastra-cache` (the folder is in .gitignore; only the build writes it)",
               km: "ដកវាចេញពី commit៖ `git rm -r --cached .sastra-cache` (ថតនេះនៅក្នុង .gitignore; មានតែ build ទេដែលសរសេរវា)";
        PdfBudgetHint { variable: String }
            => en: "the file is published as it is, and later builds do not try again; a smaller or simpler PDF (fewer, smaller pages) reads in time, or a build machine can give each file more seconds with {variable}",
               km: "ហ្វាលត្រូវបានផ្សាយដូចដែលវាមាន ហើយ build ក្រោយៗមិនព្យាយាមម្តងទៀតទេ; PDF ដែលតូចជាង ឬសាមញ្ញជាង (ទំព័រតិចជាង តូចជាង) អានទាន់ពេល ឬម៉ាស៊ីន build អាចផ្តល់វិនាទីបន្ថែមដល់ហ្វាលនីមួយៗដោយ {variable}";
        TermKeyNotPortable { taxonomy: Word, key: String, reason: Word }
            => en: "{taxonomy} key `{key}` {reason}",
               km: "តម្លៃ{taxonomy} `{key}` {reason}";
        NameIt { name: String }
            => en: "name it `{name}`",
               km: "ដាក់ឈ្មោះវាថា `{name}`";
        FutureDate { date: String, today: String }
            => en: "the date {date} is in the future (today is {today})",
               km: "កាលបរិច្ឆេទ {date} នៅថ្ងៃអនាគត (ថ្ងៃនេះគឺ {today})";
        CheckYear
            => en: "check the year for a typo; a document is dated by the day it was issued",
               km: "ពិនិត្យមើលឆ្នាំ ក្រែងលោវាយខុស; ឯកសារត្រូវដាក់កាលបរិច្ឆេទតាមថ្ងៃដែលវាត្រូវបានចេញ";
        BeforeFirstYear { date: String, first_year: String }
            => en: "the date {date} is before {first_year}, the archive's first year",
               km: "កាលបរិច្ឆេទ {date} នៅមុនឆ្នាំ {first_year} ដែលជាឆ្នាំដំបូងរបស់បណ្ណសារ";
        CheckYearOrFirstYear
            => en: "check the year for a typo, or set `first_year` in site.toml to an earlier year",
               km: "ពិនិត្យមើលឆ្នាំ ក្រែងលោវាយខុស ឬកំណត់ `first_year` ក្នុង site.toml ទៅឆ្នាំមុននេះ";
        FileTooLong { megabytes: u64 }
            => en: "the file is longer than {megabytes} MB; its text passes the limit on this line",
               km: "ហ្វាលនេះវែងជាង {megabytes} MB; អត្ថបទរបស់វាហួសដែនកំណត់នៅបន្ទាត់នេះ";
        AttachFullText
            => en: "attach the full text as a PDF and keep a summary here, or split the document into parts",
               km: "ភ្ជាប់អត្ថបទពេញជា PDF ហើយទុកសេចក្តីសង្ខេបនៅទីនេះ ឬបំបែកឯកសារជាផ្នែកៗ";

        // ---- the command line ----------------------------------------------
        BaseUrlFlag { problem: Box<Message> }
            => en: "{problem}",
               km: "{problem}";
        ShardFlag { given: String, max: u16 }
            => en: "--shard `{given}` must be K/N, shard K of N: whole numbers with 1 ≤ K ≤ N ≤ {max} (e.g. --shard 2/8)",
               km: "--shard `{given}` ត្រូវសរសេរជា K/N ពោលគឺចំណែកទី K ក្នុងចំណោម N ចំណែក៖ ជាចំនួនគត់ ដែល K ចាប់ពី ១ ដល់ N ហើយ N មិនលើសពី {max} (ឧទាហរណ៍ --shard 2/8)";

        // ---- cache merge -----------------------------------------------------
        NotACacheToMerge { path: String }
            => en: "`{path}` is not a cache to merge: give a plain folder (not a link) that holds `attachments/`, as `.sastra-cache` does",
               km: "`{path}` មិនមែនជាឃ្លាំងសម្ងាត់ (cache) ដែលអាចបញ្ចូលបានទេ៖ ផ្តល់ថតធម្មតា (មិនមែនតំណ) ដែលមាន `attachments/` ដូច `.sastra-cache`";
        CacheEntriesRefused { count: usize, first: String }
            => en: "{count} file(s) here are not well-formed readings of this version of sastra and were left out (the first: `{first}`); the next build reads any PDF they were for again",
               km: "ហ្វាល {count} នៅទីនេះមិនមែនជាលទ្ធផលអានត្រឹមត្រូវរបស់ sastra កំណែនេះទេ ហើយត្រូវបានទុកចោល (ទីមួយ៖ `{first}`); build បន្ទាប់នឹងអាន PDF ដែលវាសម្រាប់ម្តងទៀត";
        CacheCannotMake { path: String }
            => en: "cannot make the cache folder `{path}`: the archive's folder is not writable",
               km: "មិនអាចបង្កើតថតឃ្លាំងសម្ងាត់ `{path}` បានទេ៖ ថតរបស់បណ្ណសារមិនអាចសរសេរបាន";

        // ---- new ------------------------------------------------------------
        TitleForm { entry: String }
            => en: "--title `{entry}` must be written LANG=TITLE, e.g. km=\"…\"",
               km: "--title `{entry}` ត្រូវសរសេរជា ភាសា=ចំណងជើង ឧទាហរណ៍ km=\"…\"";
        NoTitle
            => en: "give the document's title, e.g. --title km=\"…\" --title en=\"…\"",
               km: "ផ្តល់ចំណងជើងឯកសារ ឧទាហរណ៍ --title km=\"…\" --title en=\"…\"";
        NewExists { path: String }
            => en: "{path} already exists; sastra new never overwrites a file",
               km: "{path} មានរួចហើយ; sastra new មិនដែលសរសេរជាន់លើហ្វាលទេ";
        NewExistsHint
            => en: "choose another --slug, or rename the file to attach; a file already in files/ can be listed under `attachments:` by hand",
               km: "ជ្រើស --slug ផ្សេង ឬប្តូរឈ្មោះហ្វាលដែលត្រូវភ្ជាប់; ហ្វាលដែលមានក្នុង files/ រួចហើយ អាចដាក់ក្រោម `attachments:` ដោយដៃ";
        CannotAttach { path: String, detail: String }
            => en: "cannot attach {path}: {detail}",
               km: "មិនអាចភ្ជាប់ {path} បានទេ៖ {detail}";
        AttachNotAFile { path: String }
            => en: "cannot attach {path}: it is not a regular file",
               km: "មិនអាចភ្ជាប់ {path} បានទេ៖ វាមិនមែនជាហ្វាលធម្មតាទេ";
        AttachRefused { path: String, problem: Box<Message> }
            => en: "cannot attach {path}: {problem}",
               km: "មិនអាចភ្ជាប់ {path} បានទេ៖ {problem}";
        SameNameNew { first: String, second: String, name: String }
            => en: "{first} and {second} would both be published as files/{name}",
               km: "{first} និង {second} នឹងត្រូវផ្សាយជា files/{name} ទាំងពីរ";
        NewRejected { count: usize }
            => en: "the new document would not pass `sastra check` ({count} error(s))",
               km: "ឯកសារថ្មីនឹងមិនឆ្លងកាត់ `sastra check` ទេ (កំហុស {count})";
        NewScratch { detail: String }
            => en: "cannot check the new document in a scratch folder: {detail}",
               km: "មិនអាចពិនិត្យឯកសារថ្មីក្នុងថតបណ្តោះអាសន្នបានទេ៖ {detail}";
        NeverOverwritten { path: String }
            => en: "{path} already exists; nothing is ever overwritten",
               km: "{path} មានរួចហើយ; គ្មានអ្វីត្រូវបានសរសេរជាន់លើទេ";
        CannotWrite { path: String, detail: String }
            => en: "cannot write {path}: {detail}",
               km: "មិនអាចសរសេរ {path} បានទេ៖ {detail}";
        CannotReadPath { path: String, detail: String }
            => en: "cannot read {path}: {detail}",
               km: "មិនអាចអាន {path} បានទេ៖ {detail}";
        PathRefused { path: String, why: Word }
            => en: "{path} {why}",
               km: "{path} {why}";

        // ---- legacy-font Khmer ---------------------------------------------
        LegacyBody { font: String, lines: usize }
            => en: "the text looks typed in a pre-Unicode Khmer font ({font}): {lines} line(s) show Latin letters where Khmer should be, and readers and search see them as Latin",
               km: "អត្ថបទនេះហាក់ដូចជាវាយដោយពុម្ពអក្សរខ្មែរចាស់ មុនយូនីកូដ ({font})៖ មាន {lines} បន្ទាត់ដែលបង្ហាញអក្សរឡាតាំងនៅកន្លែងដែលគួរតែជាអក្សរខ្មែរ ហើយអ្នកអាន និងការស្វែងរក ឃើញវាជាអក្សរឡាតាំង";
        LegacyField { field: String, font: String }
            => en: "the value of `{field}` looks typed in a pre-Unicode Khmer font ({font}): Latin letters stand where Khmer should be",
               km: "តម្លៃរបស់ `{field}` ហាក់ដូចជាវាយដោយពុម្ពអក្សរខ្មែរចាស់ មុនយូនីកូដ ({font})៖ មានអក្សរឡាតាំងនៅកន្លែងដែលគួរតែជាអក្សរខ្មែរ";
        ConvertLegacyHint { command: String }
            => en: "convert it to Unicode with `{command}`, which shows every line it changes; read the result before you commit it",
               km: "បម្លែងវាទៅជាយូនីកូដដោយប្រើ `{command}` ដែលបង្ហាញបន្ទាត់នីមួយៗដែលវាផ្លាស់ប្តូរ; សូមអានលទ្ធផលឡើងវិញ មុននឹងរក្សាទុក (commit)";
        NotKhmerDocument { path: String }
            => en: "{path} is not a Khmer document (its name does not end in .km.md); only Khmer text is converted",
               km: "{path} មិនមែនជាឯកសារភាសាខ្មែរទេ (ឈ្មោះរបស់វាមិនបញ្ចប់ដោយ .km.md); មានតែអត្ថបទខ្មែរទេដែលត្រូវបានបម្លែង";
        NotADocument { path: String }
            => en: "{path} is not a document: it has no front matter between `---` lines",
               km: "{path} មិនមែនជាឯកសារទេ៖ វាគ្មានផ្នែកព័ត៌មានខាងលើនៅចន្លោះបន្ទាត់ `---` ទេ";

        // ---- import -----------------------------------------------------------
        CsvHeader { detail: String }
            => en: "cannot read the header line: {detail}",
               km: "មិនអាចអានបន្ទាត់ក្បាលតារាងបានទេ៖ {detail}";
        CsvRow { detail: String }
            => en: "cannot read this row: {detail}",
               km: "មិនអាចអានជួរនេះបានទេ៖ {detail}";
        CsvCells { cells: usize, header: usize }
            => en: "the row has {cells} cells, the header {header}",
               km: "ជួរនេះមាន {cells} ក្រឡា ក្បាលតារាងមាន {header}";
        CsvQuoting
            => en: "a cell holding a comma, a quote or a line break must be in double quotes, a quote in it doubled (\"\")",
               km: "ក្រឡាដែលមានសញ្ញាក្បៀស សញ្ញាសម្រង់ ឬការចុះបន្ទាត់ ត្រូវនៅក្នុងសញ្ញាសម្រង់ពីរ ហើយសញ្ញាសម្រង់ក្នុងនោះត្រូវសរសេរពីរដង (\"\")";
        CsvNoRows
            => en: "the catalogue has no rows below its header",
               km: "តារាងគ្មានជួរណានៅក្រោមក្បាលតារាងទេ";
        CsvCannotRead { detail: String }
            => en: "cannot read the catalogue: {detail}",
               km: "មិនអាចអានតារាងបានទេ៖ {detail}";
        CsvNotUtf8
            => en: "the catalogue is not UTF-8 text",
               km: "តារាងនេះមិនមែនជាអត្ថបទ UTF-8 ទេ";
        SaveCsvUtf8
            => en: "save the spreadsheet as \"CSV UTF-8\"",
               km: "រក្សាទុកតារាងជា \"CSV UTF-8\"";
        ColumnTwice { name: String }
            => en: "the column `{name}` is named twice",
               km: "ជួរឈរ `{name}` មានឈ្មោះពីរដង";
        UnknownColumn { name: String }
            => en: "unknown column `{name}`",
               km: "មិនស្គាល់ជួរឈរ `{name}` ទេ";
        ColumnsAre { columns: String }
            => en: "the columns are: {columns}",
               km: "ជួរឈរដែលមាន៖ {columns}";
        NoColumn { name: String }
            => en: "the catalogue has no `{name}` column",
               km: "តារាងគ្មានជួរឈរ `{name}` ទេ";
        RequiredColumns { columns: String }
            => en: "every document needs one; the columns that must be there: {columns}",
               km: "ឯកសារនីមួយៗត្រូវការវា; ជួរឈរដែលត្រូវតែមាន៖ {columns}";
        RowMakesSame { line: usize, path: String }
            => en: "line {line} already makes content/{path}",
               km: "បន្ទាត់ទី {line} បង្កើត content/{path} រួចហើយ";
        DocumentExists { path: String }
            => en: "content/{path} already exists; import never overwrites a document",
               km: "content/{path} មានរួចហើយ; import មិនដែលសរសេរជាន់លើឯកសារទេ";
        CellControlCharacter { code: String }
            => en: "contains the control character {code}, which no page, feed or spreadsheet can show",
               km: "មានតួអក្សរបញ្ជា {code} ដែលគ្មានទំព័រ feed ឬតារាងណាអាចបង្ហាញបានទេ";
        RemoveFromCell
            => en: "remove it from the spreadsheet's cell",
               km: "លុបវាចេញពីក្រឡាតារាង";
        SectionEmpty
            => en: "is empty: the section folder under content/, e.g. announcements",
               km: "ទទេ៖ ត្រូវដាក់ថតផ្នែកក្រោម content/ ឧទាហរណ៍ announcements";
        NotALanguageOf { lang: String, codes: String }
            => en: "`{lang}` is not a language of this site ({codes})",
               km: "`{lang}` មិនមែនជាភាសារបស់គេហទំព័រនេះទេ ({codes})";
        NoSlugFromRow
            => en: "is empty, and no slug can be made from the row's date and (English) title",
               km: "ទទេ ហើយមិនអាចបង្កើត slug ពីកាលបរិច្ឆេទ និងចំណងជើង (អង់គ្លេស) របស់ជួរបានទេ";
        NotABool { value: String }
            => en: "`{value}` is neither `true` nor `false`",
               km: "`{value}` មិនមែន `true` ឬ `false` ទេ";
        ValuesPerFile { values: usize, files: usize, separator: String }
            => en: "has {values} value(s) for {files} attachment(s); separate one per file with `{separator}`, in the order of `attachments`",
               km: "មានតម្លៃ {values} សម្រាប់ឯកសារភ្ជាប់ {files}; បំបែកតម្លៃមួយសម្រាប់ហ្វាលនីមួយៗដោយ `{separator}` តាមលំដាប់នៃ `attachments`";
        NotInCatalogueFolder { file: String }
            => en: "`{file}` must be a path inside the catalogue's folder (no `..`, no absolute path)",
               km: "`{file}` ត្រូវតែជាផ្លូវក្នុងថតរបស់តារាង (គ្មាន `..` គ្មានផ្លូវពេញ)";
        CatalogueFile { file: String, why: Word }
            => en: "`{file}` {why}",
               km: "`{file}` {why}";
        BothPublishedAs { file: String, other: String, target: String }
            => en: "`{file}` and {other} would both be published as content/{target}",
               km: "`{file}` និង {other} នឹងត្រូវផ្សាយជា content/{target} ទាំងពីរ";
        FileExists { path: String }
            => en: "content/{path} already exists; import never overwrites a file",
               km: "content/{path} មានរួចហើយ; import មិនដែលសរសេរជាន់លើហ្វាលទេ";
        RenameOrList
            => en: "rename the file to attach, or list the existing one by hand",
               km: "ប្តូរឈ្មោះហ្វាលដែលត្រូវភ្ជាប់ ឬដាក់ហ្វាលដែលមានស្រាប់ក្នុងបញ្ជីដោយដៃ";
        CatalogueErrors { count: usize }
            => en: "the catalogue has {count} error(s); nothing was written",
               km: "កាតាឡុកមានកំហុស {count}; គ្មានអ្វីត្រូវបានសរសេរទេ";
        ImportFolder { path: String, why: Word }
            => en: "the catalogue's folder {path} {why}",
               km: "ថតរបស់កាតាឡុក {path} {why}";
        ImportScratch { detail: String }
            => en: "cannot check the new documents in a scratch folder: {detail}",
               km: "មិនអាចពិនិត្យឯកសារថ្មីក្នុងថតបណ្តោះអាសន្នបានទេ៖ {detail}";
        ImportUndone { problem: Box<Message> }
            => en: "{problem}; the files written before it were removed again",
               km: "{problem}; ហ្វាលដែលបានសរសេររួចមុននោះត្រូវបានលុបចេញវិញ";
        // Why a build could not write the site (`output::writer`, `build`).
        OutputIsSource { output: String, source: String }
            => en: "the output {output} is the archive's own {source}: building there would delete it",
               km: "ថតលទ្ធផល {output} គឺជា {source} ផ្ទាល់របស់បណ្ណសារ៖ ការ build នៅទីនោះនឹងលុបវាចោល";
        OutputHoldsSources { output: String, source: String }
            => en: "the output {output} holds the archive's sources ({source}): building there would delete them",
               km: "ថតលទ្ធផល {output} ផ្ទុកប្រភពរបស់បណ្ណសារ ({source})៖ ការ build នៅទីនោះនឹងលុបវាចោល";
        OutputInsideSources { output: String, source: String }
            => en: "the output {output} lies inside the archive's {source}: the site would become part of its own sources",
               km: "ថតលទ្ធផល {output} ស្ថិតនៅក្នុង {source} របស់បណ្ណសារ៖ គេហទំព័រនឹងក្លាយជាផ្នែកមួយនៃប្រភពរបស់ខ្លួនឯង";
        OutputIsAFile { output: String }
            => en: "the output {output} is a file, not a folder",
               km: "ថតលទ្ធផល {output} ជាហ្វាល មិនមែនជាថតទេ";
        OutputForbidden { output: String, what: Word }
            => en: "the output {output} is {what}: building there would delete everything in it",
               km: "ថតលទ្ធផល {output} គឺជា{what}៖ ការ build នៅទីនោះនឹងលុបអ្វីៗទាំងអស់នៅក្នុងនោះ";
        OutputNotOurs { output: String, marker: String }
            => en: "the output {output} is a folder that sastra did not write (it has no {marker}); building there would delete its files",
               km: "ថតលទ្ធផល {output} ជាថតដែល sastra មិនបានសរសេរ (វាគ្មាន {marker} ទេ); ការ build នៅទីនោះនឹងលុបហ្វាលរបស់វា";
        ChooseAnotherOutput
            => en: "empty it, or choose another folder with --output",
               km: "សម្អាតវា ឬជ្រើសថតផ្សេងដោយ --output";
        OutputBusy { output: String, lock: String }
            => en: "another build is writing to {output} (lock {lock})",
               km: "build មួយទៀតកំពុងសរសេរទៅ {output} (សោ {lock})";
        WaitForBuild
            => en: "wait for that build to finish, or stop it, then build again",
               km: "រង់ចាំ build នោះបញ្ចប់ ឬបញ្ឈប់វា រួច build ម្តងទៀត";
        OutputLock { lock: String, kind: Word }
            => en: "the lock {lock} is {kind}, not a file sastra made",
               km: "សោ {lock} គឺជា{kind} មិនមែនជាហ្វាលដែល sastra បានបង្កើតទេ";
        CannotRender { page: String, detail: String }
            => en: "cannot render {page}: {detail}",
               km: "មិនអាចបង្កើតទំព័រ {page} បានទេ៖ {detail}";
        ArchiveErrors { count: usize }
            => en: "the archive has {count} error(s)",
               km: "បណ្ណសារមានកំហុស {count}";
        // `sastra new --attach`: what an attached PDF says about itself.
        PdfTitle { title: String }
            => en: "the PDF's title is “{title}”",
               km: "ចំណងជើងរបស់ PDF គឺ “{title}”";
        PdfNoTitle
            => en: "the PDF has no title of its own",
               km: "PDF គ្មានចំណងជើងផ្ទាល់ខ្លួនទេ";
        PdfCreated { day: String }
            => en: "its creation date is {day}",
               km: "កាលបរិច្ឆេទបង្កើតរបស់វាគឺ {day}";
        PdfModified { day: String }
            => en: "it was last modified on {day}",
               km: "វាត្រូវបានកែប្រែចុងក្រោយនៅ {day}";
        PdfPages { count: usize }
            => en: "{count} page(s)",
               km: "{count} ទំព័រ";
        PdfMetadataTool { tool: String }
            => en: "Poppler's {tool} is not installed, so the PDFs' own titles and dates are not offered",
               km: "មិនទាន់បានដំឡើង {tool} របស់ Poppler ទេ ដូច្នេះចំណងជើង និងកាលបរិច្ឆេទផ្ទាល់របស់ PDF មិនត្រូវបានផ្តល់ជូនទេ";
        PdfMetadataUnreadable { name: String, detail: String }
            => en: "cannot read the metadata of {name}: {detail}",
               km: "មិនអាចអានទិន្នន័យមេតារបស់ {name} បានទេ៖ {detail}";
    }
}

catalogue! {
    /// What the preview says on the terminal as it runs.
    pub enum Status {
        Serving { root: String, address: String }
            => en: "previewing the archive in {root} at {address} (Ctrl-C to stop)",
               km: "កំពុងបង្ហាញបណ្ណសារក្នុង {root} នៅ {address} (ចុច Ctrl-C ដើម្បីបញ្ឈប់)";
        Built { documents: usize, languages: String, elapsed: String }
            => en: "built {documents} documents ({languages}) in {elapsed}",
               km: "បានបង្កើតឯកសារ {documents} ({languages}) ក្នុងរយៈពេល {elapsed}";
        InLanguage { count: usize, language: Word }
            => en: "{count} in {language}",
               km: "{count} ជាភាសា{language}";
        Rerendered { pages: usize, elapsed: String }
            => en: "re-rendered {pages} pages in {elapsed}; the search index follows",
               km: "បានបង្កើតទំព័រ {pages} ឡើងវិញក្នុងរយៈពេល {elapsed}; សន្ទស្សន៍ស្វែងរកនឹងតាមក្រោយ";
        Created { path: String }
            => en: "created {path}",
               km: "បានបង្កើត {path}";
        Imported { documents: usize, attachments: usize, catalog: String }
            => en: "imported {documents} document(s) and {attachments} attachment(s) from {catalog}",
               km: "បាននាំចូលឯកសារ {documents} និងឯកសារភ្ជាប់ {attachments} ពី {catalog}";
        ReadyToImport { catalog: String, documents: usize }
            => en: "{catalog} is ready to import: {documents} document(s); nothing was written (--dry-run)",
               km: "{catalog} រួចរាល់សម្រាប់នាំចូល៖ ឯកសារ {documents}; គ្មានអ្វីត្រូវបានសរសេរទេ (--dry-run)";
        ImportRefused { errors: usize, warnings: usize }
            => en: "import refused: {errors} error(s), {warnings} warning(s); nothing was written",
               km: "ការនាំចូលត្រូវបានបដិសេធ៖ កំហុស {errors} ការព្រមាន {warnings}; គ្មានអ្វីត្រូវបានសរសេរទេ";
        BuildRefused { errors: usize, warnings: usize }
            => en: "build refused: {errors} error(s), {warnings} warning(s); the previous site was left as it was",
               km: "ការបង្កើតគេហទំព័រត្រូវបានបដិសេធ៖ កំហុស {errors} ការព្រមាន {warnings}; គេហទំព័រមុនត្រូវបានទុកដដែល";
        PreviousLeft
            => en: "the previous site was left as it was",
               km: "គេហទំព័រមុនត្រូវបានទុកដដែល";
        BuiltSite { documents: usize, pages: usize, files: usize, output: String, elapsed: String }
            => en: "built {documents} documents into {pages} pages ({files} files) in {output} in {elapsed}",
               km: "បានបង្កើតឯកសារ {documents} ជាទំព័រ {pages} (ហ្វាល {files}) ក្នុង {output} ក្នុងរយៈពេល {elapsed}";
        BuildFailed
            => en: "build failed; still serving the last good build",
               km: "ការបង្កើតបរាជ័យ; នៅតែបង្ហាញកំណែល្អចុងក្រោយ";
        LegacyLine { path: String, line: usize }
            => en: "{path}, line {line}:",
               km: "{path} បន្ទាត់ទី {line}៖";
        LegacyConverted { path: String, lines: usize, font: String }
            => en: "converted {lines} line(s) of {path} from {font} to Unicode",
               km: "បានបម្លែង {lines} បន្ទាត់នៃ {path} ពី {font} ទៅជាយូនីកូដ";
        LegacyDryRun { path: String, lines: usize, font: String }
            => en: "{path}: {lines} line(s) would be converted from {font}; nothing was written (--dry-run)",
               km: "{path}៖ {lines} បន្ទាត់នឹងត្រូវបម្លែងពី {font}; គ្មានអ្វីត្រូវបានសរសេរទេ (--dry-run)";
        LegacyNothing { path: String }
            => en: "nothing in {path} looks typed in a pre-Unicode Khmer font; the file was left as it was",
               km: "គ្មានអ្វីក្នុង {path} ហាក់ដូចជាវាយដោយពុម្ពអក្សរខ្មែរចាស់ទេ; ហ្វាលនេះត្រូវបានទុកដដែល";
        PortBusy { port: String }
            => en: "port {port} is already in use, perhaps by another preview",
               km: "ច្រក (port) {port} កំពុងប្រើរួចហើយ ប្រហែលជាដោយការបង្ហាញមួយទៀត";
        OtherPort { port: String }
            => en: "stop the other one, or pick another port: sastra serve --port {port}",
               km: "បញ្ឈប់មួយទៀតនោះ ឬជ្រើសច្រកផ្សេង៖ sastra serve --port {port}";
        CacheMerged { path: String, added: usize, present: usize, kept: usize, refused: usize }
            => en: "merged {path}: {added} reading(s) added, {present} already there, {kept} kept as they were (the cache has another reading of the same file), {refused} left out",
               km: "បានបញ្ចូល {path}៖ បន្ថែមលទ្ធផលអាន {added}, មានរួចហើយ {present}, ទុកដដែល {kept} (ឃ្លាំងសម្ងាត់មានលទ្ធផលអានផ្សេងទៀតនៃហ្វាលដដែល), ទុកចោល {refused}";
        NextAfterNew
            => en: "next: write what each file marks TODO (a title to translate, the text), then run `sastra check`; it refuses the document until then",
               km: "បន្ទាប់៖ សរសេរកន្លែងដែលហ្វាលនីមួយៗសម្គាល់ថា TODO (ចំណងជើងដែលត្រូវបកប្រែ អត្ថបទ) រួចដំណើរការ `sastra check`; វាមិនទទួលឯកសារនេះទេ រហូតដល់ពេលនោះ";
        PdfSaysOfItself { name: String, facts: String }
            => en: "{name}: {facts}",
               km: "{name}៖ {facts}";
        PdfMetadataUnchecked { date: String }
            => en: "these are the file's own metadata, not checked facts: the document's date stays {date}, as given with --date; copy a title or date into the front matter only once you have checked it",
               km: "ទាំងនេះជាទិន្នន័យមេតាផ្ទាល់របស់ហ្វាល មិនមែនជាការពិតដែលបានពិនិត្យទេ៖ កាលបរិច្ឆេទរបស់ឯកសារនៅតែជា {date} ដូចដែលបានផ្តល់ដោយ --date; ចម្លងចំណងជើង ឬកាលបរិច្ឆេទទៅក្នុង front matter លុះត្រាតែអ្នកបានពិនិត្យវារួច";
    }
}

impl Arg for Word {
    fn shown(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

/// Tests and tools compare a message with its English text.
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.en() == *other
    }
}

impl PartialEq<&str> for Box<Message> {
    fn eq(&self, other: &&str) -> bool {
        self.en() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::khmer::cluster::is_khmer;

    /// The `{name}`s a template fills in.
    fn placeholders(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    fn every_template() -> impl Iterator<Item = &'static Template> {
        Message::TEMPLATES
            .iter()
            .chain(Word::TEMPLATES)
            .chain(Status::TEMPLATES)
    }

    /// A Khmer template left in English, or an English one pasted with
    /// Khmer, is a message missing a language.
    #[test]
    fn every_message_exists_in_khmer_and_in_english() {
        for t in every_template() {
            let khmer = |s: &str| s.chars().any(is_khmer);
            assert!(
                !khmer(t.en),
                "{}: the English text has Khmer: {}",
                t.id,
                t.en
            );
            // A template that is only its arguments (`{problem}`) carries
            // words said elsewhere, in the language asked for.
            let bare = placeholders(t.en)
                .iter()
                .fold(t.en.to_string(), |s, p| s.replace(&format!("{{{p}}}"), ""));
            if bare.chars().any(char::is_alphabetic) {
                assert!(
                    khmer(t.km),
                    "{}: the Khmer text has no Khmer: {}",
                    t.id,
                    t.km
                );
            }
        }
    }

    #[test]
    fn both_languages_fill_in_the_same_arguments() {
        for t in every_template() {
            assert_eq!(placeholders(t.en), placeholders(t.km), "{}", t.id);
            for field in t.fields {
                assert!(
                    placeholders(t.en).contains(field),
                    "{}: `{field}` is not shown",
                    t.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = Message::TEMPLATES.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn numbers_are_written_in_khmer_digits_in_khmer() {
        let m = Message::QuoteNotClosed { line: 12 };
        assert_eq!(m.text(Lang::En), "a quote opened on line 12 is not closed");
        assert_eq!(m.text(Lang::Km), "សញ្ញាសម្រង់ដែលបើកនៅបន្ទាត់ទី ១២ មិនត្រូវបានបិទទេ");
    }

    #[test]
    fn words_inside_a_message_follow_its_language() {
        let m = Message::UnknownTerm {
            taxonomy: Word::Type,
            key: "memo".into(),
        };
        assert_eq!(m.text(Lang::En), "unknown type `memo`");
        assert_eq!(m.text(Lang::Km), "មិនស្គាល់ប្រភេទ `memo` ទេ");
    }
}
