#!/bin/bash
# bench_simulate.sh -- time draagkracht's population Monte Carlo against a
# NumPy reference (tools/bench_simulate.py) on the same classes x replicates.
#
#   tools/bench_simulate.sh [N [R]]
#
#   N  classes in the po population        (env N, default 1000000)
#   R  replicates                          (env R, default 100)
#   NP_MAX_SECONDS  the NumPy run stops after the replicate that passes this
#                   many seconds (at least NP_MIN_REPLICATES, default 20) and
#                   its time is scaled linearly to R (default 600; 0 = no cap)
#   SEED            scenario seed (default 20261121)
#   BASELINE        1 (default): also time two independent single-thread
#                   draagkracht processes of R/2 replicates each at once, to
#                   show how much parallel throughput the machine itself
#                   gives (shared or throttled vCPUs); 0: skip
#
# One run times: draagkracht --threads 1, draagkracht --threads 2 and the
# NumPy reference, and prints classes x replicates per second for each, the
# ratios draagkracht/NumPy, the 1 -> 2 thread speed-up, peak RSS and nproc.
# It checks that the two draagkracht runs give identical output and that the
# population mean tailor rating of draagkracht and NumPy agree within 0.05.
#
# Both sides do the same Monte Carlo: per replicate every parameter from
# its PERT range; per class a size from Table 7.2's bins, a beta-binomial
# support-need count, a beta-binomial heavy count, the support forms as
# Table 3.15 has them, 11 expected ratings and one teacher per class (one
# normal per rating with the combined SD), counted at <= 2 and >= 4.  They
# differ in how:
#   draagkracht  tabulates each replicate's composition distributions
#                exactly (Walker alias tables from GSL, beta-binomial
#                probabilities from gsl_sf_lnbeta), so a class is three
#                table draws; its expected ratings are four additive term
#                rows; a teacher's category comes from inverting the
#                normal at the precision it needs; uniforms come 16 bits at
#                a time from GSL's taus2 (src/survey.c, src/engine.c,
#                include/draagkracht/uniform.h, simulate.h);
#   NumPy        draws what the model names, vectorised over 131,072-class
#                blocks (tools/bench_simulate.py reviews it as the best
#                straightforward NumPy): Generator.beta then .binomial for
#                each count, .choice for the size from its probability
#                table, .random for the four forms, float32 normals for
#                the ratings, look-up tables for the piecewise and support
#                effects, with NumPy's PCG64 -- what a NumPy programmer
#                writes; per-replicate alias tables and partial normal
#                inversion are not plain NumPy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

N=${1:-${N:-1000000}}
R=${2:-${R:-100}}
NP_MAX_SECONDS=${NP_MAX_SECONDS:-600}
NP_MIN_REPLICATES=${NP_MIN_REPLICATES:-20}
SEED=${SEED:-20261121}
BASELINE=${BASELINE:-1}
PY=/usr/bin/python3

if ! "$PY" -c 'import numpy' 2>/dev/null; then
    echo "bench: installing python3-numpy" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends python3-numpy >&2
fi
if [ ! -x ./draagkracht ]; then
    echo "bench: building draagkracht" >&2
    ./build.sh >&2
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/bench_simulate.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cat > "$TMP/bench.ini" <<EOF
# written by tools/bench_simulate.sh
[run]
seed = $SEED
replicates = $R

[population bench po]
sector = po
classes = $N
class-size = survey
support-needs = survey
heavy = survey
support = as-now
school-size = 8
EOF

# run NAME CMD...: wall seconds and peak RSS (kB) into $TMP/NAME.time
run() {
    name=$1; shift
    echo "bench: $name: $*" >&2
    /usr/bin/time -f '%e %M' -o "$TMP/$name.time" "$@"
}

run dk1 ./draagkracht simulate "$TMP/bench.ini" --threads 1 --format csv -o "$TMP/dk1.csv"
run dk2 ./draagkracht simulate "$TMP/bench.ini" --threads 2 --format csv -o "$TMP/dk2.csv"
if [ "$BASELINE" = 1 ]; then
    sed "s/^replicates = .*/replicates = $(( (R + 1) / 2 ))/" "$TMP/bench.ini" > "$TMP/half.ini"
    run pair bash -c 'for s in 1 2; do ./draagkracht simulate "$1" --seed "$s" --threads 1 \
        --format csv -o "$2.$s.csv" & done; wait' pair "$TMP/half.ini" "$TMP/pair"
fi
run np "$PY" tools/bench_simulate.py --draagkracht ./draagkracht -N "$N" -R "$R" \
    --max-seconds "$NP_MAX_SECONDS" --min-replicates "$NP_MIN_REPLICATES" > "$TMP/np.csv"

read -r t1 m1 < "$TMP/dk1.time"
read -r t2 m2 < "$TMP/dk2.time"
read -r tn mn < "$TMP/np.time"
tp=0 mp=0
[ "$BASELINE" = 1 ] && read -r tp mp < "$TMP/pair.time"
rn=$(sed -n 's/^# replicates_done=//p' "$TMP/np.csv")
tailor() { awk -F, -v u="$2" '$1 == u && $5 == "tailor" { print $6 }' "$1"; }
dk_tailor=$(tailor "$TMP/dk1.csv" population)
np_tailor=$(tailor "$TMP/np.csv" population)
same=no
cmp -s "$TMP/dk1.csv" "$TMP/dk2.csv" && same=yes

awk -v N="$N" -v R="$R" -v rn="$rn" -v t1="$t1" -v t2="$t2" -v tn="$tn" \
    -v tp="$tp" -v rp=$(( 2 * ((R + 1) / 2) )) -v m1="$m1" -v m2="$m2" -v mn="$mn" -v cores="$(nproc)" -v same="$same" \
    -v dkt="$dk_tailor" -v npt="$np_tailor" '
BEGIN {
    work = N * R
    tns = tn * R / rn                  # NumPy time scaled to R replicates
    r1 = work / t1; r2 = work / t2; rnp = work / tns
    printf "population po, N = %d classes x R = %d replicates = %.3g class-replicates; nproc = %d\n", N, R, work, cores
    printf "%-26s %10s %14s %10s\n", "run", "wall s", "classes*reps/s", "peak MB"
    printf "%-26s %10.2f %14.4g %10.1f\n", "draagkracht --threads 1", t1, r1, m1 / 1024
    printf "%-26s %10.2f %14.4g %10.1f\n", "draagkracht --threads 2", t2, r2, m2 / 1024
    if (tp > 0)
        printf "%-26s %10.2f %14.4g %10s   (baseline: 2 processes --threads 1, %d replicates each, at once)\n", \
            "draagkracht 2 processes", tp, N * rp / tp, "-", rp / 2
    if (rn < R)
        printf "%-26s %10.2f %14.4g %10.1f   (ran %d of %d replicates in %.2f s; time scaled linearly x%.2f)\n", \
            "numpy reference", tns, rnp, mn / 1024, rn, R, tn, R / rn
    else
        printf "%-26s %10.2f %14.4g %10.1f\n", "numpy reference", tns, rnp, mn / 1024
    printf "ratio draagkracht(1 thread)/numpy:  %.2f x\n", r1 / rnp
    printf "ratio draagkracht(2 threads)/numpy: %.2f x\n", r2 / rnp
    printf "speed-up 1 -> 2 threads:            %.2f x  (ideal %d x on %d cores)\n", t1 / t2, (cores < 2 ? cores : 2), cores
    if (tp > 0)
        printf "machine baseline 1 -> 2 processes:  %.2f x  (same work, no threads: what %d vCPUs really give)\n", (N * rp / tp) / r1, cores
    d = dkt - npt; if (d < 0) d = -d
    printf "check: population mean tailor rating draagkracht %.4f, numpy %.4f, |diff| %.4f %s\n", \
        dkt, npt, d, (d <= 0.05 ? "ok (<= 0.05)" : "MISMATCH (> 0.05)")
    printf "check: draagkracht output identical for 1 and 2 threads: %s\n", same
}'
