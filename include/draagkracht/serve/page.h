/*
 * page.h -- the server's own HTML: the start page, and the form with the
 * class table that stands above every report it serves.  Well-formed XML
 * like the reports (report/html.h), no scripts: plain forms, so the pages
 * work without JavaScript.
 */
#ifndef DRAAGKRACHT_SERVE_PAGE_H
#define DRAAGKRACHT_SERVE_PAGE_H

#include "draagkracht/serve/answer.h"

/* What the form shows: the rows (one blank row more when add), the
 * list's name, and the options' previous values (f, may be NULL). */
typedef struct {
    dk_lang lang;
    const dk_rows *rows;
    const char *list_name;      /* NULL: the example school */
    const dk_form *values;
    int add;                    /* blank rows after the rows */
} dk_form_view;

/* The style sheet of the server's elements (one <style> element). */
const char *dk_serve_style(void);
/* <section> with the form: upload, class table, options, three actions. */
void dk_serve_form_html(dk_buf *b, const dk_form_view *v);
/* A whole page: title, the error (NULL: none) and the form. */
void dk_serve_page_html(dk_buf *b, const dk_form_view *v, const char *error);

#endif
