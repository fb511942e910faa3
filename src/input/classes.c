/*
 * classes.c -- a school's classes from the spreadsheet a school leader
 * already keeps: one row per class, saved as CSV.  Spreadsheet programs
 * in Dutch write ';' between fields and a decimal comma, and may start
 * the file with a byte order mark; the header may be English or Dutch.
 * Every value gets the checks a scenario's [class] keys get, and every
 * message says "FILE:LINE: column 'NAME': what is wrong".  A school board
 * keeps all its schools in one sheet: a school column makes each of its
 * values a school (in the order they first appear), without one the list
 * is one school named after the file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/input/classes.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/base/names.h"
#include "draagkracht/base/suggest.h"

enum { COL_NAME, COL_SIZE, COL_OB, COL_HEAVY, COL_SUPPORT, COL_SECTOR, COL_LEVEL,
       COL_EXPERIENCE, COL_SCHOOL, NCOL };

/* Header names per column, English and Dutch, lower case; the first is
 * the scenario key the column stands for. */
static const char *const names[NCOL][10] = {
    { "class", "name", "klas", "groep", "naam", NULL },
    { "class-size", "class size", "size", "pupils", "leerlingen", "klassengrootte",
      "groepsgrootte", "aantal leerlingen", NULL },
    { "support-needs", "support needs", "pupils with a support need", "ob",
      "ondersteuningsbehoefte", "met ondersteuningsbehoefte", "met een ondersteuningsbehoefte",
      "leerlingen met een ondersteuningsbehoefte", NULL },
    { "heavy", "heavy need", "of whom heavy", "grote aandachtvraag", "met een grote aandachtvraag",
      "van wie met een grote aandachtvraag", "zwaar", NULL },
    { "support", "ondersteuning", NULL },
    { "sector", NULL },
    { "level", "niveau", NULL },
    { "experience", "ervaring", NULL },
    { "school", "school name", "schoolnaam", "locatie", "vestiging", NULL },
};

/* Dutch names of the support forms, for the support column. */
static const char *const support_nl[][2] = {
    { "geen", "none" }, { "onderwijsassistent", "assistant" }, { "ondersteuner", "assistant" },
    { "extra leraar", "extra-teacher" }, { "extra leerkracht", "extra-teacher" },
    { "specialist", "specialist" }, { "specialist op afroep", "specialist" },
    { "voorziening", "facility" }, { NULL, NULL }
};

typedef struct {
    const char *path;
    int line;
    char sep;
    int col[NCOL];          /* field index of each column, -1 when absent */
    char *field[64];
    int nfield;
} reader;

static int fail(const reader *r, int col, dk_err *e, const char *fmt, const char *what)
{
    char msg[1000];
    snprintf(msg, sizeof msg, fmt, what);
    if (col < 0)
        return dk_fail(e, "%s:%d: %s", r->path, r->line, msg);
    return dk_fail(e, dk_e(e, DKS_X_LIST_COLUMN), r->path, r->line, names[col][0], msg);
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
}

/* Splits line in place on r->sep; fields may be quoted ("a;b", "" for a
 * quote).  -1 on an unclosed quote or too many fields. */
static int split(reader *r, char *line, dk_err *e)
{
    r->nfield = 0;
    char *in = line, *out = line;
    for (;;) {
        if (r->nfield == 64)
            return fail(r, -1, e, "%s", dk_e(e, DKS_X_LIST_FIELDS));
        r->field[r->nfield++] = out;
        if (*in == '"') {
            for (in++;; in++) {
                if (!*in)
                    return fail(r, -1, e, "%s", dk_e(e, DKS_X_LIST_QUOTE));
                if (*in == '"' && in[1] == '"')
                    *out++ = *in++;
                else if (*in == '"')
                    break;
                else
                    *out++ = *in;
            }
            in++;
        }
        while (*in && *in != r->sep)
            *out++ = *in++;
        int more = *in == r->sep;
        *out++ = '\0';
        if (!more)
            return 0;
        in++;
    }
}

static int header(reader *r, char *line, dk_err *e)
{
    r->sep = strchr(line, ';') ? ';' : ',';
    if (split(r, line, e) != 0)
        return -1;
    for (int c = 0; c < NCOL; c++)
        r->col[c] = -1;
    const char *all[NCOL * 10 + 1];
    int nall = 0;
    for (int c = 0; c < NCOL; c++)
        for (int k = 0; names[c][k]; k++)
            all[nall++] = names[c][k];
    all[nall] = NULL;
    for (int i = 0; i < r->nfield; i++) {
        char *h = dk_trim(r->field[i]);
        lower(h);
        int found = -1;
        for (int c = 0; c < NCOL && found < 0; c++)
            for (int k = 0; names[c][k]; k++)
                if (strcmp(h, names[c][k]) == 0)
                    found = c;
        if (found < 0) {
            char what[300], mean[120];
            snprintf(what, sizeof what, dk_e(e, DKS_X_LIST_NOT_COLUMN), h,
                     dk_mean(dk_e_lang(e), h, all, mean, sizeof mean));
            return fail(r, -1, e, "%s", what);
        }
        if (r->col[found] >= 0)
            return fail(r, found, e, "%s", dk_e(e, DKS_X_LIST_TWICE));
        r->col[found] = i;
    }
    if (r->col[COL_NAME] < 0)
        return fail(r, -1, e, "%s", dk_e(e, DKS_X_LIST_NO_CLASS));
    return 0;
}

/* A count: a whole number, written with a decimal point or comma or
 * without ("26", "26,0"), within lo..hi. */
static int count(const reader *r, int col, const char *v, long lo, long hi, double *out, dk_err *e)
{
    char buf[64];
    if (strlen(v) >= sizeof buf)
        return fail(r, col, e, dk_e(e, DKS_X_LIST_WHOLE_LONG), v);
    snprintf(buf, sizeof buf, "%s", v);
    char *comma = strchr(buf, ',');
    if (comma)
        *comma = '.';
    double x;
    char what[200];
    if (dk_parse_double(buf, &x) != 0 || !isfinite(x) || x != floor(x)) {
        snprintf(what, sizeof what, dk_e(e, DKS_X_LIST_WHOLE), v);
        return fail(r, col, e, "%s", what);
    }
    if (x < (double)lo || x > (double)hi) {
        snprintf(what, sizeof what, dk_e(e, DKS_X_LIST_OUTSIDE), x, lo, hi);
        return fail(r, col, e, "%s", what);
    }
    *out = x;
    return 0;
}

/* The support column: forms by their English or Dutch names, separated
 * by commas or '+'. */
static int support(const reader *r, const char *v, unsigned *mask, dk_err *e)
{
    char list[400] = "", item[200];
    for (const char *p = v; *p;) {
        size_t n = strcspn(p, ",+");
        snprintf(item, sizeof item, "%.*s", (int)n, p);
        char *t = dk_trim(item);
        lower(t);
        for (int k = 0; support_nl[k][0]; k++)
            if (strcmp(t, support_nl[k][0]) == 0)
                t = (char *)support_nl[k][1];
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? "," : "", t);
        p += n + (p[n] != '\0');
    }
    dk_err why = dk_err_like(e);
    if (dk_support_parse(list[0] ? list : "none", mask, &why) != 0)
        return fail(r, COL_SUPPORT, e, "%s", why.msg);
    return 0;
}

/* Dutch words a sheet may use for sector, level and experience values. */
static const char *const words_nl[][2] = {
    { "beginnend", "novice" }, { "starter", "novice" }, { "startend", "novice" },
    { "ervaren", "experienced" }, { "alle", "all" }, { "havo/vwo", "havo-vwo" },
    { "havo vwo", "havo-vwo" }, { "bo", "po" }, { NULL, NULL }
};

static int vocab(const reader *r, int col, const char *v, const char *const *list, int *out,
                 dk_err *e)
{
    char low[64];
    snprintf(low, sizeof low, "%s", v);
    lower(low);
    for (int k = 0; words_nl[k][0]; k++)
        if (strcmp(low, words_nl[k][0]) == 0)
            snprintf(low, sizeof low, "%s", words_nl[k][1]);
    for (int i = 0; list[i]; i++)
        if (strcmp(low, list[i]) == 0)
            return *out = i, 0;
    for (int i = 0; list[i]; i++)
        if (strcmp(v, list[i]) == 0)
            return *out = i, 0;
    char what[200], mean[120];
    snprintf(what, sizeof what, dk_e(e, DKS_X_LIST_VALUE), v,
             dk_mean(dk_e_lang(e), v, list, mean, sizeof mean));
    return fail(r, col, e, "%s", what);
}

/* One class from the current row; sector, level and experience as the
 * row says (defaults: po, all). */
static int row(const reader *r, const dk_model *m, dk_scn_class *c, dk_err *e)
{
    memset(c, 0, sizeof *c);
    const char *v[NCOL];
    for (int k = 0; k < NCOL; k++)
        v[k] = r->col[k] >= 0 && r->col[k] < r->nfield ? dk_trim(r->field[r->col[k]]) : "";
    if (!*v[COL_NAME])
        return fail(r, COL_NAME, e, "%s", dk_e(e, DKS_X_LIST_NAME_EMPTY));
    if (strlen(v[COL_NAME]) >= sizeof c->name)
        return fail(r, COL_NAME, e, dk_e(e, DKS_X_LIST_NAME_LONG), v[COL_NAME]);
    snprintf(c->name, sizeof c->name, "%s", v[COL_NAME]);
    c->line = r->line;
    int x;
    if (*v[COL_SECTOR] && vocab(r, COL_SECTOR, v[COL_SECTOR], dk_sector_names, &x, e) != 0)
        return -1;
    c->c.sector = *v[COL_SECTOR] ? (dk_sector)x : DK_PO;
    if (*v[COL_LEVEL] && vocab(r, COL_LEVEL, v[COL_LEVEL], dk_level_names, &x, e) != 0)
        return -1;
    c->c.level = *v[COL_LEVEL] ? (dk_level)x : DK_LEVEL_ALL;
    if (*v[COL_EXPERIENCE] && vocab(r, COL_EXPERIENCE, v[COL_EXPERIENCE], dk_experience_names, &x, e))
        return -1;
    c->c.exp = *v[COL_EXPERIENCE] ? (dk_experience)x : DK_EXP_ALL;
    dk_survey_means d = dk_survey_class_defaults(m, c->c.sector, c->c.level);
    c->c.class_size = d.size;
    c->c.ob = d.ob;
    c->c.heavy = d.heavy;
    if ((*v[COL_SIZE] && count(r, COL_SIZE, v[COL_SIZE], 1, 100, &c->c.class_size, e)) ||
        (*v[COL_OB] && count(r, COL_OB, v[COL_OB], 0, 100, &c->c.ob, e)) ||
        (*v[COL_HEAVY] && count(r, COL_HEAVY, v[COL_HEAVY], 0, 100, &c->c.heavy, e)) ||
        support(r, v[COL_SUPPORT], &c->c.support, e))
        return -1;
    dk_err why = dk_err_like(e);
    if (dk_class_check(m, &c->c, &why) < 0) {
        char what[900];
        snprintf(what, sizeof what, dk_e(e, DKS_X_CLASS), c->name, why.msg);
        return fail(r, -1, e, "%s", what);
    }
    return 0;
}

/* The classes read so far and the schools they name; the name sets make
 * a sheet of any length read in linear time. */
typedef struct {
    dk_scn_class *cls;
    int ncls, cap;
    dk_scn_school *schools;
    int nschool, school_cap;
    dk_names *school_names;     /* ordinal: index into schools */
    dk_names *class_names;      /* "SCHOOL-INDEX NAME" */
} list;

static int grow(void **p, int n, int *cap, size_t size)
{
    if (n < *cap)
        return 0;
    int want = *cap ? 2 * *cap : 16;
    void *grown = dk_realloc(*p, (size_t)want * size);
    if (!grown)
        return -1;
    *p = grown;
    *cap = want;
    return 0;
}

/* The school of the current row (its index in l->schools, added when
 * new); every class of a school shares its sector and has its own name.
 * -1 with e set. */
static int school_of(const reader *r, list *l, const char *name, const dk_scn_class *c,
                     dk_err *e)
{
    int s = dk_names_find(l->school_names, name, NULL);
    if (s < 0) {
        s = l->nschool;
        if (grow((void **)&l->schools, l->nschool, &l->school_cap, sizeof *l->schools) != 0 ||
            dk_names_add(l->school_names, name, r->line, s) < 0)
            return dk_fail(e, "%s: out of memory", r->path);
        l->schools[l->nschool++] = (dk_scn_school){ .sector = c->c.sector,
                                                    .level = DK_LEVEL_ALL, .exp = DK_EXP_ALL,
                                                    .line = r->line };
        snprintf(l->schools[s].name, sizeof l->schools[s].name, "%s", name);
    }
    char what[300];
    if (c->c.sector != l->schools[s].sector) {
        int k = r->col[COL_SECTOR];
        int empty = k < 0 || k >= r->nfield || !*dk_trim(r->field[k]);
        snprintf(what, sizeof what, "the classes of one school share a sector (school '%.60s' "
                 "is %s from line %d%s)", name, dk_sector_names[l->schools[s].sector],
                 l->schools[s].line, empty ? "; an empty sector is po" : "");
        return fail(r, COL_SECTOR, e, "%s", what);
    }
    char key[80];
    snprintf(key, sizeof key, "%d %s", s, c->name);
    int first = dk_names_add(l->class_names, key, r->line, 0);
    if (first < 0)
        return dk_fail(e, "%s: out of memory", r->path);
    if (first > 0) {
        snprintf(what, sizeof what, "'%s' is named twice (first on line %d)", c->name, first);
        return fail(r, COL_NAME, e, "%s", what);
    }
    return s;
}

/* Reads the rows into l; a school's name is the school column's, else
 * the file's. */
static int rows(reader *r, const dk_model *m, dk_lines *it, const char *file_school, list *l,
                dk_err *e)
{
    int rc;
    while ((rc = dk_lines_next(it, e)) == 1) {
        r->line = it->lineno;
        if (!*dk_trim(it->line))
            continue;
        if (split(r, it->line, e) != 0)
            return -1;
        if (grow((void **)&l->cls, l->ncls, &l->cap, sizeof *l->cls) != 0)
            return dk_fail(e, "%s: out of memory", r->path);
        dk_scn_class *c = &l->cls[l->ncls];
        if (row(r, m, c, e) != 0)
            return -1;
        const char *name = file_school;
        int k = r->col[COL_SCHOOL];
        if (k >= 0 && !*(name = k < r->nfield ? dk_trim(r->field[k]) : ""))
            return fail(r, COL_SCHOOL, e, "%s", "empty: every class needs its school");
        if (strlen(name) >= sizeof l->schools->name)
            return fail(r, COL_SCHOOL, e, "'%.40s...' is longer than 63 bytes", name);
        int s = school_of(r, l, name, c, e);
        if (s < 0)
            return -1;
        c->school = s;
        l->ncls++;
    }
    return rc;
}

/* Each school's classes together, in list order (a stable counting
 * sort: count, place); -1 when out of memory. */
static int group(list *l)
{
    dk_scn_class *sorted = dk_malloc((size_t)l->ncls * sizeof *sorted);
    if (!sorted)
        return -1;
    for (int s = 0; s < l->nschool; s++)
        l->schools[s].nclass = 0;
    for (int i = 0; i < l->ncls; i++)
        l->schools[l->cls[i].school].nclass++;
    for (int s = 0, at = 0; s < l->nschool; at += l->schools[s++].nclass)
        l->schools[s].first = at;
    int *next = dk_calloc((size_t)l->nschool, sizeof *next);
    if (!next) {
        dk_free(sorted);
        return -1;
    }
    for (int i = 0; i < l->ncls; i++) {
        const dk_scn_school *s = &l->schools[l->cls[i].school];
        sorted[s->first + next[l->cls[i].school]++] = l->cls[i];
    }
    dk_free(next);
    dk_free(l->cls);
    l->cls = sorted;
    return 0;
}

int dk_classes_parse(dk_scenario *sc, const dk_model *m, const char *path, const char *text,
                     size_t len, dk_err *e)
{
    /* a UTF-8 byte order mark is not part of the first column's name */
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;
    reader r = { .path = path, .line = 1 };
    dk_lines it;
    dk_lines_init(&it, path, text, len);
    int rc = dk_lines_next(&it, e);
    if (rc == 0)
        return dk_fail(e, "%s: empty: a class list needs a header and a row per class", path);
    if (rc < 0 || header(&r, it.line, e) != 0)
        return -1;
    /* without a school column the school is named after the file:
     * "klassen.csv" -> "klassen" */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char file_school[64];
    size_t stem = strcspn(base, ".");
    stem = stem ? stem : strlen(base);          /* ".hidden.csv": the whole name */
    while (stem >= sizeof file_school || (stem && (base[stem] & 0xC0) == 0x80))
        stem--;                                 /* whole UTF-8 characters only */
    snprintf(file_school, sizeof file_school, "%.*s", (int)stem, base);
    list l = { .school_names = dk_names_new(), .class_names = dk_names_new() };
    int bad = !l.school_names || !l.class_names
            ? dk_fail(e, "%s: out of memory", path)
            : rows(&r, m, &it, file_school, &l, e) != 0;
    dk_names_free(l.school_names);
    dk_names_free(l.class_names);
    if (!bad && !l.ncls)
        bad = dk_fail(e, "%s: no classes: the header is followed by no row", path);
    if (!bad && group(&l) != 0)
        bad = dk_fail(e, "%s: out of memory", path);
    if (bad) {
        dk_free(l.cls);
        dk_free(l.schools);
        return -1;
    }
    dk_free(sc->schools);
    dk_free(sc->classes);
    sc->schools = l.schools;
    sc->nschool = l.nschool;
    sc->classes = l.cls;
    sc->nclass = l.ncls;
    snprintf(sc->path, sizeof sc->path, "%s", path);
    return 0;
}

int dk_classes_load(dk_scenario *sc, const dk_model *m, const char *path, dk_err *e)
{
    size_t len;
    char *text = dk_read_file(path, &len, e);
    if (!text)
        return -1;
    int rc = dk_classes_parse(sc, m, path, text, len, e);
    dk_free(text);
    return rc;
}
