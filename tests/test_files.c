/*
 * test_files.c -- outputs that cannot hurt other files (issue 15): the
 * temporary file cannot be redirected, an interrupted run leaves none, an
 * output never replaces an input, and odd inputs are refused.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"

static int file_is(const char *path, const char *text)
{
    size_t n;
    char *got = t_slurp(path, &n);
    int same = got && n == strlen(text) && memcmp(got, text, n) == 0;
    free(got);
    return same;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Names in dir, other than . and .., that contain part; -1 if dir is
 * unreadable. */
static int count_names(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strstr(e->d_name, part);
    closedir(d);
    return n;
}

/* Runs a shell command in the repository; its exit status. */
static int sh(t_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int sh(t_ctx *t, const char *fmt, ...)
{
    char cmd[4096];
    int n = snprintf(cmd, sizeof cmd, "cd '%s' && { ", t->root);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd + n, sizeof cmd - (size_t)n, fmt, ap);
    va_end(ap);
    strncat(cmd, "; } >/dev/null 2>&1", sizeof cmd - strlen(cmd) - 1);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Defect 1: a symlink planted under the old temporary name
 * (OUT.tmp<PID>) made -o write through it. */
static void planted_symlink(t_ctx *t)
{
    char victim[400], out[400];
    snprintf(victim, sizeof victim, "%s/victim.txt", t->tmp);
    snprintf(out, sizeof out, "%s/planted.csv", t->tmp);
    write_file(victim, "precious\n");
    int st = sh(t, "sh -c 'ln -s %s %s.tmp$$; exec %s predict --format csv --draws 20 -o %s'",
                victim, out, t->bin, out);
    char *got = t_slurp(out, NULL);
    t_ok(t, st == 0 && file_is(victim, "precious\n") && got &&
         t_contains(got, "capability,tailor"),
         "files: a symlink at the temporary name does not redirect -o",
         "status %d; victim %s", st, file_is(victim, "precious\n") ? "intact" : "overwritten");
    free(got);
    sh(t, "rm -f %s.tmp*", out);

    /* the destination itself a symlink: replaced, not written through */
    snprintf(out, sizeof out, "%s/linked.csv", t->tmp);
    if (symlink(victim, out) != 0)
        return;
    st = sh(t, "%s predict --format csv --draws 20 -o %s", t->bin, out);
    struct stat sb;
    t_ok(t, st == 0 && file_is(victim, "precious\n") && lstat(out, &sb) == 0 &&
         S_ISREG(sb.st_mode), "files: a symlink at the destination is replaced, not followed",
         "status %d; victim %s", st, file_is(victim, "precious\n") ? "intact" : "overwritten");
}

static void modes(t_ctx *t)
{
    char out[400];
    snprintf(out, sizeof out, "%s/mode.csv", t->tmp);
    int st = sh(t, "umask 027; %s predict --format csv --draws 20 -o %s", t->bin, out);
    struct stat sb;
    int have = stat(out, &sb) == 0;
    t_ok(t, st == 0 && have && (sb.st_mode & 0777) == 0640,
         "files: an output's mode is 0666 less the umask", "status %d; mode %o", st,
         have ? (unsigned)(sb.st_mode & 0777) : 0u);
    t_ok(t, count_names(t->tmp, ".tmp") == 0, "files: no temporary file stays after a run",
         "%d left", count_names(t->tmp, ".tmp"));
}

/* Runs a long sweep into dir/rows.csv.gz, signals it once its
 * temporary file exists; 1 when it died of sig and left only the old
 * rows, untouched. */
static int interrupted(t_ctx *t, int sig, char *why, size_t n)
{
    char dir[400], out[460];
    snprintf(dir, sizeof dir, "%s/sig%d", t->tmp, sig);
    snprintf(out, sizeof out, "%s/rows.csv.gz", dir);
    mkdir(dir, 0700);
    write_file(out, "old rows\n");
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        dup2(fd, 1);
        dup2(fd, 2);
        /* as a shell's foreground job gets them, whatever the runner has */
        int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
        for (int i = 0; i < 4; i++)
            signal(sigs[i], SIG_DFL);
        execl(t->bin, t->bin, "sweep", "--test-function", "ishigami", "--n", "4194304",
              "-q", "-o", out, (char *)NULL);
        _exit(127);
    }
    int seen = 0, st = 0;
    for (int i = 0; i < 400 && !seen; i++, sleep_ms(25))
        seen = count_names(dir, "rows.csv.gz.tmp") > 0;
    kill(pid, sig);
    int done = 0;
    for (int i = 0; i < 800 && !done; i++, sleep_ms(25))
        done = waitpid(pid, &st, WNOHANG) == pid;
    if (!done) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    int left = count_names(dir, "");
    snprintf(why, n, "temporary file seen %d; %s %d; %d names left; old rows %s", seen,
             WIFSIGNALED(st) ? "signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st)
             : WEXITSTATUS(st), left, file_is(out, "old rows\n") ? "intact" : "changed");
    return seen && done && WIFSIGNALED(st) && WTERMSIG(st) == sig && left == 1 &&
           file_is(out, "old rows\n");
}

/* Defect 2: SIGINT, SIGTERM, SIGHUP (and SIGPIPE) left OUT.tmp<PID>. */
static void interrupts(t_ctx *t)
{
    const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
    const char *names[] = { "SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE" };
    for (int i = 0; i < 4; i++) {
        char why[300], name[200];
        int ok = interrupted(t, sigs[i], why, sizeof why);
        snprintf(name, sizeof name, "files: %s removes the temporary output and ends the "
                 "run by that signal (status %d)", names[i], 128 + sigs[i]);
        t_ok(t, ok, name, "%s", why);
    }
}

/* Defect 3: an output that is an input (by device and inode) is
 * refused before anything is written. */
static void output_is_input(t_ctx *t)
{
    char ini[400], hard[400], rows[400], model[400], args[2000];
    snprintf(ini, sizeof ini, "%s/same.ini", t->tmp);
    snprintf(hard, sizeof hard, "%s/same-hard.ini", t->tmp);
    snprintf(rows, sizeof rows, "%s/same-rows.csv", t->tmp);
    snprintf(model, sizeof model, "%s/same.model", t->tmp);
    const char *scn = "[run]\nreplicates = 10\n[school s]\nsector = po\n[class 1a]\n";
    write_file(ini, scn);
    remove(hard);
    if (link(ini, hard) != 0)
        t_ok(t, 0, "files: hard link for the same-file test", "link failed");
    sh(t, "%s sweep --test-function ishigami --n 16 -o %s", t->bin, rows);
    sh(t, "%s model --format csv > /dev/null; cp src/data/default.model %s", t->bin, model);
    char *rows_before = t_slurp(rows, NULL), *model_before = t_slurp(model, NULL);
    struct { const char *name, *fmt, *a, *b, *msg, *keep; const char *was; } cases[] = {
        { "simulate s.ini -o s.ini", "simulate %s -o %s", ini, ini, "is the input", ini, scn },
        { "simulate s.ini -o (a hard link to s.ini)", "simulate %s -o %s", ini, hard,
          "is the input", ini, scn },
        { "sweep --analyse rows --indices rows", "sweep --analyse %s --indices %s", rows, rows,
          "--indices", rows, rows_before },
        { "predict --model M -o M", "predict --model %s -o %s", model, model,
          "is the input --model", model, model_before },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(args, sizeof args, cases[i].fmt, cases[i].a, cases[i].b);
        t_run_result r;
        t_run(t, args, &r);
        char name[300];
        snprintf(name, sizeof name, "files: %s is refused, the input intact", cases[i].name);
        t_ok(t, r.status == 2 && t_contains(r.err, cases[i].msg) && cases[i].was &&
             file_is(cases[i].keep, cases[i].was), name, "status %d; stderr %.300s",
             r.status, r.err);
        t_run_free(&r);
    }
    free(rows_before);
    free(model_before);
}

/* Defect 6, the file part: a folder is not an empty file, and output
 * that cannot reach stdout is a failure. */
static void odd_files(t_ctx *t)
{
    bad(t, "a folder as the scenario", "simulate scenarios", "scenarios: cannot open: Is a directory");
    bad(t, "a folder as --model", "predict --model src", "src: cannot open: Is a directory");
    if (!t_exists("/dev/full"))
        return;
    const char *args[] = { "--help", "predict --draws 20", "model --targets" };
    for (int i = 0; i < 3; i++) {
        char err[400], name[200];
        snprintf(err, sizeof err, "%s/full.err", t->tmp);
        int st = sh(t, "%s %s >/dev/full 2>%s", t->bin, args[i], err);
        char *msg = t_slurp(err, NULL);
        snprintf(name, sizeof name, "files: %s to a full disk is exit 2", args[i]);
        t_ok(t, st == 2 && t_contains(msg, "stdout: write failed"), name,
             "status %d; stderr %.200s", st, msg ? msg : "");
        free(msg);
    }
}

void test_files(t_ctx *t)
{
    planted_symlink(t);
    modes(t);
    interrupts(t);
    output_is_input(t);
    odd_files(t);
}
