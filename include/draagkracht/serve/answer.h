/*
 * answer.h -- what the server answers, without the network: a request's
 * method, path, language and body in, a status, a content type and a body
 * out.  The HTTP glue (server.c) checks the guards, hands this to a
 * worker thread and sends what it returns; the tests call it directly.
 *
 * POST /simulate, /plan and /compare run the command itself (its run
 * function, on options built from the form's fields, in memory: cli.h's
 * dk_memrun), so a served answer is the command's output for the same
 * class list, options and seed.  HTML answers carry the form with the
 * class table above the report.
 */
#ifndef DRAAGKRACHT_SERVE_ANSWER_H
#define DRAAGKRACHT_SERVE_ANSWER_H

#include "draagkracht/cli/cli.h"
#include "draagkracht/serve/form.h"

/* Per-request limits, so one request cannot hold a worker for long. */
#define DK_SERVE_MAX_BODY (1 << 20)
#define DK_SERVE_MAX_REPLICATES 2000
#define DK_SERVE_MAX_CLASSES 200
#define DK_SERVE_MAX_STEPS 400

/* One row of the class table: school (may be empty), class, pupils,
 * support needs, heavy, support; each a malloc'd string. */
enum { DK_COL_SCHOOL, DK_COL_CLASS, DK_COL_PUPILS, DK_COL_OB, DK_COL_HEAVY, DK_COL_SUPPORT,
       DK_NCOL };
typedef struct {
    char *cell[DK_NCOL];
} dk_row;
typedef struct {
    dk_row *row;
    int n, cap;
    int has_school;         /* a board's list: show the school column */
} dk_rows;

/* Read-only after dk_serve_ctx_init: shared by every worker. */
typedef struct {
    dk_model model;         /* the embedded model, loaded once */
    dk_rows example[DK_NLANG];  /* the embedded default school's classes, support named
                                 * in each language (the class list reads both) */
} dk_serve_ctx;

int dk_serve_ctx_init(dk_serve_ctx *c, dk_err *e);
void dk_serve_ctx_free(dk_serve_ctx *c);

typedef struct {
    const char *method;     /* "GET", "POST", ... */
    const char *path;       /* without the query */
    const char *query;      /* after '?', or NULL */
    dk_lang lang;           /* Accept-Language's choice (dk_guard_lang) */
    const char *content_type;
    const char *body;
    size_t len;
} dk_serve_req;

typedef struct {
    int status;             /* 200, 400, 404, 405, 500 */
    const char *type;       /* Content-Type */
    int no_store;           /* a result: Cache-Control: no-store */
    dk_buf body;
} dk_serve_resp;

/* The answer to one request (guards already passed). */
void dk_serve_answer(const dk_serve_ctx *c, const dk_serve_req *rq, dk_serve_resp *rs);
/* A refusal page (403, 413, 421, 503) in language l, message msg. */
void dk_serve_refusal(dk_lang l, int status, const char *msg, dk_serve_resp *rs);
void dk_serve_resp_free(dk_serve_resp *rs);

/* The class table: from a form's t_* fields, from a parsed scenario; as
 * a class list (CSV, ',' separated, with a header). */
int dk_rows_from_form(dk_rows *r, const dk_form *f);
int dk_rows_from_scenario(dk_rows *r, const dk_scenario *sc, dk_lang l);
void dk_rows_csv(const dk_rows *r, dk_buf *b);
void dk_rows_free(dk_rows *r);

/* The Content-Security-Policy for a body: nothing but its own inline
 * <style> elements (by their SHA-256), no scripts, forms to itself. */
void dk_serve_csp(const char *body, size_t len, dk_buf *out);

#endif
