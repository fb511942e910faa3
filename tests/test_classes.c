/* test_classes.c -- class lists from a spreadsheet (--classes FILE.csv):
 * Dutch and English headers, ';' and ',', decimal commas, a byte order
 * mark, and the messages for bad lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/input/classes.h"

static int parse(const dk_model *m, const char *text, dk_scenario *sc, char *msg)
{
    dk_err e = { 0 };
    memset(sc, 0, sizeof *sc);
    int rc = dk_classes_parse(sc, m, "lijst.csv", text, strlen(text), &e);
    if (rc != 0)
        snprintf(msg, 800, "%s", e.msg);
    return rc;
}

static void test_good(t_ctx *t, const dk_model *m)
{
    dk_scenario sc;
    char msg[800] = "";
    const char dutch[] = "\xef\xbb\xbf" "Klas;Leerlingen;Met een ondersteuningsbehoefte;"
                         "Grote aandachtvraag;Ondersteuning\r\n"
                         "groep 3;24;8;4;onderwijsassistent + voorziening\r\n"
                         "\r\n"
                         "\"groep 5;6\";22,0;8;4;geen\r\n";
    int rc = parse(m, dutch, &sc, msg);
    t_ok(t, rc == 0 && sc.nschool == 1 && sc.nclass == 2 && strcmp(sc.schools[0].name, "lijst") == 0
         && sc.classes[0].c.class_size == 24 && sc.classes[0].c.ob == 8 && sc.classes[0].c.heavy == 4
         && sc.classes[0].c.support == ((1u << DK_SUP_ASSISTANT) | (1u << DK_SUP_FACILITY))
         && strcmp(sc.classes[1].name, "groep 5;6") == 0 && sc.classes[1].c.class_size == 22
         && sc.classes[1].c.support == 0 && sc.classes[1].line == 4,
         "classes: a Dutch list with ';', a byte order mark, CRLF and a decimal comma", "%s", msg);
    if (rc == 0)
        dk_scenario_free(&sc);
    const char english[] = "support,class,heavy,support-needs,class-size,sector,level\n"
                           "\"assistant,extra-teacher\",2a,5,9,30,vo,vmbo\n"
                           "none,2b,,,,vo,havo-vwo\n";
    rc = parse(m, english, &sc, msg);
    t_ok(t, rc == 0 && sc.nclass == 2 && sc.schools[0].sector == DK_VO
         && sc.classes[0].c.class_size == 30 && sc.classes[0].c.level == DK_LEVEL_VMBO
         && sc.classes[0].c.support == ((1u << DK_SUP_ASSISTANT) | (1u << DK_SUP_EXTRA_TEACHER))
         && sc.classes[1].c.class_size > 0 && sc.classes[1].c.ob >= 0,
         "classes: an English list with ',' in any order; empty counts are survey means", "%s", msg);
    if (rc == 0)
        dk_scenario_free(&sc);
    /* a file name that is all extension names the school by all of it */
    dk_err e = { 0 };
    memset(&sc, 0, sizeof sc);
    rc = dk_classes_parse(&sc, m, "map/.verborgen.csv", "klas\na\n", 7, &e);
    t_ok(t, rc == 0 && strcmp(sc.schools[0].name, ".verborgen.csv") == 0,
         "classes: a list named '.verborgen.csv' names its school so", "%s",
         rc == 0 ? sc.schools[0].name : e.msg);
    if (rc == 0)
        dk_scenario_free(&sc);
    /* a board's sheet: rows of two schools interleaved, the same class
     * name in both, Dutch words for level and experience */
    const char board[] = "school;klas;sector;niveau;ervaring\n"
                         "A;1;vo;vmbo;beginnend\nB;1;po;;\nA;2;vo;havo/vwo;ervaren\nB;2;po;;\n";
    rc = parse(m, board, &sc, msg);
    t_ok(t, rc == 0 && sc.nschool == 2 && sc.nclass == 4 && strcmp(sc.schools[0].name, "A") == 0
         && sc.schools[0].sector == DK_VO && sc.schools[0].first == 0 && sc.schools[0].nclass == 2
         && sc.schools[1].sector == DK_PO && sc.schools[1].first == 2 && sc.schools[1].line == 3
         && sc.classes[1].school == 0 && sc.classes[1].line == 4
         && sc.classes[1].c.level == DK_LEVEL_HAVO_VWO && sc.classes[0].c.exp == DK_EXP_NOVICE
         && sc.classes[1].c.exp == DK_EXP_EXPERIENCED && sc.classes[2].school == 1,
         "classes: a school column makes a board of schools, each school's classes together",
         "%s", msg);
    if (rc == 0)
        dk_scenario_free(&sc);
}

static void test_bad(t_ctx *t, const dk_model *m)
{
    static const char *const cases[][2] = {
        { "klass;leerlingen\ng;20\n", "lijst.csv:1: 'klass' is not a column of a class list (did you mean '" },
        { "klas;leerlingen\ng;2x\n", "lijst.csv:2: column 'class-size': '2x' is not a whole number" },
        { "klas;leerlingen\ng;26,5\n", "lijst.csv:2: column 'class-size': '26,5' is not a whole number" },
        { "klas;leerlingen\ng;0\n", "lijst.csv:2: column 'class-size': 0 is outside 1..100" },
        { "klas;leerlingen\ng;25e60\n", "lijst.csv:2: column 'class-size': 2.5e+61 is outside "
          "1..100" },
        { "klas;ob;zwaar\ng;3;5\n", "lijst.csv:2: class 'g': heavy:" },
        { "klas;ondersteuning\ng;assistent\n", "lijst.csv:2: column 'support':" },
        { "klas;leerlingen\na;20\na;21\n", "lijst.csv:3: column 'class': 'a' is named twice (first on line 2)" },
        { "klas;leerlingen\n;20\n", "lijst.csv:2: column 'class': empty" },
        { "leerlingen\n20\n", "lijst.csv:1: no column 'class'" },
        { "klas;leerlingen;klas\na;20;b\n", "lijst.csv:1: column 'class': given twice" },
        { "klas;sector\na;po\nb;vo\n", "lijst.csv:3: column 'sector': the classes of one school share a sector" },
        { "", "lijst.csv: empty" },
        { "klas;leerlingen\n", "lijst.csv: no classes" },
        { "klas;leerlingen\n\"a;20\n", "lijst.csv:2: a quote that is not closed" },
        { "school;klas\nA;a\n;b\n", "lijst.csv:3: column 'school': empty" },
        { "school;klas;sector\nA;a;po\nB;a;vo\nA;b;vo\n", "lijst.csv:4: column 'sector': the "
          "classes of one school share a sector (school 'A' is po from line 2)" },
        { "school;klas\nA;a\nB;a\nA;a\n", "lijst.csv:4: column 'class': 'a' is named twice "
          "(first on line 2)" },
        { "klas;ervaring\na;beginner\n", "lijst.csv:2: column 'experience': unknown value" },
        { "klas;sector\na;vo\nb;\n", "lijst.csv:3: column 'sector': the classes of one school "
          "share a sector (school 'lijst' is vo from line 2; an empty sector is po)" },
        { "klas\n0123456789012345678901234567890123456789012345678901234567890123\n",
          "lijst.csv:2: column 'class': '0123456789012345678901234567890123456789...' is longer "
          "than 63 bytes" },
        { "school;klas\n0123456789012345678901234567890123456789012345678901234567890123;a\n",
          "lijst.csv:2: column 'school': '0123456789012345678901234567890123456789...' is longer" },
        { "klas;leerlingen\na;20.0000000000000000000000000000000000000000000000000000000000000000000"
          "0000junk\n", "lijst.csv:2: column 'class-size': '20.000" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dk_scenario sc;
        char msg[800] = "", name[200];
        int rc = parse(m, cases[i][0], &sc, msg);
        snprintf(name, sizeof name, "classes: bad list %zu: %.60s", i + 1, cases[i][1]);
        t_ok(t, rc != 0 && strncmp(msg, cases[i][1], strlen(cases[i][1])) == 0, name,
             "rc %d, got '%s'", rc, msg);
        if (rc == 0)
            dk_scenario_free(&sc);
    }
}

/* The example list is the default school: the same classes, the same
 * numbers, on the real binary. */
static void test_binary(t_ctx *t)
{
    t_run_result a, b;
    t_run(t, "simulate --replicates 100", &a);
    t_run(t, "simulate --replicates 100 --classes scenarios/klassen-po.csv", &b);
    const char *ca = strstr(a.out, "  class "), *cb = strstr(b.out, "  class ");
    size_t na = ca ? strcspn(ca, "\n") : 0;
    const char *ea = ca ? strstr(ca, "\n\n") : NULL, *eb = cb ? strstr(cb, "\n\n") : NULL;
    t_ok(t, a.status == 0 && b.status == 0 && ca && cb && ea && eb && na > 0 &&
         ea - ca == eb - cb && memcmp(ca, cb, (size_t)(ea - ca)) == 0 &&
         t_contains(b.out, "School klassen-po (po, 8 classes)"),
         "classes: simulate --classes scenarios/klassen-po.csv is the default school",
         "status %d/%d: %.300s", a.status, b.status, b.err);
    t_run_free(&a);
    t_run_free(&b);
    t_run(t, "plan scenarios/board.ini --replicates 100 --format csv", &a);
    t_run(t, "plan scenarios/board.ini --replicates 100 --format csv --classes "
          "scenarios/klassen-bestuur.csv", &b);
    t_ok(t, a.status == 0 && b.status == 0 && strcmp(a.out, b.out) == 0 && a.outlen > 1000,
         "classes: a board's sheet (scenarios/klassen-bestuur.csv) plans as scenarios/board.ini",
         "status %d/%d: %.300s", a.status, b.status, b.err);
    t_run_free(&a);
    t_run_free(&b);
    expect(t, "classes: plan --classes", "plan --classes scenarios/klassen-po.csv --budget 0.5 "
           "--replicates 50", 0, "Plan for klassen-po (po, 8 classes)", NULL);
    bad(t, "classes: a bad list names file, line and column",
        "simulate --classes tests/data/classes-bad.csv", "classes-bad.csv:3: class 'groep 2': heavy:");
    /* a class list is an input: never written over */
    char list[400], cmd[1000];
    snprintf(list, sizeof list, "%s/lijst.csv", t->tmp);
    write_file(list, "klas;leerlingen\na;20\n");
    static const char *const cmds[] = { "simulate", "plan --budget 0.5", "compare" };
    for (int i = 0; i < 3; i++) {
        snprintf(cmd, sizeof cmd, "%s --classes %s --replicates 10 -o %s", cmds[i], list, list);
        char name[200];
        snprintf(name, sizeof name, "classes: %s -o onto its own --classes list is refused",
                 cmds[i]);
        t_run_result r;
        t_run(t, cmd, &r);
        char *still = t_slurp(list, NULL);
        t_ok(t, r.status == 2 && t_contains(r.err, "is the input --classes") && still &&
             strcmp(still, "klas;leerlingen\na;20\n") == 0, name, "status %d, list %s: %.200s",
             r.status, still && strcmp(still, "klas;leerlingen\na;20\n") == 0 ? "kept" : "changed",
             r.err);
        free(still);
        t_run_free(&r);
    }
    /* the scenario's own lines keep their file once the classes are the list's */
    char path[400], args[800];
    snprintf(path, sizeof path, "%s/plan-rates.ini", t->tmp);
    write_file(path, "[school s]\n[class a]\n[plan]\nbudget = 1\n"
               "euro-per-fte.assistant = 50000\n");
    snprintf(args, sizeof args, "plan %s --classes scenarios/klassen-po.csv", path);
    bad(t, "classes: plan's own lines are named in the scenario, not the list", args,
        "plan-rates.ini:3: euro-per-fte.");
}

void test_classes(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "classes", &m) != 0)
        return;
    test_good(t, &m);
    test_bad(t, &m);
    dk_model_free(&m);
    test_binary(t);
}
