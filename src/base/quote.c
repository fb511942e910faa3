/*
 * quote.c -- control characters written as \xHH.  See quote.h.
 */
#include <stdio.h>

#include "draagkracht/base/quote.h"

char *dk_quote_controls(const char *s, char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    for (; *p && k + 1 < n; p++) {
        /* U+0080..U+009F are C2 80..C2 9F in UTF-8 */
        int c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
        unsigned c = c1 ? p[1] : p[0];
        if ((c < 0x20 && c != '\t') || c == 0x7F || c1) {
            if (k + 5 > n)
                break;
            snprintf(out + k, n - k, "\\x%02x", c);
            k += 4;
            p += c1;
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return out;
}
