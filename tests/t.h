/*
 * t.h -- the test runner's tiny harness.  A test is a named assertion;
 * the runner prints one line per failure, and "N passed, N failed" last.
 */
#ifndef T_H
#define T_H

#include <stddef.h>

#include "draagkracht/model/model.h"

typedef struct {
    int passed, failed, skipped;
    const char *bin;        /* the draagkracht binary under test */
    const char *root;       /* repository root (for src/data, tests/golden) */
    char tmp[256];          /* scratch directory */
    int verbose;
    int quick;              /* --quick: a handful of the ulimit -v scans */
} t_ctx;

/* Records one result; fmt describes the failure. */
void t_ok(t_ctx *t, int cond, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A check that cannot run in this build: printed as SKIP with why, and
 * counted apart (neither passed nor failed). */
void t_skip(t_ctx *t, const char *name, const char *why);

/* Runs the binary with args (a shell word list); captures both streams. */
typedef struct {
    int status;
    char *out, *err;
    size_t outlen;
} t_run_result;

void t_run(t_ctx *t, const char *args, t_run_result *r);
void t_run_free(t_run_result *r);
int t_contains(const char *hay, const char *needle);
/* How many of the NULL-ended needles are not in hay. */
int t_missing(const char *hay, const char *const *needles);
char *t_slurp(const char *path, size_t *len);   /* NULL if missing */
int t_exists(const char *path);
/* Files in dir (its names into out, space-separated); 0 if none. */
int t_list_dir(const char *dir, char *out, size_t cap);
/* 1 when both files exist and hold the same bytes. */
int t_same_bytes(const char *a, const char *b);

/* End-to-end checks of the binary (test_cli.c): exit status and text in
 * stdout/stderr; and bad input: exit 2, message, no stdout, no -o file. */
void expect(t_ctx *t, const char *name, const char *args, int status,
            const char *in_out, const char *in_err);
void bad(t_ctx *t, const char *name, const char *args, const char *msg);
/* The same with the output file given by another flag (say --indices). */
void bad_output(t_ctx *t, const char *name, const char *args, const char *flag,
                const char *msg);
void write_file(const char *path, const char *text);
/* Loads the embedded model for a suite; 0, or -1 after recording why. */
int t_default_model(t_ctx *t, const char *suite, dk_model *m);

/* The strict HTML reader of htmlcheck.c: 0, or -1 with why ("line N:
 * problem"). */
typedef struct {
    long elements;
    int svgs, figures, tables;
} t_html_stats;

int t_html_check(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen);
/* The same for a page the server sends: href, action and formaction may
 * name the server's own paths ("/x"), nothing else loads. */
int t_html_check_served(const char *s, size_t len, t_html_stats *st, char *why, size_t whylen);

void test_html(t_ctx *t);
void test_lang(t_ctx *t);
void test_report(t_ctx *t);
void test_classes(t_ctx *t);
void test_vocab(t_ctx *t);
void test_text(t_ctx *t);
void test_json(t_ctx *t);
void test_ensemble(t_ctx *t);
void test_formats(t_ctx *t);
void test_huffman(t_ctx *t);
void test_model(t_ctx *t);
void test_targets(t_ctx *t);
void test_calibrate(t_ctx *t);
void test_scale(t_ctx *t);
void test_simulate(t_ctx *t);
void test_survey(t_ctx *t);
void test_cli(t_ctx *t);
void test_scenario(t_ctx *t);
void test_plan(t_ctx *t);
void test_compare(t_ctx *t);
void test_fit(t_ctx *t);
void test_design(t_ctx *t);
void test_sweep(t_ctx *t);
void test_files(t_ctx *t);
void test_oom(t_ctx *t);
void test_alloc(t_ctx *t);
void test_layers(t_ctx *t);
void test_readme(t_ctx *t);
void test_serve(t_ctx *t);
/* 0 when every line of a README block quoting a command's output (from
 * body, up to the closing fence or the next "$ " line; "..." lines stand
 * for lines left out)
 * stands in out in order; else -1 and why. */
int t_quoted_in_order(const char *body, const char *out, char *why, size_t n);
/* test_formats.c's strict reading of a documented command's output: JSON
 * (json 1) or CSV with a header; and a file it wrote, gzip exactly when
 * named .gz (NULL, after recording why, if not). */
void t_check_output(t_ctx *t, const char *name, const char *body, size_t len, int json);
char *t_output_file(t_ctx *t, const char *path, size_t *len);

#endif
