/*
 * html.h -- a small writer of self-contained HTML reports over a dk_buf.
 *
 * The output is HTML5 that is also well-formed XML (every element closed,
 * void elements written as <meta ... />, attributes quoted, only the five
 * XML entities), so that a strict parser in the tests can read every
 * report, and a browser shows it without scripts, fonts or anything
 * fetched.  The writer keeps a stack of the open elements: a close that
 * does not match is a programming error, which it records in `misuse`
 * (the tests check it) and repairs by closing what is open.
 */
#ifndef DRAAGKRACHT_HTML_H
#define DRAAGKRACHT_HTML_H

#include "draagkracht/base/text.h"

#define DK_HTML_DEPTH 32

typedef struct {
    dk_buf *b;
    int depth;
    const char *open[DK_HTML_DEPTH];    /* tag names: string literals */
    int misuse;                         /* closes that did not match, overflows */
} dk_html;

/* Appends s with & < > " ' escaped (text and attribute values alike). */
void dk_html_esc(dk_buf *b, const char *s);
/* The same for the first n bytes of s. */
void dk_html_esc_n(dk_buf *b, const char *s, size_t n);

/* Starts a document: doctype, head with title and the report's style
 * sheet, <body><main>.  lang is "en" or "nl". */
void dk_html_begin(dk_html *h, dk_buf *b, const char *lang, const char *title);
/* Closes everything still open and the document. */
void dk_html_end(dk_html *h);

/* <tag name="value" ...>: attributes as name, value pairs ended by NULL;
 * values are escaped. */
void dk_html_open(dk_html *h, const char *tag, ...) __attribute__((sentinel));
void dk_html_close(dk_html *h, const char *tag);
/* <tag attrs...>text</tag>, text escaped. */
void dk_html_elem(dk_html *h, const char *tag, const char *text, ...)
    __attribute__((sentinel));
/* Escaped text, plain or formatted. */
void dk_html_text(dk_html *h, const char *s);
void dk_html_textf(dk_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Table helpers: a header row of th cells, then rows of td cells; cells
 * after the first whose text starts with a digit, sign or minus are
 * right-aligned. */
void dk_html_table_begin(dk_html *h, const char *const *head, int n);
void dk_html_row(dk_html *h, const char *const *cells, int n);
void dk_html_table_end(dk_html *h);

#endif
