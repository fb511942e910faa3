/*
 * text.h -- errors, growable text buffers, line reading and strict number
 * parsing.  Everything user-facing flows through these so that messages
 * have one shape: "FILE:LINE: field: what is wrong".
 */
#ifndef DRAAGKRACHT_TEXT_H
#define DRAAGKRACHT_TEXT_H

#include <stdarg.h>
#include <stddef.h>

/* An error message; functions that can fail on user input fill one in,
 * in the reader's language (lang/lang.h's dk_lang; 0 is English): the
 * caller sets lang, and a function that words a message in parts passes
 * it on (dk_err_like). */
typedef struct {
    char msg[768];
    int lang;
} dk_err;

/* An empty error for messages in language lang; one like e's (English
 * without e). */
#define DK_ERR_IN(in) ((dk_err){ .msg = "", .lang = (in) })
dk_err dk_err_like(const dk_err *e);

/* Formats into e (if non-NULL) and returns -1, so callers can
 * `return dk_fail(e, ...)`. */
int dk_fail(dk_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The one message for memory that ran out: "out of memory (WHAT)"; -1.
 * Commands report it like bad input (exit 2, no output file). */
int dk_fail_oom(dk_err *e, const char *what);

/*
 * Growable NUL-terminated buffer.  Zero-initialise, then append.  When
 * memory runs out an appender adds nothing and sets oom, which stays set:
 * writers append freely and whoever finishes the text checks oom once
 * (dk_emit does), instead of every append returning a status.  Nothing
 * below main exits.
 */
typedef struct {
    char *data;             /* NULL until the first append */
    size_t len, cap;
    int oom;                /* an append failed: the text is incomplete */
} dk_buf;

void dk_buf_printf(dk_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dk_buf_vprintf(dk_buf *b, const char *fmt, va_list ap);
void dk_buf_append(dk_buf *b, const char *s, size_t n);
/* Appends the text of src, and its oom. */
void dk_buf_add(dk_buf *b, const dk_buf *src);
/* Room for n more bytes (and the NUL) at b->data + b->len, for writers
 * that format in place and then add what they wrote to b->len; NULL (and
 * oom set) when out of memory. */
char *dk_buf_room(dk_buf *b, size_t n);
/* b's text ("" when empty or incomplete); use after checking oom. */
const char *dk_buf_text(const dk_buf *b);
/* part's text to put into b's: part->data as it is (NULL when empty),
 * or, when part ran out of memory, "" and b->oom set, so that b is not
 * written either. */
const char *dk_buf_part(dk_buf *b, const dk_buf *part);
void dk_buf_free(dk_buf *b);

/* Appends a CSV field, always quoted, quotes doubled. */
void dk_buf_csv_str(dk_buf *b, const char *s);
/* Appends sep (none when '\0') and x as "%.17g" writes it, through
 * dk_fmt_g17: every number in a CSV or JSON output goes through that one
 * formatter, some 15 times faster than printf. */
void dk_buf_num(dk_buf *b, char sep, double x);
/* dk_buf_num for each of x[0..n). */
void dk_buf_nums(dk_buf *b, char sep, const double *x, size_t n);
/* Appends s cut or padded to width characters, counting UTF-8 code
 * points, not bytes, so a cut never splits a character (tables). */
void dk_buf_cell(dk_buf *b, const char *s, int width);

/*
 * Writes x exactly as printf("%.17g") would into out (at least 32 bytes)
 * and returns the length.  Numbers from 1e-4 to 1e15 (every rating,
 * share, count and model parameter) are rounded with 128-bit integer
 * arithmetic and their digits made 16 at a time, some 15 times faster
 * than printf, which does the rest; the tests compare the two on 850,000
 * values: random, every power of ten and two, exact ties, round numbers.
 * Sweeps write millions of numbers, and printf was most of their time.
 */
int dk_fmt_g17(char *out, double x);

/*
 * Iterates over the lines of a text held in memory.  Rejects NUL bytes,
 * invalid UTF-8 and lines longer than DK_MAX_LINE, naming file and line.
 */
#define DK_MAX_LINE 4096
typedef struct {
    const char *text, *end, *path;
    int lineno;
    char line[DK_MAX_LINE + 1];
} dk_lines;

void dk_lines_init(dk_lines *it, const char *path, const char *text, size_t len);
/* 1: a line is in it->line (no newline); 0: end; -1: error in e. */
int dk_lines_next(dk_lines *it, dk_err *e);
/* The same for INI-style files: *line is the next line with content,
 * trimmed, skipping blank lines and comments ('#' or ';' first). */
int dk_lines_next_entry(dk_lines *it, char **line, dk_err *e);

/* Characters (UTF-8 code points) in s: its width in a table. */
size_t dk_utf8_width(const char *s);

/* Offset of the first byte of s[0..n) that is not valid UTF-8, or n. */
size_t dk_utf8_check(const char *s, size_t n);

/* Splits s in place on whitespace; returns count (at most max). */
int dk_split(char *s, char **fields, int max);
char *dk_trim(char *s);

/* Strict parsers: the whole string must be the number. */
int dk_parse_long(const char *s, long *out);
int dk_parse_double(const char *s, double *out);

#endif
