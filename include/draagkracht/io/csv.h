/*
 * csv.h -- a streaming CSV reader (RFC 4180: comma-separated, fields in
 * double quotes may hold commas, newlines and doubled quotes), plain or
 * gzip-compressed.  The first record is the header.  Errors name the file
 * and line: "data.csv:17: expected 6 fields, got 5".
 */
#ifndef DRAAGKRACHT_CSV_H
#define DRAAGKRACHT_CSV_H

#include "draagkracht/base/text.h"

typedef struct dk_csv dk_csv;

/* Opens the file and reads its header; NULL with e set on an empty file,
 * an empty or duplicate column name, or unreadable input. */
dk_csv *dk_csv_open(const char *path, dk_err *e);
void dk_csv_close(dk_csv *c);

int dk_csv_ncols(const dk_csv *c);
const char *dk_csv_name(const dk_csv *c, int col);
/* Column index by header name, or -1. */
int dk_csv_column(const dk_csv *c, const char *name);

/* 1: a record is ready; 0: end of file; -1: error in e.  Every record
 * must have the header's number of fields. */
int dk_csv_next(dk_csv *c, dk_err *e);
/* Field of the current record (NUL-terminated, quotes removed). */
const char *dk_csv_field(const dk_csv *c, int col);
/* Line on which the current record starts, and the file's name. */
long dk_csv_line(const dk_csv *c);
const char *dk_csv_path(const dk_csv *c);
/* 1 when the current record ended with a newline (0: the file ended
 * inside its last line). */
int dk_csv_newline(const dk_csv *c);

#endif
