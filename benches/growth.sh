#!/usr/bin/env bash
# How build time and memory grow with archive size: builds generated
# archives of the given sizes alternately, ROUNDS times (default 3), and
# prints per size the medians of wall, user and system time and of peak
# memory, then how each grew from the size before: the factor, and the
# exponent k of size^k (1 is linear; per 10× of documents, a factor 10^k).
#
# Alternating matters on a machine whose memory slows down as more of it is
# touched (this project's VM does: see the README): sizes built back to
# back each meet the machine in a different state.
#
#   benches/growth.sh                        # 10000 and 30000 documents
#   ROUNDS=5 benches/growth.sh 1000 3000
#   benches/growth.sh 1000 10000 30000
#   CORPUS=second benches/growth.sh          # the second corpus (benches/README.md)
#   SEARCH=no benches/growth.sh 1000 10000   # without the search index
#
# A size too large for RAM (100,000 documents, 4.3 GB of Markdown) is
# built on disk, once: BENCH_DIR=/data/b OUT_DIR=/data/b ROUNDS=1
# benches/growth.sh 100000; its line can be set beside the others.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000)
rounds=${ROUNDS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/sastra-bench.XXXXXX)}
out=${OUT_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "$work")}/sastra-growth-out
flags=()
[ "${SEARCH:-yes}" = yes ] || flags=(--no-search-index)
cargo build --release --quiet --bin sastra --example sastra-corpus
kind=${CORPUS:-varied}
for n in "${sizes[@]}"; do
  archive=$work/archive-$kind-$n
  [ -d "$archive" ] || case $kind in
    varied) target/release/examples/sastra-corpus --documents "$n" --output "$archive" >/dev/null ;;
    second) node benches/corpus-second.mjs --documents "$n" --output "$archive" ;;
    *) echo "CORPUS must be varied or second" >&2; exit 1 ;;
  esac
done

# "wall user system peak_kb" per line, one line per build of $1 documents.
times_of() { grep "^$1 " "$work/growth.txt" | cut -d' ' -f2-; }
median() { sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }

: >"$work/growth.txt"
for _ in $(seq "$rounds"); do
  for n in "${sizes[@]}"; do
    rm -rf "$out"
    /usr/bin/time -f "$n %e %U %S %M" -a -o "$work/growth.txt" \
      target/release/sastra --root "$work/archive-$kind-$n" build "${flags[@]}" --output "$out" >/dev/null 2>&1
  done
done
rm -rf "$out"

echo "corpus $kind, medians of $rounds alternated rounds, $(nproc) cores, load now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %9s %9s %9s %9s %9s %12s %12s\n' documents "input MB" "wall s" "user s" "system s" "peak MB" "wall growth" "peak growth"
declare -A medians
previous=
for n in "${sizes[@]}"; do
  for column in 1 2 3 4; do
    medians[$n,$column]=$(times_of "$n" | cut -d' ' -f"$column" | median)
  done
  input=$(du -sm "$work/archive-$kind-$n/content" | cut -f1)
  peak=$(( medians[$n,4] / 1024 ))
  wall_growth=- peak_growth=-
  if [ -n "$previous" ]; then
    # factor (exponent): factor = (n / previous)^exponent
    growth() { echo "$1 $2 $n $previous" | awk '{ f = $1 / $2; printf "%.2fx (k=%.2f)", f, log(f) / log($3 / $4) }'; }
    wall_growth=$(growth "${medians[$n,1]}" "${medians[$previous,1]}")
    peak_growth=$(growth "${medians[$n,4]}" "${medians[$previous,4]}")
  fi
  printf '%-10s %9s %9s %9s %9s %9s %12s %12s\n' "$n" "$input" "${medians[$n,1]}" "${medians[$n,2]}" "${medians[$n,3]}" "$peak" "$wall_growth" "$peak_growth"
  previous=$n
done
echo "archives kept in $work"
