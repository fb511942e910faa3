/* test_vocab.c -- names, lookups, suggestions. */
#include <string.h>

#include "t.h"
#include "draagkracht/model/vocab.h"

void test_vocab(t_ctx *t)
{
    t_ok(t, dk_sector_lookup("mbo") == DK_MBO, "vocab: sector lookup", "mbo");
    t_ok(t, dk_sector_lookup("MBO") < 0, "vocab: names are case-sensitive", "MBO");
    t_ok(t, dk_need_lookup("specialist-out") == DK_NEED_SPECIALIST_OUT,
         "vocab: demand form lookup", "specialist-out");
    t_ok(t, strcmp(dk_outcome_name(DK_OUTCOME_NEED(DK_NEED_COACHING)), "coaching") == 0,
         "vocab: outcome names run aspects then demand forms", "coaching");
    const char *s = dk_suggest("tailr", dk_aspect_names);
    t_ok(t, s && strcmp(s, "tailor") == 0, "vocab: suggestion for a typo", "got %s", s ? s : "NULL");
    s = dk_suggest("extra", dk_support_names);
    t_ok(t, s && strcmp(s, "extra-teacher") == 0, "vocab: suggestion for a prefix",
         "got %s", s ? s : "NULL");
    t_ok(t, dk_suggest("zzzzzzzz", dk_aspect_names) == NULL,
         "vocab: no suggestion for nonsense", "expected none");
    const int *ob = dk_ob_levels(DK_MBO), *hv = dk_heavy_levels(DK_PO);
    t_ok(t, ob[0] == 8 && ob[3] == 20 && hv[1] == 1 && hv[3] == 5,
         "vocab: vignette levels as in seed 001 L2699-2701", "levels differ");
}
