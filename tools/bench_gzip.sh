#!/bin/sh
# bench_gzip.sh -- the literal-only gzip encoder (src/io/huffman.c) against
# zlib's Z_HUFFMAN_ONLY and level 1 on sweep-like CSV rows, in one run.
#   tools/bench_gzip.sh [MB] [MEMBER_KB] [OLD_REV] [ROUNDS]
#
#   MB         text to compress (default 80), in members of MEMBER_KB
#              (default 80), as a sweep's worker threads compress blocks
#   OLD_REV    a git revision whose src/io/huffman.c is timed as well, for an
#              old-vs-new ratio (default 5ccbf93, the encoder before it was
#              made faster; "none" to skip)
#   ROUNDS     rounds over the encoders in turn (default 3); the best pass
#              counts, so more rounds see through load from other work
#
# Prints MB/s of input, compressed bytes and ratio per encoder; every
# stream is inflated by zlib and checked against the text.  One thread:
# other work on the machine shows as noise, so run it a few times.
set -eu
cd "$(dirname "$0")/.."
MB=${1:-80}
KB=${2:-80}
OLD=${3:-5ccbf93}
ROUNDS=${4:-3}
./build.sh >/dev/null
CFLAGS="-std=c17 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude"
EXTRA=""
if [ "$OLD" != none ] && git cat-file -e "$OLD:src/io/huffman.c" 2>/dev/null; then
    git show "$OLD:src/io/huffman.c" > build/huffman_old.c
    # shellcheck disable=SC2086
    gcc $CFLAGS -Ddk_gzip_huffman=dk_gzip_huffman_old -c build/huffman_old.c \
        -o build/huffman_old.o
    EXTRA="-DBENCH_OLD build/huffman_old.o"
elif [ "$OLD" != none ]; then
    echo "bench_gzip.sh: no src/io/huffman.c at $OLD; timing the current encoder only" >&2
fi
# shellcheck disable=SC2086
gcc $CFLAGS -o build/bench_gzip tools/bench_gzip.c $EXTRA \
    build/rel/libdk.a -lgsl -lgslcblas -lz -lm -lpthread
build/bench_gzip "$MB" "$KB" "$ROUNDS"
