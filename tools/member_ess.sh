#!/bin/sh
# member_ess.sh -- split R-hat and effective sample size of a school's
# expected ratings over the embedded ensemble (tools/member_ess.c); the
# quantities README quotes for the default school.
#   tools/member_ess.sh [SCENARIO]
set -eu
cd "$(dirname "$0")/.."
./build.sh >/dev/null
make -s build/rel/tools/member_ess
build/rel/tools/member_ess "$@"
