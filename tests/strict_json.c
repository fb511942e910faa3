/*
 * strict_json.c -- the tests' strict JSON parser (RFC 8259), a recursive
 * descent over the bytes that builds a tree.  See readers.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "draagkracht/base/text.h"

#define MAX_DEPTH 256

typedef struct {
    const unsigned char *p, *start, *end;
    char *err;
    size_t errlen;
    int failed, depth;
} parser;

static int fail(parser *ps, const char *fmt, ...)
{
    if (ps->failed++)
        return -1;
    int line = 1, col = 1;
    for (const unsigned char *q = ps->start; q < ps->p && q < ps->end; q++, col++)
        if (*q == '\n') {
            line++;
            col = 0;
        }
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(ps->err, ps->errlen, "JSON line %d, column %d (byte %zu): %s", line, col,
             (size_t)(ps->p - ps->start), what);
    return -1;
}

/* RFC 8259's whitespace: space, tab, line feed, carriage return only. */
static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
                               *ps->p == '\r'))
        ps->p++;
}

size_t t_utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;      /* the second byte's range */
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;   /* no overlong forms */
        hi = c == 0xED ? 0x9F : 0xBF;   /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;   /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

/* Appends n bytes to b (the program's growable buffer: only the JSON
 * reading here is the tests' own); -1 when out of memory. */
static int sb_put(dk_buf *b, const void *s, size_t n)
{
    char *at = dk_buf_room(b, n);
    if (!at)
        return -1;
    memcpy(at, s, n);
    b->len += n;
    at[n] = '\0';
    return 0;
}

static int sb_code_point(dk_buf *b, unsigned long cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6);
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12);
        u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | cp >> 18);
        u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return sb_put(b, u, n);
}

static int hex4(parser *ps, unsigned long *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++, ps->p++) {
        if (ps->p >= ps->end)
            return fail(ps, "\\u escape cut short");
        unsigned c = *ps->p;
        int d = c >= '0' && c <= '9' ? (int)c - '0' : c >= 'a' && c <= 'f' ? (int)c - 'a' + 10
              : c >= 'A' && c <= 'F' ? (int)c - 'A' + 10 : -1;
        if (d < 0)
            return fail(ps, "\\u escape with a non-hex digit");
        *out = *out << 4 | (unsigned long)d;
    }
    return 0;
}

/* After "\u": one code point, a surrogate pair taken together. */
static int unicode_escape(parser *ps, dk_buf *b)
{
    unsigned long cp, lo;
    if (hex4(ps, &cp) != 0)
        return -1;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(ps, "a low surrogate \\u%04lX without a high one", cp);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return fail(ps, "a high surrogate \\u%04lX without a low one", cp);
        ps->p += 2;
        if (hex4(ps, &lo) != 0)
            return -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(ps, "a high surrogate followed by \\u%04lX", lo);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    return sb_code_point(b, cp);
}

static int escape(parser *ps, dk_buf *b)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (ps->p >= ps->end)
        return fail(ps, "a string ends in a backslash");
    unsigned char c = *ps->p++;
    if (c == 'u')
        return unicode_escape(ps, b);
    const char *k = c ? strchr(from, c) : NULL;
    if (!k)
        return fail(ps, "invalid escape \\%c", c >= 0x20 && c < 0x7F ? c : '?');
    return sb_put(b, &to[k - from], 1);
}

/* At the opening quote: the decoded string into *out (malloc'd). */
static int string(parser *ps, char **out, size_t *len)
{
    dk_buf b = { 0 };
    ps->p++;
    if (sb_put(&b, "", 0) != 0)
        return fail(ps, "out of memory");
    for (;;) {
        if (ps->p >= ps->end) {
            dk_buf_free(&b);
            return fail(ps, "a string without its closing quote");
        }
        unsigned char c = *ps->p;
        int rc = 0;
        if (c == '"') {
            ps->p++;
            break;
        } else if (c == '\\') {
            ps->p++;
            rc = escape(ps, &b);
        } else if (c < 0x20) {
            rc = fail(ps, "a control character (0x%02X) in a string", c);
        } else {
            size_t n = t_utf8_len(ps->p, ps->end);
            rc = n ? sb_put(&b, ps->p, n) : fail(ps, "invalid UTF-8 in a string");
            ps->p += n;
        }
        if (rc != 0) {
            dk_buf_free(&b);
            return fail(ps, "out of memory");
        }
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

static int digits(parser *ps)
{
    const unsigned char *s = ps->p;
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
        ps->p++;
    return ps->p > s ? 0 : fail(ps, "a digit expected in a number");
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and it must fit a double. */
static int number(parser *ps, tj_value *v)
{
    const unsigned char *s = ps->p;
    if (ps->p < ps->end && *ps->p == '-')
        ps->p++;
    if (ps->p < ps->end && *ps->p == '0') {
        ps->p++;
        if (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            return fail(ps, "a leading zero in a number");
    } else if (digits(ps) != 0) {
        return -1;
    }
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (digits(ps) != 0)
            return -1;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (digits(ps) != 0)
            return -1;
    }
    char text[400];
    size_t n = (size_t)(ps->p - s);
    if (n >= sizeof text)
        return fail(ps, "a number of %zu characters", n);
    memcpy(text, s, n);
    text[n] = '\0';
    v->kind = TJ_NUMBER;
    v->num = strtod(text, NULL);
    if (!isfinite(v->num))
        return fail(ps, "the number %s does not fit a double", text);
    return 0;
}

static int literal(parser *ps, const char *word, tj_kind kind, tj_value *v)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "unexpected character '%c'",
                    *ps->p >= 0x20 && *ps->p < 0x7F ? *ps->p : '?');
    ps->p += n;
    v->kind = kind;
    return 0;
}

static int value(parser *ps, tj_value *v);

/* Room for one more member of v. */
static int grow(parser *ps, tj_value *v, size_t *cap)
{
    if (v->n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 8;
    tj_value *item = realloc(v->item, c * sizeof *item);
    if (item)
        v->item = item;
    char **key = v->kind == TJ_OBJECT && item ? realloc(v->key, c * sizeof *key) : NULL;
    if (key)
        v->key = key;
    if (!item || (v->kind == TJ_OBJECT && !key))
        return fail(ps, "out of memory");
    *cap = c;
    return 0;
}

/* At '[' or '{': the members, comma-separated, none after the last. */
static int container(parser *ps, tj_value *v, int object)
{
    size_t cap = 0;
    v->kind = object ? TJ_OBJECT : TJ_ARRAY;
    if (++ps->depth > MAX_DEPTH)
        return fail(ps, "nested deeper than %d", MAX_DEPTH);
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
        ps->p++;
        ps->depth--;
        return 0;
    }
    for (;;) {
        if (grow(ps, v, &cap) != 0)
            return -1;
        tj_value *m = &v->item[v->n];
        memset(m, 0, sizeof *m);
        skip_ws(ps);
        if (object) {
            size_t klen;
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, ps->p < ps->end && *ps->p == '}' ? "a comma before '}'"
                                                                 : "a key (string) expected");
            if (string(ps, &v->key[v->n], &klen) != 0)
                return -1;
            v->n++;             /* the key is owned by v from here */
            for (size_t i = 0; i + 1 < v->n; i++)
                if (strcmp(v->key[i], v->key[v->n - 1]) == 0)
                    return fail(ps, "duplicate key \"%.60s\"", v->key[i]);
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail(ps, "':' expected after a key");
            ps->p++;
        } else {
            if (ps->p < ps->end && *ps->p == ']')
                return fail(ps, "a comma before ']'");
            v->n++;
        }
        if (value(ps, m) != 0)
            return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
            ps->p++;
            ps->depth--;
            return 0;
        }
        return fail(ps, object ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int value(parser *ps, tj_value *v)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "a value expected, found the end");
    switch (*ps->p) {
    case '{':
        return container(ps, v, 1);
    case '[':
        return container(ps, v, 0);
    case '"':
        v->kind = TJ_STRING;
        return string(ps, &v->str, &v->len);
    case 't':
        return literal(ps, "true", TJ_TRUE, v);
    case 'f':
        return literal(ps, "false", TJ_FALSE, v);
    case 'n':
        return literal(ps, "null", TJ_NULL, v);
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
            return number(ps, v);
        return fail(ps, "unexpected character '%c' (0x%02X)",
                    *ps->p >= 0x20 && *ps->p < 0x7F ? *ps->p : '?', *ps->p);
    }
}

int tj_parse(const char *text, size_t len, tj_value *out, char *err, size_t errlen)
{
    parser ps = { (const unsigned char *)text, (const unsigned char *)text,
                  (const unsigned char *)text + len, err, errlen, 0, 0 };
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        fail(&ps, "a byte order mark");
    else if (value(&ps, out) == 0) {
        skip_ws(&ps);
        if (ps.p < ps.end)
            fail(&ps, "more after the document's value");
    }
    if (ps.failed) {
        tj_free(out);
        return -1;
    }
    return 0;
}

void tj_free(tj_value *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        tj_free(&v->item[i]);
        if (v->key)
            free(v->key[i]);
    }
    free(v->item);
    free(v->key);
    free(v->str);
    memset(v, 0, sizeof *v);
}

/* The next reference token of a pointer, unescaped (~1 is '/', ~0 '~'). */
static const char *token(const char *p, char *tok, size_t n)
{
    size_t k = 0;
    for (; *p && *p != '/'; p++) {
        char c = *p;
        if (c == '~' && (p[1] == '0' || p[1] == '1'))
            c = *++p == '0' ? '~' : '/';
        if (k + 1 < n)
            tok[k++] = c;
    }
    tok[k] = '\0';
    return p;
}

const tj_value *tj_at(const tj_value *v, const char *pointer)
{
    char tok[256];
    const char *p = pointer;
    while (v && *p == '/') {
        p = token(p + 1, tok, sizeof tok);
        const tj_value *next = NULL;
        if (v->kind == TJ_OBJECT) {
            for (size_t i = 0; i < v->n && !next; i++)
                if (strcmp(v->key[i], tok) == 0)
                    next = &v->item[i];
        } else if (v->kind == TJ_ARRAY) {
            char *end;
            unsigned long i = strtoul(tok, &end, 10);
            if (*tok >= '0' && *tok <= '9' && !*end && i < v->n)
                next = &v->item[i];
        }
        v = next;
    }
    return *p ? NULL : v;
}
