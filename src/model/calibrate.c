/*
 * calibrate.c -- the structured-prior calibration.  See calibrate.h.
 *
 * Every check is linear in the parameters, so it is turned once into a
 * sparse row (b + a . theta).  The solver is GSL's large-scale nonlinear
 * least squares (gsl_multilarge_nlinear, Levenberg-Marquardt with a
 * Cholesky step), fed J^T J directly: the rows are sparse, so forming it
 * costs little, and a dense Jacobian of all checks would not.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fnmatch.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multilarge_nlinear.h>

#include "draagkracht/model/calibrate.h"

/* Constraints are aimed this far inside their bound so that rounding the
 * model file to 4 decimals cannot push a check over. */
#define MARGIN 0.002
/* A constraint closer than this to its aim point "binds". */
#define BIND_EPS 1e-3

typedef struct {
    int k;
    double a;
} entry;

typedef struct {
    entry *e;
    int n;
    double b;
} srow;

typedef struct {
    const dk_targets *ts;
    size_t ncal;
    double *prior, *scale;
    int *sign;
    srow *rows;             /* one per check */
    entry *row_buf;         /* ncal entries: one residual row's gradient */
    double mu;              /* penalty weight */
} problem;

/* One residual row as a sparse vector: (coefficient, parameter) pairs.
 * buf holds ncal entries (a row never has more), or is NULL when only the
 * value is wanted. */
typedef struct {
    entry *buf;
    int n;
    double value;
} rowval;

static double row_d(const srow *r, const double *x)
{
    double d = r->b;
    for (int i = 0; i < r->n; i++)
        d += r->e[i].a * x[r->e[i].k];
    return d;
}

/* Violation of a check at d, aiming MARGIN inside; *dv is dviolation/dd. */
static double violation(const dk_check *c, double d, double *dv)
{
    double v = MARGIN - dk_check_slack(c, d);
    *dv = v > 0 ? -dk_check_dslack(c, d) : 0;
    return v > 0 ? v : 0;
}

/* Equality anchors also pull towards their value, weighted by tolerance. */
static double anchor_weight(const dk_check *c)
{
    return c->op == '=' ? 1.0 / (c->tol > 0.01 ? c->tol : 0.01) : 0;
}

/*
 * Residual i at x, as a value and a sparse gradient.  Layout: ncal prior
 * rows, nc penalty rows, nc anchor rows, ncal sign rows.
 */
static void residual(const problem *p, size_t i, const double *x, rowval *out)
{
    size_t nc = p->ts->nc, ncal = p->ncal;
    double smu = sqrt(p->mu);
    out->n = 0;
    out->value = 0;
    if (i < ncal) {
        out->value = (x[i] - p->prior[i]) / p->scale[i];
        if (out->buf)
            out->buf[out->n++] = (entry){ (int)i, 1 / p->scale[i] };
        return;
    }
    i -= ncal;
    if (i < 2 * nc) {
        int anchor = i >= nc;
        const srow *r = &p->rows[anchor ? i - nc : i];
        const dk_check *c = &p->ts->c[anchor ? i - nc : i];
        double d = row_d(r, x), dv, w;
        if (anchor) {
            w = anchor_weight(c);
            out->value = w * d;
        } else {
            out->value = smu * violation(c, d, &dv);
            w = smu * dv;
        }
        for (int k = 0; out->buf && w != 0 && k < r->n; k++)
            out->buf[out->n++] = (entry){ r->e[k].k, w * r->e[k].a };
        return;
    }
    i -= 2 * nc;
    double sx = p->sign[i] * x[i];
    if (sx < 0) {
        out->value = -smu * sx;
        if (out->buf)
            out->buf[out->n++] = (entry){ (int)i, -smu * p->sign[i] };
    }
}

static size_t nresid(const problem *p) { return 2 * p->ncal + 2 * p->ts->nc; }

static int f_cb(const gsl_vector *x, void *data, gsl_vector *f)
{
    const problem *p = data;
    rowval rv = { NULL, 0, 0 };
    for (size_t i = 0; i < nresid(p); i++) {
        residual(p, i, x->data, &rv);
        gsl_vector_set(f, i, rv.value);
    }
    return GSL_SUCCESS;
}

static int df_cb(CBLAS_TRANSPOSE_t trans, const gsl_vector *x,
                 const gsl_vector *u, void *data, gsl_vector *v,
                 gsl_matrix *JTJ)
{
    const problem *p = data;
    rowval rv = { p->row_buf, 0, 0 };
    if (v)
        gsl_vector_set_zero(v);
    if (JTJ)
        gsl_matrix_set_zero(JTJ);
    for (size_t i = 0; i < nresid(p); i++) {
        residual(p, i, x->data, &rv);
        for (int a = 0; a < rv.n; a++) {
            entry ea = rv.buf[a];
            if (v && u && trans == CblasNoTrans)
                v->data[i] += ea.a * gsl_vector_get(u, (size_t)ea.k);
            else if (v && u)
                v->data[ea.k] += ea.a * gsl_vector_get(u, i);
            for (int b = 0; JTJ && b < rv.n; b++)
                *gsl_matrix_ptr(JTJ, (size_t)ea.k, (size_t)rv.buf[b].k) +=
                    ea.a * rv.buf[b].a;
        }
    }
    return GSL_SUCCESS;
}

/* ---- setting up: assumed values, priors, sparse check rows ------------ */

static const dk_prior *prior_for(const dk_targets *ts, const char *name)
{
    const dk_prior *hit = NULL;
    for (size_t i = 0; i < ts->npr; i++)
        if (fnmatch(ts->pr[i].pattern, name, 0) == 0)
            hit = &ts->pr[i]; /* later lines override earlier ones */
    return hit;
}

static int apply_assumptions(dk_model *m, const dk_targets *ts, dk_err *e)
{
    for (size_t i = 0; i < ts->nas; i++) {
        const dk_assume *a = &ts->as[i];
        dk_param *p = &m->p[dk_model_find(m, a->name)];
        if (prior_for(ts, p->name))
            return dk_fail(e, "%s:%d: %s: has both a prior (calibrated) and an "
                           "assume line", ts->path, a->line, a->name);
        p->value = a->value;
        p->lo = a->lo;
        p->hi = a->hi;
        p->kind = a->kind;
        snprintf(p->source, sizeof p->source, "%s", a->source);
        p->set = 1;
    }
    for (size_t i = 0; i < m->n; i++)
        if (!m->p[i].set && !prior_for(ts, m->p[i].name))
            return dk_fail(e, "%s: parameter '%s' has neither a prior nor an "
                           "assume line", ts->path, m->p[i].name);
    return 0;
}

/* Linearises each check: b = d(theta_cal = 0), a_k = d(e_k) - b; -1 when
 * out of memory. */
static int linearise(problem *pb, const dk_model *m, const int *cal,
                     double *theta)
{
    const dk_targets *ts = pb->ts;
    pb->rows = calloc(ts->nc, sizeof *pb->rows);
    if (!pb->rows)
        return -1;
    for (size_t k = 0; k < pb->ncal; k++)
        theta[cal[k]] = 0;
    for (size_t j = 0; j < ts->nc; j++)
        pb->rows[j].b = dk_check_value(m, theta, &ts->c[j]);
    for (size_t k = 0; k < pb->ncal; k++) {
        theta[cal[k]] = 1;
        for (size_t j = 0; j < ts->nc; j++) {
            double a = dk_check_value(m, theta, &ts->c[j]) - pb->rows[j].b;
            if (fabs(a) < 1e-12)
                continue;
            srow *r = &pb->rows[j];
            entry *grown = realloc(r->e, (size_t)(r->n + 1) * sizeof *r->e);
            if (!grown)
                return -1;
            r->e = grown;
            r->e[r->n++] = (entry){ (int)k, a };
        }
        theta[cal[k]] = 0;
    }
    return 0;
}

static int solve(problem *pb, double *x, int *iterations)
{
    gsl_multilarge_nlinear_parameters par = gsl_multilarge_nlinear_default_parameters();
    par.trs = gsl_multilarge_nlinear_trs_lm;
    par.solver = gsl_multilarge_nlinear_solver_cholesky;
    gsl_multilarge_nlinear_fdf fdf = { 0 };
    fdf.f = f_cb;
    fdf.df = df_cb;
    fdf.n = nresid(pb);
    fdf.p = pb->ncal;
    fdf.params = pb;
    gsl_multilarge_nlinear_workspace *w =
        gsl_multilarge_nlinear_alloc(gsl_multilarge_nlinear_trust, &par, fdf.n, fdf.p);
    if (!w)
        return -1;
    gsl_vector_view xv = gsl_vector_view_array(x, pb->ncal);
    /* A growing penalty: each stage starts where the last one ended. */
    for (pb->mu = 1e2; pb->mu <= 1e10; pb->mu *= 100) {
        int info;
        gsl_multilarge_nlinear_init(&xv.vector, &fdf, w);
        gsl_multilarge_nlinear_driver(400, 1e-12, 1e-12, 1e-12, NULL, NULL,
                                      &info, w);
        gsl_vector_memcpy(&xv.vector, gsl_multilarge_nlinear_position(w));
        *iterations += (int)gsl_multilarge_nlinear_niter(w);
    }
    gsl_multilarge_nlinear_free(w);
    return 0;
}

static double round4(double v)
{
    double r = round(v * 1e4) / 1e4;
    return r == 0 ? 0 : r; /* no "-0.0000" in the model file */
}

/* Provenance of a calibrated parameter: the targets whose checks bind it
 * (seen: room for a flag per target). */
static void binding_source(const problem *pb, size_t k, const dk_prior *pr,
                           const double *x, char *seen, char *out, size_t cap)
{
    const dk_targets *ts = pb->ts;
    char ids[240] = "";
    size_t used = 0;
    memset(seen, 0, ts->nt);
    for (size_t j = 0; j < ts->nc; j++) {
        const srow *r = &pb->rows[j];
        const dk_check *c = &ts->c[j];
        int has = 0;
        for (int i = 0; i < r->n; i++)
            has |= r->e[i].k == (int)k;
        int binds = c->op == '=' ||
                    dk_check_slack(c, row_d(r, x)) < MARGIN + BIND_EPS;
        if (!has || !binds || seen[c->target])
            continue;
        seen[c->target] = 1;
        const char *id = ts->t[c->target].id;
        if (used + strlen(id) + 2 < sizeof ids)
            used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s",
                                     used ? "," : "", id);
    }
    if (used)
        snprintf(out, cap, "targets %.240s; prior %g (scale %g, line %d)", ids,
                 pr->value, pr->scale, pr->line);
    else
        snprintf(out, cap, "no target binds it: prior %g (scale %g, line %d)",
                 pr->value, pr->scale, pr->line);
}

static void finish_param(dk_param *p, const dk_prior *pr, double v)
{
    p->value = round4(v);
    if (pr->sign * p->value < 0)
        p->value = 0;
    p->lo = round4(p->value - pr->unc);
    p->hi = round4(p->value + pr->unc);
    /* Monotone effects stay monotone in every Monte Carlo draw. */
    if (pr->sign > 0 && p->lo < 0)
        p->lo = 0;
    if (pr->sign < 0 && p->hi > 0)
        p->hi = 0;
    p->kind = DK_PROV_CALIBRATED;
    p->set = 1;
}

/* Checks the rounded model; names the worst-violated checks first, since
 * one impossible target drags many others over with it.  theta: room for
 * the parameters. */
static int verify(const dk_model *m, const dk_targets *ts, double *theta, dk_err *e)
{
    dk_model_values(m, theta);
    int unmet = 0;
    size_t worst[3] = { 0, 0, 0 };
    double wv[3] = { 0, 0, 0 }, wd[3] = { 0, 0, 0 };
    for (size_t j = 0; j < ts->nc; j++) {
        double dv, d = dk_check_value(m, theta, &ts->c[j]);
        if (dk_check_met(&ts->c[j], d, 0))
            continue;
        unmet++;
        double v = violation(&ts->c[j], d, &dv);
        for (int k = 0; k < 3; k++)
            if (v > wv[k]) {
                for (int l = 2; l > k; l--) {
                    worst[l] = worst[l - 1];
                    wv[l] = wv[l - 1];
                    wd[l] = wd[l - 1];
                }
                worst[k] = j;
                wv[k] = v;
                wd[k] = d;
                break;
            }
    }
    if (!unmet)
        return 0;
    char list[600] = "";
    for (int k = 0; k < 3 && k < unmet; k++) {
        const dk_check *c = &ts->c[worst[k]];
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "\n  %.60s:%d: %s %.120s (lhs - rhs = %.4f)",
                 ts->path, c->line, ts->t[c->target].id, c->text, wd[k]);
    }
    return dk_fail(e, "%s: %d check%s cannot be met together with the others; "
                   "worst first:%s", ts->path, unmet, unmet == 1 ? "" : "s", list);
}

/* The problem's arrays and the solver's start x; NULL members when out of
 * memory (problem_free takes either). */
typedef struct {
    int *cal;
    const dk_prior **prs;
    double *x, *theta;
    char *seen;
} scratch;

static int problem_alloc(problem *pb, scratch *s, const dk_model *m)
{
    size_t n = m->n + 1;
    *s = (scratch){ malloc(n * sizeof *s->cal), malloc(n * sizeof *s->prs),
                    malloc(n * sizeof *s->x), malloc(n * sizeof *s->theta),
                    malloc(pb->ts->nt + 1) };
    pb->prior = malloc(n * sizeof(double));
    pb->scale = malloc(n * sizeof(double));
    pb->sign = malloc(n * sizeof(int));
    pb->row_buf = malloc(n * sizeof(entry));
    return s->cal && s->prs && s->x && s->theta && s->seen && pb->prior && pb->scale &&
           pb->sign && pb->row_buf ? 0 : -1;
}

static void problem_free(problem *pb, scratch *s)
{
    for (size_t j = 0; pb->rows && j < pb->ts->nc; j++)
        free(pb->rows[j].e);
    free(pb->rows);
    free(pb->prior);
    free(pb->scale);
    free(pb->sign);
    free(pb->row_buf);
    free(s->x);
    free(s->theta);
    free(s->cal);
    free(s->prs);
    free(s->seen);
}

int dk_calibrate(dk_model *m, const dk_targets *ts, dk_calib_report *rep,
                 dk_err *e)
{
    memset(rep, 0, sizeof *rep);
    if (apply_assumptions(m, ts, e) != 0)
        return -1;
    problem pb = { 0 };
    pb.ts = ts;
    scratch s;
    if (problem_alloc(&pb, &s, m) != 0) {
        problem_free(&pb, &s);
        return dk_fail_oom(e, "calibrate");
    }
    int *cal = s.cal;
    const dk_prior **prs = s.prs;
    double *x = s.x;
    for (size_t i = 0; i < m->n; i++)
        if (!m->p[i].set) {
            prs[pb.ncal] = prior_for(ts, m->p[i].name);
            cal[pb.ncal++] = (int)i;
        }
    for (size_t k = 0; k < pb.ncal; k++) {
        pb.prior[k] = x[k] = prs[k]->value;
        pb.scale[k] = prs[k]->scale;
        pb.sign[k] = prs[k]->sign;
    }
    dk_model_values(m, s.theta);
    /* all fixed (ncal 0): nothing to solve, only to verify */
    if (linearise(&pb, m, cal, s.theta) != 0 ||
        (pb.ncal > 0 && solve(&pb, x, &rep->iterations) != 0)) {
        problem_free(&pb, &s);
        return dk_fail_oom(e, "calibrate");
    }
    double dist = 0;
    for (size_t k = 0; k < pb.ncal; k++) {
        dk_param *p = &m->p[cal[k]];
        finish_param(p, prs[k], x[k]);
        binding_source(&pb, k, prs[k], x, s.seen, p->source, sizeof p->source);
        double z = (p->value - pb.prior[k]) / pb.scale[k];
        dist += z * z;
    }
    rep->prior_distance = sqrt(dist);
    int rc = verify(m, ts, s.theta, e);
    rep->unmet = rc != 0;
    problem_free(&pb, &s);
    return rc;
}
