/*
 * vocab.c -- names and vignette levels.  Read-only tables only.
 */
#include <string.h>
#include <stdlib.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/base/suggest.h"
#include "draagkracht/model/vocab.h"

const char *const dk_sector_names[] = { "po", "vo", "mbo", NULL };
const char *const dk_aspect_names[] = {
    "motivate", "instruction", "energy", "calm", "tailor", NULL
};
const char *const dk_support_names[] = {
    "none", "assistant", "extra-teacher", "specialist", "facility", NULL
};
const char *const dk_need_names[] = {
    "assistant", "extra-teacher", "specialist-in", "specialist-out",
    "facility", "coaching", NULL
};
const char *const dk_experience_names[] = {
    "all", "novice", "experienced", NULL
};
const char *const dk_level_names[] = { "all", "vmbo", "havo-vwo", NULL };

/* po/vo and mbo levels, seed 001 L2699-2701. */
static const int ob_pv[DK_NLEVELS] = { 5, 8, 10, 12 };
static const int ob_mbo[DK_NLEVELS] = { 8, 12, 16, 20 };
static const int hv_pv[DK_NLEVELS] = { 0, 1, 3, 5 };
static const int hv_mbo[DK_NLEVELS] = { 0, 2, 4, 6 };

const int *dk_ob_levels(dk_sector s) { return s == DK_MBO ? ob_mbo : ob_pv; }
const int *dk_heavy_levels(dk_sector s) { return s == DK_MBO ? hv_mbo : hv_pv; }

const char *dk_sector_name(dk_sector s) { return dk_sector_names[s]; }
const char *dk_aspect_name(dk_aspect a) { return dk_aspect_names[a]; }
const char *dk_support_name(dk_support f) { return dk_support_names[f]; }
const char *dk_experience_name(dk_experience e) { return dk_experience_names[e]; }
const char *dk_level_name(dk_level l) { return dk_level_names[l]; }

const char *dk_outcome_name(int o)
{
    return DK_IS_NEED(o) ? dk_need_names[o - DK_NASPECT] : dk_aspect_names[o];
}

const char *dk_outcome_kind(int o) { return DK_IS_NEED(o) ? "need" : "cap"; }

static int lookup(const char *s, const char *const *names)
{
    return dk_word_index(s, names);
}

int dk_sector_lookup(const char *s) { return lookup(s, dk_sector_names); }
int dk_aspect_lookup(const char *s) { return lookup(s, dk_aspect_names); }
int dk_support_lookup(const char *s) { return lookup(s, dk_support_names); }
int dk_need_lookup(const char *s) { return lookup(s, dk_need_names); }
int dk_experience_lookup(const char *s) { return lookup(s, dk_experience_names); }
int dk_level_lookup(const char *s) { return lookup(s, dk_level_names); }

int dk_support_parse(const char *list, unsigned *mask, dk_err *e)
{
    size_t len = strlen(list);
    *mask = 0;
    if (!len || list[len - 1] == ',' || *list == ',' || strstr(list, ",,"))
        return dk_fail(e, dk_e(e, DKS_X_FORM_EMPTY), list);
    char *buf = dk_malloc(len + 1), *save;
    if (!buf)
        return dk_fail_oom(e, "a list of support forms");
    memcpy(buf, list, len + 1);
    int none = 0, n = 0, rc = 0;
    for (char *f = strtok_r(buf, ",", &save); f && !rc; f = strtok_r(NULL, ",", &save), n++) {
        f = dk_trim(f);
        int k = dk_support_lookup(f);
        const char *s = k < 0 ? dk_suggest(f, dk_support_names) : NULL;
        char mean[120];
        if (k < 0 && s)
            rc = dk_fail(e, dk_e(e, DKS_X_FORM_UNKNOWN), f,
                         dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
        else if (k < 0)
            rc = dk_fail(e, dk_e(e, DKS_X_FORM_LIST), f);
        else if (k > 0 && (*mask >> k & 1u))
            rc = dk_fail(e, dk_e(e, DKS_X_LISTED_TWICE), f);
        else if (!*f)
            rc = dk_fail(e, dk_e(e, DKS_X_FORM_EMPTY), list);
        none |= k == 0;
        *mask |= k > 0 ? 1u << k : 0;
    }
    dk_free(buf);
    if (!rc && none && n > 1)
        rc = dk_fail(e, "%s", dk_e(e, DKS_X_NONE_ALONE));
    return rc;
}
