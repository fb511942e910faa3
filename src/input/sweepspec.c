/*
 * sweepspec.c -- the sweep specification parser.  See sweep.h for the
 * format; every error names file, line and key.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_cdf.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/io/ini.h"
#include "draagkracht/input/sweepspec.h"

const char *const dk_design_names[] = { "grid", "lhs", "sobol", "saltelli", "morris", NULL };
const char *const dk_sweep_input_names[] = {
    "sector", "class-size", "support-needs", "heavy", "support", "experience",
    "level", "school-size", "model", NULL
};
const char *const dk_test_fn_names[] = { "none", "ishigami", "sobol-g", "sobol-g-star", NULL };
static const char *const sweep_keys[] = {
    "design", "n", "seed", "responses", "grid-points", "morris-levels",
    "test-function", "ishigami-a", "ishigami-b", NULL
};
static const char *const factor_keys[] = { "levels", "range", "distribution", "points", NULL };
static const char *const dist_names[] = { "uniform", "normal", "triangular", "pert", NULL };
static const char *const stat_names[] = { "mean", "le2", "ge4", "fte", NULL };

#define DK_PI 3.14159265358979323846

/* The sections, in the order of kinds[]. */
enum { SEC_SWEEP, SEC_BASE, SEC_FACTOR };

static const dk_ini_kind kinds[] = {
    { "sweep", NULL, 1, -1 },
    { "base", NULL, 1, -1 },
    { "factor", "class-size", 0, -1 },
    { NULL, NULL, 0, 0 }
};

typedef struct {
    dk_sweep_spec *sp;
    const dk_model *m;
    dk_ini ini;
    dk_factor *f;           /* the open [factor] */
    int dist_line;
} pstate;

/* The error helpers of the one INI reader, by their short names here. */
#define FAIL(ps, key, ...) dk_ini_fail(&(ps)->ini, key, __VA_ARGS__)

static int lookup(const char *s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int dk_test_fn_lookup(const char *s) { return lookup(s, dk_test_fn_names); }

/* Every name a [factor] or [base] key may take: the inputs, then the
 * model's parameters; NULL when out of memory. */
static const char **all_names(const dk_model *m)
{
    return dk_model_names(m, dk_sweep_input_names);
}

static int unknown_name(pstate *ps, const char *key, const char *w)
{
    if (ps->sp->test) {
        const char *const xs[] = { "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", NULL };
        return dk_ini_unknown(&ps->ini, key, "factor", w, xs);
    }
    const char **names = all_names(ps->m);
    if (!names)
        return FAIL(ps, key, "out of memory");
    int rc = dk_ini_unknown(&ps->ini, key, "input or model parameter", w, names);
    dk_free(names);
    return rc;
}

static int number(pstate *ps, const char *key, const char *v, double *out)
{
    return dk_ini_number(&ps->ini, key, v, out);
}

static int whole(pstate *ps, const char *key, const char *v, long lo, long hi, long *out)
{
    return dk_ini_long(&ps->ini, key, v, lo, hi, out);
}

/* ---- values of the inputs ---- */

static int input_of(const char *name)
{
    return lookup(name, dk_sweep_input_names);
}

static int is_count(int in)
{
    return in == DK_IN_CLASS_SIZE || in == DK_IN_OB || in == DK_IN_HEAVY ||
           in == DK_IN_SCHOOL_SIZE || in == DK_IN_MEMBER;
}

/* A level's value: the vocabulary index, a support mask ('+' combines
 * forms, as a CSV cell cannot hold commas), or a number. */
static int level_value(pstate *ps, const char *key, int in, const char *w, double *v)
{
    int k;
    switch (in) {
    case DK_IN_SECTOR:
        if ((k = dk_sector_lookup(w)) < 0)
            return dk_ini_unknown(&ps->ini, key, "sector", w, dk_sector_names);
        *v = k;
        return 0;
    case DK_IN_EXPERIENCE:
        if ((k = dk_experience_lookup(w)) < 0)
            return dk_ini_unknown(&ps->ini, key, "experience", w, dk_experience_names);
        *v = k;
        return 0;
    case DK_IN_LEVEL:
        if ((k = dk_level_lookup(w)) < 0)
            return dk_ini_unknown(&ps->ini, key, "level", w, dk_level_names);
        *v = k;
        return 0;
    case DK_IN_SUPPORT: {
        char list[256];
        dk_err why = dk_err_like(ps->ini.e);
        unsigned mask;
        snprintf(list, sizeof list, "%s", w);
        for (char *c = list; *c; c++)
            *c = *c == '+' ? ',' : *c;
        if (strchr(w, ',') || dk_support_parse(list, &mask, &why) != 0)
            return FAIL(ps, key, "%s", strchr(w, ',') ? "combine forms with '+' "
                       "(assistant+specialist)" : why.msg);
        *v = mask;
        return 0;
    }
    default:
        return number(ps, key, w, v);
    }
}

/* Counts must be whole pupils (classes) in 0..DK_MAX_CLASS_SIZE; an
 * ensemble member is a whole number in 1..K. */
static int count_ok(pstate *ps, const char *key, int in, double v)
{
    if (in == DK_IN_MEMBER) {
        double k = (double)dk_model_nmember(ps->m);
        return v == floor(v) && v >= 1 && v <= k ? 0
             : FAIL(ps, key, "%g is not an ensemble member 1..%g of the model", v, k);
    }
    double lo = in == DK_IN_CLASS_SIZE || in == DK_IN_SCHOOL_SIZE ? 1 : 0;
    if (v != floor(v) || v < lo || v > (in == DK_IN_SCHOOL_SIZE ? 1000 : DK_MAX_CLASS_SIZE))
        return FAIL(ps, key, "%g is not a whole number in %g..%d", v, lo,
                   in == DK_IN_SCHOOL_SIZE ? 1000 : DK_MAX_CLASS_SIZE);
    return 0;
}

/* A parameter's value must keep the model in the domain the model file
 * checks guarantee (SDs >= 0, shares in 0..1, positive hours). */
static int param_ok(pstate *ps, const char *key, int p, double lo, double hi)
{
    dk_override o = { p, dk_model_param(ps->m, (size_t)p)->value, lo, hi, ps->ini.line };
    char where[300];
    snprintf(where, sizeof where, "%s:%d", ps->ini.path, ps->ini.line);
    dk_err why = dk_err_like(ps->ini.e);
    if (dk_model_check_ranges(ps->m, &o, 1, where, &why) != 0)
        return dk_fail(ps->ini.e, "%s (key %s)", why.msg, key);
    return 0;
}

/* ---- [sweep] ---- */

int dk_response_parse(const char *name, dk_response *r)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return -1;
    int o = -1;
    for (int k = 0; k < DK_NOUTCOME && o < 0; k++)
        o = strlen(dk_outcome_name(k)) == (size_t)(dot - name)
            && strncmp(name, dk_outcome_name(k), (size_t)(dot - name)) == 0 ? k : -1;
    int st = lookup(dot + 1, stat_names);
    if (o < 0 || st < 0 || (st == DK_STAT_FTE && !DK_IS_NEED(o)))
        return -1;
    snprintf(r->name, sizeof r->name, "%s", name);
    r->outcome = o;
    r->stat = (dk_stat)st;
    return 0;
}

int dk_sweep_group(dk_design_kind d, int k)
{
    return k + (d == DK_DESIGN_SALTELLI ? 2 : 1);
}

int dk_sweep_block_at(dk_design_kind d, int k, long i, long *base)
{
    int per = dk_sweep_group(d, k);
    *base = i / per;
    int t = (int)(i % per);
    if (d == DK_DESIGN_SALTELLI)
        return t == 0 ? DK_BLOCK_A : t == 1 ? DK_BLOCK_B : t - 2;
    return t == 0 ? DK_BLOCK_START : DK_BLOCK_ANY;
}

/* Physical memory in bytes (HUGE_VAL if the system does not say). */
static double phys_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (double)pages * (double)size : HUGE_VAL;
}

int dk_sweep_memory_ok(double need, const char *what, dk_err *e)
{
    double have = phys_memory();
    if (need <= have)
        return 0;
    return dk_fail(e, "sweep: %s needs about %.3g GB of memory and this machine has %.3g GB: "
                   "use a smaller n%s", what, need / 1e9, have / 1e9,
                   strstr(what, "indices") ? ", or write the rows in shards and --analyse "
                   "them on a larger machine" : " or another design");
}

static int responses(pstate *ps, char *v)
{
    dk_sweep_spec *sp = ps->sp;
    sp->nr = 0;
    char *save;
    for (char *w = strtok_r(v, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
        if (sp->nr == DK_SWEEP_MAX_RESPONSES)
            return FAIL(ps, "responses", "more than %d", DK_SWEEP_MAX_RESPONSES);
        dk_response *r = &sp->r[sp->nr];
        if (dk_response_parse(w, r) != 0) {
            snprintf(r->name, sizeof r->name, "%s", w);
            const char *s = NULL;
            char names[DK_NOUTCOME * 4][40];
            const char *list[DK_NOUTCOME * 4 + 1];
            int n = 0;
            for (int k = 0; k < DK_NOUTCOME; k++)
                for (int j = 0; j < 4; j++)
                    if (j != DK_STAT_FTE || DK_IS_NEED(k)) {
                        snprintf(names[n], sizeof names[n], "%s.%s", dk_outcome_name(k),
                                 stat_names[j]);
                        list[n] = names[n];
                        n++;
                    }
            list[n] = NULL;
            s = dk_suggest(r->name, list);
            char mean[120];
            return FAIL(ps, "responses", "unknown response '%s'%s (OUTCOME.STAT: "
                       "an aspect or demand form, then mean, le2, ge4, or fte for "
                       "demand)", r->name,
                       dk_mean_text(dk_e_lang(ps->ini.e), s, mean, sizeof mean));
        }
        for (int k = 0; k < sp->nr; k++)
            if (strcmp(sp->r[k].name, r->name) == 0)
                return FAIL(ps, "responses", "'%s' is listed twice", r->name);
        sp->nr++;
    }
    if (!sp->nr)
        return FAIL(ps, "responses", "empty list");
    return 0;
}

static int sweep_key(pstate *ps, const char *key, char *v)
{
    dk_sweep_spec *sp = ps->sp;
    long x;
    int k = lookup(key, sweep_keys);
    switch (k) {
    case 0:
        if ((k = lookup(v, dk_design_names)) < 0)
            return dk_ini_unknown(&ps->ini, key, "design", v, dk_design_names);
        sp->design = (dk_design_kind)k;
        sp->line_design = ps->ini.line;
        return 0;
    case 1:
        if (whole(ps, key, v, 1, DK_SWEEP_MAX_N, &sp->n))
            return -1;
        sp->line_n = ps->ini.line;
        return 0;
    case 2:
        if (whole(ps, key, v, 0, DK_SEED_MAX, &x))
            return -1;
        sp->seed = (unsigned long)x;
        return 0;
    case 3:
        return responses(ps, v);
    case 4:
        if (whole(ps, key, v, 2, 1000, &x))
            return -1;
        sp->grid_points = (int)x;
        return 0;
    case 5:
        if (whole(ps, key, v, 2, 100, &x))
            return -1;
        if (x % 2)
            return FAIL(ps, key, "%ld is odd; Morris's step p/(2(p-1)) needs an even "
                       "number of levels (4 is usual)", x);
        sp->morris_levels = (int)x;
        return 0;
    case 6:
        if ((k = lookup(v, dk_test_fn_names)) < 0)
            return dk_ini_unknown(&ps->ini, key, "test function", v, dk_test_fn_names);
        sp->test = (dk_test_fn)k;
        return 0;
    case 7:
        return number(ps, key, v, &sp->ishigami_a);
    case 8:
        return number(ps, key, v, &sp->ishigami_b);
    default:
        return dk_ini_unknown(&ps->ini, key, dk_e(ps->ini.e, DKS_X_WORD_KEY), key, sweep_keys);
    }
}

/* ---- [base] ---- */

static int base_key(pstate *ps, const char *key, const char *v)
{
    dk_sweep_spec *sp = ps->sp;
    int in = input_of(key);
    double x;
    if (in < 0) {
        int p = dk_model_find(ps->m, key);
        if (p < 0)
            return unknown_name(ps, key, key);
        if (number(ps, key, v, &x) || param_ok(ps, key, p, x, x))
            return -1;
        sp->theta[p] = x;
        return 0;
    }
    if (level_value(ps, key, in, v, &x) || (is_count(in) && count_ok(ps, key, in, x)))
        return -1;
    dk_class *c = &sp->base;
    switch (in) {
    case DK_IN_SECTOR:      c->sector = (dk_sector)x; break;
    case DK_IN_CLASS_SIZE:  c->class_size = x; break;
    case DK_IN_OB:          c->ob = x; break;
    case DK_IN_HEAVY:       c->heavy = x; break;
    case DK_IN_SUPPORT:     c->support = (unsigned)x; break;
    case DK_IN_EXPERIENCE:  c->exp = (dk_experience)x; break;
    case DK_IN_LEVEL:       c->level = (dk_level)x; break;
    default:                sp->school_size = x; break;
    }
    return 0;
}

/* ---- [factor NAME] ---- */

static int factor_levels(pstate *ps, dk_factor *f, char *v)
{
    char *w[DK_SWEEP_MAX_LEVELS + 1];
    int n = dk_split(v, w, DK_SWEEP_MAX_LEVELS + 1);
    if (n == 0)
        return FAIL(ps, "levels", "empty list");
    if (n > DK_SWEEP_MAX_LEVELS)
        return FAIL(ps, "levels", "more than %d levels", DK_SWEEP_MAX_LEVELS);
    for (int i = 0; i < n; i++) {
        if (level_value(ps, "levels", f->input, w[i], &f->level[i]))
            return -1;
        if (is_count(f->input) && count_ok(ps, "levels", f->input, f->level[i]))
            return -1;
        if (f->input == DK_IN_PARAM && param_ok(ps, "levels", f->param, f->level[i], f->level[i]))
            return -1;
        for (int j = 0; j < i; j++)
            if (f->level[j] == f->level[i])
                return FAIL(ps, "levels", "'%s' is listed twice", w[i]);
        snprintf(f->label[i], sizeof f->label[i], "%s", w[i]);
    }
    f->nlevel = n;
    return 0;
}

static int factor_range(pstate *ps, dk_factor *f, char *v)
{
    char *w[3];
    if (f->input <= DK_IN_LEVEL && !is_count(f->input))
        return FAIL(ps, "range", "%s takes levels, not a range", f->name);
    if (dk_split(v, w, 3) != 2)
        return FAIL(ps, "range", "expected two numbers, LO HI");
    if (number(ps, "range", w[0], &f->lo) || number(ps, "range", w[1], &f->hi))
        return -1;
    if (!(f->lo < f->hi))
        return FAIL(ps, "range", "%s..%s is empty: the low end must be below the high end",
                   w[0], w[1]);
    if (is_count(f->input) && (count_ok(ps, "range", f->input, f->lo) ||
                               count_ok(ps, "range", f->input, f->hi)))
        return -1;
    if (f->input == DK_IN_PARAM)
        return param_ok(ps, "range", f->param, f->lo, f->hi);
    return 0;
}

static int factor_dist(pstate *ps, dk_factor *f, char *v)
{
    char *w[4];
    int n = dk_split(v, w, 4), k = n ? lookup(w[0], dist_names) : -1;
    if (k < 0)
        return dk_ini_unknown(&ps->ini, "distribution", "distribution", n ? w[0] : "", dist_names);
    int want[] = { 1, 3, 2, -1 };
    if ((want[k] > 0 && n != want[k]) || (k == DK_DIST_PERT && n > 2))
        return FAIL(ps, "distribution", "%s takes %s", w[0], k == 0 ? "no numbers"
                   : k == 1 ? "MEAN SD" : k == 2 ? "MODE" : "at most MODE");
    f->dist = (dk_dist)k;
    ps->dist_line = ps->ini.line;
    if (k == DK_DIST_NORMAL)
        return number(ps, "distribution", w[1], &f->mean) ||
               number(ps, "distribution", w[2], &f->sd) ||
               (f->sd <= 0 ? FAIL(ps, "distribution", "SD %s must be positive", w[2]) : 0);
    if (n == 2)
        return number(ps, "distribution", w[1], &f->mode);
    f->mode = NAN;
    return 0;
}

static int factor_key(pstate *ps, const char *key, char *v)
{
    dk_factor *f = ps->f;
    long x;
    switch (lookup(key, factor_keys)) {
    case 0:
        return factor_levels(ps, f, v);
    case 1:
        return factor_range(ps, f, v);
    case 2:
        return factor_dist(ps, f, v);
    case 3:
        if (whole(ps, key, v, 2, 10000, &x))
            return -1;
        f->points = (int)x;
        return 0;
    default:
        return dk_ini_unknown(&ps->ini, key, dk_e(ps->ini.e, DKS_X_WORD_KEY), key, factor_keys);
    }
}

static int open_factor(pstate *ps, const char *name)
{
    dk_sweep_spec *sp = ps->sp;
    if (sp->nf == DK_SWEEP_MAX_FACTORS)
        return FAIL(ps, "factor", "more than %d factors", DK_SWEEP_MAX_FACTORS);
    dk_factor *f = &sp->f[sp->nf];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    f->line = ps->ini.line;
    f->mode = NAN;
    if (sp->test) {
        /* x1, x2, ... exactly as written here: x01 or x+1 would name x1
         * again and leave another x unset */
        long x = 0;
        char canon[24] = "";
        if (name[0] == 'x' && dk_parse_long(name + 1, &x) == 0 && x >= 1 &&
            x <= DK_SWEEP_MAX_FACTORS)
            snprintf(canon, sizeof canon, "x%ld", x);
        if (strcmp(canon, name) != 0)
            return *canon ? FAIL(ps, "factor", "'%s': write it '%s' (the test function's "
                                "factors are x1, x2, ...)", name, canon)
                          : unknown_name(ps, "factor", name);
        f->input = DK_IN_X;
        f->param = (int)x - 1;
    } else if ((f->input = (dk_input)input_of(name)) == (dk_input)-1) {
        f->input = DK_IN_PARAM;
        if ((f->param = dk_model_find(ps->m, name)) < 0)
            return unknown_name(ps, "factor", name);
        f->lo = dk_model_param(ps->m, (size_t)f->param)->lo;
        f->hi = dk_model_param(ps->m, (size_t)f->param)->hi;
    }
    if (f->input == DK_IN_MEMBER) {
        /* the model's own uncertainty, like any other factor: by default
         * every member, equally likely */
        if (!dk_model_nmember(ps->m))
            return FAIL(ps, "factor", "'model': the model has no posterior ensemble "
                        "(a fitted or hand-written model file)");
        f->lo = 1;
        f->hi = (double)dk_model_nmember(ps->m);
    }
    f->whole = is_count(f->input);
    ps->f = f;
    ps->dist_line = 0;
    sp->nf++;
    return 0;
}

static int close_factor(pstate *ps)
{
    dk_factor *f = ps->f;
    if (!f)
        return 0;
    int line = ps->ini.line;
    ps->ini.line = f->line;
    int rc = 0;
    if (!f->nlevel && !(f->lo < f->hi))
        rc = f->input == DK_IN_PARAM
           ? FAIL(ps, f->name, "empty range: the model fixes this parameter at %g; "
                 "give range = LO HI or levels", dk_model_param(ps->m, (size_t)f->param)->value)
           : FAIL(ps, f->name, "needs levels = ... or range = LO HI");
    if (!rc && f->dist != DK_DIST_UNIFORM && f->nlevel)
        rc = FAIL(ps, f->name, "a distribution applies to a range, not to levels");
    if (!rc && f->dist == DK_DIST_PERT && isnan(f->mode))
        f->mode = f->input == DK_IN_PARAM ? dk_model_param(ps->m, (size_t)f->param)->value : 0.5 * (f->lo + f->hi);
    /* the distribution's own problems are reported at its line */
    if (ps->dist_line)
        ps->ini.line = ps->dist_line;
    if (!rc && (f->dist == DK_DIST_PERT || f->dist == DK_DIST_TRIANGULAR) &&
        !(f->mode >= f->lo && f->mode <= f->hi))
        rc = FAIL(ps, "distribution", "the mode %g of %s lies outside the range %g..%g",
                 f->mode, f->name, f->lo, f->hi);
    if (!rc && f->dist == DK_DIST_NORMAL) {
        /* the range's probability, in the tail where it is accurate */
        double mass = f->lo > f->mean
                    ? gsl_cdf_gaussian_Q(f->lo - f->mean, f->sd) - gsl_cdf_gaussian_Q(f->hi - f->mean, f->sd)
                    : gsl_cdf_gaussian_P(f->hi - f->mean, f->sd) - gsl_cdf_gaussian_P(f->lo - f->mean, f->sd);
        if (!(mass > 1e-300))
            rc = FAIL(ps, "distribution", "normal %g %g has (numerically) no probability in "
                     "%s's range %g..%g: move the mean or widen the SD or the range",
                     f->mean, f->sd, f->name, f->lo, f->hi);
    }
    ps->ini.line = line;
    ps->f = NULL;
    return rc;
}

/* A section begins: the open factor is complete. */
static int section_start(pstate *ps)
{
    if (close_factor(ps))
        return -1;
    return ps->ini.kind == SEC_FACTOR ? open_factor(ps, ps->ini.name) : 0;
}

static int key_value(pstate *ps, const char *key, char *v)
{
    switch (ps->ini.kind) {
    case SEC_SWEEP: return sweep_key(ps, key, v);
    case SEC_BASE:  return base_key(ps, key, v);
    default:        return factor_key(ps, key, v);
    }
}

/* ---- whole-spec rules ---- */

/* Survey means for counts the spec leaves open, as every class takes
 * them, kept per sector and level so that a row only looks them up. */
static void survey_defaults(dk_sweep_spec *sp, const dk_model *m)
{
    for (int s = 0; s < DK_NSECTOR; s++)
        for (int l = 0; l < 3; l++)
            sp->def[s][l] = dk_survey_class_defaults(m, (dk_sector)s, (dk_level)l);
}

static const dk_factor *factor_for(const dk_sweep_spec *sp, int in)
{
    for (int i = 0; i < sp->nf; i++)
        if ((int)sp->f[i].input == in)
            return &sp->f[i];
    return NULL;
}

/* Smallest and largest value a count takes over the design. */
static void count_span(const dk_sweep_spec *sp, int in, double *lo, double *hi)
{
    const dk_factor *f = factor_for(sp, in);
    if (f && f->nlevel) {
        *lo = *hi = f->level[0];
        for (int i = 1; i < f->nlevel; i++) {
            *lo = fmin(*lo, f->level[i]);
            *hi = fmax(*hi, f->level[i]);
        }
        return;
    }
    if (f) {
        *lo = f->lo;
        *hi = f->hi;
        return;
    }
    double set = in == DK_IN_CLASS_SIZE ? sp->base.class_size
               : in == DK_IN_OB ? sp->base.ob : sp->base.heavy;
    if (set >= 0) {
        *lo = *hi = set;
        return;
    }
    /* the survey mean of every sector (and vo level) the design visits */
    const dk_factor *fs = factor_for(sp, DK_IN_SECTOR), *fl = factor_for(sp, DK_IN_LEVEL);
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (int s = 0; s < DK_NSECTOR; s++) {
        int in_s = fs ? 0 : s == (int)sp->base.sector;
        for (int i = 0; fs && i < fs->nlevel; i++)
            in_s |= (int)fs->level[i] == s;
        for (int l = 0; in_s && l < 3; l++) {
            int in_l = fl ? 0 : l == (int)sp->base.level;
            for (int i = 0; fl && i < fl->nlevel; i++)
                in_l |= (int)fl->level[i] == l;
            if (!in_l)
                continue;
            const dk_survey_means *d = &sp->def[s][l];
            double v = in == DK_IN_CLASS_SIZE ? d->size : in == DK_IN_OB ? d->ob : d->heavy;
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
        }
    }
}

/* heavy <= support-needs <= class-size in every row, or say which range
 * breaks it (the model has no meaning for an impossible class). */
static int counts_ok(pstate *ps)
{
    dk_sweep_spec *sp = ps->sp;
    static const char *const names[] = { "heavy", "support-needs", "class-size" };
    int ins[] = { DK_IN_HEAVY, DK_IN_OB, DK_IN_CLASS_SIZE };
    for (int k = 0; k < 2; k++) {
        double lo0, hi0, lo1, hi1;
        count_span(sp, ins[k], &lo0, &hi0);
        count_span(sp, ins[k + 1], &lo1, &hi1);
        if (hi0 <= lo1)
            continue;
        const dk_factor *f = factor_for(sp, ins[k]);
        if (!f)
            f = factor_for(sp, ins[k + 1]);
        return dk_ini_fail_at(&ps->ini, f ? f->line : ps->ini.first[SEC_BASE],
                              f ? f->name : names[k], "up to %g %s pupils, but %s can be as "
                              "low as %g: narrow the ranges so that heavy <= support-needs "
                              "<= class-size in every scenario", hi0, names[k], names[k + 1],
                              lo1);
    }
    return 0;
}

/* A test function's domain: x_i uniform on LO..HI. */
static void test_domain(dk_test_fn fn, double *lo, double *hi)
{
    *lo = fn == DK_TEST_ISHIGAMI ? -DK_PI : 0;
    *hi = fn == DK_TEST_ISHIGAMI ? DK_PI : 1;
}

int dk_sweep_test_domain(const dk_sweep_spec *sp)
{
    double lo, hi;
    test_domain(sp->test, &lo, &hi);
    int ok = sp->test != DK_TEST_NONE;
    for (int i = 0; ok && i < sp->nf; i++) {
        const dk_factor *f = &sp->f[i];
        ok = !f->nlevel && f->dist == DK_DIST_UNIFORM && f->lo == lo && f->hi == hi;
    }
    return ok;
}

/* A test function's factors: the function's own, unless given (Ishigami
 * three, G six, G* ten as in its paper). */
static void test_defaults(dk_sweep_spec *sp)
{
    int k = sp->test == DK_TEST_ISHIGAMI ? 3 : sp->test == DK_TEST_SOBOL_G ? 6 : 10;
    if (!sp->nf)
        for (int i = 0; i < k; i++) {
            dk_factor *f = &sp->f[sp->nf++];
            memset(f, 0, sizeof *f);
            snprintf(f->name, sizeof f->name, "x%d", i + 1);
            f->input = DK_IN_X;
            f->param = i;
            test_domain(sp->test, &f->lo, &f->hi);
        }
    sp->nr = 1;
    snprintf(sp->r[0].name, sizeof sp->r[0].name, "y");
    sp->r[0].stat = DK_STAT_Y;
    sp->r[0].outcome = -1;
}

static int finish(pstate *ps)
{
    dk_sweep_spec *sp = ps->sp;
    if (sp->test) {
        test_defaults(sp);
        if (sp->test == DK_TEST_ISHIGAMI && sp->nf != 3)
            return dk_fail(ps->ini.e, "%s: ishigami has exactly three factors, x1 x2 x3",
                           ps->ini.path);
        for (int i = 0; i < sp->nf; i++)
            if (sp->f[i].param >= sp->nf)
                return dk_ini_fail_at(&ps->ini, sp->f[i].line, sp->f[i].name,
                                      "the factors must be x1..x%d", sp->nf);
        return 0;
    }
    if (!sp->nf)
        return dk_fail(ps->ini.e, "%s: no [factor NAME] section: nothing to sweep", ps->ini.path);
    for (int i = 0; i < sp->nf; i++)
        for (int j = 0; j < i; j++)
            if (sp->f[i].input != DK_IN_PARAM && sp->f[i].input == sp->f[j].input)
                return dk_ini_fail_at(&ps->ini, sp->f[i].line, sp->f[i].name,
                                      "factor given twice (first on line %d)", sp->f[j].line);
    if (!sp->nr) {
        /* default: every aspect's mean and share <= 2, every demand's FTE */
        for (int o = 0; o < DK_NOUTCOME; o++) {
            int st = DK_IS_NEED(o) ? DK_STAT_FTE : DK_STAT_MEAN;
            for (; st <= (DK_IS_NEED(o) ? DK_STAT_FTE : DK_STAT_LE2); st++) {
                dk_response *r = &sp->r[sp->nr++];
                r->outcome = o;
                r->stat = (dk_stat)st;
                snprintf(r->name, sizeof r->name, "%s.%s", dk_outcome_name(o), stat_names[st]);
            }
        }
    }
    return counts_ok(ps);
}

/* test-function = F may follow the [factor xN] sections it gives names
 * to: find it first.  A file the reader refuses stops the search; the
 * real pass reports that (or an earlier) problem. */
static void prescan_test(dk_sweep_spec *sp, const char *path, const char *text, size_t len)
{
    dk_ini ini;
    dk_err ignore = DK_ERR_IN(0);
    if (dk_ini_open(&ini, path, text, len, kinds, &ignore) != 0)
        return;
    int rc, k;
    while ((rc = dk_ini_next(&ini)) > 0)
        if (rc == DK_INI_KEY && ini.kind == SEC_SWEEP && strcmp(ini.key, "test-function") == 0
            && (k = lookup(ini.value, dk_test_fn_names)) > 0)
            sp->test = (dk_test_fn)k;
    dk_ini_close(&ini);
}

void dk_sweep_free(dk_sweep_spec *sp)
{
    dk_free(sp->theta);
    sp->theta = NULL;
}

int dk_sweep_parse(dk_sweep_spec *sp, const dk_model *m, const char *path,
                   const char *text, size_t len, dk_err *e)
{
    memset(sp, 0, sizeof *sp);
    snprintf(sp->path, sizeof sp->path, "%s", path);
    sp->design = DK_DESIGN_SALTELLI;
    sp->seed = DK_SWEEP_DEFAULT_SEED;
    sp->grid_points = 5;
    sp->morris_levels = 4;
    sp->ishigami_a = 7;
    sp->ishigami_b = 0.1;
    sp->base.class_size = sp->base.ob = sp->base.heavy = -1;
    sp->school_size = 1;
    sp->ntheta = dk_model_nparam(m);
    sp->theta = dk_malloc(sp->ntheta * sizeof *sp->theta);
    if (!sp->theta)
        return dk_fail(e, "%s: out of memory", path);
    dk_model_values(m, sp->theta);
    survey_defaults(sp, m);
    pstate ps = { .sp = sp, .m = m };
    prescan_test(sp, path, text, len);
    int rc = dk_ini_open(&ps.ini, path, text, len, kinds, e);
    while (rc == 0 && (rc = dk_ini_next(&ps.ini)) > 0)
        rc = rc == DK_INI_SECTION ? section_start(&ps)
           : key_value(&ps, ps.ini.key, ps.ini.value);
    if (rc == 0)
        rc = close_factor(&ps);
    if (rc == 0)
        rc = finish(&ps);
    dk_ini_close(&ps.ini);
    if (rc != 0)
        dk_sweep_free(sp);
    return rc;
}

int dk_sweep_load(dk_sweep_spec *sp, const dk_model *m, const char *path, dk_err *e)
{
    size_t len;
    char *text = dk_read_file(path, &len, e);
    if (!text)
        return -1;
    int rc = dk_sweep_parse(sp, m, path, text, len, e);
    dk_free(text);
    return rc;
}

static long next_pow2(long n)
{
    long p = 1;
    while (p < n)
        p *= 2;
    return p;
}

int dk_sweep_validate(dk_sweep_spec *sp, dk_err *e)
{
    char where[300];
    if (sp->line_n)
        snprintf(where, sizeof where, "%s:%d: n", sp->path, sp->line_n);
    else
        snprintf(where, sizeof where, "%s: n", sp->path);
    int k = sp->nf;
    if (sp->design == DK_DESIGN_SOBOL || sp->design == DK_DESIGN_SALTELLI) {
        int dims = sp->design == DK_DESIGN_SALTELLI ? 2 * k : k, most = dims > k ? 20 : 40;
        if (dims > 40)
            return dk_fail(e, "%s:%d: %s: %s needs %d Sobol dimensions and GSL has 40: at most "
                           "%d factors", sp->path, sp->f[most].line, sp->f[most].name,
                           dk_design_names[sp->design], dims, most);
        if (!sp->n)
            sp->n = 1024;
        if (sp->n > DK_SWEEP_MAX_SOBOL_N)
            return dk_fail(e, "%s: %ld is more than GSL's Sobol sequence can give: the "
                           "largest allowed is %ld (2^29)", where, sp->n, DK_SWEEP_MAX_SOBOL_N);
        if (sp->design == DK_DESIGN_SALTELLI && sp->n < DK_SWEEP_MIN_BASE)
            return dk_fail(e, "%s: saltelli needs at least %d base rows for indices", where,
                           DK_SWEEP_MIN_BASE);
        if (sp->n & (sp->n - 1)) {
            long up = next_pow2(sp->n);
            return dk_fail(e, "%s: %ld is not a power of two; a Sobol sequence is "
                           "balanced only at powers of two: use n = %ld (or %ld)", where,
                           sp->n, up, up / 2);
        }
    }
    if (sp->design == DK_DESIGN_GRID) {
        double rows = 1;
        for (int i = 0; i < k; i++)
            rows *= sp->f[i].nlevel ? sp->f[i].nlevel
                  : sp->f[i].points ? sp->f[i].points : sp->grid_points;
        if (rows > 1e10)
            return dk_fail(e, "%s: the grid has %.3g rows; use fewer points or a "
                           "sampling design", sp->path, rows);
    }
    if (sp->design == DK_DESIGN_LHS && !sp->n)
        sp->n = 1024;
    if (sp->design == DK_DESIGN_MORRIS && !sp->n)
        sp->n = 20;
    if (sp->design == DK_DESIGN_MORRIS && sp->n < DK_SWEEP_MIN_BASE)
        return dk_fail(e, "%s: Morris needs at least %d trajectories for sigma", where,
                       DK_SWEEP_MIN_BASE);
    return 0;
}
