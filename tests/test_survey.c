/*
 * test_survey.c -- population draws and teachers' answers: the tables and
 * the inversion the engine uses give the distributions the model names.
 *
 * Frequency tests use fixed seeds, so they are deterministic; their
 * tolerances are about 5 standard errors, so a wrong distribution (a
 * swapped parameter, a missing term) fails them by far.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "t.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/model/survey.h"

enum { DRAWS = 200000 };

/* Pearson's statistic of counts against probabilities p (cells with an
 * expected count below 5 pooled into one), and its degrees of freedom. */
static double chi2(const long *count, const double *p, int k, long n, int *df)
{
    double x = 0, pool_o = 0, pool_e = 0;
    int cells = 0;
    for (int i = 0; i < k; i++) {
        double e = p[i] * (double)n;
        if (e < 5) {
            pool_o += (double)count[i];
            pool_e += e;
            continue;
        }
        x += ((double)count[i] - e) * ((double)count[i] - e) / e;
        cells++;
    }
    if (pool_e > 0) {
        x += (pool_o - pool_e) * (pool_o - pool_e) / pool_e;
        cells++;
    }
    *df = cells - 1;
    return x;
}

/* A chi-square statistic far beyond chance (p < 1e-6) for its df. */
static int chi2_bad(double x, int df)
{
    return df < 1 || gsl_cdf_chisq_Q(x, df) < 1e-6;
}

static void betabinom(t_ctx *t)
{
    static const struct { unsigned n; double share, icc; } cases[] = {
        { 25, 0.32, 0.15 }, { 8, 0.5, 0.05 }, { 40, 0.1, 0.3 }, { 1, 0.7, 0.2 },
    };
    int bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        unsigned n = cases[c].n;
        double s = cases[c].share, icc = cases[c].icc, sum = 0, mean = 0, var = 0;
        for (unsigned k = 0; k <= n; k++) {
            double p = dk_survey_betabinom_pdf(k, n, s, icc);
            sum += p;
            mean += k * p;
            var += k * k * p;
        }
        var -= mean * mean;
        double want = n * s * (1 - s) * (1 + (n - 1) * icc);
        bad += fabs(sum - 1) > 1e-12 || fabs(mean - n * s) > 1e-9 || fabs(var - want) > 1e-9;
    }
    t_ok(t, bad == 0, "survey: beta-binomial pmf sums to 1 with mean n p and "
         "variance n p (1 - p) (1 + (n - 1) icc)", "%d cases off", bad);
    /* the pmf is what a beta share then a binomial count give (the direct
     * two-step draw the tables replace) */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    unsigned n = 25;
    double s = 0.32, icc = 0.15, k = (1 - icc) / icc, p[26];
    long count[26] = { 0 };
    for (long i = 0; i < DRAWS; i++)
        count[gsl_ran_binomial(r, gsl_ran_beta(r, s * k, (1 - s) * k), n)]++;
    for (unsigned j = 0; j <= n; j++)
        p[j] = dk_survey_betabinom_pdf(j, n, s, icc);
    int df;
    double x = chi2(count, p, 26, DRAWS, &df);
    t_ok(t, !chi2_bad(x, df), "survey: beta-binomial pmf matches gsl_ran_beta + "
         "gsl_ran_binomial draws", "chi2 %.1f on %d df", x, df);
    gsl_rng_free(r);
}

/* Weights of a skewed distribution over k codes, for the alias tests. */
static void skewed(double *w, unsigned *code, int k)
{
    for (int i = 0; i < k; i++) {
        w[i] = i % 7 == 3 ? 0 : exp(-0.3 * i) + 0.01 * (i % 5);
        code[i] = 1000u + (unsigned)i;
    }
}

/* dk_survey_dist_set builds gsl_ran_discrete_preproc's table itself (GSL's
 * crashes out of memory): entry by entry the same, to the bit, for
 * weights of every kind: skewed, uniform, ties at the mean, zeros, one
 * entry, random. */
static void alias_table(t_ctx *t)
{
    enum { MAXK = 300 };
    static double w[MAXK];
    static unsigned code[MAXK];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    long cases = 0, differ = 0;
    char first[200] = "";
    for (int trial = 0; trial < 400; trial++) {
        int k = trial < 4 ? (int[]){ 1, 2, 37, MAXK }[trial] : 1 + (int)gsl_rng_uniform_int(r, MAXK);
        for (int i = 0; i < k; i++) {
            code[i] = 7u * (unsigned)i + 3u;
            switch (trial % 4) {
            case 0: w[i] = exp(-0.3 * i) + 0.01 * (i % 5); break;
            case 1: w[i] = 1; break;                              /* all at the mean */
            case 2: w[i] = (double)(i % 3);  break;               /* zeros and ties */
            default: w[i] = gsl_rng_uniform(r) * gsl_rng_uniform(r); break;
            }
        }
        if (trial % 4 == 2 && k < 3)
            w[0] = 1;
        dk_survey_dist d = { 0 };
        gsl_ran_discrete_t *g = gsl_ran_discrete_preproc((size_t)k, w);
        if (dk_survey_dist_set(&d, w, code, (size_t)k) != 0 || !g) {
            differ++;
            continue;
        }
        for (int c = 0; c < k; c++) {
            unsigned alias = g->F[c] == 1.0 ? code[c] : code[g->A[c]];
            int bad = d.e[c].F != g->F[c] || d.e[c].code[0] != code[c] ||
                      d.e[c].code[1] != alias;
            if (bad && differ++ == 0)
                snprintf(first, sizeof first, "k %d entry %d: F %.17g / %.17g, alias %u / %u",
                         k, c, d.e[c].F, g->F[c], d.e[c].code[1], alias);
            cases++;
        }
        gsl_ran_discrete_free(g);
        dk_survey_dist_free(&d);
    }
    gsl_rng_free(r);
    t_ok(t, differ == 0 && cases > 40000, "survey: the alias table is GSL's, entry by entry",
         "%ld of %ld entries differ; first %s", differ, cases, first);
}

static void alias(t_ctx *t)
{
    enum { K = 37 };
    double w[K];
    unsigned code[K];
    skewed(w, code, K);
    dk_survey_dist d = { 0 };
    dk_survey_dist_set(&d, w, code, K);
    gsl_ran_discrete_t *g = gsl_ran_discrete_preproc(K, w);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2), *r2 = gsl_rng_alloc(gsl_rng_taus2);
    long differ = 0;
    for (long i = 0; i < DRAWS; i++) {
        gsl_rng_memcpy(r2, r);
        size_t want = gsl_ran_discrete(r, g);
        differ += dk_alias_at(&d, gsl_rng_uniform(r2)) != code[want];
    }
    t_ok(t, differ == 0, "survey: dk_alias_at is gsl_ran_discrete's lookup",
         "%ld of %d draws differ", differ, DRAWS);
    /* 16 leading bits: when they settle the entry it is the entry of every
     * U they begin; otherwise U is refined with the generator's next value */
    long wrong = 0, refined = 0;
    for (long i = 0; i < DRAWS; i++) {
        unsigned x = (unsigned)(gsl_rng_get(r) >> 16);
        gsl_rng_memcpy(r2, r);
        unsigned got = dk_alias_u16(&d, x, r);
        unsigned long next = gsl_rng_get(r), used = gsl_rng_get(r2);
        if (next != used) {
            refined++;
            wrong += got != dk_alias_at(&d, (x + (used + 0.5) / 0x1p32) / 0x1p16);
        } else {
            wrong += got != dk_alias_at(&d, x / 0x1p16)
                  || got != dk_alias_at(&d, (x + 1) / 0x1p16 - 0x1p-48);
        }
    }
    t_ok(t, wrong == 0 && refined > 0 && refined < DRAWS / 100,
         "survey: 16-bit alias draws agree with full-precision uniforms",
         "%ld wrong, %ld refined", wrong, refined);
    gsl_ran_discrete_free(g);
    dk_survey_dist_free(&d);
    gsl_rng_free(r);
    gsl_rng_free(r2);
}

/* DRAWS classes of population p under the default model's values. */
static void draw_classes(const dk_model *m, const dk_pop_spec *p, dk_survey_class *c)
{
    double *th = malloc(m->n * sizeof *th);
    dk_model_values(m, th);
    dk_survey_tables *st = calloc(1, sizeof *st);
    dk_survey_prepare(st, m, th, p);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    for (long i = 0; i < DRAWS; i++) {
        unsigned x[DK_SURVEY_UNIFORMS];
        dk_u16_fill(r, x, DK_SURVEY_UNIFORMS);
        dk_survey_draw(st, x, r, &c[i]);
    }
    gsl_rng_free(r);
    dk_survey_tables_free(st);
    free(st);
    free(th);
}

static void po_population(t_ctx *t, const dk_model *m, dk_survey_class *c)
{
    dk_pop_spec p = { DK_PO, DK_LEVEL_ALL, DK_EXP_ALL, -1, -1, -1, 1, 0 };
    draw_classes(m, &p, c);
    /* Table 7.2 po: 0.15 / 0.56 / 0.28 of classes < 21, 21-27, > 27 */
    long bin[3] = { 0 }, ob_in_25 = 0, n25 = 0, assist_big = 0, big = 0;
    long ob_count[26] = { 0 };
    for (long i = 0; i < DRAWS; i++) {
        bin[c[i].size < 21 ? 0 : c[i].size < 28 ? 1 : 2]++;
        if (c[i].size == 25) {
            n25++;
            ob_count[c[i].ob]++;
            ob_in_25 += c[i].ob;
        }
        if (c[i].size > 24) {
            big++;
            assist_big += (c[i].support >> DK_SUP_ASSISTANT) & 1;
        }
    }
    double tot = 0.15 + 0.56 + 0.28, off = 0;
    for (int k = 0; k < 3; k++)
        off = fmax(off, fabs(bin[k] / (double)DRAWS - (double[]){ 0.15, 0.56, 0.28 }[k] / tot));
    t_ok(t, off < 0.006, "survey: po class sizes in Table 7.2's bins", "off by %.4f", off);
    double p25[26];
    for (int k = 0; k <= 25; k++)
        p25[k] = dk_survey_betabinom_pdf((unsigned)k, 25, 8.0 / 25, 0.15);
    int df;
    double x = chi2(ob_count, p25, 26, n25, &df);
    t_ok(t, n25 > 5000 && !chi2_bad(x, df), "survey: support-need counts in classes of 25 "
         "are beta-binomial(25, 8/25, icc 0.15)", "chi2 %.1f on %d df, %ld classes", x, df, n25);
    double a = dk_survey_availability(DK_PO, DK_SUP_ASSISTANT, 25);
    double got = assist_big / (double)big;
    t_ok(t, fabs(got - a) < 5 * sqrt(a * (1 - a) / (double)big),
         "survey: assistant as often as Table 3.15 says (po, > 24 pupils)",
         "%.4f, Table 3.15 %.2f", got, a);
}

static void other_populations(t_ctx *t, const dk_model *m, dk_survey_class *c)
{
    /* mbo: a normal size around the Table 3.2 mean, rounded and kept
     * within the size edges -- against that direct draw */
    dk_pop_spec p = { DK_MBO, DK_LEVEL_ALL, DK_EXP_ALL, -1, -1, -1, 1, 0 };
    draw_classes(m, &p, c);
    long tab[DK_MAX_CLASS_SIZE + 1] = { 0 }, direct[DK_MAX_CLASS_SIZE + 1] = { 0 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    double lo = m->p[m->pop_size_lo].value, hi = m->p[m->pop_size_hi].value;
    for (long i = 0; i < DRAWS; i++) {
        tab[c[i].size]++;
        double n = round(m->p[m->sect[DK_MBO][DK_G_SURVEY_SIZE]].value
                         + gsl_ran_gaussian(r, m->p[m->mbo_size_sd].value));
        direct[(int)(n < lo ? lo : n > hi ? hi : n)]++;
    }
    double x = 0;
    int df = -1;
    for (int n = 0; n <= DK_MAX_CLASS_SIZE; n++)
        if (tab[n] + direct[n] > 0) {
            x += (double)(tab[n] - direct[n]) * (double)(tab[n] - direct[n])
               / (double)(tab[n] + direct[n]);
            df++;
        }
    t_ok(t, !chi2_bad(x, df), "survey: mbo class sizes as a rounded normal draw within "
         "the size edges gives them", "chi2 %.1f on %d df", x, df);
    gsl_rng_free(r);
    /* given numbers and forms hold for every class; heavy never above ob */
    p = (dk_pop_spec){ DK_VO, DK_LEVEL_VMBO, DK_EXP_ALL, 24, -1, 2, 0,
                       1u << DK_SUP_FACILITY };
    draw_classes(m, &p, c);
    long bad = 0;
    for (long i = 0; i < DRAWS; i++)
        bad += c[i].size != 24 || c[i].heavy != (c[i].ob < 2 ? c[i].ob : 2)
            || c[i].support != 1u << DK_SUP_FACILITY || c[i].ob > 24;
    t_ok(t, bad == 0, "survey: given size, heavy count and support hold for every class",
         "%ld classes differ", bad);
}

/* Answers: the shares at <= 2 and >= 4 are those of a normal rating. */
static void answers(t_ctx *t)
{
    static const double cases[][2] = { { 2.3, 0.67 }, { 3.0, 0.5 }, { 3.9, 0.8 }, { 1.2, 0.3 } };
    dk_answer_cells *q = malloc(sizeof *q);
    dk_answer_cells_init(q);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    int bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double mu = cases[c][0], sd = cases[c][1], le2, ge4;
        long n2 = 0, n4 = 0;
        dk_answer_limits(mu, 1 / sd, &le2, &ge4);
        for (long i = 0; i < DRAWS; i++) {
            unsigned a = dk_answer(q, le2, ge4, (unsigned)(gsl_rng_get(r) >> 16), r);
            n2 += (a & DK_ANSWER_LE2) != 0;
            n4 += (a & DK_ANSWER_GE4) != 0;
        }
        double p2 = gsl_cdf_gaussian_P(2.5 - mu, sd), p4 = gsl_cdf_gaussian_Q(3.5 - mu, sd);
        bad += fabs(n2 / (double)DRAWS - p2) > 5 * sqrt(p2 * (1 - p2) / DRAWS) + 1e-9;
        bad += fabs(n4 / (double)DRAWS - p4) > 5 * sqrt(p4 * (1 - p4) / DRAWS) + 1e-9;
    }
    t_ok(t, bad == 0, "answer: shares at <= 2 and >= 4 are those of mu + N(0, sd)",
         "%d shares off", bad);
    /* a settled cell is settled for every U in it */
    gsl_rng *r2 = gsl_rng_alloc(gsl_rng_taus2);
    long wrong = 0;
    for (long i = 0; i < DRAWS; i++) {
        double le2 = gsl_ran_gaussian(r, 1.5), ge4 = le2 + gsl_rng_uniform(r) * 3;
        unsigned x = (unsigned)(gsl_rng_get(r) >> 16);
        gsl_rng_memcpy(r2, r);
        unsigned a = dk_answer(q, le2, ge4, x, r);
        unsigned long next = gsl_rng_get(r), used = gsl_rng_get(r2);
        if (next != used)
            wrong += a != dk_answer_exact((x + (used + 0.5) / 0x1p32) / 0x1p16, le2, ge4);
        else
            wrong += a != dk_answer_exact(x / 0x1p16, le2, ge4)
                  || a != dk_answer_exact((x + 1) / 0x1p16 - 0x1p-48, le2, ge4);
    }
    t_ok(t, wrong == 0, "answer: the quantile cell decides only what every U in it "
         "decides", "%ld wrong", wrong);
    gsl_rng_free(r2);
    double l2, l4;
    unsigned a[3];
    const double mus[3] = { 2.4999, 2.5, 3.5 };
    for (int i = 0; i < 3; i++) {
        dk_answer_limits(mus[i], 0, &l2, &l4);
        a[i] = dk_answer(q, l2, l4, (unsigned)(gsl_rng_get(r) >> 16), r);
    }
    t_ok(t, a[0] == DK_ANSWER_LE2 && a[1] == 0 && a[2] == DK_ANSWER_GE4,
         "answer: without spread every teacher answers mu's own category",
         "%u %u %u", a[0], a[1], a[2]);
    gsl_rng_free(r);
    free(q);
}

void test_survey(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "survey", &m) != 0)
        return;
    dk_survey_class *c = malloc(DRAWS * sizeof *c);
    betabinom(t);
    alias_table(t);
    alias(t);
    po_population(t, &m, c);
    other_populations(t, &m, c);
    answers(t);
    free(c);
    dk_model_free(&m);
}
