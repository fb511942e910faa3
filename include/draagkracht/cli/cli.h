/*
 * cli.h -- command-line plumbing shared by the commands: option tables,
 * parsing with "did you mean", output format and destination.
 * Internal to the program (not a library interface).
 */
#ifndef DRAAGKRACHT_CLI_H
#define DRAAGKRACHT_CLI_H

#include "draagkracht/model/model.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/base/json.h"
#include "draagkracht/base/parallel.h"
#include "draagkracht/base/text.h"
#include "draagkracht/lang/lang.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/run/scenario.h"

/* Exit statuses. */
enum { DK_EXIT_OK = 0, DK_EXIT_FAIL = 1, DK_EXIT_USAGE = 2 };

typedef struct {
    const char *name;       /* long name without "--" */
    char short_name;        /* 0 if none */
    const char *arg;        /* NULL for a flag */
    const char *help;
} dk_opt;

#define DK_MAX_OPTS 32
#define DK_MAX_POS 8

/*
 * A command run in memory, for the server (src/serve): the class list is
 * text instead of a --classes file, the output and the error go into
 * these fields instead of stdout, -o and stderr, and warnings are not
 * printed (they are in the output).  Nothing touches the disk, so a
 * served answer is the command's own output for the same options.
 */
typedef struct {
    const char *classes_name;   /* the list's name in messages and JSON */
    const char *classes_text;   /* NULL: the command's embedded school */
    size_t classes_len;
    const dk_model *model;      /* the embedded model, loaded once; copied */
    dk_buf out;                 /* what dk_emit would have written */
    dk_err err;                 /* what dk_report would have printed */
} dk_memrun;

typedef struct {
    const char *val[DK_MAX_OPTS];   /* by option index; flags get "1" */
    const char *pos[DK_MAX_POS];
    int npos;
    int help;
    const char *lang;       /* --lang, which every command takes */
    dk_lang ui;             /* the language of the option errors: --lang's, else the default */
    dk_memrun *mem;         /* set (after dk_parse_args) for a run in memory */
} dk_args;

typedef struct {
    const char *name;
    const char *summary;
    const char *usage;      /* after "draagkracht NAME " */
    const dk_opt *opts;
    int (*run)(const dk_args *a);
    int html;               /* writes an HTML report (--format html) */
    /* The option whose file name sets the format when --format is not
     * given: NULL for -o, "" for none (fit's -o is a model). */
    const char *format_from;
} dk_command;

/* What the last --lang (or --lang=) among the words says; NULL: none. */
const char *dk_lang_arg(int argc, char **argv);
/* The language --lang names among the words, else the default (DRAAGKRACHT_LANG,
 * the locale); English when that names none. */
dk_lang dk_args_lang(int argc, char **argv);
int dk_parse_args(const dk_command *cmd, int argc, char **argv, dk_args *a,
                  dk_err *e);
int dk_opt_index(const dk_command *cmd, const char *name);
const char *dk_opt_get(const dk_command *cmd, const dk_args *a, const char *name);
/* --help in language l; the summary alone for the command list. */
void dk_print_help(const dk_command *cmd, dk_lang l);
const char *dk_command_summary(const dk_command *cmd, dk_lang l);

/* Typed option access: -1 with e set on a malformed value. */
int dk_opt_long(const dk_command *cmd, const dk_args *a, const char *name,
                long lo, long hi, long *out, dk_err *e);
int dk_opt_double(const dk_command *cmd, const dk_args *a, const char *name,
                  double lo, double hi, double *out, dk_err *e);
/* --format, else the format the output file's name ends in, else table. */
int dk_opt_format(const dk_command *cmd, const dk_args *a, dk_format *f,
                  dk_err *e);
/* The format a file name's ending names (.csv, .json, .html, .htm, each
 * optionally .gz), or -1. */
int dk_format_of_path(const char *path);
/* --lang, DRAAGKRACHT_LANG or the locale (lang.h: dk_lang_pick). */
int dk_opt_lang(const dk_command *cmd, const dk_args *a, dk_lang *l, dk_err *e);
int dk_opt_model(const dk_command *cmd, const dk_args *a, dk_model *m,
                 dk_err *e);

/* The --model and --real-class options of the commands that simulate. */
#define DK_OPT_MODEL \
    { "model", 0, "FILE", "model file (default: the embedded posterior ensemble)" }, \
    { "real-class", 0, NULL, "add the shift from vignette ratings to ratings of one's " \
      "own class, assumed from special-education teachers (realclass.* in 'draagkracht model')" }
/* The scenario named by the first argument, else the embedded one. */
int dk_load_scenario(const dk_args *a, dk_default which, dk_model *m, dk_scenario *sc,
                     dk_err *e);
/* The same, then --classes FILE.csv (simulate, plan, compare) in place of
 * its schools. */
int dk_load_school(const dk_command *cmd, const dk_args *a, dk_default which, dk_model *m,
                   dk_scenario *sc, dk_err *e);
/* Refuses (-1, e set) an output (-o, --indices, --ranef, --predictions)
 * that is the same file,
 * by device and inode, as an input (an argument, --model, --targets-file,
 * --analyse) or as the other output. */
int dk_check_paths(const dk_command *cmd, const dk_args *a, dk_err *e);

/* Where output goes: -o, or "-" (stdout); NULL with e set for an empty
 * name. */
const char *dk_output_path(const dk_command *cmd, const dk_args *a, dk_err *e);

/*
 * Foresight for output that can be large: refuses (-1, e set) when the
 * estimated bytes clearly exceed the free space where path goes (less
 * says how to write less), and on a terminal, unless quiet, states the
 * estimate in language l before the work starts when it is
 * DK_LARGE_OUTPUT or more.
 */
#define DK_LARGE_OUTPUT 250e6
int dk_output_room(const dk_command *cmd, const char *path, double bytes, int quiet,
                   const char *less, dk_lang l, dk_err *e);

/* Writes the finished output to -o (atomically) or stdout; an output that
 * ran out of memory (b->oom) is "out of memory", exit 2, nothing written. */
int dk_emit(const dk_command *cmd, const dk_args *a, const dk_buf *b);

/*
 * Progress of a long run on stderr: only when stderr is a terminal and
 * not --quiet (so scripts and CI see nothing there but errors), from one
 * second in, four times a second: done/total, rate and time left.
 */
typedef struct {
    const char *cmd, *unit;     /* "simulate", "replicates" */
    int on, shown;
    double start, last;
    dk_lang lang;
} dk_progress;

/* Wall-clock seconds from an arbitrary start (CLOCK_MONOTONIC). */
double dk_seconds_now(void);
void dk_progress_start(dk_progress *p, const char *cmd, const char *unit, int quiet);
/* The line in language l, counting `unit` (a string id). */
void dk_progress_lang(dk_progress *p, dk_lang l, dk_str unit);
void dk_progress_update(dk_progress *p, double done, double total);
/* dk_progress_update as a dk_progress_fn (parallel.h), ctx a dk_progress. */
void dk_progress_items(void *ctx, int done, int total);

/* Prints "draagkracht: MSG" to stderr and returns the status. */
int dk_report(int status, const dk_err *e);
/* dk_report for a command's run: a run in memory keeps the message in
 * a->mem->err instead. */
int dk_cmd_report(const dk_args *a, int status, const dk_err *e);

extern const dk_command dk_cmd_predict, dk_cmd_model, dk_cmd_calibrate,
    dk_cmd_simulate, dk_cmd_plan, dk_cmd_compare, dk_cmd_sweep, dk_cmd_fit, dk_cmd_design;
/* The server's command, defined in the layer above (src/serve/command.c):
 * main's table names it, nothing in cli/ calls into serve/. */
extern const dk_command dk_cmd_serve;

#endif
