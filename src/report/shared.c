/*
 * shared.c -- what every command's output shares (report/shared.h).
 */
#include <stdio.h>
#include <string.h>

#include "draagkracht/base/quote.h"
#include "draagkracht/report/shared.h"
#include "draagkracht/run/scenario.h"

const char *dk_basis_id(const dk_model *m)
{
    return dk_model_real_class(m) ? "real-class" : "vignette";
}

void dk_basis_note(const dk_model *m, dk_lang l, dk_buf *b)
{
    dk_buf_printf(b, "%s%s",
                  dk_s(l, dk_model_real_class(m) ? DKS_BASIS_REAL : DKS_BASIS_VIGNETTE),
                  dk_s(l, DKS_BASIS_ENSEMBLE));
}

const char *dk_scenario_label(dk_lang l, const dk_scenario *sc, char *out, size_t n)
{
    char spec[300];
    snprintf(spec, sizeof spec, "%s", sc->spec_path);
    const char *name = dk_scenario_embedded_name(sc->spec_path);
    if (name)
        snprintf(spec, sizeof spec, dk_s(l, DKS_EMBEDDED), name);
    if (strcmp(sc->path, sc->spec_path) == 0)
        snprintf(out, n, "%s", spec);
    else
        snprintf(out, n, dk_s(l, DKS_CLASSES_FROM), spec, sc->path);
    return out;
}

const char *dk_model_origin_text(const dk_model *m, dk_lang l)
{
    const char *o = dk_model_origin(m);
    return strcmp(o, dk_s(DK_LANG_EN, DKS_MODEL_EMBEDDED)) == 0 ? dk_s(l, DKS_MODEL_EMBEDDED) : o;
}

void dk_warn(dk_warnings *w, dk_lang l, const char *en, const char *own)
{
    char safe[4 * sizeof(dk_err)];
    if (!w->quiet)
        fprintf(stderr, dk_s(l, DKS_WARN_STDERR), dk_quote_controls(own, safe, sizeof safe));
    dk_buf_append(&w->en, en, strlen(en) + 1);
    dk_buf_append(&w->own, own, strlen(own) + 1);
}

/* One warning in language l, after where ("file:line: class NAME: "). */
static void class_warning(const dk_class_warn *cw, const char *where_en, const char *where,
                          dk_lang l, dk_warnings *w)
{
    char text[2][300], msg[2][600];
    dk_class_warn_text(cw, dk_s(DK_LANG_EN, (dk_str)(DKS_CW_SUPPORT_NEEDS + cw->kind)), text[0],
                       sizeof text[0]);
    dk_class_warn_text(cw, dk_s(l, (dk_str)(DKS_CW_SUPPORT_NEEDS + cw->kind)), text[1],
                       sizeof text[1]);
    snprintf(msg[0], sizeof msg[0], "%s%s", where_en, text[0]);
    snprintf(msg[1], sizeof msg[1], "%s%s", where, text[1]);
    dk_warn(w, l, msg[0], msg[1]);
}

void dk_one_class_warnings(const dk_class *c, dk_lang l, dk_warnings *w)
{
    dk_class_warn cw[DK_MAX_WARN];
    int n = dk_class_warns(c, cw);
    for (int k = 0; k < n; k++)
        class_warning(&cw[k], "", "", l, w);
}

void dk_class_warnings(const dk_scenario *sc, dk_lang l, dk_warnings *w)
{
    for (int i = 0; i < sc->nclass; i++) {
        dk_class_warn cw[DK_MAX_WARN];
        int n = dk_class_warns(&sc->classes[i].c, cw);
        char where[2][200];
        for (int k = 0; k < 2; k++)
            snprintf(where[k], sizeof where[k], dk_s(k ? l : DK_LANG_EN, DKS_CW_AT),
                     sc->path, sc->classes[i].line, sc->classes[i].name);
        for (int k = 0; k < n; k++)
            class_warning(&cw[k], where[0], where[1], l, w);
    }
}

void dk_warnings_free(dk_warnings *w)
{
    dk_buf_free(&w->en);
    dk_buf_free(&w->own);
}

void dk_json_scenario(dk_json *j, const dk_scenario *sc)
{
    dk_json_kv_string(j, "scenario", sc->spec_path);
    if (strcmp(sc->path, sc->spec_path) != 0)
        dk_json_kv_string(j, "class_list", sc->path);
}

void dk_json_warnings(dk_json *j, const dk_buf *list)
{
    dk_json_key(j, "warnings");
    if (list->oom)
        j->b->oom = 1;      /* a warning was lost: the output would lack it */
    dk_json_begin_array(j);
    for (size_t at = 0; at < list->len; at += strlen(list->data + at) + 1)
        dk_json_string(j, list->data + at);
    dk_json_end_array(j);
}

const char *dk_pop_kind(dk_lang l, const dk_pop_spec *spec, char *out, size_t n)
{
    snprintf(out, n, "%s%s%s", dk_sector_name(spec->sector), spec->level ? " " : "",
             spec->level ? dk_s(l, (dk_str)(DKS_LEVEL_ALL + spec->level)) : "");
    return out;
}
