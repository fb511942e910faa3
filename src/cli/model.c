/*
 * model.c -- `draagkracht model`: the parameter table, and with
 * --targets every published target against the model in use (model/ppc.c),
 * with --evidence how much of each parameter the readings decide; written
 * by report/model.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"

static const dk_opt opts[] = {
    { "targets", 0, NULL, "show every target, its seed line, the model's value and whether it is met" },
    { "evidence", 0, NULL, "per calibrated parameter: the share of its prior variance the readings removed" },
    { "targets-file", 0, "FILE", "targets to check (default: the embedded ones)" },
    { "model", 0, "FILE", "model file to use (default: the embedded model)" },
    { "format", 0, "FMT", "table, csv or json (default: table)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically)" },
    { NULL, 0, NULL, NULL }
};

static int run(const dk_args *a)
{
    const dk_command *cmd = &dk_cmd_model;
    dk_err e = DK_ERR_IN(a->ui);
    dk_format f;
    dk_model m;
    if (a->npos) {
        dk_fail(&e, "model: unexpected argument '%s'", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_lang l;
    if (dk_opt_format(cmd, a, &f, &e) != 0 || dk_opt_lang(cmd, a, &l, &e) != 0 ||
        dk_opt_model(cmd, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    dk_buf b = { 0 };
    int rc = DK_EXIT_OK, jrc;
    const char *tf = dk_opt_get(cmd, a, "targets-file");
    int evidence = dk_opt_get(cmd, a, "evidence") != NULL;
    if (dk_opt_get(cmd, a, "targets") || tf || evidence) {
        dk_targets ts;
        int prc = tf ? dk_targets_load(&ts, &m, tf, &e)
                     : dk_targets_parse(&ts, &m, DK_TARGETS_EMBEDDED,
                                        dk_embedded_targets,
                                        strlen(dk_embedded_targets), &e);
        if (prc != 0) {
            dk_model_free(&m);
            return dk_report(DK_EXIT_USAGE, &e);
        }
        /* Unmet targets are a finding, not a failure of the command: the
         * table says so; the exit status lets scripts notice. */
        int unmet = 0;
        if (evidence) {
            jrc = dk_model_evidence_write(&m, &ts, f, &b, &e);
        } else {
            dk_ppc q = { 0 };
            jrc = 0;
            if (dk_ppc_fill(&q, &m, &ts) != 0)
                b.oom = 1;      /* dk_emit reports it */
            else
                jrc = dk_model_targets_write(&m, &ts, &q, f, l, &b, &unmet, &e);
            dk_ppc_free(&q);
            if (unmet > 0)
                rc = DK_EXIT_FAIL;
        }
        dk_targets_free(&ts);
    } else {
        jrc = dk_model_params_write(&m, f, l, &b, &e);
    }
    int erc = jrc == 0 ? dk_emit(cmd, a, &b) : dk_report(DK_EXIT_FAIL, &e);
    dk_buf_free(&b);
    dk_model_free(&m);
    return erc ? erc : rc;
}

const dk_command dk_cmd_model = {
    "model",
    "show every parameter with value, range and provenance (--targets: check the published targets)",
    "[--targets | --evidence] [--model FILE] [--format table|csv|json]",
    opts, run, 0, NULL
};
