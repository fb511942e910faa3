/*
 * plan.c -- `draagkracht plan [FILE]`: where does a school's (or a whole
 * board's) support budget do most good?  Options and the [plan] section
 * become settings, the planner (run/plan.c) answers, and report/plan.c
 * writes the answer as a table, CSV, JSON or an HTML report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/run/plan.h"

static const dk_opt opts[] = {
    { "budget", 0, "FTE", "extra staff to spend, in FTE (default: the [plan] section's)" },
    { "budget-euro", 0, "EUR", "or the budget in euros a year (needs euro-per-fte rates)" },
    { "objective", 0, "OBJ", "mean, hardly or worst (default: the [plan] section's, else mean)" },
    { "prefer", 0, "TIE", "plans with the same objective: cheaper (default) or mean first" },
    { "aspect", 0, "ASPECT", "one capability aspect, or all (default all)" },
    { "threshold", 0, "X", "hardly: a class mean below this counts (default 2.5)" },
    { "options", 0, "FORMS", "forms the plan may use, comma-separated (default all four)" },
    { "school", 0, "NAME", "plan this school only (default: every school, one budget)" },
    { "alternatives", 0, "N", "runners-up to show after the best plan, 0..7 (default 4)" },
    { "step", 0, "FTE", "budget steps of the budget curve and next-step values (default 0.1)" },
    { "seed", 0, "N", "random seed (default: the scenario's, else 20261121)" },
    { "replicates", 0, "N", "parameter draws shared by all plans (default: the scenario's, else 1000)" },
    { "threads", 0, "N", "worker threads for the replicates' own optima; the output does not depend on it (default 1)" },
    { "classes", 0, "FILE.csv", "the school's classes from a class list (CSV, as a spreadsheet saves it; README)" },
    DK_OPT_MODEL,
    { "format", 0, "FMT", "table, csv, json or html (default: from -o's name, else table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { "quiet", 'q', NULL, "accepted, so scripts may pass -q to every command: plan shows no "
      "progress" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_plan)

static int find_school(const dk_args *a, const dk_scenario *sc, int *out, dk_err *e)
{
    const char *name = dk_opt_get(CMD, a, "school");
    if (sc->npop)
        return dk_fail(e, "%s:%d: population '%s': plan works on the classes of schools; "
                       "use compare for populations", sc->spec_path,
                       sc->pops[0].line, sc->pops[0].name);
    if (!sc->nschool)
        return dk_fail(e, "%s: no [school NAME] section: plan works on a school's classes",
                       sc->path);
    *out = -1;
    if (!name)
        return 0;
    const char *names[DK_PLAN_MAX_SCHOOLS + 1];
    int n = 0;
    for (int i = 0; i < sc->nschool; i++) {
        if (strcmp(name, sc->schools[i].name) == 0)
            return *out = i, 0;
        if (n < DK_PLAN_MAX_SCHOOLS)
            names[n++] = sc->schools[i].name;
    }
    names[n] = NULL;
    const char *s = dk_suggest(name, names);
    char mean[120];
    return dk_fail(e, "plan: --school: no school '%s' in %s%s", name, sc->path,
                   dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
}

static int menu_option(const dk_args *a, unsigned *menu, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, "options");
    dk_err why = dk_err_like(e);
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
    char mean[120];
    if (s)
        return dk_fail(e, "plan: --%s: unknown value '%s'%s", name, v,
                       dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
    char list[200] = "";        /* nothing near: the valid values */
    for (int i = 0; names[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 names[i]);
    if (strcmp(name, "aspect") == 0)
        snprintf(list + strlen(list), sizeof list - strlen(list), ", all");
    return dk_fail(e, "plan: --%s: unknown value '%s' (one of: %s)", name, v, list);
}

static int settings(const dk_args *a, const dk_scenario *sc, dk_plan_report *r, dk_err *e)
{
    const dk_plan_spec *sp = &sc->plan;
    long seed = (long)sc->seed, reps = sc->replicates, alts = 4, threads = 1;
    int obj = (int)sp->objective, prefer = (int)sp->prefer;
    r->s = (dk_plan_settings){ .objective = sp->objective, .aspect = sp->aspect,
                               .threshold = sp->threshold, .menu = sp->menu };
    double fte = -1, eur = -1;
    r->q.step = -1;
    if (dk_opt_double(CMD, a, "budget", 0, DK_PLAN_BUDGET_MAX, &fte, e)
        || dk_opt_double(CMD, a, "budget-euro", 0, DK_PLAN_BUDGET_EURO_MAX, &eur, e)
        || dk_opt_double(CMD, a, "threshold", DK_PLAN_THRESHOLD_LO, DK_PLAN_THRESHOLD_HI,
                         &r->s.threshold, e)
        || dk_opt_double(CMD, a, "step", 0.01, 1e9, &r->q.step, e)
        || dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, e)
        || dk_opt_long(CMD, a, "replicates", 10, 1000000, &reps, e)
        || dk_opt_long(CMD, a, "alternatives", 0, DK_PLAN_MAX_SHOWN - 1, &alts, e)
        || dk_opt_long(CMD, a, "threads", 1, DK_MAX_THREADS, &threads, e)
        || lookup_option(a, "objective", dk_objective_lookup, dk_objective_names, &obj, e)
        || lookup_option(a, "prefer", dk_prefer_lookup, dk_prefer_names, &prefer, e)
        || lookup_option(a, "aspect", dk_aspect_lookup, dk_aspect_names, &r->s.aspect, e)
        || menu_option(a, &r->s.menu, e))
        return -1;
    r->s.objective = (dk_objective)obj;
    r->s.prefer = (dk_prefer)prefer;
    r->s.seed = (unsigned long)seed;
    r->s.replicates = (int)reps;
    r->q.max = (int)alts + 1;
    r->q.threads = (int)threads;
    if (dk_plan_spec_budget(sp, sc->spec_path, fte, eur, r->s.menu, &r->s.euro_budget,
                            &r->q.budget, e) != 0)
        return -1;
    if (r->q.step < 0)
        r->q.step = r->s.euro_budget ? fmax(r->q.budget / 10, 1) : 0.1;
    return 0;
}

static int plan_scenario(const dk_args *a, const dk_model *m, const dk_scenario *sc,
                         const dk_warnings *warnings, dk_buf *b, dk_err *e)
{
    dk_format f;
    dk_lang l;
    dk_plan_report *r = dk_calloc(1, sizeof *r);
    if (!r)
        return dk_fail_oom(e, "plan");
    *r = (dk_plan_report){ .m = m, .sc = sc };
    int rc = -1;
    if (dk_opt_format(CMD, a, &f, e) || dk_opt_lang(CMD, a, &l, e)
        || find_school(a, sc, &r->school, e) || settings(a, sc, r, e)
        || dk_plan_spec_rates(&sc->plan, sc->spec_path, r->s.menu, r->s.euro_budget,
                              r->s.euro_per_fte, &r->euros, e)
        || dk_scenario_check_plan(sc, r->school, r->s.menu, e))
        goto done;
    dk_planner *p = dk_planner_alloc(m, sc, r->school, &r->s, e);
    if (!p)
        goto done;
    int ran = dk_plan_run(p, &r->q, &r->res, e) == 0;
    dk_planner_free(p);     /* the result holds what the report needs */
    if (ran) {
        rc = dk_plan_report_write(r, f, warnings, l, b, e);
        dk_plan_result_free(&r->res);
    }
done:
    dk_free(r);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_model m;
    dk_scenario sc;
    if (a->npos > 1) {
        dk_fail(&e, dk_s(a->ui, DKS_E_AT_MOST_ONE), "plan", a->npos);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    if (dk_load_school(CMD, a, DK_DEFAULT_SCHOOL, &m, &sc, &e) != 0) {
        dk_model_free(&m);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    dk_buf b = { 0 };
    dk_warnings warnings = { { 0 }, { 0 }, a->mem != NULL };
    dk_lang l;
    int rc = dk_opt_lang(CMD, a, &l, &e);
    if (rc == 0) {
        dk_class_warnings(&sc, l, &warnings);
        rc = plan_scenario(a, &m, &sc, &warnings, &b, &e);
    }
    rc = rc == 0 ? dk_emit(CMD, a, &b) : dk_cmd_report(a, DK_EXIT_USAGE, &e);
    dk_buf_free(&b);
    dk_warnings_free(&warnings);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_plan = {
    "plan",
    "where a school's or a board's support budget does most good: the best plan and its runners-up",
    "[FILE] [--budget FTE] [--objective mean|hardly|worst] [--prefer cheaper|mean] "
    "[--school NAME] [-o OUT] [--format table|csv|json|html]",
    opts, run, 1, NULL
};
