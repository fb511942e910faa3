/* test_readme.c -- what README shows a command printing is what it
 * prints: every output block README quotes is found, line by line and in
 * order, in the output of the command that makes it ("..." in a block
 * stands for lines left out).  A block that starts "$ draagkracht ..."
 * names its command and is checked where test_formats runs README's
 * commands (t_quoted_in_order); the others are listed here by their first
 * line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static const struct { const char *first, *cmd; } quoted[] = {
    { "(embedded scenario school-po-8.ini): 1 school", "simulate" },
    { "Plan for De Regenboog (po, 8 classes): budget 1.00 FTE", "plan" },
    { "scenarios/compare-po-region.ini: 1200 classes", "compare scenarios/compare-po-region.ini -q" },
    { "(embedded scenario compare-school-po.ini) with the classes of scenarios/klassen-po.csv",
      "compare --classes scenarios/klassen-po.csv -q" },
};

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
    for (const char *p = body; *p && strncmp(p, "```", 3) != 0;) {
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

static void check_block(t_ctx *t, t_ctx *sub, const char *cmd, const char *body)
{
    t_run_result r;
    t_run(sub, cmd, &r);
    char why[400] = "", name[700];
    int ok = r.status == 0 && t_quoted_in_order(body, r.out, why, sizeof why) == 0;
    snprintf(name, sizeof name, "README's output of '%.500s' is what it prints", cmd);
    t_ok(t, ok, name, "status %d: %s", r.status, r.status ? r.err : why);
    t_run_free(&r);
}

void test_readme(t_ctx *t)
{
    char path[600], dir[400], setup[1400];
    snprintf(path, sizeof path, "%s/README.md", t->root);
    char *text = t_slurp(path, NULL);
    snprintf(dir, sizeof dir, "%s/readme-out", t->tmp);
    snprintf(setup, sizeof setup, "mkdir -p %s && ln -sfn %s/scenarios %s/scenarios", dir,
             t->root, dir);
    if (!text || system(setup) != 0) {
        t_ok(t, 0, "readme: README.md and a scratch folder", "%s", setup);
        free(text);
        return;
    }
    t_ctx sub = *t;
    sub.root = dir;
    int blocks = 0, fenced = 0;
    char first[2000];
    for (const char *p = text; *p;) {
        const char *next = line_at(p, first, sizeof first);
        if (strncmp(first, "```", 3) == 0) {
            fenced = !fenced;
            if (fenced) {
                const char *body = next;
                next = line_at(body, first, sizeof first);
                for (size_t i = 0; i < sizeof quoted / sizeof quoted[0]; i++)
                    if (strncmp(first, quoted[i].first, strlen(quoted[i].first)) == 0) {
                        check_block(t, &sub, quoted[i].cmd, body);
                        blocks++;
                    }
            }
        }
        p = next;
    }
    free(text);
    t_ok(t, blocks == (int)(sizeof quoted / sizeof quoted[0]), "readme: the quoted outputs were "
         "found", "%d of %d blocks", blocks, (int)(sizeof quoted / sizeof quoted[0]));
}
