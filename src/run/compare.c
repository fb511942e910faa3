/*
 * compare.c -- a baseline population and its variants under common random
 * numbers (compare.h).
 *
 * A replicate runs in three steps: draw the parameters and the baseline's
 * classes (the same for every variant); for each variant, copy the classes
 * and apply its rules in order; then rate every class, integrating over
 * teachers exactly.  Rule k of the file draws from stream (replicate, k),
 * so a variant built on another makes the very same choices as its base.
 *
 * The baseline's classes are the populations' (drawn anew each replicate)
 * followed by the schools' (the scenario's [school] sections or a class
 * list: the same classes every replicate, so their intervals are the
 * model's uncertainty alone).  Classes that share a population, or a
 * school, sector, experience and level, form a group with one table of
 * mean terms per replicate.
 */
#define HAVE_INLINE 1
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/parallel.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/run/compare.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/model/survey.h"

/* One class as a variant sees it. */
typedef struct {
    int grp;                /* its group; groups 0..npop-1 are the populations */
    int size, ob, heavy;
    unsigned support;
    double w;               /* classes it stands for: after a class-size
                             * change its pupils fill s / s' classes */
} cls;

/* Classes that share one table of mean terms. */
typedef struct {
    dk_class like;          /* sector, experience, level */
    double school_size;     /* classes a facility serves */
} group;

typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    long nclass, nschool;
    long ndrawn;            /* the populations' classes come first */
    int nvar, ngroup;
    group *groups;          /* [ngroup] */
    cls *fixed;             /* [nclass - ndrawn]: the schools' classes */
    long *school_first;     /* [nschool + 1]: a school's classes, contiguous */
    double *v;              /* replicates x nvar x DK_NCS */
    unsigned char *added;   /* replicates x nvar x fixed: forms a variant gave; or NULL */
} job;

typedef struct {
    gsl_rng *rng, *rule_rng;
    double *theta;
    dk_survey_tables *tabs; /* per population */
    dk_mean_terms *terms;   /* per group */
    cls *base, *cur;
    double *key;            /* per candidate class (or school): priority, lower first */
    long *who;              /* the candidates */
    size_t *order;
    double *cost;           /* this variant's costs and counts: DK_NCS */
    double *sums;           /* the baseline's per-class sums: nclass x NC */
} work;

static double *slot(const job *j, int r, int v)
{
    return j->v + ((size_t)r * (size_t)j->nvar + (size_t)v) * DK_NCS;
}

/* The populations' classes for this replicate's parameters (the schools'
 * stay as work_start put them), and every group's mean terms; -1 when the
 * survey tables ran out of memory. */
static int draw_classes(const job *j, work *w)
{
    const dk_scenario *sc = j->sc;
    long c = 0;
    for (int p = 0; p < sc->npop; p++) {
        const dk_scn_population *pop = &sc->pops[p];
        if (dk_survey_prepare(&w->tabs[p], j->m, w->theta, &pop->spec) != 0)
            return -1;
        for (long i = 0; i < pop->classes; i++, c++) {
            unsigned x[DK_SURVEY_UNIFORMS];
            dk_survey_class d;
            dk_u16_fill(w->rng, x, DK_SURVEY_UNIFORMS);
            dk_survey_draw(&w->tabs[p], x, w->rng, &d);
            w->base[c] = (cls){ .grp = p, .size = d.size, .ob = d.ob, .heavy = d.heavy,
                                .support = d.support, .w = 1 };
        }
        if (w->tabs[p].oom)
            return -1;
    }
    for (int g = 0; g < j->ngroup; g++)
        dk_mean_terms_build(j->m, w->theta, &j->groups[g].like, 1, DK_MAX_CLASS_SIZE,
                            &w->terms[g]);
    return 0;
}

/* A class-size change: the same pupils in classes of s + delta, so a class
 * stands for s / (s + delta) classes, each a random part of the old one
 * (hypergeometric counts of support-need and heavy-need pupils) or the old
 * one plus pupils like its own (binomial counts).  The new classes keep
 * the class's per-class support, so each costs a teacher and that support
 * again; a facility serves the school whatever its number of classes. */
static void change_size(const job *j, work *w, const dk_scn_rule *r)
{
    const double *th = w->theta;
    for (long i = 0; i < j->nclass; i++) {
        cls *c = &w->cur[i];
        if (r->pop >= 0 && c->grp != r->pop)
            continue;
        int s = c->size, t = s + r->delta;
        t = t < 1 ? 1 : t > DK_MAX_CLASS_SIZE ? DK_MAX_CLASS_SIZE : t;
        double w1 = c->w * s / t, more = w1 - c->w;
        w->cost[DK_CS_COST] += more * dk_class_fte(j->m, th);
        w->cost[DK_CS_GIVEN] += more;
        for (int f = DK_SUP_ASSISTANT; f < DK_SUP_FACILITY; f++)
            if (c->support >> f & 1u) {
                w->cost[DK_CS_COST + f] += dk_fte(j->m, th, more * dk_cost_hours(j->m, th, f));
                w->cost[DK_CS_GIVEN + f] += more;
            }
        c->w = w1;
        if (t < s) {
            unsigned ob = gsl_ran_hypergeometric(w->rule_rng, (unsigned)c->ob,
                                                 (unsigned)(s - c->ob), (unsigned)t);
            c->heavy = (int)gsl_ran_hypergeometric(w->rule_rng, (unsigned)c->heavy,
                                                   (unsigned)(c->ob - c->heavy), ob);
            c->ob = (int)ob;
        } else if (t > s) {
            int add = (int)gsl_ran_binomial(w->rule_rng, (double)c->ob / s, (unsigned)(t - s));
            c->heavy += c->ob ? (int)gsl_ran_binomial(w->rule_rng, (double)c->heavy / c->ob,
                                                      (unsigned)add) : 0;
            c->ob += add;
        }
        c->size = t;
    }
}

/* Efraimidis and Spirakis' weighted sampling without replacement: the
 * smallest keys -log(1 - u) / a are a weighted sample. */
double dk_alloc_priority(dk_alloc a, double u, double heavy, double ob, double avail)
{
    switch (a) {
    case DK_ALLOC_TARGETED: return -(heavy * 1e9 + ob * 1e3 + u);
    case DK_ALLOC_AS_NOW:   return avail > 0 ? -log1p(-u) / avail : HUGE_VAL;
    default:                return u;
    }
}

/* Per-class forms: the classes that lack the form, best first, until
 * the share of all classes (counted as the classes they stand for) is
 * reached. */
static void give_classes(const job *j, work *w, const dk_scn_rule *r)
{
    int f = r->form;
    double total = 0, hours = dk_fte(j->m, w->theta, dk_cost_hours(j->m, w->theta, f));
    size_t n = 0;
    for (long i = 0; i < j->nclass; i++) {
        const cls *c = &w->cur[i];
        double u = gsl_rng_uniform(w->rule_rng);
        if (r->pop >= 0 && c->grp != r->pop)
            continue;
        total += c->w;
        if (c->support >> f & 1u)
            continue;
        double avail = r->alloc == DK_ALLOC_AS_NOW
                     ? dk_survey_availability(j->groups[c->grp].like.sector, f, c->size) : 0;
        w->key[n] = dk_alloc_priority(r->alloc, u, c->heavy, c->ob, avail);
        w->who[n++] = i;
    }
    gsl_sort_index(w->order, w->key, 1, n);
    double want = r->share * total, got = 0;
    for (size_t k = 0; k < n; k++) {
        cls *c = &w->cur[w->who[w->order[k]]];
        if (got + c->w / 2 > want + 1e-9)
            break;
        got += c->w;
        c->support |= 1u << f;
        w->cost[DK_CS_COST + f] += c->w * hours;
        w->cost[DK_CS_GIVEN + f] += c->w;
    }
}

/* A facility serves a school: schools where some class lacks one are the
 * candidates, and a school pays for the part of the facility its new
 * classes use (a facility some of its classes already reach costs less). */
static void give_schools(const job *j, work *w, const dk_scn_rule *r)
{
    int f = DK_SUP_FACILITY;
    double hours = dk_fte(j->m, w->theta, dk_cost_hours(j->m, w->theta, f));
    size_t n = 0;
    long scope = 0;         /* schools the rule may serve */
    for (long s = 0; s < j->nschool; s++) {
        long first = j->school_first[s], size = j->school_first[s + 1] - first;
        if (r->pop >= 0 && w->cur[first].grp != r->pop)
            continue;
        scope++;
        double heavy = 0, ob = 0, avail = 0;
        int lacking = 0;
        for (long i = first; i < first + size; i++) {
            const cls *c = &w->cur[i];
            heavy += c->heavy;
            ob += c->ob;
            if (r->alloc == DK_ALLOC_AS_NOW)
                avail += dk_survey_availability(j->groups[c->grp].like.sector, f, c->size);
            lacking += !(c->support >> f & 1u);
        }
        double u = gsl_rng_uniform(w->rule_rng);
        if (!lacking || (r->alloc == DK_ALLOC_EVERY && size < r->min_school))
            continue;
        w->key[n] = dk_alloc_priority(r->alloc, u, heavy, ob, avail / (double)size);
        w->who[n++] = s;
    }
    gsl_sort_index(w->order, w->key, 1, n);
    size_t want = r->alloc == DK_ALLOC_EVERY ? n : (size_t)floor(r->share * scope + 0.5);
    for (size_t k = 0; k < n && k < want; k++) {
        long s = w->who[w->order[k]];
        long first = j->school_first[s], size = j->school_first[s + 1] - first;
        int added = 0;
        for (long i = first; i < first + size; i++) {
            added += !(w->cur[i].support >> f & 1u);
            w->cur[i].support |= 1u << f;
        }
        w->cost[DK_CS_COST + f] += hours * added / (double)size;
        w->cost[DK_CS_GIVEN + f] += 1;
    }
}

/* What one class adds to a variant's sums: its mean ratings and shares
 * at <= 2 (aspects), and the FTE its teachers' strong need stands for. */
enum { C_MEAN = 0, C_LE2 = DK_NASPECT, C_DEMAND = 2 * DK_NASPECT, NC = C_DEMAND + DK_NNEED };

static void class_sums(const job *j, const work *w, const cls *c, double *x)
{
    const group *g = &j->groups[c->grp];
    const dk_mean_terms *t = &w->terms[c->grp];
    double sd = dk_teacher_sd(j->m, w->theta, g->like.sector);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double mu = t->size[c->size][o] + t->ob[c->ob][o] + t->heavy[c->heavy][o]
                  + t->support[c->support >> 1][o]
                  + t->cs[c->size] * t->hv[c->heavy] * t->inter[o];
        if (o < DK_NASPECT) {
            x[C_MEAN + o] = c->w * dk_expected_answer(mu, sd);
            x[C_LE2 + o] = c->w * dk_share_le2(mu, sd);
        } else {
            /* a facility serves a school: per class, a school's share */
            x[C_DEMAND + o - DK_NASPECT] = c->w * dk_need_fte(j->m, w->theta, o,
                                                   dk_share_ge4(mu, sd), g->school_size);
        }
    }
}

static int same_class(const cls *a, const cls *b)
{
    return a->size == b->size && a->ob == b->ob && a->heavy == b->heavy
        && a->support == b->support && a->w == b->w;
}

/* Every class's ratings, weighted by the classes it stands for.  The
 * baseline's per-class sums are kept (base = 1), and a variant reuses
 * them for the classes its rules left alone: the same numbers the same
 * arithmetic would give, for a fraction of the normal-CDF calls. */
static void rate(const job *j, work *w, double *out, int base)
{
    double mine[NC];
    for (long i = 0; i < j->nclass; i++) {
        const cls *c = &w->cur[i];
        double *kept = w->sums + (size_t)i * NC, *x = kept;
        if (base)
            class_sums(j, w, c, kept);
        else if (!same_class(c, &w->base[i]))
            class_sums(j, w, c, x = mine);
        for (int a = 0; a < DK_NASPECT; a++) {
            out[DK_CS_MEAN + a] += x[C_MEAN + a];
            out[DK_CS_LE2 + a] += x[C_LE2 + a];
            out[DK_CS_LE2_N + a] += x[C_LE2 + a];
        }
        for (int f = 0; f < DK_NNEED; f++)
            out[DK_CS_DEMAND + f] += x[C_DEMAND + f];
        out[DK_CS_TEACHERS] += c->w;
    }
    for (int a = 0; a < DK_NASPECT; a++) {
        out[DK_CS_MEAN + a] /= out[DK_CS_TEACHERS];
        out[DK_CS_LE2 + a] /= out[DK_CS_TEACHERS];
    }
}

static void variant(const job *j, work *w, int r, int v)
{
    const dk_scn_compare *cmp = &j->sc->compare;
    double *out = slot(j, r, v);
    memcpy(w->cur, w->base, (size_t)j->nclass * sizeof *w->cur);
    memset(w->cost, 0, DK_NCS * sizeof *w->cost);
    const dk_scn_variant *var = v ? &cmp->variants[v - 1] : NULL;
    for (int k = 0; var && k < var->nrule; k++) {
        const dk_scn_rule *rule = &var->rule[k];
        gsl_rng_set(w->rule_rng, dk_stream_seed(dk_stream_seed(j->sc->seed, (unsigned long)r),
                                                (unsigned long)rule->id));
        if (!rule->form)
            change_size(j, w, rule);
        else if (rule->form == DK_SUP_FACILITY)
            give_schools(j, w, rule);
        else
            give_classes(j, w, rule);
    }
    memcpy(out, w->cost, DK_NCS * sizeof *out);
    long nfixed = j->nclass - j->ndrawn;
    unsigned char *added = j->added ? j->added + ((size_t)r * (size_t)j->nvar + (size_t)v)
                                                 * (size_t)nfixed : NULL;
    for (long i = 0; added && i < nfixed; i++)
        added[i] = (unsigned char)(w->cur[j->ndrawn + i].support
                                   & ~w->base[j->ndrawn + i].support);
    rate(j, w, out, v == 0);
    for (int f = 0; f < DK_NSUPPORT; f++) {
        double euro = cmp->euro_per_fte[f ? f : DK_NSUPPORT];
        out[DK_CS_COST_FTE] += out[DK_CS_COST + f];
        out[DK_CS_COST_EURO] += euro > 0 ? out[DK_CS_COST + f] * euro : 0;
    }
}

static int replicate(const void *jv, void *wv, int r)
{
    const job *j = jv;
    work *w = wv;
    gsl_rng_set(w->rng, dk_stream_seed(j->sc->seed, (unsigned long)r));
    dk_model_draw(j->m, w->rng, r, w->theta);
    if (draw_classes(j, w) != 0)
        return -1;
    for (int v = 0; v < j->nvar; v++)
        variant(j, w, r, v);
    return 0;
}

static void work_stop(const void *jv, void *wv);

/* A thread's memory (see work); NULL when out of memory. */
static void *work_start(const void *jv)
{
    const job *j = jv;
    size_t n = (size_t)(j->nclass > j->nschool ? j->nclass : j->nschool);  /* candidates */
    work *w = dk_malloc(sizeof *w);
    if (!w)
        return NULL;
    *w = (work){
        .rng = gsl_rng_alloc(gsl_rng_taus2), .rule_rng = gsl_rng_alloc(gsl_rng_taus2),
        .theta = dk_malloc(dk_model_nparam(j->m) * sizeof *w->theta),
        .tabs = dk_calloc((size_t)(j->sc->npop ? j->sc->npop : 1), sizeof *w->tabs),
        .terms = dk_malloc((size_t)j->ngroup * sizeof *w->terms),
        .base = dk_malloc((size_t)j->nclass * sizeof *w->base),
        .cur = dk_malloc((size_t)j->nclass * sizeof *w->cur),
        .key = dk_malloc(n * sizeof *w->key), .who = dk_malloc(n * sizeof *w->who),
        .order = dk_malloc(n * sizeof *w->order),
        .cost = dk_malloc(DK_NCS * sizeof *w->cost),
        .sums = dk_malloc((size_t)j->nclass * NC * sizeof *w->sums),
    };
    if (!w->rng || !w->rule_rng || !w->theta || !w->tabs || !w->terms || !w->base ||
        !w->cur || !w->key || !w->who || !w->order || !w->cost || !w->sums) {
        work_stop(jv, w);
        return NULL;
    }
    /* the schools' classes are the same in every replicate (draw_classes
     * writes only the populations' part) */
    memcpy(w->base + j->ndrawn, j->fixed, (size_t)(j->nclass - j->ndrawn) * sizeof *j->fixed);
    return w;
}

static void work_stop(const void *jv, void *wv)
{
    const job *j = jv;
    work *w = wv;
    for (int p = 0; w->tabs && p < j->sc->npop; p++)
        dk_survey_tables_free(&w->tabs[p]);
    if (w->rng)
        gsl_rng_free(w->rng);
    if (w->rule_rng)
        gsl_rng_free(w->rule_rng);
    dk_free(w->theta);
    dk_free(w->tabs);
    dk_free(w->terms);
    dk_free(w->base);
    dk_free(w->cur);
    dk_free(w->key);
    dk_free(w->who);
    dk_free(w->order);
    dk_free(w->cost);
    dk_free(w->sums);
    dk_free(w);
}

double dk_cmp_criterion(const dk_scn_compare *c, const double *base, const double *var)
{
    int a0 = c->crit_aspect < 0 ? 0 : c->crit_aspect;
    int a1 = c->crit_aspect < 0 ? DK_NASPECT : c->crit_aspect + 1;
    int le2 = c->crit == DK_CRIT_LE2 || c->crit == DK_CRIT_LE2_FTE;
    double sum = 0;
    for (int a = a0; a < a1; a++)
        sum += le2 ? -100 * (var[DK_CS_LE2 + a] - base[DK_CS_LE2 + a])
                   : var[DK_CS_MEAN + a] - base[DK_CS_MEAN + a];
    sum /= a1 - a0;
    if (c->crit == DK_CRIT_LE2 || c->crit == DK_CRIT_MEAN)
        return sum;
    /* per FTE is meaningful only for a variant that costs something */
    double cost = var[DK_CS_COST_FTE] - base[DK_CS_COST_FTE];
    return cost > 0 ? sum / cost : NAN;
}

static dk_cmp_interval interval(double *x, size_t n)
{
    dk_cmp_interval s = { gsl_stats_mean(x, 1, n), 0, 0 };
    dk_interval90(x, n, &s.lo, &s.hi);
    return s;
}

/* FTE per percentage point fewer teachers at <= 2 on aspect a. */
static dk_cmp_interval cost_effect(const job *j, int v, int a, double *buf)
{
    int n = j->sc->replicates, all = 1;
    double cost = 0, pp = 0;
    for (int r = 0; r < n; r++) {
        const double *x = slot(j, r, v), *b = slot(j, r, 0);
        double fewer = -100 * (x[DK_CS_LE2 + a] - b[DK_CS_LE2 + a]);
        double fte = x[DK_CS_COST_FTE] - b[DK_CS_COST_FTE];
        cost += fte;
        pp += fewer;
        all &= fewer > 0 && fte > 0;
        buf[r] = all ? fte / fewer : 0;
    }
    dk_cmp_interval s = { pp > 0 && cost > 0 ? cost / pp : NAN, NAN, NAN };
    if (all) {
        dk_cmp_interval q = interval(buf, (size_t)n);
        s.lo = q.lo;
        s.hi = q.hi;
    }
    return s;
}

static int better(double x, double y)
{
    return !isnan(x) && (isnan(y) || x > y);
}

/* In how many replicates each variant gave each school class a form:
 * counts until the end, so the shares are exact. */
static void given_shares(const job *j, dk_cmp_result *out)
{
    long nfixed = j->nclass - j->ndrawn;
    for (int r = 0; j->added && r < j->sc->replicates; r++)
        for (int v = 0; v < j->nvar; v++) {
            const unsigned char *a = j->added + ((size_t)r * (size_t)j->nvar + (size_t)v)
                                                * (size_t)nfixed;
            for (long i = 0; i < nfixed; i++)
                for (int f = 1; a[i] && f < DK_NSUPPORT; f++)
                    out->given[((size_t)v * (size_t)nfixed + (size_t)i) * DK_NSUPPORT
                               + (size_t)f] += a[i] >> f & 1u;
        }
    size_t n = (size_t)j->nvar * (size_t)out->nclass * DK_NSUPPORT;
    for (size_t k = 0; out->given && k < n; k++)
        out->given[k] /= j->sc->replicates;
}

/* Levels, differences, cost-effectiveness, and the ranking; -1 when out
 * of memory. */
static int summarise(const job *j, dk_cmp_result *out)
{
    int n = j->sc->replicates, nv = j->nvar;
    double *buf = dk_malloc((size_t)n * sizeof *buf);
    if (!buf)
        return -1;
    for (int v = 0; v < nv; v++)
        for (int k = 0; k < DK_NCS; k++) {
            for (int r = 0; r < n; r++)
                buf[r] = slot(j, r, v)[k];
            *dk_cmp_level(out, v, k) = interval(buf, (size_t)n);
            for (int r = 0; r < n; r++)
                buf[r] = slot(j, r, v)[k] - slot(j, r, 0)[k];
            *dk_cmp_delta(out, v, k) = interval(buf, (size_t)n);
        }
    for (int v = 1; v < nv; v++) {
        out->ce[v * DK_NCE + DK_CE_TAILOR] = cost_effect(j, v, DK_TAILOR, buf);
        out->ce[v * DK_NCE + DK_CE_INSTRUCTION] = cost_effect(j, v, DK_INSTRUCTION, buf);
    }
    const dk_scn_compare *c = &j->sc->compare;
    for (int r = 0; r < n; r++) {
        int best = 0;
        double top = -HUGE_VAL;
        for (int v = 1; v < nv; v++) {
            /* NAN (per FTE of a variant that costs nothing) stays NAN */
            double x = dk_cmp_criterion(c, slot(j, r, 0), slot(j, r, v));
            out->crit[v] += x / n;
            if (x > top)
                top = x, best = v;
        }
        out->p_best[best] += 1;    /* a count until the end: exact */
    }
    for (int v = 0; v < nv; v++)
        out->p_best[v] /= n;
    given_shares(j, out);
    /* insertion sort, best first, n/a last: stable, so equal variants keep
     * the file's order */
    for (int v = 1; v < nv; v++) {
        int k = v - 1;
        while (k > 0 && better(out->crit[v], out->crit[out->rank[k - 1]]))
            out->rank[k] = out->rank[k - 1], k--;
        out->rank[k] = v;
    }
    dk_free(buf);
    return 0;
}

/* With any euro rate given, every cost a variant incurs needs one. */
static int check_rates(const dk_scenario *sc, dk_cmp_result *out, dk_err *e)
{
    const dk_scn_compare *c = &sc->compare;
    int given = 0;
    for (int f = 1; f <= DK_NSUPPORT; f++)
        given |= c->euro_per_fte[f] >= 0;
    for (int v = 0; v < c->nvariant && given; v++)
        for (int k = 0; k < c->variants[v].nrule; k++) {
            const dk_scn_rule *r = &c->variants[v].rule[k];
            int f = r->form ? r->form : DK_NSUPPORT;
            if (c->euro_per_fte[f] < 0)
                return dk_fail(e, "%s:%d: euro-per-fte.%s: missing; variant '%s' %s (line "
                               "%d), and euro costs need a rate for every cost",
                               sc->spec_path, c->line, r->form ? dk_support_name((dk_support)f)
                               : "class", c->variants[v].name, r->form ? "gives it"
                               : "changes class size", r->line);
        }
    out->euros = given;
    return 0;
}

/* A school's class, in the group of its school with its sector,
 * experience and level (a school has few such groups: a linear search). */
static cls fixed_class(job *j, int first_group, const dk_scn_school *s, const dk_class *c)
{
    int g = first_group;
    while (g < j->ngroup && !(j->groups[g].like.exp == c->exp &&
                              j->groups[g].like.level == c->level))
        g++;
    if (g == j->ngroup)
        j->groups[j->ngroup++] = (group){
            .like = { .sector = c->sector, .exp = c->exp, .level = c->level },
            .school_size = s->nclass };
    return (cls){ .grp = g, .size = (int)lround(c->class_size), .ob = (int)lround(c->ob),
                  .heavy = (int)lround(c->heavy), .support = c->support, .w = 1 };
}

/* The groups, the schools' classes, and where every school starts:
 * populations cut into schools of school-size classes, then the
 * scenario's schools; -1 when out of memory. */
static int setup(job *j)
{
    const dk_scenario *sc = j->sc;
    j->groups = dk_malloc((size_t)(sc->npop + sc->nclass) * sizeof *j->groups);
    j->fixed = dk_malloc((size_t)(sc->nclass ? sc->nclass : 1) * sizeof *j->fixed);
    j->school_first = dk_malloc(((size_t)j->nschool + 1) * sizeof *j->school_first);
    if (!j->groups || !j->fixed || !j->school_first)
        return -1;
    long c = 0, s = 0;
    for (int p = 0; p < sc->npop; p++) {
        const dk_scn_population *q = &sc->pops[p];
        j->groups[j->ngroup++] = (group){
            .like = { .sector = q->spec.sector, .exp = q->spec.exp, .level = q->spec.level },
            .school_size = q->school_size };
        for (long i = 0; i < q->classes; i += q->school_size, s++) {
            j->school_first[s] = c;
            c += q->classes - i < q->school_size ? q->classes - i : q->school_size;
        }
    }
    for (int k = 0; k < sc->nschool; k++, s++) {
        const dk_scn_school *school = &sc->schools[k];
        int first_group = j->ngroup;
        j->school_first[s] = c;
        for (int i = school->first; i < school->first + school->nclass; i++, c++)
            j->fixed[c - j->ndrawn] = fixed_class(j, first_group, school, &sc->classes[i].c);
    }
    j->school_first[s] = c;
    return 0;
}

/* Every replicate over the threads. */
static int run_replicates(job *j, int threads, const dk_sim_opts *o)
{
    dk_parallel p = { .n = j->sc->replicates, .threads = threads, .job = j,
                      .start = work_start, .run = replicate, .stop = work_stop,
                      .progress = o->progress, .ctx = o->ctx };
    return dk_parallel_run(&p);
}

/* The result's tables, zeroed; -1 when out of memory. */
static int alloc_result(dk_cmp_result *out, int nvar, int replicates, long named)
{
    out->nvariant = nvar;
    out->replicates = replicates;
    out->nclass = (int)named;
    out->given = named ? dk_calloc((size_t)nvar * (size_t)named * DK_NSUPPORT, sizeof *out->given)
                       : NULL;
    if (named && !out->given)
        return -1;
    out->level = dk_calloc((size_t)nvar * DK_NCS, sizeof *out->level);
    out->delta = dk_calloc((size_t)nvar * DK_NCS, sizeof *out->delta);
    out->ce = dk_calloc((size_t)nvar * DK_NCE, sizeof *out->ce);
    out->crit = dk_calloc((size_t)nvar, sizeof *out->crit);
    out->p_best = dk_calloc((size_t)nvar, sizeof *out->p_best);
    out->rank = dk_calloc((size_t)nvar, sizeof *out->rank);
    return out->level && out->delta && out->ce && out->crit && out->p_best && out->rank
         ? 0 : -1;
}

int dk_compare(const dk_model *m, const dk_scenario *sc, const dk_sim_opts *o,
               dk_cmp_result *out, dk_err *e)
{
    memset(out, 0, sizeof *out);
    if (!sc->npop && !sc->nclass)
        return dk_fail(e, "%s: compare needs the baseline as [population NAME] or "
                       "[school NAME] sections", sc->path);
    if (check_rates(sc, out, e) != 0)
        return -1;
    job j = { .m = m, .sc = sc, .nvar = sc->compare.nvariant + 1 };
    for (int p = 0; p < sc->npop; p++) {
        j.ndrawn += sc->pops[p].classes;
        j.nschool += (sc->pops[p].classes + sc->pops[p].school_size - 1)
                     / sc->pops[p].school_size;
    }
    j.nclass = j.ndrawn + sc->nclass;
    j.nschool += sc->nschool;
    /* every thread holds the classes twice, their sums and sort space */
    int threads = dk_threads_clamp(o->threads, sc->replicates);
    double per_thread = (double)j.nclass * (2 * sizeof(cls) + NC * sizeof(double) + 24);
    long named = sc->nclass <= DK_CMP_MAX_NAMED ? sc->nclass : 0;
    double bytes = (double)sc->replicates * j.nvar * (DK_NCS * sizeof(double) + (double)named)
                 + per_thread * threads;
    if (bytes > DK_MEM_REPLICATES)
        return dk_fail(e, "%s: %d replicates x %d variants, and %ld classes on each of %d "
                       "thread%s, need %.0f MB; use fewer %s", sc->path, sc->replicates,
                       j.nvar, j.nclass, threads, threads == 1 ? "" : "s", bytes / 1e6,
                       per_thread * threads > bytes / 2 ? "classes or threads" : "replicates");
    j.v = dk_malloc((size_t)sc->replicates * (size_t)j.nvar * DK_NCS * sizeof *j.v);
    if (named)
        j.added = dk_malloc((size_t)sc->replicates * (size_t)j.nvar * (size_t)named);
    int rc = j.v && (!named || j.added) && setup(&j) == 0 ? run_replicates(&j, threads, o) : -1;
    if (rc == 0)
        rc = alloc_result(out, j.nvar, sc->replicates, named);
    if (rc == 0)
        rc = summarise(&j, out);
    dk_free(j.v);
    dk_free(j.added);
    dk_free(j.school_first);
    dk_free(j.fixed);
    dk_free(j.groups);
    if (rc != 0) {
        dk_cmp_result_free(out);
        return dk_fail_oom(e, "compare");
    }
    return 0;
}

void dk_cmp_result_free(dk_cmp_result *r)
{
    dk_free(r->level);
    dk_free(r->delta);
    dk_free(r->ce);
    dk_free(r->crit);
    dk_free(r->p_best);
    dk_free(r->rank);
    dk_free(r->given);
    memset(r, 0, sizeof *r);
}
