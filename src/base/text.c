/*
 * text.c -- error formatting, buffers, line iteration, number parsing.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/text.h"

int dk_fail(dk_err *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

dk_err dk_err_like(const dk_err *e)
{
    return DK_ERR_IN(e ? e->lang : 0);
}

int dk_fail_oom(dk_err *e, const char *what)
{
    return dk_fail(e, "out of memory (%s)", what);
}

/* Room for extra more bytes and the NUL; -1 (b unchanged but for oom)
 * when out of memory, or after an earlier failure: a text with a hole
 * is not continued. */
static int reserve(dk_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = cap > b->len + extra ? dk_realloc(b->data, cap) : NULL;
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void dk_buf_append(dk_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dk_buf_add(dk_buf *b, const dk_buf *src)
{
    if (src->oom)
        b->oom = 1;
    else if (src->len)
        dk_buf_append(b, src->data, src->len);
}

char *dk_buf_room(dk_buf *b, size_t n)
{
    return reserve(b, n) == 0 ? b->data + b->len : NULL;
}

const char *dk_buf_part(dk_buf *b, const dk_buf *part)
{
    if (!part->oom)
        return part->data;
    b->oom = 1;
    return "";
}

const char *dk_buf_text(const dk_buf *b)
{
    return b->data && !b->oom ? b->data : "";
}

void dk_buf_vprintf(dk_buf *b, const char *fmt, va_list ap)
{
    /* Formats once into the room there is, and a second time only when
     * the text did not fit (after growing): printf is the cost here. */
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = b->oom || !b->data ? 0 : b->cap - b->len;
    int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap2);
    va_end(ap2);
    if (n >= 0 && (size_t)n < room) {
        b->len += (size_t)n;
        return;
    }
    /* printf itself can run out of memory (a negative count) */
    if (n < 0 || reserve(b, (size_t)n) != 0 ||
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap) != n) {
        b->oom = 1;
        if (b->data)
            b->data[b->len] = '\0';
        return;
    }
    b->len += (size_t)n;
}

void dk_buf_printf(dk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dk_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void dk_buf_free(dk_buf *b)
{
    dk_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

size_t dk_utf8_width(const char *s)
{
    size_t k = 0;
    for (; *s; s++)
        k += ((unsigned char)*s & 0xc0) != 0x80;
    return k;
}

void dk_buf_cell(dk_buf *b, const char *s, int width)
{
    size_t n = 0;
    int chars = 0;
    /* a code point starts at every byte that is not 10xxxxxx */
    for (; s[n] && (chars < width || ((unsigned char)s[n] & 0xc0) == 0x80); n++)
        chars += ((unsigned char)s[n] & 0xc0) != 0x80;
    dk_buf_append(b, s, n);
    for (; chars < width; chars++)
        dk_buf_append(b, " ", 1);
}

void dk_buf_csv_str(dk_buf *b, const char *s)
{
    dk_buf_append(b, "\"", 1);
    /* the runs between quotes whole, each quote doubled */
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1)
        dk_buf_append(b, s, (size_t)(q - s) + 1), dk_buf_append(b, "\"", 1);
    dk_buf_append(b, s, strlen(s));
    dk_buf_append(b, "\"", 1);
}

void dk_buf_num(dk_buf *b, char sep, double x)
{
    /* dk_fmt_g17 needs 32 bytes; the separator one more */
    char *p = dk_buf_room(b, 33);
    if (!p)
        return;
    size_t n = sep != '\0';
    p[0] = sep;
    b->len += n + (size_t)dk_fmt_g17(p + n, x);
}

void dk_buf_nums(dk_buf *b, char sep, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dk_buf_num(b, sep, x[i]);
}

/* 5^0 .. 5^21: a * 10^s = m * 5^s * 2^(e + s) for a = m * 2^e (s is
 * 2..20; 5^21 is read, not used, for the binade that starts below 1e-4). */
static const uint64_t pow5[] = {
    1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL,
    1953125ULL, 9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL,
    6103515625ULL, 30517578125ULL, 152587890625ULL, 762939453125ULL,
    3814697265625ULL, 19073486328125ULL, 95367431640625ULL, 476837158203125ULL
};

/* The first digit's decimal exponent of a in binade k (a in [2^k,
 * 2^(k + 1)), k = -14..49 covers [1e-4, 1e15)) is X0 = floor(k * log10(2))
 * or X0 + 1, as a binade spans 0.3 decades; this is 10^(X0 + 1), indexed
 * by k + 14.  The compare with it is exact: 1e-1 .. 1e-4 round up to
 * doubles just above 10^-n, so no double lies between them and the true
 * power; the others are exact. */
static const double binade_ten[64] = {
    1e-4, 1e-3, 1e-3, 1e-3, 1e-3, 1e-2, 1e-2, 1e-2,   /* k = -14..-7 */
    1e-1, 1e-1, 1e-1, 1e0, 1e0, 1e0, 1e1, 1e1,        /* k = -6..1 */
    1e1, 1e1, 1e2, 1e2, 1e2, 1e3, 1e3, 1e3,           /* k = 2..9 */
    1e4, 1e4, 1e4, 1e4, 1e5, 1e5, 1e5, 1e6,           /* k = 10..17 */
    1e6, 1e6, 1e7, 1e7, 1e7, 1e7, 1e8, 1e8,           /* k = 18..25 */
    1e8, 1e9, 1e9, 1e9, 1e10, 1e10, 1e10, 1e10,       /* k = 26..33 */
    1e11, 1e11, 1e11, 1e12, 1e12, 1e12, 1e13, 1e13,   /* k = 34..41 */
    1e13, 1e13, 1e14, 1e14, 1e14, 1e15, 1e15, 1e15,   /* k = 42..49 */
};

/* floor(k * log10(2)) for k = -14..49: 1233 / 4096 is close enough to
 * log10(2) there (every binade is in the tests); the bias keeps the
 * shifted value unsigned. */
static int binade_exponent(int k)
{
    return (int)((unsigned)(k * 1233 + 4096 * 16) >> 12) - 16;
}

/* round(m * p5 / 2^r) to nearest, ties to even (printf's rounding).  In
 * the fast range r is 1..46 and the quotient is below 2^57, so quotient
 * and remainder come from the two 64-bit halves of the exact 128-bit
 * product.  Rounding up is rem > half, or rem == half with q odd: rem +
 * (q & 1) > half, i.e. rem + (q & 1) + half - 1 reaches 2^r; the sum stays
 * below 2^(r + 1), so its bit r is the carry, without a branch that random
 * digits would mispredict half the time. */
static uint64_t scaled_round(uint64_t m, uint64_t p5, unsigned r)
{
    __extension__ unsigned __int128 n = (unsigned __int128)m * p5;
    uint64_t lo = (uint64_t)n, hi = (uint64_t)(n >> 64);
    uint64_t q = lo >> r | hi << (64 - r);
    uint64_t rem = lo & ((1ULL << r) - 1), half = 1ULL << (r - 1);
    return q + ((rem + (q & 1) + half - 1) >> r);
}

#define ASCII_ZEROS 0x3030303030303030ULL

#ifdef __SSE2__
/* Four 16-bit lanes holding 4 v, v < 10^4, become v's digits: two
 * multiply-highs, by 2^23 / 1000, 2^19 / 100, 2^17 / 10, 2^15 (rounded up)
 * and then by 2^7, 2^11, 2^13, 2^15, give v / 1000, v / 100, v / 10, v
 * rounded down (exact for every v below 10^4), and a lane minus ten times
 * its left neighbour leaves one digit. */
static __m128i lane_digits(__m128i v)
{
    const __m128i div = _mm_set_epi16(-32768, 13108, 5243, 8389, -32768, 13108, 5243, 8389);
    const __m128i shift = _mm_set_epi16(-32768, 1 << 13, 1 << 11, 1 << 7,
                                        -32768, 1 << 13, 1 << 11, 1 << 7);
    v = _mm_mulhi_epu16(_mm_mulhi_epu16(v, div), shift);
    return _mm_sub_epi16(v, _mm_slli_epi64(_mm_mullo_epi16(v, _mm_set1_epi16(10)), 16));
}

/* The 16 digits of hi * 10^8 + lo (hi, lo < 10^8) as ASCII in w[0] and
 * w[1], first digit in the lowest byte; returns how many come before the
 * trailing zeros.  Both halves go through the vector unit together: split
 * into 4-digit quarters (a multiply by 2^45 / 10^4), each spread over four
 * lanes for lane_digits; a vector compare finds the zero digits. */
static int digits16(uint32_t hi, uint32_t lo, uint64_t w[2])
{
    __m128i x = _mm_set_epi64x(lo, hi);
    __m128i top = _mm_srli_epi64(_mm_mul_epu32(x, _mm_set1_epi32((int)0xd1b71759)), 45);
    __m128i low = _mm_sub_epi32(x, _mm_mul_epu32(top, _mm_set1_epi32(10000)));
    __m128i v = _mm_or_si128(top, _mm_slli_epi64(low, 32));
    v = _mm_slli_epi16(_mm_packs_epi32(v, v), 2);
    v = _mm_unpacklo_epi16(v, v);
    __m128i d = _mm_packus_epi16(lane_digits(_mm_unpacklo_epi32(v, v)),
                                 lane_digits(_mm_unpackhi_epi32(v, v)));
    unsigned zero = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(d, _mm_setzero_si128()));
    unsigned nonzero = ~zero & 0xffff;      /* bit i: digit i is not 0 */
    d = _mm_add_epi8(d, _mm_set1_epi8('0'));
    w[0] = (uint64_t)_mm_cvtsi128_si64(d);
    w[1] = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(d, d));
    return nonzero ? 32 - __builtin_clz(nonzero) : 0;
}
#else
/* The 8 digits of n < 10^8 as byte values, first digit in the lowest
 * byte: 4-digit lanes, then 2-digit, then 1-digit ones, each by a multiply
 * and shift that divides exactly at that size (10486 / 2^20 for /100
 * below 10^4, 103 / 2^10 for /10 below 100). */
static uint64_t digits8(uint32_t n)
{
    uint64_t v = n / 10000 | (uint64_t)(n % 10000) << 32;
    uint64_t h = (v * 10486 >> 20) & 0x0000007F0000007FULL;
    v = h | (v - h * 100) << 16;
    h = (v * 103 >> 10) & 0x000F000F000F000FULL;
    return h | (v - h * 10) << 8;
}

/* As the vector version: the trailing zeros are the zero bytes on top. */
static int digits16(uint32_t hi, uint32_t lo, uint64_t w[2])
{
    uint64_t a = digits8(hi), b = digits8(lo);
    w[0] = a + ASCII_ZEROS;
    w[1] = b + ASCII_ZEROS;
    return b ? 16 - __builtin_clzll(b) / 8 : a ? 8 - __builtin_clzll(a) / 8 : 0;
}
#endif

/* The 8 bytes of v, least significant first, at p (which has room). */
static void put_word(char *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, 8);
#else
    for (int k = 0; k < 8; k++)
        p[k] = (char)(v >> (8 * k));
#endif
}

/* The 17 significant digits: the first, then 16 as words from digits16. */
typedef struct {
    char lead;
    uint64_t w[2];
    int len;            /* digits up to the last nonzero one, 1..17 */
} digits17;

static digits17 split17(uint64_t q)
{
    uint64_t top = q / 100000000;
    uint32_t lead = (uint32_t)(q / 10000000000000000ULL);
    digits17 d = { (char)('0' + lead), { 0, 0 }, 1 };
    d.len += digits16((uint32_t)top - lead * 100000000, (uint32_t)(q - top * 100000000), d.w);
    return d;
}

/* X in 0..14: X + 1 digits, a point if more digits follow, the rest.  All
 * digits go out, then the ones after the first X + 1 again, one place on,
 * after the point: a few fixed-size stores (they stay within p[0..25))
 * instead of a loop. */
static int put_int_part(char *p, const digits17 *d, int X)
{
    __extension__ unsigned __int128 tail = (unsigned __int128)d->w[1] << 64 | d->w[0];
    p[0] = d->lead;
    put_word(p + 1, d->w[0]);
    put_word(p + 9, d->w[1]);
    p[X + 1] = '.';
    tail >>= 8 * X;
    put_word(p + X + 2, (uint64_t)tail);
    if (X < 8)
        put_word(p + X + 10, (uint64_t)(tail >> 64));
    int n = d->len > X + 1 ? d->len + 1 : X + 1;
    p[n] = '\0';
    return n;
}

/* X in -4..-1: "0.", -X - 1 zeros, the digits; within p[0..22). */
static int put_fraction(char *p, const digits17 *d, int X)
{
    int z = 1 - X;
    memcpy(p, "0.000000", 8);
    p[z] = d->lead;
    put_word(p + z + 1, d->w[0]);
    put_word(p + z + 9, d->w[1]);
    p[z + d->len] = '\0';
    return z + d->len;
}

int dk_fmt_g17(char *out, double x)
{
    double a = fabs(x);
    if (!(a >= 1e-4 && a < 1e15))
        return snprintf(out, 32, "%.17g", x);
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int k = (int)(bits >> 52) - 1023;   /* a = m * 2^(k - 52), a is normal */
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int X0 = binade_exponent(k);
    /* a branch, not arithmetic: predicted (only binades that straddle a
     * power of ten have both answers), it takes the compare off the path
     * to the multiply */
    int up = a >= binade_ten[k + 14];
    uint64_t p5 = up ? pow5[15 - X0] : pow5[16 - X0];
    int X = X0 + up;
    /* q = a * 10^(16 - X) rounded: 17 digits, the first at 10^X */
    uint64_t q = scaled_round(m, p5, (unsigned)(36 - k + X));
    if (q == 100000000000000000ULL) {   /* rounded up to 10^(X + 1) */
        q /= 10;
        X++;
    }
    if (X > 14)         /* cannot happen below 1e15; keeps the stores in out */
        return snprintf(out, 32, "%.17g", x);
    digits17 d = split17(q);
    int n = x < 0;
    out[0] = '-';
    return n + (X >= 0 ? put_int_part(out + n, &d, X) : put_fraction(out + n, &d, X));
}

void dk_lines_init(dk_lines *it, const char *path, const char *text, size_t len)
{
    /* a UTF-8 byte order mark (some Windows editors write one) */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    it->text = text;
    it->end = text + len;
    it->path = path;
    it->lineno = 0;
    it->line[0] = '\0';
}

/* Length of the UTF-8 sequence at p, or 0 if it is not valid: RFC 3629,
 * so no overlong forms, no surrogates (ED A0..BF) and nothing above
 * U+10FFFF, which a strict JSON reader would refuse in our output. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || p + n > end || (n == 2 && p[0] < 0xC2) || p[0] > 0xF4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    /* the second byte's range after E0, ED, F0 and F4 */
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

size_t dk_utf8_check(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint64_t w;             /* ASCII, the common case, 8 bytes at a time */
        if (i + 8 <= n && (memcpy(&w, p + i, 8), (w & 0x8080808080808080ull) == 0)) {
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_len(p + i, p + n);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

int dk_lines_next(dk_lines *it, dk_err *e)
{
    if (it->text >= it->end)
        return 0;
    it->lineno++;
    const char *nl = memchr(it->text, '\n', (size_t)(it->end - it->text));
    const char *stop = nl ? nl : it->end;
    size_t n = (size_t)(stop - it->text);
    if (n > 0 && it->text[n - 1] == '\r')
        n--;
    if (n > DK_MAX_LINE)
        return dk_fail(e, "%s:%d: line is longer than %d bytes", it->path,
                       it->lineno, DK_MAX_LINE);
    if (memchr(it->text, 0, n))
        return dk_fail(e, "%s:%d: NUL byte in text (binary file?)",
                       it->path, it->lineno);
    size_t bad = dk_utf8_check(it->text, n);
    if (bad < n)
        return dk_fail(e, "%s:%d: byte %zu is not valid UTF-8",
                       it->path, it->lineno, bad + 1);
    /* names and values end up in tables on a terminal: no escape
     * sequences, bells or bare carriage returns (tabs are white space) */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)it->text[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return dk_fail(e, "%s:%d: byte %zu is a control character (\\x%02x)",
                           it->path, it->lineno, i + 1, c);
    }
    memcpy(it->line, it->text, n);
    it->line[n] = '\0';
    it->text = nl ? nl + 1 : it->end;
    return 1;
}

int dk_lines_next_entry(dk_lines *it, char **line, dk_err *e)
{
    int rc;
    while ((rc = dk_lines_next(it, e)) == 1) {
        *line = dk_trim(it->line);
        if (**line && **line != '#' && **line != ';')
            break;
    }
    return rc;
}

int dk_split(char *s, char **fields, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        fields[n++] = s;
        while (*s && !isspace((unsigned char)*s))
            s++;
        if (*s)
            *s++ = '\0';
    }
    return n;
}

char *dk_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

int dk_parse_long(const char *s, long *out)
{
    char *end;
    if (!*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

int dk_parse_double(const char *s, double *out)
{
    char *end;
    if (!*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}
