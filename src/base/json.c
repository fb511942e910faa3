/*
 * json.c -- the JSON writer (see json.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/base/json.h"

void dk_json_init(dk_json *j, dk_buf *b)
{
    memset(j, 0, sizeof *j);
    j->b = b;
    j->brk = -1;
}

/* Records a misuse; every later call then writes nothing. */
static int misuse(dk_json *j, const char *why)
{
    j->misuse = 1;
    j->why = why;
    return -1;
}

/* The pending line break, if any, and "spaces" otherwise. */
static void space(dk_json *j, const char *spaces)
{
    if (j->brk < 0) {
        dk_buf_append(j->b, spaces, strlen(spaces));
        return;
    }
    dk_buf_append(j->b, "\n", 1);
    for (int i = 0; i < j->brk; i++)
        dk_buf_append(j->b, " ", 1);
    j->brk = -1;
}

/* What comes before a member of the innermost container: nothing for
 * the first, else a comma; then the break or one space. */
static void separate(dk_json *j)
{
    int d = j->depth - 1;
    if (j->members[d])
        dk_buf_append(j->b, ",", 1);
    space(j, j->members[d] ? " " : "");
    j->members[d] = 1;
}

/* Checks that a value may come now and writes what precedes it. */
static int before_value(dk_json *j)
{
    if (j->misuse)
        return -1;
    if (j->depth == 0)
        return j->done ? misuse(j, "a second value after the document's end") : 0;
    if (j->object[j->depth - 1]) {
        if (!j->after_key)
            return misuse(j, "a value in an object without a key");
        j->after_key = 0;
        return 0;
    }
    separate(j);
    return 0;
}

/* A value is complete: at the top level, the document is. */
static void after_value(dk_json *j)
{
    if (j->depth == 0)
        j->done = 1;
}

static void begin(dk_json *j, int object)
{
    if (before_value(j) != 0)
        return;
    if (j->depth == DK_JSON_MAX_DEPTH) {
        misuse(j, "nested deeper than DK_JSON_MAX_DEPTH");
        return;
    }
    dk_buf_append(j->b, object ? "{" : "[", 1);
    j->object[j->depth] = (unsigned char)object;
    j->members[j->depth] = 0;
    j->depth++;
}

static void end(dk_json *j, int object)
{
    if (j->misuse)
        return;
    if (j->depth == 0 || j->object[j->depth - 1] != object) {
        misuse(j, object ? "an end of object that is not open" : "an end of array that is not open");
        return;
    }
    if (j->after_key) {
        misuse(j, "a key without a value");
        return;
    }
    space(j, "");
    dk_buf_append(j->b, object ? "}" : "]", 1);
    j->depth--;
    after_value(j);
}

void dk_json_begin_object(dk_json *j) { begin(j, 1); }
void dk_json_end_object(dk_json *j) { end(j, 1); }
void dk_json_begin_array(dk_json *j) { begin(j, 0); }
void dk_json_end_array(dk_json *j) { end(j, 0); }

void dk_json_break(dk_json *j, int indent)
{
    j->brk = indent < 0 ? 0 : indent;
}

/* The quoted, escaped string. */
static void quoted(dk_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);
    dk_buf_append(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        size_t ok = i + dk_utf8_check(s + i, n - i), run = i;
        for (; i < ok; i++) {           /* valid UTF-8: escape the ASCII that must be */
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            dk_buf_append(b, s + run, i - run);
            const char *short_form = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                                   : c == '\t' ? "\\t" : c == '\r' ? "\\r" : c == '\b' ? "\\b"
                                   : c == '\f' ? "\\f" : NULL;
            char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
            dk_buf_append(b, short_form ? short_form : u, short_form ? 2 : 6);
            run = i + 1;
        }
        dk_buf_append(b, s + run, i - run);
        if (i < n) {                    /* a byte that is not UTF-8 */
            dk_buf_append(b, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    dk_buf_append(b, "\"", 1);
}

void dk_json_key(dk_json *j, const char *key)
{
    if (j->misuse)
        return;
    if (j->depth == 0 || !j->object[j->depth - 1] || j->after_key) {
        misuse(j, j->after_key ? "a key after a key" : "a key outside an object");
        return;
    }
    separate(j);
    quoted(j->b, key);
    dk_buf_append(j->b, ": ", 2);
    j->after_key = 1;
}

/* Writes text as a complete value. */
static void scalar(dk_json *j, const char *text, size_t n)
{
    if (before_value(j) != 0)
        return;
    dk_buf_append(j->b, text, n);
    after_value(j);
}

void dk_json_string(dk_json *j, const char *s)
{
    if (!s) {
        dk_json_null(j);
        return;
    }
    if (before_value(j) != 0)
        return;
    quoted(j->b, s);
    after_value(j);
}

void dk_json_number(dk_json *j, double x)
{
    char t[32];
    if (!isfinite(x))
        dk_json_null(j);
    else
        scalar(j, t, (size_t)dk_fmt_g17(t, x));
}

void dk_json_number_digits(dk_json *j, double x, int digits)
{
    char t[40];
    if (!isfinite(x))
        dk_json_null(j);
    else
        scalar(j, t, (size_t)snprintf(t, sizeof t, "%.*g", digits < 1 ? 1 : digits > 17
                                      ? 17 : digits, x));
}

void dk_json_int(dk_json *j, long long x)
{
    char t[24];
    scalar(j, t, (size_t)snprintf(t, sizeof t, "%lld", x));
}

void dk_json_bool(dk_json *j, int x)
{
    scalar(j, x ? "true" : "false", x ? 4 : 5);
}

void dk_json_null(dk_json *j)
{
    scalar(j, "null", 4);
}

void dk_json_kv_string(dk_json *j, const char *key, const char *s)
{
    dk_json_key(j, key);
    dk_json_string(j, s);
}

void dk_json_kv_number(dk_json *j, const char *key, double x)
{
    dk_json_key(j, key);
    dk_json_number(j, x);
}

void dk_json_kv_int(dk_json *j, const char *key, long long x)
{
    dk_json_key(j, key);
    dk_json_int(j, x);
}

void dk_json_kv_bool(dk_json *j, const char *key, int x)
{
    dk_json_key(j, key);
    dk_json_bool(j, x);
}

int dk_json_finish(dk_json *j, dk_err *e)
{
    if (j->misuse)
        return dk_fail(e, "JSON writer misused: %s", j->why);
    if (!j->done)
        return dk_fail(e, "JSON document not complete (%d containers open)", j->depth);
    dk_buf_append(j->b, "\n", 1);
    return 0;
}
