/*
 * pages.h -- the HTML report of each command (--format html), written
 * from the results the command already has.  Internal to the program.
 */
#ifndef DRAAGKRACHT_PAGES_H
#define DRAAGKRACHT_PAGES_H

#include "draagkracht/cli/lang.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/plan.h"
#include "draagkracht/run/compare.h"

/* warnings: dk_warn's list (NUL-separated messages). */
void dk_simulate_page(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                      const dk_buf *warnings, dk_lang l, dk_buf *b);

/* predict's class and run in two lines (its table's head, its report's
 * facts). */
void dk_predict_describe(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                         dk_lang l, dk_buf *b);
void dk_predict_page(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                     const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b);

/* ---- plan ---- */

#define DK_PLAN_MAX_SHOWN 8
#define DK_PLAN_MAX_CURVE 1001

/* Everything the output shows, computed before anything is written. */
typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    const dk_scn_school *school;
    const dk_planner *p;
    dk_plan_settings s;
    double budget, step, gap;
    double euro[DK_NSUPPORT];   /* yearly euros per FTE; < 0: none given */
    int euros;
    dk_plan plan[DK_PLAN_MAX_SHOWN + 1];/* best first; the baseline last */
    dk_plan_detail det[DK_PLAN_MAX_SHOWN + 1];
    double delta[DK_PLAN_MAX_SHOWN + 1][3]; /* against baseline: mean, lo, hi */
    int nplan;                  /* plans found, without the baseline */
    double win, tie, loss;      /* best against runner-up */
    dk_plan curve[DK_PLAN_MAX_CURVE];
    double curve_budget[DK_PLAN_MAX_CURVE];
    int ncurve;
} dk_plan_report;

/* The FTE plan's yearly cost in euros (with rates). */
double dk_plan_euros(const dk_plan_report *r, const dk_plan *pl);
/* What a plan adds, in words ("groep 3: assistant; facility for the school"). */
void dk_plan_label(const dk_plan_report *r, const dk_plan *pl, dk_lang l, dk_buf *b);
/* "best", "2", ..., "baseline" for plan i (buf: 16 bytes). */
const char *dk_plan_rank(const dk_plan_report *r, int i, dk_lang l, char *buf);
/* The question: school, budget, objective, unit costs, model. */
void dk_plan_describe(const dk_plan_report *r, dk_lang l, dk_buf *b);
void dk_plan_page(const dk_plan_report *r, const dk_buf *warnings, dk_lang l, dk_buf *b);

/* ---- compare ---- */

typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    const dk_cmp_result *r;
    long classes;
} dk_cmp_report;

/* The baseline's label (v 0) or variant v's name. */
const char *dk_cmp_variant_name(const dk_cmp_report *rp, int v);
/* A variant's rule in words. */
void dk_cmp_rule_text(const dk_model *m, const dk_scenario *sc, const dk_scn_rule *r,
                      dk_lang l, char *buf, size_t n);
/* The comparison's first line: scenario, classes, model, replicates, seed. */
void dk_cmp_describe(const dk_cmp_report *rp, dk_lang l, dk_buf *b);
void dk_cmp_page(const dk_cmp_report *rp, dk_lang l, dk_buf *b);

#endif
