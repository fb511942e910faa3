/*
 * test_oom.c -- running out of memory, through the binary: every command
 * under address-space limits (ulimit -v) from the least the program can
 * start in up to what it needs.  Each run either writes its whole output
 * (the same bytes as without a limit) or exits 2 with "out of memory" and
 * leaves no file, not even a temporary one; none ends by a signal.
 *
 * The sanitizer build cannot run under such limits (its shadow memory
 * alone is terabytes of address space): there every case is a skip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "t.h"

typedef struct {
    const char *name;
    const char *args;       /* %1$s: the output directory */
    const char *out;        /* the output file in it; NULL: stdout only */
    int top, step;          /* KB above the start-up floor to scan to, and by
                             * (the model's ensemble alone is about 3 MB) */
    int must_succeed;       /* the scan reaches a limit the command fits in */
} oom_case;

static const oom_case cases[] = {
    { "simulate", "simulate --format csv -o %s/out.csv", "out.csv", 8192, 256, 1 },
    { "simulate, populations on 3 threads",
      "simulate scenarios/population-vo.ini --threads 3 --format json -o %s/out.json",
      "out.json", 6144, 96, 1 },
    { "predict", "predict --format csv -o %s/out.csv", "out.csv", 16384, 512, 1 },
    { "simulate, html page", "simulate --format html -o %s/out.html", "out.html", 8192, 256, 1 },
    { "predict, html page", "predict --format html -o %s/out.html", "out.html", 16384, 512, 1 },
    /* the case: 5000 x 1000 samples a outcome need 440 MB, and
     * under 80000 KB this ended in a segmentation fault */
    { "predict --draws 5000 --teachers 1000",
      "predict --draws 5000 --teachers 1000 --format json -o %s/out.json", "out.json",
      77184, 4096, 0 },
    { "plan", "plan --format json -o %s/out.json", "out.json", 7168, 224, 1 },
    { "compare", "compare scenarios/compare-po-region.ini --replicates 40 --threads 3 "
      "-o %s/out.csv", "out.csv", 5120, 160, 1 },
    { "sweep", "sweep scenarios/sweep-po.ini --n 64 --threads 3 -q -o %s/rows.csv.gz",
      "rows.csv.gz", 8192, 256, 1 },
    { "design", "design --respondents 300 --simulate -o %s/out.csv", "out.csv", 6144, 192, 1 },
    { "fit", "fit %s/../oom-rec.csv --group respondent --outcome tailor --factors "
      "support-needs,heavy,support --by sector --format json", NULL, 2048, 64, 1 },
    { "fit -o", "fit %1$s/../oom-rec.csv --group respondent --outcome tailor --factors "
      "support-needs,heavy,support --by sector -o %1$s/out.model", "out.model", 12288, 384, 1 },
    { "model", "model --targets --format json -o %s/out.json", "out.json", 18432, 576, 1 },
    /* a small ensemble: the posterior's constraint Gram matrix is most of it */
    { "calibrate", "calibrate src/data/targets.txt -q --members 64 --warmup 4 --thin 1 "
      "-o %s/out.model", "out.model", 40960, 1280, 1 },
};

/* Runs args under a limit of kb (0: none), stdout and stderr to files in
 * the scratch directory; the exit status, or 128 + the signal. */
static int run_limited(const t_ctx *t, int kb, const char *args)
{
    char cmd[4000], limit[64] = "";
    if (kb)
        snprintf(limit, sizeof limit, "ulimit -v %d && ", kb);
    snprintf(cmd, sizeof cmd, "%scd %s && exec %s %s >%s/oom.out 2>%s/oom.err", limit,
             t->root, t->bin, args, t->tmp, t->tmp);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
}

/* The least limit (KB, on a 64 KB grid) the static program starts and
 * answers --help in: below it the loader itself cannot map the program,
 * so no code of ours runs; 0 if none up to 64 MB.  Found by halving (a
 * dozen launches instead of seventy): a program that starts under a limit
 * starts under every larger one. */
static int start_floor(const t_ctx *t)
{
    int lo = 1024 / 64 - 1, hi = 65536 / 64;       /* lo fails (or is below 1 MB), hi ? */
    if (run_limited(t, hi * 64, "--help") != 0)
        return 0;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (run_limited(t, mid * 64, "--help") == 0)
            hi = mid;
        else
            lo = mid;
    }
    return hi * 64;
}

/* Where a case's output goes: its file, or the captured stdout. */
static void output_path(const t_ctx *t, const oom_case *c, const char *dir, char *path,
                        size_t cap)
{
    if (c->out)
        snprintf(path, cap, "%s/%s", dir, c->out);
    else
        snprintf(path, cap, "%s/oom.out", t->tmp);
}

/* The check one run fails, or NULL. */
static const char *judge(const t_ctx *t, const oom_case *c, int status, const char *dir,
                         const char *ref, size_t reflen)
{
    char left[600], path[600];
    int files = t_list_dir(dir, left, sizeof left);
    size_t len;
    if (status > 128)
        return "ended by a signal";
    if (status == 0) {
        if (files != (c->out != NULL))
            return "exit 0 but not exactly the output file";
        output_path(t, c, dir, path, sizeof path);
        char *got = t_slurp(path, &len);
        int same = got && len == reflen && memcmp(got, ref, len) == 0;
        free(got);
        return same ? NULL : "exit 0 with other output than without a limit";
    }
    if (status != 2)
        return "exit status not 0 or 2";
    snprintf(path, sizeof path, "%s/oom.out", t->tmp);
    char *out = t_slurp(path, &len);
    free(out);
    if (files || (out && len))
        return "exit 2 but output is left";
    snprintf(path, sizeof path, "%s/oom.err", t->tmp);
    char *err = t_slurp(path, NULL);
    int said = t_contains(err, "out of memory");
    free(err);
    return said ? NULL : "exit 2 without 'out of memory'";
}

/* The reference output of a case, run without a limit (NULL: failed). */
static char *reference(t_ctx *t, const oom_case *c, const char *dir, const char *args,
                       size_t *len)
{
    char path[600];
    int status = run_limited(t, 0, args);
    output_path(t, c, dir, path, sizeof path);
    char *ref = status == 0 ? t_slurp(path, len) : NULL;
    if (!ref) {
        char name[200];
        snprintf(name, sizeof name, "out of memory: %s runs without a limit", c->name);
        t_ok(t, 0, name, "status %d", status);
    }
    return ref;
}

static void scan(t_ctx *t, const oom_case *c, int floor, const char *dir)
{
    char args[2000], name[300], first[700] = "", clean[700];
    snprintf(args, sizeof args, c->args, dir);
    snprintf(clean, sizeof clean, "rm -f %s/*", dir);
    size_t reflen = 0;
    if (system(clean) != 0)
        fprintf(stderr, "runner: could not empty %s\n", dir);
    char *ref = reference(t, c, dir, args, &reflen);
    if (!ref)
        return;
    int bad = 0, oom = 0, ok = 0, runs = 0, fit_at = 0;
    /* quick: the floor, the middle and the top of the range only */
    int step = t->quick ? c->top / 2 : c->step;
    for (int kb = floor; kb <= floor + c->top && !ok; kb += step, runs++) {
        if (system(clean) != 0)
            fprintf(stderr, "runner: could not empty %s\n", dir);
        int status = run_limited(t, kb, args);
        const char *why = judge(t, c, status, dir, ref, reflen);
        oom += status == 2;
        if (status == 0)
            ok = 1, fit_at = kb;
        if (why && bad++ == 0) {
            char errpath[400];
            snprintf(errpath, sizeof errpath, "%s/oom.err", t->tmp);
            char *err = t_slurp(errpath, NULL);
            snprintf(first, sizeof first, "%d KB: status %d, %s; stderr '%.300s'", kb,
                     status, why, err ? err : "");
            free(err);
        }
    }
    snprintf(name, sizeof name, "out of memory: %s under %d limits from the %d KB start-up "
             "floor: exit 0 with all its output or 2 and no file, never a signal", c->name,
             runs, floor);
    t_ok(t, bad == 0 && oom > 0 && (ok || !c->must_succeed), name,
         "%d wrong (first: %s); %d out of memory, %s", bad, first, oom,
         ok ? "then fits" : "never fits in the limits scanned");
    if (ok && t->verbose)
        printf("     %s fits in %d KB\n", c->name, fit_at);
    free(ref);
}

/* The cases --quick keeps: a file writer, threads, and stdout. */
static int quick_case(const char *name)
{
    return strcmp(name, "simulate") == 0 || strcmp(name, "sweep") == 0 ||
           strcmp(name, "fit") == 0;
}

void test_oom(t_ctx *t)
{
    size_t n = sizeof cases / sizeof cases[0];
#ifdef __SANITIZE_ADDRESS__
    for (size_t i = 0; i < n; i++) {
        char name[200];
        snprintf(name, sizeof name, "out of memory: %s under ulimit -v", cases[i].name);
        t_skip(t, name, "the ASan build cannot run under an address-space limit");
    }
    return;
#endif
    char dir[300], cmd[700];
    snprintf(dir, sizeof dir, "%s/oom-all", t->tmp);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cd %s && %s design --respondents 300 --seed 11 "
             "--simulate -o %s/oom-rec.csv >/dev/null 2>&1", dir, t->root, t->bin, t->tmp);
    int floor = start_floor(t);
    t_ok(t, floor > 0, "out of memory: the program starts under some limit up to 64 MB",
         "--help failed under every limit");
    if (system(cmd) != 0 || floor == 0) {
        t_ok(t, 0, "out of memory: the fit data can be made", "'%s' failed", cmd);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (t->quick && !quick_case(cases[i].name))
            continue;
        scan(t, &cases[i], floor, dir);
    }
    if (t->quick)
        printf("note: --quick scanned 3 of the %zu out-of-memory cases at up to 3 limits each "
               "(./build.sh test scans them all)\n", n);
}
