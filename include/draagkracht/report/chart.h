/*
 * chart.h -- small SVG charts for the HTML reports, written by the
 * program itself (no plotting library fits a static C binary).
 *
 * Each chart is a <figure>: its title (the finding, in words) as a
 * heading, an inline <svg> that scales with the page, and a caption with
 * "how to read this" and the source (model id, seed).  The module knows no
 * language: every word comes from the caller.  Output is a function of
 * the input alone (fixed layout, numbers printed with fixed decimals), so
 * the same data give the same bytes.  Every data mark carries class "m"
 * and the <svg> its count in data-marks, which the tests read: a chart
 * with no data is an error they catch.
 */
#ifndef DRAAGKRACHT_CHART_H
#define DRAAGKRACHT_CHART_H

#include "draagkracht/report/html.h"

/* The words around a chart; NULL fields are left out. */
typedef struct {
    const char *title;      /* the finding: the figure's heading */
    const char *how_head;   /* "How to read this" */
    const char *how;        /* what the marks mean */
    const char *source;     /* model id and seed */
    const char *x_label;    /* axis labels, with units */
    const char *y_label;
    char point;             /* decimal separator of tick labels: '.' or ',' */
} dk_chart;

/* An axis: its range (lo >= hi: from the data) and how ticks read:
 * value * scale, with suffix ("%", " FTE").  scale 0 means 1. */
typedef struct {
    double lo, hi;
    double scale;
    const char *suffix;
} dk_axis;

/* A labelled value with an interval (lo, hi NAN: none). */
typedef struct {
    const char *label;
    double value, lo, hi;
    int mark;               /* 1: highlighted (the best, the chosen); 2: a lighter,
                             * smaller mark that goes with the row above */
    const char *note;       /* text right of the plot, or NULL */
} dk_chart_item;

/* Horizontal bars from zero with interval whiskers. */
void dk_chart_bars(dk_html *h, const dk_chart *c, const dk_axis *x,
                   const dk_chart_item *it, int n);
/* A forest plot: points with intervals around a reference line at ref. */
void dk_chart_forest(dk_html *h, const dk_chart *c, const dk_axis *x,
                     const dk_chart_item *it, int n, double ref);

/* A distribution over answers, one stacked bar per row: the five answers
 * 1..5, or three groups (<= 2, 3, >= 4). */
typedef struct {
    const char *label;
    double share[5];        /* fractions, summing to about 1 */
    double lo, hi;          /* interval of the bad end's share; NAN: none */
    const char *note;
} dk_chart_dist;

/* cat: the ncat (3 or 5) answers' names, for the legend.  high_bad: 0
 * when the low answers are the bad end (capability: 1 and 2, or "<= 2"),
 * 1 when the high ones are (a strong need); the bad end gets the warm
 * colours and a line where it ends, with its interval. */
void dk_chart_stacked(dk_html *h, const dk_chart *c, const char *const *cat, int ncat,
                      int high_bad, const dk_chart_dist *rows, int n);

/* A heat map of rows x cols values on [lo, hi], each cell printed with
 * `decimals` decimals; high_good: high values cool (capability) or warm.
 * The chart's x_label names the values (with their unit) beside a colour
 * scale under the map; its y_label names the rows, above them. */
typedef struct {
    const char *const *rows;
    int nrow;
    const char *const *cols;
    int ncol;
    const double *v;        /* nrow x ncol, row-major */
    double lo, hi;
    int high_good, decimals;
} dk_heat;

void dk_chart_heat(dk_html *h, const dk_chart *c, const dk_heat *m);

/* Points with optional intervals in x and y; numbered in the plot and
 * named in a legend below, so long names never collide. */
typedef struct {
    const char *label;
    double x, y;
    double xlo, xhi, ylo, yhi;  /* NAN: none */
    int mark;
} dk_chart_point;

/* ref_x, ref_y: draw a reference line where x (y) is zero. */
void dk_chart_scatter(dk_html *h, const dk_chart *c, const dk_axis *x,
                      const dk_axis *y, const dk_chart_point *p, int n,
                      int ref_x, int ref_y);

/* A histogram: n bins of `width` from x0 on the x axis (ax: its range
 * and ticks), each bar the share (a fraction) in it; with high_good the
 * bars left of `split` are the bad end, warm, the others cool (else the
 * other way round); a line marks split. */
typedef struct {
    double x0, width;
    const double *share;
    int n;
    double split;
    int high_good;
} dk_hist;

void dk_chart_hist(dk_html *h, const dk_chart *c, const dk_axis *x, const dk_hist *d);

/* Lines over x, with an optional band lo..hi and optional steps. */
typedef struct {
    const char *name;
    const double *x, *y, *lo, *hi;  /* lo, hi NULL: no band */
    int n, step;
} dk_chart_series;

void dk_chart_lines(dk_html *h, const dk_chart *c, const dk_axis *x,
                    const dk_axis *y, const dk_chart_series *s, int ns);

/* x with `decimals` decimals and the chart's separator into out; a
 * minus sign is U+2212, and a zero never has one. */
void dk_chart_num(char *out, size_t n, double x, int decimals, char point);

#endif
