//! Writes a deterministic archive of N bilingual documents in sastra's
//! content format, for benchmarks and scale tests:
//!
//!     sastra-corpus --documents 10000 --output /tmp/archive
//!
//! English bodies of 400–1,500 words (2% long reports of ~20,000 words),
//! Khmer bodies of similar size, ~200 tags, 15 organisations, full,
//! month-only and year-only dates.
//!
//! The text is real text mixed at sentence level: sentences of VOA Khmer
//! news and the Khmer UDHR (benches/corpus/khmer.txt), of the English UDHR
//! and the sample archive (benches/corpus/english.txt), spliced with one
//! another at word boundaries, some words swapped for others drawn by their
//! frequency, and names, places, numbers, dates, compounds and acronyms put
//! in. So an archive's vocabulary keeps growing with its size, as real
//! text's does (benches/corpus-terms.mjs counts it), instead of repeating a
//! few paragraphs. A quarter of the Khmer documents keep the zero-width
//! spaces VOA puts between words.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sastra::khmer::cluster::{clusters, is_base};
use sastra::khmer::numerals::to_khmer_digits;

const KHMER: &str = include_str!("khmer.txt");
const ENGLISH: &str = include_str!("english.txt");
const ZWSP: char = '\u{200b}';

/// Per word: the chance of being swapped for another word of the corpus,
/// and of being replaced by something new (a name, number, date…).
const SWAP: usize = 12; // percent
const NOVEL: usize = 8; // percent
/// How many given names, place names, rare words and acronyms there are
/// (see `zipf`).
const NAMES: u64 = 200;
const PLACES: u64 = 50;
const RARE: u64 = 20_000;
const ACRONYMS: u64 = 2_000;

const KM_SURNAMES: &[&str] = &[
    "សុខ",
    "ចាន់",
    "ហេង",
    "លី",
    "គឹម",
    "ឈឹម",
    "ម៉ៅ",
    "ស៊ុន",
    "ញឹម",
    "ពេជ្រ",
    "ឯក",
    "ខៀវ",
    "ជា",
    "ហ៊ុន",
    "សម",
    "កែវ",
    "ទេព",
    "អ៊ុំ",
    "ប៉ែន",
    "យឹម",
    "ឡុង",
    "ទូច",
    "ស៊ឹម",
    "ហួត",
    "ម៉ម",
    "ប៊ុន",
    "អ៊ុក",
    "សយ",
    "នួន",
    "ឃឹម",
    "តាន់",
    "ស៊ិន",
    "ហ៊ាង",
    "ណុប",
    "ង៉ែត",
    "អ៊ឹង",
    "ភឹម",
    "ពៅ",
    "ឈុន",
];
const EN_SURNAMES: &[&str] = &[
    "Sok", "Chan", "Heng", "Ly", "Kim", "Chhim", "Mao", "Sun", "Nhim", "Pich", "Ek", "Khiev",
    "Chea", "Hun", "Sam", "Keo", "Tep", "Um", "Pen", "Yim", "Long", "Touch", "Sim", "Huot", "Mom",
    "Bun", "Ouk", "Soy", "Nuon", "Khim", "Tan", "Sin", "Hang", "Nop", "Ngeth", "Oeung", "Phim",
    "Pov", "Chhun",
];
/// Elements of given names; a name is one or two of them.
const KM_GIVEN: &[&str] = &[
    "ដារ៉ា",
    "សុភា",
    "វណ្ណា",
    "ចន្ថា",
    "រតនា",
    "សុខា",
    "បញ្ញា",
    "ពិសិដ្ឋ",
    "សុផល",
    "វិចិត្រ",
    "ពៅ",
    "សុវណ្ណ",
    "ធីតា",
    "ម៉ានិត",
    "ចាន់ធី",
    "សំណាង",
    "សុភ័ក្ត្រ",
    "វាសនា",
    "រដ្ឋា",
    "សុធា",
    "បូរ៉ា",
    "ពិសី",
    "មករា",
    "កញ្ញា",
    "សុគន្ធ",
    "ណារ៉ុង",
    "សារ៉ាត់",
    "វុទ្ធី",
    "ពន្លក",
    "សុជាតិ",
    "ចិន្តា",
    "ភារម្យ",
    "សុវត្ថិ",
    "រស្មី",
    "សោភ័ណ",
    "វិសាល",
    "រិទ្ធ",
    "ឧត្តម",
    "កុសល",
    "បុប្ផា",
    "នាង",
    "ចរិយា",
    "ឌីណា",
    "ស៊ីណេត",
    "លីដា",
    "ម៉ាលី",
    "ច័ន្ទ",
    "សុខុម",
    "ឧត្តរា",
    "មុន្នី",
    "ស្រី",
    "វិបុល",
    "សុភាព",
    "ឫទ្ធី",
    "ពិដោរ",
    "សីហា",
];
const EN_GIVEN: &[&str] = &[
    "Dara", "Sophea", "Vanna", "Chantha", "Ratana", "Sokha", "Panha", "Piseth", "Sophal", "Vichet",
    "Pov", "Sovann", "Thida", "Manith", "Chanthy", "Samnang", "Sopheak", "Veasna", "Rotha",
    "Sotheara", "Bora", "Pisey", "Makara", "Kanha", "Sokun", "Narong", "Sarat", "Vuthy", "Ponlok",
    "Socheat", "Chenda", "Pheareum", "Sovath", "Reaksmey", "Sophorn", "Visal", "Rith", "Oudom",
    "Kosal", "Bopha", "Neang", "Chariya", "Dina", "Sineth", "Lida", "Maly", "Chan", "Sokhom",
    "Oudara", "Mony", "Srey", "Vibol", "Sopheap", "Ruthy", "Pidor", "Seyha",
];
const KM_TITLES: &[&str] = &["លោក", "លោកស្រី", "អ្នកស្រី", "ឯកឧត្តម", "កញ្ញា", "អ្នកនាង"];
const EN_TITLES: &[&str] = &["Mr", "Ms", "Mrs", "H.E.", "Dr", "Lok Chumteav"];
const PROVINCES: &[(&str, &str)] = &[
    ("ភ្នំពេញ", "Phnom Penh"),
    ("បន្ទាយមានជ័យ", "Banteay Meanchey"),
    ("បាត់ដំបង", "Battambang"),
    ("កំពង់ចាម", "Kampong Cham"),
    ("កំពង់ឆ្នាំង", "Kampong Chhnang"),
    ("កំពង់ស្ពឺ", "Kampong Speu"),
    ("កំពង់ធំ", "Kampong Thom"),
    ("កំពត", "Kampot"),
    ("កណ្ដាល", "Kandal"),
    ("កោះកុង", "Koh Kong"),
    ("ក្រចេះ", "Kratie"),
    ("មណ្ឌលគិរី", "Mondulkiri"),
    ("ឧត្ដរមានជ័យ", "Oddar Meanchey"),
    ("ប៉ៃលិន", "Pailin"),
    ("ព្រះសីហនុ", "Preah Sihanouk"),
    ("ព្រះវិហារ", "Preah Vihear"),
    ("ពោធិ៍សាត់", "Pursat"),
    ("ព្រៃវែង", "Prey Veng"),
    ("រតនគិរី", "Ratanakiri"),
    ("សៀមរាប", "Siem Reap"),
    ("ស្ទឹងត្រែង", "Stung Treng"),
    ("ស្វាយរៀង", "Svay Rieng"),
    ("តាកែវ", "Takeo"),
    ("ត្បូងឃ្មុំ", "Tbong Khmum"),
    ("កែប", "Kep"),
];
/// Elements of village and commune names (Khmer, and as romanised).
const PLACES_KM: [&str; 28] = [
    "ព្រែក",
    "ស្វាយ",
    "ត្រពាំង",
    "ពោធិ៍",
    "ស្រែ",
    "ទួល",
    "ភ្នំ",
    "កំពង់",
    "ក្រាំង",
    "ថ្មី",
    "ចាស់",
    "អំពិល",
    "ដូង",
    "ត្នោត",
    "ល្វា",
    "ព្រៃ",
    "បឹង",
    "អូរ",
    "ស្ទឹង",
    "ក្បាល",
    "ជ្រៃ",
    "ពពេល",
    "រកា",
    "សំរោង",
    "ក្រញូង",
    "ឫស្សី",
    "តាកោ",
    "ស្លា",
];
const PLACES_EN: [&str; 28] = [
    "Prek", "Svay", "Trapeang", "Po", "Srae", "Tuol", "Phnom", "Kampong", "Krang", "Thmei", "Chas",
    "Ampil", "Daung", "Tnaot", "Lvea", "Prey", "Boeng", "Ou", "Stueng", "Kbal", "Chrey", "Popel",
    "Roka", "Samrong", "Kranhung", "Russey", "Ta Ko", "Sla",
];
const KM_PLACE_KINDS: &[&str] = &["ភូមិ", "ឃុំ", "សង្កាត់", "ស្រុក"];
const EN_PLACE_KINDS: &[&str] = &["village", "commune", "sangkat", "district"];
const KM_MONTHS: &[&str] = &[
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
];
const EN_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Khmer makes words by compounding: ការ + verb, អ្នក + noun, …
const KM_PREFIXES: &[&str] = &["ការ", "អ្នក", "ក្រុម", "សេចក្តី", "ក្រសួង", "មន្ទីរ", "គណៈ", "អគ្គ", "សហ"];
const KM_SUFFIXES: &[&str] = &["ភាព", "កម្ម", "ករ", "និយម"];
const KM_UNITS: &[&str] = &["នាក់", "ដុល្លារ", "រៀល", "ភាគរយ", "គីឡូម៉ែត្រ", "សន្លឹក", "កន្លែង", "ថ្ងៃ"];
const EN_UNITS: &[&str] = &[
    "people",
    "dollars",
    "riel",
    "percent",
    "kilometres",
    "ballots",
    "stations",
    "days",
    "votes",
];

struct Rng(u64);

impl Rng {
    /// splitmix64: small, fast and the same on every platform.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

/// A word of a source sentence and whether a space (rather than nothing,
/// or a zero-width space in Khmer) follows it.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    space: bool,
}

/// One language's real text: its sentences, and every word occurrence
/// (so that a word drawn from it comes as often as it does in the text).
struct Source<'a> {
    sentences: Vec<Vec<Word<'a>>>,
    occurrences: Vec<&'a str>,
}

impl<'a> Source<'a> {
    fn new(
        text: &'a str,
        split: fn(&'a str) -> Vec<&'a str>,
        words: fn(&'a str) -> Vec<Word<'a>>,
    ) -> Self {
        let sentences: Vec<Vec<Word>> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .flat_map(split)
            .map(words)
            .filter(|s| s.len() >= 3)
            .collect();
        let occurrences = sentences.iter().flatten().map(|w| w.text).collect();
        Source {
            sentences,
            occurrences,
        }
    }

    /// A sentence: a source sentence, often its start spliced onto the end
    /// of another; some words swapped or replaced by `novel`.
    fn sentence(
        &self,
        rng: &mut Rng,
        novel: &mut dyn FnMut(&mut Rng) -> String,
    ) -> Vec<(String, bool)> {
        let first = rng.pick(&self.sentences);
        let mut words: Vec<Word> = first.clone();
        if rng.percent(60) {
            let second = rng.pick(&self.sentences);
            words.truncate(rng.range(1, first.len() - 1));
            words.extend_from_slice(&second[rng.range(1, second.len() - 1)..]);
        }
        words
            .iter()
            .map(|w| {
                let roll = rng.below(100);
                let text = if roll < NOVEL {
                    novel(rng)
                } else if roll < NOVEL + SWAP {
                    rng.pick(&self.occurrences).to_string()
                } else {
                    w.text.to_string()
                };
                (text, w.space)
            })
            .collect()
    }
}

/// Khmer sentences end at ។ or ?; one paragraph may hold several.
fn khmer_sentences(paragraph: &str) -> Vec<&str> {
    paragraph
        .split_inclusive(['។', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Khmer words: VOA's zero-width spaces and real spaces both end one.
fn khmer_words(sentence: &str) -> Vec<Word<'_>> {
    let mut words: Vec<Word> = Vec::new();
    for (i, chunk) in sentence.split(' ').filter(|c| !c.is_empty()).enumerate() {
        if let (true, Some(last)) = (i > 0, words.last_mut()) {
            last.space = true;
        }
        words.extend(
            chunk
                .split(ZWSP)
                .filter(|w| !w.is_empty())
                .map(|text| Word { text, space: false }),
        );
    }
    words
}

/// English sentences end at ". " (or ; ? !) before a capital letter.
fn english_sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (i, window) in bytes.windows(3).enumerate() {
        if matches!(window[0], b'.' | b';' | b'?' | b'!')
            && window[1] == b' '
            && window[2].is_ascii_uppercase()
        {
            out.push(&paragraph[start..=i]);
            start = i + 2;
        }
    }
    out.push(&paragraph[start..]);
    out
}

fn english_words(sentence: &str) -> Vec<Word<'_>> {
    sentence
        .split_whitespace()
        .map(|text| Word { text, space: true })
        .collect()
}

fn khmer_digits(n: u64) -> String {
    to_khmer_digits(&n.to_string())
}

/// A rank from `scale` up, drawn with P(r) ∝ r^-2: the long tail of a
/// vocabulary. A few names, numbers and words come often, most rarely, and
/// new ones keep coming: n draws give about 1.8·√(scale·n) distinct ranks,
/// the square root of Heaps' law for real text. `scale` sets how many
/// of a kind there are at a given size.
fn zipf(rng: &mut Rng, scale: u64) -> u64 {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    (scale as f64 / (1.0 - u)).min(1e15) as u64
}

/// The r-th of an open-ended list made of `parts`: first each part alone,
/// then every pair, then triples.
fn nth_compound(parts: &[&str], r: u64, join: &str) -> String {
    let n = parts.len() as u64;
    let mut r = r.max(1) - 1;
    let mut out = Vec::new();
    loop {
        out.push(parts[(r % n) as usize]);
        if r < n {
            break;
        }
        r = r / n - 1;
    }
    out.join(join)
}

/// Rare Khmer words and transliterated names: 2–4 clusters of the corpus,
/// drawn by their frequency, the same for the same rank.
fn khmer_rare(r: u64, clusters: &[&str]) -> String {
    let mut rng = Rng(r.wrapping_mul(0x2545_F491_4F6C_DD1D));
    (0..rng.range(2, 4)).map(|_| *rng.pick(clusters)).collect()
}

/// Rare English words and names: two or three syllables.
fn english_rare(r: u64) -> String {
    const ONSETS: &[&str] = &[
        "b", "ch", "d", "k", "kh", "l", "m", "n", "p", "ph", "r", "s", "t", "th", "v", "y", "br",
        "st", "tr", "g", "h", "w",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai", "ie", "oe"];
    const CODAS: &[&str] = &["", "", "n", "ng", "m", "r", "l", "s", "t", "k", "th"];
    let mut rng = Rng(r.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let word: String = (0..rng.range(2, 3))
        .map(|_| {
            format!(
                "{}{}{}",
                rng.pick(ONSETS),
                rng.pick(VOWELS),
                rng.pick(CODAS)
            )
        })
        .collect();
    capitalise(&word)
}

fn acronym(r: u64) -> String {
    let mut r = r + 26 * 26 + 26; // three letters at least
    let mut letters = Vec::new();
    while r > 0 {
        r -= 1;
        letters.push((b'A' + (r % 26) as u8) as char);
        r /= 26;
    }
    letters.iter().rev().collect()
}

/// Something new in Khmer: a person, a place, a number, a date, a compound,
/// a rare word or a Latin acronym.
fn khmer_novel(rng: &mut Rng, source: &Source, clusters: &[&str]) -> String {
    match rng.below(12) {
        0 | 1 => format!(
            "{} {} {}",
            rng.pick(KM_TITLES),
            rng.pick(KM_SURNAMES),
            nth_compound(KM_GIVEN, zipf(rng, NAMES), "")
        ),
        2 => format!("ខេត្ត{}", rng.pick(PROVINCES).0),
        3 => format!(
            "{}{}",
            rng.pick(KM_PLACE_KINDS),
            nth_compound(&PLACES_KM, zipf(rng, PLACES), "")
        ),
        4 => {
            let n = zipf(rng, 1);
            let digits = if rng.percent(80) {
                khmer_digits(n)
            } else {
                n.to_string()
            };
            format!("ចំនួន {digits} {}", rng.pick(KM_UNITS))
        }
        5 => format!(
            "ថ្ងៃទី{} ខែ{} ឆ្នាំ{}",
            khmer_digits(rng.range(1, 28) as u64),
            rng.pick(KM_MONTHS),
            khmer_digits(rng.range(1993, 2025) as u64)
        ),
        6 => format!("{}{}", rng.pick(KM_PREFIXES), rng.pick(&source.occurrences)),
        7 => format!("{}{}", rng.pick(&source.occurrences), rng.pick(KM_SUFFIXES)),
        8..=10 => khmer_rare(zipf(rng, RARE), clusters),
        _ => acronym(zipf(rng, ACRONYMS)),
    }
}

/// Something new in English: a person, a place, a number, a date, a rare
/// word or an acronym.
fn english_novel(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 | 1 => format!(
            "{} {} {}",
            rng.pick(EN_TITLES),
            rng.pick(EN_SURNAMES),
            capitalise(&nth_compound(EN_GIVEN, zipf(rng, NAMES), "").to_lowercase())
        ),
        2 => rng.pick(PROVINCES).1.to_string() + " province",
        3 => format!(
            "{} {}",
            capitalise(&nth_compound(&PLACES_EN, zipf(rng, PLACES), "").to_lowercase()),
            rng.pick(EN_PLACE_KINDS)
        ),
        4 | 5 => format!("{} {}", zipf(rng, 1), rng.pick(EN_UNITS)),
        6 => format!(
            "{} {} {}",
            rng.range(1, 28),
            rng.pick(EN_MONTHS),
            rng.range(1993, 2025)
        ),
        7..=10 => english_rare(zipf(rng, RARE)),
        _ => acronym(zipf(rng, ACRONYMS)),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Words joined as the language writes them: Khmer without spaces (or with
/// zero-width spaces) except where the source had one.
fn join(words: &[(String, bool)], between: &str) -> String {
    let mut out = String::new();
    for (i, (text, space)) in words.iter().enumerate() {
        // Spliced sentences could pair one's [ with another's (…) into a link.
        out.push_str(&text.replace('[', "\\["));
        if i + 1 < words.len() {
            out.push_str(if *space { " " } else { between });
        }
    }
    out
}

struct Mixer<'a> {
    khmer: Source<'a>,
    english: Source<'a>,
    /// Every Khmer cluster occurrence of the corpus.
    clusters: Vec<&'a str>,
}

impl Mixer<'_> {
    fn khmer_sentence(&self, rng: &mut Rng, zwsp: bool) -> String {
        let words = self.khmer.sentence(rng, &mut |rng| {
            khmer_novel(rng, &self.khmer, &self.clusters)
        });
        join(&words, if zwsp { "\u{200b}" } else { "" })
    }

    fn english_sentence(&self, rng: &mut Rng) -> String {
        let words = self.english.sentence(rng, &mut english_novel);
        capitalise(&join(&words, " "))
    }

    fn english_body(&self, rng: &mut Rng, words: usize) -> String {
        let mut body = String::new();
        let mut written = 0;
        while written < words {
            if written > 0 && rng.below(6) == 0 {
                writeln!(body, "## {}\n", first_words(&self.english_sentence(rng), 6)).unwrap();
            }
            let mut paragraph = Vec::new();
            for _ in 0..rng.range(1, 5) {
                let sentence = self.english_sentence(rng);
                written += sentence.split(' ').count();
                paragraph.push(sentence);
            }
            writeln!(body, "{}\n", paragraph.join(" ")).unwrap();
        }
        body
    }

    fn khmer_body(&self, rng: &mut Rng, chars: usize, zwsp: bool) -> String {
        let mut body = String::new();
        let mut written = 0;
        while written < chars {
            if written > 0 && rng.below(8) == 0 {
                let heading = first_chars(&self.khmer_sentence(rng, zwsp), 40);
                writeln!(body, "## {}\n", heading.trim_end_matches('។')).unwrap();
            }
            let mut paragraph = Vec::new();
            for _ in 0..rng.range(1, 4) {
                let sentence = self.khmer_sentence(rng, zwsp);
                written += sentence.chars().count();
                paragraph.push(sentence);
            }
            writeln!(body, "{}\n", paragraph.join(" ")).unwrap();
        }
        body
    }
}

struct Args {
    documents: usize,
    output: PathBuf,
    themes: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        documents: 1000,
        output: PathBuf::from("corpus"),
        themes: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes"),
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--documents" | "-n" => {
                args.documents = value()?.parse().map_err(|e| format!("--documents: {e}"))?
            }
            "--output" | "-o" => args.output = PathBuf::from(value()?),
            "--themes" => args.themes = PathBuf::from(value()?),
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--help" | "-h" => {
                return Err(
                    "usage: sastra-corpus [--documents N] [--output DIR] [--themes DIR] [--seed N]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    if let Err(e) = generate(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

const SECTIONS: &[(&str, &str)] = &[
    ("announcements", "announcement"),
    ("press-releases", "press-release"),
    ("statements", "statement"),
    ("reports", "report"),
    ("articles", "article"),
];

fn generate(args: &Args) -> std::io::Result<()> {
    let khmer = Source::new(KHMER, khmer_sentences, khmer_words);
    let clusters = khmer
        .occurrences
        .iter()
        .flat_map(|word| clusters(word))
        .filter(|c| c.starts_with(is_base))
        .collect();
    let mixer = Mixer {
        khmer,
        english: Source::new(ENGLISH, english_sentences, english_words),
        clusters,
    };
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.output)?;
    std::fs::write(args.output.join("site.toml"), site_toml())?;
    copy_dir(&args.themes, &args.output.join("themes"))?;
    for i in 0..args.documents {
        write_document(&mixer, &mut rng, &args.output, &format!("document-{i:06}"))?;
    }
    Ok(())
}

fn write_document(mixer: &Mixer, rng: &mut Rng, output: &Path, slug: &str) -> std::io::Result<()> {
    let (section, doc_type) = *rng.pick(SECTIONS);
    let long = rng.below(50) == 0;
    let date = match rng.below(20) {
        0 => format!("\"{}\"", rng.range(2008, 2025)),
        1 | 2 => format!("\"{}-{:02}\"", rng.range(2008, 2025), rng.range(1, 12)),
        _ => format!(
            "{}-{:02}-{:02}",
            rng.range(2008, 2025),
            rng.range(1, 12),
            rng.range(1, 28)
        ),
    };
    let mut tags: Vec<String> = (0..rng.range(1, 4))
        .map(|_| format!("tag-{}", rng.below(200)))
        .collect();
    tags.sort();
    tags.dedup();
    let org = format!("org-{}", rng.below(15));
    let words = if long { 20_000 } else { rng.range(400, 1500) };
    let folder = output.join("content").join(section);
    std::fs::create_dir_all(&folder)?;
    let front = |title: &str, summary: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\ntype: {doc_type}\norganization: {org}\ntags: [{}]\nsummary: \"{summary}\"\n---\n\n", tags.join(", "))
    };
    let english = mixer.english_body(rng, words);
    let title_en = first_words(&mixer.english_sentence(rng), rng.range(5, 12));
    let summary_en = first_words(&mixer.english_sentence(rng), 30);
    std::fs::write(
        folder.join(format!("{slug}.en.md")),
        front(&title_en, &summary_en) + &english,
    )?;
    let zwsp = rng.below(4) == 0;
    let khmer = mixer.khmer_body(rng, english.chars().count(), zwsp);
    let title_km = first_chars(&mixer.khmer_sentence(rng, zwsp), 60);
    let summary_km = first_chars(&mixer.khmer_sentence(rng, zwsp), 160);
    std::fs::write(
        folder.join(format!("{slug}.km.md")),
        front(&title_km, &summary_km) + &khmer,
    )?;
    Ok(())
}

fn site_toml() -> String {
    let mut s = String::from(
        "base_url = \"https://example.org/archive/\"\ndefault_language = \"km\"\npage_size = 50\n\n\
         [[languages]]\ncode = \"km\"\nname = \"ខ្មែរ\"\ntitle = \"បណ្ណសារ\"\ndescription = \"បណ្ណសារសាកល្បង\"\n\n\
         [[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"Archive\"\ndescription = \"A generated archive\"\n\n[types]\n",
    );
    for (_, doc_type) in SECTIONS {
        writeln!(
            s,
            "{doc_type} = {{ km = \"ប្រភេទ {doc_type}\", en = \"{doc_type}\" }}"
        )
        .unwrap();
    }
    s.push_str("\n[organizations]\n");
    for i in 0..15 {
        writeln!(
            s,
            "org-{i} = {{ km = \"ស្ថាប័ន {i}\", en = \"Organisation {i}\" }}"
        )
        .unwrap();
    }
    s.push_str("\n[tags]\n");
    for i in 0..200 {
        writeln!(s, "tag-{i} = {{ km = \"ស្លាក {i}\", en = \"Tag {i}\" }}").unwrap();
    }
    s
}

/// Front matter text: no quotes or backslashes to escape.
fn clean(text: &str) -> String {
    text.replace(['"', '\\'], "")
}

fn first_chars(text: &str, n: usize) -> String {
    clean(&text.chars().take(n).collect::<String>())
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split(' ').take(n).collect();
    clean(words.join(" ").trim_end_matches([',', ';', ':', '.']))
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
