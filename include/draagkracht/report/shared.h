/*
 * shared.h -- what every command's output shares, whatever its format:
 * the version, the basis of the ratings, the scenario's and the model's
 * names, the warnings about the input, a population's kind.
 */
#ifndef DRAAGKRACHT_SHARED_H
#define DRAAGKRACHT_SHARED_H

#include "draagkracht/base/json.h"
#include "draagkracht/base/text.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/lang/lang.h"
#include "draagkracht/model/model.h"

#define DK_VERSION "0.1.0"

/* What a command writes: --format, or the output file name's ending. */
typedef enum { DK_FMT_TABLE, DK_FMT_CSV, DK_FMT_JSON, DK_FMT_HTML } dk_format;

/* What the ratings are: "vignette" (teachers' ratings of comparable
 * described classes) or "real-class" (with the assumed --real-class
 * shift), for JSON; and the sentence that says so under every table. */
const char *dk_basis_id(const dk_model *m);
void dk_basis_note(const dk_model *m, dk_lang l, dk_buf *b);
/* dk_model_origin, the embedded model's in language l. */
const char *dk_model_origin_text(const dk_model *m, dk_lang l);
/* The scenario's file name, or the embedded one's in language l. */
const char *dk_scenario_label(dk_lang l, const dk_scenario *sc, char *out, size_t n);

/* Warnings about the input, kept twice as lists (dk_bufs of
 * NUL-terminated messages): in English for machine output (JSON), and in
 * the language people read (tables, reports, stderr). */
typedef struct {
    dk_buf en, own;
    int quiet;              /* a run in memory: keep them, print nothing */
} dk_warnings;

/* Prints own to stderr at once (unless quiet) and keeps both. */
void dk_warn(dk_warnings *w, dk_lang l, const char *en, const char *own);
/* dk_warn for every class of a scenario whose counts are outside what
 * was studied ("file:line: class NAME: ..."); for one class. */
void dk_class_warnings(const dk_scenario *sc, dk_lang l, dk_warnings *w);
void dk_one_class_warnings(const dk_class *c, dk_lang l, dk_warnings *w);
void dk_warnings_free(dk_warnings *w);
/* "scenario": the scenario file (or the embedded one), and "class_list":
 * the --classes file when one gave the classes. */
void dk_json_scenario(dk_json *j, const dk_scenario *sc);
/* The list as the member "warnings": [...] of the open object. */
void dk_json_warnings(dk_json *j, const dk_buf *list);

/* A population's kind: its sector, and level when it has one. */
const char *dk_pop_kind(dk_lang l, const dk_pop_spec *spec, char *out, size_t n);

#endif
