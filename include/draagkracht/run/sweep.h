/*
 * sweep.h -- sensitivity sweeps: designs over scenario inputs and model
 * parameters, one exact evaluation per scenario, and the indices that say
 * which inputs and which assumptions drive the results.
 *
 * A sweep specification (scenarios/sweep-*.ini):
 *
 *   [sweep]    design = grid|lhs|sobol|saltelli|morris, n = N, seed = N,
 *              responses = tailor.mean, tailor.le2, assistant.fte, ...
 *              grid-points = 5, morris-levels = 4,
 *              test-function = ishigami|sobol-g|sobol-g-star (instead of
 *              the model)
 *   [base]     fixed inputs: sector, class-size, support-needs, heavy,
 *              support, experience, level, school-size (predict's names),
 *              or any model parameter by name = value
 *   [factor X] X an input above, a model parameter (draagkracht model), or
 *              x1..xk of a test function; levels = A B C, or
 *              range = LO HI (a parameter's default: its own range),
 *              distribution = uniform | normal MEAN SD | triangular MODE |
 *              pert [MODE] (within the range), points = K (grid)
 *
 * A scenario is one class: its expected rating per outcome from the
 * predictor with the row's parameters, and the shares of teachers at <= 2
 * and >= 4 with teachers integrated out exactly (dk_answer_shares), so a
 * row is a deterministic function of its inputs, not a Monte Carlo draw.
 *
 * Row i's design point is a pure function of (spec, i): grid digits, LHS
 * permutations keyed by the seed (Feistel networks), the Sobol sequence up
 * to i, a Morris trajectory from its own stream.  So rows do not depend on
 * threads, and shards concatenate to the whole.
 */
#ifndef DRAAGKRACHT_SWEEP_H
#define DRAAGKRACHT_SWEEP_H

#include "draagkracht/input/sweepspec.h"

/* Rows of the whole design. */
long dk_sweep_rows(const dk_sweep_spec *sp);

/* The design as a stream of unit points, positioned at row `first`. */
typedef struct dk_design dk_design;
dk_design *dk_design_new(const dk_sweep_spec *sp, long first);   /* NULL: no memory */
/* 1 when the Sobol generator could not give a point (past its end). */
int dk_design_failed(const dk_design *d);
void dk_design_next(dk_design *d, double *u, dk_row_tag *tag);
void dk_design_free(dk_design *d);
/* Designs other than Sobol's make any row without the rows before: a view
 * shares d's tables, for another thread, and seeks to any row. */
int dk_design_is_pure(const dk_sweep_spec *sp);
dk_design *dk_design_view(const dk_design *d, long i);     /* NULL: no memory */
void dk_design_seek(dk_design *d, long i);

/* Factor k's value at unit coordinate u (levels: the level's value). */
double dk_factor_value(const dk_sweep_spec *sp, int k, double u);

/* Responses y[nr] of the scenario with factor values x[nf]; theta is a
 * work copy of sp->theta that the factors overwrite. */
void dk_sweep_eval(const dk_sweep_spec *sp, const dk_model *m, const double *x,
                   double *theta, double *y);

/* CSV header and one row; a row is -1 (b unchanged) when out of memory,
 * so that a worker thread can stop the run instead of exiting. */
void dk_sweep_header(const dk_sweep_spec *sp, dk_buf *b);
int dk_sweep_row(const dk_sweep_spec *sp, long i, const dk_row_tag *tag,
                 const double *x, const double *y, dk_buf *b);

/* Rows per output block (a gzip member); shards start on block edges. */
long dk_sweep_block(const dk_sweep_spec *sp);
/* Rows [first, last) of shard k of n (1 <= k <= n). */
void dk_sweep_shard(const dk_sweep_spec *sp, int k, int n, long *first, long *last);

typedef struct {
    int threads;
    long first, last;       /* rows to evaluate */
    int header;             /* write the header line first */
    const char *out;        /* path ("-": stdout; .gz compresses); NULL: no
                             * output, the rows are only kept */
    double *keep_y;         /* non-NULL: responses of rows first.. stored here */
    long known;             /* the first `known` of them are there already:
                             * written, not evaluated again */
    dk_row_tag *keep_tag;   /* non-NULL: the rows' tags stored here */
    void (*progress)(void *ctx, double done, double total);
    void *ctx;
    double compress_seconds;/* out: CPU seconds spent compressing */
} dk_sweep_opts;

/* Bytes a run needs, roughly: the ring of blocks, the LHS round tables
 * and, with keep, the responses of every row (and a Morris design's tags). */
double dk_sweep_memory(const dk_sweep_spec *sp, int threads, int keep);

/* Bytes rows [first, last) take on disk (gz: compressed as the run
 * compresses), from a sample of rows made as the run makes them; 0 when
 * it cannot tell (out of memory). */
double dk_sweep_bytes(const dk_sweep_spec *sp, const dk_model *m, long first, long last,
                      int gz);

/* Evaluates and writes the rows; on error nothing is left at o->out. */
int dk_sweep_run(const dk_sweep_spec *sp, const dk_model *m, dk_sweep_opts *o,
                 dk_err *e);

/* ---- sensitivity.c ---- */

typedef struct {
    double s1, s1_lo, s1_hi;    /* first order, 95 % bootstrap interval */
    double st, st_lo, st_hi;    /* total */
} dk_sobol_index;

typedef struct {
    double mu, mu_star, sigma;  /* elementary effects per unit of the factor's
                                 * range (unit coordinates) */
} dk_morris_index;

/*
 * Jansen's estimators (Saltelli et al. 2010, Table 2) on a Saltelli
 * design: y[(j (k + 2) + t) nr + r] is response r of base row j < n,
 * t = 0 (A), 1 (B), 2 + i (AB_i: A with column i from B).  With V the
 * variance of A and B,
 *   S_i  = (V - mean((f_B - f_ABi)^2) / 2) / V
 *   ST_i = mean((f_A - f_ABi)^2) / 2 / V
 * Intervals: percentiles of `boot` resamples of the n base rows, each
 * drawn from its own streams of boot_seed, on up to `threads` threads
 * (the result does not depend on how many); 0 resamples: no interval;
 * resamples without indices are dropped, and with fewer than half left
 * there is none.  A response whose spread is below 1e-12 of its size has
 * no indices (NaN).  out[r k + i], r < nr, i < k.
 */
int dk_sobol_indices(const double *y, int nr, long n, int k, int boot,
                     unsigned long boot_seed, int threads,
                     dk_sobol_index *out);                  /* -1: no memory */

/* Where the widest interval is: response r, factor i, S1 (0) or ST (1). */
typedef struct {
    int r, i, total;
} dk_sobol_where;

/* The widest 95 % interval of the indices out[nr k]: an interval the
 * bootstrap could not give counts as infinitely wide; a response without
 * indices (no factor moves it) does not count. */
double dk_sobol_widest(const dk_sobol_index *ix, int nr, int k, dk_sobol_where *at);

/* Morris (1991) elementary effects: r trajectories of k + 1 rows,
 * y[(t (k + 1) + s) stride]; tag[t (k + 1) + s] names the factor moved
 * and the step.  out[i], i < k; if some trajectory does not move every
 * factor exactly once, every factor gets NaN. */
int dk_morris_indices(const double *y, int stride, const dk_row_tag *tag, long r,
                      int k, dk_morris_index *out);     /* -1: no memory */

/* Ishigami: sin x1 + a sin^2 x2 + b x3^4 sin x1, x ~ U(-pi, pi), and its
 * analytic indices (Ishigami and Homma 1990). */
double dk_ishigami(const double *x, double a, double b);
void dk_ishigami_indices(double a, double b, double s1[3], double st[3]);

/* Sobol' G: prod (|4 x_i - 2| + a_i) / (1 + a_i), x ~ U(0, 1), with
 * a = 0, 1, 4.5, 9, 99, 99, ...: importance falls with i. */
double dk_sobol_g(const double *x, int k);
double dk_sobol_g_a(int i);
void dk_sobol_g_indices(int k, double *s1, double *st);

/* Sobol' G* (Saltelli et al. 2010, Table 5, case 6): alpha = 2 and
 * a = 0, 0.1, 0.2, 0.3, 0.4, 0.8, 1, 2, 3, 4, ... on U(0, 1)^k, fixed
 * shifts: about four fifths of its variance is interactions (with 10
 * factors, sum S_i = 0.22), where Jansen's first-order estimates are at
 * their noisiest. */
double dk_sobol_g_star(const double *x, int k);
double dk_sobol_g_star_a(int i);
void dk_sobol_g_star_indices(int k, double *s1, double *st);

/* A test function's analytic indices, x1..xk in order; -1 for none. */
int dk_test_indices(dk_test_fn fn, int k, double a, double b, double *s1, double *st);

/* ---- until.c ---- */

typedef struct {
    double width;           /* until every 95 % interval is narrower than this */
    long max_n;             /* base rows at most */
    int boot;               /* the bootstrap, as dk_sobol_indices */
    unsigned long boot_seed;
    int threads;
    void (*progress)(void *ctx, long n, double widest);    /* after each round; or NULL */
    void *ctx;
} dk_until_opts;

typedef struct {
    double *y;              /* responses of every row of the last design */
    dk_sobol_index *ix;     /* its indices, [r k + i] */
    double widest;          /* its widest interval, and where */
    dk_sobol_where where;
    int met;                /* widest < width */
    int rounds;
    long start_n;
} dk_until_result;

/*
 * Runs the Saltelli design of sp from sp->n base rows, doubling n until
 * every index's 95 % interval is narrower than o->width or doubling would
 * pass o->max_n; sp->n ends as the last design's n.  The rows already
 * evaluated are kept (the design of 2n starts with the rows of n), so the
 * whole costs the rows of the last design once, and the bootstrap of
 * each.  Nothing is written; -1 with e when out of memory.  Free res with
 * dk_until_free either way.
 */
int dk_sweep_until(dk_sweep_spec *sp, const dk_model *m, const dk_until_opts *o,
                   dk_until_result *res, dk_err *e);
void dk_until_free(dk_until_result *res);

#endif
