/*
 * scenario.c -- the scenario file parser.  See scenario.h for the format.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/io/ini.h"
#include "draagkracht/base/suggest.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/lang/lang.h"

/* The sections, in the order of kinds[]. */
typedef enum {
    SEC_RUN, SEC_ASSUME, SEC_SCHOOL, SEC_CLASS, SEC_POP, SEC_PLAN, SEC_COMPARE, SEC_VARIANT
} section;

static const dk_ini_kind kinds[] = {
    { "run", NULL, 1, -1 },
    { "assumptions", NULL, 0, -1 },
    { "school", "de-regenboog", 0, -1 },
    { "class", "5a", 0, SEC_SCHOOL },
    { "population", "region", 0, -1 },
    { "plan", NULL, 1, -1 },
    { "compare", NULL, 1, -1 },
    { "variant", "more-assistants", 0, -1 },
    { NULL, NULL, 0, 0 }
};
static const char *const compare_keys[] = {
    "baseline", "criterion", "euro-per-fte", "euro-per-fte.assistant",
    "euro-per-fte.extra-teacher", "euro-per-fte.specialist", "euro-per-fte.facility",
    "euro-per-fte.class", NULL
};
/* After "base", the forms in their dk_support order, then class-size. */
static const char *const variant_keys[] = {
    "base", "assistant", "extra-teacher", "specialist", "facility", "class-size", NULL
};

const char *const dk_alloc_names[] = { "random", "targeted", "as-now", "every-school", NULL };
static const char *const run_keys[] = { "seed", "replicates", NULL };
static const char *const school_keys[] = { "sector", "level", "experience", NULL };
static const char *const pop_keys[] = {
    "sector", "level", "experience", "classes", "class-size", "support-needs",
    "heavy", "support", "school-size", NULL
};
static const char *const class_keys[] = {
    "class-size", "support-needs", "heavy", "support", "experience", "level", NULL
};

typedef struct {
    dk_scenario *sc;
    const dk_model *m;      /* read only: parameter names, domain checks */
    dk_ini ini;
    int cap_assume, cap_school, cap_class, cap_pop, cap_variant;
    unsigned compare_rates; /* euro rates set by a specific key */
    int nrule;              /* variant rules so far, over the whole file */
} pstate;

/* The error helpers of the one INI reader, by their short names here. */
#define FAIL(ps, key, ...) dk_ini_fail(&(ps)->ini, key, __VA_ARGS__)

static int whole(pstate *ps, const char *key, const char *v, long lo, long hi,
                 long *out)
{
    return dk_ini_long(&ps->ini, key, v, lo, hi, out);
}

/* A word of a vocabulary, named by its key: "unknown sector 'hbo'". */
static int vocab(pstate *ps, const char *key, const char *v, const char *const *names,
                 int *out)
{
    return dk_ini_word(&ps->ini, key, key, v, names, out);
}

static int support_list(pstate *ps, const char *key, const char *v, unsigned *mask)
{
    dk_err why = dk_err_like(ps->ini.e);
    if (dk_support_parse(v, mask, &why) != 0)
        return FAIL(ps, key, "%.300s", why.msg);
    return 0;
}

static int run_key(pstate *ps, int k, const char *v)
{
    long x;
    if (k == 0) {
        if (whole(ps, "seed", v, 0, DK_SEED_MAX, &x))
            return -1;
        ps->sc->seed = (unsigned long)x;
    } else {
        /* as --replicates: fewer draws give no meaningful 90 % interval */
        if (whole(ps, "replicates", v, 10, 10000000, &x))
            return -1;
        ps->sc->replicates = (int)x;
    }
    return 0;
}

static void *one_more(void **items, int n, int *cap, size_t size);

/*
 * "NAME = VALUE" fixes a parameter; "NAME = VALUE LO HI" gives a range.
 * Kept as an override for the command to apply (dk_model_override); the
 * model's domain is checked here, with every override so far, so a bad
 * one is reported at its line, before anything later in the file.
 */
static int assume_key(pstate *ps, const char *key, char *v)
{
    int i = dk_model_find(ps->m, key);
    if (i < 0) {
        const char **names = dk_model_names(ps->m, NULL);
        if (!names)
            return FAIL(ps, NULL, "out of memory");
        int rc = dk_ini_unknown(&ps->ini, key, "model parameter", key, names);
        dk_free(names);
        return rc;
    }
    char *f[4];
    int n = dk_split(v, f, 4);
    double x[3];
    if (n != 1 && n != 3)
        return FAIL(ps, key, "expected VALUE or VALUE LO HI, got %s fields",
                    n == 2 ? "2" : "4 or more");
    if (dk_ini_number(&ps->ini, key, f[0], &x[0]) ||
        (n == 3 && dk_ini_range(&ps->ini, key, f[1], f[2], &x[1], &x[2])))
        return -1;
    if (n == 1)
        x[1] = x[2] = x[0];
    if (!(x[1] <= x[0] && x[0] <= x[2]))
        return FAIL(ps, key, "value %s is outside its range %s..%s", f[0], f[1], f[2]);
    dk_scenario *sc = ps->sc;
    dk_override *o = one_more((void **)&sc->assume, sc->nassume, &ps->cap_assume, sizeof *o);
    if (!o)
        return FAIL(ps, NULL, "out of memory");
    *o = (dk_override){ i, x[0], x[1], x[2], ps->ini.line };
    /* the domain the model file's checks guarantee, said at this line */
    char where[300];
    dk_err why = dk_err_like(ps->ini.e);
    dk_scenario_where(sc, o->line, where, sizeof where);
    if (dk_model_check_ranges(ps->m, sc->assume, (size_t)sc->nassume + 1, where, &why) != 0)
        return dk_fail(ps->ini.e, "%s", why.msg);
    sc->nassume++;
    return 0;
}

static int school_key(pstate *ps, int k, const char *v)
{
    dk_scn_school *s = &ps->sc->schools[ps->sc->nschool - 1];
    int x;
    if (k == 0 && vocab(ps, "sector", v, dk_sector_names, &x) == 0)
        s->sector = (dk_sector)x;
    else if (k == 1 && vocab(ps, "level", v, dk_level_names, &x) == 0)
        s->level = (dk_level)x;
    else if (k == 2 && vocab(ps, "experience", v, dk_experience_names, &x) == 0)
        s->exp = (dk_experience)x;
    else
        return -1;
    return 0;
}

static int class_key(pstate *ps, int k, const char *v)
{
    dk_class *c = &ps->sc->classes[ps->sc->nclass - 1].c;
    long n;
    int x;
    switch (k) {
    case 0: if (whole(ps, "class-size", v, 1, 100, &n)) return -1;
            c->class_size = (double)n; return 0;
    case 1: if (whole(ps, "support-needs", v, 0, 100, &n)) return -1;
            c->ob = (double)n; return 0;
    case 2: if (whole(ps, "heavy", v, 0, 100, &n)) return -1;
            c->heavy = (double)n; return 0;
    case 3: return support_list(ps, "support", v, &c->support);
    case 4: if (vocab(ps, "experience", v, dk_experience_names, &x)) return -1;
            c->exp = (dk_experience)x; return 0;
    default: if (vocab(ps, "level", v, dk_level_names, &x)) return -1;
            c->level = (dk_level)x; return 0;
    }
}

/* A count, or "survey" to draw it from the survey (stored as -1). */
static int count_or_survey(pstate *ps, const char *key, const char *v, int *out)
{
    long n;
    if (strcmp(v, "survey") == 0) {
        *out = -1;
        return 0;
    }
    /* a class has at least one pupil; counts may be 0 */
    if (whole(ps, key, v, strcmp(key, "class-size") == 0, DK_MAX_CLASS_SIZE, &n))
        return -1;
    *out = (int)n;
    return 0;
}

static int pop_key(pstate *ps, int k, const char *v)
{
    dk_scn_population *p = &ps->sc->pops[ps->sc->npop - 1];
    long n;
    int x;
    switch (k) {
    case 0: if (vocab(ps, "sector", v, dk_sector_names, &x)) return -1;
            p->spec.sector = (dk_sector)x; return 0;
    case 1: if (vocab(ps, "level", v, dk_level_names, &x)) return -1;
            p->spec.level = (dk_level)x; return 0;
    case 2: if (vocab(ps, "experience", v, dk_experience_names, &x)) return -1;
            p->spec.exp = (dk_experience)x; return 0;
    case 3: if (whole(ps, "classes", v, 1, 100000000, &n)) return -1;
            p->classes = n; return 0;
    case 4: return count_or_survey(ps, "class-size", v, &p->spec.size);
    case 5: return count_or_survey(ps, "support-needs", v, &p->spec.ob);
    case 6: return count_or_survey(ps, "heavy", v, &p->spec.heavy);
    case 7: if (strcmp(v, "as-now") == 0) {
                p->spec.as_now = 1;
                return 0;
            }
            p->spec.as_now = 0;
            return support_list(ps, "support", v, &p->spec.support);
    default: if (whole(ps, "school-size", v, 1, 200, &n)) return -1;
            p->school_size = (int)n; return 0;
    }
}

const char *const dk_crit_names[] = { "le2", "mean", "le2-per-fte", "mean-per-fte", NULL };

int dk_compare_criterion_parse(dk_scn_compare *c, const char *v, dk_err *e)
{
    const char *dot = strchr(v, '.');
    char aspect[64];
    int kind = dot ? dk_word_index(dot + 1, dk_crit_names) : -1;
    if (kind < 0 || dot - v >= (long)sizeof aspect)
        return dk_fail(e, "criterion: expected ASPECT.KIND, as in 'tailor.le2' (ASPECT one "
                       "of the five aspects or 'all'; KIND le2, mean, le2-per-fte or "
                       "mean-per-fte), got '%.80s'", v);
    snprintf(aspect, sizeof aspect, "%.*s", (int)(dot - v), v);
    int a = strcmp(aspect, "all") == 0 ? -1 : dk_aspect_lookup(aspect);
    if (a < 0 && strcmp(aspect, "all") != 0) {
        const char *s = dk_suggest(aspect, dk_aspect_names);
        char mean[120];
        return dk_fail(e, "criterion: unknown aspect '%s'%s", aspect,
                       s ? dk_mean_text(dk_e_lang(e), s, mean, sizeof mean)
                         : " (one of the five aspects or 'all')");
    }
    c->crit = (dk_crit_kind)kind;
    c->crit_aspect = a;
    return 0;
}

static int criterion(pstate *ps, const char *key, const char *v, dk_scn_compare *c)
{
    dk_err why = dk_err_like(ps->ini.e);
    if (dk_compare_criterion_parse(c, v, &why) != 0)
        return FAIL(ps, key, "%.300s", why.msg + strlen("criterion: "));
    return 0;
}

static int compare_key(pstate *ps, int k, const char *v)
{
    dk_scn_compare *c = &ps->sc->compare;
    const char *key = compare_keys[k];
    if (k == 0) {
        if (strlen(v) >= sizeof c->baseline)
            return FAIL(ps, key, "'%.80s' is longer than 63 characters", v);
        snprintf(c->baseline, sizeof c->baseline, "%s", v);
        return 0;
    }
    if (k == 1)
        return criterion(ps, key, v, c);
    /* euro-per-fte, .FORM, .class (class teachers: index DK_NSUPPORT) */
    return dk_euro_rate_key(&ps->ini, key, v, k == 7 ? DK_NSUPPORT : k - 2, DK_NSUPPORT,
                            c->euro_per_fte, c->euro_line, &ps->compare_rates);
}

/* "30% random", "10 % targeted", "50% as-now"; for a facility also
 * "every-school" or "every-school N" (schools of at least N classes). */
static int give_rule(pstate *ps, const char *key, char *v, dk_scn_rule *r)
{
    char *f[4];
    int n = dk_split(v, f, 4);
    if (n >= 1 && strcmp(f[0], "every-school") == 0) {
        long min = 1;
        if (r->form != DK_SUP_FACILITY)
            return FAIL(ps, key, "'every-school' is for a facility; give %s to a share "
                        "of the classes, as in '30%% targeted'", key);
        if (n > 2 || (n == 2 && whole(ps, key, f[1], 1, 200, &min)))
            return n > 2 ? FAIL(ps, key, "expected 'every-school' or 'every-school N' "
                               "(schools of at least N classes)") : -1;
        r->alloc = DK_ALLOC_EVERY;
        r->share = 1;
        r->min_school = (int)min;
        return 0;
    }
    char pct[64];
    int spaced = n == 3 && strcmp(f[1], "%") == 0;   /* "30 % random" */
    if (spaced)
        f[1] = f[2], n = 2;
    size_t len = n == 2 ? strlen(f[0]) + spaced : 0;
    if (n != 2 || len < 2 || len >= sizeof pct || (!spaced && f[0][len - 1] != '%'))
        return FAIL(ps, key, "expected 'SHARE%% ALLOCATION', as in '30%% targeted' "
                   "(allocation random, targeted or as-now)");
    snprintf(pct, sizeof pct, "%.*s", (int)(len - 1), f[0]);
    double share;
    if (dk_parse_double(pct, &share) != 0)
        return FAIL(ps, key, "'%s' is not a percentage", f[0]);
    if (share < 0 || share > 100)
        return FAIL(ps, key, "share %s is outside 0..100%%", f[0]);
    int a;
    if (dk_ini_word(&ps->ini, key, "allocation", f[1], dk_alloc_names, &a))
        return -1;
    if (a == DK_ALLOC_EVERY)
        return FAIL(ps, key, "'every-school' takes no share");
    r->alloc = (dk_alloc)a;
    r->share = share / 100 + 0.0;   /* -0% is 0% */
    return 0;
}

/* "-2" or "+1": pupils more or fewer per class. */
static int size_rule(pstate *ps, const char *key, char *v, dk_scn_rule *r)
{
    char *f[2];
    long d;
    if (dk_split(v, f, 2) != 1)
        return FAIL(ps, key, "expected a change in pupils per class, as in '-2' or "
                   "'+1'");
    if (whole(ps, key, f[0][0] == '+' && f[0][1] != '+' && f[0][1] != '-' ? f[0] + 1 : f[0],
              -20, 20, &d))
        return -1;
    if (d == 0)
        return FAIL(ps, key, "a change of 0 pupils changes nothing");
    r->delta = (int)d;
    return 0;
}

/* Up to 255 names of an array of structs that start with char name[64],
 * for a suggestion. */
static void name_list(const void *items, int n, size_t size, const char **names)
{
    int k = 0;
    for (int i = 0; i < n && k < 255; i++)
        names[k++] = (const char *)items + (size_t)i * size;
    names[k] = NULL;
}

static int base_key(pstate *ps, const char *v)
{
    dk_scn_compare *c = &ps->sc->compare;
    dk_scn_variant *me = &c->variants[c->nvariant - 1];
    if (strcmp(v, "baseline") == 0 || strcmp(v, c->baseline) == 0)
        return me->base = -1, 0;
    int i = dk_ini_find(&ps->ini, SEC_VARIANT, v);
    if (i >= 0 && i < c->nvariant - 1)
        return me->base = i, 0;
    const char *names[256];
    name_list(c->variants, c->nvariant - 1, sizeof *c->variants, names);
    const char *s = dk_suggest(v, names);
    char mean[120];
    return FAIL(ps, "base", "no variant '%s' before this line%s", v,
                dk_mean_text(dk_e_lang(ps->ini.e), s, mean, sizeof mean));
}

static int variant_key(pstate *ps, int k, char *v)
{
    dk_scn_variant *me = &ps->sc->compare.variants[ps->sc->compare.nvariant - 1];
    if (k == 0)
        return base_key(ps, v);
    if (me->nrule == DK_MAX_RULES)
        return FAIL(ps, variant_keys[k], "more than %s rules in one variant", "16");
    dk_scn_rule r = { .form = k < DK_NSUPPORT ? k : 0, .pop = -1, .id = ++ps->nrule,
                      .line = ps->ini.line };
    char *in = strstr(v, " in ");   /* rules never contain " in "; names may */
    if (in) {
        *in = '\0';
        const char *name = dk_trim(in + 4);
        if (!*name || strlen(name) >= sizeof r.in)
            return FAIL(ps, variant_keys[k], "expected a population name after 'in'");
        snprintf(r.in, sizeof r.in, "%s", name);
    }
    int rc = r.form ? give_rule(ps, variant_keys[k], v, &r)
                    : size_rule(ps, variant_keys[k], v, &r);
    if (rc == 0)
        me->rule[me->nrule++] = r;
    return rc;
}

const char *dk_scn_label_for(const dk_scn_label *labels, int n, const char *lang,
                             const char *fallback)
{
    for (int i = 0; i < n; i++)
        if (strcmp(labels[i].lang, lang) == 0)
            return labels[i].text;
    return fallback;
}

/* "PREFIX.LANG = text": LANG two or three lower-case letters (the command
 * checks that it is a language it speaks). */
static int label_key(pstate *ps, const char *key, const char *v, dk_scn_label *labels, int *n)
{
    const char *lang = strchr(key, '.') + 1;
    size_t k = strlen(lang);
    if (k < 2 || k > 3 || strspn(lang, "abcdefghijklmnopqrstuvwxyz") != k)
        return FAIL(ps, key, "expected a language code after the dot, as in '%.*s.nl'",
                    (int)(lang - 1 - key), key);
    if (!*v || strlen(v) >= sizeof labels->text)
        return FAIL(ps, key, "expected a name of 1 to 63 characters");
    if (dk_scn_label_for(labels, *n, lang, NULL))
        return FAIL(ps, key, "given twice");
    if (*n == DK_SCN_MAX_LABELS)
        return FAIL(ps, key, "more than %d languages", DK_SCN_MAX_LABELS);
    dk_scn_label *l = &labels[(*n)++];
    snprintf(l->lang, sizeof l->lang, "%s", lang);
    snprintf(l->text, sizeof l->text, "%s", v);
    l->line = ps->ini.line;
    return 0;
}

static int key_value(pstate *ps, const char *key, char *v)
{
    section sec = (section)ps->ini.kind;
    dk_scn_compare *c = &ps->sc->compare;
    if (sec == SEC_ASSUME)
        return assume_key(ps, key, v);
    if (sec == SEC_VARIANT && strncmp(key, "label.", 6) == 0) {
        dk_scn_variant *me = &c->variants[c->nvariant - 1];
        return label_key(ps, key, v, me->label, &me->nlabel);
    }
    if (sec == SEC_COMPARE && strncmp(key, "baseline.", 9) == 0)
        return label_key(ps, key, v, c->baseline_label, &c->nbaseline_label);
    const char *const *keys = sec == SEC_RUN ? run_keys
                            : sec == SEC_SCHOOL ? school_keys
                            : sec == SEC_POP ? pop_keys
                            : sec == SEC_PLAN ? dk_plan_spec_keys
                            : sec == SEC_COMPARE ? compare_keys
                            : sec == SEC_VARIANT ? variant_keys : class_keys;
    int k = dk_word_index(key, keys);
    if (k < 0) {
        if (sec == SEC_CLASS && strcmp(key, "sector") == 0)
            return FAIL(ps, key, "the sector is set per [school], not per class");
        return dk_ini_unknown(&ps->ini, key, dk_e(ps->ini.e, DKS_X_WORD_KEY), key, keys);
    }
    return sec == SEC_RUN ? run_key(ps, k, v)
         : sec == SEC_SCHOOL ? school_key(ps, k, v)
         : sec == SEC_POP ? pop_key(ps, k, v)
         : sec == SEC_PLAN ? dk_plan_spec_set(&ps->sc->plan, &ps->ini, k, v)
         : sec == SEC_COMPARE ? compare_key(ps, k, v)
         : sec == SEC_VARIANT ? variant_key(ps, k, v) : class_key(ps, k, v);
}

/* Room for one more item in a growing array (doubling, so a file of n
 * sections costs O(n)); NULL when out of memory. */
static void *one_more(void **items, int n, int *cap, size_t size)
{
    if (n == *cap) {
        int want = *cap ? 2 * *cap : 16;
        void *grown = dk_realloc(*items, (size_t)want * size);
        if (!grown)
            return NULL;
        *items = grown;
        *cap = want;
    }
    return (char *)*items + (size_t)n * size;
}

/* Class defaults: the school's subgroup; counts left unset (-1) until
 * the file is read (class_counts). */
static int new_class(pstate *ps)
{
    dk_scenario *sc = ps->sc;
    dk_scn_school *s = &sc->schools[sc->nschool - 1];
    dk_scn_class *c = one_more((void **)&sc->classes, sc->nclass, &ps->cap_class,
                               sizeof *c);
    if (!c)
        return FAIL(ps, NULL, "out of memory");
    sc->nclass++;
    s->nclass++;
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", ps->ini.name);
    c->school = sc->nschool - 1;
    c->line = ps->ini.line;
    c->c.sector = s->sector;
    c->c.exp = s->exp;
    c->c.level = s->level;
    c->c.class_size = c->c.ob = c->c.heavy = -1;
    return 0;
}

/* Counts a class leaves unset are the survey means of its sector and
 * level, as the class ends up (a class may set its own level). */
static void class_counts(const dk_model *m, dk_class *c)
{
    dk_survey_means d = dk_survey_class_defaults(m, c->sector, c->level);
    if (c->class_size < 0)
        c->class_size = d.size;
    if (c->ob < 0)
        c->ob = d.ob;
    if (c->heavy < 0)
        c->heavy = d.heavy;
}

static int new_school(pstate *ps)
{
    dk_scenario *sc = ps->sc;
    dk_scn_school *s = one_more((void **)&sc->schools, sc->nschool, &ps->cap_school,
                                sizeof *s);
    if (!s)
        return FAIL(ps, NULL, "out of memory");
    sc->nschool++;
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", ps->ini.name);
    s->first = sc->nclass;
    s->line = ps->ini.line;
    return 0;
}

static int new_population(pstate *ps)
{
    dk_scenario *sc = ps->sc;
    dk_scn_population *p = one_more((void **)&sc->pops, sc->npop, &ps->cap_pop, sizeof *p);
    if (!p)
        return FAIL(ps, NULL, "out of memory");
    sc->npop++;
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", ps->ini.name);
    p->spec.size = p->spec.ob = p->spec.heavy = -1;
    p->spec.as_now = 1;
    p->school_size = 8;
    p->line = ps->ini.line;
    return 0;
}

static int new_variant(pstate *ps)
{
    dk_scn_compare *c = &ps->sc->compare;
    const char *name = ps->ini.name;
    if (strcmp(name, "baseline") == 0 || strcmp(name, c->baseline) == 0)
        return FAIL(ps, "variant", "'%s' is the baseline's name", name);
    dk_scn_variant *v = one_more((void **)&c->variants, c->nvariant, &ps->cap_variant,
                                 sizeof *v);
    if (!v)
        return FAIL(ps, NULL, "out of memory");
    c->nvariant++;
    *v = (dk_scn_variant){ .base = -1, .line = ps->ini.line };
    snprintf(v->name, sizeof v->name, "%s", name);
    return 0;
}

/* A section begins (the reader has checked its name and that it is
 * allowed here). */
static int section_start(pstate *ps)
{
    switch ((section)ps->ini.kind) {
    case SEC_PLAN:      ps->sc->plan.line = ps->ini.line; return 0;
    case SEC_COMPARE:   ps->sc->compare.line = ps->ini.line; return 0;
    case SEC_SCHOOL:    return new_school(ps);
    case SEC_CLASS:     return new_class(ps);
    case SEC_POP:       return new_population(ps);
    case SEC_VARIANT:   return new_variant(ps);
    default:            return 0;
    }
}

/* "every-school N" that no school in the rule's scope reaches is a slip,
 * not a policy: checked by compare once --classes may have put a class
 * list in place of the file's schools. */
static int check_reach(const dk_scenario *sc, const dk_scn_rule *r, dk_err *e)
{
    if (r->alloc != DK_ALLOC_EVERY)
        return 0;
    long largest = 0;
    for (int p = 0; p < sc->npop; p++) {
        const dk_scn_population *q = &sc->pops[p];
        long n = q->classes < q->school_size ? q->classes : q->school_size;
        if (r->pop < 0 || r->pop == p)
            largest = n > largest ? n : largest;
    }
    for (int s = 0; s < sc->nschool && r->pop < 0; s++)
        largest = sc->schools[s].nclass > largest ? sc->schools[s].nclass : largest;
    if (r->min_school <= largest)
        return 0;
    return dk_fail(e, "%s:%d: facility: no school has %d classes (the largest has %ld): the "
                   "rule would serve none", sc->spec_path, r->line, r->min_school, largest);
}

int dk_scenario_check_reach(const dk_scenario *sc, dk_err *e)
{
    for (int v = 0; v < sc->compare.nvariant; v++)
        for (int k = 0; k < sc->compare.variants[v].nrule; k++)
            if (check_reach(sc, &sc->compare.variants[v].rule[k], e) != 0)
                return -1;
    return 0;
}

/* "... in NAME" names a population. */
static int check_rule(pstate *ps, dk_scn_rule *r)
{
    const dk_scenario *sc = ps->sc;
    if (r->in[0] && r->pop < 0 && (r->pop = dk_ini_find(&ps->ini, SEC_POP, r->in)) < 0) {
        const char *names[256];
        name_list(sc->pops, sc->npop, sizeof *sc->pops, names);
        const char *s = dk_suggest(r->in, names);
        char mean[120];
        return dk_ini_fail_at(&ps->ini, r->line, r->form ? dk_support_name((dk_support)r->form)
                              : "class-size", "no population '%s'%s", r->in,
                              dk_mean_text(dk_e_lang(ps->ini.e), s, mean, sizeof mean));
    }
    return 0;
}

/* A variant's rules: its base's, then its own (bases come earlier in the
 * file, so they are complete by the time a variant needs them). */
static int resolve_variants(pstate *ps)
{
    dk_scn_compare *c = &ps->sc->compare;
    for (int i = 0; i < c->nvariant; i++) {
        dk_scn_variant *v = &c->variants[i];
        if (strcmp(v->name, c->baseline) == 0)
            return dk_ini_fail_at(&ps->ini, v->line, "variant", "'%s' is also the baseline's "
                                  "name ([compare] baseline)", v->name);
        for (int k = 0; k < v->nrule; k++)
            if (check_rule(ps, &v->rule[k]) != 0)
                return -1;
        if (v->base < 0)
            continue;
        const dk_scn_variant *b = &c->variants[v->base];
        if (b->nrule + v->nrule > DK_MAX_RULES)
            return dk_ini_fail_at(&ps->ini, v->line, NULL, "variant '%s': more than %d rules "
                                  "with those of its base '%s'", v->name, DK_MAX_RULES,
                                  b->name);
        memmove(v->rule + b->nrule, v->rule, (size_t)v->nrule * sizeof *v->rule);
        memcpy(v->rule, b->rule, (size_t)b->nrule * sizeof *v->rule);
        v->nrule += b->nrule;
    }
    return 0;
}

/* Whole-scenario rules, checked once every line is read. */
static int validate(pstate *ps)
{
    dk_scenario *sc = ps->sc;
    for (int i = 0; i < sc->npop; i++) {
        const dk_scn_population *p = &sc->pops[i];
        const dk_pop_spec *q = &p->spec;
        if (!p->classes)
            return dk_ini_fail_at(&ps->ini, p->line, NULL, "population '%s': classes: "
                                  "missing (how many classes does it hold?)", p->name);
        if (q->heavy >= 0 && q->ob >= 0 && q->heavy > q->ob)
            return dk_ini_fail_at(&ps->ini, p->line, NULL, "population '%s': heavy: %d is "
                                  "more than support-needs %d", p->name, q->heavy, q->ob);
        if (q->ob >= 0 && q->size >= 0 && q->ob > q->size)
            return dk_ini_fail_at(&ps->ini, p->line, NULL, "population '%s': support-needs: "
                                  "%d is more than class-size %d", p->name, q->ob, q->size);
    }
    if (resolve_variants(ps) != 0)
        return -1;
    for (int i = 0; i < sc->nschool; i++)
        if (!sc->schools[i].nclass)
            return dk_ini_fail_at(&ps->ini, sc->schools[i].line, "school", "'%s' has no "
                                  "[class NAME] sections", sc->schools[i].name);
    return 0;
}

int dk_scenario_classes(dk_scenario *sc, const dk_model *m, dk_err *e)
{
    for (int i = 0; i < sc->nclass; i++) {
        dk_scn_class *c = &sc->classes[i];
        dk_err ce = dk_err_like(e);
        class_counts(m, &c->c);
        if (dk_class_check(m, &c->c, &ce) < 0)
            return dk_fail(e, dk_e(e, DKS_X_CLASS_AT), sc->path, c->line, c->name, ce.msg);
    }
    return 0;
}

void dk_scenario_where(const dk_scenario *sc, int line, char *out, size_t n)
{
    snprintf(out, n, "%s:%d", sc->spec_path, line);
}

int dk_scenario_parse(dk_scenario *sc, const dk_model *m, const char *path,
                      const char *text, size_t len, dk_err *e)
{
    memset(sc, 0, sizeof *sc);
    snprintf(sc->path, sizeof sc->path, "%s", path);
    snprintf(sc->spec_path, sizeof sc->spec_path, "%s", path);
    sc->seed = 20261121UL;
    sc->replicates = DK_SCN_DEFAULT_REPLICATES;
    dk_plan_spec_init(&sc->plan);
    for (int f = 0; f <= DK_NSUPPORT; f++)
        sc->compare.euro_per_fte[f] = -1;
    snprintf(sc->compare.baseline, sizeof sc->compare.baseline, "baseline");
    sc->compare.crit_aspect = DK_TAILOR;
    pstate ps = { .sc = sc, .m = m };
    if (dk_ini_open(&ps.ini, path, text, len, kinds, e) != 0)
        return -1;
    int rc;
    while ((rc = dk_ini_next(&ps.ini)) > 0)
        if ((rc == DK_INI_SECTION ? section_start(&ps)
                                  : key_value(&ps, ps.ini.key, ps.ini.value)) != 0) {
            rc = -1;
            break;
        }
    if (rc == 0)
        rc = validate(&ps);
    dk_ini_close(&ps.ini);
    if (rc != 0)
        dk_scenario_free(sc);
    return rc;
}

int dk_scenario_load(dk_scenario *sc, const dk_model *m, const char *path, dk_err *e)
{
    size_t len;
    char *text = dk_read_file(path, &len, e);
    if (!text)
        return -1;
    int rc = dk_scenario_parse(sc, m, path, text, len, e);
    dk_free(text);
    return rc;
}

void dk_scenario_free(dk_scenario *sc)
{
    dk_free(sc->schools);
    dk_free(sc->classes);
    dk_free(sc->pops);
    dk_free(sc->assume);
    sc->assume = NULL;
    sc->nassume = 0;
    dk_free(sc->compare.variants);
    sc->compare.variants = NULL;
    sc->compare.nvariant = 0;
    sc->schools = NULL;
    sc->classes = NULL;
    sc->pops = NULL;
    sc->nschool = sc->nclass = sc->npop = 0;
}

/* A label's language must be one the program speaks. */
static int check_labels(const dk_scenario *sc, const dk_scn_label *l, int n, const char *key,
                        dk_err *e)
{
    for (int i = 0; i < n; i++) {
        int known = 0;
        for (int k = 0; k < DK_NLANG; k++)
            known |= strcmp(l[i].lang, dk_language_get((dk_lang)k)->code) == 0;
        if (known)
            continue;
        char codes[64] = "";
        for (int k = 0; k < DK_NLANG; k++)
            snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s", k ? ", " : "",
                     dk_language_get((dk_lang)k)->code);
        return dk_fail(e, "%s:%d: %s.%s: no language '%s' (%s)", sc->spec_path, l[i].line, key,
                       l[i].lang, l[i].lang, codes);
    }
    return 0;
}

int dk_scenario_check_compare(const dk_scenario *sc, dk_err *e)
{
    const dk_scn_compare *c = &sc->compare;
    if (!c->nvariant)
        return dk_fail(e, "%s: no [variant NAME] sections: nothing to compare with the "
                       "baseline (see scenarios/compare-po-region.ini)", sc->spec_path);
    if (check_labels(sc, c->baseline_label, c->nbaseline_label, "baseline", e) != 0)
        return -1;
    for (int v = 0; v < c->nvariant; v++)
        if (check_labels(sc, c->variants[v].label, c->variants[v].nlabel, "label", e) != 0)
            return -1;
    return dk_scenario_check_reach(sc, e);
}

int dk_scenario_check_plan(const dk_scenario *sc, int school, unsigned menu, dk_err *e)
{
    unsigned per_class = menu & ~(1u << DK_SUP_FACILITY);
    for (int k = 0; k < sc->nschool && per_class; k++) {
        const dk_scn_school *sch = &sc->schools[k];
        if (school >= 0 && k != school)
            continue;
        for (int c = sch->first; c < sch->first + sch->nclass; c++)
            if (!(per_class & ~sc->classes[c].c.support))
                return dk_fail(e, "%s:%d: class '%s': cannot take any form: it already has "
                               "every form the plan may give it", sc->path,
                               sc->classes[c].line, sc->classes[c].name);
    }
    return 0;
}
