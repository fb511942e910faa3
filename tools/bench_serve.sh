#!/bin/sh
# bench_serve.sh -- latency of `draagkracht serve` under load: a server on
# a free loopback port, CLIENTS clients at once, each posting REQUESTS
# simulate requests for the example school one after another (JSON, the
# default 1,000 replicates), and the percentiles (tools/bench_serve.c);
# then the server's CPU time per request (from /proc), which the other
# work on a shared machine does not change.
#   tools/bench_serve.sh [CLIENTS] [REQUESTS] [THREADS] [FORM]
set -eu
cd "$(dirname "$0")/.."
clients=${1:-60}
requests=${2:-5}
threads=${3:-}
form=${4:-format=json}
./build.sh >/dev/null
make -s MODE=rel build/rel/tools/bench_serve 2>/dev/null
err=$(mktemp)
# shellcheck disable=SC2086
./draagkracht serve --listen 127.0.0.1:0 ${threads:+--threads $threads} --queue 1000 2>"$err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$err"' EXIT
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|^serving on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$err")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$err" >&2; exit 1; }
echo "draagkracht serve ${threads:+--threads $threads }on $(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
status=0
build/rel/tools/bench_serve "$port" "$clients" "$requests" /simulate "$form" || status=1
cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
hz=$(getconf CLK_TCK)
awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n=$((clients * requests)) \
    'BEGIN { printf "server CPU: %.1f s, %.1f ms per request\n", t / hz, 1000 * t / hz / n }'
exit $status
