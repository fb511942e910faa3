/*
 * test_scale.c -- every mean a user reads is an expected answer on the
 * 1..5 scale: the function itself, its table, and extreme inputs swept
 * through predict, simulate and plan in every machine-readable format
 * (and the table), with --real-class too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "readers.h"

static void unit(t_ctx *t)
{
    static const double sds[] = { 0, 0.05, 0.3, 0.67, 0.9, 3 };
    int out = 0, nonmono = 0, table = 0;
    double worst_table = 0, worst_mid = 0;
    for (size_t k = 0; k < sizeof sds / sizeof sds[0]; k++) {
        dk_answer_mean am;
        dk_answer_mean_build(&am, sds[k]);
        double prev = -INFINITY;
        for (double y = -200; y <= 200; y += 0.0625) {
            double e = dk_expected_answer(y, sds[k]);
            out += !(e >= 1 && e <= 5);
            nonmono += e < prev - 1e-12;
            prev = e;
            double d = fabs(dk_answer_mean_at(&am, y) - e);
            worst_table = fmax(worst_table, d);
            table += !(d < (sds[k] >= 0.3 ? 1e-4 : sds[k] > 0 ? 2e-3 : 1));
            if (sds[k] == 0.67 && y >= 2 && y <= 4)
                worst_mid = fmax(worst_mid, fabs(e - y));
        }
    }
    t_ok(t, out == 0, "scale: the expected answer stays within 1..5 for any latent mean and SD",
         "%d values outside", out);
    t_ok(t, nonmono == 0, "scale: the expected answer rises with the latent mean",
         "%d decreases", nonmono);
    t_ok(t, table == 0, "scale: the interpolated table is within 1e-4 of the exact expected answer (SD >= 0.3; 2e-3 below)",
         "%d points off; worst %g", table, worst_table);
    t_ok(t, worst_mid < 0.02, "scale: inside the vignette grid (2..4, SD 0.67) the expected "
         "answer is the latent mean within 0.02", "worst %g", worst_mid);
    t_ok(t, dk_expected_answer(NAN, 0.67) >= 1 || isnan(dk_expected_answer(NAN, 0.67)),
         "scale: a NaN latent mean does not crash", "-");
}

/* Names of columns or keys that hold a mean on the answer scale. */
static int is_mean_name(const char *s)
{
    static const char *const names[] = { "mean", "mean_lo", "mean_hi", "objective",
                                         "objective_lo", "objective_hi", NULL };
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

/* Every number under a mean key of a JSON tree outside 1..5; counted. */
static int json_out_of_scale(const tj_value *v, int under_mean, int *seen)
{
    int bad = 0;
    if (v->kind == TJ_NUMBER && under_mean) {
        (*seen)++;
        return !(v->num >= 1 - 1e-9 && v->num <= 5 + 1e-9);
    }
    for (size_t i = 0; (v->kind == TJ_OBJECT || v->kind == TJ_ARRAY) && i < v->n; i++) {
        int m = v->kind == TJ_OBJECT ? is_mean_name(v->key[i]) : under_mean;
        bad += json_out_of_scale(&v->item[i], m, seen);
    }
    return bad;
}

static void check_json_run(t_ctx *t, const char *what, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    tj_value doc;
    char err[300] = "";
    int seen = 0, bad = -1;
    if (r.status == 0 && tj_parse(r.out, r.outlen, &doc, err, sizeof err) == 0) {
        bad = json_out_of_scale(&doc, 0, &seen);
        tj_free(&doc);
    }
    char name[500];
    snprintf(name, sizeof name, "scale: %s: every JSON mean within 1..5", what);
    t_ok(t, bad == 0 && seen > 0, name, "status %d, %d of %d outside (%s) for: %s", r.status,
         bad, seen, err, args);
    t_run_free(&r);
}

static void check_json_run_any(t_ctx *t, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    tj_value doc;
    char err[300] = "";
    int ok = r.status == 0 && tj_parse(r.out, r.outlen, &doc, err, sizeof err) == 0;
    if (ok)
        tj_free(&doc);
    char name[500];
    snprintf(name, sizeof name, "scale: %s is strict JSON", args);
    t_ok(t, ok, name, "status %d: %s", r.status, err);
    t_run_free(&r);
}

static void check_csv_run(t_ctx *t, const char *what, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    tc_table tab;
    char err[300] = "";
    int seen = 0, bad = -1;
    if (r.status == 0 && tc_read(r.out, r.outlen, &tab, err, sizeof err) == 0) {
        bad = 0;
        for (size_t c = 0; c < tab.ncol; c++) {
            if (!is_mean_name(tab.cell[c]))
                continue;
            for (size_t row = 0; row < tab.nrow; row++) {
                const char *cell = tc_cell(&tab, row, (int)c);
                if (!*cell)
                    continue;
                double v = strtod(cell, NULL);
                seen++;
                bad += !(v >= 1 - 1e-9 && v <= 5 + 1e-9);
            }
        }
        tc_free(&tab);
    }
    char name[500];
    snprintf(name, sizeof name, "scale: %s: every CSV mean within 1..5", what);
    t_ok(t, bad == 0 && seen > 0, name, "status %d, %d of %d outside (%s) for: %s", r.status,
         bad, seen, err, args);
    t_run_free(&r);
}

/* A negative number in a table: a minus sign right before a digit, after
 * a space or another minus ("90 % -48.08--9.90"); predict's table has no
 * signed quantity, so any is a mean below the scale. */
static int has_negative(const char *s)
{
    for (size_t i = 0; s && s[i]; i++)
        if (s[i] == '-' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
            (i == 0 || s[i - 1] == ' ' || s[i - 1] == '-'))
            return 1;
    return 0;
}

static void check_table_run(t_ctx *t, const char *what, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    int neg = has_negative(r.out);
    char name[500];
    snprintf(name, sizeof name, "scale: %s: the table shows no negative rating interval", what);
    t_ok(t, r.status == 0 && !neg, name, "status %d for: %s", r.status, args);
    t_run_free(&r);
}

static const char *const extremes[] = {
    "--class-size 100 --support-needs 100 --heavy 100",
    "--sector vo --level vmbo --class-size 34 --support-needs 14 --heavy 5",
    "--sector mbo --class-size 1 --support-needs 0 --heavy 0 --support assistant,extra-teacher,specialist,facility",
    "--sector po --support-needs 5 --heavy 0 --support extra-teacher --real-class",
    "--sector po --class-size 1 --support-needs 0 --heavy 0 --support assistant,extra-teacher,specialist,facility --real-class",
    "--sector vo --class-size 100 --support-needs 0 --heavy 0",
    NULL
};

static void predict_sweep(t_ctx *t)
{
    char args[600], what[300];
    for (int i = 0; extremes[i]; i++) {
        snprintf(what, sizeof what, "predict %s", extremes[i]);
        snprintf(args, sizeof args, "predict %s --draws 200 --teachers 20 --format json", extremes[i]);
        check_json_run(t, what, args);
        snprintf(args, sizeof args, "predict %s --draws 200 --teachers 20 --format csv", extremes[i]);
        check_csv_run(t, what, args);
        snprintf(args, sizeof args, "predict %s --draws 200 --teachers 20", extremes[i]);
        check_table_run(t, what, args);
    }
}

/* A school of extreme classes, and populations whose classes leave the
 * studied range, through simulate and plan. */
static void scenario_sweep(t_ctx *t)
{
    char path[400], args[800];
    snprintf(path, sizeof path, "%s/scale-extremes.ini", t->tmp);
    write_file(path,
               "[run]\nseed = 7\nreplicates = 40\n\n"
               "[school Uiterst]\nsector = po\n\n"
               "[class huge]\nclass-size = 100\nsupport-needs = 100\nheavy = 100\n\n"
               "[class tiny]\nclass-size = 1\nsupport-needs = 0\nheavy = 0\n"
               "support = assistant, extra-teacher, specialist\n\n"
               "[class wide]\nclass-size = 60\nsupport-needs = 40\nheavy = 30\n\n"
               "[population big]\nsector = mbo\nclasses = 200\nsupport = as-now\n");
    static const char *const fmts[] = { "json", "csv" };
    static const char *const extra[] = { "", " --real-class" };
    for (int k = 0; k < 2; k++)
        for (int f = 0; f < 2; f++) {
            char what[200];
            snprintf(what, sizeof what, "simulate, extreme school and population%s", extra[k]);
            snprintf(args, sizeof args, "simulate %s -q --format %s%s", path, fmts[f], extra[k]);
            if (f == 0)
                check_json_run(t, what, args);
            else
                check_csv_run(t, what, args);
        }
    snprintf(path, sizeof path, "%s/scale-plan.ini", t->tmp);
    write_file(path,
               "[run]\nseed = 7\nreplicates = 40\n\n"
               "[school Uiterst]\nsector = po\n\n"
               "[class huge]\nclass-size = 100\nsupport-needs = 100\nheavy = 100\n\n"
               "[class tiny]\nclass-size = 1\nsupport-needs = 0\nheavy = 0\n\n"
               "[plan]\nbudget = 1\n");
    for (int k = 0; k < 2; k++) {
        char what[200];
        snprintf(what, sizeof what, "plan, extreme school%s", extra[k]);
        snprintf(args, sizeof args, "plan %s -q --format json%s", path, extra[k]);
        check_json_run(t, what, args);
        snprintf(args, sizeof args, "plan %s -q --format csv%s", path, extra[k]);
        check_csv_run(t, what, args);
    }
}

/* --real-class says where its offsets come from wherever it is applied. */
static void real_class_named(t_ctx *t)
{
    static const char *const cmds[] = {
        "predict --real-class --draws 50 --teachers 5",
        "simulate -q --real-class --replicates 20",
        "plan -q --real-class --replicates 20",
        NULL
    };
    for (int i = 0; cmds[i]; i++) {
        t_run_result r;
        t_run(t, cmds[i], &r);
        char name[300];
        snprintf(name, sizeof name, "scale: %s says its offsets are assumed from "
                 "special-education teachers (Table 3.20)", cmds[i]);
        t_ok(t, r.status == 0 && t_contains(r.out, "assumed from\nspecial-education teachers")
                && t_contains(r.out, "Table 3.20"), name, "status %d", r.status);
        t_run_free(&r);
    }
}

/* model --evidence: 1 - posterior/prior variance per calibrated
 * parameter, as README quotes it (intercepts decided by the readings, the
 * first demand step for heavy-need pupils mostly prior). */
static void evidence(t_ctx *t)
{
    t_run_result r;
    t_run(t, "model --evidence --format csv", &r);
    tc_table tab;
    char err[300] = "";
    double icpt = NAN, step = NAN;
    int n = 0, inrange = 1;
    if (r.status == 0 && tc_read(r.out, r.outlen, &tab, err, sizeof err) == 0) {
        int cn = tc_col(&tab, "name"), cv = tc_col(&tab, "variance_removed");
        for (size_t i = 0; cn >= 0 && cv >= 0 && i < tab.nrow; i++) {
            double v = strtod(tc_cell(&tab, i, cv), NULL);
            inrange &= v <= 1;
            n++;
            if (strcmp(tc_cell(&tab, i, cn), "po.cap.motivate.intercept") == 0)
                icpt = v;
            if (strcmp(tc_cell(&tab, i, cn), "po.need.assistant.heavy.0-1") == 0)
                step = v;
        }
        tc_free(&tab);
    }
    t_ok(t, n == 335 && inrange && icpt > 0.9 && step < 0.5,
         "scale: model --evidence: every calibrated parameter; an intercept decided by the "
         "readings (> 90 %), the first heavy-need demand step mostly prior (< 50 %)",
         "status %d, %d rows, intercept %g, step %g (%s)", r.status, n, icpt, step, err);
    t_run_free(&r);
    check_json_run_any(t, "model --evidence --format json");
}

void test_scale(t_ctx *t)
{
    evidence(t);
    unit(t);
    real_class_named(t);
    predict_sweep(t);
    scenario_sweep(t);
}
