/* test_fit.c -- the mixed-model fit against lme4, the CSV reader, and
 * `draagkracht fit` end to end. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "t.h"
#include "draagkracht/io/csv.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/fit/fit.h"

/* One method block of a NAME.lme4.txt file. */
typedef struct {
    int p;
    char names[32][64];
    double beta[32], se[32];
    double var_group, var_resid, loglik, aic, bic;
    long n, ngroups;
} lme4_ref;

typedef struct {
    char outcome[64], factors[256], covariates[256];
    lme4_ref m[2];          /* REML, ML */
} lme4_file;

static void ref_line(lme4_ref *r, const char *line)
{
    char key[64], name[64];
    double v, se;
    if (sscanf(line, "fixed %63s %lf %lf", name, &v, &se) == 3 && r->p < 32) {
        snprintf(r->names[r->p], 64, "%s", name);
        r->beta[r->p] = v;
        r->se[r->p++] = se;
    } else if (sscanf(line, "%63s %lf", key, &v) == 2) {
        const char *keys[] = { "var_group", "var_residual", "loglik", "aic", "bic" };
        double *dst[] = { &r->var_group, &r->var_resid, &r->loglik, &r->aic, &r->bic };
        for (int k = 0; k < 5; k++)
            if (strcmp(key, keys[k]) == 0)
                *dst[k] = v;
        if (strcmp(key, "n_obs") == 0)
            r->n = (long)v;
        if (strcmp(key, "n_groups") == 0)
            r->ngroups = (long)v;
    }
}

static int read_lme4(const char *path, lme4_file *f)
{
    memset(f, 0, sizeof *f);
    char *text = t_slurp(path, NULL), *save;
    if (!text)
        return -1;
    int m = -1;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (sscanf(line, "spec %63s %255s %255s", f->outcome, f->factors, f->covariates) == 3)
            continue;
        if (strncmp(line, "method ", 7) == 0)
            m = strcmp(line + 7, "REML") == 0 ? 0 : 1;
        else if (m >= 0)
            ref_line(&f->m[m], line);
    }
    free(text);
    return m < 0 ? -1 : 0;
}

/* Comma list (or "-") into a NULL-ended array, in place. */
static void split(char *s, const char **list)
{
    int n = 0;
    char *save;
    if (strcmp(s, "-") != 0)
        for (char *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save))
            list[n++] = t;
    list[n] = NULL;
}

static double rel(double a, double b)
{
    return b == 0 ? fabs(a) : fabs(a - b) / fabs(b);
}

/* The tolerances: fixed effects and log-likelihood 1e-6 absolute,
 * variances (and standard errors) 1e-5 relative. */
static void compare(t_ctx *t, const char *name, const char *method,
                    const dk_fit_design *x, const dk_lmm_fit *f, const lme4_ref *r)
{
    double dbeta = 0, dse = 0;
    int names_ok = f->p == r->p;
    for (int i = 0; names_ok && i < f->p; i++) {
        names_ok = strcmp(x->names[i], r->names[i]) == 0;
        dbeta = fmax(dbeta, fabs(f->beta[i] - r->beta[i]));
        dse = fmax(dse, rel(f->se[i], r->se[i]));
    }
    double dvg = r->var_group == 0 ? fabs(f->var_group) : rel(f->var_group, r->var_group);
    double dvr = rel(f->var_resid, r->var_resid);
    double dll = fabs(f->loglik - r->loglik);
    double dic = fmax(fabs(f->aic - r->aic), fabs(f->bic - r->bic));
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s agrees with lme4", name, method);
    t_ok(t, names_ok && f->n == r->n && f->ngroups == r->ngroups && dbeta <= 1e-6 &&
         dse <= 1e-5 && dvg <= 1e-5 && dvr <= 1e-5 && dll <= 1e-6 && dic <= 1e-6, tn,
         "names %s, n %ld/%ld, groups %ld/%ld; max |d beta| %.3g, se rel %.3g, var_group "
         "rel %.3g, var_resid rel %.3g, |d loglik| %.3g, |d AIC/BIC| %.3g",
         names_ok ? "match" : "differ", f->n, r->n, f->ngroups, r->ngroups, dbeta,
         dse, dvg, dvr, dll, dic);
}

/* The criterion at the reported theta is -2 logLik, and no lower nearby. */
static void check_optimum(t_ctx *t, const char *name, const dk_fit_design *x,
                          const dk_lmm_fit *f)
{
    double d0 = dk_lmm_deviance(&x->stats, f->reml, f->theta);
    double lo = dk_lmm_deviance(&x->stats, f->reml, fmax(0, f->theta - 1e-4));
    double hi = dk_lmm_deviance(&x->stats, f->reml, f->theta + 1e-4);
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s sits at the criterion's minimum", name,
             f->reml ? "REML" : "ML");
    t_ok(t, fabs(d0 + 2 * f->loglik) < 1e-9 && lo >= d0 && hi >= d0, tn,
         "deviance %.12g, -2 loglik %.12g, at theta -/+ 1e-4: %.12g %.12g", d0,
         -2 * f->loglik, lo, hi);
}

static void against_lme4(t_ctx *t, const char *name)
{
    char path[600], csv[600];
    snprintf(path, sizeof path, "%s/tests/data/fit/%s.lme4.txt", t->root, name);
    snprintf(csv, sizeof csv, "%s/tests/data/fit/%s.csv", t->root, name);
    lme4_file ref;
    if (read_lme4(path, &ref) != 0) {
        t_ok(t, 0, name, "cannot read %s", path);
        return;
    }
    const char *outcomes[2] = { ref.outcome, NULL }, *factors[16], *covs[16];
    split(ref.factors, factors);
    split(ref.covariates, covs);
    dk_fit_spec spec = { "respondent", NULL, outcomes, factors, covs };
    dk_fit_data d;
    dk_err e;
    if (dk_fit_data_load(&d, csv, &spec, &e) != 0) {
        t_ok(t, 0, name, "%s", e.msg);
        return;
    }
    dk_fit_design x;
    int built = dk_fit_design_build(&d, 0, 0, NULL, &x, &e) == 0;
    int ok = built && dk_lmm_rank_check(&x.stats, (const char *const *)x.names, &e) == 0;
    for (int m = 0; ok && m < 2; m++) {
        dk_lmm_fit f;
        if (dk_lmm_fit_run(&x.stats, m == 0, &f, &e) != 0) {
            t_ok(t, 0, name, "%s", e.msg);
            continue;
        }
        compare(t, name, m == 0 ? "REML" : "ML", &x, &f, &ref.m[m]);
        check_optimum(t, name, &x, &f);
        dk_lmm_fit_free(&f);
    }
    if (!ok)
        t_ok(t, 0, name, "%s", e.msg);
    if (built)
        dk_fit_design_free(&x, d.nfac);
    dk_fit_data_free(&d);
}

/* One change of units: outcome y -> a y + c, first covariate x -> b x + d. */
typedef struct {
    double a, c, b, d;
} t_units;

/* Applies u to the outcome and the first covariate of d, in place. */
static void change_units(dk_fit_data *d, const t_units *u)
{
    for (long r = 0; r < d->nrows; r++) {
        double *y = &d->out[(size_t)r * (size_t)d->nout];
        *y = u->a * *y + u->c;
        if (d->ncov)
            d->cov[(size_t)r * (size_t)d->ncov] = u->b * d->cov[(size_t)r * (size_t)d->ncov] + u->d;
    }
}

/* Fits f (REML or ML) on the named dataset after the change of units u. */
static int fit_units(t_ctx *t, const char *name, const dk_fit_spec *spec, const t_units *u,
                     int reml, dk_fit_design *x, dk_lmm_fit *f, dk_err *e)
{
    char csv[600];
    snprintf(csv, sizeof csv, "%s/tests/data/fit/%s.csv", t->root, name);
    dk_fit_data d;
    if (dk_fit_data_load(&d, csv, spec, e) != 0)
        return -1;
    change_units(&d, u);
    int rc = dk_fit_design_build(&d, 0, 0, NULL, x, e);
    if (rc == 0 && (dk_lmm_rank_check(&x->stats, (const char *const *)x->names, e) != 0 ||
                    dk_lmm_fit_run(&x->stats, reml, f, e) != 0)) {
        dk_fit_design_free(x, d.nfac);
        rc = -1;
    }
    dk_fit_data_free(&d);
    return rc;
}

/*
 * The fit in new units, taken back to the old ones, against the fit in
 * the old: the fixed effects within 1e-6, the variances and standard
 * errors within 1e-6 relative, and the log-likelihood within 1e-6 once
 * the Jacobian of the change is allowed for (ML: n log a; REML: (n - p)
 * log a, and log b from log det X'V^-1 X).
 */
static void units_case(t_ctx *t, const char *name, const dk_fit_spec *spec, int cov,
                       const t_units *u, int reml, const dk_lmm_fit *f0)
{
    dk_fit_design x;
    dk_lmm_fit f;
    dk_err e;
    char tn[300];
    snprintf(tn, sizeof tn, "fit: %s %s, outcome %g y %+g, covariate %g x %+g: same fit",
             name, reml ? "REML" : "ML", u->a, u->c, u->b, u->d);
    if (fit_units(t, name, spec, u, reml, &x, &f, &e) != 0) {
        t_ok(t, 0, tn, "%s", e.msg);
        return;
    }
    double dbeta = 0, dse = 0;
    for (int i = 0; i < f.p; i++) {
        double k = i == cov ? u->b / u->a : 1 / u->a;
        double back = f.beta[i] * k;
        if (i == 0)
            back = (f.beta[0] - u->c + (cov > 0 ? f.beta[cov] * u->d : 0)) / u->a;
        dbeta = fmax(dbeta, fabs(back - f0->beta[i]));
        if (i > 0)
            dse = fmax(dse, rel(f.se[i] * k, f0->se[i]));
    }
    double a2 = u->a * u->a;
    double dvg = rel(f.var_group / a2, f0->var_group);
    double dvr = rel(f.var_resid / a2, f0->var_resid);
    double jac = (double)(reml ? f.n - f.p : f.n) * log(fabs(u->a)) +
                 (reml && cov > 0 ? log(fabs(u->b)) : 0);
    double dll = fabs(f.loglik + jac - f0->loglik);
    t_ok(t, dbeta <= 1e-6 && dse <= 1e-6 && dvg <= 1e-6 && dvr <= 1e-6 && dll <= 1e-6, tn,
         "max |d beta| %.3g, se rel %.3g, var_group rel %.3g, var_resid rel %.3g, "
         "|d loglik| %.3g", dbeta, dse, dvg, dvr, dll);
    dk_lmm_fit_free(&f);
    dk_fit_design_free(&x, spec->factors ? 3 : 0);
}

/* Issue 16, defect 1: shifts and scalings of the outcome and a covariate
 * up to 1e9 change nothing but the units. */
static void units_invariance(t_ctx *t)
{
    const char *outcomes[] = { "tailor", NULL }, *covs[] = { "years", NULL };
    const char *factors[] = { "support-needs", "heavy", "support", NULL };
    dk_fit_spec spec = { "respondent", NULL, outcomes, factors, covs };
    const t_units cases[] = {
        { 1, 1e3, 1, 0 }, { 1, 1e5, 1, 0 }, { 1, 1e7, 1, 0 }, { 1, 1e9, 1, 0 },
        { 1, -1e9, 1, 0 }, { 1e-9, 0, 1, 0 }, { 1e9, 0, 1, 0 }, { 1e9, 1e9, 1, 0 },
        { 1, 0, 1, 1e5 }, { 1, 0, 1, 1e9 }, { 1, 0, 1e9, 0 }, { 1, 0, 1e-9, 0 },
        { 1, 0, 1e-3, 1e5 }, { 1e3, -1e9, 1e-3, 1e5 },
    };
    const t_units same = { 1, 0, 1, 0 };
    int cov = 1 + 3 + 3 + 4;     /* (Intercept), 3 + 3 + 4 dummies, years */
    for (int reml = 1; reml >= 0; reml--) {
        dk_fit_design x0;
        dk_lmm_fit f0;
        dk_err e;
        if (fit_units(t, "unbalanced", &spec, &same, reml, &x0, &f0, &e) != 0) {
            t_ok(t, 0, "fit: units invariance", "%s", e.msg);
            continue;
        }
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
            units_case(t, "unbalanced", &spec, cov, &cases[k], reml, &f0);
        dk_lmm_fit_free(&f0);
        dk_fit_design_free(&x0, 3);
    }
}

/* Reads every record of text written to a file; fields joined by '|',
 * records by '/'.  Returns the error message instead on failure. */
static void csv_read(t_ctx *t, const char *text, const char *file, char *out, size_t n)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", t->tmp, file);
    dk_err e;
    if (dk_write_atomic(path, text, strlen(text), &e) != 0) {
        snprintf(out, n, "write: %s", e.msg);
        return;
    }
    out[0] = '\0';
    dk_csv *c = dk_csv_open(path, &e);
    int rc = c ? 1 : -1;
    while (c && (rc = dk_csv_next(c, &e)) == 1)
        for (int i = 0; i < dk_csv_ncols(c); i++)
            snprintf(out + strlen(out), n - strlen(out), "%s%s", dk_csv_field(c, i),
                     i + 1 < dk_csv_ncols(c) ? "|" : "/");
    if (rc < 0) {
        const char *msg = strrchr(e.msg, '/') ? strrchr(e.msg, '/') + 1 : e.msg;
        snprintf(out, n, "error %s", msg);
    }
    dk_csv_close(c);
}

static void csv_case(t_ctx *t, const char *name, const char *file, const char *text,
                     const char *want)
{
    char got[1000];
    csv_read(t, text, file, got, sizeof got);
    t_ok(t, strstr(got, want) == got, name, "got '%s', want '%s'", got, want);
}

static void csv_reader(t_ctx *t)
{
    csv_case(t, "csv: quoted fields, doubled quotes, CRLF, blank lines", "a.csv",
             "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\n2,\n", "x,1|say \"hi\"/2|/");
    csv_case(t, "csv: a quoted field spans lines", "b.csv", "a,b\n\"one\ntwo\",3\n4,5\n",
             "one\ntwo|3/4|5/");
    csv_case(t, "csv: gzip input", "c.csv.gz", "a,b\n1,2\n", "1|2/");
    csv_case(t, "csv: wrong field count names the line", "d.csv", "a,b\n1,2\n\n3\n",
             "error d.csv:4: expected 2 fields (as in the header), got 1");
    csv_case(t, "csv: an unclosed quote names where it opened", "e.csv",
             "a,b\n1,2\n3,\"x\n\n", "error e.csv:3: field 2: quote opened here is never closed");
    csv_case(t, "csv: empty file", "f.csv", "", "error f.csv: empty file");
    csv_case(t, "csv: duplicate column", "g.csv", "a,b,a\n", "error g.csv:1: column 'a' appears twice");
    csv_case(t, "csv: invalid UTF-8", "h.csv", "a,b\n1,\xff\n", "error h.csv:2: field 2: byte 1 is not valid UTF-8");
    csv_case(t, "csv: stray quote", "i.csv", "a,b\n1,x\"y\n", "error i.csv:2: field 2: a quote inside");
}

static void data_file(t_ctx *t, const char *name, const char *text, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", t->tmp, name);
    write_file(path, text);
}

static void fit_bad_inputs(t_ctx *t)
{
    const char *fit = "fit tests/data/fit/balanced.csv --group respondent";
    char args[1200], path[400];
    snprintf(args, sizeof args, "%s --outcome tailr", fit);
    bad(t, "fit: unknown outcome column", args,
        "balanced.csv:1: outcome column 'tailr' is not in the header; did you mean 'tailor'?");
    snprintf(args, sizeof args, "%s --outcome tailor --factors heavy --by sector", fit);
    bad(t, "fit: unknown --by column", args, "--by column 'sector' is not in the header");
    data_file(t, "nonnum.csv", "respondent,heavy,tailor\na,1,2\na,3,3.5\nb,1,abc\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: non-numeric outcome", args, "nonnum.csv:4: column 'tailor': 'abc' is not a number");
    data_file(t, "onelevel.csv", "respondent,heavy,tailor\na,1,2\na,1,3.5\nb,1,3\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: a factor with one level", args, "column 'heavy' has the single level '1'");
    data_file(t, "nogroup.csv", "respondent,heavy,tailor\na,1,2\n,3,3.5\nb,1,3\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: a row without its group", args,
        "nogroup.csv:3: column 'respondent': value missing in a row with an outcome");
    data_file(t, "empty.csv", "", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    bad(t, "fit: empty file", args, "empty.csv: empty file");
    data_file(t, "header.csv", "respondent,tailor\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    bad(t, "fit: header only", args, "header.csv: no rows with a value for any outcome");
    snprintf(args, sizeof args, "cd %s && gzip -c tests/data/fit/balanced.csv | head -c 900 "
             "> %s/trunc.csv.gz", t->root, t->tmp);
    if (system(args) != 0)
        fprintf(stderr, "runner: could not write trunc.csv.gz\n");
    snprintf(args, sizeof args, "fit %s/trunc.csv.gz --group respondent --outcome tailor",
             t->tmp);
    bad(t, "fit: truncated gzip", args, "trunc.csv.gz: corrupt or truncated gzip data");
    data_file(t, "rank.csv", "respondent,heavy,copy,tailor\na,1,x,2\na,3,y,3.5\nb,1,x,3\n"
              "b,3,y,2\nc,1,x,2.5\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy,copy", path);
    bad(t, "fit: rank deficiency names the confounded columns", args,
        "not of full rank: 'copy=y' is confounded with 'heavy=3'");
    data_file(t, "const.csv", "respondent,heavy,year,tailor\na,1,2020,2\na,3,2020,3.5\nb,1,2020,3\n"
              "b,3,2020,2\nc,1,2020,2.5\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy "
             "--covariates year", path);
    bad(t, "fit: a covariate that never changes is confounded with the intercept", args,
        "'year' has the same value in every row (confounded with '(Intercept)')");
    snprintf(args, sizeof args, "%s --outcome tailor --factors heavy --reference heavy=7", fit);
    bad(t, "fit: unknown reference level", args, "--reference: column 'heavy' has no level '7'");
    snprintf(args, sizeof args, "%s --outcome tailor --factors tailor", fit);
    bad(t, "fit: a column in two roles", args, "column 'tailor' is named twice");
    bad(t, "fit: no data file", "fit --group respondent --outcome tailor", "expected one data file");
}

static void fit_outputs(t_ctx *t)
{
    char args[1200];
    const char *fit = "fit tests/data/fit/missing-level.csv --group respondent --outcome "
                      "tailor --factors support-needs,heavy,support";
    t_run_result plain, gz;
    snprintf(args, sizeof args, "%s --format csv", fit);
    t_run(t, args, &plain);
    snprintf(args, sizeof args, "cd %s && gzip -c tests/data/fit/missing-level.csv > "
             "%s/ml.csv.gz", t->root, t->tmp);
    if (system(args) != 0)
        fprintf(stderr, "runner: could not write ml.csv.gz\n");
    snprintf(args, sizeof args, "fit %s/ml.csv.gz --group respondent --outcome tailor "
             "--factors support-needs,heavy,support --format csv", t->tmp);
    t_run(t, args, &gz);
    t_ok(t, plain.status == 0 && gz.status == 0 && plain.outlen == gz.outlen &&
         memcmp(plain.out, gz.out, plain.outlen) == 0 &&
         t_contains(plain.out, "\"\",\"tailor\",REML,\"support=specialist\","),
         "fit: gzip input gives the same CSV", "status %d/%d: %.300s %.300s", plain.status,
         gz.status, plain.err, gz.err);
    t_run_free(&plain);
    t_run_free(&gz);
    snprintf(args, sizeof args, "%s --ml --format json", fit);
    expect(t, "fit: JSON names fixed effects COL=LEVEL and the variances", args, 0,
           "\"method\": \"ML\"", NULL);
    snprintf(args, sizeof args, "%s --format json", fit);
    t_run_result j;
    t_run(t, args, &j);
    const char *keys[] = { "\"(Intercept)\": {\"estimate\": ", "\"heavy=5\": {",
                           "\"var_group\": ", "\"var_residual\": ", "\"loglik\": ",
                           "\"n_groups\": 30", NULL };
    int missing = t_missing(j.out, keys);
    t_ok(t, j.status == 0 && missing == 0, "fit: JSON has the documented keys",
         "%d missing: %.400s", missing, j.out);
    t_run_free(&j);
    expect(t, "fit: --by fits each value apart",
           "fit tests/data/fit/balanced.csv --group respondent --outcome tailor --factors "
           "heavy --by support", 0, "outcome 'tailor' (support=specialist): REML", NULL);
    expect(t, "fit: --reference sets the baseline level",
           "fit tests/data/fit/balanced.csv --group respondent --outcome tailor --factors "
           "support --reference support=none --format csv", 0, "\"support=assistant\"", NULL);
}

/* Defects of issue 16 that each had a silent wrong answer. */
static void fit_defects(t_ctx *t)
{
    char args[1200], path[400];
    data_file(t, "bom.csv", "\xEF\xBB\xBFrespondent,heavy,tailor\na,1,2\na,3,3.5\nb,1,3\n"
              "b,3,2.5\nc,1,2.5\nc,3,4\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    expect(t, "fit: a UTF-8 byte order mark is not part of the first column's name", args,
           0, "6 observations in 3 groups (respondent)", NULL);
    data_file(t, "bom-quoted.csv", "\xEF\xBB\xBF\"respondent\",tailor\na,2\na,3\nb,3\nb,2.5\n",
              path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    expect(t, "fit: a byte order mark before a quoted first name", args, 0,
           "4 observations in 2 groups", NULL);
    expect(t, "fit: --format csv says the fit is on the boundary",
           "fit tests/data/fit/boundary.csv --group respondent --outcome tailor --factors "
           "support-needs --format csv", 0, "\"boundary\",1", NULL);
}

void test_fit(t_ctx *t)
{
    /* as main: the fit code reads GSL's failures from return values */
    gsl_set_error_handler_off();
    const char *sets[] = { "balanced", "unbalanced", "single", "missing-level", "boundary", NULL };
    for (int i = 0; sets[i]; i++)
        against_lme4(t, sets[i]);
    units_invariance(t);
    csv_reader(t);
    fit_bad_inputs(t);
    fit_outputs(t);
    fit_defects(t);
}
