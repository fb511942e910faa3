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

char *dk_read_file(const char *path, size_t *len, dk_err *e)
{
    /* gzopen reads plain files transparently, and gzread reports a
     * truncated stream as an error, which is what we want to tell users. */
    gzFile f = gzopen(path, "rb");
    if (!f) {
        dk_fail(e, "%s: cannot open: %s", path, strerror(errno ? errno : ENOENT));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap *= 2;
            char *p = realloc(data, cap);
            if (!p) {
                free(data);
                gzclose(f);
                dk_fail(e, "%s: out of memory", path);
                return NULL;
            }
            data = p;
        }
        int got = gzread(f, data + n, 65536);
        if (got < 0) {
            int zerr;
            const char *msg = gzerror(f, &zerr);
            dk_fail(e, "%s: cannot read: %s", path,
                    zerr == Z_ERRNO ? strerror(errno) : msg);
            free(data);
            gzclose(f);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    /* gzread returns 0 at a truncated gzip stream; gzclose then says so. */
    int zerr;
    const char *msg = gzerror(f, &zerr);
    if (zerr != Z_OK && zerr != Z_STREAM_END) {
        dk_fail(e, "%s: corrupt or truncated gzip data: %s", path, msg);
        free(data);
        gzclose(f);
        return NULL;
    }
    if (gzclose(f) != Z_OK) {
        dk_fail(e, "%s: corrupt or truncated gzip data", path);
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

int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return dk_fail(e, "stdout: write failed: %s", strerror(errno));
        return 0;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 32);
    snprintf(tmp, n + 32, "%s.tmp%ld", path, (long)getpid());
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
