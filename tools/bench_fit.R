# bench_fit.R -- lme4's side of tools/bench_fit.sh: reads the CSV, fits
# lmer(tailor ~ support-needs + heavy + support + (1 | respondent)) by REML,
# prints timings and the estimates as "key value" lines, and writes the
# conditional modes (ranef, after the timing) to RANEF.csv.
#   Rscript tools/bench_fit.R DATA.csv RANEF.csv
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
t_read <- system.time({
  d <- read.csv(path, check.names = FALSE, stringsAsFactors = FALSE,
                na.strings = c("", "NA"))
  d <- d[!is.na(d$tailor), ]
  ob <- d[["support-needs"]]
  m <- data.frame(y = d$tailor, g = factor(d$respondent),
                  ob = factor(ob, levels = sort(unique(ob))),
                  hv = factor(d$heavy, levels = sort(unique(d$heavy))),
                  sup = factor(d$support, levels = sort(unique(d$support), method = "radix")))
})[["elapsed"]]
t_fit <- system.time(fit <- lmer(y ~ ob + hv + sup + (1 | g), data = m, REML = TRUE))[["elapsed"]]
vc <- as.data.frame(VarCorr(fit))
cat(sprintf("read_seconds %.3f\nfit_seconds %.3f\n", t_read, t_fit))
cat(sprintf("fixed %.17g\n", fixef(fit)), sep = "")
cat(sprintf("var_group %.17g\nvar_residual %.17g\nloglik %.17g\nn_obs %d\n",
            vc$vcov[1], vc$vcov[2], as.numeric(logLik(fit)), nobs(fit)))
re <- ranef(fit)$g
write.csv(data.frame(group = rownames(re), mode = sprintf("%.17g", re[, 1])), args[2],
          row.names = FALSE, quote = FALSE)
