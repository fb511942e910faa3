/*
 * knapsack.h -- the exact solver behind `plan`: a multiple-choice knapsack
 * in groups, k best selections per exact cost.
 *
 * Items (classes) sit in groups (schools).  A group may take its option (a
 * facility) at cost wg; then every item of the group picks one choice j
 * (none, assistant, extra teacher, specialist) at cost w[j], with scores
 * that depend on the option.  A selection's score is the sum of its items'
 * scores (a, then b, then c: all maximised, compared in that order); its
 * cost the sum of its costs.
 *
 * Solving is two levels of the same k-best dynamic programme: per group and
 * option over its items (the group's k best selections at every exact
 * cost: its "curve" over budgets), then over the groups, each group's curve
 * combined with the groups before it (a knapsack over the groups).  Keeping
 * the K best per exact cost at every step keeps the K best selections of
 * every exact cost exactly, because adding a part's score never changes the
 * order of two selections (the order is lexicographic on sums).
 *
 * Given a floor (a primary score some selection reaches, say a good plan's
 * own), the knapsack over groups drops partial selections that cannot reach
 * it even if the groups still to come were divisible: each group's curve
 * has a concave envelope, and the envelopes' segments taken by slope bound
 * what any budget can still add (the linear relaxation).  Every selection
 * at or above the floor survives, so the best ones do.
 *
 * Max-min objectives are solved with a flag: an item whose choice is
 * "tight" (sits at the threshold) sets it, and the caller reads the
 * selections with the flag set.  The caller marks choices it does not allow
 * (not ok); a group without its option allowed never takes it.
 */
#ifndef DRAAGKRACHT_KNAPSACK_H
#define DRAAGKRACHT_KNAPSACK_H

#define DK_KS_CHOICES 4
#define DK_KS_MAX_K 8

typedef struct {
    double a, b, c;         /* primary, secondary, tertiary score, maximised */
    unsigned char ok;       /* the choice may be taken */
    unsigned char tight;    /* taking it sets the flag */
} dk_ks_score;

typedef struct {
    int w[DK_KS_CHOICES];   /* cost units of each choice */
    int wg;                 /* cost units of a group's option */
    int U;                  /* budget in cost units */
    int K;                  /* selections kept per exact cost, 1..DK_KS_MAX_K */
    int tight;              /* 1: some score may be tight (else no flag is
                             * ever set, and the solver skips its cells) */
    double floor;           /* a primary score some selection is known to
                             * reach (-INFINITY: none); without flags, the
                             * solver drops what provably stays below it */
    int staircase;          /* with K 1 and no flags, only the single best
                             * selection is wanted, the cheaper first among
                             * equal primary scores (1) or equal primary and
                             * secondary scores (2): partial selections that
                             * a cheaper one beats or ties are dropped */
} dk_ks_query;

typedef struct dk_ks dk_ks;

/* ngroup groups of count[g] items each, numbered group after group;
 * option[g]: group g may take its option.  NULL when out of memory. */
dk_ks *dk_ks_alloc(int ngroup, const int *count, const unsigned char *option);
void dk_ks_free(dk_ks *ks);

/* Item i's score for choice j when its group takes option f (0 or 1):
 * the caller fills every one before a solve. */
dk_ks_score *dk_ks_score_at(dk_ks *ks, int i, int f, int j);

/* Table entries a query needs at most (to bound memory before solving). */
double dk_ks_entries(dk_ks *ks, const dk_ks_query *q);

/* Solves on the current scores; -1 when out of memory. */
int dk_ks_solve(dk_ks *ks, const dk_ks_query *q);

/* After a solve: how many selections cost exactly u with flag t (best
 * first), and selection k of them: a choice per item, an option per group. */
int dk_ks_count(const dk_ks *ks, int u, int t);
void dk_ks_value(const dk_ks *ks, int u, int t, int k, double *a, double *b, double *c);
void dk_ks_trace(const dk_ks *ks, int u, int t, int k, unsigned char *choice,
                 unsigned char *option);

/* Least cost of a selection in which every item's choice is ok (its
 * flag aside); -1 when there is none.  Needs no solve. */
long dk_ks_min_cost(const dk_ks *ks, const dk_ks_query *q);

/* x and y differ beyond rounding noise (relative 1e-12): scores within it
 * are the same, and the next one decides. */
int dk_ks_differ(double x, double y);

#endif
