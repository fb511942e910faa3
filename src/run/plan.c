/*
 * plan.c -- the staffing planner: scoring every choice on common random
 * numbers, then an exact k-best dynamic programme over costs.  See plan.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/interval.h"
#include "draagkracht/run/plan.h"
#include "draagkracht/run/predict.h"

#define NCHOICE 4           /* none, assistant, extra teacher, specialist */
#define KBEST 8             /* partial plans kept per cost; >= any max asked */
/* Cells of the programme (classes x cost grid) before the grid is coarsened. */
#define MAX_CELLS 4000000L

struct dk_planner {
    const dk_model *m;
    const dk_scenario *sc;
    dk_plan_settings s;
    int n, first, R;
    unsigned choices[DK_PLAN_MAX_CLASSES];
    int has_facility;       /* the school may get one (and has none yet) */
    double fte[DK_NSUPPORT];
    /* [facility][class][form] expected class capability and P(hardly) */
    double *cap, *hard;
    /* the same per replicate: capability and lowest aspect mean */
    double *cap_r, *low_r;
};

static size_t at(const dk_planner *p, int f, int c, int j)
{
    return ((size_t)f * (size_t)p->n + (size_t)c) * NCHOICE + (size_t)j;
}

static size_t at_r(const dk_planner *p, int f, int c, int j, int r)
{
    return at(p, f, c, j) * (size_t)p->R + (size_t)r;
}

/* The class as it is with form j (and the facility) added. */
static dk_class with(const dk_planner *p, int c, int f, int j)
{
    dk_class k = p->sc->classes[p->first + c].c;
    if (j)
        k.support |= 1u << j;
    if (f)
        k.support |= 1u << DK_SUP_FACILITY;
    return k;
}

/* Capability the objective looks at, and the lowest aspect mean. */
static void score(const dk_planner *p, const double *th, const dk_class *k,
                  double *cap, double *low)
{
    double sum = 0, lo = INFINITY;
    int n = 0;
    for (int a = 0; a < DK_NASPECT; a++) {
        if (p->s.aspect >= 0 && a != p->s.aspect)
            continue;
        double y = dk_model_mean(p->m, th, k, a);
        sum += y;
        lo = y < lo ? y : lo;
        n++;
    }
    *cap = sum / n;
    *low = lo;
}

static void draw(const dk_planner *p, gsl_rng *rng, int r, double *th)
{
    gsl_rng_set(rng, dk_stream_seed(p->s.seed, (unsigned long)r));
    dk_model_draw(p->m, rng, th);
}

/* Every choice's scores, replicate by replicate; -1 when out of memory. */
static int evaluate(dk_planner *p)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *th = rng ? malloc(p->m->n * sizeof *th) : NULL;
    if (!th) {
        if (rng)
            gsl_rng_free(rng);
        return -1;
    }
    for (int r = 0; r < p->R; r++) {
        draw(p, rng, r, th);
        for (int f = 0; f <= p->has_facility; f++)
            for (int c = 0; c < p->n; c++)
                for (int j = 0; j < NCHOICE; j++) {
                    if (j && !(p->choices[c] & 1u << j))
                        continue;
                    dk_class k = with(p, c, f, j);
                    size_t i = at_r(p, f, c, j, r);
                    score(p, th, &k, &p->cap_r[i], &p->low_r[i]);
                }
    }
    for (size_t i = 0; i < (size_t)(1 + p->has_facility) * (size_t)p->n * NCHOICE; i++) {
        const double *cap = p->cap_r + i * (size_t)p->R, *low = p->low_r + i * (size_t)p->R;
        double hard = 0;
        for (int r = 0; r < p->R; r++)
            hard += low[r] < p->s.threshold;
        p->cap[i] = gsl_stats_mean(cap, 1, (size_t)p->R);
        p->hard[i] = hard / p->R;
    }
    free(th);
    gsl_rng_free(rng);
    return 0;
}

/* FTE of each form at the model's point values: budgets are planned on
 * stated costs, not on draws. */
static void unit_costs(dk_planner *p)
{
    const dk_model *m = p->m;
    p->fte[DK_SUP_NONE] = 0;
    for (int f = 1; f < DK_NSUPPORT; f++)
        p->fte[f] = dk_fte(m, NULL, m->p[m->cost_hours[f]].value);
}

dk_planner *dk_planner_alloc(const dk_model *m, const dk_scenario *sc,
                             int school, const dk_plan_settings *s, dk_err *e)
{
    const dk_scn_school *sch = &sc->schools[school];
    if (sch->nclass > DK_PLAN_MAX_CLASSES) {
        dk_fail(e, "%s:%d: school '%s' has %d classes; plan handles at most %d",
                sc->path, sch->line, sch->name, sch->nclass, DK_PLAN_MAX_CLASSES);
        return NULL;
    }
    if ((double)sch->nclass * s->replicates * 2 * NCHOICE * 2 * sizeof(double) > 2e9) {
        dk_fail(e, "%s: %d classes x %d replicates is too much to keep in memory; "
                "use fewer replicates", sc->path, sch->nclass, s->replicates);
        return NULL;
    }
    dk_planner *p = calloc(1, sizeof *p);
    if (!p) {
        dk_fail_oom(e, "plan");
        return NULL;
    }
    *p = (dk_planner){ .m = m, .sc = sc, .s = *s, .n = sch->nclass,
                       .first = sch->first, .R = s->replicates };
    unsigned all_fac = 1;
    for (int c = 0; c < p->n; c++) {
        unsigned have = sc->classes[p->first + c].c.support;
        p->choices[c] = s->menu & ~have & ~(1u << DK_SUP_FACILITY);
        all_fac &= have >> DK_SUP_FACILITY;
    }
    p->has_facility = (s->menu >> DK_SUP_FACILITY & 1u) && !all_fac;
    unit_costs(p);
    size_t nv = (size_t)2 * (size_t)p->n * NCHOICE;
    p->cap = calloc(nv, sizeof *p->cap);
    p->hard = calloc(nv, sizeof *p->hard);
    p->cap_r = calloc(nv * (size_t)p->R, sizeof *p->cap_r);
    p->low_r = calloc(nv * (size_t)p->R, sizeof *p->low_r);
    if (!p->cap || !p->hard || !p->cap_r || !p->low_r || evaluate(p) != 0) {
        dk_planner_free(p);
        dk_fail_oom(e, "plan: the scores of every class's choices in every replicate");
        return NULL;
    }
    return p;
}

void dk_planner_free(dk_planner *p)
{
    if (!p)
        return;
    free(p->cap);
    free(p->hard);
    free(p->cap_r);
    free(p->low_r);
    free(p);
}

double dk_planner_form_fte(const dk_planner *p, int form) { return p->fte[form]; }
int dk_planner_nclass(const dk_planner *p) { return p->n; }
unsigned dk_planner_choices(const dk_planner *p, int i) { return p->choices[i]; }
int dk_planner_replicates(const dk_planner *p) { return p->R; }

/* ---- the dynamic programme ------------------------------------------- */

/* A partial plan: scores so far and where it came from. */
typedef struct {
    double a, b;            /* primary, secondary (both maximised) */
    int prev;               /* index in the previous class's cell */
    unsigned char j;        /* this class's form */
    unsigned char pt;       /* "at threshold" flag of the previous cell */
} entry;

/* One knapsack: per class the allowed forms with their scores. */
typedef struct {
    int n, U;               /* classes, budget in grid units */
    const int *w;           /* grid units per form */
    double a[DK_PLAN_MAX_CLASSES][NCHOICE], b[DK_PLAN_MAX_CLASSES][NCHOICE];
    unsigned char ok[DK_PLAN_MAX_CLASSES][NCHOICE];
    unsigned char tight[DK_PLAN_MAX_CLASSES][NCHOICE];
} problem;

/* Ties within rounding noise fall through to the secondary score. */
static int better(double a1, double b1, double a2, double b2)
{
    if (fabs(a1 - a2) > 1e-12 * (1 + fabs(a1) + fabs(a2)))
        return a1 > a2;
    return b1 - b2 > 1e-12 * (1 + fabs(b1) + fabs(b2));
}

/* Inserts x into a cell kept sorted best first, at most KBEST long. */
static void insert(entry *cell, int *len, entry x)
{
    if (*len == KBEST && !better(x.a, x.b, cell[KBEST - 1].a, cell[KBEST - 1].b))
        return;
    int i = *len < KBEST ? (*len)++ : KBEST - 1;
    while (i > 0 && better(x.a, x.b, cell[i - 1].a, cell[i - 1].b)) {
        cell[i] = cell[i - 1];
        i--;
    }
    cell[i] = x;
}

/* Layer c holds the best partial plans over classes 0..c-1 by exact cost u
 * and flag t ("some class sits at the threshold"). */
typedef struct {
    entry *e;
    int *len;
} table;

static size_t cell(const problem *q, int c, int u, int t)
{
    return ((size_t)c * (size_t)(q->U + 1) + (size_t)u) * 2 + (size_t)t;
}

static void extend(const problem *q, table *tb, int c, int u, int t)
{
    size_t from = cell(q, c, u, t);
    for (int k = 0; k < tb->len[from]; k++) {
        const entry *x = &tb->e[from * KBEST + (size_t)k];
        for (int j = 0; j < NCHOICE; j++) {
            int v = u + q->w[j];
            if (!q->ok[c][j] || v > q->U)
                continue;
            size_t to = cell(q, c + 1, v, t | q->tight[c][j]);
            entry y = { x->a + q->a[c][j], x->b + q->b[c][j], k,
                        (unsigned char)j, (unsigned char)t };
            insert(tb->e + to * KBEST, &tb->len[to], y);
        }
    }
}

/* The programme's table, filled; -1 (nothing held) when out of memory. */
static int run(const problem *q, table *tb)
{
    size_t ncell = cell(q, q->n + 1, 0, 0);
    tb->e = malloc(ncell * KBEST * sizeof *tb->e);
    tb->len = calloc(ncell, sizeof *tb->len);
    if (!tb->e || !tb->len) {
        free(tb->e);
        free(tb->len);
        return -1;
    }
    tb->e[0] = (entry){ 0, 0, -1, 0, 0 };
    tb->len[0] = 1;
    for (int c = 0; c < q->n; c++)
        for (int u = 0; u <= q->U; u++)
            for (int t = 0; t < 2; t++)
                extend(q, tb, c, u, t);
    return 0;
}

/* Follows back-pointers from entry k of cell (n, u, t) into class forms. */
static void trace(const problem *q, const table *tb, int u, int t, int k,
                  unsigned char *form)
{
    for (int c = q->n; c > 0; c--) {
        const entry *x = &tb->e[cell(q, c, u, t) * KBEST + (size_t)k];
        form[c - 1] = x->j;
        u -= q->w[x->j];
        t = x->pt;
        k = x->prev;
    }
}

/* ---- from scores to plans -------------------------------------------- */

/* Budget grid: form costs and budget in whole units. */
typedef struct {
    int w[NCHOICE], wf, U;
} grid;

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/*
 * Costs in hundredths of an hour per week, over their common divisor.  up
 * rounds costs up (plans found are affordable), down rounds them down (a
 * relaxation); they differ only when the grid is not exact.  Returns 1 when
 * the grid is exact.
 */
static int make_grids(const dk_planner *p, double budget, grid *up, grid *down)
{
    /* hundredths of an hour a week, or euro cents a year */
    double hours = p->m->p[p->m->fte_hours].value * 100;
    double unit = p->s.euro_budget ? 100 : hours;
    double h[NCHOICE + 1];
    long W[NCHOICE + 1], D[NCHOICE + 1], g = 0;
    int exact = 1;
    for (int j = 0; j <= NCHOICE; j++) {
        int f = j < NCHOICE ? j : DK_SUP_FACILITY;
        h[j] = p->fte[f] * (p->s.euro_budget ? 100 * p->s.euro_per_fte[f] : hours);
        W[j] = (long)ceil(h[j] - 1e-6);
        D[j] = (long)floor(h[j] + 1e-6);
        exact &= W[j] == D[j];
        g = gcd(g, W[j]);
    }
    long B = (long)floor(budget * unit + 1e-6), q = exact && g > 0 ? g : 1;
    /* coarsen until the table fits */
    while ((double)(p->n + 1) * (double)(B / q + 1) * 2 > MAX_CELLS / KBEST) {
        q = q * 2;
        exact = 0;
    }
    for (int j = 0; j <= NCHOICE; j++) {
        int wu = (int)((W[j] + q - 1) / q), wd = (int)(D[j] / q);
        if (j < NCHOICE)
            up->w[j] = wu, down->w[j] = wd;
        else
            up->wf = wu, down->wf = wd;
    }
    up->U = down->U = (int)(B / q);
    return exact;
}

/* Plan value, secondary and cost from its forms. */
static void plan_score(const dk_planner *p, dk_plan *pl)
{
    double sum = 0, hard = 0, low = INFINITY, cost = pl->facility ? p->fte[DK_SUP_FACILITY] : 0;
    for (int c = 0; c < p->n; c++) {
        size_t i = at(p, pl->facility, c, pl->form[c]);
        sum += p->cap[i];
        hard += p->hard[i];
        low = p->cap[i] < low ? p->cap[i] : low;
        cost += p->fte[pl->form[c]];
    }
    pl->secondary = p->s.objective == DK_OBJ_MEAN ? -hard : sum / p->n;
    pl->cost = cost;
    pl->value = p->s.objective == DK_OBJ_MEAN ? sum / p->n
              : p->s.objective == DK_OBJ_HARDLY ? hard : low;
}

/* Objective in "bigger is better" form. */
static double goodness(const dk_planner *p, double value)
{
    return p->s.objective == DK_OBJ_HARDLY ? -value : value;
}

static int plan_better(const dk_planner *p, const dk_plan *x, const dk_plan *y)
{
    double gx = goodness(p, x->value), gy = goodness(p, y->value);
    if (better(gx, x->secondary, gy, y->secondary))
        return 1;
    if (better(gy, y->secondary, gx, x->secondary))
        return 0;
    return x->cost < y->cost - 1e-12;
}

/* Keeps out[] the best *n distinct plans (out has room for max). */
static void keep(const dk_planner *p, dk_plan *out, int *n, int max,
                 const dk_plan *x)
{
    if (*n == max && !plan_better(p, x, &out[max - 1]))
        return;
    int i = *n < max ? (*n)++ : max - 1;
    while (i > 0 && plan_better(p, x, &out[i - 1])) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = *x;
}

/* Scores of class c's forms for the knapsack, given the facility. */
static void fill(const dk_planner *p, problem *q, int f, double thr)
{
    for (int c = 0; c < p->n; c++)
        for (int j = 0; j < NCHOICE; j++) {
            size_t i = at(p, f, c, j);
            int allowed = j == 0 || (p->choices[c] >> j & 1u);
            double mean = p->cap[i] / p->n;
            q->a[c][j] = p->s.objective == DK_OBJ_MEAN ? mean
                       : p->s.objective == DK_OBJ_HARDLY ? -p->hard[i] : 0;
            q->b[c][j] = p->s.objective == DK_OBJ_MEAN ? -p->hard[i] : mean;
            q->ok[c][j] = allowed && (p->s.objective != DK_OBJ_WORST || p->cap[i] >= thr);
            q->tight[c][j] = p->s.objective == DK_OBJ_WORST && p->cap[i] == thr;
        }
}

/* The best plans with facility f on grid g (worst: at threshold thr);
 * -1 when out of memory. */
static int solve_one(const dk_planner *p, const grid *g, int f, double thr,
                     problem *q, dk_plan *out, int *n, int max)
{
    q->n = p->n;
    q->w = g->w;
    q->U = g->U - (f ? g->wf : 0);
    if (q->U < 0)
        return 0;
    fill(p, q, f, thr);
    table tb;
    if (run(q, &tb) != 0)
        return -1;
    int t = p->s.objective == DK_OBJ_WORST;
    for (int u = 0; u <= q->U; u++) {
        size_t ci = cell(q, q->n, u, t);
        for (int k = 0; k < tb.len[ci] && k < max; k++) {
            dk_plan x = { .facility = f };
            trace(q, &tb, u, t, k, x.form);
            plan_score(p, &x);
            keep(p, out, n, max, &x);
        }
    }
    free(tb.e);
    free(tb.len);
    return 0;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Can every class reach capability thr within the budget?  The cheapest
 * qualifying form per class decides, so this needs no programme. */
static int reachable(const dk_planner *p, const grid *g, int f, double thr)
{
    long cost = f ? g->wf : 0;
    for (int c = 0; c < p->n; c++) {
        long best = -1;
        for (int j = 0; j < NCHOICE; j++)
            if ((j == 0 || (p->choices[c] >> j & 1u)) && p->cap[at(p, f, c, j)] >= thr
                && (best < 0 || g->w[j] < best))
                best = g->w[j];
        if (best < 0)
            return 0;
        cost += best;
    }
    return cost <= g->U;
}

/* How many plans, or -1 when out of memory. */
static int solve_grid(const dk_planner *p, const grid *g, dk_plan *out, int max)
{
    problem *q = malloc(sizeof *q);
    int n = 0, rc = 0;
    if (!q)
        return -1;
    if (p->s.objective != DK_OBJ_WORST) {
        for (int f = 0; f <= p->has_facility && rc == 0; f++)
            rc = solve_one(p, g, f, 0, q, out, &n, max);
        free(q);
        return rc ? -1 : n;
    }
    /* Max-min: thresholds from the top; plans whose lowest class sits at a
     * higher threshold rank first. */
    size_t nt = (size_t)(1 + p->has_facility) * (size_t)p->n * NCHOICE, m = 0;
    double *thr = malloc(nt * sizeof *thr);
    if (!thr) {
        free(q);
        return -1;
    }
    for (size_t i = 0; i < nt; i++)
        if ((i % NCHOICE) == 0 || (p->choices[(i / NCHOICE) % (size_t)p->n] >> (i % NCHOICE) & 1u))
            thr[m++] = p->cap[i];
    qsort(thr, m, sizeof *thr, cmp_desc);
    for (size_t i = 0; i < m && n < max && rc == 0; i++) {
        if (i > 0 && thr[i] == thr[i - 1])
            continue;
        dk_plan found[KBEST];
        int nf = 0;
        for (int f = 0; f <= p->has_facility && rc == 0; f++)
            if (reachable(p, g, f, thr[i]))
                rc = solve_one(p, g, f, thr[i], q, found, &nf, max);
        for (int k = 0; k < nf && n < max; k++)
            out[n++] = found[k];
    }
    free(thr);
    free(q);
    return rc ? -1 : n;
}

int dk_planner_solve(const dk_planner *p, double budget, dk_plan *out,
                     int max, double *gap)
{
    grid up, down;
    if (max > KBEST)
        max = KBEST;
    int exact = make_grids(p, budget, &up, &down);
    int n = solve_grid(p, &up, out, max);
    *gap = 0;
    if (!exact && n > 0) {
        dk_plan bound;
        int nb = solve_grid(p, &down, &bound, 1);
        if (nb < 0)
            return -1;
        if (nb == 1)
            *gap = fmax(0, goodness(p, bound.value) - goodness(p, out[0].value));
    }
    return n;
}

void dk_planner_baseline(const dk_planner *p, dk_plan *out)
{
    memset(out, 0, sizeof *out);
    plan_score(p, out);
}

void dk_planner_score(const dk_planner *p, dk_plan *plan)
{
    plan_score(p, plan);
}

/* ---- what a plan leaves, replicate by replicate ---------------------- */

double dk_planner_value_r(const dk_planner *p, const dk_plan *plan, int r)
{
    double sum = 0, hard = 0, low = INFINITY;
    for (int c = 0; c < p->n; c++) {
        size_t i = at_r(p, plan->facility, c, plan->form[c], r);
        sum += p->cap_r[i];
        hard += p->low_r[i] < p->s.threshold;
        low = p->cap_r[i] < low ? p->cap_r[i] : low;
    }
    return p->s.objective == DK_OBJ_MEAN ? sum / p->n
         : p->s.objective == DK_OBJ_HARDLY ? hard : low;
}

void dk_planner_compare(const dk_planner *p, const dk_plan *a,
                        const dk_plan *b, double *win, double *tie,
                        double *loss)
{
    int w = 0, t = 0;
    for (int r = 0; r < p->R; r++) {
        double x = goodness(p, dk_planner_value_r(p, a, r));
        double y = goodness(p, dk_planner_value_r(p, b, r));
        if (fabs(x - y) <= 1e-12 * (1 + fabs(x) + fabs(y)))
            t++;
        else
            w += x > y;
    }
    *win = (double)w / p->R;
    *tie = (double)t / p->R;
    *loss = 1 - *win - *tie;
}

static void interval(double *x, int n, double *mean, double *lo, double *hi)
{
    *mean = gsl_stats_mean(x, 1, (size_t)n);
    dk_interval90(x, (size_t)n, lo, hi);
}

/*
 * Replicate r of one class under the plan: its mean ratings into mu (one
 * per outcome, stride R), the teacher-level shares and demand added to
 * the cell sums, and the demand in FTE returned.  Teachers are integrated
 * out: with the class mean y and the teacher SD s, a share
 * Phi((2.5 - y) / s) answers <= 2.
 */
static double class_r(const dk_planner *p, const double *th, const dk_class *k,
                      double *mu, dk_plan_cell *cell)
{
    const dk_model *m = p->m;
    double sd = dk_teacher_sd(m, th, k->sector), fte = 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double y = dk_model_mean(m, th, k, o), le2, ge4;
        dk_answer_shares(y, sd, &le2, &ge4);
        mu[(size_t)o * (size_t)p->R] = y;
        cell[o].le2 += le2;
        cell[o].ge4 += ge4;
        if (DK_IS_NEED(o)) {
            /* a facility serves the school: each class carries 1/n of it */
            double f = dk_need_fte(m, th, o, ge4, p->n);
            cell[o].fte += f;
            fte += f;
        }
    }
    return fte;
}

/* Objective gain per FTE of each class's form (against none, the same
 * facility), and of the facility (against the same forms without one). */
static void gains(const dk_planner *p, const dk_plan *plan, dk_plan_detail *d)
{
    for (int c = 0; c < p->n; c++) {
        int j = plan->form[c];
        size_t x = at(p, plan->facility, c, j), o = at(p, plan->facility, c, 0);
        d->gain_per_fte[c] = !j ? 0
            : p->s.objective == DK_OBJ_HARDLY ? (p->hard[o] - p->hard[x]) / p->fte[j]
            : (p->cap[x] - p->cap[o]) / p->fte[j];
    }
    if (plan->facility) {
        dk_plan without = *plan;
        without.facility = 0;
        plan_score(p, &without);
        d->facility_gain = (goodness(p, plan->value) - goodness(p, without.value))
                         / p->fte[DK_SUP_FACILITY];
    }
}

/* The detail's intervals and means from the replicates' values. */
static void summarise_detail(const dk_planner *p, const dk_plan *plan, double *mu,
                             double *demand, dk_plan_detail *d)
{
    size_t nc = (size_t)p->n * DK_NOUTCOME;
    for (size_t i = 0; i < nc; i++) {
        dk_plan_cell *x = &d->cell[i];
        interval(mu + i * (size_t)p->R, p->R, &x->mean, &x->lo, &x->hi);
        x->le2 /= p->R;
        x->ge4 /= p->R;
        x->fte /= p->R;
    }
    interval(demand, p->R, &d->demand_fte, &d->demand_fte_lo, &d->demand_fte_hi);
    for (int r = 0; r < p->R; r++)
        demand[r] = dk_planner_value_r(p, plan, r);
    double mean;
    interval(demand, p->R, &mean, &d->lo, &d->hi);
    gains(p, plan, d);
}

int dk_planner_detail(const dk_planner *p, const dk_plan *plan,
                      dk_plan_detail *d)
{
    size_t nc = (size_t)p->n * DK_NOUTCOME;
    memset(d, 0, sizeof *d);
    d->cell = calloc(nc, sizeof *d->cell);
    d->gain_per_fte = calloc((size_t)p->n, sizeof *d->gain_per_fte);
    double *mu = malloc(nc * (size_t)p->R * sizeof *mu);
    double *demand = calloc((size_t)p->R, sizeof *demand);
    double *th = malloc(p->m->n * sizeof *th);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = d->cell && d->gain_per_fte && mu && demand && th && rng ? 0 : -1;
    for (int r = 0; r < p->R && rc == 0; r++) {
        draw(p, rng, r, th);
        for (int c = 0; c < p->n; c++) {
            dk_class k = with(p, c, plan->facility, plan->form[c]);
            demand[r] += class_r(p, th, &k, mu + (size_t)c * DK_NOUTCOME * (size_t)p->R + (size_t)r,
                                 d->cell + (size_t)c * DK_NOUTCOME);
        }
    }
    if (rc == 0)
        summarise_detail(p, plan, mu, demand, d);
    else
        dk_plan_detail_free(d);
    if (rng)
        gsl_rng_free(rng);
    free(th);
    free(demand);
    free(mu);
    return rc;
}

void dk_plan_detail_free(dk_plan_detail *d)
{
    free(d->cell);
    free(d->gain_per_fte);
    d->cell = NULL;
    d->gain_per_fte = NULL;
}
