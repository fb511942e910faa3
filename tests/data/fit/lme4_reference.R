# Reference values from R's lme4 for the fit tests (tests/test_fit.c).
#   Rscript tests/data/fit/lme4_reference.R      (from the repository root)
#
# Writes tests/data/fit/NAME.lme4.txt next to each NAME.csv, and first the
# CSVs of public datasets that ship with R: lme4's sleepstudy, Dyestuff and
# Dyestuff2, nlme's ergoStool, and datasets' ChickWeight (each has one
# grouping factor).  Factor levels are ordered as draagkracht orders them
# (numerically, else C-locale), so the first level is the reference in
# both; coefficients are renamed to draagkracht's "COLUMN=LEVEL".  lmer
# runs with its default settings.  The tests read these files; they do not
# need R.
#
# Lines of NAME.lme4.txt, per method (REML, then ML):
#   fixed NAME ESTIMATE SE WALD_LOWER WALD_UPPER     confint(method = "Wald")
#   vcov NAME NAME VALUE                             vcov()
#   sd_group_ci / sigma_ci LOWER UPPER               confint(profile()) with
#       profile points 8 times as dense as its default (delta.cutoff = 1/64)
#   sd_group_ci_default / sigma_ci_default           confint(method = "profile"),
#       with its default points: the spline it interpolates them with is
#       off the profile's own roots by up to 2e-4 relative (Dyestuff)
#   sd_group_ci_exact / sigma_ci_exact LOWER UPPER   the same profile's roots
#       found by uniroot on lme4's own profiled deviance (devfun2)
#   profile_warning TEXT         what profile() warned; then its intervals
#       are lme4's fallbacks (singular fits: "non-monotonic profile"), and
#       the tests hold draagkracht to the exact roots only
#   icc ESTIMATE LOWER UPPER     var_group / (var_group + var_residual); the
#       interval from the same ML profile, over theta (lme4's devfun)
#   ranef GROUP MODE SD          ranef(condVar = TRUE): mode and sqrt(postVar)
#   fitted ROW FITTED RESIDUAL   fitted(), residuals(); ROW is the data row
#   lrt ...                      anova(m0, m1), m0 without the "compare" terms
suppressPackageStartupMessages(library(lme4))
dir <- "tests/data/fit"
level <- 0.95
cutoff <- qchisq(level, 1)

public_csv <- function(name, d) {
  write.csv(d, file.path(dir, paste0(name, ".csv")), row.names = FALSE)
}

public_csv("sleepstudy", data.frame(Subject = as.character(sleepstudy$Subject),
                                    Days = sleepstudy$Days,
                                    Reaction = sleepstudy$Reaction))
public_csv("dyestuff", data.frame(Batch = as.character(Dyestuff$Batch),
                                  Yield = Dyestuff$Yield))
public_csv("dyestuff2", data.frame(Batch = as.character(Dyestuff2$Batch),
                                   Yield = Dyestuff2$Yield))
public_csv("ergostool", data.frame(Subject = as.character(nlme::ergoStool$Subject),
                                   Type = as.character(nlme::ergoStool$Type),
                                   effort = nlme::ergoStool$effort))
public_csv("chickweight", data.frame(Chick = as.character(ChickWeight$Chick),
                                     Diet = as.character(ChickWeight$Diet),
                                     Time = ChickWeight$Time,
                                     weight = ChickWeight$weight))

num <- function(x) sprintf("%.17g", x)

# The model frame as draagkracht codes it, and the coefficient names.
model_frame <- function(d, outcome, group, factors, covariates) {
  m <- data.frame(y = d[[outcome]], g = factor(d[[group]]), row.names = rownames(d))
  terms <- character(0); names <- "(Intercept)"
  for (i in seq_along(factors)) {
    x <- d[[factors[i]]]
    lev <- if (is.numeric(x)) sort(unique(x)) else sort(unique(x), method = "radix")
    m[[paste0("f", i)]] <- factor(x, levels = lev)
    terms <- c(terms, setNames(paste0("f", i), factors[i]))
    names <- c(names, paste0(factors[i], "=", lev[-1]))
  }
  for (i in seq_along(covariates)) {
    m[[paste0("c", i)]] <- d[[covariates[i]]]
    terms <- c(terms, setNames(paste0("c", i), covariates[i]))
    names <- c(names, covariates[i])
  }
  rhs <- if (length(terms)) paste(terms, collapse = " + ") else "1"
  list(m = m, terms = terms, names = names,
       form = as.formula(paste("y ~", rhs, "+ (1 | g)")))
}

# Where f (decreasing then increasing about x0) crosses f(x0) + cutoff on
# each side.  A standard deviation's lower end is 0 when f(0) stays below
# that; the residual SD (positive = FALSE) has no value at 0.
profile_roots <- function(f, x0, base, positive = FALSE) {
  g <- function(x) f(x) - base - cutoff
  if (positive) {
    lo <- x0 / 2
    while (g(lo) < 0) lo <- lo / 2
    lo <- uniroot(g, c(lo, x0), tol = 1e-14 * x0)$root
  } else {
    lo <- if (x0 <= 0 || g(0) < 0) 0 else
      uniroot(g, c(0, x0), tol = 1e-14 * max(1, x0))$root
  }
  hi <- x0 + max(x0, 1e-3)
  while (g(hi) < 0) hi <- 2 * hi
  c(lo, uniroot(g, c(max(x0, 1e-12), hi), tol = 1e-14 * hi)$root)
}

# The ML profile of the group SD, of the residual SD and of theta,
# exactly: each point minimises lme4's own deviance over the rest.
exact_profiles <- function(mf) {
  ml <- lmer(mf$form, data = mf$m, REML = FALSE)
  dd <- lme4:::devfun2(ml, useSc = TRUE, signames = FALSE)
  base <- attr(dd, "basedev")
  opt <- attr(dd, "optimum")
  s_g <- opt[[1]]; s_r <- opt[[2]]
  over <- function(h, centre) optimize(h, log(centre) + c(-4, 4), tol = 1e-12)$objective
  prof_g <- function(s) over(function(l) dd(c(s, exp(l))), s_r)
  prof_r <- function(s) {
    if (s_g == 0) return(dd(c(0, s)))
    min(dd(c(0, s)), over(function(l) dd(c(exp(l), s)), s_g))
  }
  devf <- lmer(mf$form, data = mf$m, REML = FALSE, devFunOnly = TRUE)
  th <- getME(ml, "theta")[[1]]
  base_th <- devf(th)
  list(sd_group = profile_roots(prof_g, s_g, base),
       sigma = profile_roots(prof_r, s_r, base, positive = TRUE),
       theta = profile_roots(devf, th, base_th))
}

fit_lines <- function(fit, mf, exact) {
  vc <- as.data.frame(VarCorr(fit))
  fe <- fixef(fit)
  v <- as.matrix(vcov(fit))
  se <- sqrt(diag(v))
  wald <- confint(fit, method = "Wald", parm = "beta_", level = level)
  prof0 <- suppressMessages(confint(fit, method = "profile", parm = "theta_",
                                    level = level, oldNames = FALSE))
  warned <- character(0)
  prof <- withCallingHandlers(
    confint(profile(fit, which = "theta_", delta.cutoff = 1 / 64, maxpts = 2000,
                    signames = FALSE), level = level),
    warning = function(w) {
      warned <<- c(warned, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  stopifnot(length(fe) == length(mf$names))
  n <- length(fe)
  vc_lines <- character(0)
  for (i in seq_len(n)) for (j in seq_len(n))
    vc_lines <- c(vc_lines, sprintf("vcov %s %s %s", mf$names[i], mf$names[j], num(v[i, j])))
  icc_t <- function(t) t^2 / (1 + t^2)
  re <- ranef(fit, condVar = TRUE)$g
  pv <- attr(re, "postVar")
  rows <- as.integer(rownames(mf$m))
  c(sprintf("method %s", if (isREML(fit)) "REML" else "ML"),
    sprintf("fixed %s %s %s %s %s", mf$names, num(fe), num(se), num(wald[, 1]), num(wald[, 2])),
    vc_lines,
    sprintf("var_group %s", num(vc$vcov[1])),
    sprintf("var_residual %s", num(vc$vcov[2])),
    sprintf("theta %s", num(getME(fit, "theta")[[1]])),
    sprintf("loglik %s", num(as.numeric(logLik(fit)))),
    sprintf("deviance %s", num(if (isREML(fit)) REMLcrit(fit) else deviance(fit))),
    sprintf("aic %s", num(AIC(fit))),
    sprintf("bic %s", num(BIC(fit))),
    sprintf("df_residual %d", as.integer(df.residual(fit))),
    sprintf("n_obs %d", nobs(fit)),
    sprintf("n_groups %d", ngrps(fit)[[1]]),
    sprintf("singular %d", isSingular(fit)),
    sprintf("sd_group_ci %s %s", num(prof[1, 1]), num(prof[1, 2])),
    sprintf("sigma_ci %s %s", num(prof[2, 1]), num(prof[2, 2])),
    sprintf("profile_warning %s", unique(warned)),
    sprintf("sd_group_ci_default %s %s", num(prof0[1, 1]), num(prof0[1, 2])),
    sprintf("sigma_ci_default %s %s", num(prof0[2, 1]), num(prof0[2, 2])),
    sprintf("sd_group_ci_exact %s %s", num(exact$sd_group[1]), num(exact$sd_group[2])),
    sprintf("sigma_ci_exact %s %s", num(exact$sigma[1]), num(exact$sigma[2])),
    sprintf("icc %s %s %s", num(vc$vcov[1] / (vc$vcov[1] + vc$vcov[2])),
            num(icc_t(exact$theta[1])), num(icc_t(exact$theta[2]))),
    sprintf("ranef %s %s %s", rownames(re), num(re[, 1]), num(sqrt(pv[1, 1, ]))),
    sprintf("fitted %d %s %s", rows, num(fitted(fit)), num(residuals(fit))))
}

# anova(m0, m1): both refitted by ML, as anova does for REML fits.
lrt_line <- function(fit, m0) {
  a <- suppressMessages(anova(m0, fit))
  sprintf("lrt %d %d %s %s %s %s %s %s %s %s %s %d %s", a$npar[1], a$npar[2],
          num(a$AIC[1]), num(a$AIC[2]), num(a$BIC[1]), num(a$BIC[2]),
          num(a$logLik[1]), num(a$logLik[2]), num(a$deviance[1]), num(a$deviance[2]),
          num(a$Chisq[2]), as.integer(a$Df[2]), num(a[["Pr(>Chisq)"]][2]))
}

reference <- function(name, outcome, factors = character(0), covariates = character(0),
                      group = "respondent", compare = character(0)) {
  d <- read.csv(file.path(dir, paste0(name, ".csv")), check.names = FALSE,
                stringsAsFactors = FALSE, na.strings = c("", "NA"))
  d <- d[!is.na(d[[outcome]]), ]
  mf <- model_frame(d, outcome, group, factors, covariates)
  exact <- exact_profiles(mf)
  list_or_dash <- function(x) if (length(x)) paste(x, collapse = ",") else "-"
  out <- c(sprintf("# lme4 %s, %s", packageVersion("lme4"), R.version.string),
           "# produced by: Rscript tests/data/fit/lme4_reference.R",
           sprintf("# lmer(%s ~ %s + (1 | %s), REML = TRUE / FALSE)", outcome,
                   if (length(c(factors, covariates))) paste(c(factors, covariates), collapse = " + ") else "1", group),
           sprintf("spec %s %s %s %s", outcome, list_or_dash(factors),
                   list_or_dash(covariates), group),
           sprintf("compare %s", list_or_dash(compare)))
  m0 <- NULL
  if (length(compare)) {
    form0 <- update(mf$form, paste(". ~ . -", paste(mf$terms[compare], collapse = " - ")))
    m0 <- lmer(form0, data = mf$m, REML = FALSE)
  }
  for (reml in c(TRUE, FALSE)) {
    fit <- lmer(mf$form, data = mf$m, REML = reml)
    out <- c(out, fit_lines(fit, mf, exact))
    if (!is.null(m0))
      out <- c(out, lrt_line(fit, m0))
  }
  writeLines(out, file.path(dir, paste0(name, ".lme4.txt")))
}

reference("balanced", "tailor", c("support-needs", "heavy", "support"), compare = "support")
reference("unbalanced", "tailor", c("support-needs", "heavy", "support"), "years",
          compare = "years")
reference("single", "tailor", "heavy")
reference("missing-level", "tailor", c("support-needs", "heavy", "support"))
reference("boundary", "tailor", "support-needs")
reference("sleepstudy", "Reaction", covariates = "Days", group = "Subject", compare = "Days")
reference("dyestuff", "Yield", group = "Batch")
reference("dyestuff2", "Yield", group = "Batch")
reference("ergostool", "effort", "Type", group = "Subject", compare = "Type")
reference("chickweight", "weight", "Diet", "Time", group = "Chick", compare = "Diet")
