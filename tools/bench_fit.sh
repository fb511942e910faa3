#!/bin/bash
# bench_fit.sh -- time `draagkracht fit` against R's lme4 on the same data.
#
#   tools/bench_fit.sh [N]
#
#   N     respondents (env N, default 100000); each rates the base vignette
#         and 6 form-1 vignettes, so N x 7 ratings
#   RUNS  draagkracht runs; the median is reported (default 3)
#
# Generates the data with `draagkracht design --forms 1 --simulate`, then in
# one run times draagkracht fit end to end (process start, CSV parsing,
# fit, its intervals -- Wald, and profile likelihood for the SDs and ICC --,
# the conditional modes written with --ranef, output) and lme4 (read.csv
# and lmer timed apart, in one R process), checks that the two agree (fixed
# effects, variances, log-likelihood, conditional modes) and prints the
# ratios.  Installs Debian's r-cran-lme4 if lme4 is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-${N:-100000}}
RUNS=${RUNS:-3}

if ! Rscript -e 'library(lme4)' >/dev/null 2>&1; then
    echo "bench: installing r-cran-lme4" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends r-base-core r-cran-lme4 >&2
fi
[ -x ./draagkracht ] || ./build.sh >&2

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
./draagkracht design --respondents "$N" --per-respondent 6 --forms 1 --simulate \
    --seed 1 -o "$TMP/bench.csv" >/dev/null
rows=$(($(wc -l < "$TMP/bench.csv") - 1))
size=$(du -m "$TMP/bench.csv" | cut -f1)
echo "data: $N respondents, $rows ratings, ${size} MB CSV; nproc $(nproc)"

fit_args=(fit "$TMP/bench.csv" --group respondent --outcome tailor
          --factors support-needs,heavy,support --format csv --ranef "$TMP/dk_ranef.csv")
times=()
for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    ./draagkracht "${fit_args[@]}" > "$TMP/dk.csv"
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
done
dk=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")

Rscript tools/bench_fit.R "$TMP/bench.csv" "$TMP/r_ranef.csv" > "$TMP/r.txt"
r_read=$(awk '$1 == "read_seconds" {print $2}' "$TMP/r.txt")
r_fit=$(awk '$1 == "fit_seconds" {print $2}' "$TMP/r.txt")

# Agreement: the fixed effects in order, the variances, log-likelihood and
# the conditional modes (joined on the group).  draagkracht's CSV:
# by,outcome,method,section,term,term2,estimate,...
awk -F, '$4 == "fixed" {print $7}' "$TMP/dk.csv" > "$TMP/dk_fixed"
awk '$1 == "fixed" {print $2}' "$TMP/r.txt" > "$TMP/r_fixed"
dbeta=$(paste "$TMP/dk_fixed" "$TMP/r_fixed" | awk '{d = $1 - $2; d = d < 0 ? -d : d; if (d > m) m = d} END {printf "%.2g", m}')
get_dk() { awk -F, -v k="\"$1\"" '$5 == k {print $7}' "$TMP/dk.csv"; }
get_r() { awk -v k="$1" '$1 == k {print $2}' "$TMP/r.txt"; }
rel() { echo "$1 $2" | awk '{d = ($1 - $2) / $2; d = d < 0 ? -d : d; printf "%.2g", d}'; }
dvg=$(rel "$(get_dk var_group)" "$(get_r var_group)")
dvr=$(rel "$(get_dk var_residual)" "$(get_r var_residual)")
dll=$(echo "$(get_dk loglik) $(get_r loglik)" | awk '{d = $1 - $2; printf "%.2g", d < 0 ? -d : d}')
dre=$(awk -F, 'NR == FNR {if (FNR > 1) m[$1] = $2; next}
               FNR > 1 {g = $4; gsub(/"/, "", g); if (g in m) {n++; d = $6 - m[g]; d = d < 0 ? -d : d; if (d > w) w = d}}
               END {printf "%.2g over %d groups", w, n}' "$TMP/r_ranef.csv" "$TMP/dk_ranef.csv")

printf 'draagkracht fit, end to end (median of %s): %.2f s   [runs: %s]\n' "$RUNS" "$dk" "${times[*]}"
printf 'lme4: read.csv %.2f s, lmer %.2f s\n' "$r_read" "$r_fit"
printf 'agreement: max |d fixed| %s, var_group rel %s, var_residual rel %s, |d loglik| %s, max |d ranef| %s\n' \
    "$dbeta" "$dvg" "$dvr" "$dll" "$dre"
awk -v r="$r_read" -v f="$r_fit" -v d="$dk" 'BEGIN {
    printf "ratio lmer / draagkracht: %.1fx   (read.csv + lmer) / draagkracht: %.1fx\n", f / d, (r + f) / d }'
