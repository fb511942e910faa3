/*
 * fileio.c -- reading files (plain or gzip) and writing them atomically.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>

#include "draagkracht/io/fileio.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/*
 * Plain files are read as they are; a file that starts with gzip's magic
 * bytes is inflated member by member (concatenated members are one
 * stream, RFC 1952).  After a member's end only another member, or the
 * end of the file, may follow: zlib's gzread silently ignores trailing
 * bytes that are not gzip, which would hide a damaged concatenation.
 */
#define IN_CHUNK (1u << 17)

struct dk_reader {
    FILE *fp;
    char *path;
    int gz;                 /* inflating */
    int between;            /* gz: at a member's end (a clean place to stop) */
    int eof;                /* fp is exhausted */
    z_stream zs;
    unsigned char in[IN_CHUNK];
};

dk_reader *dk_reader_open(const char *path, dk_err *e)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dk_fail(e, "%s: cannot open: %s", path, strerror(errno ? errno : ENOENT));
        return NULL;
    }
    dk_reader *r = calloc(1, sizeof *r);
    char *name = strdup(path);
    if (!r || !name) {
        fclose(fp);
        free(r);
        free(name);
        dk_fail(e, "%s: out of memory", path);
        return NULL;
    }
    r->fp = fp;
    r->path = name;
    r->zs.next_in = r->in;
    /* the first bytes decide: gzip magic, or plain text */
    size_t got = fread(r->in, 1, 2, fp);
    r->zs.avail_in = (uInt)got;
    r->eof = got < 2;
    if (got == 2 && r->in[0] == 0x1f && r->in[1] == 0x8b) {
        if (inflateInit2(&r->zs, 15 + 16) != Z_OK) {
            fclose(fp);
            free(name);
            free(r);
            dk_fail(e, "%s: cannot start inflating", path);
            return NULL;
        }
        r->gz = 1;
    }
    return r;
}

/* More input after what is left in r->in; 0, or -1 with e set. */
static int fill(dk_reader *r, dk_err *e)
{
    if (r->eof)
        return 0;
    if (r->zs.avail_in && r->zs.next_in != r->in)
        memmove(r->in, r->zs.next_in, r->zs.avail_in);
    r->zs.next_in = r->in;
    size_t got = fread(r->in + r->zs.avail_in, 1, IN_CHUNK - r->zs.avail_in, r->fp);
    if (got == 0 && ferror(r->fp))
        return dk_fail(e, "%s: cannot read: %s", r->path, strerror(errno));
    r->eof = got == 0;
    r->zs.avail_in += (uInt)got;
    return 0;
}

long dk_reader_read(dk_reader *r, char *buf, unsigned n, dk_err *e)
{
    if (!r->gz) {
        /* the bytes looked at to tell gzip from text come first */
        size_t have = 0;
        if (r->zs.avail_in) {
            have = r->zs.avail_in < n ? r->zs.avail_in : n;
            memcpy(buf, r->zs.next_in, have);
            r->zs.next_in += have;
            r->zs.avail_in -= (uInt)have;
        }
        if (have < n && !r->eof) {
            size_t got = fread(buf + have, 1, n - have, r->fp);
            if (got == 0 && ferror(r->fp))
                return dk_fail(e, "%s: cannot read: %s", r->path, strerror(errno));
            r->eof = got == 0;
            have += got;
        }
        return (long)have;
    }
    r->zs.next_out = (unsigned char *)buf;
    r->zs.avail_out = n;
    while (r->zs.avail_out == n) {
        if (r->between) {
            /* another member, or the end of the file */
            if (r->zs.avail_in < 2 && fill(r, e) != 0)
                return -1;
            if (r->zs.avail_in == 0 && r->eof)
                return 0;
            if (r->zs.avail_in < 2 || r->zs.next_in[0] != 0x1f || r->zs.next_in[1] != 0x8b)
                return dk_fail(e, "%s: corrupt gzip data: bytes after the last gzip member "
                               "are not gzip (a damaged or mixed concatenation?)", r->path);
            inflateReset(&r->zs);
            r->between = 0;
        }
        if (r->zs.avail_in == 0 && fill(r, e) != 0)
            return -1;
        if (r->zs.avail_in == 0 && r->eof)
            return dk_fail(e, "%s: corrupt or truncated gzip data: unexpected end of file",
                           r->path);
        int rc = inflate(&r->zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            r->between = 1;
        else if (rc == Z_BUF_ERROR && r->zs.avail_in == 0)
            continue;       /* needs input: filled above */
        else if (rc != Z_OK)
            return dk_fail(e, "%s: corrupt gzip data: %s", r->path,
                           r->zs.msg ? r->zs.msg : "inflate failed");
    }
    return (long)(n - r->zs.avail_out);
}

int dk_reader_close(dk_reader *r, dk_err *e)
{
    if (!r)
        return 0;
    (void)e;
    if (r->gz)
        inflateEnd(&r->zs);
    fclose(r->fp);
    free(r->path);
    free(r);
    return 0;
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

/* An existing destination that is not a regular file (/dev/null, a
 * FIFO, a terminal) is written in place: a temporary file renamed over
 * it would replace the device. */
static int is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return dk_fail(e, "stdout: write failed: %s", strerror(errno));
        return 0;
    }
    if (is_special(path)) {
        FILE *fp = fopen(path, "wb");
        int rc = fp ? 0 : -1;
        if (fp) {
            rc = ends_with(path, ".gz") ? write_gz(fp, data, len)
                                        : (fwrite(data, 1, len, fp) == len ? 0 : -1);
            if (fclose(fp) != 0)
                rc = -1;
        }
        return rc ? dk_fail(e, "%s: cannot write: %s", path, strerror(errno)) : 0;
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
    char *path, *tmp;       /* tmp NULL: stdout, or a device written in place */
};

dk_writer *dk_writer_open(const char *path, dk_err *e)
{
    dk_writer *w = calloc(1, sizeof *w);
    w->path = strdup(path);
    if (strcmp(path, "-") == 0) {
        w->fp = stdout;
        return w;
    }
    if (is_special(path)) {
        w->fp = fopen(path, "wb");
        if (!w->fp) {
            dk_fail(e, "%s: cannot write: %s", path, strerror(errno));
            free(w->path);
            free(w);
            return NULL;
        }
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
        return dk_fail(e, "%s: write failed: %s", w->fp != stdout ? w->path : "stdout",
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
    if (!w->tmp && w->fp == stdout) {
        if (fflush(stdout) != 0)
            rc = dk_fail(e, "stdout: write failed: %s", strerror(errno));
    } else if (!w->tmp) {
        if (fclose(w->fp) != 0)
            rc = dk_fail(e, "%s: write failed: %s", w->path, strerror(errno));
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
    } else if (w->fp != stdout) {
        fclose(w->fp);
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
        char *grown = realloc(out->data, out->len + bound + 1);
        if (!grown) {
            deflateEnd(&zs);
            return -1;
        }
        out->data = grown;
        out->cap = out->len + bound + 1;
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
