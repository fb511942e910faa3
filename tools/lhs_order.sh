#!/bin/sh
# lhs_order.sh -- how random the keyed Latin hypercube's permutations
# look (tools/lhs_order.c) at a few sizes.
#   tools/lhs_order.sh [N ...]
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
make -s build/rel/tools/lhs_order
[ $# -gt 0 ] || set -- 1000 4096 65536 1000000
for n in "$@"; do build/rel/tools/lhs_order "$n"; done
