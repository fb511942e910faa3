#!/bin/sh
# run.sh -- the browser test (./build.sh browser-test): makes the HTML
# report of every README example, renders each in headless Chromium and
# fails on
#   - a blank or near-blank page (the screenshot is decoded: pngstat.c),
#   - a chart without data (a mark that is not drawn, data-marks 0),
#   - text or elements wider than the page, at 1000 and at 380 pixels,
#     and chart text that runs out of its chart,
#   - a console message, or anything the report loads;
# then walks through `draagkracht serve`'s pages as a school leader would
# (serve.js: upload, edit a cell, run, plan, compare).
# Screenshots and logs are left in build/browser/.  With DOCS=1 the
# screenshots README shows are copied to docs/.
set -eu
cd "$(dirname "$0")/../.."
out=build/browser
rm -rf "$out"
mkdir -p "$out"
here=$(pwd)
bin=./draagkracht

CHROME=${CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROME" ]; then
    echo "browser-test: no Chromium found (./build.sh browser-test installs Debian's chromium)" >&2
    exit 1
fi
${CC:-gcc} -std=c17 -O2 -Wall -Wextra -Werror -o "$out/pngstat" tests/browser/pngstat.c -lz

chrome() {
    "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars --mute-audio \
        --no-first-run --allow-file-access-from-files --user-data-dir="$here/$out/profile" "$@"
}

# ---- the reports: every README example that writes one ----
$bin simulate -q -o "$out/school.html"
$bin simulate -q --lang nl -o "$out/school-nl.html"
$bin simulate scenarios/region-po-1200.ini -q -o "$out/region.html"
$bin simulate scenarios/population-vo.ini -q --lang nl -o "$out/population-vo-nl.html"
$bin predict --sector po --class-size 27 --support-needs 9 --heavy 3 --support assistant \
    -o "$out/class.html"
$bin predict --sector vo --level vmbo --support-needs 9 --heavy 5 --lang nl -o "$out/class-vmbo-nl.html"
$bin plan -o "$out/plan.html"
$bin plan scenarios/plan-vo.ini --lang nl -o "$out/plan-vo-nl.html"
$bin plan scenarios/board.ini -o "$out/board.html"
$bin compare scenarios/compare-po-region.ini -q -o "$out/compare.html"
$bin compare scenarios/compare-po-region.ini -q --lang nl -o "$out/compare-nl.html"
$bin compare --classes scenarios/klassen-po.csv -q -o "$out/compare-school.html"
$bin compare --classes scenarios/klassen-po.csv -q --lang nl -o "$out/compare-school-nl.html"
$bin compare --classes scenarios/klassen-bestuur.csv -q --lang nl -o "$out/compare-board-nl.html"
$bin sweep scenarios/sweep-po.ini -q -o "$out/rows.csv.gz" --indices "$out/sweep.html"
$bin sweep --analyse "$out/rows.csv.gz" --lang nl --format html > "$out/analyse-nl.html"
$bin sweep scenarios/sweep-po.ini --design morris --n 40 -q -o /dev/null --indices "$out/morris-nl.html" \
    --lang nl
$bin design --respondents 600 --simulate -q -o "$out/answers.csv.gz" >/dev/null
$bin fit "$out/answers.csv.gz" --group respondent --by sector \
    --outcome motivate,instruction,energy,calm,tailor --factors support-needs,heavy,support \
    --format html > "$out/fit.html"

failed=0
checks=0
problems=0      # of the report being checked
fail() {
    echo "FAIL browser: $*"
    problems=$((problems + 1))
}

# Checks one page; problems counts what is wrong with it.
check_page() {
    f=$1
    name=$(basename "$f" .html)
    url="file://$here/$f"
    problems=0
    # a page with content: at least 3 % of the first screen is not background
    checks=$((checks + 1))
    chrome --window-size=1000,1400 --virtual-time-budget=5000 --screenshot="$here/$out/$name.png" "$url" \
        >"$out/$name.shot.log" 2>&1 || true
    if [ -s "$out/$name.png" ]; then
        share=$("$out/pngstat" "$out/$name.png" | cut -d' ' -f3)
        awk -v s="$share" 'BEGIN { exit !(s >= 0.03) }' ||
            fail "$name: blank or near-blank page ($share of the pixels are not background)"
    else
        fail "$name: no screenshot (see $out/$name.shot.log)"
    fi
    # no console message
    checks=$((checks + 1))
    chrome --enable-logging=stderr --v=0 --dump-dom "$url" >/dev/null 2>"$out/$name.console.log" || true
    if grep -q "CONSOLE" "$out/$name.console.log"; then
        fail "$name: console message: $(grep CONSOLE "$out/$name.console.log" | head -1)"
    fi
    # layout and charts, in a wide and a narrow window
    for width in 1000 380; do
        checks=$((checks + 1))
        sed "s|REPORT|$url|; s|WIDTH|$width|; s|TEXTCHECK|$((width > 500))|" tests/browser/check.html \
            >"$out/check/$name-$width.html"
        chrome --virtual-time-budget=10000 --window-size=1100,1000 --dump-dom \
            "file://$here/$out/check/$name-$width.html" >"$out/$name-$width.dom" 2>/dev/null || true
        result=$(awk '/<pre id="result">/ { on = 1 } on { print } on && /<\/pre>/ { exit }' \
            "$out/$name-$width.dom")
        case "$result" in
        *FAIL*) echo "$result" | sed -n "s|^.*FAIL|FAIL|p" | while read -r line; do
                    echo "FAIL browser: $name at $width px: ${line#FAIL }"
                done
                problems=$((problems + 1)) ;;
        *"charts "*) ;;
        *) fail "$name at $width px: the check did not run (see $out/$name-$width.dom)" ;;
        esac
    done
}

# ---- the checks can fail: pages with each defect must be caught, each
# by its own check (all but the blank one have text and ink enough) ----
mkdir -p "$out/bad" "$out/check"
page() { printf '<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body>%s</body></html>\n' "$2" >"$out/bad/$1.html"; }
text="<p>$(printf 'A paragraph long enough to count as the text of a report. %.0s' 1 2 3 4 5)</p>"
text="$text<div style=\"width:600px;height:400px;background:#345\"></div>"
page blank '<p>.</p>'
page wide "$text<div style=\"width:2400px;height:20px;background:#333\">wide</div>"
page nodata "$text<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" data-marks=\"1\"><rect class=\"m\" x=\"0\" y=\"0\" width=\"0\" height=\"0\"/></svg>"
page console "$text<script>console.error('boom')</script>"
page loads "$text<img src=\"missing.png\" alt=\"\"/>"
page textout "$text<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" data-marks=\"1\"><rect class=\"m\" width=\"10\" height=\"10\"/><text x=\"90\" y=\"20\">a label far too long</text></svg>"
caught=0
for bad in blank:blank wide:"wider than the window" nodata:"no data drawn" \
           console:"console message" loads:"refers to" textout:"runs out of the chart"; do
    page=${bad%%:*}
    check_page "$out/bad/$page.html" >"$out/bad/$page.log"
    if grep -q "${bad#*:}" "$out/bad/$page.log"; then
        caught=$((caught + 1))
    else
        echo "FAIL browser: the check does not see what is wrong with bad/$page.html (${bad#*:})"
        failed=$((failed + 1))
    fi
done
echo "browser: the checks catch $caught of 6 broken pages"

# ---- the reports ----
for f in "$out"/*.html; do
    check_page "$f"
    [ "$problems" -eq 0 ] || failed=$((failed + 1))
done

# ---- the server: a school leader's walk through its pages, clicking and
# typing in Chromium over the DevTools protocol (serve.js) ----
node tests/browser/serve.js "$CHROME" "$bin" "$out" >"$out/serve.log" 2>&1 || true
grep '^FAIL' "$out/serve.log" || true
line=$(grep '^browser: serve: ' "$out/serve.log" || echo "browser: serve: 0 checks, 1 failed")
echo "$line"
n_serve=${line#browser: serve: }
checks=$((checks + ${n_serve%% checks*}))
rest=${n_serve#*checks, }
failed=$((failed + ${rest%% failed*}))

if [ "${DOCS:-0}" = 1 ] && [ "$failed" -eq 0 ]; then
    mkdir -p docs
    cp "$out/school.png" docs/report-school.png
    cp "$out/compare.png" docs/report-compare.png
    cp "$out/serve-start.png" docs/serve-start.png
    cp "$out/serve-result.png" docs/serve-result.png
    echo "browser-test: screenshots copied to docs/"
fi
n=$(ls "$out"/*.html | grep -vc '/check-' || true)
echo "browser: $n reports, $checks checks, $failed failed"
[ "$failed" -eq 0 ]
