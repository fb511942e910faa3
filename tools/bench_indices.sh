#!/bin/bash
# bench_indices.sh -- how long Sobol indices with bootstrap intervals take
# against the rows they are computed from, from 2^12 to 2^20 base rows.
#
#   tools/bench_indices.sh [LO [HI [ROUNDS]]]
#
#   LO, HI  base rows from 2^LO to 2^HI (env LO, HI; default 12 and 20) of
#           scenarios/sweep-po.ini: 7 factors, 4 responses, so n (7 + 2)
#           rows (9.4 million at 2^20)
#   ROUNDS  (env ROUNDS, default 3) runs of each size and thread count;
#           each time's best counts, since one burst of load on a shared
#           machine would otherwise decide a ratio
#   BOOT    (env, default 200) bootstrap resamples
#
# Each run is `draagkracht sweep scenarios/sweep-po.ini --n N --threads T
# -o /dev/null --indices FILE --format csv`, which says with
# DK_SWEEP_TIMING=1 how long it spent on
#   rows     making, evaluating and formatting the rows (to /dev/null) and
#            keeping their responses (dk_sweep_run), and
#   indices  the point estimates and the bootstrap (dk_sobol_indices),
# on 1 and 2 threads.  Reported: both times, their ratio (the goal: at
# most 1), the indices' nanoseconds per base row and resample (flat when
# the time is linear in n), and whether 1 and 2 threads wrote identical
# indices (they must).  Last, how many cores the machine really gave: the
# 2^18 run on one thread, alone and as two processes at once.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

LO=${1:-${LO:-12}}
HI=${2:-${HI:-20}}
ROUNDS=${3:-${ROUNDS:-3}}
BOOT=${BOOT:-200}
[ -x ./draagkracht ] || ./build.sh >&2

TMP=$(mktemp -d /tmp/bench_indices.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# run N T OUT: one sweep; prints "rows_seconds indices_seconds"
run() {
    DK_SWEEP_TIMING=1 ./draagkracht sweep scenarios/sweep-po.ini --n "$1" --threads "$2" -q \
        -o /dev/null --indices "$3" --format csv --bootstrap "$BOOT" 2> "$TMP/timing"
    awk '/rows_seconds/ { r = $NF } /indices_seconds/ { i = $NF } END { print r, i }' "$TMP/timing"
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }

printf "sweep-po (7 factors, 4 responses), %d bootstrap resamples, best of %d; nproc %d\n" \
    "$BOOT" "$ROUNDS" "$(nproc)"
printf "%9s %3s %10s %10s %7s %13s %9s\n" "base rows" "T" "rows s" "indices s" "ratio" \
    "ns/(row*res)" "same 1/2"
bad=0
for e in $(seq "$LO" "$HI"); do
    n=$((1 << e))
    for t in 1 2; do
        br= bi=
        for r in $(seq "$ROUNDS"); do
            read -r rs is < <(run "$n" "$t" "$TMP/ind-$t.csv")
            br=$(min "$br" "$rs")
            bi=$(min "$bi" "$is")
        done
        same=-
        if [ "$t" = 2 ]; then
            same=no
            cmp -s "$TMP/ind-1.csv" "$TMP/ind-2.csv" && same=yes
            [ "$same" = yes ] || bad=1
        fi
        awk -v n="$n" -v t="$t" -v br="$br" -v bi="$bi" -v boot="$BOOT" -v same="$same" 'BEGIN {
            printf "%9d %3d %10.4f %10.4f %7.3f %13.2f %9s\n", n, t, br, bi, bi / br,
                1e9 * bi * t / (n * boot), same }'
    done
done
[ "$bad" = 0 ] || { echo "bench: 1 and 2 threads wrote different indices" >&2; exit 1; }

# the machine: the 2^18 sweep on one thread alone, then two at once
n=$((1 << 18))
t0=$(date +%s.%N)
./draagkracht sweep scenarios/sweep-po.ini --n "$n" -q -o /dev/null --indices "$TMP/a.csv"
t1=$(date +%s.%N)
for s in 1 2; do
    ./draagkracht sweep scenarios/sweep-po.ini --n "$n" -q -o /dev/null --indices "$TMP/p$s.csv" &
done
wait
t2=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
    one = b - a; two = c - b
    printf "cores the machine gave: one process %.3f s, two at once %.3f s: %.2f cores\n",
        one, two, 2 * one / two }'
