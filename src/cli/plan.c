/*
 * cmd_plan.c -- `draagkracht plan [FILE]`: where does a school's support
 * budget do most good?  Reads the scenario's school and [plan] section,
 * lets flags override them, solves (plan.c) and reports the best plan, the
 * baseline and the runners-up side by side.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/interval.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/cli/pages.h"
#include "draagkracht/run/plan.h"

static const dk_opt opts[] = {
    { "budget", 0, "FTE", "extra staff the school can spend, in FTE (default: the [plan] section's)" },
    { "budget-euro", 0, "EUR", "or the budget in euros a year (needs euro-per-fte rates)" },
    { "objective", 0, "OBJ", "mean, hardly or worst (default: the [plan] section's, else mean)" },
    { "aspect", 0, "ASPECT", "one capability aspect, or all (default all)" },
    { "threshold", 0, "X", "hardly: a class mean below this counts (default 2.5)" },
    { "options", 0, "FORMS", "forms the plan may use, comma-separated (default all four)" },
    { "school", 0, "NAME", "the school to plan when the file has several" },
    { "alternatives", 0, "N", "runners-up to show after the best plan, 0..7 (default 4)" },
    { "step", 0, "FTE", "budget steps of the budget curve (default 0.1)" },
    { "seed", 0, "N", "random seed (default: the scenario's, else 20261121)" },
    { "replicates", 0, "N", "parameter draws shared by all plans (default: the scenario's, else 1000)" },
    { "model", 0, "FILE", "model file (default: the embedded model)" },
    { "format", 0, "FMT", "table, csv, json or html (default: from -o's name, else table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_plan)


static const char *objective_text(const dk_plan_report *r, dk_lang l)
{
    return dk_s(l, (dk_str)(DKS_OBJ_MEAN_TEXT + (int)r->s.objective));
}

static const char *aspect_text(const dk_plan_report *r, dk_lang l)
{
    return r->s.aspect < 0 ? dk_s(l, DKS_ALL_ASPECTS) : dk_outcome_text(l, r->s.aspect);
}

double dk_plan_euros(const dk_plan_report *r, const dk_plan *pl)
{
    double sum = pl->facility ? dk_planner_form_fte(r->p, DK_SUP_FACILITY) * r->euro[DK_SUP_FACILITY] : 0;
    for (int c = 0; c < r->school->nclass; c++)
        if (pl->form[c])
            sum += dk_planner_form_fte(r->p, pl->form[c]) * r->euro[pl->form[c]];
    return sum;
}

void dk_plan_label(const dk_plan_report *r, const dk_plan *pl, dk_lang l, dk_buf *b)
{
    size_t start = b->len;
    for (int c = 0; c < r->school->nclass; c++)
        if (pl->form[c])
            dk_buf_printf(b, "%s%s: %s", b->len > start ? "; " : "",
                          r->sc->classes[r->school->first + c].name,
                          dk_support_text(l, pl->form[c]));
    if (pl->facility)
        dk_buf_printf(b, "%s%s", b->len > start ? "; " : "", dk_s(l, DKS_PLAN_FACILITY));
    if (b->len == start)
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_NOTHING));
}

/* ---- solving and scoring ----------------------------------------------- */

static int deltas(dk_plan_report *r, int i)
{
    int R = dk_planner_replicates(r->p);
    const dk_plan *base = &r->plan[r->nplan];
    double *d = malloc((size_t)R * sizeof *d);
    if (!d)
        return -1;
    for (int k = 0; k < R; k++)
        d[k] = dk_planner_value_r(r->p, &r->plan[i], k) - dk_planner_value_r(r->p, base, k);
    double sum = 0;
    for (int k = 0; k < R; k++)
        sum += d[k];
    r->delta[i][0] = sum / R;
    dk_interval90(d, (size_t)R, &r->delta[i][1], &r->delta[i][2]);
    free(d);
    return 0;
}

/* The plans, their details and the budget curve; -1 when out of memory
 * (details not filled stay zero, so all up to max can be freed). */
static int solve(dk_plan_report *r, int max)
{
    int n = dk_planner_solve(r->p, r->budget, r->plan, max, &r->gap);
    if (n < 0)
        return -1;
    r->nplan = n;
    dk_planner_baseline(r->p, &r->plan[r->nplan]);
    for (int i = 0; i <= r->nplan; i++)
        if (dk_planner_detail(r->p, &r->plan[i], &r->det[i]) != 0 || deltas(r, i) != 0)
            return -1;
    r->win = r->tie = r->loss = 0;
    if (r->nplan > 1)
        dk_planner_compare(r->p, &r->plan[0], &r->plan[1], &r->win, &r->tie, &r->loss);
    /* The budget curve: the best plan at each step up to the budget. */
    r->ncurve = 0;
    for (int i = 0; i < DK_PLAN_MAX_CURVE && i * r->step <= r->budget + 1e-9; i++) {
        double gap;
        r->curve_budget[i] = i * r->step;
        if (dk_planner_solve(r->p, r->curve_budget[i], &r->curve[i], 1, &gap) < 0)
            return -1;
        r->ncurve = i + 1;
    }
    return 0;
}

/* ---- output ------------------------------------------------------------ */

const char *dk_plan_rank(const dk_plan_report *r, int i, dk_lang l, char *buf)
{
    if (i == r->nplan)
        return dk_s(l, DKS_PLAN_BASELINE);
    if (i == 0)
        return dk_s(l, DKS_PLAN_BEST);
    snprintf(buf, 16, "%d", i + 1);
    return buf;
}

static void table_plans(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    int prec = r->s.objective == DK_OBJ_HARDLY ? 2 : 3;
    char h[5][DK_LABEL];
    dk_split_labels(dk_s(l, DKS_PLAN_T_HEAD), h, 5);
    char rk[16];
    int wr = 8;     /* the rank column: as wide as its longest name */
    for (int i = 0; i <= r->nplan; i++) {
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
    for (int i = 0; i <= r->nplan; i++) {
        const dk_plan *pl = &r->plan[i];
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_plan_rank(r, i, l, rk), wr);
        dk_buf_printf(b, " %8.2f", pl->cost);
        if (r->euros)
            dk_buf_printf(b, " %11.0f", dk_plan_euros(r, pl));
        dk_buf_printf(b, " %6.*f (%.*f-%.*f)", prec, pl->value, prec, r->det[i].lo,
                      prec, r->det[i].hi);
        if (i < r->nplan)
            dk_buf_printf(b, "   %+.*f (%+.*f..%+.*f)", prec, r->delta[i][0], prec,
                          r->delta[i][1], prec, r->delta[i][2]);
        dk_buf_printf(b, "\n  %*s ", wr, "");
        dk_plan_label(r, pl, l, b);
        dk_buf_printf(b, "\n");
    }
}

static void table_classes(const dk_plan_report *r, int i, dk_lang l, dk_buf *b)
{
    const dk_plan *pl = &r->plan[i];
    const dk_plan_detail *d = &r->det[i];
    char h[10][DK_LABEL];
    dk_split_labels(dk_s(l, DKS_PLAN_T_CLASSES), h, 10);
    int wn = 16, wf = 13;   /* at least as wide as they always were */
    for (int c = 0; c < r->school->nclass; c++) {
        int n = (int)dk_utf8_width(r->sc->classes[r->school->first + c].name);
        int f = (int)dk_utf8_width(dk_support_text(l, pl->form[c]));
        wn = n > wn ? n : wn;
        wf = f > wf ? f : wf;
    }
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, h[0], wn);
    dk_buf_printf(b, " ");
    dk_buf_cell(b, h[1], wf);
    dk_buf_printf(b, " %5s %8s %5s %5s %5s %5s %5s %7s\n", h[2], h[3], h[4], h[5], h[6], h[7],
                  h[8], h[9]);
    for (int c = 0; c < r->school->nclass; c++) {
        int f = pl->form[c];
        double fte = 0;
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, r->sc->classes[r->school->first + c].name, wn);
        dk_buf_printf(b, " ");
        dk_buf_cell(b, f ? dk_support_text(l, f) : "-", wf);
        dk_buf_printf(b, " %5.2f", dk_planner_form_fte(r->p, f));
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
        dk_buf_printf(b, " %7.2f\n", fte);
    }
    if (pl->facility)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_FACILITY_LINE), dk_planner_form_fte(r->p, DK_SUP_FACILITY),
                      d->facility_gain);
    dk_buf_printf(b, dk_s(l, DKS_PLAN_DEMAND), d->demand_fte, d->demand_fte_lo, d->demand_fte_hi);
}

static void table_curve(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    int prec = r->s.objective == DK_OBJ_HARDLY ? 2 : 3;
    char h[4][DK_LABEL];
    dk_split_labels(dk_s(l, DKS_PLAN_T_CURVE), h, 4);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_CURVE), dk_s(l, r->s.euro_budget ? DKS_EURO_YEAR : DKS_H_FTE));
    dk_buf_printf(b, "\n  %6s %9s %8s  %s\n", h[0], h[1], h[2], h[3]);
    for (int i = 0; i < r->ncurve; i++) {
        dk_buf_printf(b, r->s.euro_budget ? "  %6.0f %9.*f %8.2f  " : "  %6.2f %9.*f %8.2f  ",
                      r->curve_budget[i], prec,
                      r->curve[i].value, r->curve[i].cost);
        dk_plan_label(r, &r->curve[i], l, b);
        dk_buf_printf(b, "\n");
    }
}

/* The question in words: the table's first lines and the report's facts. */
void dk_plan_describe(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    const dk_model *m = r->m;
    char n[64];
    dk_buf_printf(b, dk_s(l, DKS_PLAN_HEAD), r->school->name, dk_sector_name(r->school->sector),
                  dk_plural(l, DKS_N_CLASS, r->school->nclass, n, sizeof n));
    if (r->s.euro_budget)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BUDGET_EUR), r->budget);
    else
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BUDGET_FTE), r->budget,
                      r->budget * m->p[m->fte_hours].value);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_OBJECTIVE), objective_text(r, l), aspect_text(r, l));
    if (r->s.objective == DK_OBJ_HARDLY)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_THRESHOLD), r->s.threshold);
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_UNIT_COSTS));
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT; f++)
        if (r->s.menu >> f & 1u)
            dk_buf_printf(b, " %s %.3f%s", dk_support_text(l, f), dk_planner_form_fte(r->p, f),
                          dk_s(l, f == DK_SUP_FACILITY ? DKS_PER_SCHOOL : DKS_PER_CLASS));
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PLAN_MODEL), m->id, r->s.replicates, r->s.seed);
}

static void out_table(const dk_plan_report *r, dk_lang l, dk_buf *b)
{
    dk_plan_describe(r, l, b);
    table_plans(r, l, b);
    if (r->nplan > 1) {
        dk_buf_printf(b, "\n");
        dk_buf_printf(b, dk_s(l, DKS_PLAN_BEATS), 100 * r->win, 100 * r->tie, 100 * r->loss);
    }
    if (r->gap > 0)
        dk_buf_printf(b, dk_s(l, DKS_PLAN_NOT_EXACT), r->gap);
    else
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_EXACT));
    if (r->nplan == 1 && r->plan[0].cost == 0)
        dk_buf_printf(b, "%s", dk_s(l, DKS_PLAN_NOTHING_FITS));
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_PER_CLASS));
    table_classes(r, 0, l, b);
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_PLAN_BASELINE_CLASSES));
    table_classes(r, r->nplan, l, b);
    table_curve(r, l, b);
}

static void out_csv(const dk_plan_report *r, dk_buf *b)
{
    dk_buf_printf(b, "rank,plan,facility,cost_fte,cost_euro,objective,objective_lo,"
                  "objective_hi,delta,delta_lo,delta_hi,class,adds,class_fte,"
                  "gain_per_fte,outcome,mean,lo,hi,share_le2,share_ge4,fte\n");
    for (int i = 0; i <= r->nplan; i++) {
        const dk_plan *pl = &r->plan[i];
        dk_buf lab = { 0 };
        char rk[16];
        dk_plan_label(r, pl, DK_LANG_EN, &lab);
        for (int c = 0; c < r->school->nclass; c++)
            for (int o = 0; o < DK_NOUTCOME; o++) {
                const dk_plan_cell *x = &r->det[i].cell[c * DK_NOUTCOME + o];
                dk_buf_printf(b, "%s,", dk_plan_rank(r, i, DK_LANG_EN, rk));
                dk_buf_csv_str(b, dk_buf_text(&lab));
                dk_buf_printf(b, ",%d,%.17g,", pl->facility, pl->cost);
                if (r->euros)
                    dk_buf_printf(b, "%.17g", dk_plan_euros(r, pl));
                dk_buf_printf(b, ",%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,", pl->value,
                              r->det[i].lo, r->det[i].hi, r->delta[i][0],
                              r->delta[i][1], r->delta[i][2]);
                dk_buf_csv_str(b, r->sc->classes[r->school->first + c].name);
                dk_buf_printf(b, ",%s,%.17g,%.17g,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                              dk_support_name((dk_support)pl->form[c]),
                              dk_planner_form_fte(r->p, pl->form[c]),
                              r->det[i].gain_per_fte[c], dk_outcome_name(o), x->mean,
                              x->lo, x->hi, x->le2, x->ge4, x->fte);
            }
        b->oom |= lab.oom;
        dk_buf_free(&lab);
    }
}

static void json_plan(const dk_plan_report *r, int i, dk_json *j)
{
    const dk_plan *pl = &r->plan[i];
    const dk_plan_detail *d = &r->det[i];
    dk_buf lab = { 0 };
    char rk[16];
    dk_plan_label(r, pl, DK_LANG_EN, &lab);
    dk_json_begin_object(j);
    dk_json_kv_string(j, "rank", dk_plan_rank(r, i, DK_LANG_EN, rk));
    dk_json_kv_string(j, "plan", dk_buf_text(&lab));
    j->b->oom |= lab.oom;
    dk_buf_free(&lab);
    dk_json_kv_bool(j, "facility", pl->facility);
    dk_json_kv_number(j, "cost_fte", pl->cost);
    if (r->euros)
        dk_json_kv_number(j, "cost_euro", dk_plan_euros(r, pl));
    const char *keys[] = { "objective", "objective_lo", "objective_hi", "delta", "delta_lo",
                           "delta_hi", "facility_gain_per_fte", "demand_fte",
                           "demand_fte_lo", "demand_fte_hi" };
    double vals[] = { pl->value, d->lo, d->hi, r->delta[i][0], r->delta[i][1],
                      r->delta[i][2], d->facility_gain, d->demand_fte, d->demand_fte_lo,
                      d->demand_fte_hi };
    for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++)
        dk_json_kv_number(j, keys[k], vals[k]);
    dk_json_break(j, 3);
    dk_json_key(j, "classes");
    dk_json_begin_array(j);
    for (int c = 0; c < r->school->nclass; c++) {
        dk_json_break(j, 4);
        dk_json_begin_object(j);
        dk_json_kv_string(j, "class", r->sc->classes[r->school->first + c].name);
        dk_json_kv_string(j, "adds", dk_support_name((dk_support)pl->form[c]));
        dk_json_kv_number(j, "cost_fte", dk_planner_form_fte(r->p, pl->form[c]));
        dk_json_kv_number(j, "gain_per_fte", d->gain_per_fte[c]);
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
        dk_json_end_object(j);
    }
    dk_json_end_array(j);
    dk_json_end_object(j);
}

static void json_curve(const dk_plan_report *r, dk_json *j)
{
    dk_json_key(j, "budget_curve");
    dk_json_begin_array(j);
    for (int i = 0; i < r->ncurve; i++) {
        dk_buf lab = { 0 };
        dk_plan_label(r, &r->curve[i], DK_LANG_EN, &lab);
        dk_json_break(j, 2);
        dk_json_begin_object(j);
        dk_json_kv_number(j, r->s.euro_budget ? "budget_euro" : "budget_fte",
                          r->curve_budget[i]);
        dk_json_kv_number(j, "objective", r->curve[i].value);
        dk_json_kv_number(j, "cost_fte", r->curve[i].cost);
        dk_json_kv_string(j, "plan", dk_buf_text(&lab));
        j->b->oom |= lab.oom;
        dk_json_end_object(j);
        dk_buf_free(&lab);
    }
    dk_json_end_array(j);
}

static int out_json(const dk_plan_report *r, const dk_buf *warnings, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "scenario", r->sc->path);
    dk_json_kv_string(&j, "school", r->school->name);
    dk_json_kv_string(&j, "model", r->m->id);
    dk_json_kv_int(&j, "seed", (long long)r->s.seed);
    dk_json_kv_int(&j, "replicates", r->s.replicates);
    dk_json_break(&j, 1);
    dk_json_kv_string(&j, "objective", dk_objective_names[r->s.objective]);
    dk_json_kv_string(&j, "aspect", r->s.aspect < 0 ? "all"
                      : dk_aspect_name((dk_aspect)r->s.aspect));
    dk_json_kv_number(&j, "threshold", r->s.threshold);
    dk_json_kv_number(&j, r->s.euro_budget ? "budget_euro" : "budget_fte", r->budget);
    dk_json_key(&j, "unit_fte");
    dk_json_begin_object(&j);
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT; f++)
        dk_json_kv_number(&j, dk_support_name((dk_support)f), dk_planner_form_fte(r->p, f));
    dk_json_end_object(&j);
    dk_json_kv_bool(&j, "exact", !(r->gap > 0));
    dk_json_kv_number(&j, "gap_bound", r->gap);
    dk_json_kv_number(&j, "p_best_beats_runner_up", r->win);
    dk_json_kv_number(&j, "p_tie", r->tie);
    dk_json_break(&j, 1);
    dk_json_key(&j, "plans");
    dk_json_begin_array(&j);
    for (int i = 0; i <= r->nplan; i++) {
        dk_json_break(&j, 2);
        json_plan(r, i, &j);
    }
    dk_json_break(&j, 1);
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    json_curve(r, &j);
    dk_json_break(&j, 1);
    dk_json_warnings(&j, warnings);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* ---- settings: the [plan] section, then the flags ---------------------- */

static int find_school(const dk_args *a, const dk_scenario *sc, int *out, dk_err *e)
{
    const char *name = dk_opt_get(CMD, a, "school");
    if (sc->npop)
        return dk_fail(e, "%s:%d: population '%s': plan works on the classes of one "
                       "school; use compare for populations", sc->path,
                       sc->pops[0].line, sc->pops[0].name);
    if (!sc->nschool)
        return dk_fail(e, "%s: no [school NAME] section: plan works on a school's classes",
                       sc->path);
    if (!name && sc->nschool > 1)
        return dk_fail(e, "%s: %d schools; choose one with --school NAME (first: '%s')",
                       sc->path, sc->nschool, sc->schools[0].name);
    for (int i = 0; i < sc->nschool; i++)
        if (!name || strcmp(name, sc->schools[i].name) == 0)
            return *out = i, 0;
    return dk_fail(e, "plan: --school: no school '%s' in %s", name, sc->path);
}

static int menu_option(const dk_args *a, unsigned *menu, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, "options");
    dk_err why;
    if (v && dk_support_parse(v, menu, &why) != 0)
        return dk_fail(e, "plan: --options: %s", why.msg);
    return 0;
}

static int lookup_option(const dk_args *a, const char *name, int (*lookup)(const char *),
                         const char *const *names, int *out, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, name);
    if (!v)
        return 0;
    if (strcmp(name, "aspect") == 0 && strcmp(v, "all") == 0)
        return *out = -1, 0;
    if ((*out = lookup(v)) >= 0)
        return 0;
    const char *s = dk_suggest(v, names);
    return dk_fail(e, "plan: --%s: unknown value '%s'%s%s%s", name, v,
                   s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
}

static int settings(const dk_args *a, const dk_scenario *sc, dk_plan_report *r, dk_err *e)
{
    const dk_scn_plan *sp = &sc->plan;
    long seed = (long)sc->seed, reps = sc->replicates, alts = 4;
    int obj = (int)sp->objective;
    r->s = (dk_plan_settings){ .objective = sp->objective, .aspect = sp->aspect,
                               .threshold = sp->threshold, .menu = sp->menu };
    double fte = -1, eur = -1;
    r->step = -1;
    if (dk_opt_double(CMD, a, "budget", 0, 1000, &fte, e)
        || dk_opt_double(CMD, a, "budget-euro", 0, 1e9, &eur, e)
        || dk_opt_double(CMD, a, "threshold", 1, 5, &r->s.threshold, e)
        || dk_opt_double(CMD, a, "step", 0.01, 1e9, &r->step, e)
        || dk_opt_long(CMD, a, "seed", 0, 4294967295L, &seed, e)
        || dk_opt_long(CMD, a, "replicates", 10, 1000000, &reps, e)
        || dk_opt_long(CMD, a, "alternatives", 0, DK_PLAN_MAX_SHOWN - 1, &alts, e)
        || lookup_option(a, "objective", dk_objective_lookup, dk_objective_names, &obj, e)
        || lookup_option(a, "aspect", dk_aspect_lookup, dk_aspect_names, &r->s.aspect, e)
        || menu_option(a, &r->s.menu, e))
        return -1;
    r->s.objective = (dk_objective)obj;
    r->s.seed = (unsigned long)seed;
    r->s.replicates = (int)reps;
    r->nplan = (int)alts + 1;   /* how many to ask for; solve() counts found */
    if (fte >= 0 && eur >= 0)
        return dk_fail(e, "plan: give --budget or --budget-euro, not both");
    if (fte < 0 && eur < 0 && sp->budget >= 0 && sp->budget_euro >= 0)
        return dk_fail(e, "%s:%d: budget-euro: the [plan] section gives both budget and "
                       "budget-euro; keep one", sc->path, sp->line);
    if (fte < 0 && eur < 0)
        fte = sp->budget, eur = sp->budget_euro;
    r->s.euro_budget = eur >= 0;
    r->budget = r->s.euro_budget ? eur : fte;
    if (r->step < 0)
        r->step = r->s.euro_budget ? fmax(r->budget / 10, 1) : 0.1;
    if (r->budget < 0)
        return dk_fail(e, "%s: no budget: give --budget FTE or 'budget = FTE' in a [plan] "
                       "section", sc->path);
    if (!r->s.menu)
        return dk_fail(e, "%s:%d: options: the plan may use no support form", sc->path,
                       sp->line);
    return 0;
}

/* Euro rates are all or nothing over the forms the plan may use. */
static int rates(const dk_scenario *sc, dk_plan_report *r, dk_err *e)
{
    const dk_scn_plan *sp = &sc->plan;
    int given = 0;
    for (int f = 0; f < DK_NSUPPORT; f++) {
        r->euro[f] = sp->euro_per_fte[f];
        given |= sp->euro_per_fte[f] >= 0 && (r->s.menu >> f & 1u);
    }
    if (r->s.euro_budget && !given)
        return dk_fail(e, "%s: a budget in euros needs euro-per-fte rates in [plan] for "
                       "every form the plan may use", sc->path);
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT && given; f++)
        if ((r->s.menu >> f & 1u) && r->euro[f] < 0)
            return dk_fail(e, "%s:%d: euro-per-fte.%s: missing; the plan may use %s, and "
                           "euro costs need a rate for every form it may use", sc->path,
                           sp->line, dk_support_name((dk_support)f),
                           dk_support_name((dk_support)f));
    r->euros = given;
    memcpy(r->s.euro_per_fte, r->euro, sizeof r->euro);
    return 0;
}

/* A class that already has every per-class form on the menu cannot be
 * planned for: almost always a slip in the file. */
static int check_classes(const dk_scenario *sc, const dk_plan_report *r, dk_err *e)
{
    unsigned per_class = r->s.menu & ~(1u << DK_SUP_FACILITY);
    for (int c = r->school->first; per_class && c < r->school->first + r->school->nclass; c++)
        if (!(per_class & ~sc->classes[c].c.support))
            return dk_fail(e, "%s:%d: class '%s': cannot take any form: it already has "
                           "every form the plan may give it", sc->path,
                           sc->classes[c].line, sc->classes[c].name);
    return 0;
}

static int plan_scenario(const dk_args *a, const dk_model *m, const dk_scenario *sc,
                         dk_buf *warnings, dk_buf *b, dk_err *e)
{
    dk_format f;
    dk_lang l;
    int school = 0;
    dk_plan_report *r = calloc(1, sizeof *r);
    if (!r)
        return dk_fail_oom(e, "plan");
    r->m = m;
    r->sc = sc;
    int rc = -1;
    if (dk_opt_format(CMD, a, &f, e) || dk_opt_lang(CMD, a, &l, e) ||
        find_school(a, sc, &school, e))
        goto done;
    r->school = &sc->schools[school];
    if (settings(a, sc, r, e) || rates(sc, r, e) || check_classes(sc, r, e))
        goto done;
    dk_planner *p = dk_planner_alloc(m, sc, school, &r->s, e);
    if (!p)
        goto done;
    r->p = p;
    rc = 0;
    if (solve(r, r->nplan) != 0)
        rc = dk_fail_oom(e, "plan");
    else if (f == DK_FMT_CSV)
        out_csv(r, b);
    else if (f == DK_FMT_JSON)
        rc = out_json(r, warnings, b, e);
    else if (f == DK_FMT_HTML)
        dk_plan_page(r, warnings, l, b);
    else
        out_table(r, l, b);
    for (int i = 0; i <= r->nplan; i++)
        dk_plan_detail_free(&r->det[i]);
    dk_planner_free(p);
done:
    free(r);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e;
    dk_model m;
    dk_scenario sc;
    if (a->npos > 1) {
        dk_fail(&e, "plan: expected at most one scenario file, got %d", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    if (dk_load_scenario(a, &m, &sc, &e) != 0) {
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_buf warnings = { 0 }, b = { 0 };
    dk_class_warnings(&m, &sc, &warnings);
    int rc = plan_scenario(a, &m, &sc, &warnings, &b, &e) == 0 ? dk_emit(CMD, a, &b)
           : dk_report(DK_EXIT_USAGE, &e);
    dk_buf_free(&b);
    dk_buf_free(&warnings);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_plan = {
    "plan",
    "where a school's support budget does most good: the best plan and its runners-up",
    "[FILE] [--budget FTE] [--objective mean|hardly|worst] [--aspect A] [-o OUT] "
    "[--format table|csv|json|html]",
    opts, run
};
