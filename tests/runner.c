/*
 * runner.c -- runs every suite: unit tests against the library objects,
 * then end-to-end tests against the binary named on the command line.
 *
 *   runner BINARY ROOT [-v] [--quick] [-j N] [SUITE...]
 *
 * -j N runs N suites at a time, each in a process of its own with its own
 * scratch folder; their lines are printed in the suites' order, so the
 * output is the same as a serial run's.  --quick keeps only a handful of
 * the slow scans under address-space limits (./build.sh quick).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
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
    dk_err e = { 0 };
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

/* Every suite, in the order they report; `runner BIN ROOT [-v] [SUITE...]`
 * runs only the named ones (while working on one module).  cost is the
 * suite's CPU seconds in a release run (measured with /usr/bin/time, each
 * suite alone): -j starts the dearest first so the last to finish is a
 * short one; it orders the work and changes no result. */
typedef struct {
    const char *name;
    void (*run)(t_ctx *);
    int cost;
} suite;

static const suite suites[] = {
    { "layers", test_layers, 0 },
    { "vocab", test_vocab, 0 },
    { "text", test_text, 0 },
    { "lang", test_lang, 3 },
    { "html", test_html, 0 },
    { "json", test_json, 0 },
    { "huffman", test_huffman, 0 },
    { "model", test_model, 0 },
    { "targets", test_targets, 0 },
    { "scale", test_scale, 2 },
    { "calibrate", test_calibrate, 4 },
    { "ensemble", test_ensemble, 1 },
    { "simulate", test_simulate, 1 },
    { "survey", test_survey, 0 },
    { "cli", test_cli, 4 },
    { "scenario", test_scenario, 1 },
    { "plan", test_plan, 2 },
    { "compare", test_compare, 1 },
    { "fit", test_fit, 0 },
    { "design", test_design, 1 },
    { "sweep", test_sweep, 13 },
    { "report", test_report, 1 },
    { "classes", test_classes, 0 },
    { "formats", test_formats, 6 },
    { "files", test_files, 4 },
    { "readme", test_readme, 1 },
    { "alloc", test_alloc, 1 },
    { "oom", test_oom, 30 },
    { "serve", test_serve, 4 },
};

#define NSUITES (sizeof suites / sizeof suites[0])

static int wanted(int argc, char **argv, int first, const char *name)
{
    if (first >= argc)
        return 1;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

/* One suite run in a child process: its lines go to a file, its counts
 * through a pipe (a crash is then one failure, not a lost runner). */
typedef struct {
    pid_t pid;
    int fd;             /* read end of the counts pipe */
    int state;          /* 0 waiting, 1 running, 2 done, 3 printed */
    int passed, failed, skipped;
    char out[300];
} job;

static int start_job(const t_ctx *t, size_t i, job *j)
{
    int fds[2];
    snprintf(j->out, sizeof j->out, "%s/%s.log", t->tmp, suites[i].name);
    if (pipe(fds) != 0)
        return -1;
    fflush(stdout);
    j->pid = fork();
    if (j->pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (j->pid == 0) {
        close(fds[0]);
        t_ctx c = *t;
        c.passed = c.failed = c.skipped = 0;
        snprintf(c.tmp, sizeof c.tmp, "%.200s/%.40s", t->tmp, suites[i].name);
        int log = open(j->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (mkdir(c.tmp, 0700) != 0 || log < 0 || dup2(log, 1) < 0)
            _exit(3);
        close(log);
        suites[i].run(&c);
        fflush(stdout);
        int counts[3] = { c.passed, c.failed, c.skipped };
        ssize_t w = write(fds[1], counts, sizeof counts);
        _exit(w == (ssize_t)sizeof counts ? 0 : 3);
    }
    close(fds[1]);
    j->fd = fds[0];
    j->state = 1;
    return 0;
}

/* Collects one finished child: its counts, or one failure if it died. */
static void finish_job(job *j, const char *name, int status)
{
    int counts[3];
    ssize_t r = read(j->fd, counts, sizeof counts);
    close(j->fd);
    j->state = 2;
    if (r == (ssize_t)sizeof counts && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        j->passed = counts[0], j->failed = counts[1], j->skipped = counts[2];
        return;
    }
    FILE *f = fopen(j->out, "a");
    if (f) {
        fprintf(f, "FAIL suite %s: its process ended by %s %d\n", name,
                WIFSIGNALED(status) ? "signal" : "exit status",
                WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        fclose(f);
    }
    j->failed = 1;
}

/* Prints the lines of every finished suite not yet printed whose
 * predecessors (in the table's order) are printed. */
static void print_ready(job *jobs, const int *want, t_ctx *t)
{
    for (size_t i = 0; i < NSUITES; i++) {
        if (!want[i] || jobs[i].state == 3)
            continue;
        if (jobs[i].state != 2)
            return;
        char *text = t_slurp(jobs[i].out, NULL);
        fputs(text ? text : "", stdout);
        free(text);
        fflush(stdout);
        t->passed += jobs[i].passed;
        t->failed += jobs[i].failed;
        t->skipped += jobs[i].skipped;
        jobs[i].state = 3;
    }
}

/* Runs the wanted suites, at most n at a time, dearest first. */
static void run_parallel(t_ctx *t, const int *want, int n)
{
    static job jobs[NSUITES];
    size_t order[NSUITES], k = 0;
    for (size_t i = 0; i < NSUITES; i++)
        if (want[i])
            order[k++] = i;
    for (size_t a = 1; a < k; a++)          /* insertion sort by cost, stable */
        for (size_t b = a; b > 0 && suites[order[b]].cost > suites[order[b - 1]].cost; b--) {
            size_t x = order[b];
            order[b] = order[b - 1];
            order[b - 1] = x;
        }
    size_t next = 0;
    int running = 0;
    while (next < k || running > 0) {
        while (running < n && next < k) {
            size_t i = order[next++];
            if (start_job(t, i, &jobs[i]) != 0) {
                printf("FAIL suite %s: could not start its process\n", suites[i].name);
                t->failed++;
                jobs[i].state = 3;
                continue;
            }
            running++;
        }
        int status;
        pid_t pid = wait(&status);
        if (pid < 0)
            break;
        for (size_t i = 0; i < NSUITES; i++)
            if (jobs[i].state == 1 && jobs[i].pid == pid) {
                finish_job(&jobs[i], suites[i].name, status);
                running--;
            }
        print_ready(jobs, want, t);
    }
    print_ready(jobs, want, t);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: runner BINARY ROOT [-v] [--quick] [-j N] [SUITE...]\n");
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
    int first = 3, jobs = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "-v") == 0)
            t.verbose = 1;
        else if (strcmp(argv[first], "--quick") == 0)
            t.quick = 1;
        else if (strcmp(argv[first], "-j") == 0 && first + 1 < argc &&
                 (jobs = atoi(argv[first + 1])) >= 1 && jobs <= 64)
            first++;
        else {
            fprintf(stderr, "runner: unknown option '%s' (or -j not 1..64)\n", argv[first]);
            return 2;
        }
    }
    int want[NSUITES], named = 0;
    for (size_t i = 0; i < NSUITES; i++)
        named += want[i] = wanted(argc, argv, first, suites[i].name);
    if (first < argc && named != argc - first) {
        fprintf(stderr, "runner: a suite named is not one of the suites\n");
        return 2;
    }
    snprintf(t.tmp, sizeof t.tmp, "/tmp/dk-test-XXXXXX");
    if (!mkdtemp(t.tmp)) {
        perror("runner: mkdtemp");
        return 2;
    }
    /* the binary's default language follows the environment; the tests
     * expect English unless they ask for another */
    setenv("DRAAGKRACHT_LANG", "en", 1);
    if (jobs > 1)
        run_parallel(&t, want, jobs);
    else
        for (size_t i = 0; i < NSUITES; i++)
            if (want[i])
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
