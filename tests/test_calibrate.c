/* test_calibrate.c -- the calibration reproduces the committed model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/model/calibrate.h"

/* A small ensemble: the full one (build.sh test reproduces it byte for
 * byte in the release build) takes a minute, too long under ASan. */
static int calibrate_text(const char *text, dk_buf *out, char *msg)
{
    dk_model m;
    dk_targets ts;
    dk_err e = { 0 };
    dk_calib_report rep;
    dk_calib_opts o;
    dk_calib_opts_default(&o);
    o.members = 64;
    o.chains = 4;
    o.warmup = 10;
    o.thin = 1;
    o.threads = 2;
    if (dk_model_init(&m) != 0)
        return strcpy(msg, "out of memory"), -1;
    int rc = dk_targets_parse(&ts, &m, "t.txt", text, strlen(text), &e);
    if (rc == 0) {
        rc = dk_calibrate(&m, &ts, &o, &rep, &e);
        if (rc == 0)
            dk_model_write(&m, out);
        dk_targets_free(&ts);
    }
    if (rc)
        strcpy(msg, e.msg);
    dk_model_free(&m);
    return rc;
}

void test_calibrate(t_ctx *t)
{
    dk_buf b = { 0 };
    char msg[800] = "";
    int rc = calibrate_text(dk_embedded_targets, &b, msg);
    t_ok(t, rc == 0, "calibrate: every embedded target is met by every member of "
         "a small ensemble", "%s", msg);
    dk_model small;
    dk_err e = { 0 };
    rc = rc == 0 ? dk_model_parse(&small, "small", b.data, b.len, &e) : -1;
    t_ok(t, rc == 0 && small.nmember == 64, "calibrate: the ensemble is written and "
         "read back", "rc %d", rc);
    if (rc == 0)
        dk_model_free(&small);
    dk_buf_free(&b);

    /* An impossible extra target is reported, with its line. */
    size_t n = strlen(dk_embedded_targets);
    const char *extra = "target Z9 001:L1 impossible\ncheck : cap(po,tailor) >= 9\n";
    char *text = malloc(n + strlen(extra) + 1);
    strcpy(text, dk_embedded_targets);
    strcat(text, extra);
    rc = calibrate_text(text, &b, msg);
    t_ok(t, rc != 0 && t_contains(msg, "Z9") && t_contains(msg, "cannot be met"),
         "calibrate: an infeasible target is named", "rc %d: %s", rc, msg);
    dk_buf_free(&b);
    free(text);

    /* A parameter with neither a prior nor an assumption is an error. */
    rc = calibrate_text("prior *.cap.* 3 1 0.1 any\n", &b, msg);
    t_ok(t, rc != 0 && t_contains(msg, "neither a prior nor an assume line"),
         "calibrate: every parameter needs a prior or an assumption", "%s", msg);
    dk_buf_free(&b);
}
