#!/bin/sh
# bench_serve.sh -- latency of `draagkracht serve` under load: a server on
# a free loopback port, CLIENTS clients at once, each posting REQUESTS
# simulate requests for the example school one after another (JSON, the
# default 1,000 replicates), and the percentiles (tools/bench_serve.c).
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
build/rel/tools/bench_serve "$port" "$clients" "$requests" /simulate "$form"
