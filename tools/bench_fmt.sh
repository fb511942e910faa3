#!/bin/sh
# bench_fmt.sh -- dk_fmt_g17 against snprintf("%.17g") on numbers like a
# sweep's, in one run (tools/bench_fmt.c); given a git revision, also
# against that revision's dk_fmt_g17, so a change can be timed old to new.
#   tools/bench_fmt.sh [REV]
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
CFLAGS="-std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude"
OLD=""
if [ $# -gt 0 ]; then
    # REV's text.c, with every global but its dk_fmt_g17 (renamed) made
    # local, so it links beside today's objects
    git show "$1:src/base/text.c" > build/bench_fmt_old.c
    gcc $CFLAGS -c build/bench_fmt_old.c -o build/bench_fmt_old.o
    objcopy --redefine-sym dk_fmt_g17=dk_fmt_g17_old \
        --keep-global-symbol=dk_fmt_g17_old build/bench_fmt_old.o
    OLD="-DBENCH_OLD build/bench_fmt_old.o"
fi
# shellcheck disable=SC2086
gcc $CFLAGS -o build/bench_fmt tools/bench_fmt.c $OLD \
    build/rel/libdk.a -lgsl -lgslcblas -lz -lm -lpthread
build/bench_fmt "$@"
