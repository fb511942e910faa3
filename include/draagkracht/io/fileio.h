/*
 * fileio.h -- whole-file input (plain or gzip, via zlib) and atomic output.
 */
#ifndef DRAAGKRACHT_FILEIO_H
#define DRAAGKRACHT_FILEIO_H

#include <stddef.h>
#include "draagkracht/base/text.h"

/* A file read piece by piece (plain or gzip, detected by magic bytes), so
 * large inputs need not fit in memory as text. */
typedef struct dk_reader dk_reader;
dk_reader *dk_reader_open(const char *path, dk_err *e);
/* Bytes read into buf (0 at the end), or -1 with e set; a truncated or
 * corrupt gzip stream is reported at its end. */
long dk_reader_read(dk_reader *r, char *buf, unsigned n, dk_err *e);
/* Closes (0).  A gzip stream that ends inside a member, or bytes after
 * the last member that are not another member, are read errors. */
int dk_reader_close(dk_reader *r, dk_err *e);

/* Reads a whole file; gzip input is detected by its magic bytes and
 * inflated.  Returns a malloc'ed NUL-terminated buffer, or NULL with e set. */
char *dk_read_file(const char *path, size_t *len, dk_err *e);

/*
 * Output (output.c).  Bytes go to a new temporary file made beside the
 * destination (O_EXCL | O_NOFOLLOW, mode 0666 less the umask), fsynced
 * and renamed into place by commit, the folder fsynced after; abort (or
 * any failure) removes it, so there is never a partial file, and a
 * symlink planted at the temporary name cannot redirect the output.  A
 * symlink at the destination is replaced, not written through.  An
 * existing destination that is not a regular file (a terminal,
 * /dev/null, a FIFO) is written in place.  "-" is stdout.
 */

/* Writes data whole; a name ending in ".gz" is written gzip-compressed. */
int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e);

/* The same for output made piece by piece.  Bytes are written as given:
 * callers that want gzip hand in finished members (dk_gzip_member). */
typedef struct dk_writer dk_writer;
dk_writer *dk_writer_open(const char *path, dk_err *e);
/* The same with bytes buffered and, for a name ending in ".gz",
 * compressed as gzip members of 1 MiB of text each (members concatenate
 * into one .gz), so output of any size streams in constant memory. */
dk_writer *dk_writer_open_buffered(const char *path, dk_err *e);
int dk_writer_put(dk_writer *w, const void *data, size_t len, dk_err *e);
int dk_writer_commit(dk_writer *w, dk_err *e);
void dk_writer_abort(dk_writer *w);

/* Removes every temporary output file in flight.  Async-signal-safe: for
 * the handlers of SIGINT, SIGTERM, SIGHUP and SIGPIPE (cli/main.c), so an
 * interrupted run leaves no temporary file behind. */
void dk_temps_remove(void);

/* 1 when a name ends in ".gz" (output is then gzip-compressed). */
int dk_path_is_gz(const char *path);

/*
 * Appends data to out as one complete gzip member at the given level (no
 * name or time in its header, so equal data give equal bytes).  Members
 * concatenate into one valid .gz (RFC 1952; gzip, zcat and zlib read
 * them as one stream), so blocks can be compressed apart, in parallel.
 * DK_GZ_HUFFMAN skips LZ77 matching: text that is mostly full-precision
 * numbers has few repeats to find (measured on sweep rows: 0.50 of the
 * size instead of 0.46); it is written by dk_gzip_huffman, not zlib.
 */
enum { DK_GZ_DEFAULT, DK_GZ_HUFFMAN };
int dk_gzip_member(const void *data, size_t len, int level, int strategy, dk_buf *out);

/* The same member of literal-only blocks, one Huffman table per block
 * (huffman.c): several times faster than zlib's Z_HUFFMAN_ONLY. */
int dk_gzip_huffman(const void *data, size_t len, dk_buf *out);

#endif
