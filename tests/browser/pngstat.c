/*
 * pngstat.c -- how much of a screenshot is not background: reads an
 * 8-bit RGB or RGBA PNG (what Chromium writes) with zlib and prints
 * "WIDTH HEIGHT SHARE", SHARE the fraction of pixels that are not
 * near-white.  The browser test fails a report whose page is blank or
 * nearly so.
 *
 *   pngstat FILE.png
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, len = 0, got;
    unsigned char *b = malloc(cap);
    while (b && (got = fread(b + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                fclose(f);
                return NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *n = len;
    return b;
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undoes the scanline filters in place; 0, or -1 on an unknown filter. */
static int unfilter(unsigned char *raw, unsigned long w, unsigned long h, int bpp)
{
    size_t stride = (size_t)w * (size_t)bpp;
    unsigned char *prev = NULL;
    for (unsigned long y = 0; y < h; y++) {
        unsigned char *line = raw + y * (stride + 1), *px = line + 1;
        for (size_t i = 0; i < stride; i++) {
            int a = i >= (size_t)bpp ? px[i - (size_t)bpp] : 0, b = prev ? prev[i] : 0;
            int c = prev && i >= (size_t)bpp ? prev[i - (size_t)bpp] : 0;
            switch (line[0]) {
            case 0: break;
            case 1: px[i] = (unsigned char)(px[i] + a); break;
            case 2: px[i] = (unsigned char)(px[i] + b); break;
            case 3: px[i] = (unsigned char)(px[i] + (a + b) / 2); break;
            case 4: px[i] = (unsigned char)(px[i] + paeth(a, b, c)); break;
            default: return -1;
            }
        }
        prev = px;
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t n;
    unsigned char *png = argc == 2 ? slurp(argv[1], &n) : NULL;
    if (!png || n < 33 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0) {
        fprintf(stderr, "pngstat: %s: not a PNG\n", argc == 2 ? argv[1] : "(no file)");
        return 2;
    }
    unsigned long w = be32(png + 16), h = be32(png + 20);
    int depth = png[24], type = png[25], interlace = png[28];
    int bpp = type == 6 ? 4 : type == 2 ? 3 : 0;
    if (depth != 8 || !bpp || interlace || w == 0 || h == 0 || w > 20000 || h > 40000) {
        fprintf(stderr, "pngstat: %s: only 8-bit RGB(A), not interlaced\n", argv[1]);
        return 2;
    }
    /* the IDAT chunks, concatenated, then inflated */
    unsigned char *z = malloc(n);
    size_t zn = 0;
    for (size_t at = 8; z && at + 12 <= n;) {
        unsigned long len = be32(png + at);
        if (at + 12 + len > n)
            break;
        if (memcmp(png + at + 4, "IDAT", 4) == 0) {
            memcpy(z + zn, png + at + 8, len);
            zn += len;
        }
        at += 12 + len;
    }
    uLongf rawn = (uLongf)((size_t)h * ((size_t)w * (size_t)bpp + 1));
    unsigned char *raw = malloc(rawn);
    if (!z || !raw || uncompress(raw, &rawn, z, (uLong)zn) != Z_OK ||
        unfilter(raw, w, h, bpp) != 0) {
        fprintf(stderr, "pngstat: %s: cannot decode\n", argv[1]);
        return 2;
    }
    unsigned long long ink = 0;
    for (unsigned long y = 0; y < h; y++) {
        const unsigned char *px = raw + y * ((size_t)w * (size_t)bpp + 1) + 1;
        for (unsigned long x = 0; x < w; x++, px += bpp)
            ink += px[0] < 235 || px[1] < 235 || px[2] < 235;
    }
    printf("%lu %lu %.4f\n", w, h, (double)ink / ((double)w * (double)h));
    free(png);
    free(z);
    free(raw);
    return 0;
}
