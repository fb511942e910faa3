/*
 * fitrun.c -- every model a `fit` run asks for: one per outcome and
 * by-value, each with its intervals and, on request, the likelihood-ratio
 * test against the model without some columns.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/fit/fit.h"

/* Rows of by-value b that lack outcome o (they are left out of its fit). */
static long missing_rows(const dk_fit_data *d, int b, int o)
{
    long n = 0;
    for (long r = 0; r < d->nrows; r++)
        n += d->by[r] == b && isnan(d->out[(size_t)r * (size_t)d->nout + (size_t)o]);
    return n;
}

/* Fits one subset; -1 with the reason in e (not yet naming the subset). */
static int fit_one(const dk_fit_data *d, const dk_fit_options *o, dk_fit_result *r,
                   dk_err *e)
{
    const dk_lmm_stats *s = &r->x.stats;
    if (dk_lmm_rank_check(s, (const char *const *)r->x.names, e) != 0 ||
        dk_lmm_fit_run(s, o->reml, &r->f, e) != 0 ||
        dk_lmm_intervals(s, &r->f, o->level, &r->ci, e) != 0)
        return -1;
    if (!o->compare)
        return 0;
    int *keep = dk_malloc(((size_t)r->x.p + 1) * sizeof *keep);
    if (!keep)
        return dk_fail_oom(e, "fit");
    int nkeep = dk_fit_design_keep(d, &r->x, o->compare, keep, e);
    int rc = nkeep < 0 ? -1 : dk_lmm_compare(s, keep, nkeep, &r->lrt, e);
    r->has_lrt = rc == 0;
    dk_free(keep);
    return rc;
}

int dk_fit_all(const dk_fit_data *d, const int *ref, const dk_fit_options *o,
               dk_fit_result *res, dk_err *e)
{
    for (int b = 0; b < d->nby; b++)
        for (int out = 0; out < d->nout; out++) {
            dk_fit_result *r = &res[b * d->nout + out];
            dk_err inner = dk_err_like(e);
            if (dk_fit_design_build(d, b, out, ref, &r->x, e) != 0)
                return -1;
            r->missing = missing_rows(d, b, out);
            if (fit_one(d, o, r, &inner) == 0)
                continue;
            char subset[300];
            dk_fit_subset_name(d, b, out, subset, sizeof subset);
            return dk_fail(e, "fit: %s: %s: %s", d->path, subset, inner.msg);
        }
    return 0;
}

void dk_fit_results_free(dk_fit_result *res, int n, int nfac)
{
    for (int k = 0; res && k < n; k++) {
        dk_fit_design_free(&res[k].x, nfac);
        dk_lmm_fit_free(&res[k].f);
        dk_lmm_ci_free(&res[k].ci);
    }
}

/* A name R reads without quotes: a letter or a dot not before a digit,
 * then letters, digits, dots and underscores. */
static int syntactic(const char *s)
{
    if (!isalpha((unsigned char)s[0]) && !(s[0] == '.' && !isdigit((unsigned char)s[1])))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_')
            return 0;
    return 1;
}

static void r_name(dk_buf *b, const char *s)
{
    if (syntactic(s)) {
        dk_buf_printf(b, "%s", s);
        return;
    }
    dk_buf_printf(b, "`");
    for (; *s; s++)
        dk_buf_printf(b, *s == '`' || *s == '\\' ? "\\%c" : "%c", *s);
    dk_buf_printf(b, "`");
}

static int dropped(const char *name, const char *const *drop)
{
    for (int i = 0; drop && drop[i]; i++)
        if (strcmp(drop[i], name) == 0)
            return 1;
    return 0;
}

void dk_fit_formula(const dk_fit_data *d, int outcome, const char *const *drop,
                    dk_buf *b)
{
    int terms = 0;
    r_name(b, d->out_name[outcome]);
    dk_buf_printf(b, " ~ ");
    for (int f = 0; f < d->nfac; f++)
        if (!dropped(d->fac[f].name, drop)) {
            dk_buf_printf(b, "%sfactor(", terms++ ? " + " : "");
            r_name(b, d->fac[f].name);
            dk_buf_printf(b, ")");
        }
    for (int c = 0; c < d->ncov; c++)
        if (!dropped(d->cov_name[c], drop)) {
            dk_buf_printf(b, "%s", terms++ ? " + " : "");
            r_name(b, d->cov_name[c]);
        }
    dk_buf_printf(b, "%s(1 | ", terms ? " + " : "1 + ");
    r_name(b, d->group_col);
    dk_buf_printf(b, ")");
}
