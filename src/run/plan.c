/*
 * plan.c -- the staffing planner: every choice scored on common random
 * numbers, exact k-best plans from the knapsack (knapsack.c), and the
 * whole answer to a planning question.  See plan.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/base/parallel.h"
#include "draagkracht/run/knapsack.h"
#include "draagkracht/run/plan.h"
#include "draagkracht/run/predict.h"

#define NCHOICE DK_KS_CHOICES   /* none, assistant, extra teacher, specialist */
/* Table entries of the programme before the grid is coarsened (24 bytes
 * each). */
#define MAX_ENTRIES 4e6
#define MAX_CURVE 1001

struct dk_planner {
    const dk_model *m;
    const dk_scenario *sc;
    dk_plan_settings s;
    int n, R, nschool;
    int sch[DK_PLAN_MAX_SCHOOLS];           /* the scenario's school */
    int first[DK_PLAN_MAX_SCHOOLS + 1];     /* school k: classes first[k] .. first[k+1]-1 */
    int school_of[DK_PLAN_MAX_CLASSES];
    unsigned choices[DK_PLAN_MAX_CLASSES];
    unsigned char facility_ok[DK_PLAN_MAX_SCHOOLS];
    double fte[DK_NSUPPORT];
    /* [class][facility][form]: expected class capability and P(hardly) */
    double *cap, *hard;
    /* the same per replicate: capability and lowest aspect mean */
    double *cap_r, *low_r;
};

static size_t at(const dk_planner *p, int f, int c, int j)
{
    (void)p;
    return ((size_t)c * 2 + (size_t)f) * NCHOICE + (size_t)j;
}

static size_t at_r(const dk_planner *p, int f, int c, int j, int r)
{
    return at(p, f, c, j) * (size_t)p->R + (size_t)r;
}

const dk_scn_class *dk_planner_class(const dk_planner *p, int c)
{
    int k = p->school_of[c];
    return &p->sc->classes[p->sc->schools[p->sch[k]].first + c - p->first[k]];
}

/* The class as it is with form j (and a facility) added. */
static dk_class with(const dk_planner *p, int c, int f, int j)
{
    dk_class k = dk_planner_class(p, c)->c;
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
    double sum = 0, lo = INFINITY, sd = dk_teacher_sd(p->m, th, k->sector);
    int n = 0;
    for (int a = 0; a < DK_NASPECT; a++) {
        if (p->s.aspect >= 0 && a != p->s.aspect)
            continue;
        /* the mean on the answer scale, as every page shows it */
        double y = dk_expected_answer(dk_model_mean(p->m, th, k, a), sd);
        sum += y;
        lo = y < lo ? y : lo;
        n++;
    }
    *cap = sum / n;
    *low = lo;
}

/* Replicate r's parameters: the one place the planner draws them. */
static void draw(const dk_planner *p, gsl_rng *rng, int r, double *th)
{
    gsl_rng_set(rng, dk_stream_seed(p->s.seed, (unsigned long)r));
    dk_model_draw(p->m, rng, r, th);
}

static int allowed(const dk_planner *p, int c, int f, int j)
{
    return (j == 0 || (p->choices[c] >> j & 1u)) && (f == 0 || p->facility_ok[p->school_of[c]]);
}

/* Calls fn for every replicate with its parameters: the one walk over
 * them.  -1 when out of memory. */
static int each_replicate(const dk_planner *p, void (*fn)(const dk_planner *p, const double *th,
                                                          int r, void *ctx), void *ctx)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *th = dk_malloc(dk_model_nparam(p->m) * sizeof *th);
    if (!rng || !th) {
        dk_free(th);
        if (rng)
            gsl_rng_free(rng);
        return -1;
    }
    for (int r = 0; r < p->R; r++) {
        draw(p, rng, r, th);
        fn(p, th, r, ctx);
    }
    dk_free(th);
    gsl_rng_free(rng);
    return 0;
}

/* Every allowed choice of every class in replicate r. */
static void score_replicate(const dk_planner *p, const double *th, int r, void *ctx)
{
    dk_planner *w = ctx;    /* p itself, writable */
    for (int c = 0; c < p->n; c++)
        for (int f = 0; f < 2; f++)
            for (int j = 0; j < NCHOICE; j++)
                if (allowed(p, c, f, j)) {
                    dk_class k = with(p, c, f, j);
                    size_t i = at_r(p, f, c, j, r);
                    score(p, th, &k, &w->cap_r[i], &w->low_r[i]);
                }
}

static int evaluate(dk_planner *p)
{
    if (each_replicate(p, score_replicate, p) != 0)
        return -1;
    for (size_t i = 0; i < (size_t)p->n * 2 * NCHOICE; i++) {
        const double *cap = p->cap_r + i * (size_t)p->R, *low = p->low_r + i * (size_t)p->R;
        double hard = 0;
        for (int r = 0; r < p->R; r++)
            hard += low[r] < p->s.threshold;
        p->cap[i] = gsl_stats_mean(cap, 1, (size_t)p->R);
        p->hard[i] = hard / p->R;
    }
    return 0;
}

/* FTE of each form at the model's point values: budgets are planned on
 * stated costs, not on draws. */
static void unit_costs(dk_planner *p)
{
    const dk_model *m = p->m;
    p->fte[DK_SUP_NONE] = 0;
    for (int f = 1; f < DK_NSUPPORT; f++)
        p->fte[f] = dk_fte(m, NULL, dk_cost_hours(m, NULL, f));
}

static int too_big(const dk_scenario *sc, int school, int k0, int k1, int R, dk_err *e)
{
    long n = 0;
    for (int k = k0; k < k1; k++)
        n += sc->schools[k].nclass;
    if (k1 - k0 > DK_PLAN_MAX_SCHOOLS)
        return dk_fail(e, "%s: %d schools; plan handles at most %d together (name one "
                       "with --school)", sc->path, k1 - k0, DK_PLAN_MAX_SCHOOLS);
    if (n > DK_PLAN_MAX_CLASSES && school >= 0)
        return dk_fail(e, "%s:%d: school '%s' has %ld classes; plan handles at most %d",
                       sc->path, sc->schools[school].line, sc->schools[school].name, n,
                       DK_PLAN_MAX_CLASSES);
    if (n > DK_PLAN_MAX_CLASSES)
        return dk_fail(e, "%s: the %d schools have %ld classes together; plan handles at "
                       "most %d", sc->path, k1 - k0, n, DK_PLAN_MAX_CLASSES);
    if ((double)n * R * 2 * NCHOICE * 2 * sizeof(double) > DK_MEM_PLAN_TABLES)
        return dk_fail(e, "%s: %ld classes x %d replicates is too much to keep in memory; "
                       "use fewer replicates", sc->path, n, R);
    return 0;
}

/* Classes, their choices and the schools' facilities. */
static void setup(dk_planner *p, int k0, int k1)
{
    for (int k = 0; k < k1 - k0; k++) {
        const dk_scn_school *sch = &p->sc->schools[k0 + k];
        unsigned all_fac = 1;
        p->sch[k] = k0 + k;
        p->first[k] = p->n;
        for (int i = 0; i < sch->nclass; i++) {
            unsigned have = p->sc->classes[sch->first + i].c.support;
            p->school_of[p->n] = k;
            p->choices[p->n++] = p->s.menu & ~have & ~(1u << DK_SUP_FACILITY);
            all_fac &= have >> DK_SUP_FACILITY;
        }
        p->facility_ok[k] = (p->s.menu >> DK_SUP_FACILITY & 1u) && !all_fac;
    }
    p->nschool = k1 - k0;
    p->first[p->nschool] = p->n;
}

dk_planner *dk_planner_alloc(const dk_model *m, const dk_scenario *sc,
                             int school, const dk_plan_settings *s, dk_err *e)
{
    int k0 = school < 0 ? 0 : school, k1 = school < 0 ? sc->nschool : school + 1;
    if (too_big(sc, school, k0, k1, s->replicates, e) != 0)
        return NULL;
    dk_planner *p = dk_calloc(1, sizeof *p);
    if (!p) {
        dk_fail_oom(e, "plan");
        return NULL;
    }
    *p = (dk_planner){ .m = m, .sc = sc, .s = *s, .R = s->replicates };
    setup(p, k0, k1);
    unit_costs(p);
    size_t nv = (size_t)p->n * 2 * NCHOICE;
    p->cap = dk_calloc(nv, sizeof *p->cap);
    p->hard = dk_calloc(nv, sizeof *p->hard);
    p->cap_r = dk_calloc(nv * (size_t)p->R, sizeof *p->cap_r);
    p->low_r = dk_calloc(nv * (size_t)p->R, sizeof *p->low_r);
    if (!p->cap || !p->hard || !p->cap_r || !p->low_r || evaluate(p) != 0) {
        dk_fail_oom(e, "plan: the scores of every class's choices in every replicate");
        dk_planner_free(p);
        return NULL;
    }
    return p;
}

void dk_planner_free(dk_planner *p)
{
    if (!p)
        return;
    dk_free(p->cap);
    dk_free(p->hard);
    dk_free(p->cap_r);
    dk_free(p->low_r);
    dk_free(p);
}

double dk_planner_form_fte(const dk_planner *p, int form) { return p->fte[form]; }
int dk_planner_nclass(const dk_planner *p) { return p->n; }
int dk_planner_nschool(const dk_planner *p) { return p->nschool; }
unsigned dk_planner_choices(const dk_planner *p, int c) { return p->choices[c]; }
int dk_planner_facility_allowed(const dk_planner *p, int k) { return p->facility_ok[k]; }
int dk_planner_replicates(const dk_planner *p) { return p->R; }
const dk_plan_settings *dk_planner_settings(const dk_planner *p) { return &p->s; }
int dk_planner_school_of(const dk_planner *p, int c) { return p->school_of[c]; }
int dk_planner_school_first(const dk_planner *p, int k) { return p->first[k]; }
int dk_planner_school_count(const dk_planner *p, int k) { return p->first[k + 1] - p->first[k]; }

const dk_scn_school *dk_planner_school(const dk_planner *p, int k)
{
    return &p->sc->schools[p->sch[k]];
}

/* ---- what a plan scores -------------------------------------------------- */

/* Capability and "hardly" of class c's choice, expected over the
 * replicates (r < 0) or in replicate r. */
static void choice(const dk_planner *p, int r, int c, int f, int j, double *cap,
                   double *hard)
{
    if (r < 0) {
        *cap = p->cap[at(p, f, c, j)];
        *hard = p->hard[at(p, f, c, j)];
        return;
    }
    *cap = p->cap_r[at_r(p, f, c, j, r)];
    *hard = p->low_r[at_r(p, f, c, j, r)] < p->s.threshold;
}

/* The objective and secondary score of classes c0..c1-1 under a plan. */
static void measure(const dk_planner *p, int r, const dk_plan *pl, int c0, int c1,
                    double *value, double *secondary)
{
    double sum = 0, hard = 0, low = INFINITY;
    for (int c = c0; c < c1; c++) {
        double cap, h;
        choice(p, r, c, pl->facility[p->school_of[c]], pl->form[c], &cap, &h);
        sum += cap;
        hard += h;
        low = cap < low ? cap : low;
    }
    int n = c1 - c0;
    *secondary = p->s.objective == DK_OBJ_MEAN ? -hard : sum / n;
    *value = p->s.objective == DK_OBJ_MEAN ? sum / n
           : p->s.objective == DK_OBJ_HARDLY ? hard : low;
}

/* FTE and euros of schools k0..k1-1's part of a plan. */
static void spend(const dk_planner *p, const dk_plan *pl, int k0, int k1, double *fte,
                  double *euro)
{
    const double *rate = p->s.euro_per_fte;
    *fte = *euro = 0;
    for (int k = k0; k < k1; k++) {
        if (pl->facility[k]) {
            *fte += p->fte[DK_SUP_FACILITY];
            *euro += p->fte[DK_SUP_FACILITY] * fmax(rate[DK_SUP_FACILITY], 0);
        }
        for (int c = p->first[k]; c < p->first[k + 1]; c++) {
            *fte += p->fte[pl->form[c]];
            *euro += p->fte[pl->form[c]] * fmax(rate[pl->form[c]], 0);
        }
    }
}

static void plan_score(const dk_planner *p, int r, dk_plan *pl)
{
    measure(p, r, pl, 0, p->n, &pl->value, &pl->secondary);
    spend(p, pl, 0, p->nschool, &pl->cost, &pl->euro);
}

void dk_planner_score(const dk_planner *p, dk_plan *plan)
{
    plan_score(p, -1, plan);
}

void dk_planner_score_r(const dk_planner *p, int r, dk_plan *plan)
{
    plan_score(p, r, plan);
}

void dk_planner_baseline(const dk_planner *p, dk_plan *out)
{
    memset(out, 0, sizeof *out);
    plan_score(p, -1, out);
}

double dk_planner_value_r(const dk_planner *p, const dk_plan *plan, int r)
{
    double value, secondary;
    measure(p, r, plan, 0, p->n, &value, &secondary);
    return value;
}

/* Objective in "bigger is better" form. */
static double goodness(const dk_planner *p, double value)
{
    return p->s.objective == DK_OBJ_HARDLY ? -value : value;
}

/* What "cheaper" compares: euros when the budget is in euros. */
static double price(const dk_planner *p, const dk_plan *pl)
{
    return p->s.euro_budget ? pl->euro : pl->cost;
}

/* What one solve asks: scores expected (r < 0) or of replicate r; the tie
 * order; how many plans; how many the knapsack keeps per cost; and, for a
 * replicate's own optimum, the plan to stay close to among equals. */
typedef struct {
    int r;
    dk_prefer order;
    int max, K;
    const dk_plan *anchor;
} ask;

/* Choices (forms and facilities) x makes as the anchor does. */
static int agreement(const dk_planner *p, const dk_plan *x, const dk_plan *anchor)
{
    int n = 0;
    for (int c = 0; c < p->n; c++)
        n += x->form[c] == anchor->form[c];
    for (int k = 0; k < p->nschool; k++)
        n += x->facility[k] == anchor->facility[k];
    return n;
}

/* -1, 0 or 1: x worse than, the same as, or better than y beyond rounding
 * noise (bigger is better). */
static int sign(double x, double y)
{
    return !dk_ks_differ(x, y) ? 0 : x > y ? 1 : -1;
}

/* The tie order, on comparisons already made (each -1, 0 or 1 for x
 * worse, the same, better): objective, then price and secondary score in
 * the order asked, then closeness to an anchor. */
static int order_says(dk_prefer order, int obj, int cheaper, int sec, int close)
{
    if (obj)
        return obj > 0;
    int first = order == DK_PREFER_CHEAPER ? cheaper : sec;
    int then = order == DK_PREFER_CHEAPER ? sec : cheaper;
    if (first || then)
        return (first ? first : then) > 0;
    return close > 0;
}

static int ahead(const dk_planner *p, const ask *a, const dk_plan *x, const dk_plan *y)
{
    double cx = price(p, x), cy = price(p, y);
    int cheaper = cx < cy - 1e-9 * (1 + cy) ? 1 : cy < cx - 1e-9 * (1 + cx) ? -1 : 0;
    int close = a->anchor ? agreement(p, x, a->anchor) - agreement(p, y, a->anchor) : 0;
    return order_says(a->order, sign(goodness(p, x->value), goodness(p, y->value)), cheaper,
                      sign(x->secondary, y->secondary), close);
}

/* Keeps out[] the best *n plans, best first (out has room for a->max). */
static void keep(const dk_planner *p, const ask *a, dk_plan *out, int *n, const dk_plan *x)
{
    int max = a->max;
    if (*n == max && !ahead(p, a, x, &out[max - 1]))
        return;
    int i = *n < max ? (*n)++ : max - 1;
    while (i > 0 && ahead(p, a, x, &out[i - 1])) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = *x;
}

/* ---- solving ------------------------------------------------------------- */

/* A knapsack over schools k0 .. k0+nk-1, with room for their thresholds. */
typedef struct {
    dk_ks *ks;
    int k0, nk;
    double *thr;
    unsigned char *choice;  /* a traced selection, before it becomes a plan */
    unsigned char option[DK_PLAN_MAX_SCHOOLS];
    int U;                  /* budget of the last solve, grid units */
    int exact;              /* its grid counts costs exactly */
} work;

static void work_free(work *w)
{
    dk_ks_free(w->ks);
    dk_free(w->thr);
    dk_free(w->choice);
}

static int work_init(const dk_planner *p, int k0, int nk, work *w)
{
    int count[DK_PLAN_MAX_SCHOOLS];
    for (int k = 0; k < nk; k++)
        count[k] = p->first[k0 + k + 1] - p->first[k0 + k];
    int n = p->first[k0 + nk] - p->first[k0];
    *w = (work){ .k0 = k0, .nk = nk };
    w->ks = dk_ks_alloc(nk, count, p->facility_ok + k0);
    w->thr = dk_malloc((size_t)n * 2 * NCHOICE * sizeof *w->thr);
    w->choice = dk_malloc((size_t)n);
    if (!w->ks || !w->thr || !w->choice) {
        work_free(w);
        return -1;
    }
    return 0;
}

/* Knapsack scores of every choice; worst: ok at or above thr, tight at it;
 * the tertiary score counts choices made as the anchor makes them (a
 * school's facility counted at its first class). */
static void fill(const dk_planner *p, work *w, const ask *a, double thr, int flags)
{
    int r = a->r;
    int c0 = p->first[w->k0], c1 = p->first[w->k0 + w->nk];
    dk_objective o = p->s.objective;
    for (int c = c0; c < c1; c++)
        for (int f = 0; f < 2; f++)
            for (int j = 0; j < NCHOICE; j++) {
                dk_ks_score *s = dk_ks_score_at(w->ks, c - c0, f, j);
                double cap, hard;
                if (!allowed(p, c, f, j)) {
                    s->ok = 0;
                    continue;
                }
                choice(p, r, c, f, j, &cap, &hard);
                s->a = o == DK_OBJ_MEAN ? cap / p->n : o == DK_OBJ_HARDLY ? -hard : 0;
                s->b = o == DK_OBJ_MEAN ? -hard : cap / p->n;
                s->ok = o != DK_OBJ_WORST || cap >= thr;
                s->tight = flags && cap == thr;
                s->c = !a->anchor ? 0 : (a->anchor->form[c] == j)
                     + (c == p->first[p->school_of[c]] && a->anchor->facility[p->school_of[c]] == f);
            }
}

/* Budget grid: form costs and budget in whole units of q hundredths of an
 * hour a week (or euro cents); exact when no cost was rounded. */
typedef struct {
    dk_ks_query q;
    long unit;
    int exact;
} grid;

/* Solves on grid g for a; floor: see dk_ks_query.  When only the best
 * plan is wanted on an exact grid, the knapsack may drop what a cheaper
 * selection beats or ties. */
static int ks_solve(work *w, const grid *g, const ask *a, double floor, int flags)
{
    dk_ks_query q = g->q;
    q.floor = floor;
    q.tight = flags;
    q.staircase = a->max > 1 || q.tight || !g->exact ? 0
                : a->order == DK_PREFER_CHEAPER ? 1 : 2;
    w->U = g->q.U;
    w->exact = g->exact;
    return dk_ks_solve(w->ks, &q);
}

static long gcd(long a, long b)
{
    while (b) {
        long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Exact costs of none, the three per-class forms and the facility in
 * hundredths of an hour a week, or euro cents a year; forms off the menu
 * cost nothing (they are never ok). */
static void raw_costs(const dk_planner *p, double h[NCHOICE + 1])
{
    double hours = dk_fte_hours(p->m, NULL) * 100;
    for (int j = 0; j <= NCHOICE; j++) {
        int f = j < NCHOICE ? j : DK_SUP_FACILITY;
        int on = f > 0 && (p->s.menu >> f & 1u);
        h[j] = !on ? 0 : p->fte[f] * (p->s.euro_budget ? 100 * p->s.euro_per_fte[f] : hours);
    }
}

/* A budget in hundredths of an hour a week, or in euro cents. */
static long budget_units(const dk_planner *p, double budget)
{
    double unit = p->s.euro_budget ? 100 : dk_fte_hours(p->m, NULL) * 100;
    return (long)floor(budget * unit + 1e-6);
}

/*
 * Costs over their common divisor.  up rounds costs up (plans found are
 * affordable), down rounds them down (a relaxation); they differ only when
 * the grid is not exact.  Returns 1 when the grid is exact.
 */
static int make_grids(const dk_planner *p, work *w, double budget, int K, grid *up,
                      grid *down)
{
    double h[NCHOICE + 1];
    long W[NCHOICE + 1], D[NCHOICE + 1], g = 0;
    int exact = 1;
    raw_costs(p, h);
    for (int j = 0; j <= NCHOICE; j++) {
        W[j] = (long)ceil(h[j] - 1e-6);
        D[j] = (long)floor(h[j] + 1e-6);
        exact &= W[j] == D[j];
        g = gcd(g, W[j]);
    }
    long B = budget_units(p, budget), q = exact && g > 0 ? g : 1;
    for (;;) {
        for (int j = 0; j <= NCHOICE; j++) {
            int wu = (int)((W[j] + q - 1) / q), wd = (int)(D[j] / q);
            if (j < NCHOICE)
                up->q.w[j] = wu, down->q.w[j] = wd;
            else
                up->q.wg = wu, down->q.wg = wd;
        }
        up->q.U = down->q.U = (int)(B / q);
        up->unit = down->unit = q;
        up->exact = down->exact = exact;
        up->q.K = down->q.K = K;
        up->q.tight = down->q.tight = p->s.objective == DK_OBJ_WORST;
        /* coarsen until the tables fit */
        if (dk_ks_entries(w->ks, &up->q) <= MAX_ENTRIES
            && dk_ks_entries(w->ks, &down->q) <= MAX_ENTRIES)
            return exact;
        q *= 2;
        exact = 0;
    }
}

/* Selection k at cost u, flag t of the last solve as a plan on top of base
 * (the schools outside the knapsack as base has them), kept in out. */
static void take(const dk_planner *p, work *w, const ask *a, int u, int t, int k,
                 const dk_plan *base, dk_plan *out, int *n)
{
    int c0 = p->first[w->k0], c1 = p->first[w->k0 + w->nk];
    dk_plan x = *base;
    dk_ks_trace(w->ks, u, t, k, w->choice, w->option);
    memcpy(x.form + c0, w->choice, (size_t)(c1 - c0));
    memcpy(x.facility + w->k0, w->option, (size_t)w->nk);
    plan_score(p, a->r, &x);
    keep(p, a, out, n, &x);
}

/* A selection by its knapsack scores and exact grid cost. */
typedef struct {
    double a, b, c;
    int u, k;
} cand;

static int cand_ahead(const ask *a, const cand *x, const cand *y)
{
    int cheaper = x->u < y->u ? 1 : x->u > y->u ? -1 : 0;
    return order_says(a->order, sign(x->a, y->a), cheaper, sign(x->b, y->b),
                      sign(x->c, y->c));
}

/*
 * The selections at flag t of the last solve that cost at most ulim, kept
 * in out.  On an exact grid the knapsack's own scores and costs rank them
 * as their plans rank (the same sums), so only the best few are traced
 * back into plans; otherwise every one is.
 */
static void read_out(const dk_planner *p, work *w, const ask *a, int t, int ulim,
                     const dk_plan *base, dk_plan *out, int *n)
{
    cand best[DK_KS_MAX_K];
    int nb = 0;
    for (int u = 0; u <= ulim && u <= w->U; u++)
        for (int k = 0; k < dk_ks_count(w->ks, u, t) && k < a->max; k++) {
            if (!w->exact) {
                take(p, w, a, u, t, k, base, out, n);
                continue;
            }
            cand x = { .u = u, .k = k };
            dk_ks_value(w->ks, u, t, k, &x.a, &x.b, &x.c);
            if (nb == a->max && !cand_ahead(a, &x, &best[nb - 1]))
                continue;
            int i = nb < a->max ? nb++ : nb - 1;
            for (; i > 0 && cand_ahead(a, &x, &best[i - 1]); i--)
                best[i] = best[i - 1];
            best[i] = x;
        }
    for (int i = 0; i < nb; i++)
        take(p, w, a, best[i].u, t, best[i].k, base, out, n);
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Every class capability a choice gives in w's schools, highest first,
 * each once: the thresholds max-min tries.  Returns how many. */
static int thresholds(const dk_planner *p, work *w, int r)
{
    int m = 0, u = 0;
    for (int c = p->first[w->k0]; c < p->first[w->k0 + w->nk]; c++)
        for (int f = 0; f < 2; f++)
            for (int j = 0; j < NCHOICE; j++)
                if (allowed(p, c, f, j)) {
                    double hard;
                    choice(p, r, c, f, j, &w->thr[m++], &hard);
                }
    qsort(w->thr, (size_t)m, sizeof *w->thr, cmp_desc);
    for (int i = 0; i < m; i++)
        if (u == 0 || w->thr[i] != w->thr[u - 1])
            w->thr[u++] = w->thr[i];
    return u;
}

/* The highest threshold every class can keep within the budget: the
 * cheapest choice at or above it per class decides, so this needs no
 * programme; the lowest threshold is always kept by adding nothing. */
static int top_reachable(const dk_planner *p, work *w, const ask *a, const grid *g, int m)
{
    int lo = 0, hi = m - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        fill(p, w, a, w->thr[mid], 0);
        long cost = dk_ks_min_cost(w->ks, &g->q);
        if (cost >= 0 && cost <= g->q.U)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The best plans on grid g; -1 when out of memory. */
static int solve_grid(const dk_planner *p, work *w, const grid *g, const ask *a,
                      const dk_plan *base, dk_plan *out)
{
    int n = 0;
    if (p->s.objective != DK_OBJ_WORST) {
        /* the anchor is affordable on an exact grid: what it scores, some
         * plan reaches */
        double floor = a->anchor && g->exact
                     ? goodness(p, dk_planner_value_r(p, a->anchor, a->r)) : -INFINITY;
        fill(p, w, a, 0, 0);
        if (ks_solve(w, g, a, floor, 0) != 0)
            return -1;
        read_out(p, w, a, 0, w->U, base, out, &n);
        return n;
    }
    /* Max-min: from the highest threshold the budget reaches down; the
     * plans whose lowest class sits at a higher one rank first. */
    int m = thresholds(p, w, a->r), i = top_reachable(p, w, a, g, m);
    if (a->max == 1) {
        /* at the highest threshold the budget reaches, every affordable
         * plan that keeps each class at it has its lowest class exactly
         * there (else a higher one were reached): no flag needed */
        fill(p, w, a, w->thr[i], 0);
        if (ks_solve(w, g, a, -INFINITY, 0) != 0)
            return -1;
        read_out(p, w, a, 0, w->U, base, out, &n);
        return n;
    }
    for (; i < m && n < a->max; i++) {
        fill(p, w, a, w->thr[i], 1);
        if (ks_solve(w, g, a, -INFINITY, 1) != 0)
            return -1;
        read_out(p, w, a, 1, w->U, base, out, &n);
    }
    return n;
}

/* The best plans of every school within budget; see dk_planner_solve. */
static int solve_budget(const dk_planner *p, double budget, const ask *a, dk_plan *out,
                        double *gap)
{
    work w;
    grid up, down;
    dk_plan none;
    if (work_init(p, 0, p->nschool, &w) != 0)
        return -1;
    memset(&none, 0, sizeof none);
    int exact = make_grids(p, &w, budget, a->K, &up, &down);
    int n = solve_grid(p, &w, &up, a, &none, out);
    *gap = 0;
    if (n > 0 && !exact) {
        dk_plan bound;
        ask b = *a;
        b.max = 1;
        int nb = solve_grid(p, &w, &down, &b, &none, &bound);
        if (nb < 0)
            n = -1;
        else if (nb == 1)
            *gap = fmax(0, goodness(p, bound.value) - goodness(p, out[0].value));
    }
    work_free(&w);
    return n;
}

int dk_planner_solve(const dk_planner *p, double budget, dk_plan *out, int max,
                     double *gap)
{
    max = max < 1 ? 1 : max > DK_KS_MAX_K ? DK_KS_MAX_K : max;
    ask a = { .r = -1, .order = p->s.prefer, .max = max, .K = max };
    return solve_budget(p, budget, &a, out, gap);
}

/* ---- what a plan leaves, replicate by replicate -------------------------- */

void dk_planner_compare(const dk_planner *p, const dk_plan *a,
                        const dk_plan *b, double *win, double *tie,
                        double *loss)
{
    int w = 0, t = 0;
    for (int r = 0; r < p->R; r++) {
        double x = goodness(p, dk_planner_value_r(p, a, r));
        double y = goodness(p, dk_planner_value_r(p, b, r));
        if (!dk_ks_differ(x, y))
            t++;
        else
            w += x > y;
    }
    *win = (double)w / p->R;
    *tie = (double)t / p->R;
    *loss = 1 - *win - *tie;
}

/* Mean and 90 % interval of x[0..n) (reorders x). */
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
                      int classes, double *mu, dk_plan_cell *cell)
{
    const dk_model *m = p->m;
    double sd = dk_teacher_sd(m, th, k->sector), fte = 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double y = dk_model_mean(m, th, k, o), le2, ge4;
        dk_answer_shares(y, sd, &le2, &ge4);
        mu[(size_t)o * (size_t)p->R] = dk_expected_answer(y, sd);
        cell[o].le2 += le2;
        cell[o].ge4 += ge4;
        if (DK_IS_NEED(o)) {
            /* a facility serves the school: each class carries 1/n of it */
            double f = dk_need_fte(m, th, o, ge4, classes);
            cell[o].fte += f;
            fte += f;
        }
    }
    return fte;
}

/* Objective gain per FTE of each class's form (against none, the same
 * facility), and of each facility (against the same forms without it). */
static void gains(const dk_planner *p, const dk_plan *plan, dk_plan_detail *d)
{
    for (int c = 0; c < p->n; c++) {
        int j = plan->form[c], f = plan->facility[p->school_of[c]];
        size_t x = at(p, f, c, j), o = at(p, f, c, 0);
        d->gain_per_fte[c] = !j ? 0
            : p->s.objective == DK_OBJ_HARDLY ? (p->hard[o] - p->hard[x]) / p->fte[j]
            : (p->cap[x] - p->cap[o]) / p->fte[j];
    }
    for (int k = 0; k < p->nschool; k++) {
        if (!plan->facility[k])
            continue;
        dk_plan without = *plan;
        without.facility[k] = 0;
        plan_score(p, -1, &without);
        d->facility_gain[k] = (goodness(p, plan->value) - goodness(p, without.value))
                            / p->fte[DK_SUP_FACILITY];
    }
}

/* What detail_replicate fills. */
typedef struct {
    const dk_plan *plan;
    dk_plan_detail *d;
    double *mu, *demand;
} detail_job;

static void detail_replicate(const dk_planner *p, const double *th, int r, void *ctx)
{
    detail_job *j = ctx;
    for (int c = 0; c < p->n; c++) {
        int k = p->school_of[c];
        dk_class cl = with(p, c, j->plan->facility[k], j->plan->form[c]);
        j->demand[r] += class_r(p, th, &cl, dk_planner_school_count(p, k),
                                j->mu + (size_t)c * DK_NOUTCOME * (size_t)p->R + (size_t)r,
                                j->d->cell + (size_t)c * DK_NOUTCOME);
    }
}

/* Every class's outcomes replicate by replicate into mu; demand per
 * replicate into demand. */
static int detail_draws(const dk_planner *p, const dk_plan *plan, dk_plan_detail *d,
                        double *mu, double *demand)
{
    detail_job j = { plan, d, mu, demand };
    return each_replicate(p, detail_replicate, &j);
}

int dk_planner_detail(const dk_planner *p, const dk_plan *plan, dk_plan_detail *d)
{
    size_t nc = (size_t)p->n * DK_NOUTCOME;
    memset(d, 0, sizeof *d);
    d->cell = dk_calloc(nc, sizeof *d->cell);
    d->gain_per_fte = dk_calloc((size_t)p->n, sizeof *d->gain_per_fte);
    d->facility_gain = dk_calloc((size_t)p->nschool, sizeof *d->facility_gain);
    double *mu = dk_malloc(nc * (size_t)p->R * sizeof *mu);
    double *demand = dk_calloc((size_t)p->R, sizeof *demand);
    int rc = -1;
    if (!d->cell || !d->gain_per_fte || !d->facility_gain || !mu || !demand
        || detail_draws(p, plan, d, mu, demand) != 0)
        goto done;
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
    rc = 0;
done:
    dk_free(demand);
    dk_free(mu);
    if (rc != 0)
        dk_plan_detail_free(d);
    return rc;
}

void dk_plan_detail_free(dk_plan_detail *d)
{
    dk_free(d->cell);
    dk_free(d->gain_per_fte);
    dk_free(d->facility_gain);
    d->cell = NULL;
    d->gain_per_fte = NULL;
    d->facility_gain = NULL;
}

/* ---- the whole answer ---------------------------------------------------- */

static int same_plan(const dk_planner *p, const dk_plan *x, const dk_plan *y)
{
    return memcmp(x->form, y->form, (size_t)p->n) == 0
        && memcmp(x->facility, y->facility, (size_t)p->nschool) == 0;
}

/* Each plan against the baseline, replicate by replicate. */
static int deltas(const dk_planner *p, dk_plan_result *res)
{
    double *d = dk_malloc((size_t)p->R * sizeof *d);
    if (!d)
        return -1;
    const dk_plan *base = &res->plan[res->nplan];
    for (int i = 0; i <= res->nplan; i++) {
        for (int r = 0; r < p->R; r++)
            d[r] = dk_planner_value_r(p, &res->plan[i], r) - dk_planner_value_r(p, base, r);
        interval(d, p->R, &res->delta[i][0], &res->delta[i][1], &res->delta[i][2]);
    }
    dk_free(d);
    return 0;
}

/* The best plan under the other tie order: a cheaper way to the same
 * objective (prefer mean), or a better secondary score for more money
 * (prefer cheaper). */
static int other_order(const dk_planner *p, double budget, dk_plan_result *res)
{
    ask a = { .r = -1, .max = 1, .K = 1,
              .order = p->s.prefer == DK_PREFER_CHEAPER ? DK_PREFER_MEAN : DK_PREFER_CHEAPER };
    const dk_plan *best = &res->plan[0], *o = &res->other;
    double gap;
    int n = solve_budget(p, budget, &a, &res->other, &gap);
    if (n < 0)
        return -1;
    res->has_other = n == 1 && !same_plan(p, best, o)
        && !dk_ks_differ(goodness(p, o->value), goodness(p, best->value))
        && (fabs(price(p, o) - price(p, best)) > 1e-9 * (1 + price(p, best))
            || dk_ks_differ(o->secondary, best->secondary));
    return 0;
}

/* Each replicate's own optimum, computed on its own scores with the same
 * budget grid and tie order; results by replicate, so the thread count
 * never changes them. */
typedef struct {
    const dk_planner *p;
    grid g;
    const dk_plan *best;
    unsigned char *form, *fac, *reach;
} optima_job;

static void *optima_start(const void *job)
{
    const optima_job *j = job;
    work *w = dk_malloc(sizeof *w);
    if (w && work_init(j->p, 0, j->p->nschool, w) != 0) {
        dk_free(w);
        w = NULL;
    }
    return w;
}

static void optima_stop(const void *job, void *wk)
{
    (void)job;
    if (wk)
        work_free(wk);
    dk_free(wk);
}

static int optimum(const void *job, void *wk, int r)
{
    const optima_job *j = job;
    const dk_planner *p = j->p;
    dk_plan opt, none;
    ask a = { .r = r, .order = p->s.prefer, .max = 1, .K = 1, .anchor = j->best };
    memset(&none, 0, sizeof none);
    if (solve_grid(p, wk, &j->g, &a, &none, &opt) != 1)
        return -1;
    memcpy(j->form + (size_t)r * (size_t)p->n, opt.form, (size_t)p->n);
    memcpy(j->fac + (size_t)r * (size_t)p->nschool, opt.facility, (size_t)p->nschool);
    double mine = goodness(p, dk_planner_value_r(p, j->best, r)), top = goodness(p, opt.value);
    j->reach[r] = !dk_ks_differ(mine, top) || mine > top;
    return 0;
}

static void tally(const dk_planner *p, const optima_job *j, dk_plan_result *res)
{
    for (int r = 0; r < p->R; r++) {
        res->p_best += j->reach[r];
        for (int c = 0; c < p->n; c++)
            res->agree[c] += j->form[(size_t)r * (size_t)p->n + (size_t)c] == j->best->form[c];
        for (int k = 0; k < p->nschool; k++)
            res->facility_agree[k] += j->fac[(size_t)r * (size_t)p->nschool + (size_t)k]
                                   == j->best->facility[k];
    }
    res->p_best /= p->R;
    for (int c = 0; c < p->n; c++)
        res->agree[c] /= p->R;
    for (int k = 0; k < p->nschool; k++)
        res->facility_agree[k] /= p->R;
}

static int optima(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res)
{
    optima_job j = { .p = p, .best = &res->plan[0] };
    grid down;
    work w;
    if (work_init(p, 0, p->nschool, &w) != 0)
        return -1;
    make_grids(p, &w, q->budget, 1, &j.g, &down);
    work_free(&w);
    size_t R = (size_t)p->R;
    j.form = dk_malloc(R * (size_t)p->n);
    j.fac = dk_malloc(R * (size_t)p->nschool);
    j.reach = dk_calloc(R, 1);
    res->agree = dk_calloc((size_t)p->n, sizeof *res->agree);
    res->facility_agree = dk_calloc((size_t)p->nschool, sizeof *res->facility_agree);
    int rc = -1;
    if (j.form && j.fac && j.reach && res->agree && res->facility_agree) {
        int threads = dk_threads_clamp(q->threads, p->R);
        dk_parallel par = { .n = p->R, .threads = threads, .job = &j,
                            .start = optima_start, .run = optimum, .stop = optima_stop };
        rc = dk_parallel_run(&par);
        if (rc == 0)
            tally(p, &j, res);
    }
    dk_free(j.form);
    dk_free(j.fac);
    dk_free(j.reach);
    return rc;
}

/* The best plan at each of the n steps, from one solve at the whole
 * budget: the best within a step's budget is the best over the costs up
 * to it.  Only for sums on an exact grid; 1 when done, 0 when not
 * possible, -1 when out of memory. */
static int curve_at_once(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res,
                         int n)
{
    work w;
    grid up, down;
    dk_plan none;
    ask a = { .r = -1, .order = p->s.prefer, .max = 1, .K = 1 };
    if (p->s.objective == DK_OBJ_WORST)
        return 0;
    if (work_init(p, 0, p->nschool, &w) != 0)
        return -1;
    int rc = make_grids(p, &w, q->budget, 1, &up, &down);
    memset(&none, 0, sizeof none);
    fill(p, &w, &a, 0, 0);
    if (rc == 1 && ks_solve(&w, &up, &a, -INFINITY, 0) != 0)
        rc = -1;
    for (int i = 0; rc == 1 && i < n; i++) {
        int m = 0;
        read_out(p, &w, &a, 0, (int)(budget_units(p, res->curve_budget[i]) / up.unit), &none,
                 &res->curve[i], &m);
        res->ncurve = i + 1;
    }
    work_free(&w);
    return rc;
}

/* The best plan at each step up to the budget: where the next step goes. */
static int curve(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res)
{
    int n = 0;
    while (n < MAX_CURVE && n * q->step <= q->budget + 1e-9)
        n++;
    res->curve = dk_malloc((size_t)n * sizeof *res->curve);
    res->curve_budget = dk_malloc((size_t)n * sizeof *res->curve_budget);
    if (!res->curve || !res->curve_budget)
        return -1;
    for (int i = 0; i < n; i++)
        res->curve_budget[i] = i * q->step;
    int done = curve_at_once(p, q, res, n);
    if (done != 0)
        return done < 0 ? -1 : 0;
    ask a = { .r = -1, .order = p->s.prefer, .max = 1, .K = 1 };
    for (int i = 0; i < n; i++) {
        double gap;
        if (solve_budget(p, res->curve_budget[i], &a, &res->curve[i], &gap) != 1)
            return -1;
        res->ncurve = i + 1;
    }
    return 0;
}

/* Max-min with only school k free: the classes elsewhere keep the best
 * plan's capability, so the worst class can rise no higher than theirs;
 * school k keeps every class at the highest level both allow. */
static int worst_within(const dk_planner *p, work *w, const grid *g, const ask *a,
                        const dk_plan *best, dk_plan *out)
{
    double others = INFINITY;
    int k = w->k0, n = 0;
    for (int c = 0; c < p->n; c++)
        if (p->school_of[c] != k) {
            double cap, hard;
            choice(p, -1, c, best->facility[p->school_of[c]], best->form[c], &cap, &hard);
            others = cap < others ? cap : others;
        }
    int m = thresholds(p, w, -1);
    fill(p, w, a, fmin(others, w->thr[top_reachable(p, w, a, g, m)]), 0);
    if (ks_solve(w, g, a, -INFINITY, 0) != 0)
        return -1;
    read_out(p, w, a, 0, w->U, best, out, &n);
    return n;
}

/* What `step` more to spend in school k alone buys at best: the whole
 * objective first, then the secondary score. */
static int next_step(const dk_planner *p, const dk_plan_request *q, const dk_plan *best,
                     int k, dk_plan_split *s)
{
    work w;
    grid up, down;
    dk_plan out;
    ask a = { .r = -1, .order = DK_PREFER_MEAN, .max = 1, .K = 1 };
    int n = 0;
    if (work_init(p, k, 1, &w) != 0)
        return -1;
    make_grids(p, &w, (p->s.euro_budget ? s->euro : s->cost) + q->step, 1, &up, &down);
    if (p->s.objective == DK_OBJ_WORST) {
        n = worst_within(p, &w, &up, &a, best, &out);
    } else {
        fill(p, &w, &a, 0, 0);
        n = ks_solve(&w, &up, &a, -INFINITY, 0) != 0 ? -1 : 0;
        if (n == 0)
            read_out(p, &w, &a, 0, w.U, best, &out, &n);
    }
    work_free(&w);
    if (n < 0)
        return -1;
    if (n == 0)     /* a coarsened grid may not afford even the current part */
        out = *best;
    s->next_value = out.value - best->value;
    s->next_secondary = out.secondary - best->secondary;
    spend(p, &out, k, k + 1, &s->next_cost, &s->next_euro);
    return 0;
}

/* Each school's part of the best plan, its own objective and its next step. */
static int split(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res)
{
    const dk_plan *best = &res->plan[0], *base = &res->plan[res->nplan];
    res->split = dk_calloc((size_t)p->nschool, sizeof *res->split);
    if (!res->split)
        return -1;
    for (int k = 0; k < p->nschool; k++) {
        dk_plan_split *s = &res->split[k];
        double sec;
        spend(p, best, k, k + 1, &s->cost, &s->euro);
        measure(p, -1, best, p->first[k], p->first[k + 1], &s->value, &sec);
        measure(p, -1, base, p->first[k], p->first[k + 1], &s->base, &sec);
        if (next_step(p, q, best, k, s) != 0)
            return -1;
    }
    return 0;
}

static int plans(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res)
{
    int max = q->max < 1 ? 1 : q->max > DK_PLAN_MAX_SHOWN ? DK_PLAN_MAX_SHOWN : q->max;
    ask a = { .r = -1, .order = p->s.prefer, .max = max, .K = max };
    res->nplan = solve_budget(p, q->budget, &a, res->plan, &res->gap);
    if (res->nplan < 0)
        return res->nplan = 0, -1;
    dk_planner_baseline(p, &res->plan[res->nplan]);
    for (int i = 0; i <= res->nplan; i++)
        if (dk_planner_detail(p, &res->plan[i], &res->det[i]) != 0)
            return -1;
    if (res->nplan > 1)
        dk_planner_compare(p, &res->plan[0], &res->plan[1], &res->win, &res->tie, &res->loss);
    return deltas(p, res);
}

/* The classes and schools planned, copied for the report. */
static void who(const dk_planner *p, dk_plan_who *w)
{
    w->nclass = p->n;
    w->nschool = p->nschool;
    for (int c = 0; c < p->n; c++) {
        w->cls[c] = dk_planner_class(p, c);
        w->school_of[c] = p->school_of[c];
    }
    for (int k = 0; k < p->nschool; k++) {
        w->school[k] = dk_planner_school(p, k);
        w->first[k] = p->first[k];
        w->count[k] = p->first[k + 1] - p->first[k];
        w->facility_ok[k] = p->facility_ok[k];
    }
    memcpy(w->fte, p->fte, sizeof w->fte);
}

int dk_plan_run(const dk_planner *p, const dk_plan_request *q, dk_plan_result *res,
                dk_err *e)
{
    memset(res, 0, sizeof *res);
    who(p, &res->who);
    if (plans(p, q, res) != 0 || other_order(p, q->budget, res) != 0
        || optima(p, q, res) != 0 || curve(p, q, res) != 0 || split(p, q, res) != 0) {
        dk_plan_result_free(res);
        return dk_fail_oom(e, "plan");
    }
    return 0;
}

int dk_plan_robust(double share)
{
    /* shares are counts over R: 0.9 must not fail on its last bit */
    return share >= DK_PLAN_ROBUST - 1e-9;
}

void dk_plan_result_free(dk_plan_result *res)
{
    for (int i = 0; i <= DK_PLAN_MAX_SHOWN; i++)
        dk_plan_detail_free(&res->det[i]);
    dk_free(res->agree);
    dk_free(res->facility_agree);
    dk_free(res->curve);
    dk_free(res->curve_budget);
    dk_free(res->split);
    memset(res, 0, sizeof *res);
}
