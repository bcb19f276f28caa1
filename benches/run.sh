#!/usr/bin/env bash
# Builds generated archives of several sizes and reports, per size: wall
# time, peak memory, pages per second, output size, search index size, the
# time of `sastra check`, and the time of a build without the search index
# (so the index's share of the build shows). Where Hugo is installed, the same corpus is
# built by Hugo with equivalent templates in the same run, and the ratio
# printed. Peers are only ever compared on this machine, in one run.
#
# Each build runs RUNS times (default 3) and the median is reported. The
# outputs go to a RAM-backed folder (/dev/shm) when there is one, so the
# figures measure the generators rather than the disk: on this machine's
# ext4, creating tens of thousands of files right after deleting as many
# varies by a factor of two from run to run. Sizes are built one after the
# other; to compare two sizes' times, `benches/growth.sh` builds them
# alternately, which this machine's memory makes the fairer measure.
#
#   benches/run.sh                 # 1000 10000 30000 documents
#   benches/run.sh 1000 5000       # chosen sizes
#   RUNS=1 OUT_DIR=/tmp benches/run.sh 30000
#   HUGO= benches/run.sh 10000 30000     # sastra alone
#   CORPUS=second benches/run.sh 1000    # the second corpus (benches/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 30000)
work=${BENCH_DIR:-$(mktemp -d /tmp/sastra-bench.XXXXXX)}
cargo build --release --quiet --bin sastra --example sastra-corpus
sastra=$PWD/target/release/sastra
corpus=$PWD/target/release/examples/sastra-corpus
kind=${CORPUS:-varied}  # or second: benches/corpus-second.mjs
# Writes a generated archive of $1 documents to $2.
make_archive() {
  case $kind in
    varied) "$corpus" --documents "$1" --output "$2" >/dev/null ;;
    second) node benches/corpus-second.mjs --documents "$1" --output "$2" ;;
    *) echo "CORPUS must be varied or second" >&2; return 1 ;;
  esac
}
hugo=${HUGO-$(command -v hugo || true)}  # HUGO= skips the peer
runs=${RUNS:-3}
out_root=${OUT_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "$work")}/sastra-bench-out

# Runs a command; prints "seconds peak_rss_mb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$work/time.txt"
}

# Runs "$@" $runs times into a fresh $out; prints the median "seconds MB".
median_of_runs() {
  local results=()
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    results+=("$(measure "$@")")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

printf '%-8s %-6s %9s %9s %9s %10s %11s %9s %12s\n' documents tool "wall s" "peak MB" "pages/s" "output MB" "search MB" "check s" "no-index s"
for n in "${sizes[@]}"; do
  archive=$work/archive-$kind-$n
  [ -d "$archive" ] || make_archive "$n" "$archive"
  out=$out_root/sastra-$n
  read -r wall rss < <(median_of_runs "$sastra" --root "$archive" build --output "$out")
  pages=$(find "$out" -name '*.html' | wc -l)
  output=$(du -sm "$out" | cut -f1)
  search=$(du -sm "$out/search" | cut -f1)
  rm -rf "$out"
  read -r check _ < <(measure "$sastra" --root "$archive" check)
  read -r bare _ < <(median_of_runs "$sastra" --root "$archive" build --no-search-index --output "$out")
  rm -rf "$out"
  printf '%-8s %-6s %9s %9s %9.0f %10s %11s %9s %12s\n' "$n" sastra "$wall" "$rss" "$(echo "$pages / $wall" | bc -l)" "$output" "$search" "$check" "$bare"
  printf '%-8s index  the search index adds %.0f%% to the build\n' "$n" "$(echo "($wall - $bare) / $bare * 100" | bc -l)"
  if [ -n "$hugo" ]; then
    site=$work/hugo-$kind-$n
    [ -d "$site" ] || benches/hugo-site.sh "$archive" "$site"
    out=$out_root/hugo-$n
    read -r hwall hrss < <(median_of_runs "$hugo" --source "$site" --destination "$out" --quiet)
    hpages=$(find "$out" -name '*.html' | wc -l)
    houtput=$(du -sm "$out" | cut -f1)
    rm -rf "$out"
    printf '%-8s %-6s %9s %9s %9.0f %10s %11s %9s %12s\n' "$n" hugo "$hwall" "$hrss" "$(echo "$hpages / $hwall" | bc -l)" "$houtput" "-" "-" "-"
    printf '%-8s ratio  sastra/hugo: time %.2f, memory %.2f\n' "$n" "$(echo "$wall / $hwall" | bc -l)" "$(echo "$rss / $hrss" | bc -l)"
  fi
done
echo "archives and outputs kept in $work"
