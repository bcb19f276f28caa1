//! What an attached file's first bytes say it is. The extension decides
//! the type a host serves a file with, but a browser that is handed a
//! file it can sniff as markup may render it: a "report.pdf" that is HTML
//! would run script on the site's origin. So the bytes must agree with the
//! extension where the format has a signature, and no attachment may open
//! like markup, whatever its name.

use std::io::Read;
use std::path::Path;

/// How many bytes are looked at: Acrobat finds `%PDF-` anywhere in the
/// first 1,024 bytes, browsers sniff about as many.
const SNIFFED: usize = 1024;

/// Why a file's bytes disagree with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// It opens like HTML, SVG or XML, which a browser may run.
    Markup(&'static str),
    /// Its extension's signature is missing.
    NotA(&'static str),
}

/// The first bytes of `path` checked against its `extension` (lowercase).
pub fn check(path: &Path, extension: &str) -> std::io::Result<Result<(), Mismatch>> {
    let mut head = Vec::with_capacity(SNIFFED);
    std::fs::File::open(path)?
        .take(SNIFFED as u64)
        .read_to_end(&mut head)?;
    Ok(check_bytes(&head, extension))
}

pub fn check_bytes(head: &[u8], extension: &str) -> Result<(), Mismatch> {
    if let Some(markup) = markup(head) {
        return Err(Mismatch::Markup(markup));
    }
    let (format, matches): (&'static str, bool) = match extension {
        "pdf" => ("PDF", find(head, b"%PDF-").is_some()),
        "png" => ("PNG", head.starts_with(b"\x89PNG\r\n\x1a\n")),
        "jpg" | "jpeg" => ("JPEG", head.starts_with(b"\xFF\xD8\xFF")),
        "gif" => (
            "GIF",
            head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        ),
        "webp" => (
            "WebP",
            head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"),
        ),
        "avif" => (
            "AVIF",
            head.get(4..8) == Some(b"ftyp")
                && matches!(head.get(8..12), Some(b"avif" | b"avis" | b"mif1" | b"msf1")),
        ),
        "tif" | "tiff" => (
            "TIFF",
            head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
        ),
        _ => return Ok(()),
    };
    if matches {
        Ok(())
    } else {
        Err(Mismatch::NotA(format))
    }
}

/// The markup a browser would take the bytes for, as the WHATWG MIME
/// Sniffing standard identifies HTML and XML (after a byte-order mark and
/// white space), with SVG added; `None` for anything else.
fn markup(head: &[u8]) -> Option<&'static str> {
    let text = strip_bom(head);
    let start = text
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '))?;
    let text = &text[start..];
    const HTML: [&[u8]; 18] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
        b"<meta",
    ];
    let opens = |tag: &[u8]| {
        text.len() > tag.len()
            && text[..tag.len()].eq_ignore_ascii_case(tag)
            && (tag == b"<!--"
                || matches!(text[tag.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/'))
    };
    if HTML.iter().any(|tag| opens(tag)) {
        return Some("HTML");
    }
    if opens(b"<svg") {
        return Some("SVG");
    }
    if text.len() >= 5 && text[..5].eq_ignore_ascii_case(b"<?xml") {
        return Some("XML");
    }
    None
}

fn strip_bom(head: &[u8]) -> &[u8] {
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFE\xFF", b"\xFF\xFE"] {
        if let Some(rest) = head.strip_prefix(bom) {
            return rest;
        }
    }
    head
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_their_signature_pass() {
        for (head, extension) in [
            (&b"%PDF-1.7\n"[..], "pdf"),
            (b"\r\n%!junk\n%PDF-1.4", "pdf"),
            (b"\x89PNG\r\n\x1a\n....", "png"),
            (b"\xFF\xD8\xFF\xE0", "jpeg"),
            (b"GIF89a", "gif"),
            (b"RIFF\0\0\0\0WEBPVP8 ", "webp"),
            (b"\0\0\0\x1cftypavif", "avif"),
            (b"II*\0", "tiff"),
            (b"a,b\n<1,2>\n", "csv"),
            (b"PK\x03\x04", "docx"),
        ] {
            assert_eq!(check_bytes(head, extension), Ok(()), "{extension}");
        }
    }

    #[test]
    fn markup_is_refused_whatever_the_extension() {
        for (head, extension, found) in [
            (&b"<html><script>alert(1)</script>"[..], "pdf", "HTML"),
            (b"\xEF\xBB\xBF  <!DOCTYPE html>%PDF-1.4", "pdf", "HTML"),
            (
                b"\n<svg xmlns='http://www.w3.org/2000/svg' onload='x'>",
                "png",
                "SVG",
            ),
            (b"<?xml version='1.0'?><x:script/>", "txt", "XML"),
            (b"<SCRIPT>alert(1)</SCRIPT>", "csv", "HTML"),
            (b"<!-- x --><img src=x onerror=alert(1)>", "jpg", "HTML"),
            (b"\t<p>text", "txt", "HTML"),
        ] {
            assert_eq!(
                check_bytes(head, extension),
                Err(Mismatch::Markup(found)),
                "{extension} {head:?}"
            );
        }
    }

    #[test]
    fn a_missing_signature_is_named() {
        assert_eq!(check_bytes(b"%PDF", "pdf"), Err(Mismatch::NotA("PDF")));
        assert_eq!(check_bytes(b"GIF89a", "png"), Err(Mismatch::NotA("PNG")));
        assert_eq!(
            check_bytes(&[b' '; 2000], "pdf"),
            Err(Mismatch::NotA("PDF"))
        );
        // A text that merely mentions a tag later is text.
        assert_eq!(check_bytes(b"Results <p> and <b>", "txt"), Ok(()));
    }
}
