/*
 * fileio.h -- whole-file input (plain or gzip, via zlib) and atomic output.
 */
#ifndef DRAAGKRACHT_FILEIO_H
#define DRAAGKRACHT_FILEIO_H

#include <stddef.h>
#include "draagkracht/text.h"

/* A file read piece by piece (plain or gzip, detected by magic bytes), so
 * large inputs need not fit in memory as text. */
typedef struct dk_reader dk_reader;
dk_reader *dk_reader_open(const char *path, dk_err *e);
/* Bytes read into buf (0 at the end), or -1 with e set; a truncated or
 * corrupt gzip stream is reported at its end. */
long dk_reader_read(dk_reader *r, char *buf, unsigned n, dk_err *e);
/* Closes; -1 with e set when the gzip stream lacked its proper end. */
int dk_reader_close(dk_reader *r, dk_err *e);

/* Reads a whole file; gzip input is detected by its magic bytes and
 * inflated.  Returns a malloc'ed NUL-terminated buffer, or NULL with e set. */
char *dk_read_file(const char *path, size_t *len, dk_err *e);

/* Writes data to path via a temporary file in the same directory and
 * rename(2), so readers never see a partial file.  A name ending in ".gz"
 * is written gzip-compressed.  "-" writes to stdout. */
int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e);

#endif
