/*
 * vocab.h -- the shared vocabulary: sectors, capability aspects, support
 * forms, demand forms, subgroups, and the vignette levels each sector was
 * studied at (seed 001 L2696-2701, L2514-2517).
 *
 * Every command, file format and JSON key uses these names, so they live in
 * one place.  Lookups return -1 for unknown names; callers turn that into a
 * user-facing message with dk_suggest().
 */
#ifndef DRAAGKRACHT_VOCAB_H
#define DRAAGKRACHT_VOCAB_H

#include <stddef.h>

#include "draagkracht/base/suggest.h"
#include "draagkracht/base/text.h"

typedef enum { DK_PO, DK_VO, DK_MBO, DK_NSECTOR } dk_sector;

/* Capability aspects, form 1 (seed 001 L2501-2509). */
typedef enum {
    DK_MOTIVATE, DK_INSTRUCTION, DK_ENERGY, DK_CALM, DK_TAILOR, DK_NASPECT
} dk_aspect;

/* Support forms offered in form-1 vignettes (seed 001 L2622-2633). */
typedef enum {
    DK_SUP_NONE, DK_SUP_ASSISTANT, DK_SUP_EXTRA_TEACHER, DK_SUP_SPECIALIST,
    DK_SUP_FACILITY, DK_NSUPPORT
} dk_support;

/* Demand forms asked about in form 2 (seed 001 L2705-2714). */
typedef enum {
    DK_NEED_ASSISTANT, DK_NEED_EXTRA_TEACHER, DK_NEED_SPECIALIST_IN,
    DK_NEED_SPECIALIST_OUT, DK_NEED_FACILITY, DK_NEED_COACHING, DK_NNEED
} dk_need;

/* Outcomes: the five aspects first, then the six demand forms. */
#define DK_NOUTCOME (DK_NASPECT + DK_NNEED)
#define DK_OUTCOME_NEED(f) (DK_NASPECT + (int)(f))
#define DK_IS_NEED(o) ((o) >= DK_NASPECT)

typedef enum { DK_EXP_ALL, DK_EXP_NOVICE, DK_EXP_EXPERIENCED } dk_experience;
typedef enum { DK_LEVEL_ALL, DK_LEVEL_VMBO, DK_LEVEL_HAVO_VWO } dk_level;

#define DK_NLEVELS 4 /* vignette levels per factor */

/* Vignette levels of support-need pupils ("ob") and heavy-need pupils. */
const int *dk_ob_levels(dk_sector s);
const int *dk_heavy_levels(dk_sector s);

const char *dk_sector_name(dk_sector s);
const char *dk_aspect_name(dk_aspect a);
const char *dk_support_name(dk_support f);
const char *dk_outcome_name(int outcome);   /* "motivate" .. "coaching" */
const char *dk_outcome_kind(int outcome);   /* "cap" or "need" */
const char *dk_experience_name(dk_experience e);
const char *dk_level_name(dk_level l);

int dk_sector_lookup(const char *s);
int dk_aspect_lookup(const char *s);
int dk_support_lookup(const char *s);
int dk_need_lookup(const char *s);
int dk_experience_lookup(const char *s);
int dk_level_lookup(const char *s);

/*
 * Parses a comma-separated list of support forms into a bit set (bit f for
 * form f >= 1; "none" alone gives 0).  Names may carry spaces around them.
 * -1 with e set on an unknown form ("did you mean"), an empty name, a form
 * listed twice, or "none" combined with others.
 */
int dk_support_parse(const char *list, unsigned *mask, dk_err *e);


/* NULL-terminated name lists, for suggestions and help text. */
extern const char *const dk_sector_names[];
extern const char *const dk_aspect_names[];
extern const char *const dk_support_names[];
extern const char *const dk_need_names[];
extern const char *const dk_experience_names[];
extern const char *const dk_level_names[];

#endif
