/*
 * compose.c -- a population's classes by composition (compose.h): cell
 * counts by nested multinomials, each cell's answers by a multinomial per
 * outcome.  A multinomial is drawn as GSL's gsl_ran_multinomial draws it
 * -- conditional binomials, code i getting Binomial(rest, p[i] / (p[i] +
 * ... + p[K-1])) -- but stops when nothing is left, which at a few
 * classes per cell is most of the time.
 */
/* gsl_rng_get inline (GSL's documented switch), as in simulate.c */
#define HAVE_INLINE 1
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/run/compose.h"
#include "draagkracht/run/predict.h"

/* Binomial(n, p), without a draw where the answer is sure. */
static unsigned binom(gsl_rng *r, double p, unsigned n)
{
    if (n == 0 || !(p > 0))
        return 0;
    if (p >= 1)
        return n;
    return gsl_ran_binomial(r, p, n);
}

/* The count of code i of d out of the rest still to place. */
static unsigned split(const dk_survey_dist *d, unsigned long i, unsigned rest, gsl_rng *r)
{
    if (i + 1 == d->nK)
        return rest;
    return binom(r, d->tail[i] > 0 ? d->p[i] / d->tail[i] : 1, rest);
}

/* P(Z < x) for a limit that may be infinite (sd 0): glibc's erfc, to
 * an ulp or two, in a third of the time of gsl_cdf_ugaussian_P (half of
 * a cell's time went to those). */
static double below(double x)
{
    return x == HUGE_VAL ? 1 : x == -HUGE_VAL ? 0 : 0.5 * erfc(-x * 0.70710678118654752440);
}

/* Outcomes whose expected rating the support forms change are rated per
 * cell; the others (in the default model: every demand, whose vignettes
 * did not vary the support) per cell merged over the support forms --
 * binomials of one probability add up to one, so that is exact too, and
 * a sixteenth of the cells. */
typedef struct {
    const dk_mean_terms *t;
    const dk_answer_cells *q;
    double inv_sd;
    const dk_answer_mean *am;   /* latent mean -> expected answer on 1..5 */
    gsl_rng *r, *rd;
    dk_pop_tally *s;
    int lo, hi;             /* class sizes */
    unsigned *merged;       /* counts by (size - lo, need count, heavy count) */
    int by_form[DK_NOUTCOME], nby, rest[DK_NOUTCOME], nrest;
} composer;

/* Up to this many teachers a cell's answers are drawn one by one, the way
 * the per-class path draws them (dk_answer: 16 bits of a uniform, no
 * normal CDF): cheaper than two CDFs and two binomials, and most cells
 * are small. */
enum { ONE_BY_ONE = 48 };

/* n teachers' answers to outcome o in a cell of expected rating mu: over
 * <= 2, the middle and >= 4 (and within those, 1 and 5: detail). */
static void rate_outcome(const composer *c, int o, double mu, unsigned n)
{
    double lim_le2, lim_ge4, p_le2 = -1, c_ge4 = -1;
    dk_answer_limits(mu, c->inv_sd, &lim_le2, &lim_ge4);
    unsigned le2 = 0, ge4 = 0;
    if (n <= ONE_BY_ONE) {
        unsigned x[ONE_BY_ONE];
        dk_u16_fill(c->r, x, (int)n);
        for (unsigned i = 0; i < n; i++) {
            unsigned a = dk_answer(c->q, lim_le2, lim_ge4, x[i], c->r);
            le2 += a & DK_ANSWER_LE2;
            ge4 += (a & DK_ANSWER_GE4) != 0;
        }
    } else {
        /* P(>= 4 | not <= 2) = (1 - c_ge4) / (1 - p_le2) */
        p_le2 = below(lim_le2);
        c_ge4 = below(lim_ge4);
        le2 = binom(c->r, p_le2, n);
        ge4 = binom(c->r, p_le2 < 1 ? (1 - c_ge4) / (1 - p_le2) : 1, n - le2);
    }
    dk_pop_tally *s = c->s;
    double ea = dk_answer_mean_at(c->am, mu);  /* the mean on the 1..5 scale */
    s->mu[o] += (double)n * ea;
    s->le2[o] += le2;
    s->ge4[o] += ge4;
    if (c->rd) {
        double lim_le1, lim_ge5;
        if (p_le2 < 0) {
            p_le2 = below(lim_le2);
            c_ge4 = below(lim_ge4);
        }
        dk_answer_limits15(mu, c->inv_sd, &lim_le1, &lim_ge5);
        s->le1[o] += binom(c->rd, p_le2 > 0 ? below(lim_le1) / p_le2 : 0, le2);
        s->ge5[o] += binom(c->rd, c_ge4 < 1 ? (1 - below(lim_ge5)) / (1 - c_ge4) : 0, ge4);
        if (o < DK_NASPECT)
            s->bins[o][dk_sim_bin(ea)] += n;
    }
}

/* The expected rating of outcome o in a cell: the sum in simulate.c's
 * order, so the same number. */
static double cell_mean(const dk_mean_terms *t, int size, unsigned mask, int ob, int heavy,
                        int o)
{
    return t->size[size][o] + t->ob[ob][o] + t->heavy[heavy][o] + t->support[mask][o]
         + t->cs[size] * t->hv[heavy] * t->inter[o];
}

static unsigned *merged_at(const composer *c, int size, int ob, int heavy)
{
    size_t w = (size_t)c->hi + 1;
    return &c->merged[((size_t)(size - c->lo) * w + (size_t)ob) * w + (size_t)heavy];
}

/* n classes of one cell: the outcomes the forms change now, the others
 * once the cells are merged over the forms. */
static void rate_cell(const composer *c, int size, unsigned mask, int ob, int heavy,
                      unsigned n)
{
    for (int i = 0; i < c->nby; i++)
        rate_outcome(c, c->by_form[i], cell_mean(c->t, size, mask, ob, heavy, c->by_form[i]), n);
    *merged_at(c, size, ob, heavy) += n;
}

static void rate_merged(const composer *c)
{
    for (int size = c->lo; size <= c->hi; size++)
        for (int ob = 0; ob <= size; ob++)
            for (int heavy = 0; heavy <= ob; heavy++) {
                unsigned n = *merged_at(c, size, ob, heavy);
                for (int i = 0; n && i < c->nrest; i++)
                    rate_outcome(c, c->rest[i],
                                 cell_mean(c->t, size, 0, ob, heavy, c->rest[i]), n);
            }
}

/* Which outcomes the support forms change (any row differs from none's). */
static void sort_outcomes(composer *c)
{
    c->nby = c->nrest = 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        int same = 1;
        for (int m = 1; m < DK_NSUPPORT_MASK; m++)
            same &= c->t->support[m][o] == c->t->support[0][o];
        if (same)
            c->rest[c->nrest++] = o;
        else
            c->by_form[c->nby++] = o;
    }
}

/* Up to this many classes a count table's split is drawn class by class
 * from its alias table (as the per-class path draws them), else as
 * conditional binomials. */
enum { CLASS_BY_CLASS = 64 };

/* n draws of a count (0..DK_MAX_CLASS_SIZE) from d: how many gave each
 * count, into cnt (zeroed first). */
static void count_split(const dk_survey_dist *d, unsigned n, gsl_rng *r, unsigned *cnt)
{
    memset(cnt, 0, (DK_MAX_CLASS_SIZE + 1) * sizeof *cnt);
    if (n <= CLASS_BY_CLASS) {
        unsigned x[CLASS_BY_CLASS];
        dk_u16_fill(r, x, (int)n);
        for (unsigned i = 0; i < n; i++)
            cnt[dk_alias_u16(d, x[i], r)]++;
        return;
    }
    for (unsigned long i = 0; i < d->nK && n > 0; i++) {
        unsigned k = split(d, i, n, r);
        cnt[d->code[i]] = k;
        n -= k;
    }
}

/* The n classes of size `size` with support mask `mask`: their need
 * counts, then per need count their heavy counts, then the cells. */
static int compose_size(const composer *c, dk_survey_tables *st, int size, unsigned mask,
                        unsigned n)
{
    unsigned obs[DK_MAX_CLASS_SIZE + 1], hvs[DK_MAX_CLASS_SIZE + 1];
    if (!st->ob[size].e && dk_survey_build_counts(st, 0, size) != 0)
        return -1;
    count_split(&st->ob[size], n, c->r, obs);
    for (int ob = 0; ob <= size; ob++) {
        if (obs[ob] == 0)
            continue;
        if (!st->heavy[ob].e && dk_survey_build_counts(st, 1, ob) != 0)
            return -1;
        count_split(&st->heavy[ob], obs[ob], c->r, hvs);
        for (int h = 0; h <= ob; h++)
            if (hvs[h])
                rate_cell(c, size, mask, ob, h, hvs[h]);
    }
    return 0;
}

int dk_compose_population(const dk_mean_terms *t, const dk_answer_cells *q,
                          dk_survey_tables *st, double inv_sd, const dk_answer_mean *am,
                          long n, gsl_rng *r, gsl_rng *rd, dk_pop_tally *s)
{
    composer c = { t, q, inv_sd, am, r, rd, s, st->size_lo, st->size_hi, NULL, { 0 }, 0, { 0 }, 0 };
    size_t w = (size_t)c.hi + 1;
    c.merged = dk_calloc((size_t)(c.hi - c.lo + 1) * w * w, sizeof *c.merged);
    if (!c.merged)
        return -1;
    sort_outcomes(&c);
    const dk_survey_dist *ss = &st->size_support;
    /* scenario.c allows at most 10^8 classes a population: an unsigned */
    unsigned rest = (unsigned)n;
    int rc = 0;
    for (unsigned long i = 0; rc == 0 && i < ss->nK && rest > 0; i++) {
        unsigned k = split(ss, i, rest, r);
        rest -= k;
        if (k)
            rc = compose_size(&c, st, (int)(ss->code[i] >> 8), ss->code[i] & 0xff, k);
    }
    if (rc == 0)
        rate_merged(&c);
    dk_free(c.merged);
    return rc;
}
