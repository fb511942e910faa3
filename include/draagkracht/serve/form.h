/*
 * form.h -- the fields of an HTML form as a browser sends them:
 * application/x-www-form-urlencoded (also a query string) and
 * multipart/form-data (a file upload).  The server's only parser of
 * request bodies; everything it returns is a copy, so the request may go.
 */
#ifndef DRAAGKRACHT_SERVE_FORM_H
#define DRAAGKRACHT_SERVE_FORM_H

#include <stddef.h>

#include "draagkracht/base/text.h"

/* More fields than a class table of DK_FORM_MAX_ROWS rows can send is not
 * a form of ours. */
#define DK_FORM_MAX_FIELDS 4096

typedef struct {
    char *name;             /* decoded, NUL-terminated */
    char *value;            /* decoded bytes, NUL-terminated after len */
    size_t len;
    char *filename;         /* a file part's name as sent, else NULL */
} dk_form_field;

typedef struct {
    dk_form_field *field;
    int n, cap;
} dk_form;

/* Adds the fields of a urlencoded text ('+' a space, %XX a byte); -1 with
 * e set on a malformed escape, too many fields, or no memory. */
int dk_form_urlencoded(dk_form *f, const char *data, size_t len, dk_err *e);
/* Adds the parts of a multipart/form-data body; content_type is the
 * request's header (its boundary parameter).  -1 with e set when the
 * body does not follow RFC 7578 as browsers write it. */
int dk_form_multipart(dk_form *f, const char *content_type, const char *data, size_t len,
                      dk_err *e);
/* One of the two by the Content-Type (NULL or anything else: urlencoded). */
int dk_form_parse(dk_form *f, const char *content_type, const char *data, size_t len,
                  dk_err *e);
/* The first field of that name, else NULL; the i-th of them. */
const dk_form_field *dk_form_get(const dk_form *f, const char *name);
const dk_form_field *dk_form_nth(const dk_form *f, const char *name, int i);
/* The value of the first field of that name, else NULL. */
const char *dk_form_value(const dk_form *f, const char *name);
void dk_form_free(dk_form *f);

#endif
