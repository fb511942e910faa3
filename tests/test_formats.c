/*
 * test_formats.c -- every machine-readable output of every command, read
 * by the tests' own strict readers (readers.h): `--format json` through
 * the JSON parser, `--format csv` and CSV files through the RFC 4180
 * reader, `.gz` outputs gunzipped first.  Each command runs on the
 * embedded default and on every scenario in scenarios/ it accepts
 * (README's and docs/'s examples run in test_readme.c).  Some key
 * fields are checked too, so that a document that parses but lost its
 * content does not pass.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "readers.h"

/* Fewer replicates than the defaults: the shape of the output does not
 * depend on them, and the suite also runs under ASan. */
#define FAST "--replicates 20"

/* A key field: its type ('n' number, 's' string, 'a' array, 'o' object,
 * 'b' bool, '*' any) followed by a JSON Pointer, as "n/capability/tailor/mean". */
static int has_field(const tj_value *doc, const char *spec)
{
    const tj_value *v = tj_at(doc, spec + 1);
    if (!v)
        return 0;
    switch (spec[0]) {
    case 'n': return v->kind == TJ_NUMBER;
    case 's': return v->kind == TJ_STRING;
    case 'a': return v->kind == TJ_ARRAY;
    case 'o': return v->kind == TJ_OBJECT;
    case 'b': return v->kind == TJ_TRUE || v->kind == TJ_FALSE;
    default: return 1;
    }
}

/* The first of names (NULL-ended) that present() does not find in doc. */
static const char *first_missing(const void *doc, const char *const *names,
                                 int (*present)(const void *doc, const char *name))
{
    for (int i = 0; names && names[i]; i++)
        if (!present(doc, names[i]))
            return names[i];
    return NULL;
}

static int json_present(const void *doc, const char *spec) { return has_field(doc, spec); }
static int csv_present(const void *tab, const char *col) { return tc_col(tab, col) >= 0; }

/* Parses text as JSON and checks its fields (NULL-ended); 1 if all is well.
 * With doc non-NULL the tree is kept for the caller (free with tj_free). */
static int check_json(t_ctx *t, const char *name, const char *text, size_t len,
                      const char *const *fields, tj_value *doc)
{
    tj_value v;
    char err[400] = "", tname[400];
    snprintf(tname, sizeof tname, "json parses: %s", name);
    int ok = tj_parse(text, len, &v, err, sizeof err) == 0;
    t_ok(t, ok, tname, "%s in '%.200s'", err, text);
    if (!ok)
        return 0;
    const char *missing = first_missing(&v, fields, json_present);
    snprintf(tname, sizeof tname, "json has its key fields: %s", name);
    t_ok(t, v.kind == TJ_OBJECT && !missing, tname, "no %s", missing ? missing : "root object");
    if (doc)
        *doc = v;
    else
        tj_free(&v);
    return !missing;
}

/* Reads text as CSV; the columns (NULL-ended) must be in the header and
 * there must be at least min_rows records.  With tab non-NULL the table is
 * kept for the caller (free with tc_free). */
static int check_csv(t_ctx *t, const char *name, const char *text, size_t len,
                     const char *const *cols, size_t min_rows, tc_table *tab)
{
    tc_table c;
    char err[400] = "", tname[400];
    snprintf(tname, sizeof tname, "csv reads (RFC 4180): %s", name);
    int ok = tc_read(text, len, &c, err, sizeof err) == 0;
    t_ok(t, ok, tname, "%s in '%.200s'", err, text);
    if (!ok)
        return 0;
    const char *missing = first_missing(&c, cols, csv_present);
    snprintf(tname, sizeof tname, "csv has its columns and rows: %s", name);
    t_ok(t, !missing && c.nrow >= min_rows && c.final_break, tname,
         "%s%s; %zu rows (want >= %zu)%s", missing ? "no column " : "", missing ? missing : "",
         c.nrow, min_rows, c.final_break ? "" : "; no final line break");
    if (tab)
        *tab = c;
    else
        tc_free(&c);
    return !missing;
}

/* Runs args; 1 (with r filled, to be freed) if it exited 0. */
static int run_ok(t_ctx *t, const char *args, t_run_result *r)
{
    t_run(t, args, r);
    char tname[700];
    snprintf(tname, sizeof tname, "exits 0: %.600s", args);
    t_ok(t, r->status == 0, tname, "status %d; stderr '%.300s'", r->status, r->err);
    return r->status == 0;
}

/* `args --format json` on stdout, parsed, fields checked. */
static void json_of(t_ctx *t, const char *args, const char *const *fields)
{
    char full[1200];
    t_run_result r;
    snprintf(full, sizeof full, "%s --format json", args);
    if (run_ok(t, full, &r))
        check_json(t, full, r.out, r.outlen, fields, NULL);
    t_run_free(&r);
}

static void csv_of(t_ctx *t, const char *args, const char *const *cols, size_t min_rows)
{
    char full[1200];
    t_run_result r;
    snprintf(full, sizeof full, "%s --format csv", args);
    if (run_ok(t, full, &r))
        check_csv(t, full, r.out, r.outlen, cols, min_rows, NULL);
    t_run_free(&r);
}

/* Reads a file the command wrote; it must be gzip exactly when its name
 * ends in .gz.  NULL (after recording why) if not. */
static char *output_file(t_ctx *t, const char *path, size_t *len)
{
    int gz = 0;
    char *text = t_read_maybe_gz(path, len, &gz);
    size_t n = strlen(path);
    int want_gz = n > 3 && strcmp(path + n - 3, ".gz") == 0;
    char tname[500];
    snprintf(tname, sizeof tname, "output file is %s: %s", want_gz ? "gzip" : "plain", path);
    t_ok(t, text && gz == want_gz, tname, text ? "gzip %d" : "unreadable or damaged", gz);
    if (text && gz == want_gz)
        return text;
    free(text);
    return NULL;
}

/* `args -o TMP/file` (the format given in args), then the file read by kind. */
static void file_of(t_ctx *t, const char *args, const char *file, int json,
                    const char *const *keys, size_t min_rows)
{
    char full[1200], path[400];
    t_run_result r;
    snprintf(path, sizeof path, "%s/%s", t->tmp, file);
    remove(path);
    snprintf(full, sizeof full, "%s -o %s", args, path);
    if (run_ok(t, full, &r)) {
        size_t len = 0;
        char *text = output_file(t, path, &len);
        if (text && json)
            check_json(t, full, text, len, keys, NULL);
        else if (text)
            check_csv(t, full, text, len, keys, min_rows, NULL);
        free(text);
    }
    t_run_free(&r);
}

/* ---- the key fields of each command's output ---------------------------- */

static const char *const predict_keys[] = {
    "o/input", "s/input/sector", "n/input/class_size", "s/model", "n/seed", "n/draws",
    "n/capability/tailor/mean", "n/capability/tailor/lo", "a/capability/tailor/shares",
    "n/capability/tailor/shares/4", "n/capability/motivate/hardly",
    "n/demand/assistant/strong", "n/demand/coaching/mean", "a/warnings", NULL
};
static const char *const predict_cols[] = { "kind", "outcome", "mean", "lo", "hi", "share1",
                                            "share5", "share_le2", "share_ge4", NULL };
static const char *const simulate_keys[] = {
    "s/scenario", "s/model", "n/seed", "n/replicates", "s/units/0/unit", "s/units/0/group",
    "n/units/0/capability/tailor/mean", "n/units/0/capability/tailor/le2_hi",
    "n/units/0/demand/assistant/fte", "a/warnings", NULL
};
static const char *const simulate_cols[] = { "unit", "group", "class", "kind", "outcome", "mean",
                                             "share_le2", "share_ge4", "fte", "fte_hi", NULL };
/* school: its name, or null for several schools under one budget */
static const char *const plan_keys[] = {
    "s/scenario", "*/school", "s/objective", "s/prefer", "o/unit_fte", "b/exact", "n/p_tie",
    "n/p_best_reaches_replicate_optimum", "*/other_tie_order", "n/schools/0/next_objective",
    "n/plans/0/classes/0/chosen_share",
    "s/plans/0/rank", "s/plans/0/plan", "n/plans/0/cost_fte", "n/plans/0/delta",
    "s/plans/0/classes/0/class", "n/plans/0/classes/0/outcomes/tailor/mean",
    "n/plans/0/classes/0/outcomes/assistant/fte", "a/budget_curve", "a/warnings", NULL
};
static const char *const plan_cols[] = { "rank", "plan", "cost_fte", "objective", "delta", "school",
                                         "class", "adds", "chosen_share", "outcome", "mean", "fte",
                                         NULL };
static const char *const compare_keys[] = {
    "s/scenario", "n/classes", "s/criterion", "s/baseline/name",
    "n/baseline/level/mean/tailor/value", "n/baseline/level/cost_fte_total/value",
    "s/variants/0/name", "a/variants/0/rules", "n/variants/0/p_best",
    "*/variants/0/change/share_le2/tailor/lo", "o/variants/0/fte_per_pp_le2/tailor",
    "s/ranking/0", "*/p_top_is_best", NULL
};
static const char *const compare_cols[] = { "variant", "kind", "measure", "item", "value", "lo",
                                            "hi", NULL };

/* ---- the scenarios --------------------------------------------------------- */

typedef struct {
    int sweep, school, population, variants, budget;
} scenario_kind;

static scenario_kind classify(const char *text)
{
    scenario_kind k = { 0 };
    k.sweep = t_contains(text, "[sweep]");
    k.school = t_contains(text, "[school ");
    k.population = t_contains(text, "[population ");
    k.variants = t_contains(text, "[variant ");
    k.budget = t_contains(text, "\nbudget");
    return k;
}

/* simulate, plan and compare, wherever the scenario has what they need;
 * file NULL: the embedded default. */
static void scenario_outputs(t_ctx *t, const char *file, scenario_kind k)
{
    char args[800];
    const char *f = file ? file : "";
    snprintf(args, sizeof args, "simulate %s " FAST, f);
    json_of(t, args, simulate_keys);
    csv_of(t, args, simulate_cols, 11);
    if (k.school && !k.population) {
        snprintf(args, sizeof args, "plan %s " FAST "%s", f, k.budget ? "" : " --budget 1");
        json_of(t, args, plan_keys);
        csv_of(t, args, plan_cols, 11);
    }
    if (k.variants) {
        snprintf(args, sizeof args, "compare %s " FAST, f);
        json_of(t, args, compare_keys);
        csv_of(t, args, compare_cols, 10);
    }
}

static const char *const sobol_keys[] = {
    "s/design", "n/rows", "n/base_rows", "n/bootstrap", "n/confidence",
    "s/responses/0/response", "s/responses/0/factors/0/factor", "*/responses/0/factors/0/S1",
    "*/responses/0/factors/0/ST_hi", NULL
};
static const char *const sobol_cols[] = { "response", "factor", "S1", "S1_lo", "ST", "ST_hi", NULL };
static const char *const morris_keys[] = {
    "s/design", "n/trajectories", "s/responses/0/factors/0/factor",
    "*/responses/0/factors/0/mu_star", NULL
};
static const char *const morris_cols[] = { "response", "factor", "mu", "mu_star", "sigma", NULL };

/* A sweep spec: rows (plain and .gz) and indices as json and csv. */
static void sweep_outputs(t_ctx *t, const char *spec)
{
    char args[800];
    snprintf(args, sizeof args, "sweep %s --n 64 -o /dev/null --indices -", spec);
    json_of(t, args, sobol_keys);
    csv_of(t, args, sobol_cols, 1);
    snprintf(args, sizeof args, "sweep %s --n 64", spec);
    file_of(t, args, "rows.csv", 0, NULL, 64);
    file_of(t, args, "rows.csv.gz", 0, NULL, 64);
}

/* Every scenario file, in name order (a new one is tested without a
 * change here). */
static void scenarios(t_ctx *t)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/scenarios", t->root);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), tried = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".ini") == 0) {
            char path[900], file[700];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            snprintf(file, sizeof file, "scenarios/%s", name);
            char *text = t_slurp(path, NULL);
            scenario_kind k = classify(text ? text : "");
            if (k.sweep)
                sweep_outputs(t, file);
            else
                scenario_outputs(t, file, k);
            free(text);
            tried++;
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    t_ok(t, tried >= 5, "formats: every scenario in scenarios/ was run", "%d found", tried);
}

/* ---- the other commands ------------------------------------------------------ */

/* predict's JSON and CSV agree on every number they share (both %.17g). */
static void predict_agrees(t_ctx *t, const char *args)
{
    char full[800];
    t_run_result rj, rc;
    tj_value doc;
    tc_table tab;
    snprintf(full, sizeof full, "%s --format json", args);
    t_run(t, full, &rj);
    snprintf(full, sizeof full, "%s --format csv", args);
    t_run(t, full, &rc);
    int ok = rj.status == 0 && rc.status == 0 &&
             check_json(t, "predict (for the agreement)", rj.out, rj.outlen, predict_keys, &doc);
    if (ok && !check_csv(t, "predict (for the agreement)", rc.out, rc.outlen, predict_cols, 11,
                         &tab)) {
        tj_free(&doc);
        ok = 0;
    }
    int differ = 0, kind = ok ? tc_col(&tab, "kind") : 0, outcome = ok ? tc_col(&tab, "outcome") : 0;
    int mean = ok ? tc_col(&tab, "mean") : 0;
    for (size_t r = 0; ok && r < tab.nrow; r++) {
        char ptr[200];
        snprintf(ptr, sizeof ptr, "/%s/%s/mean", tc_cell(&tab, r, kind), tc_cell(&tab, r, outcome));
        const tj_value *v = tj_at(&doc, ptr);
        differ += !v || v->kind != TJ_NUMBER || v->num != strtod(tc_cell(&tab, r, mean), NULL);
    }
    t_ok(t, ok && tab.nrow == 11 && !differ, "formats: predict's JSON and CSV give the same means",
         "%d differ", differ);
    if (ok) {
        tj_free(&doc);
        tc_free(&tab);
    }
    t_run_free(&rj);
    t_run_free(&rc);
}

static void predict_outputs(t_ctx *t)
{
    const char *cases[] = {
        "predict --draws 20",
        "predict --sector vo --level vmbo --support-needs 9 --heavy 5 --draws 20",
        "predict --sector mbo --support assistant,facility --experience novice --draws 20",
        "predict --class-size 30 --support-needs 20 --heavy 2 --draws 20",     /* warns */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_of(t, cases[i], predict_keys);
        csv_of(t, cases[i], predict_cols, 11);
    }
    predict_agrees(t, "predict --draws 20");
    /* defect 1 of issue 13: "warnings" was outside the root object */
    t_run_result r;
    t_run(t, "predict --class-size 30 --support-needs 20 --heavy 2 --draws 20 --format json", &r);
    tj_value doc;
    char err[300] = "";
    int ok = tj_parse(r.out, r.outlen, &doc, err, sizeof err) == 0;
    const tj_value *w = ok ? tj_at(&doc, "/warnings/0") : NULL;
    t_ok(t, w && w->kind == TJ_STRING && t_contains(w->str, "support-needs 20"),
         "formats: predict's warnings are in its JSON document", "%s", err);
    if (ok)
        tj_free(&doc);
    t_run_free(&r);
}

static void model_outputs(t_ctx *t)
{
    static const char *const keys[] = { "s/model", "s/parameters/0/name", "n/parameters/0/value",
                                        "n/parameters/0/lo", "s/parameters/0/kind",
                                        "s/parameters/0/source", NULL };
    static const char *const cols[] = { "name", "value", "lo", "hi", "kind", "source", NULL };
    static const char *const tkeys[] = { "s/model", "s/targets/0/id", "s/targets/0/reading",
                                         "s/targets/0/checks/0/check",
                                         "n/targets/0/checks/0/min_slack", "n/targets/0/checks/0/share_met",
                                         "n/targets/0/share_members_met", "n/members",
                                         "b/targets/0/checks/0/met", "*/targets/0/met",
                                         "n/unmet", NULL };
    static const char *const tcols[] = { "id", "seed", "line", "check", "lhs_minus_rhs", "lo", "hi",
                                         "share_met", "min_slack",
                                         "met", NULL };
    json_of(t, "model", keys);
    csv_of(t, "model", cols, 100);
    json_of(t, "model --targets", tkeys);
    csv_of(t, "model --targets", tcols, 20);
}

/* The outcome and group columns of tests/data/fit/NAME.csv, from the
 * "spec" line of NAME.lme4.txt. */
static int fit_spec(t_ctx *t, const char *csv, char *outcome, char *group)
{
    char path[800];
    snprintf(path, sizeof path, "%s/tests/data/fit/%.*s.lme4.txt", t->root,
             (int)strlen(csv) - 4, csv);
    char *text = t_slurp(path, NULL), *spec = text ? strstr(text, "\nspec ") : NULL;
    int ok = spec && sscanf(spec, "\nspec %63s %*s %*s %63s", outcome, group) == 2;
    free(text);
    return ok ? 0 : -1;
}

static void fit_outputs(t_ctx *t)
{
    static const char *const keys[] = { "s/data", "s/group", "*/by", "s/method",
                                        "s/fits/0/outcome", "n/fits/0/n_obs",
                                        "n/fits/0/fixed/(Intercept)/estimate",
                                        "n/fits/0/fixed/(Intercept)/se", "n/fits/0/var_group",
                                        "n/fits/0/loglik", "b/fits/0/boundary", NULL };
    static const char *const cols[] = { "by", "outcome", "method", "term", "estimate",
                                        "std_error", NULL };
    char dir[600];
    snprintf(dir, sizeof dir, "%s/tests/data/fit", t->root);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), tried = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name);
        char args[800], outcome[64], group[64];
        if (len > 4 && strcmp(names[i]->d_name + len - 4, ".csv") == 0 &&
            fit_spec(t, names[i]->d_name, outcome, group) == 0) {
            snprintf(args, sizeof args, "fit tests/data/fit/%s --group %s --outcome %s",
                     names[i]->d_name, group, outcome);
            json_of(t, args, keys);
            csv_of(t, args, cols, 8);
            tried++;
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    t_ok(t, tried >= 3, "formats: fit ran on the test data", "%d files", tried);
    const char *more = "fit tests/data/fit/unbalanced.csv --group respondent --outcome tailor "
                       "--factors support-needs,heavy,support --covariates years --ml";
    json_of(t, more, keys);
    csv_of(t, more, cols, 8);
}

static void sweep_outputs_more(t_ctx *t)
{
    const char *ish = "sweep --test-function ishigami --n 256 -o /dev/null --indices -";
    json_of(t, ish, sobol_keys);
    csv_of(t, ish, sobol_cols, 3);
    const char *mor = "sweep --test-function ishigami --design morris --n 20 -o /dev/null "
                      "--indices -";
    json_of(t, mor, morris_keys);
    csv_of(t, mor, morris_cols, 3);
    /* indices to a file, plain and .gz; from a rows file (--analyse) */
    char args[1200], rows[400];
    snprintf(rows, sizeof rows, "%s/ish-rows.csv.gz", t->tmp);
    snprintf(args, sizeof args, "sweep --test-function ishigami --n 256 -o %s", rows);
    t_run_result r;
    if (run_ok(t, args, &r)) {
        size_t len;
        char *text = output_file(t, rows, &len);
        if (text)
            check_csv(t, args, text, len, NULL, 256 * 5, NULL);
        free(text);
    }
    t_run_free(&r);
    const char *const kinds[] = { "json", "csv" };
    for (int k = 0; k < 2; k++)
        for (int gz = 0; gz < 2; gz++) {
            char path[400];
            snprintf(path, sizeof path, "%s/indices.%s%s", t->tmp, kinds[k], gz ? ".gz" : "");
            snprintf(args, sizeof args, "sweep --analyse %s --indices %s --format %s", rows, path,
                     kinds[k]);
            if (run_ok(t, args, &r)) {
                size_t len;
                char *text = output_file(t, path, &len);
                if (text && k == 0)
                    check_json(t, args, text, len, sobol_keys, NULL);
                else if (text)
                    check_csv(t, args, text, len, sobol_cols, 3, NULL);
                free(text);
            }
            t_run_free(&r);
        }
    /* shards: the first has the header, and their bytes concatenated
     * read as the whole sweep */
    char whole[400];
    snprintf(whole, sizeof whole, "%s/s12.csv.gz", t->tmp);
    FILE *f = fopen(whole, "wb");
    for (int k = 1; k <= 2 && f; k++) {
        char path[400];
        snprintf(path, sizeof path, "%s/s%d.csv.gz", t->tmp, k);
        snprintf(args, sizeof args, "sweep --test-function ishigami --n 64 --shard %d/2 -o %s",
                 k, path);
        size_t len = 0;
        char *part = run_ok(t, args, &r) ? t_slurp(path, &len) : NULL;
        if (part)
            fwrite(part, 1, len, f);
        free(part);
        t_run_free(&r);
    }
    if (f && fclose(f) == 0) {
        size_t len;
        char *text = output_file(t, whole, &len);
        if (text)
            check_csv(t, "sweep --shard 1/2 and 2/2, concatenated", text, len, NULL, 64 * 5, NULL);
        free(text);
    }
}

static void design_outputs(t_ctx *t)
{
    static const char *const cols[] = { "respondent", "sector", "position", "vignette", "form",
                                        "support-needs", "heavy", "support", NULL };
    static const char *const scols[] = { "respondent", "vignette", "tailor", "coaching", NULL };
    file_of(t, "design --respondents 30", "alloc.csv", 0, cols, 30 * 7);
    file_of(t, "design --sector mbo --respondents 30 --forms 1", "alloc.csv.gz", 0, cols, 30 * 7);
    file_of(t, "design --respondents 30 --simulate --round", "answers.csv.gz", 0, scols, 30 * 7);
}

/* -o FILE and -o FILE.gz of the JSON and CSV of each scenario command. */
static void gz_outputs(t_ctx *t)
{
    struct { const char *args; const char *const *keys, *const *cols; } c[] = {
        { "predict --draws 20", predict_keys, predict_cols },
        { "simulate " FAST, simulate_keys, simulate_cols },
        { "plan " FAST, plan_keys, plan_cols },
        { "compare scenarios/compare-po-region.ini " FAST, compare_keys, compare_cols },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char args[800];
        snprintf(args, sizeof args, "%s --format json", c[i].args);
        file_of(t, args, "out.json", 1, c[i].keys, 0);
        file_of(t, args, "out.json.gz", 1, c[i].keys, 0);
        snprintf(args, sizeof args, "%s --format csv", c[i].args);
        file_of(t, args, "out.csv.gz", 0, c[i].cols, 10);
    }
}

/* The checks above for a documented command's output (test_readme.c):
 * body as JSON (json) or RFC 4180 CSV with a header. */
void t_check_output(t_ctx *t, const char *name, const char *body, size_t len, int json)
{
    if (json)
        check_json(t, name, body, len, NULL, NULL);
    else
        check_csv(t, name, body, len, NULL, 1, NULL);
}

/* A file a documented command wrote, gzip exactly when named .gz; NULL
 * (after recording why) if not. */
char *t_output_file(t_ctx *t, const char *path, size_t *len)
{
    return output_file(t, path, len);
}

void test_formats(t_ctx *t)
{
    scenario_outputs(t, NULL, (scenario_kind){ .school = 1, .budget = 1 });
    scenarios(t);
    predict_outputs(t);
    model_outputs(t);
    fit_outputs(t);
    sweep_outputs_more(t);
    design_outputs(t);
    gz_outputs(t);
}
