/*
 * sweepspec.h -- a sweep specification parsed into plain data (the file
 * format is described in run/sweep.h, which runs it).
 */
#ifndef DRAAGKRACHT_SWEEPSPEC_H
#define DRAAGKRACHT_SWEEPSPEC_H

#include "draagkracht/model/model.h"
#include "draagkracht/model/survey.h"

typedef enum {
    DK_DESIGN_GRID, DK_DESIGN_LHS, DK_DESIGN_SOBOL, DK_DESIGN_SALTELLI,
    DK_DESIGN_MORRIS
} dk_design_kind;

extern const char *const dk_design_names[];

typedef enum {
    DK_DIST_UNIFORM, DK_DIST_NORMAL, DK_DIST_TRIANGULAR, DK_DIST_PERT
} dk_dist;

/* What a factor sets. */
typedef enum {
    DK_IN_SECTOR, DK_IN_CLASS_SIZE, DK_IN_OB, DK_IN_HEAVY, DK_IN_SUPPORT,
    DK_IN_EXPERIENCE, DK_IN_LEVEL, DK_IN_SCHOOL_SIZE,
    DK_IN_MEMBER,           /* [factor model]: the ensemble member, 1..K */
    DK_IN_PARAM, DK_IN_X
} dk_input;

/* Names of the scenario inputs, in dk_input order (NULL-terminated). */
extern const char *const dk_sweep_input_names[];

typedef enum {
    DK_TEST_NONE, DK_TEST_ISHIGAMI, DK_TEST_SOBOL_G, DK_TEST_SOBOL_G_STAR
} dk_test_fn;

/* Their names, in dk_test_fn order ("none" first; NULL-terminated). */
extern const char *const dk_test_fn_names[];

/* Sobol (and Saltelli's two matrices) come from gsl_qrng_sobol, which
 * has at most 40 dimensions. */
#define DK_SWEEP_MAX_FACTORS 40
#define DK_SWEEP_MAX_LEVELS 32
#define DK_SWEEP_MAX_RESPONSES 44
#define DK_SWEEP_MAX_N (1L << 30)
/* GSL's Sobol generator gives 2^30 - 1 points: sobol and saltelli stop
 * at the power of two below. */
#define DK_SWEEP_MAX_SOBOL_N (1L << 29)
/* Fewest Saltelli base rows (and Morris trajectories) with indices; the
 * spec and --analyse share it. */
#define DK_SWEEP_MIN_BASE 2

typedef struct {
    char name[64];
    dk_input input;
    int param;              /* model parameter (DK_IN_PARAM) or x index */
    int nlevel;             /* > 0: the factor takes these levels */
    double level[DK_SWEEP_MAX_LEVELS];
    char label[DK_SWEEP_MAX_LEVELS][64];
    double lo, hi;          /* otherwise: a range */
    int whole;              /* counts take whole numbers */
    dk_dist dist;
    double mean, sd, mode;  /* normal; triangular and pert */
    int points;             /* grid points over a range */
    int line;
} dk_factor;

typedef enum { DK_STAT_MEAN, DK_STAT_LE2, DK_STAT_GE4, DK_STAT_FTE, DK_STAT_Y } dk_stat;

typedef struct {
    char name[48];          /* "tailor.le2" */
    int outcome;
    dk_stat stat;
} dk_response;

typedef struct {
    char path[256];
    dk_design_kind design;
    long n;                 /* lhs, sobol: rows; saltelli: base rows; morris:
                             * trajectories; grid: unused */
    unsigned long seed;
    int grid_points, morris_levels;
    int line_design, line_n;
    dk_test_fn test;
    double ishigami_a, ishigami_b;
    dk_factor f[DK_SWEEP_MAX_FACTORS];
    int nf;
    dk_response r[DK_SWEEP_MAX_RESPONSES];
    int nr;
    dk_class base;          /* counts < 0: the row's sector's survey mean */
    double school_size;     /* classes a facility serves (1: the class alone) */
    double *theta;          /* parameter values, [base] applied (malloc'd) */
    size_t ntheta;
    /* survey defaults for unset counts, by sector and level */
    dk_survey_means def[DK_NSECTOR][3];
} dk_sweep_spec;

#define DK_SWEEP_DEFAULT_SEED 1UL

/* Where a row sits in its design: Saltelli block (DK_BLOCK_A, _B, or the
 * factor of AB_i) and base row; Morris trajectory (base), the factor moved
 * to reach this row (DK_BLOCK_START for the first) and the step in unit
 * coordinates. */
enum { DK_BLOCK_NONE = -3, DK_BLOCK_A = -2, DK_BLOCK_B = -1, DK_BLOCK_START = -1 };
typedef struct {
    int block;
    long base;
    double delta;
} dk_row_tag;

/* The design's row layout, which the sweep writes and --analyse checks:
 * rows per base row (saltelli: A, B and the k rows AB_i) or per
 * trajectory (morris: k + 1), and the block row i holds, with its base
 * row (morris: DK_BLOCK_START for a trajectory's first row, else
 * DK_BLOCK_ANY, the factor being the trajectory's own). */
#define DK_BLOCK_ANY (-100)
int dk_sweep_group(dk_design_kind d, int k);
int dk_sweep_block_at(dk_design_kind d, int k, long i, long *base);
/* A response's name: OUTCOME.STAT (fte for demand forms only), or "y", a
 * test function's; 0 with r set, or -1. */
int dk_response_parse(const char *name, dk_response *r);
/* Refuses (-1, e set) work that needs more than this machine's memory,
 * before any output: what says which work, and the advice depends on it. */
int dk_sweep_memory_ok(double need, const char *what, dk_err *e);

/* Parses a specification; names are checked against m's parameters. */
int dk_sweep_parse(dk_sweep_spec *sp, const dk_model *m, const char *path,
                   const char *text, size_t len, dk_err *e);
int dk_sweep_load(dk_sweep_spec *sp, const dk_model *m, const char *path, dk_err *e);
/* Checks what depends on the design (n a power of two for Sobol designs,
 * dimensions); call after command-line overrides. */
int dk_sweep_validate(dk_sweep_spec *sp, dk_err *e);
void dk_sweep_free(dk_sweep_spec *sp);
int dk_test_fn_lookup(const char *s);
/* 1 when sp is a test function over its own domain (every factor uniform
 * on the function's range), where its analytic indices hold. */
int dk_sweep_test_domain(const dk_sweep_spec *sp);

#endif
