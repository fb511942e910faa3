/*
 * survey.c -- population classes drawn from the survey tables.
 *
 * The published tables below are read-only data with their seed lines;
 * the assumptions that fill their gaps (open bin edges, dispersion of the
 * counts, mbo size spread) are model parameters, so they carry ranges and
 * can be overridden by name like any other.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "draagkracht/model/survey.h"

/* Table 7.2 (seed 001 L4977-4991): share of classes < 21, 21-27, > 27
 * pupils.  Rows: po, vo, vmbo, havo/vwo.  No mbo row exists. */
static const double size_bins[4][3] = {
    { 0.15, 0.56, 0.28 }, { 0.28, 0.44, 0.28 },
    { 0.44, 0.48, 0.08 }, { 0.12, 0.46, 0.43 },
};

/* Table 3.15 (seed 001 L1693-1769): share "often to always" available by
 * class size < 18, 18-24, > 24; columns po, vo, mbo.  The vignette's
 * "specialist support and advice on call" is read as the survey's
 * "specialistische ondersteuning buiten de klas (handelingsadviezen)". */
static const double avail[DK_NSUPPORT][3][3] = {
    [DK_SUP_ASSISTANT]     = { { 0.40, 0.18, 0.17 }, { 0.15, 0.08, 0.03 }, { 0.05, 0.04, 0.09 } },
    [DK_SUP_EXTRA_TEACHER] = { { 0.12, 0.03, 0.02 }, { 0.02, 0.04, 0.01 }, { 0.08, 0.04, 0.05 } },
    [DK_SUP_SPECIALIST]    = { { 0.22, 0.21, 0.19 }, { 0.26, 0.35, 0.24 }, { 0.24, 0.30, 0.34 } },
    [DK_SUP_FACILITY]      = { { 0.23, 0.06, 0.10 }, { 0.47, 0.43, 0.39 }, { 0.38, 0.38, 0.50 } },
};

/* Table 3.15's class-size bin: < 18, 18-24, > 24. */
static int size_bin(double size)
{
    return size < 18 ? 0 : size <= 24 ? 1 : 2;
}

double dk_survey_availability(dk_sector s, int form, double size)
{
    return form > 0 && form < DK_NSUPPORT ? avail[form][size_bin(size)][s] : 0;
}

void dk_survey_dist_free(dk_survey_dist *d)
{
    free(d->e);
    d->e = NULL;
    d->K = 0;
    d->nK = 0;
}

void dk_survey_dist_set(dk_survey_dist *d, const double *w, const unsigned *code,
                        size_t k)
{
    gsl_ran_discrete_t *g = gsl_ran_discrete_preproc(k, w);
    dk_survey_dist_free(d);
    d->e = malloc(k * sizeof *d->e);
    d->K = (double)k;
    d->nK = k;
    for (size_t c = 0; c < k; c++) {
        /* GSL returns entry c itself when F[c] == 1, whatever A[c] says */
        d->e[c] = (dk_alias_entry){ g->F[c], { code[c],
                                    g->F[c] == 1.0 ? code[c] : code[g->A[c]] } };
    }
    gsl_ran_discrete_free(g);
}

/* d over the codes of positive weight (a count's far tail can underflow
 * to 0; a degenerate distribution keeps one entry). */
static void dist_positive(dk_survey_dist *d, const double *w, const unsigned *code,
                          int k)
{
    double *pw = malloc((size_t)k * sizeof *pw);
    unsigned *pc = malloc((size_t)k * sizeof *pc);
    int n = 0;
    for (int i = 0; i < k; i++)
        if (w[i] > 0) {
            pw[n] = w[i];
            pc[n++] = code[i];
        }
    if (n == 0) {
        pw[0] = 1;
        pc[n++] = code[0];
    }
    dk_survey_dist_set(d, pw, pc, (size_t)n);
    free(pw);
    free(pc);
}

double dk_survey_betabinom_pdf(unsigned k, unsigned n, double share, double icc)
{
    if (k > n)
        return 0;
    if (n == 0 || share <= 0)
        return k == 0;
    if (share >= 1)
        return k == n;
    /* a class's share is Beta(share c, (1 - share) c), c = 1/icc - 1 */
    double c = (1 - icc) / icc, a = share * c, b = (1 - share) * c;
    return exp(gsl_sf_lnchoose(n, k) + gsl_sf_lnbeta(k + a, n - k + b)
               - gsl_sf_lnbeta(a, b));
}

/* A count out of n that is given (at most n) or beta-binomial. */
static void count_dist(dk_survey_dist *d, int n, int given, double share, double icc)
{
    double w[DK_MAX_CLASS_SIZE + 1];
    unsigned code[DK_MAX_CLASS_SIZE + 1];
    for (int k = 0; k <= n; k++) {
        w[k] = given >= 0 ? k == (given < n ? given : n)
             : dk_survey_betabinom_pdf((unsigned)k, (unsigned)n, share, icc);
        code[k] = (unsigned)k;
    }
    dist_positive(d, w, code, n + 1);
}

/* mbo (no Table 7.2 row): a normal size, rounded, kept within lo..hi. */
static void mbo_sizes(double *w, int lo, int hi, double mean, double sd)
{
    for (int n = lo; n <= hi; n++) {
        double below = n == lo ? 0 : gsl_cdf_gaussian_P(n - 0.5 - mean, sd);
        double upto = n == hi ? 1 : gsl_cdf_gaussian_P(n + 0.5 - mean, sd);
        w[n - lo] = upto > below ? upto - below : 0;
    }
}

/* Table 7.2's bins, uniform within each bin; the open bins end at the
 * assumed edges lo and hi (1 <= lo <= 20, 28 <= hi: dk_model_check). */
static void binned_sizes(double *w, int lo, int hi, const double b[3])
{
    for (int n = lo; n <= hi; n++)
        w[n - lo] = n < 21 ? b[0] / (21 - lo) : n < 28 ? b[1] / 7 : b[2] / (hi - 27);
}

/* P(class size) for sizes size_lo..size_hi into w. */
static void size_pmf(const dk_survey_tables *t, const dk_model *m, const double *th,
                     double *w)
{
    const dk_pop_spec *p = &t->spec;
    int lo = t->size_lo, hi = t->size_hi;
    double sd = th[m->mbo_size_sd], mean = th[m->sect[DK_MBO][DK_G_SURVEY_SIZE]];
    int row = p->sector == DK_PO ? 0 : p->level == DK_LEVEL_VMBO ? 2
            : p->level == DK_LEVEL_HAVO_VWO ? 3 : 1;
    if (p->size >= 0) {
        w[0] = 1;
    } else if (p->sector == DK_MBO && sd <= 0) {
        long n = lround(mean);
        for (int k = lo; k <= hi; k++)
            w[k - lo] = k == (n < lo ? lo : n > hi ? hi : n);
    } else if (p->sector == DK_MBO) {
        mbo_sizes(w, lo, hi, mean, sd);
    } else {
        binned_sizes(w, lo, hi, size_bins[row]);
    }
}

/* P(support forms | Table 3.15 size bin): each form present independently
 * with its share; mask k has form f when bit f - 1 is set. */
static double support_pmf(const dk_pop_spec *p, int bin, int k)
{
    if (!p->as_now)
        return k == (int)(p->support >> 1);
    double w = 1;
    for (int f = 1; f < DK_NSUPPORT; f++) {
        double a = avail[f][bin][p->sector];
        w *= k & (1 << (f - 1)) ? a : 1 - a;
    }
    return w;
}

/* The joint table of class size and support forms. */
static void prepare_size_support(dk_survey_tables *t, const dk_model *m, const double *th)
{
    int nsize = t->size_hi - t->size_lo + 1, k = nsize * DK_NSUPPORT_MASK;
    double ws[DK_MAX_CLASS_SIZE + 1];
    double *w = malloc((size_t)k * sizeof *w);
    unsigned *code = malloc((size_t)k * sizeof *code);
    size_pmf(t, m, th, ws);
    for (int i = 0; i < nsize; i++)
        for (int s = 0; s < DK_NSUPPORT_MASK; s++) {
            int n = t->size_lo + i;
            w[i * DK_NSUPPORT_MASK + s] = ws[i] * support_pmf(&t->spec, size_bin(n), s);
            code[i * DK_NSUPPORT_MASK + s] = (unsigned)n << 8 | (unsigned)s;
        }
    dist_positive(&t->size_support, w, code, k);
    free(w);
    free(code);
}

/* The parameters that hold Table 3.2's means (seed 001 L741-793): the
 * sector's row, or in vo the level's row when a level is given. */
static void mean_params(const dk_model *m, dk_sector s, dk_level l, int idx[3])
{
    const int *g = m->sect[s];
    int by_level = s == DK_VO && l != DK_LEVEL_ALL;
    idx[0] = by_level ? m->level_size[l] : g[DK_G_SURVEY_SIZE];
    idx[1] = by_level ? m->level_ob[l] : g[DK_G_SURVEY_OB];
    idx[2] = by_level ? m->level_heavy[l] : g[DK_G_SURVEY_HEAVY];
}

dk_survey_means dk_survey_means_at(const dk_model *m, const double *th,
                                   dk_sector s, dk_level l)
{
    int k[3];
    mean_params(m, s, l, k);
    return (dk_survey_means){ th[k[0]], th[k[1]], th[k[2]] };
}

dk_survey_means dk_survey_class_defaults(const dk_model *m, dk_sector s, dk_level l)
{
    int k[3];
    mean_params(m, s, l, k);
    return (dk_survey_means){ round(m->p[k[0]].value), round(m->p[k[1]].value),
                              round(m->p[k[2]].value) };
}

void dk_survey_prepare(dk_survey_tables *t, const dk_model *m, const double *th,
                       const dk_pop_spec *p)
{
    dk_survey_means mean = dk_survey_means_at(m, th, p->sector, p->level);
    dk_survey_tables_free(t);
    t->spec = *p;
    t->ob_share = mean.ob / mean.size;
    t->hv_share = mean.heavy / mean.ob;
    t->ob_icc = th[m->pop_ob_icc];
    t->hv_icc = th[m->pop_heavy_icc];
    t->size_lo = p->size >= 0 ? p->size : (int)lround(th[m->pop_size_lo]);
    t->size_hi = p->size >= 0 ? p->size : (int)lround(th[m->pop_size_hi]);
    prepare_size_support(t, m, th);
}

void dk_survey_tables_free(dk_survey_tables *t)
{
    dk_survey_dist_free(&t->size_support);
    for (int n = 0; n <= DK_MAX_CLASS_SIZE; n++) {
        dk_survey_dist_free(&t->ob[n]);
        dk_survey_dist_free(&t->heavy[n]);
    }
}

void dk_survey_build_counts(dk_survey_tables *t, int heavy, int n)
{
    const dk_pop_spec *p = &t->spec;
    if (heavy)
        count_dist(&t->heavy[n], n, p->heavy, t->hv_share, t->hv_icc);
    else
        count_dist(&t->ob[n], n, p->ob, t->ob_share, t->ob_icc);
}
