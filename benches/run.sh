#!/usr/bin/env bash
# Builds generated archives of several sizes and reports, per size: wall
# time, peak memory, pages per second, output size, search index size and
# the time of `sastra check`. Where Hugo is installed, the same corpus is
# built by Hugo with equivalent templates in the same run, and the ratio
# printed. Peers are only ever compared on this machine, in one run.
#
#   benches/run.sh                 # 1000 10000 30000 documents
#   benches/run.sh 1000 5000       # chosen sizes
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 30000)
work=${BENCH_DIR:-$(mktemp -d /tmp/sastra-bench.XXXXXX)}
cargo build --release --quiet --bin sastra --bin sastra-corpus
sastra=$PWD/target/release/sastra
corpus=$PWD/target/release/sastra-corpus
hugo=$(command -v hugo || true)

# Runs a command; prints "seconds peak_rss_mb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$work/time.txt"
}

printf '%-8s %-6s %9s %9s %9s %10s %11s %9s\n' documents tool "wall s" "peak MB" "pages/s" "output MB" "search MB" "check s"
for n in "${sizes[@]}"; do
  archive=$work/archive-$n
  [ -d "$archive" ] || "$corpus" --documents "$n" --output "$archive" >/dev/null
  rm -rf "$archive/public"
  read -r wall rss < <(measure "$sastra" --root "$archive" build)
  pages=$(find "$archive/public" -name '*.html' | wc -l)
  output=$(du -sm "$archive/public" | cut -f1)
  search=$(du -sm "$archive/public/search" | cut -f1)
  read -r check _ < <(measure "$sastra" --root "$archive" check)
  printf '%-8s %-6s %9s %9s %9.0f %10s %11s %9s\n' "$n" sastra "$wall" "$rss" "$(echo "$pages / $wall" | bc -l)" "$output" "$search" "$check"
  if [ -n "$hugo" ]; then
    site=$work/hugo-$n
    [ -d "$site" ] || benches/hugo-site.sh "$archive" "$site"
    rm -rf "$site/public"
    read -r hwall hrss < <(measure "$hugo" --source "$site" --quiet)
    hpages=$(find "$site/public" -name '*.html' | wc -l)
    houtput=$(du -sm "$site/public" | cut -f1)
    printf '%-8s %-6s %9s %9s %9.0f %10s %11s %9s\n' "$n" hugo "$hwall" "$hrss" "$(echo "$hpages / $hwall" | bc -l)" "$houtput" "-" "-"
    printf '%-8s ratio  sastra/hugo: time %.2f, memory %.2f\n' "$n" "$(echo "$wall / $hwall" | bc -l)" "$(echo "$rss / $hrss" | bc -l)"
  fi
done
echo "archives and outputs kept in $work"
