#!/bin/sh
# bench_gzip.sh -- the literal-only gzip encoder (src/io/huffman.c) against
# zlib's Z_HUFFMAN_ONLY and level 1 on sweep-like CSV rows, in one run.
#   tools/bench_gzip.sh [MB] [MEMBER_KB] [OLD_REV] [ROUNDS]
#
#   MB         text to compress (default 80), in members of MEMBER_KB
#              (default 80), as a sweep's worker threads compress blocks
#   OLD_REV    a git revision whose huffman.c (src/io/, or src/ before the
#              layers' folders) is timed as well, for an old-vs-new ratio
#              (default 5ccbf93, the encoder before it was made faster;
#              "none" to skip; a revision without it fails the script)
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
if [ "$OLD" != none ]; then
    # the coder sat in src/huffman.c and included "draagkracht/fileio.h"
    # before the layers' folders: take it from where it was, with a header
    # of that old name that includes today's (the interface is the same)
    old_src=""
    for f in src/io/huffman.c src/huffman.c; do
        if git cat-file -e "$OLD:$f" 2>/dev/null; then old_src=$f; break; fi
    done
    if [ -z "$old_src" ]; then
        echo "bench_gzip.sh: no huffman.c at $OLD (src/io/ or src/): nothing to compare with" >&2
        exit 1
    fi
    mkdir -p build/bench_gzip_old/draagkracht
    printf '#include "draagkracht/io/fileio.h"\n' > build/bench_gzip_old/draagkracht/fileio.h
    git show "$OLD:$old_src" > build/huffman_old.c
    echo "bench_gzip.sh: the old coder is $OLD:$old_src"
    # shellcheck disable=SC2086
    gcc $CFLAGS -Ibuild/bench_gzip_old -Ddk_gzip_huffman=dk_gzip_huffman_old -c build/huffman_old.c \
        -o build/huffman_old.o
    EXTRA="-DBENCH_OLD build/huffman_old.o"
fi
echo "machine: nproc $(nproc), cores for this process $(taskset -pc $$ 2>/dev/null | sed 's/.*: //' || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
gcc $CFLAGS -o build/bench_gzip tools/bench_gzip.c $EXTRA \
    build/rel/libdk.a -lgsl -lgslcblas -lz -lm -lpthread
build/bench_gzip "$MB" "$KB" "$ROUNDS"
echo "machine: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
