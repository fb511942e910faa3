/* test_lang.c -- the string tables: complete in every language, with the
 * same printf conversions; option help for every option; the language
 * chosen from --lang, DRAAGKRACHT_LANG and the locale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/model/targets.h"

/* The printf conversions of s, in order ("%s%d%%..."), in out.  The
 * strings use no flags: "% i" in "90% interval" is text. */
static void conversions(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 8 < n; s++) {
        if (*s != '%')
            continue;
        size_t len = 1 + strspn(s + 1, "+0123456789.");
        len += s[len] == 'l';
        if (!s[len] || !strchr("diouxXeEfFgGcsp%", s[len]))
            continue;
        len++;
        memcpy(out + k, s, len);
        k += len;
        s += len - 1;
    }
    out[k] = '\0';
}

static const dk_command *const commands[] = {
    &dk_cmd_simulate, &dk_cmd_plan, &dk_cmd_compare, &dk_cmd_sweep, &dk_cmd_predict,
    &dk_cmd_model, &dk_cmd_calibrate, &dk_cmd_fit, &dk_cmd_design, NULL
};

static void test_tables(t_ctx *t)
{
    int missing = 0, differ = 0;
    char first[600] = "";
    for (int l = 0; l < DK_NLANG; l++)
        for (int id = 0; id < DK_NSTR; id++) {
            const char *s = dk_language_get((dk_lang)l)->s[id];
            char a[200], b[200];
            if (!s) {
                if (!missing++)
                    snprintf(first, sizeof first, "%s lacks string %d",
                             dk_language_get((dk_lang)l)->code, id);
                continue;
            }
            conversions(s, a, sizeof a);
            conversions(dk_strings_en[id] ? dk_strings_en[id] : "", b, sizeof b);
            /* a string without arguments in English is not a format: a
             * literal "%" in it is text */
            int format = 0;
            for (const char *q = b; *q; q++)
                format |= *q != '%' && strchr("diouxXeEfFgGcsp", *q) != NULL;
            if (format && strcmp(a, b) != 0 && !differ++)
                snprintf(first, sizeof first, "%s string %d: '%s' against '%s'",
                         dk_language_get((dk_lang)l)->code, id, a, b);
        }
    t_ok(t, missing == 0, "lang: every language has every string", "%d missing: %s", missing, first);
    t_ok(t, differ == 0, "lang: the same printf conversions in every language", "%d differ: %s",
         differ, first);
    /* option help: every option of every command, and every summary */
    for (int l = 1; l < DK_NLANG; l++) {
        const dk_language *lg = dk_language_get((dk_lang)l);
        int lack = 0;
        for (int c = 0; commands[c]; c++)
            for (int o = -1; o < 0 || commands[c]->opts[o].name; o++) {
                const char *opt = o < 0 ? NULL : commands[c]->opts[o].name;
                int found = 0;
                for (const dk_opt_text *x = lg->opts; x && x->cmd; x++)
                    found |= strcmp(x->cmd, commands[c]->name) == 0 &&
                             (opt ? x->opt && strcmp(x->opt, opt) == 0 : !x->opt);
                if (!found && !lack++)
                    snprintf(first, sizeof first, "%s %s", commands[c]->name, opt ? opt : "(summary)");
            }
        char name[100];
        snprintf(name, sizeof name, "lang: %s help for every option of every command", lg->code);
        t_ok(t, lack == 0, name, "%d missing, first %s", lack, first);
    }
}

static void test_pick(t_ctx *t)
{
    const char *saved[4];
    const char *vars[4] = { "DRAAGKRACHT_LANG", "LC_ALL", "LC_MESSAGES", "LANG" };
    char *copy[4];
    for (int i = 0; i < 4; i++) {
        saved[i] = getenv(vars[i]);
        copy[i] = saved[i] ? strdup(saved[i]) : NULL;
        unsetenv(vars[i]);
    }
    dk_lang l;
    char msg[200];
    setenv("LANG", "nl_NL.UTF-8", 1);
    int a = dk_lang_pick(NULL, &l, msg, sizeof msg) == 0 && l == DK_LANG_NL;
    setenv("LC_ALL", "C", 1);
    int b = dk_lang_pick(NULL, &l, msg, sizeof msg) == 0 && l == DK_LANG_EN;
    setenv("DRAAGKRACHT_LANG", "nl", 1);
    int c = dk_lang_pick(NULL, &l, msg, sizeof msg) == 0 && l == DK_LANG_NL;
    int d = dk_lang_pick("en", &l, msg, sizeof msg) == 0 && l == DK_LANG_EN;
    setenv("DRAAGKRACHT_LANG", "fr", 1);
    int e = dk_lang_pick(NULL, &l, msg, sizeof msg) != 0 && t_contains(msg, "DRAAGKRACHT_LANG");
    int f = dk_lang_pick("de", &l, msg, sizeof msg) != 0 && t_contains(msg, "--lang");
    for (int i = 0; i < 4; i++) {
        if (copy[i])
            setenv(vars[i], copy[i], 1);
        else
            unsetenv(vars[i]);
        free(copy[i]);
    }
    t_ok(t, a && b && c && d && e && f, "lang: --lang, then DRAAGKRACHT_LANG, then the locale",
         "%d %d %d %d %d %d", a, b, c, d, e, f);
}

/* ---- Dutch output has no English words ---- */

/* Words that are English and not Dutch: a Dutch output that has one
 * left a string untranslated.  ("in", "is", "of", "model", "plan",
 * "school" are Dutch too.) */
static const char *const english[] = {
    "the", "and", "with", "for", "to", "at", "from", "by", "into", "than", "only", "each",
    "every", "this", "that", "these", "what", "which", "where", "how", "would", "could",
    "their", "they", "its", "not", "no", "or", "are", "be", "has", "have", "were",
    "teacher", "teachers", "observations", "respondents", "rule", "class", "classes", "pupil", "pupils", "support", "need", "needs",
    "mean", "share", "replicates", "replicate", "seed", "capability", "demand", "cost",
    "costs", "best", "baseline", "change", "estimate", "total", "rows", "row", "warning",
    "default", "help", "show", "write", "file", "output", "none", "assistant", "facility",
    "tailor", "motivate", "instruction", "energy", "calm", "hardly", "worst", "read",
    "population", "populations", "schools", "level", "levels", "objective", "variance",
    "points", "first", "order", "largest", "most", "least", "outside", "usage", "options",
    "commands", "here", "instead", "random", "draws", "threads", "fewer", "between",
    "within", "against", "fitted", "lower", "upper", "value", "values", "all", "aspect",
    "aspects", "heavy", "well", "strong", "strongest", "hardest", "ratings", "rating",
    "made", "same", "bytes", "ranking", "curve", "step", "steps", "gain", "adds", "rank",
    "responses", "response", "factors", "effects", "trajectories", "analytic", "chart", "page",
    "intervals", "groups", "formula", "reference", "residual", "variance", "converged",
    "gradient", "left", "out", "deviance", "criterion", "likelihood", "checks", "targets",
    "members", "slack", "reading", "tightest", "constraint", "published", "calibrated",
    "assumed", "fitted", "embedded", "about", "doubled", "rounds", "widest", "next", "needs",
    "outside", "studied", "extrapolated", "above", "ignored", "applies", "unknown", "option",
    "given", "twice", "number", "whole", "command", "did", "you", "see", "diagnostics",
    "chains", "solver", "iterations", "distance", "effective", "sample",
    NULL
};

/* Letters: ASCII and every byte of a multi-byte UTF-8 character. */
static int letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Text of an HTML document: tags dropped, the five entities decoded;
 * the style sheet is not text. */
static char *html_text(const char *h)
{
    char *out = malloc(strlen(h) + 1), *o = out;
    const char *style = strstr(h, "</style>");
    if (style)
        h = style + 8;
    while (*h) {
        if (*h == '<') {
            h += strcspn(h, ">");
            h += *h == '>';
            *o++ = ' ';
            continue;
        }
        if (*h == '&') {
            static const char *const ent[][2] = { { "&amp;", "&" }, { "&lt;", "<" },
                { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" } };
            size_t k = 0;
            while (k < 5 && strncmp(h, ent[k][0], strlen(ent[k][0])) != 0)
                k++;
            if (k < 5) {
                *o++ = ent[k][1][0];
                h += strlen(ent[k][0]);
                continue;
            }
        }
        *o++ = *h++;
    }
    *o = '\0';
    return out;
}

/* The English words of text (NUL-separated names in `data`, the data's
 * own names, are blanked first); how many, the first few in `found`.
 * Words joined to others by - . / _ = or quotes are names a user types
 * (support-needs, tailor.le2, 'none'), ALL-CAPS words are placeholders
 * (FILE): neither counts. */
static int english_words(const char *text, const char *const *data, char *found, size_t n)
{
    char *t = strdup(text);
    /* longest first: a name inside a longer one would break it up */
    size_t nd = 0;
    while (data && data[nd])
        nd++;
    const char **by_len = nd ? malloc(nd * sizeof *by_len) : NULL;
    for (size_t i = 0; by_len && i < nd; i++) {
        size_t j = i;
        for (; j > 0 && strlen(by_len[j - 1]) < strlen(data[i]); j--)
            by_len[j] = by_len[j - 1];
        by_len[j] = data[i];
    }
    for (size_t i = 0; by_len && i < nd; i++)
        for (char *at = *by_len[i] ? strstr(t, by_len[i]) : NULL; at; at = strstr(at, by_len[i]))
            memset(at, ' ', strlen(by_len[i]));
    free(by_len);
    int hits = 0;
    found[0] = '\0';
    for (char *p = t; *p;) {
        if (!letter((unsigned char)*p)) {
            p++;
            continue;
        }
        char *start = p;
        while (*p && letter((unsigned char)*p))
            p++;
        char before = start > t ? start[-1] : ' ', after = *p;
        if (strchr("-./_='`*+|[]<>", before) || strchr("-./_='`*+|[]<>", after) ||
            (before >= '0' && before <= '9') || (after >= '0' && after <= '9'))
            continue;
        size_t len = (size_t)(p - start);
        char w[64];
        if (len >= sizeof w)
            continue;
        int caps = 0;
        for (size_t i = 0; i < len; i++) {
            w[i] = (char)((start[i] >= 'A' && start[i] <= 'Z') ? start[i] + 32 : start[i]);
            caps += start[i] >= 'A' && start[i] <= 'Z';
        }
        w[len] = '\0';
        if (caps > 1)
            continue;
        for (int i = 0; english[i]; i++)
            if (strcmp(w, english[i]) == 0) {
                if (hits++ < 6)
                    snprintf(found + strlen(found), n - strlen(found), "%s'%s'",
                             hits > 1 ? " " : "", w);
                if (hits == 1)      /* where the first is */
                    snprintf(found + strlen(found), n - strlen(found), " (in \"%.50s\")",
                             start > t + 20 ? start - 20 : t);
                break;
            }
    }
    free(t);
    return hits;
}

/* Runs args, which must end with exit status `status`; scans stdout and
 * stderr (as HTML text when html). */
static void dutch_status(t_ctx *t, const char *args, int html, const char *const *data,
                         int status)
{
    char cmd[1500], name[300], found[300];
    snprintf(cmd, sizeof cmd, "%s --lang nl", args);
    t_run_result r;
    t_run(t, cmd, &r);
    char *text = html ? html_text(r.out) : strdup(r.out);
    int hits = english_words(text, data, found, sizeof found) +
               english_words(r.err, data, found + strlen(found), sizeof found - strlen(found));
    snprintf(name, sizeof name, "lang: no English words in '%.120s --lang nl'", args);
    t_ok(t, r.status == status && r.outlen + strlen(r.err) > 40 && hits == 0, name,
         "status %d, %d English words: %s", r.status, hits, found);
    free(text);
    t_run_free(&r);
}

static void dutch(t_ctx *t, const char *args, int html, const char *const *data)
{
    dutch_status(t, args, html, data, 0);
}

/* The model's provenance and the targets' readings and checks: the text
 * of the model and targets files, not the program's (NULL-ended, in a
 * list to free). */
static const char **file_texts(const dk_model *m, const dk_targets *ts)
{
    size_t n = dk_model_nparam(m) + ts->nt + ts->nc + 2 * ts->nw, k = 0;
    const char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; out && i < dk_model_nparam(m); i++)
        out[k++] = dk_model_param(m, i)->source;
    for (size_t i = 0; out && i < ts->nt; i++)
        out[k++] = ts->t[i].reading;
    for (size_t i = 0; out && i < ts->nc; i++)
        out[k++] = ts->c[i].text;
    for (size_t i = 0; out && i < ts->nw; i++) {
        out[k++] = ts->w[i].word;
        out[k++] = ts->w[i].reading;
    }
    return out;
}

/* model and model --targets: their own words Dutch, the files' text aside */
static void test_dutch_model(t_ctx *t)
{
    dk_model m;
    dk_targets ts;
    dk_err e = { 0 };
    if (t_default_model(t, "lang", &m) != 0)
        return;
    if (dk_targets_parse(&ts, &m, "(embedded targets)", dk_embedded_targets,
                         strlen(dk_embedded_targets), &e) != 0) {
        t_ok(t, 0, "lang: the embedded targets", "%s", e.msg);
        dk_model_free(&m);
        return;
    }
    const char **texts = file_texts(&m, &ts);
    dutch(t, "model", 0, texts);
    dutch_status(t, "model --targets", 0, texts, 0);
    free(texts);
    dk_targets_free(&ts);
    dk_model_free(&m);
}

static void test_dutch_outputs(t_ctx *t)
{
    /* the scanner itself finds English */
    t_run_result r;
    t_run(t, "simulate --replicates 20", &r);
    char found[300];
    int hits = english_words(r.out, NULL, found, sizeof found);
    t_ok(t, hits > 20, "lang: the English-word scan finds English in English output", "%d: %s",
         hits, found);
    t_run_free(&r);
    static const char *const cmds[] = { "simulate", "plan", "compare", "sweep", "predict",
                                        "model", "calibrate", "fit", "design", NULL };
    char args[300];
    /* command names are what a user types */
    dutch(t, "--help", 0, cmds);
    for (int i = 0; cmds[i]; i++) {
        snprintf(args, sizeof args, "%s --help", cmds[i]);
        dutch(t, args, 0, NULL);
    }
    dutch(t, "simulate --replicates 50", 0, NULL);
    dutch(t, "simulate --replicates 50 --format html", 1, NULL);
    dutch(t, "simulate scenarios/population-vo.ini --replicates 50", 0, NULL);
    dutch(t, "simulate scenarios/population-vo.ini --replicates 50 --format html", 1, NULL);
    dutch(t, "predict --support-needs 9 --heavy 3 --support assistant", 0, NULL);
    dutch(t, "predict --sector vo --level vmbo --support-needs 9 --heavy 5 --format html", 1, NULL);
    /* warnings, on stderr, in the table and in the report */
    dutch(t, "predict --sector vo --support-needs 14 --heavy 6 --class-size 40 --experience novice "
          "--draws 50", 0, NULL);
    dutch(t, "predict --support-needs 14 --heavy 6 --draws 50 --format html", 1, NULL);
    dutch(t, "simulate scenarios/school-vmbo.ini -q --replicates 20 --format html", 1, NULL);
    dutch(t, "--version", 0, NULL);
    dutch(t, "plan --replicates 100", 0, NULL);
    dutch(t, "plan --replicates 100 --format html", 1, NULL);
    dutch(t, "plan scenarios/plan-vo.ini --replicates 100 --format html", 1, NULL);
    dutch(t, "plan scenarios/plan-vo-4.ini --replicates 100", 0, NULL);
    dutch(t, "plan scenarios/board.ini --replicates 60", 0, NULL);
    dutch(t, "plan scenarios/board.ini --replicates 60 --format html", 1, NULL);
    dutch(t, "compare tests/data/lang/vergelijk-po.ini -q", 0, NULL);
    dutch(t, "compare tests/data/lang/vergelijk-po.ini -q --format html", 1, NULL);
    /* the sweep's factors and responses are names from its spec */
    static const char *const spec_names[] = { "support", "heavy", NULL };
    dutch(t, "sweep scenarios/sweep-po.ini --n 64 -q -o /dev/null --indices -", 0, spec_names);
    dutch(t, "sweep scenarios/sweep-po.ini --n 64 -q -o /dev/null --indices - --format html", 1,
          spec_names);
    dutch(t, "sweep scenarios/sweep-po.ini --design morris --n 20 -q -o /dev/null --indices -", 0,
          spec_names);
    char cmd[900];
    snprintf(cmd, sizeof cmd, "sweep scenarios/sweep-po.ini --design morris --n 20 -q -o "
             "%s/lang-rows.csv >/dev/null 2>&1 && %s sweep --analyse %s/lang-rows.csv --format "
             "html", t->tmp, t->bin, t->tmp);
    dutch(t, cmd, 1, spec_names);
    /* not met: exit status 1, the sentence on stderr and above the table */
    dutch_status(t, "sweep scenarios/sweep-po.ini --n 64 -q -o /dev/null --indices - --until-ci "
                 "0.001 --max-n 128", 0, spec_names, 1);
    dutch(t, "sweep scenarios/sweep-ishigami.ini --n 256 -q -o /dev/null --indices -", 0, NULL);
    test_dutch_model(t);
    dutch(t, "calibrate src/data/targets.txt --members 8 --chains 1 --warmup 10 -o /dev/null", 0,
          NULL);
    /* the options' errors: exit status 2 */
    dutch_status(t, "simulate --bogus", 0, NULL, 2);
    dutch_status(t, "simulate --seed x", 0, NULL, 2);
    dutch_status(t, "simulat", 0, NULL, 2);
    dutch_status(t, "simulate --format htm", 0, NULL, 2);
    dutch(t, "design --respondents 24 -o /dev/null", 0, NULL);
    /* fit: the data's column names are the user's */
    static const char *const columns[] = { "tailor", "support", "heavy", "respondent", "sector",
                                           NULL };
    snprintf(cmd, sizeof cmd, "design --respondents 240 --simulate -q -o %s/lang-answers.csv "
             ">/dev/null 2>&1 && %s fit %s/lang-answers.csv --group respondent --by sector --outcome tailor "
             "--factors support-needs,heavy,support --format html", t->tmp, t->bin, t->tmp);
    dutch(t, cmd, 1, columns);
    snprintf(cmd, sizeof cmd, "fit %s/lang-answers.csv --group respondent --by sector --outcome "
             "tailor --factors support-needs,heavy,support --compare heavy", t->tmp);
    dutch(t, cmd, 0, columns);
}

/* Under --lang nl the errors of the files (content, the system's) and of
 * the options are Dutch; the file's names, fields and values are quoted
 * as given.  Each case: the file's text (NULL: no file), the arguments
 * (%s: the file), a Dutch phrase the message must hold, and the names
 * the file itself holds (not the program's words). */
static void test_dutch_errors(t_ctx *t)
{
    static const struct {
        const char *text, *args, *phrase, *names[4];
    } cases[] = {
        { "[school A]\nsector = po\n[class g5]\nclass-size = 25\nsupport-needs = 3\nheavy = 9\n",
          "simulate %s", "9 leerlingen met een zware ondersteuningsbehoefte is meer dan de 3",
          { "heavy", "g5", NULL } },
        { "[school A]\nsector = po\n[class g5]\nheavvy = 2\n", "simulate %s",
          "onbekende sleutel 'heavvy' (bedoel je 'heavy'?)", { "heavvy", "heavy", NULL } },
        { "[school A]\nsector = po\n[class g5]\nclass-size = veel\n", "plan %s",
          "class-size: 'veel' is geen geheel getal", { "class-size", NULL } },
        { "klas;leerlingen;ondersteuning\n5a;25;assistnt\n", "simulate --classes %s",
          "kolom 'support': onbekende vorm 'assistnt' (bedoel je 'assistant'?)",
          { "support", "assistant", NULL } },
        { "klas;leerlingen\n\"5a;25\n", "simulate --classes %s", "een aanhalingsteken dat niet gesloten is",
          { NULL } },
        { NULL, "simulate %s", "kan niet openen: bestand of map bestaat niet", { NULL } },
        { NULL, "predict --support asistant", "onbekende vorm 'asistant' (bedoel je 'assistant'?)",
          { "support", "assistant", NULL } },
        { NULL, "predict --class-size veel", "'veel'", { "class-size", NULL } },
        { NULL, "design", "--respondents is verplicht", { NULL } },
        { NULL, "simulate a.ini b.ini", "verwacht hoogstens", { NULL } },
    };
    char path[1000], args[1200], name[300];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/lang-err-%zu.%s", t->tmp, i,
                 cases[i].text && strncmp(cases[i].text, "klas", 4) == 0 ? "csv" : "ini");
        if (cases[i].text)
            write_file(path, cases[i].text);
        snprintf(args, sizeof args, cases[i].args, path);
        strcat(args, " --lang nl");
        t_run_result r;
        t_run(t, args, &r);
        char found[300];
        int hits = english_words(r.err, cases[i].names, found, sizeof found);
        snprintf(name, sizeof name, "lang: a Dutch error for '%.60s'", cases[i].args);
        t_ok(t, r.status == 2 && t_contains(r.err, cases[i].phrase) && hits == 0, name,
             "status %d, %d English words (%s): %s", r.status, hits, found, r.err);
        t_run_free(&r);
    }
}

void test_lang(t_ctx *t)
{
    test_tables(t);
    test_pick(t);
    test_dutch_outputs(t);
    test_dutch_errors(t);
}
