/*
 * plan.c -- what `draagkracht plan` writes: the question and its answer in
 * words (shared with the HTML report, plan_page.c), as a table, CSV or
 * JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/pages.h"

static int board(const dk_plan_report *r)
{
    return r->res.who.nschool > 1;
}

/* Decimals of the objective: classes (hardly) need fewer. */
static int prec(const dk_plan_report *r)
{
    return r->s.objective == DK_OBJ_HARDLY ? 2 : 3;
}

static const char *objective_text(const dk_plan_report *r, dk_lang l)
{
    return dk_s(l, (dk_str)(DKS_OBJ_MEAN_TEXT + (int)r->s.objective));
}

static const char *aspect_text(const dk_plan_report *r, dk_lang l)
{
    return r->s.aspect < 0 ? dk_s(l, DKS_ALL_ASPECTS) : dk_outcome_text(l, r->s.aspect);
}

/* The secondary score in words, and its value as the reader knows it
 * (under `mean` it is minus the classes at "hardly"). */
static const char *secondary_name(const dk_plan_report *r, dk_lang l)
{
    return dk_s(l, r->s.objective == DK_OBJ_MEAN ? DKS_SEC_HARDLY : DKS_SEC_MEAN);
}

static double secondary_shown(const dk_plan_report *r, double secondary)
{
    return r->s.objective == DK_OBJ_MEAN ? -secondary : secondary;
}

/* An amount of the budget's unit in words: "0.47 FTE", "39000 euro a year". */
static const char *amount(const dk_plan_report *r, dk_lang l, double x, char *out, int n)
{
    char num[48];
    snprintf(num, sizeof num, r->s.euro_budget ? "%.0f" : "%.2f", x);
    snprintf(out, (size_t)n, dk_s(l, r->s.euro_budget ? DKS_PLAN_BUDGET_WORDS_EUR
                                                      : DKS_PLAN_BUDGET_WORDS_FTE), num);
    return out;
}

static double spent(const dk_plan_report *r, const dk_plan *pl)
{
    return r->s.euro_budget ? pl->euro : pl->cost;
}

/* A share in whole percent, rounded down: 89.6 % is not yet the 90 % a
 * robust choice needs, and must not read as if it were. */
static int percent(double share)
{
    return (int)floor(100 * share + 1e-9);
}

/* ---- words for plans ----------------------------------------------------- */

static void school_label(const dk_plan_report *r, const dk_plan *pl, int k, dk_lang l,
                         dk_buf *b)
{
    size_t start = b->len;
    int first = r->res.who.first[k], n = r->res.who.count[k];
    for (int c = first; c < first + n; c++)
        if (pl->form[c])
            dk_buf_printf(b, "%s%s: %s", b->len > start ? "; " : "",
                          r->res.who.cls[c]->name, dk_support_text(l, pl->form[c]));
    if (pl->facility[k])
        dk_buf_printf(b, "%s%s", b->len > start ? "; " : "", dk_s(l, DKS_PLAN_FACILITY));
}

void dk_plan_label(const dk_plan_report *r, const dk_plan *pl, dk_lang l, dk_buf *b)
{
    size_t start = b->len;
    for (int k = 0; k < r->res.who.nschool; k++) {
        size_t mark = b->len;
        if (board(r))
            dk_buf_printf(b, "%s%s: ", b->len > start ? " | " : "",
                          r->res.who.school[k]->name);
        size_t body = b->len;
        school_label(r, pl, k, l, b);
        if (b->len == body && b->len > mark) {  /* a name, nothing after it */
            b->len = mark;
            b->data[mark] = '\0';
        }
    }
    if (b->len == start)
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_NOTHING));
}

const char *dk_plan_rank(const dk_plan_report *r, int i, dk_lang l, char *buf)
{
    if (i == r->res.nplan)
        return dk_s(l, DKS_PLAN_BASELINE);
    if (i == 0)
        return dk_s(l, DKS_PLAN_BEST);
    snprintf(buf, 16, "%d", i + 1);
    return buf;
}

const char *dk_plan_name(const dk_plan_report *r, dk_lang l, char *buf, int n)
{
    if (board(r))
        return dk_plural(l, DKS_N_SCHOOL, r->res.who.nschool, buf, n);
    snprintf(buf, (size_t)n, "%s", r->res.who.school[0]->name);
    return buf;
}

/* A facility the budget cannot pay for is no choice worth counting. */
static int facility_in_reach(const dk_plan_report *r, int k)
{
    double fte = r->res.who.fte[DK_SUP_FACILITY];
    double cost = r->s.euro_budget ? fte * r->s.euro_per_fte[DK_SUP_FACILITY] : fte;
    return r->res.who.facility_ok[k] && cost <= r->q.budget + 1e-9;
}

void dk_plan_robust_counts(const dk_plan_report *r, int *robust, int *flips)
{
    *robust = *flips = 0;
    for (int c = 0; c < r->res.who.nclass; c++)
        dk_plan_robust(r->res.agree[c]) ? ++*robust : ++*flips;
    for (int k = 0; k < r->res.who.nschool; k++)
        if (facility_in_reach(r, k))
            dk_plan_robust(r->res.facility_agree[k]) ? ++*robust : ++*flips;
}

/* The question in words: the table's first lines and the report's facts. */
void dk_plan_describe(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    char n[64], s[64];
    int nc = r->res.who.nclass;
    if (board(r))
        dk_buf_printf(b, dk_s(l, DKS_PLAN_HEAD_BOARD), dk_plan_name(r, l, s, sizeof s),
                      dk_plural(l, DKS_N_CLASS, nc, n, sizeof n));
    else
        dk_buf_printf(b, dk_s(l, DKS_PLAN_HEAD), r->res.who.school[0]->name,
                      dk_sector_name(r->res.who.school[0]->sector),
                      dk_plural(l, DKS_N_CLASS, nc, n, sizeof n));
    if (r->s.euro_budget)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BUDGET_EUR), r->q.budget);
    else
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BUDGET_FTE), r->q.budget,
                      r->q.budget * dk_fte_hours(r->m, NULL));
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_OBJECTIVE), objective_text(r, l), aspect_text(r, l));
    if (r->s.objective == DK_OBJ_HARDLY)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_THRESHOLD), r->s.threshold);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_TIES), dk_s(l, r->s.prefer == DK_PREFER_CHEAPER
                  ? DKS_PLAN_TIES_CHEAPER : DKS_PLAN_TIES_MEAN), dk_prefer_names[r->s.prefer]);
    dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_UNIT_COSTS));
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT; f++)
        if (r->s.menu >> f & 1u)
            dk_buf_printf(b, " %s %.3f%s", dk_support_text(l, f), r->res.who.fte[f],
                          dk_s(l, f == DK_SUP_FACILITY ? DKS_PER_SCHOOL : DKS_PER_CLASS));
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_MODEL), dk_model_id(r->m), r->s.replicates, r->s.seed);
}

/* ---- table --------------------------------------------------------------- */

static void table_plans(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    const dk_plan_result *res = &r->res;
    int pr = prec(r), wr = 8;   /* the rank column: as wide as its longest name */
    char h[5][DK_LABEL], rk[16];
    dk_split_labels(dk_s(l, DKS_PLAN_T_HEAD), h, 5);
    for (int i = 0; i <= res->nplan; i++) {
        int w = (int)dk_utf8_width(dk_plan_rank(r, i, l, rk));
        wr = w > wr ? w : wr;
    }
    dk_buf_printf(b, "\n  ");
    dk_buf_cell(b, h[0], wr);
    dk_buf_printf(b, " %8s", h[1]);
    if (r->euros)
        dk_buf_printf(b, " %11s", h[2]);
    dk_buf_printf(b, " ");
    dk_buf_cell(b, h[3], 22);
    dk_buf_printf(b, " ");
    dk_buf_cell(b, h[4], 24);
    dk_buf_printf(b, "\n");
    for (int i = 0; i <= res->nplan; i++) {
        const dk_plan *pl = &res->plan[i];
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_plan_rank(r, i, l, rk), wr);
        dk_buf_printf(b, " %8.2f", pl->cost);
        if (r->euros)
            dk_buf_printf(b, " %11.0f", pl->euro);
        dk_buf_printf(b, " %6.*f (%.*f-%.*f)", pr, pl->value, pr, res->det[i].lo,
                      pr, res->det[i].hi);
        if (i < res->nplan)
            dk_buf_printf(b, "   %+.*f (%+.*f..%+.*f)", pr, res->delta[i][0], pr,
                          res->delta[i][1], pr, res->delta[i][2]);
        dk_buf_printf(b, "\n  %*s ", wr, "");
        dk_plan_label(r, pl, l, b);
        dk_buf_printf(b, "\n");
    }
}

/* Ties in words: a cheaper way to the same objective, or what more money
 * buys besides it (only the secondary score). */
static void table_ties(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    const dk_plan_result *res = &r->res;
    const dk_plan *best = &res->plan[0], *o = &res->other;
    char x[96], y[96];
    dk_buf lab = { 0 };
    dk_plan_label(r, o, l, &lab);
    if (res->has_other && r->s.prefer == DK_PREFER_MEAN)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_SAME_FOR), amount(r, l, spent(r, o), x, sizeof x),
                      dk_buf_part(b, &lab), secondary_name(r, l), secondary_shown(r, o->secondary),
                      secondary_shown(r, best->secondary));
    else if (spent(r, best) < r->q.budget - 1e-9 * (1 + r->q.budget)) {
        dk_buf_printf(b, dk_s(l, DKS_PLAN_REACHES), amount(r, l, spent(r, best), x, sizeof x),
                      amount(r, l, r->q.budget, y, sizeof y));
        if (res->has_other)
            dk_buf_printf(b, dk_s(l, DKS_PLAN_SPENDING), amount(r, l, spent(r, o), x, sizeof x),
                          secondary_name(r, l), secondary_shown(r, o->secondary),
                          secondary_shown(r, best->secondary), dk_buf_part(b, &lab));
    }
    dk_buf_free(&lab);
}

/* One choice of the best plan into the robust list or the coin flips. */
static void choice_item(dk_buf *robust, dk_buf *flips, double share, const char *school,
                        const char *what, const char *choice)
{
    dk_buf *into = dk_plan_robust(share) ? robust : flips;
    dk_buf_printf(into, "%s%s%s%s %s %d%%", into->len ? ", " : "", school ? school : "",
                  school ? "/" : "", what, choice, percent(share));
}

static void table_robust(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    const dk_plan *best = &r->res.plan[0];
    dk_buf robust = { 0 }, flips = { 0 };
    int nr, nf;
    for (int c = 0; c < r->res.who.nclass; c++)
        choice_item(&robust, &flips, r->res.agree[c],
                    board(r) ? r->res.who.school[r->res.who.school_of[c]]->name : NULL,
                    r->res.who.cls[c]->name, dk_support_text(l, best->form[c]));
    for (int k = 0; k < r->res.who.nschool; k++)
        if (facility_in_reach(r, k))
            choice_item(&robust, &flips, r->res.facility_agree[k], NULL,
                        r->res.who.school[k]->name,
                        best->facility[k] ? dk_support_text(l, DK_SUP_FACILITY)
                                          : dk_s(l, DKS_PLAN_NO_FACILITY));
    dk_plan_robust_counts(r, &nr, &nf);
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_SURE_HEAD));
    dk_buf_printf(b, dk_s(l, DKS_PLAN_SURE_REACH), 100 * r->res.p_best);
    dk_buf_printf(b, dk_s(l, DKS_PLAN_ROBUST_LIST), 100 * DK_PLAN_ROBUST, nr,
                  nr ? dk_buf_part(b, &robust) : dk_s(l, DKS_PLAN_LIST_NONE));
    dk_buf_printf(b, dk_s(l, DKS_PLAN_FLIPS_LIST), nf,
                  nf ? dk_buf_part(b, &flips) : dk_s(l, DKS_PLAN_LIST_NONE));
    dk_buf_free(&robust);
    dk_buf_free(&flips);
}

static void table_class(const dk_plan_report *r, int i, int c, dk_lang l, int wn, int wf,
                        dk_buf *b)
{
    const dk_plan *pl = &r->res.plan[i];
    const dk_plan_detail *d = &r->res.det[i];
    int f = pl->form[c];
    double fte = 0;
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, r->res.who.cls[c]->name, wn);
    dk_buf_printf(b, " ");
    dk_buf_cell(b, f ? dk_support_text(l, f) : "-", wf);
    dk_buf_printf(b, " %5.2f", r->res.who.fte[f]);
    if (f)
        dk_buf_printf(b, " %8.3f", d->gain_per_fte[c]);
    else
        dk_buf_printf(b, " %8s", "-");
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_plan_cell *x = &d->cell[c * DK_NOUTCOME + o];
        if (o < DK_NASPECT)
            dk_buf_printf(b, " %5.2f", x->mean);
        else
            fte += x->fte;
    }
    dk_buf_printf(b, " %7.2f", fte);
    if (i == 0)
        dk_buf_printf(b, " %4d%% %s", percent(r->res.agree[c]),
                      dk_s(l, dk_plan_robust(r->res.agree[c]) ? DKS_PLAN_ROBUST_WORD
                                                              : DKS_PLAN_FLIP_WORD));
    dk_buf_printf(b, "\n");
}

static void table_classes(const dk_plan_report *r, int i, dk_lang l, dk_buf *b)
{
    const dk_plan *pl = &r->res.plan[i];
    const dk_plan_detail *d = &r->res.det[i];
    char h[11][DK_LABEL];
    int wn = 16, wf = 13;   /* at least as wide as they always were */
    dk_split_labels(dk_s(l, DKS_PLAN_T_CLASSES), h, 11);
    for (int c = 0; c < r->res.who.nclass; c++) {
        int n = (int)dk_utf8_width(r->res.who.cls[c]->name);
        int f = (int)dk_utf8_width(dk_support_text(l, pl->form[c]));
        wn = n > wn ? n : wn;
        wf = f > wf ? f : wf;
    }
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, h[0], wn);
    dk_buf_printf(b, " ");
    dk_buf_cell(b, h[1], wf);
    dk_buf_printf(b, " %5s %8s %5s %5s %5s %5s %5s %7s", h[2], h[3], h[4], h[5], h[6], h[7],
                  h[8], h[9]);
    dk_buf_printf(b, i == 0 ? "  %s\n" : "\n", h[10]);
    for (int k = 0; k < r->res.who.nschool; k++) {
        int first = r->res.who.first[k], n = r->res.who.count[k];
        if (board(r))
            dk_buf_printf(b, "  %s (%s)\n", r->res.who.school[k]->name,
                          dk_sector_name(r->res.who.school[k]->sector));
        for (int c = first; c < first + n; c++)
            table_class(r, i, c, l, wn, wf, b);
        if (pl->facility[k])
            dk_buf_printf(b, dk_s(l, DKS_PLAN_FACILITY_LINE),
                          r->res.who.fte[DK_SUP_FACILITY], d->facility_gain[k]);
    }
    dk_buf_printf(b, dk_s(l, board(r) ? DKS_PLAN_DEMAND_BOARD : DKS_PLAN_DEMAND), d->demand_fte,
                  d->demand_fte_lo, d->demand_fte_hi);
}

static void table_split(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    int pr = prec(r);
    char h[8][DK_LABEL], unit[96], step[96];
    dk_split_labels(dk_s(l, DKS_PLAN_T_SPLIT), h, 8);
    amount(r, l, r->q.step, step, sizeof step);
    snprintf(unit, sizeof unit, "%s", dk_s(l, r->s.euro_budget ? DKS_EURO_YEAR : DKS_H_FTE));
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_SPLIT), unit, step, secondary_name(r, l));
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, h[0], 24);
    dk_buf_printf(b, " %-6s %7s %9s %6s %9s %10s %10s %12s\n", h[1], h[2], h[3], h[4], h[5],
                  h[6], h[7], dk_s(l, r->s.objective == DK_OBJ_MEAN ? DKS_PLAN_NEXT_HARDLY
                                                                     : DKS_PLAN_NEXT_MEAN));
    for (int k = 0; k < r->res.who.nschool; k++) {
        const dk_plan_split *s = &r->res.split[k];
        double x = r->s.euro_budget ? s->euro : s->cost;
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, r->res.who.school[k]->name, 24);
        dk_buf_printf(b, " %-6s %7d %9.*f %5.0f%% %9.*f %10.*f %+10.*f %+12.3f\n",
                      dk_sector_name(r->res.who.school[k]->sector),
                      r->res.who.count[k], r->s.euro_budget ? 0 : 2, x,
                      r->q.budget > 0 ? 100 * x / r->q.budget : 0, pr, s->value, pr,
                      s->base, pr + 1, s->next_value, secondary_shown(r, s->next_secondary));
    }
}

static void table_curve(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    int pr = prec(r);
    char h[4][DK_LABEL];
    dk_split_labels(dk_s(l, DKS_PLAN_T_CURVE), h, 4);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_CURVE), dk_s(l, r->s.euro_budget ? DKS_EURO_YEAR : DKS_H_FTE));
    dk_buf_printf(b, "\n  %6s %9s %8s  %s\n", h[0], h[1], h[2], h[3]);
    for (int i = 0; i < r->res.ncurve; i++) {
        dk_buf_printf(b, r->s.euro_budget ? "  %6.0f %9.*f %8.2f  " : "  %6.2f %9.*f %8.2f  ",
                      r->res.curve_budget[i], pr, r->res.curve[i].value, r->res.curve[i].cost);
        dk_plan_label(r, &r->res.curve[i], l, b);
        dk_buf_printf(b, "\n");
    }
}

void dk_plan_table(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    const dk_plan_result *res = &r->res;
    dk_plan_describe(r, l, b);
    dk_basis_note(r->m, l, b);
    table_plans(r, l, b);
    dk_buf_printf(b, "\n");
    if (res->nplan > 1)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BEATS), 100 * res->win, 100 * res->tie, 100 * res->loss);
    table_ties(r, l, b);
    if (res->gap > 0)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_NOT_EXACT), res->gap);
    else
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_EXACT));
    if (res->nplan == 1 && res->plan[0].cost == 0)
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_NOTHING_FITS));
    table_robust(r, l, b);
    if (board(r))
        table_split(r, l, b);
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_PER_CLASS));
    table_classes(r, 0, l, b);
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_BASELINE_CLASSES));
    table_classes(r, res->nplan, l, b);
    table_curve(r, l, b);
}

/* ---- CSV ----------------------------------------------------------------- */

static void csv_row(const dk_plan_report *r, int i, int c, int o, const char *lab, dk_buf *b)
{
    const dk_plan *pl = &r->res.plan[i];
    const dk_plan_detail *d = &r->res.det[i];
    const dk_plan_cell *x = &d->cell[c * DK_NOUTCOME + o];
    int k = r->res.who.school_of[c];
    char rk[16];
    dk_buf_printf(b, "%s,", dk_plan_rank(r, i, DK_LANG_EN, rk));
    dk_buf_csv_str(b, lab);
    dk_buf_printf(b, ",%d", pl->facility[k]);
    dk_buf_num(b, ',', pl->cost);
    dk_buf_append(b, ",", 1);
    if (r->euros)
        dk_buf_num(b, '\0', pl->euro);
    double obj[] = { pl->value, d->lo, d->hi, r->res.delta[i][0], r->res.delta[i][1],
                     r->res.delta[i][2] };
    dk_buf_nums(b, ',', obj, 6);
    dk_buf_append(b, ",", 1);
    dk_buf_csv_str(b, r->res.who.school[k]->name);
    dk_buf_printf(b, ",");
    dk_buf_csv_str(b, r->res.who.cls[c]->name);
    dk_buf_printf(b, ",%s", dk_support_name((dk_support)pl->form[c]));
    dk_buf_num(b, ',', r->res.who.fte[pl->form[c]]);
    dk_buf_num(b, ',', d->gain_per_fte[c]);
    dk_buf_append(b, ",", 1);
    if (i == 0)
        dk_buf_num(b, '\0', r->res.agree[c]);
    dk_buf_printf(b, ",%s", dk_outcome_name(o));
    double cell[] = { x->mean, x->lo, x->hi, x->le2, x->ge4, x->fte };
    dk_buf_nums(b, ',', cell, 6);
    dk_buf_append(b, "\n", 1);
}

void dk_plan_csv(const dk_plan_report *r, dk_buf *b)
{
    dk_buf_printf(b, "rank,plan,facility,cost_fte,cost_euro,objective,objective_lo,"
                  "objective_hi,delta,delta_lo,delta_hi,school,class,adds,class_fte,"
                  "gain_per_fte,chosen_share,outcome,mean,lo,hi,share_le2,share_ge4,fte\n");
    for (int i = 0; i <= r->res.nplan; i++) {
        dk_buf lab = { 0 };
        dk_plan_label(r, &r->res.plan[i], DK_LANG_EN, &lab);
        for (int c = 0; c < r->res.who.nclass; c++)
            for (int o = 0; o < DK_NOUTCOME; o++)
                csv_row(r, i, c, o, dk_buf_part(b, &lab), b);
        dk_buf_free(&lab);
    }
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_label(const dk_plan_report *r, const char *key, const dk_plan *pl, dk_json *j)
{
    dk_buf lab = { 0 };
    dk_plan_label(r, pl, DK_LANG_EN, &lab);
    dk_json_kv_string(j, key, dk_buf_part(j->b, &lab));
    dk_buf_free(&lab);
}

static void json_outcomes(const dk_plan_detail *d, int c, dk_json *j)
{
    dk_json_key(j, "outcomes");
    dk_json_begin_object(j);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_plan_cell *x = &d->cell[c * DK_NOUTCOME + o];
        dk_json_key(j, dk_outcome_name(o));
        dk_json_begin_object(j);
        dk_json_kv_number(j, "mean", x->mean);
        dk_json_kv_number(j, "lo", x->lo);
        dk_json_kv_number(j, "hi", x->hi);
        dk_json_kv_number(j, "le2", x->le2);
        dk_json_kv_number(j, "ge4", x->ge4);
        if (DK_IS_NEED(o))
            dk_json_kv_number(j, "fte", x->fte);
        dk_json_end_object(j);
    }
    dk_json_end_object(j);
}

static void json_class(const dk_plan_report *r, int i, int c, dk_json *j)
{
    const dk_plan *pl = &r->res.plan[i];
    const dk_plan_detail *d = &r->res.det[i];
    dk_json_break(j, 4);
    dk_json_begin_object(j);
    dk_json_kv_string(j, "school", r->res.who.school[r->res.who.school_of[c]]->name);
    dk_json_kv_string(j, "class", r->res.who.cls[c]->name);
    dk_json_kv_string(j, "adds", dk_support_name((dk_support)pl->form[c]));
    dk_json_kv_number(j, "cost_fte", r->res.who.fte[pl->form[c]]);
    dk_json_kv_number(j, "gain_per_fte", d->gain_per_fte[c]);
    if (i == 0) {
        dk_json_kv_number(j, "chosen_share", r->res.agree[c]);
        dk_json_kv_bool(j, "robust", dk_plan_robust(r->res.agree[c]));
    }
    json_outcomes(d, c, j);
    dk_json_end_object(j);
}

static void json_plan(const dk_plan_report *r, int i, dk_json *j)
{
    const dk_plan *pl = &r->res.plan[i];
    const dk_plan_detail *d = &r->res.det[i];
    char rk[16];
    dk_json_break(j, 2);
    dk_json_begin_object(j);
    dk_json_kv_string(j, "rank", dk_plan_rank(r, i, DK_LANG_EN, rk));
    json_label(r, "plan", pl, j);
    dk_json_key(j, "facility");
    dk_json_begin_array(j);
    for (int k = 0; k < r->res.who.nschool; k++)
        dk_json_bool(j, pl->facility[k]);
    dk_json_end_array(j);
    dk_json_kv_number(j, "cost_fte", pl->cost);
    if (r->euros)
        dk_json_kv_number(j, "cost_euro", pl->euro);
    const char *keys[] = { "objective", "secondary", "objective_lo", "objective_hi", "delta",
                           "delta_lo", "delta_hi" };
    double vals[] = { pl->value, pl->secondary, d->lo, d->hi, r->res.delta[i][0],
                      r->res.delta[i][1], r->res.delta[i][2] };
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++)
        dk_json_kv_number(j, keys[k], vals[k]);
    dk_json_key(j, "facility_gain_per_fte");
    dk_json_begin_array(j);
    for (int k = 0; k < r->res.who.nschool; k++)
        dk_json_number(j, d->facility_gain[k]);
    dk_json_end_array(j);
    const char *more[] = { "demand_fte", "demand_fte_lo", "demand_fte_hi" };
    double mv[] = { d->demand_fte, d->demand_fte_lo, d->demand_fte_hi };
    for (size_t k = 0; k < sizeof mv / sizeof mv[0]; k++)
        dk_json_kv_number(j, more[k], mv[k]);
    dk_json_break(j, 3);
    dk_json_key(j, "classes");
    dk_json_begin_array(j);
    for (int c = 0; c < r->res.who.nclass; c++)
        json_class(r, i, c, j);
    dk_json_end_array(j);
    dk_json_end_object(j);
}

static void json_school(const dk_plan_report *r, int k, dk_json *j)
{
    const dk_plan_split *s = &r->res.split[k];
    dk_json_break(j, 2);
    dk_json_begin_object(j);
    dk_json_kv_string(j, "school", r->res.who.school[k]->name);
    dk_json_kv_string(j, "sector", dk_sector_name(r->res.who.school[k]->sector));
    dk_json_kv_int(j, "classes", r->res.who.count[k]);
    dk_json_kv_number(j, "cost_fte", s->cost);
    if (r->euros)
        dk_json_kv_number(j, "cost_euro", s->euro);
    dk_json_kv_number(j, "objective", s->value);
    dk_json_kv_number(j, "baseline", s->base);
    dk_json_kv_number(j, "next_objective", s->next_value);
    dk_json_kv_number(j, "next_secondary", s->next_secondary);
    dk_json_kv_number(j, "next_cost_fte", s->next_cost);
    if (r->euros)
        dk_json_kv_number(j, "next_cost_euro", s->next_euro);
    if (r->res.who.facility_ok[k])
        dk_json_kv_number(j, "facility_chosen_share", r->res.facility_agree[k]);
    dk_json_end_object(j);
}

static void json_other(const dk_plan_report *r, dk_json *j)
{
    const dk_plan *o = &r->res.other;
    dk_json_key(j, "other_tie_order");
    if (!r->res.has_other) {
        dk_json_null(j);
        return;
    }
    dk_json_begin_object(j);
    dk_json_kv_string(j, "prefer", dk_prefer_names[r->s.prefer == DK_PREFER_CHEAPER
                                                   ? DK_PREFER_MEAN : DK_PREFER_CHEAPER]);
    json_label(r, "plan", o, j);
    dk_json_kv_number(j, "cost_fte", o->cost);
    if (r->euros)
        dk_json_kv_number(j, "cost_euro", o->euro);
    dk_json_kv_number(j, "objective", o->value);
    dk_json_kv_number(j, "secondary", o->secondary);
    dk_json_end_object(j);
}

static void json_curve(const dk_plan_report *r, dk_json *j)
{
    dk_json_key(j, "budget_curve");
    dk_json_begin_array(j);
    for (int i = 0; i < r->res.ncurve; i++) {
        dk_json_break(j, 2);
        dk_json_begin_object(j);
        dk_json_kv_number(j, r->s.euro_budget ? "budget_euro" : "budget_fte",
                          r->res.curve_budget[i]);
        dk_json_kv_number(j, "objective", r->res.curve[i].value);
        dk_json_kv_number(j, "cost_fte", r->res.curve[i].cost);
        json_label(r, "plan", &r->res.curve[i], j);
        dk_json_end_object(j);
    }
    dk_json_end_array(j);
}

static void json_head(const dk_plan_report *r, dk_json *j)
{
    dk_json_scenario(j, r->sc);
    dk_json_key(j, "school");
    dk_json_string(j, board(r) ? NULL : r->res.who.school[0]->name);
    dk_json_kv_string(j, "model", dk_model_id(r->m));
    dk_json_kv_int(j, "seed", (long long)r->s.seed);
    dk_json_kv_int(j, "replicates", r->s.replicates);
    dk_json_break(j, 1);
    dk_json_kv_string(j, "objective", dk_objective_names[r->s.objective]);
    dk_json_kv_string(j, "prefer", dk_prefer_names[r->s.prefer]);
    dk_json_kv_string(j, "aspect", r->s.aspect < 0 ? "all"
                      : dk_aspect_name((dk_aspect)r->s.aspect));
    dk_json_kv_number(j, "threshold", r->s.threshold);
    dk_json_kv_number(j, r->s.euro_budget ? "budget_euro" : "budget_fte", r->q.budget);
    dk_json_kv_number(j, "step", r->q.step);
    dk_json_key(j, "unit_fte");
    dk_json_begin_object(j);
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT; f++)
        dk_json_kv_number(j, dk_support_name((dk_support)f), r->res.who.fte[f]);
    dk_json_end_object(j);
    dk_json_kv_bool(j, "exact", !(r->res.gap > 0));
    dk_json_kv_number(j, "gap_bound", r->res.gap);
    dk_json_kv_number(j, "p_best_beats_runner_up", r->res.win);
    dk_json_kv_number(j, "p_tie", r->res.tie);
    dk_json_kv_number(j, "p_best_reaches_replicate_optimum", r->res.p_best);
}

int dk_plan_json(const dk_plan_report *r, const dk_buf *warnings, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    json_head(r, &j);
    dk_json_break(&j, 1);
    json_other(r, &j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "plans");
    dk_json_begin_array(&j);
    for (int i = 0; i <= r->res.nplan; i++)
        json_plan(r, i, &j);
    dk_json_break(&j, 1);
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "schools");
    dk_json_begin_array(&j);
    for (int k = 0; k < r->res.who.nschool; k++)
        json_school(r, k, &j);
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    json_curve(r, &j);
    dk_json_break(&j, 1);
    dk_json_warnings(&j, warnings);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}
