/*
 * bench_gzip.c -- the literal-only gzip encoder (huffman.c) against zlib,
 * on text like a sweep's CSV rows, in members the size of a sweep block.
 *
 *   tools/bench_gzip.sh [MB] [MEMBER_KB] [OLD_REV]
 *                         (builds this against build/rel and runs it)
 *   build/bench_gzip [MB [MEMBER_KB [REPEATS]]]
 *
 * The rows are random but shaped like `draagkracht sweep` output: a run
 * number, four small integers, a support label and seven full-precision
 * numbers.  Every encoder compresses the same text, member by member, into
 * one stream; the best pass of REPEATS rounds gives MB/s (of input).  Each
 * stream is inflated by zlib afterwards and must give the text back, so a
 * fast but wrong encoder cannot pass for a fast one.  Built with
 * -DBENCH_OLD, it also times dk_gzip_huffman_old: an older huffman.c
 * compiled under that name by bench_gzip.sh, for the old-vs-new ratio.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "bench.h"
#include "draagkracht/io/fileio.h"

#ifdef BENCH_OLD
int dk_gzip_huffman_old(const void *data, size_t len, dk_buf *out);
#endif

/* A full-precision number as %.17g prints one, sometimes negative. */
static int number(char *p, uint64_t *x)
{
    double v = (double)(bench_next(x) >> 11) / 9007199254740992.0;
    int scale = (int)(bench_next(x) % 4);
    v *= scale == 0 ? 0.1 : scale == 1 ? 1 : scale == 2 ? 4 : 20;
    if (bench_next(x) % 5 == 0)
        v = -v;
    return sprintf(p, "%.17g", v);
}

/* About mb megabytes of sweep-like rows, whole rows only. */
static char *rows(size_t mb, size_t *n)
{
    static const char *const label[] = {
        "none", "assistant", "extra-teacher", "specialist", "facility"
    };
    size_t cap = mb << 20;
    char *s = malloc(cap + 512);
    uint64_t x = 88172645463325252u;
    size_t len = 0;
    for (long run = 0; len < cap; run++) {
        char *p = s + len;
        p += sprintf(p, "%ld,%d,%d,%d,%s", run, 20 + (int)(bench_next(&x) % 13),
                     5 + (int)(bench_next(&x) % 8), (int)(bench_next(&x) % 6),
                     label[bench_next(&x) % 5]);
        for (int k = 0; k < 7; k++) {
            *p++ = ',';
            p += number(p, &x);
        }
        *p++ = '\n';
        len = (size_t)(p - s);
    }
    *n = len;
    return s;
}

/* One gzip member by zlib's deflate, the way dk_gzip_member makes one. */
static int zlib_member(const void *d, size_t n, dk_buf *out, int level, int strategy)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, strategy) != Z_OK)
        return -1;
    size_t bound = deflateBound(&zs, (uLong)n);
    if (out->len + bound + 1 > out->cap) {
        out->cap = (out->len + bound + 1) * 2;
        out->data = realloc(out->data, out->cap);
    }
    zs.next_in = (unsigned char *)(size_t)d;
    zs.avail_in = (uInt)n;
    zs.next_out = (unsigned char *)out->data + out->len;
    zs.avail_out = (uInt)bound;
    int rc = deflate(&zs, Z_FINISH);
    out->len += bound - zs.avail_out;
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? 0 : -1;
}

static int z_huffman_only(const void *d, size_t n, dk_buf *out)
{
    return zlib_member(d, n, out, 1, Z_HUFFMAN_ONLY);
}

static int z_level1(const void *d, size_t n, dk_buf *out)
{
    return zlib_member(d, n, out, 1, Z_DEFAULT_STRATEGY);
}

/* zlib's CRC alone, over the same members: what the encoder's CRC costs
 * when zlib computes it. */
static int z_crc32(const void *d, size_t n, dk_buf *out)
{
    uLong c = crc32(crc32(0L, Z_NULL, 0), d, (uInt)n);
    dk_buf_append(out, (const char *)&c, 1);
    return 0;
}

typedef struct {
    const char *name;
    int (*encode)(const void *, size_t, dk_buf *);
    int gzip;               /* its output must inflate back to the text */
} encoder;

/* Inflates a stream of members; 1 when it gives back exactly s[0..n). */
static int inflates_to(const dk_buf *z, const char *s, size_t n)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return 0;
    unsigned char *back = malloc(n + 1);
    zs.next_in = (unsigned char *)z->data;
    zs.avail_in = (uInt)z->len;
    zs.next_out = back;
    zs.avail_out = (uInt)(n + 1);
    int rc;
    while ((rc = inflate(&zs, Z_NO_FLUSH)) == Z_STREAM_END && zs.avail_in)
        if (inflateReset(&zs) != Z_OK)
            break;
    int ok = rc == Z_STREAM_END && zs.avail_in == 0
             && (size_t)(zs.next_out - back) == n && memcmp(back, s, n) == 0;
    inflateEnd(&zs);
    free(back);
    return ok;
}

/* One pass over the text in members of `member` bytes; seconds. */
static double pass(const encoder *e, const char *s, size_t n, size_t member, dk_buf *z)
{
    z->len = 0;
    double t0 = bench_now();
    for (size_t at = 0; at < n; at += member)
        if (e->encode(s + at, n - at < member ? n - at : member, z) != 0) {
            fprintf(stderr, "bench_gzip: %s failed\n", e->name);
            exit(1);
        }
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atol(argv[1]) : 80;
    size_t member = (argc > 2 ? (size_t)atol(argv[2]) : 80) << 10;
    int repeats = argc > 3 ? atoi(argv[3]) : 3;
    if (mb < 1 || member < 1 || repeats < 1) {
        fprintf(stderr, "usage: bench_gzip [MB [MEMBER_KB [REPEATS]]]\n");
        return 2;
    }
    size_t n;
    char *s = rows(mb, &n);
    const encoder enc[] = {
        { "dk_gzip_huffman", dk_gzip_huffman, 1 },
#ifdef BENCH_OLD
        { "dk_gzip_huffman (old)", dk_gzip_huffman_old, 1 },
#endif
        { "zlib Z_HUFFMAN_ONLY 1", z_huffman_only, 1 },
        { "zlib level 1", z_level1, 1 },
        { "zlib crc32 alone", z_crc32, 0 },
    };
    enum { NE = sizeof enc / sizeof enc[0] };
    dk_buf z[NE] = { { 0 } };
    double best[NE];
    /* rounds alternate between encoders, so a burst of load elsewhere on
     * the machine slows one round of each rather than every pass of one;
     * in a round a fast encoder makes passes for a quarter second, so it
     * gets as many chances at a quiet moment as a slow one */
    for (int r = 0; r < repeats; r++)
        for (int i = 0; i < NE; i++) {
            double spent = 0;
            do {
                double t = pass(&enc[i], s, n, member, &z[i]);
                best[i] = (r == 0 && spent == 0) || t < best[i] ? t : best[i];
                spent += t;
            } while (spent < 0.25);
        }
    int fails = 0;
    printf("%.1f MB of sweep-like rows in %zu KB members, best pass of %d rounds\n",
           (double)n / 1e6, member >> 10, repeats);
    printf("%-24s %10s %14s %7s %9s\n", "encoder", "MB/s", "bytes", "ratio", "time");
    for (int i = 0; i < NE; i++) {
        int ok = !enc[i].gzip || inflates_to(&z[i], s, n);
        printf("%-24s %10.0f ", enc[i].name, (double)n / best[i] / 1e6);
        if (enc[i].gzip)
            printf("%14zu %7.4f", z[i].len, (double)z[i].len / (double)n);
        else
            printf("%14s %7s", "-", "-");
        printf(" %8.2fx%s\n", best[i] / best[0], ok ? "" : "  WRONG OUTPUT");
        fails += !ok;
        dk_buf_free(&z[i]);
    }
    printf("(time: relative to dk_gzip_huffman; above 1 is slower)\n");
    free(s);
    return fails ? 1 : 0;
}
