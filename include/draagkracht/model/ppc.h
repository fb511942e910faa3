/*
 * ppc.h -- the posterior predictive check: every published target's
 * checks (targets.h) in every ensemble member of the model in use.
 */
#ifndef DRAAGKRACHT_PPC_H
#define DRAAGKRACHT_PPC_H

#include "draagkracht/model/targets.h"

/*
 * The posterior predictive check: every check's quantity (lhs - rhs) in
 * every ensemble member, d[k * K + r] for check k, member r; and per target
 * whether member r misses any of its checks, miss[t * K + r].
 */
typedef struct {
    size_t K;
    double *d;
    double *tmp;
    unsigned char *miss;
} dk_ppc;

/* Fills q for m's members; -1 when out of memory (dk_ppc_free still
 * frees what was taken). */
int dk_ppc_fill(dk_ppc *q, const dk_model *m, const dk_targets *ts);
void dk_ppc_free(dk_ppc *q);

/* One check over the members: mean, 5-95 %, share met, smallest slack. */
typedef struct {
    double mean, lo, hi, share, min_slack;
} dk_ppc_row;
dk_ppc_row dk_ppc_check(const dk_ppc *q, const dk_check *c, size_t k);
/* A target: the share of members meeting all its checks at once. */
double dk_ppc_target_share(const dk_ppc *q, size_t t);

#endif
