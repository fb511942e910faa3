/*
 * sweep_page.c -- the HTML report of `sweep --indices` and `--analyse`:
 * per response, the first-order and total Sobol indices with their
 * intervals (bars), or Morris's mu* against sigma; every index in a
 * table.  Aggregates only: a sweep of millions of rows gives one chart
 * per response with at most TOP factors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"

#define TOP 15  /* factors per chart; the table has all */

/* Factors of response r, largest key first (ST or mu*; NaN last). */
static void order_of(const dk_sweep_view *v, int r, int *order)
{
    double key[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < v->k; i++) {
        key[i] = v->sobol ? v->sobol_ix[r * v->k + i].st : v->morris_ix[r * v->k + i].mu_star;
        if (isnan(key[i]))
            key[i] = -HUGE_VAL;
        order[i] = i;
    }
    for (int i = 1; i < v->k; i++)
        for (int j = i; j > 0 && key[order[j]] > key[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

static void sobol_chart(dk_page *p, const dk_sweep_view *v, int r, const int *order)
{
    dk_lang l = p->lang;
    int n = v->k < TOP ? v->k : TOP;
    dk_chart_item it[2 * TOP];
    char notes[2 * TOP][DK_PAGE_NUM + 32];
    for (int j = 0; j < n; j++) {
        const dk_sobol_index *s = &v->sobol_ix[r * v->k + order[j]];
        char a[DK_PAGE_NUM];
        dk_page_num(p, notes[2 * j], s->st, 3);
        snprintf(notes[2 * j + 1], sizeof notes[0], dk_s(l, DKS_SWP_FIRST), dk_page_num(p, a, s->s1, 3));
        it[2 * j] = (dk_chart_item){ v->factor[order[j]], s->st, s->st_lo, s->st_hi, 0, notes[2 * j] };
        it[2 * j + 1] = (dk_chart_item){ "", s->s1, s->s1_lo, s->s1_hi, 2, notes[2 * j + 1] };
    }
    const dk_sobol_index *top = &v->sobol_ix[r * v->k + order[0]];
    char title[600], how[1200], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_SWP_S_TITLE), v->response[r], v->factor[order[0]],
             dk_page_num(p, a, top->st, 3), dk_page_range(p, b, top->st_lo, top->st_hi, 3, 0));
    snprintf(how, sizeof how, dk_s(l, DKS_SWP_S_HOW), n);
    dk_chart c = dk_page_chart(p, title, how, dk_s(l, DKS_AX_SHARE_VAR), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_bars(&p->h, &c, &x, it, 2 * n);
}

static void morris_chart(dk_page *p, const dk_sweep_view *v, int r, const int *order)
{
    dk_lang l = p->lang;
    int n = v->k < TOP ? v->k : TOP;
    dk_chart_point pt[TOP];
    for (int j = 0; j < n; j++) {
        const dk_morris_index *m = &v->morris_ix[r * v->k + order[j]];
        pt[j] = (dk_chart_point){ v->factor[order[j]], m->mu_star, m->sigma, NAN, NAN, NAN, NAN,
                                  j == 0 };
    }
    char title[600], a[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_SWP_M_TITLE), v->response[r], v->factor[order[0]],
             dk_page_num(p, a, v->morris_ix[r * v->k + order[0]].mu_star, 3));
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_SWP_M_HOW), dk_s(l, DKS_AX_MU),
                               dk_s(l, DKS_AX_SIGMA));
    dk_axis x = { 0, 0, 1, NULL }, y = { 0, 0, 1, NULL };
    dk_chart_scatter(&p->h, &c, &x, &y, pt, n, 1, 1);
}

static void table(dk_page *p, const dk_sweep_view *v, int r, const int *order)
{
    dk_lang l = p->lang;
    char h[5][DK_LABEL];
    const char *head[5];
    dk_split_labels(dk_s(l, v->sobol ? DKS_SWP_T_SOBOL : DKS_SWP_T_MORRIS), h, 5);
    for (int k = 0; k < 5; k++)
        head[k] = h[k];
    dk_html_table_begin(&p->h, head, v->sobol ? 5 : 4);
    for (int j = 0; j < v->k; j++) {
        char cell[5][DK_PAGE_NUM];
        const char *row[5] = { v->factor[order[j]], cell[1], cell[2], cell[3], cell[4] };
        if (v->sobol) {
            const dk_sobol_index *s = &v->sobol_ix[r * v->k + order[j]];
            dk_page_num(p, cell[1], s->s1, 4);
            dk_page_range(p, cell[2], s->s1_lo, s->s1_hi, 4, 0);
            dk_page_num(p, cell[3], s->st, 4);
            dk_page_range(p, cell[4], s->st_lo, s->st_hi, 4, 0);
        } else {
            const dk_morris_index *m = &v->morris_ix[r * v->k + order[j]];
            dk_page_num(p, cell[1], m->mu_star, 4);
            dk_page_num(p, cell[2], m->mu, 4);
            dk_page_num(p, cell[3], m->sigma, 4);
        }
        dk_html_row(&p->h, row, v->sobol ? 5 : 4);
    }
    dk_html_table_end(&p->h);
}

/* A response no factor moves has no index to chart. */
static int has_data(const dk_sweep_view *v, int r, const int *order)
{
    return v->k > 0 && isfinite(v->sobol ? v->sobol_ix[r * v->k + order[0]].st
                                         : v->morris_ix[r * v->k + order[0]].mu_star);
}

void dk_sweep_page(const dk_sweep_view *v, dk_lang l, dk_buf *b)
{
    dk_page p;
    p.point = dk_language_get(l)->point;
    p.source[0] = '\0';
    char title[300];
    snprintf(title, sizeof title, dk_s(l, v->sobol ? DKS_SWP_TITLE_SOBOL : DKS_SWP_TITLE_MORRIS),
             v->k, v->nr);
    snprintf(p.source, sizeof p.source, "%s", v->source);
    dk_page_begin(&p, b, l, title, v->facts);
    for (int r = 0; r < v->nr; r++) {
        int order[DK_SWEEP_MAX_FACTORS];
        order_of(v, r, order);
        dk_html_elem(&p.h, "h2", v->response[r], NULL);
        if (has_data(v, r, order)) {
            if (v->sobol)
                sobol_chart(&p, v, r, order);
            else
                morris_chart(&p, v, r, order);
        }
        table(&p, v, r, order);
    }
    dk_html_elem(&p.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&p, NULL, dk_s(l, v->sobol ? DKS_SWP_ABOUT_SOBOL : DKS_SWP_ABOUT_MORRIS));
    dk_page_end(&p);
}
