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
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multilarge_nlinear.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/model/calibrate.h"
#include "draagkracht/model/posterior.h"

/* Constraints are aimed this far inside their bound so that rounding the
 * model file to 4 decimals cannot push a check over. */
#define MARGIN 0.002
/* A constraint closer than this to its aim point "binds". */
#define BIND_EPS 1e-3
/* The posterior is sampled this far inside every constraint, so that
 * members written with 5 decimals still meet every check exactly; the
 * starting point (aimed MARGIN inside) is strictly inside this. */
#define HMC_MARGIN 5e-4

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

/* Equality anchors also pull towards their value, weighted by tolerance;
 * a printed number by its measurement SD (its Gaussian likelihood). */
static double anchor_weight(const dk_check *c)
{
    if (c->sigma > 0)
        return 1.0 / c->sigma;
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
    pb->rows = dk_calloc(ts->nc + 1, sizeof *pb->rows);
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
            entry *grown = dk_realloc(r->e, (size_t)(r->n + 1) * sizeof *r->e);
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

/* Provenance of a calibrated parameter: the targets whose checks bind it. */
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
        snprintf(out, cap, "targets %.200s bind it at the start point; prior %g "
                 "(scale %g, line %d)", ids, pr->value, pr->scale, pr->line);
    else
        snprintf(out, cap, "no target binds it at the start point; prior %g "
                 "(scale %g, line %d)", pr->value, pr->scale, pr->line);
}

/* ---- the posterior ---------------------------------------------------- */

void dk_calib_opts_default(dk_calib_opts *o)
{
    o->members = 1000;
    o->chains = 4;
    o->warmup = 200;
    o->thin = 4;
    o->seed = 20261203;
    o->prior_scale = 1;
    o->threads = 1;
}

/* Where calibrated parameter k sits in the predictor: its effect (capability
 * or demand, term), sector and outcome; effect -1 when it is no term. */
typedef struct {
    int effect, sector, outcome;
} place;

static void places(const dk_model *m, const int *cal, size_t ncal, place *pl)
{
    for (size_t k = 0; k < ncal; k++) {
        pl[k] = (place){ -1, -1, -1 };
        for (int s = 0; s < DK_NSECTOR; s++)
            for (int o = 0; o < DK_NOUTCOME; o++)
                for (int t = 0; t < DK_NTERM; t++)
                    if (m->term[s][o][t] == cal[k])
                        pl[k] = (place){ DK_IS_NEED(o) * DK_NTERM + t, s, o };
    }
}

/*
 * The structured prior's covariance: an effect of one sector and outcome is
 * a common term + a sector deviation + its own deviation, with variance
 * shares h[0..2] of its prior scale squared.  So aspects (and forms, and
 * sectors) are exchangeable, pulled together, and not forced equal.
 */
static void prior_cov(const problem *pb, const place *pl, const double h[3], gsl_matrix *S)
{
    size_t n = pb->ncal;
    for (size_t k = 0; k < n; k++)
        for (size_t l = 0; l < n; l++) {
            double r = k == l ? 1 : 0;
            if (k != l && pl[k].effect >= 0 && pl[k].effect == pl[l].effect)
                r = h[0] + (pl[k].sector == pl[l].sector ? h[1] : 0);
            gsl_matrix_set(S, k, l, r * pb->scale[k] * pb->scale[l]);
        }
}

/*
 * Folds the printed numbers' Gaussian likelihoods into the prior: each
 * reads d = b + a . x ~ N(0, sigma^2), so the precision gains a a^T /
 * sigma^2 and the precision-weighted mean a (-b) / sigma^2.  On entry S
 * holds the prior covariance; on exit the Cholesky factor of the Gaussian
 * part of the posterior, and mu its mean.  Without printed numbers only
 * the factor.  -1 when a matrix is not positive definite.
 */
static int fold_measurements(const problem *pb, gsl_matrix *S, double *mu)
{
    size_t n = pb->ncal;
    memcpy(mu, pb->prior, n * sizeof *mu);
    if (gsl_linalg_cholesky_decomp1(S) != 0)
        return -1;
    int any = 0;
    for (size_t j = 0; j < pb->ts->nc; j++)
        any |= pb->ts->c[j].sigma > 0 && pb->rows[j].n > 0;
    if (!any)
        return 0;
    gsl_vector *h = gsl_vector_alloc(n);
    if (!h)
        return -1;
    gsl_vector_view m = gsl_vector_view_array(mu, n);
    gsl_vector_memcpy(h, &m.vector);
    if (gsl_linalg_cholesky_invert(S) != 0)    /* S := prior precision */
        goto fail;
    gsl_blas_dsymv(CblasLower, 1, S, &m.vector, 0, h);  /* h = P mu */
    for (size_t j = 0; j < pb->ts->nc; j++) {
        const dk_check *c = &pb->ts->c[j];
        const srow *r = &pb->rows[j];
        if (!(c->sigma > 0))
            continue;
        double w = 1 / (c->sigma * c->sigma);
        for (int a = 0; a < r->n; a++) {
            size_t ka = (size_t)r->e[a].k;
            h->data[ka] += w * r->e[a].a * -r->b;
            for (int b = 0; b < r->n; b++)
                *gsl_matrix_ptr(S, ka, (size_t)r->e[b].k) += w * r->e[a].a * r->e[b].a;
        }
    }
    if (gsl_linalg_cholesky_decomp1(S) != 0 ||           /* posterior precision */
        gsl_linalg_cholesky_solve(S, h, &m.vector) != 0 ||  /* its mean */
        gsl_linalg_cholesky_invert(S) != 0 ||               /* its covariance */
        gsl_linalg_cholesky_decomp1(S) != 0)
        goto fail;
    gsl_vector_free(h);
    return 0;
fail:
    gsl_vector_free(h);
    return -1;
}

/* The Gaussian part of the posterior (prior and printed numbers): its
 * lower Cholesky factor, row-major, and its mean in mu; NULL on failure. */
static double *prior_factor(const problem *pb, const place *pl, const double h[3],
                            double *mu)
{
    size_t n = pb->ncal;
    gsl_matrix *S = gsl_matrix_alloc(n, n);
    double *L = dk_malloc(n * n * sizeof *L);
    if (!S || !L)
        goto fail;
    prior_cov(pb, pl, h, S);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = fold_measurements(pb, S, mu);
    gsl_set_error_handler(old);
    if (rc != 0)
        goto fail;
    for (size_t k = 0; k < n; k++)
        for (size_t l = 0; l < n; l++)
            L[k * n + l] = l <= k ? gsl_matrix_get(S, k, l) : 0;
    gsl_matrix_free(S);
    return L;
fail:
    if (S)
        gsl_matrix_free(S);
    dk_free(L);
    return NULL;
}

/* One-sided rows F x + g >= 0: each check's reading (two for an anchor,
 * none for a check on fixed parameters only) and each sign. */
typedef struct {
    double *F, *g;
    size_t m;
} polytope;

static void add_row(polytope *P, size_t n, const srow *r, double dir, double off)
{
    double *row = P->F + P->m * n;
    memset(row, 0, n * sizeof *row);
    for (int i = 0; r && i < r->n; i++)
        row[r->e[i].k] = dir * r->e[i].a;
    P->g[P->m++] = off;
}

static int build_polytope(const problem *pb, polytope *P)
{
    size_t n = pb->ncal, cap = 2 * pb->ts->nc + n;
    P->m = 0;
    P->F = dk_malloc(cap * n * sizeof *P->F);
    P->g = dk_malloc(cap * sizeof *P->g);
    if (!P->F || !P->g)
        return -1;
    for (size_t j = 0; j < pb->ts->nc; j++) {
        const dk_check *c = &pb->ts->c[j];
        const srow *r = &pb->rows[j];
        if (r->n == 0)
            continue; /* fixed parameters only: verify() judges it */
        if (c->op != '<')  /* d + tol >= 0 */
            add_row(P, n, r, 1, r->b + c->tol - HMC_MARGIN);
        if (c->op != '>')  /* tol - d >= 0 */
            add_row(P, n, r, -1, c->tol - r->b - HMC_MARGIN);
    }
    for (size_t k = 0; k < n; k++)
        if (pb->sign[k]) {
            srow unit = { &(entry){ (int)k, 1.0 }, 1, 0 };
            add_row(P, n, &unit, pb->sign[k], 0);
        }
    return 0;
}

/* The start: the MAP point, with each signed effect strictly on its side. */
static void start_point(const problem *pb, const double *x, double *x0)
{
    for (size_t k = 0; k < pb->ncal; k++) {
        x0[k] = x[k];
        if (pb->sign[k] && pb->sign[k] * x0[k] < 1e-4)
            x0[k] = pb->sign[k] * 1e-4;
    }
}

static double round_to(double v, double unit)
{
    double r = round(v / unit) * unit;
    return r == 0 ? 0 : r; /* no "-0.0000" in the model file */
}

static int sample(problem *pb, const place *pl, const double *xmap,
                  const dk_calib_opts *o, double *draws, dk_calib_report *rep,
                  dk_err *e)
{
    size_t n = pb->ncal;
    polytope P = { 0 };
    double *mu = dk_malloc(n * sizeof *mu);
    double *L = mu ? prior_factor(pb, pl, pb->ts->hier, mu) : NULL;
    double *x0 = dk_malloc(n * sizeof *x0);
    int rc = -1;
    if (!L || !x0 || build_polytope(pb, &P) != 0) {
        dk_fail(e, "%s: out of memory (or a prior that is not positive "
                "definite) setting up the posterior", pb->ts->path);
        goto done;
    }
    start_point(pb, xmap, x0);
    dk_tmvn t = { n, P.m, mu, L, P.F, P.g };
    dk_hmc_opts ho = { o->chains, o->warmup, o->members / o->chains, o->thin, o->seed,
                        o->threads };
    dk_hmc_stats st;
    rc = dk_tmvn_sample(&t, x0, &ho, draws, &st, e);
    rep->nrows = P.m;
    rep->bounces = st.bounces;
    rep->trajectories = st.trajectories;
done:
    dk_free(mu);
    dk_free(L);
    dk_free(x0);
    dk_free(P.F);
    dk_free(P.g);
    return rc;
}

/* ---- summaries and diagnostics ---------------------------------------- */

/* Chain-major values of one quantity: f(draw) for every draw. */
typedef double (*quantity)(const void *ctx, const double *x);

static double q_param(const void *ctx, const double *x) { return x[*(const size_t *)ctx]; }
static double q_check(const void *ctx, const double *x) { return row_d(ctx, x); }

static void diagnose(const double *draws, size_t n, const dk_calib_opts *o,
                     quantity q, const void *ctx, double *v, double *rhat, double *ess)
{
    int per = o->members / o->chains;
    for (int i = 0; i < o->chains * per; i++)
        v[i] = q(ctx, draws + (size_t)i * n);
    *rhat = dk_split_rhat(v, o->chains, per);
    *ess = dk_ess(v, o->chains, per);
}

static void note_worst(dk_calib_report *rep, double rhat, double ess, int is_param,
                       const char *name)
{
    double *max = is_param ? &rep->max_rhat_param : &rep->max_rhat;
    if (rhat > *max) {
        *max = rhat;
        snprintf(is_param ? rep->worst_rhat_param : rep->worst_rhat, 64, "%.63s", name);
    }
    double *min = is_param ? &rep->min_ess_param : &rep->min_ess_check;
    if (ess < *min) {
        *min = ess;
        if (is_param || ess < rep->min_ess_param)
            snprintf(rep->worst_ess, sizeof rep->worst_ess, "%.63s", name);
    }
}

static int diagnostics(const problem *pb, const dk_model *m, const int *cal,
                       const double *draws, const dk_calib_opts *o,
                       dk_calib_report *rep)
{
    double *v = dk_malloc((size_t)o->members * sizeof *v), rhat, ess;
    if (!v)
        return -1;
    rep->max_rhat = rep->max_rhat_param = 0;
    rep->min_ess_param = rep->min_ess_check = INFINITY;
    for (size_t k = 0; k < pb->ncal; k++) {
        diagnose(draws, pb->ncal, o, q_param, &k, v, &rhat, &ess);
        note_worst(rep, rhat, ess, 1, m->p[cal[k]].name);
    }
    for (size_t j = 0; j < pb->ts->nc; j++) {
        if (pb->rows[j].n == 0)
            continue;
        diagnose(draws, pb->ncal, o, q_check, &pb->rows[j], v, &rhat, &ess);
        char id[64];
        snprintf(id, sizeof id, "check %s (line %d)",
                 pb->ts->t[pb->ts->c[j].target].id, pb->ts->c[j].line);
        note_worst(rep, rhat, ess, 0, id);
    }
    dk_free(v);
    return 0;
}

/* Members in ensemble order: chains interleaved, so that the first R
 * replicates of a command draw from every chain. */
static void to_members(const double *draws, size_t n, const dk_calib_opts *o,
                       double *mem)
{
    int per = o->members / o->chains;
    for (int i = 0; i < per; i++)
        for (int c = 0; c < o->chains; c++) {
            const double *src = draws + ((size_t)c * (size_t)per + (size_t)i) * n;
            double *dst = mem + ((size_t)i * (size_t)o->chains + (size_t)c) * n;
            for (size_t k = 0; k < n; k++)
                dst[k] = round_to(src[k], 1e-5);
        }
}

/* value = posterior mean, lo..hi = its 5-95 % range; provenance says so. */
static void summarise_param(dk_param *p, const double *mem,
                            size_t n, size_t k, size_t K, double *tmp,
                            const char *binds)
{
    for (size_t r = 0; r < K; r++)
        tmp[r] = mem[r * n + k];
    double lo, hi;
    p->value = round_to(gsl_stats_mean(tmp, 1, K), 1e-4);
    dk_interval90(tmp, K, &lo, &hi);
    p->lo = fmin(p->value, round_to(lo, 1e-4));
    p->hi = fmax(p->value, round_to(hi, 1e-4));
    p->kind = DK_PROV_CALIBRATED;
    p->set = 1;
    snprintf(p->source, sizeof p->source, "posterior mean and 5-95 %% of %zu "
             "members; %.200s", K, binds);
}

/* Checks the rounded model, point values and every member; names the
 * worst-violated checks first, since one impossible target drags many
 * others over with it. */
static int verify_theta(const dk_model *m, const dk_targets *ts,
                        const double *theta, const char *what, dk_err *e)
{
    int unmet = 0;
    size_t worst = 0;
    double wv = 0, wd = 0;
    for (size_t j = 0; j < ts->nc; j++) {
        double dv, d = dk_check_value(m, theta, &ts->c[j]);
        if (dk_check_met(&ts->c[j], d, 0))
            continue;
        unmet++;
        double v = violation(&ts->c[j], d, &dv);
        if (v > wv) {
            wv = v;
            worst = j;
            wd = d;
        }
    }
    if (!unmet)
        return 0;
    const dk_check *c = &ts->c[worst];
    return dk_fail(e, "%s: %d check%s cannot be met %s; worst: %.60s:%d: %s "
                   "%.120s (lhs - rhs = %.4f)", ts->path, unmet,
                   unmet == 1 ? "" : "s", what, ts->path, c->line,
                   ts->t[c->target].id, c->text, wd);
}

static int verify(const dk_model *m, const dk_targets *ts, const int *cal,
                  size_t ncal, dk_err *e)
{
    double *theta = dk_malloc(m->n * sizeof *theta);
    if (!theta)
        return dk_fail_oom(e, "calibrate");
    dk_model_values(m, theta);
    int rc = verify_theta(m, ts, theta, "together with the others", e);
    for (size_t r = 0; rc == 0 && r < m->nmember; r++) {
        for (size_t k = 0; k < ncal; k++)
            theta[cal[k]] = m->member[r * ncal + k];
        char what[64];
        snprintf(what, sizeof what, "by ensemble member %zu", r + 1);
        rc = verify_theta(m, ts, theta, what, e);
    }
    dk_free(theta);
    return rc;
}

/* ---- the whole ------------------------------------------------------- */

typedef struct {
    int *cal;
    const dk_prior **prs;
    double *x, *theta, *draws, *mem, *tmp;
    place *pl;
    char *seen;             /* a flag per target */
} scratch;

static void scratch_free(scratch *w)
{
    dk_free(w->cal);
    dk_free(w->prs);
    dk_free(w->x);
    dk_free(w->theta);
    dk_free(w->draws);
    dk_free(w->mem);
    dk_free(w->tmp);
    dk_free(w->pl);
    dk_free(w->seen);
}

static int setup(dk_model *m, problem *pb, scratch *w, const dk_calib_opts *o)
{
    size_t K = (size_t)o->members;
    w->cal = dk_malloc(m->n * sizeof *w->cal);
    w->prs = dk_malloc(m->n * sizeof *w->prs);
    w->theta = dk_malloc(m->n * sizeof *w->theta);
    w->seen = dk_malloc(pb->ts->nt + 1);
    if (!w->cal || !w->prs || !w->theta || !w->seen)
        return -1;
    for (size_t i = 0; i < m->n; i++)
        if (!m->p[i].set) {
            w->prs[pb->ncal] = prior_for(pb->ts, m->p[i].name);
            w->cal[pb->ncal++] = (int)i;
        }
    size_t n = pb->ncal ? pb->ncal : 1;
    pb->prior = dk_malloc(n * sizeof(double));
    pb->scale = dk_malloc(n * sizeof(double));
    pb->sign = dk_malloc(n * sizeof(int));
    w->x = dk_malloc(n * sizeof(double));
    w->pl = dk_malloc(n * sizeof *w->pl);
    w->draws = dk_malloc(K * n * sizeof(double));
    w->mem = dk_malloc(K * n * sizeof(double));
    w->tmp = dk_malloc(K * sizeof(double));
    pb->row_buf = dk_malloc(n * sizeof(entry));
    if (!pb->row_buf || !pb->prior || !pb->scale || !pb->sign || !w->x || !w->pl || !w->draws ||
        !w->mem || !w->tmp)
        return -1;
    for (size_t k = 0; k < pb->ncal; k++) {
        pb->prior[k] = w->x[k] = w->prs[k]->value;
        pb->scale[k] = w->prs[k]->scale * o->prior_scale;
        pb->sign[k] = w->prs[k]->sign;
    }
    places(m, w->cal, pb->ncal, w->pl);
    return 0;
}

static int check_opts(const dk_calib_opts *o, const char *path, dk_err *e)
{
    if (o->chains < 1 || o->members < 8 * o->chains || o->members % o->chains)
        return dk_fail(e, "%s: members (%d) must be a multiple of chains (%d) with "
                       "at least 8 draws per chain", path, o->members, o->chains);
    if (o->warmup < 0 || o->thin < 1 || !(o->prior_scale > 0))
        return dk_fail(e, "%s: warmup >= 0, thin >= 1 and prior scale > 0", path);
    return 0;
}

int dk_calibrate(dk_model *m, const dk_targets *ts, const dk_calib_opts *o,
                 dk_calib_report *rep, dk_err *e)
{
    memset(rep, 0, sizeof *rep);
    if (check_opts(o, ts->path, e) != 0 || apply_assumptions(m, ts, e) != 0)
        return -1;
    problem pb = { 0 };
    pb.ts = ts;
    scratch w = { 0 };
    int rc = -1;
    if (setup(m, &pb, &w, o) != 0) {
        dk_fail_oom(e, "calibrate");
        goto done;
    }
    dk_model_values(m, w.theta);
    if (linearise(&pb, m, w.cal, w.theta) != 0) {
        dk_fail_oom(e, "calibrate");
        goto done;
    }
    rep->ncal = pb.ncal;
    if (pb.ncal > 0) { /* all fixed: nothing to solve, only to verify */
        if (solve(&pb, w.x, &rep->iterations) != 0) {
            dk_fail_oom(e, "calibrate");
            goto done;
        }
        for (size_t k = 0; k < pb.ncal; k++)
            w.theta[w.cal[k]] = w.x[k];
        if (verify_theta(m, ts, w.theta, "together with the others", e) != 0)
            goto done;
        if (sample(&pb, w.pl, w.x, o, w.draws, rep, e) != 0)
            goto done;
        if (diagnostics(&pb, m, w.cal, w.draws, o, rep) != 0) {
            dk_fail_oom(e, "calibrate");
            goto done;
        }
        to_members(w.draws, pb.ncal, o, w.mem);
    }
    double dist = 0;
    for (size_t k = 0; k < pb.ncal; k++) {
        dk_param *p = &m->p[w.cal[k]];
        char binds[320];
        binding_source(&pb, k, w.prs[k], w.x, w.seen, binds, sizeof binds);
        summarise_param(p, w.mem, pb.ncal, k, (size_t)o->members, w.tmp, binds);
        double z = (w.x[k] - pb.prior[k]) / pb.scale[k];
        dist += z * z;
    }
    rep->prior_distance = sqrt(dist);
    if (pb.ncal > 0 && dk_model_set_members(m, w.mem, (size_t)o->members) != 0) {
        dk_fail_oom(e, "calibrate");
        goto done;
    }
    rc = verify(m, ts, w.cal, pb.ncal, e);
    rep->unmet = rc != 0;
done:
    for (size_t j = 0; pb.rows && j < ts->nc; j++)
        dk_free(pb.rows[j].e);
    dk_free(pb.rows);
    dk_free(pb.prior);
    dk_free(pb.scale);
    dk_free(pb.sign);
    dk_free(pb.row_buf);
    scratch_free(&w);
    return rc;
}
