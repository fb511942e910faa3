/* test_readme.c -- the documentation runs.  Every `draagkracht` command
 * that README.md or a page of docs/ shows in a fenced block runs, as
 * written, in a scratch folder of its own per page (one that sees the
 * repository's scenarios, tests and src): it exits 0 (or the status a
 * `# exit N` comment on its line names), its JSON and CSV read strictly,
 * its HTML page reads strictly, and a block that starts "$ draagkracht
 * ..." (or "$ ./draagkracht ...") holds what the command prints, line by
 * line and in order ("..." stands for lines left out).  And the pages
 * hold together: README is a front page (at most 400 lines) that links
 * every page of docs/, every link and every repository path they name
 * exists, and README calls `./draagkracht` until it has shown how to put
 * `draagkracht` on the PATH. */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "t.h"

#define MAX_CMDS 160
#define CMD_LEN 700

/* The line of text starting at p, without its newline, into buf. */
static const char *line_at(const char *p, char *buf, size_t n)
{
    size_t k = strcspn(p, "\n");
    snprintf(buf, n, "%.*s", (int)k, p);
    return p[k] ? p + k + 1 : p + k;
}

static int elided(const char *s)
{
    s += strspn(s, " ");
    return strcmp(s, "...") == 0;
}

int t_quoted_in_order(const char *body, const char *out, char *why, size_t n)
{
    char want[2000], have[2000];
    const char *o = out;
    /* the block ends at its fence or at the next "$ command" */
    for (const char *p = body; *p && strncmp(p, "```", 3) != 0 && strncmp(p, "$ ", 2) != 0;) {
        p = line_at(p, want, sizeof want);
        if (elided(want))
            continue;
        int found = 0;
        while (*o && !found) {
            o = line_at(o, have, sizeof have);
            found = strcmp(want, have) == 0;
        }
        if (!found) {
            snprintf(why, n, "not in the output (in order): '%.300s'", want);
            return -1;
        }
    }
    return 0;
}

/* Where a command's JSON or CSV goes: into out[] (file names, or "-" for
 * stdout) with its kind (1 JSON, 0 CSV); the count. */
static int doc_outputs(char *cmd, char *out[4], int kind[4])
{
    char *w[64];
    int n = 0, m = 0, json = -1;
    const char *indices = NULL, *o = NULL;
    for (char *s = strtok(cmd, " "); s && n < 64; s = strtok(NULL, " "))
        w[n++] = s;
    for (int i = 0; i + 1 < n; i++) {
        if (strcmp(w[i], "--format") == 0)
            json = strcmp(w[i + 1], "json") == 0 ? 1 : strcmp(w[i + 1], "csv") == 0 ? 0 : -1;
        if (strcmp(w[i], "-o") == 0)
            o = w[i + 1];
        if (strcmp(w[i], "--indices") == 0)
            indices = w[i + 1];
    }
    int sweep = n > 1 && strcmp(w[1], "sweep") == 0;
    /* --format is for the indices in sweep, else for the output */
    const char *target = json < 0 ? NULL : sweep ? indices : o ? o : "-";
    if (target) {
        out[m] = (char *)target;
        kind[m++] = json;
    }
    /* files named .csv or .csv.gz: sweep's rows, design's allocation */
    size_t k = o ? strlen(o) : 0;
    if (o && o != target && ((k > 4 && strcmp(o + k - 4, ".csv") == 0) ||
                             (k > 7 && strcmp(o + k - 7, ".csv.gz") == 0))) {
        out[m] = (char *)o;
        kind[m++] = 0;
    }
    return m;
}

/* One command a page shows: its words, the exit status it should end
 * with, and (for "$ draagkracht ...") the output quoted after it. */
typedef struct {
    char line[CMD_LEN];
    int status;
    const char *quoted;
} doc_cmd;

/* The status a "# exit N" comment names (0 without one); cuts the
 * comment off s. */
static int comment_status(char *s)
{
    char *hash = strstr(s, " #");
    if (!hash)
        return 0;
    int st = 0;
    if (sscanf(hash, " # exit %d", &st) != 1)
        st = 0;
    *hash = '\0';
    return st;
}

/* The example commands in a page's fenced blocks, continued lines joined,
 * in order; synopses (with [ ] | < >), shell (with $ { } `) and indented
 * lines left out.
 * Returns how many went into cmds. */
static int doc_commands(const char *text, doc_cmd *cmds, int max)
{
    int n = 0, fenced = 0, dollar = 0, status = 0;
    char line[CMD_LEN] = "";
    for (const char *p = text; *p && n < max;) {
        char buf[CMD_LEN];
        p = line_at(p, buf, sizeof buf);
        if (strncmp(buf, "```", 3) == 0) {
            fenced = !fenced;
            continue;
        }
        if (!fenced)
            continue;
        /* a command starts at the margin (an indented one is part of a
         * shell script, which test_sweep runs whole) */
        char *s = line[0] ? buf + strspn(buf, " ") : buf;
        if (!line[0]) {
            dollar = strncmp(s, "$ ", 2) == 0;
            if (dollar)
                s += 2;
            if (strncmp(s, "./", 2) == 0)
                s += 2;
            if (strncmp(s, "draagkracht ", 12) != 0)
                continue;
            s += 12;
            status = 0;
        }
        int st = comment_status(s);
        status = st ? st : status;
        size_t k = strlen(s);
        while (k && s[k - 1] == ' ')
            s[--k] = '\0';
        int more = k && s[k - 1] == '\\';
        if (more)
            s[--k] = '\0';
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s", s);
        if (more)
            continue;
        if (!strpbrk(line, "[]|<>${}`")) {
            cmds[n].quoted = dollar ? p : NULL;     /* "$ draagkracht" is followed by its output */
            cmds[n].status = status;
            snprintf(cmds[n++].line, CMD_LEN, "%s", line);
        }
        line[0] = '\0';
    }
    return n;
}

/* A command that writes neither JSON nor CSV: its table on stdout is not
 * empty, and a page it writes (-o NAME.html) reads strictly. */
static void doc_page(t_ctx *t, const char *dir, const char *label, const char *cmd,
                     const t_run_result *r)
{
    char name[900], o[300] = "", why[300] = "", fp[1200];
    const char *at = strstr(cmd, " -o "), *ix = strstr(cmd, " --indices ");
    if (at || ix)
        sscanf(at ? at + 4 : ix + 11, "%299s", o);
    size_t k = strlen(o), len = 0;
    snprintf(name, sizeof name, "%s example writes its answer: %.600s", label, cmd);
    snprintf(fp, sizeof fp, "%s/%s", dir, o);
    char *text = k && strcmp(o, "-") != 0 ? t_slurp(fp, &len) : NULL;
    if (!(k > 5 && strcmp(o + k - 5, ".html") == 0)) {
        t_ok(t, r->status != 0 || (text ? len > 0 : r->outlen > 0), name, "nothing in %s",
             text ? o : "stdout");
    } else {
        t_html_stats st;
        t_ok(t, text && t_html_check(text, len, &st, why, sizeof why) == 0, name, "%s: %s", o,
             text ? why : "not written");
    }
    free(text);
}

/* The JSON and CSV one command wrote, read strictly. */
static void doc_formats(t_ctx *t, const char *dir, const char *label, const char *cmd,
                        const t_run_result *r)
{
    char words[CMD_LEN], *out[4], name[900];
    int kind[4];
    memcpy(words, cmd, sizeof words);
    int m = doc_outputs(words, out, kind);
    if (!m) {
        doc_page(t, dir, label, cmd, r);
        return;
    }
    snprintf(name, sizeof name, "%s: %.600s", label, cmd);
    for (int k = 0; k < m && r->status == 0; k++) {
        size_t len = r->outlen;
        char *file = NULL;
        if (strcmp(out[k], "-") != 0) {
            char fp[1200];
            snprintf(fp, sizeof fp, "%s/%s", dir, out[k]);
            file = t_output_file(t, fp, &len);
            if (!file)
                continue;
        }
        t_check_output(t, name, file ? file : r->out, len, kind[k]);
        free(file);
    }
}

/* Runs every command of one page (label: its path in the repository) in
 * a scratch folder of its own; how many ran. */
static int doc_examples(t_ctx *t, const char *label, const char *text, int idx)
{
    static doc_cmd cmds[MAX_CMDS];
    char dir[400], setup[2000];
    snprintf(dir, sizeof dir, "%s/doc-%d", t->tmp, idx);
    snprintf(setup, sizeof setup, "mkdir -p %s/build && for d in scenarios tests src tools; do "
             "ln -sfn %s/$d %s/$d; done", dir, t->root, dir);
    if (system(setup) != 0) {
        t_ok(t, 0, "docs: a scratch folder", "%s failed", setup);
        return 0;
    }
    t_ctx sub = *t;
    sub.root = dir;
    int n = doc_commands(text, cmds, MAX_CMDS);
    for (int i = 0; i < n; i++) {
        t_run_result r;
        t_run(&sub, cmds[i].line, &r);
        char tname[900];
        snprintf(tname, sizeof tname, "%s example exits %d: %.600s", label, cmds[i].status,
                 cmds[i].line);
        t_ok(t, r.status == cmds[i].status, tname, "status %d; stderr '%.300s'", r.status,
             r.err);
        if (cmds[i].quoted) {
            char why[400] = "";
            snprintf(tname, sizeof tname, "%s: the output of '%.500s' is what it prints", label,
                     cmds[i].line);
            t_ok(t, t_quoted_in_order(cmds[i].quoted, r.out, why, sizeof why) == 0, tname,
                 "%s", why);
        }
        doc_formats(t, dir, label, cmds[i].line, &r);
        t_run_free(&r);
    }
    return n;
}

/* ---- the pages hold together ---- */

static int lines_of(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* A path in the repository (it starts with one of its folders and holds
 * only lower-case path characters: upper case is a placeholder, as in
 * fuzz/regress/TARGET). */
static int repo_path(const char *s, size_t len)
{
    static const char *const top[] = { "src/", "include/", "tools/", "tests/", "scenarios/",
                                       "fuzz/", "docs/", ".ci/", NULL };
    int at_top = 0;
    for (int i = 0; top[i]; i++)
        at_top |= strncmp(s, top[i], strlen(top[i])) == 0 && len > strlen(top[i]);
    for (size_t i = 0; at_top && i < len; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
              strchr("/._-", s[i])))
            return 0;
    return at_top;
}

/* Every `code span` and (link) target that names a repository path
 * exists; the first missing one into why. */
static int paths_exist(const t_ctx *t, const char *label, const char *text, char *why, size_t n)
{
    int missing = 0;
    for (const char *p = text; *p; p++) {
        size_t len;
        if (*p == '`' && p[1] != '`')
            len = strcspn(p + 1, "` \n");
        else if (*p == '(' && p > text && p[-1] == ']')
            len = strcspn(p + 1, ") #\n");
        else
            continue;
        const char *s = p + 1;
        /* links from a page of docs/ are relative to docs/ */
        int in_docs = strncmp(label, "docs/", 5) == 0 && *p == '(';
        char path[900];
        if (in_docs && len > 3 && strncmp(s, "../", 3) == 0)
            snprintf(path, sizeof path, "%.*s", (int)(len - 3), s + 3);
        else if (in_docs && !strchr("./", s[0]) && strncmp(s, "http", 4) != 0)
            snprintf(path, sizeof path, "docs/%.*s", (int)len, s);
        else
            snprintf(path, sizeof path, "%.*s", (int)len, s);
        while (strlen(path) && strchr(".,:;", path[strlen(path) - 1]))
            path[strlen(path) - 1] = '\0';
        if (!repo_path(path, strlen(path)))
            continue;
        char full[1400];
        snprintf(full, sizeof full, "%s/%s", t->root, path);
        if (!t_exists(full) && missing++ == 0)
            snprintf(why, n, "%s names %s, which does not exist", label, path);
        p += len;
    }
    return missing;
}

/* Where README first shows a bare `draagkracht ...` (a fenced line or a
 * code span starting so) before `./build.sh install`: its line, or 0. */
static int bare_before_install(const char *text)
{
    const char *install = strstr(text, "./build.sh install");
    int line = 1, fenced = 0;
    for (const char *p = text; *p && (!install || p < install); line++) {
        char buf[600];
        const char *next = line_at(p, buf, sizeof buf);
        if (strncmp(buf, "```", 3) == 0)
            fenced = !fenced;
        const char *s = buf + strspn(buf, " ");
        if (fenced && (strncmp(s, "draagkracht ", 12) == 0 || strncmp(s, "$ draagkracht ", 14) == 0))
            return line;
        if (!fenced && strstr(buf, "`draagkracht "))
            return line;
        p = next;
    }
    return 0;
}

static void structure(t_ctx *t, const char *readme, char names[][64], int pages,
                      char **texts)
{
    int n = lines_of(readme);
    t_ok(t, n <= 400, "docs: README is a front page, at most 400 lines", "%d lines", n);
    int bare = bare_before_install(readme);
    t_ok(t, bare == 0, "docs: README calls ./draagkracht until it shows ./build.sh install",
         "README.md:%d calls draagkracht before ./build.sh install puts it on the PATH", bare);
    int unlinked = 0;
    char first[80] = "";
    for (int i = 0; i < pages; i++) {
        char link[100];
        snprintf(link, sizeof link, "](docs/%.63s)", names[i]);
        if (!strstr(readme, link) && unlinked++ == 0)
            snprintf(first, sizeof first, "%.63s", names[i]);
    }
    t_ok(t, pages >= 8 && unlinked == 0, "docs: README links every page of docs/",
         "%d pages, %d not linked (first: %s)", pages, unlinked, first);
    char why[1000] = "";
    int missing = paths_exist(t, "README.md", readme, why, sizeof why);
    for (int i = 0; i < pages; i++) {
        char label[100];
        snprintf(label, sizeof label, "docs/%.63s", names[i]);
        missing += paths_exist(t, label, texts[i], why + strlen(why), sizeof why - strlen(why));
    }
    t_ok(t, missing == 0, "docs: every path and link README and docs/ name exists",
         "%d missing: %s", missing, why);
}

/* A page of one command (or two: simulate and predict): it shows it run. */
static int command_page(const char *name)
{
    static const char *const commands[] = { "simulate.md", "plan.md", "compare.md",
                                            "sweep.md", "fit.md", "design.md", "model.md",
                                            NULL };
    for (int i = 0; commands[i]; i++)
        if (strcmp(name, commands[i]) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The names of the .md pages in docs/, sorted; how many. */
static int doc_pages(const t_ctx *t, char names[][64], int max)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/docs", t->root);
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) && n < max;) {
        size_t k = strlen(e->d_name);
        if (k > 3 && k < 64 && strcmp(e->d_name + k - 3, ".md") == 0)
            snprintf(names[n++], 64, "%.63s", e->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    return n;
}

/* README's `./build.sh install PREFIX` with a relative PREFIX, from
 * another folder: it installs there, not into the repository.  Only when
 * the release build is up to date (make -q), so that the test builds
 * nothing. */
static void install_relative(t_ctx *t)
{
    const char *name = "docs: ./build.sh install relp from another folder installs into that "
                       "folder's relp";
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "cd %s && make -q MODE=rel draagkracht >/dev/null 2>&1", t->root);
    if (system(cmd) != 0) {
        t_skip(t, name, "the release build is not up to date (make MODE=rel draagkracht)");
        return;
    }
    snprintf(cmd, sizeof cmd, "mkdir -p %s/caller && cd %s/caller && sh %s/build.sh install relp "
             ">%s/install.out 2>&1", t->tmp, t->tmp, t->root, t->tmp);
    int st = system(cmd);
    char bin[700], man[700], stray[700];
    snprintf(bin, sizeof bin, "%s/caller/relp/bin/draagkracht", t->tmp);
    snprintf(man, sizeof man, "%s/caller/relp/share/man/man1/draagkracht.1", t->tmp);
    snprintf(stray, sizeof stray, "%s/relp", t->root);
    t_ok(t, st == 0 && t_exists(bin) && t_exists(man) && !t_exists(stray), name,
         "status %d; bin %d, man page %d, %s %s", st, t_exists(bin), t_exists(man), stray,
         t_exists(stray) ? "made" : "not made");
}

void test_readme(t_ctx *t)
{
    char path[700], names[40][64];
    snprintf(path, sizeof path, "%s/README.md", t->root);
    char *readme = t_slurp(path, NULL), *texts[40] = { 0 };
    if (!readme) {
        t_ok(t, 0, "docs: README.md", "cannot read %s", path);
        return;
    }
    int pages = doc_pages(t, names, 40), ran = doc_examples(t, "README.md", readme, 0);
    t_ok(t, ran >= 5, "docs: README's examples were found and run", "%d commands", ran);
    for (int i = 0; i < pages; i++) {
        char label[100];
        snprintf(label, sizeof label, "docs/%.63s", names[i]);
        snprintf(path, sizeof path, "%s/%s", t->root, label);
        texts[i] = t_slurp(path, NULL);
        int k = texts[i] ? doc_examples(t, label, texts[i], i + 1) : 0;
        if (!texts[i])
            texts[i] = calloc(1, 1);
        if (command_page(names[i])) {
            char tname[200];
            snprintf(tname, sizeof tname, "docs: %s's examples were found and run", label);
            t_ok(t, k >= 1, tname, "%d commands", k);
        }
    }
    structure(t, readme, names, pages, texts);
    install_relative(t);
    for (int i = 0; i < pages; i++)
        free(texts[i]);
    free(readme);
}
