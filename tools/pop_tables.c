/*
 * pop_tables.c -- every replicate's tables of a scenario's first
 * population, as `draagkracht simulate` builds them (src/run/simulate.c
 * population()): the same stream, parameter draw (ensemble member),
 * composition distributions and mean-term rows.  tools/bench_simulate.py
 * reads them, so that its NumPy Monte Carlo runs the engine's own model
 * (every term, the member of each replicate) and only the Monte Carlo is
 * compared: it is not a second copy of the model that drifts from it.
 *
 *   build/rel/tools/pop_tables SCENARIO > tables.txt
 *
 * Output, per replicate: "replicate R", then one line per named array,
 * "NAME v1 v2 ...": classes, school_size, inv_sd, fte (per outcome, per
 * teacher with a strong need; the facility's 0), facility (FTE per
 * school), size_lo, size_hi, ss_code, ss_p (size << 8 | support mask),
 * ob_SIZE (P(count) 0..SIZE), heavy_N (P(count) 0..N), and the term rows
 * size_S, ob_K, heavy_K, support_M (DK_NOUTCOME each), cs, hv, inter.
 * Only scenarios whose population is its sole unit (no listed classes)
 * are accepted: listed classes draw from the stream first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/input/scenario.h"
#include "draagkracht/model/survey.h"
#include "draagkracht/run/predict.h"

static void row(const char *name, int k, const double *x, int n)
{
    if (k >= 0)
        printf("%s_%d", name, k);
    else
        printf("%s", name);
    for (int i = 0; i < n; i++)
        printf(" %.17g", x[i]);
    printf("\n");
}

/* P(code) 0..n of a count table, zero where the table has no entry. */
static void counts(const char *name, int n, const dk_survey_dist *d)
{
    double p[DK_MAX_CLASS_SIZE + 1] = { 0 };
    for (unsigned long i = 0; i < d->nK; i++)
        p[d->code[i]] = d->p[i];
    row(name, n, p, n + 1);
}

static int replicate(const dk_model *m, const dk_scenario *sc, gsl_rng *rng, double *th,
                     dk_survey_tables *st, dk_mean_terms *t, int r)
{
    const dk_scn_population *p = &sc->pops[0];
    gsl_rng_set(rng, dk_stream_seed(sc->seed, (unsigned long)r));
    dk_model_draw(m, rng, r, th);
    if (dk_survey_prepare(st, m, th, &p->spec) != 0)
        return -1;
    dk_class like = { p->spec.sector, 0, 0, 0, 0, p->spec.exp, p->spec.level };
    dk_mean_terms_build(m, th, &like, st->size_lo, st->size_hi, t);
    double sd = dk_teacher_sd(m, th, p->spec.sector), fte[DK_NOUTCOME] = { 0 };
    for (int o = DK_NASPECT; o < DK_NOUTCOME; o++)
        if (o != DK_OUTCOME_NEED(DK_NEED_FACILITY))
            fte[o] = dk_fte(m, th, dk_need_hours(m, th, o - DK_NASPECT));
    double one[] = { (double)p->classes, p->school_size, sd > 0 ? 1 / sd : 0,
                     dk_fte(m, th, dk_cost_hours(m, th, DK_SUP_FACILITY)), st->size_lo, st->size_hi };
    printf("replicate %d\n", r);
    const char *names[] = { "classes", "school_size", "inv_sd", "facility", "size_lo", "size_hi" };
    for (int i = 0; i < 6; i++)
        row(names[i], -1, &one[i], 1);
    row("fte", -1, fte, DK_NOUTCOME);
    const dk_survey_dist *ss = &st->size_support;
    double *code = malloc(ss->nK * sizeof *code);
    if (!code)
        return -1;
    for (unsigned long i = 0; i < ss->nK; i++)
        code[i] = ss->code[i];
    row("ss_code", -1, code, (int)ss->nK);
    row("ss_p", -1, ss->p, (int)ss->nK);
    free(code);
    for (int n = st->size_lo; n <= st->size_hi; n++) {
        if ((!st->ob[n].e && dk_survey_build_counts(st, 0, n) != 0))
            return -1;
        counts("ob", n, &st->ob[n]);
        row("size", n, t->size[n], DK_NOUTCOME);
    }
    for (int n = 0; n <= st->size_hi; n++) {
        if ((!st->heavy[n].e && dk_survey_build_counts(st, 1, n) != 0))
            return -1;
        counts("heavy", n, &st->heavy[n]);
        row("obrow", n, t->ob[n], DK_NOUTCOME);
        row("heavyrow", n, t->heavy[n], DK_NOUTCOME);
    }
    for (int s = 0; s < DK_NSUPPORT_MASK; s++)
        row("support", s, t->support[s], DK_NOUTCOME);
    row("cs", -1, t->cs, DK_MAX_CLASS_SIZE + 1);
    row("hv", -1, t->hv, DK_MAX_CLASS_SIZE + 1);
    row("inter", -1, t->inter, DK_NOUTCOME);
    return 0;
}

int main(int argc, char **argv)
{
    dk_model m;
    dk_scenario sc;
    dk_err e;
    if (argc != 2) {
        fprintf(stderr, "usage: pop_tables SCENARIO\n");
        return 2;
    }
    if (dk_model_load_default(&m, &e) != 0 || dk_scenario_load(&sc, &m, argv[1], &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    if (sc.npop < 1 || sc.nclass > 0) {
        fprintf(stderr, "pop_tables: %s: needs a population and no listed classes\n", argv[1]);
        return 2;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    double *th = malloc(dk_model_nparam(&m) * sizeof *th);
    dk_survey_tables st = { 0 };
    dk_mean_terms *t = malloc(sizeof *t);
    int rc = rng && th && t ? 0 : -1;
    for (int r = 0; rc == 0 && r < sc.replicates; r++)
        rc = replicate(&m, &sc, rng, th, &st, t, r);
    if (rc != 0)
        fprintf(stderr, "pop_tables: out of memory\n");
    dk_survey_tables_free(&st);
    free(t);
    free(th);
    if (rng)
        gsl_rng_free(rng);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc == 0 ? 0 : 1;
}
