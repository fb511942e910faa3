/*
 * test_huffman.c -- the literal-only gzip encoder: whatever the input,
 * zlib inflates each member back to the same bytes, with the right CRC
 * and size (inflate checks both), and concatenated members read as one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "t.h"
#include "draagkracht/io/fileio.h"

/* Inflates a gzip stream of one or more members; the bytes, or NULL. */
static unsigned char *gunzip(const unsigned char *z, size_t zn, size_t *n)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 15 + 16) != Z_OK)
        return NULL;
    size_t cap = zn * 8 + 64, len = 0;
    unsigned char *out = malloc(cap);
    s.next_in = (unsigned char *)(size_t)z;
    s.avail_in = (uInt)zn;
    int rc = Z_OK;
    while (rc != Z_STREAM_END || s.avail_in) {
        if (rc == Z_STREAM_END && inflateReset(&s) != Z_OK)
            break;
        if (len == cap)
            out = realloc(out, cap *= 2);
        s.next_out = out + len;
        s.avail_out = (uInt)(cap - len);
        rc = inflate(&s, Z_NO_FLUSH);
        len = cap - s.avail_out;
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
    }
    inflateEnd(&s);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    *n = len;
    return out;
}

static void round_trip(t_ctx *t, const char *name, const unsigned char *d, size_t n)
{
    dk_buf z = { 0 };
    size_t got = 0;
    int rc = dk_gzip_huffman(d, n, &z);
    unsigned char *back = rc == 0 ? gunzip((unsigned char *)z.data, z.len, &got) : NULL;
    t_ok(t, back && got == n && memcmp(back, d, n) == 0, name,
         "rc %d, %zu bytes back of %zu (%zu compressed)", rc, got, n, z.len);
    free(back);
    dk_buf_free(&z);
}

/* Text like a sweep's rows: small integers, a label, full-precision
 * numbers (seed varies the digits). */
static size_t sweep_rows(char *d, size_t cap, unsigned long seed)
{
    static const char *const label[] = { "none", "assistant", "extra-teacher",
                                         "specialist", "facility" };
    size_t n = 0;
    for (long run = 0; n + 200 < cap; run++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        n += (size_t)sprintf(d + n, "%ld,%lu,%lu,%lu,%s", run, 20 + (seed >> 33) % 13,
                             5 + (seed >> 40) % 8, (seed >> 50) % 6, label[(seed >> 20) % 5]);
        for (int k = 0; k < 7; k++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            double v = (double)(seed >> 11) / 9007199254740992.0 * (k % 3 ? 1 : 20);
            n += (size_t)sprintf(d + n, ",%.17g", (seed >> 8) % 5 ? v : -v);
        }
        d[n++] = '\n';
    }
    return n;
}

/* zlib's own literal-only member of the same bytes: the size to match. */
static size_t zlib_huffman_size(const void *d, size_t n)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, 1, Z_DEFLATED, 15 + 16, 8, Z_HUFFMAN_ONLY) != Z_OK)
        return 0;
    size_t cap = deflateBound(&s, (uLong)n);
    unsigned char *out = malloc(cap);
    s.next_in = (unsigned char *)(size_t)d;
    s.avail_in = (uInt)n;
    s.next_out = out;
    s.avail_out = (uInt)cap;
    int rc = deflate(&s, Z_FINISH);
    size_t len = rc == Z_STREAM_END ? cap - s.avail_out : 0;
    deflateEnd(&s);
    free(out);
    return len;
}

/* The codes: of at most 13 bits the encoder codes four bytes per flush from
 * a table of pairs, longer ones three at a time; input below 4096 bytes
 * always three at a time.  Every way, and every tail length, must inflate. */
static void code_paths(t_ctx *t, unsigned char *d, size_t cap)
{
    size_t n = sweep_rows((char *)d, 81920, 7);
    round_trip(t, "huffman: an 80 KB block of sweep rows", d, n);
    size_t zn = zlib_huffman_size(d, n);
    dk_buf z = { 0 };
    dk_gzip_huffman(d, n, &z);
    t_ok(t, zn > 0 && z.len <= zn + zn / 100, "huffman: sweep rows no larger than zlib's Z_HUFFMAN_ONLY",
         "%zu bytes, zlib %zu", z.len, zn);
    dk_buf_free(&z);
    int bad = 0;
    for (size_t k = 4090; k < 4110; k++) {
        dk_buf y = { 0 };
        size_t got = 0;
        dk_gzip_huffman(d + k % 5, k, &y);
        unsigned char *back = gunzip((unsigned char *)y.data, y.len, &got);
        bad += !back || got != k || memcmp(back, d + k % 5, k) != 0;
        free(back);
        dk_buf_free(&y);
    }
    t_ok(t, bad == 0, "huffman: 4090..4109 bytes (either side of the pair table)", "%d wrong", bad);
    /* deflate blocks of 256 KB: the last one whole, one byte, a few bytes */
    size_t edges[] = { 1u << 18, (1u << 18) + 1, (1u << 18) + 7, 2 * (1u << 18) + 4099 };
    sweep_rows((char *)d, cap, 11);
    for (int e = 0; e < 4; e++) {
        char name[80];
        snprintf(name, sizeof name, "huffman: %zu bytes of sweep rows (block edges)", edges[e]);
        round_trip(t, name, d, edges[e]);
    }
    /* m symbols with Fibonacci counts: the longest code is 13 bits (the
     * pair table's limit) at m = 13, 14 and 15 at m = 14 and 15 */
    for (int m = 10; m <= 18; m++) {
        size_t len = 0;
        unsigned long f0 = 1, f1 = 1;
        for (int c = 0; c < m; c++) {
            for (unsigned long k = 0; k < f0 * 8; k++)
                d[len++] = (unsigned char)('0' + c);
            unsigned long f2 = f0 + f1;
            f0 = f1;
            f1 = f2;
        }
        for (size_t i = len; i-- > 1;) {    /* shuffled: pairs of every kind */
            size_t k = (i * 2654435761u) % (i + 1);
            unsigned char x = d[i];
            d[i] = d[k];
            d[k] = x;
        }
        char name[80];
        snprintf(name, sizeof name, "huffman: %d symbols of Fibonacci counts (%zu bytes)", m, len);
        round_trip(t, name, d, len);
    }
}

/* 1 when the member of d[0..n) ends in zlib's crc32 of it and n, and
 * inflates back to d. */
static int trailer_ok(const unsigned char *d, size_t n)
{
    dk_buf z = { 0 };
    size_t got = 0;
    if (dk_gzip_huffman(d, n, &z) != 0 || z.len < 18) {
        dk_buf_free(&z);
        return 0;
    }
    const unsigned char *e = (unsigned char *)z.data + z.len - 8;
    uint32_t crc = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16 | (uint32_t)e[3] << 24;
    uint32_t len = (uint32_t)e[4] | (uint32_t)e[5] << 8 | (uint32_t)e[6] << 16 | (uint32_t)e[7] << 24;
    unsigned char *back = gunzip((unsigned char *)z.data, z.len, &got);
    int ok = crc == (uint32_t)crc32(crc32(0L, Z_NULL, 0), d, (uInt)n) && len == (uint32_t)n
             && back && got == n && memcmp(back, d, n) == 0;
    free(back);
    dk_buf_free(&z);
    return ok;
}

/* The CRC is folded 16 bytes at a time with PCLMULQDQ where the CPU has
 * it (64 bytes and up), the tail by zlib: every length around those
 * steps, from every alignment, against zlib's crc32 of the whole. */
static void crc_lengths(t_ctx *t, unsigned char *d)
{
    unsigned long x = 99;
    for (size_t i = 0; i < 4096; i++)
        d[i] = (unsigned char)((x = x * 6364136223846793005UL + 1442695040888963407UL) >> 56);
    int bad = 0, first = -1;
    for (size_t n = 0; n <= 300; n++)
        for (size_t at = 0; at < 16; at++)
            if (!trailer_ok(d + at, n)) {
                first = bad++ ? first : (int)n;
            }
    t_ok(t, bad == 0, "huffman: CRC and size of 0..300 bytes at 16 alignments",
         "%d wrong, the first at %d bytes", bad, first);
    size_t big[] = { 4033, 4095, 4096 - 16, 4096 - 64 };
    bad = 0;
    for (int k = 0; k < 4; k++)
        bad += !trailer_ok(d + k + 1, big[k] - k - 1);
    t_ok(t, bad == 0, "huffman: CRC of some 4 KB, unaligned", "%d wrong", bad);
}

void test_huffman(t_ctx *t)
{
    size_t big = 700000;    /* three blocks */
    unsigned char *d = calloc(big, 1);
    round_trip(t, "huffman: empty input", d, 0);
    d[0] = 'x';
    round_trip(t, "huffman: one byte", d, 1);
    memset(d, 'a', big);
    round_trip(t, "huffman: one byte value, several blocks", d, big);
    unsigned long x = 12345;
    for (size_t i = 0; i < big; i++)
        d[i] = (unsigned char)((x = x * 6364136223846793005UL + 1442695040888963407UL) >> 56);
    round_trip(t, "huffman: random bytes (every value)", d, big);
    /* Fibonacci frequencies give a 30-deep Huffman tree: the 15-bit limit */
    size_t n = 0;
    unsigned long f0 = 1, f1 = 1;
    for (int c = 0; c < 30 && n < big; c++) {
        for (unsigned long k = 0; k < f0 && n < big; k++)
            d[n++] = (unsigned char)('A' + c);
        unsigned long f2 = f0 + f1;
        f0 = f1;
        f1 = f2;
    }
    round_trip(t, "huffman: skewed frequencies, codes limited to 15 bits", d, n);
    code_paths(t, d, big);
    crc_lengths(t, d);
    const char csv[] = "0,29,8,1,specialist,-0.018073638063872133,0.49527366042106191\n";
    dk_buf two = { 0 };
    dk_gzip_huffman(csv, sizeof csv - 1, &two);
    dk_gzip_huffman(csv, sizeof csv - 1, &two);
    size_t got = 0;
    unsigned char *back = gunzip((unsigned char *)two.data, two.len, &got);
    t_ok(t, back && got == 2 * (sizeof csv - 1) && memcmp(back, csv, sizeof csv - 1) == 0
         && memcmp(back + got / 2, csv, sizeof csv - 1) == 0,
         "huffman: two members read as one stream", "%zu bytes back", got);
    free(back);
    dk_buf_free(&two);
    free(d);

    dk_buf b = { 0 };
    dk_buf_cell(&b, "\xc3\xbcn\xc3\xaf", 3);    /* "ünï": 3 characters, 5 bytes */
    dk_buf_cell(&b, "abcdef", 3);
    dk_buf_cell(&b, "\xd0\xb2\xd0\xb0\xd1\x80", 2); /* cut after 2 of 3 */
    t_ok(t, b.len == 5 + 3 + 4 && memcmp(b.data, "\xc3\xbcn\xc3\xaf" "abc" "\xd0\xb2\xd0\xb0", 12) == 0,
         "text: table cells count UTF-8 characters and never split one", "%zu bytes", b.len);
    dk_buf_free(&b);
}
