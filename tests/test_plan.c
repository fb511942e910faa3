/* test_plan.c -- the staffing planner against exhaustive enumeration (one
 * school and boards of two and three), the board against every split of
 * its budget, the replicates' own optima against enumeration per
 * replicate, and `plan` through the binary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "readers.h"
#include "draagkracht/run/scenario.h"
#include "draagkracht/run/plan.h"

/* Six classes of varied weight; one has an assistant already, so its
 * choices differ from the others'. */
static const char *school6 =
    "[run]\nseed = 3\nreplicates = 200\n[school S]\nsector = po\n"
    "[class a]\nclass-size = 24\nsupport-needs = 5\nheavy = 1\n"
    "[class b]\nclass-size = 28\nsupport-needs = 11\nheavy = 5\n"
    "[class c]\nclass-size = 26\nsupport-needs = 8\nheavy = 3\nsupport = assistant\n"
    "[class d]\nclass-size = 22\nsupport-needs = 7\nheavy = 2\nexperience = novice\n"
    "[class e]\nclass-size = 30\nsupport-needs = 12\nheavy = 4\n"
    "[class f]\nclass-size = 25\nsupport-needs = 6\nheavy = 3\n";

/* Boards: two schools of three classes (po, vo), and three schools of
 * three, two and two (one already has a facility in a class); both start
 * with the same po school and vmbo class. */
#define SCHOOL_P \
    "[school P]\nsector = po\n" \
    "[class p1]\nclass-size = 26\nsupport-needs = 9\nheavy = 4\n" \
    "[class p2]\nclass-size = 23\nsupport-needs = 6\nheavy = 2\n" \
    "[class p3]\nclass-size = 29\nsupport-needs = 11\nheavy = 5\n" \
    "[school V]\nsector = vo\nlevel = vmbo\n" \
    "[class v1]\nclass-size = 21\nsupport-needs = 10\nheavy = 5\n"

static const char *board2 =
    "[run]\nseed = 4\nreplicates = 100\n" SCHOOL_P
    "[class v2]\nclass-size = 20\nsupport-needs = 8\nheavy = 3\nsupport = specialist\n"
    "[class v3]\nclass-size = 24\nsupport-needs = 9\nheavy = 4\n";

static const char *board3 =
    "[run]\nseed = 5\nreplicates = 100\n" SCHOOL_P
    "[class v2]\nclass-size = 20\nsupport-needs = 8\nheavy = 3\nsupport = facility\n"
    "[school H]\nsector = vo\nlevel = havo-vwo\n"
    "[class h1]\nclass-size = 29\nsupport-needs = 6\nheavy = 2\n"
    "[class h2]\nclass-size = 27\nsupport-needs = 7\nheavy = 3\n";

/* Four vo classes where `hardly` ties many plans: the school of issue 19. */
static const char *four =
    "[run]\nseed = 20261121\nreplicates = 300\n[school S]\nsector = vo\n"
    "[class 1a]\nclass-size = 28\nsupport-needs = 9\nheavy = 4\n"
    "[class 1b]\nclass-size = 26\nsupport-needs = 7\nheavy = 3\n"
    "[class 2a]\nclass-size = 30\nsupport-needs = 11\nheavy = 5\n"
    "[class 2b]\nclass-size = 25\nsupport-needs = 6\nheavy = 2\n";

#define NBUDGET 6
#define TOP 5

/* The planner's question for one objective and tie order. */
static dk_plan_settings settings(const dk_scenario *sc, int o, int prefer, unsigned menu)
{
    dk_plan_settings s = { .objective = (dk_objective)o, .prefer = (dk_prefer)prefer,
                           .aspect = o == DK_OBJ_HARDLY ? DK_TAILOR : -1,
                           .threshold = 2.5, .menu = menu, .seed = sc->seed,
                           .replicates = sc->replicates };
    for (int f = 0; f < DK_NSUPPORT; f++)
        s.euro_per_fte[f] = -1;
    return s;
}

/* Plans in the order plan.h documents, written out again independently:
 * the objective (within 1e-9), then price and secondary score in the
 * order preferred. */
static int ahead(const dk_plan_settings *s, const dk_plan *x, const dk_plan *y)
{
    double gx = s->objective == DK_OBJ_HARDLY ? -x->value : x->value;
    double gy = s->objective == DK_OBJ_HARDLY ? -y->value : y->value;
    if (fabs(gx - gy) > 1e-9)
        return gx > gy;
    double cx = s->euro_budget ? x->euro : x->cost, cy = s->euro_budget ? y->euro : y->cost;
    int cheaper = cx < cy - 1e-9 ? 1 : cy < cx - 1e-9 ? -1 : 0;
    int sec = fabs(x->secondary - y->secondary) <= 1e-9 ? 0
            : x->secondary > y->secondary ? 1 : -1;
    if (s->prefer == DK_PREFER_CHEAPER)
        return cheaper ? cheaper > 0 : sec > 0;
    return sec ? sec > 0 : cheaper > 0;
}

/* The next plan in a fixed order over every allowed choice of every class
 * and school; 0 after the last. */
static int next_plan(const dk_planner *p, dk_plan *x)
{
    for (int c = 0; c < dk_planner_nclass(p); c++) {
        do
            x->form[c]++;
        while (x->form[c] < 4 && !(dk_planner_choices(p, c) >> x->form[c] & 1u));
        if (x->form[c] < 4)
            return 1;
        x->form[c] = 0;
    }
    for (int k = 0; k < dk_planner_nschool(p); k++) {
        if (dk_planner_facility_allowed(p, k) && !x->facility[k])
            return x->facility[k] = 1, 1;
        x->facility[k] = 0;
    }
    return 0;
}

/* The best TOP of the plans seen, by brute force. */
typedef struct {
    dk_plan best[TOP];
    int n;
    double cheapest;        /* least price among plans tying best[0]'s value */
} top;

static void offer(const dk_plan_settings *s, top *t, const dk_plan *x)
{
    int i = t->n < TOP ? t->n++ : TOP;
    if (i == TOP && !ahead(s, x, &t->best[TOP - 1]))
        return;
    if (i == TOP)
        i = TOP - 1;
    while (i > 0 && ahead(s, x, &t->best[i - 1])) {
        t->best[i] = t->best[i - 1];
        i--;
    }
    t->best[i] = *x;
}

static double price(const dk_plan_settings *s, const dk_plan *x)
{
    return s->euro_budget ? x->euro : x->cost;
}

/* Every plan within each budget, for both tie orders at once. */
static void enumerate(const dk_planner *p, const double *budget, int nb,
                      top out[][2])
{
    dk_plan_settings s[2] = { *dk_planner_settings(p), *dk_planner_settings(p) };
    s[0].prefer = DK_PREFER_CHEAPER;
    s[1].prefer = DK_PREFER_MEAN;
    dk_plan *x = calloc(1, sizeof *x);
    memset(out, 0, (size_t)nb * sizeof *out);
    do {
        dk_planner_score(p, x);
        for (int b = 0; b < nb; b++)
            if (price(&s[0], x) <= budget[b] + 1e-9)
                for (int o = 0; o < 2; o++)
                    offer(&s[o], &out[b][o], x);
    } while (next_plan(p, x));
    /* the cheapest plan with the best value, in a second pass */
    memset(x, 0, sizeof *x);
    for (int b = 0; b < nb; b++)
        out[b][0].cheapest = INFINITY;
    do {
        dk_planner_score(p, x);
        for (int b = 0; b < nb; b++)
            if (price(&s[0], x) <= budget[b] + 1e-9
                && fabs(x->value - out[b][0].best[0].value) <= 1e-9)
                out[b][0].cheapest = fmin(out[b][0].cheapest, price(&s[0], x));
    } while (next_plan(p, x));
    free(x);
}

static int same_plan(const dk_planner *p, const dk_plan *x, const dk_plan *y)
{
    return memcmp(x->form, y->form, (size_t)dk_planner_nclass(p)) == 0
        && memcmp(x->facility, y->facility, (size_t)dk_planner_nschool(p)) == 0;
}

/* The planner's TOP best against enumeration's, rank by rank: the same
 * value, price and secondary score, distinct, affordable, exact. */
static int mismatches(const dk_planner *p, double budget, const top *want)
{
    dk_plan got[TOP];
    double gap;
    const dk_plan_settings *s = dk_planner_settings(p);
    int ng = dk_planner_solve(p, budget, got, TOP, &gap), bad = ng != want->n || gap != 0;
    for (int i = 0; i < ng && i < want->n; i++) {
        const dk_plan *w = &want->best[i];
        bad += fabs(got[i].value - w->value) > 1e-9 || fabs(price(s, &got[i]) - price(s, w)) > 1e-9
             || fabs(got[i].secondary - w->secondary) > 1e-9 || price(s, &got[i]) > budget + 1e-9;
        for (int j = 0; j < i; j++)
            bad += same_plan(p, &got[j], &got[i]);
    }
    /* issue 19: under `cheaper` the best plan is the cheapest with its value */
    if (s->prefer == DK_PREFER_CHEAPER && ng > 0)
        bad += fabs(price(s, &got[0]) - want->cheapest) > 1e-9;
    return bad;
}

/* The scenario text parsed, or -1 after recording why. */
static int parsed(t_ctx *t, dk_model *m, const char *name, const char *text, dk_scenario *sc)
{
    dk_err e = { 0 };
    if (dk_scenario_read(sc, m, name, text, strlen(text), &e) == 0)
        return 0;
    t_ok(t, 0, name, "%s", e.msg);
    return -1;
}

/* For every objective and both tie orders, the planner of sc (school -1:
 * all schools) against enumeration at each budget. */
static void against_enumeration(t_ctx *t, dk_model *m, const char *name, const char *text,
                                int school, const double *budget, int nb, int euro)
{
    dk_scenario sc;
    dk_err e = { 0 };
    if (parsed(t, m, name, text, &sc) != 0)
        return;
    for (int o = DK_OBJ_MEAN; o <= DK_OBJ_WORST; o++) {
        top (*want)[2] = calloc((size_t)nb, sizeof *want);
        int bad = 0;
        for (int pr = 0; pr < 2; pr++) {
            dk_plan_settings s = settings(&sc, o, pr, 0x1e);
            static const double rate[DK_NSUPPORT] = { 0, 52000, 68000, 80000, 75000 };
            if (euro)
                memcpy(s.euro_per_fte, rate, sizeof rate), s.euro_budget = 1;
            dk_planner *p = dk_planner_alloc(m, &sc, school, &s, &e);
            if (!p) {
                bad++;
                break;
            }
            if (pr == 0)
                enumerate(p, budget, nb, want);
            for (int b = 0; b < nb; b++)
                bad += mismatches(p, budget[b], &want[b][pr]);
            dk_planner_free(p);
        }
        char what[200];
        snprintf(what, sizeof what, "plan: %s, %s: the %d best plans, both tie orders, equal "
                 "exhaustive enumeration at %d budgets%s", name, dk_objective_names[o], TOP,
                 nb, euro ? " in euros" : "");
        t_ok(t, bad == 0, what, "%d mismatches", bad);
        free(want);
    }
    dk_scenario_free(&sc);
}

/* ---- a board is the best split of its budget ------------------------------ */

/* The board's objective from its schools' own values. */
static double combine(dk_objective o, const double *v, const int *n, int ns)
{
    double sum = 0, low = INFINITY;
    int all = 0;
    for (int k = 0; k < ns; k++) {
        sum += o == DK_OBJ_MEAN ? v[k] * n[k] : v[k];
        low = fmin(low, v[k]);
        all += n[k];
    }
    return o == DK_OBJ_MEAN ? sum / all : o == DK_OBJ_HARDLY ? sum : low;
}

/* Best over every split of H hours between the schools, each school's
 * share planned alone: v[k][h] is school k's best with h hours. */
static double best_split(dk_objective o, double v[][41], const int *n, int ns, int H)
{
    double best = o == DK_OBJ_HARDLY ? INFINITY : -INFINITY, x[3];
    for (int h0 = 0; h0 <= H; h0++)
        for (int h1 = 0; h0 + h1 <= H; h1++)
            for (int h2 = 0; h2 <= (ns == 3 ? H - h0 - h1 : 0); h2++) {
                x[0] = v[0][h0], x[1] = v[1][h1], x[2] = ns == 3 ? v[2][h2] : 0;
                double c = combine(o, x, n, ns);
                best = o == DK_OBJ_HARDLY ? fmin(best, c) : fmax(best, c);
            }
    return best;
}

static int split_mismatch(dk_model *m, const dk_scenario *sc, int o, int H, dk_err *e)
{
    dk_plan_settings s = settings(sc, o, DK_PREFER_CHEAPER, 0x1e);
    double v[3][41], gap;
    int n[3], bad = 0;
    dk_plan best;
    for (int k = 0; k < sc->nschool; k++) {
        dk_planner *p = dk_planner_alloc(m, sc, k, &s, e);
        if (!p)
            return 1;
        n[k] = sc->schools[k].nclass;
        for (int h = 0; h <= H; h++)
            bad += dk_planner_solve(p, h / 40.0, &best, 1, &gap) != 1, v[k][h] = best.value;
        dk_planner_free(p);
    }
    dk_planner *board = dk_planner_alloc(m, sc, -1, &s, e);
    if (!board)
        return 1;
    bad += dk_planner_solve(board, H / 40.0, &best, 1, &gap) != 1;
    bad += fabs(best.value - best_split((dk_objective)o, v, n, sc->nschool, H)) > 1e-9;
    dk_planner_free(board);
    return bad;
}

/* Per objective, the board's best equals the best over every split of the
 * budget (to the hour, the costs' common unit) between its schools. */
static void board_is_best_split(t_ctx *t, dk_model *m, const char *name, const char *text,
                                int H)
{
    dk_scenario sc;
    dk_err e = { 0 };
    if (parsed(t, m, name, text, &sc) != 0)
        return;
    for (int o = DK_OBJ_MEAN; o <= DK_OBJ_WORST; o++) {
        char what[200];
        snprintf(what, sizeof what, "plan: %s, %s: the board's best equals the best split "
                 "of %d hours between its %d schools", name, dk_objective_names[o], H,
                 sc.nschool);
        t_ok(t, split_mismatch(m, &sc, o, H, &e) == 0, what, "mismatch (%s)", e.msg);
    }
    dk_scenario_free(&sc);
}

/* ---- the replicates' own optima ------------------------------------------ */

static int agreement(const dk_planner *p, const dk_plan *x, const dk_plan *y)
{
    int n = 0;
    for (int c = 0; c < dk_planner_nclass(p); c++)
        n += x->form[c] == y->form[c];
    for (int k = 0; k < dk_planner_nschool(p); k++)
        n += x->facility[k] == y->facility[k];
    return n;
}

/* Replicate r by brute force: the best value, and per choice whether all
 * (lo) or some (hi) of the optima closest to best make best's choice. */
typedef struct {
    dk_plan opt;
    int close;
    unsigned char all[64], some[64];
} rep_opt;

static void replicate_optimum(const dk_planner *p, int r, double budget, const dk_plan *best,
                              rep_opt *ro)
{
    const dk_plan_settings *s = dk_planner_settings(p);
    int n = dk_planner_nclass(p), ns = dk_planner_nschool(p), seen = 0;
    dk_plan *x = calloc(1, sizeof *x);
    for (int pass = 0; pass < 2; pass++) {
        memset(x, 0, sizeof *x);
        do {
            dk_planner_score_r(p, r, x);
            if (price(s, x) > budget + 1e-9)
                continue;
            int close = agreement(p, x, best);
            if (pass == 0 && (!seen || ahead(s, x, &ro->opt)
                              || (!ahead(s, &ro->opt, x) && close > ro->close)))
                ro->opt = *x, ro->close = close, seen = 1;
            if (pass == 1 && !ahead(s, x, &ro->opt) && !ahead(s, &ro->opt, x)
                && close == ro->close) {
                for (int c = 0; c < n; c++)
                    ro->all[c] &= x->form[c] == best->form[c], ro->some[c] |= x->form[c] == best->form[c];
                for (int k = 0; k < ns; k++)
                    ro->all[n + k] &= x->facility[k] == best->facility[k],
                    ro->some[n + k] |= x->facility[k] == best->facility[k];
            }
        } while (next_plan(p, x));
        if (pass == 0)
            memset(ro->all, 1, sizeof ro->all), memset(ro->some, 0, sizeof ro->some);
    }
    free(x);
}

/* How sure the best plan is, against a brute-force optimum per replicate;
 * and the same answer on 1 and 3 threads. */
static int optima_mismatch(const dk_planner *p, double budget)
{
    dk_plan_request q = { .budget = budget, .max = 3, .step = 0.25, .threads = 1 };
    dk_plan_result res, res3;
    dk_err e = { 0 };
    int n = dk_planner_nclass(p), ns = dk_planner_nschool(p), R = dk_planner_replicates(p);
    if (dk_plan_run(p, &q, &res, &e) != 0)
        return 1;
    q.threads = 3;
    if (dk_plan_run(p, &q, &res3, &e) != 0)
        return dk_plan_result_free(&res), 1;
    int bad = res.p_best != res3.p_best || memcmp(res.agree, res3.agree, (size_t)n * sizeof *res.agree)
            || memcmp(res.facility_agree, res3.facility_agree, (size_t)ns * sizeof *res.agree);
    int reach = 0, lo[64] = { 0 }, hi[64] = { 0 };
    rep_opt *ro = malloc(sizeof *ro);
    for (int r = 0; r < R; r++) {
        replicate_optimum(p, r, budget, &res.plan[0], ro);
        double mine = dk_planner_value_r(p, &res.plan[0], r);
        reach += fabs(mine - ro->opt.value) <= 1e-9;
        for (int i = 0; i < n + ns; i++)
            lo[i] += ro->all[i], hi[i] += ro->some[i];
    }
    free(ro);
    bad += fabs(res.p_best - (double)reach / R) > 1e-12;
    for (int i = 0; i < n + ns; i++) {
        double got = R * (i < n ? res.agree[i] : res.facility_agree[i - n]);
        bad += got < lo[i] - 1e-6 || got > hi[i] + 1e-6;
    }
    dk_plan_result_free(&res);
    dk_plan_result_free(&res3);
    return bad;
}

static void optima(t_ctx *t, dk_model *m, const char *name, const char *text, double budget)
{
    dk_scenario sc;
    dk_err e = { 0 };
    if (parsed(t, m, name, text, &sc) != 0)
        return;
    sc.replicates = 40;
    for (int o = DK_OBJ_MEAN; o <= DK_OBJ_WORST; o++)
        for (int pr = 0; pr < 2; pr++) {
            dk_plan_settings s = settings(&sc, o, pr, 0x1e);
            dk_planner *p = dk_planner_alloc(m, &sc, -1, &s, &e);
            char what[240];
            snprintf(what, sizeof what, "plan: %s, %s, prefer %s: P(best) and robust choices "
                     "equal each replicate's brute-force optimum; 1 and 3 threads agree", name,
                     dk_objective_names[o], dk_prefer_names[pr]);
            t_ok(t, p && optima_mismatch(p, budget) == 0, what, "mismatch");
            dk_planner_free(p);
        }
    dk_scenario_free(&sc);
}

/* ---- grid, monotonicity, common random numbers ---------------------------- */

/* Costs off the hundredth-hour grid and a budget too large for the exact
 * table: the answer must stay affordable and the reported gap must bound
 * the true optimum. */
static void coarse_grid(t_ctx *t, dk_model *m, const dk_scenario *sc)
{
    dk_err e = { 0 };
    int ia = dk_model_find(m, "cost.assistant.hours");
    double keep = m->p[ia].value;
    m->p[ia].value = 15.3333;
    dk_plan_settings s = settings(sc, DK_OBJ_MEAN, DK_PREFER_CHEAPER, 0x1e);
    dk_planner *p = dk_planner_alloc(m, sc, 0, &s, &e);
    top (*want)[2] = calloc(2, sizeof *want);
    static const double budget[2] = { 0.8, 100 };
    double gap[2] = { 0, 0 };
    dk_plan got[2];
    int ok = p != NULL;
    if (ok) {
        enumerate(p, budget, 2, want);
        for (int b = 0; b < 2; b++)
            ok &= dk_planner_solve(p, budget[b], &got[b], 1, &gap[b]) == 1;
    }
    t_ok(t, ok && got[0].cost <= 0.8 + 1e-9 && got[0].value <= want[0][0].best[0].value + 1e-12
            && got[0].value + gap[0] >= want[0][0].best[0].value - 1e-12,
         "plan: off-grid costs: affordable, and value + gap bounds the optimum",
         "value %.6f gap %.6f optimum %.6f", got[0].value, gap[0], want[0][0].best[0].value);
    t_ok(t, ok && got[1].value <= want[1][0].best[0].value + 1e-12
            && got[1].value + gap[1] >= want[1][0].best[0].value - 1e-12,
         "plan: coarsened grid: value + gap bounds the optimum", "value %.6f gap %.6f "
         "optimum %.6f", got[1].value, gap[1], want[1][0].best[0].value);
    free(want);
    dk_planner_free(p);
    m->p[ia].value = keep;
}

static void monotone_and_crn(t_ctx *t, dk_model *m, const dk_scenario *sc)
{
    dk_err e = { 0 };
    dk_plan_settings s = settings(sc, DK_OBJ_MEAN, DK_PREFER_CHEAPER, 0x1e);
    dk_planner *p = dk_planner_alloc(m, sc, 0, &s, &e);
    if (!p)
        return;
    double prev = -INFINITY, gap;
    int bad = 0;
    for (int k = 0; k <= 20; k++) {
        dk_plan x;
        dk_planner_solve(p, 0.1 * k, &x, 1, &gap);
        bad += x.value < prev - 1e-12;
        prev = x.value;
    }
    t_ok(t, bad == 0, "plan: more budget never gives a worse best plan", "%d drops", bad);
    dk_plan best, base;
    dk_planner_solve(p, 1.0, &best, 1, &gap);
    dk_planner_baseline(p, &base);
    double win, tie, loss;
    dk_planner_compare(p, &best, &base, &win, &tie, &loss);
    /* every support effect is positive in every draw, so with common random
     * numbers the best plan beats doing nothing in each replicate */
    t_ok(t, win == 1 && tie == 0, "plan: with common random numbers the best plan "
         "beats the baseline in every replicate", "win %.3f tie %.3f", win, tie);
    dk_planner_free(p);
}

/* ---- through the binary --------------------------------------------------- */

/* Bad plan requests through the binary: exit 2, the message, no output. */
static void cli_errors(t_ctx *t)
{
    static const char *base = "[school S]\n[class a]\n[class b]\nsupport = assistant\n";
    static const struct { const char *name, *text, *args, *expect; } cases[] = {
        { "negative budget", NULL, "--budget -1", "plan: --budget: -1 is outside 0..1000" },
        { "budget not a number", NULL, "--budget lots", "plan: --budget: 'lots' is not a number" },
        { "unknown form in --options", NULL, "--budget 1 --options asistant",
          "plan: --options: unknown form 'asistant' (did you mean 'assistant'?)" },
        { "unknown objective", NULL, "--budget 1 --objective meen",
          "plan: --objective: unknown value 'meen' (did you mean 'mean'?)" },
        { "unknown tie order", NULL, "--budget 1 --prefer cheap",
          "plan: --prefer: unknown value 'cheap' (did you mean 'cheaper'?)" },
        { "unknown tie order in [plan]", "[plan]\nbudget = 1\nprefer = costs\n", "",
          "p.ini:7: prefer: unknown prefer 'costs' (one of: cheaper, mean)" },
        { "unknown form in [plan]", "[plan]\nbudget = 1\noptions = facilty\n", "",
          "p.ini:7: options: unknown form 'facilty' (did you mean 'facility'?)" },
        { "budget in [plan] negative", "[plan]\nbudget = -0.5\n", "",
          "p.ini:6: budget: -0.5 is outside 0..1000" },
        { "no budget anywhere", "", "", "no budget: give --budget FTE" },
        { "euro budget without rates", "", "--budget-euro 50000",
          "a budget in euros needs euro-per-fte rates" },
        { "both budgets", NULL, "--budget 1 --budget-euro 5", "give --budget or --budget-euro, not both" },
        { "euro rate missing for a form it may use",
          "[plan]\nbudget = 1\noptions = assistant, facility\neuro-per-fte.assistant = 50000\n", "",
          "p.ini:5: euro-per-fte.facility: missing" },
        { "a class that cannot take any form", "[plan]\nbudget = 1\noptions = assistant\n", "",
          "p.ini:3: class 'b': cannot take any form" },
        { "unknown [plan] key", "[plan]\nbuget = 1\n", "",
          "p.ini:6: buget: unknown key 'buget' (did you mean 'budget'?)" },
        { "second [plan]", "[plan]\nbudget = 1\n[plan]\n", "", "p.ini:7: plan: a second [plan] section" },
        { "unknown school", "[school Tweede]\n[class x]\n", "--budget 1 --school Twede",
          "plan: --school: no school 'Twede' in " },
        { "threads out of range", NULL, "--budget 1 --threads 0", "plan: --threads: 0 is outside 1..256" },
        { "population", "[population R]\nclasses = 10\n", "--budget 1",
          "population 'R': plan works on the classes of schools" },
    };
    char path[400], out[400], args[1400], text[1000];
    snprintf(path, sizeof path, "%s/p.ini", t->tmp);
    snprintf(out, sizeof out, "%s/never.txt", t->tmp);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "%s%s", base, cases[i].text ? cases[i].text : "");
        write_file(path, text);
        remove(out);
        snprintf(args, sizeof args, "plan %s %s -o %s", path, cases[i].args, out);
        t_run_result r;
        t_run(t, args, &r);
        char name[200];
        snprintf(name, sizeof name, "plan bad input: %s", cases[i].name);
        t_ok(t, r.status == 2 && t_contains(r.err, cases[i].expect) && r.outlen == 0
                && !t_exists(out), name, "status %d, stderr: %s", r.status, r.err);
        t_run_free(&r);
    }
}

/* Issue 19's school: under `hardly` many plans tie; the cheaper one is
 * best, and the words say what more money would buy. */
static void cli_ties(t_ctx *t)
{
    char path[400], args[600];
    snprintf(path, sizeof path, "%s/four.ini", t->tmp);
    write_file(path, four);
    t_run_result r;
    snprintf(args, sizeof args, "plan %s --budget 0.7 --objective hardly --aspect all "
             "--options assistant,specialist,facility", path);
    t_run(t, args, &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "reaches it for 0.47 FTE of the 0.70 FTE")
         && t_contains(r.out, "(--prefer mean ranks it first)"),
         "plan: prefer cheaper says the best plan reaches the objective for less than the budget",
         "status %d: %.2000s", r.status, r.out);
    t_run_free(&r);
    snprintf(args, sizeof args, "plan %s --budget 0.7 --objective hardly --aspect all "
             "--options assistant,specialist,facility --prefer mean", path);
    t_run(t, args, &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "The same result for 0.47 FTE: 1b: assistant; 2b: "
         "specialist") && t_contains(r.out, "--prefer cheaper ranks it first"),
         "plan: prefer mean names the cheaper plan with the same result",
         "status %d: %.2000s", r.status, r.out);
    t_run_free(&r);
}

/* The board's JSON, read strictly: its schools' spend adds up to the best
 * plan's cost, every class has a chosen share, every school a next step. */
static int board_json_ok(const char *text, size_t len)
{
    tj_value v;
    char err[200], ptr[80];
    if (tj_parse(text, len, &v, err, sizeof err) != 0)
        return 0;
    const tj_value *schools = tj_at(&v, "/schools"), *classes = tj_at(&v, "/plans/0/classes");
    const tj_value *cost = tj_at(&v, "/plans/0/cost_fte"), *pb = tj_at(&v, "/p_best_reaches_replicate_optimum");
    int ok = schools && schools->kind == TJ_ARRAY && schools->n == 4 && classes
          && classes->n == 23 && cost && pb && pb->num >= 0 && pb->num <= 1
          && tj_at(&v, "/school") && tj_at(&v, "/school")->kind == TJ_NULL;
    double sum = 0;
    for (size_t k = 0; ok && k < 4; k++) {
        snprintf(ptr, sizeof ptr, "/schools/%zu/cost_fte", k);
        const tj_value *c = tj_at(&v, ptr);
        snprintf(ptr, sizeof ptr, "/schools/%zu/next_objective", k);
        ok &= c && c->kind == TJ_NUMBER && tj_at(&v, ptr) != NULL;
        sum += ok ? c->num : 0;
    }
    for (size_t c = 0; ok && c < 23; c++) {
        snprintf(ptr, sizeof ptr, "/plans/0/classes/%zu/chosen_share", c);
        const tj_value *x = tj_at(&v, ptr);
        ok &= x && x->num >= 0 && x->num <= 1;
    }
    ok &= cost && fabs(sum - cost->num) < 1e-9;
    tj_free(&v);
    return ok;
}

static void cli_board(t_ctx *t)
{
    t_run_result r, z;
    t_run(t, "plan scenarios/board.ini --replicates 200", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Plan for 4 schools under one budget (23 classes): "
         "budget 3.00 FTE") && t_contains(r.out, "Split of the budget over the schools")
         && t_contains(r.out, "Het Baken") && t_contains(r.out, "Robust (the same choice in >= 90%"),
         "plan: the board example plans four schools under one budget",
         "status %d: %.300s", r.status, r.err);
    t_run_free(&r);
    t_run(t, "plan scenarios/board.ini --replicates 200 --format json", &r);
    t_ok(t, r.status == 0 && board_json_ok(r.out, r.outlen),
         "plan: a board as strict JSON: four schools whose spend adds up to the best plan's, "
         "23 classes with chosen shares, next steps, P(best)", "status %d: %.300s", r.status,
         r.err);
    t_run_free(&r);
    t_run(t, "plan scenarios/board.ini --replicates 200 --format csv", &r);
    t_run(t, "plan scenarios/board.ini --replicates 200 --format csv --threads 2", &z);
    tc_table tab;
    char err[200];
    int read = r.status == 0 && tc_read(r.out, r.outlen, &tab, err, sizeof err) == 0;
    t_ok(t, read && tc_col(&tab, "school") >= 0 && tc_col(&tab, "chosen_share") >= 0
         && tab.nrow == 6 * 23 * DK_NOUTCOME, "plan: a board as RFC 4180 CSV, a row per plan, "
         "class and outcome", "status %d, %zu rows", r.status, read ? tab.nrow : 0);
    if (read)
        tc_free(&tab);
    t_ok(t, r.status == 0 && z.status == 0 && r.outlen == z.outlen && r.outlen > 0
         && memcmp(r.out, z.out, r.outlen) == 0,
         "plan: a board's CSV is byte-identical on 1 and 2 threads", "status %d %d", r.status,
         z.status);
    t_run_free(&r);
    t_run_free(&z);
    t_run(t, "plan scenarios/board.ini --replicates 100 --format html", &r);
    t_html_stats st = { 0 };
    char why[200] = "";
    int html = r.status == 0 && t_html_check(r.out, r.outlen, &st, why, sizeof why) == 0;
    t_ok(t, html && st.figures >= 4 && t_contains(r.out, "The budget over the schools")
         && t_contains(r.out, "Each replicate has its own best plan"),
         "plan: a board's HTML report is strict, with the split and how sure the plan is",
         "status %d, %s, %d figures", r.status, why, st.figures);
    t_run_free(&r);
    t_run(t, "plan scenarios/board.ini --replicates 200 --school 'Het Kompas'", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Plan for Het Kompas (po, 4 classes)"),
         "plan: --school plans one school of a board", "status %d: %.300s", r.status, r.err);
    t_run_free(&r);
}

static void cli_runs(t_ctx *t)
{
    t_run_result r, z;
    t_run(t, "plan", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Plan for De Regenboog (po, 8 classes): "
         "budget 1.00 FTE") && t_contains(r.out, "The best plan beats the runner-up in")
         && t_contains(r.out, "Exact:") && t_contains(r.out, "The best plan reaches the "
         "replicate's optimum in"), "plan: the embedded school's 1-FTE question",
         "status %d: %.300s", r.status, r.err);
    t_run_free(&r);

    /* golden: the default question, every number */
    char golden[600];
    snprintf(golden, sizeof golden, "%s/tests/golden/plan_default.csv", t->root);
    size_t glen;
    char *want = t_slurp(golden, &glen);
    t_run(t, "plan --format csv", &r);
    t_ok(t, want && r.status == 0 && r.outlen == glen && memcmp(r.out, want, glen) == 0,
         "plan: default CSV equals tests/golden/plan_default.csv", "differs (regenerate "
         "after a deliberate model change: ./draagkracht plan --format csv > %s)", golden);
    free(want);
    t_run_free(&r);

    /* nothing affordable is an answer, not an error */
    t_run(t, "plan --budget 0.05 --options extra-teacher,facility", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Nothing on the menu fits the budget"),
         "plan: an infeasible budget returns the baseline, said plainly", "status %d: %.300s",
         r.status, r.out);
    t_run_free(&r);

    /* the vo example: assistants or a facility, with euros */
    t_run(t, "plan scenarios/plan-vo.ini --format json", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "\"objective\": \"hardly\"")
         && t_contains(r.out, "\"cost_euro\": ") && t_contains(r.out, "\"budget_curve\": ["),
         "plan: vo example as JSON with euro costs and the budget curve", "status %d: %.300s",
         r.status, r.err);
    t_run_free(&r);

    /* a budget in euros: the facility (75000) does not fit, two assistants
     * (2 x 0.375 FTE x 52000) do */
    t_run(t, "plan scenarios/plan-vo.ini --budget-euro 40000 --format json", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "\"budget_euro\": 40000")
         && t_contains(r.out, "\"cost_euro\": 39000") && !t_contains(r.out, "\"cost_euro\": 75000"),
         "plan: a euro budget buys two assistants, not the facility", "status %d: %.300s",
         r.status, r.err);
    t_run_free(&r);

    char out[400], args[600];
    snprintf(out, sizeof out, "%s/plan.csv.gz", t->tmp);
    snprintf(args, sizeof args, "plan --format csv --objective worst -o %s", out);
    t_run(t, args, &r);
    snprintf(args, sizeof args, "plan --format csv --objective worst --replicates 1000");
    t_run(t, args, &z);
    t_ok(t, r.status == 0 && r.outlen == 0 && t_exists(out) && z.status == 0
         && t_contains(z.out, "best,"), "plan: -o writes a gzip file, stdout stays empty",
         "status %d", r.status);
    t_run_free(&r);
    t_run_free(&z);
}

/* The [plan] section into its plain struct: every key, and a specific
 * euro rate winning over the general one whatever their order. */
static void plan_spec(t_ctx *t, dk_model *m)
{
    static const char *text =
        "[school S]\n[class a]\n[plan]\nbudget-euro = 90000\n"
        "options = assistant, facility\nobjective = worst\nprefer = mean\n"
        "aspect = tailor\nthreshold = 2.25\neuro-per-fte.facility = 75000\n"
        "euro-per-fte = 50000\n";
    dk_scenario sc;
    dk_err e = { 0 };
    int ok = dk_scenario_read(&sc, m, "spec", text, strlen(text), &e) == 0;
    const dk_plan_spec *p = ok ? &sc.plan : NULL;
    ok = ok && p->line == 3 && p->budget < 0 && p->budget_euro == 90000
      && p->menu == (1u << DK_SUP_ASSISTANT | 1u << DK_SUP_FACILITY)
      && p->objective == DK_OBJ_WORST && p->prefer == DK_PREFER_MEAN && p->aspect == DK_TAILOR
      && p->threshold == 2.25 && p->euro_per_fte[DK_SUP_FACILITY] == 75000
      && p->euro_per_fte[DK_SUP_ASSISTANT] == 50000 && p->euro_per_fte[DK_SUP_SPECIALIST] == 50000
      && p->euro_line[DK_SUP_FACILITY] == 10 && p->euro_line[DK_SUP_ASSISTANT] == 11;
    t_ok(t, ok, "plan: [plan] read into its plain struct, a specific euro rate before the "
         "general one kept", "%s", ok ? "" : e.msg);
    if (p)
        dk_scenario_free(&sc);
    dk_plan_spec d;
    dk_plan_spec_init(&d);
    t_ok(t, d.budget < 0 && d.budget_euro < 0 && d.menu == 0x1e && d.objective == DK_OBJ_MEAN
         && d.prefer == DK_PREFER_CHEAPER && d.aspect == -1 && d.euro_per_fte[1] < 0,
         "plan: without [plan], no budget, every form, mean, cheaper first", "defaults differ");
}

/* A board of more schools than the old cap of 64 (boards run to a
 * hundred schools and more): planned under one budget, exactly, within
 * budget and no worse than doing nothing; one school over the cap is
 * refused with the cap named. */
static void big_board(t_ctx *t, dk_model *m, int nschool, int ok_expected)
{
    dk_buf text = { 0 };
    dk_buf_printf(&text, "[run]\nseed = 3\nreplicates = 20\n");
    for (int k = 0; k < nschool; k++) {
        dk_buf_printf(&text, "[school s%d]\nsector = po\n", k);
        for (int i = 0; i < 2; i++)
            dk_buf_printf(&text, "[class c%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
                          i, 20 + (k * 7 + i) % 11, 5 + (k * 5 + i) % 8, (k * 3 + i) % 6);
    }
    dk_scenario sc;
    char name[64];
    snprintf(name, sizeof name, "a board of %d schools", nschool);
    if (parsed(t, m, name, dk_buf_text(&text), &sc) != 0) {
        dk_buf_free(&text);
        return;
    }
    dk_err e = { 0 };
    dk_plan_settings s = settings(&sc, DK_OBJ_MEAN, DK_PREFER_CHEAPER, 0x1e);
    dk_planner *p = dk_planner_alloc(m, &sc, -1, &s, &e);
    if (!ok_expected) {
        char cap[32];
        snprintf(cap, sizeof cap, "at most %d", DK_PLAN_MAX_SCHOOLS);
        t_ok(t, !p && t_contains(e.msg, cap), "plan: a board over the cap is refused, naming it",
             "%s", p ? "planned" : e.msg);
    } else {
        dk_plan best, none;
        double gap = -1;
        int n = p ? dk_planner_solve(p, 3.0, &best, 1, &gap) : -1;
        if (p)
            dk_planner_baseline(p, &none);
        t_ok(t, p && n == 1 && gap == 0 && best.cost <= 3.0 + 1e-9 && best.value >= none.value,
             "plan: a board of 100 schools (200 classes) under one budget, exact",
             "%s; %d plans, gap %g", p ? "" : e.msg, n, gap);
    }
    dk_planner_free(p);
    dk_scenario_free(&sc);
    dk_buf_free(&text);
}

void test_plan(t_ctx *t)
{
    static const double one[NBUDGET] = { 0, 0.09, 0.375, 0.5, 0.85, 1.6 };
    static const double euro[NBUDGET] = { 0, 7999, 19500, 30000, 75000, 110000 };
    static const double two[NBUDGET] = { 0, 0.2, 0.5, 0.875, 1.2, 2.0 };
    static const double three[3] = { 0.3, 0.875, 1.5 };
    dk_model m;
    dk_scenario sc;
    dk_err e = { 0 };
    if (t_default_model(t, "plan", &m) != 0)
        return;
    plan_spec(t, &m);
    against_enumeration(t, &m, "six classes", school6, 0, one, NBUDGET, 0);
    against_enumeration(t, &m, "six classes", school6, 0, euro, NBUDGET, 1);
    against_enumeration(t, &m, "issue 19's four classes", four, 0, one, NBUDGET, 0);
    against_enumeration(t, &m, "two schools", board2, -1, two, NBUDGET, 0);
    against_enumeration(t, &m, "three schools", board3, -1, three, 3, 0);
    board_is_best_split(t, &m, "two schools", board2, 40);
    board_is_best_split(t, &m, "three schools", board3, 30);
    optima(t, &m, "issue 19's four classes", four, 0.6);
    optima(t, &m, "two schools", board2, 0.5);
    big_board(t, &m, 100, 1);
    big_board(t, &m, DK_PLAN_MAX_SCHOOLS + 1, 0);
    if (dk_scenario_read(&sc, &m, "six", school6, strlen(school6), &e) == 0) {
        coarse_grid(t, &m, &sc);
        monotone_and_crn(t, &m, &sc);
        dk_scenario_free(&sc);
    } else {
        t_ok(t, 0, "plan: six-class scenario", "%s", e.msg);
    }
    dk_model_free(&m);
    cli_errors(t);
    cli_ties(t);
    cli_board(t);
    cli_runs(t);
}
