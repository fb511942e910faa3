/*
 * ini.c -- the INI-style reader every format shares.  See ini.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/suggest.h"
#include "draagkracht/io/ini.h"
#include "draagkracht/base/names.h"

/* ---- messages ---- */

static int vfail(const dk_ini *ini, int line, const char *what, const char *fmt, va_list ap)
{
    char msg[600];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return dk_fail(ini->e, "%s:%d: %s%s%s", ini->path, line, what ? what : "",
                   what ? ": " : "", msg);
}

int dk_ini_fail(const dk_ini *ini, const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ini, ini->line, what, fmt, ap);
    va_end(ap);
    return -1;
}

int dk_ini_fail_at(const dk_ini *ini, int line, const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ini, line, what, fmt, ap);
    va_end(ap);
    return -1;
}

int dk_ini_unknown(const dk_ini *ini, const char *key, const char *what, const char *word,
                   const char *const *names)
{
    char mean[120];
    if (dk_suggest(word, names))
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_UNKNOWN), what, word,
                           dk_mean(dk_e_lang(ini->e), word, names, mean, sizeof mean));
    char list[240] = "";
    size_t n = 0;
    int i = 0;
    for (; names[i] && n + strlen(names[i]) + 8 < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", names[i]);
    if (names[i] || !i)     /* too many to list */
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_UNKNOWN), what, word, "");
    return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_UNKNOWN_LIST), what, word, list);
}

/* ---- values ---- */

int dk_ini_long(const dk_ini *ini, const char *key, const char *v, long lo, long hi,
                long *out)
{
    if (dk_parse_long(v, out) != 0)
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_WHOLE), v);
    if (*out < lo || *out > hi)
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_OUTSIDE_LONG), v, lo, hi);
    return 0;
}

int dk_ini_number(const dk_ini *ini, const char *key, const char *v, double *out)
{
    if (dk_parse_double(v, out) != 0 || !isfinite(*out))
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_NUMBER), v);
    return 0;
}

int dk_ini_number_in(const dk_ini *ini, const char *key, const char *v, double lo, double hi,
                     double *out)
{
    if (dk_ini_number(ini, key, v, out) != 0)
        return -1;
    if (*out < lo || *out > hi)
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_OUTSIDE), v, lo, hi);
    return 0;
}

int dk_ini_word(const dk_ini *ini, const char *key, const char *what, const char *v,
                const char *const *names, int *out)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0)
            return *out = i, 0;
    return dk_ini_unknown(ini, key, what, v, names);
}

int dk_ini_range(const dk_ini *ini, const char *key, const char *lo, const char *hi,
                 double *out_lo, double *out_hi)
{
    if (dk_ini_number(ini, key, lo, out_lo) || dk_ini_number(ini, key, hi, out_hi))
        return -1;
    if (*out_lo > *out_hi)
        return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_REVERSED), lo, hi);
    return 0;
}

/* ---- reading ---- */

int dk_ini_open(dk_ini *ini, const char *path, const char *text, size_t len,
                const dk_ini_kind *kinds, dk_err *e)
{
    memset(ini, 0, sizeof *ini);
    ini->path = path;
    ini->e = e;
    ini->kinds = kinds;
    ini->kind = -1;
    while (kinds[ini->nkind].kind && ini->nkind < DK_INI_MAX_KINDS)
        ini->nkind++;
    for (int k = 0; k < ini->nkind; k++)
        ini->latest[k] = -1;
    int rc = (ini->keys = dk_names_new()) ? 0 : -1;
    for (int k = 0; rc == 0 && k < ini->nkind; k++)
        if (kinds[k].example && !(ini->names[k] = dk_names_new()))
            rc = -1;
    if (rc != 0) {
        dk_ini_close(ini);
        return dk_fail(e, "%s: out of memory", path);
    }
    dk_lines_init(&ini->it, path, text, len);
    return 0;
}

void dk_ini_close(dk_ini *ini)
{
    dk_names_free(ini->keys);
    ini->keys = NULL;
    for (int k = 0; k < DK_INI_MAX_KINDS; k++) {
        dk_names_free(ini->names[k]);
        ini->names[k] = NULL;
    }
}

/* Cuts a comment: # or ; at the start or after white space. */
static char *uncomment(char *s)
{
    for (char *p = s; *p; p++)
        if ((*p == '#' || *p == ';') && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    return dk_trim(s);
}

static int kind_index(const dk_ini *ini, const char *kind)
{
    for (int k = 0; k < ini->nkind; k++)
        if (strcmp(kind, ini->kinds[k].kind) == 0)
            return k;
    return -1;
}

static int unknown_kind(const dk_ini *ini, const char *kind)
{
    const char *names[DK_INI_MAX_KINDS + 1];
    for (int k = 0; k < ini->nkind; k++)
        names[k] = ini->kinds[k].kind;
    names[ini->nkind] = NULL;
    return dk_ini_unknown(ini, kind, dk_e(ini->e, DKS_X_WORD_SECTION), kind, names);
}

static int out_of_memory(const dk_ini *ini)
{
    return dk_ini_fail(ini, NULL, "out of memory");
}

/* A section's name: required or not, short enough, and new in its scope. */
static int section_name(dk_ini *ini, int k, const char *name)
{
    const dk_ini_kind *d = &ini->kinds[k];
    if (d->example && !*name)
        return dk_ini_fail(ini, d->kind, dk_e(ini->e, DKS_X_NEEDS_NAME), d->kind,
                           d->kind, d->example);
    if (!d->example && *name)
        return dk_ini_fail(ini, d->kind, dk_e(ini->e, DKS_X_NO_NAME), d->kind);
    if (strlen(name) >= sizeof ini->name)
        return dk_ini_fail(ini, d->kind, dk_e(ini->e, DKS_X_NAME_LONG), name,
                           sizeof ini->name - 1);
    if (!d->example)
        return 0;
    if (d->within >= 0 && ini->latest[d->within] < 0)
        return dk_ini_fail(ini, d->kind, dk_e(ini->e, DKS_X_BEFORE), name,
                           ini->kinds[d->within].kind);
    dk_names_epoch(ini->names[k], d->within >= 0 ? ini->latest[d->within] + 1 : 1);
    int first = dk_names_add(ini->names[k], name, ini->line, ini->count[k]);
    if (first < 0)
        return out_of_memory(ini);
    if (first > 0)
        return dk_ini_fail(ini, d->kind, dk_e(ini->e, DKS_X_DEFINED), name,
                           d->within >= 0 ? dk_e(ini->e, DKS_X_IN_THIS) : "",
                           d->within >= 0 ? ini->kinds[d->within].kind : "", first);
    return 0;
}

static int header(dk_ini *ini, char *line)
{
    char *end = strchr(line, ']');
    if (!end || *uncomment(end + 1))
        return dk_ini_fail(ini, NULL, dk_e(ini->e, DKS_X_HEADER), line);
    *end = '\0';
    char *kind = dk_trim(line + 1), *name = kind + strcspn(kind, " \t");
    if (*name)
        *name++ = '\0';
    name = dk_trim(name);
    int k = kind_index(ini, kind);
    if (k < 0)
        return unknown_kind(ini, kind);
    if (ini->kinds[k].once && ini->count[k])
        return dk_ini_fail(ini, kind, dk_e(ini->e, DKS_X_SECOND),
                           kind, ini->first[k]);
    if (section_name(ini, k, name) != 0)
        return -1;
    if (!ini->count[k])
        ini->first[k] = ini->line;
    ini->kind = k;
    ini->ordinal = ini->count[k]++;
    ini->latest[k] = ++ini->serial;
    snprintf(ini->name, sizeof ini->name, "%s", name);
    dk_names_epoch(ini->keys, ini->serial);
    return DK_INI_SECTION;
}

/* "start with [run], [school NAME], ..." */
static int outside(dk_ini *ini, const char *key)
{
    char list[400] = "";
    size_t n = 0;
    for (int k = 0; k < ini->nkind && n < sizeof list; k++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s[%s%s]",
                              !k ? "" : k + 1 < ini->nkind ? ", " : dk_e(ini->e, DKS_X_OR),
                              ini->kinds[k].kind, ini->kinds[k].example ? " NAME" : "");
    return dk_ini_fail(ini, key, dk_e(ini->e, DKS_X_OUTSIDE_SECTION), list);
}

static int key_value(dk_ini *ini, char *line)
{
    char *eq = strchr(line, '=');
    if (!eq || eq == line)
        return dk_ini_fail(ini, NULL, dk_e(ini->e, DKS_X_KEY_VALUE),
                           line);
    *eq = '\0';
    ini->key = dk_trim(line);
    ini->value = uncomment(eq + 1);
    if (ini->kind < 0)
        return outside(ini, ini->key);
    if (!*ini->value)
        return dk_ini_fail(ini, ini->key, "%s", dk_e(ini->e, DKS_X_EMPTY_VALUE));
    int first = dk_names_add(ini->keys, ini->key, ini->line, 0);
    if (first < 0)
        return out_of_memory(ini);
    if (first > 0)
        return dk_ini_fail(ini, ini->key, dk_e(ini->e, DKS_X_KEY_TWICE),
                           first);
    return DK_INI_KEY;
}

int dk_ini_next(dk_ini *ini)
{
    char *line;
    int rc = dk_lines_next_entry(&ini->it, &line, ini->e);
    if (rc != 1)
        return rc;
    ini->line = ini->it.lineno;
    return *line == '[' ? header(ini, line) : key_value(ini, line);
}

int dk_ini_find(const dk_ini *ini, int k, const char *name)
{
    const dk_names *t = k >= 0 && k < ini->nkind ? ini->names[k] : NULL;
    return t ? dk_names_find(t, name, NULL) : -1;
}
