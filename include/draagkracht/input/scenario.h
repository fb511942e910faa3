/*
 * scenario.h -- scenario files: the plain-text description of a school (or
 * several) that `simulate` runs.
 *
 *   # comment
 *   [run]                     seed = N, replicates = N
 *   [assumptions]             PARAMETER = VALUE [LO HI]   (any model parameter)
 *   [school NAME]             sector = po|vo|mbo, level = ..., experience = ...
 *   [class NAME]              class-size, support-needs, heavy, support,
 *                             experience, level (defaults: the school's)
 *   [population NAME]         sector, level, experience, classes, class-size,
 *                             support-needs, heavy (a number or "survey"),
 *                             support (forms or "as-now"), school-size
 *   [plan]                    budget (FTE) or budget-euro, options (forms),
 *                             objective, prefer, aspect, threshold,
 *                             euro-per-fte[.FORM]
 *   [compare]                 baseline (its label), criterion,
 *                             euro-per-fte[.FORM|.class]
 *   [variant NAME]            base (an earlier variant), assistant,
 *                             extra-teacher, specialist, facility, class-size
 *                             (each rule optionally "... in POPULATION")
 *
 * Keys use the same names as the predict flags.  Every error names the
 * file, the line and the key.
 */
#ifndef DRAAGKRACHT_SCENARIO_H
#define DRAAGKRACHT_SCENARIO_H

#include "draagkracht/model/model.h"
#include "draagkracht/model/survey.h"
#include "draagkracht/input/planspec.h"

typedef struct {
    char name[64];
    int school;             /* index into schools */
    dk_class c;
    int line;
} dk_scn_class;

typedef struct {
    char name[64];
    dk_sector sector;
    dk_level level;
    dk_experience exp;
    int first, nclass;      /* its classes, contiguous */
    int line;
} dk_scn_school;

typedef struct {
    char name[64];
    dk_pop_spec spec;
    long classes;
    int school_size;        /* classes per school: a facility serves a school */
    int line;
} dk_scn_population;


/* How a variant hands out a support form: to a share of the classes
 * (facility: of the schools) that lack it, picked at random, the ones with
 * the most heavy-need pupils first, or with the chances the survey's
 * current availability gives (Table 3.15, unrelated to need); or to every
 * school of at least min_school classes (facility only). */
typedef enum { DK_ALLOC_RANDOM, DK_ALLOC_TARGETED, DK_ALLOC_AS_NOW, DK_ALLOC_EVERY } dk_alloc;

extern const char *const dk_alloc_names[];

/* One change a variant makes to the baseline population. */
typedef struct {
    int form;               /* support form given; 0: a class-size change */
    dk_alloc alloc;
    double share;           /* 0..1 of the classes (schools) */
    int min_school;         /* DK_ALLOC_EVERY: schools of at least this many classes */
    int delta;              /* class-size change in pupils */
    int pop;                /* "... in NAME": only that population's classes; -1: all */
    char in[64];            /* NAME as written */
    int id;                 /* rule number in the file: names its random stream */
    int line;
} dk_scn_rule;

/* A name in another language, for people: "label.nl = ..." in a
 * [variant], "baseline.nl = ..." in [compare].  Machine output (CSV, JSON)
 * keeps the name itself. */
typedef struct {
    char lang[4];           /* "nl" */
    char text[64];
    int line;
} dk_scn_label;

#define DK_SCN_MAX_LABELS 4

/* The label in language lang, else fallback. */
const char *dk_scn_label_for(const dk_scn_label *labels, int n, const char *lang,
                             const char *fallback);

/* The largest number of rules a variant has, its base's included. */
#define DK_MAX_RULES 16

typedef struct {
    char name[64];
    int base;               /* an earlier variant whose rules come first; -1: none */
    dk_scn_rule rule[DK_MAX_RULES]; /* its own rules after its base's */
    int nrule;
    dk_scn_label label[DK_SCN_MAX_LABELS];
    int nlabel;
    int line;
} dk_scn_variant;

/* What `compare` ranks variants by: a change in an aspect's mean (higher
 * is better) or in its share at <= 2 (lower is better), as such or per
 * FTE the variant costs; aspect -1: the average over the five aspects. */
typedef enum { DK_CRIT_LE2, DK_CRIT_MEAN, DK_CRIT_LE2_FTE, DK_CRIT_MEAN_FTE } dk_crit_kind;

extern const char *const dk_crit_names[];   /* "le2", "mean", "le2-per-fte", ... */

/* The [compare] section and the [variant NAME] sections. */
typedef struct {
    int line;               /* of [compare]; 0 when the file has none */
    char baseline[64];      /* label of the population as given */
    dk_scn_label baseline_label[DK_SCN_MAX_LABELS];
    int nbaseline_label;
    dk_crit_kind crit;
    int crit_aspect;        /* -1: all aspects */
    double euro_per_fte[DK_NSUPPORT + 1]; /* by form; [DK_NSUPPORT]: class teachers; < 0: none */
    int euro_line[DK_NSUPPORT + 1];
    dk_scn_variant *variants;
    int nvariant;
} dk_scn_compare;

typedef struct {
    char path[256];             /* where the classes are: the scenario, or --classes' list */
    char spec_path[256];        /* where [run], [plan], [compare] and [variant] are */
    unsigned long seed;
    int replicates;
    dk_scn_school *schools; int nschool;
    dk_scn_class *classes;  int nclass;
    dk_scn_population *pops; int npop;
    dk_override *assume;        /* [assumptions], in file order, for the */
    int nassume;                /* command to apply (dk_model_override) */
    dk_plan_spec plan;          /* the [plan] section (planspec.h) */
    dk_scn_compare compare;
} dk_scenario;

#define DK_SCN_DEFAULT_REPLICATES 1000

/*
 * Parses a scenario into plain data; m (loaded first) is only read, for
 * parameter names and domain checks.  [assumptions] come back as
 * overrides in sc->assume; classes keep unset counts (-1) until
 * dk_scenario_classes, which the command calls once it has applied them,
 * because the defaults are the survey means of the model in use.  A file
 * may hold no classes at all (a class list may bring them: the command
 * checks that there are some).
 */
int dk_scenario_parse(dk_scenario *sc, const dk_model *m, const char *path,
                      const char *text, size_t len, dk_err *e);
/* Fills each class's unset counts from m's survey means and checks the
 * class (-1 with e set naming file and line). */
int dk_scenario_classes(dk_scenario *sc, const dk_model *m, dk_err *e);
/* -1 with e set when a variant puts a facility in every school of at
 * least N classes and no school has N (again after --classes). */
int dk_scenario_check_reach(const dk_scenario *sc, dk_err *e);
/* What compare needs (again after --classes): something to compare (a
 * [variant] section), labels in languages the program speaks, every rule
 * reaching a school; -1 with e set. */
int dk_scenario_check_compare(const dk_scenario *sc, dk_err *e);
/* A class of school (-1: every school) that already has every per-class
 * form the plan may use (menu) cannot be planned for: almost always a
 * slip in the file; -1 with e set. */
int dk_scenario_check_plan(const dk_scenario *sc, int school, unsigned menu, dk_err *e);
/* "FILE:LINE" of a line of the scenario, for messages. */
void dk_scenario_where(const dk_scenario *sc, int line, char *out, size_t n);
/* "tailor.le2", "all.mean", ...: sets c's criterion; -1 with e set. */
int dk_compare_criterion_parse(dk_scn_compare *c, const char *s, dk_err *e);

int dk_scenario_load(dk_scenario *sc, const dk_model *m, const char *path, dk_err *e);
void dk_scenario_free(dk_scenario *sc);

/* The embedded default scenario (scenarios/school-po-8.ini). */
extern const char dk_embedded_scenario[];
extern const char dk_embedded_compare[];   /* scenarios/compare-school-po.ini */

#endif
