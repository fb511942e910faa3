/*
 * rows.h -- the rows file of a saltelli or morris sweep (sweep -o, the
 * shards concatenated), read back for its indices (sweep --analyse):
 * run/ROWS, block, base[, delta], the factors, the responses.  Every
 * row's place in the design is checked (sweepspec.h's row layout), so a
 * missing, repeated or foreign shard is named, not analysed.
 */
#ifndef DRAAGKRACHT_ROWS_H
#define DRAAGKRACHT_ROWS_H

#include "draagkracht/input/sweepspec.h"
#include "draagkracht/io/csv.h"

/* A design's rows and names: read from a file here, or filled from the
 * spec by a sweep that keeps its rows for the indices. */
typedef struct {
    dk_design_kind design;
    int k, nr;
    long rows, n;           /* n: base rows (saltelli) or trajectories */
    long want_rows;         /* the design's rows, from the header (0: not given) */
    char factor[DK_SWEEP_MAX_FACTORS][64];
    char response[DK_SWEEP_MAX_RESPONSES][48];
    double *y;              /* rows x nr */
    dk_row_tag *tag;
    /* while reading */
    int first_factor;       /* the first factor's column */
    unsigned long long moved;   /* morris: factors moved so far in this trajectory */
    double step;            /* morris: |delta| of the first move (the design's step) */
} dk_rows;

/* The header (zero rw first); then the rows, each checked; -1 with e
 * naming file, line and column.  dk_rows_release frees what was read. */
int dk_rows_header(dk_csv *c, dk_rows *rw, dk_err *e);
int dk_rows_body(dk_csv *c, dk_rows *rw, dk_err *e);
void dk_rows_release(dk_rows *rw);

#endif
