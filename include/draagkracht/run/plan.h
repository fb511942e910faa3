/*
 * plan.h -- the staffing planner: which support form each class gets, and
 * whether each school gets a facility, under one budget -- for one school,
 * or for all the schools of a board (schoolbestuur, samenwerkingsverband)
 * together.
 *
 * Evaluation.  R replicates, each one draw of every model parameter; every
 * candidate plan is scored on the same draws (common random numbers), so
 * differences between plans are not noise.  Teacher heterogeneity enters
 * the teacher-level shares (<= 2, >= 4, demand) exactly, as a normal
 * integral, rather than by sampling teachers.
 *
 * Objectives (expected over replicates; over every class of every school
 * planned, each class weighing the same):
 *   mean     mean capability over classes and aspects (or one aspect);
 *            secondary: fewer classes at "hardly"
 *   hardly   expected number of classes where some aspect's class mean
 *            falls below the threshold (minimised; secondary: mean)
 *   worst    the lowest expected class capability (max-min; secondary:
 *            mean)
 *
 * Ties.  Plans with the same objective value are ordered the way a budget
 * holder would: the cheaper first (in euros when the budget is in euros),
 * then the better secondary score (DK_PREFER_CHEAPER); or the secondary
 * score first, then the cheaper (DK_PREFER_MEAN).  Within rounding noise
 * (relative 1e-12) two objective values are the same.
 *
 * Solving.  Unit costs are point values, so a plan's cost is a sum of
 * per-class costs plus the facilities: an exact k-best knapsack
 * (knapsack.h), each school's curve over budgets combined over the schools;
 * max-min once per threshold from the highest one the budget reaches.
 * Costs are counted in hundredths of an hour per week (or euro cents)
 * divided by their common divisor; if that grid is too fine for memory it
 * is coarsened, costs rounded up (plans stay affordable) and down (a
 * relaxation that bounds the optimum), and the gap between the two is
 * reported.
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
    dk_prefer prefer;
    unsigned long seed;
    int replicates;
    /* Budgets in euros a year instead of FTE: each form's FTE times its
     * yearly euros per FTE (all forms on the menu need one). */
    int euro_budget;
    double euro_per_fte[DK_NSUPPORT];   /* < 0: none given */
} dk_plan_settings;

/* A board of 200 schools and 1,600 classes plans in 11 CPU s (200
 * replicates, issue 28); Dutch boards run to a hundred schools and more. */
#define DK_PLAN_MAX_CLASSES 2048
#define DK_PLAN_MAX_SCHOOLS 256

/* One plan: a form per class (DK_SUP_NONE: nothing added) and per school
 * whether it gets a facility; classes and schools in the planner's order. */
typedef struct {
    unsigned char form[DK_PLAN_MAX_CLASSES];
    unsigned char facility[DK_PLAN_MAX_SCHOOLS];
    double cost;            /* FTE */
    double euro;            /* euros a year; 0 without rates */
    double value;           /* objective, in its own units (hardly: classes) */
    double secondary;       /* tie-break: see the objectives above */
} dk_plan;

typedef struct dk_planner dk_planner;

/* Scores every choice of every class of school `school` of sc, or of all
 * its schools together when school is -1; NULL with e set when that cannot
 * be planned (too many classes, schools or replicates; out of memory). */
dk_planner *dk_planner_alloc(const dk_model *m, const dk_scenario *sc,
                             int school, const dk_plan_settings *s, dk_err *e);
void dk_planner_free(dk_planner *p);

int dk_planner_nclass(const dk_planner *p);
int dk_planner_nschool(const dk_planner *p);
int dk_planner_replicates(const dk_planner *p);
const dk_plan_settings *dk_planner_settings(const dk_planner *p);
const dk_scn_class *dk_planner_class(const dk_planner *p, int c);
const dk_scn_school *dk_planner_school(const dk_planner *p, int k);
/* The planner's school of class c; its first class and count. */
int dk_planner_school_of(const dk_planner *p, int c);
int dk_planner_school_first(const dk_planner *p, int k);
int dk_planner_school_count(const dk_planner *p, int k);
/* FTE one form costs (facility: for a school); unit costs are the model's
 * point values. */
double dk_planner_form_fte(const dk_planner *p, int form);
/* Forms class c may get besides none: a bit set; whether school k may
 * get a facility. */
unsigned dk_planner_choices(const dk_planner *p, int c);
int dk_planner_facility_allowed(const dk_planner *p, int k);

/*
 * The best plans within budget (FTE, or euros with euro_budget), best
 * first under the settings' tie order, at most max (<= 8); returns how
 * many, or -1 when out of memory.  *gap is 0 when the answer is exact,
 * otherwise an upper bound on how much better than out[0] the true optimum
 * could be (objective units).
 */
int dk_planner_solve(const dk_planner *p, double budget, dk_plan *out,
                     int max, double *gap);

/* The do-nothing plan, scored. */
void dk_planner_baseline(const dk_planner *p, dk_plan *out);

/* Fills in value, secondary, cost and euro of a plan whose forms are set
 * (each none or one of dk_planner_choices; a facility only where allowed). */
void dk_planner_score(const dk_planner *p, dk_plan *plan);
/* The same on replicate r's scores alone (r < 0: expected, as above). */
void dk_planner_score_r(const dk_planner *p, int r, dk_plan *plan);

/* The objective of plan in replicate r (worst: min over classes in r). */
double dk_planner_value_r(const dk_planner *p, const dk_plan *plan, int r);

/* Per class and outcome, what a plan leaves: */
typedef struct {
    double mean, lo, hi;    /* class mean rating; 90 % interval over parameters */
    double le2, ge4;        /* share of teachers at <= 2, >= 4 */
    double fte;             /* demand forms: FTE the strong need implies */
} dk_plan_cell;

typedef struct {
    dk_plan_cell *cell;     /* nclass x DK_NOUTCOME */
    double *gain_per_fte;   /* per class: objective gain of its form per FTE */
    double *facility_gain;  /* per school: per FTE of its facility; 0 without */
    double demand_fte;      /* remaining demand, all forms, all schools */
    double demand_fte_lo, demand_fte_hi;
    double lo, hi;          /* 90 % interval of the objective over replicates */
} dk_plan_detail;

/* 0, or -1 when out of memory (d then needs no freeing). */
int dk_planner_detail(const dk_planner *p, const dk_plan *plan, dk_plan_detail *d);
void dk_plan_detail_free(dk_plan_detail *d);

/* Share of replicates in which a beats b, ties them, and b beats a. */
void dk_planner_compare(const dk_planner *p, const dk_plan *a,
                        const dk_plan *b, double *win, double *tie,
                        double *loss);

/* ---- the whole answer to a planning question ---------------------------- */

#define DK_PLAN_MAX_SHOWN 8
/* A choice made in at least this share of the replicates' own optima is
 * robust; below it, a coin flip. */
#define DK_PLAN_ROBUST 0.9
int dk_plan_robust(double share);

typedef struct {
    double budget;          /* FTE, or euros with euro_budget */
    int max;                /* best plan and runners-up, 1..DK_PLAN_MAX_SHOWN */
    double step;            /* budget curve and marginal values, budget units */
    int threads;            /* for the replicates' own optima */
} dk_plan_request;

/* One school's part of the best plan. */
typedef struct {
    double cost, euro;      /* what the best plan spends in it */
    double value, base;     /* its own objective: best plan, baseline */
    /* The best plan with `step` more to spend in this school only (its
     * other schools as they are): the whole objective's and secondary
     * score's change, and what that school's part would cost. */
    double next_value, next_secondary, next_cost, next_euro;
} dk_plan_split;

/* Who the plans are for, in the planner's order: what a report needs to
 * name and cost them without the planner (pointers into the scenario). */
typedef struct {
    int nclass, nschool;
    const dk_scn_class *cls[DK_PLAN_MAX_CLASSES];
    int school_of[DK_PLAN_MAX_CLASSES];
    const dk_scn_school *school[DK_PLAN_MAX_SCHOOLS];
    int first[DK_PLAN_MAX_SCHOOLS], count[DK_PLAN_MAX_SCHOOLS];
    unsigned char facility_ok[DK_PLAN_MAX_SCHOOLS];
    double fte[DK_NSUPPORT];    /* FTE one form costs (facility: for a school) */
} dk_plan_who;

typedef struct {
    dk_plan_who who;
    dk_plan plan[DK_PLAN_MAX_SHOWN + 1];    /* best first; the baseline last */
    dk_plan_detail det[DK_PLAN_MAX_SHOWN + 1];
    double delta[DK_PLAN_MAX_SHOWN + 1][3]; /* vs baseline: mean, 5 %, 95 % */
    int nplan;              /* plans found, without the baseline */
    double gap;             /* see dk_planner_solve */
    double win, tie, loss;  /* best against the runner-up, over replicates */
    /* The best plan under the other tie order, when it differs: the same
     * objective value, cheaper (prefer mean) or with a better secondary
     * score for more money (prefer cheaper). */
    int has_other;
    dk_plan other;
    /* The replicates' own optima (each replicate's best plan, same ties):
     * the share of replicates whose optimum the best plan reaches, and per
     * class (school) the share giving it the best plan's form (facility). */
    double p_best;
    double *agree, *facility_agree;
    dk_plan *curve;         /* the best plan at each step up to the budget */
    double *curve_budget;
    int ncurve;
    dk_plan_split *split;   /* per school */
} dk_plan_result;

/* Answers q: best plans, baseline, deltas, details, the other tie order,
 * the replicates' optima, the budget curve and the split over schools.
 * -1 with e set when out of memory (res then needs no freeing). */
int dk_plan_run(const dk_planner *p, const dk_plan_request *q,
                dk_plan_result *res, dk_err *e);
void dk_plan_result_free(dk_plan_result *res);

#endif
