/*
 * planspec.h -- the [plan] section of a scenario: the staffing question
 * `plan` answers, read into a plain struct (never touching the model).
 *
 *   [plan]
 *   budget = 1.0                 FTE of extra staff (or budget-euro = EUR a year)
 *   options = assistant, ...     forms the plan may hand out (or none)
 *   objective = mean             mean | hardly | worst
 *   prefer = cheaper             ties: cheaper | mean first
 *   aspect = all                 or one capability aspect
 *   threshold = 2.5              hardly: a class mean below this counts
 *   euro-per-fte[.FORM] = EUR    yearly cost of an FTE (all forms, or one)
 */
#ifndef DRAAGKRACHT_PLANSPEC_H
#define DRAAGKRACHT_PLANSPEC_H

#include "draagkracht/io/ini.h"
#include "draagkracht/model/vocab.h"

/* What `plan` optimises: mean capability, the number of classes where
 * some aspect falls to "hardly" (class mean below a threshold), or the
 * worst class (max-min). */
typedef enum { DK_OBJ_MEAN, DK_OBJ_HARDLY, DK_OBJ_WORST } dk_objective;

extern const char *const dk_objective_names[];
int dk_objective_lookup(const char *s);

/* How `plan` breaks ties on the objective: the cheaper plan first, then
 * the better secondary score; or the other way round. */
typedef enum { DK_PREFER_CHEAPER, DK_PREFER_MEAN } dk_prefer;

extern const char *const dk_prefer_names[];    /* "cheaper", "mean" */
int dk_prefer_lookup(const char *s);

#define DK_PLAN_DEFAULT_THRESHOLD 2.5
/* What the section and the options alike accept: a budget in FTE and in
 * euros a year, and the threshold. */
#define DK_PLAN_BUDGET_MAX 1000
#define DK_PLAN_BUDGET_EURO_MAX 1e9
#define DK_PLAN_THRESHOLD_LO 1
#define DK_PLAN_THRESHOLD_HI 5

typedef struct {
    int line;               /* of [plan]; 0 when the file has none */
    double budget;          /* FTE; < 0: not given */
    double budget_euro;     /* euros a year; < 0: not given */
    unsigned menu;          /* forms the plan may hand out (bit f) */
    dk_objective objective;
    dk_prefer prefer;
    int aspect;             /* -1: all five aspects */
    double threshold;       /* "hardly": a class mean below this */
    double euro_per_fte[DK_NSUPPORT]; /* yearly cost of one FTE; < 0: none */
    int euro_line[DK_NSUPPORT];
    unsigned specific_rates;/* forms whose rate a euro-per-fte.FORM key set */
} dk_plan_spec;

/* The keys of a [plan] section, NULL-terminated. */
extern const char *const dk_plan_spec_keys[];

/* No section: no budget, every form, objective mean, ties cheaper first,
 * all aspects, the default threshold, no euro rates. */
void dk_plan_spec_init(dk_plan_spec *p);
/* Key k (an index into dk_plan_spec_keys) with value v, read by ini (whose
 * line and file the messages name); 0, or -1 with ini's error set. */
int dk_plan_spec_set(dk_plan_spec *p, const dk_ini *ini, int k, const char *v);

/* euro-per-fte (form 0: every form up to last) or euro-per-fte.FORM into
 * rates[] and the line into lines[]: a specific rate wins over the general
 * one in whatever order they come ([plan] and [compare] alike). */
/* The budget: the options' (fte or eur; < 0: not given), else the
 * section's; FTE or euros, not both (*euro: in euros), and a plan that may
 * use some form (menu); -1 with e naming the file (path) and line. */
int dk_plan_spec_budget(const dk_plan_spec *sp, const char *path, double fte, double eur,
                        unsigned menu, int *euro, double *budget, dk_err *e);
/* The section's euro rates into rates[]: all or nothing over the forms the
 * plan may use (menu), and needed for a budget in euros; *given says
 * whether there are any. */
int dk_plan_spec_rates(const dk_plan_spec *sp, const char *path, unsigned menu, int euro_budget,
                       double rates[DK_NSUPPORT], int *given, dk_err *e);

int dk_euro_rate_key(const dk_ini *ini, const char *key, const char *v, int form, int last,
                     double *rates, int *lines, unsigned *specific);

#endif
