/*
 * knapsack.c -- the k-best multiple-choice knapsack in groups (knapsack.h):
 * items within a group, then the groups' curves combined.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/run/knapsack.h"

/* A kept selection so far, and where it came from (see each level). */
typedef struct {
    double a, b, c;
    int prev;               /* its entry in the source cell(s) */
    int move;               /* what this step added, and the source's flag */
} entry;

/* Cells (u, t) for u = 0..U and flag t = 0, 1, each up to K entries. */
typedef struct {
    size_t cell0;           /* first cell in the pool */
    int U;                  /* -1: no cells */
} layer;

struct dk_ks {
    int ngroup, nitem;
    int *count, *first;     /* items of group g: first[g] .. first[g] + count[g] - 1 */
    unsigned char *option;
    dk_ks_score *score;     /* item x option x choice */
    dk_ks_query q;
    int *lbase;             /* item layers of group g, option f, step l:
                             * item[lbase[g] + f * (count[g] + 1) + l] */
    layer *item, *group, *board;   /* board: ngroup + 1 layers */
    entry *e;
    int *len;
    size_t ncell;           /* cells in use */
    size_t ecap, lcap;      /* entries and cells allocated */
    double *rest;           /* the floor's bounds (see bounds()) */
    size_t restcap;
    int *live;              /* a group's cells with selections, for combine() */
    size_t livecap;
};

static inline int better(const entry *x, const entry *y)
{
    if (dk_ks_differ(x->a, y->a))
        return x->a > y->a;
    if (dk_ks_differ(x->b, y->b))
        return x->b > y->b;
    return dk_ks_differ(x->c, y->c) && x->c > y->c;
}

int dk_ks_differ(double x, double y)
{
    return fabs(x - y) > 1e-12 * (1 + fabs(x) + fabs(y));
}

dk_ks *dk_ks_alloc(int ngroup, const int *count, const unsigned char *option)
{
    dk_ks *ks = dk_calloc(1, sizeof *ks);
    if (!ks)
        return NULL;
    ks->ngroup = ngroup;
    ks->count = dk_malloc((size_t)ngroup * sizeof *ks->count);
    ks->first = dk_malloc((size_t)ngroup * sizeof *ks->first);
    ks->option = dk_malloc((size_t)ngroup);
    ks->lbase = dk_malloc((size_t)ngroup * sizeof *ks->lbase);
    ks->group = dk_malloc((size_t)ngroup * sizeof *ks->group);
    ks->board = dk_malloc((size_t)(ngroup + 1) * sizeof *ks->board);
    int nlayer = 0;
    for (int g = 0; g < ngroup; g++)
        nlayer += 2 * (count[g] + 1);
    ks->item = dk_malloc((size_t)nlayer * sizeof *ks->item);
    if (!ks->count || !ks->first || !ks->option || !ks->lbase || !ks->group
        || !ks->board || !ks->item) {
        dk_ks_free(ks);
        return NULL;
    }
    for (int g = 0, l = 0; g < ngroup; g++) {
        ks->count[g] = count[g];
        ks->first[g] = ks->nitem;
        ks->option[g] = option[g];
        ks->lbase[g] = l;
        ks->nitem += count[g];
        l += 2 * (count[g] + 1);
    }
    ks->score = dk_calloc((size_t)ks->nitem * 2 * DK_KS_CHOICES, sizeof *ks->score);
    if (!ks->score) {
        dk_ks_free(ks);
        return NULL;
    }
    return ks;
}

void dk_ks_free(dk_ks *ks)
{
    if (!ks)
        return;
    dk_free(ks->count);
    dk_free(ks->first);
    dk_free(ks->option);
    dk_free(ks->score);
    dk_free(ks->lbase);
    dk_free(ks->item);
    dk_free(ks->group);
    dk_free(ks->board);
    dk_free(ks->e);
    dk_free(ks->len);
    dk_free(ks->rest);
    dk_free(ks->live);
    dk_free(ks);
}

dk_ks_score *dk_ks_score_at(dk_ks *ks, int i, int f, int j)
{
    return &ks->score[((size_t)i * 2 + (size_t)f) * DK_KS_CHOICES + (size_t)j];
}

static const dk_ks_score *score(const dk_ks *ks, int i, int f, int j)
{
    return &ks->score[((size_t)i * 2 + (size_t)f) * DK_KS_CHOICES + (size_t)j];
}

/* ---- where every layer sits in the pool -------------------------------- */

static layer *item_layer(const dk_ks *ks, int g, int f, int l)
{
    return &ks->item[ks->lbase[g] + f * (ks->count[g] + 1) + l];
}

static size_t place(layer *L, int U, size_t *ncell)
{
    L->U = U;
    L->cell0 = *ncell;
    if (U >= 0)
        *ncell += (size_t)(U + 1) * 2;
    return *ncell;
}

/*
 * Item layers only span the costs a group can reach (every item at its
 * dearest choice), so small schools under a large budget stay small; a
 * group's curve spans both options; the board layers what the groups so
 * far can reach.  Returns the cells in all.
 */
static size_t layout(dk_ks *ks, const dk_ks_query *q)
{
    int wmax = 0;
    size_t ncell = 0;
    for (int j = 0; j < DK_KS_CHOICES; j++)
        wmax = q->w[j] > wmax ? q->w[j] : wmax;
    place(&ks->board[0], 0, &ncell);
    for (int g = 0; g < ks->ngroup; g++) {
        int gu = 0;
        for (int f = 0; f < 2; f++) {
            int room = q->U - f * q->wg;
            double reach = (double)ks->count[g] * wmax;
            int U = (f && !ks->option[g]) || room < 0 ? -1 : reach < room ? (int)reach : room;
            for (int l = 0; l <= ks->count[g]; l++)
                place(item_layer(ks, g, f, l), U, &ncell);
            if (U >= 0 && U + f * q->wg > gu)
                gu = U + f * q->wg;
        }
        place(&ks->group[g], gu, &ncell);
        long bu = (long)ks->board[g].U + gu;
        place(&ks->board[g + 1], bu < q->U ? (int)bu : q->U, &ncell);
    }
    return ncell;
}

double dk_ks_entries(dk_ks *ks, const dk_ks_query *q)
{
    /* layout writes only the layer records, which a solve rewrites */
    return (double)layout(ks, q) * q->K;
}

static size_t cell(const layer *L, int u, int t)
{
    return L->cell0 + (size_t)u * 2 + (size_t)t;
}

/* ---- the k-best step ---------------------------------------------------- */

/* Inserts x into a cell kept best first, at most K long; 0 when x is not
 * among the K best (nor, then, anything worse than x). */
static inline int insert(entry *c, int *len, int K, const entry *x)
{
    if (*len == K && !better(x, &c[K - 1]))
        return 0;
    int i = *len < K ? (*len)++ : K - 1;
    while (i > 0 && better(x, &c[i - 1])) {
        c[i] = c[i - 1];
        i--;
    }
    c[i] = *x;
    return 1;
}

/* Item l of group g under option f, added to the selections of items
 * before it.  move: choice * 2 + source flag. */
static void extend(dk_ks *ks, int g, int f, int l)
{
    const layer *S = item_layer(ks, g, f, l), *D = item_layer(ks, g, f, l + 1);
    int i = ks->first[g] + l, K = ks->q.K;
    for (int u = 0; u <= S->U; u++)
        for (int t = 0; t <= ks->q.tight; t++) {
            size_t c = cell(S, u, t);
            for (int j = 0; j < DK_KS_CHOICES && ks->len[c]; j++) {
                const dk_ks_score *s = score(ks, i, f, j);
                int v = u + ks->q.w[j];
                if (!s->ok || v > D->U)
                    continue;
                size_t d = cell(D, v, t | s->tight);
                for (int k = 0; k < ks->len[c]; k++) {
                    const entry *x = &ks->e[c * (size_t)K + (size_t)k];
                    entry y = { x->a + s->a, x->b + s->b, x->c + s->c, k, j * 2 + t };
                    if (!insert(ks->e + d * (size_t)K, &ks->len[d], K, &y))
                        break;
                }
            }
        }
}

/* Group g's curve: its selections under both options by exact cost.
 * move: the option. */
static void merge_options(dk_ks *ks, int g)
{
    const layer *G = &ks->group[g];
    int K = ks->q.K;
    for (int f = 0; f < 2; f++) {
        const layer *S = item_layer(ks, g, f, ks->count[g]);
        for (int u = 0; u <= S->U; u++)
            for (int t = 0; t <= ks->q.tight; t++) {
                size_t c = cell(S, u, t), d = cell(G, u + f * ks->q.wg, t);
                for (int k = 0; k < ks->len[c]; k++) {
                    const entry *x = &ks->e[c * (size_t)K + (size_t)k];
                    entry y = { x->a, x->b, x->c, k, f };
                    if (!insert(ks->e + d * (size_t)K, &ks->len[d], K, &y))
                        break;
                }
            }
    }
}

/* The K best sums of two lists kept best first into cell d.  prev: i * K
 * + j; move: (group cost * 2 + board flag) * 2 + group flag. */
static void pairs(dk_ks *ks, size_t ca, size_t cb, size_t d, int move)
{
    int K = ks->q.K;
    const entry *A = ks->e + ca * (size_t)K, *B = ks->e + cb * (size_t)K;
    for (int i = 0; i < ks->len[ca]; i++)
        for (int j = 0; j < ks->len[cb]; j++) {
            entry y = { A[i].a + B[j].a, A[i].b + B[j].b, A[i].c + B[j].c, i * K + j, move };
            if (!insert(ks->e + d * (size_t)K, &ks->len[d], K, &y)) {
                if (j == 0)
                    return;     /* the rest of A is worse still */
                break;
            }
        }
}

/* The groups before g with group g's curve: the knapsack over groups.
 * Only the curve's cells that hold a selection are visited (listed in
 * live as v * 2 + t), as pruning can leave few. */
static void combine(dk_ks *ks, int g)
{
    const layer *A = &ks->board[g], *B = &ks->group[g], *D = &ks->board[g + 1];
    int n = 0;
    for (int v = 0; v <= B->U; v++)
        for (int t = 0; t <= ks->q.tight; t++)
            if (ks->len[cell(B, v, t)])
                ks->live[n++] = v * 2 + t;
    for (int u = 0; u <= A->U; u++)
        for (int t1 = 0; t1 <= ks->q.tight; t1++) {
            size_t ca = cell(A, u, t1);
            for (int i = 0; i < n && ks->len[ca]; i++) {
                int v = ks->live[i] >> 1, t2 = ks->live[i] & 1;
                if (u + v > D->U)
                    break;
                pairs(ks, ca, cell(B, v, t2), cell(D, u + v, t1 | t2), (v * 2 + t1) * 2 + t2);
            }
        }
}

/* With only the single best selection wanted: drops every cell of layer L
 * that a cheaper cell beats or ties on the primary score (and, for
 * staircase 2, the secondary): whatever the groups still to come add, the
 * cheaper one stays at least as good and costs less. */
static void staircase(dk_ks *ks, const layer *L)
{
    const entry *top = NULL;
    for (int u = 0; u <= L->U; u++) {
        size_t c = cell(L, u, 0);
        if (!ks->len[c])
            continue;
        const entry *x = &ks->e[c * (size_t)ks->q.K];
        int ahead = !top || (dk_ks_differ(x->a, top->a) ? x->a > top->a
                   : ks->q.staircase == 2 && dk_ks_differ(x->b, top->b) && x->b > top->b);
        if (ahead)
            top = x;
        else
            ks->len[c] = 0;
    }
}

/* The pool only grows, so solving replicate after replicate allocates
 * once. */
static int reserve(dk_ks *ks, size_t ncell, int K)
{
    size_t ne = ncell * (size_t)K;
    if (ne > ks->ecap) {
        entry *e = dk_realloc(ks->e, ne * sizeof *e);
        if (!e)
            return -1;
        ks->e = e;
        ks->ecap = ne;
    }
    if (ncell > ks->lcap) {
        int *len = dk_realloc(ks->len, ncell * sizeof *len);
        if (!len)
            return -1;
        ks->len = len;
        ks->lcap = ncell;
    }
    size_t nlive = 0;
    for (int g = 0; g < ks->ngroup; g++)
        nlive = (size_t)ks->group[g].U > nlive ? (size_t)ks->group[g].U : nlive;
    nlive = 2 * (nlive + 1);
    if (nlive > ks->livecap) {
        int *live = dk_realloc(ks->live, nlive * sizeof *live);
        if (!live)
            return -1;
        ks->live = live;
        ks->livecap = nlive;
    }
    return 0;
}

/* ---- the floor: bounds from the groups still to come -------------------- */

/* Segments of concave envelopes, steepest first. */
typedef struct {
    double *slope;
    int *len;
    size_t n;
} segments;

/* Group g's best primary score within each budget v (its curve, kept
 * nondecreasing) into y[0..U]; returns U. */
static int group_curve(const dk_ks *ks, int g, double *y)
{
    const layer *G = &ks->group[g];
    for (int v = 0; v <= G->U; v++) {
        size_t c = cell(G, v, 0);
        double a = ks->len[c] ? ks->e[c * (size_t)ks->q.K].a : -INFINITY;
        y[v] = v == 0 ? a : fmax(a, y[v - 1]);
    }
    return G->U;
}

/* The upper concave envelope of y[0..U] (a monotone chain) as segments,
 * steepest first, into s; hull is scratch for U + 1 points. */
static void envelope(const double *y, int U, int *hull, segments *s)
{
    int h = 0;
    for (int v = 0; v <= U; v++) {
        while (h >= 2 && (y[hull[h - 1]] - y[hull[h - 2]]) * (v - hull[h - 2])
                         <= (y[v] - y[hull[h - 2]]) * (hull[h - 1] - hull[h - 2]))
            h--;
        hull[h++] = v;
    }
    s->n = 0;
    for (int i = 0; i + 1 < h; i++, s->n++) {
        s->len[s->n] = hull[i + 1] - hull[i];
        s->slope[s->n] = (y[hull[i + 1]] - y[hull[i]]) / s->len[s->n];
    }
}

/* Merges b into a (both steepest first), through t. */
static void merge_segments(segments *a, const segments *b, segments *t)
{
    size_t i = 0, j = 0;
    t->n = 0;
    while (i < a->n || j < b->n) {
        int mine = j == b->n || (i < a->n && a->slope[i] >= b->slope[j]);
        t->slope[t->n] = mine ? a->slope[i] : b->slope[j];
        t->len[t->n++] = mine ? a->len[i++] : b->len[j++];
    }
    memcpy(a->slope, t->slope, t->n * sizeof *a->slope);
    memcpy(a->len, t->len, t->n * sizeof *a->len);
    a->n = t->n;
}

/* rest[B], B = 0..U: base plus the steepest segments that fit in B. */
static void fill_rest(const segments *s, double base, int U, double *rest)
{
    size_t i = 0;
    int used = 0;
    rest[0] = base;
    for (int B = 1; B <= U; B++) {
        while (i < s->n && used == s->len[i])
            i++, used = 0;
        rest[B] = rest[B - 1] + (i < s->n ? s->slope[i] : 0);
        used += i < s->n;
    }
}

/* bound[g * (U + 1) + B]: the most groups g.. can add with budget B (the
 * last row, g = ngroup: nothing).  -1 when out of memory. */
static int bounds(dk_ks *ks, double *bound)
{
    size_t U1 = (size_t)ks->q.U + 1, total = 1;
    for (int g = 0; g < ks->ngroup; g++)
        total += (size_t)ks->group[g].U + 1;
    /* one block: y, and five segment arrays' slopes and lengths */
    double *d = dk_malloc(4 * total * sizeof *d);
    int *n = dk_malloc(4 * total * sizeof *n);
    if (!d || !n) {
        dk_free(d);
        dk_free(n);
        return -1;
    }
    double *y = d;
    segments all = { d + total, n, 0 }, one = { d + 2 * total, n + total, 0 },
             t = { d + 3 * total, n + 2 * total, 0 };
    int *hull = n + 3 * total;
    double base = 0;
    memset(bound + (size_t)ks->ngroup * U1, 0, U1 * sizeof *bound);
    for (int g = ks->ngroup - 1; g >= 0; g--) {
        int U = group_curve(ks, g, y);
        envelope(y, U, hull, &one);
        merge_segments(&all, &one, &t);
        base += y[0];
        fill_rest(&all, base, ks->q.U, bound + (size_t)g * U1);
    }
    dk_free(d);
    dk_free(n);
    return 0;
}

/* Drops the board's selections of layer g that cannot reach the floor. */
static void prune(dk_ks *ks, int g, const double *bound)
{
    const layer *L = &ks->board[g];
    const double *rest = bound + (size_t)g * ((size_t)ks->q.U + 1);
    double floor = ks->q.floor - 1e-9 * (1 + fabs(ks->q.floor));
    for (int u = 0; u <= L->U; u++) {
        size_t c = cell(L, u, 0);
        while (ks->len[c] && ks->e[c * (size_t)ks->q.K + (size_t)ks->len[c] - 1].a
                             + rest[ks->q.U - u] < floor)
            ks->len[c]--;
    }
}

int dk_ks_solve(dk_ks *ks, const dk_ks_query *q)
{
    ks->q = *q;
    ks->ncell = layout(ks, q);
    if (reserve(ks, ks->ncell, q->K) != 0)
        return -1;
    memset(ks->len, 0, ks->ncell * sizeof *ks->len);
    ks->e[cell(&ks->board[0], 0, 0) * (size_t)q->K] = (entry){ 0, 0, 0, -1, 0 };
    ks->len[cell(&ks->board[0], 0, 0)] = 1;
    for (int g = 0; g < ks->ngroup; g++) {
        for (int f = 0; f < 2; f++) {
            const layer *L0 = item_layer(ks, g, f, 0);
            if (L0->U < 0)
                continue;
            ks->e[cell(L0, 0, 0) * (size_t)q->K] = (entry){ 0, 0, 0, -1, 0 };
            ks->len[cell(L0, 0, 0)] = 1;
            for (int l = 0; l < ks->count[g]; l++)
                extend(ks, g, f, l);
        }
        merge_options(ks, g);
        if (q->staircase)
            staircase(ks, &ks->group[g]);
    }
    double *bound = NULL;
    if (!q->tight && isfinite(q->floor)) {
        size_t nb = ((size_t)ks->ngroup + 1) * ((size_t)q->U + 1);
        if (nb > ks->restcap) {
            double *r = dk_realloc(ks->rest, nb * sizeof *r);
            if (!r)
                return -1;
            ks->rest = r;
            ks->restcap = nb;
        }
        if (bounds(ks, ks->rest) != 0)
            return -1;
        bound = ks->rest;
    }
    for (int g = 0; g < ks->ngroup; g++) {
        combine(ks, g);
        if (bound)
            prune(ks, g + 1, bound);
        if (q->staircase)
            staircase(ks, &ks->board[g + 1]);
    }
    return 0;
}

int dk_ks_count(const dk_ks *ks, int u, int t)
{
    const layer *L = &ks->board[ks->ngroup];
    return u < 0 || u > L->U ? 0 : ks->len[cell(L, u, t)];
}

/* ---- from an entry back to the choices ---------------------------------- */

static const entry *at(const dk_ks *ks, const layer *L, int u, int t, int k)
{
    return &ks->e[cell(L, u, t) * (size_t)ks->q.K + (size_t)k];
}

void dk_ks_value(const dk_ks *ks, int u, int t, int k, double *a, double *b, double *c)
{
    const entry *x = at(ks, &ks->board[ks->ngroup], u, t, k);
    *a = x->a;
    *b = x->b;
    *c = x->c;
}

static void trace_group(const dk_ks *ks, int g, int v, int t, int k,
                        unsigned char *choice, unsigned char *option)
{
    const entry *y = at(ks, &ks->group[g], v, t, k);
    int f = y->move, u = v - f * ks->q.wg;
    option[g] = (unsigned char)f;
    k = y->prev;
    for (int l = ks->count[g]; l > 0; l--) {
        const entry *x = at(ks, item_layer(ks, g, f, l), u, t, k);
        int j = x->move >> 1;
        choice[ks->first[g] + l - 1] = (unsigned char)j;
        u -= ks->q.w[j];
        t = x->move & 1;
        k = x->prev;
    }
}

void dk_ks_trace(const dk_ks *ks, int u, int t, int k, unsigned char *choice,
                 unsigned char *option)
{
    for (int g = ks->ngroup - 1; g >= 0; g--) {
        const entry *x = at(ks, &ks->board[g + 1], u, t, k);
        int v = x->move >> 2;
        trace_group(ks, g, v, x->move & 1, x->prev % ks->q.K, choice, option);
        u -= v;
        t = (x->move >> 1) & 1;
        k = x->prev / ks->q.K;
    }
}

/* Cheapest ok choice of each item of group g under option f, summed. */
static long group_min(const dk_ks *ks, const dk_ks_query *q, int g, int f)
{
    long cost = f * q->wg;
    for (int i = ks->first[g]; i < ks->first[g] + ks->count[g]; i++) {
        long best = -1;
        for (int j = 0; j < DK_KS_CHOICES; j++)
            if (score(ks, i, f, j)->ok && (best < 0 || q->w[j] < best))
                best = q->w[j];
        if (best < 0)
            return -1;
        cost += best;
    }
    return cost;
}

long dk_ks_min_cost(const dk_ks *ks, const dk_ks_query *q)
{
    long total = 0;
    for (int g = 0; g < ks->ngroup; g++) {
        long best = group_min(ks, q, g, 0);
        long with = ks->option[g] ? group_min(ks, q, g, 1) : -1;
        if (with >= 0 && (best < 0 || with < best))
            best = with;
        if (best < 0)
            return -1;
        total += best;
    }
    return total;
}
