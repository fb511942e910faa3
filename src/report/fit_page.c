/*
 * fit_page.c -- the HTML report of `fit`: per fitted outcome (and --by
 * value) the fixed effects with their intervals, the variance components
 * and the ICC, and the fitted parameters against the model in use.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/fit/fitmodel.h"

/* "95%" for the report's level. */
static const char *level_text(const dk_page *p, const dk_fit_report *rep, char *out)
{
    char n[24];
    dk_chart_num(n, sizeof n, 100 * rep->level, 100 * rep->level == round(100 * rep->level) ? 0 : 1,
                 p->point);
    snprintf(out, DK_PAGE_NUM, "%s%%", n);
    return out;
}

static void heading(dk_page *p, const dk_fit_report *rep, const dk_fit_result *r)
{
    const dk_fit_data *d = rep->d;
    char h[400];
    if (d->by_name)
        snprintf(h, sizeof h, dk_s(p->lang, DKS_FIT_SUBSET), d->out_name[r->x.outcome], d->by_name,
                 d->by_lev[r->x.by]);
    else
        snprintf(h, sizeof h, "%s", d->out_name[r->x.outcome]);
    dk_html_elem(&p->h, "h2", h, NULL);
    dk_buf f = { 0 }, line = { 0 };
    dk_fit_formula(d, r->x.outcome, NULL, &f);
    dk_buf_printf(&line, dk_s(p->lang, DKS_FIT_FORMULA), f.data ? f.data : "");
    dk_page_para(p, "meta", line.data);
    dk_buf_free(&f);
    dk_buf_free(&line);
}

static void fixed_chart(dk_page *p, const dk_fit_report *rep, const dk_fit_result *r,
                        dk_chart_item *it, char (*notes)[DK_PAGE_NUM])
{
    dk_lang l = p->lang;
    const dk_fit_data *d = rep->d;
    int n = 0, top = -1;
    for (int i = 1; i < r->f.p; i++) {     /* without the intercept: another scale */
        it[n] = (dk_chart_item){ r->x.names[i], r->f.beta[i], r->ci.lower[i], r->ci.upper[i], 0,
                                 dk_page_num(p, notes[n], r->f.beta[i], 3) };
        if (top < 0 || fabs(r->f.beta[i]) > fabs(it[top].value))
            top = n;
        n++;
    }
    if (n == 0)
        return;
    it[top].mark = 1;
    dk_buf refs = { 0 };
    for (int f = 0; f < d->nfac; f++)
        dk_buf_printf(&refs, "%s%s=%s", f ? ", " : "", d->fac[f].name, d->fac[f].lev[r->x.ref[f]]);
    char title[600], how[900], lv[DK_PAGE_NUM], range[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_FIT_FIX_TITLE), d->out_name[r->x.outcome],
             it[top].label, notes[top], level_text(p, rep, lv),
             dk_page_range(p, range, it[top].lo, it[top].hi, 3, 0));
    snprintf(how, sizeof how, dk_s(l, DKS_FIT_FIX_HOW), refs.data ? refs.data : "");
    dk_buf_free(&refs);
    dk_chart c = dk_page_chart(p, title, how, dk_s(l, DKS_AX_EFFECT), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_forest(&p->h, &c, &x, it, n, 0);
}

static void variance_chart(dk_page *p, const dk_fit_report *rep, const dk_fit_result *r)
{
    dk_lang l = p->lang;
    char between[300], notes[2][DK_PAGE_NUM], a[DK_PAGE_NUM], b[DK_PAGE_NUM], c2[DK_PAGE_NUM];
    snprintf(between, sizeof between, dk_s(l, DKS_FIT_H_BETWEEN), rep->d->group_col);
    double sg = sqrt(r->f.var_group), sr = sqrt(r->f.var_resid);
    dk_chart_item it[2] = {
        { between, sg, r->ci.sd_group[0], r->ci.sd_group[1], 0, dk_page_num(p, notes[0], sg, 3) },
        { dk_s(l, DKS_FIT_H_WITHIN), sr, r->ci.sd_resid[0], r->ci.sd_resid[1], 0,
          dk_page_num(p, notes[1], sr, 3) },
    };
    char title[600];
    snprintf(title, sizeof title, dk_s(l, DKS_FIT_VAR_TITLE), dk_page_num(p, a, sg, 2),
             dk_page_num(p, b, sr, 2), dk_page_num(p, c2, r->ci.icc, 2));
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_FIT_VAR_HOW), dk_s(l, DKS_AX_SD), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_bars(&p->h, &c, &x, it, 2);
}

/* The parameters this fit estimates against the model's, both as
 * differences from the model's value. */
static void model_chart(dk_page *p, const dk_fit_report *rep, const dk_fit_result *r,
                        const dk_model *m)
{
    dk_lang l = p->lang;
    dk_fit_estimates est;
    dk_err e = DK_ERR_IN(0);
    if (dk_fit_estimates_of(m, rep->d, r, &est, &e) != 0) {
        char text[900];
        snprintf(text, sizeof text, dk_s(l, DKS_FIT_MODEL_NONE), e.msg);
        dk_page_para(p, "note", text);
        return;
    }
    dk_chart_item *it = dk_calloc((size_t)(2 * est.n) + 1, sizeof *it);
    char (*notes)[DK_PAGE_NUM] = dk_calloc((size_t)est.n + 1, sizeof *notes);
    int outside = 0;
    for (int j = 0; it && notes && j < est.n; j++) {
        const dk_param *q = dk_model_param(m, (size_t)est.param[j]);
        double se = sqrt(est.cov[j * est.n + j]), v = est.value[j] - q->value;
        outside += est.value[j] < q->lo || est.value[j] > q->hi;
        it[2 * j] = (dk_chart_item){ q->name, v, v - 1.645 * se, v + 1.645 * se, 1,
                                     dk_page_num(p, notes[j], est.value[j], 3) };
        it[2 * j + 1] = (dk_chart_item){ "", 0, q->lo - q->value, q->hi - q->value, 2, NULL };
    }
    if (it && notes && est.n > 0) {
        char title[400];
        snprintf(title, sizeof title, dk_s(l, DKS_FIT_MODEL_TITLE), outside, est.n);
        dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_FIT_MODEL_HOW), dk_s(l, DKS_AX_VS_MODEL),
                                   NULL);
        dk_axis x = { 0, 0, 1, NULL };
        dk_chart_forest(&p->h, &c, &x, it, 2 * est.n, 0);
    }
    dk_free(it);
    dk_free(notes);
    dk_fit_estimates_free(&est);
}

static void fixed_table(dk_page *p, const dk_fit_result *r)
{
    char h[6][DK_LABEL];
    const char *head[6];
    dk_split_labels(dk_s(p->lang, DKS_FIT_T_HEAD), h, 6);
    for (int k = 0; k < 6; k++)
        head[k] = h[k];
    dk_html_table_begin(&p->h, head, 6);
    for (int i = 0; i < r->f.p; i++) {
        char cell[6][DK_PAGE_NUM];
        const char *row[6] = { r->x.names[i], cell[1], cell[2], cell[3], cell[4], cell[5] };
        dk_page_num(p, cell[1], r->f.beta[i], 4);
        dk_page_num(p, cell[2], r->f.se[i], 4);
        dk_page_num(p, cell[3], r->f.beta[i] / r->f.se[i], 2);
        dk_page_num(p, cell[4], r->ci.lower[i], 4);
        dk_page_num(p, cell[5], r->ci.upper[i], 4);
        dk_html_row(&p->h, row, 6);
    }
    dk_html_table_end(&p->h);
}

void dk_fit_page(const dk_fit_report *rep, const dk_model *m, dk_lang l, dk_buf *b)
{
    const dk_fit_data *d = rep->d;
    dk_page p;
    p.point = dk_language_get(l)->point;
    char title[400], meta[600], lv[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_FIT_TITLE), d->path);
    snprintf(meta, sizeof meta, dk_s(l, DKS_FIT_META), d->rows_read, d->rows_no_outcome,
             level_text(&p, rep, lv));
    /* the fit draws nothing at random: the data are its whole input */
    if (m)
        snprintf(p.source, sizeof p.source, dk_s(l, DKS_FIT_SOURCE), d->path, dk_model_id(m));
    else
        snprintf(p.source, sizeof p.source, dk_s(l, DKS_FIT_SOURCE_DATA), d->path);
    dk_page_begin(&p, b, l, title, meta);
    int most = 1;
    for (int k = 0; k < rep->nfit; k++)
        most = rep->r[k].f.p > most ? rep->r[k].f.p : most;
    dk_chart_item *it = dk_calloc((size_t)most, sizeof *it);
    char (*notes)[DK_PAGE_NUM] = dk_calloc((size_t)most, sizeof *notes);
    for (int k = 0; it && notes && k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        heading(&p, rep, r);
        fixed_chart(&p, rep, r, it, notes);
        variance_chart(&p, rep, r);
        if (m)
            model_chart(&p, rep, r, m);
        fixed_table(&p, r);
    }
    dk_free(it);
    dk_free(notes);
    dk_html_elem(&p.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&p, NULL, dk_s(l, DKS_FIT_ABOUT));
    dk_page_end(&p);
}
