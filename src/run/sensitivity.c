/*
 * sensitivity.c -- Sobol indices (Jansen's estimators on a Saltelli
 * design, bootstrap intervals), Morris elementary effects, and the
 * analytic test functions that check them.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/base/parallel.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/sweep.h"

#define PI 3.14159265358979323846
#define G_STAR_ALPHA 2.0

/* ---- Sobol indices ---- */

/*
 * Jansen's estimators need, per response and base row a, 2k + 2 numbers:
 * the deviations of f_A and f_B from the response's centre (their sum and
 * sum of squares give the variance of A and B pooled), and for each factor
 * i (f_B - f_ABi)^2 and (f_A - f_ABi)^2.  An index is a ratio of means of
 * these "terms", so the point estimate is one pass of sums, and a
 * bootstrap resample is the same sums weighted by how often the resample
 * drew each base row.  Terms are in units of the response's spread, so
 * that they are of order 1 whatever the response's scale.
 */
typedef struct {
    const double *y;
    int nr, k, terms;       /* terms: 2k + 2 a response */
    long n;
    double centre[DK_SWEEP_MAX_RESPONSES], unit[DK_SWEEP_MAX_RESPONSES];
    int moves[DK_SWEEP_MAX_RESPONSES];
} sobol_data;

/* Base row a's terms of response r into q[0 .. 2k + 2). */
static void row_terms(const sobol_data *sd, long a, int r, double *q)
{
    size_t s = (size_t)sd->nr;
    const double *row = sd->y + (size_t)a * (size_t)(sd->k + 2) * s + (size_t)r;
    double u = sd->unit[r], fa = row[0], fb = row[s];
    double da = (fa - sd->centre[r]) / u, db = (fb - sd->centre[r]) / u;
    q[0] = da + db;
    q[1] = da * da + db * db;
    for (int i = 0; i < sd->k; i++) {
        double fab = row[(size_t)(2 + i) * s];
        double first = (fb - fab) / u, total = (fa - fab) / u;
        q[2 + i] = first * first;
        q[2 + sd->k + i] = total * total;
    }
}

/* Each response's centre and spread over A and B, and whether it moves:
 * deviations from the first value, so that equal values give exactly 0,
 * not the rounding noise of their mean; a spread below 1e-12 of the
 * response's size is rounding, not an effect. */
static void sobol_scale(sobol_data *sd)
{
    size_t rs = (size_t)(sd->k + 2) * (size_t)sd->nr;
    for (int r = 0; r < sd->nr; r++) {
        const double *y = sd->y + r;
        size_t s = (size_t)sd->nr;
        double shift = y[0], mean = 0, var = 0, scale = 0;
        for (long a = 0; a < sd->n; a++) {
            const double *row = y + (size_t)a * rs;
            mean += (row[0] - shift) + (row[s] - shift);
            scale = fmax(scale, fmax(fabs(row[0]), fabs(row[s])));
        }
        mean /= 2.0 * (double)sd->n;
        for (long a = 0; a < sd->n; a++) {
            const double *row = y + (size_t)a * rs;
            double da = row[0] - shift - mean, db = row[s] - shift - mean;
            var += da * da + db * db;
        }
        var /= 2.0 * (double)sd->n;
        sd->moves[r] = var > 0 && sqrt(var) > 1e-12 * scale;
        sd->centre[r] = shift + mean;
        sd->unit[r] = sd->moves[r] ? sqrt(var) : 1;
    }
}

/* S_i and ST_i from the sums of one response's terms over n draws of base
 * rows: V = mean(d^2) - mean(d)^2 over A and B pooled,
 * S_i = (V - mean((f_B - f_ABi)^2) / 2) / V, ST_i = mean((f_A - f_ABi)^2) / 2 / V.
 * A resample whose A and B values are all equal (likely only at tiny n)
 * has no spread: what is left of V is the rounding of its sums, and it
 * has no indices (NaN). */
static void from_sums(const double *sum, long n, int k, double *s1, double *st)
{
    double h = 2.0 * (double)n, e1 = sum[0] / h, e2 = sum[1] / h, v = e2 - e1 * e1;
    int ok = v > 1e-5 * e2;
    for (int i = 0; i < k; i++) {
        s1[i] = ok ? (v - sum[2 + i] / h) / v : NAN;
        st[i] = ok ? sum[2 + k + i] / h / v : NAN;
    }
}

/* The 2.5 and 97.5 % points of the numbers among x[0..n) (moved to the
 * front and sorted in place).  Resamples without indices (NaN: a
 * resample whose response did not vary, likely at tiny n) are dropped;
 * with fewer than half of them left, or fewer than 2, there is no
 * interval (NaN, shown as n/a). */
static void interval95(double *x, size_t n, double *lo, double *hi)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            x[m++] = x[i];
    if (m < 2 || 2 * m < n) {
        *lo = *hi = NAN;
        return;
    }
    dk_interval(x, m, 0.025, lo, hi);
}

/*
 * The bootstrap.  Resample b draws n base rows with replacement, from its
 * own streams.  How many of its draws land in each block of base rows is
 * multinomial, made block by block from conditional binomials (GSL), and
 * the draws within a block are uniform over its rows.  So a resample
 * walks the rows once, in order, and a block's terms -- built once per
 * block and thread, as floats in tiles of TILE -- stay in the cache while
 * every resample of the thread draws from them: the data are read once
 * per thread, not once per resample and factor.  A resample depends only
 * on its own streams, so the result does not depend on which thread, or
 * how many, made it.
 *
 * The terms of up to BATCH draws are summed in single precision, the
 * terms side by side in vector lanes (each lane does the same additions
 * in the same order whatever the vector width, so every machine gives the
 * same bits), and those sums are added in double precision: a relative
 * error of about 1e-6, far below what 200 resamples resolve.
 */
enum { TILE = 32, BATCH = 256 };
typedef float v8f __attribute__((vector_size(32)));

typedef struct {
    const sobol_data *sd;
    int boot, groups, tiles;
    unsigned long seed;
    long block;             /* base rows a block (a power of two; the last may be short) */
    double *bs1, *bst;      /* [(r k + i) boot + b] */
    int *failed;            /* [group]: out of memory */
} boot_job;

typedef struct {
    v8f *q;                 /* a block's terms, [tile][row][TILE / 8] */
    uint32_t idx[BATCH];    /* a batch of draws */
    double *sum;            /* [resample of the group][tiles TILE] */
    gsl_rng **rng;          /* [resample]: the blocks' totals */
    unsigned long long *key, *ctr;  /* [resample]: draw j is from dk_mix64(key + j / 2) */
    long *left;             /* [resample]: draws not yet made */
    int size;               /* resamples allocated for */
} boot_work;

/* nb uniform row numbers below s, two to a hash: Lemire's multiply-shift,
 * exact by rejecting the few low products (none when s is a power of two,
 * as the blocks of a Saltelli design are). */
static void draw_rows(unsigned long long key, unsigned long long *ctr, uint32_t s,
                      uint32_t *idx, int nb)
{
    uint32_t reject = (0u - s) % s;
    int d = 0;
    while (d < nb) {
        uint64_t h = dk_mix64(key + (*ctr)++);
        uint64_t m0 = (h >> 32) * s, m1 = (h & 0xffffffffu) * s;
        if ((uint32_t)m0 >= reject)
            idx[d++] = (uint32_t)(m0 >> 32);
        if (d < nb && (uint32_t)m1 >= reject)
            idx[d++] = (uint32_t)(m1 >> 32);
    }
}

/* sum[0 .. TILE) += one tile's terms of the rows idx[0 .. nb).  Its own
 * function, cloned for AVX2: the bootstrap's inner loop.  Even and odd
 * draws go to separate sums, so that each addition waits for the one two
 * draws back, not the one before. */
__attribute__((target_clones("avx2", "default")))
static void tile_sums(const v8f *q, const uint32_t *idx, int nb, double *sum)
{
    v8f a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
    v8f b0 = { 0 }, b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
    int d = 0;
    for (; d + 1 < nb; d += 2) {
        const v8f *p = q + (size_t)idx[d] * (TILE / 8), *r = q + (size_t)idx[d + 1] * (TILE / 8);
        a0 += p[0];
        a1 += p[1];
        a2 += p[2];
        a3 += p[3];
        b0 += r[0];
        b1 += r[1];
        b2 += r[2];
        b3 += r[3];
    }
    if (d < nb) {
        const v8f *p = q + (size_t)idx[d] * (TILE / 8);
        a0 += p[0];
        a1 += p[1];
        a2 += p[2];
        a3 += p[3];
    }
    a0 += b0;
    a1 += b1;
    a2 += b2;
    a3 += b3;
    for (int j = 0; j < 8; j++) {
        sum[j] += a0[j];
        sum[8 + j] += a1[j];
        sum[16 + j] += a2[j];
        sum[24 + j] += a3[j];
    }
}

/* The terms of base rows r0 .. r0 + s, as floats in tiles. */
static void block_terms(const boot_job *j, v8f *q, long r0, long s)
{
    const sobol_data *sd = j->sd;
    size_t w = TILE / 8;
    memset(q, 0, (size_t)j->tiles * (size_t)s * w * sizeof *q);
    double t[2 * DK_SWEEP_MAX_FACTORS + 2];
    for (long a = 0; a < s; a++)
        for (int r = 0; r < sd->nr; r++) {
            row_terms(sd, r0 + a, r, t);
            for (int i = 0; i < sd->terms; i++) {
                int c = r * sd->terms + i, lane = c % TILE;
                q[((size_t)(c / TILE) * (size_t)s + (size_t)a) * w + (size_t)lane / 8][lane % 8] =
                    (float)t[i];
            }
        }
}

/* Resample g of the group draws its share of a block of s rows, with
 * rows_left rows from the block's first on. */
static void resample_block(const boot_job *j, boot_work *w, int g, long s, long rows_left)
{
    long nd = s == rows_left ? w->left[g]
            : (long)gsl_ran_binomial(w->rng[g], (double)s / (double)rows_left,
                                     (unsigned)w->left[g]);
    w->left[g] -= nd;
    double *sum = w->sum + (size_t)g * (size_t)j->tiles * TILE;
    for (; nd > 0; nd -= BATCH) {
        int nb = nd < BATCH ? (int)nd : BATCH;
        draw_rows(w->key[g], &w->ctr[g], (uint32_t)s, w->idx, nb);
        for (int t = 0; t < j->tiles; t++)
            tile_sums(w->q + (size_t)t * (size_t)s * (TILE / 8), w->idx, nb, sum + t * TILE);
    }
}

static int boot_group(const void *job, void *work, int g)
{
    const boot_job *j = job;
    boot_work *w = work;
    const sobol_data *sd = j->sd;
    int b0 = (int)((long)g * j->boot / j->groups), nb = (int)((long)(g + 1) * j->boot / j->groups) - b0;
    if (!w || nb > w->size) {
        j->failed[g] = 1;
        return -1;
    }
    size_t width = (size_t)j->tiles * TILE;
    memset(w->sum, 0, (size_t)nb * width * sizeof *w->sum);
    for (int i = 0; i < nb; i++) {
        /* resample b's streams: the seed's stream b for the blocks'
         * totals, a stream of that for the draws within them */
        unsigned long s = dk_stream_seed(j->seed, (unsigned long)(b0 + i));
        gsl_rng_set(w->rng[i], s);
        w->key[i] = dk_stream_base(dk_stream_seed(s, 1));
        w->ctr[i] = 0;
        w->left[i] = sd->n;
    }
    for (long r0 = 0; r0 < sd->n; r0 += j->block) {
        long s = sd->n - r0 < j->block ? sd->n - r0 : j->block;
        block_terms(j, w->q, r0, s);
        for (int i = 0; i < nb; i++)
            resample_block(j, w, i, s, sd->n - r0);
    }
    for (int i = 0; i < nb; i++)
        for (int r = 0; r < sd->nr; r++) {
            double s1[DK_SWEEP_MAX_FACTORS], st[DK_SWEEP_MAX_FACTORS];
            from_sums(w->sum + (size_t)i * width + (size_t)r * (size_t)sd->terms, sd->n, sd->k,
                      s1, st);
            for (int f = 0; f < sd->k; f++) {
                size_t at = (size_t)(r * sd->k + f) * (size_t)j->boot + (size_t)(b0 + i);
                j->bs1[at] = s1[f];
                j->bst[at] = st[f];
            }
        }
    return 0;
}

static void boot_stop(const void *job, void *work)
{
    (void)job;
    boot_work *w = work;
    if (!w)
        return;
    for (int i = 0; w->rng && i < w->size; i++)
        if (w->rng[i])
            gsl_rng_free(w->rng[i]);
    dk_free(w->rng);
    dk_free(w->q);
    dk_free(w->sum);
    dk_free(w->key);
    dk_free(w->ctr);
    dk_free(w->left);
    dk_free(w);
}

/* A thread's memory: one block's terms, and the state of the largest group. */
static void *boot_start(const void *job)
{
    const boot_job *j = job;
    boot_work *w = dk_calloc(1, sizeof *w);
    if (!w)
        return NULL;
    int size = w->size = (j->boot + j->groups - 1) / j->groups;
    size_t qbytes = (size_t)j->tiles * (size_t)j->block * TILE * sizeof(float);
    w->q = aligned_alloc(sizeof(v8f), qbytes);
    w->sum = dk_malloc((size_t)size * (size_t)j->tiles * TILE * sizeof *w->sum);
    w->rng = dk_calloc((size_t)size, sizeof *w->rng);
    w->key = dk_malloc((size_t)size * sizeof *w->key);
    w->ctr = dk_malloc((size_t)size * sizeof *w->ctr);
    w->left = dk_malloc((size_t)size * sizeof *w->left);
    int ok = w->q && w->sum && w->rng && w->key && w->ctr && w->left;
    for (int i = 0; ok && i < size; i++)
        ok = (w->rng[i] = gsl_rng_alloc(gsl_rng_taus2)) != NULL;
    if (!ok) {
        boot_stop(job, w);
        return NULL;
    }
    return w;
}

/* Base rows a block: a power of two whose terms fill about 256 KB (a
 * core's L2 holds them while the resamples draw), 64 to 4096. */
static long block_rows(int tiles)
{
    long rows = 4096;
    while (rows > 64 && (size_t)rows * (size_t)tiles * TILE * sizeof(float) > 256 * 1024)
        rows /= 2;
    return rows;
}

/* The resamples' indices into bs1 and bst, on up to `threads` threads;
 * -1 when out of memory. */
static int bootstrap(const sobol_data *sd, int boot, unsigned long seed, int threads,
                     double *bs1, double *bst)
{
    int groups = dk_threads_clamp(threads, boot);
    boot_job j = { .sd = sd, .boot = boot, .groups = groups, .seed = seed, .bs1 = bs1,
                   .bst = bst };
    j.tiles = (sd->nr * sd->terms + TILE - 1) / TILE;
    j.block = block_rows(j.tiles);
    j.failed = dk_calloc((size_t)groups, sizeof *j.failed);
    if (!j.failed)
        return -1;
    dk_parallel p = { .n = groups, .threads = groups, .job = &j, .start = boot_start,
                      .run = boot_group, .stop = boot_stop };
    int rc = dk_parallel_run(&p);
    for (int g = 0; g < groups; g++)
        rc |= j.failed[g] ? -1 : 0;
    dk_free(j.failed);
    return rc;
}

int dk_sobol_indices(const double *y, int nr, long n, int k, int boot,
                     unsigned long boot_seed, int threads, dk_sobol_index *out)
{
    sobol_data sd = { .y = y, .nr = nr, .k = k, .terms = 2 * k + 2, .n = n };
    sobol_scale(&sd);
    /* the point estimates: every base row once, in double precision */
    double sum[DK_SWEEP_MAX_RESPONSES][2 * DK_SWEEP_MAX_FACTORS + 2] = { { 0 } };
    double t[2 * DK_SWEEP_MAX_FACTORS + 2];
    for (long a = 0; a < n; a++)
        for (int r = 0; r < nr; r++) {
            row_terms(&sd, a, r, t);
            for (int i = 0; i < sd.terms; i++)
                sum[r][i] += t[i];
        }
    for (int r = 0; r < nr; r++) {
        double s1[DK_SWEEP_MAX_FACTORS], st[DK_SWEEP_MAX_FACTORS];
        from_sums(sum[r], n, k, s1, st);
        /* a response no factor moves has no indices */
        for (int i = 0; i < k; i++)
            out[r * k + i] = (dk_sobol_index){ sd.moves[r] ? s1[i] : NAN, NAN, NAN,
                                               sd.moves[r] ? st[i] : NAN, NAN, NAN };
    }
    if (boot < 1)
        return 0;
    size_t cells = (size_t)nr * (size_t)k * (size_t)boot;
    double *bs1 = dk_malloc(cells * sizeof *bs1), *bst = dk_malloc(cells * sizeof *bst);
    int rc = bs1 && bst ? bootstrap(&sd, boot, boot_seed, threads, bs1, bst) : -1;
    for (int r = 0; rc == 0 && r < nr; r++)
        for (int i = 0; sd.moves[r] && i < k; i++) {
            dk_sobol_index *o = &out[r * k + i];
            size_t at = (size_t)(r * k + i) * (size_t)boot;
            interval95(bs1 + at, (size_t)boot, &o->s1_lo, &o->s1_hi);
            interval95(bst + at, (size_t)boot, &o->st_lo, &o->st_hi);
        }
    dk_free(bs1);
    dk_free(bst);
    return rc;
}

int dk_morris_indices(const double *y, int stride, const dk_row_tag *tag, long r,
                      int k, dk_morris_index *out)
{
    double *ee = dk_malloc((size_t)r * (size_t)k * sizeof *ee), *abs_ee = dk_malloc((size_t)r * sizeof *abs_ee);
    long *count = dk_calloc((size_t)k, sizeof *count);
    if (!ee || !abs_ee || !count) {
        dk_free(ee);
        dk_free(abs_ee);
        dk_free(count);
        return -1;
    }
    /* every trajectory must move each factor once (by a non-zero step):
     * otherwise this is no Morris design, and no factor gets effects */
    for (long t = 0; t < r; t++) {
        unsigned long long seen = 0;
        for (int s = 1; s <= k; s++) {
            const dk_row_tag *g = &tag[(size_t)t * (size_t)(k + 1) + (size_t)s];
            if (g->block < 0 || g->block >= k || (seen >> g->block & 1) || g->delta == 0) {
                for (int i = 0; i < k; i++)
                    out[i] = (dk_morris_index){ .mu = NAN, .mu_star = NAN, .sigma = NAN };
                dk_free(count);
                dk_free(abs_ee);
                dk_free(ee);
                return 0;
            }
            seen |= 1ULL << g->block;
        }
    }
    for (long t = 0; t < r; t++)
        for (int s = 1; s <= k; s++) {
            size_t row = (size_t)t * (size_t)(k + 1) + (size_t)s;
            int i = tag[row].block;
            double d = (y[row * (size_t)stride] - y[(row - 1) * (size_t)stride]) / tag[row].delta;
            ee[(size_t)i * (size_t)r + (size_t)count[i]++] = d;
        }
    for (int i = 0; i < k; i++) {
        const double *e = ee + (size_t)i * (size_t)r;
        for (long t = 0; t < r; t++)
            abs_ee[t] = fabs(e[t]);
        out[i].mu = gsl_stats_mean(e, 1, (size_t)r);
        out[i].mu_star = gsl_stats_mean(abs_ee, 1, (size_t)r);
        out[i].sigma = r > 1 ? gsl_stats_sd(e, 1, (size_t)r) : NAN;
    }
    dk_free(count);
    dk_free(abs_ee);
    dk_free(ee);
    return 0;
}

double dk_ishigami(const double *x, double a, double b)
{
    double s2 = sin(x[1]), x3 = x[2] * x[2];
    return sin(x[0]) * (1 + b * x3 * x3) + a * s2 * s2;
}

/* With x ~ U(-pi, pi): E x^4 = pi^4 / 5, E x^8 = pi^8 / 9, E sin^2 = 1/2,
 * Var sin^2 = 1/8. */
void dk_ishigami_indices(double a, double b, double s1[3], double st[3])
{
    double p4 = pow(PI, 4), p8 = pow(PI, 8);
    double v1 = 0.5 * pow(1 + b * p4 / 5, 2);
    double v2 = a * a / 8;
    double v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    s1[0] = v1 / v;
    s1[1] = v2 / v;
    s1[2] = 0;
    st[0] = (v1 + v13) / v;
    st[1] = v2 / v;
    st[2] = v13 / v;
}

double dk_sobol_g_a(int i)
{
    static const double a[] = { 0, 1, 4.5, 9 };
    return i < 4 ? a[i] : 99;
}

double dk_sobol_g(const double *x, int k)
{
    double y = 1;
    for (int i = 0; i < k; i++)
        y *= (fabs(4 * x[i] - 2) + dk_sobol_g_a(i)) / (1 + dk_sobol_g_a(i));
    return y;
}

/* A product of independent factors g_i of mean 1 and variance v_i (both
 * G functions): V = prod (1 + v_i) - 1, S_i = v_i / V,
 * ST_i = v_i prod_{j != i} (1 + v_j) / V (Saltelli et al. 2010, eq. 28). */
static void product_indices(const double *v, int k, double *s1, double *st)
{
    double prod = 1;
    for (int i = 0; i < k; i++)
        prod *= 1 + v[i];
    for (int i = 0; i < k; i++) {
        s1[i] = v[i] / (prod - 1);
        st[i] = v[i] * prod / (1 + v[i]) / (prod - 1);
    }
}

/* G's factor: |4 x - 2| is U(0, 2), variance 1/3. */
void dk_sobol_g_indices(int k, double *s1, double *st)
{
    double v[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < k; i++)
        v[i] = 1 / (3 * pow(1 + dk_sobol_g_a(i), 2));
    product_indices(v, k, s1, st);
}

/* Saltelli et al. 2010, Table 5, test case 6 (the a of case 2, concave):
 * a = 0, 0.1, 0.2, 0.3, 0.4, 0.8, then 1, 2, 3, ... */
double dk_sobol_g_star_a(int i)
{
    return i < 5 ? 0.1 * i : i == 5 ? 0.8 : i - 5;
}

/* The shifts delta_i: the paper draws them at random, and no index
 * depends on them; these are the golden ratio's multiples mod 1, which
 * keep the kinks of |2 z - 1| off the Sobol sequence's dyadic points. */
static double g_star_shift(int i)
{
    double d = (i + 1) * 0.61803398874989485;
    return d - floor(d);
}

/* G* with alpha = 2: prod ((1 + alpha) |2 z_i - 1|^alpha + a_i) / (1 + a_i),
 * z_i = frac(x_i + delta_i). */
double dk_sobol_g_star(const double *x, int k)
{
    double y = 1;
    for (int i = 0; i < k; i++) {
        double z = x[i] + g_star_shift(i), a = dk_sobol_g_star_a(i);
        double t = fabs(2 * (z - floor(z)) - 1);
        y *= ((1 + G_STAR_ALPHA) * pow(t, G_STAR_ALPHA) + a) / (1 + a);
    }
    return y;
}

/* |2 z - 1| is U(0, 1), so (1 + alpha) t^alpha has mean 1 and variance
 * alpha^2 / (1 + 2 alpha). */
void dk_sobol_g_star_indices(int k, double *s1, double *st)
{
    double al = G_STAR_ALPHA, v[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < k; i++)
        v[i] = al * al / ((1 + 2 * al) * pow(1 + dk_sobol_g_star_a(i), 2));
    product_indices(v, k, s1, st);
}

int dk_test_indices(dk_test_fn fn, int k, double a, double b, double *s1, double *st)
{
    if (fn == DK_TEST_ISHIGAMI && k == 3)
        dk_ishigami_indices(a, b, s1, st);
    else if (fn == DK_TEST_SOBOL_G)
        dk_sobol_g_indices(k, s1, st);
    else if (fn == DK_TEST_SOBOL_G_STAR)
        dk_sobol_g_star_indices(k, s1, st);
    else
        return -1;
    return 0;
}
