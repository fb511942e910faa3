/*
 * targets.h -- the calibration file: published anchors and constraints,
 * the structured prior, and the assumed parameters.
 *
 * Line kinds (see src/data/targets.txt for the documented original):
 *
 *   prior  PATTERN VALUE SCALE UNC SIGN   calibrated parameters (glob);
 *                                         later lines override earlier ones
 *   assume NAME VALUE LO HI KIND SOURCE   fixed parameters (published/assumed)
 *   target ID SEED READING                starts a target
 *   check  [VAR=LIST ...] : EXPR OP EXPR [tol X]   one constraint, expanded
 *                                         over every combination of VARs
 *   check  ... : EXPR = NUMBER printed R n N sd S   a number the study printed
 *                                         (to R, a mean of N answers of SD S):
 *                                         a Gaussian likelihood, not a band
 *   info   ID SEED READING                a statement that is not a constraint
 *   hierarchy COMMON SECTOR OUTCOME        prior variance shares (sum 1)
 *   word   PHRASE | READING               a scale word's one reading (shown
 *                                         by `model --targets`)
 *
 * EXPR is a sum of NUMBER, [NUMBER*]cap(SECTOR,ASPECT,key=val,...),
 * [NUMBER*]need(SECTOR,FORM,key=val,...) and param(NAME) terms; keys are
 * ob, heavy (a count, #k for the k-th vignette level, or avg), sup (a form
 * or avg), cs, exp, level.  OP is >=, <= or =.
 */
#ifndef DRAAGKRACHT_TARGETS_H
#define DRAAGKRACHT_TARGETS_H

#include <stddef.h>
#include "draagkracht/model/model.h"

/* The embedded targets' path in messages and reports. */
#define DK_TARGETS_EMBEDDED "(embedded targets)"

typedef struct {
    double coef;
    int kind;               /* 0 constant, 1 model mean, 2 parameter */
    int param;
    dk_sector sector;
    int outcome;            /* -1: average over the aspects or the forms */
    int need;
    double ob, heavy;       /* < 0 with *_avg: average over vignette levels */
    int ob_avg, heavy_avg;
    int sup;                /* support condition, -1: average over all five */
    double cs;              /* < 0: reference size */
    dk_experience exp;
    dk_level level;
} dk_term;

typedef struct {
    dk_term *terms;         /* right-hand side folded in with negated coefs */
    int nterm;
    char op;                /* '>' for >=, '<' for <=, '=' */
    double tol;
    double sigma;           /* > 0: a printed number, read as a measurement with
                             * this SD (op '=', tol = 3 sigma); 0: a hard reading */
    int target;             /* index into targets */
    int line;
    char text[384];         /* the expanded constraint, for reports */
} dk_check;

typedef struct {
    char id[24];
    char seed[96];
    char reading[600];
    int info;               /* 1: a statement, not a constraint */
    int line;
} dk_target;

typedef struct {
    char pattern[64];
    double value, scale, unc;
    int sign;               /* +1, -1, or 0 for either */
    int line, used;
} dk_prior;

typedef struct {
    char name[64];
    double value, lo, hi;
    dk_prov kind;
    char source[320];
    int line;
} dk_assume;

/* A scale word and its one reading. */
typedef struct {
    char word[64];
    char reading[240];
    int line;
} dk_word;

typedef struct {
    char path[256];
    dk_word *w;    size_t nw;
    dk_target *t;  size_t nt;
    dk_check *c;   size_t nc;
    dk_prior *pr;  size_t npr;
    dk_assume *as; size_t nas;
    /* Shares of each calibrated effect's prior variance that are common
     * to all sectors and outcomes, shared by one sector's outcomes, and
     * the outcome's own (sum 1); see "hierarchy" in src/data/targets.txt.
     * Without the line every effect is independent (0 0 1). */
    double hier[3];
    int hier_line;
} dk_targets;

/* Parses a targets file; names are checked against m's parameter table. */
int dk_targets_parse(dk_targets *ts, const dk_model *m, const char *path,
                     const char *text, size_t len, dk_err *e);
int dk_targets_load(dk_targets *ts, const dk_model *m, const char *path,
                    dk_err *e);
void dk_targets_free(dk_targets *ts);

/* d = lhs - rhs of a check under parameters theta. */
double dk_check_value(const dk_model *m, const double *theta,
                      const dk_check *c);
/* How far d is from failing the check, in rating points (>= 0: met),
 * and the derivative of that with respect to d. */
double dk_check_slack(const dk_check *c, double d);
double dk_check_dslack(const dk_check *c, double d);
/* Is d within the check's relation and tolerance (with extra margin)? */
int dk_check_met(const dk_check *c, double d, double margin);

#endif
