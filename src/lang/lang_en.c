/*
 * lang_en.c -- English: every string a person reads (lang.h).  Option help
 * is in the commands' option tables.
 */
#include "draagkracht/lang/lang.h"

const char *const dk_strings_en[DK_NSTR] = {
    [DKS_OUT_MOTIVATE] = "motivate all pupils",
    [DKS_OUT_INSTRUCTION] = "extra instruction",
    [DKS_OUT_ENERGY] = "own energy",
    [DKS_OUT_CALM] = "calm environment",
    [DKS_OUT_TAILOR] = "tailor to needs",
    [DKS_OUT_ASSISTANT] = "assistant in class",
    [DKS_OUT_EXTRA_TEACHER] = "extra teacher in class",
    [DKS_OUT_SPEC_IN] = "specialist in class",
    [DKS_OUT_SPEC_OUT] = "specialist outside class",
    [DKS_OUT_FACILITY] = "in-school facility",
    [DKS_OUT_COACHING] = "coaching and advice",
    [DKS_SUP_NONE] = "none",
    [DKS_SUP_ASSISTANT] = "assistant",
    [DKS_SUP_EXTRA_TEACHER] = "extra-teacher",
    [DKS_SUP_SPECIALIST] = "specialist",
    [DKS_SUP_FACILITY] = "facility",
    [DKS_EXP_ALL] = "all",
    [DKS_EXP_NOVICE] = "novice",
    [DKS_EXP_EXPERIENCED] = "experienced",
    [DKS_LEVEL_ALL] = "all levels",
    [DKS_LEVEL_VMBO] = "vmbo",
    [DKS_LEVEL_HAVO_VWO] = "havo-vwo",
    [DKS_N_SCHOOL] = "%ld school",
    [DKS_N_SCHOOLS] = "%ld schools",
    [DKS_N_POP] = "%ld population",
    [DKS_N_POPS] = "%ld populations",
    [DKS_N_CLASS] = "%ld class",
    [DKS_N_CLASSES] = "%ld classes",
    [DKS_N_ROW] = "%ld row",
    [DKS_N_ROWS] = "%ld rows",
    [DKS_N_MEMBER] = "%ld ensemble member",
    [DKS_N_MEMBERS] = "%ld ensemble members",

    [DKS_HELP_TAGLINE] = "how well can teachers still do their work, and what support will they need?",
    [DKS_HELP_USAGE] = "usage:",
    [DKS_HELP_SYNOPSIS] = "<command> [options]",
    [DKS_HELP_COMMANDS] = "commands:",
    [DKS_HELP_GLOBAL] = "global options:\n  --help      this text; 'draagkracht <command> --help' for a "
                        "command\n  --version   program version and model id\n  --lang LANG "
                        "en or nl (default: DRAAGKRACHT_LANG, else nl when LANG is nl_*, else en)",
    [DKS_HELP_OPTIONS] = "options:",
    [DKS_HELP_LANG] = "language of what people read: en or nl (default: DRAAGKRACHT_LANG, "
                      "else the locale)",
    [DKS_HELP_HELP] = "show this help",
    [DKS_E_UNKNOWN_OPT] = "%s: unknown option '%s'%s (see 'draagkracht %s --help')",
    [DKS_E_TOO_MANY] = "%s: too many arguments",
    [DKS_E_TWICE] = "%s: option --%s given twice",
    [DKS_E_LANG_VALUE] = "%s: option --lang needs a value (en or nl)",
    [DKS_E_NEEDS_VALUE] = "%s: option --%s needs a value (%s)",
    [DKS_E_NO_VALUE] = "%s: option --%s takes no value",
    [DKS_E_WHOLE] = "%s: --%s: '%s' is not a whole number",
    [DKS_E_RANGE_LONG] = "%s: --%s: %ld is outside %ld..%ld",
    [DKS_E_NUMBER] = "%s: --%s: '%s' is not a number",
    [DKS_E_RANGE] = "%s: --%s: %g is outside %g..%g",
    [DKS_E_NO_HTML] = "%s: %s: %s writes no HTML report (table, csv or json)",
    [DKS_E_FORMAT] = "%s: --format: '%s' is not %s%s",
    [DKS_E_FORMATS] = "table, csv or json",
    [DKS_E_FORMATS_HTML] = "table, csv, json or html",
    [DKS_E_MEAN] = " (did you mean '%s'?)",
    [DKS_E_EMPTY] = "%s: %s: empty file name",
    [DKS_E_NO_COMMAND] = "draagkracht: no command given (see 'draagkracht --help')\n",
    [DKS_E_UNKNOWN_CMD] = "unknown command '%.200s'%s (see 'draagkracht --help')",

    [DKS_CAVEAT] = "The ratings are those teachers gave comparable vignette classes (classes "
                   "described in the ResearchNed survey of teachers in po, vo and mbo), not "
                   "measurements of real classes. Every interval carries the model's "
                   "uncertainty.",
    [DKS_BASIS_VIGNETTE] = "Ratings are those teachers gave comparable described classes "
                           "(vignettes, seed 001 ch. 4), not\nmeasurements of a real class; "
                           "--real-class adds an assumed shift to ratings of one's own class.\n",
    [DKS_BASIS_REAL] = "Capability includes the shift from vignette ratings to teachers' ratings "
                       "of their own class, assumed from\nspecial-education teachers (--real-class; "
                       "realclass.* in 'draagkracht model': seed 001 Table 3.20, go teachers;\n"
                       "not asked of regular teachers; range from no shift to about twice it). "
                       "Means stay on 1..5.\n",
    [DKS_BASIS_ENSEMBLE] = "Each replicate uses one member of the model's posterior ensemble, "
                           "so every interval is\nmade of parameter vectors that meet every "
                           "published reading (draagkracht model --targets).\n",
    [DKS_HOW_HEAD] = "How to read this:",
    [DKS_SOURCE] = "model %s; seed %lu; %d replicates",
    [DKS_SOURCE_DRAWS] = "model %s; seed %lu; %d parameter draws x %d teachers",
    [DKS_MADE_BY] = "Made by draagkracht %s. The same input and seed give the same report, "
                    "byte for byte.",
    [DKS_WARNINGS] = "Warnings about the input",
    [DKS_ANS1_CAP] = "1 not",
    [DKS_ANS5_CAP] = "5 very well",
    [DKS_ANS1_NEED] = "1 none",
    [DKS_ANS5_NEED] = "5 very strong",
    [DKS_GRP_LE2_CAP] = "1-2: hardly or not",
    [DKS_GRP_3_CAP] = "3: reasonably",
    [DKS_GRP_GE4_CAP] = "4-5: well",
    [DKS_GRP_LE2_NEED] = "1-2: little or none",
    [DKS_GRP_3_NEED] = "3: some",
    [DKS_GRP_GE4_NEED] = "4-5: strong",
    [DKS_AX_TEACHERS] = "share of teachers (%)",
    [DKS_AX_FTE] = "FTE (full-time staff)",
    [DKS_AX_MEAN] = "expected mean rating (1 not ... 5 very well)",
    [DKS_H_MEAN] = "mean",
    [DKS_H_INTERVAL] = "90% interval",
    [DKS_H_LE2] = "teachers at <= 2",
    [DKS_H_GE4] = "teachers at >= 4",
    [DKS_H_FTE] = "FTE",
    [DKS_H_CLASS] = "class",
    [DKS_H_ASPECT] = "aspect",
    [DKS_H_FORM] = "form of support",
    [DKS_RANGE_TO] = "%s to %s",
    [DKS_ABOUT_HEAD] = "How this was computed",
    [DKS_EMBEDDED] = "(embedded scenario %s)",
    [DKS_CLASSES_FROM] = "%s with the classes of %s",
    [DKS_ABOUT_TO_WRITE] = "draagkracht %s: about %s to write to %s\n",

    [DKS_SIM_HEAD] = "%s: %s, %s; model %s; %d replicates, seed %lu\n",
    [DKS_SIM_SCHOOL] = "School %s (%s, %s)",
    [DKS_SIM_POP] = "Population %s (%s, %ld classes drawn per replicate%s)",
    [DKS_SIM_POP_ASNOW] = "; support as now, Table 3.15",
    [DKS_SIM_ALL] = "All (%d schools, %d populations)",
    [DKS_SIM_T_CAP] = "Capability (1..5)",
    [DKS_SIM_T_NEED] = "Support need (1..5)",
    [DKS_SIM_T_LE2] = "teachers <=2 (90%)",
    [DKS_SIM_T_GE4] = "teachers >=4 (90%)",
    [DKS_SIM_T_FTE] = "FTE (90%)",
    [DKS_SIM_T_COLS] = "class|size|ob|heavy|support|motiv|instr|energ|calm|tailr|tailor<=2|assist>=4",
    [DKS_SIM_T_NOTE] = "mean: expected rating; 90%: over parameter uncertainty; teachers <=2 / "
                       ">=4: share of teachers\n(one per class) answering so; FTE: what their "
                       "strong need would take if that form alone were\nthe answer, at the "
                       "assumed hours per form: alternatives, not to be added up.\n",
    [DKS_SIM_TITLE] = "%s: what teachers can still do, and the support they need",
    [DKS_SIM_TITLE_SCHOOL] = "%s: what its teachers can still do, and the support they need",
    [DKS_SIM_LEAD_CAP] = "Hardest: %s. %s of the teachers (one per class) would say they can "
                         "hardly or not do it (90%% interval %s).",
    [DKS_SIM_LEAD_NEED] = "Strongest need: %s. %s of the teachers would rate their need for it "
                          "4 or 5; that strong need adds up to %s FTE (90%% interval %s).",
    [DKS_CAP_TITLE] = "Hardest: %s, %s of teachers at 1 or 2; least hard: %s, %s",
    [DKS_SIM_CAP_HOW] = "Each bar is one aspect of the work: how the teachers (one per class) "
                        "would answer \"can you still do this?\", from 1 (not) to 5 (very well). "
                        "The black line ends the share answering 1 or 2; its whisker is the 90% "
                        "interval of that share over the model's uncertainty; the number right "
                        "of the bar is that share and its interval.",
    [DKS_NEED_TITLE] = "Strongest need: %s, %s of teachers at 4 or 5",
    [DKS_SIM_NEED_HOW] = "Each bar is one form of support: how strongly the teachers (one per "
                         "class) would need it, from 1 (not) to 5 (very strongly). The black line "
                         "starts the share answering 4 or 5, a strong need; its whisker and the "
                         "number right of the bar give that share's 90% interval.",
    [DKS_SIM_FTE_TITLE] = "The strong need for %s adds up to %s FTE (90%% interval %s)",
    [DKS_SIM_FTE_HOW] = "The staff the teachers' strong need (4 or 5) implies, at the hours the "
                        "model assumes per form (an assistant or extra teacher 15 hours a week "
                        "per class, 40 hours per FTE). The forms are alternatives: do not add "
                        "them up. Whiskers: 90% interval.",
    [DKS_SIM_HEAT_TITLE] = "Lowest class mean: %s in %s (%s)",
    [DKS_SIM_HEAT_HOW] = "Each cell is a class's expected mean rating of one aspect, from 1 "
                         "(not) to 5 (very well): red below 3, blue above.",
    [DKS_SIM_HEAT_ROWS] = "class",
    [DKS_SIM_SPREAD_TITLE] = "%s: in %s of the classes the typical teacher would answer 1 or 2 "
                             "(expected rating below 2.5)",
    [DKS_SIM_SPREAD_HOW] = "The population's classes, drawn afresh in every replicate, by the "
                           "expected rating of their teacher on the aspect where it is hardest, "
                           "in steps of %s: how the pressure spreads over the classes. Bars left "
                           "of the line (2.5) are classes whose typical teacher would answer 1 "
                           "or 2; one teacher's own answer varies around it.",
    [DKS_AX_CLASSES] = "share of the classes (%)",
    [DKS_SIM_CLASS_TITLE] = "Hardest to %s in %s: %s of teachers at 1 or 2",
    [DKS_SIM_CLASS_HOW] = "The classes in order of the share of teachers who would answer 1 or "
                          "2 on the school's hardest aspect. With one teacher per class, a "
                          "class's share is the chance that its teacher answers so.",
    [DKS_SIM_CLASS_TABLE] = "The classes",
    [DKS_SIM_H_PUPILS] = "pupils",
    [DKS_SIM_H_OB] = "with a support need",
    [DKS_SIM_H_HEAVY] = "of whom heavy",
    [DKS_SIM_H_SUPPORT] = "support",
    [DKS_SIM_H_TAILOR_LE2] = "tailor: teachers at \xe2\x89\xa4\xc2\xa0" "2",
    [DKS_SIM_H_ASSIST_GE4] = "assistant: teachers at \xe2\x89\xa5\xc2\xa0" "4",
    [DKS_SIM_ABOUT] = "Each replicate draws every model parameter from its plausible range, "
                      "then one teacher per class: the expected rating plus a between-teacher "
                      "and a residual term, rounded to an answer 1 to 5. The shares are over "
                      "replicates and classes; the intervals are the 5th and 95th percentiles "
                      "over the replicates. The model's effects are calibrated to the published "
                      "results of the vignette study; outside its studied range (class size, "
                      "pupils with a support need) they are extrapolated.",

    [DKS_PRED_HEAD] = "%s class of %g pupils, %g with a support need, %g of them heavy; support: %s",
    [DKS_PRED_EXP] = "; %s teachers",
    [DKS_PRED_RUN] = "model %s, %d parameter draws x %d teachers, seed %lu",
    [DKS_WARNING] = "warning: %s",
    [DKS_CW_SUPPORT_NEEDS] = "support-needs %g is %g outside the studied range %d..%d for %s; "
        "the effect is extrapolated linearly from the nearest vignette levels (means stay "
        "expected answers on 1..5)",
    [DKS_CW_HEAVY] = "heavy %g is %g above the studied maximum %d for %s; the effect is "
        "extrapolated linearly from the last two vignette levels (means stay expected answers "
        "on 1..5)",
    [DKS_CW_CLASS_SIZE] = "class-size %g is %g outside %d..%d, the range the survey's size bins "
        "describe (seed 001 Table 7.2); the assumed class-size effect is extrapolated (means "
        "stay expected answers on 1..5)",
    [DKS_CW_EXPERIENCE] = "experience applies to po only (seed 001 L2835-2837); ignored for %s",
    [DKS_CW_LEVEL] = "level applies to vo only (seed 001 L2858-2859); ignored for %s",
    [DKS_CW_AT] = "%.40s:%d: class %.40s: ",
    [DKS_WARN_STDERR] = "draagkracht: warning: %s\n",
    [DKS_PROGRESS] = "\rdraagkracht %s: %.0f/%.0f %s (%.0f%%), %s/s, about %.0f s left ",
    [DKS_PROGRESS_DONE] = "\rdraagkracht %s: %.0f/%.0f %s in %.1f s, %s/s%20s\n",
    [DKS_UNIT_REPLICATES] = "replicates",
    [DKS_UNIT_SCENARIOS] = "scenarios",
    [DKS_PRED_T_CAP] = "Capability (1 not..5 very well)",
    [DKS_PRED_T_NEED] = "Support need (1 none..5 very strong)",
    [DKS_PRED_T_MEAN90] = "mean 90%",
    [DKS_PRED_T_TEACHER90] = "teacher 90%",
    [DKS_PRED_T_AT] = "teachers at 1 2 3 4 5",
    [DKS_PRED_TITLE] = "One %s class of %s pupils: what its teachers can still do, and the "
                       "support they need",
    [DKS_PRED_CAP_HOW] = "Each bar is one aspect of the work: the share of teachers answering "
                         "each of 1 (not) to 5 (very well) to \"can you still do this?\". The "
                         "black line ends the share at 1 or 2; its whisker is the 90% interval "
                         "of that share over the model's uncertainty; the number right of the "
                         "bar is that share and its interval.",
    [DKS_PRED_NEED_HOW] = "Each bar is one form of support: the share of teachers answering each "
                          "of 1 (no need) to 5 (a very strong need). The black line starts the "
                          "share at 4 or 5, a strong need; its whisker and the number right of "
                          "the bar give that share's 90% interval over the model's uncertainty.",
    [DKS_PRED_MEAN_TITLE] = "Expected mean rating from %s (%s) to %s (%s)",
    [DKS_PRED_MEAN_HOW] = "The dot is the expected mean rating of an aspect, the whisker its "
                          "90% interval over the model's uncertainty (not over teachers, who "
                          "differ much more).",
    [DKS_PRED_TABLE] = "All numbers",
    [DKS_PRED_H_TEACHER90] = "one teacher, 90%",
    [DKS_PRED_ABOUT] = "Each parameter draw takes every model parameter from its plausible "
                       "range; each teacher then answers the expected rating plus a "
                       "between-teacher and a residual term, rounded to 1 to 5. Shares are over "
                       "draws and teachers; the mean's interval is the 5th to 95th percentile "
                       "over draws.",

    [DKS_OBJ_MEAN_TEXT] = "mean capability over classes (higher is better)",
    [DKS_OBJ_HARDLY_TEXT] = "classes where some aspect's mean falls below the threshold (lower is better)",
    [DKS_OBJ_WORST_TEXT] = "capability of the worst class (higher is better)",
    [DKS_AX_OBJ_MEAN] = "mean capability over classes (1 not ... 5 very well)",
    [DKS_AX_OBJ_HARDLY] = "classes where some aspect's mean is below the threshold",
    [DKS_AX_OBJ_WORST] = "capability of the worst class (1 not ... 5 very well)",
    [DKS_ALL_ASPECTS] = "all aspects",
    [DKS_PLAN_HEAD] = "Plan for %s (%s, %s): ",
    [DKS_PLAN_BUDGET_EUR] = "budget %.0f euro a year",
    [DKS_PLAN_BUDGET_FTE] = "budget %.2f FTE (%.1f hours a week)",
    [DKS_PLAN_OBJECTIVE] = "objective: %s; %s",
    [DKS_PLAN_THRESHOLD] = "; threshold %.2f",
    [DKS_PLAN_UNIT_COSTS] = "unit costs (FTE):",
    [DKS_PER_SCHOOL] = " per school",
    [DKS_PER_CLASS] = " per class,",
    [DKS_PLAN_MODEL] = "model %s; %d replicates shared by all plans, seed %lu\n",
    [DKS_PLAN_T_HEAD] = "rank|cost FTE|euro/year|objective (90%)|vs baseline (90%)",
    [DKS_PLAN_BASELINE] = "baseline",
    [DKS_PLAN_BEST] = "best",
    [DKS_PLAN_FACILITY] = "facility for the school",
    [DKS_PLAN_NOTHING] = "nothing added",
    [DKS_PLAN_BEATS] = "  The best plan beats the runner-up in %.0f%% of replicates (ties %.0f%%, "
                       "loses %.0f%%).\n",
    [DKS_PLAN_NOT_EXACT] = "  Not exact: the cost grid was coarsened; the true optimum is at most "
                           "%.4f better.\n",
    [DKS_PLAN_EXACT] = "  Exact: no plan within the budget scores better on these replicates.\n",
    [DKS_PLAN_NOTHING_FITS] = "  Nothing on the menu fits the budget: the answer is the baseline.\n",
    [DKS_PLAN_PER_CLASS] = "Best plan, per class (capability: class mean 1..5; gain/FTE: objective "
                           "gain of the class's form per FTE;\ndemand: FTE the teachers' strong "
                           "need implies -- the same under every plan, as support was varied\nonly "
                           "in the capability vignettes; the demand vignettes varied only the "
                           "pupils, seed 001 L2696-2701;\nchosen: share of the replicates' own "
                           "optima that make the same choice for the class)\n",
    [DKS_PLAN_T_CLASSES] = "class|adds|FTE|gain/FTE|motiv|instr|energ|calm|tailr|demand|chosen",
    [DKS_PLAN_FACILITY_LINE] = "  facility for the school: %.2f FTE, objective gain %.3f per FTE\n",
    [DKS_PLAN_DEMAND] = "  remaining support demand of the school: %.2f FTE (90%%: %.2f-%.2f)\n",
    [DKS_PLAN_BASELINE_CLASSES] = "Baseline, per class\n",
    [DKS_PLAN_CURVE] = "Budget curve: the best plan at each budget (%s)",
    [DKS_EURO_YEAR] = "euro a year",
    [DKS_PLAN_T_CURVE] = "budget|objective|cost|plan",
    [DKS_PLAN_TITLE] = "Plan for %s: where %s does most good",
    [DKS_PLAN_BUDGET_WORDS_FTE] = "%s FTE",
    [DKS_PLAN_BUDGET_WORDS_EUR] = "%s euro a year",
    [DKS_PLAN_LEAD] = "The best plan: %s. It costs %s FTE and moves the objective from %s (doing "
                      "nothing) to %s: %s, 90%% interval %s.",
    [DKS_PLAN_LEAD_BEATS] = "It beats the runner-up in %s of the replicates.",
    [DKS_PLAN_PLANS_TITLE] = "The best plan scores %s (90%% interval %s); doing nothing, %s",
    [DKS_PLAN_PLANS_HOW] = "Each row is a plan, the best first and doing nothing last: the dot is "
                           "the objective expected over the replicates, the whisker its 90% "
                           "interval over the model's uncertainty. All plans are scored on the "
                           "same replicates; the next chart compares them replicate by replicate.",
    [DKS_PLAN_GAIN_TITLE] = "Against doing nothing, the best plan changes the objective by %s "
                            "(90%% interval %s)",
    [DKS_PLAN_GAIN_HOW] = "Each plan's difference from doing nothing, replicate by replicate (the "
                          "same parameter draws for every plan), so its interval is much "
                          "narrower than the plans' own intervals.",
    [DKS_PLAN_CURVE_TITLE] = "The budget curve: from %s with no budget to %s at %s",
    [DKS_PLAN_CURVE_HOW] = "The objective of the best plan at each budget step: where the next "
                           "step of the budget goes. The line steps up where a better plan "
                           "becomes affordable.",
    [DKS_AX_BUDGET_FTE] = "budget (FTE)",
    [DKS_AX_BUDGET_EUR] = "budget (euro a year)",
    [DKS_AX_GAIN_MEAN] = "change against doing nothing (points of mean capability)",
    [DKS_AX_GAIN_HARDLY] = "change against doing nothing (classes below the threshold)",
    [DKS_AX_GAIN_WORST] = "change against doing nothing (points, the worst class)",
    [DKS_PLAN_TABLE_HEAD] = "The plans",
    [DKS_PLAN_H] = "rank|cost (FTE)|euro a year|objective (90% interval)|against doing nothing "
                   "(90% interval)|what it adds",
    [DKS_PLAN_CLASSES_TITLE] = "Under the best plan, %s remains hardest: mean capability %s",
    [DKS_PLAN_CLASSES_HOW] = "Each class's mean capability (over the objective's aspects) under the "
                             "best plan; right of the bar, what the plan adds to the class.",
    [DKS_PLAN_CLASS_TABLE] = "What each class gets",
    [DKS_PLAN_H_CLASSES] = "class|adds|FTE|objective gain per FTE|mean capability|support demand (FTE)",
    [DKS_PLAN_ABOUT] = "Every plan is scored on the same replicates of the model's parameters; "
                       "teachers are integrated out exactly, so the only noise is the parameters'. "
                       "Unit costs are the model's assumed hours per form over the hours of an "
                       "FTE. Support demand does not depend on the plan: the demand vignettes "
                       "varied only the pupils.",
    [DKS_PLAN_HEAD_BOARD] = "Plan for %s under one budget (%s): ",
    [DKS_PLAN_TIES] = "ties: %s (--prefer %s)\n",
    [DKS_PLAN_TIES_CHEAPER] = "the cheaper plan first, then the better secondary score",
    [DKS_PLAN_TIES_MEAN] = "the better secondary score first, then the cheaper plan",
    [DKS_SEC_MEAN] = "mean",
    [DKS_SEC_HARDLY] = "classes at 'hardly'",
    [DKS_PLAN_SAME_FOR] = "  The same result for %s: %s (%s %.3f against %.3f; --prefer cheaper "
                         "ranks it first).\n",
    [DKS_PLAN_REACHES] = "  No plan within the budget does better on the objective: the best "
                        "plan reaches it for %s of the %s.\n",
    [DKS_PLAN_SPENDING] = "  Spending %s reaches the same objective with %s %.3f against %.3f "
                         "(--prefer mean ranks it first): %s.\n",
    [DKS_PLAN_SURE_HEAD] = "How sure: each replicate's own optimum (the best plan on that "
                          "replicate's parameters, the same budget and ties)\n",
    [DKS_PLAN_SURE_REACH] = "  The best plan reaches the replicate's optimum in %.0f%% of "
                           "replicates.\n",
    [DKS_PLAN_ROBUST_LIST] = "  Robust (the same choice in >= %.0f%% of the optima), %d: %s\n",
    [DKS_PLAN_FLIPS_LIST] = "  Coin flips (less often), %d: %s\n",
    [DKS_PLAN_LIST_NONE] = "none",
    [DKS_PLAN_NO_FACILITY] = "no facility",
    [DKS_PLAN_ROBUST_WORD] = "robust",
    [DKS_PLAN_FLIP_WORD] = "coin flip",
    [DKS_PLAN_DEMAND_BOARD] = "  remaining support demand of the schools: %.2f FTE (90%%: "
                             "%.2f-%.2f)\n",
    [DKS_PLAN_SPLIT] = "Split of the budget over the schools (spent in %s; next: what %s more "
                      "in that school alone, the others as they are, adds to the objective "
                      "and to the secondary score, %s)\n",
    [DKS_PLAN_T_SPLIT] = "school|sector|classes|spent|share|objective|baseline|next",
    [DKS_PLAN_NEXT_MEAN] = "next mean",
    [DKS_PLAN_NEXT_HARDLY] = "next hardly",
    [DKS_PLAN_SURE_PAGE] = "Each replicate has its own best plan (the same budget and ties): the "
                          "best plan is one of them in %s of the replicates; %d of its choices "
                          "are robust (made in at least %.0f%% of those optima), %d are coin "
                          "flips.",
    [DKS_PLAN_SPLIT_HEAD] = "The budget over the schools",
    [DKS_PLAN_H_SPLIT] = "school|classes|spent|objective|doing nothing|next step: change in the "
                        "objective",

    [DKS_CMP_HEAD] = "%s: %s (%s); model %s; %d replicates, seed %lu\n",
    [DKS_CMP_T_SUMMARY] = "Variant vs baseline|cost FTE (90%)|tailor <=2 pp|instruction <=2 pp|"
                          "FTE per pp tailor",
    [DKS_NA] = "n/a",
    [DKS_CMP_T_LEVEL] = "mean (90%)|teachers <=2 (90%)|teachers <=2",
    [DKS_CMP_T_CHANGE] = "change in mean (90%)|change <=2, pp (90%)|change in teachers",
    [DKS_CMP_T_DEMAND] = "Support demand (FTE)",
    [DKS_CMP_T_DEMAND_CHANGE] = "change in FTE (90%)",
    [DKS_CMP_COST_TEACHERS] = "  cost: class teachers for %s: %.1f FTE (90%%: %.1f..%.1f)\n",
    [DKS_CMP_COST_FORM] = "  cost: %s for %s: %.1f FTE (90%%: %.1f..%.1f)\n",
    [DKS_WORD_SCHOOLS] = "schools",
    [DKS_WORD_CLASSES] = "classes",
    [DKS_CMP_GIVEN] = "  %s to (share of replicates): ",
    [DKS_CMP_GIVEN_MORE] = ", and %d more classes",
    [DKS_CMP_NOT_NAMED] = "Which classes a variant gives a form is listed for up to %d classes of "
                          "schools; this run has %d.\n",
    [DKS_WORD_SCHOOL] = "school",
    [DKS_WORD_CLASS] = "class",
    [DKS_CMP_COST_ALL] = "  cost in all: %.1f FTE (90%%: %.1f..%.1f)",
    [DKS_CMP_COST_EUR] = ", EUR %.2f million a year (%.2f..%.2f)",
    [DKS_CMP_CE_TAILOR] = "  FTE per pp fewer teachers at <=2:  tailor",
    [DKS_CMP_CE_INSTR] = "   instruction",
    [DKS_CMP_RANKING] = "Ranking by %s (%s): improvement on the baseline, and how often\n"
                        "each variant is the best of all variants over the replicates\n",
    [DKS_CRIT_LE2] = "percentage points fewer teachers at <= 2",
    [DKS_CRIT_MEAN] = "rise in the mean rating",
    [DKS_CRIT_LE2_FTE] = "percentage points fewer teachers at <= 2 per FTE",
    [DKS_CRIT_MEAN_FTE] = "rise in the mean rating per FTE",
    [DKS_CMP_SAVES] = " %9s   (saves FTE or costs nothing in some replicates)\n",
    [DKS_CMP_BEST_IN] = " %+9.4f   best in %5.1f%%\n",
    [DKS_CMP_TOP] = "  The top variant is truly the best in %.1f%% of the replicates.\n",
    [DKS_CMP_BASELINE] = "Baseline: %s\n",
    [DKS_CMP_VARIANT] = "Variant: %s\n",
    [DKS_CMP_NOTE] = "All variants are rated on the same classes and parameters in each "
                     "replicate; 90%: over the\nmodel's uncertainty and the classes drawn for "
                     "populations (a school's classes are the\nsame in every replicate). "
                     "Teachers: one per class. Demand does not\ndepend on support in the model "
                     "(form-2 vignettes varied only pupils, seed 001 L2696-2701):\nit changes "
                     "only with class size. FTE per pp: cost / percentage points fewer teachers "
                     "at <= 2\n(n/a when a variant does not lower the share in every replicate "
                     "for an interval, or at all).\n",
    [DKS_RULE_RANDOM] = "at random",
    [DKS_RULE_TARGETED] = "most heavy-need pupils first",
    [DKS_RULE_ASNOW] = "as the survey's current availability (Table 3.15)",
    [DKS_RULE_EVERY] = "",
    [DKS_RULE_SIZE] = "class size %+d pupils, the same pupils in more (fewer) classes with the "
                      "same support (assumed effect per pupil:",
    [DKS_RULE_SIZE_PARAM] = " %s %.3f, range %.3f..%.3f;",
    [DKS_RULE_FACILITY] = "a facility in every school",
    [DKS_RULE_MIN_SCHOOL] = " of at least %d classes",
    [DKS_RULE_SHARE] = "%s to %s%% of the %s, %s",
    [DKS_RULE_IN] = ", in %s only",
    [DKS_CMP_TITLE] = "%s: what each variant buys, and at what cost",
    [DKS_CMP_LEAD] = "Ranked by %s: %s comes first, and is the best of all variants in %s of "
                     "the replicates.",
    [DKS_CMP_FOREST_TITLE] = "%s lowers the share of teachers at 1 or 2 (%s) most: %s percentage "
                             "points (90%% interval %s)",
    [DKS_CMP_FOREST_NONE] = "No variant lowers the share of teachers at 1 or 2 (%s)",
    [DKS_CMP_FOREST_HOW] = "Each variant's change against the baseline in the share of teachers "
                           "(one per class) who would answer 1 or 2, in percentage points: left "
                           "of the line is better. All variants are rated on the same "
                           "classes and parameters, so their differences are policy, not chance. "
                           "Whiskers: 90% interval.",
    [DKS_AX_PP] = "change in teachers at 1 or 2 (percentage points)",
    [DKS_CMP_CE_TITLE] = "Cost against effect: %s buys a percentage point for least, %s FTE",
    [DKS_CMP_CE_NONE] = "Cost against effect of each variant",
    [DKS_CMP_CE_HOW] = "Each point is a variant: to the right costs more, further down means "
                       "fewer teachers at 1 or 2. Lines: 90% intervals. The best buys sit low "
                       "and to the left.",
    [DKS_AX_COST] = "cost (FTE)",
    [DKS_CMP_PBEST_TITLE] = "%s is the best variant in %s of the replicates",
    [DKS_CMP_PBEST_HOW] = "How often each variant is the best of all on the criterion (%s), over "
                          "the replicates of the model's uncertainty (and of the classes drawn for "
                          "populations).",
    [DKS_AX_PBEST] = "replicates in which it is the best (%)",
    [DKS_CMP_TABLE] = "The variants",
    [DKS_CMP_H] = "variant|cost, FTE (90%)|tailor: change at 1 or 2, pp (90%)|instruction: "
                  "change at 1 or 2, pp (90%)|FTE per pp fewer (tailor)",
    [DKS_CMP_RULES] = "What each variant does",
    [DKS_CMP_ABOUT] = "Each replicate draws the model's parameters and the baseline's classes "
                      "once, then applies every variant to those same classes with the same "
                      "random numbers; teachers are integrated out exactly. Costs are the model's "
                      "assumed hours per form over the hours of an FTE; a class-size change "
                      "costs or saves class teachers. Support demand does not depend on support "
                      "in the model: it changes only with class size.",

    [DKS_SWP_SOBOL_HEAD] = "Sobol indices: Jansen estimators on a Saltelli design, %ld base rows x "
                           "(%d %s + 2) = %ld rows;\n95%% intervals from %ld bootstrap resamples "
                           "of the base rows (seed %ld). Largest total effect first.\n",
    [DKS_SWP_MORRIS_HEAD] = "Morris elementary effects: %ld trajectories x (%d %s + 1) = %ld "
                            "rows;\neffects per unit of each factor's range. Largest mu* first.\n",
    [DKS_WORD_FACTOR] = "factor",
    [DKS_WORD_FACTORS] = "factors",
    [DKS_SWP_T_SOBOL] = "factor|S1|95%|ST|95%",
    [DKS_SWP_T_MORRIS] = "factor|mu*|mu|sigma",
    [DKS_SWP_TITLE_SOBOL] = "Which inputs matter: Sobol indices of %d factors for %d responses",
    [DKS_SWP_TITLE_MORRIS] = "Which inputs matter: Morris screening of %d factors for %d responses",
    [DKS_SWP_S_TITLE] = "%s: %s explains most of its variance (total effect %s, 95%% interval %s)",
    [DKS_SWP_S_HOW] = "Per factor, the dark bar is its total effect ST: the share of the "
                      "response's variance that would go if the factor were fixed, its "
                      "interactions included; the light bar below is its first-order effect S1, "
                      "the share it explains alone. Whiskers: 95%% bootstrap intervals. The %d "
                      "factors with the largest ST; all are in the table below.",
    [DKS_AX_SHARE_VAR] = "share of the response's variance",
    [DKS_SWP_FIRST] = "first order %s",
    [DKS_SWP_M_TITLE] = "%s: %s moves it most (mu* %s)",
    [DKS_SWP_M_HOW] = "Each point is a factor: further right, a larger mean absolute effect "
                      "(mu*) over the factor's range; higher up, a wider spread of its effects "
                      "(sigma), from interactions or curvature. Factors near the corner hardly "
                      "matter.",
    [DKS_AX_MU] = "mu*: mean absolute effect over the factor's range (in the response's unit)",
    [DKS_AX_SIGMA] = "sigma: spread of the effects (in the response's unit)",
    [DKS_SWP_SOURCE] = "model %s; design seed %lu",
    [DKS_SWP_SOURCE_TEST] = "test function %s instead of the model; design seed %lu",
    [DKS_SWP_SOURCE_ROWS] = "rows of %s (model and design seed: those of the sweep that wrote them)",
    [DKS_SWP_TABLE] = "All indices",
    [DKS_SWP_ANALYTIC_ISHIGAMI] = "\nanalytic (Ishigami a = %g, b = %g): S1",
    [DKS_SWP_ANALYTIC] = "\nanalytic (%s): S1",
    [DKS_UNTIL_HEAD] = "--until-ci %g: %s at n = %ld base rows",
    [DKS_UNTIL_MET] = "met",
    [DKS_UNTIL_NOT_MET] = "not met",
    [DKS_UNTIL_DOUBLED] = " (doubled from %ld, %d rounds)",
    [DKS_UNTIL_MAX] = ", the most --max-n allows",
    [DKS_UNTIL_WIDEST] = "; the widest 95%% interval is %.4f (%s of %s on %s)",
    [DKS_UNTIL_NEXT] = ". Run the design with --n %ld next (its first rows are these)%s",
    [DKS_UNTIL_RATE] = "; at this rate it needs about n = %ld.",
    [DKS_SWP_ABOUT_SOBOL] = "Each response was computed on a Saltelli design: two independent "
                            "base samples and, per factor, the first with that factor's column "
                            "from the second. Jansen's estimators give the first-order and total "
                            "indices; resampling the base rows gives their intervals. The indices "
                            "describe the model over the ranges of the sweep, not the world.",
    [DKS_SWP_ABOUT_MORRIS] = "Each trajectory moves one factor at a time across its range; the "
                             "elementary effects of a factor are averaged (mu*, in absolute value) "
                             "and their spread measured (sigma). A screening: it ranks factors, it "
                             "does not split the variance.",

    [DKS_FIT_TITLE] = "Effect sizes fitted to %s",
    [DKS_FIT_META] = "%ld rows read, %ld without any outcome (left out); %s intervals: fixed "
                     "effects Wald, standard deviations and ICC profile likelihood",
    [DKS_FIT_SUBSET] = "%s (%s = %s)",
    [DKS_FIT_FIX_TITLE] = "%s: the largest effect is %s, %s (%s interval %s)",
    [DKS_FIT_FIX_HOW] = "Each row is a fixed effect against its reference level (%s): the dot "
                        "is the estimate, the whisker its Wald interval, in points on the answer "
                        "scale 1 to 5.",
    [DKS_AX_EFFECT] = "effect (points on the 1..5 scale)",
    [DKS_FIT_VAR_TITLE] = "Respondents differ by %s (SD), answers of one respondent by %s: ICC %s",
    [DKS_FIT_VAR_HOW] = "The standard deviation between respondents (their random intercept) and "
                        "within them (the residual), with profile-likelihood intervals; the ICC "
                        "is the share of the variance that lies between respondents.",
    [DKS_FIT_H_BETWEEN] = "between respondents (%s)",
    [DKS_FIT_H_WITHIN] = "within a respondent (residual)",
    [DKS_AX_SD] = "standard deviation (points)",
    [DKS_FIT_MODEL_TITLE] = "Fitted against the model in use: %d of %d parameters outside its range",
    [DKS_FIT_MODEL_HOW] = "Per model parameter this fit estimates: the blue dot and whisker are "
                          "the fitted value and its 90% interval (1.645 standard errors), the "
                          "grey row below it the model's plausible range; both as differences "
                          "from the model's value, so zero is the model.",
    [DKS_FIT_MODEL_NONE] = "This fit is not compared with the model: %s",
    [DKS_AX_VS_MODEL] = "fitted minus the model's value (points)",
    [DKS_FIT_T_HEAD] = "term|estimate|std. error|t value|lower|upper",
    [DKS_FIT_FORMULA] = "formula: %s",
    [DKS_FIT_ABOUT] = "One random-intercept mixed model per outcome (and per value of --by), "
                      "fitted by REML (or ML) as lme4 does; fixed effects are dummy-coded "
                      "against each factor's reference level. Intervals of the fixed effects "
                      "are Wald intervals, those of the standard deviations and the ICC come "
                      "from the profile likelihood.",
    [DKS_FIT_SOURCE] = "data %s; compared with model %s; no random draws (the same data give the "
                       "same report)",
    [DKS_FIT_SOURCE_DATA] = "data %s; no random draws (the same data give the same report)",
    [DKS_FIT_T_DATA] = "data: %s: %ld rows read, %ld without any outcome (left out)\n",
    [DKS_FIT_T_INTERVALS] = "intervals: %.4g %%; fixed effects Wald; standard deviations and ICC "
                            "profile likelihood (ML, as lme4's confint)\n",
    [DKS_FIT_T_WHAT] = "\n%s: %s, %ld observations in %ld groups (%s); %s without a value left "
                       "out\n  formula: ",
    [DKS_FIT_T_REF] = "  reference levels: ",
    [DKS_FIT_T_OUTCOME] = "outcome '%s'",
    [DKS_FIT_T_FIXED] = "fixed effect|estimate|std. error|t value",
    [DKS_FIT_T_RANDOM] = "random effect|variance|std. dev.|",
    [DKS_FIT_T_RESIDUAL] = "residual",
    [DKS_FIT_T_NO_PROFILE] = "  (no profile intervals: the data admit no ML fit, which puts all "
                             "variation in the groups)\n",
    [DKS_FIT_T_REML] = "REML criterion",
    [DKS_FIT_T_DEVIANCE] = "deviance",
    [DKS_FIT_T_CONVERGED] = "converged",
    [DKS_FIT_T_NOT_CONVERGED] = "NOT converged",
    [DKS_FIT_T_BOUNDARY] = "  %s: on the boundary, var_group estimated as 0 (lme4: singular fit); "
                           "the criterion rises from it\n",
    [DKS_FIT_T_GRADIENT] = "  %s: gradient %.2g in theta, Newton step %.2g\n",
    [DKS_FIT_T_LRT] = "  likelihood-ratio test (both by ML, as lme4's anova), m0: ",

    [DKS_MODEL_HEAD] = "model %s (%s), %zu parameters\n\n",
    [DKS_MODEL_COLS] = "name|value|lo|hi|kind|source",
    [DKS_MODEL_EMBEDDED] = "embedded default",   /* also the model's origin (model.c) */
    [DKS_VERSION_MODEL] = "model %s (%s, %zu parameters)\n",
    [DKS_PROV_PUBLISHED] = "published",
    [DKS_PROV_CALIBRATED] = "calibrated",
    [DKS_PROV_ASSUMED] = "assumed",
    [DKS_PROV_FITTED] = "fitted",
    [DKS_TGT_HEAD] = "model %s (%s) against %s: each check in each of %s\n\n",
    [DKS_TGT_EMBEDDED] = "(embedded targets)",
    [DKS_TGT_COLS] = "id|seed|checks|members|slack|status and reading (tightest check below)",
    [DKS_TGT_INFO] = "not a constraint",
    [DKS_TGT_MET] = "met",
    [DKS_TGT_NOT_MET] = "NOT MET",
    [DKS_TGT_TIGHTEST] = "tightest",
    [DKS_TGT_WORDS] = "\nThe scale words, one reading each in every target (word lines of the targets file):\n",
    [DKS_TGT_NOTE] = "\n%zu checks in %zu targets; %d not met by every member.  members: share of "
                     "ensemble members meeting\nevery check of the target; slack: how far the "
                     "tightest check is from failing in the member\nclosest to failing, in rating "
                     "points; lhs - rhs: the tightest check's quantity, posterior mean (90%%).\n",
    [DKS_CAL_SUMMARY] = "draagkracht: calibrated %zu parameters to %zu checks of %zu targets\n"
        "  start point: %d solver iterations, distance from prior %.4f\n"
        "  posterior: %d members from %d chains of exact HMC (%d warm-up, thin %d, seed %lu, "
        "prior scale x%g),\n"
        "    %zu one-sided constraints, %ld trajectories, %.1f wall contacts each\n"
        "  diagnostics: max split R-hat: parameters %.4f (%s), checks %.4f (%s)\n"
        "    min effective sample size: parameters %.0f, checks %.0f (%s)\n",

    [DKS_DESIGN_HEAD] = "design %s: %ld respondents x (base vignette + %d of %d vignettes), seed %lu\n",
    [DKS_DESIGN_OBS] = "observations per vignette: %ld to %ld (base vignette: %ld)\n",
    [DKS_DESIGN_RULE] = "study rule, at least %d per vignette (seed 001 L573-575): ",
    [DKS_DESIGN_MET] = "met\n",
    [DKS_DESIGN_NOT_MET] = "NOT met; it needs at least %ld respondents at %d vignettes each\n",

    /* ---- errors below the commands ---- */
    [DKS_ERRNO_NOENT] = "No such file or directory",
    [DKS_ERRNO_ACCES] = "Permission denied",
    [DKS_ERRNO_ISDIR] = "Is a directory",
    [DKS_ERRNO_NOTDIR] = "Not a directory",
    [DKS_ERRNO_NOSPC] = "No space left on device",
    [DKS_ERRNO_ROFS] = "Read-only file system",
    [DKS_ERRNO_NAMETOOLONG] = "File name too long",
    [DKS_ERRNO_IO] = "Input/output error",
    [DKS_ERRNO_EXIST] = "File exists",
    [DKS_ERRNO_MFILE] = "Too many open files",
    [DKS_ERRNO_FBIG] = "File too large",
    [DKS_ERRNO_DQUOT] = "Disk quota exceeded",
    [DKS_X_OPEN] = "%s: cannot open: %s",
    [DKS_X_READ] = "%s: cannot read: %s",
    [DKS_X_WRITE] = "%s: cannot write: %s",
    [DKS_X_WRITE_FAILED] = "%s: write failed: %s",
    [DKS_X_STDOUT_FAILED] = "stdout: write failed: %s",
    [DKS_X_TOO_MANY_OUT] = "%s: cannot write: more than %d outputs open at once",
    [DKS_X_GZ_AFTER] = "%s: corrupt gzip data: bytes after the last gzip member are not gzip (a "
                       "damaged or mixed concatenation?)",
    [DKS_X_GZ_END] = "%s: corrupt or truncated gzip data: unexpected end of file",
    [DKS_X_GZ_CORRUPT] = "%s: corrupt gzip data: %s",
    [DKS_X_CSV_LONG] = "%s:%ld: record is longer than %u bytes (an unclosed quote?)",
    [DKS_X_CSV_NUL] = "%s:%ld: NUL byte in text (binary file?)",
    [DKS_X_CSV_UNCLOSED] = "%s:%ld: field %d: quote opened here is never closed",
    [DKS_X_CSV_INNER_QUOTE] = "%s:%ld: field %d: a quote inside an unquoted field (quote the whole "
                              "field and double inner quotes)",
    [DKS_X_CSV_FIELDS] = "%s:%ld: more than %d fields",
    [DKS_X_CSV_UTF8] = "%s:%ld: field %d: byte %zu is not valid UTF-8",
    [DKS_X_CSV_AFTER_QUOTE] = "%s:%ld: field %d: text after a closing quote",
    [DKS_X_CSV_EMPTY] = "%s: empty file (expected a header line naming the columns)",
    [DKS_X_CSV_EMPTY_NAME] = "%s:%ld: column %d has an empty name",
    [DKS_X_CSV_TWICE] = "%s:%ld: column '%s' appears twice in the header",
    [DKS_X_CSV_COUNT] = "%s:%ld: expected %d fields (as in the header), got %d",
    [DKS_X_UNKNOWN] = "unknown %s '%.80s'%s",
    [DKS_X_UNKNOWN_LIST] = "unknown %s '%.80s' (one of: %s)",
    [DKS_X_WHOLE] = "'%.80s' is not a whole number",
    [DKS_X_OUTSIDE_LONG] = "%s is outside %ld..%ld",
    [DKS_X_NUMBER] = "'%.80s' is not a number",
    [DKS_X_OUTSIDE] = "%s is outside %g..%g",
    [DKS_X_REVERSED] = "range %s..%s is reversed: the low end is above the high end",
    [DKS_X_WORD_SECTION] = "section",
    [DKS_X_WORD_KEY] = "key",
    [DKS_X_NEEDS_NAME] = "a [%s] needs a name, as in [%s %s]",
    [DKS_X_NO_NAME] = "[%s] takes no name",
    [DKS_X_NAME_LONG] = "name '%.80s' is longer than %zu bytes",
    [DKS_X_BEFORE] = "'%s' comes before any [%s NAME]",
    [DKS_X_DEFINED] = "'%s' is already defined%s%s (line %d)",
    [DKS_X_IN_THIS] = " in this ",
    [DKS_X_HEADER] = "malformed section header '%.80s'",
    [DKS_X_SECOND] = "a second [%s] section (the first is on line %d)",
    [DKS_X_OUTSIDE_SECTION] = "outside a section; start with %s",
    [DKS_X_OR] = " or ",
    [DKS_X_KEY_VALUE] = "expected 'key = value' or '[section]', got '%.80s'",
    [DKS_X_EMPTY_VALUE] = "empty value",
    [DKS_X_KEY_TWICE] = "given twice in this section (first on line %d)",
    [DKS_X_FORM_EMPTY] = "'%.80s' has an empty form name",
    [DKS_X_FORM_UNKNOWN] = "unknown form '%.60s'%s",
    [DKS_X_FORM_LIST] = "unknown form '%.60s' (one of: none, assistant, extra-teacher, "
                        "specialist, facility)",
    [DKS_X_LISTED_TWICE] = "'%s' is listed twice",
    [DKS_X_NONE_ALONE] = "'none' cannot be combined with other forms",
    [DKS_X_HEAVY_OVER] = "heavy: %g heavy-need pupils is more than the %g pupils with a support "
                         "need (heavy-need pupils are counted among them)",
    [DKS_X_OB_OVER] = "support-needs: %g pupils with a support need is more than the class size "
                      "%g",
    [DKS_X_LIST_COLUMN] = "%s:%d: column '%s': %s",
    [DKS_X_LIST_FIELDS] = "more than 64 fields",
    [DKS_X_LIST_QUOTE] = "a quote that is not closed",
    [DKS_X_LIST_NOT_COLUMN] = "'%.100s' is not a column of a class list%s",
    [DKS_X_LIST_TWICE] = "given twice",
    [DKS_X_LIST_NO_CLASS] = "no column 'class' (or 'klas') with the class names",
    [DKS_X_LIST_WHOLE_LONG] = "'%.60s...' is not a whole number",
    [DKS_X_LIST_WHOLE] = "'%.60s' is not a whole number",
    [DKS_X_LIST_OUTSIDE] = "%.15g is outside %ld..%ld",
    [DKS_X_LIST_VALUE] = "unknown value '%.60s'%s",
    [DKS_X_LIST_NAME_EMPTY] = "empty: every class needs a name",
    [DKS_X_LIST_NAME_LONG] = "'%.40s...' is longer than 63 bytes",
    [DKS_X_CLASS] = "class '%s': %s",
    [DKS_X_CLASS_AT] = "%s:%d: class '%s': %s",
    [DKS_E_AT_MOST_ONE] = "%s: expected at most one scenario file, got %d",
    [DKS_E_UNEXPECTED] = "%s: unexpected argument '%s' (options start with --)",
    [DKS_E_REQUIRED] = "%s: --%s is required",
    [DKS_E_NO_CLASSES] = "%s: no [school NAME] or [population NAME] section and no --classes "
                         "list: no classes to %s",
};
