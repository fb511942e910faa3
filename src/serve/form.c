/*
 * form.c -- urlencoded and multipart/form-data decoding (form.h).  Both
 * read a length-delimited buffer that the network filled, so every step
 * is bounded by the bytes that remain; nothing is NUL-terminated on input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/serve/form.h"

/* A copy of n bytes with a NUL after them, or NULL. */
static char *copy(const char *s, size_t n)
{
    char *c = dk_malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* Takes name, value and filename (each malloc'd, value may be NULL only
 * with the others) into the form, or frees them and fails. */
static int add(dk_form *f, char *name, char *value, size_t len, char *filename, dk_err *e)
{
    if (!name || !value || f->n == DK_FORM_MAX_FIELDS) {
        int full = name && value && f->n == DK_FORM_MAX_FIELDS;
        dk_free(name);
        dk_free(value);
        dk_free(filename);
        return full ? dk_fail(e, "form: more than %d fields", DK_FORM_MAX_FIELDS)
                    : dk_fail_oom(e, "form");
    }
    if (f->n == f->cap) {
        int cap = f->cap ? 2 * f->cap : 32;
        dk_form_field *g = dk_realloc(f->field, (size_t)cap * sizeof *g);
        if (!g) {
            dk_free(name);
            dk_free(value);
            dk_free(filename);
            return dk_fail_oom(e, "form");
        }
        f->field = g;
        f->cap = cap;
    }
    f->field[f->n++] = (dk_form_field){ name, value, len, filename };
    return 0;
}

static int hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes n bytes of s into a new string (its length in *len); NULL with
 * *bad set on a '%' not followed by two hex digits, NULL alone on no memory. */
static char *unescape(const char *s, size_t n, size_t *len, int *bad)
{
    char *out = dk_malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; out && i < n; i++) {
        if (s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] != '%') {
            out[k++] = s[i];
        } else if (i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out[k++] = (char)(16 * hex(s[i + 1]) + hex(s[i + 2]));
            i += 2;
        } else {
            *bad = 1;
            dk_free(out);
            return NULL;
        }
    }
    if (out)
        out[k] = '\0';
    *len = k;
    return out;
}

int dk_form_urlencoded(dk_form *f, const char *data, size_t len, dk_err *e)
{
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && data[end] != '&')
            end++;
        size_t eq = at;
        while (eq < end && data[eq] != '=')
            eq++;
        if (end > at) {     /* "a&&b": an empty pair is no field */
            int bad = 0;
            size_t nl, vl;
            char *name = unescape(data + at, eq - at, &nl, &bad);
            char *value = eq < end ? unescape(data + eq + 1, end - eq - 1, &vl, &bad)
                                   : copy("", vl = 0);
            if (bad) {
                dk_free(name);
                dk_free(value);
                return dk_fail(e, "form: a '%%' that is not followed by two hex digits");
            }
            if (add(f, name, value, vl, NULL, e) != 0)
                return -1;
        }
        at = end + 1;
    }
    return 0;
}

/* The first place of needle (k bytes) in hay (n bytes), or NULL. */
static const char *find(const char *hay, size_t n, const char *needle, size_t k)
{
    if (k == 0 || k > n)
        return NULL;
    for (const char *p = hay; (p = memchr(p, needle[0], n - (size_t)(p - hay) - k + 1));
         p++) {
        if (memcmp(p, needle, k) == 0)
            return p;
        if ((size_t)(p - hay) + k >= n)
            break;
    }
    return NULL;
}

/* The value of parameter key (e.g. "boundary", "name") in a header value
 * of n bytes: quoted ("a \"b\"" with backslash escapes) or a token.
 * Returns a new string, or NULL when absent (*oom on no memory). */
static char *param(const char *h, size_t n, const char *key, int *oom)
{
    size_t k = strlen(key);
    for (size_t i = 0; i < n; i++) {
        if (h[i] != ';')
            continue;
        size_t j = i + 1;
        while (j < n && (h[j] == ' ' || h[j] == '\t'))
            j++;
        if (n - j <= k || strncasecmp(h + j, key, k) != 0 || h[j + k] != '=')
            continue;
        j += k + 1;
        char *v = dk_malloc(n - j + 1);
        if (!v) {
            *oom = 1;
            return NULL;
        }
        size_t m = 0;
        if (j < n && h[j] == '"') {
            for (j++; j < n && h[j] != '"'; j++)
                v[m++] = h[j] == '\\' && j + 1 < n ? h[++j] : h[j];
        } else {
            for (; j < n && h[j] != ';' && h[j] != ' ' && h[j] != '\t'; j++)
                v[m++] = h[j];
        }
        v[m] = '\0';
        return v;
    }
    return NULL;
}

/* One part's headers (n bytes, CRLF-separated): its name and filename
 * from Content-Disposition.  -1 with e set when the part has no name. */
static int part_head(const char *h, size_t n, char **name, char **filename, dk_err *e)
{
    static const char cd[] = "content-disposition:";
    int oom = 0;
    int seen = 0;
    *name = *filename = NULL;
    for (size_t at = 0; at < n;) {
        const char *eol = find(h + at, n - at, "\r\n", 2);
        size_t len = eol ? (size_t)(eol - (h + at)) : n - at;
        /* the first Content-Disposition counts (a second one is ignored,
         * not a second set of names: the fuzzer found that leak) */
        if (!seen && len >= sizeof cd - 1 && strncasecmp(h + at, cd, sizeof cd - 1) == 0) {
            seen = 1;
            *name = param(h + at, len, "name", &oom);
            *filename = oom ? NULL : param(h + at, len, "filename", &oom);
        }
        at += len + 2;
    }
    if (oom || !*name) {
        dk_free(*name);
        dk_free(*filename);
        return oom ? dk_fail_oom(e, "form")
                   : dk_fail(e, "form: a part without Content-Disposition: form-data; name=");
    }
    return 0;
}

/* The boundary of a multipart Content-Type: 1..70 bytes (RFC 2046). */
static int boundary(const char *content_type, char *out, size_t n, dk_err *e)
{
    int oom = 0;
    char *b = content_type ? param(content_type, strlen(content_type), "boundary", &oom) : NULL;
    size_t len = b ? strlen(b) : 0;
    if (len >= 1 && len <= 70 && len + 3 <= n)
        snprintf(out, n, "--%s", b);
    dk_free(b);
    if (oom)
        return dk_fail_oom(e, "form");
    if (len < 1 || len > 70)
        return dk_fail(e, "form: multipart/form-data without a boundary of 1 to 70 characters");
    return 0;
}

int dk_form_multipart(dk_form *f, const char *content_type, const char *data, size_t len,
                      dk_err *e)
{
    char delim[80];
    if (boundary(content_type, delim, sizeof delim, e) != 0)
        return -1;
    size_t dl = strlen(delim);
    const char *end = data + len;
    const char *p = find(data, len, delim, dl);     /* a preamble is skipped */
    if (!p)
        return dk_fail(e, "form: the body does not contain its boundary");
    for (;;) {
        p += dl;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return 0;                               /* the close delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return dk_fail(e, "form: a boundary not followed by a line end");
        p += 2;
        const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
        /* a part with no headers at all starts with the blank line */
        if (!hend && !(end - p >= 2 && p[0] == '\r' && p[1] == '\n'))
            return dk_fail(e, "form: a part's headers do not end");
        size_t hlen = hend ? (size_t)(hend - p) : 0;
        const char *body = hend ? hend + 4 : p + 2;
        char next[84];
        snprintf(next, sizeof next, "\r\n%s", delim);
        const char *stop = find(body, (size_t)(end - body), next, dl + 2);
        if (!stop)
            return dk_fail(e, "form: a part that does not end with the boundary");
        char *name, *filename;
        if (part_head(p, hlen, &name, &filename, e) != 0)
            return -1;
        size_t n = (size_t)(stop - body);
        if (add(f, name, copy(body, n), n, filename, e) != 0)
            return -1;
        p = stop + 2;
    }
}

int dk_form_parse(dk_form *f, const char *content_type, const char *data, size_t len,
                  dk_err *e)
{
    static const char mp[] = "multipart/form-data";
    if (content_type && strncasecmp(content_type, mp, sizeof mp - 1) == 0)
        return dk_form_multipart(f, content_type, data, len, e);
    return dk_form_urlencoded(f, data, len, e);
}

const dk_form_field *dk_form_nth(const dk_form *f, const char *name, int i)
{
    for (int k = 0; k < f->n; k++)
        if (strcmp(f->field[k].name, name) == 0 && i-- == 0)
            return &f->field[k];
    return NULL;
}

const dk_form_field *dk_form_get(const dk_form *f, const char *name)
{
    return dk_form_nth(f, name, 0);
}

const char *dk_form_value(const dk_form *f, const char *name)
{
    const dk_form_field *x = dk_form_get(f, name);
    return x ? x->value : NULL;
}

void dk_form_free(dk_form *f)
{
    for (int k = 0; k < f->n; k++) {
        dk_free(f->field[k].name);
        dk_free(f->field[k].value);
        dk_free(f->field[k].filename);
    }
    dk_free(f->field);
    memset(f, 0, sizeof *f);
}
