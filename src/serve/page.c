/*
 * page.c -- the start page and the form above every served report
 * (page.h).  Every value a user typed goes back through dk_html_esc.
 */
#include <stdio.h>
#include <string.h>

#include "draagkracht/report/html.h"
#include "draagkracht/serve/page.h"
#include "draagkracht/serve/words.h"

static const char style[] =
    ".dk-serve{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:0 auto;"
    "padding:12px 16px;border-bottom:2px solid #d5d9e0;color:#1d2330}"
    ".dk-serve h1{font-size:1.5em;margin:.3em 0}.dk-serve h2{font-size:1.2em;margin:.6em 0 .3em}"
    ".dk-serve table{border-collapse:collapse;margin:.4em 0}"
    ".dk-serve th{text-align:left;font-weight:600;font-size:.85em;padding:2px 4px;"
    "vertical-align:bottom}"
    ".dk-serve td{padding:1px 2px}.dk-serve td input{width:100%;box-sizing:border-box;"
    "font:inherit;padding:2px 4px}.dk-serve .scroll{overflow-x:auto;max-width:100%}"
    ".dk-serve fieldset input{font:inherit;max-width:12em}"
    ".dk-serve td.n input{width:5em;text-align:right}.dk-serve td.c input{min-width:8em}"
    ".dk-serve fieldset{border:1px solid #d5d9e0;margin:.6em 0}"
    ".dk-serve label{margin-right:1.2em;white-space:nowrap}"
    ".dk-serve .actions button{font:inherit;font-weight:600;padding:.4em .9em;margin:.2em .4em .2em 0}"
    ".dk-serve .error{background:#fdecea;border-left:4px solid #b3261e;padding:.5em .8em;"
    "white-space:pre-wrap}"
    ".dk-serve .note{color:#5a6270;font-size:.85em}.dk-serve nav{float:right}";

const char *dk_serve_style(void)
{
    return style;
}

/* <input type="TYPE" name="NAME" value="VALUE" [extra attributes] /> */
static void input(dk_buf *b, const char *type, const char *name, const char *value,
                  const char *extra)
{
    dk_buf_printf(b, "<input type=\"%s\" name=\"%s\" value=\"", type, name);
    dk_html_esc(b, value ? value : "");
    dk_buf_printf(b, "\"%s%s />", extra ? " " : "", extra ? extra : "");
}

static void text_el(dk_buf *b, const char *tag, const char *cls, const char *text)
{
    if (cls)
        dk_buf_printf(b, "<%s class=\"%s\">", tag, cls);
    else
        dk_buf_printf(b, "<%s>", tag);
    dk_html_esc(b, text);
    dk_buf_printf(b, "</%s>", tag);
}

static const char *value_of(const dk_form_view *v, const char *name)
{
    return v->values ? dk_form_value(v->values, name) : NULL;
}

static void table_row(dk_buf *b, const dk_form_view *v, const dk_row *r, int i)
{
    static const char *const names[DK_NCOL] = { "t_school", "t_class", "t_pupils", "t_ob",
                                                "t_heavy", "t_support" };
    static const char *const cls[DK_NCOL] = { "c", "c", "n", "n", "n", "c" };
    static const dk_word head[DK_NCOL] = { DKW_COL_SCHOOL, DKW_COL_CLASS, DKW_COL_PUPILS,
                                           DKW_COL_OB, DKW_COL_HEAVY, DKW_COL_SUPPORT };
    dk_buf_printf(b, "<tr>");
    for (int k = 0; k < DK_NCOL; k++) {
        char extra[200];
        snprintf(extra, sizeof extra, "aria-label=\"%s %d\"%s", dk_serve_word(v->lang, head[k]),
                 i + 1, k >= DK_COL_PUPILS && k <= DK_COL_HEAVY ? " inputmode=\"numeric\"" : "");
        dk_buf_printf(b, "<td class=\"%s\">", cls[k]);
        input(b, "text", names[k], r ? r->cell[k] : "", extra);
        dk_buf_printf(b, "</td>");
    }
    dk_buf_printf(b, "<td><button type=\"submit\" name=\"remove\" value=\"%d\" "
                  "formaction=\"/edit\" formnovalidate=\"formnovalidate\">", i);
    dk_html_esc(b, dk_serve_word(v->lang, DKW_REMOVE));
    dk_buf_printf(b, "</button></td></tr>\n");
}

static void class_table(dk_buf *b, const dk_form_view *v)
{
    static const dk_word head[DK_NCOL] = { DKW_COL_SCHOOL, DKW_COL_CLASS, DKW_COL_PUPILS,
                                           DKW_COL_OB, DKW_COL_HEAVY, DKW_COL_SUPPORT };
    /* a phone scrolls the table, not the page */
    dk_buf_printf(b, "<div class=\"scroll\"><table class=\"classes\"><thead><tr>");
    for (int k = 0; k < DK_NCOL; k++)
        text_el(b, "th", NULL, dk_serve_word(v->lang, head[k]));
    dk_buf_printf(b, "<th></th></tr></thead>\n<tbody>\n");
    int n = v->rows ? v->rows->n : 0;
    for (int i = 0; i < n; i++)
        table_row(b, v, &v->rows->row[i], i);
    for (int i = 0; i < v->add; i++)
        table_row(b, v, NULL, n + i);
    dk_buf_printf(b, "</tbody></table></div>\n");
}

static void option(dk_buf *b, const char *value, const char *text, const char *chosen)
{
    dk_buf_printf(b, "<option value=\"%s\"%s>", value,
                  chosen && strcmp(chosen, value) == 0 ? " selected=\"selected\"" : "");
    dk_html_esc(b, text);
    dk_buf_printf(b, "</option>");
}

static void labelled(dk_buf *b, const dk_form_view *v, dk_word w, const char *name,
                     const char *extra)
{
    dk_buf_printf(b, "<label>");
    dk_html_esc(b, dk_serve_word(v->lang, w));
    dk_buf_printf(b, " ");
    input(b, "text", name, value_of(v, name), extra);
    dk_buf_printf(b, "</label>\n");
}

static void options(dk_buf *b, const dk_form_view *v)
{
    dk_buf_printf(b, "<fieldset><legend>");
    dk_html_esc(b, dk_serve_word(v->lang, DKW_OPTIONS));
    dk_buf_printf(b, "</legend>\n");
    labelled(b, v, DKW_BUDGET, "budget", "size=\"5\" inputmode=\"decimal\"");
    dk_buf_printf(b, "<label>");
    dk_html_esc(b, dk_serve_word(v->lang, DKW_OBJECTIVE));
    dk_buf_printf(b, " <select name=\"objective\">");
    const char *obj = value_of(v, "objective");
    option(b, "", "", obj);
    option(b, "mean", dk_serve_word(v->lang, DKW_OBJ_MEAN), obj);
    option(b, "hardly", dk_serve_word(v->lang, DKW_OBJ_HARDLY), obj);
    option(b, "worst", dk_serve_word(v->lang, DKW_OBJ_WORST), obj);
    dk_buf_printf(b, "</select></label>\n");
    labelled(b, v, DKW_SEED, "seed", "size=\"10\" inputmode=\"numeric\"");
    labelled(b, v, DKW_REPLICATES, "replicates", "size=\"6\" inputmode=\"numeric\"");
    dk_buf_printf(b, "<label>");
    dk_html_esc(b, dk_serve_word(v->lang, DKW_FORMAT));
    dk_buf_printf(b, " <select name=\"format\">");
    const char *fmt = value_of(v, "format");
    option(b, "html", "HTML", fmt);
    option(b, "csv", "CSV", fmt);
    option(b, "json", "JSON", fmt);
    option(b, "table", "text", fmt);
    dk_buf_printf(b, "</select></label>\n</fieldset>\n");
}

static void action(dk_buf *b, const char *path, dk_lang l, dk_word w)
{
    dk_buf_printf(b, "<button type=\"submit\" formaction=\"%s\">", path);
    dk_html_esc(b, dk_serve_word(l, w));
    dk_buf_printf(b, "</button>");
}

void dk_serve_form_html(dk_buf *b, const dk_form_view *v)
{
    dk_lang l = v->lang;
    dk_buf_printf(b, "<form method=\"post\" action=\"/simulate\" "
                  "enctype=\"multipart/form-data\">\n");
    input(b, "hidden", "lang", dk_language_get(l)->code, NULL);
    input(b, "hidden", "classes_name", v->list_name, NULL);
    dk_buf_printf(b, "\n");
    text_el(b, "h2", NULL, dk_serve_word(l, DKW_LIST_HEAD));
    dk_buf_printf(b, "\n<p><label>");
    dk_html_esc(b, dk_serve_word(l, DKW_UPLOAD));
    dk_buf_printf(b, " <input type=\"file\" name=\"classes\" accept=\".csv,.txt,text/csv\" />"
                  "</label> ");
    dk_html_esc(b, dk_serve_word(l, DKW_OR_EDIT));
    dk_buf_printf(b, "</p>\n<p class=\"note\">");
    if (v->list_name) {
        dk_buf t = { 0 };
        dk_buf_printf(&t, dk_serve_word(l, DKW_FROM_LIST), v->list_name);
        dk_html_esc(b, t.data ? t.data : "");
        dk_buf_free(&t);
    } else {
        dk_html_esc(b, dk_serve_word(l, DKW_EXAMPLE));
    }
    dk_buf_printf(b, " ");
    dk_html_esc(b, dk_serve_word(l, DKW_SUPPORT_HINT));
    dk_buf_printf(b, "</p>\n");
    class_table(b, v);
    dk_buf_printf(b, "<p><button type=\"submit\" name=\"add\" value=\"1\" formaction=\"/edit\" "
                  "formnovalidate=\"formnovalidate\">");
    dk_html_esc(b, dk_serve_word(l, DKW_ADD));
    dk_buf_printf(b, "</button></p>\n");
    options(b, v);
    dk_buf_printf(b, "<p class=\"actions\">");
    action(b, "/simulate", l, DKW_ACT_SIMULATE);
    action(b, "/plan", l, DKW_ACT_PLAN);
    action(b, "/compare", l, DKW_ACT_COMPARE);
    dk_buf_printf(b, "</p>\n</form>\n");
    text_el(b, "p", "note", dk_serve_word(l, DKW_NOTHING_STORED));
    dk_buf_printf(b, "\n");
}

void dk_serve_page_html(dk_buf *b, const dk_form_view *v, const char *error)
{
    dk_lang l = v->lang;
    dk_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                  "<title>", dk_language_get(l)->code);
    dk_html_esc(b, dk_serve_word(l, DKW_TITLE));
    dk_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n"
                  "<section class=\"dk-serve\">\n<nav><a href=\"/?lang=en\">English</a> | "
                  "<a href=\"/?lang=nl\">Nederlands</a></nav>\n", style);
    text_el(b, "h1", NULL, dk_serve_word(l, DKW_TITLE));
    dk_buf_printf(b, "\n");
    if (error) {
        text_el(b, "h2", NULL, dk_serve_word(l, DKW_ERROR_HEAD));
        dk_buf_printf(b, "\n");
        text_el(b, "p", "error", error);
        dk_buf_printf(b, "\n");
    } else {
        text_el(b, "p", NULL, dk_serve_word(l, DKW_LEAD));
        dk_buf_printf(b, "\n");
    }
    dk_serve_form_html(b, v);
    dk_buf_printf(b, "</section>\n</body>\n</html>\n");
}
