/*
 * simulate.c -- `draagkracht simulate [FILE]`: schools of classes,
 * Monte Carlo over the model's uncertainty and over teachers
 * (run/simulate.c), written by report/simulate.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/run/simulate.h"

static const dk_opt opts[] = {
    { "seed", 0, "N", "random seed (default: the scenario's, else 20261121)" },
    { "replicates", 0, "N", "parameter draws (default: the scenario's, else 1000)" },
    { "threads", 0, "N", "worker threads; the output does not depend on it (default 1)" },
    { "classes", 0, "FILE.csv", "the school's classes from a class list (CSV, as a spreadsheet saves it; README)" },
    DK_OPT_MODEL,
    { "format", 0, "FMT", "table, csv, json or html (default: from -o's name, else table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { "quiet", 'q', NULL, "no progress display (shown only on a terminal, for long runs)" },
    { "per-class", 0, NULL, "populations class by class, not by their cells' counts (the same "
      "distribution, slower: a check)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_simulate)

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_format f;
    dk_model m;
    dk_scenario sc;
    long seed = -1, reps = -1, threads = 1;
    dk_lang l;
    if (a->npos > 1) {
        dk_fail(&e, dk_s(a->ui, DKS_E_AT_MOST_ONE), "simulate", a->npos);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    if (dk_opt_lang(CMD, a, &l, &e) || dk_opt_format(CMD, a, &f, &e) ||
        dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, &e) ||
        dk_opt_long(CMD, a, "replicates", 10, 10000000, &reps, &e) ||
        dk_opt_long(CMD, a, "threads", 1, DK_MAX_THREADS, &threads, &e))
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    int rc = dk_load_school(CMD, a, DK_DEFAULT_SCHOOL, &m, &sc, &e);
    if (rc != 0) {
        dk_model_free(&m);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    if (seed >= 0)
        sc.seed = (unsigned long)seed;
    if (reps > 0)
        sc.replicates = (int)reps;
    dk_warnings warnings = { { 0 }, { 0 }, a->mem != NULL };
    dk_class_warnings(&sc, l, &warnings);
    dk_sim_result r;
    dk_progress pr;
    dk_progress_start(&pr, "simulate", "replicates", dk_opt_get(CMD, a, "quiet") != NULL);
    dk_progress_lang(&pr, l, DKS_UNIT_REPLICATES);
    /* the report shows the answers 1..5 and the populations' classes */
    dk_sim_opts so = { (int)threads, pr.on ? dk_progress_items : NULL, &pr, f == DK_FMT_HTML,
                       dk_opt_get(CMD, a, "per-class") != NULL };
    if (dk_simulate(&m, &sc, &so, &r, &e) != 0) {
        dk_warnings_free(&warnings);
        dk_scenario_free(&sc);
        dk_model_free(&m);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    dk_buf b = { 0 };
    rc = dk_simulate_report_write(&m, &sc, &r, &warnings, f, l, &b, &e);
    rc = rc == 0 ? dk_emit(CMD, a, &b) : dk_cmd_report(a, DK_EXIT_FAIL, &e);
    dk_buf_free(&b);
    dk_warnings_free(&warnings);
    dk_sim_result_free(&r);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_simulate = {
    "simulate",
    "simulate the classes and schools of a scenario file (default: an 8-class po school)",
    "[FILE] [-o OUT] [--format table|csv|json|html] [--seed N] [--replicates R] [--threads T] "
    "[--classes FILE.csv] [--model FILE] [--lang en|nl] [-q]",
    opts, run, 1, NULL
};
