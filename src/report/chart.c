/*
 * chart.c -- the SVG charts of the HTML reports: bars with intervals,
 * forest plots, stacked 1..5 distributions, heat maps, scatter plots and
 * lines.
 *
 * Layout is computed, not measured: the program cannot ask a font how
 * wide a word is, so text is sized at 0.6 em per character (wider than
 * the average of common sans-serif faces) and cut with an ellipsis, the
 * whole text kept in a <title> tooltip, where it would not fit.  Every
 * chart is 720 units wide and scales with the page (CSS width 100 %).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draagkracht/report/chart.h"

#define W 720.0         /* viewBox width */
#define FS 12.0         /* font size */
#define CW (0.6 * FS)   /* assumed width of a character */
#define ROW 26.0        /* height of a row of bars */
#define GAP 10.0

static const char *const series_colour[] = {
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#555555"
};
#define NSERIES_COLOUR 7

/* Diverging scale, bad (warm) to good (cool). */
static const unsigned char diverging[5][3] = {
    { 0xb2, 0x18, 0x2b }, { 0xef, 0x8a, 0x62 }, { 0xee, 0xee, 0xee },
    { 0x67, 0xa9, 0xcf }, { 0x21, 0x66, 0xac }
};

/* ---- numbers and text ---------------------------------------------- */

void dk_chart_num(char *out, size_t n, double x, int decimals, char point)
{
    char t[64];
    snprintf(t, sizeof t, "%.*f", decimals, x);
    char *dot = strchr(t, '.');
    if (dot)
        *dot = point ? point : '.';
    /* "-0.0" reads as a sign error; a minus is U+2212, not a hyphen */
    if (t[0] == '-' && strspn(t + 1, "0.,") == strlen(t + 1))
        snprintf(out, n, "%s", t + 1);
    else if (t[0] == '-')
        snprintf(out, n, "\xe2\x88\x92%s", t + 1);
    else
        snprintf(out, n, "%s", t);
}

static double text_width(const char *s)
{
    return (double)dk_utf8_width(s) * CW;
}

/* Bytes of s that fit in max_chars code points. */
static size_t prefix_bytes(const char *s, int max_chars)
{
    size_t i = 0;
    int k = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80 && k++ == max_chars)
            break;
    }
    return i;
}

/* <text> at (x, y), cut to max_px with an ellipsis in the middle (names
 * that differ only at the end -- "..., targeted", "..., at random" -- stay
 * apart; the whole text is the element's title); attrs are extra
 * attributes (trusted, written as they are). */
static void text_at(dk_buf *b, double x, double y, const char *anchor, const char *attrs,
                    const char *s, double max_px)
{
    dk_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s%s>", x, y,
                  anchor ? " text-anchor=\"" : "", anchor ? anchor : "", anchor ? "\"" : "",
                  attrs ? attrs : "");
    int fit = (int)(max_px / (1.08 * CW));     /* a cut text's glyphs may be wider than CW */
    if (text_width(s) <= max_px || fit < 2) {
        dk_html_esc(b, s);
    } else {
        dk_buf_printf(b, "<title>");
        dk_html_esc(b, s);
        dk_buf_printf(b, "</title>");
        int chars = (int)dk_utf8_width(s), tail = (fit - 1) * 2 / 5, head = fit - 1 - tail;
        dk_html_esc_n(b, s, prefix_bytes(s, head));
        dk_buf_printf(b, "\xe2\x80\xa6");
        dk_html_esc(b, s + prefix_bytes(s, chars - tail));
    }
    dk_buf_printf(b, "</text>\n");
}

/* ---- scales and axes ------------------------------------------------ */

typedef struct {
    double d0, d1, p0, p1;  /* data range onto pixel range */
    double step;            /* tick step (data units) */
    double scale;
    const char *suffix;
    int decimals;
} scale;

static double px(const scale *s, double v)
{
    return s->p0 + (v - s->d0) / (s->d1 - s->d0) * (s->p1 - s->p0);
}

static double nice_step(double span)
{
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* Decimals that show every tick of step (in shown units) exactly. */
static int step_decimals(double step)
{
    for (int d = 0; d < 4; d++) {
        double v = step * pow(10, d);
        if (fabs(v - round(v)) < 1e-6 * fmax(1, fabs(v)))
            return d;
    }
    return 4;
}

/* The axis over [lo, hi] of the data (lo <= hi; NAN-free), widened to
 * whole ticks, or the axis's own range when it gives one. */
static void make_scale(scale *s, const dk_axis *ax, double lo, double hi, double p0, double p1)
{
    if (ax && ax->lo < ax->hi) {
        lo = ax->lo;
        hi = ax->hi;
    }
    if (!(hi > lo)) {
        double c = isfinite(lo) ? lo : 0;
        lo = c - (c == 0 ? 1 : fabs(c) * 0.1);
        hi = c + (c == 0 ? 1 : fabs(c) * 0.1);
    }
    s->step = nice_step(hi - lo);
    if (!(ax && ax->lo < ax->hi)) {
        lo = floor(lo / s->step + 1e-9) * s->step;
        hi = ceil(hi / s->step - 1e-9) * s->step;
    }
    s->d0 = lo;
    s->d1 = hi;
    s->p0 = p0;
    s->p1 = p1;
    s->scale = ax && ax->scale != 0 ? ax->scale : 1;
    s->suffix = ax && ax->suffix ? ax->suffix : "";
    s->decimals = step_decimals(s->step * s->scale);
}

static void tick_label(const scale *s, const dk_chart *c, double v, char *out, size_t n)
{
    char num[48];
    dk_chart_num(num, sizeof num, v * s->scale, s->decimals, c->point);
    snprintf(out, n, "%s%s", num, s->suffix);
}

/* First tick at or above the range's start. */
static double first_tick(const scale *s)
{
    return ceil(s->d0 / s->step - 1e-9) * s->step;
}

/* Vertical grid lines and labels under a horizontal axis at y. */
static void x_axis(dk_buf *b, const dk_chart *c, const scale *s, double top, double y)
{
    dk_buf_printf(b, "<g class=\"axis\" stroke=\"#d5d9e0\">\n");
    for (double v = first_tick(s); v <= s->d1 + s->step * 1e-6; v += s->step)
        dk_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                      px(s, v), top, px(s, v), y);
    dk_buf_printf(b, "</g>\n<g fill=\"#5a6270\" font-size=\"11\">\n");
    for (double v = first_tick(s); v <= s->d1 + s->step * 1e-6; v += s->step) {
        char t[64];
        tick_label(s, c, fabs(v) < s->step * 1e-9 ? 0 : v, t, sizeof t);
        text_at(b, px(s, v), y + 14, "middle", NULL, t, 80);
    }
    dk_buf_printf(b, "</g>\n");
    if (c->x_label) {
        /* under the middle of the axis, moved in where a long label
         * would run out of the chart */
        double half = fmin(text_width(c->x_label), W - 20) / 2;
        double mid = fmin(fmax((s->p0 + s->p1) / 2, 10 + half), W - 10 - half);
        text_at(b, mid, y + 32, "middle", " fill=\"#1d2330\"", c->x_label, W - 20);
    }
}

/* Horizontal grid lines and labels left of a vertical axis at x. */
static void y_axis(dk_buf *b, const dk_chart *c, const scale *s, double x, double right)
{
    dk_buf_printf(b, "<g class=\"axis\" stroke=\"#d5d9e0\">\n");
    for (double v = first_tick(s); v <= s->d1 + s->step * 1e-6; v += s->step)
        dk_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                      x, px(s, v), right, px(s, v));
    dk_buf_printf(b, "</g>\n<g fill=\"#5a6270\" font-size=\"11\">\n");
    for (double v = first_tick(s); v <= s->d1 + s->step * 1e-6; v += s->step) {
        char t[64];
        tick_label(s, c, fabs(v) < s->step * 1e-9 ? 0 : v, t, sizeof t);
        text_at(b, x - 6, px(s, v) + 4, "end", NULL, t, x - 8);
    }
    dk_buf_printf(b, "</g>\n");
}

/* ---- the figure around a chart ------------------------------------ */

static void figure(dk_html *h, const dk_chart *c, double height, int marks, const dk_buf *body)
{
    dk_html_open(h, "figure", "class", "chart", NULL);
    if (c->title)
        dk_html_elem(h, "h3", c->title, NULL);
    dk_buf_printf(h->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                  "width=\"%.0f\" height=\"%.0f\" role=\"img\" data-marks=\"%d\" font-size=\"%.0f\">\n",
                  W, height, W, height, marks, FS);
    if (c->title) {
        dk_buf_printf(h->b, "<title>");
        dk_html_esc(h->b, c->title);
        dk_buf_printf(h->b, "</title>\n");
    }
    dk_buf_add(h->b, body);
    dk_buf_printf(h->b, "</svg>\n");
    if (c->how || c->source) {
        dk_html_open(h, "figcaption", NULL);
        if (c->how) {
            dk_html_open(h, "p", NULL);
            if (c->how_head) {
                dk_html_elem(h, "strong", c->how_head, NULL);
                dk_html_text(h, " ");
            }
            dk_html_text(h, c->how);
            dk_html_close(h, "p");
        }
        if (c->source)
            dk_html_elem(h, "p", c->source, NULL);
        dk_html_close(h, "figcaption");
    }
    dk_html_close(h, "figure");
}

/* Widest label of n items, limited to at most max_px. */
static double label_column(const dk_chart_item *it, int n, double max_px)
{
    double w = 0;
    for (int i = 0; i < n; i++)
        w = fmax(w, text_width(it[i].label ? it[i].label : ""));
    return fmin(w, max_px) + GAP + 8;    /* 8: slack for faces wider than assumed */
}

static double note_column(const dk_chart_item *it, int n)
{
    double w = 0;
    for (int i = 0; i < n; i++)
        if (it[i].note)
            w = fmax(w, text_width(it[i].note));
    return w > 0 ? fmin(w, 190) + GAP + 8 : GAP;
}

/* The data range of items (values and intervals), with `with` in it. */
static void item_range(const dk_chart_item *it, int n, double with, double *lo, double *hi)
{
    *lo = *hi = with;
    for (int i = 0; i < n; i++) {
        double v[] = { it[i].value, it[i].lo, it[i].hi };
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                *lo = fmin(*lo, v[k]);
                *hi = fmax(*hi, v[k]);
            }
    }
}

static void whisker(dk_buf *b, const scale *s, double lo, double hi, double y)
{
    if (!isfinite(lo) || !isfinite(hi))
        return;
    double a = px(s, lo), z = px(s, hi);
    dk_buf_printf(b, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" "
                  "stroke=\"#1d2330\" stroke-width=\"1.3\" fill=\"none\"/>\n",
                  a, y, z, a, y - 4, y + 4, z, y - 4, y + 4);
}

/* Rows of items: labels, an axis, and per row draw(); shared by bars and
 * the forest plot. */
static void item_rows(dk_html *h, const dk_chart *c, const dk_axis *ax, const dk_chart_item *it,
                      int n, double with, int forest)
{
    double left = label_column(it, n, 250), right = W - note_column(it, n);
    double top = 6, height = top + n * ROW + 44;
    double lo, hi;
    item_range(it, n, with, &lo, &hi);
    scale s;
    make_scale(&s, ax, lo, hi, left + 4, right - 4);
    dk_buf b = { 0 };
    int marks = 0;
    x_axis(&b, c, &s, top, top + n * ROW + 2);
    double ref = px(&s, fmin(fmax(with, s.d0), s.d1));
    dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#5a6270\"/>\n",
                  ref, top, ref, top + n * ROW + 2);
    for (int i = 0; i < n; i++) {
        double y = top + i * ROW + ROW / 2;
        const dk_chart_item *x = &it[i];
        text_at(&b, left - GAP, y + 4, "end", x->mark == 1 ? " font-weight=\"bold\"" : NULL,
                x->label ? x->label : "", left - GAP);
        double v = px(&s, fmin(fmax(x->value, s.d0), s.d1));
        /* mark 1: highlighted; 2: a lighter, thinner companion of the row above */
        if (isfinite(x->value) && !forest)
            dk_buf_printf(&b, "<rect class=\"m\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%d\" fill=\"%s\"/>\n", fmin(v, ref), y - (x->mark == 2 ? 4 : 7),
                          fmax(fabs(v - ref), 1), x->mark == 2 ? 8 : 14,
                          x->mark == 1 ? "#d6604d" : x->mark == 2 ? "#f4a582" : "#8fa3bf");
        if (isfinite(x->lo) && isfinite(x->hi))
            whisker(&b, &s, fmax(x->lo, s.d0), fmin(x->hi, s.d1), y);
        /* the point after its interval, so that it sits on top */
        if (isfinite(x->value) && forest)
            dk_buf_printf(&b, "<circle class=\"m\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"/>\n",
                          v, y, x->mark == 2 ? "3.5" : "5",
                          x->mark == 1 ? "#0072b2" : x->mark == 2 ? "#aab3c2" : "#5a6270");
        marks += isfinite(x->value) != 0;
        if (x->note)
            text_at(&b, right + GAP / 2, y + 4, NULL, NULL, x->note, W - right - GAP / 2);
    }
    figure(h, c, height, marks, &b);
    dk_buf_free(&b);
}

void dk_chart_bars(dk_html *h, const dk_chart *c, const dk_axis *x,
                   const dk_chart_item *it, int n)
{
    item_rows(h, c, x, it, n, 0, 0);
}

void dk_chart_forest(dk_html *h, const dk_chart *c, const dk_axis *x,
                     const dk_chart_item *it, int n, double ref)
{
    item_rows(h, c, x, it, n, ref, 1);
}

/* ---- stacked distributions ----------------------------------------- */

static void hex(char *out, const unsigned char *rgb)
{
    snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Colour of answer k of ncat, bad end first when !high_bad. */
static void answer_colour(char *out, int k, int ncat, int high_bad)
{
    int i = ncat == 3 ? 2 * k : k;
    hex(out, diverging[high_bad ? 4 - i : i]);
}

void dk_chart_stacked(dk_html *h, const dk_chart *c, const char *const *cat, int ncat,
                      int high_bad, const dk_chart_dist *rows, int n)
{
    double lw = 0, nw = 0;
    for (int i = 0; i < n; i++) {
        lw = fmax(lw, text_width(rows[i].label ? rows[i].label : ""));
        if (rows[i].note)
            nw = fmax(nw, text_width(rows[i].note));
    }
    double left = fmin(lw, 250) + GAP + 8, right = W - (nw > 0 ? fmin(nw, 190) + GAP + 8 : GAP);
    double top = 30, height = top + n * ROW + 44;
    scale s;
    dk_axis ax = { 0, 1, 100, "%" };
    make_scale(&s, &ax, 0, 1, left + 4, right - 4);
    dk_buf b = { 0 };
    int marks = 0, bad = ncat / 2;
    /* legend: the answers, left to right, each as wide as its name */
    double lx = left + 4;
    for (int k = 0; k < ncat; k++) {
        char col[8];
        double w = (double)dk_utf8_width(cat[k]) * 0.6 * 11;
        answer_colour(col, k, ncat, high_bad);
        dk_buf_printf(&b, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                      lx, col);
        text_at(&b, lx + 16, 16, NULL, " font-size=\"11\"", cat[k], fmax(W - lx - 20, 0) * 1.09);
        lx += 16 + w + 18;
    }
    x_axis(&b, c, &s, top, top + n * ROW + 2);
    for (int i = 0; i < n; i++) {
        double y = top + i * ROW + ROW / 2, at = 0, edge = 0;
        text_at(&b, left - GAP, y + 4, "end", NULL, rows[i].label ? rows[i].label : "", left - GAP);
        for (int k = 0; k < ncat; k++) {
            double v = rows[i].share[k];
            if (high_bad ? k >= ncat - bad : k < bad)
                edge += v;
            if (!(v > 0))
                continue;
            char col[8];
            answer_colour(col, k, ncat, high_bad);
            double x0 = px(&s, fmin(at, 1)), x1 = px(&s, fmin(at + v, 1));
            dk_buf_printf(&b, "<rect class=\"m\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"16\" fill=\"%s\"/>\n", x0, y - 8, fmax(x1 - x0, 0), col);
            marks++;
            at += v;
        }
        /* where the bad end's share ends (starts), and its interval */
        double e = high_bad ? 1 - edge : edge;
        dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                      "stroke=\"#1d2330\" stroke-width=\"2\"/>\n", px(&s, fmin(fmax(e, 0), 1)),
                      y - 10, px(&s, fmin(fmax(e, 0), 1)), y + 10);
        if (isfinite(rows[i].lo) && isfinite(rows[i].hi))
            whisker(&b, &s, fmax(high_bad ? 1 - rows[i].hi : rows[i].lo, 0),
                    fmin(high_bad ? 1 - rows[i].lo : rows[i].hi, 1), y);
        if (rows[i].note)
            text_at(&b, right + GAP / 2, y + 4, NULL, NULL, rows[i].note, W - right - GAP / 2);
    }
    figure(h, c, height, marks, &b);
    dk_buf_free(&b);
}

/* ---- heat map ------------------------------------------------------- */

/* The colour of t in [0, 1] on the diverging scale (0 warm, 1 cool). */
static void ramp(double t, unsigned char *rgb)
{
    t = fmin(fmax(isfinite(t) ? t : 0.5, 0), 1) * 4;
    int k = (int)fmin(floor(t), 3);
    double f = t - k;
    for (int j = 0; j < 3; j++)
        rgb[j] = (unsigned char)lround(diverging[k][j] + f * (diverging[k + 1][j] - diverging[k][j]));
}

/* A column heading in one or two lines (split at the space nearest the
 * middle) within w. */
static void column_head(dk_buf *b, double x, double y, const char *s, double w)
{
    if (text_width(s) <= w || !strchr(s, ' ')) {
        text_at(b, x, y + 13, "middle", NULL, s, w);
        return;
    }
    size_t len = strlen(s), best = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ' && (best == 0 || fabs((double)i - len / 2.0) < fabs((double)best - len / 2.0)))
            best = i;
    char first[256];
    snprintf(first, sizeof first, "%.*s", (int)best, s);
    text_at(b, x, y, "middle", NULL, first, w);
    text_at(b, x, y + 14, "middle", NULL, s + best + 1, w);
}

/* The colour of v on the map's scale (cool high when high_good); the
 * text colour that reads on it in ink. */
static void heat_colour(const dk_heat *m, double v, char *col, char *ink)
{
    unsigned char rgb[3];
    double t = (v - m->lo) / (m->hi - m->lo);
    ramp(m->high_good ? t : 1 - t, rgb);
    hex(col, rgb);
    double lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    snprintf(ink, 8, "%s", lum < 120 ? "#ffffff" : "#1d2330");
}

/* Under the map, its scale: five swatches from lo to hi, each with its
 * value, then what the values are (the x label, with the unit). */
static void heat_legend(dk_buf *b, const dk_chart *c, const dk_heat *m, double x, double y)
{
    for (int k = 0; k < 5; k++) {
        double v = m->lo + k * (m->hi - m->lo) / 4;
        char col[8], ink[8], num[32], attrs[40];
        heat_colour(m, v, col, ink);
        dk_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"34\" height=\"18\" fill=\"%s\"/>\n",
                      x + k * 34, y, col);
        dk_chart_num(num, sizeof num, v, 0, c->point);
        snprintf(attrs, sizeof attrs, " fill=\"%s\"", ink);
        text_at(b, x + k * 34 + 17, y + 13, "middle", attrs, num, 34);
    }
    text_at(b, x + 5 * 34 + GAP, y + 13, NULL, " fill=\"#1d2330\"", c->x_label,
            W - x - 5 * 34 - GAP - 4);
}

void dk_chart_heat(dk_html *h, const dk_chart *c, const dk_heat *m)
{
    double lw = 0;
    for (int i = 0; i < m->nrow; i++)
        lw = fmax(lw, text_width(m->rows[i]));
    double left = fmin(lw, 220) + GAP + 8, top = 36;
    double cw = fmin((W - left - GAP) / (m->ncol > 0 ? m->ncol : 1), 110), rh = 24;
    double height = top + m->nrow * rh + (c->x_label ? 36 : 8);
    dk_buf b = { 0 };
    int marks = 0;
    for (int j = 0; j < m->ncol; j++)
        column_head(&b, left + (j + 0.5) * cw, 14, m->cols[j], cw - 4);
    /* what a row is, above the rows' names */
    if (c->y_label)
        text_at(&b, left - GAP, 28, "end", " fill=\"#1d2330\"", c->y_label, left - GAP);
    for (int i = 0; i < m->nrow; i++) {
        double y = top + i * rh;
        text_at(&b, left - GAP, y + rh / 2 + 4, "end", NULL, m->rows[i], left - GAP);
        for (int j = 0; j < m->ncol; j++) {
            double v = m->v[i * m->ncol + j];
            if (!isfinite(v))
                continue;
            char col[8], ink[8], num[32], attrs[40];
            heat_colour(m, v, col, ink);
            dk_buf_printf(&b, "<rect class=\"m\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%.1f\" fill=\"%s\" stroke=\"#fff\"/>\n", left + j * cw, y,
                          cw, rh, col);
            dk_chart_num(num, sizeof num, v, m->decimals, c->point);
            snprintf(attrs, sizeof attrs, " fill=\"%s\"", ink);
            text_at(&b, left + (j + 0.5) * cw, y + rh / 2 + 4, "middle", attrs, num, cw);
            marks++;
        }
    }
    if (c->x_label)
        heat_legend(&b, c, m, left, top + m->nrow * rh + 10);
    figure(h, c, height, marks, &b);
    dk_buf_free(&b);
}

/* ---- scatter and lines ---------------------------------------------- */

static void widen(double *lo, double *hi, double v)
{
    if (isfinite(v)) {
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

/* The plot box of charts with a y axis. */
typedef struct {
    double left, right, top, bottom;
} box;

static const box plot_box = { 64, W - 16, 30, 290 };

/* The y axis's label above the plot, where it has the page's width
 * (turned on its side it would have only the plot's height). */
static void y_label(dk_buf *b, const dk_chart *c)
{
    if (c->y_label)
        text_at(b, 8, 14, NULL, " fill=\"#1d2330\"", c->y_label, W - 16);
}

void dk_chart_scatter(dk_html *h, const dk_chart *c, const dk_axis *x,
                      const dk_axis *y, const dk_chart_point *p, int n,
                      int ref_x, int ref_y)
{
    box bx = plot_box;
    double xlo = ref_x ? 0 : HUGE_VAL, xhi = ref_x ? 0 : -HUGE_VAL;
    double ylo = ref_y ? 0 : HUGE_VAL, yhi = ref_y ? 0 : -HUGE_VAL;
    for (int i = 0; i < n; i++) {
        double xs[] = { p[i].x, p[i].xlo, p[i].xhi }, ys[] = { p[i].y, p[i].ylo, p[i].yhi };
        for (int k = 0; k < 3; k++) {
            widen(&xlo, &xhi, xs[k]);
            widen(&ylo, &yhi, ys[k]);
        }
    }
    scale sx, sy;
    make_scale(&sx, x, isfinite(xlo) ? xlo : 0, isfinite(xhi) ? xhi : 1, bx.left, bx.right);
    make_scale(&sy, y, isfinite(ylo) ? ylo : 0, isfinite(yhi) ? yhi : 1, bx.bottom, bx.top);
    double legend_top = bx.bottom + 52, height = legend_top + n * 18 + 6;
    dk_buf b = { 0 };
    int marks = 0;
    x_axis(&b, c, &sx, bx.top, bx.bottom);
    y_axis(&b, c, &sy, bx.left, bx.right);
    y_label(&b, c);
    if (ref_x && sx.d0 < 0 && sx.d1 > 0)
        dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#5a6270\"/>\n",
                      px(&sx, 0), bx.top, px(&sx, 0), bx.bottom);
    if (ref_y && sy.d0 < 0 && sy.d1 > 0)
        dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#5a6270\"/>\n",
                      bx.left, px(&sy, 0), bx.right, px(&sy, 0));
    for (int i = 0; i < n; i++) {
        if (!isfinite(p[i].x) || !isfinite(p[i].y))
            continue;
        double cx = px(&sx, p[i].x), cy = px(&sy, p[i].y);
        const char *col = series_colour[i % NSERIES_COLOUR];
        if (isfinite(p[i].xlo) && isfinite(p[i].xhi))
            dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                          px(&sx, p[i].xlo), cy, px(&sx, p[i].xhi), cy, col);
        if (isfinite(p[i].ylo) && isfinite(p[i].yhi))
            dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                          cx, px(&sy, p[i].ylo), cx, px(&sy, p[i].yhi), col);
        dk_buf_printf(&b, "<circle class=\"m\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"/>\n",
                      cx, cy, p[i].mark ? "6" : "4.5", col);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        text_at(&b, cx + 7, cy - 6, NULL, " font-weight=\"bold\"", num, 40);
        marks++;
    }
    for (int i = 0; i < n; i++) {
        double ly = legend_top + i * 18;
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        dk_buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>\n",
                      bx.left, ly - 4, series_colour[i % NSERIES_COLOUR]);
        text_at(&b, bx.left + 10, ly, NULL, " font-weight=\"bold\"", num, 30);
        text_at(&b, bx.left + 34, ly, NULL, p[i].mark ? " font-weight=\"bold\"" : NULL,
                p[i].label ? p[i].label : "", bx.right - bx.left - 34);
    }
    figure(h, c, height, marks, &b);
    dk_buf_free(&b);
}

void dk_chart_hist(dk_html *h, const dk_chart *c, const dk_axis *x, const dk_hist *d)
{
    box bx = plot_box;
    double top = 0;
    for (int i = 0; i < d->n; i++)
        top = fmax(top, isfinite(d->share[i]) ? d->share[i] : 0);
    scale sx, sy;
    make_scale(&sx, x, d->x0, d->x0 + d->n * d->width, bx.left, bx.right);
    dk_axis y = { 0, 0, 100, "%" };
    make_scale(&sy, &y, 0, top > 0 ? top : 1, bx.bottom, bx.top);
    dk_buf b = { 0 };
    int marks = 0;
    x_axis(&b, c, &sx, bx.top, bx.bottom);
    y_axis(&b, c, &sy, bx.left, bx.right);
    y_label(&b, c);
    char warm[8], cool[8];
    hex(warm, diverging[1]);
    hex(cool, diverging[3]);
    for (int i = 0; i < d->n; i++) {
        double a = d->x0 + i * d->width, v = d->share[i];
        if (!(v > 0) || a < sx.d0 || a + d->width > sx.d1 + 1e-9)
            continue;
        int bad = (a + d->width <= d->split + 1e-9) == (d->high_good != 0);
        double x0 = px(&sx, a) + 1, x1 = px(&sx, a + d->width) - 1, y0 = px(&sy, v);
        dk_buf_printf(&b, "<rect class=\"m\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                      "height=\"%.1f\" fill=\"%s\"/>\n", x0, y0, fmax(x1 - x0, 1),
                      fmax(bx.bottom - y0, 0.5), bad ? warm : cool);
        marks++;
    }
    if (d->split > sx.d0 && d->split < sx.d1)
        dk_buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                      "stroke=\"#1d2330\" stroke-width=\"2\"/>\n", px(&sx, d->split), bx.top,
                      px(&sx, d->split), bx.bottom);
    figure(h, c, bx.bottom + 40, marks, &b);
    dk_buf_free(&b);
}

/* Path commands through n points (backwards, continuing a path, when
 * back is set); steps hold y until the next x. */
static void path(dk_buf *b, const scale *sx, const scale *sy, const double *x,
                 const double *y, int n, int step, int back)
{
    for (int k = 0; k < n; k++) {
        int i = back ? n - 1 - k : k;
        double X = px(sx, x[i]), Y = px(sy, y[i]);
        if (k == 0)
            dk_buf_printf(b, "%c%.1f %.1f", back ? 'L' : 'M', X, Y);
        else if (step && !back)
            dk_buf_printf(b, "H%.1fV%.1f", X, Y);
        else if (step)
            dk_buf_printf(b, "V%.1fH%.1f", px(sy, y[i]), X);
        else
            dk_buf_printf(b, "L%.1f %.1f", X, Y);
    }
}

void dk_chart_lines(dk_html *h, const dk_chart *c, const dk_axis *x,
                    const dk_axis *y, const dk_chart_series *s, int ns)
{
    box bx = plot_box;
    double xlo = HUGE_VAL, xhi = -HUGE_VAL, ylo = HUGE_VAL, yhi = -HUGE_VAL;
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < s[k].n; i++) {
            widen(&xlo, &xhi, s[k].x[i]);
            widen(&ylo, &yhi, s[k].y[i]);
            if (s[k].lo && s[k].hi) {
                widen(&ylo, &yhi, s[k].lo[i]);
                widen(&ylo, &yhi, s[k].hi[i]);
            }
        }
    scale sx, sy;
    make_scale(&sx, x, isfinite(xlo) ? xlo : 0, isfinite(xhi) ? xhi : 1, bx.left, bx.right);
    make_scale(&sy, y, isfinite(ylo) ? ylo : 0, isfinite(yhi) ? yhi : 1, bx.bottom, bx.top);
    double legend_top = bx.bottom + 52, height = legend_top + (ns > 1 ? ns * 18 : 0) + 6;
    dk_buf b = { 0 };
    int marks = 0;
    x_axis(&b, c, &sx, bx.top, bx.bottom);
    y_axis(&b, c, &sy, bx.left, bx.right);
    y_label(&b, c);
    for (int k = 0; k < ns; k++) {
        const dk_chart_series *q = &s[k];
        const char *col = series_colour[k % NSERIES_COLOUR];
        if (q->lo && q->hi && q->n > 0) {
            dk_buf_printf(&b, "<path d=\"");
            path(&b, &sx, &sy, q->x, q->hi, q->n, q->step, 0);
            path(&b, &sx, &sy, q->x, q->lo, q->n, q->step, 1);
            dk_buf_printf(&b, "Z\" fill=\"%s\" fill-opacity=\"0.15\" stroke=\"none\"/>\n", col);
        }
        if (q->n <= 0)
            continue;
        dk_buf_printf(&b, "<path class=\"m\" d=\"");
        marks++;
        path(&b, &sx, &sy, q->x, q->y, q->n, q->step, 0);
        dk_buf_printf(&b, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", col);
        /* markers only where they stay apart */
        double r = q->n <= 40 ? 3.5 : 0;
        for (int i = 0; i < q->n && r > 0; i++)
            if (isfinite(q->x[i]) && isfinite(q->y[i]))
                dk_buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n",
                              px(&sx, q->x[i]), px(&sy, q->y[i]), r, col);
        if (ns > 1) {
            double ly = legend_top + k * 18;
            dk_buf_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>\n",
                          bx.left, ly - 6, col);
            text_at(&b, bx.left + 20, ly, NULL, NULL, q->name ? q->name : "", bx.right - bx.left - 20);
        }
    }
    figure(h, c, height, marks, &b);
    dk_buf_free(&b);
}
