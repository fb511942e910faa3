#!/bin/sh
# member_ess.sh -- split R-hat and effective sample size of a school's
# expected ratings over the embedded ensemble (tools/member_ess.c); the
# quantities README quotes for the default school.
#   tools/member_ess.sh [SCENARIO]
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
gcc -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude \
    -o build/member_ess tools/member_ess.c \
    build/rel/libdk.a -lgsl -lgslcblas -lz -lm -lpthread
build/member_ess "$@"
