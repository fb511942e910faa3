/*
 * model.c -- what `draagkracht model` writes: the parameter table, and
 * with --targets every published target's checks over the members
 * (model/ppc.h), as a table, CSV or JSON.
 */
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/report/pages.h"

/* The table's head: the columns of a '|'-separated list, each but the
 * last padded (left-aligned where w < 0) and followed by a gap. */
static void head_row(dk_buf *b, const char *labels, const int *w, const char *const *gap,
                     int n)
{
    char h[8][DK_LABEL];
    dk_split_labels(labels, h, n);
    for (int k = 0; k < n; k++) {
        if (k == n - 1)
            dk_buf_printf(b, "%s", h[k]);
        else if (w[k] < 0)
            dk_buf_cell(b, h[k], -w[k]);
        else
            dk_buf_printf(b, "%*s", w[k], h[k]);
        dk_buf_printf(b, "%s", k == n - 1 ? "\n" : gap[k]);
    }
}

int dk_model_params_write(const dk_model *m, dk_format f, dk_lang l, dk_buf *b, dk_err *e)
{
    int kind_w = 10;        /* the kind column: as wide as its longest word */
    for (int k = DKS_PROV_PUBLISHED; k <= DKS_PROV_FITTED; k++)
        kind_w = (int)fmax(kind_w, (double)dk_utf8_width(dk_s(l, (dk_str)k)));
    dk_json j;
    dk_json_init(&j, b);
    if (f == DK_FMT_JSON) {
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "model", dk_model_id(m));
        dk_json_key(&j, "parameters");
        dk_json_begin_array(&j);
    } else if (f == DK_FMT_CSV) {
        dk_buf_printf(b, "name,value,lo,hi,kind,source\n");
    } else {
        int w[] = { -40, 8, 8, 8, -kind_w, 0 };
        static const char *const gap[] = { " ", " ", " ", "  ", " " };
        dk_buf_printf(b, dk_s(l, DKS_MODEL_HEAD), dk_model_id(m), dk_model_origin_text(m, l),
                      dk_model_nparam(m));
        head_row(b, dk_s(l, DKS_MODEL_COLS), w, gap, 6);
    }
    for (size_t i = 0; i < dk_model_nparam(m); i++) {
        const dk_param *p = dk_model_param(m, i);
        if (f == DK_FMT_JSON) {
            dk_json_break(&j, 2);
            dk_json_begin_object(&j);
            dk_json_kv_string(&j, "name", p->name);
            dk_json_kv_number(&j, "value", p->value);
            dk_json_kv_number(&j, "lo", p->lo);
            dk_json_kv_number(&j, "hi", p->hi);
            dk_json_kv_string(&j, "kind", dk_prov_name(p->kind));
            dk_json_kv_string(&j, "source", p->source);
            dk_json_end_object(&j);
        } else if (f == DK_FMT_CSV) {
            double v[] = { p->value, p->lo, p->hi };
            dk_buf_printf(b, "%s", p->name);
            dk_buf_nums(b, ',', v, 3);
            dk_buf_printf(b, ",%s,", dk_prov_name(p->kind));
            dk_buf_csv_str(b, p->source);
            dk_buf_printf(b, "\n");
        } else {
            /* the source is the model file's own text */
            dk_buf_printf(b, "%-40s %8.4f %8.4f %8.4f  ", p->name, p->value, p->lo, p->hi);
            dk_buf_cell(b, dk_s(l, (dk_str)(DKS_PROV_PUBLISHED + (int)p->kind)), kind_w);
            dk_buf_printf(b, " %s\n", p->source);
        }
    }
    if (f != DK_FMT_JSON)
        return 0;
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

static void csv_check(dk_buf *b, const dk_target *tg, const dk_check *c, const dk_ppc_row *w)
{
    dk_buf_csv_str(b, tg->id);
    dk_buf_printf(b, ",");
    dk_buf_csv_str(b, tg->seed);
    dk_buf_printf(b, ",%d,", c->line);
    dk_buf_csv_str(b, c->text);
    double v[] = { w->mean, w->lo, w->hi, w->share, w->min_slack };
    dk_buf_nums(b, ',', v, 5);
    dk_buf_printf(b, ",%s\n", w->share == 1 ? "yes" : "no");
}

static void json_check(dk_json *j, const dk_check *c, const dk_ppc_row *w)
{
    dk_json_begin_object(j);
    dk_json_kv_string(j, "check", c->text);
    dk_json_kv_int(j, "line", c->line);
    dk_json_kv_number(j, "lhs_minus_rhs", w->mean);
    dk_json_kv_number(j, "lo", w->lo);
    dk_json_kv_number(j, "hi", w->hi);
    dk_json_kv_number(j, "share_met", w->share);
    dk_json_kv_number(j, "min_slack", w->min_slack);
    dk_json_kv_bool(j, "met", w->share == 1);
    dk_json_end_object(j);
}

/* A target's rows; its reading and checks are the targets file's text. */
static void table_target(dk_buf *b, const dk_target *tg, int n, int met, double share,
                         const dk_check *wc, const dk_ppc_row *ww, dk_lang l)
{
    if (tg->info) {
        dk_buf_printf(b, "%-4s %-26.26s %7s %8s %8s  %s: %s\n", tg->id, tg->seed, "-", "-",
                      "-", dk_s(l, DKS_TGT_INFO), tg->reading);
        return;
    }
    dk_buf_printf(b, "%-4s %-26.26s %3d/%-3d %7.1f%% %8.4f  %s: %s\n", tg->id, tg->seed,
                  met, n, 100 * share, ww->min_slack,
                  dk_s(l, share == 1 ? DKS_TGT_MET : DKS_TGT_NOT_MET), tg->reading);
    dk_buf_printf(b, "%-4s %-26s %7s %8s %8s    %s: %s\n%-4s %-26s %7s %8s %8s"
                  "      lhs - rhs %.3f (90%%: %.3f..%.3f)\n", "", "", "", "", "",
                  dk_s(l, DKS_TGT_TIGHTEST), wc->text, "", "", "", "", "", ww->mean, ww->lo,
                  ww->hi);
}

/* The scale words and their one reading each. */
static void words_table(dk_buf *b, const dk_targets *ts, dk_lang l)
{
    if (!ts->nw)
        return;
    int w = 0;
    for (size_t i = 0; i < ts->nw; i++)
        w = (int)fmax(w, (double)dk_utf8_width(ts->w[i].word));
    dk_buf_printf(b, "%s", dk_s(l, DKS_TGT_WORDS));
    for (size_t i = 0; i < ts->nw; i++) {
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, ts->w[i].word, w);
        dk_buf_printf(b, "  %s\n", ts->w[i].reading);
    }
}

static void words_json(dk_json *j, const dk_targets *ts)
{
    dk_json_key(j, "words");
    dk_json_begin_array(j);
    for (size_t i = 0; i < ts->nw; i++) {
        dk_json_break(j, 2);
        dk_json_begin_object(j);
        dk_json_kv_string(j, "word", ts->w[i].word);
        dk_json_kv_string(j, "reading", ts->w[i].reading);
        dk_json_kv_int(j, "line", ts->w[i].line);
        dk_json_end_object(j);
    }
    dk_json_break(j, 0);
    dk_json_end_array(j);
}

int dk_model_targets_write(const dk_model *m, const dk_targets *ts, const dk_ppc *q, dk_format f,
                           dk_lang l, dk_buf *b, int *unmet, dk_err *e)
{
    int unmet_total = 0;
    dk_json j;
    dk_json_init(&j, b);
    if (f == DK_FMT_CSV) {
        dk_buf_printf(b, "id,seed,line,check,lhs_minus_rhs,lo,hi,share_met,min_slack,met\n");
    } else if (f == DK_FMT_JSON) {
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "model", dk_model_id(m));
        dk_json_kv_int(&j, "members", (long long)q->K);
        dk_json_key(&j, "targets");
        dk_json_begin_array(&j);
    } else {
        static const int w[] = { -4, -26, 7, 8, 8, 0 };
        static const char *const gap[] = { " ", " ", " ", " ", "  " };
        char members[64];
        dk_buf_printf(b, dk_s(l, DKS_TGT_HEAD), dk_model_id(m), dk_model_origin_text(m, l),
                      strcmp(ts->path, DK_TARGETS_EMBEDDED) == 0 ? dk_s(l, DKS_TGT_EMBEDDED) : ts->path,
                      dk_plural(l, DKS_N_MEMBER, (long)q->K, members, sizeof members));
        head_row(b, dk_s(l, DKS_TGT_COLS), w, gap, 6);
    }
    for (size_t t = 0; t < ts->nt; t++) {
        const dk_target *tg = &ts->t[t];
        int n = 0, met = 0;
        const dk_check *wc = NULL;
        dk_ppc_row ww = { 0, 0, 0, 0, INFINITY };
        if (f == DK_FMT_JSON) {
            dk_json_break(&j, 2);
            dk_json_begin_object(&j);
            dk_json_kv_string(&j, "id", tg->id);
            dk_json_kv_string(&j, "seed", tg->seed);
            dk_json_kv_string(&j, "kind", tg->info ? "info" : "constraint");
            dk_json_kv_string(&j, "reading", tg->reading);
            dk_json_key(&j, "checks");
            dk_json_begin_array(&j);
        }
        for (size_t k = 0; k < ts->nc; k++) {
            const dk_check *c = &ts->c[k];
            if (c->target != (int)t)
                continue;
            dk_ppc_row w = dk_ppc_check(q, c, k);
            if (f == DK_FMT_CSV)
                csv_check(b, tg, c, &w);
            else if (f == DK_FMT_JSON)
                json_check(&j, c, &w);
            n++;
            met += w.share == 1;
            if (w.min_slack < ww.min_slack) {
                ww = w;
                wc = c;
            }
        }
        unmet_total += n - met;
        double share = tg->info ? 0 : dk_ppc_target_share(q, t);
        if (f == DK_FMT_JSON) {
            dk_json_end_array(&j);
            dk_json_key(&j, "share_members_met");
            if (tg->info)
                dk_json_null(&j);
            else
                dk_json_number(&j, share);
            dk_json_key(&j, "met");
            if (tg->info)
                dk_json_null(&j);
            else
                dk_json_bool(&j, met == n);
            dk_json_end_object(&j);
        } else if (f == DK_FMT_TABLE) {
            table_target(b, tg, n, met, share, wc, &ww, l);
        }
    }
    *unmet = unmet_total;
    if (f == DK_FMT_TABLE)
        words_table(b, ts, l);
    if (f == DK_FMT_TABLE)
        dk_buf_printf(b, dk_s(l, DKS_TGT_NOTE), ts->nc, ts->nt, unmet_total);
    if (f != DK_FMT_JSON)
        return 0;
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_kv_int(&j, "unmet", unmet_total);
    words_json(&j, ts);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* ---- how much is evidence ----------------------------------------------- */

/* The prior of a calibrated parameter: the last prior line matching it. */
static const dk_prior *prior_of(const dk_targets *ts, const char *name)
{
    const dk_prior *hit = NULL;
    for (size_t i = 0; i < ts->npr; i++)
        if (fnmatch(ts->pr[i].pattern, name, 0) == 0)
            hit = &ts->pr[i];
    return hit;
}

/* Variance of N(mu, s^2) kept to sign * x >= 0 (sign 0: untruncated): the
 * prior of a monotone effect before any reading. */
static double prior_variance(double mu, double s, int sign)
{
    if (!sign)
        return s * s;
    double a = -sign * mu / s;                  /* the wall, standardised */
    double tail = 0.5 * erfc(a / sqrt(2));      /* P(Z >= a) */
    double lam = exp(-0.5 * a * a) / sqrt(2 * 3.141592653589793) / fmax(tail, 1e-300);
    return s * s * fmax(1 + a * lam - lam * lam, 0);
}

static double member_variance(const dk_model *m, size_t i, double *theta)
{
    size_t K = dk_model_nmember(m);
    double sum = 0, sq = 0;
    for (size_t r = 0; r < K; r++) {
        dk_model_member_theta(m, r, theta);
        sum += theta[i];
        sq += theta[i] * theta[i];
    }
    double mean = sum / (double)K;
    return K > 1 ? (sq - (double)K * mean * mean) / (double)(K - 1) : 0;
}

/*
 * 1 - posterior / prior variance of every calibrated parameter, and per
 * group of parameters (its name with the aspect or form and the sector
 * left out) the median: where the readings decide, and where the prior
 * does (a share near 0).  The prior is the targets file's (marginal:
 * the hierarchy's shares add up to the scale); the posterior the members.
 */
int dk_model_evidence_write(const dk_model *m, const dk_targets *ts, dk_format f, dk_buf *b,
                            dk_err *e)
{
    double *theta = dk_malloc(dk_model_nparam(m) * sizeof *theta);
    if (!theta) {
        b->oom = 1;
        return 0;
    }
    dk_json j;
    dk_json_init(&j, b);
    if (f == DK_FMT_JSON) {
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "model", dk_model_id(m));
        dk_json_key(&j, "parameters");
        dk_json_begin_array(&j);
    } else if (f == DK_FMT_CSV) {
        dk_buf_printf(b, "name,prior_sd,posterior_sd,variance_removed\n");
    } else {
        dk_buf_printf(b, "model %s: share of each calibrated parameter's prior variance that the "
                      "readings removed\n(1 - posterior/prior variance; prior: %s, sign "
                      "constraints included; posterior: the %zu members)\n\n",
                      dk_model_id(m), ts->path, dk_model_nmember(m));
        dk_buf_printf(b, "%-40s %9s %9s %9s\n", "parameter", "prior SD", "post. SD", "removed");
    }
    for (size_t i = 0; i < dk_model_nparam(m); i++) {
        const dk_param *p = dk_model_param(m, i);
        const dk_prior *pr = prior_of(ts, p->name);
        if (p->kind != DK_PROV_CALIBRATED || !pr || !dk_model_nmember(m))
            continue;
        double v0 = prior_variance(pr->value, pr->scale, pr->sign);
        double v1 = member_variance(m, i, theta);
        double share = v0 > 0 ? 1 - v1 / v0 : 0;
        if (f == DK_FMT_JSON) {
            dk_json_break(&j, 2);
            dk_json_begin_object(&j);
            dk_json_kv_string(&j, "name", p->name);
            dk_json_kv_number(&j, "prior_sd", sqrt(v0));
            dk_json_kv_number(&j, "posterior_sd", sqrt(v1));
            dk_json_kv_number(&j, "variance_removed", share);
            dk_json_end_object(&j);
        } else if (f == DK_FMT_CSV) {
            double x[3] = { sqrt(v0), sqrt(v1), share };
            dk_buf_csv_str(b, p->name);
            dk_buf_nums(b, ',', x, 3);
            dk_buf_append(b, "\n", 1);
        } else {
            dk_buf_printf(b, "%-40s %9.4f %9.4f %8.0f%%\n", p->name, sqrt(v0), sqrt(v1),
                          100 * share);
        }
    }
    dk_free(theta);
    if (f == DK_FMT_TABLE)
        dk_buf_printf(b, "\nNear 100%%: the readings decide; near 0%%: the prior does (no reading "
                      "binds it).\nThe first demand steps for heavy-need pupils "
                      "(*.need.*.heavy.0-1 and 1-3; mbo 0-2) are mostly prior:\nthe text "
                      "bounds their sum and their order (N6, N9, N10), not each step's size.\n");
    if (f != DK_FMT_JSON)
        return 0;
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}
