#!/bin/bash
# bench_sweep.sh -- time `draagkracht sweep` against a NumPy reference of
# the same sweep (tools/bench_sweep.py), in one run.
#
#   tools/bench_sweep.sh [N [ROUNDS]]
#
#   N       scenarios (env N, default 1000000): a Latin hypercube of po
#           classes over class size, support-need and heavy counts, the
#           support form and three assumptions (tools/bench_sweep.ini), four
#           responses, rows to gzip-compressed CSV at full precision.
#   ROUNDS  (env ROUNDS, default 3) rounds of 1 thread, 2 threads, NumPy, in
#           turn; each side's best wall time counts, so that a burst of
#           load on the shared machine in one run does not decide a ratio.
#
# Reports: scenarios per second with 1 and 2 threads, the share of the
# 1-thread run's time spent compressing (CPU seconds in deflate, measured
# by draagkracht itself with DK_SWEEP_TIMING=1, over its wall time, in the
# best 1-thread run), the 1 -> 2 thread speed-up, the NumPy reference's
# scenarios per second (and its evaluation time alone: most of its time
# is np.savetxt and zlib, which the CSV output demands; see the review in
# tools/bench_sweep.py) and the ratios; every round's times too.  Checks that 1 and 2 threads write identical bytes and that
# the two implementations agree on each response's mean over the rows
# (within 0.005; their LHS draws differ, so only statistically).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

N=${1:-${N:-1000000}}
ROUNDS=${2:-${ROUNDS:-3}}
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy, scipy.special' 2>/dev/null; then
    echo "bench: installing python3-numpy python3-scipy" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends python3-numpy python3-scipy >&2
fi
[ -x ./draagkracht ] || ./build.sh >&2

TMP=$(mktemp -d /tmp/bench_sweep.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
sed "s/^n = .*/n = $N/" tools/bench_sweep.ini > "$TMP/spec.ini"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

run_dk() {  # threads out -> prints wall seconds; compress seconds in $TMP/z$1
    local t0 t1
    t0=$(now)
    DK_SWEEP_TIMING=1 ./draagkracht sweep "$TMP/spec.ini" --threads "$1" -q -o "$2" \
        2> "$TMP/z$1"
    t1=$(now)
    secs "$t0" "$t1"
}

best() {  # best-so-far (may be empty) new -> the smaller
    if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; fi
}
# The machine's own 1 -> 2 scaling: the same sweep as two single-thread
# processes at once, shards 1/2 and 2/2 (concatenated: the same bytes).
run_pair() {
    local t0
    t0=$(now)
    ./draagkracht sweep "$TMP/spec.ini" --threads 1 -q --shard 1/2 -o "$TMP/rowsp1.csv.gz" &
    ./draagkracht sweep "$TMP/spec.ini" --threads 1 -q --shard 2/2 -o "$TMP/rowsp2.csv.gz" &
    wait
    secs "$t0" "$(now)"
}

echo "machine: nproc $(nproc), cores for this process $(taskset -pc $$ 2>/dev/null | sed 's/.*: //' || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
w1= w2= wp= wn= z1= we=
for r in $(seq "$ROUNDS"); do
    rm -f "$TMP"/rows*.csv.gz "$TMP/numpy.csv.gz"
    t1=$(run_dk 1 "$TMP/rows1.csv.gz")
    t2=$(run_dk 2 "$TMP/rows2.csv.gz")
    tp=$(run_pair)
    cmp -s "$TMP/rows1.csv.gz" "$TMP/rows2.csv.gz" || { echo "bench: 1 and 2 threads differ" >&2; exit 1; }
    cat "$TMP/rowsp1.csv.gz" "$TMP/rowsp2.csv.gz" | cmp -s - "$TMP/rows1.csv.gz" ||
        { echo "bench: the two shards differ from the whole" >&2; exit 1; }
    t0=$(now)
    "$PY" tools/bench_sweep.py --draagkracht ./draagkracht -N "$N" -o "$TMP/numpy.csv.gz" > "$TMP/numpy.out"
    tn=$(secs "$t0" "$(now)")
    printf "  round %d: 1 thread %.3f s, 2 threads %.3f s, 2 processes %.3f s, NumPy %.3f s\n" \
        "$r" "$t1" "$t2" "$tp" "$tn"
    if [ "$(best "$w1" "$t1")" = "$t1" ]; then
        z1=$(awk '/compress_cpu_seconds/ {print $NF}' "$TMP/z1")
    fi
    w1=$(best "$w1" "$t1")
    w2=$(best "$w2" "$t2")
    wp=$(best "$wp" "$tp")
    wn=$(best "$wn" "$tn")
    we=$(best "$we" "$(awk '/^evaluate_seconds/ {print $2}' "$TMP/numpy.out")")
done

# agreement: each response's mean over the rows
zcat "$TMP/rows1.csv.gz" | awk -F, 'NR > 1 { for (i = 9; i <= 12; i++) s[i] += $i; n++ }
    END { split("tailor.mean tailor.le2 instruction.mean assistant.fte", k, " ");
          for (i = 9; i <= 12; i++) printf "mean %s %.6f\n", k[i - 8], s[i] / n }' > "$TMP/dk.means"
paste -d' ' "$TMP/dk.means" <(grep '^mean' "$TMP/numpy.out") | awk '
    { d = $3 - $6; if (d < 0) d = -d; printf "  %-18s draagkracht %.6f  numpy %.6f\n", $2, $3, $6;
      if (d > 0.005) bad = 1 }
    END { if (bad) { print "bench: the two disagree" > "/dev/stderr"; exit 1 } }'

size=$(stat -c %s "$TMP/rows1.csv.gz")
awk -v n="$N" -v rounds="$ROUNDS" -v w1="$w1" -v w2="$w2" -v wp="$wp" -v wn="$wn" -v we="$we" -v z1="$z1" -v size="$size" -v cpus="$(nproc)" 'BEGIN {
    printf "sweep of %d scenarios (lhs, 7 factors, 4 responses), rows to .csv.gz (%.1f MB); nproc %d; best of %d rounds\n", n, size / 1e6, cpus, rounds
    printf "  %-34s %8.3f s  %10.0f scenarios/s\n", "draagkracht, 1 thread", w1, n / w1
    printf "  %-34s %8.3f s  %10.0f scenarios/s\n", "draagkracht, 2 threads", w2, n / w2
    printf "  %-34s %8.3f s  %10.0f scenarios/s\n", "2 processes at once, 1 thread each", wp, n / wp
    printf "  %-34s %8.3f s  %10.0f scenarios/s\n", "NumPy reference (process)", wn, n / wn
    printf "  %-34s %8.3f s  (its evaluation alone; the rest is writing CSV)\n", "NumPy evaluation", we
    printf "  compression share (1 thread)      %5.1f %%  (%.3f s deflate)\n", 100 * z1 / w1, z1
    printf "  1 -> 2 threads                    %5.2fx\n", w1 / w2
    printf "  1 -> 2 processes (the machine)    %5.2fx  (2 threads reach %.0f %% of it)\n", w1 / wp, 100 * wp / w2
    printf "  draagkracht / NumPy, 1 thread     %5.1fx\n", wn / w1
    printf "  draagkracht / NumPy, 2 threads    %5.1fx\n", wn / w2
}'
sed -n 's/^# /  /p' "$TMP/numpy.out"
echo "machine: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
