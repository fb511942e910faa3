#!/bin/sh
# bench_plan.sh -- the planner's exact programme against exhaustive
# enumeration (same scores, one run), a 200-class board, then the command
# end to end.
#   tools/bench_plan.sh
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
make -s build/rel/tools/bench_plan
build/rel/tools/bench_plan
# End to end: scoring 40 classes x 4 forms x 2 (facility) on 1000 replicates,
# the 5 best plans with details, each replicate's own optimum, and the
# budget curve at 0.1 FTE up to 4 FTE.
awk 'BEGIN { print "[run]\nseed = 5\nreplicates = 1000\n[school Groot]\nsector = po";
  for (i = 0; i < 40; i++) printf "[class k%02d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
    i, 20 + (i * 7) % 11, 5 + (i * 5) % 8, (i * 3) % 6;
  print "[plan]\nbudget = 4.0" }' > build/bench_plan_40.ini
# timed WHAT ARGS...: the command's wall time, one line
timed() {
    what=$1; shift
    s=$(date +%s.%N)
    ./draagkracht plan "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    echo "$what, end to end: $(echo "$e - $s" | bc) s"
}
echo
for obj in mean hardly worst; do
    timed "plan, 40 classes, 4 FTE, objective $obj, 1000 replicates" build/bench_plan_40.ini --objective "$obj"
done
for obj in hardly mean worst; do
    timed "plan scenarios/board.ini (4 schools, 23 classes, 3 FTE), objective $obj" scenarios/board.ini --objective "$obj"
done
# A board of 200 schools of 8 classes (1,600 classes) under one budget of
# 40 FTE, 200 replicates (issue 28: no 64-school cap; under two minutes of
# CPU): CPU seconds and peak memory, and whether the answer is exact.
awk 'BEGIN { print "[run]\nseed = 5\nreplicates = 200";
  for (k = 0; k < 200; k++) { printf "[school s%03d]\nsector = po\n", k;
    for (i = 0; i < 8; i++) { c = k * 8 + i;
      printf "[class k%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
             i, 20 + (c * 7) % 11, 5 + (c * 5) % 8, (c * 3) % 6 } }
  print "[plan]\nbudget = 40.0" }' > build/bench_plan_board200.ini
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "plan, 200 schools x 8 classes, 40 FTE, 200 replicates: %U s user + %S s system CPU, %e s wall, %M KB peak" \
    ./draagkracht plan build/bench_plan_board200.ini --format json -o build/bench_plan_board200.json
grep -o '"exact": *[a-z]*' build/bench_plan_board200.json | head -1
