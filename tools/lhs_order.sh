#!/bin/sh
# lhs_order.sh -- how random the keyed Latin hypercube's permutations
# look (tools/lhs_order.c) at a few sizes.
#   tools/lhs_order.sh [N ...]
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
gcc -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude \
    -o build/lhs_order tools/lhs_order.c \
    build/rel/libdk.a -lgsl -lgslcblas -lz -lm -lpthread
[ $# -gt 0 ] || set -- 1000 4096 65536 1000000
for n in "$@"; do build/lhs_order "$n"; done
