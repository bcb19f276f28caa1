#!/usr/bin/env bash
# Makes the OCR tests' sample (tests/fixtures/ocr/) from the measured set:
# two of its degraded pages in one PDF, and their true text.
#
#   node benches/ocr/render.mjs /tmp/ocr/clean
#   python3 benches/ocr/degrade.py /tmp/ocr/clean /tmp/ocr/scans
#   benches/ocr/sample.sh /tmp/ocr/scans
set -euo pipefail
cd "$(dirname "$0")/../.."
set_dir=${1:?usage: benches/ocr/sample.sh SET_DIR}
out=tests/fixtures/ocr
mkdir -p "$out"
pages=(200-all/letter 150-skew-jpeg/prose)
files=()
for i in "${!pages[@]}"; do
  files+=("$set_dir/${pages[$i]}.pdf")
  cp "$set_dir/${pages[$i]}.txt" "$out/scan-$((i + 1)).txt"
done
pdfunite "${files[@]}" "$out/scan.pdf"
printf '%s\n' "${pages[@]}" > "$out/pages.txt"
