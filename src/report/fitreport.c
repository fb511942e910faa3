/*
 * fitreport.c -- `draagkracht fit`'s output: what was fitted (formula,
 * reference levels, rows used and left out), the estimates with their
 * intervals, the variance components, the ICC, the criterion and its
 * convergence, the covariance of the fixed effects and, on request, the
 * likelihood-ratio test; as a table, CSV or JSON.  Conditional modes and
 * fitted values go to files of their own (--ranef, --predictions).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/json.h"
#include "draagkracht/report/fitreport.h"
#include "draagkracht/lang/lang.h"

static const char *by_value(const dk_fit_data *d, int b)
{
    return d->by_lev ? d->by_lev[b] : "";
}

static const char *method(const dk_lmm_fit *f)
{
    return f->reml ? "REML" : "ML";
}

/* The reference level of factor f in fit r. */
static const char *reference(const dk_fit_data *d, const dk_fit_result *r, int f)
{
    return d->fac[f].lev[r->x.ref[f]];
}

/* The interval's ends as percentages: "2.5 %" and "97.5 %" at 0.95. */
static void percent_labels(double level, char lo[16], char hi[16])
{
    snprintf(lo, 16, "%.3g %%", 50 * (1 - level));
    snprintf(hi, 16, "%.3g %%", 100 - 50 * (1 - level));
}

/* ---- table ---- */

static void table_head(const dk_fit_report *rep, dk_lang l, dk_buf *b)
{
    const dk_fit_data *d = rep->d;
    dk_buf_printf(b, dk_s(l, DKS_FIT_T_DATA), d->path, d->rows_read, d->rows_no_outcome);
    dk_buf_printf(b, dk_s(l, DKS_FIT_T_INTERVALS), 100 * rep->level);
}

static void table_what(const dk_fit_data *d, const dk_fit_result *r, dk_lang l, dk_buf *b)
{
    char subset[300], rows[64];
    /* dk_fit_subset_name's words, in the table's language */
    snprintf(subset, sizeof subset, dk_s(l, DKS_FIT_T_OUTCOME), d->out_name[r->x.outcome]);
    if (d->by_name)
        snprintf(subset + strlen(subset), sizeof subset - strlen(subset), " (%s=%s)", d->by_name,
                 d->by_lev[r->x.by]);
    dk_buf_printf(b, dk_s(l, DKS_FIT_T_WHAT), subset, method(&r->f), r->f.n, r->f.ngroups,
                  d->group_col, dk_plural(l, DKS_N_ROW, r->missing, rows, sizeof rows));
    dk_fit_formula(d, r->x.outcome, NULL, b);
    dk_buf_printf(b, "\n");
    for (int f = 0; f < d->nfac; f++)
        dk_buf_printf(b, "%s%s=%s%s", f ? ", " : dk_s(l, DKS_FIT_T_REF), d->fac[f].name,
                      reference(d, r, f), f + 1 < d->nfac ? "" : "\n");
}

/* A table's head: the first column 32 wide, then the numbers' columns
 * (widths w), from a '|'-separated list, then the interval's ends. */
static void table_columns(dk_buf *b, const char *labels, const int *w, int n, const char *lo,
                          const char *hi)
{
    char h[6][DK_LABEL];
    dk_split_labels(labels, h, n);
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, h[0], 32);
    for (int k = 1; k < n; k++)
        dk_buf_printf(b, " %*s", w[k], h[k]);
    dk_buf_printf(b, " %12s %12s\n", lo, hi);
}

static void table_fixed(const dk_fit_report *rep, const dk_fit_result *r, dk_lang l, dk_buf *b)
{
    char lo[16], hi[16];
    static const int w[] = { 32, 12, 12, 9 };
    percent_labels(rep->level, lo, hi);
    table_columns(b, dk_s(l, DKS_FIT_T_FIXED), w, 4, lo, hi);
    for (int i = 0; i < r->f.p; i++) {
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, r->x.names[i], 32);
        dk_buf_printf(b, " %12.6f %12.6f %9.2f %12.6f %12.6f\n", r->f.beta[i], r->f.se[i],
                      r->f.beta[i] / r->f.se[i], r->ci.lower[i], r->ci.upper[i]);
    }
}

static void table_random(const dk_fit_report *rep, const dk_fit_result *r, dk_lang l,
                         dk_buf *b)
{
    const dk_lmm_fit *f = &r->f;
    const dk_lmm_ci *c = &r->ci;
    char group[300], lo[16], hi[16];
    static const int w[] = { 32, 12, 12, 9 };
    snprintf(group, sizeof group, "%s (Intercept)", rep->d->group_col);
    percent_labels(rep->level, lo, hi);
    table_columns(b, dk_s(l, DKS_FIT_T_RANDOM), w, 4, lo, hi);
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, group, 32);
    dk_buf_printf(b, " %12.6f %12.6f %9s %12.6f %12.6f\n", f->var_group, sqrt(f->var_group),
                  "", c->sd_group[0], c->sd_group[1]);
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, dk_s(l, DKS_FIT_T_RESIDUAL), 32);
    dk_buf_printf(b, " %12.6f %12.6f %9s %12.6f %12.6f\n", f->var_resid,
                  sqrt(f->var_resid), "", c->sd_resid[0], c->sd_resid[1]);
    dk_buf_printf(b, "  %-32s %12.6f %12s %9s %12.6f %12.6f\n", "ICC", c->icc, "", "",
                  c->icc_ci[0], c->icc_ci[1]);
    if (isnan(c->sd_resid[0]))
        dk_buf_printf(b, "%s", dk_s(l, DKS_FIT_T_NO_PROFILE));
    dk_buf_printf(b, "  %s %.4f  logLik %.4f  AIC %.4f  BIC %.4f  df.resid %ld\n",
                  dk_s(l, f->reml ? DKS_FIT_T_REML : DKS_FIT_T_DEVIANCE), f->deviance, f->loglik,
                  f->aic, f->bic, f->df_resid);
    const char *conv = dk_s(l, f->converged ? DKS_FIT_T_CONVERGED : DKS_FIT_T_NOT_CONVERGED);
    if (f->boundary)
        dk_buf_printf(b, dk_s(l, DKS_FIT_T_BOUNDARY), conv);
    else    /* + 0.0: no "-0" */
        dk_buf_printf(b, dk_s(l, DKS_FIT_T_GRADIENT), conv, f->gradient + 0.0, f->theta_step + 0.0);
}

static void table_lrt(const dk_fit_report *rep, const dk_fit_result *r, dk_lang lg, dk_buf *b)
{
    const dk_lmm_lrt *l = &r->lrt;
    dk_buf_printf(b, "%s", dk_s(lg, DKS_FIT_T_LRT));
    dk_fit_formula(rep->d, r->x.outcome, rep->compare, b);
    dk_buf_printf(b, "\n      %6s %12s %12s %12s %12s %10s %4s %12s\n", "npar", "AIC", "BIC",
                  "logLik", dk_s(lg, DKS_FIT_T_DEVIANCE), "Chisq", "Df", "Pr(>Chisq)");
    for (int k = 0; k < 2; k++) {
        dk_buf_printf(b, "    m%d %6d %12.4f %12.4f %12.4f %12.4f", k, l->npar[k], l->aic[k],
                      l->bic[k], l->loglik[k], l->deviance[k]);
        if (k == 1)
            dk_buf_printf(b, " %10.4f %4d %12.4g", l->chisq, l->df, l->p_value);
        dk_buf_printf(b, "\n");
    }
}

void dk_fit_report_table(const dk_fit_report *rep, dk_lang l, dk_buf *b)
{
    table_head(rep, l, b);
    for (int k = 0; k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        table_what(rep->d, r, l, b);
        table_fixed(rep, r, l, b);
        table_random(rep, r, l, b);
        if (r->has_lrt)
            table_lrt(rep, r, l, b);
    }
}

/* ---- CSV ---- */

/* A number at full precision; empty for NaN, Inf/-Inf as R writes them. */
static void csv_num(dk_buf *b, double x)
{
    char *out = dk_buf_room(b, 40);
    if (!out)
        return;
    int n = 0;
    out[n++] = ',';
    if (isinf(x))
        n += snprintf(out + n, 8, "%s", x > 0 ? "Inf" : "-Inf");
    else if (!isnan(x))
        n += dk_fmt_g17(out + n, x);
    b->len += (size_t)n;
    b->data[b->len] = '\0';
}

/* by, outcome, method of fit r, then a comma: every CSV row starts so. */
static void fit_key(dk_buf *b, const dk_fit_data *d, const dk_fit_result *r)
{
    dk_buf_csv_str(b, by_value(d, r->x.by));
    dk_buf_printf(b, ",");
    dk_buf_csv_str(b, d->out_name[r->x.outcome]);
    dk_buf_printf(b, ",%s,", method(&r->f));
}

/* One row's first columns: by, outcome, method, section, term, term2. */
static void csv_key(dk_buf *b, const dk_fit_data *d, const dk_fit_result *r,
                    const char *section, const char *term, const char *term2)
{
    fit_key(b, d, r);
    dk_buf_printf(b, "%s,", section);
    dk_buf_csv_str(b, term);
    dk_buf_printf(b, ",");
    if (term2)
        dk_buf_csv_str(b, term2);
}

/* A row of up to four numbers (estimate, std_error, lower, upper). */
static void csv_row(dk_buf *b, const dk_fit_data *d, const dk_fit_result *r,
                    const char *section, const char *term, const char *term2,
                    const double v[4])
{
    csv_key(b, d, r, section, term, term2);
    for (int i = 0; i < 4; i++)
        csv_num(b, v[i]);
    dk_buf_printf(b, "\n");
}

static void csv_value(dk_buf *b, const dk_fit_data *d, const dk_fit_result *r,
                      const char *section, const char *term, double v)
{
    double row[4] = { v, NAN, NAN, NAN };
    csv_row(b, d, r, section, term, NULL, row);
}

static void csv_text(dk_buf *b, const dk_fit_data *d, const dk_fit_result *r,
                     const char *section, const char *term, const char *text)
{
    double none[4] = { NAN, NAN, NAN, NAN };
    csv_row(b, d, r, section, term, text, none);
}

static void csv_what(const dk_fit_data *d, const dk_fit_result *r, dk_buf *b)
{
    dk_buf formula = { 0 };
    dk_fit_formula(d, r->x.outcome, NULL, &formula);
    csv_text(b, d, r, "data", "formula", dk_buf_part(b, &formula));
    dk_buf_free(&formula);
    const char *terms[] = { "rows_read", "rows_no_outcome", "rows_missing_outcome",
                            "n_obs", "n_groups" };
    double v[] = { (double)d->rows_read, (double)d->rows_no_outcome, (double)r->missing,
                   (double)r->f.n, (double)r->f.ngroups };
    for (int t = 0; t < 5; t++)
        csv_value(b, d, r, "data", terms[t], v[t]);
    for (int f = 0; f < d->nfac; f++)
        csv_text(b, d, r, "reference", d->fac[f].name, reference(d, r, f));
}

static void csv_fixed(const dk_fit_data *d, const dk_fit_result *r, dk_buf *b)
{
    const dk_lmm_fit *f = &r->f;
    for (int i = 0; i < f->p; i++) {
        double v[4] = { f->beta[i], f->se[i], r->ci.lower[i], r->ci.upper[i] };
        csv_row(b, d, r, "fixed", r->x.names[i], NULL, v);
    }
    for (int i = 0; i < f->p; i++)
        for (int j = 0; j < f->p; j++) {
            double v[4] = { f->vcov[i * f->p + j], NAN, NAN, NAN };
            csv_row(b, d, r, "vcov", r->x.names[i], r->x.names[j], v);
        }
}

static void csv_random(const dk_fit_data *d, const dk_fit_result *r, dk_buf *b)
{
    const dk_lmm_fit *f = &r->f;
    const dk_lmm_ci *c = &r->ci;
    csv_value(b, d, r, "random", "var_group", f->var_group);
    csv_value(b, d, r, "random", "var_residual", f->var_resid);
    double sg[4] = { sqrt(f->var_group), NAN, c->sd_group[0], c->sd_group[1] };
    double sr[4] = { sqrt(f->var_resid), NAN, c->sd_resid[0], c->sd_resid[1] };
    double icc[4] = { c->icc, NAN, c->icc_ci[0], c->icc_ci[1] };
    csv_row(b, d, r, "random", "sd_group", NULL, sg);
    csv_row(b, d, r, "random", "sd_residual", NULL, sr);
    csv_value(b, d, r, "random", "theta", f->theta);
    csv_row(b, d, r, "random", "icc", NULL, icc);
    const char *terms[] = { "loglik", "deviance", "aic", "bic", "df_residual" };
    double v[] = { f->loglik, f->deviance, f->aic, f->bic, (double)f->df_resid };
    for (int t = 0; t < 5; t++)
        csv_value(b, d, r, "fit", terms[t], v[t]);
    const char *conv[] = { "converged", "boundary", "gradient", "theta_step" };
    double cv[] = { f->converged, f->boundary, f->gradient, f->theta_step };
    for (int t = 0; t < 4; t++)
        csv_value(b, d, r, "convergence", conv[t], cv[t]);
}

static void csv_lrt(const dk_fit_report *rep, const dk_fit_result *r, dk_buf *b)
{
    const dk_fit_data *d = rep->d;
    const dk_lmm_lrt *l = &r->lrt;
    dk_buf formula = { 0 };
    dk_fit_formula(d, r->x.outcome, rep->compare, &formula);
    csv_text(b, d, r, "compare", "formula_m0", dk_buf_part(b, &formula));
    dk_buf_free(&formula);
    const char *model[] = { "m0", "m1" };
    const char *terms[] = { "npar", "aic", "bic", "loglik", "deviance" };
    for (int k = 0; k < 2; k++) {
        double v[] = { l->npar[k], l->aic[k], l->bic[k], l->loglik[k], l->deviance[k] };
        for (int t = 0; t < 5; t++) {
            double row[4] = { v[t], NAN, NAN, NAN };
            csv_row(b, d, r, "compare", terms[t], model[k], row);
        }
    }
    csv_value(b, d, r, "compare", "chisq", l->chisq);
    csv_value(b, d, r, "compare", "df", l->df);
    csv_value(b, d, r, "compare", "p_value", l->p_value);
}

void dk_fit_report_csv(const dk_fit_report *rep, dk_buf *b)
{
    dk_buf_printf(b, "by,outcome,method,section,term,term2,estimate,std_error,lower,upper\n");
    for (int k = 0; k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        csv_what(rep->d, r, b);
        csv_fixed(rep->d, r, b);
        csv_random(rep->d, r, b);
        if (r->has_lrt)
            csv_lrt(rep, r, b);
    }
}

/* ---- JSON ---- */

/* {"estimate": x, "lower": lo, "upper": hi} */
static void json_interval(dk_json *j, const char *key, double x, const double ci[2])
{
    dk_json_key(j, key);
    dk_json_begin_object(j);
    dk_json_kv_number(j, "estimate", x);
    dk_json_kv_number(j, "lower", ci[0]);
    dk_json_kv_number(j, "upper", ci[1]);
    dk_json_end_object(j);
}

static void json_what(dk_json *j, const dk_fit_data *d, const dk_fit_result *r)
{
    dk_buf formula = { 0 };
    dk_fit_formula(d, r->x.outcome, NULL, &formula);
    dk_json_kv_string(j, "outcome", d->out_name[r->x.outcome]);
    dk_json_kv_string(j, "by", by_value(d, r->x.by));
    dk_json_kv_string(j, "method", method(&r->f));
    dk_json_break(j, 3);
    dk_json_kv_string(j, "formula", dk_buf_part(j->b, &formula));
    dk_buf_free(&formula);
    dk_json_key(j, "reference");
    dk_json_begin_object(j);
    for (int f = 0; f < d->nfac; f++)
        dk_json_kv_string(j, d->fac[f].name, reference(d, r, f));
    dk_json_end_object(j);
    dk_json_break(j, 3);
    dk_json_kv_int(j, "n_obs", r->f.n);
    dk_json_kv_int(j, "n_groups", r->f.ngroups);
    dk_json_kv_int(j, "rows_missing_outcome", r->missing);
}

static void json_fixed(dk_json *j, const dk_fit_result *r)
{
    const dk_lmm_fit *f = &r->f;
    dk_json_break(j, 3);
    dk_json_key(j, "fixed");
    dk_json_begin_object(j);
    for (int i = 0; i < f->p; i++) {
        dk_json_break(j, 4);
        dk_json_key(j, r->x.names[i]);
        dk_json_begin_object(j);
        dk_json_kv_number(j, "estimate", f->beta[i]);
        dk_json_kv_number(j, "se", f->se[i]);
        dk_json_kv_number(j, "t", f->beta[i] / f->se[i]);
        dk_json_kv_number(j, "lower", r->ci.lower[i]);
        dk_json_kv_number(j, "upper", r->ci.upper[i]);
        dk_json_end_object(j);
    }
    dk_json_end_object(j);
    dk_json_break(j, 3);
    dk_json_key(j, "vcov");
    dk_json_begin_array(j);
    for (int i = 0; i < f->p; i++) {
        dk_json_break(j, 4);
        dk_json_begin_array(j);
        for (int k = 0; k < f->p; k++)
            dk_json_number(j, f->vcov[i * f->p + k]);
        dk_json_end_array(j);
    }
    dk_json_end_array(j);
}

static void json_random(dk_json *j, const dk_fit_result *r)
{
    const dk_lmm_fit *f = &r->f;
    dk_json_break(j, 3);
    dk_json_kv_number(j, "var_group", f->var_group);
    dk_json_kv_number(j, "var_residual", f->var_resid);
    dk_json_kv_number(j, "theta", f->theta);
    dk_json_break(j, 3);
    json_interval(j, "sd_group", sqrt(f->var_group), r->ci.sd_group);
    json_interval(j, "sd_residual", sqrt(f->var_resid), r->ci.sd_resid);
    json_interval(j, "icc", r->ci.icc, r->ci.icc_ci);
    dk_json_break(j, 3);
    const char *keys[] = { "loglik", "deviance", "aic", "bic" };
    double v[] = { f->loglik, f->deviance, f->aic, f->bic };
    for (int t = 0; t < 4; t++)
        dk_json_kv_number(j, keys[t], v[t]);
    dk_json_kv_int(j, "df_residual", f->df_resid);
    dk_json_kv_bool(j, "boundary", f->boundary);
    dk_json_break(j, 3);
    dk_json_key(j, "convergence");
    dk_json_begin_object(j);
    dk_json_kv_bool(j, "converged", f->converged);
    dk_json_kv_number(j, "gradient", f->gradient);
    dk_json_kv_number(j, "theta_step", f->theta_step);
    dk_json_end_object(j);
}

static void json_lrt(dk_json *j, const dk_fit_report *rep, const dk_fit_result *r)
{
    const dk_lmm_lrt *l = &r->lrt;
    dk_buf formula = { 0 };
    dk_fit_formula(rep->d, r->x.outcome, rep->compare, &formula);
    dk_json_break(j, 3);
    dk_json_key(j, "compare");
    dk_json_begin_object(j);
    dk_json_kv_string(j, "method", "ML");
    dk_json_kv_string(j, "formula_m0", dk_buf_part(j->b, &formula));
    dk_buf_free(&formula);
    const char *model[] = { "m0", "m1" };
    for (int k = 0; k < 2; k++) {
        dk_json_break(j, 4);
        dk_json_key(j, model[k]);
        dk_json_begin_object(j);
        dk_json_kv_int(j, "npar", l->npar[k]);
        dk_json_kv_number(j, "aic", l->aic[k]);
        dk_json_kv_number(j, "bic", l->bic[k]);
        dk_json_kv_number(j, "loglik", l->loglik[k]);
        dk_json_kv_number(j, "deviance", l->deviance[k]);
        dk_json_end_object(j);
    }
    dk_json_break(j, 4);
    dk_json_kv_number(j, "chisq", l->chisq);
    dk_json_kv_int(j, "df", l->df);
    dk_json_kv_number(j, "p_value", l->p_value);
    dk_json_end_object(j);
}

static void json_head(dk_json *j, const dk_fit_report *rep)
{
    const dk_fit_data *d = rep->d;
    dk_json_kv_string(j, "data", d->path);
    dk_json_kv_string(j, "group", d->group_col);
    dk_json_kv_string(j, "by", d->by_name);
    dk_json_kv_string(j, "method", rep->nfit && !rep->r[0].f.reml ? "ML" : "REML");
    dk_json_break(j, 1);
    dk_json_kv_int(j, "rows_read", d->rows_read);
    dk_json_kv_int(j, "rows_no_outcome", d->rows_no_outcome);
    dk_json_key(j, "intervals");
    dk_json_begin_object(j);
    dk_json_key(j, "level");
    dk_json_number_digits(j, rep->level, 6);
    dk_json_kv_string(j, "fixed", "Wald");
    dk_json_kv_string(j, "variance", "profile likelihood (ML)");
    dk_json_end_object(j);
}

int dk_fit_report_json(const dk_fit_report *rep, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    json_head(&j, rep);
    dk_json_break(&j, 1);
    dk_json_key(&j, "fits");
    dk_json_begin_array(&j);
    for (int k = 0; k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        dk_json_break(&j, 2);
        dk_json_begin_object(&j);
        json_what(&j, rep->d, r);
        json_fixed(&j, r);
        json_random(&j, r);
        if (r->has_lrt)
            json_lrt(&j, rep, r);
        dk_json_end_object(&j);
    }
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* ---- per group and per row ---- */

/* The rows of the per-group and per-row files start with fit_key, made
 * once per fit: they run to a row per observation. */
static void key_of(dk_buf *key, const dk_fit_data *d, const dk_fit_result *r)
{
    key->len = 0;
    fit_key(key, d, r);
}

void dk_fit_report_ranef(const dk_fit_report *rep, dk_buf *b)
{
    const dk_fit_data *d = rep->d;
    dk_buf key = { 0 };
    dk_buf_printf(b, "by,outcome,method,group,n_obs,mode,cond_sd\n");
    for (int k = 0; k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        key_of(&key, d, r);
        for (long s = 0; s < r->x.stats.nslots; s++) {
            double mode, sd;
            dk_lmm_ranef(&r->x.stats, &r->f, s, &mode, &sd);
            dk_buf_append(b, key.data, key.len);
            dk_buf_csv_str(b, d->group_name[r->x.group_of[s]]);
            csv_num(b, (double)r->x.stats.cnt[s]);
            csv_num(b, mode);
            csv_num(b, sd);
            dk_buf_append(b, "\n", 1);
        }
    }
    b->oom |= key.oom;
    dk_buf_free(&key);
}

void dk_fit_report_predictions(const dk_fit_report *rep, dk_buf *b)
{
    const dk_fit_data *d = rep->d;
    dk_buf key = { 0 };
    dk_buf_printf(b, "by,outcome,method,row,group,observed,fitted,residual\n");
    for (int k = 0; k < rep->nfit; k++) {
        const dk_fit_result *r = &rep->r[k];
        double *z = dk_malloc(((size_t)r->x.p + 1) * sizeof *z);
        if (!z) {
            b->oom = 1;     /* dk_emit's caller sees the file is incomplete */
            dk_buf_free(&key);
            return;
        }
        key_of(&key, d, r);
        /* the key ends in a comma and csv_num starts with one */
        if (key.len)
            key.data[--key.len] = '\0';
        for (long row = 0; row < d->nrows; row++) {
            if (!dk_fit_design_has(d, &r->x, row))
                continue;
            double y = d->out[(size_t)row * (size_t)d->nout + (size_t)r->x.outcome];
            double fit = dk_fit_fitted(d, &r->x, &r->f, row, z);
            dk_buf_append(b, key.data, key.len);
            csv_num(b, (double)d->row[row]);
            dk_buf_append(b, ",", 1);
            dk_buf_csv_str(b, d->group_name[d->group[row]]);
            csv_num(b, y);
            csv_num(b, fit);
            csv_num(b, y - fit);
            dk_buf_append(b, "\n", 1);
        }
        dk_free(z);
    }
    b->oom |= key.oom;
    dk_buf_free(&key);
}
