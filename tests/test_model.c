/* test_model.c -- model files, the linear predictor, class checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/model/model.h"
#include "draagkracht/lang/lang.h"

/* Replaces the first occurrence of from by to in the embedded model text
 * and parses the result; returns the error message (or "" on success). */
static const char *mutated(const char *from, const char *to, char *msg)
{
    const char *src = dk_embedded_model;
    const char *at = strstr(src, from);
    size_t n = strlen(src) + strlen(to) + 1;
    char *text = malloc(n);
    if (at) {
        size_t pre = (size_t)(at - src);
        memcpy(text, src, pre);
        strcpy(text + pre, to);
        strcat(text, at + strlen(from));
    } else {
        strcpy(text, src);
    }
    dk_model m;
    dk_err e = { 0 };
    msg[0] = '\0';
    if (dk_model_parse(&m, "m.model", text, strlen(text), &e) == 0)
        dk_model_free(&m);
    else
        strcpy(msg, e.msg);
    free(text);
    return msg;
}

static void model_files(t_ctx *t)
{
    char msg[800];
    mutated("po.sd.teacher ", "po.sd.teachr ", msg);
    t_ok(t, t_contains(msg, "m.model:") && t_contains(msg, "unknown parameter 'po.sd.teachr'")
         && t_contains(msg, "did you mean 'po.sd.teacher'"),
         "model file: unknown name with suggestion", "%s", msg);
    mutated("vo.sd.teacher ", "po.sd.teacher ", msg);
    t_ok(t, t_contains(msg, "appears twice"), "model file: duplicate parameter", "%s", msg);
    mutated("po.sd.teacher ", "# po.sd.teacher ", msg);
    t_ok(t, t_contains(msg, "'po.sd.teacher' is missing"), "model file: missing parameter", "%s", msg);
    mutated("0.5000   0.3500", "0.5x00   0.3500", msg);
    t_ok(t, t_contains(msg, "value: '0.5x00' is not a number"), "model file: bad number", "%s", msg);
    mutated("0.5000   0.3500", "0.9000   0.3500", msg);
    t_ok(t, t_contains(msg, "not inside its range"), "model file: value outside its range", "%s", msg);
    mutated("  assumed ", "  guessed ", msg);
    t_ok(t, t_contains(msg, "kind: 'guessed'"), "model file: unknown provenance kind", "%s", msg);
    mutated("0.5000   0.3500   0.6500  assumed ", "0.1000  -0.3500   0.6500  assumed ", msg);
    t_ok(t, t_contains(msg, "cannot be negative"), "model file: negative SD range", "%s", msg);
    mutated("-0.0050  -0.0150   0.0000  assumed ", "-0.0050  -0.0150   0.0000  assumed\n", msg);
    t_ok(t, t_contains(msg, "expected 'name value lo hi kind source'") ||
         t_contains(msg, "no provenance"), "model file: missing provenance", "%s", msg);
    mutated("x", "x", msg);
    t_ok(t, msg[0] == '\0', "model file: embedded model parses", "%s", msg);
}

static void interpolation(t_ctx *t, const dk_model *m, const double *th)
{
    int bad = 0;
    for (int s = 0; s < DK_NSECTOR; s++)
        for (int o = 0; o < DK_NOUTCOME; o++) {
            const int *lv = dk_ob_levels((dk_sector)s);
            double prev = NAN;
            dk_class c = { (dk_sector)s, -1, 0, 0, 0, DK_EXP_ALL, DK_LEVEL_ALL };
            for (int ob = lv[0]; ob <= lv[3]; ob++) {
                c.ob = ob;
                double y = dk_model_mean(m, th, &c, o);
                if (!isnan(prev) && (DK_IS_NEED(o) ? y < prev - 1e-12 : y > prev + 1e-12))
                    bad++;
                prev = y;
            }
            /* midway between two levels is the average of the two */
            c.ob = lv[1];
            double a = dk_model_mean(m, th, &c, o);
            c.ob = lv[2];
            double b = dk_model_mean(m, th, &c, o);
            c.ob = 0.5 * (lv[1] + lv[2]);
            if (fabs(dk_model_mean(m, th, &c, o) - 0.5 * (a + b)) > 1e-12)
                bad++;
        }
    t_ok(t, bad == 0, "model: monotone linear interpolation between vignette levels",
         "%d violations", bad);
}

static void structure(t_ctx *t, const dk_model *m, const double *th)
{
    dk_class c = { DK_PO, 25, 10, 3, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    double all = dk_model_mean(m, th, &c, DK_TAILOR);
    c.exp = DK_EXP_NOVICE;
    double nov = dk_model_mean(m, th, &c, DK_TAILOR);
    c.exp = DK_EXP_EXPERIENCED;
    double exp = dk_model_mean(m, th, &c, DK_TAILOR);
    double p = th[m->share_novice];
    t_ok(t, fabs(p * nov + (1 - p) * exp - all) < 1e-12,
         "model: experience groups average to the po mean", "%g vs %g", p * nov + (1 - p) * exp, all);
    c.exp = DK_EXP_ALL;
    c.support = 1u << DK_SUP_ASSISTANT;
    double ea = dk_model_mean(m, th, &c, DK_TAILOR) - all;
    c.support = 1u << DK_SUP_FACILITY;
    double ef = dk_model_mean(m, th, &c, DK_TAILOR) - all;
    c.support = (1u << DK_SUP_ASSISTANT) | (1u << DK_SUP_FACILITY);
    double both = dk_model_mean(m, th, &c, DK_TAILOR) - all;
    double k = th[m->combine];
    t_ok(t, fabs(both - (fmax(ea, ef) + k * fmin(ea, ef))) < 1e-12,
         "model: two support forms = larger + combine x smaller", "%g", both);
    c.support = 0;
    c.class_size = 26;
    double bigger = dk_model_mean(m, th, &c, DK_TAILOR);
    /* 3 of the top 5 heavy-need pupils: main slope + 3/5 of the extra one */
    double slope = th[m->sect[DK_PO][DK_G_CS_CAP]] + 0.6 * th[m->sect[DK_PO][DK_G_CS_CAP_HEAVY]];
    t_ok(t, fabs(bigger - all - slope) < 1e-12,
         "model: class-size term is the main slope plus the heavy-need share of the "
         "interaction, per pupil", "%g vs %g", bigger - all, slope);
}

static void checks(t_ctx *t, const dk_model *m)
{
    dk_err e = { 0 };
    dk_class c = { DK_PO, 25, 4, 5, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    t_ok(t, dk_class_check(m, &c, &e) < 0 && t_contains(e.msg, "heavy:"),
         "class check: heavy > support needs is an error", "%s", e.msg);
    c = (dk_class){ DK_PO, 10, 12, 1, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    t_ok(t, dk_class_check(m, &c, &e) < 0 && t_contains(e.msg, "support-needs:"),
         "class check: support needs > class size is an error", "%s", e.msg);
    c = (dk_class){ DK_MBO, 25, 25, 7, 0, DK_EXP_NOVICE, DK_LEVEL_ALL };
    int n = dk_class_check(m, &c, &e);
    dk_class_warn w[DK_MAX_WARN];
    char warn[DK_MAX_WARN][300];
    for (int k = 0; k < dk_class_warns(&c, w); k++)
        dk_class_warn_text(&w[k], dk_s(DK_LANG_EN, (dk_str)(DKS_CW_SUPPORT_NEEDS + w[k].kind)),
                           warn[k], sizeof warn[k]);
    t_ok(t, n == 3 && t_contains(warn[0], "support-needs 25 is 5 outside")
         && t_contains(warn[1], "heavy 7 is 1 above") && t_contains(warn[2], "po only"),
         "class check: extrapolation and subgroup warnings name the input", "%d warnings", n);
    c = (dk_class){ DK_PO, 25, 8, 4, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    t_ok(t, dk_class_check(m, &c, &e) == 0, "class check: typical class has no warnings", "warned");
}

/* dk_mean_terms: the predictor is a sum of one term per class feature,
 * for every sector and subgroup, under drawn parameters, inside and
 * outside the vignette levels. */
static void additive(t_ctx *t, const dk_model *m)
{
    static const struct { dk_sector s; dk_experience x; dk_level l; } groups[] = {
        { DK_PO, DK_EXP_ALL, DK_LEVEL_ALL }, { DK_PO, DK_EXP_NOVICE, DK_LEVEL_ALL },
        { DK_PO, DK_EXP_EXPERIENCED, DK_LEVEL_ALL }, { DK_VO, DK_EXP_ALL, DK_LEVEL_VMBO },
        { DK_VO, DK_EXP_ALL, DK_LEVEL_HAVO_VWO }, { DK_MBO, DK_EXP_ALL, DK_LEVEL_ALL },
    };
    double *th = malloc(m->n * sizeof *th);
    dk_mean_terms *mt = malloc(sizeof *mt);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    double worst = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        dk_model_draw(m, r, (long)g, th);
        dk_class c = { groups[g].s, 0, 0, 0, 0, groups[g].x, groups[g].l };
        dk_mean_terms_build(m, th, &c, 12, 40, mt);
        for (int i = 0; i < 2000; i++) {
            int n = 12 + (int)gsl_rng_uniform_int(r, 29);
            c.class_size = n;
            c.ob = (double)gsl_rng_uniform_int(r, (unsigned long)n + 1);
            c.heavy = (double)gsl_rng_uniform_int(r, (unsigned long)c.ob + 1);
            c.support = (unsigned)gsl_rng_uniform_int(r, DK_NSUPPORT_MASK) << 1;
            for (int o = 0; o < DK_NOUTCOME; o++) {
                double sum = mt->size[n][o] + mt->ob[(int)c.ob][o]
                           + mt->heavy[(int)c.heavy][o] + mt->support[c.support >> 1][o]
                           + mt->cs[n] * mt->hv[(int)c.heavy] * mt->inter[o];
                double d = fabs(sum - dk_model_mean(m, th, &c, o));
                worst = d > worst ? d : worst;
            }
        }
    }
    t_ok(t, worst < 1e-9, "model: expected rating is the sum of its feature terms "
         "(dk_mean_terms), every sector and subgroup", "off by %g", worst);
    gsl_rng_free(r);
    free(mt);
    free(th);
}

void test_model(t_ctx *t)
{
    dk_model m;
    dk_err e = { 0 };
    int rc = dk_model_load_default(&m, &e);
    t_ok(t, rc == 0, "model: embedded default loads", "%s", rc ? e.msg : "");
    if (rc)
        return;
    t_ok(t, strncmp(m.id, "dk1-", 4) == 0 && m.n > 300, "model: id and size", "%s %zu", m.id, m.n);
    int missing = 0;
    for (size_t i = 0; i < m.n; i++)
        missing += !m.p[i].source[0] || !(m.p[i].lo <= m.p[i].value && m.p[i].value <= m.p[i].hi);
    t_ok(t, missing == 0, "model: every parameter has a range and a provenance", "%d without", missing);
    double *th = malloc(m.n * sizeof *th);
    dk_model_values(&m, th);
    model_files(t);
    interpolation(t, &m, th);
    structure(t, &m, th);
    checks(t, &m);
    additive(t, &m);
    free(th);
    dk_model_free(&m);
}
