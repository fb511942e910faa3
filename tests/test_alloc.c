/*
 * test_alloc.c -- memory running out inside every engine, in process.
 *
 * Each case is a whole job from its input to freed results (a scenario
 * read and settled, a simulation, a comparison, a plan, sweep rows, a
 * fit, the model and its targets).  It runs once to count its
 * allocations, then again with the N-th allocation failing, for every N
 * (or a spread of N when a job makes many): every run must either succeed
 * or fail with "out of memory" in its message, and leave no block of the
 * one door (base/alloc.h) live -- the ways out of an engine free what
 * they made.  SQLite and Lua test their allocators this way.  Under ASan
 * the same loops also check every access on those ways out.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/run/scenario.h"
#include "draagkracht/fit/fit.h"
#include "draagkracht/input/classes.h"
#include "draagkracht/model/targets.h"
#include "draagkracht/run/compare.h"
#include "draagkracht/run/plan.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/sweep.h"
#include "t.h"

/* the runner's side of the door: tests/alloc_hook.c */
void t_alloc_arm(long n);
long t_alloc_calls(void);
long t_alloc_live(void);
int t_alloc_failed(void);

/* A job on model m; dir: the runner's scratch folder. */
typedef int (*job_fn)(dk_model *m, const char *dir, dk_err *e);

/* At most this many failing runs per job: every N up to it, then a spread. */
#define RUNS 160

static const char school_text[] =
    "[run]\nseed = 3\nreplicates = 12\n[school s]\nsector = po\n"
    "[class a]\nclass-size = 24\nsupport-needs = 8\nheavy = 3\nsupport = assistant\n"
    "[class b]\nclass-size = 28\nsupport-needs = 11\nheavy = 5\n"
    "[class c]\nclass-size = 21\nsupport-needs = 5\nheavy = 0\nexperience = novice\n"
    "[population p]\nsector = vo\nclasses = 40\n";

static const char compare_text[] =
    "[run]\nseed = 4\nreplicates = 12\n[population p]\nsector = po\nclasses = 30\n"
    "[variant assistants]\nassistant = 30% targeted\n[variant facility]\nfacility = 100% random\n";

static int job_model(dk_model *unused, const char *dir, dk_err *e)
{
    (void)dir;
    (void)unused;
    dk_model m;
    if (dk_model_load_default(&m, e) != 0)
        return -1;
    dk_model_free(&m);
    return 0;
}

static int job_targets(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_targets ts;
    if (dk_targets_load(&ts, m, "src/data/targets.txt", e) != 0)
        return -1;
    dk_targets_free(&ts);
    return 0;
}

static int job_scenario(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_scenario sc;
    if (dk_scenario_read(&sc, m, "mem.ini", school_text, strlen(school_text), e) != 0)
        return -1;
    dk_scenario_free(&sc);
    return 0;
}

static int job_classes(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    static const char csv[] = "klas;leerlingen;met een ondersteuningsbehoefte;grote aandachtvraag;"
        "ondersteuning;ervaring\ngroep 3;24;8;3;onderwijsassistent;\ngroep 5;28;11;5;geen;\n"
        "groep 7;21;5;0;;novice\n";
    dk_scenario sc;
    if (dk_scenario_read(&sc, m, "mem.ini", "[run]\nreplicates = 10\n", 21, e) != 0)
        return -1;
    int rc = dk_classes_parse(&sc, m, "mem.csv", csv, strlen(csv), e);
    dk_scenario_free(&sc);
    return rc;
}

static int job_simulate(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_scenario sc;
    if (dk_scenario_read(&sc, m, "mem.ini", school_text, strlen(school_text), e) != 0)
        return -1;
    dk_sim_opts o = { .threads = 1, .detail = 1 };
    dk_sim_result r;
    int rc = dk_simulate(m, &sc, &o, &r, e);
    if (rc == 0)
        dk_sim_result_free(&r);
    dk_scenario_free(&sc);
    return rc;
}

static int job_compare(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_scenario sc;
    if (dk_scenario_read(&sc, m, "mem.ini", compare_text, strlen(compare_text), e) != 0)
        return -1;
    dk_sim_opts o = { .threads = 1 };
    dk_cmp_result r;
    int rc = dk_compare(m, &sc, &o, &r, e);
    if (rc == 0)
        dk_cmp_result_free(&r);
    dk_scenario_free(&sc);
    return rc;
}

static int job_plan(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_scenario sc;
    if (dk_scenario_read(&sc, m, "mem.ini", school_text, strlen(school_text), e) != 0)
        return -1;
    dk_plan_settings s = { .objective = DK_OBJ_MEAN, .aspect = -1, .threshold = 2.5,
                           .menu = 0x1e, .seed = 3, .replicates = 12 };
    for (int f = 0; f < DK_NSUPPORT; f++)
        s.euro_per_fte[f] = -1;
    int rc = -1;
    dk_planner *p = dk_planner_alloc(m, &sc, 0, &s, e);
    if (p) {
        dk_plan_request q = { .budget = 0.6, .max = 3, .step = 0.2, .threads = 1 };
        dk_plan_result res;
        rc = dk_plan_run(p, &q, &res, e);
        if (rc == 0)
            dk_plan_result_free(&res);
        dk_planner_free(p);
    }
    dk_scenario_free(&sc);
    return rc;
}

static int job_sweep(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    dk_sweep_spec sp;
    if (dk_sweep_load(&sp, m, "scenarios/sweep-po.ini", e) != 0)
        return -1;
    int rc = dk_sweep_validate(&sp, e);
    dk_design *d = rc == 0 ? dk_design_new(&sp, 0) : NULL;
    double *theta = d ? dk_malloc(sp.ntheta * sizeof *theta) : NULL;
    double *y = theta ? dk_malloc((size_t)sp.nr * sizeof *y) : NULL;
    if (rc == 0 && !y)
        rc = dk_fail_oom(e, "sweep rows");
    for (int i = 0; y && i < 32; i++) {
        double u[DK_SWEEP_MAX_FACTORS], x[DK_SWEEP_MAX_FACTORS];
        dk_row_tag tag;
        memcpy(theta, sp.theta, sp.ntheta * sizeof *theta);
        dk_design_next(d, u, &tag);
        for (int k = 0; k < sp.nf; k++)
            x[k] = dk_factor_value(&sp, k, u[k]);
        dk_sweep_eval(&sp, m, x, theta, y);
    }
    dk_free(y);
    dk_free(theta);
    if (d)
        dk_design_free(d);
    dk_sweep_free(&sp);
    return rc;
}

static int job_fit(dk_model *m, const char *dir, dk_err *e)
{
    (void)dir;
    (void)m;
    static const char *const outcomes[] = { "tailor", NULL }, *const factors[] = { "heavy", NULL };
    dk_fit_spec spec = { .group = "respondent", .outcomes = outcomes, .factors = factors };
    char path[300];
    snprintf(path, sizeof path, "%s/alloc-fit.csv", dir);
    dk_fit_data d;
    if (dk_fit_data_load(&d, path, &spec, e) != 0)
        return -1;
    dk_fit_options o = { .reml = 1, .level = 0.95 };
    dk_fit_result res[1] = { 0 };     /* zeroed: freed whatever dk_fit_all reached */
    int rc = dk_fit_all(&d, NULL, &o, res, e);
    dk_fit_results_free(res, 1, d.nfac);
    dk_fit_data_free(&d);
    return rc;
}

/* Writes the fit job's data: 40 respondents, 3 vignettes each. */
static void fit_data(const char *dir)
{
    char path[300];
    snprintf(path, sizeof path, "%s/alloc-fit.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "respondent,heavy,tailor\n");
    for (int r = 0; r < 40; r++)
        for (int v = 0; v < 3; v++)
            fprintf(f, "r%d,%d,%d\n", r, v, 1 + (r * 7 + v * 3) % 5);
    fclose(f);
}

/* The job with its N-th allocation failing for N over its allocations;
 * counts runs that crashed nothing but broke a rule. */
static void loop(t_ctx *t, const char *name, job_fn job, dk_model *m)
{
    dk_err e = { 0 };
    long live = t_alloc_live();
    t_alloc_arm(0);
    int rc = job(m, t->tmp, &e);
    long total = t_alloc_calls();
    if (rc != 0 || t_alloc_live() != live) {
        t_ok(t, 0, name, "the job itself fails (%s) or leaks %ld blocks", e.msg,
             t_alloc_live() - live);
        return;
    }
    int runs = 0, silent = 0, wrong = 0, leaks = 0;
    char first[900] = "";
    for (long n = 1; n <= total; n += n < RUNS / 2 ? 1 : total / (RUNS / 2) + 1, runs++) {
        e.msg[0] = '\0';
        t_alloc_arm(n);
        rc = job(m, t->tmp, &e);
        int hit = t_alloc_failed();
        t_alloc_arm(0);
        int bad_msg = rc != 0 && !strstr(e.msg, "out of memory");
        int leak = t_alloc_live() != live;
        silent += hit && rc == 0;
        wrong += bad_msg;
        leaks += leak;
        if ((bad_msg || leak) && !first[0])
            snprintf(first, sizeof first, "allocation %ld: rc %d, live %+ld, \"%s\"", n, rc,
                     t_alloc_live() - live, e.msg);
        live = t_alloc_live();
    }
    char what[200];
    snprintf(what, sizeof what, "memory runs out in %s: %d of its %ld allocations fail in "
             "turn, each run unwinds (\"out of memory\", nothing left allocated)", name, runs,
             total);
    t_ok(t, wrong == 0 && leaks == 0, what, "%d wrong messages, %d leaks; first: %s", wrong,
         leaks, first);
    (void)silent;
}


/* The first call of libc's allocator in text (a name not part of a
 * longer one, such as dk_free or gsl_matrix_free), or NULL. */
static const char *raw_call(const char *text)
{
    static const char *const names[] = { "malloc(", "calloc(", "realloc(", "strdup(",
                                         "strndup(", "free(", NULL };
    for (int i = 0; names[i]; i++)
        for (const char *p = text; (p = strstr(p, names[i])); p++)
            if (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.'
                               || p[-1] == '>'))
                return p;
    return NULL;
}

/* Every .c file under src/ allocates through the door, but the door. */
static void one_door(t_ctx *t)
{
    int files = 0, bad = 0;
    char first[700] = "", dir[600];
    snprintf(dir, sizeof dir, "%s/src", t->root);
    DIR *top = opendir(dir);
    for (struct dirent *layer; top && (layer = readdir(top));) {
        char sub[900];
        snprintf(sub, sizeof sub, "%s/%s", dir, layer->d_name);
        DIR *d = layer->d_name[0] != '.' ? opendir(sub) : NULL;
        for (struct dirent *f; d && (f = readdir(d));) {
            size_t k = strlen(f->d_name);
            if (k < 3 || strcmp(f->d_name + k - 2, ".c") != 0)
                continue;
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
            char *text = t_slurp(path, NULL);
            const char *hit = text && strcmp(path + strlen(dir), "/base/alloc.c") != 0
                ? raw_call(text) : NULL;
            files++;
            if (hit && !bad++)
                snprintf(first, sizeof first, "src/%s/%s calls %.*s", layer->d_name, f->d_name,
                         (int)strcspn(hit, "("), hit);
            free(text);
        }
        if (d)
            closedir(d);
    }
    if (top)
        closedir(top);
    t_ok(t, files > 50 && bad == 0, "alloc: every file of src/ allocates and frees through "
         "base/alloc.h", "%d of %d files call libc directly; first: %s", bad, files, first);
}

void test_alloc(t_ctx *t)
{
    one_door(t);
    dk_model m;
    if (t_default_model(t, "alloc", &m) != 0)
        return;
    /* as main does: GSL reports, the caller decides */
    gsl_set_error_handler_off();
    fit_data(t->tmp);
    static const struct { const char *name; job_fn job; } jobs[] = {
        { "the model", job_model }, { "the targets", job_targets },
        { "a scenario", job_scenario }, { "a class list", job_classes },
        { "simulate", job_simulate }, { "compare", job_compare }, { "plan", job_plan },
        { "sweep rows", job_sweep }, { "fit", job_fit },
    };
    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++)
        loop(t, jobs[i].name, jobs[i].job, &m);
    dk_model_free(&m);
}
