/*
 * fileio.h -- whole-file input (plain or gzip, via zlib) and atomic output.
 */
#ifndef DRAAGKRACHT_FILEIO_H
#define DRAAGKRACHT_FILEIO_H

#include <stddef.h>
#include "draagkracht/text.h"

/* Reads a whole file; gzip input is detected by its magic bytes and
 * inflated.  Returns a malloc'ed NUL-terminated buffer, or NULL with e set. */
char *dk_read_file(const char *path, size_t *len, dk_err *e);

/* Writes data to path via a temporary file in the same directory and
 * rename(2), so readers never see a partial file.  A name ending in ".gz"
 * is written gzip-compressed.  "-" writes to stdout. */
int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e);

#endif
