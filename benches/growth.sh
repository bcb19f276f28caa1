#!/usr/bin/env bash
# How build time grows with archive size: builds two generated archives
# alternately, ROUNDS times (default 3), and prints the medians of wall,
# user and system time for each, and their ratios.
#
# Alternating matters on a machine whose memory slows down as more of it is
# touched (this project's VM does: see the README): sizes built back to
# back each meet the machine in a different state.
#
#   benches/growth.sh                # 10000 and 30000 documents
#   ROUNDS=5 benches/growth.sh 1000 3000
#   CORPUS=second benches/growth.sh      # the second corpus (benches/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-10000}
large=${2:-30000}
rounds=${ROUNDS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/sastra-bench.XXXXXX)}
out=${OUT_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "$work")}/sastra-growth-out
cargo build --release --quiet --bin sastra --example sastra-corpus
kind=${CORPUS:-varied}
for n in "$small" "$large"; do
  archive=$work/archive-$kind-$n
  [ -d "$archive" ] || case $kind in
    varied) target/release/examples/sastra-corpus --documents "$n" --output "$archive" >/dev/null ;;
    second) node benches/corpus-second.mjs --documents "$n" --output "$archive" ;;
    *) echo "CORPUS must be varied or second" >&2; exit 1 ;;
  esac
done

# "wall user system" per line, one line per build of $1 documents.
times_of() { grep "^$1 " "$work/growth.txt" | cut -d' ' -f2-; }
median() { sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }

: >"$work/growth.txt"
for _ in $(seq "$rounds"); do
  for n in "$small" "$large"; do
    rm -rf "$out"
    /usr/bin/time -f "$n %e %U %S" -a -o "$work/growth.txt" \
      target/release/sastra --root "$work/archive-$kind-$n" build --output "$out" >/dev/null 2>&1
  done
done
rm -rf "$out"

printf '%-10s %9s %9s %9s\n' documents "wall s" "user s" "system s"
declare -A medians
for n in "$small" "$large"; do
  for column in 1 2 3; do
    medians[$n,$column]=$(times_of "$n" | cut -d' ' -f"$column" | median)
  done
  printf '%-10s %9s %9s %9s\n' "$n" "${medians[$n,1]}" "${medians[$n,2]}" "${medians[$n,3]}"
done
ratio() { echo "scale=2; ${medians[$large,$1]} / ${medians[$small,$1]}" | bc -l; }
printf '%-10s %8sx %8sx %8sx\n' ratio "$(ratio 1)" "$(ratio 2)" "$(ratio 3)"
echo "archives kept in $work"
