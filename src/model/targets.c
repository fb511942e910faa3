/*
 * targets.c -- parsing and evaluating the calibration targets file.
 *
 * A check line is first expanded over its variables (plain text
 * substitution on identifier tokens), then each expansion is parsed into a
 * flat list of linear terms.  Everything the targets say is linear in the
 * model parameters, which is what lets the calibrator treat them exactly.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/model/targets.h"

/* ---- tokens ---------------------------------------------------------- */

typedef enum { T_END, T_NUM, T_ID, T_LEVEL, T_PUNCT, T_BAD } tok_kind;

typedef struct {
    tok_kind kind;
    const char *start;
    size_t len;
    double num;
    char c;                 /* punctuation character */
} tok;

static const char *lex(const char *p, tok *t)
{
    while (isspace((unsigned char)*p))
        p++;
    t->start = p;
    if (!*p) {
        t->kind = T_END;
        t->len = 0;
        return p;
    }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        /* decimal only: "0x10" or "1e999" are not numbers a target means */
        const char *q = p + strspn(p, "0123456789.");
        if ((*q == 'e' || *q == 'E') && (isdigit((unsigned char)q[1]) ||
            ((q[1] == '-' || q[1] == '+') && isdigit((unsigned char)q[2]))))
            q += 2 + strspn(q + 2, "0123456789");
        char num[64], *end;
        size_t n = (size_t)(q - p) < sizeof num - 1 ? (size_t)(q - p) : sizeof num - 1;
        memcpy(num, p, n);
        num[n] = '\0';
        t->num = strtod(num, &end);
        t->kind = *end || !isfinite(t->num) || isalnum((unsigned char)*q) ? T_BAD : T_NUM;
        t->len = (size_t)(q - p);
        return q;
    }
    if (*p == '#' && isdigit((unsigned char)p[1])) {
        t->kind = T_LEVEL;
        t->num = p[1] - '0';
        t->len = 2;
        return p + 2;
    }
    if (isalpha((unsigned char)*p) || *p == '_' || *p == '@') {
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '_' || *q == '.' || *q == '-')
            q++;
        t->kind = T_ID;
        t->len = (size_t)(q - p);
        return q;
    }
    t->kind = strchr("(),=+-*", *p) ? T_PUNCT : T_BAD;
    t->c = *p;
    t->len = 1;
    return p + 1;
}

static int tok_is(const tok *t, const char *s)
{
    return t->kind == T_ID && strlen(s) == t->len && strncmp(t->start, s, t->len) == 0;
}

static void tok_str(const tok *t, char *out, size_t n)
{
    size_t k = t->len < n - 1 ? t->len : n - 1;
    memcpy(out, t->start, k);
    out[k] = '\0';
}

/* ---- parsing one expanded expression --------------------------------- */

typedef struct {
    const dk_model *m;
    const char *path;
    int line;
    const char *p;
    tok t;
    dk_err *e;
} parser;

static void advance(parser *ps) { ps->p = lex(ps->p, &ps->t); }

static int perr(parser *ps, const char *what)
{
    char got[64];
    tok_str(&ps->t, got, sizeof got);
    return dk_fail(ps->e, "%s:%d: check: %s, found '%s'", ps->path, ps->line,
                   what, ps->t.kind == T_END ? "end of line" : got);
}

static int expect(parser *ps, char c)
{
    if (ps->t.kind != T_PUNCT || ps->t.c != c) {
        char what[32];
        snprintf(what, sizeof what, "expected '%c'", c);
        return perr(ps, what);
    }
    advance(ps);
    return 0;
}

/* A name from one of the vocabularies, with a suggestion when unknown. */
static int vocab_arg(parser *ps, const char *what, int (*lookup)(const char *),
                     const char *const *names, int allow_avg, int *out)
{
    char s[64];
    if (ps->t.kind != T_ID)
        return perr(ps, what);
    tok_str(&ps->t, s, sizeof s);
    if (allow_avg && strcmp(s, "avg") == 0) {
        *out = -1;
    } else if ((*out = lookup(s)) < 0) {
        const char *sg = dk_suggest(s, names);
        char mean[120];
        return dk_fail(ps->e, "%s:%d: check: unknown %s '%s'%s", ps->path,
                       ps->line, what, s, dk_mean_text(dk_e_lang(ps->e), sg, mean, sizeof mean));
    }
    advance(ps);
    return 0;
}

/* ob= or heavy=: a count, #k (k-th vignette level of the sector) or avg. */
static int level_arg(parser *ps, const int *levels, double *v, int *avg)
{
    *avg = 0;
    if (ps->t.kind == T_NUM) {
        *v = ps->t.num;
    } else if (ps->t.kind == T_LEVEL && ps->t.num < DK_NLEVELS) {
        *v = levels[(int)ps->t.num];
    } else if (tok_is(&ps->t, "avg")) {
        *avg = 1;
        *v = -1;
    } else {
        return perr(ps, "expected a count, #0..#3 or avg");
    }
    advance(ps);
    return 0;
}

static int key_arg(parser *ps, dk_term *tm)
{
    char key[32];
    if (ps->t.kind != T_ID)
        return perr(ps, "expected key=value");
    tok_str(&ps->t, key, sizeof key);
    advance(ps);
    if (expect(ps, '=') != 0)
        return -1;
    int v;
    if (strcmp(key, "ob") == 0)
        return level_arg(ps, dk_ob_levels(tm->sector), &tm->ob, &tm->ob_avg);
    if (strcmp(key, "heavy") == 0)
        return level_arg(ps, dk_heavy_levels(tm->sector), &tm->heavy, &tm->heavy_avg);
    if (strcmp(key, "sup") == 0) {
        if (vocab_arg(ps, "support form", dk_support_lookup, dk_support_names, 1, &v))
            return -1;
        tm->sup = v;
        return 0;
    }
    if (strcmp(key, "cs") == 0) {
        if (ps->t.kind != T_NUM)
            return perr(ps, "expected a class size");
        tm->cs = ps->t.num;
        advance(ps);
        return 0;
    }
    if (strcmp(key, "exp") == 0) {
        if (vocab_arg(ps, "experience", dk_experience_lookup, dk_experience_names, 0, &v))
            return -1;
        tm->exp = (dk_experience)v;
        return 0;
    }
    if (strcmp(key, "level") == 0) {
        if (vocab_arg(ps, "level", dk_level_lookup, dk_level_names, 0, &v))
            return -1;
        tm->level = (dk_level)v;
        return 0;
    }
    return dk_fail(ps->e, "%s:%d: check: unknown key '%s' (keys: ob, heavy, "
                   "sup, cs, exp, level)", ps->path, ps->line, key);
}

static int call(parser *ps, dk_term *tm)
{
    int is_param = tok_is(&ps->t, "param"), is_need = tok_is(&ps->t, "need");
    if (!is_param && !is_need && !tok_is(&ps->t, "cap"))
        return perr(ps, "expected cap(...), need(...), param(...) or a number");
    advance(ps);
    if (expect(ps, '(') != 0)
        return -1;
    if (is_param) {
        char name[64];
        tok_str(&ps->t, name, sizeof name);
        if (ps->t.kind != T_ID || (tm->param = dk_model_find(ps->m, name)) < 0)
            return dk_fail(ps->e, "%s:%d: check: unknown parameter '%s'",
                           ps->path, ps->line, name);
        tm->kind = 2;
        advance(ps);
        return expect(ps, ')');
    }
    int v;
    tm->kind = 1;
    tm->need = is_need;
    tm->sup = DK_SUP_NONE;
    tm->cs = -1;
    if (vocab_arg(ps, "sector", dk_sector_lookup, dk_sector_names, 0, &v))
        return -1;
    tm->sector = (dk_sector)v;
    tm->ob = dk_ob_levels(tm->sector)[0];
    tm->heavy = dk_heavy_levels(tm->sector)[0];
    if (expect(ps, ',') != 0)
        return -1;
    if (is_need ? vocab_arg(ps, "demand form", dk_need_lookup, dk_need_names, 1, &v)
                : vocab_arg(ps, "aspect", dk_aspect_lookup, dk_aspect_names, 1, &v))
        return -1;
    tm->outcome = v < 0 ? -1 : is_need ? DK_OUTCOME_NEED(v) : v;
    while (ps->t.kind == T_PUNCT && ps->t.c == ',') {
        advance(ps);
        if (key_arg(ps, tm) != 0)
            return -1;
    }
    return expect(ps, ')');
}

/* expr := ['-'] term (('+'|'-') term)* ; term := NUM | [NUM '*'] call */
static int expr(parser *ps, double sign, dk_term **terms, int *n)
{
    double s = 1;
    if (ps->t.kind == T_PUNCT && ps->t.c == '-') {
        s = -1;
        advance(ps);
    }
    for (;;) {
        dk_term tm;
        memset(&tm, 0, sizeof tm);
        tm.coef = s * sign;
        if (ps->t.kind == T_NUM) {
            double k = ps->t.num;
            advance(ps);
            if (ps->t.kind == T_PUNCT && ps->t.c == '*') {
                advance(ps);
                tm.coef *= k;
                if (call(ps, &tm) != 0)
                    return -1;
            } else {
                tm.kind = 0;
                tm.coef *= k;
            }
        } else if (call(ps, &tm) != 0) {
            return -1;
        }
        dk_term *grown = dk_realloc(*terms, (size_t)(*n + 1) * sizeof **terms);
        if (!grown)
            return dk_fail_oom(ps->e, ps->path);
        *terms = grown;
        (*terms)[(*n)++] = tm;
        if (ps->t.kind != T_PUNCT || (ps->t.c != '+' && ps->t.c != '-'))
            return 0;
        s = ps->t.c == '-' ? -1 : 1;
        advance(ps);
    }
}

/* Finds the relation outside parentheses: returns its offset and length. */
static int find_op(const char *s, char *op, size_t *oplen)
{
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (depth == 0 && (p[0] == '>' || p[0] == '<') && p[1] == '=') {
            *op = p[0];
            *oplen = 2;
            return (int)(p - s);
        } else if (depth == 0 && p[0] == '=') {
            *op = '=';
            *oplen = 1;
            return (int)(p - s);
        }
    }
    return -1;
}

/*
 * "printed R n N sd S": the right-hand side is a number the study printed
 * to R (0.1: one decimal), a mean of N answers whose SD is S.  It is read
 * as a measurement, not a band: a Gaussian likelihood with the variance of
 * the rounding (uniform over R: R^2 / 12) plus the sampling variance of a
 * mean (S^2 / N).  The sampler truncates it at 3 SD (tol), where "met" is
 * judged; the posterior stays a truncated Gaussian.
 */
static int parse_printed(const char *path, int line, char *spec, dk_check *c, dk_err *e)
{
    char *f[7];
    int n = dk_split(spec, f, 7);
    double r, cnt, sd;
    if (n != 5 || strcmp(f[1], "n") != 0 || strcmp(f[3], "sd") != 0 ||
        dk_parse_double(f[0], &r) != 0 || dk_parse_double(f[2], &cnt) != 0 ||
        dk_parse_double(f[4], &sd) != 0 || !(r > 0) || !(cnt >= 1) || !(sd > 0))
        return dk_fail(e, "%s:%d: printed: expected 'printed ROUNDING n COUNT sd SD' "
                       "with positive numbers (COUNT >= 1)", path, line);
    c->sigma = sqrt(r * r / 12 + sd * sd / cnt);
    c->tol = 3 * c->sigma;
    return 0;
}

static int parse_relation(const dk_model *m, const char *path, int line,
                          const char *text, dk_check *c, dk_err *e)
{
    char buf[DK_MAX_LINE + 1];
    snprintf(buf, sizeof buf, "%s", text);
    c->tol = 0;
    c->sigma = 0;
    char *tol = strstr(buf, " tol ");
    if (tol) {
        *tol = '\0';
        if (dk_parse_double(dk_trim(tol + 5), &c->tol) != 0 || c->tol < 0)
            return dk_fail(e, "%s:%d: tol: '%s' is not a non-negative number",
                           path, line, dk_trim(tol + 5));
    }
    char *printed = strstr(buf, " printed ");
    if (printed) {
        if (tol)
            return dk_fail(e, "%s:%d: check: 'printed' and 'tol' exclude each other "
                           "(a printed number is read by its rounding and N)", path, line);
        *printed = '\0';
        if (parse_printed(path, line, printed + 9, c, e) != 0)
            return -1;
    }
    size_t oplen;
    int at = find_op(buf, &c->op, &oplen);
    if (at < 0)
        return dk_fail(e, "%s:%d: check: no relation (>=, <= or =) found",
                       path, line);
    if (c->sigma > 0 && c->op != '=')
        return dk_fail(e, "%s:%d: check: a printed number needs '='", path, line);
    buf[at] = '\0';
    parser ps = { m, path, line, buf, { 0 }, e };
    c->terms = NULL;
    c->nterm = 0;
    advance(&ps);
    if (expr(&ps, 1, &c->terms, &c->nterm) != 0)
        return -1;
    if (ps.t.kind != T_END)
        return perr(&ps, "expected + or - or the relation");
    ps.p = buf + at + oplen;
    advance(&ps);
    if (expr(&ps, -1, &c->terms, &c->nterm) != 0)
        return -1;
    if (ps.t.kind != T_END)
        return perr(&ps, "expected + or - or the end of the expression");
    snprintf(c->text, sizeof c->text, "%s", dk_trim((char *)(size_t)text));
    return 0;
}

/* ---- variables -------------------------------------------------------- */

#define MAX_VARS 4
#define MAX_VALS 8

typedef struct {
    char name[16];
    char val[MAX_VALS][32];
    int n;
} var;

static const char *const *named_list(const char *s)
{
    if (strcmp(s, "@sectors") == 0) return dk_sector_names;
    if (strcmp(s, "@aspects") == 0) return dk_aspect_names;
    if (strcmp(s, "@needs") == 0) return dk_need_names;
    if (strcmp(s, "@forms") == 0) return dk_support_names + 1; /* not none */
    return NULL;
}

static int parse_var(const char *path, int line, char *spec, var *v, dk_err *e)
{
    char *eq = strchr(spec, '=');
    if (!eq || eq == spec || eq - spec >= (long)sizeof v->name)
        return dk_fail(e, "%s:%d: check: variable '%s' is not NAME=LIST",
                       path, line, spec);
    *eq = '\0';
    snprintf(v->name, sizeof v->name, "%s", spec);
    v->n = 0;
    const char *const *list = named_list(eq + 1);
    if (eq[1] == '@' && !list)
        return dk_fail(e, "%s:%d: check: unknown list '%s' (lists: @sectors, "
                       "@aspects, @needs, @forms)", path, line, eq + 1);
    if (list) {
        for (; *list && v->n < MAX_VALS; list++)
            snprintf(v->val[v->n++], sizeof v->val[0], "%s", *list);
        return 0;
    }
    for (char *tokp, *s = strtok_r(eq + 1, ",", &tokp); s; s = strtok_r(NULL, ",", &tokp)) {
        if (v->n == MAX_VALS)
            return dk_fail(e, "%s:%d: check: variable '%s' has more than %d "
                           "values", path, line, v->name, MAX_VALS);
        snprintf(v->val[v->n++], sizeof v->val[0], "%s", s);
    }
    if (v->n == 0)
        return dk_fail(e, "%s:%d: check: variable '%s' has no values", path,
                       line, v->name);
    return 0;
}

/* Replaces identifier tokens naming a variable by the chosen value. */
static int substitute(const char *src, const var *vars, int nv,
                      const int *pick, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = src;
    tok t;
    out[0] = '\0';
    for (;;) {
        const char *q = lex(p, &t);
        if (t.kind == T_END)
            break;
        const char *rep = NULL;
        for (int i = 0; i < nv && t.kind == T_ID; i++)
            if (strlen(vars[i].name) == t.len && strncmp(vars[i].name, t.start, t.len) == 0)
                rep = vars[i].val[pick[i]];
        /* keep the spacing between tokens as written */
        size_t gap = (size_t)(t.start - p);
        size_t len = rep ? strlen(rep) : t.len;
        if (n + gap + len + 1 >= cap)
            return -1;
        memcpy(out + n, p, gap);
        n += gap;
        memcpy(out + n, rep ? rep : t.start, len);
        n += len;
        out[n] = '\0';
        p = q;
    }
    return 0;
}

static int parse_check(dk_targets *ts, const dk_model *m, int line, char *rest,
                       dk_err *e)
{
    if (ts->nt == 0 || ts->t[ts->nt - 1].info)
        return dk_fail(e, "%s:%d: check: a check must follow a 'target' line",
                       ts->path, line);
    char *colon = strchr(rest, ':');
    if (!colon)
        return dk_fail(e, "%s:%d: check: expected 'check [VAR=LIST ...] : "
                       "EXPR OP EXPR'", ts->path, line);
    *colon = '\0';
    var vars[MAX_VARS];
    char *f[MAX_VARS + 1];
    int nv = dk_split(rest, f, MAX_VARS + 1);
    if (nv > MAX_VARS)
        return dk_fail(e, "%s:%d: check: more than %d variables", ts->path,
                       line, MAX_VARS);
    for (int i = 0; i < nv; i++)
        if (parse_var(ts->path, line, f[i], &vars[i], e) != 0)
            return -1;
    int pick[MAX_VARS] = { 0 };
    for (;;) {
        char text[DK_MAX_LINE + 1];
        if (substitute(colon + 1, vars, nv, pick, text, sizeof text) != 0)
            return dk_fail(e, "%s:%d: check: longer than %d bytes once its "
                           "variables are filled in", ts->path, line, DK_MAX_LINE);
        dk_check *grown = dk_realloc(ts->c, (ts->nc + 1) * sizeof *ts->c);
        if (!grown)
            return dk_fail_oom(e, ts->path);
        ts->c = grown;
        dk_check *c = &ts->c[ts->nc];
        memset(c, 0, sizeof *c);
        c->target = (int)ts->nt - 1;
        c->line = line;
        if (parse_relation(m, ts->path, line, text, c, e) != 0) {
            dk_free(c->terms);
            return -1;
        }
        ts->nc++;
        int i = nv - 1; /* odometer over the variables, last fastest */
        while (i >= 0 && ++pick[i] == vars[i].n)
            pick[i--] = 0;
        if (i < 0)
            break;
    }
    return 0;
}

/* ---- other line kinds -------------------------------------------------- */

/* Splits off n leading fields; the rest of the line stays in *rest. */
static int fields(char *line, char **f, int n, char **rest)
{
    char *p = line;
    *rest = p + strlen(p);
    for (int i = 0; i < n; i++) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            return i;
        f[i] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
    }
    *rest = dk_trim(p);
    return n;
}

static int parse_target(dk_targets *ts, int line, char *rest, int info, dk_err *e)
{
    char *f[2], *reading;
    if (fields(rest, f, 2, &reading) < 2 || !*reading)
        return dk_fail(e, "%s:%d: target: expected '%s ID SEED READING'",
                       ts->path, line, info ? "info" : "target");
    for (size_t i = 0; i < ts->nt; i++)
        if (strcmp(ts->t[i].id, f[0]) == 0)
            return dk_fail(e, "%s:%d: target: id '%s' already used on line %d",
                           ts->path, line, f[0], ts->t[i].line);
    dk_target *grown = dk_realloc(ts->t, (ts->nt + 1) * sizeof *ts->t);
    if (!grown)
        return dk_fail_oom(e, ts->path);
    ts->t = grown;
    dk_target *t = &ts->t[ts->nt++];
    snprintf(t->id, sizeof t->id, "%s", f[0]);
    snprintf(t->seed, sizeof t->seed, "%s", f[1]);
    snprintf(t->reading, sizeof t->reading, "%s", reading);
    t->info = info;
    t->line = line;
    return 0;
}

static int number_fields(const dk_targets *ts, int line, char **f, int n,
                         const char *const *names, double *out, dk_err *e)
{
    for (int i = 0; i < n; i++)
        if (dk_parse_double(f[i], &out[i]) != 0)
            return dk_fail(e, "%s:%d: %s: '%s' is not a number", ts->path,
                           line, names[i], f[i]);
    return 0;
}

static int parse_prior(dk_targets *ts, const dk_model *m, int line, char *rest,
                       dk_err *e)
{
    char *f[5], *tail;
    static const char *const names[] = { "value", "scale", "unc" };
    if (fields(rest, f, 5, &tail) < 5 || *tail)
        return dk_fail(e, "%s:%d: prior: expected 'prior PATTERN VALUE SCALE "
                       "UNC SIGN'", ts->path, line);
    double v[3];
    if (number_fields(ts, line, f + 1, 3, names, v, e) != 0)
        return -1;
    if (v[1] <= 0 || v[2] < 0)
        return dk_fail(e, "%s:%d: prior: scale must be > 0 and unc >= 0",
                       ts->path, line);
    int sign = strcmp(f[4], "+") == 0 ? 1 : strcmp(f[4], "-") == 0 ? -1
             : strcmp(f[4], "any") == 0 ? 0 : 2;
    if (sign == 2)
        return dk_fail(e, "%s:%d: sign: '%s' is not +, - or any", ts->path,
                       line, f[4]);
    int matched = 0;
    for (size_t i = 0; i < m->n; i++)
        matched += fnmatch(f[0], m->p[i].name, 0) == 0;
    if (!matched)
        return dk_fail(e, "%s:%d: pattern: '%s' matches no parameter",
                       ts->path, line, f[0]);
    dk_prior *grown = dk_realloc(ts->pr, (ts->npr + 1) * sizeof *ts->pr);
    if (!grown)
        return dk_fail_oom(e, ts->path);
    ts->pr = grown;
    dk_prior *p = &ts->pr[ts->npr++];
    snprintf(p->pattern, sizeof p->pattern, "%s", f[0]);
    p->value = v[0];
    p->scale = v[1];
    p->unc = v[2];
    p->sign = sign;
    p->line = line;
    return 0;
}

static int parse_hierarchy(dk_targets *ts, int line, char *rest, dk_err *e)
{
    char *f[3], *tail;
    static const char *const names[] = { "common", "sector", "outcome" };
    if (ts->hier_line)
        return dk_fail(e, "%s:%d: hierarchy: a second hierarchy line (the first "
                       "is line %d)", ts->path, line, ts->hier_line);
    if (fields(rest, f, 3, &tail) < 3 || *tail)
        return dk_fail(e, "%s:%d: hierarchy: expected 'hierarchy COMMON SECTOR "
                       "OUTCOME'", ts->path, line);
    if (number_fields(ts, line, f, 3, names, ts->hier, e) != 0)
        return -1;
    double sum = ts->hier[0] + ts->hier[1] + ts->hier[2];
    if (ts->hier[0] < 0 || ts->hier[1] < 0 || ts->hier[2] <= 0 || fabs(sum - 1) > 1e-9)
        return dk_fail(e, "%s:%d: hierarchy: shares must be >= 0 (outcome > 0) "
                       "and sum to 1, not %g", ts->path, line, sum);
    ts->hier_line = line;
    return 0;
}

/* "word PHRASE | READING": one scale word and the one reading every
 * target gives it (README and `model --targets` show the table). */
static int parse_word(dk_targets *ts, int line, char *rest, dk_err *e)
{
    char *bar = strstr(rest, " | ");
    if (!bar)
        return dk_fail(e, "%s:%d: word: expected 'word PHRASE | READING'", ts->path, line);
    *bar = '\0';
    char *w = dk_trim(rest), *r = dk_trim(bar + 3);
    if (!*w || !*r || strlen(w) >= sizeof ts->w[0].word || strlen(r) >= sizeof ts->w[0].reading)
        return dk_fail(e, "%s:%d: word: phrase (1-%zu bytes) and reading (1-%zu bytes) "
                       "expected", ts->path, line, sizeof ts->w[0].word - 1,
                       sizeof ts->w[0].reading - 1);
    for (size_t i = 0; i < ts->nw; i++)
        if (strcmp(ts->w[i].word, w) == 0)
            return dk_fail(e, "%s:%d: word: '%s' already has a reading (line %d): one "
                           "reading per word", ts->path, line, w, ts->w[i].line);
    dk_word *grown = dk_realloc(ts->w, (ts->nw + 1) * sizeof *ts->w);
    if (!grown)
        return dk_fail_oom(e, ts->path);
    ts->w = grown;
    dk_word *x = &ts->w[ts->nw++];
    snprintf(x->word, sizeof x->word, "%s", w);
    snprintf(x->reading, sizeof x->reading, "%s", r);
    x->line = line;
    return 0;
}

static int parse_assume(dk_targets *ts, const dk_model *m, int line, char *rest,
                        dk_err *e)
{
    char *f[5], *source;
    static const char *const names[] = { "value", "lo", "hi" };
    if (fields(rest, f, 5, &source) < 5 || !*source)
        return dk_fail(e, "%s:%d: assume: expected 'assume NAME VALUE LO HI "
                       "KIND SOURCE'", ts->path, line);
    if (dk_model_find(m, f[0]) < 0)
        return dk_fail(e, "%s:%d: name: unknown parameter '%s'", ts->path,
                       line, f[0]);
    double v[3];
    if (number_fields(ts, line, f + 1, 3, names, v, e) != 0)
        return -1;
    if (!(v[1] <= v[0] && v[0] <= v[2]))
        return dk_fail(e, "%s:%d: %s: value %g is not inside %g..%g", ts->path,
                       line, f[0], v[0], v[1], v[2]);
    dk_prov kind;
    if (strcmp(f[4], "published") == 0)
        kind = DK_PROV_PUBLISHED;
    else if (strcmp(f[4], "assumed") == 0)
        kind = DK_PROV_ASSUMED;
    else
        return dk_fail(e, "%s:%d: kind: '%s' is not published or assumed",
                       ts->path, line, f[4]);
    for (size_t i = 0; i < ts->nas; i++)
        if (strcmp(ts->as[i].name, f[0]) == 0)
            return dk_fail(e, "%s:%d: name: '%s' already assumed on line %d",
                           ts->path, line, f[0], ts->as[i].line);
    dk_assume *grown = dk_realloc(ts->as, (ts->nas + 1) * sizeof *ts->as);
    if (!grown)
        return dk_fail_oom(e, ts->path);
    ts->as = grown;
    dk_assume *a = &ts->as[ts->nas++];
    snprintf(a->name, sizeof a->name, "%s", f[0]);
    a->value = v[0];
    a->lo = v[1];
    a->hi = v[2];
    a->kind = kind;
    snprintf(a->source, sizeof a->source, "%s", source);
    a->line = line;
    return 0;
}

int dk_targets_parse(dk_targets *ts, const dk_model *m, const char *path,
                     const char *text, size_t len, dk_err *e)
{
    memset(ts, 0, sizeof *ts);
    ts->hier[2] = 1;
    snprintf(ts->path, sizeof ts->path, "%s", path);
    dk_lines it;
    dk_lines_init(&it, path, text, len);
    int rc;
    while ((rc = dk_lines_next(&it, e)) == 1) {
        char *line = dk_trim(it.line), *f[1] = { line }, *rest = NULL;
        if (*line == '\0' || *line == '#')
            continue;
        fields(line, f, 1, &rest);
        int ln = it.lineno;
        if (strcmp(f[0], "check") == 0)
            rc = parse_check(ts, m, ln, rest, e);
        else if (strcmp(f[0], "target") == 0 || strcmp(f[0], "info") == 0)
            rc = parse_target(ts, ln, rest, f[0][0] == 'i', e);
        else if (strcmp(f[0], "prior") == 0)
            rc = parse_prior(ts, m, ln, rest, e);
        else if (strcmp(f[0], "assume") == 0)
            rc = parse_assume(ts, m, ln, rest, e);
        else if (strcmp(f[0], "hierarchy") == 0)
            rc = parse_hierarchy(ts, ln, rest, e);
        else if (strcmp(f[0], "word") == 0)
            rc = parse_word(ts, ln, rest, e);
        else
            rc = dk_fail(e, "%s:%d: unknown line kind '%s' (expected prior, "
                         "hierarchy, assume, word, target, check or info)", path, ln, f[0]);
        if (rc != 0)
            break;
    }
    if (rc == 0 && !ts->nt && !ts->nc && !ts->npr && !ts->nas)
        rc = dk_fail(e, "%s: no prior, assume, target or check lines: the file is empty",
                     path);
    for (size_t i = 0; rc == 0 && i < ts->nt; i++) {
        int n = 0;
        for (size_t k = 0; k < ts->nc; k++)
            n += ts->c[k].target == (int)i;
        if (!ts->t[i].info && n == 0)
            rc = dk_fail(e, "%s:%d: target '%s' has no check lines", path,
                         ts->t[i].line, ts->t[i].id);
    }
    if (rc != 0) {
        dk_targets_free(ts);
        return -1;
    }
    return 0;
}

int dk_targets_load(dk_targets *ts, const dk_model *m, const char *path,
                    dk_err *e)
{
    size_t len;
    char *text = dk_read_file(path, &len, e);
    if (!text)
        return -1;
    int rc = dk_targets_parse(ts, m, path, text, len, e);
    dk_free(text);
    return rc;
}

void dk_targets_free(dk_targets *ts)
{
    for (size_t i = 0; i < ts->nc; i++)
        dk_free(ts->c[i].terms);
    dk_free(ts->c);
    dk_free(ts->t);
    dk_free(ts->pr);
    dk_free(ts->as);
    dk_free(ts->w);
    memset(ts, 0, sizeof *ts);
}

/* ---- evaluation -------------------------------------------------------- */

static double term_mean(const dk_model *m, const double *th, const dk_term *tm)
{
    const int *obl = dk_ob_levels(tm->sector), *hvl = dk_heavy_levels(tm->sector);
    int o0 = tm->outcome, o1 = tm->outcome + 1;
    if (tm->outcome < 0) {
        o0 = tm->need ? DK_NASPECT : 0;
        o1 = tm->need ? DK_NOUTCOME : DK_NASPECT;
    }
    int nob = tm->ob_avg ? DK_NLEVELS : 1, nhv = tm->heavy_avg ? DK_NLEVELS : 1;
    int s0 = tm->sup < 0 ? 0 : tm->sup, s1 = tm->sup < 0 ? DK_NSUPPORT : tm->sup + 1;
    double sum = 0;
    int n = 0;
    dk_class c = { tm->sector, tm->cs, 0, 0, 0, tm->exp, tm->level };
    for (int o = o0; o < o1; o++)
        for (int i = 0; i < nob; i++)
            for (int j = 0; j < nhv; j++)
                for (int s = s0; s < s1; s++) {
                    c.ob = tm->ob_avg ? obl[i] : tm->ob;
                    c.heavy = tm->heavy_avg ? hvl[j] : tm->heavy;
                    c.support = s ? 1u << s : 0;
                    sum += dk_model_mean(m, th, &c, o);
                    n++;
                }
    return sum / n;
}

double dk_check_value(const dk_model *m, const double *theta, const dk_check *c)
{
    double d = 0;
    for (int i = 0; i < c->nterm; i++) {
        const dk_term *tm = &c->terms[i];
        double v = tm->kind == 0 ? 1 : tm->kind == 2 ? theta[tm->param]
                 : term_mean(m, theta, tm);
        d += tm->coef * v;
    }
    return d;
}

double dk_check_slack(const dk_check *c, double d)
{
    return c->op == '>' ? d + c->tol : c->op == '<' ? c->tol - d : c->tol - fabs(d);
}

double dk_check_dslack(const dk_check *c, double d)
{
    return c->op == '>' ? 1 : c->op == '<' ? -1 : d > 0 ? -1 : 1;
}

int dk_check_met(const dk_check *c, double d, double margin)
{
    return dk_check_slack(c, d) >= margin;
}
