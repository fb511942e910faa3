/*
 * words.h -- the server's own words (its start page, its form, its
 * refusals), in every language the reports speak.  The reports' and the
 * commands' words stay in the language tables below; these are only what
 * exists because there is a server.
 */
#ifndef DRAAGKRACHT_SERVE_WORDS_H
#define DRAAGKRACHT_SERVE_WORDS_H

#include "draagkracht/lang/lang.h"

typedef enum {
    DKW_TITLE, DKW_LEAD, DKW_LIST_HEAD, DKW_UPLOAD, DKW_OR_EDIT, DKW_EXAMPLE, DKW_FROM_LIST,
    DKW_COL_SCHOOL, DKW_COL_CLASS, DKW_COL_PUPILS, DKW_COL_OB, DKW_COL_HEAVY, DKW_COL_SUPPORT,
    DKW_SUPPORT_HINT, DKW_REMOVE, DKW_ADD, DKW_OPTIONS, DKW_BUDGET, DKW_OBJECTIVE,
    DKW_OBJ_MEAN, DKW_OBJ_HARDLY, DKW_OBJ_WORST, DKW_SEED, DKW_REPLICATES, DKW_FORMAT,
    DKW_ACT_SIMULATE, DKW_ACT_PLAN, DKW_ACT_COMPARE, DKW_NOTHING_STORED, DKW_ERROR_HEAD,
    DKW_E_NOT_FOUND, DKW_E_METHOD, DKW_E_HOST, DKW_E_ORIGIN, DKW_E_TOO_LARGE, DKW_E_BUSY,
    DKW_E_FORMAT, DKW_E_REPLICATES, DKW_E_CLASSES, DKW_E_LANG, DKW_E_STEPS, DKW_E_INTERNAL,
    DKW_RESULT_HEAD,
    DKW_N
} dk_word;

const char *dk_serve_word(dk_lang l, dk_word w);
/* How many words language l lacks (then English stands in). */
int dk_serve_words_missing(dk_lang l);

#endif
