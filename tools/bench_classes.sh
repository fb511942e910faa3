#!/bin/sh
# bench_classes.sh -- a scenario of N classes (default 200,000: 25,000
# schools of 8 classes), parsed and simulated with 10 replicates on one
# thread; prints the wall and CPU time (issue 15: under 5 s), and the
# parse alone (tools/bench_parse.c).  Also the old parser's worst case, all
# N classes in one school, and the same schools as a board's sheet read by
# --classes.
#
#   tools/bench_classes.sh [N]
set -eu
cd "$(dirname "$0")/.."
n=${1:-200000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
./build.sh >/dev/null
make -s build/rel/tools/bench_parse
awk -v n="$n" -v per=8 'BEGIN {
    print "[run]\nseed = 1\nreplicates = 10"
    for (c = 0; c < n; c++) {
        if (c % per == 0) printf "[school s%d]\nsector = po\n", c / per
        printf "[class c%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
               c % per, 20 + c % 10, 5 + (c * 7) % 8, c % 3
    }
}' > "$dir/schools.ini"
awk -v n="$n" 'BEGIN {
    print "[run]\nseed = 1\nreplicates = 10\n[school one]\nsector = po"
    for (c = 0; c < n; c++)
        printf "[class c%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
               c, 20 + c % 10, 5 + (c * 7) % 8, c % 3
}' > "$dir/one.ini"
# the same schools as a board's sheet (--classes), school column first
awk -v n="$n" -v per=8 'BEGIN {
    print "school;klas;leerlingen;met een ondersteuningsbehoefte;grote aandachtvraag"
    for (c = 0; c < n; c++)
        printf "s%d;c%d;%d;%d;%d\n", int(c / per), c % per, 20 + c % 10, 5 + (c * 7) % 8, c % 3
}' > "$dir/sheet.csv"
build/rel/tools/bench_parse "$dir/schools.ini" "$dir/one.ini"
for f in schools one; do
    /usr/bin/time -f "$f: $n classes, 10 replicates, 1 thread: %e s wall, %U s user, %S s system, %M KB" \
        ./draagkracht simulate "$dir/$f.ini" --threads 1 -q -o "$dir/$f.out"
done
/usr/bin/time -f "sheet: $n classes (--classes), 10 replicates, 1 thread: %e s wall, %U s user, %S s system, %M KB" \
    ./draagkracht simulate --classes "$dir/sheet.csv" --replicates 10 --seed 1 --threads 1 -q \
    -o "$dir/sheet.out"
# the same numbers: the outputs differ only in their first line, the file name
tail -n +2 "$dir/schools.out" > "$dir/a"
tail -n +2 "$dir/sheet.out" > "$dir/b"
if cmp -s "$dir/a" "$dir/b"; then
    echo "sheet: the same output as the INI file (after the first line)"
else
    echo "sheet: output differs from the INI file"
fi
