# Reference values from R's lme4 for the fit tests (tests/test_fit.c).
#   Rscript tests/data/fit/lme4_reference.R      (from the repository root)
# Writes tests/data/fit/NAME.lme4.txt next to each NAME.csv.  Factor levels
# are ordered as draagkracht orders them (numerically, else C-locale), so
# the first level is the reference in both; coefficients are renamed to
# draagkracht's "COLUMN=LEVEL".  lmer runs with its default settings.
suppressPackageStartupMessages(library(lme4))
dir <- "tests/data/fit"

reference <- function(name, outcome, factors, covariates = character(0)) {
  d <- read.csv(file.path(dir, paste0(name, ".csv")), check.names = FALSE,
                stringsAsFactors = FALSE, na.strings = c("", "NA"))
  d <- d[!is.na(d[[outcome]]), ]
  m <- data.frame(y = d[[outcome]], g = factor(d$respondent))
  terms <- character(0); names <- "(Intercept)"
  for (i in seq_along(factors)) {
    x <- d[[factors[i]]]
    lev <- if (is.numeric(x)) sort(unique(x)) else sort(unique(x), method = "radix")
    m[[paste0("f", i)]] <- factor(x, levels = lev)
    terms <- c(terms, paste0("f", i))
    names <- c(names, paste0(factors[i], "=", lev[-1]))
  }
  for (i in seq_along(covariates)) {
    m[[paste0("c", i)]] <- d[[covariates[i]]]
    terms <- c(terms, paste0("c", i))
    names <- c(names, covariates[i])
  }
  form <- as.formula(paste("y ~", paste(terms, collapse = " + "), "+ (1 | g)"))
  out <- c(sprintf("# lme4 %s, %s", packageVersion("lme4"), R.version.string),
           "# produced by: Rscript tests/data/fit/lme4_reference.R",
           sprintf("# lmer(%s ~ %s + (1 | respondent), REML = TRUE / FALSE)", outcome,
                   paste(c(factors, covariates), collapse = " + ")),
           sprintf("spec %s %s %s", outcome,
                   if (length(factors)) paste(factors, collapse = ",") else "-",
                   if (length(covariates)) paste(covariates, collapse = ",") else "-"))
  for (reml in c(TRUE, FALSE)) {
    fit <- lmer(form, data = m, REML = reml)
    vc <- as.data.frame(VarCorr(fit))
    fe <- fixef(fit)
    se <- sqrt(diag(as.matrix(vcov(fit))))
    stopifnot(length(fe) == length(names))
    out <- c(out, sprintf("method %s", if (reml) "REML" else "ML"),
             sprintf("fixed %s %.17g %.17g", names, fe, se),
             sprintf("var_group %.17g", vc$vcov[1]),
             sprintf("var_residual %.17g", vc$vcov[2]),
             sprintf("loglik %.17g", as.numeric(logLik(fit))),
             sprintf("aic %.17g", AIC(fit)),
             sprintf("bic %.17g", BIC(fit)),
             sprintf("n_obs %d", nobs(fit)),
             sprintf("n_groups %d", ngrps(fit)[[1]]),
             sprintf("singular %d", isSingular(fit)))
  }
  writeLines(out, file.path(dir, paste0(name, ".lme4.txt")))
}

reference("balanced", "tailor", c("support-needs", "heavy", "support"))
reference("unbalanced", "tailor", c("support-needs", "heavy", "support"), "years")
reference("single", "tailor", "heavy")
reference("missing-level", "tailor", c("support-needs", "heavy", "support"))
reference("boundary", "tailor", "support-needs")
