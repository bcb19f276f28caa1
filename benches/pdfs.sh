#!/usr/bin/env bash
# Attached PDFs: builds an archive of N documents (default 1,000), each
# attaching a PDF of 10 pages of Khmer and English, and reports the first
# build (every PDF read by Poppler: info, fonts, words with boxes, page
# images for Khmer gaps, preview) and a rebuild (every reading from the
# cache, no engine started), each with wall time and peak memory.
#
# The PDFs are printed by headless Chromium from real Khmer text (the VOA and
# UDHR paragraphs of tests/vectors/tokenizer.jsonl) in Noto Sans Khmer, ten
# different ones; the N files are those ten with a distinct trailing comment
# each, so every file has its own content hash and is read on its own.
#
#   benches/pdfs.sh            # 1000 documents
#   benches/pdfs.sh 200
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
work=${BENCH_DIR:-/work/scratch-pdfs-bench}
[ -w "$(dirname "$work")" ] || work=$(mktemp -d)
mkdir -p "$work/templates"
cargo build --release --quiet --bin sastra
sastra=$PWD/target/release/sastra
font="$PWD/themes/default/static/fonts/noto-sans-khmer-khmer-400-normal.woff2"

# Ten 10-page PDFs, made once.
python3 - "$work/templates" "$font" <<'PY'
import json, sys, os, html
out, font = sys.argv[1], sys.argv[2]
texts = [json.loads(l)["normalized"] for l in open("tests/vectors/tokenizer.jsonl")]
texts = [t for t in texts if len(t) >= 40]
english = "The National Election Committee published the results of the ballot order draw for the national assembly election."
for k in range(10):
    pages = []
    for p in range(10):
        chosen = [texts[(k * 37 + p * 7 + i) % len(texts)] for i in range(6)]
        body = "".join(f"<p>{html.escape(t)}</p>" for t in chosen)
        pages.append(f'<section style="break-after:page"><h1>{k}-{p}</h1>{body}<p>{english}</p></section>')
    doc = f'<!doctype html><meta charset="utf-8"><style>@font-face{{font-family:K;src:url("file://{font}")}} body{{font-family:K,sans-serif;font-size:12pt}} section{{height:9.5in;overflow:hidden}}</style>{"".join(pages)}'
    open(os.path.join(out, f"t{k}.html"), "w").write(doc)
PY
for k in 0 1 2 3 4 5 6 7 8 9; do
  pdf="$work/templates/t$k.pdf"
  [ -f "$pdf" ] || chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$pdf" "file://$work/templates/t$k.html" 2>/dev/null
done
pdfinfo "$work/templates/t0.pdf" | grep -q '^Pages: *10$' || { echo "the template PDF has not 10 pages" >&2; exit 1; }

archive="$work/archive-$count"
rm -rf "$archive"
mkdir -p "$archive/content/announcements/files"
cp tests/fixtures/basic/site.toml "$archive/"
cp -r themes "$archive/"
for i in $(seq 1 "$count"); do
  { cat "$work/templates/t$((i % 10)).pdf"; printf '%% sastra bench %d\n' "$i"; } > "$archive/content/announcements/files/d$i.pdf"
  printf -- '---\ntitle: "ឯកសារ %d"\ndate: 2023-06-01\ntype: announcement\nattachments:\n  - file: files/d%d.pdf\n    title: "PDF"\n    lang: km\n---\nអត្ថបទ។\n' "$i" "$i" > "$archive/content/announcements/d$i.km.md"
done

measure() {
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{ printf "%.1f s wall, %.0f MB peak, %.1f s user + %.1f s system CPU (sastra and the engines it ran)\n", $1, $2 / 1024, $3, $4 }' "$work/time.txt"
}
out="$work/out-$count"
rm -rf "$archive/.sastra-cache" "$out"
echo "documents: $count, PDFs of 10 pages: $count"
echo -n "first build (cold cache): "; measure "$sastra" --root "$archive" build --output "$out"
echo -n "rebuild (cache warm):     "; measure "$sastra" --root "$archive" build --output "$out"
echo -n "cache: "; du -sh "$archive/.sastra-cache" | cut -f1
echo -n "previews published: "; ls "$out/previews" | wc -l
