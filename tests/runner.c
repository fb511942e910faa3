/*
 * runner.c -- runs every suite: unit tests against the library objects,
 * then end-to-end tests against the binary named on the command line.
 *
 *   runner BINARY ROOT [-v]
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

void t_ok(t_ctx *t, int cond, const char *name, const char *fmt, ...)
{
    if (cond) {
        t->passed++;
        if (t->verbose)
            printf("ok   %s\n", name);
        return;
    }
    t->failed++;
    printf("FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

void t_skip(t_ctx *t, const char *name, const char *why)
{
    t->skipped++;
    printf("SKIP %s: %s\n", name, why);
}

int t_list_dir(const char *dir, char *out, size_t cap)
{
    int n = 0;
    out[0] = '\0';
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(out + strlen(out), cap - strlen(out), "%s ", e->d_name);
            n++;
        }
    if (d)
        closedir(d);
    return n;
}

int t_same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = t_slurp(a, &la), *y = t_slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

char *t_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int t_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void t_run(t_ctx *t, const char *args, t_run_result *r)
{
    char cmd[8192], out[300], err[300];
    snprintf(out, sizeof out, "%s/stdout", t->tmp);
    snprintf(err, sizeof err, "%s/stderr", t->tmp);
    snprintf(cmd, sizeof cmd, "cd %s && %s %s >%s 2>%s", t->root, t->bin, args,
             out, err);
    int st = system(cmd);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    r->out = t_slurp(out, &r->outlen);
    r->err = t_slurp(err, NULL);
    if (!r->out)
        r->out = calloc(1, 1);
    if (!r->err)
        r->err = calloc(1, 1);
}

void t_run_free(t_run_result *r)
{
    free(r->out);
    free(r->err);
}

int t_default_model(t_ctx *t, const char *suite, dk_model *m)
{
    dk_err e;
    if (dk_model_load_default(m, &e) == 0)
        return 0;
    char name[200];
    snprintf(name, sizeof name, "%s: default model", suite);
    t_ok(t, 0, name, "%s", e.msg);
    return -1;
}

int t_contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

int t_missing(const char *hay, const char *const *needles)
{
    int missing = 0;
    for (int i = 0; needles[i]; i++)
        missing += !t_contains(hay, needles[i]);
    return missing;
}

/* Every suite, in the order they run; `runner BIN ROOT [-v] [SUITE...]`
 * runs only the named ones (while working on one module). */
static const struct { const char *name; void (*run)(t_ctx *); } suites[] = {
    { "layers", test_layers },
    { "vocab", test_vocab },
    { "text", test_text },
    { "lang", test_lang },
    { "html", test_html },
    { "json", test_json },
    { "huffman", test_huffman },
    { "model", test_model },
    { "targets", test_targets },
    { "calibrate", test_calibrate },
    { "ensemble", test_ensemble },
    { "simulate", test_simulate },
    { "survey", test_survey },
    { "cli", test_cli },
    { "scenario", test_scenario },
    { "plan", test_plan },
    { "compare", test_compare },
    { "fit", test_fit },
    { "design", test_design },
    { "sweep", test_sweep },
    { "report", test_report },
    { "classes", test_classes },
    { "formats", test_formats },
    { "files", test_files },
    { "readme", test_readme },
    { "alloc", test_alloc },
    { "oom", test_oom },
};

static int wanted(int argc, char **argv, int first, const char *name)
{
    if (first >= argc)
        return 1;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: runner BINARY ROOT [-v] [SUITE...]\n");
        return 2;
    }
    t_ctx t = { 0 };
    char bin[4096], root[4096];
    if (!realpath(argv[1], bin) || !realpath(argv[2], root)) {
        fprintf(stderr, "runner: cannot resolve %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    /* ROOT may be the tests directory or the repository itself. */
    if (strlen(root) > 6 && strcmp(root + strlen(root) - 6, "/tests") == 0)
        root[strlen(root) - 6] = '\0';
    t.bin = bin;
    t.root = root;
    t.verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    snprintf(t.tmp, sizeof t.tmp, "/tmp/dk-test-XXXXXX");
    if (!mkdtemp(t.tmp)) {
        perror("runner: mkdtemp");
        return 2;
    }
    /* the binary's default language follows the environment; the tests
     * expect English unless they ask for another */
    setenv("DRAAGKRACHT_LANG", "en", 1);
    int first = 3 + t.verbose;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (wanted(argc, argv, first, suites[i].name))
            suites[i].run(&t);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", t.tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "runner: could not remove %s\n", t.tmp);
    /* skips on their own line: the last line stays "N passed, N failed" */
    if (t.skipped)
        printf("%d skipped\n", t.skipped);
    printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
