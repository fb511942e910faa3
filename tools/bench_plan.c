/*
 * bench_plan.c -- the planner's exact programme against the straightforward
 * reference, exhaustive enumeration of every plan, on the same scores.
 *
 *   tools/bench_plan.sh   (builds this against build/rel and runs it)
 *
 * For schools of 4..10 classes both find the best plan for a 1-FTE budget;
 * the programme's answer must equal enumeration's, and the ratio of their
 * times is printed.  Then a 40-class school (4^40 x 2 plans: enumeration is
 * out of reach) is solved at every 0.1 FTE up to 4 FTE.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "draagkracht/run/plan.h"

/* n classes with compositions from a fixed sequence, a [plan] of 1 FTE. */
static char *school(int n)
{
    size_t cap = 64 + (size_t)n * 96;
    char *s = malloc(cap), *p = s;
    p += sprintf(p, "[run]\nseed = 1\nreplicates = 200\n[school B]\nsector = po\n");
    for (int i = 0; i < n; i++)
        p += sprintf(p, "[class k%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
                     i, 20 + (i * 7) % 11, 5 + (i * 5) % 8, (i * 3) % 6);
    return s;
}

static double exhaustive(const dk_planner *p, double budget)
{
    int n = dk_planner_nclass(p);
    long total = 2;
    double best = -INFINITY;
    for (int c = 0; c < n; c++)
        total *= 4;
    for (long code = 0; code < total; code++) {
        dk_plan x;
        long k = code / 2;
        x.facility = (int)(code % 2);
        for (int c = 0; c < n; c++, k /= 4)
            x.form[c] = (unsigned char)(k % 4);
        dk_planner_score(p, &x);
        if (x.cost <= budget + 1e-9 && x.value > best)
            best = x.value;
    }
    return best;
}

int main(void)
{
    dk_model m;
    dk_err e;
    if (dk_model_load_default(&m, &e) != 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    printf("%8s %12s %14s %14s %9s\n", "classes", "plans", "programme s", "enumeration s", "ratio");
    for (int n = 4; n <= 40; n += n < 10 ? 2 : 30) {
        char *text = school(n);
        dk_scenario sc;
        if (dk_scenario_parse(&sc, &m, "bench", text, strlen(text), &e) != 0)
            return fprintf(stderr, "%s\n", e.msg), 1;
        dk_plan_settings s = { .objective = DK_OBJ_MEAN, .aspect = -1, .threshold = 2.5,
                               .menu = 0x1e, .seed = 1, .replicates = 200 };
        dk_planner *p = dk_planner_alloc(&m, &sc, 0, &s, &e);
        dk_plan best[5];
        double gap, t0 = bench_now();
        int steps = n == 40 ? 41 : 1;
        for (int k = 0; k < steps; k++)
            dk_planner_solve(p, n == 40 ? 0.1 * k : 1.0, best, 5, &gap);
        double t_dp = bench_now() - t0;
        if (n == 40) {
            printf("%8d %12s %14.4f %14s %9s  (41 budgets 0..4 FTE, 5 best each)\n",
                   n, "2*4^40", t_dp, "-", "-");
        } else {
            t0 = bench_now();
            double want = exhaustive(p, 1.0);
            double t_ex = bench_now() - t0;
            printf("%8d %12.0f %14.6f %14.6f %8.1fx%s\n", n, 2 * pow(4, n), t_dp, t_ex,
                   t_ex / t_dp, fabs(want - best[0].value) < 1e-12 ? "" : "  MISMATCH");
        }
        dk_planner_free(p);
        dk_scenario_free(&sc);
        free(text);
    }
    dk_model_free(&m);
    return 0;
}
