/*
 * answer.c -- a request in, an answer out (answer.h): the start page, the
 * table's edits, and the three commands run in memory on the form's class
 * list and options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/input/classes.h"
#include "draagkracht/model/vocab.h"
#include "draagkracht/report/html.h"
#include "draagkracht/serve/answer.h"
#include "draagkracht/serve/page.h"
#include "draagkracht/serve/sha256.h"
#include "draagkracht/serve/words.h"

/* ---- the class table ---- */

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = dk_malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* A new blank row at the end; NULL when out of memory. */
static dk_row *row_new(dk_rows *r)
{
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 16;
        dk_row *g = dk_realloc(r->row, (size_t)cap * sizeof *g);
        if (!g)
            return NULL;
        r->row = g;
        r->cap = cap;
    }
    dk_row *w = &r->row[r->n];
    for (int k = 0; k < DK_NCOL; k++)
        if (!(w->cell[k] = dup(""))) {
            while (k--)
                dk_free(w->cell[k]);
            return NULL;
        }
    r->n++;
    return w;
}

static int set_cell(dk_row *w, int k, const char *s)
{
    char *c = dup(s);
    if (!c)
        return -1;
    dk_free(w->cell[k]);
    w->cell[k] = c;
    return 0;
}

static int blank(const dk_row *w)
{
    for (int k = 0; k < DK_NCOL; k++)
        if (w->cell[k][strspn(w->cell[k], " \t")])
            return 0;
    return 1;
}

/* The i-th t_* field of column k goes to row i: browsers send a form's
 * fields in document order, row after row. */
int dk_rows_from_form(dk_rows *r, const dk_form *f)
{
    static const char *const names[DK_NCOL] = { "t_school", "t_class", "t_pupils", "t_ob",
                                                "t_heavy", "t_support" };
    int count[DK_NCOL] = { 0 };
    memset(r, 0, sizeof *r);
    for (int i = 0; i < f->n; i++)
        for (int k = 0; k < DK_NCOL; k++) {
            if (strcmp(f->field[i].name, names[k]) != 0)
                continue;
            while (r->n <= count[k])
                if (!row_new(r))
                    return -1;
            if (set_cell(&r->row[count[k]++], k, f->field[i].value) != 0)
                return -1;
        }
    int kept = 0;
    for (int i = 0; i < r->n; i++) {
        if (blank(&r->row[i])) {
            for (int k = 0; k < DK_NCOL; k++)
                dk_free(r->row[i].cell[k]);
            continue;
        }
        r->row[kept++] = r->row[i];
        r->has_school |= r->row[kept - 1].cell[DK_COL_SCHOOL][0] != '\0';
    }
    r->n = kept;
    return 0;
}

/* A count as the list wrote it, or empty when unset (the survey's mean
 * fills it, not a whole number). */
static void count_text(double x, char *out, size_t n)
{
    if (x >= 0 && x == (double)(long)x)
        snprintf(out, n, "%ld", (long)x);
    else
        out[0] = '\0';
}

int dk_rows_from_scenario(dk_rows *r, const dk_scenario *sc, dk_lang l)
{
    memset(r, 0, sizeof *r);
    r->has_school = 1;
    for (int i = 0; i < sc->nclass; i++) {
        const dk_class *c = &sc->classes[i].c;
        char size[24], ob[24], heavy[24], sup[200] = "";
        count_text(c->class_size, size, sizeof size);
        count_text(c->ob, ob, sizeof ob);
        count_text(c->heavy, heavy, sizeof heavy);
        for (int f = 1; f < DK_NSUPPORT; f++)
            if (c->support & (1u << f))
                snprintf(sup + strlen(sup), sizeof sup - strlen(sup), "%s%s", sup[0] ? "+" : "",
                         dk_support_text(l, f));
        dk_row *w = row_new(r);
        if (!w || set_cell(w, DK_COL_SCHOOL, sc->schools[sc->classes[i].school].name) ||
            set_cell(w, DK_COL_CLASS, sc->classes[i].name) || set_cell(w, DK_COL_PUPILS, size) ||
            set_cell(w, DK_COL_OB, ob) || set_cell(w, DK_COL_HEAVY, heavy) ||
            set_cell(w, DK_COL_SUPPORT, sup[0] ? sup : dk_support_text(l, 0)))
            return -1;
    }
    return 0;
}

void dk_rows_csv(const dk_rows *r, dk_buf *b)
{
    static const char *const head[DK_NCOL] = { "school", "class", "class-size",
                                               "support-needs", "heavy", "support" };
    for (int k = r->has_school ? 0 : 1; k < DK_NCOL; k++)
        dk_buf_printf(b, "%s%s", head[k], k + 1 < DK_NCOL ? "," : "\n");
    for (int i = 0; i < r->n; i++)
        for (int k = r->has_school ? 0 : 1; k < DK_NCOL; k++) {
            dk_buf_csv_str(b, r->row[i].cell[k]);
            dk_buf_printf(b, "%s", k + 1 < DK_NCOL ? "," : "\n");
        }
}

void dk_rows_free(dk_rows *r)
{
    for (int i = 0; i < r->n; i++)
        for (int k = 0; k < DK_NCOL; k++)
            dk_free(r->row[i].cell[k]);
    dk_free(r->row);
    memset(r, 0, sizeof *r);
}

/* ---- the shared context ---- */

int dk_serve_ctx_init(dk_serve_ctx *c, dk_err *e)
{
    memset(c, 0, sizeof *c);
    if (dk_model_load_default(&c->model, e) != 0)
        return -1;
    dk_model m;
    dk_scenario sc;
    dk_args none = { 0 };
    if (dk_model_copy(&m, &c->model) != 0) {
        dk_model_free(&c->model);
        return dk_fail_oom(e, "serve");
    }
    int rc = dk_load_scenario(&none, DK_DEFAULT_SCHOOL, &m, &sc, e);
    if (rc == 0) {
        for (int l = 0; rc == 0 && l < DK_NLANG; l++)
            if (dk_rows_from_scenario(&c->example[l], &sc, (dk_lang)l) != 0)
                rc = dk_fail_oom(e, "serve");
        dk_scenario_free(&sc);
    }
    dk_model_free(&m);
    if (rc != 0)
        dk_serve_ctx_free(c);
    return rc;
}

void dk_serve_ctx_free(dk_serve_ctx *c)
{
    dk_model_free(&c->model);
    for (int l = 0; l < DK_NLANG; l++)
        dk_rows_free(&c->example[l]);
}

/* ---- one request ---- */

/* What a request sends: its fields, its class list and the table. */
typedef struct {
    dk_form form;
    dk_lang lang;
    const char *list;           /* the class list's text, or NULL (the embedded school) */
    size_t list_len;
    char list_name[128];        /* its name in messages and JSON */
    dk_buf built;               /* the list made from the table */
    dk_rows rows;               /* the table to show */
    int rows_from_list;         /* rows was read from the list (shown as it was read) */
} input;

static void input_free(input *in)
{
    dk_form_free(&in->form);
    dk_buf_free(&in->built);
    dk_rows_free(&in->rows);
}

static void resp_set(dk_serve_resp *rs, int status, const char *type)
{
    rs->status = status;
    rs->type = type;
}

static void resp_text(dk_serve_resp *rs, int status, const char *msg)
{
    resp_set(rs, status, "text/plain; charset=utf-8");
    dk_buf_printf(&rs->body, "%s\n", msg);
}

/* The page with the form (rows: the request's, else the example) and an error. */
static void form_page(const dk_serve_ctx *c, const input *in, int status, const char *error,
                      int add, dk_serve_resp *rs)
{
    int own = in && (in->rows.n || in->list);
    dk_lang l = in ? in->lang : DK_LANG_EN;
    dk_form_view v = { l, own ? &in->rows : &c->example[l],
                       own && in->list_name[0] ? in->list_name : NULL,
                       in ? &in->form : NULL, add };
    resp_set(rs, status, "text/html; charset=utf-8");
    dk_serve_page_html(&rs->body, &v, error);
}

/* A name for the list: the upload's file name without its folders
 * (browsers send some), else the form's, else "classes.csv". */
static void list_name(input *in, const dk_form_field *file)
{
    const char *name = file && file->filename && file->filename[0] ? file->filename
                     : dk_form_value(&in->form, "classes_name");
    if (!name || !name[0])
        name = "classes.csv";
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            name = p + 1;
    if (!name[0])
        name = "classes.csv";
    /* a longer name is cut, but never inside a UTF-8 character */
    size_t n = strlen(name);
    if (n >= sizeof in->list_name)
        for (n = sizeof in->list_name - 1; n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80; n--)
            ;
    memcpy(in->list_name, name, n);
    in->list_name[n] = '\0';
}

/* The class list: a file or text in 'classes' (non-empty), else the
 * table's rows as a list, else none. */
static int read_list(const dk_serve_ctx *c, input *in, dk_err *e)
{
    const dk_form_field *cl = dk_form_get(&in->form, "classes");
    if (dk_rows_from_form(&in->rows, &in->form) != 0)
        return dk_fail_oom(e, "serve");
    if (cl && cl->len) {
        in->list = cl->value;
        in->list_len = cl->len;
        list_name(in, cl);
        /* show the list's classes in the table, as the program reads them */
        dk_model m;
        dk_scenario sc;
        dk_args none = { 0 };
        dk_err ignore = { 0 };
        if (dk_model_copy(&m, &c->model) != 0)
            return dk_fail_oom(e, "serve");
        if (dk_load_scenario(&none, DK_DEFAULT_SCHOOL, &m, &sc, &ignore) == 0) {
            dk_rows parsed;
            if (dk_classes_parse(&sc, &m, in->list_name, in->list, in->list_len, &ignore) == 0 &&
                dk_rows_from_scenario(&parsed, &sc, in->lang) == 0) {
                dk_rows_free(&in->rows);
                in->rows = parsed;
                in->rows_from_list = 1;
            }
            dk_scenario_free(&sc);
        }
        dk_model_free(&m);
    } else if (in->rows.n) {
        dk_rows_csv(&in->rows, &in->built);
        if (in->built.oom)
            return dk_fail_oom(e, "serve");
        in->list = in->built.data;
        in->list_len = in->built.len;
        list_name(in, NULL);
    }
    return 0;
}

/* Rows of a list's text: its lines but the header (a bound: quoted line
 * ends count too). */
static long list_lines(const char *s, size_t n)
{
    long lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines + (n && s[n - 1] != '\n') - 1;
}

/* The server's own limits on a request; 0, or -1 with e set. */
static int limits(const dk_command *cmd, const input *in, dk_err *e)
{
    dk_lang l = in->lang;
    const char *reps = dk_form_value(&in->form, "replicates");
    if (reps && strtol(reps, NULL, 10) > DK_SERVE_MAX_REPLICATES)
        return dk_fail(e, dk_serve_word(l, DKW_E_REPLICATES), DK_SERVE_MAX_REPLICATES);
    if (in->list && list_lines(in->list, in->list_len) > DK_SERVE_MAX_CLASSES)
        return dk_fail(e, dk_serve_word(l, DKW_E_CLASSES), DK_SERVE_MAX_CLASSES);
    const char *budget = dk_form_value(&in->form, "budget");
    const char *step = dk_form_value(&in->form, "step");
    double bu = budget ? strtod(budget, NULL) : 0, st = step && *step ? strtod(step, NULL) : 0.1;
    if (strcmp(cmd->name, "plan") == 0 && st > 0 && bu / st > DK_SERVE_MAX_STEPS)
        return dk_fail(e, dk_serve_word(l, DKW_E_STEPS), DK_SERVE_MAX_STEPS);
    return 0;
}

/* Options a served command may not take: files, threads, the output. */
static int served_option(const char *name)
{
    static const char *const no[] = { "threads", "classes", "model", "output", "quiet",
                                      "format", NULL };
    for (int i = 0; no[i]; i++)
        if (strcmp(name, no[i]) == 0)
            return 0;
    return 1;
}

static int is_on(const char *v)
{
    return strcmp(v, "on") == 0 || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 ||
           strcmp(v, "true") == 0;
}

/* The command's words from the form: --lang, --format, -q, and its own
 * options by their names (empty fields left out).  argv's strings live
 * in store (NUL-separated); n words. */
static int command_words(const dk_command *cmd, const input *in, const char *format,
                         dk_buf *store, int *n)
{
    *n = 0;
    dk_buf_printf(store, "--lang=%s%c--format=%s%c-q%c", dk_language_get(in->lang)->code, 0,
                  format, 0, 0);
    *n = 3;
    for (int i = 0; cmd->opts[i].name; i++) {
        const char *v = dk_form_value(&in->form, cmd->opts[i].name);
        if (!v || !*v || !served_option(cmd->opts[i].name))
            continue;
        if (!cmd->opts[i].arg && is_on(v))
            dk_buf_printf(store, "--%s%c", cmd->opts[i].name, 0);
        else if (cmd->opts[i].arg)
            dk_buf_printf(store, "--%s=%s%c", cmd->opts[i].name, v, 0);
        else
            continue;
        ++*n;
    }
    return store->oom ? -1 : 0;
}

static const char *content_type(const char *format)
{
    return strcmp(format, "html") == 0 ? "text/html; charset=utf-8"
         : strcmp(format, "json") == 0 ? "application/json; charset=utf-8"
         : strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
}

/* The report with the server's style in its head and the form above it. */
static void result_page(const dk_serve_ctx *c, const input *in, const dk_buf *report,
                        dk_serve_resp *rs)
{
    const char *r = report->data ? report->data : "";
    const char *head = strstr(r, "</head>"), *body = strstr(r, "<body>");
    if (!head || !body || body < head) {
        dk_buf_append(&rs->body, r, report->len);
        return;
    }
    body += strlen("<body>");
    dk_buf_append(&rs->body, r, (size_t)(head - r));
    dk_buf_printf(&rs->body, "<style>%s</style>\n", dk_serve_style());
    dk_buf_append(&rs->body, head, (size_t)(body - head));
    dk_buf_printf(&rs->body, "\n<section class=\"dk-serve\">\n<nav><a href=\"/?lang=%s\">",
                  dk_language_get(in->lang)->code);
    dk_html_esc(&rs->body, dk_serve_word(in->lang, DKW_TITLE));
    dk_buf_printf(&rs->body, "</a></nav>\n<h2>");
    dk_html_esc(&rs->body, dk_serve_word(in->lang, DKW_RESULT_HEAD));
    dk_buf_printf(&rs->body, "</h2>\n");
    int own = in->rows.n || in->list;
    dk_form_view v = { in->lang, own ? &in->rows : &c->example[in->lang],
                       own && in->list_name[0] ? in->list_name : NULL, &in->form, 0 };
    dk_serve_form_html(&rs->body, &v);
    dk_buf_printf(&rs->body, "</section>");
    dk_buf_append(&rs->body, body, report->len - (size_t)(body - r));
}

/* An error in the format asked for: the form page, JSON or text. */
static void refuse(const dk_serve_ctx *c, const input *in, const char *format, int status,
                   const char *msg, dk_serve_resp *rs)
{
    if (strcmp(format, "html") == 0) {
        form_page(c, in, status, msg, 0, rs);
    } else if (strcmp(format, "json") == 0) {
        dk_json j;
        dk_err e = { 0 };
        resp_set(rs, status, content_type(format));
        dk_json_init(&j, &rs->body);
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "error", msg);
        dk_json_end_object(&j);
        if (dk_json_finish(&j, &e) != 0)
            rs->body.oom = 1;
        dk_buf_printf(&rs->body, "\n");
    } else {
        resp_text(rs, status, msg);
    }
}

/* The language: the form's lang, else the query's (both in the form),
 * else Accept-Language's.  -1 with e set for a language it does not speak. */
static int pick_lang(input *in, dk_lang fallback, dk_err *e)
{
    const char *v = dk_form_value(&in->form, "lang");
    in->lang = fallback;
    char msg[200];
    if (v && *v && dk_lang_pick(v, &in->lang, msg, sizeof msg) != 0) {
        in->lang = fallback;
        return dk_fail(e, dk_serve_word(fallback, DKW_E_LANG), v);
    }
    return 0;
}

/* Reads the request's fields (body, then query) and language. */
static int read_input(const dk_serve_req *rq, input *in, dk_err *e)
{
    memset(in, 0, sizeof *in);
    in->lang = rq->lang;
    if (rq->body && dk_form_parse(&in->form, rq->content_type, rq->body, rq->len, e) != 0)
        return -1;
    if (rq->query && dk_form_urlencoded(&in->form, rq->query, strlen(rq->query), e) != 0)
        return -1;
    return pick_lang(in, rq->lang, e);
}

static void run_command(const dk_serve_ctx *c, const dk_command *cmd, const dk_serve_req *rq,
                        dk_serve_resp *rs)
{
    input in;
    dk_err e = { 0 };
    const char *format = "html";
    if (read_input(rq, &in, &e) != 0) {
        refuse(c, &in, format, 400, e.msg, rs);
        input_free(&in);
        return;
    }
    const char *f = dk_form_value(&in.form, "format");
    if (f && *f && strcmp(f, "html") && strcmp(f, "json") && strcmp(f, "csv") &&
        strcmp(f, "table")) {
        dk_fail(&e, dk_serve_word(in.lang, DKW_E_FORMAT), f);
        refuse(c, &in, format, 400, e.msg, rs);
        input_free(&in);
        return;
    }
    format = f && *f ? f : "html";
    dk_buf store = { 0 };
    int n;
    if (read_list(c, &in, &e) != 0 || limits(cmd, &in, &e) != 0 ||
        command_words(cmd, &in, format, &store, &n) != 0) {
        refuse(c, &in, format, store.oom ? 500 : 400, store.oom ? "out of memory" : e.msg, rs);
        dk_buf_free(&store);
        input_free(&in);
        return;
    }
    char *argv[DK_MAX_OPTS + 4];
    char *w = store.data;
    for (int i = 0; i < n; i++, w += strlen(w) + 1)
        argv[i] = w;
    dk_args a;
    dk_memrun mem = { in.list_name, in.list, in.list_len, &c->model, { 0 }, { { 0 }, 0 } };
    int rc = dk_parse_args(cmd, n, argv, &a, &e);
    if (rc == 0) {
        a.mem = &mem;
        rc = cmd->run(&a);
        e = mem.err;
    }
    if (rc == 0) {
        resp_set(rs, 200, content_type(format));
        rs->no_store = 1;
        if (strcmp(format, "html") == 0)
            result_page(c, &in, &mem.out, rs);
        else
            dk_buf_append(&rs->body, mem.out.data ? mem.out.data : "", mem.out.len);
    } else {
        refuse(c, &in, format, rc == DK_EXIT_USAGE ? 400 : 500, e.msg, rs);
    }
    rs->no_store = 1;
    dk_buf_free(&mem.out);
    dk_buf_free(&store);
    input_free(&in);
}

/* POST /edit: the table with a row removed or added (no computation). */
static void edit(const dk_serve_ctx *c, const dk_serve_req *rq, dk_serve_resp *rs)
{
    input in;
    dk_err e = { 0 };
    if (read_input(rq, &in, &e) != 0 || read_list(c, &in, &e) != 0) {
        form_page(c, &in, 400, e.msg, 0, rs);
        input_free(&in);
        return;
    }
    /* a removal names the row as the form showed it (blank rows were dropped) */
    const char *rm = dk_form_value(&in.form, "remove");
    long r = rm ? strtol(rm, NULL, 10) : -1;
    if (r >= 0 && r < in.rows.n) {
        for (int k = 0; k < DK_NCOL; k++)
            dk_free(in.rows.row[r].cell[k]);
        memmove(&in.rows.row[r], &in.rows.row[r + 1],
                (size_t)(in.rows.n - r - 1) * sizeof *in.rows.row);
        in.rows.n--;
    }
    /* an edited table stands, even with no classes left */
    if (!in.rows.n && !in.list_name[0])
        snprintf(in.list_name, sizeof in.list_name, "%s", "classes.csv");
    in.list = in.list ? in.list : "";
    form_page(c, &in, 200, NULL, dk_form_value(&in.form, "add") ? 1 : 0, rs);
    rs->no_store = 1;
    input_free(&in);
}

static void start(const dk_serve_ctx *c, const dk_serve_req *rq, dk_serve_resp *rs)
{
    input in;
    dk_err e = { 0 };
    int rc = read_input(rq, &in, &e);
    form_page(c, &in, rc == 0 ? 200 : 400, rc == 0 ? NULL : e.msg, 0, rs);
    input_free(&in);
}

/* Which of the three commands a path names, or NULL. */
static const dk_command *command_at(const char *path)
{
    static const dk_command *const cmds[] = { &dk_cmd_simulate, &dk_cmd_plan, &dk_cmd_compare };
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        if (path[0] == '/' && strcmp(path + 1, cmds[i]->name) == 0)
            return cmds[i];
    return NULL;
}

void dk_serve_answer(const dk_serve_ctx *c, const dk_serve_req *rq, dk_serve_resp *rs)
{
    memset(rs, 0, sizeof *rs);
    int get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    int post = strcmp(rq->method, "POST") == 0;
    int root = strcmp(rq->path, "/") == 0, editing = strcmp(rq->path, "/edit") == 0;
    const dk_command *cmd = command_at(rq->path);
    dk_err e = { 0 };
    if (root && get)
        start(c, rq, rs);
    else if (editing && post)
        edit(c, rq, rs);
    else if (cmd && post)
        run_command(c, cmd, rq, rs);
    else if (root || editing || cmd)
        dk_serve_refusal(rq->lang, 405, (dk_fail(&e, dk_serve_word(rq->lang, DKW_E_METHOD),
                                                 rq->method), e.msg), rs);
    else
        dk_serve_refusal(rq->lang, 404, (dk_fail(&e, dk_serve_word(rq->lang, DKW_E_NOT_FOUND),
                                                 rq->path), e.msg), rs);
}

void dk_serve_refusal(dk_lang l, int status, const char *msg, dk_serve_resp *rs)
{
    dk_buf_free(&rs->body);
    memset(rs, 0, sizeof *rs);
    resp_set(rs, status, "text/html; charset=utf-8");
    dk_buf *b = &rs->body;
    dk_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
                  "<title>%d</title>\n</head>\n<body>\n<h1>%d</h1>\n<p>",
                  dk_language_get(l)->code, status, status);
    dk_html_esc(b, msg);
    dk_buf_printf(b, "</p>\n<p><a href=\"/?lang=%s\">", dk_language_get(l)->code);
    dk_html_esc(b, dk_serve_word(l, DKW_TITLE));
    dk_buf_printf(b, "</a></p>\n</body>\n</html>\n");
}

void dk_serve_resp_free(dk_serve_resp *rs)
{
    dk_buf_free(&rs->body);
}

void dk_serve_csp(const char *body, size_t len, dk_buf *out)
{
    dk_buf_printf(out, "default-src 'none'; style-src");
    int any = 0;
    const char *end = body + len;
    for (const char *p = body; p && p < end;) {
        const char *open = NULL;
        for (const char *q = p; q + 7 <= end; q++)
            if (memcmp(q, "<style>", 7) == 0) {
                open = q + 7;
                break;
            }
        const char *close = NULL;
        for (const char *q = open; q && q + 8 <= end; q++)
            if (memcmp(q, "</style>", 8) == 0) {
                close = q;
                break;
            }
        if (!open || !close)
            break;
        unsigned char h[32];
        char b64[48];
        dk_sha256(open, (size_t)(close - open), h);
        dk_base64(h, sizeof h, b64);
        dk_buf_printf(out, " 'sha256-%s'", b64);
        any = 1;
        p = close + 8;
    }
    dk_buf_printf(out, "%s; img-src data:; form-action 'self'; base-uri 'none'; "
                  "frame-ancestors 'none'", any ? "" : " 'none'");
}
