/*
 * page.h -- what every command's HTML report shares: the frame (title,
 * the caveat that ratings come from vignettes, the footer with version,
 * model and seed) and numbers written the way the language writes them.
 */
#ifndef DRAAGKRACHT_PAGE_H
#define DRAAGKRACHT_PAGE_H

#include "draagkracht/lang/lang.h"
#include "draagkracht/report/chart.h"

typedef struct {
    dk_html h;
    dk_lang lang;
    char point;             /* decimal separator */
    char source[256];       /* "model ID; seed N; R replicates": every chart's source */
} dk_page;

/* Starts the report: document, <h1>title</h1>, the facts (meta: lines,
 * each a paragraph), and the caveat about vignette ratings. */
void dk_page_begin(dk_page *p, dk_buf *b, dk_lang l, const char *title, const char *meta);
/* With --real-class, the note that capability includes the assumed
 * shift to ratings of one's own class (the caveat says vignettes). */
void dk_page_basis(dk_page *p, const dk_model *m);
/* The footer and the end of the document. */
void dk_page_end(dk_page *p);

/* Numbers as the language writes them; each returns out. */
const char *dk_page_num(const dk_page *p, char *out, double x, int decimals);
/* A share as a percentage without decimals: "58%". */
const char *dk_page_pct(const dk_page *p, char *out, double share);
/* An interval: "25–88%" for shares (pct), else "1.24–3.17" */
const char *dk_page_range(const dk_page *p, char *out, double lo, double hi, int decimals,
                          int pct);

/* A chart's words: title and how-to-read from the caller, the page's
 * "How to read this" and source. */
dk_chart dk_page_chart(const dk_page *p, const char *title, const char *how,
                       const char *x_label, const char *y_label);

/* <p class="lead">text</p> and other short forms. */
void dk_page_para(dk_page *p, const char *cls, const char *text);

/* The input warnings (dk_warn's list), if any, in a box. */
void dk_page_warnings(dk_page *p, const dk_buf *warnings);

/* The size of the buffers the helpers above write into. */
#define DK_PAGE_NUM 48

#endif
