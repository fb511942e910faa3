/*
 * uniform.h -- uniforms drawn 16 bits at a time.
 *
 * Most random decisions in a population (which table entry, which answer
 * category) are settled by the first few bits of a uniform U.  So each
 * gsl_rng_get (32 bits) serves two decisions: a decision gets U's leading
 * 16 bits x, U in [x / 2^16, (x + 1) / 2^16), and only when a threshold
 * falls inside that interval (a few draws in 10,000) does it ask the
 * generator for 32 more bits.  U is then known to 48 bits, and every
 * decision is exactly that of a full-precision uniform.  The population
 * loop needs 14 uniforms per class, and the generator call is the largest
 * single cost there, so this halves it.
 */
#ifndef DRAAGKRACHT_UNIFORM_H
#define DRAAGKRACHT_UNIFORM_H

#include <gsl/gsl_rng.h>

/* n leading 16-bit parts, two per generator call.  r must give 32 uniform
 * bits per call (min 0, max 2^32 - 1: taus2, mt19937). */
static inline void dk_u16_fill(gsl_rng *r, unsigned *x, int n)
{
    for (int i = 0; i + 1 < n; i += 2) {
        unsigned long k = gsl_rng_get(r);
        x[i] = (unsigned)(k >> 16);
        x[i + 1] = (unsigned)(k & 0xffff);
    }
    if (n % 2)
        x[n - 1] = (unsigned)(gsl_rng_get(r) >> 16);
}

/* The full U whose leading 16 bits are x (the midpoint of its last step). */
static inline double dk_u16_refine(unsigned x, gsl_rng *r)
{
    return ((double)x + ((double)gsl_rng_get(r) + 0.5) / 4294967296.0) / 65536.0;
}

#endif
