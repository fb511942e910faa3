/*
 * rows.c -- a saltelli or morris sweep's rows read back for their indices
 * (input/rows.h): the header's names, every row's place in the design
 * checked, the responses kept.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/input/rows.h"

/* A response column: OUTCOME.STAT, or a test function's y. */
static int is_response(const char *name)
{
    dk_response r;
    return strcmp(name, "y") == 0 || dk_response_parse(name, &r) == 0;
}

/* The columns: run, block, base[, delta], factors, responses. */
int dk_rows_header(dk_csv *c, dk_rows *an, dk_err *e)
{
    const char *path = dk_csv_path(c);
    int nc = dk_csv_ncols(c);
    int morris = nc > 3 && strcmp(dk_csv_name(c, 3), "delta") == 0;
    const char *run = nc ? dk_csv_name(c, 0) : "";
    if (nc < 4 || strncmp(run, "run", 3) || (run[3] && run[3] != '/') ||
        strcmp(dk_csv_name(c, 1), "block") || strcmp(dk_csv_name(c, 2), "base"))
        return dk_fail(e, "%s:1: expected the columns run,block,base,... of a saltelli or "
                       "morris sweep: indices need one of those designs", path);
    /* "run/ROWS": the whole design's rows (older files say just "run") */
    if (run[3] && (dk_parse_long(run + 4, &an->want_rows) != 0 || an->want_rows < 1))
        return dk_fail(e, "%s:1: run: '%s' is not run/ROWS (the design's number of rows)",
                       path, run);
    an->design = morris ? DK_DESIGN_MORRIS : DK_DESIGN_SALTELLI;
    an->first_factor = morris ? 4 : 3;
    int col = an->first_factor;
    for (; col < nc && !is_response(dk_csv_name(c, col)); col++) {
        if (an->k == DK_SWEEP_MAX_FACTORS)
            return dk_fail(e, "%s:1: more than %d factors", path, DK_SWEEP_MAX_FACTORS);
        snprintf(an->factor[an->k++], sizeof an->factor[0], "%s", dk_csv_name(c, col));
    }
    for (; col < nc; col++) {
        if (!is_response(dk_csv_name(c, col)))
            return dk_fail(e, "%s:1: column '%s' after the responses is not a response",
                           path, dk_csv_name(c, col));
        if (an->nr == DK_SWEEP_MAX_RESPONSES)
            return dk_fail(e, "%s:1: more than %d responses", path, DK_SWEEP_MAX_RESPONSES);
        snprintf(an->response[an->nr++], sizeof an->response[0], "%s", dk_csv_name(c, col));
    }
    if (!an->k || !an->nr)
        return dk_fail(e, "%s:1: no %s columns", path, an->k ? "response" : "factor");
    return 0;
}

static int row_tag(dk_csv *c, dk_rows *an, long i, dk_row_tag *tag, dk_err *e)
{
    const char *path = dk_csv_path(c), *blk = dk_csv_field(c, 1);
    long line = dk_csv_line(c), run, base, want_base;
    if (dk_parse_long(dk_csv_field(c, 0), &run) != 0 || run != i)
        return dk_fail(e, "%s:%ld: run: expected %ld, got '%s' (rows missing, repeated or out "
                       "of order? concatenate the shards in order, header once)", path, line,
                       i, dk_csv_field(c, 0));
    int want = dk_sweep_block_at(an->design, an->k, i, &want_base);
    if (dk_parse_long(dk_csv_field(c, 2), &base) != 0 || base != want_base)
        return dk_fail(e, "%s:%ld: base: expected %ld, got '%s'", path, line, want_base,
                       dk_csv_field(c, 2));
    int got = DK_BLOCK_ANY;
    if (strcmp(blk, want == DK_BLOCK_A ? "A" : "B") == 0 && want < 0 && an->design == DK_DESIGN_SALTELLI)
        got = want;
    else if (an->design == DK_DESIGN_MORRIS && strcmp(blk, "start") == 0)
        got = DK_BLOCK_START;
    for (int f = 0; f < an->k && got == DK_BLOCK_ANY; f++)
        if (strcmp(blk + (an->design == DK_DESIGN_SALTELLI ? 3 : 0), an->factor[f]) == 0 &&
            (an->design == DK_DESIGN_MORRIS || strncmp(blk, "AB.", 3) == 0))
            got = f;
    int ok = an->design == DK_DESIGN_SALTELLI ? got == want
           : (want == DK_BLOCK_START) == (got == DK_BLOCK_START) && got != DK_BLOCK_ANY;
    if (!ok)
        return dk_fail(e, "%s:%ld: block: '%s' is not what row %ld of a %s design holds",
                       path, line, blk, i, dk_design_names[an->design]);
    tag->block = got;
    tag->base = base;
    tag->delta = 0;
    if (an->design != DK_DESIGN_MORRIS)
        return 0;
    if (got == DK_BLOCK_START) {
        an->moved = 0;
        return 0;
    }
    /* a trajectory moves every factor exactly once */
    if (an->moved & (1ULL << got))
        return dk_fail(e, "%s:%ld: block: '%s' is moved twice in trajectory %ld (a Morris "
                       "trajectory moves each factor once)", path, line, blk, base);
    an->moved |= 1ULL << got;
    if (dk_parse_double(dk_csv_field(c, 3), &tag->delta) != 0 || tag->delta == 0)
        return dk_fail(e, "%s:%ld: delta: '%s' is not a non-zero number", path, line,
                       dk_csv_field(c, 3));
    /* every step is +-p / (2 (p - 1)) of the design's even number of levels p */
    double d = fabs(tag->delta);
    if (an->step == 0) {
        int ok = 0;
        for (int p = 2; p <= 100 && !ok; p += 2)
            ok = fabs(d - (double)p / (2.0 * (p - 1))) <= 1e-9;
        if (!ok)
            return dk_fail(e, "%s:%ld: delta: %s is not a Morris step p/(2(p-1)) of an even "
                           "number of levels p", path, line, dk_csv_field(c, 3));
        an->step = d;
    } else if (fabs(d - an->step) > 1e-9) {
        return dk_fail(e, "%s:%ld: delta: %s, but the design's step is +-%.17g", path, line,
                       dk_csv_field(c, 3), an->step);
    }
    return 0;
}

int dk_rows_body(dk_csv *c, dk_rows *an, dk_err *e)
{
    long cap = 0;
    int rc;
    int resp0 = an->first_factor + an->k;
    size_t row_bytes = (size_t)an->nr * sizeof *an->y + sizeof *an->tag;
    if (an->want_rows) {
        /* the design's size is known: check it fits, and take it at once */
        char what[200];
        snprintf(what, sizeof what, "--analyse of %ld rows", an->want_rows);
        if (dk_sweep_memory_ok((double)an->want_rows * ((double)row_bytes + 8) + 16e6, what, e) != 0)
            return -1;
    }
    while ((rc = dk_csv_next(c, e)) == 1) {
        long i = an->rows;
        if (an->want_rows && i >= an->want_rows)
            return dk_fail(e, "%s:%ld: more rows than the %ld the header's run/%ld says "
                           "(shards repeated, or files of another sweep?)", dk_csv_path(c),
                           dk_csv_line(c), an->want_rows, an->want_rows);
        if (i == cap) {
            long grow = an->want_rows ? an->want_rows : cap ? 2 * cap : 4096;
            double *y = dk_realloc(an->y, (size_t)grow * (size_t)an->nr * sizeof *an->y);
            if (y)
                an->y = y;
            dk_row_tag *tag = y ? dk_realloc(an->tag, (size_t)grow * sizeof *an->tag) : NULL;
            if (!tag)
                return dk_fail(e, "%s:%ld: out of memory for %ld rows", dk_csv_path(c),
                               dk_csv_line(c), grow);
            an->tag = tag;
            cap = grow;
        }
        /* sweep ends every row with a newline: a last line without one
         * was cut off */
        if (!dk_csv_newline(c))
            return dk_fail(e, "%s:%ld: the last line has no newline: the file is truncated",
                           dk_csv_path(c), dk_csv_line(c));
        if (row_tag(c, an, i, &an->tag[i], e) != 0)
            return -1;
        for (int r = 0; r < an->nr; r++) {
            double *v = &an->y[(size_t)i * (size_t)an->nr + (size_t)r];
            const char *s = dk_csv_field(c, resp0 + r);
            if (dk_parse_double(s, v) != 0 || !isfinite(*v))
                return dk_fail(e, "%s:%ld: %s: '%s' is not a number", dk_csv_path(c),
                               dk_csv_line(c), an->response[r], s);
        }
        an->rows++;
    }
    if (rc < 0)
        return -1;
    int per = dk_sweep_group(an->design, an->k);
    if (an->want_rows && an->rows != an->want_rows)
        return dk_fail(e, "%s: %ld rows, but the header says the design has %ld (run/%ld): "
                       "is a shard missing, or the file truncated?", dk_csv_path(c), an->rows,
                       an->want_rows, an->want_rows);
    if (an->rows % per || an->rows / per < DK_SWEEP_MIN_BASE)
        return dk_fail(e, "%s: %ld rows is not a whole number (at least %d) of %s groups of "
                       "%d rows: is the file truncated, or a shard missing?", dk_csv_path(c),
                       an->rows, DK_SWEEP_MIN_BASE, dk_design_names[an->design], per);
    an->n = an->rows / per;
    return 0;
}

void dk_rows_release(dk_rows *an)
{
    dk_free(an->y);
    dk_free(an->tag);
    an->y = NULL;
    an->tag = NULL;
}
