#!/bin/bash
# bench_simulate.sh -- draagkracht's population Monte Carlo against the
# aggregated NumPy reference (tools/bench_simulate.py) on the same work,
# CPU time against CPU time, and a check that the two agree.
#
#   tools/bench_simulate.sh [N [R]]
#
#   N   classes in the po population   (env N, default 10000000)
#   R   replicates                     (env R, default 20)
#   PER_CLASS=1  also time draagkracht --per-class (classes one by one)
#
# Both do, per replicate: the cell counts (class size x support forms,
# then the support-need count, then the heavy count) as nested
# multinomials, each cell's teachers over <= 2 / middle / >= 4, sums to
# means, shares and FTE.  The model is the engine's own on both sides:
# tools/pop_tables writes every replicate's tables (the same stream and
# ensemble member, composition probabilities, term rows incl. class size
# x heavy), and the reference reads them (its reading time is left out of
# its figure).  Each replicate thus has the same parameters on both sides,
# and the check is that every outcome's mean, share <= 2, share >= 4 and
# FTE, averaged over the replicates, agree within 4.5 standard errors of
# the difference (from the reference's per-replicate values); else the
# script fails.  Also: 1 and 2 threads give identical bytes.
#
# Prints the machine: nproc, the cores this process may use, the load
# average before the runs.  Times are user + system CPU seconds
# (/usr/bin/time for draagkracht, process_time for NumPy), so other work
# on a shared machine does not count; peak RSS for draagkracht.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

N=${1:-${N:-10000000}}
R=${2:-${R:-20}}
SEED=${SEED:-20261121}
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy, scipy.special' 2>/dev/null; then
    echo "bench: installing python3-numpy python3-scipy" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends python3-numpy python3-scipy >&2
fi
[ -x ./draagkracht ] || ./build.sh >&2
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
make -s MODE=rel build/rel/tools/pop_tables

TMP=$(mktemp -d /tmp/bench_simulate.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cat > "$TMP/bench.ini" <<INI
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
INI

echo "machine: nproc $(nproc), cores for this process $(nproc --all 2>/dev/null || nproc)" \
     "($(taskset -pc $$ 2>/dev/null | sed 's/.*: //' || echo '?')), load average $(cut -d' ' -f1-3 /proc/loadavg)"

cpu() {  # name cmd... -> "cpu_seconds peak_kb" into $TMP/name.time
    local name=$1; shift
    /usr/bin/time -f '%U %S %M' -o "$TMP/$name.time" "$@"
    awk '{ printf "%.2f %d\n", $1 + $2, $3 }' "$TMP/$name.time" > "$TMP/$name.cpu"
}

cpu dk1 ./draagkracht simulate "$TMP/bench.ini" --threads 1 -q --format csv -o "$TMP/dk1.csv"
cpu dk2 ./draagkracht simulate "$TMP/bench.ini" --threads 2 -q --format csv -o "$TMP/dk2.csv"
if [ "${PER_CLASS:-0}" = 1 ]; then
    cpu pc ./draagkracht simulate "$TMP/bench.ini" --threads 1 -q --per-class --format csv \
        -o "$TMP/pc.csv"
fi
build/rel/tools/pop_tables "$TMP/bench.ini" > "$TMP/tables.txt"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$PY" tools/bench_simulate.py --tables "$TMP/tables.txt" \
    --draws "$TMP/np.npy" > "$TMP/np.csv"
echo "machine: load average after $(cut -d' ' -f1-3 /proc/loadavg)"

same=no
cmp -s "$TMP/dk1.csv" "$TMP/dk2.csv" && same=yes
read -r c1 m1 < "$TMP/dk1.cpu"
read -r c2 m2 < "$TMP/dk2.cpu"
cn=$(sed -n 's/^# cpu_seconds=//p' "$TMP/np.csv")
awk -v N="$N" -v R="$R" -v c1="$c1" -v c2="$c2" -v cn="$cn" -v m1="$m1" -v m2="$m2" '
BEGIN {
    printf "population po, N = %d classes x R = %d replicates\n", N, R
    printf "%-34s %10s %14s %9s\n", "run", "CPU s", "classes*reps/CPU s", "peak MB"
    printf "%-34s %10.2f %14.4g %9.1f\n", "draagkracht --threads 1", c1, N * R / c1, m1 / 1024
    printf "%-34s %10.2f %14.4g %9.1f\n", "draagkracht --threads 2", c2, N * R / c2, m2 / 1024
    printf "%-34s %10.2f %14.4g %9s\n", "aggregated NumPy (one core)", cn, N * R / cn, "-"
    printf "draagkracht / NumPy per core: %.2f x\n", cn / c1
}'
if [ -f "$TMP/pc.cpu" ]; then
    read -r cp mp < "$TMP/pc.cpu"
    echo "draagkracht --per-class (one by one): $cp CPU s, $(awk -v a="$cp" -v b="$c1" 'BEGIN { printf "%.1f", a / b }') x the composition"
fi
echo "check: 1 and 2 threads identical: $same"
"$PY" - "$TMP/dk1.csv" "$TMP/np.npy" <<'PYCHECK'
import csv, sys
import numpy as np
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["unit"] == "population"]
both = np.load(sys.argv[2])         # R x (values, their noise SDs) x outcomes x 4
v, sd = both[:, 0], both[:, 1]
R = v.shape[0]
cols = ["mean", "share_le2", "share_ge4", "fte"]
worst, what = 0.0, ""
for o, row in enumerate(rows):
    for k, c in enumerate(cols):
        dk, ref = float(row[c]), v[:, o, k].mean()
        # the two share each replicate's parameters (the same member and
        # draw): their difference is the classes' noise alone, each side's
        # variance sd^2 per replicate, averaged over R
        se = np.sqrt(2 * (sd[:, o, k] ** 2).sum()) / R
        x = abs(dk - ref) / (4.5 * se) if se > 0 else (0.0 if abs(dk - ref) < 1e-12 else np.inf)
        if x > worst:
            worst, what = x, f"{row['outcome']} {c}: draagkracht {dk:.6f}, NumPy {ref:.6f}, SE {se:.2g}"
print(f"check: agreement, worst {worst:.3f} of 4.5 standard errors of the classes' noise ({what})")
sys.exit(0 if worst <= 1 else 1)
PYCHECK
[ "$same" = yes ] || { echo "bench: 1 and 2 threads differ" >&2; exit 1; }
