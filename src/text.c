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

#include "draagkracht/text.h"

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

static void reserve(dk_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        /* Out of memory is not user input; there is nothing sane to do. */
        fputs("draagkracht: out of memory\n", stderr);
        exit(1);
    }
    b->data = p;
    b->cap = cap;
}

void dk_buf_append(dk_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

char *dk_buf_room(dk_buf *b, size_t n)
{
    reserve(b, n);
    return b->data + b->len;
}

void dk_buf_vprintf(dk_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
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
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void dk_buf_json_str(dk_buf *b, const char *s)
{
    dk_buf_append(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            dk_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            dk_buf_printf(b, "\\u%04x", c);
        else
            dk_buf_append(b, s, 1);
    }
    dk_buf_append(b, "\"", 1);
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
    for (; *s; s++)
        dk_buf_append(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    dk_buf_append(b, "\"", 1);
}

void dk_buf_num(dk_buf *b, double x)
{
    if (!isfinite(x))
        dk_buf_printf(b, "null");
    else
        dk_buf_printf(b, "%.17g", x);
}

/* 5^0 .. 5^22: a * 10^s = m * 5^s * 2^(e + s) for a = m * 2^e. */
static const uint64_t pow5[] = {
    1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL,
    1953125ULL, 9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL,
    6103515625ULL, 30517578125ULL, 152587890625ULL, 762939453125ULL,
    3814697265625ULL, 19073486328125ULL, 95367431640625ULL,
    476837158203125ULL, 2384185791015625ULL
};

/* round(a * 10^s) to nearest, ties to even (printf's rounding), for
 * a = m * 2^e with the shift e + s negative. */
static uint64_t scaled_round(uint64_t m, int e, int s)
{
    __extension__ unsigned __int128 n = (unsigned __int128)m * pow5[s];
    int r = -(e + s);
    __extension__ unsigned __int128 q = n >> r, rem = n - (q << r);
    __extension__ unsigned __int128 half = (unsigned __int128)1 << (r - 1);
    if (rem > half || (rem == half && (q & 1)))
        q++;
    return (uint64_t)q;
}

int dk_fmt_g17(char *out, double x)
{
    double a = fabs(x);
    if (!(a >= 1e-4 && a < 1e15))
        return snprintf(out, 32, "%.17g", x);
    /* a = m * 2^e exactly (a is normal here); X from the binary exponent:
     * log10(a) lies in [k, k + 1) * log10(2), k = be - 1023, so the guess
     * is the first digit's exponent or one below it (the loop corrects) */
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int be = (int)(bits >> 52);
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e = be - 1075, X = (int)floor((be - 1023) * 0.30102999566398120);
    uint64_t q = 0;
    /* X is the decimal exponent of the first digit; log10 may be one off
     * near powers of ten, and rounding may carry into a new digit. */
    for (int tries = 0; tries < 4; tries++) {
        int s = 16 - X;
        if (s < 0 || s > 22 || e + s >= 0)
            return snprintf(out, 32, "%.17g", x);
        q = scaled_round(m, e, s);
        if (q >= 100000000000000000ULL)
            X++;
        else if (q < 10000000000000000ULL)
            X--;
        else
            break;
    }
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char d[17];
    for (int i = 15; i >= 1; i -= 2, q /= 100)     /* two digits per division */
        memcpy(&d[i], &pairs[2 * (q % 100)], 2);
    d[0] = (char)('0' + q);
    int last = 16;
    while (last > 0 && d[last] == '0')
        last--;
    int n = 0;
    if (x < 0)
        out[n++] = '-';
    if (X >= 0) {
        for (int i = 0; i <= X; i++)
            out[n++] = d[i];
        if (last > X)
            out[n++] = '.';
        for (int i = X + 1; i <= last; i++)
            out[n++] = d[i];
    } else {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -X - 1; i++)
            out[n++] = '0';
        for (int i = 0; i <= last; i++)
            out[n++] = d[i];
    }
    out[n] = '\0';
    return n;
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

/* Length of the UTF-8 sequence at p, or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || p + n > end || (n == 2 && p[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
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

int dk_lines_each(dk_lines *it, int *lineno, int (*entry)(void *ctx, char *line),
                  void *ctx, dk_err *e)
{
    char *line;
    int rc;
    while ((rc = dk_lines_next_entry(it, &line, e)) == 1) {
        *lineno = it->lineno;
        if (entry(ctx, line) != 0)
            return -1;
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
