#!/bin/sh
# prior_sensitivity.sh -- how far the default school's headline numbers
# move when every prior scale is halved or doubled (calibrate
# --prior-scale F): the posterior is recalibrated at each F (a few minutes
# each on 2 cores) and the embedded scenario simulated with it.
#
#   tools/prior_sensitivity.sh [BINARY] [F ...]    (default ./draagkracht 0.5 1 2)
set -eu
D=${1:-./draagkracht}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- 0.5 1 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf '%-6s' F
for o in motivate instruction energy calm tailor; do printf ' %-17s' "$o"; done
printf ' %-17s %-17s\n' "tailor<=2" "assistant>=4"
for F in "$@"; do
    "$D" calibrate src/data/targets.txt -q --prior-scale "$F" -o "$T/m.model"
    "$D" simulate --model "$T/m.model" --format csv > "$T/s.csv"
    printf '%-6s' "$F"
    for o in motivate instruction energy calm tailor; do
        awk -F, -v o=$o '$1 == "school" && $5 == o { printf " %.2f (%.2f-%.2f)", $6, $7, $8 }' "$T/s.csv"
    done
    awk -F, '$1 == "school" && $5 == "tailor" { printf "   %.0f%% (%.0f-%.0f)", 100 * $9, 100 * $10, 100 * $11 }' "$T/s.csv"
    awk -F, '$1 == "school" && $5 == "assistant" { printf "   %.0f%% (%.0f-%.0f)", 100 * $12, 100 * $13, 100 * $14 }' "$T/s.csv"
    printf '\n'
done
echo "(school means with 90 % intervals; shares of the school's teachers, one per class)"
