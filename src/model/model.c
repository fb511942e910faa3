/*
 * model.c -- the parameter table, model files and the linear predictor.
 *
 * The table's layout (which names exist, in which order) is fixed here;
 * values, ranges and provenance come from a model file: the embedded
 * default written by `draagkracht calibrate`, or one given with --model.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/lang/lang.h"
#include "draagkracht/model/model.h"

static const char *const prov_names[] = {
    "published", "calibrated", "assumed", "fitted", NULL
};

const char *dk_prov_name(dk_prov k) { return prov_names[k]; }

static int add(dk_model *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Index of a new parameter.  Out of memory, the table goes (m->p NULL)
 * and only the count goes on, so that dk_model_init can tell. */
static int add(dk_model *m, const char *fmt, ...)
{
    dk_param *grown = m->p || !m->n ? dk_realloc(m->p, (m->n + 1) * sizeof *m->p) : NULL;
    if (!grown) {
        dk_free(m->p);
        m->p = NULL;
        return (int)m->n++;
    }
    m->p = grown;
    dk_param *p = &m->p[m->n];
    memset(p, 0, sizeof *p);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->name, sizeof p->name, fmt, ap);
    va_end(ap);
    return (int)m->n++;
}

static void init_outcome(dk_model *m, dk_sector s, int o)
{
    const char *sn = dk_sector_name(s), *k = dk_outcome_kind(o);
    const char *on = dk_outcome_name(o);
    const int *ob = dk_ob_levels(s), *hv = dk_heavy_levels(s);
    int *t = m->term[s][o];
    t[DK_T_INTERCEPT] = add(m, "%s.%s.%s.intercept", sn, k, on);
    for (int i = 0; i < 3; i++)
        t[DK_T_OB1 + i] = add(m, "%s.%s.%s.ob.%d-%d", sn, k, on, ob[i], ob[i + 1]);
    for (int i = 0; i < 3; i++)
        t[DK_T_HV1 + i] = add(m, "%s.%s.%s.heavy.%d-%d", sn, k, on, hv[i], hv[i + 1]);
    if (!DK_IS_NEED(o))
        for (int f = 1; f < DK_NSUPPORT; f++)
            t[DK_T_SUP1 + f - 1] = add(m, "%s.%s.%s.support.%s", sn, k, on,
                                       dk_support_name((dk_support)f));
    const char *sub = s == DK_PO ? "novice" : s == DK_VO ? "vmbo" : NULL;
    if (sub) {
        t[DK_T_SUB0] = add(m, "%s.%s.%s.%s.gap", sn, k, on, sub);
        t[DK_T_SUB1] = add(m, "%s.%s.%s.%s.heavy", sn, k, on, sub);
    }
}

int dk_model_init(dk_model *m)
{
    memset(m, 0, sizeof *m);
    memset(m->term, -1, sizeof m->term);
    for (int s = 0; s < DK_NSECTOR; s++) {
        const char *sn = dk_sector_name((dk_sector)s);
        for (int o = 0; o < DK_NOUTCOME; o++)
            init_outcome(m, (dk_sector)s, o);
        int *g = m->sect[s];
        g[DK_G_CS_REF] = add(m, "%s.class-size.ref", sn);
        g[DK_G_CS_CAP] = add(m, "%s.class-size.cap", sn);
        g[DK_G_CS_NEED] = add(m, "%s.class-size.need", sn);
        g[DK_G_CS_CAP_HEAVY] = add(m, "%s.class-size.cap.heavy", sn);
        g[DK_G_CS_NEED_HEAVY] = add(m, "%s.class-size.need.heavy", sn);
        g[DK_G_SD_TEACHER] = add(m, "%s.sd.teacher", sn);
        g[DK_G_SD_RESID] = add(m, "%s.sd.residual", sn);
        g[DK_G_SURVEY_SIZE] = add(m, "%s.survey.class-size", sn);
        g[DK_G_SURVEY_OB] = add(m, "%s.survey.support-needs", sn);
        g[DK_G_SURVEY_HEAVY] = add(m, "%s.survey.heavy", sn);
    }
    m->share_novice = add(m, "po.share.novice");
    m->share_vmbo = add(m, "vo.share.vmbo");
    m->level_size[0] = -1;
    m->level_size[DK_LEVEL_VMBO] = add(m, "vo.vmbo.survey.class-size");
    m->level_size[DK_LEVEL_HAVO_VWO] = add(m, "vo.havo-vwo.survey.class-size");
    m->level_ob[0] = m->level_heavy[0] = -1;
    m->level_ob[DK_LEVEL_VMBO] = add(m, "vo.vmbo.survey.support-needs");
    m->level_heavy[DK_LEVEL_VMBO] = add(m, "vo.vmbo.survey.heavy");
    m->level_ob[DK_LEVEL_HAVO_VWO] = add(m, "vo.havo-vwo.survey.support-needs");
    m->level_heavy[DK_LEVEL_HAVO_VWO] = add(m, "vo.havo-vwo.survey.heavy");
    m->pop_size_lo = add(m, "population.class-size.min");
    m->pop_size_hi = add(m, "population.class-size.max");
    m->mbo_size_sd = add(m, "population.mbo.class-size.sd");
    m->pop_ob_icc = add(m, "population.support-needs.icc");
    m->pop_heavy_icc = add(m, "population.heavy.icc");
    m->combine = add(m, "support.combine");
    m->cost_hours[0] = -1;
    for (int f = 1; f < DK_NSUPPORT; f++)
        m->cost_hours[f] = add(m, "cost.%s.hours", dk_support_name((dk_support)f));
    m->coaching_hours = add(m, "cost.coaching.hours");
    m->fte_hours = add(m, "cost.fte.hours");
    m->class_fte = add(m, "cost.class.fte");
    for (int a = 0; a < DK_NASPECT; a++)
        m->real_offset[a] = add(m, "realclass.%s", dk_outcome_name(a));
    snprintf(m->origin, sizeof m->origin, "(unset)");
    if (m->p)
        return 0;
    m->n = 0;
    return -1;
}

void dk_model_free(dk_model *m)
{
    dk_free(m->p);
    dk_free(m->mpos);
    dk_free(m->member);
    m->p = NULL;
    m->mpos = NULL;
    m->member = NULL;
    m->n = m->nmember = m->nmcol = 0;
}

/* n items of size bytes from src, or NULL (also for none, or no memory:
 * *bad says which). */
static void *dup_array(const void *src, size_t n, size_t size, int *bad)
{
    if (!src || !n)
        return NULL;
    void *d = dk_malloc(n * size);
    if (d)
        memcpy(d, src, n * size);
    else
        *bad = 1;
    return d;
}

int dk_model_copy(dk_model *dst, const dk_model *src)
{
    int bad = 0;
    *dst = *src;
    dst->p = dup_array(src->p, src->n, sizeof *src->p, &bad);
    dst->mpos = dup_array(src->mpos, src->mpos ? src->n : 0, sizeof *src->mpos, &bad);
    dst->member = dup_array(src->member, src->nmember * src->nmcol, sizeof *src->member, &bad);
    if (bad)
        dk_model_free(dst);
    return bad ? -1 : 0;
}

/* A member holds the parameters the evidence estimates jointly: the
 * calibrated ones (the posterior) and the fitted ones (their sampling
 * distribution). */
static int in_ensemble(const dk_param *p)
{
    return p->kind == DK_PROV_CALIBRATED || p->kind == DK_PROV_FITTED;
}

/* The member columns: those parameters, in table order. */
static int member_columns(dk_model *m)
{
    dk_free(m->mpos);
    m->mpos = dk_malloc(m->n * sizeof *m->mpos);
    if (!m->mpos)
        return -1;
    m->nmcol = 0;
    for (size_t i = 0; i < m->n; i++)
        m->mpos[i] = in_ensemble(&m->p[i]) ? (int)m->nmcol++ : -1;
    return 0;
}

int dk_model_rebuild_members(dk_model *m, size_t K,
                             void (*fill)(void *ctx, size_t r, double *theta), void *ctx)
{
    double *theta = dk_malloc(m->n * sizeof *theta);
    double *v = NULL;
    size_t ncol = 0;
    for (size_t i = 0; i < m->n; i++)
        ncol += (size_t)in_ensemble(&m->p[i]);
    if (theta)
        v = dk_malloc((K * ncol + 1) * sizeof *v);
    if (!theta || !v) {
        dk_free(theta);
        return -1;
    }
    for (size_t r = 0; r < K; r++) {
        dk_model_member_theta(m, r, theta);
        fill(ctx, r, theta);
        double *row = v + r * ncol;
        for (size_t i = 0, k = 0; i < m->n; i++)
            if (in_ensemble(&m->p[i]))
                row[k++] = theta[i];
    }
    dk_free(theta);
    int rc = dk_model_set_members(m, v, K);
    dk_free(v);
    return rc;
}

int dk_model_set_members(dk_model *m, const double *v, size_t n)
{
    if (member_columns(m) != 0)
        return -1;
    double *copy = dk_malloc((n * m->nmcol + 1) * sizeof *copy);
    if (!copy)
        return -1;
    memcpy(copy, v, n * m->nmcol * sizeof *copy);
    dk_free(m->member);
    m->member = copy;
    m->nmember = n;
    return 0;
}

int dk_model_find(const dk_model *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->p[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char **dk_model_names(const dk_model *m, const char *const *first)
{
    size_t k = 0;
    while (first && first[k])
        k++;
    const char **names = dk_malloc((k + m->n + 1) * sizeof *names);
    if (!names)
        return NULL;
    for (size_t i = 0; i < k; i++)
        names[i] = first[i];
    for (size_t i = 0; i < m->n; i++)
        names[k + i] = m->p[i].name;
    names[k + m->n] = NULL;
    return names;
}

/* ---- Accessors: the only way other layers read the table ---- */

size_t dk_model_nparam(const dk_model *m) { return m->n; }
const dk_param *dk_model_param(const dk_model *m, size_t i) { return &m->p[i]; }
const char *dk_model_id(const dk_model *m) { return m->id; }
const char *dk_model_origin(const dk_model *m) { return m->origin; }
size_t dk_model_nmember(const dk_model *m) { return m->nmember; }
int dk_model_real_class(const dk_model *m) { return m->real_class; }
void dk_model_set_real_class(dk_model *m, int on) { m->real_class = on != 0; }

int dk_model_sector_param(const dk_model *m, dk_sector s, int which)
{
    return m->sect[s][which];
}

const int *dk_model_terms(const dk_model *m, dk_sector s, int o)
{
    return m->term[s][o];
}

/* theta NULL: the point value, as dk_fte. */
static double at(const dk_model *m, const double *th, int i)
{
    return th ? th[i] : m->p[i].value;
}

double dk_sector_value(const dk_model *m, const double *th, dk_sector s, int which)
{
    return at(m, th, m->sect[s][which]);
}

double dk_cost_hours(const dk_model *m, const double *th, int f)
{
    return at(m, th, m->cost_hours[f]);
}

double dk_class_fte(const dk_model *m, const double *th) { return at(m, th, m->class_fte); }
double dk_fte_hours(const dk_model *m, const double *th) { return at(m, th, m->fte_hours); }

void dk_model_set(dk_model *m, int i, double value, double lo, double hi,
                  dk_prov kind, const char *source)
{
    dk_param *p = &m->p[i];
    p->value = value;
    p->lo = lo;
    p->hi = hi;
    p->kind = kind;
    snprintf(p->source, sizeof p->source, "%s", source);
}

int dk_model_override(dk_model *m, int i, double value, double lo, double hi,
                      const char *source, const char *where, dk_err *e)
{
    dk_param was = m->p[i];
    dk_model_set(m, i, value, lo, hi, DK_PROV_ASSUMED, source);
    if (dk_model_check(m, where, e) == 0)
        return 0;
    m->p[i] = was;
    return -1;
}

int dk_model_check_ranges(const dk_model *m, const dk_override *o, size_t n,
                          const char *where, dk_err *e)
{
    dk_model c = *m;
    c.p = dk_malloc(m->n * sizeof *c.p);
    if (!c.p)
        return dk_fail(e, "%s: out of memory", where);
    memcpy(c.p, m->p, m->n * sizeof *c.p);
    for (size_t k = 0; k < n; k++) {
        c.p[o[k].param].lo = o[k].lo;
        c.p[o[k].param].hi = o[k].hi;
    }
    int rc = dk_model_check(&c, where, e);
    dk_free(c.p);
    return rc;
}

/* Names for "did you mean": the table itself. */
static const char *suggest_param(const dk_model *m, const char *name)
{
    const char **names = dk_model_names(m, NULL);
    if (!names)
        return NULL;    /* no suggestion: the message stands without one */
    const char *s = dk_suggest(name, names);
    dk_free(names);
    return s;
}

static int parse_line(dk_model *m, const char *path, int ln, char *line,
                      dk_err *e)
{
    char *f[5];
    char *rest = line;
    for (int i = 0; i < 5; i++) {
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (!*rest)
            return dk_fail(e, "%s:%d: expected 'name value lo hi kind source', "
                           "got %d field%s", path, ln, i, i == 1 ? "" : "s");
        f[i] = rest;
        while (*rest && *rest != ' ' && *rest != '\t')
            rest++;
        if (*rest)
            *rest++ = '\0';
    }
    char *source = dk_trim(rest);
    int i = dk_model_find(m, f[0]);
    if (i < 0) {
        const char *s = suggest_param(m, f[0]);
        char mean[120];
        return dk_fail(e, "%s:%d: name: unknown parameter '%s'%s", path, ln,
                       f[0], dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
    }
    dk_param *p = &m->p[i];
    if (p->set)
        return dk_fail(e, "%s:%d: name: parameter '%s' appears twice", path, ln, f[0]);
    static const char *const fields[] = { "", "value", "lo", "hi" };
    double v[4];
    for (int k = 1; k <= 3; k++)
        if (dk_parse_double(f[k], &v[k]) != 0)
            return dk_fail(e, "%s:%d: %s: '%s' is not a number", path, ln,
                           fields[k], f[k]);
    if (!(v[2] <= v[1] && v[1] <= v[3]))
        return dk_fail(e, "%s:%d: %s: value %g is not inside its range %g..%g",
                       path, ln, f[0], v[1], v[2], v[3]);
    int kind = -1;
    for (int k = 0; prov_names[k]; k++)
        if (strcmp(f[4], prov_names[k]) == 0)
            kind = k;
    if (kind < 0)
        return dk_fail(e, "%s:%d: kind: '%s' is not one of published, "
                       "calibrated, assumed, fitted", path, ln, f[4]);
    if (!*source)
        return dk_fail(e, "%s:%d: source: parameter '%s' has no provenance",
                       path, ln, f[0]);
    p->value = v[1];
    p->lo = v[2];
    p->hi = v[3];
    p->kind = (dk_prov)kind;
    snprintf(p->source, sizeof p->source, "%s", source);
    p->set = 1;
    return 0;
}

/* Ranges the predictor relies on: finite, modest numbers; SDs within the
 * width of the 1..5 scale; shares in 0..1; positive hours. */
int dk_model_check(const dk_model *m, const char *path, dk_err *e)
{
    for (size_t i = 0; i < m->n; i++) {
        const dk_param *p = &m->p[i];
        if (fabs(p->lo) > 1e4 || fabs(p->hi) > 1e4)
            return dk_fail(e, "%s: %s: range %g..%g is implausibly large "
                           "(|x| <= 10000)", path, p->name, p->lo, p->hi);
    }
    for (int s = 0; s < DK_NSECTOR; s++) {
        const dk_param *p = &m->p[m->sect[s][DK_G_SD_TEACHER]];
        const dk_param *q = &m->p[m->sect[s][DK_G_SD_RESID]];
        if (p->hi > 4 || q->hi > 4)
            return dk_fail(e, "%s: %s: a standard deviation above 4 on a 1..5 "
                           "scale", path, p->hi > 4 ? p->name : q->name);
    }
    for (int f = 1; f < DK_NSUPPORT; f++)
        if (m->p[m->cost_hours[f]].lo < 0)
            return dk_fail(e, "%s: %s: hours cannot be negative", path,
                           m->p[m->cost_hours[f]].name);
    if (m->p[m->fte_hours].lo <= 0)
        return dk_fail(e, "%s: cost.fte.hours must be positive", path);
    if (m->p[m->class_fte].lo < 0)
        return dk_fail(e, "%s: cost.class.fte cannot be negative", path);
    if (m->p[m->pop_size_lo].lo < 1 || m->p[m->pop_size_lo].hi > 20 ||
        m->p[m->pop_size_hi].lo < 28 || m->p[m->pop_size_hi].hi > DK_MAX_CLASS_SIZE)
        return dk_fail(e, "%s: population.class-size.min must lie in 1..20 and "
                       ".max in 28..100 (the edges of Table 7.2's open bins)", path);
    int iccs[] = { m->pop_ob_icc, m->pop_heavy_icc };
    for (int k = 0; k < 2; k++)
        if (m->p[iccs[k]].lo <= 0 || m->p[iccs[k]].hi >= 1)
            return dk_fail(e, "%s: %s: must lie strictly between 0 and 1", path,
                           m->p[iccs[k]].name);
    for (int s = 0; s < DK_NSECTOR; s++)
        for (int g = DK_G_SD_TEACHER; g <= DK_G_SD_RESID; g++) {
            const dk_param *p = &m->p[m->sect[s][g]];
            if (p->lo < 0)
                return dk_fail(e, "%s: %s: a standard deviation cannot be "
                               "negative (range %g..%g)", path, p->name, p->lo, p->hi);
        }
    int shares[] = { m->share_novice, m->share_vmbo, m->combine };
    for (size_t k = 0; k < sizeof shares / sizeof shares[0]; k++) {
        const dk_param *p = &m->p[shares[k]];
        if (p->lo < 0 || p->hi > 1)
            return dk_fail(e, "%s: %s: must lie in 0..1 (range %g..%g)", path,
                           p->name, p->lo, p->hi);
    }
    return 0;
}

/*
 * A member line: "member" and one value per calibrated parameter, written
 * with a fixed number of decimals.  A thousand members are a few hundred
 * thousand numbers, read by every command at start-up, so they get their
 * own small reader instead of strtod; any other spelling is refused.
 */
static int fixed_decimal(const char **s, double *out)
{
    const char *p = *s;
    int neg = *p == '-';
    p += neg;
    long long ip = 0, fp = 0, scale = 1;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9' && ip < 100000000; p++)
        ip = ip * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && scale < 1000000000; p++) {
            fp = fp * 10 + (*p - '0');
            scale *= 10;
        }
    if (*p && *p != ' ' && *p != '\t')
        return -1;
    *out = (neg ? -1 : 1) * ((double)ip + (double)fp / (double)scale);
    *s = p;
    return 0;
}

static int parse_member(dk_model *m, const char *path, int ln, const char *rest,
                        size_t *cap, dk_err *e)
{
    if (!m->mpos && member_columns(m) != 0)
        return dk_fail(e, "%s:%d: out of memory reading the ensemble", path, ln);
    if (m->nmember == *cap) {
        size_t nc = *cap ? 2 * *cap : 256;
        double *g = dk_realloc(m->member, (nc * m->nmcol + 1) * sizeof *g);
        if (!g)
            return dk_fail(e, "%s:%d: out of memory reading the ensemble", path, ln);
        m->member = g;
        *cap = nc;
    }
    double *row = m->member + m->nmember * m->nmcol;
    for (size_t k = 0; k < m->nmcol; k++) {
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (!*rest)
            return dk_fail(e, "%s:%d: member: %zu values, expected one per "
                           "calibrated parameter (%zu)", path, ln, k, m->nmcol);
        if (fixed_decimal(&rest, &row[k]) != 0)
            return dk_fail(e, "%s:%d: member: value %zu is not a decimal number",
                           path, ln, k + 1);
    }
    while (*rest == ' ' || *rest == '\t')
        rest++;
    if (*rest)
        return dk_fail(e, "%s:%d: member: more values than calibrated parameters "
                       "(%zu)", path, ln, m->nmcol);
    m->nmember++;
    return 0;
}

/* Members follow every parameter line, since their columns are the
 * parameters of kind calibrated. */
static int parse_entry(dk_model *m, const char *path, int ln, char *line,
                       size_t *cap, dk_err *e)
{
    if (strncmp(line, "member", 6) == 0 && (line[6] == ' ' || line[6] == '\t')) {
        for (size_t i = 0; i < m->n; i++)
            if (!m->p[i].set)
                return dk_fail(e, "%s:%d: parameter '%s' is missing (a model file "
                               "lists all %zu parameters, then the members)", path,
                               ln, m->p[i].name, m->n);
        return parse_member(m, path, ln, line + 7, cap, e);
    }
    if (m->nmember)
        return dk_fail(e, "%s:%d: a parameter line after the members", path, ln);
    return parse_line(m, path, ln, line, e);
}

int dk_model_parse(dk_model *m, const char *path, const char *text,
                   size_t len, dk_err *e)
{
    size_t cap = 0;
    if (dk_model_init(m) != 0)
        return dk_fail_oom(e, path);
    dk_lines it;
    dk_lines_init(&it, path, text, len);
    int rc;
    while ((rc = dk_lines_next(&it, e)) == 1) {
        char *line = dk_trim(it.line);
        if (*line == '\0' || *line == '#')
            continue;
        if (parse_entry(m, path, it.lineno, line, &cap, e) != 0)
            goto fail;
    }
    if (rc < 0)
        goto fail;
    for (size_t i = 0; i < m->n; i++)
        if (!m->p[i].set) {
            dk_fail(e, "%s: parameter '%s' is missing (a model file lists "
                    "all %zu parameters)", path, m->p[i].name, m->n);
            goto fail;
        }
    if (dk_model_check(m, path, e) != 0)
        goto fail;
    snprintf(m->id, sizeof m->id, "dk1-%08lx",
             crc32(0L, (const unsigned char *)text, (uInt)len));
    snprintf(m->origin, sizeof m->origin, "%s", path);
    return 0;
fail:
    dk_model_free(m);
    return -1;
}

int dk_model_load(dk_model *m, const char *path, dk_err *e)
{
    size_t len;
    char *text = dk_read_file(path, &len, e);
    if (!text)
        return -1;
    int rc = dk_model_parse(m, path, text, len, e);
    dk_free(text);
    return rc;
}

int dk_model_load_default(dk_model *m, dk_err *e)
{
    int rc = dk_model_parse(m, "(embedded model)", dk_embedded_model,
                            strlen(dk_embedded_model), e);
    if (rc == 0)
        snprintf(m->origin, sizeof m->origin, "%s", dk_s(DK_LANG_EN, DKS_MODEL_EMBEDDED));
    return rc;
}

/* Members hold the calibrated parameters.  When some were refitted since
 * (fit -o starts from a calibrated model), the members keep the rest; a
 * calibrated parameter without a column (a hand edit) drops the members,
 * and every parameter is then drawn from its range. */
static int members_current(const dk_model *m)
{
    if (!m->nmember || !m->mpos)
        return 0;
    for (size_t i = 0; i < m->n; i++)
        if (in_ensemble(&m->p[i]) && m->mpos[i] < 0)
            return 0;
    return 1;
}

static int any_fitted(const dk_model *m)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->p[i].kind == DK_PROV_FITTED)
            return 1;
    return 0;
}

void dk_model_write(const dk_model *m, dk_buf *b)
{
    dk_buf_printf(b,
        "# draagkracht model, format 1.  One parameter per line:\n"
        "#   name  value  lo  hi  kind  source\n"
        "# lo..hi is the plausible range (about 90 %%) that Monte Carlo draws\n"
        "# from; kind is published (seed line), calibrated (the targets that\n"
        "# bind it), assumed (why, and where the range comes from) or fitted.\n");
    for (size_t i = 0; i < m->n; i++) {
        const dk_param *p = &m->p[i];
        dk_buf_printf(b, "%-40s %8.4f %8.4f %8.4f  %-10s %s\n", p->name,
                      p->value, p->lo, p->hi, dk_prov_name(p->kind), p->source);
    }
    if (!members_current(m))
        return;
    dk_buf_printf(b,
        "# The posterior ensemble: %zu members, one per line, each a vector of\n"
        "# the calibrated parameters above, in their order, that meets every\n"
        "# reading of the targets.  Replicate r of every command uses member\n"
        "# r mod %zu; value is the members' mean and lo..hi their 5-95 %% range.\n",
        m->nmember, m->nmember);
    if (any_fitted(m))
        dk_buf_printf(b, "# Fitted parameters are members too: draws from their estimates'\n"
                      "# sampling distribution (value: the estimate, lo..hi: +-1.645 SE).\n");
    for (size_t r = 0; r < m->nmember; r++) {
        dk_buf_append(b, "member", 6);
        for (size_t i = 0; i < m->n; i++) {
            if (!in_ensemble(&m->p[i]))
                continue;
            double v = m->member[r * m->nmcol + (size_t)m->mpos[i]];
            dk_buf_printf(b, " %.5f", v == 0 ? 0.0 : v);
        }
        dk_buf_append(b, "\n", 1);
    }
}

void dk_model_values(const dk_model *m, double *theta)
{
    for (size_t i = 0; i < m->n; i++)
        theta[i] = m->p[i].value;
}

void dk_model_member_theta(const dk_model *m, size_t r, double *theta)
{
    dk_model_values(m, theta);
    dk_model_member_apply(m, r, theta);
}

void dk_model_member_apply(const dk_model *m, size_t r, double *theta)
{
    if (!m->nmember)
        return;
    const double *mem = m->member + (r % m->nmember) * m->nmcol;
    for (size_t i = 0; i < m->n; i++)
        if (m->mpos[i] >= 0 && in_ensemble(&m->p[i]))
            theta[i] = mem[m->mpos[i]];
}

size_t dk_model_member(const dk_model *m, long rep)
{
    return m->nmember ? (size_t)rep % m->nmember : 0;
}

/*
 * A PERT (scaled beta) draw: bounded by the plausible range, most likely at
 * the stated value.  Bounded draws keep sign-constrained effects (every
 * support form helps, more pupils never help) true in every replicate.
 */
double dk_param_pert(const dk_param *p, gsl_rng *r)
{
    double w = p->hi - p->lo;
    if (w <= 1e-12)
        return p->value;
    double a = 1 + 4 * (p->value - p->lo) / w;
    double b = 1 + 4 * (p->hi - p->value) / w;
    return p->lo + w * gsl_ran_beta(r, a, b);
}

void dk_model_draw(const dk_model *m, gsl_rng *r, long rep, double *theta)
{
    const double *mem = m->nmember ? m->member + dk_model_member(m, rep) * m->nmcol
                                   : NULL;
    for (size_t i = 0; i < m->n; i++) {
        const dk_param *p = &m->p[i];
        theta[i] = mem && m->mpos[i] >= 0 && in_ensemble(p) ? mem[m->mpos[i]]
                 : dk_param_pert(p, r);
    }
}

double dk_teacher_sd(const dk_model *m, const double *th, dk_sector s)
{
    double t = th[m->sect[s][DK_G_SD_TEACHER]], r = th[m->sect[s][DK_G_SD_RESID]];
    return sqrt(t * t + r * r);
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

double dk_heaviness(const dk_class *c)
{
    const int *ob = dk_ob_levels(c->sector), *hv = dk_heavy_levels(c->sector);
    return 0.5 * clamp01((c->ob - ob[0]) / (ob[3] - ob[0]))
         + 0.5 * clamp01((c->heavy - hv[0]) / (hv[3] - hv[0]));
}

/*
 * Piecewise linear through the vignette levels; outside them the nearest
 * segment's slope continues (dk_class_check warns about that).
 */
static double piecewise(double x, const int lv[DK_NLEVELS], const double step[3])
{
    int k = x <= lv[1] ? 0 : x <= lv[2] ? 1 : 2;
    double at = 0;
    for (int i = 0; i < k; i++)
        at += step[i];
    return at + step[k] * (x - lv[k]) / (lv[k + 1] - lv[k]);
}

/* Largest support effect counts fully, the rest at `support.combine`. */
static double support_effect(const dk_model *m, const double *th, const int *t,
                             unsigned mask)
{
    double best = 0, sum = 0;
    int any = 0;
    for (int f = 1; f < DK_NSUPPORT; f++) {
        if (!(mask & (1u << f)))
            continue;
        double v = th[t[DK_T_SUP1 + f - 1]];
        sum += v;
        if (!any || v > best)
            best = v;
        any = 1;
    }
    return any ? best + th[m->combine] * (sum - best) : 0;
}

static double subgroup(const dk_model *m, const double *th, const int *t,
                       const dk_class *c)
{
    double share;
    int in_group;
    if (c->sector == DK_PO && c->exp != DK_EXP_ALL) {
        share = th[m->share_novice];
        in_group = c->exp == DK_EXP_NOVICE;
    } else if (c->sector == DK_VO && c->level != DK_LEVEL_ALL) {
        share = th[m->share_vmbo];
        in_group = c->level == DK_LEVEL_VMBO;
    } else {
        return 0;
    }
    /* The sector-wide vignette means average over both groups, so the gap
     * is split by group share: the mixture still has the sector mean. */
    double gap = th[t[DK_T_SUB0]] + th[t[DK_T_SUB1]] * dk_heaviness(c);
    return in_group ? (1 - share) * gap : -share * gap;
}

double dk_fte(const dk_model *m, const double *th, double hours)
{
    return hours / dk_fte_hours(m, th);
}

double dk_need_hours(const dk_model *m, const double *th, int f)
{
    switch (f) {
    case DK_NEED_ASSISTANT:      return th[m->cost_hours[DK_SUP_ASSISTANT]];
    case DK_NEED_EXTRA_TEACHER:  return th[m->cost_hours[DK_SUP_EXTRA_TEACHER]];
    case DK_NEED_SPECIALIST_IN:
    case DK_NEED_SPECIALIST_OUT: return th[m->cost_hours[DK_SUP_SPECIALIST]];
    case DK_NEED_FACILITY:       return th[m->cost_hours[DK_SUP_FACILITY]];
    default:                     return th[m->coaching_hours];
    }
}

double dk_share_le2(double y, double sd)
{
    return sd > 0 ? gsl_cdf_ugaussian_P((DK_CUT_LE2 - y) / sd) : y < DK_CUT_LE2;
}

double dk_share_ge4(double y, double sd)
{
    return sd > 0 ? gsl_cdf_ugaussian_Q((DK_CUT_GE4 - y) / sd) : y >= DK_CUT_GE4;
}

/* E[answer] = 1 + sum over the four category edges k + 1/2 of
 * P(latent >= edge): each edge crossed adds one. */
double dk_expected_answer(double y, double sd)
{
    if (!(sd > 0)) {
        double k = floor(y + 0.5);
        return k < 1 ? 1 : k > 5 ? 5 : k;
    }
    double e = 1;
    for (int k = 1; k <= 4; k++)
        e += gsl_cdf_ugaussian_P((y - (k + 0.5)) / sd);
    return e;
}

void dk_answer_mean_build(dk_answer_mean *t, double sd)
{
    /* outside 1.5 - 7 sd .. 4.5 + 7 sd every answer is 1 (or 5) but for
     * less than 1e-11 */
    double s = sd > 0 ? sd : 0;
    t->lo = 1.5 - 7 * s - 0.5;
    double hi = 4.5 + 7 * s + 0.5;
    t->step = (hi - t->lo) / DK_ANSWER_GRID;
    t->inv_step = 1 / t->step;
    for (int i = 0; i <= DK_ANSWER_GRID; i++)
        t->v[i] = dk_expected_answer(t->lo + i * t->step, sd);
    t->v[DK_ANSWER_GRID + 1] = t->v[DK_ANSWER_GRID];
}

void dk_answer_shares(double y, double sd, double *le2, double *ge4)
{
    *le2 = dk_share_le2(y, sd);
    *ge4 = dk_share_ge4(y, sd);
}

double dk_need_fte(const dk_model *m, const double *th, int o, double ge4,
                   double classes)
{
    double h = dk_need_hours(m, th, o - DK_NASPECT)
             / (o == DK_OUTCOME_NEED(DK_NEED_FACILITY) ? classes : 1);
    return dk_fte(m, th, ge4 * h);
}

/* Change per pupil above the reference size: the main slope (heavy 0),
 * or the extra slope at the top heavy-need level. */
static double class_size_slope(const dk_model *m, const double *th, dk_sector s,
                               int o, int heavy_part)
{
    const int *g = m->sect[s];
    int need = DK_IS_NEED(o);
    return th[g[heavy_part ? (need ? DK_G_CS_NEED_HEAVY : DK_G_CS_CAP_HEAVY)
                           : (need ? DK_G_CS_NEED : DK_G_CS_CAP)]];
}

/* The interaction: heavy-need pupils weigh more in a big class. */
static double size_heavy(const dk_model *m, const double *th, const dk_class *c, int o)
{
    const int *g = m->sect[c->sector];
    double top = dk_heavy_levels(c->sector)[DK_NLEVELS - 1];
    return (c->class_size - th[g[DK_G_CS_REF]]) * (c->heavy / top)
         * class_size_slope(m, th, c->sector, o, 1);
}

double dk_model_mean(const dk_model *m, const double *th, const dk_class *c,
                     int o)
{
    const int *t = m->term[c->sector][o];
    const int *g = m->sect[c->sector];
    double step[3];
    double y = th[t[DK_T_INTERCEPT]];
    for (int i = 0; i < 3; i++)
        step[i] = th[t[DK_T_OB1 + i]];
    y += piecewise(c->ob, dk_ob_levels(c->sector), step);
    for (int i = 0; i < 3; i++)
        step[i] = th[t[DK_T_HV1 + i]];
    y += piecewise(c->heavy, dk_heavy_levels(c->sector), step);
    if (!DK_IS_NEED(o))
        y += support_effect(m, th, t, c->support);
    y += subgroup(m, th, t, c);
    if (c->class_size >= 0)
        y += class_size_slope(m, th, c->sector, o, 0) * (c->class_size - th[g[DK_G_CS_REF]])
           + size_heavy(m, th, c, o);
    if (m->real_class && !DK_IS_NEED(o))
        y += th[m->real_offset[o]];
    return y;
}

/* Rows of t: each feature's term, measured as the change it makes to the
 * mean of a base class (no pupils, no support).  The count and support
 * rows are measured at the reference size, where the interaction is zero;
 * the interaction is the product cs * hv * inter. */
void dk_mean_terms_build(const dk_model *m, const double *th, const dk_class *like,
                         int size_lo, int size_hi, dk_mean_terms *t)
{
    dk_class c = *like;
    c.ob = c.heavy = 0;
    c.support = 0;
    double ref = th[m->sect[c.sector][DK_G_CS_REF]];
    double top = dk_heavy_levels(c.sector)[DK_NLEVELS - 1];
    for (int n = size_lo; n <= size_hi; n++) {
        c.class_size = n;
        for (int o = 0; o < DK_NOUTCOME; o++)
            t->size[n][o] = dk_model_mean(m, th, &c, o);
        t->cs[n] = n - ref;
    }
    c.class_size = -1; /* the reference size */
    double base[DK_NOUTCOME];
    for (int o = 0; o < DK_NOUTCOME; o++) {
        base[o] = dk_model_mean(m, th, &c, o);
        t->inter[o] = class_size_slope(m, th, c.sector, o, 1);
    }
    for (int n = 0; n <= size_hi; n++) {
        dk_class b = c, h = c;
        b.ob = h.heavy = n;
        t->hv[n] = n / top;
        for (int o = 0; o < DK_NOUTCOME; o++) {
            t->ob[n][o] = dk_model_mean(m, th, &b, o) - base[o];
            t->heavy[n][o] = dk_model_mean(m, th, &h, o) - base[o];
        }
    }
    for (int k = 0; k < DK_NSUPPORT_MASK; k++) {
        c.support = (unsigned)k << 1;
        for (int o = 0; o < DK_NOUTCOME; o++)
            t->support[k][o] = dk_model_mean(m, th, &c, o) - base[o];
    }
}

int dk_class_check(const dk_model *m, const dk_class *c, dk_err *e)
{
    (void)m;
    if (c->heavy > c->ob)
        return dk_fail(e, dk_e(e, DKS_X_HEAVY_OVER), c->heavy, c->ob);
    if (c->class_size >= 0 && c->ob > c->class_size)
        return dk_fail(e, dk_e(e, DKS_X_OB_OVER), c->ob, c->class_size);
    dk_class_warn w[DK_MAX_WARN];
    return dk_class_warns(c, w);
}

int dk_class_warns(const dk_class *c, dk_class_warn warn[DK_MAX_WARN])
{
    int n = 0;
    const int *ob = dk_ob_levels(c->sector), *hv = dk_heavy_levels(c->sector);
    const char *sn = dk_sector_name(c->sector);
    if (c->ob < ob[0] || c->ob > ob[3])
        warn[n++] = (dk_class_warn){ DK_CW_SUPPORT_NEEDS, c->ob, ob[0], ob[3], sn };
    if (c->heavy > hv[3])
        warn[n++] = (dk_class_warn){ DK_CW_HEAVY, c->heavy, hv[0], hv[3], sn };
    /* the range the survey's size bins describe (seed 001 Table 7.2) */
    if (c->class_size >= 0 && (c->class_size < 15 || c->class_size > 32))
        warn[n++] = (dk_class_warn){ DK_CW_CLASS_SIZE, c->class_size, 15, 32, sn };
    if (c->exp != DK_EXP_ALL && c->sector != DK_PO)
        warn[n++] = (dk_class_warn){ DK_CW_EXPERIENCE, NAN, 0, 0, sn };
    if (c->level != DK_LEVEL_ALL && c->sector != DK_VO)
        warn[n++] = (dk_class_warn){ DK_CW_LEVEL, NAN, 0, 0, sn };
    return n;
}

/* How far v lies outside lo..hi. */
static double outside_by(double v, int lo, int hi)
{
    return v < lo ? lo - v : v > hi ? v - hi : 0;
}

void dk_class_warn_text(const dk_class_warn *w, const char *fmt, char *out, size_t n)
{
    double by = outside_by(w->value, w->lo, w->hi);
    switch (w->kind) {
    case DK_CW_SUPPORT_NEEDS:
        snprintf(out, n, fmt, w->value, by, w->lo, w->hi, w->sector);
        break;
    case DK_CW_HEAVY:
        snprintf(out, n, fmt, w->value, by, w->hi, w->sector);
        break;
    case DK_CW_CLASS_SIZE:
        snprintf(out, n, fmt, w->value, by, w->lo, w->hi);
        break;
    default:
        snprintf(out, n, fmt, w->sector);
        break;
    }
}
