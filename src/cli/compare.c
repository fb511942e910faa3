/*
 * compare.c -- `draagkracht compare FILE`: funding scenarios for a
 * population of classes, each against the same baseline (run/compare.c),
 * written by report/compare.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/run/compare.h"

static const dk_opt opts[] = {
    { "criterion", 0, "C", "rank by ASPECT.KIND: ASPECT an aspect or all, KIND le2, mean, "
      "le2-per-fte or mean-per-fte (default: the [compare] section's, else tailor.le2)" },
    { "seed", 0, "N", "random seed (default: the scenario's, else 20261121)" },
    { "replicates", 0, "N", "draws of parameters and population, shared by all variants "
      "(default: the scenario's, else 1000)" },
    { "threads", 0, "N", "worker threads; the output does not depend on it (default 1)" },
    DK_OPT_MODEL,
    { "classes", 0, "FILE.csv", "the school's classes from a class list (CSV, as a spreadsheet "
      "saves it; README), in place of the file's [school] sections" },
    { "format", 0, "FMT", "table, csv, json or html (default: from -o's name, else table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { "quiet", 'q', NULL, "no progress display (shown only on a terminal, for long runs)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_compare)


/* ----- run ----- */

static int settings(const dk_args *a, dk_scenario *sc, dk_sim_opts *so, dk_err *e)
{
    long seed = -1, reps = -1, threads = 1;
    if (dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, e) ||
        dk_opt_long(CMD, a, "replicates", 10, 10000000, &reps, e) ||
        dk_opt_long(CMD, a, "threads", 1, DK_MAX_THREADS, &threads, e))
        return -1;
    if (seed >= 0)
        sc->seed = (unsigned long)seed;
    if (reps > 0)
        sc->replicates = (int)reps;
    so->threads = (int)threads;
    const char *c = dk_opt_get(CMD, a, "criterion");
    if (c && dk_compare_criterion_parse(&sc->compare, c, e) != 0)
        return -1;
    return 0;
}

/* The file must have something to compare (input/scenario.c) and the
 * options must be valid. */
static int check(const dk_args *a, dk_scenario *sc, dk_sim_opts *so, dk_err *e)
{
    return dk_scenario_check_compare(sc, e) != 0 || settings(a, sc, so, e) != 0 ? -1 : 0;
}

/* The baseline's classes: the populations' and the schools'. */
static long class_count(const dk_scenario *sc)
{
    long n = sc->nclass;
    for (int p = 0; p < sc->npop; p++)
        n += sc->pops[p].classes;
    return n;
}

static int write_report(const dk_args *a, const dk_cmp_report *rp, dk_format f, dk_lang l)
{
    dk_err e = DK_ERR_IN(l);
    dk_buf b = { 0 };
    int rc = dk_cmp_report_write(rp, f, l, &b, &e);
    rc = rc == 0 ? dk_emit(CMD, a, &b) : dk_cmd_report(a, DK_EXIT_FAIL, &e);
    dk_buf_free(&b);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_format f;
    dk_model m;
    dk_scenario sc;
    if (a->npos > 1) {
        dk_fail(&e, "compare: expected one scenario file with [variant] sections (for example "
                "scenarios/compare-po-region.ini), got %d", a->npos);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    dk_lang l;
    if (dk_opt_format(CMD, a, &f, &e) || dk_opt_lang(CMD, a, &l, &e) ||
        dk_opt_model(CMD, a, &m, &e))
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    if (dk_load_school(CMD, a, DK_DEFAULT_COMPARE, &m, &sc, &e) != 0) {
        dk_model_free(&m);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    dk_progress pr;
    dk_progress_start(&pr, "compare", "replicates", dk_opt_get(CMD, a, "quiet") != NULL);
    dk_progress_lang(&pr, l, DKS_UNIT_REPLICATES);
    dk_sim_opts so = { .progress = pr.on ? dk_progress_items : NULL, .ctx = &pr };
    dk_cmp_result r;
    int rc;
    dk_warnings warnings = { { 0 }, { 0 }, a->mem != NULL };
    rc = check(a, &sc, &so, &e);
    if (rc == 0) {
        dk_class_warnings(&sc, l, &warnings);
        rc = dk_compare(&m, &sc, &so, &r, &e);
    }
    if (rc != 0) {
        rc = dk_cmd_report(a, DK_EXIT_USAGE, &e);
    } else {
        dk_cmp_report rp = { &m, &sc, &r, class_count(&sc), &warnings };
        rc = write_report(a, &rp, f, l);
        dk_cmp_result_free(&r);
    }
    dk_warnings_free(&warnings);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_compare = {
    "compare",
    "funding scenarios for a population of classes or a school: variants against a baseline "
    "(default: five ways to spend an 8-class po school's support money)",
    "[FILE] [--classes LIST.csv] [--criterion ASPECT.KIND] [-o OUT] "
    "[--format table|csv|json|html] [--seed N] [--replicates R] [--threads T] [-q]",
    opts, run, 1, NULL
};
