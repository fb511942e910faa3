/*
 * predict.c -- `draagkracht predict`: one class, Monte Carlo over the
 * model's uncertainty and over teachers (run/predict.c), written by
 * report/predict.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/model/survey.h"

static const dk_opt opts[] = {
    { "sector", 0, "SECTOR", "po, vo or mbo (default po)" },
    { "class-size", 0, "N", "pupils in the class (default: the sector's survey mean)" },
    { "support-needs", 0, "N", "pupils with a support need (default: survey mean)" },
    { "heavy", 0, "N", "of whom with a heavy need (default: survey mean)" },
    { "support", 0, "FORMS", "none, assistant, extra-teacher, specialist, facility; comma-separated to combine" },
    { "experience", 0, "EXP", "po only: novice (<= 5 years) or experienced" },
    { "level", 0, "LEVEL", "vo only: vmbo or havo-vwo" },
    { "seed", 0, "N", "random seed (default 20261121)" },
    { "draws", 0, "N", "parameter draws, one ensemble member each (default 1000)" },
    { "per-draw", 0, NULL, "CSV of every draw's expected ratings (draw, member, one column "
      "per outcome) instead of the summary" },
    { "teachers", 0, "N", "teachers per draw (default 100)" },
    DK_OPT_MODEL,
    { "format", 0, "FMT", "table, csv, json or html (default: from -o's name, else table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_predict)

static int vocab_opt(const char *name, const dk_args *a, int (*lookup)(const char *),
                     const char *const *names, int *out, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, name);
    if (!v)
        return 0;
    if ((*out = lookup(v)) >= 0)
        return 0;
    const char *s = dk_suggest(v, names);
    char list[160] = "";
    for (int i = 0; names[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? ", " : "", names[i]);
    char mean[120];
    return dk_fail(e, "predict: --%s: unknown value '%s'%s (one of: %s)",
                   name, v, dk_mean_text(dk_e_lang(e), s, mean, sizeof mean), list);
}

static int support_opt(const dk_args *a, unsigned *mask, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, "support");
    dk_err why = dk_err_like(e);
    *mask = 0;
    if (v && dk_support_parse(v, mask, &why) != 0)
        return dk_fail(e, "predict: --support: %s", why.msg);
    return 0;
}

/* Reads the class; unset counts default to the sector's survey means. */
static int read_class(const dk_args *a, const dk_model *m, dk_class *c, dk_err *e)
{
    int s = DK_PO, x = DK_EXP_ALL, l = DK_LEVEL_ALL;
    if (vocab_opt("sector", a, dk_sector_lookup, dk_sector_names, &s, e) ||
        vocab_opt("experience", a, dk_experience_lookup, dk_experience_names, &x, e) ||
        vocab_opt("level", a, dk_level_lookup, dk_level_names, &l, e))
        return -1;
    dk_survey_means d = dk_survey_class_defaults(m, (dk_sector)s, (dk_level)l);
    long size = (long)d.size, ob = (long)d.ob, hv = (long)d.heavy;
    if (dk_opt_long(CMD, a, "class-size", 1, 100, &size, e) ||
        dk_opt_long(CMD, a, "support-needs", 0, 100, &ob, e) ||
        dk_opt_long(CMD, a, "heavy", 0, 100, &hv, e))
        return -1;
    memset(c, 0, sizeof *c);
    c->sector = (dk_sector)s;
    c->exp = (dk_experience)x;
    c->level = (dk_level)l;
    c->class_size = (double)size;
    c->ob = (double)ob;
    c->heavy = (double)hv;
    return support_opt(a, &c->support, e);
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_format f;
    dk_model m;
    dk_class c;
    long seed = (long)DK_DEFAULT_SEED, draws = DK_DEFAULT_DRAWS,
         teachers = DK_DEFAULT_TEACHERS;
    dk_lang l;
    if (a->npos) {
        dk_fail(&e, dk_s(a->ui, DKS_E_UNEXPECTED), "predict", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_lang(CMD, a, &l, &e) || dk_opt_format(CMD, a, &f, &e) ||
        dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, &e) ||
        dk_opt_long(CMD, a, "draws", 10, 1000000, &draws, &e) ||
        dk_opt_long(CMD, a, "teachers", 1, 100000, &teachers, &e))
        return dk_report(DK_EXIT_USAGE, &e);
    if (dk_opt_get(CMD, a, "per-draw") && dk_opt_get(CMD, a, "format") && f != DK_FMT_CSV) {
        dk_fail(&e, "predict: --per-draw writes CSV; leave out --format or give --format csv");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    if (read_class(a, &m, &c, &e) != 0 || dk_class_check(&m, &c, &e) < 0) {
        if (strncmp(e.msg, "predict:", 8) != 0) {
            dk_err e2 = e;
            int defaulted = !dk_opt_get(CMD, a, "support-needs") || !dk_opt_get(CMD, a, "heavy");
            snprintf(e.msg, sizeof e.msg, "predict: --%.600s%s", e2.msg, defaulted
                     ? " (unset counts default to the sector's survey means; set "
                       "--support-needs and --heavy)" : "");
        }
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if ((double)draws * (double)teachers > DK_MAX_SAMPLES) {
        dk_fail(&e, "predict: --draws x --teachers = %.0f is more than %.0f "
                "samples per outcome", (double)draws * (double)teachers, DK_MAX_SAMPLES);
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_buf b = { 0 };
    dk_warnings warnings = { { 0 }, { 0 }, 0 };
    dk_one_class_warnings(&c, l, &warnings);
    int per_draw = dk_opt_get(CMD, a, "per-draw") != NULL;
    dk_mc_settings s = { (unsigned long)seed, (int)draws, (int)teachers, NULL };
    if (per_draw && !(s.per_draw = dk_malloc((size_t)draws * DK_NOUTCOME * sizeof *s.per_draw))) {
        dk_fail_oom(&e, "predict");
        dk_model_free(&m);
        dk_warnings_free(&warnings);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_prediction p;
    if (dk_predict(&m, &c, &s, &p, &e) != 0) {
        dk_warnings_free(&warnings);
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_predict_report r = { &m, &c, &s, &p, &warnings };
    int rc = dk_predict_report_write(&r, f, l, &b, &e);
    rc = rc == 0 ? dk_emit(CMD, a, &b) : dk_report(DK_EXIT_FAIL, &e);
    dk_free(s.per_draw);
    dk_buf_free(&b);
    dk_warnings_free(&warnings);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_predict = {
    "predict",
    "predict capability and support need for one class",
    "[--sector po|vo|mbo] [--class-size N] [--support-needs N] [--heavy N] [--support FORMS] ...",
    opts, run, 1, NULL
};
