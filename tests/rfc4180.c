/*
 * rfc4180.c -- the tests' CSV reader (RFC 4180, strict) and a reader of
 * gzip files (any number of members, as sweep writes them).  See readers.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "readers.h"

typedef struct {
    const char *p, *start, *end;
    char *err;
    size_t errlen;
    long record;            /* 1-based, for messages */
} reader;

static int fail(reader *r, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "CSV record %ld (byte %zu): %s", r->record,
             (size_t)(r->p - r->start), what);
    return -1;
}

/* Offset of the first byte of s that is not UTF-8, or len. */
static size_t utf8_bad(const unsigned char *s, size_t len)
{
    size_t i = 0, k;
    while (i < len && (k = t_utf8_len(s + i, s + len)) > 0)
        i += k;
    return i;
}

typedef struct {
    char **v;
    size_t n, cap;
} cells;

static int push(cells *c, const char *s, size_t n)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        char **v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    char *d = malloc(n + 1);
    if (!d)
        return -1;
    memcpy(d, s, n);
    d[n] = '\0';
    c->v[c->n++] = d;
    return 0;
}

/* A quoted field, at its opening quote: decoded ("" -> ") into *out
 * (malloc'd).  Its end is found first, then it is copied. */
static int quoted(reader *r, char **out, size_t *len)
{
    const char *s = ++r->p;
    for (;;) {
        if (r->p >= r->end)
            return fail(r, "a quoted field without its closing quote");
        if (*r->p != '"')
            r->p++;
        else if (r->end - r->p >= 2 && r->p[1] == '"')
            r->p += 2;
        else
            break;
    }
    const char *stop = r->p++;
    char *d = malloc((size_t)(stop - s) + 1);
    if (!d)
        return fail(r, "out of memory");
    size_t n = 0;
    for (const char *q = s; q < stop; q++) {
        d[n++] = *q;
        q += *q == '"';         /* the second of a doubled quote */
    }
    d[n] = '\0';
    *out = d;
    *len = n;
    return 0;
}

/* After a field: 0 at a comma (consumed), 1 at the end of the record
 * (its line break consumed), or -1. */
static int field_end(reader *r, int *crlf)
{
    if (r->p >= r->end)
        return 1;
    if (*r->p == ',') {
        r->p++;
        return 0;
    }
    int this_crlf = *r->p == '\r';
    if (this_crlf && (r->end - r->p < 2 || r->p[1] != '\n'))
        return fail(r, "a CR that does not start a CRLF line break");
    if (!this_crlf && *r->p != '\n')
        return fail(r, "'%c' after a field (a quote inside an unquoted field, or "
                    "text after a closing quote)", *r->p);
    if (*crlf < 0)
        *crlf = this_crlf;
    else if (*crlf != this_crlf)
        return fail(r, "a %s line break after %s ones", this_crlf ? "CRLF" : "LF",
                    *crlf ? "CRLF" : "LF");
    r->p += this_crlf ? 2 : 1;
    return 1;
}

/* One record's fields onto c; *nf their number. */
static int record(reader *r, cells *c, size_t *nf, int *crlf)
{
    *nf = 0;
    for (;;) {
        if (r->p < r->end && *r->p == '"') {
            char *s = NULL;
            size_t n = 0;
            if (quoted(r, &s, &n) != 0)
                return -1;
            int rc = push(c, s, n);
            free(s);
            if (rc != 0)
                return fail(r, "out of memory");
        } else {
            const char *s = r->p;
            while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r' &&
                   *r->p != '"')
                r->p++;
            if (push(c, s, (size_t)(r->p - s)) != 0)
                return fail(r, "out of memory");
        }
        (*nf)++;
        int end = field_end(r, crlf);
        if (end != 0)
            return end < 0 ? -1 : 0;
    }
}

int tc_read(const char *text, size_t len, tc_table *t, char *err, size_t errlen)
{
    reader r = { text, text, text + len, err, errlen, 1 };
    cells c = { 0 };
    int crlf = -1;
    memset(t, 0, sizeof *t);
    size_t bad = utf8_bad((const unsigned char *)text, len);
    if (bad < len) {
        r.p = text + bad;
        return fail(&r, "invalid UTF-8");
    }
    if (len == 0)
        return fail(&r, "empty: no header");
    while (r.p < r.end) {
        size_t nf;
        if (record(&r, &c, &nf, &crlf) != 0)
            goto bad;
        if (r.record == 1)
            t->ncol = nf;
        else if (nf != t->ncol) {
            fail(&r, "%zu fields; the header has %zu", nf, t->ncol);
            goto bad;
        }
        r.record++;
    }
    t->cell = c.v;
    t->nrow = c.n / t->ncol - 1;
    t->crlf = crlf == 1;
    t->final_break = text[len - 1] == '\n';
    return 0;
bad:
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i]);
    free(c.v);
    return -1;
}

void tc_free(tc_table *t)
{
    for (size_t i = 0; t->cell && i < (t->nrow + 1) * t->ncol; i++)
        free(t->cell[i]);
    free(t->cell);
    memset(t, 0, sizeof *t);
}

int tc_col(const tc_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (strcmp(t->cell[i], name) == 0)
            return (int)i;
    return -1;
}

const char *tc_cell(const tc_table *t, size_t r, int c)
{
    if (c < 0 || (size_t)c >= t->ncol || r >= t->nrow)
        return NULL;
    return t->cell[(r + 1) * t->ncol + (size_t)c];
}

/* Inflates every gzip member of in into a malloc'd, NUL-terminated text;
 * NULL if it is not gzip, is cut short or has bytes after the last member. */
static char *gunzip(const unsigned char *in, size_t n, size_t *len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return NULL;
    size_t cap = n * 4 + 64, out = 0;
    char *d = malloc(cap);
    z.next_in = (unsigned char *)(size_t)in;    /* zlib does not write it */
    z.avail_in = (unsigned)n;
    int rc = Z_OK;
    while (d) {
        if (cap - out < 2) {
            char *q = realloc(d, cap *= 2);
            if (!q)
                free(d);
            d = q;
            continue;
        }
        z.next_out = (unsigned char *)d + out;
        z.avail_out = (unsigned)(cap - out - 1);
        rc = inflate(&z, Z_NO_FLUSH);
        out = (size_t)((char *)z.next_out - d);
        if (rc == Z_STREAM_END && z.avail_in > 0)
            rc = inflateReset(&z);              /* the next member */
        else if (rc != Z_OK)
            break;                              /* the end, an error, or cut short */
    }
    inflateEnd(&z);
    if (!d || rc != Z_STREAM_END) {
        free(d);
        return NULL;
    }
    d[out] = '\0';
    *len = out;
    return d;
}

char *t_read_maybe_gz(const char *path, size_t *len, int *gz)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            unsigned char *q = realloc(buf, cap *= 2);
            if (!q)
                free(buf);
            buf = q;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *gz = n >= 2 && buf[0] == 0x1f && buf[1] == 0x8b;
    if (!*gz) {
        *len = n;
        return (char *)buf;
    }
    char *text = gunzip(buf, n, len);
    free(buf);
    return text;
}
