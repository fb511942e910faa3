/*
 * cmd_model.c -- `draagkracht model`: the parameter table, and with
 * --targets every published target against the model in use.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/model/targets.h"

static const dk_opt opts[] = {
    { "targets", 0, NULL, "show every target, its seed line, the model's value and whether it is met" },
    { "targets-file", 0, "FILE", "targets to check (default: the embedded ones)" },
    { "model", 0, "FILE", "model file to use (default: the embedded model)" },
    { "format", 0, "FMT", "table, csv or json (default: table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically)" },
    { NULL, 0, NULL, NULL }
};

static int params_out(const dk_model *m, dk_format f, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    if (f == DK_FMT_JSON) {
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "model", m->id);
        dk_json_key(&j, "parameters");
        dk_json_begin_array(&j);
    } else if (f == DK_FMT_CSV) {
        dk_buf_printf(b, "name,value,lo,hi,kind,source\n");
    } else {
        dk_buf_printf(b, "model %s (%s), %zu parameters\n\n%-40s %8s %8s %8s  %-10s %s\n",
                      m->id, m->origin, m->n, "name", "value", "lo", "hi",
                      "kind", "source");
    }
    for (size_t i = 0; i < m->n; i++) {
        const dk_param *p = &m->p[i];
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
            dk_buf_printf(b, "%s,%.17g,%.17g,%.17g,%s,", p->name, p->value,
                          p->lo, p->hi, dk_prov_name(p->kind));
            dk_buf_csv_str(b, p->source);
            dk_buf_printf(b, "\n");
        } else {
            dk_buf_printf(b, "%-40s %8.4f %8.4f %8.4f  %-10s %s\n", p->name,
                          p->value, p->lo, p->hi, dk_prov_name(p->kind), p->source);
        }
    }
    if (f != DK_FMT_JSON)
        return 0;
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* Checks every target; *unmet counts the checks not met.  0, or -1 with
 * e set if the JSON writer was misused (out of memory: b->oom). */
static int targets_out(const dk_model *m, const dk_targets *ts, dk_format f,
                       dk_buf *b, int *unmet, dk_err *e)
{
    double *theta = malloc(m->n * sizeof *theta);
    if (!theta) {
        b->oom = 1;         /* dk_emit reports it */
        return 0;
    }
    dk_model_values(m, theta);
    int unmet_total = 0;
    dk_json j;
    dk_json_init(&j, b);
    if (f == DK_FMT_CSV) {
        dk_buf_printf(b, "id,seed,line,check,lhs_minus_rhs,slack,met\n");
    } else if (f == DK_FMT_JSON) {
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "model", m->id);
        dk_json_key(&j, "targets");
        dk_json_begin_array(&j);
    } else {
        dk_buf_printf(b, "model %s (%s) against %s\n\n%-4s %-26s %7s %8s  %s\n",
                      m->id, m->origin, ts->path, "id", "seed", "checks",
                      "slack", "status and reading (tightest check below)");
    }
    for (size_t t = 0; t < ts->nt; t++) {
        const dk_target *tg = &ts->t[t];
        int n = 0, met = 0;
        double worst = INFINITY;
        const dk_check *wc = NULL;
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
            double d = dk_check_value(m, theta, c), sl = dk_check_slack(c, d);
            int ok = dk_check_met(c, d, 0);
            if (f == DK_FMT_CSV) {
                dk_buf_csv_str(b, tg->id);
                dk_buf_printf(b, ",");
                dk_buf_csv_str(b, tg->seed);
                dk_buf_printf(b, ",%d,", c->line);
                dk_buf_csv_str(b, c->text);
                dk_buf_printf(b, ",%.17g,%.17g,%s\n", d, sl, ok ? "yes" : "no");
            } else if (f == DK_FMT_JSON) {
                dk_json_begin_object(&j);
                dk_json_kv_string(&j, "check", c->text);
                dk_json_kv_number(&j, "lhs_minus_rhs", d);
                dk_json_kv_number(&j, "slack", sl);
                dk_json_kv_bool(&j, "met", ok);
                dk_json_end_object(&j);
            }
            n++;
            met += ok;
            if (sl < worst) {
                worst = sl;
                wc = c;
            }
        }
        unmet_total += n - met;
        if (f == DK_FMT_JSON) {
            dk_json_end_array(&j);
            dk_json_key(&j, "met");
            if (tg->info)
                dk_json_null(&j);
            else
                dk_json_bool(&j, met == n);
            dk_json_end_object(&j);
        } else if (f == DK_FMT_TABLE) {
            if (tg->info) {
                dk_buf_printf(b, "%-4s %-26.26s %7s %8s  not a constraint: %s\n",
                              tg->id, tg->seed, "-", "-", tg->reading);
                continue;
            }
            dk_buf_printf(b, "%-4s %-26.26s %3d/%-3d %8.4f  %s: %s\n", tg->id,
                          tg->seed, met, n, worst, met == n ? "met" : "NOT MET",
                          tg->reading);
            dk_buf_printf(b, "%-4s %-26s %7s %8s    tightest: %s\n", "", "", "",
                          "", wc->text);
        }
    }
    free(theta);
    *unmet = unmet_total;
    if (f == DK_FMT_TABLE)
        dk_buf_printf(b, "\n%zu checks in %zu targets; %d not met.  Slack: how far "
                      "the tightest check is from failing, in rating points.\n",
                      ts->nc, ts->nt, unmet_total);
    if (f != DK_FMT_JSON)
        return 0;
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_kv_int(&j, "unmet", unmet_total);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

static int run(const dk_args *a)
{
    const dk_command *cmd = &dk_cmd_model;
    dk_err e;
    dk_format f;
    dk_model m;
    if (a->npos) {
        dk_fail(&e, "model: unexpected argument '%s'", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_format(cmd, a, &f, &e) != 0 || dk_opt_model(cmd, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    dk_buf b = { 0 };
    int rc = DK_EXIT_OK, jrc;
    const char *tf = dk_opt_get(cmd, a, "targets-file");
    if (dk_opt_get(cmd, a, "targets") || tf) {
        dk_targets ts;
        int prc = tf ? dk_targets_load(&ts, &m, tf, &e)
                     : dk_targets_parse(&ts, &m, "(embedded targets)",
                                        dk_embedded_targets,
                                        strlen(dk_embedded_targets), &e);
        if (prc != 0) {
            dk_model_free(&m);
            return dk_report(DK_EXIT_USAGE, &e);
        }
        /* Unmet targets are a finding, not a failure of the command: the
         * table says so; the exit status lets scripts notice. */
        int unmet = 0;
        jrc = targets_out(&m, &ts, f, &b, &unmet, &e);
        if (unmet > 0)
            rc = DK_EXIT_FAIL;
        dk_targets_free(&ts);
    } else {
        jrc = params_out(&m, f, &b, &e);
    }
    int erc = jrc == 0 ? dk_emit(cmd, a, &b) : dk_report(DK_EXIT_FAIL, &e);
    dk_buf_free(&b);
    dk_model_free(&m);
    return erc ? erc : rc;
}

const dk_command dk_cmd_model = {
    "model",
    "show every parameter with value, range and provenance (--targets: check the published targets)",
    "[--targets] [--model FILE] [--format table|csv|json]",
    opts, run
};
