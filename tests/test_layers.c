/* test_layers.c -- the house's rule that data flows down: a file of layer
 * L (src/L/ or include/draagkracht/L/) includes headers of L and of the
 * layers below it only, in the order base, lang, io, model, input, run,
 * fit, report, cli, serve.  The words (lang/) sit right above base/ so
 * that io/, model/ and the parsers can word their errors in the reader's
 * language; the reports (report/) sit below the commands.  A header in the
 * wrong room fails here, not in review. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static const char *const layers[] = {
    "base", "lang", "io", "model", "input", "run", "fit", "report", "cli", "serve", NULL
};

static int layer_of(const char *name, size_t n)
{
    for (int i = 0; layers[i]; i++)
        if (strlen(layers[i]) == n && strncmp(layers[i], name, n) == 0)
            return i;
    return -1;
}

/* Counts the files of dir (layer l) and the includes that reach up or
 * out; the first such is described in first. */
static void scan(t_ctx *t, const char *dir, int l, int *files, int *bad, char *first, size_t n)
{
    DIR *d = opendir(dir);
    for (struct dirent *de; d && (de = readdir(d));) {
        size_t k = strlen(de->d_name);
        if (k < 3 || (strcmp(de->d_name + k - 2, ".c") && strcmp(de->d_name + k - 2, ".h")))
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *text = t_slurp(path, NULL);
        ++*files;
        for (const char *p = text; p && (p = strstr(p, "#include \"draagkracht/")); p++) {
            const char *name = p + strlen("#include \"draagkracht/");
            int to = layer_of(name, strcspn(name, "/"));
            if (to <= l && to >= 0)
                continue;
            if (!(*bad)++)
                snprintf(first, n, "%s includes draagkracht/%.*s", path + strlen(t->root) + 1,
                         (int)strcspn(name, "\""), name);
        }
        free(text);
    }
    if (d)
        closedir(d);
}

/* The model's fields that only src/model may read (the rest use model.h's
 * accessors); generic names such as p and n are left to review. */
static const char *const model_fields[] = {
    "->term[", "->sect[", "->share_novice", "->share_vmbo", "->level_size[", "->level_ob[",
    "->level_heavy[", "->pop_size_lo", "->pop_size_hi", "->pop_ob_icc", "->pop_heavy_icc",
    "->mbo_size_sd", "->cost_hours[", "->coaching_hours", "->fte_hours", "->class_fte",
    "->real_offset[", "->real_class", "->nmember", "->nmcol", "->mpos", "m->member", NULL
};

/* Files of the layers above model that read those fields. */
static void model_internals(t_ctx *t)
{
    int hits = 0;
    char first[600] = "", dir[1000];
    for (int l = layer_of("input", 5); layers[l]; l++) {
        snprintf(dir, sizeof dir, "%s/src/%s", t->root, layers[l]);
        DIR *d = opendir(dir);
        for (struct dirent *de; d && (de = readdir(d));) {
            char path[1400];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            char *text = strstr(de->d_name, ".c") ? t_slurp(path, NULL) : NULL;
            for (int f = 0; text && model_fields[f]; f++)
                if (strstr(text, model_fields[f]) && !hits++)
                    snprintf(first, sizeof first, "src/%s/%s reads %s", layers[l], de->d_name,
                             model_fields[f]);
            free(text);
        }
        if (d)
            closedir(d);
    }
    t_ok(t, hits == 0, "layers: above src/model, the model is read through its accessors",
         "%d reads; first: %s", hits, first);
}

void test_layers(t_ctx *t)
{
    model_internals(t);
    int files = 0, bad = 0, empty = 0;
    char first[600] = "", dir[1000];
    for (int l = 0; layers[l]; l++) {
        int before = files;
        snprintf(dir, sizeof dir, "%s/src/%s", t->root, layers[l]);
        scan(t, dir, l, &files, &bad, first, sizeof first);
        snprintf(dir, sizeof dir, "%s/include/draagkracht/%s", t->root, layers[l]);
        scan(t, dir, l, &files, &bad, first, sizeof first);
        empty += files == before;   /* a layer without files: the scan looked elsewhere */
    }
    t_ok(t, !empty && bad == 0, "layers: every include reaches down (base, lang, io, model, "
         "input, run, fit, report, cli, serve)", "%d of %d files' includes reach up or out (%d layers found no "
         "files); first: %s", bad, files, empty, first);
}
