/*
 * until.c -- a Saltelli design that grows until its Sobol indices are as
 * precise as asked: n doubles, every row already made is kept (the
 * Sobol sequence extends, so the design of 2n base rows starts with the
 * rows of n), and it stops when every 95 % interval is narrower than the
 * width asked for.
 */
#include <math.h>
#include <stdlib.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/run/sweep.h"

double dk_sobol_widest(const dk_sobol_index *ix, int nr, int k, dk_sobol_where *at)
{
    double widest = 0;
    int found = 0;
    *at = (dk_sobol_where){ 0, 0, 0 };
    for (int r = 0; r < nr; r++)
        for (int i = 0; i < k; i++) {
            const dk_sobol_index *s = &ix[r * k + i];
            /* a response no factor moves has no indices to narrow */
            if (isnan(s->s1) && isnan(s->st))
                continue;
            double w[2] = { s->s1_hi - s->s1_lo, s->st_hi - s->st_lo };
            for (int t = 0; t < 2; t++) {
                /* an interval the bootstrap could not give is not narrow */
                double x = isnan(w[t]) ? INFINITY : w[t];
                if (!found || x > widest) {
                    widest = x;
                    *at = (dk_sobol_where){ r, i, t };
                    found = 1;
                }
            }
        }
    return widest;
}

/* The responses of the design's rows [from, n (k + 2)), kept in y. */
static int evaluate_rows(const dk_sweep_spec *sp, const dk_model *m, const dk_until_opts *o,
                         double *y, long from, dk_err *e)
{
    dk_sweep_opts so = { .threads = o->threads, .first = from, .last = dk_sweep_rows(sp),
                         .out = NULL, .keep_y = y + (size_t)from * (size_t)sp->nr };
    return dk_sweep_run(sp, m, &so, e);
}

int dk_sweep_until(dk_sweep_spec *sp, const dk_model *m, const dk_until_opts *o,
                   dk_until_result *res, dk_err *e)
{
    *res = (dk_until_result){ .start_n = sp->n };
    size_t cells = (size_t)sp->nr * (size_t)sp->nf;
    res->ix = dk_malloc(cells * sizeof *res->ix);
    if (!res->ix)
        return dk_fail(e, "sweep: out of memory for the indices");
    for (long made = 0;; sp->n *= 2) {
        size_t rows = (size_t)dk_sweep_rows(sp);
        double *y = dk_realloc(res->y, rows * (size_t)sp->nr * sizeof *y);
        if (!y)
            return dk_fail(e, "sweep: --until-ci: out of memory keeping %zu rows' responses "
                           "(n = %ld base rows)", rows, sp->n);
        res->y = y;
        if (evaluate_rows(sp, m, o, y, made, e) != 0)
            return -1;
        made = (long)rows;
        if (dk_sobol_indices(y, sp->nr, sp->n, sp->nf, o->boot, o->boot_seed, o->threads,
                             res->ix) != 0)
            return dk_fail(e, "sweep: out of memory computing the indices (n = %ld base rows)",
                           sp->n);
        res->rounds++;
        res->widest = dk_sobol_widest(res->ix, sp->nr, sp->nf, &res->where);
        res->met = res->widest < o->width;
        if (o->progress)
            o->progress(o->ctx, sp->n, res->widest);
        if (res->met || 2 * sp->n > o->max_n)
            return 0;
    }
}

void dk_until_free(dk_until_result *res)
{
    dk_free(res->y);
    dk_free(res->ix);
    res->y = NULL;
    res->ix = NULL;
}
