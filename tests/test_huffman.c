/*
 * test_huffman.c -- the literal-only gzip encoder: whatever the input,
 * zlib inflates each member back to the same bytes, with the right CRC
 * and size (inflate checks both), and concatenated members read as one.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "t.h"
#include "draagkracht/fileio.h"

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
