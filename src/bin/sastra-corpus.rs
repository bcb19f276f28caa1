//! Writes a deterministic archive of N bilingual documents in sastra's
//! content format, for benchmarks and scale tests:
//!
//!     sastra-corpus --documents 10000 --output /tmp/archive
//!
//! English bodies of 400–1,500 words (2% long reports of ~20,000 words),
//! Khmer bodies of similar size made of real Khmer paragraphs (VOA news and
//! the UDHR, see benches/corpus/khmer.txt), ~200 tags, 15 organisations,
//! full, month-only and year-only dates.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const KHMER: &str = include_str!("../../benches/corpus/khmer.txt");

const WORDS: &[&str] = &[
    "election",
    "committee",
    "national",
    "assembly",
    "commune",
    "council",
    "voter",
    "registration",
    "ballot",
    "candidate",
    "party",
    "political",
    "observer",
    "mission",
    "polling",
    "station",
    "counting",
    "results",
    "announcement",
    "press",
    "release",
    "statement",
    "campaign",
    "period",
    "law",
    "amendment",
    "procedure",
    "complaint",
    "province",
    "district",
    "citizens",
    "rights",
    "freedom",
    "media",
    "journalists",
    "training",
    "officials",
    "list",
    "identity",
    "documents",
    "recommendations",
    "report",
    "meeting",
    "stakeholders",
    "civil",
    "society",
    "organisations",
    "transparency",
    "independent",
    "impartial",
    "reform",
    "process",
    "official",
    "website",
    "published",
    "decided",
    "reviewed",
    "participated",
    "registered",
    "secured",
    "observed",
    "called",
    "urged",
    "noted",
    "stated",
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "on",
    "with",
    "by",
    "from",
    "at",
    "that",
    "this",
    "which",
    "were",
    "was",
    "is",
    "are",
    "their",
    "its",
    "all",
    "new",
    "first",
    "seven",
    "many",
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
    let khmer: Vec<&str> = KHMER
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(&args.output)?;
    std::fs::write(args.output.join("site.toml"), site_toml())?;
    copy_dir(&args.themes, &args.output.join("themes"))?;
    for i in 0..args.documents {
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
        let tags: Vec<String> = (0..rng.range(1, 4))
            .map(|_| format!("tag-{}", rng.below(200)))
            .collect();
        let org = format!("org-{}", rng.below(15));
        let slug = format!("document-{i:06}");
        let words = if long { 20_000 } else { rng.range(400, 1500) };
        let folder = args.output.join("content").join(section);
        std::fs::create_dir_all(&folder)?;
        let english = english_body(&mut rng, words);
        let title_en = sentence(&mut rng, 8);
        let front = |title: &str, summary: &str| {
            format!("---\ntitle: \"{title}\"\ndate: {date}\ntype: {doc_type}\norganization: {org}\ntags: [{}]\nsummary: \"{summary}\"\n---\n\n", tags.join(", "))
        };
        let summary_en = sentence(&mut rng, 20);
        std::fs::write(
            folder.join(format!("{slug}.en.md")),
            front(&title_en, &summary_en) + &english,
        )?;
        let khmer_body = khmer_body(&mut rng, &khmer, english.chars().count());
        let title_line = rng.pick(&khmer).to_string();
        let title_km = first_chars(&title_line, 60);
        let summary_line = rng.pick(&khmer).to_string();
        let summary_km = first_chars(&summary_line, 160);
        std::fs::write(
            folder.join(format!("{slug}.km.md")),
            front(&title_km, &summary_km) + &khmer_body,
        )?;
    }
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

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| *rng.pick(WORDS)).collect();
    let first = s[0].to_string();
    let capital = first[..1].to_uppercase() + &first[1..];
    s[0] = &capital;
    s.join(" ")
}

fn english_body(rng: &mut Rng, words: usize) -> String {
    let mut body = String::new();
    let mut written = 0;
    while written < words {
        if written > 0 && rng.below(6) == 0 {
            writeln!(body, "## {}\n", sentence(rng, 4)).unwrap();
        }
        let length = rng.range(40, 120).min(words - written).max(1);
        let mut paragraph = Vec::new();
        let mut left = length;
        while left > 0 {
            let n = rng.range(8, 20).min(left);
            paragraph.push(sentence(rng, n) + ".");
            left -= n;
        }
        writeln!(body, "{}\n", paragraph.join(" ")).unwrap();
        written += length;
    }
    body
}

fn khmer_body(rng: &mut Rng, paragraphs: &[&str], chars: usize) -> String {
    let mut body = String::new();
    let mut written = 0;
    while written < chars {
        let paragraph = rng.pick(paragraphs);
        written += paragraph.chars().count();
        body.push_str(paragraph);
        body.push_str("\n\n");
    }
    body
}

fn first_chars(text: &str, n: usize) -> String {
    text.chars().take(n).collect::<String>().replace('"', "")
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
