/*
 * fitdata.c -- vignette responses from CSV(.gz), coded for dk_lmm.
 *
 * The text is streamed; what stays in memory is a few numbers per row
 * (group, by-value and level indices, covariates, outcomes), so a file of
 * hundreds of megabytes costs tens of megabytes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/csv.h"
#include "draagkracht/fit/fit.h"
#include "draagkracht/model/vocab.h"

/* String -> index, open addressing; keys are kept in insertion order. */
typedef struct {
    char **keys;
    int *slot;
    size_t cap, n;
} strmap;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Twice the room; -1 (m unchanged) when out of memory. */
static int map_grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    int *slot = dk_malloc(cap * sizeof *slot);
    char **keys = slot ? dk_realloc(m->keys, cap * sizeof *m->keys) : NULL;
    if (!keys) {
        dk_free(slot);
        return -1;
    }
    m->keys = keys;
    memset(slot, -1, cap * sizeof *slot);
    for (size_t i = 0; i < m->n; i++) {
        size_t h = hash(m->keys[i]) & (cap - 1);
        while (slot[h] >= 0)
            h = (h + 1) & (cap - 1);
        slot[h] = (int)i;
    }
    dk_free(m->slot);
    m->slot = slot;
    m->cap = cap;
    return 0;
}

/* The key's index, added if new; -1 when out of memory. */
static int map_get(strmap *m, const char *key)
{
    if (2 * (m->n + 1) > m->cap && map_grow(m) != 0)
        return -1;
    size_t h = hash(key) & (m->cap - 1);
    while (m->slot[h] >= 0) {
        if (strcmp(m->keys[m->slot[h]], key) == 0)
            return m->slot[h];
        h = (h + 1) & (m->cap - 1);
    }
    if (!(m->keys[m->n] = dk_strdup(key)))
        return -1;
    m->slot[h] = (int)m->n;
    return (int)m->n++;
}

/* Hands the keys over (caller frees them) and frees the rest. */
static char **map_release(strmap *m, int *n)
{
    char **keys = m->keys;
    *n = (int)m->n;
    dk_free(m->slot);
    memset(m, 0, sizeof *m);
    return keys;
}

static void free_keys(strmap *m)
{
    int n;
    char **k = map_release(m, &n);
    for (int i = 0; i < n; i++)
        dk_free(k[i]);
    dk_free(k);
}

typedef struct {
    const char *s;
    double v;
    int old, numeric;
} level_key;

static int cmp_level(const void *x, const void *y)
{
    const level_key *a = x, *b = y;
    if (a->numeric)
        return (a->v > b->v) - (a->v < b->v);
    return strcmp(a->s, b->s);
}

/* Sorts names in place; remap[old] = new.  -1 when out of memory. */
static int sort_names(char **names, int n, int *remap)
{
    level_key *k = dk_malloc(((size_t)n + 1) * sizeof *k);
    char **sorted = dk_malloc(((size_t)n + 1) * sizeof *sorted);
    if (!k || !sorted) {
        dk_free(k);
        dk_free(sorted);
        return -1;
    }
    int numeric = 1;
    for (int i = 0; i < n; i++) {
        k[i].s = names[i];
        k[i].old = i;
        numeric &= dk_parse_double(names[i], &k[i].v) == 0;
    }
    for (int i = 0; i < n; i++)
        k[i].numeric = numeric;
    qsort(k, (size_t)n, sizeof *k, cmp_level);
    for (int i = 0; i < n; i++) {
        sorted[i] = names[k[i].old];
        remap[k[i].old] = i;
    }
    memcpy(names, sorted, (size_t)n * sizeof *names);
    dk_free(sorted);
    dk_free(k);
    return 0;
}

/* -1 when out of memory. */
static int recode(int *code, long nrows, char **names, int n)
{
    int *remap = dk_malloc(((size_t)n + 1) * sizeof *remap);
    if (!remap || sort_names(names, n, remap) != 0) {
        dk_free(remap);
        return -1;
    }
    for (long r = 0; r < nrows; r++)
        code[r] = remap[code[r]];
    dk_free(remap);
    return 0;
}

typedef struct {
    dk_csv *csv;
    int gcol, bycol;
    int *fcol, *ccol, *ocol;
    strmap groups, bys, *levs;
    long cap;
} loader;

static int count(const char *const *list)
{
    int n = 0;
    while (list && list[n])
        n++;
    return n;
}

static int find_column(dk_csv *c, const char *what, const char *name, dk_err *e)
{
    int k = dk_csv_column(c, name);
    if (k >= 0)
        return k;
    int n = dk_csv_ncols(c);
    const char **names = dk_malloc(((size_t)n + 1) * sizeof *names);
    if (!names)
        return dk_fail_oom(e, dk_csv_path(c));
    dk_buf list = { 0 };
    for (int i = 0; i < n; i++) {
        names[i] = dk_csv_name(c, i);
        dk_buf_printf(&list, "%s%s", i ? ", " : "", names[i]);
    }
    names[n] = NULL;
    const char *s = dk_suggest(name, names);
    char mean[120];
    dk_fail(e, "%s:1: %s column '%s' is not in the header%s (columns: %.300s)",
            dk_csv_path(c), what, name, dk_mean_text(dk_e_lang(e), s, mean, sizeof mean),
            dk_buf_text(&list));
    dk_buf_free(&list);
    dk_free(names);
    return -1;
}

static int find_columns(dk_csv *c, const char *what, const char *const *names,
                        int *cols, dk_err *e)
{
    for (int i = 0; names && names[i]; i++)
        if ((cols[i] = find_column(c, what, names[i], e)) < 0)
            return -1;
    return 0;
}

static int is_missing(const char *s)
{
    return !*s || strcmp(s, "NA") == 0;
}

/* *p with room for n codes; -1 (*p unchanged) when out of memory. */
static int resize_codes(int **p, size_t n)
{
    int *grown = dk_realloc(*p, n * sizeof *grown);
    if (!grown)
        return -1;
    *p = grown;
    return 0;
}

static int resize_values(double **p, size_t n)
{
    double *grown = dk_realloc(*p, n * sizeof *grown);
    if (!grown)
        return -1;
    *p = grown;
    return 0;
}

/* Room for one more row; -1 when out of memory (what grew stays, and
 * the next call grows the rest). */
static int grow(dk_fit_data *d, loader *l)
{
    if (d->nrows < l->cap)
        return 0;
    size_t n = l->cap ? 2 * (size_t)l->cap : 4096;
    long *row = dk_realloc(d->row, n * sizeof *d->row);
    if (row)
        d->row = row;
    int rc = resize_codes(&d->group, n) | resize_codes(&d->by, n) | !row;
    for (int f = 0; f < d->nfac; f++)
        rc |= resize_codes(&d->fac[f].code, n);
    rc |= resize_values(&d->cov, n * (size_t)d->ncov + 1);
    rc |= resize_values(&d->out, n * (size_t)d->nout + 1);
    if (rc == 0)
        l->cap = (long)n;
    return rc;
}

/* Beyond this the sums of squares and cross-products of a fit overflow
 * (1e308 is a double's range); no rating, count or covariate comes near. */
#define MAX_ABS 1e100

static int number(const loader *l, int col, double *v, dk_err *e)
{
    const char *s = dk_csv_field(l->csv, col);
    if (dk_parse_double(s, v) == 0 && fabs(*v) <= MAX_ABS)
        return 0;
    return dk_fail(e, "%s:%ld: column '%s': '%.60s' %s", dk_csv_path(l->csv),
                   dk_csv_line(l->csv), dk_csv_name(l->csv, col), s,
                   isfinite(*v) && fabs(*v) > MAX_ABS ? "is too large to fit (|x| at most "
                   "1e100, or the sums of squares overflow): rescale the column"
                   : "is not a number");
}

/* A value the row's outcomes need: present, or an error naming it. */
static const char *needed(const loader *l, int col, dk_err *e)
{
    const char *s = dk_csv_field(l->csv, col);
    if (!is_missing(s))
        return s;
    dk_fail(e, "%s:%ld: column '%s': value missing in a row with an outcome",
            dk_csv_path(l->csv), dk_csv_line(l->csv), dk_csv_name(l->csv, col));
    return NULL;
}

/* Outcomes of the current row; 0 if none is present (row skipped). */
static int read_outcomes(dk_fit_data *d, const loader *l, double *y, dk_err *e)
{
    int any = 0;
    for (int o = 0; o < d->nout; o++) {
        y[o] = NAN;
        if (is_missing(dk_csv_field(l->csv, l->ocol[o])))
            continue;
        if (number(l, l->ocol[o], &y[o], e) != 0)
            return -1;
        any = 1;
    }
    return any;
}

static int read_row(dk_fit_data *d, loader *l, double *y, dk_err *e)
{
    d->rows_read++;
    int rc = read_outcomes(d, l, y, e);
    d->rows_no_outcome += rc == 0;
    if (rc <= 0)
        return rc;
    if (grow(d, l) != 0)
        return dk_fail_oom(e, d->path);
    long r = d->nrows;
    d->row[r] = d->rows_read;
    const char *g = needed(l, l->gcol, e);
    if (!g)
        return -1;
    /* a respondent's rows usually come together: skip the lookup */
    int same = r > 0 && strcmp(g, l->groups.keys[d->group[r - 1]]) == 0;
    d->group[r] = same ? d->group[r - 1] : map_get(&l->groups, g);
    d->by[r] = 0;
    if (l->bycol >= 0) {
        const char *b = needed(l, l->bycol, e);
        if (!b)
            return -1;
        d->by[r] = map_get(&l->bys, b);
    }
    int lost = d->group[r] < 0 || d->by[r] < 0;
    for (int f = 0; f < d->nfac; f++) {
        const char *v = needed(l, l->fcol[f], e);
        if (!v)
            return -1;
        d->fac[f].code[r] = map_get(&l->levs[f], v);
        lost |= d->fac[f].code[r] < 0;
    }
    if (lost)
        return dk_fail_oom(e, d->path);
    for (int c = 0; c < d->ncov; c++)
        if (!needed(l, l->ccol[c], e) ||
            number(l, l->ccol[c], &d->cov[(size_t)r * (size_t)d->ncov + (size_t)c], e) != 0)
            return -1;
    memcpy(d->out + (size_t)r * (size_t)d->nout, y, (size_t)d->nout * sizeof *y);
    d->nrows++;
    return 1;
}

static int open_columns(dk_fit_data *d, loader *l, const dk_fit_spec *spec, dk_err *e)
{
    l->fcol = dk_calloc((size_t)d->nfac + 1, sizeof *l->fcol);
    l->ccol = dk_calloc((size_t)d->ncov + 1, sizeof *l->ccol);
    l->ocol = dk_calloc((size_t)d->nout + 1, sizeof *l->ocol);
    l->levs = dk_calloc((size_t)d->nfac + 1, sizeof *l->levs);
    l->bycol = -1;
    if (!l->fcol || !l->ccol || !l->ocol || !l->levs)
        return dk_fail_oom(e, d->path);
    if ((l->gcol = find_column(l->csv, "group", spec->group, e)) < 0 ||
        (spec->by && (l->bycol = find_column(l->csv, "--by", spec->by, e)) < 0) ||
        find_columns(l->csv, "outcome", spec->outcomes, l->ocol, e) ||
        find_columns(l->csv, "factor", spec->factors, l->fcol, e) ||
        find_columns(l->csv, "covariate", spec->covariates, l->ccol, e))
        return -1;
    return 0;
}

/* d's names from the spec; -1 when out of memory (dk_fit_data_free
 * takes what was made). */
static int setup(dk_fit_data *d, const char *path, const dk_fit_spec *spec)
{
    memset(d, 0, sizeof *d);
    d->path = dk_strdup(path);
    d->group_col = dk_strdup(spec->group);
    d->by_name = spec->by ? dk_strdup(spec->by) : NULL;
    d->fac = dk_calloc((size_t)count(spec->factors) + 1, sizeof *d->fac);
    d->cov_name = dk_calloc((size_t)count(spec->covariates) + 1, sizeof *d->cov_name);
    d->out_name = dk_calloc((size_t)count(spec->outcomes) + 1, sizeof *d->out_name);
    if (!d->path || !d->group_col || (spec->by && !d->by_name) || !d->fac ||
        !d->cov_name || !d->out_name)
        return -1;
    /* counted as they are made, so that a failure frees only those */
    for (; d->nfac < count(spec->factors); d->nfac++)
        if (!(d->fac[d->nfac].name = dk_strdup(spec->factors[d->nfac])))
            return -1;
    for (; d->ncov < count(spec->covariates); d->ncov++)
        if (!(d->cov_name[d->ncov] = dk_strdup(spec->covariates[d->ncov])))
            return -1;
    for (; d->nout < count(spec->outcomes); d->nout++)
        if (!(d->out_name[d->nout] = dk_strdup(spec->outcomes[d->nout])))
            return -1;
    return 0;
}

/* Level tables into d, sorted, codes remapped; -1 when out of memory. */
static int finish(dk_fit_data *d, loader *l)
{
    int ng;
    d->group_name = map_release(&l->groups, &ng);
    d->ngroups = ng;
    if (l->bycol >= 0) {
        d->by_lev = map_release(&l->bys, &d->nby);
        if (recode(d->by, d->nrows, d->by_lev, d->nby) != 0)
            return -1;
    } else {
        d->nby = 1;
    }
    for (int f = 0; f < d->nfac; f++) {
        d->fac[f].lev = map_release(&l->levs[f], &d->fac[f].nlev);
        if (recode(d->fac[f].code, d->nrows, d->fac[f].lev, d->fac[f].nlev) != 0)
            return -1;
    }
    return 0;
}

static void loader_free(loader *l, int nfac)
{
    free_keys(&l->groups);
    free_keys(&l->bys);
    for (int f = 0; l->levs && f < nfac; f++)
        free_keys(&l->levs[f]);
    dk_free(l->levs);
    dk_free(l->fcol);
    dk_free(l->ccol);
    dk_free(l->ocol);
    dk_csv_close(l->csv);
}

int dk_fit_data_load(dk_fit_data *d, const char *path, const dk_fit_spec *spec,
                     dk_err *e)
{
    loader l = { 0 };
    int rc = -1;
    double *y = NULL;
    if (setup(d, path, spec) != 0 || !(y = dk_calloc((size_t)d->nout + 1, sizeof *y))) {
        dk_fit_data_free(d);
        return dk_fail_oom(e, path);
    }
    if ((l.csv = dk_csv_open(path, e)) && open_columns(d, &l, spec, e) == 0) {
        while ((rc = dk_csv_next(l.csv, e)) == 1)
            if (read_row(d, &l, y, e) < 0) {
                rc = -1;
                break;
            }
    }
    if (rc == 0 && d->nrows == 0)
        rc = dk_fail(e, "%s: no rows with a value for any outcome", path);
    if (rc == 0 && finish(d, &l) != 0)
        rc = dk_fail_oom(e, path);
    loader_free(&l, d->nfac);
    dk_free(y);
    if (rc != 0)
        dk_fit_data_free(d);
    return rc;
}

void dk_fit_data_free(dk_fit_data *d)
{
    for (int f = 0; d->fac && f < d->nfac; f++) {
        for (int i = 0; i < d->fac[f].nlev; i++)
            dk_free(d->fac[f].lev[i]);
        dk_free(d->fac[f].lev);
        dk_free(d->fac[f].code);
        dk_free(d->fac[f].name);
    }
    for (int i = 0; d->by_lev && i < d->nby; i++)
        dk_free(d->by_lev[i]);
    for (long g = 0; d->group_name && g < d->ngroups; g++)
        dk_free(d->group_name[g]);
    dk_free(d->group_name);
    dk_free(d->row);
    for (int c = 0; c < d->ncov; c++)
        dk_free(d->cov_name[c]);
    for (int o = 0; o < d->nout; o++)
        dk_free(d->out_name[o]);
    dk_free(d->by_lev);
    dk_free(d->fac);
    dk_free(d->cov_name);
    dk_free(d->out_name);
    dk_free(d->group);
    dk_free(d->by);
    dk_free(d->cov);
    dk_free(d->out);
    dk_free(d->path);
    dk_free(d->group_col);
    dk_free(d->by_name);
    memset(d, 0, sizeof *d);
}

int dk_fit_level(const dk_fit_factor *f, const char *level)
{
    for (int i = 0; i < f->nlev; i++)
        if (strcmp(f->lev[i], level) == 0)
            return i;
    return -1;
}

static int selected(const dk_fit_data *d, long r, int by, int o)
{
    return d->by[r] == by && !isnan(d->out[(size_t)r * (size_t)d->nout + (size_t)o]);
}

/* "outcome 'tailor' (sector=po)", for messages. */
void dk_fit_subset_name(const dk_fit_data *d, int by, int o, char *buf, size_t n)
{
    snprintf(buf, n, "outcome '%s'", d->out_name[o]);
    if (d->by_name)
        snprintf(buf + strlen(buf), n - strlen(buf), " (%s=%s)", d->by_name,
                 d->by_lev[by]);
}

/* Reference and columns of factor f among the levels present. */
static int code_factor(const dk_fit_data *d, int f, const long *seen, int ref,
                       dk_fit_design *x, const char *subset, dk_err *e)
{
    const dk_fit_factor *fc = &d->fac[f];
    int npresent = 0, first = -1;
    for (int l = 0; l < fc->nlev; l++)
        if (seen[l]) {
            npresent++;
            first = first < 0 ? l : first;
        }
    if (npresent < 2)
        return dk_fail(e, "%s: column '%s' has the single level '%s' in the rows "
                       "of %s; a factor needs two or more levels", d->path,
                       fc->name, fc->lev[first], subset);
    if (ref >= 0 && !seen[ref])
        return dk_fail(e, "%s: --reference %s=%s: that level does not occur in "
                       "the rows of %s", d->path, fc->name, fc->lev[ref], subset);
    x->ref[f] = ref >= 0 ? ref : first;
    if (!(x->col[f] = dk_malloc((size_t)fc->nlev * sizeof(int))))
        return dk_fail_oom(e, d->path);
    for (int l = 0; l < fc->nlev; l++) {
        x->col[f][l] = !seen[l] ? -2 : l == x->ref[f] ? -1 : x->p;
        if (x->col[f][l] < 0)
            continue;
        size_t len = strlen(fc->name) + strlen(fc->lev[l]) + 2;
        if (!(x->names[x->p] = dk_malloc(len)))
            return dk_fail_oom(e, d->path);
        snprintf(x->names[x->p++], len, "%s=%s", fc->name, fc->lev[l]);
    }
    return 0;
}

static int code_columns(const dk_fit_data *d, int by, int o, const int *ref,
                        dk_fit_design *x, dk_err *e)
{
    char subset[300];
    dk_fit_subset_name(d, by, o, subset, sizeof subset);
    int maxp = 1 + d->ncov;
    for (int f = 0; f < d->nfac; f++)
        maxp += d->fac[f].nlev;
    x->names = dk_calloc((size_t)maxp, sizeof *x->names);
    x->col = dk_calloc((size_t)d->nfac + 1, sizeof *x->col);
    x->ref = dk_calloc((size_t)d->nfac + 1, sizeof *x->ref);
    if (!x->names || !x->col || !x->ref || !(x->names[x->p++] = dk_strdup("(Intercept)")))
        return dk_fail_oom(e, d->path);
    long n = 0;
    for (long r = 0; r < d->nrows; r++)
        n += selected(d, r, by, o);
    if (n == 0)
        return dk_fail(e, "%s: no observations of %s", d->path, subset);
    for (int f = 0; f < d->nfac; f++) {
        long *seen = dk_calloc((size_t)d->fac[f].nlev, sizeof *seen);
        if (!seen)
            return dk_fail_oom(e, d->path);
        for (long r = 0; r < d->nrows; r++)
            if (selected(d, r, by, o))
                seen[d->fac[f].code[r]]++;
        int rc = code_factor(d, f, seen, ref ? ref[f] : -1, x, subset, e);
        dk_free(seen);
        if (rc != 0)
            return -1;
    }
    for (int c = 0; c < d->ncov; c++)
        if (!(x->names[x->p++] = dk_strdup(d->cov_name[c])))
            return dk_fail_oom(e, d->path);
    return 0;
}

/* Row r coded as x's columns: intercept, dummies, covariates, outcome. */
static void design_row(const dk_fit_data *d, const dk_fit_design *x, long r, double *z)
{
    memset(z, 0, (size_t)x->p * sizeof *z);
    z[0] = 1;
    for (int f = 0; f < d->nfac; f++) {
        int c = x->col[f][d->fac[f].code[r]];
        if (c > 0)
            z[c] = 1;
    }
    int cov0 = x->p - d->ncov;
    for (int c = 0; c < d->ncov; c++)
        z[cov0 + c] = d->cov[(size_t)r * (size_t)d->ncov + (size_t)c];
    z[x->p] = d->out[(size_t)r * (size_t)d->nout + (size_t)x->outcome];
}

/* One pass over the selected rows into the sufficient statistics; each
 * group present gets a slot, in order of first appearance.  -1 when out
 * of memory. */
static int accumulate(const dk_fit_data *d, int by, int o, dk_fit_design *x)
{
    x->slot = dk_malloc(((size_t)d->ngroups + 1) * sizeof *x->slot);
    x->group_of = dk_malloc(((size_t)d->ngroups + 1) * sizeof *x->group_of);
    double *z = dk_calloc((size_t)x->p + 1, sizeof *z);
    dk_lmm_acc acc;
    if (!x->slot || !x->group_of || !z) {
        dk_free(z);
        return -1;      /* the slots go with dk_fit_design_free */
    }
    memset(x->slot, -1, ((size_t)d->ngroups + 1) * sizeof *x->slot);
    long ng = 0;
    for (long r = 0; r < d->nrows; r++)
        if (selected(d, r, by, o) && x->slot[d->group[r]] < 0) {
            x->group_of[ng] = d->group[r];
            x->slot[d->group[r]] = ng++;
        }
    if (dk_lmm_acc_init(&acc, x->p, ng) != 0) {
        dk_free(z);
        return -1;
    }
    for (long r = 0; r < d->nrows; r++) {
        if (!selected(d, r, by, o))
            continue;
        design_row(d, x, r, z);
        dk_lmm_acc_add(&acc, x->slot[d->group[r]], z);
    }
    dk_free(z);
    return dk_lmm_acc_finish(&acc, &x->stats);
}

/* An outcome that never varies has no variance to split between groups
 * and residual: the fit would "succeed" with zero variances. */
static int outcome_varies(const dk_fit_data *d, int by, int o, dk_err *e)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (long r = 0; r < d->nrows; r++)
        if (selected(d, r, by, o)) {
            double y = d->out[(size_t)r * (size_t)d->nout + (size_t)o];
            lo = fmin(lo, y);
            hi = fmax(hi, y);
        }
    if (lo < hi || lo > hi)     /* varies, or no rows (reported elsewhere) */
        return 0;
    char subset[300];
    dk_fit_subset_name(d, by, o, subset, sizeof subset);
    return dk_fail(e, "fit: %s: %s: the outcome is constant (every value is %.17g): there "
                   "is no variation to fit", d->path, subset, lo);
}

int dk_fit_design_build(const dk_fit_data *d, int by, int o, const int *ref,
                        dk_fit_design *x, dk_err *e)
{
    memset(x, 0, sizeof *x);
    if (outcome_varies(d, by, o, e) != 0)
        return -1;
    x->by = by;
    x->outcome = o;
    int rc = code_columns(d, by, o, ref, x, e);
    if (rc == 0 && accumulate(d, by, o, x) != 0)
        rc = dk_fail_oom(e, d->path);
    if (rc != 0)
        dk_fit_design_free(x, d->nfac);
    return rc;
}

void dk_fit_design_free(dk_fit_design *x, int nfac)
{
    for (int i = 0; x->names && i < x->p; i++)
        dk_free(x->names[i]);
    for (int f = 0; x->col && f < nfac; f++)
        dk_free(x->col[f]);
    dk_free(x->names);
    dk_free(x->col);
    dk_free(x->ref);
    dk_free(x->slot);
    dk_free(x->group_of);
    dk_lmm_stats_free(&x->stats);
    memset(x, 0, sizeof *x);
}

int dk_fit_design_has(const dk_fit_data *d, const dk_fit_design *x, long r)
{
    return selected(d, r, x->by, x->outcome);
}

double dk_fit_fitted(const dk_fit_data *d, const dk_fit_design *x, const dk_lmm_fit *f,
                     long r, double *z)
{
    double mode, sd;
    design_row(d, x, r, z);
    dk_lmm_ranef(&x->stats, f, x->slot[d->group[r]], &mode, &sd);
    return dk_lmm_fixed_part(f, z) + mode;
}

/* Whether name is in the NULL-ended list; marks it found. */
static int listed(const char *name, const char *const *list, int *found)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0) {
            found[i] = 1;
            return 1;
        }
    return 0;
}

int dk_fit_design_keep(const dk_fit_data *d, const dk_fit_design *x,
                       const char *const *drop, int *keep, dk_err *e)
{
    int n = count(drop), *found = dk_calloc((size_t)n + 1, sizeof *found);
    char *gone = dk_calloc((size_t)x->p + 1, 1);
    if (!found || !gone) {
        dk_free(found);
        dk_free(gone);
        return dk_fail_oom(e, d->path);
    }
    for (int f = 0; f < d->nfac; f++)
        if (listed(d->fac[f].name, drop, found))
            for (int l = 0; l < d->fac[f].nlev; l++)
                if (x->col[f][l] >= 0)
                    gone[x->col[f][l]] = 1;
    for (int c = 0; c < d->ncov; c++)
        if (listed(d->cov_name[c], drop, found))
            gone[x->p - d->ncov + c] = 1;
    int nkeep = 0, rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        if (!found[i])
            rc = dk_fail(e, "--compare: '%s' is not one of the --factors or --covariates",
                         drop[i]);
    for (int j = 0; j < x->p && rc == 0; j++)
        if (!gone[j])
            keep[nkeep++] = j;
    dk_free(found);
    dk_free(gone);
    return rc == 0 ? nkeep : -1;
}
