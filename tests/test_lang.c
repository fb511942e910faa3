/* test_lang.c -- the string tables: complete in every language, with the
 * same printf conversions; option help for every option; the language
 * chosen from --lang, DRAAGKRACHT_LANG and the locale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/cli/cli.h"

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

void test_lang(t_ctx *t)
{
    test_tables(t);
    test_pick(t);
}
