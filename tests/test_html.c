/* test_html.c -- the HTML writer, the SVG charts and the strict reader
 * that checks every report. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "draagkracht/report/chart.h"

static int check(const dk_buf *b, t_html_stats *st, char *why)
{
    return t_html_check(b->data ? b->data : "", b->len, st, why, 200);
}

/* A page with one chart of every kind; n_items 0 leaves the bars empty. */
static void all_charts(dk_buf *b, int n_items, int *misuse)
{
    dk_html h;
    dk_html_begin(&h, b, "nl", "Toets <&>");
    dk_html_elem(&h, "h1", "Kop & \"aanhalingen\"", NULL);
    dk_chart c = { "Bevinding", "Zo lees je dit:", "Uitleg", "model dk1-x, seed 1",
                   "aandeel leraren (%)", "FTE", ',' };
    dk_axis pct = { 0, 1, 100, "%" };
    dk_chart_item it[] = {
        { "motiveren", 0.58, 0.25, 0.88, 0, "58 % (25-88 %)" },
        { "een heel erg lange naam van een onderdeel dat niet in de kolom past", 0.74, 0.5, 1, 1, NULL },
        { "geen waarde", NAN, NAN, NAN, 0, NULL },
    };
    dk_chart_bars(&h, &c, &pct, it, n_items);
    dk_axis free_axis = { 0, 0, 0, NULL };
    dk_chart_item d[] = { { "a", -0.1, -0.2, 0.05, 1, NULL }, { "b", 0.3, 0.1, 0.5, 0, NULL } };
    dk_chart_forest(&h, &c, &free_axis, d, 2, 0);
    const char *cat[5] = { "1 niet", "2", "3", "4", "5 zeer goed" };
    dk_chart_dist dist[] = { { "motiveren", { 0.1, 0.3, 0.3, 0.2, 0.1 }, 0.3, 0.5, "40 %" } };
    dk_chart_stacked(&h, &c, cat, 5, 0, dist, 1);
    dk_chart_dist three[] = { { "assistent", { 0.2, 0.3, 0.5, 0, 0 }, 0.4, 0.6, NULL } };
    dk_chart_stacked(&h, &c, cat, 3, 1, three, 1);
    const char *rows[] = { "groep 5-6 combi", "groep 7" }, *cols[] = { "extra instructie", "rust" };
    double v[] = { 1.5, 2.5, 3.5, 4.9 };
    dk_heat m = { rows, 2, cols, 2, v, 1, 5, 1, 2 };
    dk_chart_heat(&h, &c, &m);
    dk_chart_point p[] = { { "variant <1>", 10, -0.05, 8, 12, -0.07, -0.03, 1 },
                           { "variant 2", 20, -0.08, NAN, NAN, NAN, NAN, 0 } };
    dk_chart_scatter(&h, &c, &free_axis, &pct, p, 2, 1, 1);
    double x[] = { 0, 0.1, 0.2 }, y[] = { 2.2, 2.3, 2.35 }, lo[] = { 2.1, 2.2, 2.3 },
           hi[] = { 2.3, 2.4, 2.4 };
    dk_chart_series s[] = { { "beste plan", x, y, lo, hi, 3, 1 }, { "tweede", x, lo, NULL, NULL, 3, 0 } };
    dk_chart_lines(&h, &c, &free_axis, &free_axis, s, 2);
    /* a histogram: an empty bin draws no bar, the bins left of 2.5 warm */
    double share[] = { 0.1, 0, 0.3, 0.4, 0.2 };
    dk_axis one_five = { 1, 5, 1, NULL };
    dk_hist hist = { 1.5, 0.5, share, 5, 2.5, 1 };
    dk_chart_hist(&h, &c, &one_five, &hist);
    dk_html_end(&h);
    *misuse = h.misuse;
}

static void test_writer(t_ctx *t)
{
    dk_buf b = { 0 };
    dk_html_esc(&b, "<a & \"b\" 'c'>");
    t_ok(t, strcmp(b.data, "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;") == 0,
         "html: escaping", "%s", b.data);
    dk_buf_free(&b);
    dk_html h;
    dk_html_begin(&h, &b, "en", "t");
    dk_html_open(&h, "div", "class", "a\"b", NULL);
    dk_html_open(&h, "p", NULL);
    dk_html_close(&h, "div");
    dk_html_close(&h, "table");
    dk_html_end(&h);
    t_html_stats st;
    char why[200] = "";
    t_ok(t, h.misuse == 2 && check(&b, &st, why) == 0 && t_contains(b.data, "class=\"a&quot;b\""),
         "html: a wrong close is counted and repaired", "misuse %d, %s", h.misuse, why);
    dk_buf_free(&b);
    char num[32];
    dk_chart_num(num, sizeof num, -0.0004, 2, ',');
    t_ok(t, strcmp(num, "0,00") == 0, "chart: no minus zero, decimal comma", "%s", num);
    dk_chart_num(num, sizeof num, -1.25, 1, '.');
    t_ok(t, strcmp(num, "\xe2\x88\x92" "1.2") == 0, "chart: fixed decimals, a true minus sign",
         "%s", num);
}

static void test_charts(t_ctx *t)
{
    dk_buf a = { 0 }, b = { 0 };
    int misuse_a, misuse_b;
    all_charts(&a, 3, &misuse_a);
    all_charts(&b, 3, &misuse_b);
    t_html_stats st;
    char why[200] = "";
    int rc = check(&a, &st, why);
    t_ok(t, rc == 0 && misuse_a == 0, "charts: every kind is strict, well-formed HTML", "%s", why);
    t_ok(t, st.svgs == 8 && st.figures == 8, "charts: eight figures with an svg each",
         "%d svgs, %d figures", st.svgs, st.figures);
    t_ok(t, a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
         "charts: the same data give the same bytes", "differ");
    t_ok(t, t_contains(a.data, "data-marks=\"2\"") && t_contains(a.data, ">80%<"),
         "charts: a NaN value draws no mark; percent ticks", "missing");
    const char *cut = strstr(a.data, "</title>een heel erg lange");
    const char *end = cut ? strstr(cut, "</text>") : NULL;
    t_ok(t, end && strstr(cut, "\xe2\x80\xa6") && strstr(cut, "\xe2\x80\xa6") < end &&
         strncmp(end - strlen("kolom past"), "kolom past", 10) == 0 &&
         t_contains(a.data, "<title>een heel erg lange naam van een onderdeel dat niet in de kolom "
                    "past</title>een heel erg lange"), "charts: a label too long is cut in the "
         "middle (its end stays), whole in a tooltip", "no ellipsis");
    t_ok(t, t_contains(a.data, "Zo lees je dit:") && t_contains(a.data, "model dk1-x, seed 1") &&
         t_contains(a.data, "<h3>Bevinding</h3>") && t_contains(a.data, "variant &lt;1&gt;"),
         "charts: title, how to read it, source; names escaped", "missing");
    t_ok(t, t_contains(a.data, ">2,50<") && t_contains(a.data, ">1,50<"),
         "charts: heat-map cells with a decimal comma", "missing");
    /* the histogram, the last figure: 4 bars, the first warm, the rest cool */
    const char *hist = a.data, *at;
    while ((at = strstr(hist + 1, "<figure")) != NULL)
        hist = at;
    int warm = 0, cool = 0;
    for (at = hist; (at = strstr(at, "<rect class=\"m\"")) != NULL; at++) {
        const char *fill = strstr(at, "fill=\"");
        warm += fill && strncmp(fill, "fill=\"#ef8a62\"", 14) == 0;
        cool += fill && strncmp(fill, "fill=\"#67a9cf\"", 14) == 0;
    }
    t_ok(t, warm == 1 && cool == 3 && t_contains(hist, "data-marks=\"4\"") &&
         t_contains(hist, ">40%<"),
         "charts: a histogram's bars, warm below the split, none for an empty bin",
         "%d warm, %d cool", warm, cool);
    dk_buf_free(&a);
    dk_buf_free(&b);
    all_charts(&a, 0, &misuse_a);
    rc = check(&a, &st, why);
    t_ok(t, rc != 0 && t_contains(why, "without data"), "charts: an empty chart fails the reader",
         "rc %d, %s", rc, why);
    dk_buf_free(&a);
}

static void test_reader(t_ctx *t)
{
    static const char *const bad_docs[][2] = {
        { "<html><body><p>x</body></html>", "does not match" },
        { "<html><body class=a></body></html>", "without quotes" },
        { "<html><body>&nbsp;</body></html>", "entity" },
        { "<html><body>a & b</body></html>", "entity" },
        { "<html><head><meta charset=\"utf-8\"></head></html>", "self-closed" },
        { "<html><script>1</script></html>", "loads or runs" },
        { "<html><p style=\"background:url(x.png)\"></p></html>", "load nothing" },
        { "<html><a href=\"http://x\">x</a></html>", "load nothing" },
        { "<html><p a=\"1\" a=\"2\"></p></html>", "twice" },
        { "<html></html><html></html>", "root" },
        { "<html><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\" data-marks=\"2\">"
          "<rect class=\"m\"/></svg></html>", "differs" },
        { "<html><p>\xff</p></html>", "UTF-8" },
        { "<html><p>", "left open" },
    };
    for (size_t i = 0; i < sizeof bad_docs / sizeof bad_docs[0]; i++) {
        t_html_stats st;
        char why[200] = "", name[120];
        int rc = t_html_check(bad_docs[i][0], strlen(bad_docs[i][0]), &st, why, sizeof why);
        snprintf(name, sizeof name, "html reader: rejects bad document %zu (%s)", i + 1, bad_docs[i][1]);
        t_ok(t, rc != 0 && t_contains(why, bad_docs[i][1]), name, "rc %d, why '%s'", rc, why);
    }
    const char good[] = "<!DOCTYPE html>\n<html lang=\"nl\"><body><p>&#8804; &amp; &#x2264;<br/></p>"
                        "<!-- c --></body></html>\n";
    t_html_stats st;
    char why[200] = "";
    t_ok(t, t_html_check(good, sizeof good - 1, &st, why, sizeof why) == 0,
         "html reader: accepts a strict document", "%s", why);
}

void test_html(t_ctx *t)
{
    test_writer(t);
    test_charts(t);
    test_reader(t);
}
