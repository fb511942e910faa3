/* test_scenario.c -- scenario files and `simulate`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/run/scenario.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/run/sweep.h"

static void parse_errors(t_ctx *t)
{
    static const struct { const char *name, *text, *expect; } cases[] = {
        { "key outside a section", "seed = 1\n", "s.ini:1: seed: outside a section; start with [run]" },
        { "unknown section", "[shcool A]\n", "s.ini:1: shcool: unknown section 'shcool' (did you mean 'school'?)" },
        { "school without a name", "[school]\n", "s.ini:1: school: a [school] needs a name" },
        { "class before school", "[class 5a]\n", "s.ini:1: class: '5a' comes before any [school NAME]" },
        { "unknown key with suggestion", "[school A]\nsector = po\n[class x]\nheavvy = 2\n", "s.ini:4: heavvy: unknown key 'heavvy' (did you mean 'heavy'?)" },
        { "duplicate key", "[school A]\n[class x]\nheavy = 1\nheavy = 2\n", "s.ini:4: heavy: given twice" },
        { "duplicate class", "[school A]\n[class x]\n[class x]\n", "s.ini:3: class: 'x' is already defined" },
        { "duplicate school", "[school A]\n[class x]\n[school A]\n", "s.ini:3: school: 'A' is already defined" },
        { "not a number", "[school A]\n[class x]\nclass-size = 2x\n", "s.ini:3: class-size: '2x' is not a whole number" },
        { "negative count", "[school A]\n[class x]\nheavy = -1\n", "s.ini:3: heavy: -1 is outside 0..100" },
        { "empty value", "[school A]\n[class x]\nheavy =\n", "s.ini:3: heavy: empty value" },
        { "heavy above support needs", "[school A]\n[class x]\nsupport-needs = 3\nheavy = 4\n", "s.ini:2: class 'x': heavy: 4 heavy-need pupils" },
        { "support needs above class size", "[school A]\n[class x]\nclass-size = 10\nsupport-needs = 12\nheavy = 1\n", "s.ini:2: class 'x': support-needs: 12" },
        { "unknown sector", "[school A]\nsector = hbo\n[class x]\n", "s.ini:2: sector: unknown sector 'hbo'" },
        { "unknown support form", "[school A]\n[class x]\nsupport = asistant\n", "s.ini:3: support: unknown form 'asistant' (did you mean 'assistant'?)" },
        { "sector per class", "[school A]\n[class x]\nsector = vo\n", "s.ini:3: sector: the sector is set per [school]" },
        { "empty school", "[school A]\nsector = po\n", "s.ini:1: school: 'A' has no [class NAME] sections" },
        { "no school at all", "[run]\nseed = 3\n", "s.ini: no [school NAME] or [population NAME] section" },
        { "unknown parameter", "[assumptions]\nsupport.combin = 0.3\n", "s.ini:2: support.combin: unknown model parameter 'support.combin' (did you mean 'support.combine'?)" },
        { "assumption outside its range", "[assumptions]\nsupport.combine = 0.9 0.1 0.5\n", "s.ini:2: support.combine: value 0.9 is outside its range 0.1..0.5" },
        { "assumption not a number", "[assumptions]\nsupport.combine = half\n", "s.ini:2: support.combine: 'half' is not a number" },
        { "replicates zero", "[run]\nreplicates = 0\n", "s.ini:2: replicates: 0 is outside 10..10000000" },
        { "replicates below --replicates' minimum", "[run]\nreplicates = 9\n",
          "s.ini:2: replicates: 9 is outside 10..10000000" },
        { "second run section", "[run]\n[run]\n", "s.ini:2: run: a second [run] section" },
        { "malformed header", "[school A\n", "s.ini:1: malformed section header" },
        { "line without =", "[school A]\nsector po\n", "s.ini:2: expected 'key = value'" },
        { "invalid UTF-8", "[school A]\n# caf\xe9\n", "s.ini:2: byte 6 is not valid UTF-8" },
        { "population without classes", "[population R]\nsector = po\n", "s.ini:1: population 'R': classes: missing" },
        { "population heavy above support needs", "[population R]\nclasses = 5\nsupport-needs = 3\nheavy = 4\n", "population 'R': heavy: 4 is more than support-needs 3" },
        { "population count neither number nor survey", "[population R]\nclasses = 5\nheavy = lots\n", "s.ini:3: heavy: 'lots' is not a whole number" },
        { "population zero classes", "[population R]\nclasses = 0\n", "s.ini:2: classes: 0 is outside 1..100000000" },
        { "population unknown key", "[population R]\nclases = 5\n", "s.ini:2: clases: unknown key 'clases' (did you mean 'classes'?)" },
        { "unknown level", "[school A]\nsector = vo\nlevel = vwo\n[class x]\n", "s.ini:3: level: unknown level 'vwo'" },
    };
    /* Each case through the real binary: exit 2, the message, nothing on
     * stdout and no output file. */
    char path[400], out[400], args[1200];
    snprintf(path, sizeof path, "%s/s.ini", t->tmp);
    snprintf(out, sizeof out, "%s/never.csv", t->tmp);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "wb");
        if (!f)
            continue;
        fputs(cases[i].text, f);
        fclose(f);
        remove(out);
        snprintf(args, sizeof args, "simulate %s -o %s --format csv", path, out);
        t_run_result r;
        t_run(t, args, &r);
        char name[160];
        snprintf(name, sizeof name, "bad scenario: %s", cases[i].name);
        t_ok(t, r.status == 2 && r.outlen == 0 && !t_exists(out) && t_contains(r.err, cases[i].expect),
             name, "status %d, %zu bytes on stdout, output %s; stderr '%.300s' (want '%s')",
             r.status, r.outlen, t_exists(out) ? "written" : "absent", r.err, cases[i].expect);
        t_run_free(&r);
    }
    /* a truncated gzip scenario and an overlong line */
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "gzip -c %s/scenarios/school-po-8.ini | head -c 200 > %s/t.ini.gz && "
             "(printf '[school A]\\n# '; head -c 5000 /dev/zero | tr '\\0' x) > %s/long.ini",
             t->root, t->tmp, t->tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "runner: could not prepare gzip/overlong cases\n");
    const char *more[][2] = { { "t.ini.gz", "corrupt or truncated gzip" },
                              { "long.ini", "long.ini:2: line is longer than 4096 bytes" } };
    for (int i = 0; i < 2; i++) {
        remove(out);
        snprintf(args, sizeof args, "simulate %s/%s -o %s", t->tmp, more[i][0], out);
        t_run_result r;
        t_run(t, args, &r);
        char name[160];
        snprintf(name, sizeof name, "bad scenario: %s", more[i][1]);
        t_ok(t, r.status == 2 && r.outlen == 0 && !t_exists(out) && t_contains(r.err, more[i][1]),
             name, "status %d; stderr '%.300s'", r.status, r.err);
        t_run_free(&r);
    }
}

static void parse_ok(t_ctx *t)
{
    dk_model m;
    dk_err e = { 0 };
    dk_scenario sc;
    if (dk_model_load_default(&m, &e) != 0)
        return;
    const char *text = "[run]\nseed = 7\nreplicates = 50\n[assumptions]\nsupport.combine = 0.3\n"
                       "[school A]\nsector = vo\nlevel = vmbo\n[class 1]\nsupport = assistant, facility\n"
                       "[class 2]\nlevel = havo-vwo # a comment\n";
    int rc = dk_scenario_read(&sc, &m, "s.ini", text, strlen(text), &e);
    t_ok(t, rc == 0 && sc.seed == 7 && sc.replicates == 50 && sc.nclass == 2 &&
         sc.classes[0].c.level == DK_LEVEL_VMBO && sc.classes[1].c.level == DK_LEVEL_HAVO_VWO &&
         sc.classes[0].c.support == ((1u << DK_SUP_ASSISTANT) | (1u << DK_SUP_FACILITY)) &&
         sc.classes[0].c.class_size == 22,
         "scenario file: run settings, subgroups, support lists and survey defaults", "%s",
         rc ? e.msg : "values differ");
    int k = dk_model_find(&m, "support.combine");
    const dk_param *p = dk_model_param(&m, (size_t)k);
    t_ok(t, rc == 0 && p->value == 0.3 && p->lo == 0.3 && p->kind == DK_PROV_ASSUMED &&
         t_contains(p->source, "s.ini:5"),
         "scenario file: an assumption overrides a parameter by name", "value %g", p->value);
    if (rc == 0)
        dk_scenario_free(&sc);
    dk_model_free(&m);
}

/* The input layer only reads the model: [assumptions] come back as data,
 * and class counts stay unset until the command completes them. */
static void parse_leaves_model(t_ctx *t)
{
    dk_model m;
    dk_err e = { 0 };
    dk_scenario sc;
    if (dk_model_load_default(&m, &e) != 0)
        return;
    int k = dk_model_find(&m, "support.combine");
    dk_param was = *dk_model_param(&m, (size_t)k);
    const char *text = "[assumptions]\nsupport.combine = 0.3 0.2 0.4\n"
                       "[school A]\nsector = po\n[class 1]\n";
    int rc = dk_scenario_parse(&sc, &m, "s.ini", text, strlen(text), &e);
    const dk_param *p = dk_model_param(&m, (size_t)k);
    t_ok(t, rc == 0 && sc.nassume == 1 && sc.assume[0].param == k &&
         sc.assume[0].value == 0.3 && sc.assume[0].lo == 0.2 && sc.assume[0].hi == 0.4 &&
         sc.assume[0].line == 2 && sc.classes[0].c.class_size < 0 &&
         p->value == was.value && p->kind == was.kind,
         "scenario file: parsing returns the assumptions and leaves the model alone", "%s",
         rc ? e.msg : "differs");
    if (rc == 0)
        dk_scenario_free(&sc);
    dk_model_free(&m);
}

/* Every kind of population (mbo sizes, given numbers and forms, a school
 * beside them) gives the same bytes for any thread count, and nothing on
 * stderr when it is not a terminal. */
static void populations_cli(t_ctx *t)
{
    char path[400], args[1200];
    snprintf(path, sizeof path, "%s/pops.ini", t->tmp);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("[run]\nseed = 5\nreplicates = 24\n"
              "[population mbo]\nsector = mbo\nclasses = 3000\n"
              "[population given]\nsector = vo\nlevel = vmbo\nclasses = 2000\n"
              "class-size = 24\nheavy = 2\nsupport = assistant,facility\n"
              "[school A]\nsector = po\n[class x]\nsupport-needs = 9\nheavy = 3\n", f);
        fclose(f);
    }
    t_run_result a, b;
    snprintf(args, sizeof args, "simulate %s --format csv", path);
    t_run(t, args, &a);
    snprintf(args, sizeof args, "simulate %s --format csv --threads 3 -q", path);
    t_run(t, args, &b);
    t_ok(t, a.status == 0 && a.outlen > 0 && a.outlen == b.outlen &&
         memcmp(a.out, b.out, a.outlen) == 0 && t_contains(a.out, "population,\"mbo\","),
         "simulate: mbo, given-number and school units identical for 1 and 3 threads",
         "status %d: %.200s", a.status, a.err);
    t_ok(t, a.err[0] == '\0' && b.err[0] == '\0',
         "simulate: no progress on stderr when it is not a terminal", "%.200s", a.err);
    t_run_free(&a);
    t_run_free(&b);
    f = fopen(path, "w");
    if (f) {
        fputs("[assumptions]\npopulation.heavy.icc = 0\n[population R]\nclasses = 10\n", f);
        fclose(f);
    }
    snprintf(args, sizeof args, "simulate %s", path);
    t_run(t, args, &a);
    t_ok(t, a.status == 2 && a.outlen == 0 &&
         t_contains(a.err, "population.heavy.icc: must lie strictly between 0 and 1"),
         "bad scenario: an assumption outside the model's domain", "status %d: %.200s",
         a.status, a.err);
    t_run_free(&a);
}

static void simulate_cli(t_ctx *t)
{
    char args[2000];
    t_run_result a, b;
    t_run(t, "simulate --format csv", &a);
    char golden[600];
    snprintf(golden, sizeof golden, "%s/tests/golden/simulate_default.csv", t->root);
    size_t glen;
    char *want = t_slurp(golden, &glen);
    t_ok(t, a.status == 0 && want && a.outlen == glen && memcmp(a.out, want, glen) == 0,
         "simulate: embedded 8-class school matches the golden CSV",
         "regenerate: ./draagkracht simulate --format csv > tests/golden/simulate_default.csv");
    free(want);
    t_run(t, "simulate --format csv --threads 3", &b);
    t_ok(t, b.status == 0 && a.outlen == b.outlen && memcmp(a.out, b.out, a.outlen) == 0,
         "simulate: byte-identical output for 1 and 3 threads", "differs");
    t_run_free(&a);
    t_run_free(&b);
    const char *files[] = { "scenarios/school-po-8.ini", "scenarios/school-vmbo.ini",
                            "scenarios/team-mbo-2.ini", "scenarios/region-po-1200.ini",
                            "scenarios/population-vo.ini", NULL };
    for (int i = 0; files[i]; i++) {
        snprintf(args, sizeof args, "simulate %s --replicates 100 --format json", files[i]);
        t_run(t, args, &a);
        char name[200];
        snprintf(name, sizeof name, "simulate: example %s runs", files[i]);
        t_ok(t, a.status == 0 && t_contains(a.out, "\"units\": [") && t_contains(a.out, "\"fte\": "),
             name, "status %d: %.300s", a.status, a.err);
        t_run_free(&a);
    }
    t_run(t, "simulate scenarios/population-vo.ini --replicates 20 --format csv", &a);
    t_run(t, "simulate scenarios/population-vo.ini --replicates 20 --format csv --threads 2", &b);
    t_ok(t, a.status == 0 && a.outlen > 0 && a.outlen == b.outlen && memcmp(a.out, b.out, a.outlen) == 0,
         "simulate: population output identical for 1 and 2 threads", "differs");
    t_run_free(&a);
    t_run_free(&b);
    populations_cli(t);
    snprintf(args, sizeof args, "simulate --replicates 50 -o %s/s.csv.gz --format csv && gzip -dc %s/s.csv.gz | head -1",
             t->tmp, t->tmp);
    t_run(t, args, &a);
    t_ok(t, a.status == 0 && t_contains(a.out, "unit,group,class,kind,outcome,mean"),
         "simulate: -o FILE.gz writes gzip CSV", "%.200s", a.err);
    t_run_free(&a);
    snprintf(args, sizeof args, "%s/bad.ini", t->tmp);
    FILE *f = fopen(args, "w");
    if (f) {
        fputs("[school A]\n[class x]\nheavy = 9\nsupport-needs = 3\n", f);
        fclose(f);
    }
    char out[400];
    snprintf(out, sizeof out, "%s/never.csv", t->tmp);
    snprintf(args, sizeof args, "simulate %s/bad.ini -o %s", t->tmp, out);
    t_run(t, args, &a);
    t_ok(t, a.status == 2 && a.outlen == 0 && !t_exists(out) && t_contains(a.err, "bad.ini:2: class 'x': heavy:"),
         "bad input: simulate with an impossible class writes nothing", "status %d: %.300s",
         a.status, a.err);
    t_run_free(&a);
    t_run(t, "simulate --threads 0", &a);
    t_ok(t, a.status == 2 && t_contains(a.err, "--threads: 0 is outside 1..256"),
         "bad input: simulate --threads 0", "%.200s", a.err);
    t_run_free(&a);
    snprintf(args, sizeof args, "simulate %s/missing.ini", t->tmp);
    t_run(t, args, &a);
    t_ok(t, a.status == 2 && t_contains(a.err, "missing.ini: cannot open"),
         "bad input: simulate with a missing file", "%.200s", a.err);
    t_run_free(&a);
}

/* A class's counts in scenario text (its last class). */
static int scenario_class(dk_model *m, const char *text, dk_class *c, char *why)
{
    dk_scenario sc;
    dk_err e = { 0 };
    int rc = dk_scenario_read(&sc, m, "s.ini", text, strlen(text), &e);
    if (rc == 0) {
        *c = sc.classes[sc.nclass - 1].c;
        dk_scenario_free(&sc);
    } else {
        sprintf(why, "%.200s", e.msg);
    }
    return rc;
}

/* Defect 2 of the layout review: a vo/vmbo class with no counts was 22/8/4
 * in predict, 24/8/4 in a scenario file and 22/9/5 in a population.  Now
 * every path takes Table 3.2's vmbo row (seed 001 L741-793): 22 pupils,
 * 9 with a support need, 5 heavy. */
static void vmbo_defaults(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "vmbo defaults", &m) != 0)
        return;
    char why[300] = "", got[5][64];
    int size[5] = { -1, -1, -1, -1, -1 }, ob[5] = { -1, -1, -1, -1, -1 };
    int hv[5] = { -1, -1, -1, -1, -1 };
    /* 0: predict through the binary (its table's first line) */
    t_run_result r;
    t_run(t, "predict --sector vo --level vmbo --draws 10 --teachers 1", &r);
    if (sscanf(r.out, "vo class of %d pupils, %d with a support need, %d of them heavy",
               &size[0], &ob[0], &hv[0]) != 3)
        snprintf(why, sizeof why, "predict: status %d, '%.100s'", r.status, r.out);
    t_run_free(&r);
    /* 1, 2: a class in a vmbo school, and a class that sets vmbo itself */
    const char *texts[2] = { "[school A]\nsector = vo\nlevel = vmbo\n[class 1]\n",
                             "[school A]\nsector = vo\n[class 1]\nlevel = vmbo\n" };
    for (int k = 0; k < 2; k++) {
        dk_class c;
        if (scenario_class(&m, texts[k], &c, why) == 0) {
            size[1 + k] = (int)c.class_size;
            ob[1 + k] = (int)c.ob;
            hv[1 + k] = (int)c.heavy;
        }
    }
    /* 3: a population's draws centre on its tables' means */
    double *theta = malloc(m.n * sizeof *theta);
    if (theta) {
        dk_model_values(&m, theta);
        dk_pop_spec p = { .sector = DK_VO, .level = DK_LEVEL_VMBO, .size = -1, .ob = -1,
                          .heavy = -1, .as_now = 1 };
        dk_survey_means d = dk_survey_means_at(&m, theta, p.sector, p.level);
        dk_survey_tables tab;
        memset(&tab, 0, sizeof tab);
        dk_survey_prepare(&tab, &m, theta, &p);
        if (tab.ob_share == d.ob / d.size && tab.hv_share == d.heavy / d.ob) {
            size[3] = (int)d.size;
            ob[3] = (int)d.ob;
            hv[3] = (int)d.heavy;
        }
        dk_survey_tables_free(&tab);
    }
    /* 4: a sweep row with no counts is the predictor for that class */
    dk_sweep_spec sp;
    dk_err e = { 0 };
    const char *spec = "[sweep]\ndesign = grid\nresponses = tailor.mean\n[base]\n"
                       "sector = vo\nlevel = vmbo\n[factor support]\nlevels = none\n";
    if (theta && dk_sweep_parse(&sp, &m, "s.ini", spec, strlen(spec), &e) == 0) {
        double x[DK_SWEEP_MAX_FACTORS] = { 0 }, y[DK_SWEEP_MAX_RESPONSES];
        dk_sweep_eval(&sp, &m, x, sp.theta, y);
        dk_class c = { .sector = DK_VO, .class_size = 22, .ob = 9, .heavy = 5,
                       .level = DK_LEVEL_VMBO };
        if (y[0] == dk_expected_answer(dk_model_mean(&m, theta, &c, DK_TAILOR),
                                       dk_teacher_sd(&m, theta, DK_VO)))
            size[4] = 22, ob[4] = 9, hv[4] = 5;
        dk_sweep_free(&sp);
    }
    free(theta);
    int same = 1;
    for (int k = 0; k < 5; k++) {
        snprintf(got[k], sizeof got[k], "%d/%d/%d", size[k], ob[k], hv[k]);
        same &= size[k] == 22 && ob[k] == 9 && hv[k] == 5;
    }
    t_ok(t, same, "a vo/vmbo class with no counts is 22/9/5 in predict, a school, a "
         "class, a population and a sweep", "got %s, %s, %s, %s, %s %s", got[0], got[1],
         got[2], got[3], got[4], why);
    dk_model_free(&m);
}

void test_scenario(t_ctx *t)
{
    parse_errors(t);
    parse_ok(t);
    parse_leaves_model(t);
    vmbo_defaults(t);
    simulate_cli(t);
}
