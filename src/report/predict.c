/*
 * predict.c -- what `draagkracht predict` writes: the class and run in
 * words (shared with the HTML report, predict_page.c), the prediction as
 * a table, CSV or JSON, or every draw's expected ratings.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/pages.h"

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

int dk_predict_json(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
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

void dk_predict_csv(const dk_prediction *p, dk_buf *b)
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

void dk_predict_table(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
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
void dk_predict_per_draw(const dk_model *m, const dk_mc_settings *s, dk_buf *b)
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
