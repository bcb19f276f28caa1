//! Helpers shared by the integration tests: fixture archives copied into a
//! temporary folder with the repository's theme, and reading built output.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sastra::build::{build, BuildOptions, BuildReport};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A writable copy of `tests/fixtures/<name>` with the default theme.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        Site { dir }
    }

    /// The real sample archive of the repository.
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn build(&self) -> BuildReport {
        match build(&BuildOptions::new(self.root())) {
            Ok(report) => report,
            Err(sastra::build::BuildError::Invalid(d)) => {
                panic!(
                    "build failed:\n{}",
                    d.sorted()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            }
            Err(e) => panic!("build failed: {e}"),
        }
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn read_bytes(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.out().join(relative)).unwrap()
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.out().join(relative).exists()
    }

    /// Every output file, relative to the output folder.
    pub fn files(&self) -> Vec<String> {
        let out = self.out();
        walkdir::WalkDir::new(&out)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

/// All `href="…"` and `src="…"` values of an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].to_string());
        }
    }
    found
}

/// Checks that every root-relative link and asset of every HTML page starts
/// with `base_path` and resolves to a file of the output. Returns how many
/// links were checked.
pub fn assert_internal_links_resolve(site: &Site, base_path: &str) -> usize {
    let mut checked = 0;
    for file in site.files().into_iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&file);
        for link in links(&html) {
            let external = link.starts_with("http")
                || link.starts_with("data:")
                || link.starts_with("mailto:");
            if external || link.starts_with('#') {
                continue;
            }
            assert!(
                link.starts_with(base_path),
                "{file}: link {link} ignores the base path {base_path}"
            );
            let path = link[base_path.len()..]
                .split(['#', '?'])
                .next()
                .unwrap()
                .to_string();
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path
            };
            assert!(
                site.exists(&target),
                "{file}: link {link} points at a missing {target}"
            );
            checked += 1;
        }
    }
    checked
}

/// A one-page PDF written by hand: `text` in the Type 1 font named `font`
/// (one byte per character, WinAnsi), and `info`, its document information
/// dictionary (`Title`, `CreationDate`…), when not empty. Needs no tool to
/// make, and Poppler reads it like any other.
pub fn hand_written_pdf(font: &str, text: &str, info: &[(&str, &str)]) -> Vec<u8> {
    pdf_with_font(
        &format!("<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>"),
        &pdf_string(text),
        info,
    )
}

/// A one-page PDF showing the PDF string `shown` (with its parentheses) in
/// the font whose dictionary is `font`: a font with an encoding of its own
/// puts any character in the text Poppler extracts.
pub fn pdf_with_font(font: &str, shown: &[u8], info: &[(&str, &str)]) -> Vec<u8> {
    let mut stream = b"BT /F1 18 Tf 72 700 Td ".to_vec();
    stream.extend_from_slice(shown);
    stream.extend_from_slice(b" Tj ET");
    let mut contents = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
    contents.extend_from_slice(&stream);
    contents.extend_from_slice(b"\nendstream");
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        contents,
        font.as_bytes().to_vec(),
    ];
    let mut trailer = format!("<< /Size {} /Root 1 0 R >>", objects.len() + 1);
    if !info.is_empty() {
        let mut dictionary = b"<<".to_vec();
        for (key, value) in info {
            dictionary.extend_from_slice(format!(" /{key} ").as_bytes());
            dictionary.extend_from_slice(&pdf_string(value));
        }
        dictionary.extend_from_slice(b" >>");
        objects.push(dictionary);
        trailer = format!(
            "<< /Size {} /Root 1 0 R /Info {} 0 R >>",
            objects.len() + 1,
            objects.len()
        );
    }
    assemble(&objects, &trailer)
}

/// `text` as a PDF string: parentheses and backslashes escaped, one byte per
/// character (WinAnsi).
fn pdf_string(text: &str) -> Vec<u8> {
    let mut bytes = b"(".to_vec();
    for c in text.chars() {
        if matches!(c, '(' | ')' | '\\') {
            bytes.push(b'\\');
        }
        bytes.push(u8::try_from(u32::from(c)).expect("a WinAnsi character"));
    }
    bytes.push(b')');
    bytes
}

/// A PDF written by hand whose pages have the given sizes (points) and
/// text. The text's letters `A` to `D` read as Khmer (ក ា ខ ិ, by the
/// font's ToUnicode map), so "AB CD" is two Khmer words with a gap between
/// them; an empty text makes a page without text, as a scan has.
pub fn pdf_of_pages(pages: &[((f64, f64), &str)]) -> Vec<u8> {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
1 begincodespacerange <00> <FF> endcodespacerange\n\
4 beginbfchar <41> <1780> <42> <17B6> <43> <1781> <44> <17B7> endbfchar\n\
endcmap CMapName currentdict /CMap defineresource pop end end";
    let stream = |bytes: &[u8]| {
        let mut object = format!("<< /Length {} >>\nstream\n", bytes.len()).into_bytes();
        object.extend_from_slice(bytes);
        object.extend_from_slice(b"\nendstream");
        object
    };
    let first_page = 5;
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>".to_vec(),
        stream(cmap),
    ];
    for (i, ((width, height), text)) in pages.iter().enumerate() {
        let contents = first_page + 2 * i + 1;
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 3 0 R >> >> /Contents {contents} 0 R >>").into_bytes());
        let drawn = match text.is_empty() {
            true => Vec::new(),
            false => format!(
                "BT /F1 18 Tf 72 72 Td {} Tj ET",
                String::from_utf8(pdf_string(text)).unwrap()
            )
            .into_bytes(),
        };
        objects.push(stream(&drawn));
    }
    assemble(
        &objects,
        &format!("<< /Size {} /Root 1 0 R >>", objects.len() + 1),
    )
}

/// A PDF file of `objects` (numbered from 1) with its cross-reference table
/// and `trailer`.
fn assemble(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    pdf
}

/// Every file under `folder` with its bytes, by path relative to it.
pub fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(folder).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
