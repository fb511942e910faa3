/*
 * sweep.c -- what `draagkracht sweep --indices` and `--analyse` write:
 * the Sobol or Morris indices as a table, CSV or JSON, or the HTML
 * report (sweep_page.c), and what --until-ci found.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/pages.h"

static void num_cell(dk_buf *b, double x, const char *fmt)
{
    if (isnan(x))
        dk_buf_printf(b, fmt[0] == ',' ? ",nan" : "%s", "  nan");
    else if (strcmp(fmt, ",") == 0)
        dk_buf_num(b, ',', x);
    else
        dk_buf_printf(b, fmt, x);
}

void dk_sweep_sobol_csv(const dk_sweep_analysis *an, const dk_sobol_index *ix, dk_buf *b)
{
    dk_buf_printf(b, "response,factor,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi\n");
    for (int r = 0; r < an->d.nr; r++)
        for (int i = 0; i < an->d.k; i++) {
            const dk_sobol_index *s = &ix[r * an->d.k + i];
            dk_buf_printf(b, "%s,%s", an->d.response[r], an->d.factor[i]);
            double v[] = { s->s1, s->s1_lo, s->s1_hi, s->st, s->st_lo, s->st_hi };
            for (int j = 0; j < 6; j++)
                num_cell(b, v[j], ",");
            dk_buf_printf(b, "\n");
        }
}

void dk_sweep_morris_csv(const dk_sweep_analysis *an, const dk_morris_index *ix, dk_buf *b)
{
    dk_buf_printf(b, "response,factor,mu,mu_star,sigma\n");
    for (int r = 0; r < an->d.nr; r++)
        for (int i = 0; i < an->d.k; i++) {
            const dk_morris_index *s = &ix[r * an->d.k + i];
            dk_buf_printf(b, "%s,%s", an->d.response[r], an->d.factor[i]);
            num_cell(b, s->mu, ",");
            num_cell(b, s->mu_star, ",");
            num_cell(b, s->sigma, ",");
            dk_buf_printf(b, "\n");
        }
}

/* ---- --until-ci: what it found ---- */

/* The n to run next: the design doubled (its first rows are the ones
 * there are: Sobol points extend); 0 when met or past GSL's Sobol limit. */
static long next_n(const dk_sweep_analysis *an)
{
    return an->met || 2 * an->d.n > DK_SWEEP_MAX_SOBOL_N ? 0 : 2 * an->d.n;
}

/* The n whose widest interval would be narrower than W, as intervals
 * narrow with 1 / sqrt(n); a power of two (0: no interval to go by). */
static long projected_n(const dk_sweep_analysis *an)
{
    if (!isfinite(an->widest))
        return 0;
    double want = (double)an->d.n * pow(an->widest / an->until, 2);
    long n = an->d.n;
    while ((double)n < want && n < DK_SWEEP_MAX_SOBOL_N)
        n *= 2;
    return n;
}

/* The finding in a sentence: met or not, at which n, the widest interval
 * and, from --analyse, the n to run next. */
void dk_sweep_until_text(const dk_sweep_analysis *an, dk_lang l, dk_buf *b)
{
    const char *at_r = an->d.response[an->where.r], *at_f = an->d.factor[an->where.i];
    const char *at_t = an->where.total ? "ST" : "S1";
    dk_buf_printf(b, dk_s(l, DKS_UNTIL_HEAD), an->until,
                  dk_s(l, an->met ? DKS_UNTIL_MET : DKS_UNTIL_NOT_MET), an->d.n);
    if (an->rounds > 1)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_DOUBLED), an->start_n, an->rounds);
    if (!an->met && an->rounds)
        dk_buf_printf(b, "%s", dk_s(l, DKS_UNTIL_MAX));
    dk_buf_printf(b, dk_s(l, DKS_UNTIL_WIDEST), an->widest, at_t, at_f, at_r);
    long next = next_n(an), proj = projected_n(an);
    if (!an->met && !an->rounds && next)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_NEXT), next, proj > next ? "" : ".");
    if (!an->met && !an->rounds && next && proj > next)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_RATE), proj);
    dk_buf_printf(b, "\n");
}

static void until_json(const dk_sweep_analysis *an, dk_json *j)
{
    static const char *const which[] = { "S1", "ST" };
    dk_json_break(j, 1);
    dk_json_key(j, "until_ci");
    dk_json_begin_object(j);
    dk_json_kv_number(j, "width", an->until);
    dk_json_kv_bool(j, "met", an->met);
    dk_json_kv_number(j, "widest", an->widest);
    dk_json_kv_string(j, "widest_response", an->d.response[an->where.r]);
    dk_json_kv_string(j, "widest_factor", an->d.factor[an->where.i]);
    dk_json_kv_string(j, "widest_index", which[an->where.total]);
    dk_json_kv_int(j, "start_base_rows", an->rounds ? an->start_n : an->d.n);
    dk_json_kv_int(j, "rounds", an->rounds);
    dk_json_key(j, "next_base_rows");
    if (next_n(an) && !an->rounds)
        dk_json_int(j, next_n(an));
    else
        dk_json_null(j);
    dk_json_end_object(j);
}

int dk_sweep_json(const dk_sweep_analysis *an, const void *ix, dk_buf *b, dk_err *e)
{
    static const char *const sk[] = { "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi" };
    static const char *const mk[] = { "mu", "mu_star", "sigma" };
    int sobol = an->d.design == DK_DESIGN_SALTELLI;
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "design", sobol ? "saltelli" : "morris");
    dk_json_kv_int(&j, "rows", an->d.rows);
    dk_json_kv_int(&j, sobol ? "base_rows" : "trajectories", an->d.n);
    if (sobol) {
        dk_json_kv_int(&j, "bootstrap", an->boot);
        dk_json_kv_int(&j, "bootstrap_seed", an->boot_seed);
        dk_json_key(&j, "confidence");
        dk_json_number_digits(&j, 0.95, 2);
    }
    if (sobol && an->until > 0)
        until_json(an, &j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "responses");
    dk_json_begin_array(&j);
    for (int r = 0; r < an->d.nr; r++) {
        dk_json_break(&j, 2);
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "response", an->d.response[r]);
        dk_json_key(&j, "factors");
        dk_json_begin_array(&j);
        for (int i = 0; i < an->d.k; i++) {
            dk_json_break(&j, 4);
            dk_json_begin_object(&j);
            dk_json_kv_string(&j, "factor", an->d.factor[i]);
            if (sobol) {
                const dk_sobol_index *s = (const dk_sobol_index *)ix + r * an->d.k + i;
                double v[] = { s->s1, s->s1_lo, s->s1_hi, s->st, s->st_lo, s->st_hi };
                for (int k = 0; k < 6; k++)
                    dk_json_kv_number(&j, sk[k], v[k]);
            } else {
                const dk_morris_index *s = (const dk_morris_index *)ix + r * an->d.k + i;
                double v[] = { s->mu, s->mu_star, s->sigma };
                for (int k = 0; k < 3; k++)
                    dk_json_kv_number(&j, mk[k], v[k]);
            }
            dk_json_end_object(&j);
        }
        dk_json_end_array(&j);
        dk_json_end_object(&j);
    }
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* Factors of response r in order of ST (Sobol) or mu* (Morris), largest first. */
static void ranking(const dk_sweep_analysis *an, const void *ix, int r, int *order)
{
    double key[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < an->d.k; i++) {
        key[i] = an->d.design == DK_DESIGN_SALTELLI
               ? ((const dk_sobol_index *)ix)[r * an->d.k + i].st
               : ((const dk_morris_index *)ix)[r * an->d.k + i].mu_star;
        if (isnan(key[i]))
            key[i] = -1;
        order[i] = i;
    }
    for (int i = 1; i < an->d.k; i++)
        for (int j = i; j > 0 && key[order[j]] > key[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* A table cell: %.4f, or n/a where there is no index (a response no
 * factor moves, a bootstrap with too few resamples left). */
static void fixed4(char *s, size_t n, double x, dk_lang l)
{
    if (isnan(x))
        snprintf(s, n, "%s", dk_s(l, DKS_NA));
    else
        snprintf(s, n, "%.4f", x);
}

static void interval(char *s, size_t n, double lo, double hi, dk_lang l)
{
    if (isnan(lo) || isnan(hi))
        snprintf(s, n, "%s", dk_s(l, DKS_NA));
    else
        snprintf(s, n, "%.4f..%.4f", lo, hi);
}

/* A test function's analytic indices, x1..xk, under the table (in the
 * run only: rows do not say which function made them). */
static void analytic_out(const dk_sweep_analysis *an, dk_lang l, dk_buf *b)
{
    double s1[DK_SWEEP_MAX_FACTORS], st[DK_SWEEP_MAX_FACTORS];
    if (!an->test || dk_test_indices(an->test, an->d.k, an->a, an->b, s1, st) != 0)
        return;
    if (an->test == DK_TEST_ISHIGAMI)
        dk_buf_printf(b, dk_s(l, DKS_SWP_ANALYTIC_ISHIGAMI), an->a, an->b);
    else
        dk_buf_printf(b, dk_s(l, DKS_SWP_ANALYTIC), an->test == DK_TEST_SOBOL_G ? "Sobol' G"
                      : "Sobol' G*, Saltelli et al. 2010 case 6");
    for (int i = 0; i < an->d.k; i++)
        dk_buf_printf(b, " %.4f", s1[i]);
    dk_buf_printf(b, "; ST");
    for (int i = 0; i < an->d.k; i++)
        dk_buf_printf(b, " %.4f", st[i]);
    dk_buf_printf(b, "\n");
}

/* What the indices are, in words: the table's head, the report's facts. */
static void indices_head(const dk_sweep_analysis *an, dk_lang l, dk_buf *b)
{
    const char *fs = dk_s(l, an->d.k == 1 ? DKS_WORD_FACTOR : DKS_WORD_FACTORS);
    if (an->d.design == DK_DESIGN_SALTELLI)
        dk_buf_printf(b, dk_s(l, DKS_SWP_SOBOL_HEAD), an->d.n, an->d.k, fs, an->d.rows, an->boot,
                      an->boot_seed);
    else
        dk_buf_printf(b, dk_s(l, DKS_SWP_MORRIS_HEAD), an->d.n, an->d.k, fs, an->d.rows);
}

void dk_sweep_table(const dk_sweep_analysis *an, const void *ix, dk_lang l, dk_buf *b)
{
    int sobol = an->d.design == DK_DESIGN_SALTELLI;
    char h[5][DK_LABEL];
    dk_split_labels(dk_s(l, sobol ? DKS_SWP_T_SOBOL : DKS_SWP_T_MORRIS), h, 5);
    indices_head(an, l, b);
    if (sobol && an->until > 0)
        dk_sweep_until_text(an, l, b);
    for (int r = 0; r < an->d.nr; r++) {
        int order[DK_SWEEP_MAX_FACTORS];
        ranking(an, ix, r, order);
        dk_buf_printf(b, "\n%s\n  ", an->d.response[r]);
        dk_buf_cell(b, h[0], 36);
        if (sobol)
            dk_buf_printf(b, " %7s %17s %7s %17s\n", h[1], h[2], h[3], h[4]);
        else
            dk_buf_printf(b, " %10s %10s %10s\n", h[1], h[2], h[3]);
        for (int j = 0; j < an->d.k; j++) {
            int i = order[j];
            dk_buf_printf(b, "  %-36s", an->d.factor[i]);
            if (sobol) {
                const dk_sobol_index *s = (const dk_sobol_index *)ix + r * an->d.k + i;
                char c1[48], c2[48], v1[24], v2[24];
                interval(c1, sizeof c1, s->s1_lo, s->s1_hi, l);
                interval(c2, sizeof c2, s->st_lo, s->st_hi, l);
                fixed4(v1, sizeof v1, s->s1, l);
                fixed4(v2, sizeof v2, s->st, l);
                dk_buf_printf(b, " %7s %17s %7s %17s\n", v1, c1, v2, c2);
            } else {
                const dk_morris_index *s = (const dk_morris_index *)ix + r * an->d.k + i;
                char v[3][24];
                double w[] = { s->mu_star, s->mu, s->sigma };
                for (int j = 0; j < 3; j++)
                    if (isnan(w[j]))
                        snprintf(v[j], sizeof v[j], "%s", dk_s(l, DKS_NA));
                    else
                        snprintf(v[j], sizeof v[j], "%.4g", w[j]);
                dk_buf_printf(b, " %10s %10s %10s\n", v[0], v[1], v[2]);
            }
        }
    }
    analytic_out(an, l, b);
}

/* The report: the indices and names as they are, in the page's view. */
void dk_sweep_html(const dk_sweep_analysis *an, const void *ix, dk_lang l, dk_buf *b)
{
    const char *factor[DK_SWEEP_MAX_FACTORS], *response[DK_SWEEP_MAX_RESPONSES];
    for (int i = 0; i < an->d.k; i++)
        factor[i] = an->d.factor[i];
    for (int r = 0; r < an->d.nr; r++)
        response[r] = an->d.response[r];
    int sobol = an->d.design == DK_DESIGN_SALTELLI;
    dk_buf facts = { 0 };
    indices_head(an, l, &facts);
    dk_sweep_view v = { sobol, an->d.k, an->d.nr, factor, response, sobol ? ix : NULL,
                        sobol ? NULL : ix, facts.data, an->source };
    dk_sweep_page(&v, l, b);
    dk_buf_free(&facts);
}
