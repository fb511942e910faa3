/*
 * design.c -- the vignette set, a balanced allocation, simulated answers.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "draagkracht/fit/design.h"

int dk_vignettes(dk_sector s, int forms, dk_vignette out[DK_NVIGNETTE])
{
    const int *ob = dk_ob_levels(s), *hv = dk_heavy_levels(s);
    int n = 0, num = 0;
    if (forms & 1)
        for (int i = 0; i < DK_NLEVELS; i++)
            for (int j = 1; j < DK_NLEVELS; j++)
                for (int f = 0; f < DK_NSUPPORT; f++)
                    out[n++] = (dk_vignette){ 1, ++num, ob[i], hv[j], (dk_support)f };
    num = 0;
    if (forms & 2)
        for (int i = 0; i < DK_NLEVELS; i++)
            for (int j = 1; j < DK_NLEVELS; j++)
                out[n++] = (dk_vignette){ 2, ++num, ob[i], hv[j], DK_SUP_NONE };
    return n;
}

dk_vignette dk_base_vignette(dk_sector s)
{
    return (dk_vignette){ 0, 0, dk_ob_levels(s)[0], dk_heavy_levels(s)[0], DK_SUP_NONE };
}

/* Reorders deck so its first `need` cards avoid tail[0..t). */
static void avoid_overlap(int *deck, int nv, int need, const int *tail, int t, gsl_rng *r)
{
    for (int j = 0; j < need; j++) {
        int clash = 0;
        for (int i = 0; i < t; i++)
            clash |= deck[j] == tail[i];
        while (clash) {
            int m = need + (int)gsl_rng_uniform_int(r, (unsigned long)(nv - need));
            clash = 0;
            for (int i = 0; i < t; i++)
                clash |= deck[m] == tail[i];
            if (!clash) {
                int tmp = deck[j];
                deck[j] = deck[m];
                deck[m] = tmp;
            }
        }
    }
}

void dk_dealer_init(dk_dealer *d, int nv, int k)
{
    d->nv = nv;
    d->k = k;
    d->next = nv;           /* no deck yet */
}

/* A respondent's places span two decks when a deck runs out after t of
 * them: the new deck's first k - t cards are made to avoid those t. */
void dk_dealer_next(dk_dealer *d, gsl_rng *r, int *out)
{
    for (int j = 0; j < d->k; j++) {
        if (d->next == d->nv) {
            for (int i = 0; i < d->nv; i++)
                d->deck[i] = i;
            gsl_ran_shuffle(r, d->deck, (size_t)d->nv, sizeof d->deck[0]);
            if (j > 0)
                avoid_overlap(d->deck, d->nv, d->k - j, out, j, r);
            d->next = 0;
        }
        out[j] = d->deck[d->next++];
    }
}

void dk_design_allocate(int nv, long n, int k, gsl_rng *r, int *alloc)
{
    dk_dealer d;
    dk_dealer_init(&d, nv, k);
    for (long i = 0; i < n; i++)
        dk_dealer_next(&d, r, alloc + i * k);
}

void dk_design_rate(const dk_model *m, const double *theta, dk_sector s,
                    const dk_vignette *v, const double u[DK_NOUTCOME], int round,
                    gsl_rng *r, double y[DK_NOUTCOME])
{
    dk_class c = { s, -1, v->ob, v->heavy,
                   v->support == DK_SUP_NONE ? 0u : 1u << v->support,
                   DK_EXP_ALL, DK_LEVEL_ALL };
    double sd = dk_sector_value(m, theta, s, DK_G_SD_RESID);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        int asked = v->form == 0 || (v->form == 1) == !DK_IS_NEED(o);
        if (!asked) {
            y[o] = NAN;
            continue;
        }
        y[o] = dk_model_mean(m, theta, &c, o) + u[o] + gsl_ran_gaussian_ziggurat(r, sd);
        if (round)
            y[o] = fmin(5, fmax(1, nearbyint(y[o])));
    }
}
