/*
 * fileio.c -- reading files (plain or gzip) and writing them atomically.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "draagkracht/fileio.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

struct dk_reader {
    gzFile f;
    char *path;
};

dk_reader *dk_reader_open(const char *path, dk_err *e)
{
    /* gzopen reads plain files transparently, and gzread reports a
     * truncated stream as an error, which is what we want to tell users. */
    gzFile f = gzopen(path, "rb");
    if (!f) {
        dk_fail(e, "%s: cannot open: %s", path, strerror(errno ? errno : ENOENT));
        return NULL;
    }
    dk_reader *r = malloc(sizeof *r);
    r->f = f;
    r->path = strdup(path);
    return r;
}

long dk_reader_read(dk_reader *r, char *buf, unsigned n, dk_err *e)
{
    int got = gzread(r->f, buf, n);
    int zerr;
    const char *msg = gzerror(r->f, &zerr);
    if (got < 0)
        return dk_fail(e, "%s: cannot read: %s", r->path,
                       zerr == Z_ERRNO ? strerror(errno) : msg);
    /* gzread returns 0 at a truncated gzip stream; the error says so. */
    if (got == 0 && zerr != Z_OK && zerr != Z_STREAM_END)
        return dk_fail(e, "%s: corrupt or truncated gzip data: %s", r->path, msg);
    return got;
}

int dk_reader_close(dk_reader *r, dk_err *e)
{
    if (!r)
        return 0;
    /* gzclose also notices a stream that ended without its trailer. */
    int rc = gzclose(r->f) == Z_OK ? 0
           : dk_fail(e, "%s: corrupt or truncated gzip data", r->path);
    free(r->path);
    free(r);
    return rc;
}

char *dk_read_file(const char *path, size_t *len, dk_err *e)
{
    dk_reader *r = dk_reader_open(path, e);
    if (!r)
        return NULL;
    size_t cap = 1 << 17, n = 0;
    char *data = malloc(cap);
    long got;
    do {
        if (n + 65536 + 1 > cap) {
            char *p = realloc(data, cap *= 2);
            if (!p) {
                free(data);
                dk_reader_close(r, NULL);
                dk_fail(e, "%s: out of memory", path);
                return NULL;
            }
            data = p;
        }
        got = dk_reader_read(r, data + n, 65536, e);
        n += got > 0 ? (size_t)got : 0;
    } while (got > 0);
    /* After a read error, e already holds the first problem. */
    int rc = got < 0 ? -1 : 0;
    if (dk_reader_close(r, rc ? NULL : e) != 0 || rc != 0) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static int write_gz(FILE *fp, const char *data, size_t len)
{
    /* Fixed level and no timestamp/name in the header, so the same data
     * always compress to the same bytes. */
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    unsigned char out[1 << 15];
    zs.next_in = (unsigned char *)(size_t)data;
    int rc = 0;
    size_t left = len;
    int flush;
    do {
        uInt chunk = left > (1u << 30) ? (1u << 30) : (uInt)left;
        zs.next_in = (unsigned char *)(size_t)(data + (len - left));
        zs.avail_in = chunk;
        left -= chunk;
        flush = left ? Z_NO_FLUSH : Z_FINISH;
        do {
            zs.next_out = out;
            zs.avail_out = sizeof out;
            deflate(&zs, flush);
            size_t have = sizeof out - zs.avail_out;
            if (fwrite(out, 1, have, fp) != have)
                rc = -1;
        } while (zs.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&zs);
    return rc;
}

/* The temporary name next to path (same directory, so rename is atomic). */
static char *temp_name(const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    return tmp;
}

int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return dk_fail(e, "stdout: write failed: %s", strerror(errno));
        return 0;
    }
    char *tmp = temp_name(path);
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        dk_fail(e, "%s: cannot write: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = ends_with(path, ".gz") ? write_gz(fp, data, len)
                                    : (fwrite(data, 1, len, fp) == len ? 0 : -1);
    if (fclose(fp) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc != 0) {
        dk_fail(e, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return rc;
}

int dk_path_is_gz(const char *path)
{
    return ends_with(path, ".gz");
}

struct dk_writer {
    FILE *fp;
    char *path, *tmp;       /* tmp NULL: stdout */
};

dk_writer *dk_writer_open(const char *path, dk_err *e)
{
    dk_writer *w = calloc(1, sizeof *w);
    w->path = strdup(path);
    if (strcmp(path, "-") == 0) {
        w->fp = stdout;
        return w;
    }
    w->tmp = temp_name(path);
    w->fp = fopen(w->tmp, "wb");
    if (!w->fp) {
        dk_fail(e, "%s: cannot write: %s", path, strerror(errno));
        free(w->tmp);
        free(w->path);
        free(w);
        return NULL;
    }
    return w;
}

int dk_writer_put(dk_writer *w, const void *data, size_t len, dk_err *e)
{
    if (len && fwrite(data, 1, len, w->fp) != len)
        return dk_fail(e, "%s: write failed: %s", w->tmp ? w->path : "stdout",
                       strerror(errno));
    return 0;
}

static void writer_free(dk_writer *w)
{
    free(w->tmp);
    free(w->path);
    free(w);
}

int dk_writer_commit(dk_writer *w, dk_err *e)
{
    int rc = 0;
    if (!w->tmp) {
        if (fflush(stdout) != 0)
            rc = dk_fail(e, "stdout: write failed: %s", strerror(errno));
    } else if (fclose(w->fp) != 0 || rename(w->tmp, w->path) != 0) {
        rc = dk_fail(e, "%s: cannot write: %s", w->path, strerror(errno));
        remove(w->tmp);
    }
    writer_free(w);
    return rc;
}

void dk_writer_abort(dk_writer *w)
{
    if (!w)
        return;
    if (w->tmp) {
        fclose(w->fp);
        remove(w->tmp);
    }
    writer_free(w);
}

int dk_gzip_member(const void *data, size_t len, int level, int strategy, dk_buf *out)
{
    if (strategy == DK_GZ_HUFFMAN)
        return dk_gzip_huffman(data, len, out);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong bound = deflateBound(&zs, (uLong)len);
    dk_buf_append(out, "", 0);
    if (out->len + bound + 1 > out->cap) {
        out->cap = out->len + bound + 1;
        out->data = realloc(out->data, out->cap);
    }
    zs.next_in = (unsigned char *)(size_t)data;
    zs.avail_in = (uInt)len;
    zs.next_out = (unsigned char *)out->data + out->len;
    zs.avail_out = (uInt)bound;
    int rc = deflate(&zs, Z_FINISH) == Z_STREAM_END ? 0 : -1;
    out->len += zs.total_out;
    out->data[out->len] = '\0';
    deflateEnd(&zs);
    return rc;
}
