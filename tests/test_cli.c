/* test_cli.c -- end-to-end tests of the real binary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "t.h"

/* Runs args; checks the exit status and that stdout/stderr contain text. */
void expect(t_ctx *t, const char *name, const char *args, int status,
                   const char *in_out, const char *in_err)
{
    t_run_result r;
    t_run(t, args, &r);
    int ok = r.status == status && (!in_out || t_contains(r.out, in_out)) &&
             (!in_err || t_contains(r.err, in_err));
    t_ok(t, ok, name, "status %d (want %d); stdout '%.200s'; stderr '%.300s'",
         r.status, status, r.out, r.err);
    t_run_free(&r);
}

/* Bad input: exit 2, the message on stderr, nothing on stdout, no -o file. */
void bad(t_ctx *t, const char *name, const char *args, const char *msg)
{
    bad_output(t, name, args, "-o", msg);
}

void bad_output(t_ctx *t, const char *name, const char *args, const char *flag,
                const char *msg)
{
    char full[2048], out[400];
    snprintf(out, sizeof out, "%s/bad-output", t->tmp);
    remove(out);
    snprintf(full, sizeof full, "%s %s %s", args, flag, out);
    t_run_result r;
    t_run(t, full, &r);
    int ok = r.status == 2 && r.outlen == 0 && t_contains(r.err, msg) && !t_exists(out);
    char tname[200];
    snprintf(tname, sizeof tname, "bad input: %s", name);
    t_ok(t, ok, tname, "status %d; stdout %zu bytes; output file %s; stderr '%.300s' "
         "(want '%s')", r.status, r.outlen, t_exists(out) ? "written" : "absent",
         r.err, msg);
    t_run_free(&r);
}

void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void usage(t_ctx *t)
{
    expect(t, "cli: --help lists the commands", "--help", 0, "commands:", NULL);
    expect(t, "cli: predict --help lists its options", "predict --help", 0, "--support-needs", NULL);
    expect(t, "cli: --version names the model", "--version", 0, "model dk1-", NULL);
    expect(t, "cli: unknown command suggests", "predct", 2, NULL, "did you mean 'predict'");
    expect(t, "cli: no command is an error on stderr", "", 2, NULL, "no command given");
    /* issue 26: --lang, a global option, before the command too */
    expect(t, "cli: --lang before the command (draagkracht --lang nl simulate)",
           "--lang nl simulate --replicates 10", 0, "herhalingen", NULL);
    expect(t, "cli: --lang=nl before the command", "--lang=nl predict", 0, "leerlingen", NULL);
    expect(t, "cli: --lang before --help", "--lang nl --help", 0, "opdrachten", NULL);
    /* issue 26: a value with no near match lists the valid ones */
    expect(t, "cli: plan --objective best lists the objectives", "plan --objective best", 2,
           NULL, "(one of: mean, hardly, worst)");
    expect(t, "cli: plan --aspect lists the aspects and all", "plan --aspect x", 2, NULL,
           "tailor, all)");
    expect(t, "cli: an unwritable -o is exit 2", "predict -o /nonexistent/dir/x.csv", 2, NULL,
           "/nonexistent/dir/x.csv: cannot write");
    expect(t, "cli: unknown option suggests", "predict --sectr po", 2, NULL, "did you mean '--sector'");
    expect(t, "cli: model --targets: every target met", "model --targets", 0, "0 not met", NULL);
    expect(t, "cli: model table shows provenance", "model", 0, "published", "");
    expect(t, "cli: model csv", "model --format csv", 0, "name,value,lo,hi,kind,source\n", NULL);
    expect(t, "cli: model json", "model --format json", 0, "\"parameters\": [", NULL);
    expect(t, "cli: predict in Dutch", "predict --lang nl", 0, "op maat aansluiten", NULL);
    expect(t, "cli: extrapolation warns on stderr", "predict --class-size 30 --support-needs 20 --heavy 2",
           0, "warning: support-needs 20 is 8 outside", "warning: support-needs 20");
}

/* Every CSV row of model --targets has the header's number of fields. */
static int csv_rows_even(const char *csv)
{
    int want = -1, bad = 0;
    const char *p = csv;
    while (*p) {
        int fields = 1, quoted = 0;
        for (; *p && (*p != '\n' || quoted); p++) {
            if (*p == '"')
                quoted = !quoted;
            else if (*p == ',' && !quoted)
                fields++;
        }
        if (*p)
            p++;
        if (want < 0)
            want = fields;
        bad += fields != want;
    }
    return bad == 0;
}

static void predict_outputs(t_ctx *t)
{
    t_run_result r;
    t_run(t, "model --targets --format csv", &r);
    t_ok(t, r.status == 0 && csv_rows_even(r.out), "model --targets: CSV rows have even fields",
         "uneven rows");
    t_run_free(&r);
    t_run_result z;
    t_run(t, "predict --seed 0 --format csv --draws 20", &r);
    t_run(t, "predict --seed 4357 --format csv --draws 20", &z);
    t_ok(t, r.status == 0 && (r.outlen != z.outlen || memcmp(r.out, z.out, r.outlen) != 0),
         "predict: seed 0 is a seed of its own (not MT19937's 4357)", "identical");
    t_run_free(&r);
    t_run_free(&z);
    t_run(t, "predict --sector vo --class-size 24 --support-needs 5 --heavy 0 --format json", &r);
    const char *keys[] = { "\"capability\": {", "\"tailor\": {\"mean\": ", "\"lo\": ",
                           "\"hi\": ", "\"shares\": [", "\"demand\": {", "\"facility\": {",
                           "\"strong\": ", "\"warnings\": []", NULL };
    int missing = t_missing(r.out, keys);
    t_ok(t, r.status == 0 && missing == 0, "predict: JSON has the documented shape",
         "%d keys missing in %.300s", missing, r.out);
    t_run_free(&r);

    char golden[600], args[2000];
    snprintf(golden, sizeof golden, "%s/tests/golden/predict_po_default.csv", t->root);
    size_t glen;
    char *want = t_slurp(golden, &glen);
    t_run(t, "predict --format csv", &r);
    t_ok(t, want && r.status == 0 && r.outlen == glen && memcmp(r.out, want, glen) == 0,
         "predict: default po class matches the golden CSV",
         "differs from tests/golden/predict_po_default.csv (regenerate: "
         "./draagkracht predict --format csv > tests/golden/predict_po_default.csv)");
    t_run_free(&r);

    /* -o writes the same bytes as stdout, atomically; .gz compresses. */
    snprintf(args, sizeof args, "predict --format csv -o %s/p.csv", t->tmp);
    t_run(t, args, &r);
    char path[400];
    snprintf(path, sizeof path, "%s/p.csv", t->tmp);
    size_t len;
    char *got = t_slurp(path, &len);
    t_ok(t, r.status == 0 && r.outlen == 0 && got && want && len == glen &&
         memcmp(got, want, len) == 0, "predict: -o writes the file, nothing on stdout", "mismatch");
    free(got);
    t_run_free(&r);
    snprintf(args, sizeof args, "predict --format csv -o %s/p.csv.gz && gzip -dc %s/p.csv.gz",
             t->tmp, t->tmp);
    t_run(t, args, &r);
    t_ok(t, r.status == 0 && want && r.outlen == glen && memcmp(r.out, want, glen) == 0,
         "predict: -o FILE.gz is gzip of the same output", "status %d", r.status);
    t_run_free(&r);
    free(want);

    /* calibrate writes a model every command loads.  (The full ensemble,
     * byte for byte, is reproduced by build.sh test on the release build:
     * it takes a minute, too long to run again under ASan.) */
    snprintf(args, sizeof args, "calibrate src/data/targets.txt -q --members 64 "
             "--warmup 10 --thin 1 -o %s/m.model && grep -c '^member ' %s/m.model",
             t->tmp, t->tmp);
    expect(t, "calibrate: CLI writes a small ensemble", args, 0, "64", NULL);
    snprintf(args, sizeof args, "predict --model %s/m.model --format csv", t->tmp);
    expect(t, "cli: --model loads a model file", args, 0, "capability,tailor,", NULL);
}

static void bad_inputs(t_ctx *t)
{
    char path[400], args[2000];
    bad(t, "class size not a number", "predict --class-size abc", "--class-size: 'abc' is not a whole number");
    bad(t, "negative class size", "predict --class-size -3", "--class-size: -3 is outside 1..100");
    bad(t, "negative support needs", "predict --support-needs -1", "--support-needs: -1 is outside");
    bad(t, "heavy not a number", "predict --heavy 2.5", "--heavy: '2.5' is not a whole number");
    bad(t, "heavy above support needs", "predict --support-needs 5 --heavy 9", "--heavy: 9 heavy-need pupils is more than the 5");
    bad(t, "support needs above class size", "predict --class-size 20 --support-needs 30 --heavy 2", "--support-needs: 30 pupils");
    bad(t, "unknown sector", "predict --sector hbo", "--sector: unknown value 'hbo'");
    bad(t, "unknown support form", "predict --support asistant", "unknown form 'asistant' (did you mean 'assistant'?)");
    bad(t, "unknown level", "predict --sector vo --level vwo", "--level: unknown value 'vwo'");
    bad(t, "unknown experience", "predict --experience junior", "--experience: unknown value 'junior'");
    bad(t, "seed not a number", "predict --seed x1", "--seed: 'x1' is not a whole number");
    bad(t, "too few draws", "predict --draws 5", "--draws: 5 is outside 10..1000000");
    bad(t, "unknown format", "predict --format xml", "--format: 'xml' is not table, csv, json or html");
    bad(t, "missing option value", "predict --sector", "option --sector needs a value");
    bad(t, "stray argument", "predict po", "unexpected argument 'po'");
    bad(t, "option given twice", "predict --heavy 1 --heavy 2", "--heavy given twice");
    bad(t, "missing model file", "predict --model /nonexistent/m.model", "/nonexistent/m.model: cannot open");
    snprintf(path, sizeof path, "%s/bad.model", t->tmp);
    write_file(path, "# a model\npo.sd.teacher 0.5 0.3 0.7 assumed why\nbogus 1 0 2 assumed why\n");
    snprintf(args, sizeof args, "predict --model %s", path);
    bad(t, "malformed model file", args, "bad.model:3: name: unknown parameter 'bogus'");
    snprintf(path, sizeof path, "%s/bad-targets.txt", t->tmp);
    write_file(path, "target A 001:L1 x\ncheck : cap(po,tailor) >< 2\n");
    snprintf(args, sizeof args, "model --targets-file %s", path);
    bad(t, "malformed targets file", args, "bad-targets.txt:2: check:");
    snprintf(args, sizeof args, "calibrate %s", path);
    bad(t, "calibrate with a malformed targets file", args, "bad-targets.txt:2: check:");
    bad(t, "calibrate without a file", "calibrate", "expected one targets file");
    bad(t, "empty support list", "predict --support ''", "has an empty form name");
    bad(t, "support list with an empty item", "predict --support assistant,", "has an empty form name");
    bad(t, "support none combined", "predict --support none,assistant", "'none' cannot be combined");
    bad(t, "support form twice", "predict --support assistant,assistant", "'assistant' is listed twice");
    bad(t, "too many samples", "predict --draws 1000000 --teachers 50", "more than 5000000 samples");
    bad(t, "empty model name", "predict --model ''", "--model: empty file name");
    snprintf(path, sizeof path, "%s/novals.txt", t->tmp);
    write_file(path, "target A 001:L1 x\ncheck x=,, : cap(po,calm) >= 1\n");
    snprintf(args, sizeof args, "calibrate %s", path);
    bad(t, "targets variable without values", args, "novals.txt:2: check: variable 'x' has no values");
    write_file(path, "target A 001:L1 x\ncheck : cap(po,calm) >= 1e999\n");
    snprintf(args, sizeof args, "model --targets-file %s", path);
    bad(t, "targets number out of range", args, "novals.txt:2: check:");
    snprintf(path, sizeof path, "%s/huge.model", t->tmp);
    snprintf(args, sizeof args, "sed 's/^po.sd.teacher .*/po.sd.teacher 1e308 0 1e308 assumed why/' "
             "%s/src/data/default.model > %s", t->root, path);
    if (system(args) != 0)
        fprintf(stderr, "runner: could not write %s\n", path);
    snprintf(args, sizeof args, "predict --model %s", path);
    bad(t, "model with an absurd range", args, "po.sd.teacher: range 0..1e+308 is implausibly large");
    snprintf(path, sizeof path, "%s/trunc.model.gz", t->tmp);
    char cmd[900];
    snprintf(cmd, sizeof cmd, "cd %s && gzip -c src/data/default.model | head -c 300 > %s",
             t->root, path);
    if (system(cmd) != 0)
        fprintf(stderr, "runner: could not write %s\n", path);
    snprintf(args, sizeof args, "predict --model %s", path);
    bad(t, "truncated gzip model file", args, "trunc.model.gz");
}

/* -o onto a device writes through it: a rename would replace /dev/null
 * with a regular file (the tests run as root). */
static void device_output(t_ctx *t)
{
    struct stat st;
    t_run_result r;
    t_run(t, "predict -o /dev/null", &r);
    t_ok(t, r.status == 0 && stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode),
         "cli: -o /dev/null leaves /dev/null a device", "status %d", r.status);
    t_run_free(&r);
}

void test_cli(t_ctx *t)
{
    usage(t);
    device_output(t);
    predict_outputs(t);
    bad_inputs(t);
}
