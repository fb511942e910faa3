#!/bin/sh
# build.sh -- build, test and demo draagkracht on a fresh Debian machine.
#
#   ./build.sh          install what is missing, build ./draagkracht (static)
#   ./build.sh demo     build if needed, run the main job on the embedded default
#   ./build.sh quick    build, run the unit + end-to-end tests (release build only,
#                       suites in parallel, a handful of the ulimit -v scans): the
#                       edit-test loop
#   ./build.sh test     the full gate: build, run unit + CLI tests, then again under
#                       ASan+UBSan, replay the fuzz corpora and regression inputs,
#                       and check the embedded model recalibrates byte for byte
#   ./build.sh fuzz [SECONDS]  fuzz every parser SECONDS each (default 60) with
#                       clang's libFuzzer, in build/fuzz (the tree stays as it is)
#   ./build.sh fuzz-keep  copy the inputs that run found to add coverage into fuzz/corpus
#   ./build.sh calibrate  rewrite src/data/default.model from src/data/targets.txt
#   ./build.sh browser-test  every README example's HTML report in headless Chromium
#   ./build.sh screenshots   the same, then README's screenshots into docs/
#   ./build.sh install [PREFIX]  draagkracht to PREFIX/bin and its man page (made from
#                            --help) to PREFIX/share/man/man1 (default PREFIX /usr/local;
#                            a relative PREFIX is taken from the folder you call it from)
set -eu
# a relative PREFIX for install is the caller's, not the repository's
CALLER_DIR=$(pwd)
cd "$(dirname "$0")"

CC=${CC:-gcc}
JOBS=$(nproc 2>/dev/null || echo 2)

need_packages() {
    missing=""
    command -v "$CC" >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
    [ -f /usr/include/gsl/gsl_rng.h ] && [ -f /usr/lib/x86_64-linux-gnu/libgsl.a -o -f /usr/lib/libgsl.a -o -n "$(find /usr/lib -name libgsl.a 2>/dev/null | head -1)" ] \
        || missing="$missing libgsl-dev"
    [ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
    # libevent's evhttp for `draagkracht serve` (static: libevent_core.a, _extra, _pthreads)
    [ -f /usr/include/event2/http.h ] && [ -n "$(find /usr/lib -name libevent_pthreads.a 2>/dev/null | head -1)" ] \
        || missing="$missing libevent-dev"
    command -v file >/dev/null 2>&1 || missing="$missing file"
    command -v make >/dev/null 2>&1 || missing="$missing make"
    if [ -n "$missing" ]; then
        echo "build.sh: installing$missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >&2
    fi
}

# GNU parallel runs the README's cluster recipe in the tests (skipped, and
# said so, where it cannot be installed)
need_test_packages() {
    parallel --version 2>/dev/null | grep -q "GNU parallel" && return 0
    echo "build.sh: installing parallel" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends parallel; } >&2 ||
        echo "build.sh: could not install GNU parallel; the cluster recipe test is skipped" >&2
}

# Debian's Chromium (and a font, which it does not pull in without its
# recommended packages) for the browser test
need_browser() {
    missing=""
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    # the server's walk-through drives Chromium from node (tests/browser/serve.js)
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    [ -d /usr/share/fonts/truetype/dejavu ] || missing="$missing fonts-dejavu-core"
    [ -n "$missing" ] || return 0
    echo "build.sh: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
}

MAKE_J="make -s -j$JOBS"

build_release() {
    need_packages
    $MAKE_J MODE=rel draagkracht
}

FUZZ_TARGETS="scenario sweepspec model targets fitcsv rows classes form"

# What git sees in the tree (changed and untracked paths), to check that
# the tests leave it as they found it; empty outside a git checkout.
tree_state() {
    git status --porcelain --untracked-files=all 2>/dev/null || true
}

# One check line: the tree is as it was before the tests ($1).
tree_check() {
    after=$(tree_state)
    if [ "$1" = "$after" ]; then
        echo "ok   the tests leave the tree as they found it (git status)"
        return 0
    fi
    echo "FAIL the tests changed the tree; git status now:"
    echo "$after" | sed 's/^/     /'
    return 1
}

# Runs every fuzz target of build DIR over its committed corpus and its
# regression inputs; one line per target, then the total.
replay() {
    rp=0; rf=0
    for t in $FUZZ_TARGETS; do
        line=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
            "$1/fuzz/$t-replay" "fuzz/corpus/$t" "fuzz/regress/$t" 2>"$1/replay-$t.err" | tail -n 1)
        case "$line" in
        *" passed, 0 failed") echo "ok   fuzz replay $t: $line" ;;
        *) echo "FAIL fuzz replay $t: ${line:-crashed}; see $1/replay-$t.err"; line="0 passed, 1 failed" ;;
        esac
        rp=$((rp + ${line%% passed*}))
        rest=${line#*passed, }
        rf=$((rf + ${rest%% failed*}))
    done
    echo "$rp passed, $rf failed"
    [ "$rf" -eq 0 ]
}

# Fuzzes each target SECONDS.  The tree is left as it was: new inputs go
# to build/fuzz/new, and the committed corpus merged with those that add
# coverage to build/fuzz/merged (`./build.sh fuzz-keep` copies what is new
# there into fuzz/corpus, to commit).  A finding stops with its input under
# build/fuzz/findings (fix it, then keep the input in fuzz/regress).
fuzz() {
    secs=$1
    command -v clang >/dev/null 2>&1 || { echo "build.sh: fuzzing needs clang (apt-get install clang)" >&2; exit 2; }
    need_packages
    $MAKE_J MODE=fuzz fuzz
    mkdir -p build/fuzz/findings
    for t in $FUZZ_TARGETS; do
        new=build/fuzz/new/$t
        merged=build/fuzz/merged/$t
        rm -rf "$new" "$merged"
        mkdir -p "$new" "$merged"
        echo "== fuzz $t for $secs s"
        if ! build/fuzz/bin/$t -max_total_time="$secs" -max_len=65536 -timeout=10 \
                -rss_limit_mb=2048 -dict="fuzz/dict/$t.dict" -print_final_stats=1 \
                -artifact_prefix="build/fuzz/findings/$t-" "$new" "fuzz/corpus/$t" \
                >"build/fuzz/$t.log" 2>&1; then
            grep -E "ERROR|SUMMARY|Test unit written" "build/fuzz/$t.log" >&2
            echo "build.sh: fuzz $t: a finding (build/fuzz/$t.log)" >&2
            exit 1
        fi
        cp "fuzz/corpus/$t"/* "$merged"/
        build/fuzz/bin/$t -merge=1 -max_len=65536 -timeout=10 \
            -artifact_prefix="build/fuzz/findings/$t-" "$merged" "$new" \
            >>"build/fuzz/$t.log" 2>&1
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|DONE" "build/fuzz/$t.log" | tail -n 3
        added=$(ls "$merged" | wc -l)
        echo "corpus: $(ls "fuzz/corpus/$t" | wc -l) inputs; $((added - $(ls "fuzz/corpus/$t" | wc -l))) more add coverage (in $merged)"
    done
    echo "./build.sh fuzz-keep copies the inputs that add coverage into fuzz/corpus (to commit)"
}

# Copies the inputs a fuzz run found to add coverage into fuzz/corpus.
# libFuzzer names an input by the SHA-1 of its bytes, so a name already
# there is the same input.
fuzz_keep() {
    [ -d build/fuzz/merged ] || { echo "build.sh: no fuzz run to keep (./build.sh fuzz first)" >&2; exit 2; }
    for t in $FUZZ_TARGETS; do
        [ -d "build/fuzz/merged/$t" ] || continue
        before=$(ls "fuzz/corpus/$t" | wc -l)
        cp -n "build/fuzz/merged/$t"/* "fuzz/corpus/$t"/
        echo "fuzz/corpus/$t: $before -> $(ls "fuzz/corpus/$t" | wc -l) inputs"
    done
}

case "${1:-build}" in
build)
    build_release
    file draagkracht | grep -q "statically linked" || { echo "build.sh: draagkracht is not static" >&2; exit 1; }
    echo "built ./draagkracht"
    ;;
demo)
    build_release
    ./draagkracht simulate
    ;;
fuzz)
    fuzz "${2:-60}"
    ;;
fuzz-keep)
    fuzz_keep
    ;;
calibrate)
    build_release
    ./draagkracht calibrate src/data/targets.txt -o src/data/default.model
    build_release
    ;;
quick)
    build_release
    $MAKE_J MODE=rel runner
    file draagkracht | grep -q "statically linked" || { echo "build.sh: draagkracht is not static" >&2; exit 1; }
    before=$(tree_state)
    echo "== tests (release build, --quick, $JOBS suites at a time)"
    build/rel/runner ./draagkracht tests --quick -j "$JOBS" > build/rel/quick.log || true
    sed '$d' build/rel/quick.log
    line=$(tail -n 1 build/rel/quick.log)
    case "$line" in
    *" passed, "*" failed") ;;
    *) line="0 passed, 1 failed" ;;
    esac
    p=${line%% passed*}
    rest=${line#*passed, }
    f=${rest%% failed*}
    if tree_check "$before"; then p=$((p + 1)); else f=$((f + 1)); fi
    echo "$p passed, $f failed"
    [ "$f" -eq 0 ]
    ;;
test)
    build_release
    need_test_packages
    file draagkracht | grep -q "statically linked" || { echo "build.sh: draagkracht is not static" >&2; exit 1; }
    $MAKE_J MODE=rel runner
    status=0
    before=$(tree_state)
    # The calibration check is one long single-threaded run and needs only
    # the release binary: it runs beside the test suites.
    ( if ./draagkracht calibrate src/data/targets.txt -q | cmp -s - src/data/default.model; then
          echo "ok   calibrate: src/data/default.model byte for byte"
      else
          echo "FAIL calibrate: src/data/default.model differs from a fresh calibration (./build.sh calibrate)"
      fi ) > build/rel/calibrate.log 2>&1 &
    calibrate_pid=$!
    $MAKE_J MODE=san build/san/draagkracht runner replay
    echo "== tests (release build, $JOBS suites at a time)"
    build/rel/runner ./draagkracht tests -j "$JOBS" | tee build/rel/test.log || status=1
    echo "== tests (ASan + UBSan build, $JOBS suites at a time)"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        build/san/runner build/san/draagkracht tests -j "$JOBS" | tee build/san/test.log || status=1
    echo "== fuzz corpora and regression inputs, replayed (ASan + UBSan build)"
    replay build/san > build/san/replay.log || status=1
    tail -n 1 build/san/replay.log
    p=0; f=0
    for log in build/rel/test.log build/san/test.log build/san/replay.log; do
        line=$(tail -n 1 "$log")
        case "$line" in
        *" passed, "*" failed") ;;
        *) line="0 passed, 1 failed"; status=1 ;;
        esac
        p=$((p + ${line%% passed*}))
        rest=${line#*passed, }
        f=$((f + ${rest%% failed*}))
    done
    # The embedded model is reproducible from the committed targets and
    # seed, byte for byte (release build only: it takes about a minute).
    echo "== calibrate reproduces src/data/default.model"
    wait "$calibrate_pid" || true
    cat build/rel/calibrate.log
    if grep -q "^ok   calibrate" build/rel/calibrate.log; then p=$((p + 1)); else f=$((f + 1)); fi
    echo "== the tree after the tests"
    if tree_check "$before"; then p=$((p + 1)); else f=$((f + 1)); fi
    [ "$f" -eq 0 ] || status=1
    # checks a build cannot run are reported, not counted as passed
    skipped=$(cat build/rel/test.log build/san/test.log | grep -c '^SKIP ' || true)
    [ "$skipped" -eq 0 ] || echo "$skipped skipped (the SKIP lines above say why)"
    echo "$p passed, $f failed"
    exit $status
    ;;
install)
    build_release
    prefix=${2:-/usr/local}
    case "$prefix" in
    /*) ;;
    *) prefix="$CALLER_DIR/$prefix" ;;
    esac
    mkdir -p "$prefix/bin" "$prefix/share/man/man1"
    cp draagkracht "$prefix/bin/draagkracht.tmp.$$"
    chmod 755 "$prefix/bin/draagkracht.tmp.$$"
    mv -f "$prefix/bin/draagkracht.tmp.$$" "$prefix/bin/draagkracht"
    sh tools/manpage.sh ./draagkracht >"$prefix/share/man/man1/draagkracht.1.tmp.$$"
    mv -f "$prefix/share/man/man1/draagkracht.1.tmp.$$" "$prefix/share/man/man1/draagkracht.1"
    echo "installed $prefix/bin/draagkracht and $prefix/share/man/man1/draagkracht.1"
    ;;
browser-test|screenshots)
    build_release
    need_browser
    if [ "$1" = screenshots ]; then
        DOCS=1 tests/browser/run.sh
    else
        tests/browser/run.sh
    fi
    ;;
*)
    echo "usage: ./build.sh [build|demo|quick|test|fuzz [SECONDS]|fuzz-keep|calibrate|browser-test|screenshots|install [PREFIX]]" >&2
    exit 2
    ;;
esac
