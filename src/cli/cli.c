/*
 * cli.c -- option parsing and output plumbing for the commands.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "draagkracht/base/quote.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/input/classes.h"
#include "draagkracht/io/fileio.h"

int dk_opt_index(const dk_command *cmd, const char *name)
{
    for (int i = 0; cmd->opts[i].name; i++)
        if (strcmp(cmd->opts[i].name, name) == 0)
            return i;
    return -1;
}

static int find_short(const dk_command *cmd, char c)
{
    for (int i = 0; cmd->opts[i].name; i++)
        if (cmd->opts[i].short_name == c)
            return i;
    return -1;
}

static int unknown_option(const dk_command *cmd, const char *word, dk_lang l, dk_err *e)
{
    const char *names[DK_MAX_OPTS + 2];
    int n = 0;
    for (int i = 0; cmd->opts[i].name && n < DK_MAX_OPTS; i++)
        names[n++] = cmd->opts[i].name;
    names[n++] = "help";
    names[n] = NULL;
    const char *bare = word + strspn(word, "-");
    char key[64];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(bare, "="), bare);
    const char *s = dk_suggest(key, names);
    char opt[80], mean[120];
    snprintf(opt, sizeof opt, "--%s", s ? s : "");
    dk_mean_text(l, s ? opt : NULL, mean, sizeof mean);
    return dk_fail(e, dk_s(l, DKS_E_UNKNOWN_OPT), cmd->name, word, mean, cmd->name);
}

const char *dk_lang_arg(int argc, char **argv)
{
    const char *opt = NULL;
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            opt = argv[i + 1];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            opt = argv[i] + 7;
    return opt;
}

dk_lang dk_args_lang(int argc, char **argv)
{
    dk_lang l;
    char msg[200];
    return dk_lang_pick(dk_lang_arg(argc, argv), &l, msg, sizeof msg) == 0 ? l : DK_LANG_EN;
}

int dk_parse_args(const dk_command *cmd, int argc, char **argv, dk_args *a,
                  dk_err *e)
{
    memset(a, 0, sizeof *a);
    dk_lang l = a->ui = dk_args_lang(argc, argv);
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
            a->help = 1;
            continue;
        }
        if (w[0] != '-' || strcmp(w, "-") == 0) {
            if (a->npos == DK_MAX_POS)
                return dk_fail(e, dk_s(l, DKS_E_TOO_MANY), cmd->name);
            a->pos[a->npos++] = w;
            continue;
        }
        int k;
        const char *val = NULL;
        if (strncmp(w, "--lang", 6) == 0 && (w[6] == '\0' || w[6] == '=')) {
            if (a->lang)
                return dk_fail(e, dk_s(l, DKS_E_TWICE), cmd->name, "lang");
            a->lang = w[6] == '=' ? w + 7 : i + 1 < argc ? argv[++i] : NULL;
            if (!a->lang)
                return dk_fail(e, dk_s(l, DKS_E_LANG_VALUE), cmd->name);
            continue;
        }
        if (w[1] == '-') {
            char key[64];
            size_t len = strcspn(w + 2, "=");
            snprintf(key, sizeof key, "%.*s", (int)len, w + 2);
            k = dk_opt_index(cmd, key);
            if (w[2 + len] == '=')
                val = w + 3 + len;
        } else {
            k = w[2] == '\0' ? find_short(cmd, w[1]) : -1;
        }
        if (k < 0)
            return unknown_option(cmd, w, l, e);
        const dk_opt *o = &cmd->opts[k];
        if (o->arg && !val) {
            /* "--sector -o x" is a forgotten value, not the value "-o";
             * negative numbers ("-3") still pass as values. */
            const char *next = i + 1 < argc ? argv[i + 1] : NULL;
            int looks_like_option = next && next[0] == '-' &&
                (next[1] == '-' || (isalpha((unsigned char)next[1]) && !next[2]));
            if (!next || looks_like_option)
                return dk_fail(e, dk_s(l, DKS_E_NEEDS_VALUE), cmd->name, o->name, o->arg);
            val = argv[++i];
        } else if (!o->arg && val) {
            return dk_fail(e, dk_s(l, DKS_E_NO_VALUE), cmd->name, o->name);
        }
        if (a->val[k])
            return dk_fail(e, dk_s(l, DKS_E_TWICE), cmd->name, o->name);
        a->val[k] = o->arg ? val : "1";
    }
    return 0;
}

const char *dk_opt_get(const dk_command *cmd, const dk_args *a, const char *name)
{
    int k = dk_opt_index(cmd, name);
    return k < 0 ? NULL : a->val[k];
}

/* An option's help in language l: the language's own text, else the
 * option table's (English). */
static const char *opt_help(const dk_command *cmd, const char *opt, const char *en, dk_lang l)
{
    const dk_opt_text *t = dk_language_get(l)->opts;
    for (; t && t->cmd; t++)
        if (strcmp(t->cmd, cmd->name) == 0 &&
            (opt ? t->opt && strcmp(t->opt, opt) == 0 : !t->opt))
            return t->text;
    return en;
}

const char *dk_command_summary(const dk_command *cmd, dk_lang l)
{
    return opt_help(cmd, NULL, cmd->summary, l);
}

void dk_print_help(const dk_command *cmd, dk_lang l)
{
    printf("%s draagkracht %s %s\n\n%s\n\n%s\n", dk_s(l, DKS_HELP_USAGE), cmd->name,
           cmd->usage, opt_help(cmd, NULL, cmd->summary, l), dk_s(l, DKS_HELP_OPTIONS));
    for (int i = 0; cmd->opts[i].name; i++) {
        const dk_opt *o = &cmd->opts[i];
        char left[64];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", o->short_name ? "-" : "",
                 o->short_name ? o->short_name : ' ', o->short_name ? ", " : " ",
                 o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        printf("  %-30s %s\n", left + (o->short_name ? 0 : 1),
               opt_help(cmd, o->name, o->help, l));
    }
    printf("  %-30s %s\n", "--lang LANG", dk_s(l, DKS_HELP_LANG));
    printf("  %-30s %s\n", "-h, --help", dk_s(l, DKS_HELP_HELP));
}

int dk_opt_long(const dk_command *cmd, const dk_args *a, const char *name,
                long lo, long hi, long *out, dk_err *e)
{
    const char *v = dk_opt_get(cmd, a, name);
    if (!v)
        return 0;
    if (dk_parse_long(v, out) != 0)
        return dk_fail(e, dk_s(a->ui, DKS_E_WHOLE), cmd->name, name, v);
    if (*out < lo || *out > hi)
        return dk_fail(e, dk_s(a->ui, DKS_E_RANGE_LONG), cmd->name, name, *out, lo, hi);
    return 0;
}

int dk_opt_double(const dk_command *cmd, const dk_args *a, const char *name,
                  double lo, double hi, double *out, dk_err *e)
{
    const char *v = dk_opt_get(cmd, a, name);
    if (!v)
        return 0;
    if (dk_parse_double(v, out) != 0)
        return dk_fail(e, dk_s(a->ui, DKS_E_NUMBER), cmd->name, name, v);
    if (!(*out >= lo && *out <= hi))
        return dk_fail(e, dk_s(a->ui, DKS_E_RANGE), cmd->name, name, *out, lo, hi);
    return 0;
}

int dk_format_of_path(const char *path)
{
    static const char *const ends[] = { ".csv", ".json", ".html", ".htm" };
    static const dk_format fmt[] = { DK_FMT_CSV, DK_FMT_JSON, DK_FMT_HTML, DK_FMT_HTML };
    size_t n = path ? strlen(path) : 0;
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
        n -= 3;
    for (int i = 0; i < 4; i++) {
        size_t k = strlen(ends[i]);
        if (n > k && strncmp(path + n - k, ends[i], k) == 0)
            return (int)fmt[i];
    }
    return -1;
}

int dk_opt_format(const dk_command *cmd, const dk_args *a, dk_format *f, dk_err *e)
{
    static const char *const names[] = { "table", "csv", "json", "html", NULL };
    const char *v = dk_opt_get(cmd, a, "format");
    int html = cmd->html;
    const char *from = cmd->format_from ? cmd->format_from : "output";
    *f = DK_FMT_TABLE;
    if (!v) {
        int k = *from ? dk_format_of_path(dk_opt_get(cmd, a, from)) : -1;
        if (k == DK_FMT_HTML && !html)
            return dk_fail(e, dk_s(a->ui, DKS_E_NO_HTML), cmd->name, dk_opt_get(cmd, a, from),
                           cmd->name);
        if (k >= 0)
            *f = (dk_format)k;
        return 0;
    }
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0 && (i != DK_FMT_HTML || html)) {
            *f = (dk_format)i;
            return 0;
        }
    const char *s = dk_suggest(v, names);
    if (s && !html && strcmp(s, "html") == 0)
        s = NULL;       /* not "did you mean 'html'" where html is refused */
    char mean[120];
    dk_mean_text(a->ui, s, mean, sizeof mean);
    return dk_fail(e, dk_s(a->ui, DKS_E_FORMAT), cmd->name, v,
                   dk_s(a->ui, html ? DKS_E_FORMATS_HTML : DKS_E_FORMATS), mean);
}

int dk_opt_lang(const dk_command *cmd, const dk_args *a, dk_lang *l, dk_err *e)
{
    char msg[200];
    if (dk_lang_pick(a->lang, l, msg, sizeof msg) != 0)
        return dk_fail(e, "%s: %s", cmd->name, msg);
    return 0;
}

int dk_opt_model(const dk_command *cmd, const dk_args *a, dk_model *m, dk_err *e)
{
    const char *path = dk_opt_get(cmd, a, "model");
    if (path && !*path)
        return dk_fail(e, dk_s(a->ui, DKS_E_EMPTY), cmd->name, "--model");
    int rc;
    if (!path && a->mem && a->mem->model)
        rc = dk_model_copy(m, a->mem->model) == 0 ? 0 : dk_fail_oom(e, cmd->name);
    else
        rc = path ? dk_model_load(m, path, e) : dk_model_load_default(m, e);
    if (rc == 0 && dk_opt_index(cmd, "real-class") >= 0)
        dk_model_set_real_class(m, dk_opt_get(cmd, a, "real-class") != NULL);
    return rc;
}

int dk_load_scenario(const dk_args *a, dk_default which, dk_model *m, dk_scenario *sc,
                     dk_err *e)
{
    if (a->npos)
        return dk_scenario_read(sc, m, a->pos[0], NULL, 0, e);
    return dk_scenario_read_default(sc, m, which, e);
}

int dk_load_school(const dk_command *cmd, const dk_args *a, dk_default which, dk_model *m,
                   dk_scenario *sc, dk_err *e)
{
    const char *list = dk_opt_get(cmd, a, "classes");
    if (list && !*list)
        return dk_fail(e, dk_s(a->ui, DKS_E_EMPTY), cmd->name, "--classes");
    if (dk_load_scenario(a, which, m, sc, e) != 0)
        return -1;
    const dk_memrun *mem = a->mem;
    if (mem && mem->classes_text) {
        if (dk_classes_parse(sc, m, mem->classes_name, mem->classes_text, mem->classes_len,
                             e) != 0) {
            dk_scenario_free(sc);
            return -1;
        }
    } else if (list && dk_classes_load(sc, m, list, e) != 0) {
        dk_scenario_free(sc);
        return -1;
    }
    if (!sc->nschool && !sc->npop) {
        dk_fail(e, dk_s(a->ui, DKS_E_NO_CLASSES), sc->spec_path, cmd->name);
        dk_scenario_free(sc);
        return -1;
    }
    return 0;
}

const char *dk_output_path(const dk_command *cmd, const dk_args *a, dk_err *e)
{
    const char *out = dk_opt_get(cmd, a, "output");
    if (out && !*out) {
        dk_fail(e, dk_s(a->ui, DKS_E_EMPTY), cmd->name, "-o");
        return NULL;
    }
    return out ? out : "-";
}

/* Bytes free to an ordinary user where path would be written; HUGE_VAL
 * when that cannot be told (a pipe, a terminal, a device). */
static double free_space(const char *path)
{
    struct statvfs v;
    struct stat st;
    int rc;
    if (strcmp(path, "-") == 0) {
        if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
            return HUGE_VAL;
        rc = fstatvfs(STDOUT_FILENO, &v);
    } else {
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            return HUGE_VAL;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash)
            slash[slash == dir] = '\0';
        rc = statvfs(slash ? dir : ".", &v);
    }
    return rc == 0 ? (double)v.f_bavail * (double)v.f_frsize : HUGE_VAL;
}

static void human_size(double bytes, char *out, size_t n)
{
    static const char *const unit[] = { "bytes", "kB", "MB", "GB", "TB", "PB" };
    int u = 0;
    for (; bytes >= 1000 && u < 5; u++)
        bytes /= 1000;
    snprintf(out, n, u ? "%.3g %s" : "%.0f %s", bytes, unit[u]);
}

int dk_output_room(const dk_command *cmd, const char *path, double bytes, int quiet,
                   const char *less, dk_lang l, dk_err *e)
{
    char size[32], room[32];
    human_size(bytes, size, sizeof size);
    double avail = free_space(path);
    /* the estimate is from a sample of the output: a tenth to spare */
    if (bytes > 1.1 * avail) {
        human_size(avail, room, sizeof room);
        return dk_fail(e, "%s: the output needs about %s and %s has %s free: write less "
                       "(%s) or elsewhere", cmd->name, size,
                       strcmp(path, "-") ? path : "stdout's disk", room, less);
    }
    if (bytes >= DK_LARGE_OUTPUT && !quiet && isatty(STDERR_FILENO))
        fprintf(stderr, dk_s(l, DKS_ABOUT_TO_WRITE), cmd->name, size,
                strcmp(path, "-") ? path : "stdout");
    return 0;
}

int dk_emit(const dk_command *cmd, const dk_args *a, const dk_buf *b)
{
    dk_err e = DK_ERR_IN(a->ui);
    if (a->mem) {
        if (!b->oom && b->len)
            dk_buf_append(&a->mem->out, b->data, b->len);
        if (!b->oom && !a->mem->out.oom)
            return DK_EXIT_OK;
        dk_fail_oom(&e, cmd->name);
        return dk_cmd_report(a, DK_EXIT_USAGE, &e);
    }
    const char *out = dk_output_path(cmd, a, &e);
    /* an output that ran out of memory part way is not written at all */
    if (out && b->oom) {
        dk_fail_oom(&e, cmd->name);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    /* An -o that cannot be written is the user's path, so exit 2. */
    if (!out || dk_write_atomic(out, b->data ? b->data : "", b->len, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    return DK_EXIT_OK;
}

/* Options naming files a command reads, and files it writes; the
 * positional arguments are read too. */
static const char *const input_opts[] = { "model", "targets-file", "analyse", "classes", NULL };
static const char *const output_opts[] = { "output", "indices", "ranef", "predictions", NULL };
static const char *const output_flags[] = { "-o", "--indices", "--ranef", "--predictions" };

/* Whether two paths name the same regular file, by device and inode (so
 * a hard link, a symlink or another spelling counts); devices such as
 * /dev/null may take several.  An output that does not exist yet is the
 * same as another only by the same name in the same folder. */
static int same_file(const char *a, const char *b)
{
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    struct stat sa, sb;
    int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb)
        return 0;
    char da[4096], db[4096];
    snprintf(da, sizeof da, "%s", a);
    snprintf(db, sizeof db, "%s", b);
    char *ca = strrchr(da, '/'), *cb = strrchr(db, '/');
    if (strcmp(ca ? ca + 1 : a, cb ? cb + 1 : b) != 0)
        return 0;
    if (ca)
        ca[ca == da] = '\0';
    if (cb)
        cb[cb == db] = '\0';
    if (stat(ca ? da : ".", &sa) != 0 || stat(cb ? db : ".", &sb) != 0)
        return strcmp(a, b) == 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Inputs exist: a missing one is reported when it is opened. */
static int is_input(const char *out, const char *in)
{
    struct stat st;
    return stat(in, &st) == 0 && same_file(out, in);
}

/* An output that is also an input, or another output, would be
 * overwritten while (or before) it is read. */
static int output_clash(const dk_command *cmd, const dk_args *a, int k, dk_err *e)
{
    const char *out = dk_opt_get(cmd, a, output_opts[k]), *flag = output_flags[k];
    for (int i = 0; i < a->npos; i++)
        if (is_input(out, a->pos[i]))
            return dk_fail(e, "%s: %s %s is the input %s: write the output to another file",
                           cmd->name, flag, out, a->pos[i]);
    for (int i = 0; input_opts[i]; i++) {
        const char *in = dk_opt_get(cmd, a, input_opts[i]);
        if (in && is_input(out, in))
            return dk_fail(e, "%s: %s %s is the input --%s %s: write the output to "
                           "another file", cmd->name, flag, out, input_opts[i], in);
    }
    for (int j = k + 1; output_opts[j]; j++) {
        const char *other = dk_opt_get(cmd, a, output_opts[j]);
        if (other && same_file(out, other))
            return dk_fail(e, "%s: %s and %s name the same file %s: give each its own",
                           cmd->name, flag, output_flags[j], out);
    }
    return 0;
}

int dk_check_paths(const dk_command *cmd, const dk_args *a, dk_err *e)
{
    for (int k = 0; output_opts[k]; k++)
        if (dk_opt_get(cmd, a, output_opts[k]) && output_clash(cmd, a, k, e) != 0)
            return -1;
    return 0;
}

double dk_seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void dk_progress_start(dk_progress *p, const char *cmd, const char *unit, int quiet)
{
    *p = (dk_progress){ .cmd = cmd, .unit = unit, .start = dk_seconds_now(),
                        .on = !quiet && isatty(fileno(stderr)) };
}

void dk_progress_lang(dk_progress *p, dk_lang l, dk_str unit)
{
    p->lang = l;
    p->unit = dk_s(l, unit);
}

void dk_progress_update(dk_progress *p, double done, double total)
{
    if (!p->on)
        return;
    double now = dk_seconds_now(), run = now - p->start;
    if (done < total && (run < 1 || (p->shown && now - p->last < 0.25)))
        return;
    if (done >= total && !p->shown)
        return;
    p->last = now;
    p->shown = 1;
    double rate = run > 0 ? done / run : 0;
    char r[32];
    snprintf(r, sizeof r, rate >= 100 ? "%.0f" : "%.3g", rate);
    if (done < total)
        fprintf(stderr, dk_s(p->lang, DKS_PROGRESS), p->cmd, done, total, p->unit,
                100 * done / total, r, rate > 0 ? (total - done) / rate : 0.0);
    else
        fprintf(stderr, dk_s(p->lang, DKS_PROGRESS_DONE), p->cmd, done, total, p->unit, run, r, "");
}

void dk_progress_items(void *ctx, int done, int total)
{
    dk_progress_update(ctx, done, total);
}

int dk_cmd_report(const dk_args *a, int status, const dk_err *e)
{
    if (!a->mem)
        return dk_report(status, e);
    a->mem->err = *e;
    return status;
}

int dk_report(int status, const dk_err *e)
{
    char safe[4 * sizeof e->msg];
    fprintf(stderr, "draagkracht: %s\n", dk_quote_controls(e->msg, safe, sizeof safe));
    return status;
}
