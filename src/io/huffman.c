/*
 * huffman.c -- gzip members of literal-only deflate blocks (RFC 1951,
 * 1952), for sweep rows.
 *
 * Full-precision CSV has almost no repeated strings worth LZ77 matching:
 * its gain is in the byte frequencies (digits, commas).  zlib's
 * Z_HUFFMAN_ONLY strategy codes exactly that, but through the machinery
 * built for matching (a symbol buffer, block splitting, a tally per byte)
 * at about 130 MB/s here; a million sweep rows spent more time there than
 * in everything else.  This encoder writes the same kind of stream -- one
 * dynamic Huffman table per block, every byte a literal -- in one
 * table-driven pass, several times faster.  Per block: a histogram, the
 * table, then the codes four bytes at a time from a table of byte pairs;
 * per member a CRC by carry-less multiplication where the CPU has it
 * (zlib's crc32 elsewhere).  About 960 MB/s on sweep rows here
 * (tools/bench_gzip.sh), zlib's Z_HUFFMAN_ONLY about 120.  zlib reads the
 * result: the tests inflate every member with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <smmintrin.h>
#include <wmmintrin.h>
#define HAVE_CLMUL 1
#endif

#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"

enum {
    BLOCK = 1 << 18,        /* input bytes per deflate block */
    NLIT = 257,             /* literals 0..255 and end-of-block */
    MAXBITS = 15,           /* deflate's longest code */
    NCL = 19,               /* code-length alphabet */
    PAIR_MAX = 13,          /* longest code encode_pairs takes */
    PAIR_LEN_SHIFT = 27,    /* in its table: 2 codes below, their length above */
    PAIR_MIN_INPUT = 4096   /* shorter input: filling the table does not pay */
};

/* Code lengths of a Huffman code for freq[0..n), none longer than limit.
 * At least two symbols get a code, so the code is complete (a lone symbol
 * would leave it incomplete, which inflate accepts only in some places).
 * Too long a code is fixed by halving the counts and building again: a
 * little less tight than package-merge, and rare on text. */
static void code_lengths(const uint64_t *freq, int n, int limit, unsigned char *len)
{
    uint64_t f[NLIT];
    memcpy(f, freq, (size_t)n * sizeof *f);
    int used = 0;
    for (int i = 0; i < n; i++)
        used += f[i] != 0;
    for (int i = 0; i < n && used < 2; i++)
        if (!f[i])
            f[i] = 1, used++;
    for (;;) {
        /* nodes: leaves 0..n-1, then internal; two queues in order of weight */
        uint64_t w[2 * NLIT];
        int parent[2 * NLIT], leaf[NLIT], nl = 0;
        for (int i = 0; i < n; i++)
            if (f[i])
                leaf[nl++] = i;
        /* insertion sort by weight, moving the heavier ones up and
         * writing the new one once: gcc turned swaps into 8-byte loads of
         * the 8 bytes just stored, a store-forwarding stall per step that
         * made this 5 % of the encoder's time */
        for (int i = 1; i < nl; i++) {
            int x = leaf[i], k = i;
            for (; k > 0 && f[x] < f[leaf[k - 1]]; k--)
                leaf[k] = leaf[k - 1];
            leaf[k] = x;
        }
        int li = 0, ni = n, nn = n;
        for (int i = 0; i < n; i++)
            w[i] = f[i];
        for (int k = 0; k < nl - 1; k++) {
            int pick[2];
            for (int s = 0; s < 2; s++)
                pick[s] = li < nl && (ni == nn || w[leaf[li]] <= w[ni]) ? leaf[li++] : ni++;
            w[nn] = w[pick[0]] + w[pick[1]];
            parent[pick[0]] = parent[pick[1]] = nn++;
        }
        int longest = 0;
        memset(len, 0, (size_t)n);
        for (int i = 0; i < n; i++) {
            if (!f[i])
                continue;
            int d = 0;
            for (int x = i; x != nn - 1; x = parent[x])
                d++;
            len[i] = (unsigned char)d;
            longest = d > longest ? d : longest;
        }
        if (longest <= limit)
            return;
        for (int i = 0; i < n; i++)
            f[i] = f[i] ? (f[i] + 1) / 2 : 0;
    }
}

/* Canonical codes (RFC 1951 3.2.2), bit-reversed: deflate sends a
 * Huffman code's first bit first into an LSB-first stream. */
static void canonical(const unsigned char *len, int n, unsigned *code)
{
    unsigned count[MAXBITS + 1] = { 0 }, next[MAXBITS + 1];
    for (int i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    unsigned c = 0;
    for (int b = 1; b <= MAXBITS; b++)
        next[b] = c = (c + count[b - 1]) << 1;
    for (int i = 0; i < n; i++) {
        unsigned v = len[i] ? next[len[i]]++ : 0, r = 0;
        for (int b = 0; b < len[i]; b++)
            r |= (v >> b & 1u) << (len[i] - 1 - b);
        code[i] = r;
    }
}

typedef struct {
    unsigned char *p;       /* next output byte */
    uint64_t bits;
    int n;
} bitw;

static void put(bitw *w, unsigned v, int nbits)
{
    w->bits |= (uint64_t)v << w->n;
    w->n += nbits;
    while (w->n >= 8) {
        *w->p++ = (unsigned char)w->bits;
        w->bits >>= 8;
        w->n -= 8;
    }
}

/* The block header: its own code lengths, coded with the code-length code
 * (plain lengths, no run-length codes: about 120 bytes a block). */
static void header(bitw *w, int last, const unsigned char *lit)
{
    static const unsigned char order[NCL] = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
    };
    unsigned char all[NLIT + 1], cl[NCL];
    unsigned clcode[NCL];
    uint64_t clf[NCL] = { 0 };
    memcpy(all, lit, NLIT);
    all[NLIT] = 1;          /* one distance code, never used: all literals */
    for (int i = 0; i <= NLIT; i++)
        clf[all[i]]++;
    code_lengths(clf, NCL, 7, cl);
    canonical(cl, NCL, clcode);
    int hclen = NCL;
    while (hclen > 4 && !cl[order[hclen - 1]])
        hclen--;
    put(w, (unsigned)last, 1);
    put(w, 2, 2);           /* dynamic Huffman codes */
    put(w, 0, 5);           /* HLIT: 257 literal/length codes */
    put(w, 0, 5);           /* HDIST: 1 distance code */
    put(w, (unsigned)(hclen - 4), 4);
    for (int i = 0; i < hclen; i++)
        put(w, cl[order[i]], 3);
    for (int i = 0; i <= NLIT; i++)
        put(w, clcode[all[i]], cl[all[i]]);
}

/* The 8 bytes of v, least significant first, at p (which has room). */
static inline void store_le64(unsigned char *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, 8);
#else
    for (int k = 0; k < 8; k++)
        p[k] = (unsigned char)(v >> (8 * k));
#endif
}

/* Byte counts of s[0..n) in freq[0..256). */
static void histogram(const unsigned char *s, size_t n, uint64_t *freq)
{
    /* eight tables, so a counter is incremented at most every eighth
     * byte: with four, the same digit or comma four bytes on often waited
     * for the store of the last increment (sweep rows 20 % slower than
     * random bytes; with eight, 0.36 ns a byte for both) */
    uint32_t h[8][256] = { { 0 } };
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h[0][s[i]]++;
        h[1][s[i + 1]]++;
        h[2][s[i + 2]]++;
        h[3][s[i + 3]]++;
        h[4][s[i + 4]]++;
        h[5][s[i + 5]]++;
        h[6][s[i + 6]]++;
        h[7][s[i + 7]]++;
    }
    for (; i < n; i++)
        h[0][s[i]]++;
    for (int c = 0; c < 256; c++) {
        freq[c] = 0;
        for (int k = 0; k < 8; k++)
            freq[c] += h[k][c];
    }
}

/* Three codes (at most 45 bits) per flush of whole bytes: any code
 * lengths.  The flush stores all 8 bytes of the bit buffer and keeps the
 * ones it filled.  Returns how many bytes of s it coded (the rest, fewer
 * than 3, go through put). */
static size_t encode_triples(bitw *w, const unsigned char *s, size_t n,
                             const unsigned char *len, const unsigned *code)
{
    uint32_t tab[256];
    for (int c = 0; c < 256; c++)
        tab[c] = (uint32_t)len[c] << 24 | code[c];
    uint64_t bits = w->bits;
    int nb = w->n;
    unsigned char *p = w->p;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t a = tab[s[i]], b = tab[s[i + 1]], c = tab[s[i + 2]];
        bits |= (uint64_t)(a & 0xffffff) << nb;
        nb += (int)(a >> 24);
        bits |= (uint64_t)(b & 0xffffff) << nb;
        nb += (int)(b >> 24);
        bits |= (uint64_t)(c & 0xffffff) << nb;
        nb += (int)(c >> 24);
        store_le64(p, bits);
        p += nb >> 3;
        bits >>= nb & ~7;
        nb &= 7;
    }
    w->bits = bits;
    w->n = nb;
    w->p = p;
    return i;
}

/* The table of encode_pairs: for the bytes a, b at pairs[a | b << 8],
 * a's code then b's in bits 0..26 and their total length in 27..31.
 * Only pairs of bytes that have a code are filled: no other pair occurs
 * in the block, so entries left from an earlier block are never read. */
static void fill_pairs(uint32_t *pairs, const unsigned char *len, const unsigned *code)
{
    unsigned char used[256];
    int nu = 0;
    for (int c = 0; c < 256; c++)
        if (len[c])
            used[nu++] = (unsigned char)c;
    for (int i = 0; i < nu; i++)
        for (int k = 0; k < nu; k++) {
            unsigned a = used[i], b = used[k];
            pairs[a | b << 8] = (code[a] | code[b] << len[a])
                                | (uint32_t)(len[a] + len[b]) << PAIR_LEN_SHIFT;
        }
}

/* The two bytes at s as an index of the pair table (one 16-bit load). */
static inline unsigned pair_at(const unsigned char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint16_t v;
    memcpy(&v, s, 2);
    return v;
#else
    return s[0] | (unsigned)s[1] << 8;
#endif
}

/*
 * Four codes per flush, for blocks whose codes are at most PAIR_MAX bits.
 * One table load gives two codes already joined, and the two pairs are
 * joined into one value before it meets the bit position: the chain
 * from one flush to the next is just the shift, or and length add, and
 * the loop does half the loads and shifts of coding byte by byte (about
 * 1.8x faster than encode_triples on sweep rows).  Four codes of at most
 * 13 bits and the 7 bits left over fit the 64-bit buffer.  Returns how
 * many bytes of s it coded (the rest, fewer than 4, go through put).
 */
static size_t encode_pairs(bitw *w, const unsigned char *s, size_t n, uint32_t *pairs,
                           const unsigned char *len, const unsigned *code)
{
    fill_pairs(pairs, len, code);
    const uint32_t mask = (1u << PAIR_LEN_SHIFT) - 1;
    uint64_t bits = w->bits;
    unsigned nb = (unsigned)w->n;
    unsigned char *p = w->p;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        uint32_t a = pairs[pair_at(s + i)], b = pairs[pair_at(s + i + 2)];
        uint64_t four = (a & mask) | (uint64_t)(b & mask) << (a >> PAIR_LEN_SHIFT);
        bits |= four << nb;
        nb += (a >> PAIR_LEN_SHIFT) + (b >> PAIR_LEN_SHIFT);
        store_le64(p, bits);
        p += nb >> 3;
        bits >>= nb & ~7u;
        nb &= 7;
    }
    w->bits = bits;
    w->n = (int)nb;
    w->p = p;
    return i;
}

/* One deflate block of s[0..n); pairs is encode_pairs' table, or NULL
 * to code byte by byte. */
static void block(bitw *w, const unsigned char *s, size_t n, int last, uint32_t *pairs)
{
    uint64_t freq[NLIT];
    histogram(s, n, freq);
    freq[256] = 1;
    unsigned char len[NLIT];
    unsigned code[NLIT];
    code_lengths(freq, NLIT, MAXBITS, len);
    canonical(len, NLIT, code);
    header(w, last, len);
    int longest = 0;
    for (int c = 0; c < 256; c++)
        longest = len[c] > longest ? len[c] : longest;
    size_t i = pairs && longest <= PAIR_MAX ? encode_pairs(w, s, n, pairs, len, code)
                                            : encode_triples(w, s, n, len, code);
    for (; i < n; i++)
        put(w, code[s[i]], len[s[i]]);
    put(w, code[256], len[256]);
}

#ifdef HAVE_CLMUL
/*
 * CRC-32 by carry-less multiplication (PCLMULQDQ), about 10 GB/s here,
 * 3.5-4x zlib's crc32: "Fast CRC Computation for Generic Polynomials
 * Using PCLMULQDQ Instruction", V. Gopal, E. Ozturk et al., Intel, 2009,
 * in its bit-reflected form (as zlib and Linux's crc32-pclmul do).
 *
 * Four 128-bit accumulators take 64 bytes a round.  Folding an
 * accumulator A over D bits of data that follow it is
 *   A.lo * (x^(D+32) mod P)  ^  A.hi * (x^(D-32) mod P)  ^  next 128 bits,
 * which keeps its remainder mod P.  The constants are these remainders
 * for P = 0x104C11DB7 (gzip's polynomial, 0xEDB88320 reflected), each
 * bit-reflected over 33 bits, that is reflect32(r) << 1:
 *   k1 = x^544 (4*128+32), k2 = x^480: fold across 512 bits (4 lanes)
 *   k3 = x^160, k4 = x^96: across 128 bits
 *   k5 = x^64: 64 bits down to 32
 *   mu = floor(x^64 / P), reflected over 33 bits, and P itself, for the
 *   final Barrett reduction to 32 bits.
 * They can be checked with a few lines of any language: shift 1 left e
 * times, xor P whenever bit 32 is set.  The tests compare the result with
 * zlib's crc32 on every length up to 300, at every alignment.
 */
#define CLMUL __attribute__((target("pclmul,sse4.1")))

CLMUL static inline __m128i fold(__m128i acc, __m128i k, __m128i next)
{
    __m128i lo = _mm_clmulepi64_si128(acc, k, 0x00), hi = _mm_clmulepi64_si128(acc, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(lo, hi), next);
}

/* The 32-bit remainder of one 128-bit accumulator (k3k4 as in fold). */
CLMUL static uint32_t reduce(__m128i a, __m128i k3k4)
{
    const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124);
    const __m128i mu_p = _mm_set_epi64x(0x1f7011641, 0x1db710641);
    const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);
    /* 128 -> 96 bits: the low half folded onto the high one with x^96 */
    a = _mm_xor_si128(_mm_srli_si128(a, 8), _mm_clmulepi64_si128(a, k3k4, 0x10));
    /* 96 -> 64 bits: the low 32 with x^64 */
    a = _mm_xor_si128(_mm_srli_si128(a, 4),
                      _mm_clmulepi64_si128(_mm_and_si128(a, low32), k5, 0x00));
    /* Barrett: q = low32 * mu, then subtract (xor) q * P */
    __m128i q = _mm_clmulepi64_si128(_mm_and_si128(a, low32), mu_p, 0x10);
    q = _mm_clmulepi64_si128(_mm_and_si128(q, low32), mu_p, 0x00);
    return (uint32_t)_mm_extract_epi32(_mm_xor_si128(a, q), 1);
}

/* zlib's crc32(crc, p, n) for n >= 64, a multiple of 16. */
CLMUL static uint32_t crc32_clmul(uint32_t crc, const unsigned char *p, size_t n)
{
    const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
    const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
    __m128i x[4];
    for (int k = 0; k < 4; k++)
        x[k] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
    /* zlib's crc is the complement of the register: start from ~crc */
    x[0] = _mm_xor_si128(x[0], _mm_cvtsi32_si128((int)~crc));
    for (p += 64, n -= 64; n >= 64; p += 64, n -= 64)
        for (int k = 0; k < 4; k++)
            x[k] = fold(x[k], k1k2, _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k)));
    __m128i a = fold(fold(fold(x[0], k3k4, x[1]), k3k4, x[2]), k3k4, x[3]);
    for (; n >= 16; p += 16, n -= 16)
        a = fold(a, k3k4, _mm_loadu_si128((const __m128i *)(const void *)p));
    return ~reduce(a, k3k4);
}
#endif

/* The gzip trailer's CRC-32 of s[0..n). */
static uint32_t gzip_crc(const unsigned char *s, size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t at = 0;
#ifdef HAVE_CLMUL
    /* no global flag: the check reads what libgcc found at start-up */
    if (n >= 64 && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1")) {
        at = n & ~(size_t)15;
        crc = crc32_clmul((uint32_t)crc, s, at);
    }
#endif
    /* the tail, or all of it, in pieces zlib's unsigned int can count */
    while (at < n) {
        uInt k = (uInt)(n - at < (1u << 30) ? n - at : (1u << 30));
        crc = crc32(crc, s + at, k);
        at += k;
    }
    return (uint32_t)crc;
}

static void le32(unsigned char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> (8 * k));
}

int dk_gzip_huffman(const void *data, size_t n, dk_buf *out)
{
    static const unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3 };
    /* worst case: 15 bits a byte, plus headers */
    size_t bound = n * 2 + (n / BLOCK + 1) * 200 + 32;
    if (out->len + bound + 1 > out->cap) {
        /* exactly the bound, not dk_buf_room's doubling (sweep keeps a
         * member a block in its ring); cap only after the realloc
         * succeeded: a failed one keeps the old buffer and its size */
        char *grown = dk_realloc(out->data, out->len + bound + 1);
        if (!grown)
            return -1;
        out->data = grown;
        out->cap = out->len + bound + 1;
    }
    unsigned char *start = (unsigned char *)out->data + out->len;
    memcpy(start, head, sizeof head);
    bitw w = { start + sizeof head, 0, 0 };
    const unsigned char *s = data;
    /* 256 KB, but only the entries of pairs of bytes in the text are
     * touched: about 30 x 30 of them for sweep rows.  Without it (short
     * input, or no memory) blocks are coded three bytes a flush. */
    uint32_t *pairs = n >= PAIR_MIN_INPUT ? dk_malloc(65536 * sizeof *pairs) : NULL;
    size_t at = 0;
    do {
        size_t k = n - at < BLOCK ? n - at : BLOCK;
        block(&w, s + at, k, at + k == n, pairs);
        at += k;
    } while (at < n);
    dk_free(pairs);
    if (w.n)
        put(&w, 0, 8 - w.n);
    le32(w.p, gzip_crc(s, n));
    le32(w.p + 4, (uint32_t)n);
    out->len = (size_t)(w.p + 8 - (unsigned char *)out->data);
    out->data[out->len] = '\0';
    return 0;
}
