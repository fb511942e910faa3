/* test_report.c -- the HTML reports on the real binary: strict HTML with
 * charts that have data, the same bytes for the same input, the format
 * read from -o's name, the language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

/* Runs args (which write the report to T/NAME), then reads it through
 * the strict reader; the report's text, or NULL after a failure. */
static char *report(t_ctx *t, const char *name, const char *args, int min_figures,
                    size_t *len)
{
    char cmd[2048], path[400], test[300];
    snprintf(path, sizeof path, "%s/%s", t->tmp, name);
    snprintf(cmd, sizeof cmd, "%s -o %s", args, path);
    remove(path);
    t_run_result r;
    t_run(t, cmd, &r);
    char *html = r.status == 0 ? t_slurp(path, len) : NULL;
    t_html_stats st = { 0 };
    char why[200] = "";
    int rc = html ? t_html_check(html, *len, &st, why, sizeof why) : -1;
    snprintf(test, sizeof test, "report: %s is strict HTML with %d+ charts with data", name,
             min_figures);
    t_ok(t, rc == 0 && st.figures >= min_figures && st.svgs == st.figures, test,
         "status %d, %s; %d figures, %d svgs; %s", r.status, why, st.figures, st.svgs, r.err);
    t_run_free(&r);
    if (rc != 0) {
        free(html);
        return NULL;
    }
    return html;
}

static void same_bytes(t_ctx *t, const char *name, const char *a, const char *b)
{
    t_run_result x, y;
    t_run(t, a, &x);
    t_run(t, b, &y);
    t_ok(t, x.status == 0 && y.status == 0 && x.outlen == y.outlen && x.outlen > 1000 &&
         memcmp(x.out, y.out, x.outlen) == 0, name, "status %d/%d, %zu/%zu bytes", x.status,
         y.status, x.outlen, y.outlen);
    t_run_free(&x);
    t_run_free(&y);
}

static void test_simulate_report(t_ctx *t)
{
    size_t n;
    char *h = report(t, "school.html", "simulate --replicates 60", 5, &n);
    static const char *const en[] = {
        "<html lang=\"en\"", "not measurements of real classes", "How to read this:",
        "model dk1-", "seed 20261121", "groep 5-6 combi", "Hardest", "1 not", "5 very well",
        "class</text>", NULL
    };
    t_ok(t, h && t_missing(h, en) == 0, "report: simulate's school report says what it shows",
         "%d missing", h ? t_missing(h, en) : -1);
    free(h);
    h = report(t, "school-nl.html", "simulate --replicates 60 --lang nl", 5, &n);
    static const char *const nl[] = {
        "<html lang=\"nl\"", "geen metingen in echte klassen", "Zo lees je dit:", "startgetal",
        "grote aandacht", "onderwijsassistent", NULL
    };
    t_ok(t, h && t_missing(h, nl) == 0, "report: simulate --lang nl is in Dutch",
         "%d missing", h ? t_missing(h, nl) : -1);
    free(h);
    h = report(t, "region.html", "simulate scenarios/region-po-1200.ini -q", 4, &n);
    t_ok(t, h && n < 2000000, "report: a 1,200-class population's report is small",
         "%zu bytes", n);
    t_ok(t, h && t_contains(h, "of the classes the typical teacher would answer 1 or 2") &&
         t_contains(h, "share of the classes (%)") && t_contains(h, "5 very well"),
         "report: a population's answers 1..5 and its classes by expected rating", "missing");
    free(h);
    same_bytes(t, "report: simulate, the same bytes for 1 and 3 threads",
               "simulate --replicates 40 --format html --threads 1",
               "simulate --replicates 40 --format html --threads 3");
    same_bytes(t, "report: simulate of populations, the same bytes for 1 and 2 threads",
               "simulate scenarios/population-vo.ini -q --replicates 20 --format html --threads 1",
               "simulate scenarios/population-vo.ini -q --replicates 20 --format html --threads 2");
}

static void test_predict_report(t_ctx *t)
{
    size_t n;
    char *h = report(t, "class.html", "predict --support-needs 9 --heavy 3", 3, &n);
    t_ok(t, h && t_contains(h, "1 not") && t_contains(h, "5 very well"),
         "report: predict shows the answers 1..5", "missing");
    free(h);
    same_bytes(t, "report: predict, the same bytes twice",
               "predict --draws 50 --teachers 20 --format html",
               "predict --draws 50 --teachers 20 --format html");
}

static void test_plan_compare_report(t_ctx *t)
{
    size_t n;
    char *h = report(t, "plan.html", "plan", 4, &n);
    t_ok(t, h && t_contains(h, "The best plan: facility for the school") &&
         t_contains(h, "budget curve"), "report: plan names the best plan and its budget curve",
         "missing");
    free(h);
    h = report(t, "plan-nl.html", "plan scenarios/plan-vo.ini --lang nl", 4, &n);
    t_ok(t, h && t_contains(h, "Het beste plan") && t_contains(h, "euro per jaar"),
         "report: plan --lang nl, with euros", "missing");
    free(h);
    h = report(t, "compare.html", "compare scenarios/compare-po-region.ini -q --replicates 60", 3, &n);
    t_ok(t, h && t_contains(h, "Cost against effect") && t_contains(h, "best variant in"),
         "report: compare has the forest plot, the cost-effect plane, P(best)", "missing");
    free(h);
    same_bytes(t, "report: compare, the same bytes for 1 and 2 threads",
               "compare scenarios/compare-po-region.ini -q --replicates 30 --format html --threads 1",
               "compare scenarios/compare-po-region.ini -q --replicates 30 --format html --threads 2");
}

/* A report that goes to --indices FILE or stdout: run, read, check. */
static char *stdout_report(t_ctx *t, const char *name, const char *args, int min_figures,
                           size_t *len)
{
    t_run_result r;
    t_run(t, args, &r);
    t_html_stats st = { 0 };
    char why[200] = "", test[300];
    int rc = r.status == 0 ? t_html_check(r.out, r.outlen, &st, why, sizeof why) : -1;
    snprintf(test, sizeof test, "report: %s is strict HTML with %d+ charts with data", name,
             min_figures);
    t_ok(t, rc == 0 && st.figures >= min_figures, test, "status %d, %s; %d figures; %.200s",
         r.status, why, st.figures, r.err);
    *len = r.outlen;
    char *out = rc == 0 ? r.out : NULL;
    if (rc != 0)
        free(r.out);
    free(r.err);
    return out;
}

static void test_sweep_fit_report(t_ctx *t)
{
    size_t n;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "sweep scenarios/sweep-po.ini --n 256 -q -o %s/rows.csv.gz "
             "--indices %s/idx.html && cat %s/idx.html", t->tmp, t->tmp, t->tmp);
    char *h = stdout_report(t, "sweep --indices idx.html", cmd, 4, &n);
    t_ok(t, h && t_contains(h, "first order") && t_contains(h, "explains most of its variance"),
         "report: sweep's Sobol indices, total and first order", "missing");
    free(h);
    snprintf(cmd, sizeof cmd, "sweep --analyse %s/rows.csv.gz --format html --lang nl", t->tmp);
    h = stdout_report(t, "sweep --analyse --format html", cmd, 4, &n);
    t_ok(t, h && t_contains(h, "eerste orde"), "report: sweep --analyse in Dutch", "missing");
    free(h);
    h = stdout_report(t, "sweep morris", "sweep scenarios/sweep-po.ini --design morris --n 20 -q "
                      "-o /dev/null --indices - --format html", 4, &n);
    t_ok(t, h && t_contains(h, "moves it most"), "report: Morris mu* against sigma", "missing");
    free(h);
    /* 2^16 rows (8192 trajectories x 8): the report aggregates, so it
     * stays as small as one of 160 rows; then from the rows file */
    snprintf(cmd, sizeof cmd, "sweep scenarios/sweep-po.ini --design morris --n 8192 -q -o "
             "%s/rows65536.csv.gz --indices - --format html", t->tmp);
    h = stdout_report(t, "sweep morris of 2^16 rows", cmd, 4, &n);
    t_ok(t, h && n < 2000000 && t_contains(h, "= 65536 rows"),
         "report: a sweep of 2^16 rows gives a small report", "%zu bytes", n);
    free(h);
    snprintf(cmd, sizeof cmd, "sweep --analyse %s/rows65536.csv.gz --format html", t->tmp);
    h = stdout_report(t, "sweep --analyse of 2^16 rows", cmd, 4, &n);
    t_ok(t, h && n < 2000000 && t_contains(h, "rows65536.csv.gz (model and design seed"),
         "report: --analyse of 2^16 rows: small, and says where the rows come from", "%zu bytes", n);
    free(h);
    snprintf(cmd, sizeof cmd, "design --respondents 120 --simulate -q -o %s/answers.csv >/dev/null && "
             "%s fit %s/answers.csv --group respondent --by sector --outcome tailor "
             "--factors support-needs,heavy,support --format html", t->tmp, t->bin, t->tmp);
    h = stdout_report(t, "fit --format html", cmd, 3, &n);
    t_ok(t, h && t_contains(h, "Fitted against the model in use") &&
         t_contains(h, "the largest effect is"), "report: fit's effects, variances, model",
         "missing");
    free(h);
}

/* The format from -o's name: .csv, .json, .html, with or without .gz. */
static void test_inferred_format(t_ctx *t)
{
    static const char *const names[][2] = {
        { "p.csv", "kind,outcome,mean" }, { "p.json", "\"capability\"" },
        { "p.html", "<!DOCTYPE html>" }, { "p.CSV", "Capability (1 not" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char cmd[1000], path[400], name[200];
        snprintf(path, sizeof path, "%s/%s", t->tmp, names[i][0]);
        snprintf(cmd, sizeof cmd, "predict --draws 20 --teachers 10 -o %s", path);
        t_run_result r;
        t_run(t, cmd, &r);
        char *text = t_slurp(path, NULL);
        snprintf(name, sizeof name, "report: -o %s writes %s", names[i][0],
                 i < 3 ? "that format" : "the table (no known ending)");
        t_ok(t, r.status == 0 && text && t_contains(text, names[i][1]), name, "status %d: %.60s", r.status, text ? text : "");
        free(text);
        t_run_free(&r);
    }
    char cmd[1000], path[400];
    snprintf(path, sizeof path, "%s/p.json.gz", t->tmp);
    snprintf(cmd, sizeof cmd, "predict --draws 20 --teachers 10 -o %s && gzip -dc %s", path, path);
    t_run_result r;
    t_run(t, cmd, &r);
    t_ok(t, r.status == 0 && r.out[0] == '{', "report: -o NAME.json.gz writes gzipped JSON",
         "status %d: %.40s", r.status, r.out);
    t_run_free(&r);
    snprintf(cmd, sizeof cmd, "model -o %s/m.html", t->tmp);
    expect(t, "report: model has no HTML report", cmd, 2, NULL, "writes no HTML report");
    bad(t, "model --format html", "model --format html", "is not table, csv or json");
    bad(t, "an unknown --lang", "simulate --lang fr", "--lang: 'fr' is not en or nl");
    expect(t, "--format beats the file's name", "predict --draws 20 --teachers 10 --format csv",
           0, "kind,outcome", NULL);
}

/* The man page ./build.sh install writes: made from --help, every
 * command in it, valid for groff where groff is. */
static void test_manpage(t_ctx *t)
{
    char cmd[1200];
    /* t_run runs the binary first: --version, then the script */
    snprintf(cmd, sizeof cmd, "--version >/dev/null && sh tools/manpage.sh %s > %s/draagkracht.1 "
             "&& cat %s/draagkracht.1", t->bin, t->tmp, t->tmp);
    t_run_result r;
    t_run(t, cmd, &r);
    static const char *const need[] = {
        ".TH DRAAGKRACHT 1", ".SS simulate", ".SS plan", ".SS compare", ".SS sweep", ".SS predict",
        ".SS model", ".SS calibrate", ".SS fit", ".SS design", "--lang LANG", "DRAAGKRACHT_LANG",
        NULL
    };
    t_ok(t, r.status == 0 && t_missing(r.out, need) == 0, "install: the man page has every command",
         "status %d, %d missing", r.status, t_missing(r.out, need));
    t_run_free(&r);
    snprintf(cmd, sizeof cmd, "--version >/dev/null && { command -v groff >/dev/null || "
             "{ echo no groff; exit 0; }; groff -man -Tutf8 -ww -z %s/draagkracht.1 2>&1; }", t->tmp);
    t_run(t, cmd, &r);
    if (t_contains(r.out, "no groff"))
        printf("SKIP install: groff is not installed; the man page is not checked by it\n");
    else
        t_ok(t, r.status == 0 && r.outlen == 0, "install: groff reads the man page without a warning",
             "%.300s", r.out);
    t_run_free(&r);
}

void test_report(t_ctx *t)
{
    test_manpage(t);
    test_simulate_report(t);
    test_predict_report(t);
    test_plan_compare_report(t);
    test_sweep_fit_report(t);
    test_inferred_format(t);
}
