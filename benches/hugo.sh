#!/usr/bin/env bash
# sastra against Hugo on one generated archive, interleaved in one run:
# sastra (search index included) and Hugo (no search) built one after the
# other, ROUNDS times (default 3), then sastra without its index, so that
# what the index adds shows. Prints the table of issue 28: wall and peak
# memory (medians), and sastra's over Hugo's.
#
# Interleaving matters on a shared machine: a burst of load meets both
# tools rather than one. Outputs go to /dev/shm when there is one (the
# figures measure the generators, not the disk).
#
#   benches/hugo.sh                  # 10000 documents
#   ROUNDS=5 benches/hugo.sh 1000
#   HUGO=/opt/hugo-0.111/hugo benches/hugo.sh
#   CORPUS=second benches/hugo.sh     # the second corpus (benches/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
rounds=${ROUNDS:-3}
hugo=${HUGO:-$(command -v hugo || true)}
[ -n "$hugo" ] || { echo "Hugo is not installed (apt-get install hugo: 0.111.3 is the version compared with)" >&2; exit 1; }
work=${BENCH_DIR:-$(mktemp -d /tmp/sastra-bench.XXXXXX)}
out_root=${OUT_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "$work")}/sastra-hugo-out
cargo build --release --quiet --bin sastra --example sastra-corpus
kind=${CORPUS:-varied}
archive=$work/archive-$kind-$n
site=$work/hugo-$kind-$n
[ -d "$archive" ] || case $kind in
  varied) target/release/examples/sastra-corpus --documents "$n" --output "$archive" >/dev/null ;;
  second) node benches/corpus-second.mjs --documents "$n" --output "$archive" ;;
  *) echo "CORPUS must be varied or second" >&2; exit 1 ;;
esac
[ -d "$site" ] || benches/hugo-site.sh "$archive" "$site" >/dev/null

# Appends "tool seconds peak_kb" for one build of "$@" (tool = $1).
measure() {
  local tool=$1
  shift
  rm -rf "$out_root"
  /usr/bin/time -f "$tool %e %M" -a -o "$work/hugo.txt" "$@" >/dev/null 2>"$work/stderr.txt" ||
    { cat "$work/stderr.txt" >&2; exit 1; }
}

: >"$work/hugo.txt"
for _ in $(seq "$rounds"); do
  measure sastra target/release/sastra --root "$archive" build --output "$out_root"
  measure hugo "$hugo" --source "$site" --destination "$out_root" --quiet
  measure bare target/release/sastra --root "$archive" build --no-search-index --output "$out_root"
done
rm -rf "$out_root"

# The median of column $2 of tool $1's lines.
median() { grep "^$1 " "$work/hugo.txt" | cut -d' ' -f"$2" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }
wall() { median "$1" 2; }
peak_gb() { awk -v k="$(median "$1" 3)" 'BEGIN { printf "%.2f", k * 1024 / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

megabytes=$(du -sm "$archive/content" | cut -f1)
echo "$n documents ($megabytes MiB of Markdown, corpus $kind), medians of $rounds interleaved rounds, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| | sastra (search included) | Hugo $("$hugo" version | grep -o 'v[0-9.]*' | head -1) (no search) | ratio |"
echo "| --- | --- | --- | --- |"
echo "| wall | $(wall sastra) s | $(wall hugo) s | **$(ratio "$(wall sastra)" "$(wall hugo)")×** |"
echo "| peak memory | $(peak_gb sastra) GB | $(peak_gb hugo) GB | **$(ratio "$(median sastra 3)" "$(median hugo 3)")×** |"
echo
echo "sastra without its index: $(wall bare) s, $(peak_gb bare) GB; the index adds $(echo "scale=0; ($(wall sastra) - $(wall bare)) * 100 / $(wall bare)" | bc -l)% to the wall time and $(echo "scale=0; ($(median sastra 3) - $(median bare 3)) * 100 / $(median bare 3)" | bc -l)% to the peak"
echo "archive and Hugo site kept in $work"
