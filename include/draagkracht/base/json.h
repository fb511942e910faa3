/*
 * json.h -- the one JSON writer: every `--format json` goes through it.
 *
 * A dk_json writes one document (RFC 8259) into a dk_buf.  It keeps the
 * stack of open objects and arrays, so it places every brace, bracket,
 * comma and colon itself; callers say what comes next (a key, a value,
 * the start or end of a container), never how it is punctuated.  The
 * layout is compact -- `{"a": 1, "b": [2, 3]}` -- except where the caller
 * asks for a line break before the next member or closing bracket, which
 * is how the commands keep their documents readable.
 *
 * Using it wrongly (a key in an array, a value in an object without a
 * key, a close that does not match, a second document) is a programming
 * error: the writer records it in `misuse`, writes nothing more, and
 * dk_json_finish says so, so that no malformed document is ever emitted.
 */
#ifndef DRAAGKRACHT_JSON_H
#define DRAAGKRACHT_JSON_H

#include "draagkracht/base/text.h"

#define DK_JSON_MAX_DEPTH 32

typedef struct {
    dk_buf *b;
    int depth;                                  /* open containers */
    unsigned char object[DK_JSON_MAX_DEPTH];    /* 1: object, 0: array */
    unsigned char members[DK_JSON_MAX_DEPTH];   /* 1 once it has a member */
    int after_key;      /* a key was written; its value comes next */
    int done;           /* the document's one value is complete */
    int brk;            /* indent of the line break before the next token, or -1 */
    int misuse;         /* nonzero after a wrong call; nothing is written then */
    const char *why;    /* what the first one was */
} dk_json;

/* Starts a document that will be appended to b. */
void dk_json_init(dk_json *j, dk_buf *b);

void dk_json_begin_object(dk_json *j);
void dk_json_end_object(dk_json *j);
void dk_json_begin_array(dk_json *j);
void dk_json_end_array(dk_json *j);
/* A member's name (inside an object); its value is the next call. */
void dk_json_key(dk_json *j, const char *key);

/* s escaped: quote, backslash and every control character; valid UTF-8
 * passes through, each byte that is not becomes U+FFFD (a file name given
 * on the command line need not be UTF-8; the document must be).  NULL
 * writes null. */
void dk_json_string(dk_json *j, const char *s);
/* x at full precision (as "%.17g", by dk_fmt_g17); NaN and infinities,
 * which JSON cannot hold, become null. */
void dk_json_number(dk_json *j, double x);
/* x with `digits` significant digits ("%.*g"), for constants written as
 * decimals (a confidence of 0.95, not 0.94999999999999996). */
void dk_json_number_digits(dk_json *j, double x, int digits);
void dk_json_int(dk_json *j, long long x);
void dk_json_bool(dk_json *j, int x);
void dk_json_null(dk_json *j);

/* A key and its value in one call. */
void dk_json_kv_string(dk_json *j, const char *key, const char *s);
void dk_json_kv_number(dk_json *j, const char *key, double x);
void dk_json_kv_int(dk_json *j, const char *key, long long x);
void dk_json_kv_bool(dk_json *j, const char *key, int x);

/* Layout only: the next member (after its comma) or closing bracket
 * starts a new line indented by `indent` spaces. */
void dk_json_break(dk_json *j, int indent);

/* Ends the document with a newline.  0, or -1 with e set when the writer
 * was misused or the document is not complete (nothing is appended then;
 * what was written before stays in the buffer, for the tests to show). */
int dk_json_finish(dk_json *j, dk_err *e);

#endif
