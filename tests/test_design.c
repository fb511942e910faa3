/* test_design.c -- vignette allocation, `draagkracht design`, and fitting
 * simulated answers back (recovery) into a model file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/fit/design.h"
#include "draagkracht/model/model.h"

/* Every respondent's vignettes distinct; per-vignette counts within one. */
static void allocation(t_ctx *t, int nv, long n, int k)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    int *alloc = malloc((size_t)(n * k) * sizeof *alloc);
    long cnt[DK_NVIGNETTE] = { 0 }, lo = n * k, hi = 0, dups = 0;
    dk_design_allocate(nv, n, k, r, alloc);
    for (long i = 0; i < n; i++)
        for (int a = 0; a < k; a++) {
            cnt[alloc[i * k + a]]++;
            for (int b = 0; b < a; b++)
                dups += alloc[i * k + a] == alloc[i * k + b];
        }
    for (int v = 0; v < nv; v++) {
        lo = cnt[v] < lo ? cnt[v] : lo;
        hi = cnt[v] > hi ? cnt[v] : hi;
    }
    char name[200];
    snprintf(name, sizeof name, "design: %ld respondents x %d of %d vignettes: distinct, "
             "balanced", n, k, nv);
    t_ok(t, dups == 0 && hi - lo <= 1, name, "%ld repeats; counts %ld..%ld", dups, lo, hi);
    free(alloc);
    gsl_rng_free(r);
}

static void vignette_set(t_ctx *t)
{
    dk_vignette v[DK_NVIGNETTE];
    int n1 = dk_vignettes(DK_PO, 1, v), n2 = dk_vignettes(DK_MBO, 2, v),
        n = dk_vignettes(DK_MBO, 3, v);
    int zero = 0;
    for (int i = 0; i < n; i++)
        zero += v[i].heavy == 0;
    dk_vignette b = dk_base_vignette(DK_MBO);
    t_ok(t, n1 == 60 && n2 == 12 && n == 72 && zero == 0 && b.ob == 8 && b.heavy == 0,
         "design: 60 + 12 vignettes, heavy 0 only in the base (seed 001 L552-566)",
         "%d %d %d, %d with heavy 0, base %d/%d", n1, n2, n, zero, b.ob, b.heavy);
}

static void design_cli(t_ctx *t)
{
    expect(t, "design: 240 respondents meet the study's 20 per vignette",
           "design --respondents 240 -o /dev/null", 0, "study rule, at least 20 per vignette "
           "(seed 001 L573-575): met", NULL);
    expect(t, "design: 100 respondents do not, and it says how many would",
           "design --respondents 100 --sector mbo", 0, "r000100,mbo,6,",
           "NOT met; it needs at least 240 respondents");
    t_run_result a, b;
    t_run(t, "design --respondents 50 --simulate --seed 3", &a);
    t_run(t, "design --respondents 50 --simulate --seed 3", &b);
    t_ok(t, a.status == 0 && a.outlen > 1000 && a.outlen == b.outlen &&
         memcmp(a.out, b.out, a.outlen) == 0, "design: same seed, same bytes", "differ");
    t_run_free(&a);
    t_run_free(&b);
    bad(t, "design: --respondents missing", "design", "--respondents is required");
    bad(t, "design: more vignettes than the form has", "design --respondents 9 --forms 2 "
        "--per-respondent 13", "--per-respondent: 13 is outside 1..12");
    bad(t, "design: unknown form", "design --respondents 9 --forms 3", "'3' is not both, 1 or 2");
    bad(t, "design: --round without --simulate", "design --respondents 9 --round",
        "--round needs --simulate");
}

/*
 * Fitted parameters within 4 standard errors of the model that generated
 * the answers.  A parameter's written range is +-1.645 SE, so SE is its
 * width / 3.29; 1e-4 allows for the file's four decimals.
 */
static void compare_fitted(t_ctx *t, const dk_model *fit, const dk_model *truth,
                           const char *name, int want)
{
    int n = 0, off = 0;
    char worst[200] = "";
    double worst_z = 0;
    for (size_t i = 0; i < fit->n; i++) {
        const dk_param *p = &fit->p[i];
        if (p->kind != DK_PROV_FITTED || strstr(p->name, ".sd."))
            continue;
        double se = (p->hi - p->lo) / (2 * 1.6448536269514722);
        double z = fabs(p->value - truth->p[i].value) / (se + 1e-4);
        n++;
        off += z > 4;
        if (z > worst_z) {
            worst_z = z;
            snprintf(worst, sizeof worst, "%s %.4f vs %.4f", p->name, p->value,
                     truth->p[i].value);
        }
    }
    t_ok(t, n == want && off == 0, name, "%d fitted (want %d), %d beyond 4 SE; worst "
         "%.2f SE: %s", n, want, off, worst_z, worst);
}

/*
 * Between-teacher and residual SDs: 600 respondents, about 6 capability
 * answers each.  Approximate SEs of the variances, sqrt(2/G) (var_g +
 * var_r / 6) = 0.016 and var_r sqrt(2 / (n - G)) = 0.0052, give SEs of
 * 0.016 and 0.006 on the SDs; allowed: 4 of them.
 */
static void compare_sds(t_ctx *t, const dk_model *fit)
{
    double st = fit->p[fit->sect[DK_PO][DK_G_SD_TEACHER]].value;
    double sr = fit->p[fit->sect[DK_PO][DK_G_SD_RESID]].value;
    t_ok(t, fabs(st - 0.5) <= 4 * 0.016 && fabs(sr - 0.45) <= 4 * 0.006 &&
         fit->p[fit->sect[DK_PO][DK_G_SD_TEACHER]].kind == DK_PROV_FITTED,
         "recovery: teacher and residual SDs within 4 SE of 0.50 and 0.45",
         "sd.teacher %.4f, sd.residual %.4f", st, sr);
}

static int load(t_ctx *t, const char *file, dk_model *m)
{
    char path[400];
    dk_err e = { 0 };
    snprintf(path, sizeof path, "%s/%s", t->tmp, file);
    if (dk_model_load(m, path, &e) == 0)
        return 0;
    t_ok(t, 0, "recovery: fitted model loads", "%s", e.msg);
    return -1;
}

static void recovery(t_ctx *t)
{
    char args[1200];
    snprintf(args, sizeof args, "design --respondents 600 --seed 11 --simulate -o %s/rec.csv.gz",
             t->tmp);
    expect(t, "recovery: simulate 600 po respondents", args, 0, "met", NULL);
    snprintf(args, sizeof args, "fit %s/rec.csv.gz --group respondent --outcome motivate,tailor "
             "--factors support-needs,heavy,support --by sector -o %s/rec.model", t->tmp, t->tmp);
    expect(t, "recovery: fit capability, -o MODEL", args, 0, "(sector=po): REML", NULL);
    snprintf(args, sizeof args, "fit %s/rec.csv.gz --group respondent --outcome assistant,"
             "coaching --factors support-needs,heavy --by sector --model %s/rec.model "
             "-o %s/rec2.model", t->tmp, t->tmp, t->tmp);
    expect(t, "recovery: fit demand on top of that model", args, 0, "outcome 'coaching'", NULL);
    dk_model cap, both, truth;
    dk_err e = { 0 };
    if (dk_model_load_default(&truth, &e) != 0 || load(t, "rec.model", &cap) != 0)
        return;
    compare_sds(t, &cap);
    if (load(t, "rec2.model", &both) == 0) {
        compare_fitted(t, &both, &truth, "recovery: 36 effects within 4 SE of the true "
                       "model", 2 * 11 + 2 * 7);
        dk_model_free(&both);
    }
    dk_model_free(&cap);
    dk_model_free(&truth);
    snprintf(args, sizeof args, "predict --model %s/rec2.model --format csv", t->tmp);
    expect(t, "recovery: predict accepts the fitted model", args, 0, "capability,tailor,", NULL);
    snprintf(args, sizeof args, "model --model %s/rec2.model", t->tmp);
    expect(t, "recovery: model shows the fitted provenance", args, 0,
           "fitted from rec.csv.gz (REML; po tailor: n=", NULL);
    snprintf(args, sizeof args, "simulate --model %s/rec2.model --replicates 20", t->tmp);
    expect(t, "recovery: simulate accepts the fitted model", args, 0, "School", NULL);
}

static void model_bad_inputs(t_ctx *t)
{
    char args[1200], path[400];
    snprintf(args, sizeof args, "fit %s/rec.csv.gz --group respondent --outcome tailor "
             "--factors support-needs,heavy,support", t->tmp);
    bad(t, "fit -o: without --by sector", args, "-o: the model's effects are per sector");
    snprintf(args, sizeof args, "fit %s/rec.csv.gz --group respondent --outcome tailor "
             "--factors support-needs,heavy --by sector", t->tmp);
    bad(t, "fit -o: a capability outcome without support", args,
        "-o: the model needs factor 'support' for outcome 'tailor' (sector=po)");
    bad(t, "fit -o: --by values that are not sectors", "fit tests/data/fit/balanced.csv "
        "--group respondent --outcome tailor --factors heavy --by support-needs",
        "-o: --by support-needs: value '5' is not a sector");
    snprintf(path, sizeof path, "%s/twolevels.csv", t->tmp);
    write_file(path, "respondent,sector,support-needs,heavy,support,tailor\n"
               "a,po,5,0,none,3\na,po,8,3,assistant,2\nb,po,5,1,assistant,3.5\n"
               "b,po,8,0,none,2.2\nc,po,5,3,none,2.7\nc,po,8,1,assistant,2.6\n"
               "d,po,8,3,none,2.1\nd,po,5,0,assistant,3.1\n");
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors "
             "support-needs,heavy,support --by sector", path);
    bad(t, "fit -o: vignette levels missing", args,
        "-o: column 'support-needs' has no level 10 in the rows of outcome 'tailor' "
        "(sector=po); the po model needs 5, 8, 10, 12");
    snprintf(args, sizeof args, "fit %s/rec.csv.gz --group respondent --outcome position "
             "--factors support-needs,heavy --by sector", t->tmp);
    bad(t, "fit -o: an outcome the model does not have", args,
        "-o: outcome column 'position' is not one of the model's outcomes");
}

void test_design(t_ctx *t)
{
    vignette_set(t);
    allocation(t, 72, 240, 6);
    allocation(t, 72, 7, 6);
    allocation(t, 60, 13, 11);
    allocation(t, 12, 5, 12);
    allocation(t, 72, 1000, 36);
    allocation(t, 72, 333, 71);
    design_cli(t);
    recovery(t);
    model_bad_inputs(t);
}
