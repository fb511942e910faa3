/*
 * ini.h -- one reader for every INI-style file (scenarios, sweep
 * specifications): one syntax, one set of rules, one wording.
 *
 *   # a comment  or  ; a comment      a line whose first mark is # or ;
 *   [kind]  or  [kind NAME]           a section (NAME may hold spaces)
 *   key = value    # a comment        # or ; after white space ends a value
 *
 * The rules, the same in every format:
 *   - a section's kind is one the format lists ("did you mean" if not);
 *   - a kind needs a name ([school NAME]) or takes none ([run]), and a
 *     name is at most 63 bytes;
 *   - some kinds come at most once in a file ([run]);
 *   - a name is used once per kind: in the file, or within the latest
 *     section of an enclosing kind (a class within its school), which
 *     must then come first;
 *   - a key is given once per section, and never empty;
 *   - every message reads "FILE:LINE: WHAT: message", with the same words
 *     for the same mistake ("'x' is not a whole number", "5 is outside
 *     1..4", "unknown sector 'x' (did you mean 'po'?)").
 * Names and keys are found in hash tables, so a file of any size is read
 * in time linear in its length.
 */
#ifndef DRAAGKRACHT_INI_H
#define DRAAGKRACHT_INI_H

#include <stddef.h>

#include "draagkracht/base/names.h"
#include "draagkracht/base/text.h"

/* A kind of section a format has; lists end with kind NULL. */
typedef struct {
    const char *kind;       /* "school" */
    const char *example;    /* a name, for "as in [school EXAMPLE]"; NULL: takes none */
    int once;               /* at most one such section in a file */
    int within;             /* names unique within the latest section of this
                             * kind (index into the list); -1: within the file */
} dk_ini_kind;

#define DK_INI_MAX_KINDS 16
enum { DK_INI_END = 0, DK_INI_SECTION = 1, DK_INI_KEY = 2 };

typedef struct {
    const char *path;
    int line;               /* of the item just read */
    int kind;               /* the current section's kind; -1 before the first */
    int ordinal;            /* its number among the sections of its kind, from 0 */
    char name[64];          /* its name ("" when it takes none) */
    char *key, *value;      /* DK_INI_KEY: both trimmed, the value without comment */
    /* the reader's own */
    dk_err *e;
    const dk_ini_kind *kinds;
    int nkind, serial;
    int count[DK_INI_MAX_KINDS], first[DK_INI_MAX_KINDS], latest[DK_INI_MAX_KINDS];
    dk_names *names[DK_INI_MAX_KINDS], *keys;
    dk_lines it;
} dk_ini;

/* Starts reading text (path names it in messages); errors go to e.
 * 0, or -1 with e set. */
int dk_ini_open(dk_ini *ini, const char *path, const char *text, size_t len,
                const dk_ini_kind *kinds, dk_err *e);
/* The next item: DK_INI_SECTION (kind, ordinal, name set), DK_INI_KEY
 * (key, value set), DK_INI_END, or -1 with e set. */
int dk_ini_next(dk_ini *ini);
void dk_ini_close(dk_ini *ini);

/* The ordinal of the section of kind k named name (within its enclosing
 * section, for kinds that have one), or -1. */
int dk_ini_find(const dk_ini *ini, int k, const char *name);

/* "FILE:LINE: WHAT: message" into e (WHAT NULL: left out); -1.  The _at
 * form names another line, for rules checked after the file is read. */
int dk_ini_fail(const dk_ini *ini, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int dk_ini_fail_at(const dk_ini *ini, int line, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Values, with the one wording of their mistakes; 0, or -1 with e set. */
int dk_ini_long(const dk_ini *ini, const char *key, const char *v, long lo, long hi,
                long *out);
int dk_ini_number(const dk_ini *ini, const char *key, const char *v, double *out);
int dk_ini_number_in(const dk_ini *ini, const char *key, const char *v, double lo, double hi,
                     double *out);
/* v one of names (NULL-terminated); "unknown WHAT 'v'" with a suggestion
 * or, failing one, the list. */
int dk_ini_word(const dk_ini *ini, const char *key, const char *what, const char *v,
                const char *const *names, int *out);
int dk_ini_unknown(const dk_ini *ini, const char *key, const char *what, const char *word,
                   const char *const *names);
/* lo <= hi, the same words wherever a range is given. */
int dk_ini_range(const dk_ini *ini, const char *key, const char *lo, const char *hi,
                 double *out_lo, double *out_hi);

#endif
