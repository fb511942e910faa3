/*
 * survey.h -- drawing the classes of a population from the teacher survey
 * (seed 001 ch. 3): class size from Table 7.2, support-need and heavy-need
 * counts around Table 3.2's means, support available now from Table 3.15.
 *
 * Within one replicate the parameters are fixed, so each of these is a
 * fixed discrete distribution over small integers.  dk_survey_prepare
 * tabulates them (exact probabilities, GSL's alias method), and a class is
 * then four table look-ups with one uniform each.
 */
#ifndef DRAAGKRACHT_SURVEY_H
#define DRAAGKRACHT_SURVEY_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "draagkracht/model/model.h"
#include "draagkracht/base/uniform.h"

typedef struct {
    dk_sector sector;
    dk_level level;
    dk_experience exp;
    int size, ob, heavy;    /* -1: drawn from the survey */
    int as_now;             /* 1: support drawn from Table 3.15 */
    unsigned support;       /* otherwise: these forms for every class */
} dk_pop_spec;

/* A discrete distribution over small codes, as Walker's alias table:
 * the table gsl_ran_discrete_preproc builds (made here the same way, as
 * GSL's crashes when memory runs out), held as one array of entries so
 * that a draw touches one cache line, not three (the tables of a
 * population outgrow the first-level cache otherwise).
 * Entry c of K: below F it is code[0] (its own), from F on code[1] (its
 * alias). */
typedef struct {
    double F;
    unsigned code[2];
} dk_alias_entry;

typedef struct {
    dk_alias_entry *e;      /* NULL until built */
    double K;               /* entries (a double: no conversion per draw) */
    unsigned long nK;       /* the same, as an integer */
    /* The distribution itself, for drawing many classes at once (counts
     * per code, run/compose.c): code[i] has probability p[i], i < nK;
     * tail[i] is p[i] + ... + p[nK - 1], summed from the end (no
     * cancellation when the remaining mass is small). */
    double *p, *tail;
    unsigned *code;
} dk_survey_dist;

/* A population's composition under one parameter draw: the joint table
 * of class size and support forms, then the support-need count given the
 * size and the heavy count given that count.  The count tables are built
 * the first time a size or count occurs, so small populations pay only
 * for the values they draw. */
typedef struct {
    dk_pop_spec spec;
    int size_lo, size_hi;       /* every class size drawn lies here */
    double ob_share, ob_icc, hv_share, hv_icc;
    dk_survey_dist size_support;  /* code: size << 8 | support mask >> 1 */
    dk_survey_dist ob[DK_MAX_CLASS_SIZE + 1];    /* given the class size */
    dk_survey_dist heavy[DK_MAX_CLASS_SIZE + 1]; /* given the support-need count */
    int oom;                    /* a count table could not be built */
} dk_survey_tables;

/* One drawn class: size and counts, and the support mask (dk_class). */
typedef struct {
    int size, ob, heavy;
    unsigned support;
} dk_survey_class;

/* Uniforms one class takes. */
#define DK_SURVEY_UNIFORMS 3

/* Tabulates population p under parameters theta; t must be zeroed before
 * its first use and released with dk_survey_tables_free.  0, or -1 when
 * out of memory. */
int dk_survey_prepare(dk_survey_tables *t, const dk_model *m, const double *theta,
                       const dk_pop_spec *p);
void dk_survey_tables_free(dk_survey_tables *t);

/* gsl_ran_discrete's lookup for a given uniform u: gsl_ran_discrete(r, g)
 * is the code of entry dk_alias_at(d, gsl_rng_uniform(r)) (the tests
 * check that it stays so). */
static inline unsigned dk_alias_at(const dk_survey_dist *d, double u)
{
    const dk_alias_entry *e = &d->e[(int)(u * d->K)];
    return e->code[u >= e->F];  /* an index, not a branch: it is a coin flip */
}

/* The same for U with leading 16 bits x (uniform.h). */
static inline unsigned dk_alias_u16(const dk_survey_dist *d, unsigned x, gsl_rng *r)
{
    unsigned long c = (x * d->nK) >> 16, last = ((x + 1) * d->nK - 1) >> 16;
    const dk_alias_entry *e = &d->e[c];
    double lo = x / 65536.0, hi = (x + 1) / 65536.0;
    unsigned own = hi <= e->F, alias = lo >= e->F;
    if ((c != last) | !(own | alias))
        return dk_alias_at(d, dk_u16_refine(x, r));
    return e->code[alias];
}

/* d as Walker's table of weights w[0..k-1] (k >= 1, not all 0) with codes
 * code[0..k-1]; gsl_ran_discrete_preproc(k, w) is its GSL twin.  0, or -1
 * (d empty) when out of memory. */
int dk_survey_dist_set(dk_survey_dist *d, const double *w, const unsigned *code,
                       size_t k);
void dk_survey_dist_free(dk_survey_dist *d);

/* Builds the support-need (heavy = 0) or heavy-count (heavy = 1) table
 * for a class of n, or with n support-need pupils; -1 (and t->oom set)
 * when out of memory. */
int dk_survey_build_counts(dk_survey_tables *t, int heavy, int n);

/* The class that uniforms with leading 16 bits x give (uniform.h), in the
 * population t was prepared for; r refines them when needed.  The caller
 * draws x, so that generator calls can run in bulk.  A count table that
 * cannot be built leaves counts 0 and t->oom set, for the caller to check
 * after its loop. */
static inline void dk_survey_draw(dk_survey_tables *t, const unsigned x[DK_SURVEY_UNIFORMS],
                                  gsl_rng *r, dk_survey_class *c)
{
    unsigned sm = dk_alias_u16(&t->size_support, x[0], r);
    c->size = (int)(sm >> 8);
    c->support = (sm & 0xff) << 1;
    c->ob = c->heavy = 0;
    if (!t->ob[c->size].e && dk_survey_build_counts(t, 0, c->size) != 0)
        return;
    c->ob = (int)dk_alias_u16(&t->ob[c->size], x[1], r);
    if (!t->heavy[c->ob].e && dk_survey_build_counts(t, 1, c->ob) != 0)
        return;
    c->heavy = (int)dk_alias_u16(&t->heavy[c->ob], x[2], r);
}

/* Table 3.2's mean class size, support-need and heavy-need pupils per
 * class (seed 001 L741-793) for a sector and, in vo, a level (vmbo 22, 9,
 * 5; havo/vwo 26, 6, 2), under parameters theta.  The one rule for every
 * count a class or population leaves open. */
typedef struct {
    double size, ob, heavy;
} dk_survey_means;

dk_survey_means dk_survey_means_at(const dk_model *m, const double *theta,
                                   dk_sector s, dk_level l);
/* What the counts of a class that sets none default to: those means at
 * the model's point values, rounded to whole pupils. */
dk_survey_means dk_survey_class_defaults(const dk_model *m, dk_sector s, dk_level l);

/* Share of classes (0..1) that have support form f often or always now,
 * for a sector and class size (seed 001 Table 3.15). */
double dk_survey_availability(dk_sector s, int form, double class_size);

/* P(k) of a beta-binomial count out of n with mean share `share` and
 * intra-class correlation icc (0 < icc < 1). */
double dk_survey_betabinom_pdf(unsigned k, unsigned n, double share, double icc);

#endif
