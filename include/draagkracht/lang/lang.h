/*
 * lang.h -- every word a person reads, in one table per language
 * (lang_en.c, lang_nl.c): a third language is one more file and one line
 * in lang.c.  The layer sits right above base/, so that io/, model/ and
 * the parsers can word their messages in the reader's language too
 * (the errors' catalogue at the end; base/text.h's dk_err carries the
 * language down).  Machine output (CSV headers, JSON keys, the vocabulary
 * a user types) stays English and is not here.
 *
 * Strings are looked up by id; some are printf formats, and the tests
 * check that every language has every string with the same conversions
 * in the same order.  Option help is keyed by command and option name
 * (English: the command's own option table).
 */
#ifndef DRAAGKRACHT_LANG_H
#define DRAAGKRACHT_LANG_H

#include <stddef.h>

#include "draagkracht/base/text.h"

typedef enum { DK_LANG_EN, DK_LANG_NL, DK_NLANG } dk_lang;

typedef enum {
    /* outcomes, in outcome order (vocab.h) */
    DKS_OUT_MOTIVATE, DKS_OUT_INSTRUCTION, DKS_OUT_ENERGY, DKS_OUT_CALM, DKS_OUT_TAILOR,
    DKS_OUT_ASSISTANT, DKS_OUT_EXTRA_TEACHER, DKS_OUT_SPEC_IN, DKS_OUT_SPEC_OUT,
    DKS_OUT_FACILITY, DKS_OUT_COACHING,
    /* support forms, in dk_support order */
    DKS_SUP_NONE, DKS_SUP_ASSISTANT, DKS_SUP_EXTRA_TEACHER, DKS_SUP_SPECIALIST, DKS_SUP_FACILITY,
    /* experience and level, in their enum order */
    DKS_EXP_ALL, DKS_EXP_NOVICE, DKS_EXP_EXPERIENCED,
    DKS_LEVEL_ALL, DKS_LEVEL_VMBO, DKS_LEVEL_HAVO_VWO,
    /* counted nouns: singular, then plural (dk_plural) */
    DKS_N_SCHOOL, DKS_N_SCHOOLS, DKS_N_POP, DKS_N_POPS, DKS_N_CLASS, DKS_N_CLASSES,
    DKS_N_ROW, DKS_N_ROWS, DKS_N_MEMBER, DKS_N_MEMBERS,
    /* --help */
    DKS_HELP_TAGLINE, DKS_HELP_USAGE, DKS_HELP_SYNOPSIS, DKS_HELP_COMMANDS, DKS_HELP_GLOBAL, DKS_HELP_OPTIONS,
    DKS_HELP_LANG, DKS_HELP_HELP,
    /* the options' errors */
    DKS_E_UNKNOWN_OPT, DKS_E_TOO_MANY, DKS_E_TWICE, DKS_E_LANG_VALUE,
    DKS_E_NEEDS_VALUE, DKS_E_NO_VALUE, DKS_E_WHOLE, DKS_E_RANGE_LONG, DKS_E_NUMBER, DKS_E_RANGE,
    DKS_E_NO_HTML, DKS_E_FORMAT, DKS_E_FORMATS, DKS_E_FORMATS_HTML, DKS_E_MEAN, DKS_E_EMPTY,
    DKS_E_NO_COMMAND, DKS_E_UNKNOWN_CMD,

    /* ---- shared by the reports ---- */
    DKS_CAVEAT, DKS_BASIS_VIGNETTE, DKS_BASIS_REAL, DKS_BASIS_ENSEMBLE, DKS_HOW_HEAD, DKS_SOURCE, DKS_SOURCE_DRAWS, DKS_MADE_BY, DKS_WARNINGS,
    DKS_ANS1_CAP, DKS_ANS5_CAP, DKS_ANS1_NEED, DKS_ANS5_NEED,
    DKS_GRP_LE2_CAP, DKS_GRP_3_CAP, DKS_GRP_GE4_CAP,
    DKS_GRP_LE2_NEED, DKS_GRP_3_NEED, DKS_GRP_GE4_NEED,
    DKS_AX_TEACHERS, DKS_AX_FTE, DKS_AX_MEAN,
    DKS_H_MEAN, DKS_H_INTERVAL, DKS_H_LE2, DKS_H_GE4, DKS_H_FTE, DKS_H_CLASS, DKS_H_ASPECT,
    DKS_H_FORM,
    /* warnings about a class, in dk_class_warn_kind order; where; stderr */
    DKS_CW_SUPPORT_NEEDS, DKS_CW_HEAVY, DKS_CW_CLASS_SIZE, DKS_CW_EXPERIENCE, DKS_CW_LEVEL,
    DKS_CW_AT, DKS_WARN_STDERR,
    /* the progress line on a terminal */
    DKS_PROGRESS, DKS_PROGRESS_DONE, DKS_UNIT_REPLICATES, DKS_UNIT_SCENARIOS,

    /* ---- simulate ---- */
    DKS_SIM_HEAD, DKS_SIM_SCHOOL, DKS_SIM_POP, DKS_SIM_POP_ASNOW, DKS_SIM_ALL,
    DKS_SIM_T_CAP, DKS_SIM_T_NEED, DKS_SIM_T_LE2, DKS_SIM_T_GE4, DKS_SIM_T_FTE,
    DKS_SIM_T_COLS, DKS_SIM_T_NOTE,
    DKS_SIM_TITLE, DKS_SIM_TITLE_SCHOOL, DKS_SIM_LEAD_CAP, DKS_SIM_LEAD_NEED,
    DKS_CAP_TITLE, DKS_SIM_CAP_HOW, DKS_NEED_TITLE, DKS_SIM_NEED_HOW,
    DKS_SIM_FTE_TITLE, DKS_SIM_FTE_HOW, DKS_SIM_HEAT_TITLE, DKS_SIM_HEAT_HOW, DKS_SIM_HEAT_ROWS,
    DKS_SIM_SPREAD_TITLE, DKS_SIM_SPREAD_HOW, DKS_AX_CLASSES,
    DKS_SIM_CLASS_TITLE, DKS_SIM_CLASS_HOW, DKS_SIM_CLASS_TABLE,
    DKS_SIM_H_PUPILS, DKS_SIM_H_OB, DKS_SIM_H_HEAVY, DKS_SIM_H_SUPPORT,
    DKS_SIM_H_TAILOR_LE2, DKS_SIM_H_ASSIST_GE4, DKS_SIM_ABOUT, DKS_ABOUT_HEAD, DKS_EMBEDDED, DKS_CLASSES_FROM, DKS_ABOUT_TO_WRITE, DKS_RANGE_TO,

    /* ---- predict ---- */
    DKS_PRED_HEAD, DKS_PRED_EXP, DKS_PRED_RUN, DKS_WARNING,
    DKS_PRED_T_CAP, DKS_PRED_T_NEED, DKS_PRED_T_MEAN90, DKS_PRED_T_TEACHER90,
    DKS_PRED_T_AT,
    DKS_PRED_TITLE, DKS_PRED_CAP_HOW,
    DKS_PRED_NEED_HOW, DKS_PRED_MEAN_TITLE, DKS_PRED_MEAN_HOW, DKS_PRED_TABLE,
    DKS_PRED_H_TEACHER90, DKS_PRED_ABOUT,

    /* ---- plan ---- */
    DKS_OBJ_MEAN_TEXT, DKS_OBJ_HARDLY_TEXT, DKS_OBJ_WORST_TEXT,     /* dk_objective order */
    DKS_AX_OBJ_MEAN, DKS_AX_OBJ_HARDLY, DKS_AX_OBJ_WORST,
    DKS_ALL_ASPECTS, DKS_PLAN_HEAD, DKS_PLAN_BUDGET_EUR, DKS_PLAN_BUDGET_FTE,
    DKS_PLAN_OBJECTIVE, DKS_PLAN_THRESHOLD, DKS_PLAN_UNIT_COSTS, DKS_PER_SCHOOL, DKS_PER_CLASS,
    DKS_PLAN_MODEL, DKS_PLAN_T_HEAD, DKS_PLAN_BASELINE, DKS_PLAN_BEST, DKS_PLAN_FACILITY,
    DKS_PLAN_NOTHING, DKS_PLAN_BEATS, DKS_PLAN_NOT_EXACT, DKS_PLAN_EXACT, DKS_PLAN_NOTHING_FITS,
    DKS_PLAN_PER_CLASS, DKS_PLAN_T_CLASSES, DKS_PLAN_FACILITY_LINE, DKS_PLAN_DEMAND,
    DKS_PLAN_BASELINE_CLASSES, DKS_PLAN_CURVE, DKS_EURO_YEAR, DKS_PLAN_T_CURVE,
    DKS_PLAN_TITLE, DKS_PLAN_BUDGET_WORDS_FTE, DKS_PLAN_BUDGET_WORDS_EUR, DKS_PLAN_LEAD,
    DKS_PLAN_LEAD_BEATS, DKS_PLAN_PLANS_TITLE, DKS_PLAN_PLANS_HOW, DKS_PLAN_GAIN_TITLE,
    DKS_PLAN_GAIN_HOW, DKS_PLAN_CURVE_TITLE, DKS_PLAN_CURVE_HOW, DKS_AX_BUDGET_FTE,
    DKS_AX_BUDGET_EUR, DKS_AX_GAIN_MEAN, DKS_AX_GAIN_HARDLY, DKS_AX_GAIN_WORST, DKS_PLAN_TABLE_HEAD, DKS_PLAN_H, DKS_PLAN_CLASSES_TITLE,
    DKS_PLAN_CLASSES_HOW, DKS_PLAN_CLASS_TABLE, DKS_PLAN_H_CLASSES, DKS_PLAN_ABOUT,
    DKS_PLAN_HEAD_BOARD, DKS_PLAN_TIES, DKS_PLAN_TIES_CHEAPER, DKS_PLAN_TIES_MEAN,
    DKS_SEC_MEAN, DKS_SEC_HARDLY, DKS_PLAN_SAME_FOR, DKS_PLAN_REACHES, DKS_PLAN_SPENDING,
    DKS_PLAN_SURE_HEAD, DKS_PLAN_SURE_REACH, DKS_PLAN_ROBUST_LIST, DKS_PLAN_FLIPS_LIST,
    DKS_PLAN_LIST_NONE, DKS_PLAN_NO_FACILITY, DKS_PLAN_ROBUST_WORD, DKS_PLAN_FLIP_WORD,
    DKS_PLAN_DEMAND_BOARD, DKS_PLAN_SPLIT, DKS_PLAN_T_SPLIT, DKS_PLAN_NEXT_MEAN,
    DKS_PLAN_NEXT_HARDLY, DKS_PLAN_SURE_PAGE, DKS_PLAN_SPLIT_HEAD, DKS_PLAN_H_SPLIT,

    /* ---- compare ---- */
    DKS_CMP_HEAD, DKS_CMP_T_SUMMARY, DKS_NA, DKS_CMP_T_LEVEL, DKS_CMP_T_CHANGE, DKS_CMP_T_DEMAND,
    DKS_CMP_T_DEMAND_CHANGE, DKS_CMP_COST_TEACHERS, DKS_CMP_COST_FORM, DKS_WORD_SCHOOLS,
    DKS_WORD_CLASSES, DKS_WORD_SCHOOL, DKS_WORD_CLASS, DKS_CMP_GIVEN, DKS_CMP_GIVEN_MORE, DKS_CMP_NOT_NAMED, DKS_CMP_COST_ALL, DKS_CMP_COST_EUR, DKS_CMP_CE_TAILOR, DKS_CMP_CE_INSTR,
    DKS_CMP_RANKING, DKS_CRIT_LE2, DKS_CRIT_MEAN, DKS_CRIT_LE2_FTE, DKS_CRIT_MEAN_FTE,
    DKS_CMP_SAVES, DKS_CMP_BEST_IN, DKS_CMP_TOP, DKS_CMP_BASELINE, DKS_CMP_VARIANT, DKS_CMP_NOTE,
    DKS_RULE_RANDOM, DKS_RULE_TARGETED, DKS_RULE_ASNOW, DKS_RULE_EVERY,   /* dk_alloc order */
    DKS_RULE_SIZE, DKS_RULE_SIZE_PARAM, DKS_RULE_FACILITY, DKS_RULE_MIN_SCHOOL, DKS_RULE_SHARE,
    DKS_RULE_IN,
    DKS_CMP_TITLE, DKS_CMP_LEAD, DKS_CMP_FOREST_TITLE, DKS_CMP_FOREST_NONE, DKS_CMP_FOREST_HOW,
    DKS_AX_PP, DKS_CMP_CE_TITLE, DKS_CMP_CE_NONE, DKS_CMP_CE_HOW, DKS_AX_COST,
    DKS_CMP_PBEST_TITLE, DKS_CMP_PBEST_HOW, DKS_AX_PBEST, DKS_CMP_TABLE, DKS_CMP_H,
    DKS_CMP_RULES, DKS_CMP_ABOUT,

    /* ---- sweep ---- */
    DKS_SWP_SOBOL_HEAD, DKS_SWP_MORRIS_HEAD, DKS_WORD_FACTOR, DKS_WORD_FACTORS,
    DKS_SWP_T_SOBOL, DKS_SWP_T_MORRIS, DKS_SWP_TITLE_SOBOL, DKS_SWP_TITLE_MORRIS,
    DKS_SWP_S_TITLE, DKS_SWP_S_HOW, DKS_AX_SHARE_VAR, DKS_SWP_FIRST, DKS_SWP_M_TITLE,
    DKS_SWP_M_HOW, DKS_AX_MU, DKS_AX_SIGMA, DKS_SWP_SOURCE, DKS_SWP_SOURCE_TEST, DKS_SWP_SOURCE_ROWS,
    DKS_SWP_TABLE, DKS_SWP_ABOUT_SOBOL,
    DKS_SWP_ABOUT_MORRIS, DKS_SWP_ANALYTIC_ISHIGAMI, DKS_SWP_ANALYTIC,
    DKS_UNTIL_HEAD, DKS_UNTIL_MET, DKS_UNTIL_NOT_MET, DKS_UNTIL_DOUBLED, DKS_UNTIL_MAX,
    DKS_UNTIL_WIDEST, DKS_UNTIL_NEXT, DKS_UNTIL_RATE,

    /* ---- fit ---- */
    DKS_FIT_TITLE, DKS_FIT_META, DKS_FIT_SUBSET, DKS_FIT_FIX_TITLE, DKS_FIT_FIX_HOW,
    DKS_AX_EFFECT, DKS_FIT_VAR_TITLE, DKS_FIT_VAR_HOW, DKS_FIT_H_BETWEEN, DKS_FIT_H_WITHIN,
    DKS_AX_SD, DKS_FIT_MODEL_TITLE, DKS_FIT_MODEL_HOW, DKS_FIT_MODEL_NONE, DKS_AX_VS_MODEL,
    DKS_FIT_T_HEAD, DKS_FIT_FORMULA, DKS_FIT_ABOUT, DKS_FIT_SOURCE, DKS_FIT_SOURCE_DATA,
    DKS_FIT_T_DATA, DKS_FIT_T_OUTCOME, DKS_FIT_T_INTERVALS, DKS_FIT_T_WHAT, DKS_FIT_T_REF, DKS_FIT_T_FIXED,
    DKS_FIT_T_RANDOM, DKS_FIT_T_RESIDUAL, DKS_FIT_T_NO_PROFILE, DKS_FIT_T_REML,
    DKS_FIT_T_DEVIANCE, DKS_FIT_T_CONVERGED, DKS_FIT_T_NOT_CONVERGED, DKS_FIT_T_BOUNDARY,
    DKS_FIT_T_GRADIENT, DKS_FIT_T_LRT,

    /* ---- model, --version ---- */
    DKS_MODEL_HEAD, DKS_MODEL_COLS, DKS_MODEL_EMBEDDED, DKS_VERSION_MODEL,
    DKS_PROV_PUBLISHED, DKS_PROV_CALIBRATED, DKS_PROV_ASSUMED, DKS_PROV_FITTED,   /* dk_prov order */
    DKS_TGT_HEAD, DKS_TGT_EMBEDDED, DKS_TGT_COLS, DKS_TGT_INFO, DKS_TGT_MET, DKS_TGT_NOT_MET,
    DKS_TGT_TIGHTEST, DKS_TGT_NOTE, DKS_TGT_WORDS, DKS_CAL_SUMMARY,

    /* ---- design ---- */
    DKS_DESIGN_HEAD, DKS_DESIGN_OBS, DKS_DESIGN_RULE, DKS_DESIGN_MET, DKS_DESIGN_NOT_MET,

    /* ---- errors below the commands: system errors (lang.c's errno order),
     * files, CSV, the INI reader, support forms, a class, class lists ---- */
    DKS_ERRNO_NOENT, DKS_ERRNO_ACCES, DKS_ERRNO_ISDIR, DKS_ERRNO_NOTDIR, DKS_ERRNO_NOSPC,
    DKS_ERRNO_ROFS, DKS_ERRNO_NAMETOOLONG, DKS_ERRNO_IO, DKS_ERRNO_EXIST, DKS_ERRNO_MFILE,
    DKS_ERRNO_FBIG, DKS_ERRNO_DQUOT, DKS_X_OPEN, DKS_X_READ, DKS_X_WRITE, DKS_X_WRITE_FAILED,
    DKS_X_STDOUT_FAILED, DKS_X_TOO_MANY_OUT, DKS_X_GZ_AFTER, DKS_X_GZ_END, DKS_X_GZ_CORRUPT,
    DKS_X_CSV_LONG, DKS_X_CSV_NUL, DKS_X_CSV_UNCLOSED, DKS_X_CSV_INNER_QUOTE, DKS_X_CSV_FIELDS,
    DKS_X_CSV_UTF8, DKS_X_CSV_AFTER_QUOTE, DKS_X_CSV_EMPTY, DKS_X_CSV_EMPTY_NAME,
    DKS_X_CSV_TWICE, DKS_X_CSV_COUNT, DKS_X_UNKNOWN, DKS_X_UNKNOWN_LIST, DKS_X_WHOLE,
    DKS_X_OUTSIDE_LONG, DKS_X_NUMBER, DKS_X_OUTSIDE, DKS_X_REVERSED, DKS_X_WORD_SECTION,
    DKS_X_WORD_KEY, DKS_X_NEEDS_NAME, DKS_X_NO_NAME, DKS_X_NAME_LONG, DKS_X_BEFORE,
    DKS_X_DEFINED, DKS_X_IN_THIS, DKS_X_HEADER, DKS_X_SECOND, DKS_X_OUTSIDE_SECTION, DKS_X_OR,
    DKS_X_KEY_VALUE, DKS_X_EMPTY_VALUE, DKS_X_KEY_TWICE, DKS_X_FORM_EMPTY, DKS_X_FORM_UNKNOWN,
    DKS_X_FORM_LIST, DKS_X_LISTED_TWICE, DKS_X_NONE_ALONE, DKS_X_HEAVY_OVER, DKS_X_OB_OVER,
    DKS_X_LIST_COLUMN, DKS_X_LIST_FIELDS, DKS_X_LIST_QUOTE, DKS_X_LIST_NOT_COLUMN,
    DKS_X_LIST_TWICE, DKS_X_LIST_NO_CLASS, DKS_X_LIST_WHOLE_LONG, DKS_X_LIST_WHOLE,
    DKS_X_LIST_OUTSIDE, DKS_X_LIST_VALUE, DKS_X_LIST_NAME_EMPTY, DKS_X_LIST_NAME_LONG,
    DKS_X_CLASS, DKS_X_CLASS_AT,
    DKS_E_AT_MOST_ONE, DKS_E_UNEXPECTED, DKS_E_REQUIRED, DKS_E_NO_CLASSES,

    DK_NSTR
} dk_str;

typedef struct {
    const char *cmd, *opt;      /* opt NULL: the command's summary */
    const char *text;
} dk_opt_text;

typedef struct {
    const char *code;           /* "en", "nl": --lang and <html lang> */
    const char *const *s;       /* DK_NSTR strings */
    const dk_opt_text *opts;    /* ended by a NULL cmd; NULL: the option tables' */
    char point;                 /* decimal separator in reports */
} dk_language;

extern const char *const dk_strings_en[DK_NSTR], *const dk_strings_nl[DK_NSTR];
extern const dk_opt_text dk_opt_texts_nl[];

const dk_language *dk_language_get(dk_lang l);
/* The string id in language l (English where a language lacks it; the
 * tests make sure none does). */
const char *dk_s(dk_lang l, dk_str id);
/* The string id in the language of e's reader (English without e): how
 * the layers below the commands word their messages (base/text.h). */
const char *dk_e(const dk_err *e, dk_str id);
/* That language itself. */
dk_lang dk_e_lang(const dk_err *e);
/* "did you mean", one wording everywhere: " (did you mean 'NAME'?)" in
 * language l for a suggestion (dk_suggest's), "" without one; in buf. */
const char *dk_mean_text(dk_lang l, const char *suggestion, char *buf, size_t n);
/* The same for word among names (NULL-terminated). */
const char *dk_mean(dk_lang l, const char *word, const char *const *names, char *buf, size_t n);
/* A system error (errno) in the language of e's reader: the table's
 * words where it has them, else the C library's. */
const char *dk_e_errno(const dk_err *e, int errnum);
/* id for n == 1, else id + 1 (the plural), formatted with n. */
const char *dk_plural(dk_lang l, dk_str id, long n, char *buf, int size);

/* The language --lang names; else DRAAGKRACHT_LANG; else nl when the
 * locale (LC_ALL, LC_MESSAGES, LANG, first set) is nl_*; else en.  -1
 * when --lang or DRAAGKRACHT_LANG names no language (msg says which). */
int dk_lang_pick(const char *opt, dk_lang *out, char *msg, int size);

/* Labels of the vocabulary in language l. */
const char *dk_outcome_text(dk_lang l, int outcome);
const char *dk_support_text(dk_lang l, int form);
/* The forms of a support bit set, comma-separated ("none" when empty). */
const char *dk_support_list(dk_lang l, unsigned mask, char *out, size_t n);
/* Splits a '|'-separated list of labels (table headings) into out. */
#define DK_LABEL 96
void dk_split_labels(const char *s, char (*out)[DK_LABEL], int n);

#endif
