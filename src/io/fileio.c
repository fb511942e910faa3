/*
 * fileio.c -- reading files (plain or gzip) and gzip members; writing
 * is in output.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"

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
        dk_fail(e, dk_e(e, DKS_X_OPEN), path, dk_e_errno(e, errno ? errno : ENOENT));
        return NULL;
    }
    /* fopen opens a folder for reading, and it then reads as empty */
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        dk_fail(e, dk_e(e, DKS_X_OPEN), path, dk_e_errno(e, EISDIR));
        return NULL;
    }
    dk_reader *r = dk_calloc(1, sizeof *r);
    char *name = dk_strdup(path);
    if (!r || !name) {
        fclose(fp);
        dk_free(r);
        dk_free(name);
        dk_fail_oom(e, path);
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
            dk_free(name);
            dk_free(r);
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
        return dk_fail(e, dk_e(e, DKS_X_READ), r->path, dk_e_errno(e, errno));
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
                return dk_fail(e, dk_e(e, DKS_X_READ), r->path, dk_e_errno(e, errno));
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
                return dk_fail(e, dk_e(e, DKS_X_GZ_AFTER), r->path);
            inflateReset(&r->zs);
            r->between = 0;
        }
        if (r->zs.avail_in == 0 && fill(r, e) != 0)
            return -1;
        if (r->zs.avail_in == 0 && r->eof)
            return dk_fail(e, dk_e(e, DKS_X_GZ_END), r->path);
        int rc = inflate(&r->zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            r->between = 1;
        else if (rc == Z_BUF_ERROR && r->zs.avail_in == 0)
            continue;       /* needs input: filled above */
        else if (rc != Z_OK)
            return dk_fail(e, dk_e(e, DKS_X_GZ_CORRUPT), r->path,
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
    dk_free(r->path);
    dk_free(r);
    return 0;
}

char *dk_read_file(const char *path, size_t *len, dk_err *e)
{
    dk_reader *r = dk_reader_open(path, e);
    if (!r)
        return NULL;
    size_t cap = 1 << 17, n = 0;
    char *data = dk_malloc(cap);
    if (!data) {
        dk_reader_close(r, NULL);
        dk_fail_oom(e, path);
        return NULL;
    }
    long got;
    do {
        if (n + 65536 + 1 > cap) {
            char *p = dk_realloc(data, cap *= 2);
            if (!p) {
                dk_free(data);
                dk_reader_close(r, NULL);
                dk_fail_oom(e, path);
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
        dk_free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
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
    if (!dk_buf_room(out, bound)) {
        deflateEnd(&zs);
        return -1;
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
