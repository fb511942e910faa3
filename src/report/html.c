/*
 * html.c -- the HTML report writer: escaping, the document frame with its
 * style sheet, elements kept on a stack, tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/report/html.h"

/* One style sheet for every report: system fonts only (nothing to fetch),
 * charts that scale with the page (never wider than it), tables that
 * scroll inside their box instead of widening the page, and A4 print. */
static const char style[] =
    ":root{--ink:#1d2330;--muted:#5a6270;--line:#d5d9e0;--band:#f3f5f8}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:#fff;color:var(--ink);"
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans',Arial,sans-serif;overflow-wrap:break-word}"
    "main{max-width:52rem;margin:0 auto;padding:1.2rem 1.2rem 3rem}"
    "h1{font-size:1.55rem;line-height:1.25;margin:.4rem 0 .3rem}"
    "h2{font-size:1.2rem;margin:2rem 0 .4rem;padding-top:.6rem;"
    "border-top:2px solid var(--line)}"
    "h3{font-size:1rem;margin:1.2rem 0 .3rem}"
    "p{margin:.4rem 0}"
    ".meta,.note,figcaption{color:var(--muted);font-size:.86rem}"
    ".lead{font-size:1.05rem}"
    ".caveat{background:var(--band);border-left:4px solid #8a94a6;"
    "padding:.5rem .8rem;margin:.8rem 0;font-size:.9rem}"
    ".warn{border-left-color:#c0392b}"
    "figure{margin:1rem 0 1.4rem;break-inside:avoid}"
    "figure h3{margin-top:0}"
    "svg{display:block;width:100%;height:auto;max-width:100%}"
    "svg text{font-family:inherit}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;font-size:.86rem;margin:.4rem 0 1rem;"
    "font-variant-numeric:tabular-nums}"
    "th,td{padding:.22rem .5rem;border-bottom:1px solid var(--line);"
    "text-align:left;vertical-align:top}"
    "th{background:var(--band);font-weight:600}"
    "td.n,th.n{text-align:right;white-space:nowrap}td:first-child{white-space:nowrap}"
    "footer{margin-top:2rem;border-top:1px solid var(--line)}"
    "ul{margin:.3rem 0 .6rem;padding-left:1.3rem}"
    "@page{size:A4;margin:14mm}"
    "@media print{main{max-width:none;padding:0}h2{break-after:avoid}"
    "figure,table{break-inside:avoid}.scroll{overflow:visible}}";

void dk_html_esc_n(dk_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ent = NULL;
        switch (s[i]) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: continue;
        }
        dk_buf_append(b, s + run, i - run);
        dk_buf_append(b, ent, strlen(ent));
        run = i + 1;
    }
    dk_buf_append(b, s + run, n - run);
}

void dk_html_esc(dk_buf *b, const char *s)
{
    dk_html_esc_n(b, s, strlen(s));
}

void dk_html_begin(dk_html *h, dk_buf *b, const char *lang, const char *title)
{
    memset(h, 0, sizeof *h);
    h->b = b;
    dk_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                  "<meta charset=\"utf-8\" />\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                  "<title>", lang);
    dk_html_esc(b, title);
    dk_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n", style);
    dk_html_open(h, "body", NULL);
    dk_html_open(h, "main", NULL);
}

void dk_html_end(dk_html *h)
{
    while (h->depth > 0)
        dk_html_close(h, h->open[h->depth - 1]);
    dk_buf_printf(h->b, "</html>\n");
}

static void open_va(dk_html *h, const char *tag, va_list ap)
{
    dk_buf_printf(h->b, "<%s", tag);
    for (const char *name; (name = va_arg(ap, const char *)) != NULL;) {
        const char *value = va_arg(ap, const char *);
        dk_buf_printf(h->b, " %s=\"", name);
        dk_html_esc(h->b, value ? value : "");
        dk_buf_append(h->b, "\"", 1);
    }
    dk_buf_append(h->b, ">", 1);
    if (h->depth == DK_HTML_DEPTH) {
        h->misuse++;
        return;
    }
    h->open[h->depth++] = tag;
}

void dk_html_open(dk_html *h, const char *tag, ...)
{
    va_list ap;
    va_start(ap, tag);
    open_va(h, tag, ap);
    va_end(ap);
}

/* A line break after block elements keeps the source readable. */
static int block(const char *tag)
{
    static const char *const names[] = {
        "body", "main", "section", "div", "p", "h1", "h2", "h3", "figure", "figcaption",
        "ul", "li", "table", "thead", "tbody", "svg", "footer", "header", NULL
    };
    for (int i = 0; names[i]; i++)
        if (strcmp(tag, names[i]) == 0)
            return 1;
    return 0;
}

void dk_html_close(dk_html *h, const char *tag)
{
    /* A mismatch closes what is open above the tag (or nothing when it
     * is not open at all), so the document stays well-formed. */
    int k = h->depth - 1;
    while (k >= 0 && strcmp(h->open[k], tag) != 0)
        k--;
    if (k != h->depth - 1)
        h->misuse++;
    if (k < 0)
        return;
    while (h->depth > k) {
        h->depth--;
        dk_buf_printf(h->b, "</%s>", h->open[h->depth]);
        if (block(h->open[h->depth]))
            dk_buf_append(h->b, "\n", 1);
    }
}

void dk_html_elem(dk_html *h, const char *tag, const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    open_va(h, tag, ap);
    va_end(ap);
    dk_html_esc(h->b, text ? text : "");
    dk_html_close(h, tag);
}

void dk_html_text(dk_html *h, const char *s)
{
    dk_html_esc(h->b, s);
}

static void textv(dk_html *h, const char *fmt, va_list ap)
{
    dk_buf t = { 0 };
    dk_buf_vprintf(&t, fmt, ap);
    if (t.oom)
        h->b->oom = 1;
    else if (t.data)
        dk_html_esc_n(h->b, t.data, t.len);
    dk_buf_free(&t);
}

void dk_html_textf(dk_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    textv(h, fmt, ap);
    va_end(ap);
}

/* Numbers, signed numbers, percentages and intervals read best aligned
 * on the right. */
static int numeric(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return (c >= '0' && c <= '9') || ((c == '+' || c == '-') && s[1] >= '0' && s[1] <= '9')
        || strncmp(s, "\xe2\x88\x92", 3) == 0;   /* U+2212 minus */
}

void dk_html_table_begin(dk_html *h, const char *const *head, int n)
{
    dk_html_open(h, "div", "class", "scroll", NULL);
    dk_html_open(h, "table", NULL);
    dk_html_open(h, "thead", NULL);
    dk_html_open(h, "tr", NULL);
    for (int i = 0; i < n; i++)
        dk_html_elem(h, "th", head[i], "scope", "col", NULL);
    dk_html_close(h, "tr");
    dk_html_close(h, "thead");
    dk_html_open(h, "tbody", NULL);
}

void dk_html_row(dk_html *h, const char *const *cells, int n)
{
    dk_html_open(h, "tr", NULL);
    for (int i = 0; i < n; i++) {
        const char *c = cells[i] ? cells[i] : "";
        if (i > 0 && numeric(c))   /* the first cell names the row */
            dk_html_elem(h, "td", c, "class", "n", NULL);
        else
            dk_html_elem(h, "td", c, NULL);
    }
    dk_html_close(h, "tr");
    dk_buf_append(h->b, "\n", 1);
}

void dk_html_table_end(dk_html *h)
{
    dk_html_close(h, "tbody");
    dk_html_close(h, "table");
    dk_html_close(h, "div");
}
