/* test_text.c -- line reading, UTF-8, number parsing, intervals. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/base/text.h"

/* 1..100 in a scrambled order: the 90 % interval interpolates between the
 * 5th and 6th, and the 95th and 96th values (GSL's rule: at p (n - 1));
 * the sample is reordered, never changed; one value is its own interval. */
static void interval(t_ctx *t)
{
    double x[100], lo, hi, lo95, hi95, one = 2.5, lo1, hi1;
    for (int i = 0; i < 100; i++)
        x[i] = (double)((i * 37) % 100 + 1);
    dk_interval90(x, 100, &lo, &hi);
    dk_interval(x, 100, 0.025, &lo95, &hi95);
    int seen[101] = { 0 }, whole = 1;
    for (int i = 0; i < 100; i++)
        whole &= x[i] >= 1 && x[i] <= 100 && !seen[(int)x[i]]++;
    dk_interval90(&one, 1, &lo1, &hi1);
    t_ok(t, whole && fabs(lo - 5.95) < 1e-12 && fabs(hi - 95.05) < 1e-12 &&
         fabs(lo95 - 3.475) < 1e-12 && fabs(hi95 - 97.525) < 1e-12 && lo1 == 2.5 && hi1 == 2.5,
         "interval: 90 and 95 % points of 1..100, the sample reordered, not changed",
         "permutation %d, 90 %%: %g..%g, 95 %%: %g..%g, one: %g..%g", whole, lo, hi, lo95,
         hi95, lo1, hi1);
}

/* The buffer's writers: numbers through dk_buf_num as printf("%.17g")
 * writes them (with and without a separator, NaN and infinities, across a
 * buffer's growth), printf in one pass when it fits and in two when it
 * does not, CSV strings with their quotes doubled. */
static void buffers(t_ctx *t)
{
    const double x[] = { 0, -0.0, 1, 2.6045, -1e-300, 1e300, 0.1, 1.0 / 3, 123456789012345.6,
                         NAN, INFINITY, -INFINITY, 4.9e-324 };
    dk_buf b = { 0 }, want = { 0 };
    for (int round = 0; round < 200; round++)   /* grows the buffer many times */
        for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
            char w[40];
            snprintf(w, sizeof w, "%s%.17g", i % 2 ? "," : "", x[i] * (round + 1));
            dk_buf_append(&want, w, strlen(w));
            dk_buf_num(&b, i % 2 ? ',' : '\0', x[i] * (round + 1));
        }
    dk_buf_printf(&b, "%s|%d|%.3f", "end", 42, 2.5);
    dk_buf_printf(&want, "end|42|2.500");
    char long_s[3000];
    memset(long_s, 'a', sizeof long_s - 1);
    long_s[sizeof long_s - 1] = '\0';
    dk_buf_printf(&b, "%s", long_s);        /* does not fit: grown, then written */
    dk_buf_append(&want, long_s, strlen(long_s));
    dk_buf_csv_str(&b, "a \"quoted\" \"\"name");
    dk_buf_printf(&want, "%s", "\"a \"\"quoted\"\" \"\"\"\"name\"");
    t_ok(t, !b.oom && !want.oom && b.len == want.len &&
         strcmp(dk_buf_text(&b), dk_buf_text(&want)) == 0,
         "text: dk_buf_num writes what printf %.17g does; printf and CSV strings appended whole",
         "lengths %zu and %zu", b.len, want.len);
    dk_buf_free(&b);
    dk_buf_free(&want);
}

static int first_error(const char *text, size_t len, char *msg)
{
    dk_lines it;
    dk_err e = { 0 };
    int rc;
    dk_lines_init(&it, "f.txt", text, len);
    while ((rc = dk_lines_next(&it, &e)) == 1)
        ;
    if (rc < 0)
        strcpy(msg, e.msg);
    return rc;
}

void test_text(t_ctx *t)
{
    buffers(t);
    char msg[800] = "";
    const char ok[] = "a\r\nb\n\xc3\xa9t\xc3\xa9\n";
    t_ok(t, first_error(ok, sizeof ok - 1, msg) == 0, "text: CRLF and UTF-8 accepted", "%s", msg);
    const char bad[] = "ok\nbad \xff byte\n";
    t_ok(t, first_error(bad, sizeof bad - 1, msg) < 0 && t_contains(msg, "f.txt:2")
         && t_contains(msg, "UTF-8"), "text: invalid UTF-8 named with file:line", "%s", msg);
    /* RFC 3629: an overlong '/', an encoded surrogate, a code point above
     * U+10FFFF, a lead byte F5 -- and the largest valid sequences */
    const char *invalid[] = { "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF0\x80\x80\xAF",
                              "\xF4\x90\x80\x80", "\xF5\x80\x80\x80" };
    int accepted = 0;
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        accepted += dk_utf8_check(invalid[i], strlen(invalid[i])) != 0;
    const char valid[] = "\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\xF0\x90\x80\x80";
    t_ok(t, accepted == 0 && dk_utf8_check(valid, sizeof valid - 1) == sizeof valid - 1,
         "text: UTF-8 is RFC 3629's (no overlong forms, surrogates, or above U+10FFFF)",
         "%d invalid sequences accepted", accepted);
    const char nul[] = "a\0b\n";
    t_ok(t, first_error(nul, 4, msg) < 0 && t_contains(msg, "NUL"),
         "text: NUL byte rejected", "%s", msg);
    static char big[DK_MAX_LINE + 10];
    memset(big, 'x', sizeof big - 1);
    t_ok(t, first_error(big, sizeof big - 1, msg) < 0 && t_contains(msg, "longer"),
         "text: overlong line rejected", "%s", msg);
    long v;
    double d;
    t_ok(t, dk_parse_long("42", &v) == 0 && v == 42, "text: parse long", "42");
    t_ok(t, dk_parse_long("4x", &v) < 0 && dk_parse_long("", &v) < 0 &&
         dk_parse_long(" 4", &v) < 0, "text: strict long parsing", "accepted junk");
    t_ok(t, dk_parse_double("-0.25", &d) == 0 && d == -0.25, "text: parse double", "-0.25");
    t_ok(t, dk_parse_double("nan", &d) < 0 && dk_parse_double("1e999", &d) < 0,
         "text: non-finite numbers rejected", "accepted nan/inf");
    interval(t);
}
