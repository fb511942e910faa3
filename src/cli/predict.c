/*
 * cmd_predict.c -- `draagkracht predict`: one class, Monte Carlo over the
 * model's uncertainty and over teachers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/cli/pages.h"
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
    return dk_fail(e, "predict: --%s: unknown value '%s'%s%s%s (one of: %s)",
                   name, v, s ? "; did you mean '" : "", s ? s : "",
                   s ? "'?" : "", list);
}

static int support_opt(const dk_args *a, unsigned *mask, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, "support");
    dk_err why;
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

static void support_text(unsigned mask, char *out, size_t n)
{
    out[0] = '\0';
    for (int f = 1; f < DK_NSUPPORT; f++)
        if (mask & (1u << f))
            snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "",
                     dk_support_name((dk_support)f));
    if (!out[0])
        snprintf(out, n, "none");
}

static int out_json(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                    const dk_prediction *p, const dk_buf *warnings, dk_buf *b, dk_err *e)
{
    char sup[128];
    dk_json j;
    support_text(c->support, sup, sizeof sup);
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_key(&j, "input");
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "sector", dk_sector_name(c->sector));
    dk_json_kv_number(&j, "class_size", c->class_size);
    dk_json_kv_number(&j, "support_needs", c->ob);
    dk_json_kv_number(&j, "heavy", c->heavy);
    dk_json_kv_string(&j, "support", sup);
    dk_json_kv_string(&j, "experience", dk_experience_name(c->exp));
    dk_json_kv_string(&j, "level", dk_level_name(c->level));
    dk_json_end_object(&j);
    dk_json_break(&j, 1);
    dk_json_kv_string(&j, "model", dk_model_id(m));
    dk_json_kv_string(&j, "basis", dk_basis_id(m));
    dk_json_kv_int(&j, "seed", (long long)s->seed);
    dk_json_kv_int(&j, "draws", s->draws);
    dk_json_kv_int(&j, "teachers", s->teachers);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_outcome_stats *st = &p->o[o];
        if (o == 0 || o == DK_NASPECT) {
            if (o)
                dk_json_end_object(&j);
            dk_json_break(&j, 1);
            dk_json_key(&j, o ? "demand" : "capability");
            dk_json_begin_object(&j);
        }
        dk_json_break(&j, 2);
        dk_json_key(&j, dk_outcome_name(o));
        dk_json_begin_object(&j);
        const char *keys[] = { "mean", "mean_lo", "mean_hi", "lo", "hi" };
        double vals[] = { st->mean, st->mean_lo, st->mean_hi, st->lo, st->hi };
        for (int k = 0; k < 5; k++)
            dk_json_kv_number(&j, keys[k], vals[k]);
        dk_json_key(&j, "shares");
        dk_json_begin_array(&j);
        for (int k = 0; k < 5; k++)
            dk_json_number(&j, st->shares[k]);
        dk_json_end_array(&j);
        dk_json_kv_number(&j, DK_IS_NEED(o) ? "strong" : "hardly",
                          DK_IS_NEED(o) ? st->shares[3] + st->shares[4]
                                        : st->shares[0] + st->shares[1]);
        dk_json_end_object(&j);
    }
    dk_json_end_object(&j);
    dk_json_break(&j, 1);
    dk_json_warnings(&j, warnings);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

static void out_csv(const dk_prediction *p, dk_buf *b)
{
    dk_buf_printf(b, "kind,outcome,mean,mean_lo,mean_hi,lo,hi,share1,share2,"
                  "share3,share4,share5,share_le2,share_ge4\n");
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_outcome_stats *st = &p->o[o];
        double v[] = { st->mean, st->mean_lo, st->mean_hi, st->lo, st->hi,
                       st->shares[0], st->shares[1], st->shares[2], st->shares[3], st->shares[4],
                       st->shares[0] + st->shares[1], st->shares[3] + st->shares[4] };
        dk_buf_printf(b, "%s,%s", DK_IS_NEED(o) ? "demand" : "capability", dk_outcome_name(o));
        dk_buf_nums(b, ',', v, sizeof v / sizeof v[0]);
        dk_buf_append(b, "\n", 1);
    }
}

/* The class and the run in words: the table's first lines, the report's
 * facts. */
void dk_predict_describe(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                         dk_lang l, dk_buf *b)
{
    char sup[160];
    dk_buf_printf(b, dk_s(l, DKS_PRED_HEAD), dk_sector_name(c->sector), c->class_size, c->ob,
                  c->heavy, dk_support_list(l, c->support, sup, sizeof sup));
    if (c->exp != DK_EXP_ALL)
        dk_buf_printf(b, dk_s(l, DKS_PRED_EXP), dk_s(l, (dk_str)(DKS_EXP_ALL + c->exp)));
    if (c->level != DK_LEVEL_ALL)
        dk_buf_printf(b, "; %s", dk_s(l, (dk_str)(DKS_LEVEL_ALL + c->level)));
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_PRED_RUN), dk_model_id(m), s->draws, s->teachers, s->seed);
}

static void out_table(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                      const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b)
{
    dk_predict_describe(m, c, s, l, b);
    dk_buf_printf(b, "\n");
    for (size_t at = 0; at < warnings->len; at += strlen(warnings->data + at) + 1) {
        dk_buf_printf(b, dk_s(l, DKS_WARNING), warnings->data + at);
        dk_buf_printf(b, "\n");
    }
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_outcome_stats *st = &p->o[o];
        if (o == 0 || o == DK_NASPECT) {
            dk_buf_printf(b, "\n");
            dk_buf_cell(b, dk_s(l, o ? DKS_PRED_T_NEED : DKS_PRED_T_CAP), 36);
            dk_buf_printf(b, " %5s %13s %13s   %s     %s\n", dk_s(l, DKS_H_MEAN),
                          dk_s(l, DKS_PRED_T_MEAN90), dk_s(l, DKS_PRED_T_TEACHER90),
                          dk_s(l, DKS_PRED_T_AT), o ? ">=4" : "<=2");
        }
        dk_buf_cell(b, dk_outcome_text(l, o), 36);
        dk_buf_printf(b, " %5.2f %6.2f-%-6.2f %6.2f-%-6.2f  ", st->mean, st->mean_lo,
                      st->mean_hi, st->lo, st->hi);
        for (int k = 0; k < 5; k++)
            dk_buf_printf(b, " %3.0f%%", 100 * st->shares[k]);
        double key = DK_IS_NEED(o) ? st->shares[3] + st->shares[4]
                                   : st->shares[0] + st->shares[1];
        dk_buf_printf(b, "  %3.0f%%\n", 100 * key);
    }
    dk_buf_printf(b, "\n");
    dk_basis_note(m, l, b);
}

/* --per-draw: one row per parameter draw, so anyone can hold a published
 * statement against every draw. */
static void out_per_draw(const dk_model *m, const dk_mc_settings *s, dk_buf *b)
{
    dk_buf_printf(b, "draw,member");
    for (int o = 0; o < DK_NOUTCOME; o++)
        dk_buf_printf(b, ",%s", dk_outcome_name(o));
    dk_buf_printf(b, "\n");
    for (int d = 0; d < s->draws; d++) {
        dk_buf_printf(b, "%d,%zu", d + 1, dk_model_member(m, d) + 1);
        for (int o = 0; o < DK_NOUTCOME; o++)
            dk_buf_num(b, ',', s->per_draw[(size_t)d * DK_NOUTCOME + (size_t)o]);
        dk_buf_append(b, "\n", 1);
    }
}

static int run(const dk_args *a)
{
    dk_err e;
    dk_format f;
    dk_model m;
    dk_class c;
    long seed = (long)DK_DEFAULT_SEED, draws = DK_DEFAULT_DRAWS,
         teachers = DK_DEFAULT_TEACHERS;
    dk_lang l;
    if (a->npos) {
        dk_fail(&e, "predict: unexpected argument '%s' (options start with --)",
                a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_lang(CMD, a, &l, &e) || dk_opt_format(CMD, a, &f, &e) ||
        dk_opt_long(CMD, a, "seed", 0, 4294967295L, &seed, &e) ||
        dk_opt_long(CMD, a, "draws", 10, 1000000, &draws, &e) ||
        dk_opt_long(CMD, a, "teachers", 1, 100000, &teachers, &e))
        return dk_report(DK_EXIT_USAGE, &e);
    if (dk_opt_get(CMD, a, "per-draw") && dk_opt_get(CMD, a, "format") && f != DK_FMT_CSV) {
        dk_fail(&e, "predict: --per-draw writes CSV; leave out --format or give --format csv");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    char warn[DK_MAX_WARN][200];
    if (read_class(a, &m, &c, &e) != 0 || dk_class_check(&m, &c, warn, &e) < 0) {
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
    int rc = 0;
    if (per_draw)
        out_per_draw(&m, &s, &b);
    else if (f == DK_FMT_JSON)
        rc = out_json(&m, &c, &s, &p, &warnings.en, &b, &e);
    else if (f == DK_FMT_CSV)
        out_csv(&p, &b);
    else if (f == DK_FMT_HTML)
        dk_predict_page(&m, &c, &s, &p, &warnings.own, l, &b);
    else
        out_table(&m, &c, &s, &p, &warnings.own, l, &b);
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
    opts, run
};
