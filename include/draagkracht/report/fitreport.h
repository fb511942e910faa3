/*
 * fitreport.h -- what `draagkracht fit` writes: the summary as a table,
 * CSV or JSON, and the per-group and per-row files (--ranef,
 * --predictions).  Internal to the program.
 */
#ifndef DRAAGKRACHT_FITREPORT_H
#define DRAAGKRACHT_FITREPORT_H

#include "draagkracht/base/text.h"
#include "draagkracht/lang/lang.h"
#include "draagkracht/fit/fit.h"

typedef struct {
    const dk_fit_data *d;
    const dk_fit_result *r;     /* nfit results, by-value major */
    int nfit;
    double level;
    const char *const *compare; /* columns m0 drops, or NULL */
} dk_fit_report;

/* The table people read, in language l. */
void dk_fit_report_table(const dk_fit_report *rep, dk_lang l, dk_buf *b);
/* One long table: by,outcome,method,section,term,term2,estimate,std_error,
 * lower,upper (README lists the sections). */
void dk_fit_report_csv(const dk_fit_report *rep, dk_buf *b);
int dk_fit_report_json(const dk_fit_report *rep, dk_buf *b, dk_err *e);
/* by,outcome,method,group,n_obs,mode,cond_sd: one row per group and fit. */
void dk_fit_report_ranef(const dk_fit_report *rep, dk_buf *b);
/* by,outcome,method,row,group,observed,fitted,residual: one row per
 * observation and fit; row is the record's number in the data file. */
void dk_fit_report_predictions(const dk_fit_report *rep, dk_buf *b);

#endif
