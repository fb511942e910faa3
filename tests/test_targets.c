/* test_targets.c -- one test per published target, and targets-file errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/model/targets.h"

static const char *parse_error(const dk_model *m, const char *text, char *msg)
{
    dk_targets ts;
    dk_err e = { 0 };
    msg[0] = '\0';
    if (dk_targets_parse(&ts, m, "t.txt", text, strlen(text), &e) == 0)
        dk_targets_free(&ts);
    else
        strcpy(msg, e.msg);
    return msg;
}

static void errors(t_ctx *t, const dk_model *m)
{
    static const struct { const char *text, *expect, *name; } cases[] = {
        { "frobnicate x\n", "t.txt:1: unknown line kind 'frobnicate'", "unknown line kind" },
        { "check : cap(po,tailor) >= 1\n", "t.txt:1: check: a check must follow", "check before target" },
        { "target X 001:L1 r\ncheck : cap(po,tailr) >= 1\n", "t.txt:2: check: unknown aspect 'tailr' (did you mean 'tailor'?)", "unknown aspect" },
        { "target X 001:L1 r\ncheck : cap(po,tailor) 1\n", "t.txt:2: check: no relation", "missing relation" },
        { "target X 001:L1 r\ncheck : cap(po,tailor,size=3) >= 1\n", "t.txt:2: check: unknown key 'size'", "unknown key" },
        { "target X 001:L1 r\ncheck : cap(po,tailor) = 1 tol -1\n", "t.txt:2: tol:", "negative tolerance" },
        { "target X 001:L1 r\ncheck : cap(po,tailor) >= 1\ntarget X 001:L2 r\n", "t.txt:3: target: id 'X' already used on line 1", "duplicate id" },
        { "target X 001:L1 r\n", "target 'X' has no check lines", "target without checks" },
        { "prior nothing.* 1 1 1 +\n", "t.txt:1: pattern: 'nothing.*' matches no parameter", "prior matching nothing" },
        { "prior *.intercept 1 1 1 up\n", "t.txt:1: sign: 'up'", "bad prior sign" },
        { "assume po.sd.teacher 0.5 0.6 0.7 assumed why\n", "not inside", "assumed value outside range" },
        { "target X 001:L1 r\ncheck a=@colours : cap(po,a) >= 1\n", "unknown list '@colours'", "unknown variable list" },
        { "target X 001:L1 r\ncheck : cap(po,tailor) >= 1 +\n", "t.txt:2: check:", "dangling operator" },
    };
    char msg[800];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[120];
        snprintf(name, sizeof name, "targets file: %s", cases[i].name);
        parse_error(m, cases[i].text, msg);
        t_ok(t, t_contains(msg, cases[i].expect), name, "got '%s'", msg);
    }
}

void test_targets(t_ctx *t)
{
    dk_model m;
    dk_targets ts;
    dk_err e = { 0 };
    if (dk_model_load_default(&m, &e) != 0) {
        t_ok(t, 0, "targets: default model", "%s", e.msg);
        return;
    }
    int rc = dk_targets_parse(&ts, &m, "targets.txt", dk_embedded_targets,
                              strlen(dk_embedded_targets), &e);
    t_ok(t, rc == 0, "targets: embedded targets parse", "%s", rc ? e.msg : "");
    if (rc == 0) {
        double *th = malloc(m.n * sizeof *th);
        dk_model_values(&m, th);
        int constraints = 0;
        for (size_t i = 0; i < ts.nt; i++) {
            if (ts.t[i].info)
                continue;
            constraints++;
            int n = 0, met = 0;
            const char *first_bad = "";
            double bad_d = 0;
            for (size_t j = 0; j < ts.nc; j++) {
                if (ts.c[j].target != (int)i)
                    continue;
                double d = dk_check_value(&m, th, &ts.c[j]);
                int ok = dk_check_met(&ts.c[j], d, 0);
                n++;
                met += ok;
                if (!ok && !*first_bad) {
                    first_bad = ts.c[j].text;
                    bad_d = d;
                }
            }
            char name[160];
            snprintf(name, sizeof name, "target %s (%s)", ts.t[i].id, ts.t[i].seed);
            t_ok(t, n > 0 && met == n, name, "%d of %d checks met; first unmet: %s "
                 "(lhs - rhs = %.4f)", met, n, first_bad, bad_d);
        }
        /* BRIEF/issue: C1-C19 (C17 an explanation), N1-N13, E1-E6 (E6
         * an interpretation), L1-L5 and the anchors are all present. */
        const char *ids[] = { "A1", "A2", "A3", "C1", "C4", "C9", "C16", "C19",
                              "N1", "N6", "N13", "E1", "E5", "L1", "L5", NULL };
        int missing = 0;
        for (int k = 0; ids[k]; k++) {
            int found = 0;
            for (size_t i = 0; i < ts.nt; i++)
                found |= strcmp(ts.t[i].id, ids[k]) == 0;
            missing += !found;
        }
        t_ok(t, missing == 0 && constraints >= 45, "targets: every published constraint is encoded",
             "%d missing, %d constraints", missing, constraints);
        free(th);
        dk_targets_free(&ts);
    }
    errors(t, &m);
    dk_model_free(&m);
}
