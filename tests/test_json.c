/*
 * test_json.c -- the JSON writer (base/json.c), and the tests' own strict
 * JSON parser and CSV reader: each reader must accept what the standards
 * allow and refuse what they do not, or the end-to-end checks built on
 * them (test_formats.c) could not fail.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "t.h"
#include "readers.h"
#include "draagkracht/base/json.h"

/* Parses text; 1 if it is strict JSON.  err gets the parser's message. */
static int parses(const char *text, size_t len, char *err, size_t n)
{
    tj_value v;
    if (tj_parse(text, len, &v, err, n) != 0)
        return 0;
    tj_free(&v);
    return 1;
}

static void writer_layout(t_ctx *t)
{
    dk_buf b = { 0 };
    dk_json j;
    dk_err e = { 0 };
    dk_json_init(&j, &b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "name", "a");
    dk_json_kv_int(&j, "n", 3);
    dk_json_break(&j, 1);
    dk_json_key(&j, "list");
    dk_json_begin_array(&j);
    for (int i = 0; i < 2; i++) {
        dk_json_break(&j, 2);
        dk_json_begin_object(&j);
        dk_json_kv_number(&j, "x", i + 0.5);
        dk_json_kv_bool(&j, "odd", i & 1);
        dk_json_end_object(&j);
    }
    dk_json_break(&j, 1);
    dk_json_end_array(&j);
    dk_json_key(&j, "empty");
    dk_json_begin_array(&j);
    dk_json_end_array(&j);
    dk_json_key(&j, "none");
    dk_json_begin_object(&j);
    dk_json_end_object(&j);
    dk_json_kv_string(&j, "by", NULL);
    dk_json_key(&j, "z");
    dk_json_null(&j);
    dk_json_end_object(&j);
    int rc = dk_json_finish(&j, &e);
    const char *want = "{\"name\": \"a\", \"n\": 3,\n \"list\": [\n  {\"x\": 0.5, \"odd\": false},\n"
                       "  {\"x\": 1.5, \"odd\": true}\n ], \"empty\": [], \"none\": {}, "
                       "\"by\": null, \"z\": null}\n";
    t_ok(t, rc == 0 && strcmp(b.data, want) == 0, "json: writer places braces, commas, "
         "colons and the breaks asked for", "rc %d, got '%s'", rc, b.data);
    char err[300] = "";
    t_ok(t, parses(b.data, b.len, err, sizeof err), "json: writer's document is strict JSON",
         "%s", err);
    dk_buf_free(&b);
    /* a bare value is a document too */
    dk_json_init(&j, &b);
    dk_json_int(&j, -7);
    rc = dk_json_finish(&j, &e);
    t_ok(t, rc == 0 && strcmp(b.data, "-7\n") == 0, "json: a scalar document", "%s", b.data);
    dk_buf_free(&b);
}

/* One string through the writer; the document, or NULL if the writer failed. */
static char *one_string(const char *s)
{
    dk_buf b = { 0 };
    dk_json j;
    dk_err e = { 0 };
    dk_json_init(&j, &b);
    dk_json_string(&j, s);
    if (dk_json_finish(&j, &e) != 0) {
        dk_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void writer_escapes(t_ctx *t)
{
    char ctl[40];
    for (int c = 1; c < 32; c++)
        ctl[c - 1] = (char)c;
    ctl[31] = '\0';
    char *got = one_string(ctl);
    const char *want = "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                       "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                       "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"\n";
    t_ok(t, got && strcmp(got, want) == 0, "json: every control character escaped", "%s", got);
    free(got);
    got = one_string("q\"b\\s/\x7f");
    t_ok(t, got && strcmp(got, "\"q\\\"b\\\\s/\x7f\"\n") == 0, "json: quote and backslash "
         "escaped, slash and DEL as they are", "%s", got);
    free(got);
    /* é, €, U+1F600: UTF-8 passes through */
    got = one_string("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    t_ok(t, got && strcmp(got, "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"\n") == 0,
         "json: UTF-8 passes through", "%s", got);
    free(got);
    /* a Latin-1 byte, a cut sequence, an encoded surrogate, an overlong '/' */
    got = one_string("a\xE9" "b\xE2\x82" "c\xED\xA0\x80" "d\xC0\xAF");
    const char *fffd = "\xEF\xBF\xBD";
    char w[200];
    snprintf(w, sizeof w, "\"a%sb%s%sc%s%s%sd%s%s\"\n", fffd, fffd, fffd, fffd, fffd, fffd,
             fffd, fffd);
    char err[300] = "";
    t_ok(t, got && strcmp(got, w) == 0 && parses(got, strlen(got), err, sizeof err),
         "json: bytes that are not UTF-8 become U+FFFD, the document stays valid",
         "%s %s", got, err);
    free(got);
}

/* Strict UTF-8, by the readers' own check. */
static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t k;
    for (; p < end; p += k)
        if ((k = t_utf8_len(p, end)) == 0)
            return 0;
    return 1;
}

/* Random byte strings: every document parses, and a valid UTF-8 string
 * comes back as it went in. */
static void writer_random_strings(t_ctx *t)
{
    unsigned long x = 12345;
    int bad = 0, roundtrips = 0;
    char why[400] = "";
    for (int k = 0; k < 3000 && !bad; k++) {
        char s[24];
        int n = 0;
        int len = (int)(x % 23);
        for (; n < len; n++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            unsigned c = (unsigned)(x >> 56);
            /* mostly ASCII and well-formed pieces, some raw bytes */
            s[n] = (char)(k % 3 ? c % 128 : c);
            if (!s[n])
                s[n] = 'x';
        }
        s[n] = '\0';
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        char *doc = one_string(s);
        tj_value v;
        char err[300];
        if (!doc || tj_parse(doc, strlen(doc), &v, err, sizeof err) != 0) {
            bad = 1;
            snprintf(why, sizeof why, "string %d: %s", k, doc ? err : "writer failed");
        } else {
            if (valid_utf8(s, (size_t)n)) {
                roundtrips++;
                if (v.kind != TJ_STRING || v.len != (size_t)n || memcmp(v.str, s, (size_t)n)) {
                    bad = 1;
                    snprintf(why, sizeof why, "string %d decodes differently", k);
                }
            }
            tj_free(&v);
        }
        free(doc);
    }
    t_ok(t, !bad && roundtrips > 1500, "json: 3000 random strings give valid documents; "
         "valid UTF-8 round-trips", "%s (%d round trips)", why, roundtrips);
}

static void writer_numbers(t_ctx *t)
{
    const double xs[] = { 0.1, -0.0, 1e-300, 5e-324, 1.7976931348623157e308, 2.5, -123456789.125,
                          1.0 / 3, 1e15, 1e16 + 2, 0.000123 };
    dk_buf b = { 0 };
    dk_json j;
    dk_err e = { 0 };
    dk_json_init(&j, &b);
    dk_json_begin_array(&j);
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        dk_json_number(&j, xs[i]);
    dk_json_number(&j, NAN);
    dk_json_number(&j, INFINITY);
    dk_json_number(&j, -INFINITY);
    dk_json_int(&j, LLONG_MIN);
    dk_json_int(&j, LLONG_MAX);
    dk_json_number_digits(&j, 0.95, 2);
    dk_json_number_digits(&j, NAN, 2);
    dk_json_end_array(&j);
    int rc = dk_json_finish(&j, &e);
    tj_value v;
    char err[300] = "";
    int ok = rc == 0 && tj_parse(b.data, b.len, &v, err, sizeof err) == 0;
    size_t nx = sizeof xs / sizeof xs[0];
    int exact = ok && v.kind == TJ_ARRAY && v.n == nx + 7;
    for (size_t i = 0; exact && i < nx; i++)
        exact = v.item[i].kind == TJ_NUMBER && v.item[i].num == xs[i] &&
                signbit(v.item[i].num) == signbit(xs[i]);
    t_ok(t, exact, "json: numbers round-trip exactly (also -0 and subnormals)", "%s %s",
         err, b.data);
    t_ok(t, exact && v.item[nx].kind == TJ_NULL && v.item[nx + 1].kind == TJ_NULL &&
         v.item[nx + 2].kind == TJ_NULL && v.item[nx + 6].kind == TJ_NULL,
         "json: NaN and infinities are null", "%s", b.data);
    t_ok(t, strstr(b.data, "-9223372036854775808, 9223372036854775807, 0.95, null]") != NULL &&
         strstr(b.data, "[0.10000000000000001, -0, ") == b.data,
         "json: integers exact, a decimal constant as written, doubles as %.17g", "%s", b.data);
    if (ok)
        tj_free(&v);
    dk_buf_free(&b);
}

/* Runs one misuse; 1 if finish refuses the document, says why, and
 * appends nothing. */
static int refused(void (*misuse)(dk_json *j), const char *why)
{
    dk_buf b = { 0 };
    dk_json j;
    dk_err e = { 0 };
    dk_json_init(&j, &b);
    misuse(&j);
    size_t len = b.len;
    int ok = dk_json_finish(&j, &e) != 0 && b.len == len && strstr(e.msg, why) != NULL;
    dk_buf_free(&b);
    return ok;
}

static void key_in_array(dk_json *j) { dk_json_begin_array(j); dk_json_key(j, "k"); }
static void value_without_key(dk_json *j) { dk_json_begin_object(j); dk_json_int(j, 1); }
static void key_after_key(dk_json *j) { dk_json_begin_object(j); dk_json_key(j, "a"); dk_json_key(j, "b"); }
static void wrong_end(dk_json *j) { dk_json_begin_array(j); dk_json_end_object(j); }
static void end_after_key(dk_json *j) { dk_json_begin_object(j); dk_json_key(j, "a"); dk_json_end_object(j); }
static void two_documents(dk_json *j) { dk_json_int(j, 1); dk_json_int(j, 2); }
static void key_at_top(dk_json *j) { dk_json_key(j, "a"); }
static void too_deep(dk_json *j)
{
    for (int i = 0; i <= DK_JSON_MAX_DEPTH; i++)
        dk_json_begin_array(j);
}
static void unfinished(dk_json *j) { dk_json_begin_object(j); dk_json_kv_int(j, "a", 1); }

static void writer_misuse(t_ctx *t)
{
    struct { void (*f)(dk_json *); const char *why; } cases[] = {
        { key_in_array, "a key outside an object" },
        { value_without_key, "a value in an object without a key" },
        { key_after_key, "a key after a key" },
        { wrong_end, "an end of object that is not open" },
        { end_after_key, "a key without a value" },
        { two_documents, "a second value" },
        { key_at_top, "a key outside an object" },
        { too_deep, "nested deeper" },
        { unfinished, "not complete" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "json: misuse refused: %s", cases[i].why);
        t_ok(t, refused(cases[i].f, cases[i].why), name, "accepted or wrong message");
    }
    /* after a misuse the writer writes nothing more */
    dk_buf b = { 0 };
    dk_json j;
    dk_json_init(&j, &b);
    dk_json_begin_object(&j);
    dk_json_int(&j, 1);
    dk_json_kv_int(&j, "a", 1);
    dk_json_end_object(&j);
    t_ok(t, b.len == 1 && j.misuse, "json: nothing written after a misuse",
         "'%s', %d misuses", b.data, j.misuse);
    dk_buf_free(&b);
}

static void parser_accepts(t_ctx *t)
{
    const char *ok[] = {
        "{}", "[]", " \t\r\n{\"a\": [1, -0, 0.5e+3, 1E-2, true, false, null]} \n", "0", "\"\"",
        "-1.5", "\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "[[[[]]]]",
        "{\"a\": {\"b\": {}}}", "\"\xE2\x82\xAC\xF0\x9F\x98\x80\"", "1e308",
        "{\"\": 1, \"a\\u0000\": 2}",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char err[300] = "", name[200];
        snprintf(name, sizeof name, "json parser: accepts valid document #%zu", i);
        t_ok(t, parses(ok[i], strlen(ok[i]), err, sizeof err), name, "%s", err);
    }
    tj_value v;
    char err[300] = "";
    const char *doc = "{\"a\": [10, {\"b~/c\": \"x\\u00e9\"}], \"n\": null}";
    int ok2 = tj_parse(doc, strlen(doc), &v, err, sizeof err) == 0;
    const tj_value *x = ok2 ? tj_at(&v, "/a/1/b~0~1c") : NULL;
    const tj_value *y = ok2 ? tj_at(&v, "/a/0") : NULL;
    t_ok(t, x && x->kind == TJ_STRING && strcmp(x->str, "x\xC3\xA9") == 0 && y &&
         y->num == 10 && tj_at(&v, "/a/2") == NULL && tj_at(&v, "/b") == NULL &&
         tj_at(&v, "/n")->kind == TJ_NULL, "json parser: pointers and decoded strings", "%s", err);
    if (ok2)
        tj_free(&v);
}

static void parser_rejects(t_ctx *t)
{
    struct { const char *doc; size_t len; const char *why; } bad[] = {
        { "{\"a\": 1,}", 0, "a comma before '}'" },
        { "[1, 2,]", 0, "a comma before ']'" },
        { "[NaN]", 0, "unexpected character 'N'" },
        { "[Infinity]", 0, "unexpected character 'I'" },
        { "[-Infinity]", 0, "a digit expected" },
        { "{\"a\": 1}}", 0, "more after" },
        { "{\"a\": 1} {\"b\": 2}", 0, "more after" },
        { "", 0, "a value expected" },
        { "[01]", 0, "leading zero" },
        { "[1.]", 0, "a digit expected" },
        { "[.5]", 0, "unexpected character '.'" },
        { "[+1]", 0, "unexpected character '+'" },
        { "[1e]", 0, "a digit expected" },
        { "[1e999]", 0, "does not fit a double" },
        { "\"a\tb\"", 0, "control character" },
        { "\"a\nb\"", 0, "control character" },
        { "\"\\x41\"", 0, "invalid escape" },
        { "\"\\u12G4\"", 0, "non-hex" },
        { "\"\\ud800\"", 0, "high surrogate" },
        { "\"\\udc00\"", 0, "low surrogate" },
        { "\"\\ud800\\u0041\"", 0, "high surrogate followed" },
        { "\"\xE9\"", 0, "invalid UTF-8" },
        { "\"\xED\xA0\x80\"", 0, "invalid UTF-8" },
        { "\"\xC0\xAF\"", 0, "invalid UTF-8" },
        { "\"\xF4\x90\x80\x80\"", 0, "invalid UTF-8" },
        { "\xEF\xBB\xBF{}", 0, "byte order mark" },
        { "{\"a\": 1, \"a\": 2}", 0, "duplicate key" },
        { "{'a': 1}", 0, "a key (string) expected" },
        { "{\"a\" 1}", 0, "':' expected" },
        { "[1 2]", 0, "',' or ']' expected" },
        { "[1, 2", 0, "',' or ']' expected" },
        { "\"abc", 0, "closing quote" },
        { "[tru]", 0, "unexpected character 't'" },
        { "[true1]", 0, "',' or ']' expected" },
        { "// c\n{}", 0, "unexpected character '/'" },
        { "{}\f", 0, "more after" },
        { "[1]\0", 4, "more after" },
        { "\"a\0b\"", 5, "control character" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[300] = "", name[200];
        size_t len = bad[i].len ? bad[i].len : strlen(bad[i].doc);
        snprintf(name, sizeof name, "json parser: refuses (%s) #%zu", bad[i].why, i);
        int accepted = parses(bad[i].doc, len, err, sizeof err);
        t_ok(t, !accepted && strstr(err, bad[i].why) != NULL, name, "%s", accepted
             ? "accepted" : err);
    }
    char deep[1200];
    memset(deep, '[', 600);
    memset(deep + 600, ']', 600);
    char err[300] = "";
    t_ok(t, !parses(deep, sizeof deep, err, sizeof err) && strstr(err, "deeper"),
         "json parser: refuses absurd nesting (no stack overflow)", "%s", err);
}

static void csv_reader(t_ctx *t)
{
    const char *doc = "a,b,c\r\n1,\"x,\"\"y\"\"\r\nz\",\r\n\"\",2,\xC3\xA9\r\n";
    tc_table tab;
    char err[300] = "";
    int rc = tc_read(doc, strlen(doc), &tab, err, sizeof err);
    t_ok(t, rc == 0 && tab.ncol == 3 && tab.nrow == 2 && tab.crlf && tab.final_break &&
         strcmp(tc_cell(&tab, 0, 1), "x,\"y\"\r\nz") == 0 && strcmp(tc_cell(&tab, 0, 2), "") == 0 &&
         strcmp(tc_cell(&tab, 1, 0), "") == 0 && tc_col(&tab, "c") == 2 && tc_col(&tab, "d") < 0,
         "csv reader: quoted fields, doubled quotes, CRLF, empty fields", "%s", err);
    if (rc == 0)
        tc_free(&tab);
    rc = tc_read("h\n1", 3, &tab, err, sizeof err);
    t_ok(t, rc == 0 && tab.nrow == 1 && !tab.final_break && !tab.crlf,
         "csv reader: the last line break is optional (and reported)", "%s", err);
    if (rc == 0)
        tc_free(&tab);
    struct { const char *doc; const char *why; } bad[] = {
        { "a,b\n1,2,3\n", "3 fields; the header has 2" },
        { "a,b\n1\n", "1 fields; the header has 2" },
        { "a,b\n1,2\n\n", "1 fields; the header has 2" },
        { "a,b\r\n1,2\n", "a LF line break after CRLF ones" },
        { "a,b\n1,2\r\n", "a CRLF line break after LF ones" },
        { "a,b\n1,x\"y\n", "a quote inside an unquoted field" },
        { "a,b\n\"1\"x,2\n", "text after a closing quote" },
        { "a,b\n\"1,2\n", "without its closing quote" },
        { "a,b\n1\r,2\n", "a CR that does not start" },
        { "a,b\n1,\xFF\n", "invalid UTF-8" },
        { "", "empty" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[200];
        snprintf(name, sizeof name, "csv reader: refuses (%s)", bad[i].why);
        err[0] = '\0';
        rc = tc_read(bad[i].doc, strlen(bad[i].doc), &tab, err, sizeof err);
        if (rc == 0)
            tc_free(&tab);
        t_ok(t, rc != 0 && strstr(err, bad[i].why) != NULL, name, "%s", rc ? err : "accepted");
    }
}

/* Two gzip members (as sweep's blocks are) read as one text; a cut one fails. */
static void gz_reader(t_ctx *t)
{
    char path[400];
    snprintf(path, sizeof path, "%s/two-members.gz", t->tmp);
    const char *mode[] = { "wb", "ab" }, *part[] = { "a,b\n1,2\n", "3,4\n" };
    for (int k = 0; k < 2; k++) {
        gzFile g = gzopen(path, mode[k]);
        if (g) {
            gzputs(g, part[k]);
            gzclose(g);
        }
    }
    size_t len = 0;
    int gz = 0;
    char *text = t_read_maybe_gz(path, &len, &gz);
    t_ok(t, text && gz && len == 12 && strcmp(text, "a,b\n1,2\n3,4\n") == 0,
         "gz reader: every member", "%s", text ? text : "(unreadable)");
    free(text);
    size_t n;
    char *raw = t_slurp(path, &n);
    FILE *f = raw ? fopen(path, "wb") : NULL;
    if (f) {
        fwrite(raw, 1, n - 5, f);
        fclose(f);
    }
    free(raw);
    text = t_read_maybe_gz(path, &len, &gz);
    t_ok(t, !text && gz, "gz reader: a cut file is an error", "read %zu bytes", len);
    free(text);
}

void test_json(t_ctx *t)
{
    writer_layout(t);
    writer_escapes(t);
    writer_random_strings(t);
    writer_numbers(t);
    writer_misuse(t);
    parser_accepts(t);
    parser_rejects(t);
    csv_reader(t);
    gz_reader(t);
}
