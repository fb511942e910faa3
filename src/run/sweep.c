/*
 * sweep.c -- sweep designs (grid, Latin hypercube, Sobol, Saltelli,
 * Morris), the exact evaluation of one scenario, and the threaded,
 * ordered, streamed writing of the rows.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/base/parallel.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/sweep.h"

long dk_sweep_rows(const dk_sweep_spec *sp)
{
    int k = sp->nf;
    switch (sp->design) {
    case DK_DESIGN_GRID: {
        long rows = 1;
        for (int i = 0; i < k; i++)
            rows *= sp->f[i].nlevel ? sp->f[i].nlevel
                  : sp->f[i].points ? sp->f[i].points : sp->grid_points;
        return rows;
    }
    case DK_DESIGN_SALTELLI:
    case DK_DESIGN_MORRIS:   return sp->n * dk_sweep_group(sp->design, k);
    default:                 return sp->n;
    }
}

/* ---- designs ---- */

enum { LHS_ROUNDS = 5 };

struct dk_design {
    const dk_sweep_spec *sp;
    long i;                 /* the next row */
    gsl_qrng *q;            /* sobol, saltelli */
    double *pt;             /* the current Sobol point */
    long pt_index;
    /* lhs: the Feistel round functions tabulated, F(f, round, r) at
     * [(f * LHS_ROUNDS + round) << half | r]; jitter streams as
     * dk_stream_base() */
    uint16_t *lhs_round;
    unsigned long long lhs_jitter[DK_SWEEP_MAX_FACTORS / 2];
    int lhs_half;           /* lhs: bits in each Feistel half (<= 15) */
    double *traj;           /* morris: the (k + 1) points of a trajectory */
    gsl_rng *rng;           /* morris: reseeded for each trajectory */
    int *moved;
    double *delta;
    long traj_index;
    int view;               /* shares another design's tables */
    int failed;             /* the Sobol sequence could not give a point */
};

static int grid_size(const dk_sweep_spec *sp, int k)
{
    const dk_factor *f = &sp->f[k];
    return f->nlevel ? f->nlevel : f->points ? f->points : sp->grid_points;
}

/* Where row i's points sit within their strata, u[f] in (0, 1) for each
 * of k factors: 32 bits each, two factors to a splitmix64 hash of (the
 * pair's stream, i) -- more than a double resolves within a stratum of a
 * design over 2^21 rows, at half the hashes of 53 bits each. */
static void lhs_jitter(const dk_design *d, int k, uint64_t i, double *u)
{
    for (int f = 0; f < k; f += 2) {
        uint64_t z = dk_mix64(d->lhs_jitter[f / 2] + i);
        u[f] = ((double)(z >> 32) + 0.5) / 4294967296.0;
        if (f + 1 < k)
            u[f + 1] = ((double)(z & 0xffffffffu) + 0.5) / 4294967296.0;
    }
}

/*
 * LHS without permutation tables: factor f's permutation of the n strata
 * is a keyed bijection, a Feistel network on 2h-bit numbers (Luby and
 * Rackoff: four rounds of a pseudo-random function give a pseudo-random
 * permutation) with cycle walking down to 0..n-1 (a value >= n is
 * permuted again; the domain is under 4n, so that takes under 4 tries on
 * average).  Any row's stratum is computed on its own: no 4 n k bytes of
 * shuffled tables, no shuffle before the first row, and a shard of a huge
 * design costs only its own rows.  Five rounds, not four: with four, a
 * factor's stratum followed the row number a little (n r^2 about 1.5
 * where random permutations give 1; tools/lhs_order.sh), so that a run of
 * rows was not quite a random part of the design.  A round function maps
 * h bits to h bits, so it is tabulated (5 k 2^h values, 70 KB for a
 * million rows of 7 factors, at most 13 MB): a load instead of a
 * splitmix64 hash made the strata five times faster.
 */
static uint64_t lhs_f(const dk_design *d, int f, int round, uint64_t r)
{
    return d->lhs_round[((size_t)f * LHS_ROUNDS + (size_t)round) << d->lhs_half | r];
}

static uint64_t feistel(const dk_design *d, int f, uint64_t x)
{
    uint64_t mask = (1ULL << d->lhs_half) - 1;
    uint64_t l = x >> d->lhs_half, r = x & mask;
    for (int round = 0; round < LHS_ROUNDS; round++) {
        uint64_t t = l ^ lhs_f(d, f, round, r);
        l = r;
        r = t;
    }
    return l << d->lhs_half | r;
}

/* Row i's stratum for every factor.  The factors' networks run side by
 * side, round by round, so that the processor overlaps their chains of
 * dependent loads. */
static void lhs_strata(const dk_design *d, uint64_t i, uint64_t *x)
{
    int k = d->sp->nf, h = d->lhs_half;
    uint64_t mask = (1ULL << h) - 1, l[DK_SWEEP_MAX_FACTORS], r[DK_SWEEP_MAX_FACTORS];
    for (int f = 0; f < k; f++) {
        l[f] = i >> h;
        r[f] = i & mask;
    }
    for (int round = 0; round < LHS_ROUNDS; round++)
        for (int f = 0; f < k; f++) {
            uint64_t t = l[f] ^ lhs_f(d, f, round, r[f]);
            l[f] = r[f];
            r[f] = t;
        }
    for (int f = 0; f < k; f++) {
        x[f] = l[f] << h | r[f];
        while (x[f] >= (uint64_t)d->sp->n)     /* cycle walking, rare */
            x[f] = feistel(d, f, x[f]);
    }
}

/* Bits in a Feistel half: the domain 2^(2h) is the first power of four
 * that holds n. */
static int lhs_half(long n)
{
    int bits = 2;
    while (bits < 62 && (1L << bits) < n)
        bits += 2;
    return bits / 2;
}

static int lhs_init(dk_design *d)
{
    const dk_sweep_spec *sp = d->sp;
    int h = d->lhs_half = lhs_half(sp->n);
    size_t size = (size_t)1 << h;
    d->lhs_round = dk_malloc((size_t)sp->nf * LHS_ROUNDS * size * sizeof *d->lhs_round);
    if (!d->lhs_round)
        return -1;
    /* factor f's round keys from stream f of the seed (streams k.. jitter
     * the points within their strata, a stream to two factors) */
    for (int f = 0; f < sp->nf; f++)
        for (int round = 0; round < LHS_ROUNDS; round++) {
            unsigned long long key = dk_stream_base(
                dk_stream_seed(dk_stream_seed(sp->seed, (unsigned long)f), (unsigned long)round));
            uint16_t *t = d->lhs_round + ((size_t)f * LHS_ROUNDS + (size_t)round) * size;
            for (size_t r = 0; r < size; r++)
                t[r] = (uint16_t)(dk_mix64(key + r) & (size - 1));
        }
    for (int f = 0; f < sp->nf; f += 2)
        d->lhs_jitter[f / 2] = dk_stream_base(dk_stream_seed(sp->seed,
                                                             (unsigned long)(sp->nf + f / 2)));
    return 0;
}

/*
 * Morris trajectory t (its own stream, so any trajectory can be made
 * without the ones before): a start on the p-level grid {0, 1/(p-1), .., 1}
 * from which a step of delta = p / (2 (p - 1)) stays inside, then the
 * factors in random order, each moved once by +delta or -delta.
 */
static void morris_trajectory(dk_design *d, long t)
{
    const dk_sweep_spec *sp = d->sp;
    int k = sp->nf, p = sp->morris_levels;
    double delta = (double)p / (2.0 * (p - 1));
    gsl_rng *r = d->rng;
    gsl_rng_set(r, dk_stream_seed(sp->seed, (unsigned long)t));
    int order[DK_SWEEP_MAX_FACTORS], up[DK_SWEEP_MAX_FACTORS];
    double *x = d->traj;
    for (int i = 0; i < k; i++) {
        double low = (double)gsl_rng_uniform_int(r, (unsigned long)p / 2) / (p - 1);
        up[i] = gsl_rng_uniform(r) < 0.5;
        x[i] = up[i] ? low : low + delta;
        order[i] = i;
    }
    gsl_ran_shuffle(r, order, (size_t)k, sizeof *order);
    d->moved[0] = DK_BLOCK_START;
    d->delta[0] = 0;
    for (int s = 1; s <= k; s++) {
        double *prev = x + (size_t)(s - 1) * (size_t)k, *cur = prev + k;
        memcpy(cur, prev, (size_t)k * sizeof *cur);
        int i = order[s - 1];
        cur[i] = up[i] ? prev[i] + delta : prev[i] - delta;
        d->moved[s] = i;
        d->delta[s] = cur[i] - prev[i];
    }
    d->traj_index = t;
}

/* A Morris design's working trajectory and its generator: every design
 * and every view has its own.  The generator is allocated here, where a
 * failure can be reported: one allocated per trajectory was used
 * unchecked, and out of memory crashed the worker thread. */
static int morris_alloc(dk_design *d)
{
    int k = d->sp->nf;
    d->traj = dk_malloc((size_t)(k + 1) * (size_t)k * sizeof *d->traj);
    d->moved = dk_malloc((size_t)(k + 1) * sizeof *d->moved);
    d->delta = dk_malloc((size_t)(k + 1) * sizeof *d->delta);
    d->rng = gsl_rng_alloc(gsl_rng_taus2);
    d->traj_index = -1;
    return d->traj && d->moved && d->delta && d->rng ? 0 : -1;
}

dk_design *dk_design_new(const dk_sweep_spec *sp, long first)
{
    dk_design *d = dk_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->sp = sp;
    d->pt_index = -1;
    d->traj_index = -1;
    int k = sp->nf, ok = 1;
    if (sp->design == DK_DESIGN_SOBOL || sp->design == DK_DESIGN_SALTELLI) {
        int dims = sp->design == DK_DESIGN_SALTELLI ? 2 * k : k;
        d->q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dims);
        d->pt = dk_calloc((size_t)dims, sizeof *d->pt);
        ok = d->q && d->pt;
    } else if (sp->design == DK_DESIGN_LHS) {
        ok = lhs_init(d) == 0;
    } else if (sp->design == DK_DESIGN_MORRIS) {
        ok = morris_alloc(d) == 0;
    }
    if (!ok) {
        dk_design_free(d);
        return NULL;
    }
    d->i = first;
    return d;
}

int dk_design_failed(const dk_design *d)
{
    return d->failed;
}

/* Sobol point j into d->pt: the sequence is generated in order, so a
 * shard that starts late walks up to its start once. */
static void sobol_point(dk_design *d, long j)
{
    while (d->pt_index < j) {
        /* GSL's Sobol generator ends at 2^30 - 1 points (validation caps
         * n well below); past it, say so rather than repeat a point */
        if (gsl_qrng_get(d->q, d->pt) != 0)
            d->failed = 1;
        d->pt_index++;
    }
}

void dk_design_next(dk_design *d, double *u, dk_row_tag *tag)
{
    const dk_sweep_spec *sp = d->sp;
    int k = sp->nf;
    long i = d->i++;
    *tag = (dk_row_tag){ .block = DK_BLOCK_NONE, .base = i, .delta = 0 };
    switch (sp->design) {
    case DK_DESIGN_GRID: {
        long rest = i;
        for (int f = k - 1; f >= 0; f--) {
            int L = grid_size(sp, f);
            u[f] = ((double)(rest % L) + 0.5) / L;
            rest /= L;
        }
        break;
    }
    case DK_DESIGN_LHS: {
        uint64_t x[DK_SWEEP_MAX_FACTORS];
        lhs_strata(d, (uint64_t)i, x);
        lhs_jitter(d, k, (uint64_t)i, u);
        for (int f = 0; f < k; f++)
            u[f] = ((double)x[f] + u[f]) / (double)sp->n;
        break;
    }
    case DK_DESIGN_SOBOL:
        sobol_point(d, i);
        memcpy(u, d->pt, (size_t)k * sizeof *u);
        break;
    case DK_DESIGN_SALTELLI: {
        tag->block = dk_sweep_block_at(sp->design, k, i, &tag->base);
        sobol_point(d, tag->base);
        memcpy(u, d->pt + (tag->block == DK_BLOCK_B ? k : 0), (size_t)k * sizeof *u);
        if (tag->block >= 0)
            u[tag->block] = d->pt[k + tag->block];
        break;
    }
    case DK_DESIGN_MORRIS: {
        long t = i / dk_sweep_group(sp->design, k);
        int s = (int)(i % dk_sweep_group(sp->design, k));
        if (d->traj_index != t)
            morris_trajectory(d, t);
        memcpy(u, d->traj + (size_t)s * (size_t)k, (size_t)k * sizeof *u);
        tag->block = d->moved[s];
        tag->base = t;
        tag->delta = d->delta[s];
        break;
    }
    }
}

int dk_design_is_pure(const dk_sweep_spec *sp)
{
    return sp->design != DK_DESIGN_SOBOL && sp->design != DK_DESIGN_SALTELLI;
}

dk_design *dk_design_view(const dk_design *d, long i)
{
    dk_design *v = dk_malloc(sizeof *v);
    if (!v)
        return NULL;
    *v = *d;
    v->i = i;
    v->view = 1;
    if (d->sp->design == DK_DESIGN_MORRIS && morris_alloc(v) != 0) {
        dk_design_free(v);
        return NULL;
    }
    return v;
}

void dk_design_seek(dk_design *d, long i)
{
    d->i = i;
}

void dk_design_free(dk_design *d)
{
    if (!d)
        return;
    /* a view's Morris trajectory is its own (morris_alloc); the tables it
     * shares are its design's */
    dk_free(d->traj);
    dk_free(d->moved);
    dk_free(d->delta);
    if (d->rng)
        gsl_rng_free(d->rng);
    if (!d->view) {
        if (d->q)
            gsl_qrng_free(d->q);
        dk_free(d->pt);
        dk_free(d->lhs_round);
    }
    dk_free(d);
}

/* ---- values ---- */

/* The range's quantile at u for the factor's distribution. */
static double quantile(const dk_factor *f, double u)
{
    double lo = f->lo, hi = f->hi, w = hi - lo;
    switch (f->dist) {
    case DK_DIST_NORMAL: {
        /* truncated to the range: invert within [Phi(lo), Phi(hi)]; a range
         * above the mean in the upper tail (Q), where Phi rounds to 1 */
        double x;
        if (lo > f->mean) {
            double a = gsl_cdf_gaussian_Q(lo - f->mean, f->sd);
            double b = gsl_cdf_gaussian_Q(hi - f->mean, f->sd);
            double q = a - u * (a - b);
            x = q <= 0 ? hi : q >= 1 ? lo : f->mean + gsl_cdf_gaussian_Qinv(q, f->sd);
        } else {
            double a = gsl_cdf_gaussian_P(lo - f->mean, f->sd);
            double b = gsl_cdf_gaussian_P(hi - f->mean, f->sd);
            double p = a + u * (b - a);
            x = p <= 0 ? lo : p >= 1 ? hi : f->mean + gsl_cdf_gaussian_Pinv(p, f->sd);
        }
        return x < lo ? lo : x > hi ? hi : x;
    }
    case DK_DIST_TRIANGULAR: {
        double c = (f->mode - lo) / w;
        return u < c ? lo + sqrt(u * w * (f->mode - lo))
                     : hi - sqrt((1 - u) * w * (hi - f->mode));
    }
    case DK_DIST_PERT: {
        double al = 1 + 4 * (f->mode - lo) / w, be = 1 + 4 * (hi - f->mode) / w;
        return lo + w * (u <= 0 ? 0 : u >= 1 ? 1 : gsl_cdf_beta_Pinv(u, al, be));
    }
    default:
        return lo + u * w;
    }
}

double dk_factor_value(const dk_sweep_spec *sp, int k, double u)
{
    const dk_factor *f = &sp->f[k];
    if (f->nlevel) {
        int j = (int)(u * f->nlevel);
        return f->level[j < 0 ? 0 : j >= f->nlevel ? f->nlevel - 1 : j];
    }
    if (sp->design == DK_DESIGN_GRID) {
        int P = grid_size(sp, k), j = (int)(u * P);
        double x = f->lo + (f->hi - f->lo) * j / (P - 1);
        return f->whole ? round(x) : x;
    }
    if (f->whole && f->dist == DK_DIST_UNIFORM) {
        /* every whole number of the range equally likely */
        double x = f->lo + floor(u * (f->hi - f->lo + 1));
        return x > f->hi ? f->hi : x;
    }
    double x = quantile(f, u);
    return f->whole ? round(x) : x;
}

/* ---- evaluation ---- */

static double test_function(const dk_sweep_spec *sp, const double *x)
{
    double xs[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < sp->nf; i++)
        xs[sp->f[i].param] = x[i];
    if (sp->test == DK_TEST_ISHIGAMI)
        return dk_ishigami(xs, sp->ishigami_a, sp->ishigami_b);
    if (sp->test == DK_TEST_SOBOL_G_STAR)
        return dk_sobol_g_star(xs, sp->nf);
    return dk_sobol_g(xs, sp->nf);
}

/* The row's class: the base with the factors applied; counts the spec
 * leaves open are the row sector's survey means, as predict has them. */
static void row_class(const dk_sweep_spec *sp, const dk_model *m, const double *x,
                      double *theta, dk_class *c, double *school)
{
    *c = sp->base;
    *school = sp->school_size;
    /* the ensemble member first: a parameter factor then overrides it */
    for (int i = 0; i < sp->nf; i++)
        if (sp->f[i].input == DK_IN_MEMBER)
            dk_model_member_apply(m, (size_t)x[i] - 1, theta);
    for (int i = 0; i < sp->nf; i++) {
        const dk_factor *f = &sp->f[i];
        switch (f->input) {
        case DK_IN_SECTOR:      c->sector = (dk_sector)x[i]; break;
        case DK_IN_CLASS_SIZE:  c->class_size = x[i]; break;
        case DK_IN_OB:          c->ob = x[i]; break;
        case DK_IN_HEAVY:       c->heavy = x[i]; break;
        case DK_IN_SUPPORT:     c->support = (unsigned)x[i]; break;
        case DK_IN_EXPERIENCE:  c->exp = (dk_experience)x[i]; break;
        case DK_IN_LEVEL:       c->level = (dk_level)x[i]; break;
        case DK_IN_SCHOOL_SIZE: *school = x[i]; break;
        case DK_IN_MEMBER:      break;
        default:                theta[f->param] = x[i]; break;
        }
    }
    const dk_survey_means *d = &sp->def[c->sector][c->level];
    if (c->class_size < 0)
        c->class_size = d->size;
    if (c->ob < 0)
        c->ob = d->ob;
    if (c->heavy < 0)
        c->heavy = d->heavy;
}

void dk_sweep_eval(const dk_sweep_spec *sp, const dk_model *m, const double *x,
                   double *theta, double *y)
{
    if (sp->test) {
        y[0] = test_function(sp, x);
        return;
    }
    dk_class c;
    double school;
    row_class(sp, m, x, theta, &c, &school);
    double sd = dk_teacher_sd(m, theta, c.sector);
    int last = -1;
    double mu = 0, le2 = NAN, ge4 = NAN;
    for (int r = 0; r < sp->nr; r++) {
        const dk_response *rs = &sp->r[r];
        if (rs->outcome != last) {
            /* responses of one outcome share its mean and shares; the
             * shares (two normal CDFs) only when a response asks */
            mu = dk_model_mean(m, theta, &c, rs->outcome);
            le2 = ge4 = NAN;
            last = rs->outcome;
        }
        if (rs->stat == DK_STAT_LE2 && isnan(le2))
            le2 = dk_share_le2(mu, sd);
        if ((rs->stat == DK_STAT_GE4 || rs->stat == DK_STAT_FTE) && isnan(ge4))
            ge4 = dk_share_ge4(mu, sd);
        y[r] = rs->stat == DK_STAT_MEAN ? dk_expected_answer(mu, sd) : rs->stat == DK_STAT_LE2 ? le2
             : rs->stat == DK_STAT_GE4 ? ge4 : dk_need_fte(m, theta, rs->outcome, ge4, school);
    }
}

/* ---- rows ---- */

void dk_sweep_header(const dk_sweep_spec *sp, dk_buf *b)
{
    /* designs with indices name their size in the first column, "run/ROWS":
     * only shard 1 writes the header, so --analyse can tell a missing last
     * shard from a smaller design */
    if (sp->design == DK_DESIGN_SALTELLI || sp->design == DK_DESIGN_MORRIS)
        dk_buf_printf(b, "run/%ld", dk_sweep_rows(sp));
    else
        dk_buf_printf(b, "run");
    if (sp->design == DK_DESIGN_SALTELLI)
        dk_buf_printf(b, ",block,base");
    else if (sp->design == DK_DESIGN_MORRIS)
        dk_buf_printf(b, ",block,base,delta");
    for (int i = 0; i < sp->nf; i++)
        dk_buf_printf(b, ",%s", sp->f[i].name);
    for (int r = 0; r < sp->nr; r++)
        dk_buf_printf(b, ",%s", sp->r[r].name);
    dk_buf_printf(b, "\n");
}

/*
 * A row is written in place (the buffer grown once per row to the longest
 * row the spec can give): appending its dozen fields one call each, with
 * a copy per field, was a tenth of a sweep's time.
 */
static size_t row_bound(const dk_sweep_spec *sp)
{
    /* run, Saltelli/Morris tags (a factor's name, a base, a delta), then
     * each factor (a label or a number) and response: at most 64 bytes a
     * name or label, 32 a number, and a comma each */
    return 3 * 32 + 64 + (size_t)(sp->nf + sp->nr) * 65 + 2;
}

static char *put_num(char *p, double x)
{
    *p++ = ',';
    return p + dk_fmt_g17(p, x);
}

/* x as a whole number, after a comma if sep (printf was a tenth of a
 * row's cost).  Two digits a step, right-aligned into s, out in one
 * fixed-size copy; the bytes after them are overwritten by the next field.
 * Counts (class size, pupils) are one or two digits and skip the loop. */
static char *put_long(char *p, long x, int sep)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    unsigned long v = x < 0 ? -(unsigned long)x : (unsigned long)x;
    if (sep)
        *p++ = ',';
    if (x < 0)
        *p++ = '-';
    if (v < 10) {
        *p = (char)('0' + v);
        return p + 1;
    }
    if (v < 100) {
        memcpy(p, &pairs[2 * v], 2);
        return p + 2;
    }
    char s[48];
    int n = 24;
    for (; v >= 100; v /= 100) {
        n -= 2;
        memcpy(&s[n], &pairs[2 * (v % 100)], 2);
    }
    if (v >= 10) {
        n -= 2;
        memcpy(&s[n], &pairs[2 * v], 2);
    } else {
        s[--n] = (char)('0' + v);
    }
    memcpy(p, s + n, 24);
    return p + (24 - n);
}

static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

static char *put_label(char *p, const char *s)
{
    *p++ = ',';
    return put_str(p, s);
}

/* The level's label, found by value (levels are distinct). */
static const char *level_label(const dk_factor *f, double x)
{
    for (int j = 0; j < f->nlevel; j++)
        if (f->level[j] == x)
            return f->label[j];
    return "?";
}

static char *put_tag(const dk_sweep_spec *sp, const dk_row_tag *tag, char *p)
{
    if (sp->design == DK_DESIGN_SALTELLI) {
        if (tag->block >= 0)
            p = put_str(put_str(p, ",AB."), sp->f[tag->block].name);
        else
            p = put_label(p, tag->block == DK_BLOCK_A ? "A" : "B");
        p = put_long(p, tag->base, 1);
    } else if (sp->design == DK_DESIGN_MORRIS) {
        p = put_label(p, tag->block >= 0 ? sp->f[tag->block].name : "start");
        p = put_long(p, tag->base, 1);
        p = put_num(p, tag->delta);
    }
    return p;
}

int dk_sweep_row(const dk_sweep_spec *sp, long i, const dk_row_tag *tag,
                 const double *x, const double *y, dk_buf *b)
{
    char *start = dk_buf_room(b, row_bound(sp)), *p = start;
    if (!start)
        return -1;
    p = put_long(p, i, 0);
    p = put_tag(sp, tag, p);
    for (int k = 0; k < sp->nf; k++) {
        const dk_factor *f = &sp->f[k];
        if (f->input == DK_IN_SECTOR || f->input == DK_IN_SUPPORT ||
            f->input == DK_IN_EXPERIENCE || f->input == DK_IN_LEVEL)
            p = put_label(p, level_label(f, x[k]));
        else if (f->whole)
            p = put_long(p, (long)x[k], 1);
        else
            p = put_num(p, x[k]);
    }
    for (int r = 0; r < sp->nr; r++)
        p = put_num(p, y[r]);
    *p++ = '\n';
    *p = '\0';
    b->len += (size_t)(p - start);
    return 0;
}

/* ---- running ---- */

long dk_sweep_block(const dk_sweep_spec *sp)
{
    long b = dk_sweep_rows(sp) / 64;
    return b < 16 ? 16 : b > 1024 ? 1024 : b;
}

void dk_sweep_shard(const dk_sweep_spec *sp, int k, int n, long *first, long *last)
{
    long rows = dk_sweep_rows(sp), b = dk_sweep_block(sp);
    long blocks = (rows + b - 1) / b;
    /* shards start on block edges, so every output block (one gzip member)
     * is the same whatever the sharding */
    long b0 = (long)((double)blocks * (k - 1) / n + 0.5), b1 = (long)((double)blocks * k / n + 0.5);
    *first = b0 * b > rows ? rows : b0 * b;
    *last = k == n || b1 * b > rows ? rows : b1 * b;
}

/*
 * Running: a pipeline, not rounds.  Blocks of rows (each one gzip member)
 * are claimed in order by the worker threads, evaluated, formatted and
 * compressed, and written in order by whichever worker finishes the block
 * the output is waiting for; a ring of slots bounds the blocks in flight.
 * No thread waits for a round to end, and writing overlaps computing.
 */
typedef struct {
    long first, n;
    double *u;
    dk_row_tag *tag;
    dk_buf text, gz;
    double zsec;
    int ready;              /* done, waiting to be written */
    int failed;             /* formatting or compressing ran out of memory */
} block;

typedef struct {
    const dk_sweep_spec *sp;
    const dk_model *m;
    dk_sweep_opts *o;
    dk_design *d;           /* makes a Sobol design's points, in order */
    dk_writer *w;
    int gz, pure, nslot;
    block *slot;            /* block b in slot b % nslot */
    long bsize, nblock;
    pthread_mutex_t mu;
    pthread_cond_t room;    /* a slot came free, or the run stopped */
    long claimed, written;  /* blocks handed out; blocks written */
    int writing;            /* a worker holds the output */
    int stop;               /* an error: claim no more */
    long done_rows;
    dk_err err;
} pipeline;

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void do_block(const pipeline *pl, block *bk, double *theta, dk_design *view,
                     dk_buf *scratch)
{
    const dk_sweep_spec *sp = pl->sp;
    const dk_sweep_opts *o = pl->o;
    /* a pure design's point is made next to its use, in a cache line
     * still hot: written to the block's table first, it was a sixth of
     * the time (the table, last touched a ring ago, had left the cache) */
    if (view)
        dk_design_seek(view, bk->first);
    double x[DK_SWEEP_MAX_FACTORS], y[DK_SWEEP_MAX_RESPONSES], upt[DK_SWEEP_MAX_FACTORS];
    dk_row_tag tag;
    /* rows go to a buffer on this thread's stack: the blocks of different
     * threads sit side by side, and appending to them in place made the
     * threads fight over one cache line.  Rows to be compressed go to the
     * worker's own scratch text, which stays in its core's cache; only
     * the compressed member goes to the slot, for the writer */
    dk_buf *into = pl->gz ? scratch : &bk->text, text = *into;
    text.len = 0;
    bk->gz.len = 0;
    bk->failed = 0;
    for (long r = 0; r < bk->n; r++) {
        const double *u = upt;
        if (view)
            dk_design_next(view, upt, &tag);
        else
            u = bk->u + r * sp->nf, tag = bk->tag[r];
        for (int k = 0; k < sp->nf; k++)
            x[k] = dk_factor_value(sp, k, u[k]);
        long at = bk->first + r - o->first;
        const double *yr = y;
        if (at < o->known) {
            yr = o->keep_y + at * sp->nr;
        } else {
            dk_sweep_eval(sp, pl->m, x, theta, y);
            if (o->keep_y)
                memcpy(o->keep_y + at * sp->nr, y, (size_t)sp->nr * sizeof *y);
        }
        if (o->keep_tag)
            o->keep_tag[at] = tag;
        /* out of memory stops the run (exit 2, no file) */
        if (o->out && dk_sweep_row(sp, bk->first + r, &tag, x, yr, &text) != 0) {
            bk->failed = 1;
            *into = text;
            return;
        }
    }
    if (pl->gz) {
        double t0 = cpu_seconds();
        dk_buf gz = bk->gz;
        bk->failed = dk_gzip_member(text.data, text.len, 1, DK_GZ_HUFFMAN, &gz) != 0;
        bk->gz = gz;
        bk->zsec = cpu_seconds() - t0;
    }
    *into = text;
}

/* Stops the run with e's message (the first error wins); mu held. */
static void stop_run(pipeline *pl, const dk_err *e)
{
    if (!pl->stop)
        pl->err = *e;
    pl->stop = 1;
    pthread_cond_broadcast(&pl->room);
}

/* The next block to compute, or NULL when there is none or the run
 * stopped; waits while the ring is full.  A Sobol design's points are
 * made here, under the lock, so they come in order.  mu held. */
static block *claim(pipeline *pl)
{
    while (!pl->stop && pl->claimed < pl->nblock && pl->claimed >= pl->written + pl->nslot)
        pthread_cond_wait(&pl->room, &pl->mu);
    if (pl->stop || pl->claimed >= pl->nblock)
        return NULL;
    long b = pl->claimed++;
    block *bk = &pl->slot[b % pl->nslot];
    /* blocks end on multiples of bsize counted from row 0, so every block
     * is the same whatever the sharding (shards start on edges; only a
     * first block that starts off an edge is short at its start) */
    long row = b == 0 ? pl->o->first : (pl->o->first / pl->bsize + b) * pl->bsize;
    long end = (row / pl->bsize + 1) * pl->bsize;
    bk->first = row;
    bk->n = (end < pl->o->last ? end : pl->o->last) - row;
    bk->ready = 0;
    for (long r = 0; !pl->pure && r < bk->n; r++)
        dk_design_next(pl->d, bk->u + r * pl->sp->nf, &bk->tag[r]);
    if (!pl->pure && dk_design_failed(pl->d)) {
        dk_err e = dk_err_like(&pl->err);
        dk_fail(&e, "sweep: GSL's Sobol sequence has no point %ld (n is too large)",
                row + bk->n - 1);
        stop_run(pl, &e);
        return NULL;
    }
    return bk;
}

/* Writes every finished block the output is waiting for, if no other
 * worker is writing; the lock is let go while bytes are written. mu held. */
static void write_ready(pipeline *pl)
{
    if (pl->writing)
        return;
    pl->writing = 1;
    for (block *bk; !pl->stop && pl->written < pl->nblock &&
                    (bk = &pl->slot[pl->written % pl->nslot])->ready;) {
        pthread_mutex_unlock(&pl->mu);
        dk_err e = dk_err_like(&pl->err);
        int rc = 0;
        if (bk->failed)
            rc = dk_fail(&e, "sweep: out of memory formatting or compressing rows %ld..%ld",
                         bk->first, bk->first + bk->n - 1);
        else if (!pl->w)
            rc = 0;     /* no output: the rows are only kept */
        else if (pl->gz)
            rc = dk_writer_put(pl->w, bk->gz.data, bk->gz.len, &e);
        else
            rc = dk_writer_put(pl->w, bk->text.data, bk->text.len, &e);
        pl->o->compress_seconds += bk->zsec;
        pl->done_rows += bk->n;
        if (rc == 0 && pl->o->progress)
            pl->o->progress(pl->o->ctx, (double)pl->done_rows,
                            (double)(pl->o->last - pl->o->first));
        pthread_mutex_lock(&pl->mu);
        bk->ready = 0;
        if (rc != 0)
            stop_run(pl, &e);
        pl->written++;
        pthread_cond_broadcast(&pl->room);
    }
    pl->writing = 0;
}

static void *worker(void *arg)
{
    pipeline *pl = arg;
    double *theta = dk_malloc(pl->sp->ntheta * sizeof *theta);
    /* designs whose rows are pure functions of the row are made here, in
     * parallel; Sobol's sequence is made in order in claim() */
    dk_design *view = pl->pure ? dk_design_view(pl->d, 0) : NULL;
    if (!theta || (pl->pure && !view)) {
        /* the other threads take the blocks; the run fails if none could */
        dk_design_free(view);
        dk_free(theta);
        return NULL;
    }
    memcpy(theta, pl->sp->theta, pl->sp->ntheta * sizeof *theta);
    dk_buf scratch = { 0 };
    pthread_mutex_lock(&pl->mu);
    for (block *bk; (bk = claim(pl));) {
        pthread_mutex_unlock(&pl->mu);
        do_block(pl, bk, theta, view, &scratch);
        pthread_mutex_lock(&pl->mu);
        bk->ready = 1;
        write_ready(pl);
    }
    pthread_mutex_unlock(&pl->mu);
    dk_buf_free(&scratch);
    dk_design_free(view);
    dk_free(theta);
    return NULL;
}

/* The worker threads, the caller's among them; a thread that could not
 * start leaves its blocks to the others (same bytes). */
static void run_workers(pipeline *pl, int threads)
{
    pthread_t tids[256];
    int started[256] = { 0 };
    for (int t = 1; t < threads; t++)
        started[t] = pthread_create(&tids[t], NULL, worker, pl) == 0;
    worker(pl);
    for (int t = 1; t < threads; t++)
        if (started[t])
            pthread_join(tids[t], NULL);
}

/* The header line, compressed for .gz, into out.  Made before the output
 * is opened, so that running out of memory leaves no file. */
static int make_header(const dk_sweep_spec *sp, int gz, dk_buf *out, dk_err *e)
{
    dk_buf h = { 0 };
    dk_sweep_header(sp, &h);
    if (h.oom) {
        dk_buf_free(&h);
        return dk_fail(e, "sweep: out of memory making the header");
    }
    if (!gz) {
        *out = h;
        return 0;
    }
    int rc = dk_gzip_member(h.data, h.len, 1, DK_GZ_HUFFMAN, out);
    dk_buf_free(&h);
    return rc != 0 ? dk_fail(e, "sweep: out of memory compressing the header") : 0;
}

double dk_sweep_memory(const dk_sweep_spec *sp, int threads, int keep)
{
    double rows = (double)dk_sweep_rows(sp), bsize = (double)dk_sweep_block(sp);
    threads = dk_threads_clamp(threads, 0);
    /* the ring of blocks: unit points, tags, text and its gzip member
     * (a row is at most about 30 bytes a column) */
    double row_text = 30.0 * (4 + sp->nf + sp->nr);
    double bytes = 4.0 * threads * bsize *
                   ((double)sp->nf * sizeof(double) + sizeof(dk_row_tag) + 3 * row_text);
    if (sp->design == DK_DESIGN_LHS)            /* the round functions */
        bytes += (double)sp->nf * LHS_ROUNDS * ldexp(1, lhs_half(sp->n)) * sizeof(uint16_t);
    if (keep)       /* responses; Morris's effects also need the tags */
        bytes += rows * ((double)sp->nr * sizeof(double) +
                         (sp->design == DK_DESIGN_MORRIS ? sizeof(dk_row_tag) : 0));
    return bytes + 16e6;                            /* the model, the program */
}

/* The ring's slots and the design, before the output is opened, so that
 * running out of memory leaves no file and writes nothing. */
static int pipeline_alloc(pipeline *pl, int threads)
{
    const dk_sweep_spec *sp = pl->sp;
    /* a few blocks a thread: enough that a worker seldom waits for the
     * writer; more only kept more memory out of the cache (and 16 a
     * thread measured no faster) */
    pl->nslot = 4 * threads;
    pl->slot = dk_calloc((size_t)pl->nslot, sizeof *pl->slot);
    int ok = pl->slot != NULL;
    for (int b = 0; ok && b < pl->nslot; b++) {
        pl->slot[b].u = dk_malloc((size_t)pl->bsize * (size_t)sp->nf * sizeof *pl->slot[b].u);
        pl->slot[b].tag = dk_malloc((size_t)pl->bsize * sizeof *pl->slot[b].tag);
        ok = pl->slot[b].u && pl->slot[b].tag;
    }
    pl->d = ok ? dk_design_new(sp, pl->o->first) : NULL;
    return pl->d ? 0 : -1;
}

static void pipeline_free(pipeline *pl)
{
    dk_design_free(pl->d);
    for (int b = 0; pl->slot && b < pl->nslot; b++) {
        dk_free(pl->slot[b].u);
        dk_free(pl->slot[b].tag);
        dk_buf_free(&pl->slot[b].text);
        dk_buf_free(&pl->slot[b].gz);
    }
    dk_free(pl->slot);
}

int dk_sweep_run(const dk_sweep_spec *sp, const dk_model *m, dk_sweep_opts *o,
                 dk_err *e)
{
    int threads = dk_threads_clamp(o->threads, 0);
    long bsize = dk_sweep_block(sp);
    pipeline pl = { .sp = sp, .m = m, .o = o, .gz = o->out && dk_path_is_gz(o->out),
                    .pure = dk_design_is_pure(sp), .bsize = bsize,
                    .err = dk_err_like(e) };
    /* blocks end on multiples of bsize counted from row 0 */
    pl.nblock = o->last > o->first ? (o->last - 1) / bsize - o->first / bsize + 1 : 0;
    o->compress_seconds = 0;
    int rc = 0;
    dk_buf head = { 0 };
    if (o->header && make_header(sp, pl.gz, &head, e) != 0)
        rc = -1;
    else if (pipeline_alloc(&pl, threads) != 0)
        rc = dk_fail(e, "sweep: out of memory for the %s design's tables (%ld rows of %d "
                     "factors)", dk_design_names[sp->design], dk_sweep_rows(sp), sp->nf);
    else if (o->out && !(pl.w = dk_writer_open(o->out, e)))
        rc = -1;
    if (rc == 0 && head.len)
        rc = dk_writer_put(pl.w, head.data, head.len, e);
    dk_buf_free(&head);
    if (rc == 0) {
        pthread_mutex_init(&pl.mu, NULL);
        pthread_cond_init(&pl.room, NULL);
        run_workers(&pl, threads);
        pthread_cond_destroy(&pl.room);
        pthread_mutex_destroy(&pl.mu);
        if (pl.stop)
            rc = dk_fail(e, "%s", pl.err.msg);
        else if (pl.written < pl.nblock)
            rc = dk_fail(e, "sweep: out of memory on every worker thread");
    }
    pipeline_free(&pl);
    if (rc != 0) {
        dk_writer_abort(pl.w);
        return -1;
    }
    return pl.w ? dk_writer_commit(pl.w, e) : 0;
}

/* Rows made the way the run makes them, for dk_sweep_bytes: spread over
 * [first, last) where the design can seek; otherwise (a Sobol sequence is
 * generated in order) a run of them some way in, as its first points
 * (0.5, 0.25, ...) print shorter than the rest. */
static long sample_rows(const dk_sweep_spec *sp, const dk_model *m, long first, long last,
                        dk_buf *text)
{
    long n = last - first, want = n < 512 ? n : 512, made = 0;
    int pure = dk_design_is_pure(sp);
    long skip = n - want < 4096 ? n - want : 4096;
    dk_design *d = dk_design_new(sp, pure ? first : first + skip);
    double *theta = dk_malloc((sp->ntheta + 1) * sizeof *theta);
    double u[DK_SWEEP_MAX_FACTORS], x[DK_SWEEP_MAX_FACTORS], y[DK_SWEEP_MAX_RESPONSES];
    dk_row_tag tag;
    if (d && theta) {
        memcpy(theta, sp->theta, sp->ntheta * sizeof *theta);
        for (; made < want; made++) {
            long i = pure ? first + made * (n / want) : first + skip + made;
            if (pure)
                dk_design_seek(d, i);
            dk_design_next(d, u, &tag);
            for (int k = 0; k < sp->nf; k++)
                x[k] = dk_factor_value(sp, k, u[k]);
            dk_sweep_eval(sp, m, x, theta, y);
            if (dk_design_failed(d) || dk_sweep_row(sp, i, &tag, x, y, text) != 0)
                break;
        }
    }
    dk_free(theta);
    dk_design_free(d);
    return made;
}

/* Mean number of decimal digits of the whole numbers in [lo, hi). */
static double mean_digits(long lo, long hi)
{
    double sum = 0;
    long from = lo;
    for (long p = 10, d = 1; from < hi; p *= 10, d++) {
        long to = p < hi ? p : hi;
        if (to > from)
            sum += (double)(to - from) * (double)d;
        from = to > from ? to : from;
    }
    return hi > lo ? sum / (double)(hi - lo) : 0;
}

double dk_sweep_bytes(const dk_sweep_spec *sp, const dk_model *m, long first, long last,
                      int gz)
{
    dk_buf text = { 0 }, z = { 0 };
    long made = last > first ? sample_rows(sp, m, first, last, &text) : 0;
    double bytes = made ? (double)text.len / (double)made * (double)(last - first) : 0;
    if (made && !dk_design_is_pure(sp)) {
        /* the run number (and a Saltelli base row) has more digits over
         * the whole range than in the sample's run of rows */
        long at = first + (last - first - made < 4096 ? last - first - made : 4096);
        double more = mean_digits(first, last) - mean_digits(at, at + made);
        long k2 = sp->nf + 2;
        if (sp->design == DK_DESIGN_SALTELLI)
            more += mean_digits(first / k2, last / k2 + 1) - mean_digits(at / k2, (at + made) / k2 + 1);
        bytes += more * (double)(last - first);
    }
    dk_buf head = { 0 };
    dk_sweep_header(sp, &head);
    bytes += (double)head.len;
    if (bytes > 0 && gz && dk_gzip_member(text.data, text.len, 1, DK_GZ_HUFFMAN, &z) == 0)
        bytes *= (double)z.len / (double)text.len;
    dk_buf_free(&head);
    dk_buf_free(&text);
    dk_buf_free(&z);
    return bytes;
}
