/*
 * csv.c -- streaming CSV records from plain or gzip files.
 *
 * The file is read in 64 KiB pieces, so only one record is held at a time
 * and inputs far larger than memory can be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/csv.h"
#include "draagkracht/io/fileio.h"

#define CHUNK (1u << 16)
#define MAX_RECORD (1u << 20)   /* a runaway quote should not eat memory */
#define MAX_COLS 4096

struct dk_csv {
    dk_reader *in;
    char *path;
    char buf[CHUNK];
    unsigned pos, len;
    int eof;
    long line, rec_line;        /* current line; where the record began */
    char *rec;                  /* the record's fields, NUL-separated */
    size_t rlen, rcap;
    size_t off[MAX_COLS];
    int nf, ncols;
    int newline;                /* the record ended with a newline */
    char **names;
};

/* Refills the read buffer: the next byte, -1 at the end, -2 on error. */
static int refill(dk_csv *c, dk_err *e)
{
    if (c->eof)
        return -1;
    long got = dk_reader_read(c->in, c->buf, CHUNK, e);
    if (got < 0)
        return -2;
    if (got == 0) {
        c->eof = 1;
        return -1;
    }
    c->pos = 1;
    c->len = (unsigned)got;
    return (unsigned char)c->buf[0];
}

/* Next byte, or -1 at the end, or -2 on a read error (in e). */
static inline int next_byte(dk_csv *c, dk_err *e)
{
    return c->pos < c->len ? (unsigned char)c->buf[c->pos++] : refill(c, e);
}

static int too_long(const dk_csv *c, dk_err *e)
{
    return dk_fail(e, dk_e(e, DKS_X_CSV_LONG),
                   c->path, c->rec_line, MAX_RECORD);
}

/* Appends n bytes to the record. */
static int append(dk_csv *c, const char *s, size_t n, dk_err *e)
{
    if (c->rlen + n + 1 > c->rcap) {
        if (c->rlen + n > MAX_RECORD)
            return too_long(c, e);
        size_t cap = c->rcap;
        while (c->rlen + n + 1 > cap)
            cap = cap ? 2 * cap : 4096;
        char *grown = dk_realloc(c->rec, cap);
        if (!grown)
            return dk_fail_oom(e, c->path);
        c->rec = grown;
        c->rcap = cap;
    }
    memcpy(c->rec + c->rlen, s, n);
    c->rlen += n;
    return 0;
}

static int put(dk_csv *c, int ch, dk_err *e)
{
    if (ch == 0)
        return dk_fail(e, dk_e(e, DKS_X_CSV_NUL), c->path, c->line);
    char b = (char)ch;
    return append(c, &b, 1, e);
}

/* A quoted field, from after the opening quote; returns the byte after
 * the closing quote. */
static int quoted(dk_csv *c, dk_err *e)
{
    for (;;) {
        int ch = next_byte(c, e);
        if (ch == -2)
            return -2;
        if (ch == -1) {
            dk_fail(e, dk_e(e, DKS_X_CSV_UNCLOSED),
                    c->path, c->rec_line, c->nf + 1);
            return -2;
        }
        if (ch == '"') {
            ch = next_byte(c, e);
            if (ch != '"')
                return ch;
        }
        if (ch == '\n')
            c->line++;
        if (put(c, ch, e) != 0)
            return -2;
    }
}

/* Bytes that end or break an unquoted field. */
static const unsigned char special[256] = {
    [0] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1
};

/* An unquoted field from its first byte ch; returns the byte after it.
 * Runs of ordinary bytes are copied straight from the read buffer. */
static int plain(dk_csv *c, int ch, dk_err *e)
{
    while (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r') {
        if (ch == '"') {
            dk_fail(e, dk_e(e, DKS_X_CSV_INNER_QUOTE),
                    c->path, c->line, c->nf + 1);
            return -2;
        }
        if (ch == 0)
            return put(c, ch, e) == 0 ? ch : -2;
        /* ch is the byte before c->pos; copy it with the run after it */
        unsigned from = c->pos - 1, to = c->pos;
        while (to < c->len && !special[(unsigned char)c->buf[to]])
            to++;
        if (append(c, c->buf + from, to - from, e) != 0)
            return -2;
        c->pos = to;
        ch = next_byte(c, e);
    }
    return ch;
}

/* Ends the field just read: terminator and offset. */
static int end_field(dk_csv *c, size_t start, dk_err *e)
{
    if (c->nf == MAX_COLS)
        return dk_fail(e, dk_e(e, DKS_X_CSV_FIELDS), c->path, c->rec_line, MAX_COLS);
    c->off[c->nf++] = start;
    if (c->rlen + 1 >= c->rcap && append(c, "", 0, e) != 0)
        return -1;
    c->rec[c->rlen++] = '\0';
    return 0;
}

/* The whole record at once (separators are ASCII); names the field. */
static int check_utf8(const dk_csv *c, dk_err *e)
{
    size_t bad = dk_utf8_check(c->rec, c->rlen);
    if (bad == c->rlen)
        return 1;
    int f = 0;
    while (f + 1 < c->nf && c->off[f + 1] <= bad)
        f++;
    return dk_fail(e, dk_e(e, DKS_X_CSV_UTF8), c->path,
                   c->rec_line, f + 1, bad - c->off[f] + 1);
}

/* One record into c->rec: 1, 0 at the end, -1 on error. */
static int read_record(dk_csv *c, dk_err *e)
{
    int ch;
    do {                        /* blank lines separate nothing */
        c->nf = 0;
        c->rlen = 0;
        c->rec_line = c->line;
        ch = next_byte(c, e);
        if (ch == '\r')
            ch = next_byte(c, e);
        if (ch == '\n')
            c->line++;
    } while (ch == '\n');
    if (ch < 0)
        return ch == -1 ? 0 : -1;
    for (;;) {
        size_t start = c->rlen;
        ch = ch == '"' ? quoted(c, e) : plain(c, ch, e);
        if (ch == -2 || end_field(c, start, e) != 0)
            return -1;
        if (ch == '\r')
            ch = next_byte(c, e);
        if (ch == ',') {
            ch = next_byte(c, e);
            continue;
        }
        if (ch == '\n' || ch == -1) {
            c->line += ch == '\n';
            c->newline = ch == '\n';
            return check_utf8(c, e);
        }
        if (ch == -2)
            return -1;
        return dk_fail(e, dk_e(e, DKS_X_CSV_AFTER_QUOTE),
                       c->path, c->rec_line, c->nf);
    }
}

/* Spreadsheets save "CSV UTF-8" with a byte order mark first; it is not
 * part of the first column's name. */
static int skip_bom(dk_csv *c, dk_err *e)
{
    while (c->len < 3 && !c->eof) {
        long got = dk_reader_read(c->in, c->buf + c->len, CHUNK - c->len, e);
        if (got < 0)
            return -1;
        c->eof = got == 0;
        c->len += (unsigned)got;
    }
    if (c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
    return 0;
}

static int read_header(dk_csv *c, dk_err *e)
{
    if (skip_bom(c, e) != 0)
        return -1;
    int rc = read_record(c, e);
    if (rc == 0)
        return dk_fail(e, dk_e(e, DKS_X_CSV_EMPTY), c->path);
    if (rc < 0)
        return -1;
    c->ncols = c->nf;
    c->names = dk_calloc((size_t)c->ncols, sizeof *c->names);
    if (!c->names)
        return dk_fail_oom(e, c->path);
    for (int i = 0; i < c->ncols; i++) {
        const char *name = c->rec + c->off[i];
        if (!*name)
            return dk_fail(e, dk_e(e, DKS_X_CSV_EMPTY_NAME), c->path,
                           c->rec_line, i + 1);
        if (dk_csv_column(c, name) >= 0)
            return dk_fail(e, dk_e(e, DKS_X_CSV_TWICE),
                           c->path, c->rec_line, name);
        if (!(c->names[i] = dk_strdup(name)))
            return dk_fail_oom(e, c->path);
    }
    return 0;
}

dk_csv *dk_csv_open(const char *path, dk_err *e)
{
    dk_reader *in = dk_reader_open(path, e);
    if (!in)
        return NULL;
    dk_csv *c = dk_calloc(1, sizeof *c);
    if (!c || !(c->path = dk_strdup(path))) {
        dk_free(c);
        dk_reader_close(in, NULL);
        dk_fail_oom(e, path);
        return NULL;
    }
    c->in = in;
    c->line = 1;
    if (read_header(c, e) != 0) {
        dk_csv_close(c);
        return NULL;
    }
    return c;
}

void dk_csv_close(dk_csv *c)
{
    if (!c)
        return;
    dk_reader_close(c->in, NULL);
    for (int i = 0; c->names && i < c->ncols; i++)
        dk_free(c->names[i]);
    dk_free(c->names);
    dk_free(c->rec);
    dk_free(c->path);
    dk_free(c);
}

int dk_csv_next(dk_csv *c, dk_err *e)
{
    int rc = read_record(c, e);
    if (rc == 0) {
        /* The end of a gzip stream is only checked on close. */
        int closed = dk_reader_close(c->in, e);
        c->in = NULL;
        return closed;
    }
    if (rc == 1 && c->nf != c->ncols)
        return dk_fail(e, dk_e(e, DKS_X_CSV_COUNT),
                       c->path, c->rec_line, c->ncols, c->nf);
    return rc;
}

int dk_csv_ncols(const dk_csv *c) { return c->ncols; }
const char *dk_csv_name(const dk_csv *c, int col) { return c->names[col]; }
const char *dk_csv_field(const dk_csv *c, int col) { return c->rec + c->off[col]; }
long dk_csv_line(const dk_csv *c) { return c->rec_line; }
int dk_csv_newline(const dk_csv *c) { return c->newline; }
const char *dk_csv_path(const dk_csv *c) { return c->path; }

int dk_csv_column(const dk_csv *c, const char *name)
{
    for (int i = 0; i < c->ncols && c->names[i]; i++)
        if (strcmp(c->names[i], name) == 0)
            return i;
    return -1;
}
