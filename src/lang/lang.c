/*
 * lang.c -- picking the language and looking strings up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/suggest.h"
#include "draagkracht/lang/lang.h"

static const dk_language languages[DK_NLANG] = {
    { "en", dk_strings_en, NULL, '.' },
    { "nl", dk_strings_nl, dk_opt_texts_nl, ',' },
};

const dk_language *dk_language_get(dk_lang l)
{
    return &languages[l >= 0 && l < DK_NLANG ? l : DK_LANG_EN];
}

const char *dk_s(dk_lang l, dk_str id)
{
    const char *s = dk_language_get(l)->s[id];
    return s ? s : dk_strings_en[id] ? dk_strings_en[id] : "";
}

dk_lang dk_e_lang(const dk_err *e)
{
    return e && e->lang > 0 && e->lang < DK_NLANG ? (dk_lang)e->lang : DK_LANG_EN;
}

const char *dk_e(const dk_err *e, dk_str id)
{
    return dk_s(dk_e_lang(e), id);
}

const char *dk_mean_text(dk_lang l, const char *suggestion, char *buf, size_t n)
{
    buf[0] = '\0';
    if (suggestion)
        snprintf(buf, n, dk_s(l, DKS_E_MEAN), suggestion);
    return buf;
}

const char *dk_mean(dk_lang l, const char *word, const char *const *names, char *buf, size_t n)
{
    return dk_mean_text(l, dk_suggest(word, names), buf, n);
}

/* The system errors a reader meets, in the order of the strings. */
static const int errnos[] = { ENOENT, EACCES, EISDIR, ENOTDIR, ENOSPC, EROFS, ENAMETOOLONG,
                              EIO, EEXIST, EMFILE, EFBIG, EDQUOT };

const char *dk_e_errno(const dk_err *e, int errnum)
{
    for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
        if (errnos[i] == errnum)
            return dk_e(e, (dk_str)(DKS_ERRNO_NOENT + (int)i));
    return strerror(errnum);
}

const char *dk_plural(dk_lang l, dk_str id, long n, char *buf, int size)
{
    snprintf(buf, (size_t)size, dk_s(l, n == 1 ? id : (dk_str)(id + 1)), n);
    return buf;
}

static int lookup(const char *code, dk_lang *out)
{
    for (int i = 0; i < DK_NLANG; i++)
        if (strcmp(code, languages[i].code) == 0)
            return *out = (dk_lang)i, 0;
    return -1;
}

int dk_lang_pick(const char *opt, dk_lang *out, char *msg, int size)
{
    *out = DK_LANG_EN;
    const char *env = getenv("DRAAGKRACHT_LANG");
    if (opt && lookup(opt, out) != 0) {
        snprintf(msg, (size_t)size, "--lang: '%s' is not en or nl", opt);
        return -1;
    }
    if (opt)
        return 0;
    if (env && *env) {
        if (lookup(env, out) == 0)
            return 0;
        snprintf(msg, (size_t)size, "DRAAGKRACHT_LANG: '%.40s' is not en or nl", env);
        return -1;
    }
    /* the locale, as setlocale() would read it */
    const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            if (strncmp(v, "nl_", 3) == 0 || strcmp(v, "nl") == 0)
                *out = DK_LANG_NL;
            return 0;
        }
    }
    return 0;
}

const char *dk_outcome_text(dk_lang l, int outcome)
{
    return dk_s(l, (dk_str)(DKS_OUT_MOTIVATE + outcome));
}

const char *dk_support_text(dk_lang l, int form)
{
    return dk_s(l, (dk_str)(DKS_SUP_NONE + form));
}

const char *dk_support_list(dk_lang l, unsigned mask, char *out, size_t n)
{
    out[0] = '\0';
    for (int f = 1; DKS_SUP_NONE + f <= DKS_SUP_FACILITY; f++)
        if (mask & (1u << f))
            snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "",
                     dk_support_text(l, f));
    if (!out[0])
        snprintf(out, n, "%s", dk_support_text(l, 0));
    return out;
}

void dk_split_labels(const char *s, char (*out)[DK_LABEL], int n)
{
    for (int i = 0; i < n; i++) {
        size_t k = strcspn(s, "|");
        snprintf(out[i], DK_LABEL, "%.*s", (int)k, s);
        s += k + (s[k] == '|');
    }
}
