/*
 * plan_page.c -- the HTML report of `plan`: the best plans side by side
 * with their intervals, their gain against doing nothing, the budget
 * curve, and what each class gets.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"

/* Decimals of the objective: classes (hardly) need fewer. */
static int decimals(const dk_plan_report *r)
{
    return r->s.objective == DK_OBJ_HARDLY ? 2 : 3;
}

static const char *objective_axis(const dk_plan_report *r, dk_lang l)
{
    return dk_s(l, (dk_str)(DKS_AX_OBJ_MEAN + (int)r->s.objective));
}

/* Every plan's label, rank first: the charts' row names. */
static void row_labels(const dk_plan_report *r, dk_lang l, dk_buf *names, const char **at)
{
    size_t off[DK_PLAN_MAX_SHOWN + 1];
    for (int i = 0; i <= r->res.nplan; i++) {
        char rk[16];
        off[i] = names->len;
        dk_buf_printf(names, "%s: ", dk_plan_rank(r, i, l, rk));
        dk_plan_label(r, &r->res.plan[i], l, names);
        dk_buf_append(names, "", 1);
    }
    for (int i = 0; i <= r->res.nplan; i++)
        at[i] = names->oom ? "" : names->data + off[i];
}

static void plans_chart(dk_page *p, const dk_plan_report *r, const char **names)
{
    dk_lang l = p->lang;
    dk_chart_item it[DK_PLAN_MAX_SHOWN + 1];
    char notes[DK_PLAN_MAX_SHOWN + 1][DK_PAGE_NUM];
    for (int i = 0; i <= r->res.nplan; i++)
        it[i] = (dk_chart_item){ names[i], r->res.plan[i].value, r->res.det[i].lo, r->res.det[i].hi, i == 0,
                                 dk_page_num(p, notes[i], r->res.plan[i].value, decimals(r)) };
    char title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM], c[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_PLAN_PLANS_TITLE),
             dk_page_num(p, a, r->res.plan[0].value, decimals(r)),
             dk_page_range(p, b, r->res.det[0].lo, r->res.det[0].hi, decimals(r), 0),
             dk_page_num(p, c, r->res.plan[r->res.nplan].value, decimals(r)));
    dk_chart ch = dk_page_chart(p, title, dk_s(l, DKS_PLAN_PLANS_HOW), objective_axis(r, l), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_forest(&p->h, &ch, &x, it, r->res.nplan + 1, r->res.plan[r->res.nplan].value);
}

static void gain_chart(dk_page *p, const dk_plan_report *r, const char **names)
{
    dk_lang l = p->lang;
    dk_chart_item it[DK_PLAN_MAX_SHOWN];
    char notes[DK_PLAN_MAX_SHOWN][DK_PAGE_NUM];
    for (int i = 0; i < r->res.nplan; i++) {
        char v[24];
        dk_chart_num(v, sizeof v, r->res.delta[i][0], decimals(r), p->point);
        snprintf(notes[i], sizeof notes[i], "%s%s", r->res.delta[i][0] > 0 ? "+" : "", v);
        it[i] = (dk_chart_item){ names[i], r->res.delta[i][0], r->res.delta[i][1], r->res.delta[i][2], i == 0,
                                 notes[i] };
    }
    char title[400], b[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_PLAN_GAIN_TITLE), notes[0],
             dk_page_range(p, b, r->res.delta[0][1], r->res.delta[0][2], decimals(r), 0));
    dk_chart ch = dk_page_chart(p, title, dk_s(l, DKS_PLAN_GAIN_HOW), dk_s(l, (dk_str)(DKS_AX_GAIN_MEAN + (int)r->s.objective)), NULL);
    dk_axis x = { 0, 0, 1, NULL };
    dk_chart_forest(&p->h, &ch, &x, it, r->res.nplan, 0);
}

static void curve_chart(dk_page *p, const dk_plan_report *r)
{
    dk_lang l = p->lang;
    if (r->res.ncurve < 2)
        return;
    double *y = dk_malloc((size_t)r->res.ncurve * sizeof *y);
    if (!y) {
        p->h.b->oom = 1;    /* a page without its chart is not written */
        return;
    }
    for (int i = 0; i < r->res.ncurve; i++)
        y[i] = r->res.curve[i].value;
    char title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM], c[DK_PAGE_NUM], budget[DK_PAGE_NUM + 40];
    int last = r->res.ncurve - 1;
    dk_page_num(p, c, r->res.curve_budget[last], r->s.euro_budget ? 0 : 2);
    snprintf(budget, sizeof budget,
             dk_s(l, r->s.euro_budget ? DKS_PLAN_BUDGET_WORDS_EUR : DKS_PLAN_BUDGET_WORDS_FTE), c);
    snprintf(title, sizeof title, dk_s(l, DKS_PLAN_CURVE_TITLE),
             dk_page_num(p, a, y[0], decimals(r)), dk_page_num(p, b, y[last], decimals(r)), budget);
    dk_chart ch = dk_page_chart(p, title, dk_s(l, DKS_PLAN_CURVE_HOW),
                                dk_s(l, r->s.euro_budget ? DKS_AX_BUDGET_EUR : DKS_AX_BUDGET_FTE),
                                objective_axis(r, l));
    dk_chart_series s = { dk_s(l, DKS_PLAN_BEST), r->res.curve_budget, y, NULL, NULL, r->res.ncurve, 1 };
    dk_axis x = { 0, 0, 1, NULL }, yx = { 0, 0, 1, NULL };
    dk_chart_lines(&p->h, &ch, &x, &yx, &s, 1);
    dk_free(y);
}

static void plans_table(dk_page *p, const dk_plan_report *r)
{
    dk_lang l = p->lang;
    char h[6][DK_LABEL];
    const char *head[6];
    dk_split_labels(dk_s(l, DKS_PLAN_H), h, 6);
    int n = 0;
    for (int k = 0; k < 6; k++)
        if (k != 2 || r->euros)
            head[n++] = h[k];
    dk_html_elem(&p->h, "h2", dk_s(l, DKS_PLAN_TABLE_HEAD), NULL);
    dk_html_table_begin(&p->h, head, n);
    for (int i = 0; i <= r->res.nplan; i++) {
        char cell[6][2 * DK_PAGE_NUM + 8], rk[16];
        dk_buf what = { 0 };
        const char *row[6];
        int k = 0;
        dk_plan_label(r, &r->res.plan[i], l, &what);
        row[k++] = dk_plan_rank(r, i, l, rk);
        row[k++] = dk_page_num(p, cell[1], r->res.plan[i].cost, 2);
        if (r->euros)
            row[k++] = dk_page_num(p, cell[2], r->res.plan[i].euro, 0);
        char a[DK_PAGE_NUM], b[DK_PAGE_NUM];
        snprintf(cell[3], sizeof cell[3], "%s (%s)", dk_page_num(p, a, r->res.plan[i].value, decimals(r)),
                 dk_page_range(p, b, r->res.det[i].lo, r->res.det[i].hi, decimals(r), 0));
        row[k++] = cell[3];
        if (i < r->res.nplan)
            snprintf(cell[4], sizeof cell[4], "%s%s (%s)", r->res.delta[i][0] > 0 ? "+" : "",
                     dk_page_num(p, a, r->res.delta[i][0], decimals(r)),
                     dk_page_range(p, b, r->res.delta[i][1], r->res.delta[i][2], decimals(r), 0));
        else
            snprintf(cell[4], sizeof cell[4], "\xe2\x80\x93");
        row[k++] = cell[4];
        row[k++] = dk_buf_part(p->h.b, &what);
        dk_html_row(&p->h, row, k);
        dk_buf_free(&what);
    }
    dk_html_table_end(&p->h);
}

/* A class's capability under plan i: the mean over the objective's aspects. */
static double class_mean(const dk_plan_report *r, int i, int c)
{
    const dk_plan_detail *d = &r->res.det[i];
    if (r->s.aspect >= 0)
        return d->cell[c * DK_NOUTCOME + r->s.aspect].mean;
    double sum = 0;
    for (int o = 0; o < DK_NASPECT; o++)
        sum += d->cell[c * DK_NOUTCOME + o].mean;
    return sum / DK_NASPECT;
}

static void classes_chart(dk_page *p, const dk_plan_report *r, dk_chart_item *it, char (*notes)[48])
{
    dk_lang l = p->lang;
    int n = r->res.who.nclass, low = 0;
    for (int c = 0; c < n; c++) {
        int f = r->res.plan[0].form[c];
        double v = class_mean(r, 0, c);
        low = v < class_mean(r, 0, low) ? c : low;
        snprintf(notes[c], 48, "%s", f ? dk_support_text(l, f) : "\xe2\x80\x93");
        it[c] = (dk_chart_item){ r->res.who.cls[c]->name, v, NAN, NAN, 0, notes[c] };
    }
    it[low].mark = 1;
    char title[400], a[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_PLAN_CLASSES_TITLE), it[low].label,
             dk_page_num(p, a, it[low].value, 2));
    dk_chart ch = dk_page_chart(p, title, dk_s(l, DKS_PLAN_CLASSES_HOW), dk_s(l, DKS_AX_MEAN), NULL);
    dk_axis x = { 1, 5, 1, NULL };
    dk_chart_bars(&p->h, &ch, &x, it, n);
}

/* A heading and a table of six columns, their labels '|'-separated. */
static void table6(dk_page *p, dk_str title, dk_str labels)
{
    char h[6][DK_LABEL];
    const char *head[6];
    dk_split_labels(dk_s(p->lang, labels), h, 6);
    for (int k = 0; k < 6; k++)
        head[k] = h[k];
    dk_html_elem(&p->h, "h2", dk_s(p->lang, title), NULL);
    dk_html_table_begin(&p->h, head, 6);
}

static void classes_table(dk_page *p, const dk_plan_report *r)
{
    dk_lang l = p->lang;
    const dk_plan *pl = &r->res.plan[0];
    const dk_plan_detail *d = &r->res.det[0];
    table6(p, DKS_PLAN_CLASS_TABLE, DKS_PLAN_H_CLASSES);
    for (int c = 0; c < r->res.who.nclass; c++) {
        char cell[6][DK_PAGE_NUM + 24];
        const char *row[6];
        int f = pl->form[c];
        double demand = 0;
        for (int o = DK_NASPECT; o < DK_NOUTCOME; o++)
            demand += d->cell[c * DK_NOUTCOME + o].fte;
        row[0] = r->res.who.cls[c]->name;
        row[1] = f ? dk_support_text(l, f) : "\xe2\x80\x93";
        row[2] = dk_page_num(p, cell[2], r->res.who.fte[f], 2);
        row[3] = f ? dk_page_num(p, cell[3], d->gain_per_fte[c], 3) : "\xe2\x80\x93";
        row[4] = dk_page_num(p, cell[4], class_mean(r, 0, c), 2);
        row[5] = dk_page_num(p, cell[5], demand, 2);
        dk_html_row(&p->h, row, 6);
    }
    dk_html_table_end(&p->h);
    dk_buf line = { 0 };
    for (int k = 0; k < r->res.who.nschool; k++)
        if (pl->facility[k])
            dk_buf_printf(&line, dk_s(l, DKS_PLAN_FACILITY_LINE),
                          r->res.who.fte[DK_SUP_FACILITY], d->facility_gain[k]);
    dk_buf_printf(&line, dk_s(l, r->res.who.nschool > 1 ? DKS_PLAN_DEMAND_BOARD
                                                               : DKS_PLAN_DEMAND),
                  d->demand_fte, d->demand_fte_lo, d->demand_fte_hi);
    dk_page_para(p, "note", dk_buf_part(p->h.b, &line));
    dk_buf_free(&line);
}

static void lead(dk_page *p, const dk_plan_report *r)
{
    dk_lang l = p->lang;
    dk_buf what = { 0 };
    dk_plan_label(r, &r->res.plan[0], l, &what);
    char text[1200], a[DK_PAGE_NUM], b[DK_PAGE_NUM], c[DK_PAGE_NUM], d[DK_PAGE_NUM],
         e[DK_PAGE_NUM];
    dk_page_num(p, d, r->res.delta[0][0], decimals(r));
    char signed_d[DK_PAGE_NUM + 2];
    snprintf(signed_d, sizeof signed_d, "%s%s", r->res.delta[0][0] > 0 ? "+" : "", d);
    snprintf(text, sizeof text, dk_s(l, DKS_PLAN_LEAD), dk_buf_part(p->h.b, &what),
             dk_page_num(p, a, r->res.plan[0].cost, 2),
             dk_page_num(p, b, r->res.plan[r->res.nplan].value, decimals(r)),
             dk_page_num(p, c, r->res.plan[0].value, decimals(r)), signed_d,
             dk_page_range(p, e, r->res.delta[0][1], r->res.delta[0][2], decimals(r), 0));
    dk_buf_free(&what);
    if (r->res.nplan > 1) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, " ");
        snprintf(text + n + 1, sizeof text - n - 1, dk_s(l, DKS_PLAN_LEAD_BEATS),
                 dk_page_pct(p, a, r->res.win));
    }
    dk_page_para(p, "lead", text);
}

/* How sure: the replicates' own optima, and ties in words (the table's
 * sentences, without their layout). */
static void sureness(dk_page *p, const dk_plan_report *r)
{
    dk_lang l = p->lang;
    char text[800], a[DK_PAGE_NUM];
    int robust, flips;
    dk_plan_robust_counts(r, &robust, &flips);
    snprintf(text, sizeof text, dk_s(l, DKS_PLAN_SURE_PAGE), dk_page_pct(p, a, r->res.p_best),
             robust, 100 * DK_PLAN_ROBUST, flips);
    dk_page_para(p, NULL, text);
}

/* A board: what each school gets, and what the next step would add there. */
static void split_table(dk_page *p, const dk_plan_report *r)
{
    table6(p, DKS_PLAN_SPLIT_HEAD, DKS_PLAN_H_SPLIT);
    for (int k = 0; k < r->res.who.nschool; k++) {
        const dk_plan_split *s = &r->res.split[k];
        char cell[6][DK_PAGE_NUM + 2], next[DK_PAGE_NUM];
        const char *row[6];
        snprintf(cell[1], sizeof cell[1], "%d", r->res.who.count[k]);
        row[0] = r->res.who.school[k]->name;
        row[1] = cell[1];
        row[2] = dk_page_num(p, cell[2], r->s.euro_budget ? s->euro : s->cost,
                             r->s.euro_budget ? 0 : 2);
        row[3] = dk_page_num(p, cell[3], s->value, decimals(r));
        row[4] = dk_page_num(p, cell[4], s->base, decimals(r));
        dk_page_num(p, next, s->next_value, decimals(r) + 1);
        snprintf(cell[5], sizeof cell[5], "%s%s", s->next_value > 0 ? "+" : "", next);
        row[5] = cell[5];
        dk_html_row(&p->h, row, 6);
    }
    dk_html_table_end(&p->h);
}

void dk_plan_page(const dk_plan_report *r, const dk_buf *warnings, dk_lang l, dk_buf *b)
{
    dk_page p;
    p.point = dk_language_get(l)->point;
    char title[400], num[DK_PAGE_NUM], budget[DK_PAGE_NUM + 40];
    dk_page_num(&p, num, r->q.budget, r->s.euro_budget ? 0 : 2);
    snprintf(budget, sizeof budget,
             dk_s(l, r->s.euro_budget ? DKS_PLAN_BUDGET_WORDS_EUR : DKS_PLAN_BUDGET_WORDS_FTE), num);
    char name[200];
    snprintf(title, sizeof title, dk_s(l, DKS_PLAN_TITLE),
             dk_plan_name(r, l, name, sizeof name), budget);
    dk_buf facts = { 0 };
    dk_plan_describe(r, l, &facts);
    snprintf(p.source, sizeof p.source, dk_s(l, DKS_SOURCE), dk_model_id(r->m), r->s.seed, r->s.replicates);
    dk_page_begin(&p, b, l, title, dk_buf_part(b, &facts));
    dk_page_basis(&p, r->m);
    dk_buf_free(&facts);
    dk_page_warnings(&p, warnings);
    lead(&p, r);
    sureness(&p, r);
    const char *names[DK_PLAN_MAX_SHOWN + 1];
    dk_buf labels = { 0 };
    row_labels(r, l, &labels, names);
    b->oom |= labels.oom;
    plans_chart(&p, r, names);
    if (r->res.nplan > 0)
        gain_chart(&p, r, names);
    dk_buf_free(&labels);
    curve_chart(&p, r);
    plans_table(&p, r);
    dk_chart_item *it = dk_calloc((size_t)r->res.who.nclass, sizeof *it);
    char (*notes)[48] = dk_calloc((size_t)r->res.who.nclass, sizeof *notes);
    if (it && notes)
        classes_chart(&p, r, it, notes);
    else
        b->oom = 1;         /* a page without its chart is not written */
    dk_free(it);
    dk_free(notes);
    classes_table(&p, r);
    if (r->res.who.nschool > 1)
        split_table(&p, r);
    dk_html_elem(&p.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&p, NULL, dk_s(l, DKS_PLAN_ABOUT));
    dk_page_end(&p);
}
