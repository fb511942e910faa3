/*
 * ppc.c -- the posterior predictive check (model/ppc.h).
 */
#include <math.h>
#include <stdlib.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/model/ppc.h"

void dk_ppc_free(dk_ppc *q)
{
    dk_free(q->d);
    dk_free(q->tmp);
    dk_free(q->miss);
}

int dk_ppc_fill(dk_ppc *q, const dk_model *m, const dk_targets *ts)
{
    q->K = dk_model_nmember(m) ? dk_model_nmember(m) : 1;
    q->d = dk_malloc(ts->nc * q->K * sizeof *q->d);
    q->tmp = dk_malloc(q->K * sizeof *q->tmp);
    q->miss = dk_calloc(ts->nt * q->K + 1, 1);
    double *theta = dk_malloc(dk_model_nparam(m) * sizeof *theta);
    if (!q->d || !q->tmp || !q->miss || !theta) {
        dk_free(theta);
        return -1;
    }
    for (size_t r = 0; r < q->K; r++) {
        dk_model_member_theta(m, r, theta);
        for (size_t k = 0; k < ts->nc; k++) {
            const dk_check *c = &ts->c[k];
            double d = q->d[k * q->K + r] = dk_check_value(m, theta, c);
            q->miss[(size_t)c->target * q->K + r] |= !dk_check_met(c, d, 0);
        }
    }
    dk_free(theta);
    return 0;
}


dk_ppc_row dk_ppc_check(const dk_ppc *q, const dk_check *c, size_t k)
{
    dk_ppc_row w = { 0, 0, 0, 0, INFINITY };
    const double *d = q->d + k * q->K;
    size_t met = 0;
    for (size_t r = 0; r < q->K; r++) {
        met += dk_check_met(c, d[r], 0);
        w.mean += d[r] / (double)q->K;
        w.min_slack = fmin(w.min_slack, dk_check_slack(c, d[r]));
        q->tmp[r] = d[r];
    }
    dk_interval90(q->tmp, q->K, &w.lo, &w.hi);
    w.share = (double)met / (double)q->K;
    return w;
}

/* A target: the share of members meeting all its checks at once. */
double dk_ppc_target_share(const dk_ppc *q, size_t t)
{
    size_t all = 0;
    for (size_t r = 0; r < q->K; r++)
        all += !q->miss[t * q->K + r];
    return (double)all / (double)q->K;
}
