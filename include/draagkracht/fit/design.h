/*
 * design.h -- vignette allocation for a new survey, as in seed 001's
 * study (L552-575, L2425-2431):
 *
 *   form 1: 60 vignettes = 4 support-need levels x 3 heavy levels x 5
 *           support forms; rated on the 5 capability aspects;
 *   form 2: 12 vignettes = 4 support-need levels x 3 heavy levels; rated
 *           on the need for 6 support forms;
 *   the base vignette (fewest support-need pupils, none heavy, no extra
 *   support, L2515-2517), which every respondent rates first.
 *
 * The methods section gives the heavy factor 3 conditions (L556, L566),
 * the results list 4 values including 0 (L2481-2482, L2701); as in the
 * research note (001a sec. 2.2) the 72 vignettes use the three non-zero
 * levels and 0 occurs in the base vignette only.  The base vignette is
 * rated on both forms' questions: form 2 also has a reference vignette
 * (Fig. 4.12, L2727-2728), and without it the demand intercepts and the
 * step from 0 to the first heavy level could not be estimated.
 */
#ifndef DRAAGKRACHT_DESIGN_H
#define DRAAGKRACHT_DESIGN_H

#include <gsl/gsl_rng.h>

#include "draagkracht/model/model.h"

#define DK_NVIGNETTE 72     /* form 1 and form 2 together */

typedef struct {
    int form;               /* 0: base vignette, 1 or 2 */
    int number;             /* within its form, from 1 */
    int ob, heavy;
    dk_support support;     /* form 1 and base; DK_SUP_NONE in form 2 */
} dk_vignette;

/* The vignettes of the forms asked for (bit 1: form 1, bit 2: form 2),
 * in a fixed order; returns how many. */
int dk_vignettes(dk_sector s, int forms, dk_vignette out[DK_NVIGNETTE]);
dk_vignette dk_base_vignette(dk_sector s);

/*
 * Deals each respondent k distinct vignettes out of nv so that, over n
 * respondents, every vignette is shown floor(n k / nv) or one more times:
 * respondents take consecutive places in a stream of shuffled decks, and
 * where a respondent's places span two decks the second deck is
 * reordered so the two parts do not overlap.  One respondent at a time,
 * so a design of any size needs no memory for its allocation.
 * Needs 1 <= k <= nv.
 */
typedef struct {
    int nv, k;
    int deck[DK_NVIGNETTE];
    int next;               /* the deck's next card; nv: a new deck is due */
} dk_dealer;

void dk_dealer_init(dk_dealer *d, int nv, int k);
/* The next respondent's k vignette indices. */
void dk_dealer_next(dk_dealer *d, gsl_rng *r, int *out);
/* n respondents at once: alloc gets n * k indices. */
void dk_design_allocate(int nv, long n, int k, gsl_rng *r, int *alloc);

/* One respondent's ratings of a vignette under parameters theta: the
 * expected rating plus the respondent's intercept u[o] and a residual
 * draw; rounded to 1..5 when round is set.  Outcomes the vignette's form
 * does not ask are NaN. */
void dk_design_rate(const dk_model *m, const double *theta, dk_sector s,
                    const dk_vignette *v, const double u[DK_NOUTCOME], int round,
                    gsl_rng *r, double y[DK_NOUTCOME]);

#endif
