/*
 * page.c -- the frame every HTML report shares.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"

void dk_page_begin(dk_page *p, dk_buf *b, dk_lang l, const char *title, const char *meta)
{
    p->lang = l;
    p->point = dk_language_get(l)->point;
    dk_html_begin(&p->h, b, dk_language_get(l)->code, title);
    dk_html_elem(&p->h, "h1", title, NULL);
    for (const char *at = meta; at && *at;) {
        size_t n = strcspn(at, "\n");
        dk_html_open(&p->h, "p", "class", "meta", NULL);
        dk_html_esc_n(p->h.b, at, n);
        dk_html_close(&p->h, "p");
        at += n + (at[n] == '\n');
    }
    dk_html_elem(&p->h, "p", dk_s(l, DKS_CAVEAT), "class", "caveat", NULL);
}

void dk_page_basis(dk_page *p, const dk_model *m)
{
    if (!dk_model_real_class(m))
        return;
    /* the terminal's note, its lines joined: a page wraps by itself */
    const char *note = dk_s(p->lang, DKS_BASIS_REAL);
    dk_html_open(&p->h, "p", "class", "caveat", NULL);
    for (const char *at = note; *at;) {
        size_t n = strcspn(at, "\n");
        dk_html_esc_n(p->h.b, at, n);
        at += n;
        if (*at == '\n' && *++at)
            dk_html_text(&p->h, " ");
    }
    dk_html_close(&p->h, "p");
}

void dk_page_end(dk_page *p)
{
    dk_html_open(&p->h, "footer", NULL);
    dk_html_open(&p->h, "p", "class", "note", NULL);
    dk_html_textf(&p->h, dk_s(p->lang, DKS_MADE_BY), DK_VERSION);
    dk_html_close(&p->h, "p");
    dk_html_close(&p->h, "footer");
    dk_html_end(&p->h);
}

/* x into out (n bytes), or an en dash when there is no value. */
static void num(const dk_page *p, char *out, size_t n, double x, int decimals)
{
    if (!isfinite(x))
        snprintf(out, n, "\xe2\x80\x93");
    else
        dk_chart_num(out, n, x, decimals, p->point);
}

const char *dk_page_num(const dk_page *p, char *out, double x, int decimals)
{
    num(p, out, DK_PAGE_NUM, x, decimals);
    return out;
}

const char *dk_page_pct(const dk_page *p, char *out, double share)
{
    char n[20];
    num(p, n, sizeof n, 100 * share, 0);
    snprintf(out, DK_PAGE_NUM, "%s%%", n);
    return out;
}

const char *dk_page_range(const dk_page *p, char *out, double lo, double hi, int decimals,
                          int pct)
{
    char a[20], z[20];
    num(p, a, sizeof a, pct ? 100 * lo : lo, pct ? 0 : decimals);
    num(p, z, sizeof z, pct ? 100 * hi : hi, pct ? 0 : decimals);
    /* "-12.7 to -8.4": a dash between negative numbers reads as a minus */
    if (lo < 0)
        snprintf(out, DK_PAGE_NUM, dk_s(p->lang, DKS_RANGE_TO), a, z);
    else
        snprintf(out, DK_PAGE_NUM, "%s\xe2\x80\x93%s", a, z);
    if (pct)
        snprintf(out + strlen(out), DK_PAGE_NUM - strlen(out), "%%");
    return out;
}

dk_chart dk_page_chart(const dk_page *p, const char *title, const char *how,
                       const char *x_label, const char *y_label)
{
    dk_chart c = { title, dk_s(p->lang, DKS_HOW_HEAD), how, p->source[0] ? p->source : NULL,
                   x_label, y_label, p->point };
    return c;
}

void dk_page_para(dk_page *p, const char *cls, const char *text)
{
    if (cls)
        dk_html_elem(&p->h, "p", text, "class", cls, NULL);
    else
        dk_html_elem(&p->h, "p", text, NULL);
}

void dk_page_warnings(dk_page *p, const dk_buf *warnings)
{
    if (warnings && warnings->oom)
        p->h.b->oom = 1;    /* a warning was lost: the page would lack it */
    if (!warnings || !warnings->len)
        return;
    dk_html_open(&p->h, "div", "class", "caveat warn", NULL);
    dk_html_elem(&p->h, "strong", dk_s(p->lang, DKS_WARNINGS), NULL);
    dk_html_open(&p->h, "ul", NULL);
    for (size_t at = 0; at < warnings->len; at += strlen(warnings->data + at) + 1)
        dk_html_elem(&p->h, "li", warnings->data + at, NULL);
    dk_html_close(&p->h, "ul");
    dk_html_close(&p->h, "div");
}
