#!/bin/sh
# class_size_effect.sh -- in the default model, how much does a class of 30
# instead of 20 pupils move each capability mean, against how much the
# heavy-need pupils do (0 -> the top vignette level at 25 pupils)?  Per
# ensemble member (predict --per-draw), posterior mean and 90 % interval.
#
#   tools/class_size_effect.sh [BINARY]     (default ./draagkracht)
set -eu
D=${1:-./draagkracht}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# the 5-95 % points and the mean of one column of numbers
summ() { sort -g | awk '{ v[NR] = $1; s += $1 } END {
    lo = v[int(0.05 * NR) + 1]; hi = v[int(0.95 * NR)]
    printf "%+.2f (%+.2f..%+.2f)", s / NR, lo, hi }'; }
printf '%-4s %-12s %-28s %s\n' sector aspect "class size 20 -> 30" "heavy-need 0 -> top level"
for s in po vo mbo; do
    case $s in mbo) ob=12 h=4 top=6 ;; *) ob=8 h=3 top=5 ;; esac
    "$D" predict --sector "$s" --class-size 20 --support-needs $ob --heavy $h --per-draw > "$T/a"
    "$D" predict --sector "$s" --class-size 30 --support-needs $ob --heavy $h --per-draw > "$T/b"
    "$D" predict --sector "$s" --class-size 25 --support-needs $ob --heavy 0 --per-draw > "$T/c"
    "$D" predict --sector "$s" --class-size 25 --support-needs $ob --heavy $top --per-draw > "$T/d"
    for col in 3 4 5 6 7; do
        name=$(head -1 "$T/a" | cut -d, -f$col)
        size=$(paste -d, "$T/a" "$T/b" | awk -F, -v c=$col 'NR > 1 { n = NF / 2; print $(n + c) - $c }' | summ)
        heavy=$(paste -d, "$T/c" "$T/d" | awk -F, -v c=$col 'NR > 1 { n = NF / 2; print $(n + c) - $c }' | summ)
        printf '%-4s %-12s %-28s %s\n' $s "$name" "$size" "$heavy"
    done
done
echo "(classes: po/vo 8 pupils with a support need, mbo 12; size: with 3 (mbo 4) heavy-need pupils)"
