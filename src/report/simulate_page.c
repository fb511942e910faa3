/*
 * simulate_page.c -- the HTML report of `simulate`: per school, population
 * and in all, how the teachers' answers spread over the aspects of their
 * work, their strong need per form of support and what it adds up to in
 * FTE; per school the classes as a heat map, the classes where it is
 * hardest, and the class table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"

/* The outcome in [from, to) where key is largest (smallest when low). */
static int extreme(const dk_sim_result *r, int u, int from, int to, int need, int low)
{
    int best = from;
    for (int o = from; o < to; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o), *b = dk_sim_stat(r, u, best);
        double v = need ? s->ge4 : s->le2, w = need ? b->ge4 : b->le2;
        if (low ? v < w : v > w)
            best = o;
    }
    return best;
}

static int most_fte(const dk_sim_result *r, int u)
{
    int best = DK_NASPECT;
    for (int o = DK_NASPECT; o < DK_NOUTCOME; o++)
        if (dk_sim_stat(r, u, o)->fte > dk_sim_stat(r, u, best)->fte)
            best = o;
    return best;
}

static void lead(dk_page *p, const dk_sim_result *r, int u)
{
    char a[DK_PAGE_NUM], b[DK_PAGE_NUM], c[DK_PAGE_NUM], text[600];
    int hard = extreme(r, u, 0, DK_NASPECT, 0, 0), need = extreme(r, u, DK_NASPECT, DK_NOUTCOME, 1, 0);
    const dk_unit_stat *h = dk_sim_stat(r, u, hard), *n = dk_sim_stat(r, u, need);
    snprintf(text, sizeof text, dk_s(p->lang, DKS_SIM_LEAD_CAP), dk_outcome_text(p->lang, hard),
             dk_page_pct(p, a, h->le2), dk_page_range(p, b, h->le2_lo, h->le2_hi, 0, 1));
    dk_page_para(p, "lead", text);
    snprintf(text, sizeof text, dk_s(p->lang, DKS_SIM_LEAD_NEED), dk_outcome_text(p->lang, need),
             dk_page_pct(p, a, n->ge4), dk_page_num(p, b, n->fte, 1),
             dk_page_range(p, c, n->fte_lo, n->fte_hi, 1, 0));
    dk_page_para(p, "lead", text);
}

/* The answers of a unit's teachers over 1..5 (without the detail, which
 * a class has not: <= 2, 3 and >= 4): the aspects (need 0) or the demand
 * forms (need 1). */
static void answers_chart(dk_page *p, const dk_sim_result *r, int u, int need)
{
    dk_lang l = p->lang;
    int from = need ? DK_NASPECT : 0, to = need ? DK_NOUTCOME : DK_NASPECT;
    int five = isfinite(dk_sim_stat(r, u, from)->le1);
    dk_chart_dist rows[DK_NOUTCOME];
    char notes[DK_NOUTCOME][2 * DK_PAGE_NUM + 4];
    for (int o = from; o < to; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o);
        char a[DK_PAGE_NUM], b[DK_PAGE_NUM];
        double bad = need ? s->ge4 : s->le2, lo = need ? s->ge4_lo : s->le2_lo,
               hi = need ? s->ge4_hi : s->le2_hi, mid = 1 - s->le2 - s->ge4;
        snprintf(notes[o - from], sizeof notes[0], "%s (%s)", dk_page_pct(p, a, bad),
                 dk_page_range(p, b, lo, hi, 0, 1));
        dk_chart_dist *d = &rows[o - from];
        *d = (dk_chart_dist){ dk_outcome_text(l, o), { s->le2, mid, s->ge4, 0, 0 }, lo, hi,
                              notes[o - from] };
        if (five)
            memcpy(d->share, (double[5]){ s->le1, s->le2 - s->le1, mid, s->ge4 - s->ge5, s->ge5 },
                   sizeof d->share);
    }
    const char *cat3[3] = {
        dk_s(l, need ? DKS_GRP_LE2_NEED : DKS_GRP_LE2_CAP),
        dk_s(l, need ? DKS_GRP_3_NEED : DKS_GRP_3_CAP),
        dk_s(l, need ? DKS_GRP_GE4_NEED : DKS_GRP_GE4_CAP)
    };
    const char *cat5[5] = { dk_s(l, need ? DKS_ANS1_NEED : DKS_ANS1_CAP), "2", "3", "4",
                            dk_s(l, need ? DKS_ANS5_NEED : DKS_ANS5_CAP) };
    char title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
    int top = extreme(r, u, from, to, need, 0), low = extreme(r, u, from, to, need, 1);
    if (need)
        snprintf(title, sizeof title, dk_s(l, DKS_NEED_TITLE), dk_outcome_text(l, top),
                 dk_page_pct(p, a, dk_sim_stat(r, u, top)->ge4));
    else
        snprintf(title, sizeof title, dk_s(l, DKS_CAP_TITLE), dk_outcome_text(l, top),
                 dk_page_pct(p, a, dk_sim_stat(r, u, top)->le2), dk_outcome_text(l, low),
                 dk_page_pct(p, b, dk_sim_stat(r, u, low)->le2));
    dk_chart c = dk_page_chart(p, title, dk_s(l, need ? DKS_SIM_NEED_HOW : DKS_SIM_CAP_HOW),
                               dk_s(l, DKS_AX_TEACHERS), NULL);
    dk_chart_stacked(&p->h, &c, five ? cat5 : cat3, five ? 5 : 3, need, rows, to - from);
}

static void fte_chart(dk_page *p, const dk_sim_result *r, int u)
{
    dk_lang l = p->lang;
    dk_chart_item it[DK_NNEED];
    char notes[DK_NNEED][DK_PAGE_NUM], title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
    int top = most_fte(r, u);
    for (int f = 0; f < DK_NNEED; f++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, DK_NASPECT + f);
        dk_page_num(p, notes[f], s->fte, 2);
        it[f] = (dk_chart_item){ dk_outcome_text(l, DK_NASPECT + f), s->fte, s->fte_lo, s->fte_hi,
                                 DK_NASPECT + f == top, notes[f] };
    }
    const dk_unit_stat *t = dk_sim_stat(r, u, top);
    snprintf(title, sizeof title, dk_s(l, DKS_SIM_FTE_TITLE), dk_outcome_text(l, top),
             dk_page_num(p, a, t->fte, 1), dk_page_range(p, b, t->fte_lo, t->fte_hi, 1, 0));
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_SIM_FTE_HOW), dk_s(l, DKS_AX_FTE), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_bars(&p->h, &c, &x, it, DK_NNEED);
}

/* Class x aspect means; the lowest cell named in the title. */
static void heat_chart(dk_page *p, const dk_scenario *sc, const dk_sim_result *r,
                       const dk_scn_school *s, const char **names, double *v)
{
    dk_lang l = p->lang;
    const char *cols[DK_NASPECT];
    int lo = 0;
    for (int o = 0; o < DK_NASPECT; o++)
        cols[o] = dk_outcome_text(l, o);
    for (int i = 0; i < s->nclass; i++) {
        names[i] = sc->classes[s->first + i].name;
        for (int o = 0; o < DK_NASPECT; o++) {
            v[i * DK_NASPECT + o] = dk_sim_stat(r, s->first + i, o)->mean;
            if (v[i * DK_NASPECT + o] < v[lo])
                lo = i * DK_NASPECT + o;
        }
    }
    char title[400], a[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_SIM_HEAT_TITLE), dk_outcome_text(l, lo % DK_NASPECT),
             names[lo / DK_NASPECT], dk_page_num(p, a, v[lo], 2));
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_SIM_HEAT_HOW), dk_s(l, DKS_AX_MEAN),
                               dk_s(l, DKS_SIM_HEAT_ROWS));
    dk_heat m = { names, s->nclass, cols, DK_NASPECT, v, 1, 5, 1, 2 };
    dk_chart_heat(&p->h, &c, &m);
}

/* The school's classes by their share at <= 2 on its hardest aspect. */
static void class_chart(dk_page *p, const dk_scenario *sc, const dk_sim_result *r,
                        const dk_scn_school *s, int unit, int *order, dk_chart_item *it,
                        char (*notes)[DK_PAGE_NUM])
{
    dk_lang l = p->lang;
    int o = extreme(r, unit, 0, DK_NASPECT, 0, 0);
    for (int i = 0; i < s->nclass; i++) {
        order[i] = s->first + i;
        for (int j = i; j > 0 && dk_sim_stat(r, order[j], o)->le2 >
                                 dk_sim_stat(r, order[j - 1], o)->le2; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    for (int i = 0; i < s->nclass; i++) {
        const dk_unit_stat *x = dk_sim_stat(r, order[i], o);
        /* no interval: with one teacher per class it spans 0..100 % */
        it[i] = (dk_chart_item){ sc->classes[order[i]].name, x->le2, NAN, NAN, i == 0,
                                 dk_page_pct(p, notes[i], x->le2) };
    }
    char title[400], a[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_SIM_CLASS_TITLE), dk_outcome_text(l, o),
             sc->classes[order[0]].name, dk_page_pct(p, a, dk_sim_stat(r, order[0], o)->le2));
    dk_chart c = dk_page_chart(p, title, dk_s(l, DKS_SIM_CLASS_HOW), dk_s(l, DKS_AX_TEACHERS), NULL);
    dk_axis x = { 0, 1, 100, "%" };
    dk_chart_bars(&p->h, &c, &x, it, s->nclass);
}

/* How a population's classes spread over the expected rating of its
 * hardest aspect: the share of classes whose typical teacher would
 * answer 1 or 2 (below 2.5) in the title. */
static void spread_chart(dk_page *p, const dk_sim_result *r, int k, int unit)
{
    dk_lang l = p->lang;
    int o = extreme(r, unit, 0, DK_NASPECT, 0, 0);
    const double *h = dk_sim_classes(r, k, o);
    double below = 0;
    for (int b = 0; b < DK_SIM_BINS; b++)
        if (1 + (b + 1) * DK_SIM_BIN_WIDTH <= DK_CUT_LE2 + 1e-9)
            below += h[b];
    char title[400], a[DK_PAGE_NUM], how[900], w[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_SIM_SPREAD_TITLE), dk_outcome_text(l, o),
             dk_page_pct(p, a, below));
    snprintf(how, sizeof how, dk_s(l, DKS_SIM_SPREAD_HOW), dk_page_num(p, w, DK_SIM_BIN_WIDTH, 2));
    dk_chart c = dk_page_chart(p, title, how, dk_s(l, DKS_AX_MEAN), dk_s(l, DKS_AX_CLASSES));
    dk_axis x = { 1, 5, 1, NULL };
    dk_hist d = { 1, DK_SIM_BIN_WIDTH, h, DK_SIM_BINS, DK_CUT_LE2, 1 };
    dk_chart_hist(&p->h, &c, &x, &d);
}

/* The classes' input and the two numbers the table of the terminal
 * shows too; the aspects' means are in the heat map. */
static void class_table(dk_page *p, const dk_scenario *sc, const dk_sim_result *r,
                        const dk_scn_school *s)
{
    dk_lang l = p->lang;
    const char *head[7] = { dk_s(l, DKS_H_CLASS), dk_s(l, DKS_SIM_H_PUPILS), dk_s(l, DKS_SIM_H_OB),
                            dk_s(l, DKS_SIM_H_HEAVY), dk_s(l, DKS_SIM_H_SUPPORT),
                            dk_s(l, DKS_SIM_H_TAILOR_LE2), dk_s(l, DKS_SIM_H_ASSIST_GE4) };
    dk_html_elem(&p->h, "h3", dk_s(l, DKS_SIM_CLASS_TABLE), NULL);
    dk_html_table_begin(&p->h, head, 7);
    for (int i = s->first; i < s->first + s->nclass; i++) {
        const dk_class *c = &sc->classes[i].c;
        char cell[7][DK_PAGE_NUM + 112];
        const char *row[7];
        snprintf(cell[0], sizeof cell[0], "%s", sc->classes[i].name);
        dk_page_num(p, cell[1], c->class_size, 0);
        dk_page_num(p, cell[2], c->ob, 0);
        dk_page_num(p, cell[3], c->heavy, 0);
        dk_support_list(l, c->support, cell[4], sizeof cell[4]);
        dk_page_pct(p, cell[5], dk_sim_stat(r, i, DK_TAILOR)->le2);
        dk_page_pct(p, cell[6], dk_sim_stat(r, i, DK_OUTCOME_NEED(DK_NEED_ASSISTANT))->ge4);
        for (int k = 0; k < 7; k++)
            row[k] = cell[k];
        dk_html_row(&p->h, row, 7);
    }
    dk_html_table_end(&p->h);
}

/* One school, population or the total: heading, findings, charts. */
static void unit_section(dk_page *p, const dk_sim_result *r, int u, const char *heading)
{
    dk_html_elem(&p->h, "h2", heading, NULL);
    lead(p, r, u);
    answers_chart(p, r, u, 0);
    answers_chart(p, r, u, 1);
    fte_chart(p, r, u);
}

static void school_section(dk_page *p, const dk_scenario *sc, const dk_sim_result *r, int k)
{
    const dk_scn_school *s = &sc->schools[k];
    char heading[300], n[64];
    snprintf(heading, sizeof heading, dk_s(p->lang, DKS_SIM_SCHOOL), s->name,
             dk_sector_name(s->sector), dk_plural(p->lang, DKS_N_CLASS, s->nclass, n, sizeof n));
    unit_section(p, r, r->nclass + k, heading);
    const char **names = dk_calloc((size_t)s->nclass, sizeof *names);
    double *v = dk_calloc((size_t)s->nclass * DK_NASPECT, sizeof *v);
    int *order = dk_calloc((size_t)s->nclass, sizeof *order);
    dk_chart_item *it = dk_calloc((size_t)s->nclass, sizeof *it);
    char (*notes)[DK_PAGE_NUM] = dk_calloc((size_t)s->nclass, sizeof *notes);
    if (names && v && order && it && notes) {
        heat_chart(p, sc, r, s, names, v);
        class_chart(p, sc, r, s, r->nclass + k, order, it, notes);
    } else {
        p->h.b->oom = 1;    /* a page without its charts is not written */
    }
    dk_free(names);
    dk_free(v);
    dk_free(order);
    dk_free(it);
    dk_free(notes);
    class_table(p, sc, r, s);
}

void dk_simulate_page(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                      const dk_buf *warnings, dk_lang l, dk_buf *b)
{
    dk_page p;
    char title[300], meta[600], n1[64], n2[64], path[300];
    if (sc->nschool == 1 && sc->npop == 0)
        snprintf(title, sizeof title, dk_s(l, DKS_SIM_TITLE_SCHOOL), sc->schools[0].name);
    else
        snprintf(title, sizeof title, dk_s(l, DKS_SIM_TITLE),
                 dk_scenario_label(l, sc, path, sizeof path));
    snprintf(meta, sizeof meta, dk_s(l, DKS_SIM_HEAD), dk_scenario_label(l, sc, path, sizeof path),
             dk_plural(l, DKS_N_SCHOOL, sc->nschool, n1, sizeof n1),
             dk_plural(l, DKS_N_POP, sc->npop, n2, sizeof n2), dk_model_id(m), sc->replicates, sc->seed);
    meta[strcspn(meta, "\n")] = '\0';
    snprintf(p.source, sizeof p.source, dk_s(l, DKS_SOURCE), dk_model_id(m), sc->seed, sc->replicates);
    dk_page_begin(&p, b, l, title, meta);
    dk_page_basis(&p, m);
    dk_page_warnings(&p, warnings);
    for (int k = 0; k < sc->nschool; k++)
        school_section(&p, sc, r, k);
    for (int k = 0; k < sc->npop; k++) {
        const dk_scn_population *q = &sc->pops[k];
        char heading[400];
        snprintf(heading, sizeof heading, dk_s(l, DKS_SIM_POP), q->name,
                 dk_pop_kind(l, &q->spec, n1, sizeof n1), q->classes,
                 q->spec.as_now ? dk_s(l, DKS_SIM_POP_ASNOW) : "");
        unit_section(&p, r, r->nclass + r->nschool + k, heading);
        if (r->classes)
            spread_chart(&p, r, k, r->nclass + r->nschool + k);
    }
    if (sc->nschool + sc->npop > 1) {
        char heading[200];
        snprintf(heading, sizeof heading, dk_s(l, DKS_SIM_ALL), sc->nschool, sc->npop);
        unit_section(&p, r, r->nunit - 1, heading);
    }
    dk_html_elem(&p.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&p, NULL, dk_s(l, DKS_SIM_ABOUT));
    dk_page_end(&p);
}
