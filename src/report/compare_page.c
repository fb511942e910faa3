/*
 * compare_page.c -- the HTML report of `compare`: each variant's change
 * against the baseline with its interval (a forest plot), cost against
 * effect, how often each is the best, and what each variant does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"

/* The aspect the charts show: the criterion's, else tailor. */
static int chart_aspect(const dk_cmp_report *rp)
{
    int a = rp->sc->compare.crit_aspect;
    return a >= 0 ? a : DK_TAILOR;
}

/* "-3.2" for a change in a share, in percentage points. */
static const char *pp(const dk_page *p, char *out, double share)
{
    char n[24];
    dk_chart_num(n, sizeof n, 100 * share, 1, p->point);
    snprintf(out, DK_PAGE_NUM, "%s%s", share > 0 ? "+" : "", n);
    return out;
}

static void forest(dk_page *p, const dk_cmp_report *rp, dk_chart_item *it, char (*notes)[DK_PAGE_NUM])
{
    dk_lang l = p->lang;
    const dk_cmp_result *r = rp->r;
    int a = chart_aspect(rp), n = r->nvariant - 1, best = -1;
    for (int k = 0; k < n; k++) {
        int v = r->rank[k];
        const dk_cmp_interval *x = dk_cmp_delta(r, v, DK_CS_LE2 + a);
        if (x->mean < 0 && (best < 0 || x->mean < dk_cmp_delta(r, best, DK_CS_LE2 + a)->mean))
            best = v;
        it[k] = (dk_chart_item){ dk_cmp_variant_label(rp, v, l), 100 * x->mean, 100 * x->lo,
                                 100 * x->hi, 0, pp(p, notes[k], x->mean) };
    }
    char title[600], a1[DK_PAGE_NUM];
    if (best >= 0) {
        const dk_cmp_interval *x = dk_cmp_delta(r, best, DK_CS_LE2 + a);
        for (int k = 0; k < n; k++)
            it[k].mark = r->rank[k] == best;
        char range[DK_PAGE_NUM];
        dk_page_range(p, range, 100 * x->lo, 100 * x->hi, 1, 0);
        snprintf(title, sizeof title, dk_s(l, DKS_CMP_FOREST_TITLE), dk_cmp_variant_label(rp, best, l),
                 dk_outcome_text(l, a), pp(p, a1, x->mean), range);
    } else {
        snprintf(title, sizeof title, dk_s(l, DKS_CMP_FOREST_NONE), dk_outcome_text(l, a));
    }
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_CMP_FOREST_HOW), dk_s(l, DKS_AX_PP), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_forest(&p->h, &c, &x, it, n, 0);
}

static void plane(dk_page *p, const dk_cmp_report *rp, dk_chart_point *pt)
{
    dk_lang l = p->lang;
    const dk_cmp_result *r = rp->r;
    int a = chart_aspect(rp), n = r->nvariant - 1, cheap = -1;
    int ce = a == DK_INSTRUCTION ? DK_CE_INSTRUCTION : DK_CE_TAILOR;
    for (int k = 0; k < n; k++) {
        int v = r->rank[k];
        const dk_cmp_interval *c = dk_cmp_delta(r, v, DK_CS_COST_FTE);
        const dk_cmp_interval *e = dk_cmp_delta(r, v, DK_CS_LE2 + a);
        double per = r->ce[v * DK_NCE + ce].mean;
        if (a != DK_TAILOR && a != DK_INSTRUCTION)
            per = NAN;
        if (isfinite(per) && per > 0 && (cheap < 0 || per < r->ce[cheap * DK_NCE + ce].mean))
            cheap = v;
        pt[k] = (dk_chart_point){ dk_cmp_variant_label(rp, v, l), c->mean, 100 * e->mean, c->lo, c->hi,
                                  100 * e->lo, 100 * e->hi, 0 };
    }
    char title[600], num[DK_PAGE_NUM];
    if (cheap >= 0) {
        for (int k = 0; k < n; k++)
            pt[k].mark = r->rank[k] == cheap;
        snprintf(title, sizeof title, dk_s(l, DKS_CMP_CE_TITLE), dk_cmp_variant_label(rp, cheap, l),
                 dk_page_num(p, num, r->ce[cheap * DK_NCE + ce].mean, 2));
    } else {
        snprintf(title, sizeof title, "%s", dk_s(l, DKS_CMP_CE_NONE));
    }
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_CMP_CE_HOW), dk_s(l, DKS_AX_COST),
                               dk_s(l, DKS_AX_PP));
    dk_axis x = { 0, 0, 1, NULL }, y = { 0, 0, 1, NULL };
    dk_chart_scatter(&p->h, &c, &x, &y, pt, n, 1, 1);
}

static void p_best(dk_page *p, const dk_cmp_report *rp, dk_chart_item *it, char (*notes)[DK_PAGE_NUM],
                   const char *crit)
{
    dk_lang l = p->lang;
    const dk_cmp_result *r = rp->r;
    int n = r->nvariant - 1;
    for (int k = 0; k < n; k++) {
        int v = r->rank[k];
        it[k] = (dk_chart_item){ dk_cmp_variant_label(rp, v, l), r->p_best[v], NAN, NAN, k == 0,
                                 dk_page_pct(p, notes[k], r->p_best[v]) };
    }
    char title[600], how[800], num[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_CMP_PBEST_TITLE), dk_cmp_variant_label(rp, r->rank[0], l),
             dk_page_pct(p, num, r->p_best[r->rank[0]]));
    snprintf(how, sizeof how, dk_s(l, DKS_CMP_PBEST_HOW), crit);
    dk_chart c = dk_page_chart(p, title, how, dk_s(l, DKS_AX_PBEST), NULL);
    dk_axis x = { 0, 1, 100, "%" };
    dk_chart_bars(&p->h, &c, &x, it, n);
}

static void variants_table(dk_page *p, const dk_cmp_report *rp)
{
    dk_lang l = p->lang;
    const dk_cmp_result *r = rp->r;
    char h[5][DK_LABEL];
    const char *head[5];
    dk_split_labels(dk_s(l, DKS_CMP_H), h, 5);
    for (int k = 0; k < 5; k++)
        head[k] = h[k];
    dk_html_elem(&p->h, "h2", dk_s(l, DKS_CMP_TABLE), NULL);
    dk_html_table_begin(&p->h, head, 5);
    for (int k = 0; k < r->nvariant - 1; k++) {
        int v = r->rank[k];
        char cell[5][3 * DK_PAGE_NUM + 8], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
        const char *row[5] = { dk_cmp_variant_label(rp, v, l), cell[1], cell[2], cell[3], cell[4] };
        const dk_cmp_interval *c = dk_cmp_delta(r, v, DK_CS_COST_FTE);
        snprintf(cell[1], sizeof cell[1], "%s (%s)", dk_page_num(p, a, c->mean, 1),
                 dk_page_range(p, b, c->lo, c->hi, 1, 0));
        for (int j = 0; j < 2; j++) {
            const dk_cmp_interval *x = dk_cmp_delta(r, v, DK_CS_LE2 + (j ? DK_INSTRUCTION : DK_TAILOR));
            snprintf(cell[2 + j], sizeof cell[2], "%s (%s)", pp(p, a, x->mean),
                     dk_page_range(p, b, 100 * x->lo, 100 * x->hi, 1, 0));
        }
        const dk_cmp_interval *ce = &r->ce[v * DK_NCE + DK_CE_TAILOR];
        if (isnan(ce->mean))
            snprintf(cell[4], sizeof cell[4], "%s", dk_s(l, DKS_NA));
        else if (isnan(ce->lo))
            dk_page_num(p, cell[4], ce->mean, 1);
        else
            snprintf(cell[4], sizeof cell[4], "%s (%s)", dk_page_num(p, a, ce->mean, 1),
                     dk_page_range(p, b, ce->lo, ce->hi, 1, 0));
        dk_html_row(&p->h, row, 5);
    }
    dk_html_table_end(&p->h);
}

static void rules(dk_page *p, const dk_cmp_report *rp)
{
    const dk_scenario *sc = rp->sc;
    dk_html_elem(&p->h, "h2", dk_s(p->lang, DKS_CMP_RULES), NULL);
    if (!rp->r->given && sc->nclass) {
        char note[300];
        snprintf(note, sizeof note, dk_s(p->lang, DKS_CMP_NOT_NAMED), DK_CMP_MAX_NAMED, sc->nclass);
        note[strcspn(note, "\n")] = '\0';
        dk_page_para(p, "note", note);
    }
    for (int v = 0; v < sc->compare.nvariant; v++) {
        const dk_scn_variant *var = &sc->compare.variants[v];
        dk_html_elem(&p->h, "h3", dk_cmp_variant_label(rp, v + 1, p->lang), NULL);
        dk_html_open(&p->h, "ul", NULL);
        for (int i = 0; i < var->nrule; i++) {
            char text[400];
            dk_cmp_rule_text(rp->m, sc, &var->rule[i], p->lang, text, sizeof text);
            dk_html_elem(&p->h, "li", text, NULL);
        }
        dk_html_close(&p->h, "ul");
        for (int f = DK_SUP_ASSISTANT; f < DK_SUP_FACILITY; f++) {
            dk_buf given = { 0 };
            dk_cmp_given_list(rp, v + 1, f, p->lang, 0, &given);
            if (given.oom)
                p->h.b->oom = 1;    /* the page would lack the line */
            else if (given.len)
                dk_html_elem(&p->h, "p", given.data, NULL);
            dk_buf_free(&given);
        }
    }
}

void dk_cmp_page(const dk_cmp_report *rp, dk_lang l, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    const dk_scenario *sc = rp->sc;
    dk_page p;
    p.point = dk_language_get(l)->point;
    char title[400], path[300], lead[900], num[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_CMP_TITLE), dk_scenario_label(l, sc, path, sizeof path));
    dk_buf facts = { 0 };
    dk_cmp_describe(rp, l, &facts);
    snprintf(p.source, sizeof p.source, dk_s(l, DKS_SOURCE), dk_model_id(rp->m), sc->seed, sc->replicates);
    dk_page_begin(&p, b, l, title, dk_buf_part(b, &facts));
    dk_page_basis(&p, rp->m);
    dk_page_warnings(&p, &rp->warnings->own);
    dk_buf_free(&facts);
    int n = r->nvariant - 1;
    const char *crit = dk_s(l, (dk_str)(DKS_CRIT_LE2 + (int)sc->compare.crit));
    if (n > 0) {
        snprintf(lead, sizeof lead, dk_s(l, DKS_CMP_LEAD), crit, dk_cmp_variant_label(rp, r->rank[0], l),
                 dk_page_pct(&p, num, r->p_best[r->rank[0]]));
        dk_page_para(&p, "lead", lead);
        dk_chart_item *it = dk_calloc((size_t)n, sizeof *it);
        dk_chart_point *pt = dk_calloc((size_t)n, sizeof *pt);
        char (*notes)[DK_PAGE_NUM] = dk_calloc((size_t)n, sizeof *notes);
        if (it && pt && notes) {
            forest(&p, rp, it, notes);
            plane(&p, rp, pt);
            p_best(&p, rp, it, notes, crit);
        } else {
            b->oom = 1;     /* a page without its charts is not written */
        }
        dk_free(it);
        dk_free(pt);
        dk_free(notes);
        variants_table(&p, rp);
    }
    rules(&p, rp);
    dk_html_elem(&p.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&p, NULL, dk_s(l, DKS_CMP_ABOUT));
    dk_page_end(&p);
}
