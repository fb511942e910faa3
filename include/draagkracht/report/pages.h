/*
 * pages.h -- each command's report: the texts that describe its result,
 * and its table, CSV, JSON and HTML (--format html) writers, written
 * from the results the command already has.  Internal to the program.
 */
#ifndef DRAAGKRACHT_PAGES_H
#define DRAAGKRACHT_PAGES_H

#include "draagkracht/report/shared.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/plan.h"
#include "draagkracht/run/compare.h"
#include "draagkracht/input/rows.h"
#include "draagkracht/model/ppc.h"
#include "draagkracht/run/sweep.h"
#include "draagkracht/report/fitreport.h"

/* warnings: dk_warn's list (NUL-separated messages). */
void dk_simulate_page(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                      const dk_buf *warnings, dk_lang l, dk_buf *b);
void dk_simulate_table(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                       dk_lang l, dk_buf *b);
void dk_simulate_csv(const dk_scenario *sc, const dk_sim_result *r, dk_buf *b);
int dk_simulate_json(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                     const dk_buf *warnings, dk_buf *b, dk_err *e);
/* The report in format f (language l for people's formats); w: the input
 * warnings (JSON's in English). */
int dk_simulate_report_write(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                             const dk_warnings *w, dk_format f, dk_lang l, dk_buf *b, dk_err *e);

/* predict's class and run in two lines (its table's head, its report's
 * facts). */
void dk_predict_describe(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                         dk_lang l, dk_buf *b);
void dk_predict_page(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                     const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b);

typedef struct {
    const dk_model *m;
    const dk_class *c;
    const dk_mc_settings *s;    /* s->per_draw set: every draw's ratings (CSV) instead */
    const dk_prediction *p;
    const dk_warnings *w;
} dk_predict_report;

void dk_predict_table(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                      const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b);
void dk_predict_csv(const dk_prediction *p, dk_buf *b);
int dk_predict_json(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                    const dk_prediction *p, const dk_buf *warnings, dk_buf *b, dk_err *e);
/* --per-draw: every draw's expected ratings, one row per draw (CSV). */
void dk_predict_per_draw(const dk_model *m, const dk_mc_settings *s, dk_buf *b);
/* The report in format f (language l for people's formats). */
int dk_predict_report_write(const dk_predict_report *r, dk_format f, dk_lang l, dk_buf *b,
                            dk_err *e);

/* ---- plan ---- */

/* The question and its answer (run/plan.h): everything the output shows,
 * computed before anything is written (the planner is gone by then). */
typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    dk_plan_settings s;
    dk_plan_request q;
    dk_plan_result res;
    int school;                 /* --school's school; -1: every school */
    int euros;                  /* euro rates given: costs in euros too */
} dk_plan_report;

/* What a plan adds, in words ("groep 3: assistant; facility for the
 * school"; for several schools each school's part after its name). */
void dk_plan_label(const dk_plan_report *r, const dk_plan *pl, dk_lang l, dk_buf *b);
/* "best", "2", ..., "baseline" for plan i (buf: 16 bytes). */
const char *dk_plan_rank(const dk_plan_report *r, int i, dk_lang l, char *buf);
/* What is planned: the school's name, or "4 schools". */
const char *dk_plan_name(const dk_plan_report *r, dk_lang l, char *buf, int n);
/* The question: school(s), budget, objective, ties, unit costs, model. */
void dk_plan_describe(const dk_plan_report *r, dk_lang l, dk_buf *b);
/* How many of the best plan's choices (forms, affordable facilities) are
 * robust, and how many coin flips. */
void dk_plan_robust_counts(const dk_plan_report *r, int *robust, int *flips);
void dk_plan_page(const dk_plan_report *r, const dk_buf *warnings, dk_lang l, dk_buf *b);
/* plan's table, CSV and JSON (warnings: the input's, in English). */
void dk_plan_table(const dk_plan_report *r, dk_lang l, dk_buf *b);
void dk_plan_csv(const dk_plan_report *r, dk_buf *b);
int dk_plan_json(const dk_plan_report *r, const dk_buf *warnings, dk_buf *b, dk_err *e);
/* The report in format f; w: the input warnings (JSON's in English). */
int dk_plan_report_write(const dk_plan_report *r, dk_format f, const dk_warnings *w, dk_lang l,
                         dk_buf *b, dk_err *e);

/* ---- compare ---- */

typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    const dk_cmp_result *r;
    long classes;
    const dk_warnings *warnings;    /* schools' classes outside what was studied */
} dk_cmp_report;

/* The baseline's label (v 0) or variant v's name, as the file gives it
 * (machine output), and in language l where the file gives one (label.nl,
 * baseline.nl: human output). */
const char *dk_cmp_variant_name(const dk_cmp_report *rp, int v);
const char *dk_cmp_variant_label(const dk_cmp_report *rp, int v, dk_lang l);
/* A variant's rule in words. */
void dk_cmp_rule_text(const dk_model *m, const dk_scenario *sc, const dk_scn_rule *r,
                      dk_lang l, char *buf, size_t n);
/* The school classes variant v gives per-class form f, with the share of
 * replicates, as one line of words (broken before width; 0: never). */
void dk_cmp_given_list(const dk_cmp_report *rp, int v, int f, dk_lang l, size_t width,
                       dk_buf *b);
/* The comparison's first line: scenario, classes, model, replicates, seed. */
void dk_cmp_describe(const dk_cmp_report *rp, dk_lang l, dk_buf *b);
void dk_cmp_page(const dk_cmp_report *rp, dk_lang l, dk_buf *b);
void dk_cmp_table(const dk_cmp_report *rp, dk_lang l, dk_buf *b);
void dk_cmp_csv(const dk_cmp_report *rp, dk_buf *b);
int dk_cmp_json(const dk_cmp_report *rp, dk_buf *b, dk_err *e);
int dk_cmp_report_write(const dk_cmp_report *rp, dk_format f, dk_lang l, dk_buf *b, dk_err *e);

/* ---- sweep ---- */

typedef struct {
    int sobol;                      /* 1: Sobol (saltelli), 0: Morris */
    int k, nr;                      /* factors, responses */
    const char *const *factor, *const *response;
    const dk_sobol_index *sobol_ix; /* nr x k, response-major */
    const dk_morris_index *morris_ix;
    const char *facts;              /* the design in words */
    const char *source;             /* model and seed, or the rows file */
} dk_sweep_view;

void dk_sweep_page(const dk_sweep_view *v, dk_lang l, dk_buf *b);

/* What the indices are computed from and what --until-ci found. */
typedef struct {
    dk_rows d;              /* the design, its names and kept responses */
    long boot, boot_seed;   /* the Sobol intervals' bootstrap */
    double until;           /* --until-ci W (0: not given) */
    dk_test_fn test;        /* a test function over its own domain: its analytic indices */
    double a, b;            /* ishigami's */
    double index_seconds;   /* wall time computing the indices */
    /* --until-ci: how the design grew (in the run), the widest interval */
    long start_n;
    int rounds, met;
    double widest;
    dk_sobol_where where;
    char source[400];       /* where the rows come from: the report's every chart says it */
} dk_sweep_analysis;

void dk_sweep_sobol_csv(const dk_sweep_analysis *an, const dk_sobol_index *ix, dk_buf *b);
void dk_sweep_morris_csv(const dk_sweep_analysis *an, const dk_morris_index *ix, dk_buf *b);
int dk_sweep_json(const dk_sweep_analysis *an, const void *ix, dk_buf *b, dk_err *e);
void dk_sweep_table(const dk_sweep_analysis *an, const void *ix, dk_lang l, dk_buf *b);
void dk_sweep_html(const dk_sweep_analysis *an, const void *ix, dk_lang l, dk_buf *b);
/* The indices ix (nr x k, response-major: dk_sobol_index of a saltelli
 * design, dk_morris_index of a morris one) in format f. */
int dk_sweep_report_write(const dk_sweep_analysis *an, const void *ix, dk_format f, dk_lang l,
                          dk_buf *b, dk_err *e);
/* What --until-ci found, in a sentence: met or not, at which n, the
 * widest interval and, from --analyse, the n to run next. */
void dk_sweep_until_text(const dk_sweep_analysis *an, dk_lang l, dk_buf *b);

/* ---- model ---- */

/* The parameter table in format f (table, CSV or JSON). */
int dk_model_params_write(const dk_model *m, dk_format f, dk_lang l, dk_buf *b, dk_err *e);
/* Every target of ts checked in every member (q); *unmet counts the
 * checks that some member misses. */
int dk_model_targets_write(const dk_model *m, const dk_targets *ts, const dk_ppc *q, dk_format f,
                           dk_lang l, dk_buf *b, int *unmet, dk_err *e);
/* Per calibrated parameter, 1 - posterior/prior variance: how much of it
 * the readings decide (model --evidence). */
int dk_model_evidence_write(const dk_model *m, const dk_targets *ts, dk_format f, dk_buf *b,
                            dk_err *e);

/* ---- fit ---- */

/* m: the model to hold the fitted parameters against, or NULL. */
void dk_fit_page(const dk_fit_report *rep, const dk_model *m, dk_lang l, dk_buf *b);

#endif
