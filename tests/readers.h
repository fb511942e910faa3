/*
 * readers.h -- the tests' own readers of the program's machine-readable
 * output: a strict JSON parser (RFC 8259) and an RFC 4180 CSV reader.
 * They share no code with the program, so a bug in its writers cannot
 * hide behind the same bug in a reader.
 */
#ifndef READERS_H
#define READERS_H

#include <stddef.h>

/* ---- JSON ---------------------------------------------------------------
 * Strict: one value per document with only JSON whitespace around it; no
 * trailing commas, comments, single quotes, NaN/Infinity, leading zeros,
 * or bare control characters; every escape valid and every \u surrogate
 * paired; the whole text valid UTF-8 (RFC 3629) without a byte order
 * mark; no duplicate keys in an object; numbers must fit a double. */
typedef enum { TJ_NULL, TJ_FALSE, TJ_TRUE, TJ_NUMBER, TJ_STRING, TJ_ARRAY, TJ_OBJECT } tj_kind;

typedef struct tj_value {
    tj_kind kind;
    double num;
    char *str;                  /* string: decoded UTF-8, NUL-terminated */
    size_t len;                 /* its length (it may hold \u0000) */
    size_t n;                   /* array or object: members */
    struct tj_value *item;      /* their values */
    char **key;                 /* object: their names, decoded */
} tj_value;

/* 0 and *out filled, or -1 with a message naming line, column and byte. */
int tj_parse(const char *text, size_t len, tj_value *out, char *err, size_t errlen);
void tj_free(tj_value *v);
/* The value at a JSON Pointer (RFC 6901) such as "/capability/tailor/mean"
 * or "/units/0/class"; NULL if there is none. */
const tj_value *tj_at(const tj_value *v, const char *pointer);

/* ---- CSV ----------------------------------------------------------------
 * RFC 4180: fields separated by commas, records by line breaks, all CRLF
 * or all LF; a quoted field may hold commas, quotes (doubled) and line
 * breaks, and ends at a comma or line break; an unquoted field holds no
 * quote and no CR.  The first record is the header; every record has as
 * many fields as it; the text is valid UTF-8; the last line break is
 * optional (its absence is reported). */
typedef struct {
    size_t ncol, nrow;          /* nrow: records after the header */
    char **cell;                /* (nrow + 1) x ncol, header first, decoded */
    int crlf;                   /* 1 if the records end in CRLF */
    int final_break;            /* 1 if the text ends with a line break */
} tc_table;

int tc_read(const char *text, size_t len, tc_table *t, char *err, size_t errlen);
void tc_free(tc_table *t);
/* The column named name, or -1. */
int tc_col(const tc_table *t, const char *name);
/* Row r (0: the first after the header) of column c. */
const char *tc_cell(const tc_table *t, size_t r, int c);

/* Length of the UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) at p, or 0 if it is not valid. */
size_t t_utf8_len(const unsigned char *p, const unsigned char *end);

/* Reads a whole file, gunzipping it (any number of gzip members) if it
 * starts with the gzip magic (*gz = 1 then); NULL if it cannot (or the
 * gzip is damaged).  NUL-terminated; free with free(). */
char *t_read_maybe_gz(const char *path, size_t *len, int *gz);

#endif
