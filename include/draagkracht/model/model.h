/*
 * model.h -- the effect-size model: one parameter table and the linear
 * predictor that turns a class description into expected ratings.
 *
 * For each sector and outcome (5 capability aspects, 6 demand forms) the
 * expected rating is
 *
 *   intercept                      base vignette: lowest support-need level,
 *                                  no heavy-need pupils, no support
 * + f_ob(support-need pupils)      piecewise linear through the 4 vignette
 * + f_heavy(heavy-need pupils)     levels, one step parameter per segment
 * + support(forms present)         capability only; largest effect plus
 *                                  `support.combine` x the others
 * + subgroup(h)                    po experience, vo level; a gap d0 + d1*h
 *                                  that changes with scenario heaviness h
 * + (class size - ref) *          assumed: the vignettes kept size fixed;
 *     (slope + slope_heavy * heavy / top heavy level)
 *                                  a small main effect, and more where there
 *                                  are heavy-need pupils (seed 001 L1799-1804,
 *                                  L1928-1930)
 * + real-class offset (capability) only when real_class is set: the
 *                                  vignettes rate described classes; see
 *                                  realclass.* in the parameter table
 *
 * and a teacher's own rating adds a between-teacher random intercept and a
 * residual.  Every number is a dk_param with a range and a provenance.
 */
#ifndef DRAAGKRACHT_MODEL_H
#define DRAAGKRACHT_MODEL_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

/* The answers' cut-offs on the latent scale: a rating below DK_CUT_LE2 is
 * answered 1 or 2, one from DK_CUT_GE4 on 4 or 5 (the shares <= 2, >= 4). */
#define DK_CUT_LE2 2.5
#define DK_CUT_GE4 3.5

/* The largest seed a scenario, a sweep spec or an option takes (2^32 - 1). */
#define DK_SEED_MAX 4294967295L

#include "draagkracht/base/text.h"
#include "draagkracht/model/vocab.h"

typedef enum {
    DK_PROV_PUBLISHED, DK_PROV_CALIBRATED, DK_PROV_ASSUMED, DK_PROV_FITTED
} dk_prov;

const char *dk_prov_name(dk_prov k);

/* dk_model_origin of the embedded model. */

typedef struct {
    char name[64];
    double value, lo, hi;   /* lo..hi: plausible range (about 90 %) */
    dk_prov kind;
    char source[320];       /* seed lines, binding targets, or why */
    int set;                /* filled in by a file or the calibrator */
} dk_param;

/* Terms of one outcome's linear predictor. */
enum {
    DK_T_INTERCEPT,
    DK_T_OB1, DK_T_OB2, DK_T_OB3,       /* step between vignette levels */
    DK_T_HV1, DK_T_HV2, DK_T_HV3,
    DK_T_SUP1, DK_T_SUP2, DK_T_SUP3, DK_T_SUP4, /* assistant..facility */
    DK_T_SUB0, DK_T_SUB1,               /* subgroup gap at h = 0, change to h = 1 */
    DK_NTERM
};

/* Sector-wide and global parameters. */
enum {
    DK_G_CS_REF, DK_G_CS_CAP, DK_G_CS_NEED, DK_G_CS_CAP_HEAVY, DK_G_CS_NEED_HEAVY,
    DK_G_SD_TEACHER, DK_G_SD_RESID,
    DK_G_SURVEY_SIZE, DK_G_SURVEY_OB, DK_G_SURVEY_HEAVY,
    DK_NGSECTOR
};

typedef struct {
    dk_param *p;
    size_t n;
    int term[DK_NSECTOR][DK_NOUTCOME][DK_NTERM]; /* index into p, or -1 */
    int sect[DK_NSECTOR][DK_NGSECTOR];
    int share_novice;       /* po share of teachers with <= 5 years */
    int share_vmbo;         /* vo share of vmbo among vmbo + havo/vwo */
    int combine;            /* weight of a second support form */
    int level_size[3];      /* vo survey class size: -, vmbo, havo-vwo */
    int level_ob[3], level_heavy[3]; /* vo survey counts by level */
    int pop_size_lo, pop_size_hi;    /* edges of the open class-size bins */
    int pop_ob_icc, pop_heavy_icc;   /* overdispersion of counts between classes */
    int mbo_size_sd;                 /* mbo class-size spread (no table) */
    int cost_hours[DK_NSUPPORT]; /* hours per week per class (facility: per school) */
    int coaching_hours;     /* hours per week per teacher coached */
    int fte_hours;
    int class_fte;          /* teaching FTE a class takes (class-size lever) */
    int real_offset[DK_NASPECT]; /* vignette -> real-class capability shift */
    int real_class;         /* 1: add real_offset (--real-class); 0: vignettes */
    /* The ensemble: nmember coefficient vectors of the calibrated and
     * fitted parameters (in table order); calibrated values from the
     * posterior, each meeting every reading of the targets file, fitted
     * ones from the fit's sampling distribution.  mpos[i] is parameter i's column
     * in a member, or -1.  No members: every parameter is drawn from its
     * range (an older or hand-written model file). */
    size_t nmember, nmcol;
    int *mpos;
    double *member;         /* nmember x nmcol, row-major */
    char id[32];            /* content hash of the model text */
    char origin[256];       /* "embedded default" or the file it came from */
} dk_model;

/* A class as the model sees it. */
typedef struct {
    dk_sector sector;
    double class_size;      /* < 0: the sector's reference size */
    double ob, heavy;       /* support-need pupils, of whom heavy-need */
    unsigned support;       /* bit f set: support form f present (f >= 1) */
    dk_experience exp;
    dk_level level;
} dk_class;

/* Largest class size, and so count of pupils, the program handles:
 * scenario files and population.class-size.max stop here. */
#define DK_MAX_CLASS_SIZE 100

/* Support forms are bits 1..DK_NSUPPORT-1 of dk_class.support; mask >> 1
 * numbers the combinations 0..DK_NSUPPORT_MASK-1. */
#define DK_NSUPPORT_MASK (1 << (DK_NSUPPORT - 1))

/* Builds the canonical, empty parameter table (names and layout); 0, or
 * -1 (m empty) when out of memory. */
int dk_model_init(dk_model *m);
void dk_model_free(dk_model *m);
/* dst as a deep copy of src (the server loads the embedded model once and
 * gives each request its own); -1 (dst empty) when out of memory. */
int dk_model_copy(dk_model *dst, const dk_model *src);
int dk_model_find(const dk_model *m, const char *name);

/*
 * Reading and changing the table from outside src/model: every other layer
 * goes through these, so the layout of dk_model can change without them.
 * theta NULL in the value readers: the point values (as dk_fte).
 */
size_t dk_model_nparam(const dk_model *m);
const dk_param *dk_model_param(const dk_model *m, size_t i);
const char *dk_model_id(const dk_model *m);
const char *dk_model_origin(const dk_model *m);
size_t dk_model_nmember(const dk_model *m);
int dk_model_real_class(const dk_model *m);
void dk_model_set_real_class(dk_model *m, int on);
/* Index of sector s's parameter `which` (DK_G_*), and its value. */
int dk_model_sector_param(const dk_model *m, dk_sector s, int which);
double dk_sector_value(const dk_model *m, const double *theta, dk_sector s, int which);
/* Indices of outcome o's predictor terms in sector s (DK_NTERM; -1: none). */
const int *dk_model_terms(const dk_model *m, dk_sector s, int o);
/* Hours a week support form f costs; FTE a class takes; hours of one FTE. */
double dk_cost_hours(const dk_model *m, const double *theta, int f);
double dk_class_fte(const dk_model *m, const double *theta);
double dk_fte_hours(const dk_model *m, const double *theta);

/* The names in first (NULL-terminated; may be NULL), then every
 * parameter's, NULL-terminated, for "did you mean"; dk_free() the list (not
 * the names).  NULL when out of memory. */
const char **dk_model_names(const dk_model *m, const char *const *first);

/* Parameter i := value in lo..hi, of provenance kind, said by source. */
void dk_model_set(dk_model *m, int i, double value, double lo, double hi,
                  dk_prov kind, const char *source);

/* A scenario's change to one parameter, as plain data. */
typedef struct {
    int param;              /* index in the table */
    double value, lo, hi;
    int line;               /* where the scenario says it */
} dk_override;

/*
 * Sets parameter i as an assumption: value in lo..hi, kind assumed (so
 * dk_model_draw draws it from this range, not from the ensemble).  -1 with
 * e set, and the parameter as it was, when the model would leave the
 * domain dk_model_check guarantees (the message names `where`).
 */
int dk_model_override(dk_model *m, int i, double value, double lo, double hi,
                      const char *source, const char *where, dk_err *e);

/* dk_model_check as if the n overrides' ranges were applied, m untouched. */
int dk_model_check_ranges(const dk_model *m, const dk_override *o, size_t n,
                          const char *where, dk_err *e);

/* Parses a model file held in memory; every parameter exactly once. */
int dk_model_parse(dk_model *m, const char *path, const char *text,
                   size_t len, dk_err *e);
int dk_model_load(dk_model *m, const char *path, dk_err *e);
int dk_model_load_default(dk_model *m, dk_err *e);
void dk_model_write(const dk_model *m, dk_buf *b);

/* Current values (posterior means) as a vector. */
void dk_model_values(const dk_model *m, double *theta);

/*
 * The parameters of replicate `rep`: the calibrated ones from ensemble
 * member rep mod nmember (so R >= nmember replicates use every member
 * equally often), every other one drawn from its range with r.  A
 * calibrated parameter that a scenario overrides (kind no longer
 * calibrated) is drawn from its new range instead.
 */
void dk_model_draw(const dk_model *m, gsl_rng *r, long rep, double *theta);

/* The parameters of member r exactly: its calibrated values, every other
 * parameter at its value (no members: every parameter at its value). */
void dk_model_member_theta(const dk_model *m, size_t r, double *theta);

/* Sets the calibrated parameters of theta to member r's values (r mod
 * nmember; nothing when there are no members); the rest stay. */
void dk_model_member_apply(const dk_model *m, size_t r, double *theta);

/* A PERT draw within p's range, most likely at its value. */
double dk_param_pert(const dk_param *p, gsl_rng *r);

/* Rebuilds the ensemble as K members whose columns are the calibrated and
 * fitted parameters: member r starts as theta of the old member r (or the
 * values, without members) and fill(ctx, r, theta) sets what changed (a
 * fit's draws).  0, or -1 when out of memory. */
int dk_model_rebuild_members(dk_model *m, size_t K,
                             void (*fill)(void *ctx, size_t r, double *theta), void *ctx);

/* Which member replicate rep uses (0 when there are none). */
size_t dk_model_member(const dk_model *m, long rep);

/* Sets the ensemble: n members of m's calibrated parameters (nmcol values
 * each, table order), copied.  0, or -1 when out of memory. */
int dk_model_set_members(dk_model *m, const double *v, size_t n);

/* SD of one teacher's rating around the expected one: between-teacher
 * intercept and residual together (independent normals add). */
double dk_teacher_sd(const dk_model *m, const double *theta, dk_sector s);

/* FTE that hours a week stand for: hours / fte.hours, the week of one
 * full-time teacher.  theta NULL: at the model's point values (budgets
 * are planned on stated costs, not on draws). */
double dk_fte(const dk_model *m, const double *theta, double hours);

/* Hours per week one teacher's strong need for demand form f stands for
 * (DK_NEED_FACILITY: hours per school, as a facility serves a school). */
double dk_need_hours(const dk_model *m, const double *theta, int f);

/*
 * Teachers integrated out exactly: a teacher's latent rating is the class
 * mean y plus a normal with SD sd (dk_teacher_sd), rounded to a category,
 * so Phi((2.5 - y) / sd) of the teachers answer <= 2 and Q((3.5 - y) / sd)
 * answer >= 4.  With sd 0 every teacher answers y's own category.
 */
void dk_answer_shares(double y, double sd, double *le2, double *ge4);

/*
 * The mean a user reads: the expected answer on the 1..5 scale, E[category]
 * of a teacher whose latent rating is y plus a normal with SD sd, rounded
 * to a category (with sd 0: y's own category).  Always within 1..5: the
 * linear predictor y is the latent mean, which the readings bound on the
 * vignette grid and which extrapolates beyond it; within the grid the two
 * differ by less than 0.02.
 */
double dk_expected_answer(double y, double sd);

/* dk_expected_answer for one sd as a table, linearly interpolated, for
 * loops over many classes: error below 1e-4 for an SD of 0.3 or more (the
 * model's range starts at 0.46), below 2e-3 for any SD above 0. */
#define DK_ANSWER_GRID 512
typedef struct {
    double lo, step, inv_step;
    double v[DK_ANSWER_GRID + 2];
} dk_answer_mean;
void dk_answer_mean_build(dk_answer_mean *t, double sd);
static inline double dk_answer_mean_at(const dk_answer_mean *t, double y)
{
    double x = (y - t->lo) * t->inv_step;
    if (!(x > 0))
        return t->v[0];
    if (x >= DK_ANSWER_GRID)
        return t->v[DK_ANSWER_GRID];
    int i = (int)x;
    double f = x - i;
    return t->v[i] + f * (t->v[i + 1] - t->v[i]);
}
double dk_share_le2(double y, double sd);   /* each share alone */
double dk_share_ge4(double y, double sd);

/* FTE that a share ge4 of teachers with a strong need for demand outcome o
 * stands for, for one class; a facility serves a school of `classes`
 * classes, so a class carries 1 / classes of it. */
double dk_need_fte(const dk_model *m, const double *theta, int o, double ge4,
                   double classes);

/* Heaviness of a class in 0..1 (0: base vignette, 1: heaviest vignette). */
double dk_heaviness(const dk_class *c);

/* Expected rating of an outcome for a class, under parameters theta. */
double dk_model_mean(const dk_model *m, const double *theta,
                     const dk_class *c, int outcome);

/*
 * The expected rating is a sum of one term per class feature: every term of
 * the predictor depends on one feature, and the subgroup gap is linear in
 * heaviness, itself an ob part plus a heavy part.  So for classes that share
 * sector and subgroup,
 *
 *   dk_model_mean(c, o) = size[c.class_size][o] + ob[c.ob][o]
 *                       + heavy[c.heavy][o] + support[c.support >> 1][o]
 *                       + cs[c.class_size] * hv[c.heavy] * inter[o]
 *
 * and a population's classes cost four table rows and a product instead of eleven
 * predictor evaluations each (the tests check the identity).
 */
typedef struct {
    double size[DK_MAX_CLASS_SIZE + 1][DK_NOUTCOME];  /* includes the intercept */
    /* The class size x heavy-need interaction is a product of one number
     * per feature: cs[size] * hv[heavy] * inter[outcome]. */
    double cs[DK_MAX_CLASS_SIZE + 1], hv[DK_MAX_CLASS_SIZE + 1];
    double inter[DK_NOUTCOME];
    double ob[DK_MAX_CLASS_SIZE + 1][DK_NOUTCOME];
    double heavy[DK_MAX_CLASS_SIZE + 1][DK_NOUTCOME];
    double support[DK_NSUPPORT_MASK][DK_NOUTCOME];
} dk_mean_terms;

/* Fills the rows for class sizes size_lo..size_hi and counts 0..size_hi,
 * for classes with like's sector and subgroup. */
void dk_mean_terms_build(const dk_model *m, const double *theta, const dk_class *like,
                         int size_lo, int size_hi, dk_mean_terms *t);

/* Model-wide domain checks (also after a scenario overrides parameters). */
int dk_model_check(const dk_model *m, const char *path, dk_err *e);

/*
 * Input checks shared by every command: returns -1 with e set when the
 * class is impossible (heavy > support needs > class size), otherwise the
 * number of warnings (inputs outside the studied range, subgroup options
 * that do not apply to the sector; dk_class_warns lists them).
 */
#define DK_MAX_WARN 8
int dk_class_check(const dk_model *m, const dk_class *c, dk_err *e);

/* The same warnings as values, for texts in other languages: what is
 * outside, its value, the studied limits and the sector's name. */
typedef enum {
    DK_CW_SUPPORT_NEEDS, DK_CW_HEAVY, DK_CW_CLASS_SIZE, DK_CW_EXPERIENCE, DK_CW_LEVEL, DK_NCW
} dk_class_warn_kind;

typedef struct {
    dk_class_warn_kind kind;
    double value;
    int lo, hi;
    const char *sector;
} dk_class_warn;

/* The warnings of a class dk_class_check accepts; how many. */
int dk_class_warns(const dk_class *c, dk_class_warn warn[DK_MAX_WARN]);
/* w in words, by fmt: one of the formats below or a translation with the
 * same conversions in the same order. */
void dk_class_warn_text(const dk_class_warn *w, const char *fmt, char *out, size_t n);

/* Embedded texts, generated by build.sh from src/data/. */
extern const char dk_embedded_model[];
extern const char dk_embedded_targets[];

#endif
