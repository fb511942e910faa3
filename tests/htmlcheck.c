/*
 * htmlcheck.c -- a strict reader of the HTML reports, stricter than a
 * browser: the document must be well-formed as XML (every element closed,
 * void elements self-closed, attributes quoted and not repeated, only the
 * XML entities and numeric references, valid UTF-8), must load nothing
 * (no script, link, img, iframe; no http(s) address but the SVG
 * namespace), and every <svg> must be an inline chart with a viewBox whose
 * data-marks count equals its marks (elements of class "m") and is not
 * zero: a chart without data fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/base/text.h"

#define MAX_DEPTH 64

typedef struct {
    const char *s, *end, *p;
    const char *stack[MAX_DEPTH];
    size_t len[MAX_DEPTH];
    int depth, roots;
    int svg_depth;          /* depth of the open <svg>, 0 when none */
    int served;             /* a served page: links and form actions to its own paths */
    long marks, want;       /* marks found in and announced by the open svg */
    t_html_stats *st;
    char *why;
    size_t whylen;
} reader;

static int fail(reader *r, const char *what)
{
    long line = 1;
    for (const char *q = r->s; q < r->p && q < r->end; q++)
        line += *q == '\n';
    snprintf(r->why, r->whylen, "line %ld: %s", line, what);
    return -1;
}

static int name_char(char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && ((c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_'));
}

static size_t name_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && name_char(p[n], n == 0))
        n++;
    return n;
}

static int is(const char *p, size_t n, const char *word)
{
    return strlen(word) == n && strncmp(p, word, n) == 0;
}

static int one_of(const char *p, size_t n, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (is(p, n, words[i]))
            return 1;
    return 0;
}

/* &...; at p: the XML five or a numeric reference of a valid code point. */
static int entity(reader *r, const char **p)
{
    static const char *const named[] = { "amp", "lt", "gt", "quot", "apos", NULL };
    const char *q = *p + 1, *semi = memchr(q, ';', (size_t)(r->end - q) < 12 ? (size_t)(r->end - q) : 12);
    if (!semi)
        return fail(r, "'&' that does not start an entity");
    if (*q == '#') {
        char *e;
        long v = q[1] == 'x' ? strtol(q + 2, &e, 16) : strtol(q + 1, &e, 10);
        if (e != semi || v <= 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
            (v < 0x20 && v != 9 && v != 10 && v != 13))
            return fail(r, "invalid numeric character reference");
    } else if (!one_of(q, (size_t)(semi - q), named)) {
        return fail(r, "entity other than amp, lt, gt, quot, apos");
    }
    *p = semi + 1;
    return 0;
}

/* Character data up to the next '<'. */
static int text(reader *r)
{
    const char *p = r->p;
    while (p < r->end && *p != '<') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            return r->p = p, fail(r, "control character");
        if (c == '&') {
            r->p = p;
            if (entity(r, &p) != 0)
                return -1;
            continue;
        }
        if (c > ' ' && r->depth == 0)
            return r->p = p, fail(r, "text outside the root element");
        p++;
    }
    r->p = p;
    return 0;
}

static int attr_value(reader *r, const char *name, size_t nlen, const char **v, size_t *vlen)
{
    const char *p = r->p;
    char q = *p;
    if (q != '"' && q != '\'')
        return fail(r, "attribute value without quotes");
    const char *start = ++p;
    while (p < r->end && *p != q) {
        if (*p == '<')
            return r->p = p, fail(r, "'<' in an attribute value");
        if (*p == '&') {
            r->p = p;
            if (entity(r, &p) != 0)
                return -1;
            continue;
        }
        p++;
    }
    if (p >= r->end)
        return fail(r, "unterminated attribute value");
    *v = start;
    *vlen = (size_t)(p - start);
    r->p = p + 1;
    static const char *const fetching[] = { "src", "href", "xlink:href", "srcset", "action", NULL };
    static const char *const navigating[] = { "href", "action", "formaction", NULL };
    /* a served page may go to the server's own paths ("/plan", "/?lang=nl"), nowhere else */
    int own_path = *vlen >= 1 && start[0] == '/' && (*vlen == 1 || start[1] != '/');
    if (r->served && one_of(name, nlen, navigating) && !own_path)
        return fail(r, "a link or form action off the server's own paths");
    if (one_of(name, nlen, fetching) && !(r->served && one_of(name, nlen, navigating)))
        return fail(r, "an attribute that loads something");
    return 0;
}

/* <name attrs> or <name attrs/>, at r->p (after '<'). */
static int start_tag(reader *r)
{
    static const char *const banned[] = { "script", "link", "img", "iframe", "object", "embed",
                                          "base", "audio", "video", "source", "image", "use",
                                          "foreignObject", NULL };
    static const char *const voids[] = { "meta", "br", "hr", "input", "wbr", "col", "area",
                                         "track", "param", NULL };
    const char *name = r->p;
    size_t n = name_len(name, r->end);
    if (!n)
        return fail(r, "'<' that starts no tag");
    if (one_of(name, n, banned))
        return fail(r, "an element that loads or runs something");
    r->p += n;
    const char *seen[32];
    size_t seenlen[32];
    int nseen = 0, self = 0;
    long marks_attr = -1;
    int is_svg = is(name, n, "svg"), has_viewbox = 0, has_ns = 0, is_mark = 0;
    for (;;) {
        size_t ws = strspn(r->p, " \t\r\n");
        r->p += ws;
        if (*r->p == '>') {
            r->p++;
            break;
        }
        if (r->p[0] == '/' && r->p[1] == '>') {
            r->p += 2;
            self = 1;
            break;
        }
        if (!ws)
            return fail(r, "attributes not separated by white space");
        const char *an = r->p;
        size_t alen = name_len(an, r->end);
        if (!alen)
            return fail(r, "malformed attribute");
        for (int i = 0; i < nseen; i++)
            if (seenlen[i] == alen && strncmp(seen[i], an, alen) == 0)
                return fail(r, "attribute given twice");
        if (nseen < 32) {
            seen[nseen] = an;
            seenlen[nseen++] = alen;
        }
        r->p += alen;
        if (*r->p != '=')
            return fail(r, "attribute without a value");
        r->p++;
        const char *v;
        size_t vlen;
        if (attr_value(r, an, alen, &v, &vlen) != 0)
            return -1;
        if (is(an, alen, "data-marks"))
            marks_attr = strtol(v, NULL, 10);
        has_viewbox |= is(an, alen, "viewBox");
        has_ns |= is(an, alen, "xmlns") && is(v, vlen, "http://www.w3.org/2000/svg");
        is_mark |= is(an, alen, "class") && is(v, vlen, "m");
    }
    if (one_of(name, n, voids) && !self)
        return fail(r, "void element not self-closed");
    if (r->depth == 0 && (++r->roots > 1 || !is(name, n, "html")))
        return fail(r, "a root element other than one html");
    if (is_svg) {
        if (r->svg_depth)
            return fail(r, "svg inside svg");
        if (!has_viewbox || !has_ns || marks_attr < 0)
            return fail(r, "svg without viewBox, namespace or data-marks");
        if (marks_attr == 0)
            return fail(r, "a chart without data (data-marks=\"0\")");
        r->svg_depth = r->depth + 1;
        r->marks = 0;
        r->want = marks_attr;
        r->st->svgs++;
    }
    r->marks += is_mark && r->svg_depth;
    r->st->elements++;
    if (is(name, n, "figure"))
        r->st->figures++;
    if (is(name, n, "table"))
        r->st->tables++;
    if (self)
        return 0;
    if (r->depth == MAX_DEPTH)
        return fail(r, "elements nested too deep");
    r->stack[r->depth] = name;
    r->len[r->depth++] = n;
    return 0;
}

static int end_tag(reader *r)
{
    const char *name = r->p;
    size_t n = name_len(name, r->end);
    r->p += n;
    r->p += strspn(r->p, " \t\r\n");
    if (*r->p != '>')
        return fail(r, "malformed end tag");
    r->p++;
    if (!r->depth || r->len[r->depth - 1] != n || strncmp(r->stack[r->depth - 1], name, n) != 0)
        return fail(r, "end tag that does not match the open element");
    if (r->svg_depth == r->depth) {
        if (r->marks != r->want)
            return fail(r, "svg whose data-marks differs from its marks");
        r->svg_depth = 0;
    }
    r->depth--;
    return 0;
}

static int check(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen,
                 int served);

int t_html_check(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen)
{
    return check(s, len, st, why, whylen, 0);
}

int t_html_check_served(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen)
{
    return check(s, len, st, why, whylen, 1);
}

static int check(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen,
                 int served)
{
    reader r = { .s = s, .end = s + len, .p = s, .st = st, .why = why, .whylen = whylen,
                 .served = served };
    memset(st, 0, sizeof *st);
    if (dk_utf8_check(s, len) != len)
        return r.p = s + dk_utf8_check(s, len), fail(&r, "invalid UTF-8");
    if (strlen(s) != len)
        return fail(&r, "NUL byte");
    /* nothing that loads: addresses (but the SVG namespace), url(), @import */
    static const char *const loads[] = { "http://", "https://", "url(", "@import", NULL };
    static const char ns[] = "http://www.w3.org/2000/svg\"";
    for (int i = 0; loads[i]; i++)
        for (const char *q = strstr(s, loads[i]); q; q = strstr(q + 1, loads[i]))
            if (strncmp(q, ns, sizeof ns - 1) != 0 || q - s < 7 || strncmp(q - 7, "xmlns=\"", 7) != 0)
                return r.p = q, fail(&r, "an address, url() or @import: the report must load nothing");
    static const char doctype[] = "<!DOCTYPE html>";
    if (strncmp(s, doctype, sizeof doctype - 1) == 0)
        r.p += sizeof doctype - 1;
    while (r.p < r.end) {
        if (text(&r) != 0)
            return -1;
        if (r.p >= r.end)
            break;
        r.p++;
        int rc;
        if (strncmp(r.p, "!--", 3) == 0) {
            const char *e = strstr(r.p, "-->");
            if (!e)
                return fail(&r, "unterminated comment");
            r.p = e + 3;
            rc = 0;
        } else if (*r.p == '/') {
            r.p++;
            rc = end_tag(&r);
        } else {
            rc = start_tag(&r);
        }
        if (rc != 0)
            return -1;
    }
    if (r.depth)
        return fail(&r, "elements left open at the end");
    if (r.roots != 1)
        return fail(&r, "no html root element");
    return 0;
}
