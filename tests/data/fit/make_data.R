# Generates the small fit test datasets (committed; the tests do not need R).
#   Rscript tests/data/fit/make_data.R      (from the repository root)
set.seed(20261121)
dir <- "tests/data/fit"
ob_lv <- c(5, 8, 10, 12); hv_lv <- c(0, 1, 3, 5)
forms <- c("none", "assistant", "extra-teacher", "specialist", "facility")
rating <- function(ob, hv, sup, u) {
  3 - 0.08 * (ob - 5) - 0.15 * hv + 0.4 * (sup != "none") + 0.1 * (sup == "facility") +
    u + rnorm(length(ob), 0, 0.45)
}
vignettes <- function(sizes, sd_u = 0.5) {
  g <- rep(seq_along(sizes), sizes)
  n <- length(g)
  d <- data.frame(respondent = sprintf("r%03d", g),
                  `support-needs` = sample(ob_lv, n, TRUE),
                  heavy = sample(hv_lv, n, TRUE),
                  support = sample(forms, n, TRUE), check.names = FALSE)
  d$tailor <- round(rating(d$`support-needs`, d$heavy, d$support,
                           rnorm(length(sizes), 0, sd_u)[g]), 4)
  d
}
w <- function(d, name) write.csv(d, file.path(dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)

# balanced: 40 respondents x 6 vignettes
w(vignettes(rep(6, 40)), "balanced")

# unbalanced: 1..10 vignettes, a numeric covariate (years of experience)
d <- vignettes(sample(1:10, 60, TRUE))
d$years <- round(runif(60, 1, 35))[as.integer(sub("r", "", d$respondent))]
d$tailor <- round(d$tailor - 0.01 * d$years, 4)
w(d, "unbalanced")

# single: one respondent answered a single vignette
d <- vignettes(c(5, 1, rep(5, 24)))
w(d[, c("respondent", "heavy", "tailor")], "single")

# missing-level: 'facility' only for the first ten respondents, 'specialist'
# never for the last ten; form-2 rows carry no tailor rating (NA)
d <- vignettes(rep(7, 30))
gi <- as.integer(sub("r", "", d$respondent))
d$support[d$support == "facility" & gi > 10] <- "none"
d$support[d$support == "specialist" & gi > 20] <- "assistant"
d$tailor[seq(3, nrow(d), by = 7)] <- NA
w(d, "missing-level")

# boundary: respondents' means pulled together, so they differ less than
# their residuals alone would make them: the group variance estimate is 0
d <- vignettes(rep(4, 12), sd_u = 0)
d$tailor <- round(d$tailor - 0.8 * (ave(d$tailor, d$respondent) - mean(d$tailor)), 4)
w(d[, c("respondent", "support-needs", "tailor")], "boundary")
