/*
 * plan.h -- the staffing planner: which support form each class of one
 * school gets, and whether the school gets a facility, under one budget.
 *
 * Evaluation.  R replicates, each one draw of every model parameter; every
 * candidate plan is scored on the same draws (common random numbers), so
 * differences between plans are not noise.  Teacher heterogeneity enters
 * the teacher-level shares (<= 2, >= 4, demand) exactly, as a normal
 * integral, rather than by sampling teachers.
 *
 * Objective (expected over replicates, ties broken by a secondary score and
 * then by lower cost):
 *   mean     mean capability over classes and aspects (or one aspect);
 *            secondary: fewer classes at "hardly", so that among forms
 *            that add the same everywhere the weakest classes get them
 *   hardly   expected number of classes where some aspect's class mean
 *            falls below the threshold (minimised; secondary: mean)
 *   worst    the lowest expected class capability (max-min; secondary:
 *            mean)
 *
 * Solving.  Unit costs are point values, so a plan's cost is a sum of
 * per-class costs plus the facility.  A dynamic programme over exact costs
 * keeps the K best partial plans per cost, which gives the K best plans
 * exactly: for the sums directly, for max-min once per threshold (with a
 * flag for "some class sits at the threshold").  Costs are counted in
 * hundredths of an hour per week divided by their common divisor; if that
 * grid is too fine for memory it is coarsened, costs rounded up (plans stay
 * affordable) and down (a relaxation that bounds the optimum), and the gap
 * between the two is reported.
 */
#ifndef DRAAGKRACHT_PLAN_H
#define DRAAGKRACHT_PLAN_H

#include "draagkracht/model/model.h"
#include "draagkracht/input/scenario.h"

typedef struct {
    dk_objective objective;
    int aspect;             /* -1: all five aspects */
    double threshold;       /* hardly: class mean below this */
    unsigned menu;          /* forms the plan may hand out */
    unsigned long seed;
    int replicates;
    /* Budgets in euros a year instead of FTE: each form's FTE times its
     * yearly euros per FTE (all forms on the menu need one). */
    int euro_budget;
    double euro_per_fte[DK_NSUPPORT];
} dk_plan_settings;

/* One plan: a form per class (DK_SUP_NONE: nothing added) and the facility. */
typedef struct {
    int facility;
    unsigned char form[256];
    double cost;            /* FTE */
    double value;           /* objective, in its own units (hardly: classes) */
    double secondary;       /* tie-break: see the objectives above */
} dk_plan;

#define DK_PLAN_MAX_CLASSES 256

typedef struct dk_planner dk_planner;

/* Scores every choice of every class of school `school` of sc; NULL with
 * e set when the school cannot be planned (no class can take any form, too
 * many classes or replicates) or memory runs out. */
dk_planner *dk_planner_alloc(const dk_model *m, const dk_scenario *sc,
                             int school, const dk_plan_settings *s, dk_err *e);
void dk_planner_free(dk_planner *p);

/* FTE one form costs (facility: for the school); unit costs are the
 * model's point values. */
double dk_planner_form_fte(const dk_planner *p, int form);
int dk_planner_nclass(const dk_planner *p);
/* Forms class i may get besides none: a bit set. */
unsigned dk_planner_choices(const dk_planner *p, int i);

/*
 * The best plans within budget (FTE, or euros with euro_budget), best first, at most max; returns how
 * many, or -1 when out of memory.  *gap is 0 when the answer is exact,
 * otherwise an upper bound on how much better than out[0] the true
 * optimum could be (objective units).
 */
int dk_planner_solve(const dk_planner *p, double budget, dk_plan *out,
                     int max, double *gap);

/* The do-nothing plan, scored. */
void dk_planner_baseline(const dk_planner *p, dk_plan *out);

/* Fills in value, secondary and cost of a plan whose forms are set (each
 * form none or one of dk_planner_choices). */
void dk_planner_score(const dk_planner *p, dk_plan *plan);

/* The objective of plan in replicate r (worst: min over classes in r). */
double dk_planner_value_r(const dk_planner *p, const dk_plan *plan, int r);
int dk_planner_replicates(const dk_planner *p);

/* Per class and outcome, what a plan leaves: */
typedef struct {
    double mean, lo, hi;    /* class mean rating; 90 % interval over parameters */
    double le2, ge4;        /* share of teachers at <= 2, >= 4 */
    double fte;             /* demand forms: FTE the strong need implies */
} dk_plan_cell;

typedef struct {
    dk_plan_cell *cell;     /* nclass x DK_NOUTCOME */
    double *gain_per_fte;   /* per class: objective gain of its form per FTE */
    double facility_gain;   /* per FTE of the facility; 0 without one */
    double demand_fte;      /* remaining demand, all forms, whole school */
    double demand_fte_lo, demand_fte_hi;
    double lo, hi;          /* 90 % interval of the objective over replicates */
} dk_plan_detail;

/* 0, or -1 (d empty) when out of memory. */
int dk_planner_detail(const dk_planner *p, const dk_plan *plan,
                      dk_plan_detail *d);
void dk_plan_detail_free(dk_plan_detail *d);

/* Share of replicates in which a beats b, ties them, and b beats a. */
void dk_planner_compare(const dk_planner *p, const dk_plan *a,
                        const dk_plan *b, double *win, double *tie,
                        double *loss);

#endif
