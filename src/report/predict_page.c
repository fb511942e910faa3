/*
 * predict_page.c -- the HTML report of `predict`: for one class, the
 * teachers' answers over 1..5 per aspect and per form of support, the
 * expected mean ratings with their intervals, and every number.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/report/shared.h"
#include "draagkracht/report/page.h"
#include "draagkracht/report/pages.h"

static double key_share(const dk_outcome_stats *s, int need)
{
    return need ? s->shares[3] + s->shares[4] : s->shares[0] + s->shares[1];
}

/* The outcome in [from, to) with the largest (smallest) key share. */
static int extreme(const dk_prediction *p, int from, int to, int need, int low)
{
    int best = from;
    for (int o = from; o < to; o++) {
        double v = key_share(&p->o[o], need), w = key_share(&p->o[best], need);
        if (low ? v < w : v > w)
            best = o;
    }
    return best;
}

static void answers_chart(dk_page *pg, const dk_prediction *p, int need)
{
    dk_lang l = pg->lang;
    int from = need ? DK_NASPECT : 0, to = need ? DK_NOUTCOME : DK_NASPECT;
    dk_chart_dist rows[DK_NOUTCOME];
    char notes[DK_NOUTCOME][2 * DK_PAGE_NUM + 4];
    for (int o = from; o < to; o++) {
        const dk_outcome_stats *s = &p->o[o];
        double lo = need ? s->ge4_lo : s->le2_lo, hi = need ? s->ge4_hi : s->le2_hi;
        char a[DK_PAGE_NUM], b[DK_PAGE_NUM];
        snprintf(notes[o - from], sizeof notes[0], "%s (%s)", dk_page_pct(pg, a, key_share(s, need)),
                 dk_page_range(pg, b, lo, hi, 0, 1));
        rows[o - from] = (dk_chart_dist){ dk_outcome_text(l, o),
            { s->shares[0], s->shares[1], s->shares[2], s->shares[3], s->shares[4] },
            lo, hi, notes[o - from] };
    }
    const char *cat[5] = { dk_s(l, need ? DKS_ANS1_NEED : DKS_ANS1_CAP), "2", "3", "4",
                           dk_s(l, need ? DKS_ANS5_NEED : DKS_ANS5_CAP) };
    char title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
    int top = extreme(p, from, to, need, 0), low = extreme(p, from, to, need, 1);
    if (need)
        snprintf(title, sizeof title, dk_s(l, DKS_NEED_TITLE), dk_outcome_text(l, top),
                 dk_page_pct(pg, a, key_share(&p->o[top], 1)));
    else
        snprintf(title, sizeof title, dk_s(l, DKS_CAP_TITLE), dk_outcome_text(l, top),
                 dk_page_pct(pg, a, key_share(&p->o[top], 0)), dk_outcome_text(l, low),
                 dk_page_pct(pg, b, key_share(&p->o[low], 0)));
    dk_chart c = dk_page_chart(pg, title, dk_s(l, need ? DKS_PRED_NEED_HOW : DKS_PRED_CAP_HOW),
                               dk_s(l, DKS_AX_TEACHERS), NULL);
    dk_chart_stacked(&pg->h, &c, cat, 5, need, rows, to - from);
}

static void mean_chart(dk_page *pg, const dk_prediction *p)
{
    dk_lang l = pg->lang;
    dk_chart_item it[DK_NASPECT];
    char notes[DK_NASPECT][DK_PAGE_NUM];
    int lo = 0, hi = 0;
    for (int o = 0; o < DK_NASPECT; o++) {
        const dk_outcome_stats *s = &p->o[o];
        lo = s->mean < p->o[lo].mean ? o : lo;
        hi = s->mean > p->o[hi].mean ? o : hi;
        it[o] = (dk_chart_item){ dk_outcome_text(l, o), s->mean, s->mean_lo, s->mean_hi, 0,
                                 dk_page_num(pg, notes[o], s->mean, 2) };
    }
    it[lo].mark = 1;
    char title[400], a[DK_PAGE_NUM], b[DK_PAGE_NUM];
    snprintf(title, sizeof title, dk_s(l, DKS_PRED_MEAN_TITLE), dk_page_num(pg, a, p->o[lo].mean, 2),
             dk_outcome_text(l, lo), dk_page_num(pg, b, p->o[hi].mean, 2), dk_outcome_text(l, hi));
    dk_chart c = dk_page_chart(pg, title, dk_s(l, DKS_PRED_MEAN_HOW), dk_s(l, DKS_AX_MEAN), NULL);
    dk_axis x = { 1, 5, 1, NULL };
    dk_chart_forest(&pg->h, &c, &x, it, DK_NASPECT, 3);
}

static void numbers(dk_page *pg, const dk_prediction *p)
{
    dk_lang l = pg->lang;
    const char *head[10] = { dk_s(l, DKS_H_ASPECT), dk_s(l, DKS_H_MEAN), dk_s(l, DKS_H_INTERVAL),
                             dk_s(l, DKS_PRED_H_TEACHER90), "1", "2", "3", "4", "5",
                             "<= 2 / >= 4" };
    dk_html_elem(&pg->h, "h2", dk_s(l, DKS_PRED_TABLE), NULL);
    dk_html_table_begin(&pg->h, head, 10);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_outcome_stats *s = &p->o[o];
        char cell[10][DK_PAGE_NUM + 80];
        const char *row[10];
        snprintf(cell[0], sizeof cell[0], "%s", dk_outcome_text(l, o));
        dk_page_num(pg, cell[1], s->mean, 2);
        dk_page_range(pg, cell[2], s->mean_lo, s->mean_hi, 2, 0);
        dk_page_range(pg, cell[3], s->lo, s->hi, 2, 0);
        for (int k = 0; k < 5; k++)
            dk_page_pct(pg, cell[4 + k], s->shares[k]);
        dk_page_pct(pg, cell[9], key_share(s, DK_IS_NEED(o)));
        for (int k = 0; k < 10; k++)
            row[k] = cell[k];
        dk_html_row(&pg->h, row, 10);
    }
    dk_html_table_end(&pg->h);
}

void dk_predict_page(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                     const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b)
{
    dk_page pg;
    char title[400], size[DK_PAGE_NUM];
    dk_buf meta = { 0 };
    pg.point = dk_language_get(l)->point;
    snprintf(title, sizeof title, dk_s(l, DKS_PRED_TITLE), dk_sector_name(c->sector),
             dk_page_num(&pg, size, c->class_size, 0));
    dk_predict_describe(m, c, s, l, &meta);
    snprintf(pg.source, sizeof pg.source, dk_s(l, DKS_SOURCE_DRAWS), dk_model_id(m), s->seed, s->draws,
             s->teachers);
    dk_page_begin(&pg, b, l, title, dk_buf_part(b, &meta));
    dk_page_basis(&pg, m);
    dk_buf_free(&meta);
    dk_page_warnings(&pg, warnings);
    answers_chart(&pg, p, 0);
    mean_chart(&pg, p);
    answers_chart(&pg, p, 1);
    numbers(&pg, p);
    dk_html_elem(&pg.h, "h2", dk_s(l, DKS_ABOUT_HEAD), NULL);
    dk_page_para(&pg, NULL, dk_s(l, DKS_PRED_ABOUT));
    dk_page_end(&pg);
}
