/*
 * posterior.c -- exact HMC for a truncated Gaussian, and chain diagnostics.
 * See posterior.h for the method and its reference.
 *
 * Work is done in whitened coordinates.  Row j of W = F L is the wall
 * normal, gw_j = g_j + F_j mu its offset, so the constraint reads
 * W_j . z + gw_j >= 0.  Along a trajectory z(t) = z cos t + p sin t the
 * row's value is A_j cos t + B_j sin t + gw_j with A = W z, B = W p; both
 * vectors are carried through a trajectory and updated in O(m) per wall
 * contact, using the Gram matrix G = W W^T for the reflection.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/parallel.h"
#include "draagkracht/model/posterior.h"

#define TWO_PI 6.283185307179586
/* Travel time of one trajectory: a quarter turn decorrelates a Gaussian
 * completely in the absence of walls (Pakman & Paninski, section 2.1). */
#define TRAVEL (TWO_PI / 4)

/* What every chain shares, read-only once set up. */
typedef struct {
    size_t n, m;
    double *W, *G, *gw;     /* m x n, m x m, m */
    double *z0;             /* n: the whitened start */
    const dk_tmvn *t;
    const dk_hmc_opts *o;
    double *out;            /* each chain writes its own rows */
    dk_hmc_stats *st;       /* one per chain */
} shared;

/* One chain's state. */
typedef struct {
    const shared *sh;
    double *z, *p, *A, *B;  /* n, n, m, m */
    gsl_rng *rng;
} hmc;

static void shared_free(shared *s)
{
    dk_free(s->W);
    dk_free(s->G);
    dk_free(s->gw);
    dk_free(s->z0);
    dk_free(s->st);
}

static int shared_alloc(shared *s, const dk_tmvn *t, const dk_hmc_opts *o, double *out)
{
    size_t n = t->n, m = t->m;
    *s = (shared){ n, m, dk_malloc(m * n * sizeof(double)), dk_malloc(m * m * sizeof(double)),
                   dk_malloc(m * sizeof(double)), dk_malloc(n * sizeof(double)), t, o, out,
                   dk_calloc((size_t)o->chains, sizeof(dk_hmc_stats)) };
    if (!s->W || !s->G || !s->gw || !s->z0 || !s->st) {
        shared_free(s);
        return -1;
    }
    return 0;
}

static void hmc_free(hmc *h)
{
    dk_free(h->z);
    dk_free(h->p);
    dk_free(h->A);
    dk_free(h->B);
    if (h->rng)
        gsl_rng_free(h->rng);
    dk_free(h);
}

static hmc *hmc_alloc(const shared *sh)
{
    hmc *h = dk_calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->sh = sh;
    h->z = dk_malloc(sh->n * sizeof *h->z);
    h->p = dk_malloc(sh->n * sizeof *h->p);
    h->A = dk_malloc(sh->m * sizeof *h->A);
    h->B = dk_malloc(sh->m * sizeof *h->B);
    h->rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!h->z || !h->p || !h->A || !h->B || !h->rng) {
        hmc_free(h);
        return NULL;
    }
    return h;
}

/* W = F L, gw = g + F mu, G = W W^T, z0 = L^-1 (x0 - mu). */
static void whiten(shared *h, const dk_tmvn *t, const double *x0)
{
    size_t n = t->n, m = t->m;
    gsl_matrix_const_view F = gsl_matrix_const_view_array(t->F, m, n);
    gsl_matrix_const_view L = gsl_matrix_const_view_array(t->chol, n, n);
    gsl_matrix_view W = gsl_matrix_view_array(h->W, m, n);
    gsl_matrix_view G = gsl_matrix_view_array(h->G, m, m);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, &F.matrix, &L.matrix, 0, &W.matrix);
    gsl_blas_dsyrk(CblasLower, CblasNoTrans, 1, &W.matrix, 0, &G.matrix);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < i; j++)
            h->G[j * m + i] = h->G[i * m + j];
    gsl_vector_const_view mu = gsl_vector_const_view_array(t->mu, n);
    gsl_vector_view gw = gsl_vector_view_array(h->gw, m);
    memcpy(h->gw, t->g, m * sizeof *h->gw);
    gsl_blas_dgemv(CblasNoTrans, 1, &F.matrix, &mu.vector, 1, &gw.vector);
    for (size_t i = 0; i < n; i++)
        h->z0[i] = x0[i] - t->mu[i];
    gsl_vector_view z = gsl_vector_view_array(h->z0, n);
    gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &L.matrix, &z.vector);
}

/* out = W v (m values). */
static void project(const shared *h, const double *v, double *out)
{
    gsl_matrix_const_view W = gsl_matrix_const_view_array(h->W, h->m, h->n);
    gsl_vector_const_view vv = gsl_vector_const_view_array(v, h->n);
    gsl_vector_view o = gsl_vector_view_array(out, h->m);
    gsl_blas_dgemv(CblasNoTrans, 1, &W.matrix, &vv.vector, 0, &o.vector);
}

/*
 * The first time in (0, limit) at which a row reaches its wall while
 * falling, and which row; -1 when none does.  Row `last` was just left:
 * its own contact at t ~ 0 is the one already handled.
 */
static long first_contact(const hmc *h, double limit, long last, double *when)
{
    const shared *sh = h->sh;
    long hit = -1;
    double best = limit;
    for (size_t j = 0; j < sh->m; j++) {
        double a = h->A[j], b = h->B[j], g = sh->gw[j], uu = a * a + b * b;
        if (g >= 0 && uu <= g * g)
            continue; /* the row's value never drops to zero */
        double u = sqrt(uu);
        double t = atan2(b, a) + acos(fmax(-1.0, fmin(1.0, -g / u)));
        if (t < 0)
            t += TWO_PI;
        if (t >= TWO_PI)
            t -= TWO_PI;
        if ((long)j == last && (t < 1e-7 || t > TWO_PI - 1e-7))
            continue;
        if (t < best) {
            best = t;
            hit = (long)j;
        }
    }
    *when = best;
    return hit;
}

/* Follows the rotation for time t: z, p (as velocity), A and B. */
static void rotate(hmc *h, double t)
{
    double c = cos(t), s = sin(t);
    for (size_t i = 0; i < h->sh->n; i++) {
        double z = h->z[i], p = h->p[i];
        h->z[i] = z * c + p * s;
        h->p[i] = p * c - z * s;
    }
    for (size_t j = 0; j < h->sh->m; j++) {
        double a = h->A[j], b = h->B[j];
        h->A[j] = a * c + b * s;
        h->B[j] = b * c - a * s;
    }
}

/* Mirrors the velocity in wall j: v -= 2 (w_j . v) / |w_j|^2 w_j. */
static void reflect(hmc *h, size_t j)
{
    const shared *sh = h->sh;
    double k = 2 * h->B[j] / sh->G[j * sh->m + j];
    const double *w = sh->W + j * sh->n, *gj = sh->G + j * sh->m;
    for (size_t i = 0; i < sh->n; i++)
        h->p[i] -= k * w[i];
    for (size_t i = 0; i < sh->m; i++)
        h->B[i] -= k * gj[i];
}

static void trajectory(hmc *h, dk_hmc_stats *st)
{
    for (size_t i = 0; i < h->sh->n; i++)
        h->p[i] = gsl_ran_gaussian_ziggurat(h->rng, 1.0);
    project(h->sh, h->z, h->A); /* afresh: no drift carried between trajectories */
    project(h->sh, h->p, h->B);
    double left = TRAVEL;
    long last = -1;
    for (;;) {
        double t;
        long j = first_contact(h, left, last, &t);
        rotate(h, t);
        if (j < 0)
            break;
        reflect(h, (size_t)j);
        st->bounces++;
        left -= t;
        last = j;
    }
    st->trajectories++;
}

/* x = mu + L z */
static void unwhiten(const dk_tmvn *t, const double *z, double *x)
{
    for (size_t i = 0; i < t->n; i++) {
        double v = t->mu[i];
        const double *row = t->chol + i * t->n;
        for (size_t k = 0; k <= i; k++)
            v += row[k] * z[k];
        x[i] = v;
    }
}

static int inside(const shared *sh, const double *A)
{
    for (size_t j = 0; j < sh->m; j++)
        if (!(A[j] + sh->gw[j] > 0))
            return 0;
    return 1;
}

/* ---- chains as items of a parallel job ---------------------------------- */

static void *chain_start(const void *job) { return hmc_alloc(job); }
static void chain_stop(const void *job, void *w) { (void)job; if (w) hmc_free(w); }

/* Chain c: its own stream, warm-up, then draws; writes only its rows. */
static int chain_run(const void *job, void *work, int c)
{
    const shared *sh = job;
    hmc *h = work;
    const dk_hmc_opts *o = sh->o;
    dk_hmc_stats *st = &sh->st[c];
    gsl_rng_set(h->rng, o->seed + 7919ul * (unsigned long)c);
    memcpy(h->z, sh->z0, sh->n * sizeof *h->z);
    for (int w = 0; w < o->warmup; w++)
        trajectory(h, st);
    for (int i = 0; i < o->draws; i++) {
        for (int k = 0; k < o->thin; k++)
            trajectory(h, st);
        unwhiten(sh->t, h->z, sh->out + ((size_t)c * (size_t)o->draws + (size_t)i) * sh->n);
    }
    return 0;
}

int dk_tmvn_sample(const dk_tmvn *t, const double *x0, const dk_hmc_opts *o,
                   double *out, dk_hmc_stats *st, dk_err *e)
{
    memset(st, 0, sizeof *st);
    shared sh;
    if (shared_alloc(&sh, t, o, out) != 0)
        return dk_fail(e, "out of memory for the posterior sampler (%zu x %zu)",
                       t->m, t->n);
    whiten(&sh, t, x0);
    double *A = dk_malloc(t->m * sizeof *A);
    if (!A) {
        shared_free(&sh);
        return dk_fail(e, "out of memory for the posterior sampler");
    }
    project(&sh, sh.z0, A);
    int ok = inside(&sh, A);
    dk_free(A);
    if (!ok) {
        shared_free(&sh);
        return dk_fail(e, "the starting point does not meet every constraint");
    }
    dk_parallel par = { o->chains, o->threads, &sh, chain_start, chain_run,
                        chain_stop, NULL, NULL };
    int rc = dk_parallel_run(&par) != 0;
    for (int c = 0; c < o->chains; c++) {
        st->bounces += sh.st[c].bounces;
        st->trajectories += sh.st[c].trajectories;
    }
    shared_free(&sh);
    return rc ? dk_fail(e, "out of memory for a posterior chain") : 0;
}

/* ---- diagnostics ------------------------------------------------------ */

static double mean_of(const double *v, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s / n;
}

/* Within-chain variance W and between-chain B/N of k chains of n draws. */
static void variances(const double *v, int k, int n, double *W, double *BN)
{
    double grand = mean_of(v, k * n), w = 0, b = 0;
    for (int c = 0; c < k; c++) {
        const double *x = v + (size_t)c * (size_t)n;
        double mc = mean_of(x, n), s = 0;
        for (int i = 0; i < n; i++)
            s += (x[i] - mc) * (x[i] - mc);
        w += s / (n - 1);
        b += (mc - grand) * (mc - grand);
    }
    *W = w / k;
    *BN = k > 1 ? b / (k - 1) : 0;
}

double dk_split_rhat(const double *v, int chains, int draws)
{
    /* Split chains: the halves are consecutive blocks of draws/2, so the
     * first half of a chain is compared with its own second half. */
    int half = draws / 2, k = 2 * chains;
    double *s = dk_malloc((size_t)k * (size_t)half * sizeof *s);
    if (!s)
        return NAN;
    for (int c = 0; c < chains; c++)
        for (int hpart = 0; hpart < 2; hpart++)
            memcpy(s + (size_t)(2 * c + hpart) * (size_t)half,
                   v + (size_t)c * (size_t)draws + (size_t)(hpart * (draws - half)),
                   (size_t)half * sizeof *s);
    double W, BN;
    variances(s, k, half, &W, &BN);
    dk_free(s);
    if (W <= 0)
        return BN > 0 ? INFINITY : 1.0;
    return sqrt(((half - 1.0) / half * W + BN) / W);
}

/* Autocovariance of one chain at lag t (biased, as Stan computes it). */
static double acov(const double *x, int n, double mean, int t)
{
    double s = 0;
    for (int i = 0; i + t < n; i++)
        s += (x[i] - mean) * (x[i + t] - mean);
    return s / n;
}

double dk_ess(const double *v, int chains, int n)
{
    double W, BN;
    variances(v, chains, n, &W, &BN);
    double var_plus = (n - 1.0) / n * W + BN;
    if (var_plus <= 0)
        return (double)chains * n;
    double *means = dk_malloc((size_t)chains * sizeof *means);
    if (!means)
        return NAN;
    for (int c = 0; c < chains; c++)
        means[c] = mean_of(v + (size_t)c * (size_t)n, n);
    /* rho_t = 1 - (W - mean_c acov_c(t)) / var_plus; sum pairs while they
     * are positive, each pair no larger than the one before. */
    double tau = -1, prev = INFINITY;
    for (int t = 0; t + 1 < n; t += 2) {
        double pair = 0;
        for (int d = 0; d < 2; d++) {
            double a = 0;
            for (int c = 0; c < chains; c++)
                a += acov(v + (size_t)c * (size_t)n, n, means[c], t + d);
            pair += 1 - (W - a / chains) / var_plus;
        }
        if (pair <= 0)
            break;
        if (pair > prev)
            pair = prev;
        prev = pair;
        tau += 2 * pair;
    }
    dk_free(means);
    double total = (double)chains * n, cap = total * log10(total);
    double ess = total / (tau > 1.0 / log10(total) ? tau : 1.0 / log10(total));
    return ess < cap ? ess : cap;
}
