/*
 * survey.c -- population classes drawn from the survey tables.
 *
 * The published tables below are read-only data with their seed lines;
 * the assumptions that fill their gaps (open bin edges, dispersion of the
 * counts, mbo size spread) are model parameters, so they carry ranges and
 * can be overridden by name like any other.
 */
#include <math.h>
#include <gsl/gsl_randist.h>

#include "draagkracht/survey.h"

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

double dk_survey_availability(dk_sector s, int form, double size)
{
    int bin = size < 18 ? 0 : size <= 24 ? 1 : 2;
    return form > 0 && form < DK_NSUPPORT ? avail[form][bin][s] : 0;
}

static int draw_size(const dk_model *m, const double *th, const dk_pop_spec *p,
                     gsl_rng *r)
{
    int lo = (int)lround(th[m->pop_size_lo]), hi = (int)lround(th[m->pop_size_hi]);
    if (p->sector == DK_MBO) {
        double x = th[m->sect[DK_MBO][DK_G_SURVEY_SIZE]]
                 + gsl_ran_gaussian(r, th[m->mbo_size_sd]);
        int n = (int)lround(x);
        return n < lo ? lo : n > hi ? hi : n;
    }
    int row = p->sector == DK_PO ? 0 : p->level == DK_LEVEL_VMBO ? 2
            : p->level == DK_LEVEL_HAVO_VWO ? 3 : 1;
    const double *b = size_bins[row];
    double u = gsl_rng_uniform(r) * (b[0] + b[1] + b[2]);
    /* uniform within the bin; the open bins end at the assumed edges */
    if (u < b[0])
        return lo + (int)gsl_rng_uniform_int(r, (unsigned long)(21 - lo));
    if (u < b[0] + b[1])
        return 21 + (int)gsl_rng_uniform_int(r, 7);
    return 28 + (int)gsl_rng_uniform_int(r, (unsigned long)(hi - 27));
}

/* Beta-binomial: a class-level share with intra-class correlation icc. */
static int draw_count(gsl_rng *r, unsigned n, double mean_share, double icc)
{
    if (n == 0 || mean_share <= 0)
        return 0;
    if (mean_share >= 1)
        return (int)n;
    double k = (1 - icc) / icc;
    double p = gsl_ran_beta(r, mean_share * k, (1 - mean_share) * k);
    return (int)gsl_ran_binomial(r, p, n);
}

void dk_survey_draw(const dk_model *m, const double *th, const dk_pop_spec *p,
                    gsl_rng *r, dk_class *c)
{
    const int *g = m->sect[p->sector];
    double msize = th[g[DK_G_SURVEY_SIZE]], mob = th[g[DK_G_SURVEY_OB]];
    double mhv = th[g[DK_G_SURVEY_HEAVY]];
    if (p->sector == DK_VO && p->level != DK_LEVEL_ALL) {
        msize = th[m->level_size[p->level]];
        mob = th[m->level_ob[p->level]];
        mhv = th[m->level_heavy[p->level]];
    }
    int size = p->size >= 0 ? p->size : draw_size(m, th, p, r);
    int ob = p->ob >= 0 ? (p->ob < size ? p->ob : size)
           : draw_count(r, (unsigned)size, mob / msize, th[m->pop_ob_icc]);
    int hv = p->heavy >= 0 ? (p->heavy < ob ? p->heavy : ob)
           : draw_count(r, (unsigned)ob, mhv / mob, th[m->pop_heavy_icc]);
    c->sector = p->sector;
    c->level = p->level;
    c->exp = p->exp;
    c->class_size = size;
    c->ob = ob;
    c->heavy = hv;
    c->support = p->support;
    if (p->as_now) {
        c->support = 0;
        for (int f = 1; f < DK_NSUPPORT; f++)
            if (gsl_rng_uniform(r) < dk_survey_availability(p->sector, f, size))
                c->support |= 1u << f;
    }
}
