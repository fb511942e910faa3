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

#include "draagkracht/base/alloc.h"
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
    dk_free(d->e);
    dk_free(d->p);
    dk_free(d->tail);
    dk_free(d->code);
    d->e = NULL;
    d->p = d->tail = NULL;
    d->code = NULL;
    d->K = 0;
    d->nK = 0;
}

/*
 * Walker's table as gsl_ran_discrete_preproc makes it: the same steps in
 * the same order, so the same table to the bit (the tests compare them
 * entry by entry).  Not GSL's own, because that one uses its mallocs
 * unchecked and crashes when memory runs out.  Weights are scaled to
 * shares E; entries below the mean share ("smalls") and the others
 * ("bigs") go on two stacks, pushed in index order; each small, popped,
 * is topped up to the mean from the big on top, which goes back as small
 * or big by what is left of it.  Both stacks share one array: smalls
 * from its start, bigs from its end.
 */
int dk_survey_dist_set(dk_survey_dist *d, const double *w, const unsigned *code,
                       size_t k)
{
    dk_survey_dist_free(d);
    dk_alias_entry *e = dk_malloc(k * sizeof *e);
    double *E = dk_malloc(k * sizeof *E);
    size_t *stack = dk_malloc(k * sizeof *stack), ns = 0, nb = 0;
    d->p = dk_malloc(k * sizeof *d->p);
    d->tail = dk_malloc(k * sizeof *d->tail);
    d->code = dk_malloc(k * sizeof *d->code);
    if (!e || !E || !stack || !d->p || !d->tail || !d->code) {
        dk_free(e);
        dk_free(E);
        dk_free(stack);
        dk_survey_dist_free(d);
        return -1;
    }
    double total = 0, mean = 1.0 / (double)k;
    for (size_t c = 0; c < k; c++)
        total += w[c];
    for (size_t c = k; c-- > 0;) {
        d->p[c] = w[c] / total;
        d->tail[c] = d->p[c] + (c + 1 < k ? d->tail[c + 1] : 0);
        d->code[c] = code[c];
    }
    for (size_t c = 0; c < k; c++) {
        E[c] = w[c] / total;
        e[c] = (dk_alias_entry){ 1.0, { code[c], code[c] } };
        if (E[c] < mean)
            stack[ns++] = c;
        else
            stack[k - ++nb] = c;
    }
    while (ns > 0) {
        size_t s = stack[--ns];
        if (nb == 0)
            continue;           /* e[s] stays its own: F 1 */
        size_t b = stack[k - nb--];
        e[s].F = (double)k * E[s];
        e[s].code[1] = code[b];
        double move = mean - E[s];
        E[s] += move;
        E[b] -= move;
        if (E[b] < mean)
            stack[ns++] = b;
        else if (E[b] > mean)
            stack[k - ++nb] = b;
    }
    /* bigs left, and a big brought to the mean exactly, keep F 1; then
     * F becomes (c + F) / K, the form dk_alias_at compares U with, and an
     * entry whose F is then 1 is its own whatever its alias (as GSL's
     * gsl_ran_discrete has it) */
    for (size_t c = 0; c < k; c++) {
        e[c].F += (double)c;
        e[c].F /= (double)k;
        if (e[c].F == 1.0)
            e[c].code[1] = code[c];
    }
    dk_free(E);
    dk_free(stack);
    d->e = e;
    d->K = (double)k;
    d->nK = k;
    return 0;
}

/* d over the codes of positive weight (a count's far tail can underflow
 * to 0; a degenerate distribution keeps one entry). */
static int dist_positive(dk_survey_dist *d, const double *w, const unsigned *code,
                         int k)
{
    double *pw = dk_malloc((size_t)k * sizeof *pw);
    unsigned *pc = dk_malloc((size_t)k * sizeof *pc);
    int n = 0, rc = -1;
    if (!pw || !pc)
        goto done;
    for (int i = 0; i < k; i++)
        if (w[i] > 0) {
            pw[n] = w[i];
            pc[n++] = code[i];
        }
    if (n == 0) {
        pw[0] = 1;
        pc[n++] = code[0];
    }
    rc = dk_survey_dist_set(d, pw, pc, (size_t)n);
done:
    dk_free(pw);
    dk_free(pc);
    return rc;
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
static int count_dist(dk_survey_dist *d, int n, int given, double share, double icc)
{
    double w[DK_MAX_CLASS_SIZE + 1];
    unsigned code[DK_MAX_CLASS_SIZE + 1];
    for (int k = 0; k <= n; k++) {
        w[k] = given >= 0 ? k == (given < n ? given : n)
             : dk_survey_betabinom_pdf((unsigned)k, (unsigned)n, share, icc);
        code[k] = (unsigned)k;
    }
    return dist_positive(d, w, code, n + 1);
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
static int prepare_size_support(dk_survey_tables *t, const dk_model *m, const double *th)
{
    int nsize = t->size_hi - t->size_lo + 1, k = nsize * DK_NSUPPORT_MASK, rc = -1;
    double ws[DK_MAX_CLASS_SIZE + 1];
    double *w = dk_malloc((size_t)k * sizeof *w);
    unsigned *code = dk_malloc((size_t)k * sizeof *code);
    if (!w || !code)
        goto done;
    size_pmf(t, m, th, ws);
    for (int i = 0; i < nsize; i++)
        for (int s = 0; s < DK_NSUPPORT_MASK; s++) {
            int n = t->size_lo + i;
            w[i * DK_NSUPPORT_MASK + s] = ws[i] * support_pmf(&t->spec, size_bin(n), s);
            code[i * DK_NSUPPORT_MASK + s] = (unsigned)n << 8 | (unsigned)s;
        }
    rc = dist_positive(&t->size_support, w, code, k);
done:
    dk_free(w);
    dk_free(code);
    return rc;
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

int dk_survey_prepare(dk_survey_tables *t, const dk_model *m, const double *th,
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
    if (prepare_size_support(t, m, th) != 0) {
        t->oom = 1;
        return -1;
    }
    return 0;
}

void dk_survey_tables_free(dk_survey_tables *t)
{
    dk_survey_dist_free(&t->size_support);
    for (int n = 0; n <= DK_MAX_CLASS_SIZE; n++) {
        dk_survey_dist_free(&t->ob[n]);
        dk_survey_dist_free(&t->heavy[n]);
    }
    t->oom = 0;
}

int dk_survey_build_counts(dk_survey_tables *t, int heavy, int n)
{
    const dk_pop_spec *p = &t->spec;
    int rc = heavy ? count_dist(&t->heavy[n], n, p->heavy, t->hv_share, t->hv_icc)
                   : count_dist(&t->ob[n], n, p->ob, t->ob_share, t->ob_icc);
    if (rc != 0)
        t->oom = 1;
    return rc;
}
