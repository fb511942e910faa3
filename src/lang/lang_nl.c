/*
 * lang_nl.c -- Nederlands: elke tekst die een mens leest (lang.h), met de
 * termen van het vignettenonderzoek (po, vo, mbo, leerlingen met een
 * ondersteuningsbehoefte, van wie met een grote aandachtvraag,
 * onderwijsassistent, voorziening in de school).  Wat een gebruiker
 * intypt (optie- en vocabulairenamen) blijft Engels en staat tussen
 * aanhalingstekens.
 */
#include <stddef.h>

#include "draagkracht/lang/lang.h"

const char *const dk_strings_nl[DK_NSTR] = {
    [DKS_OUT_MOTIVATE] = "leerlingen motiveren",
    [DKS_OUT_INSTRUCTION] = "extra instructie",
    [DKS_OUT_ENERGY] = "eigen energie",
    [DKS_OUT_CALM] = "rustige leeromgeving",
    [DKS_OUT_TAILOR] = "op maat aansluiten",
    [DKS_OUT_ASSISTANT] = "onderwijsassistent in de klas",
    [DKS_OUT_EXTRA_TEACHER] = "extra leraar in de klas",
    [DKS_OUT_SPEC_IN] = "specialist in de klas",
    [DKS_OUT_SPEC_OUT] = "specialist buiten de klas",
    [DKS_OUT_FACILITY] = "voorziening in de school",
    [DKS_OUT_COACHING] = "coaching en advies",
    [DKS_SUP_NONE] = "geen",
    [DKS_SUP_ASSISTANT] = "onderwijsassistent",
    [DKS_SUP_EXTRA_TEACHER] = "extra leraar",
    [DKS_SUP_SPECIALIST] = "specialist op afroep",
    [DKS_SUP_FACILITY] = "voorziening",
    [DKS_EXP_ALL] = "alle",
    [DKS_EXP_NOVICE] = "beginnende",
    [DKS_EXP_EXPERIENCED] = "ervaren",
    [DKS_LEVEL_ALL] = "alle niveaus",
    [DKS_LEVEL_VMBO] = "vmbo",
    [DKS_LEVEL_HAVO_VWO] = "havo/vwo",
    [DKS_N_SCHOOL] = "%ld school",
    [DKS_N_SCHOOLS] = "%ld scholen",
    [DKS_N_POP] = "%ld populatie",
    [DKS_N_POPS] = "%ld populaties",
    [DKS_N_CLASS] = "%ld klas",
    [DKS_N_CLASSES] = "%ld klassen",
    [DKS_N_ROW] = "%ld rij",
    [DKS_N_ROWS] = "%ld rijen",
    [DKS_N_MEMBER] = "%ld lid van de verzameling",
    [DKS_N_MEMBERS] = "%ld leden van de verzameling",

    [DKS_HELP_TAGLINE] = "hoe goed kunnen leraren hun werk nog doen, en welke ondersteuning "
                         "hebben ze nodig?",
    [DKS_HELP_USAGE] = "gebruik:",
    [DKS_HELP_SYNOPSIS] = "<opdracht> [opties]",
    [DKS_HELP_COMMANDS] = "opdrachten:",
    [DKS_HELP_GLOBAL] = "algemene opties:\n  --help      deze tekst; 'draagkracht <opdracht> --help' "
                        "voor een opdracht\n  --version   versie van het programma en id van het "
                        "model\n  --lang LANG 'en' of 'nl' (standaard: DRAAGKRACHT_LANG, anders "
                        "'nl' als LANG met nl_ begint, anders 'en')",
    [DKS_HELP_OPTIONS] = "opties:",
    [DKS_HELP_LANG] = "taal van wat mensen lezen: 'en' of 'nl' (standaard: DRAAGKRACHT_LANG, "
                      "anders de landinstelling)",
    [DKS_HELP_HELP] = "deze hulptekst",
    [DKS_E_UNKNOWN_OPT] = "%s: onbekende optie '%s'%s (zie 'draagkracht %s --help')",
    [DKS_E_TOO_MANY] = "%s: te veel argumenten",
    [DKS_E_TWICE] = "%s: optie --%s twee keer gegeven",
    [DKS_E_LANG_VALUE] = "%s: optie --lang heeft een waarde nodig (en of nl)",
    [DKS_E_NEEDS_VALUE] = "%s: optie --%s heeft een waarde nodig (%s)",
    [DKS_E_NO_VALUE] = "%s: optie --%s neemt geen waarde",
    [DKS_E_WHOLE] = "%s: --%s: '%s' is geen geheel getal",
    [DKS_E_RANGE_LONG] = "%s: --%s: %ld ligt buiten %ld..%ld",
    [DKS_E_NUMBER] = "%s: --%s: '%s' is geen getal",
    [DKS_E_RANGE] = "%s: --%s: %g ligt buiten %g..%g",
    [DKS_E_NO_HTML] = "%s: %s: %s schrijft geen HTML-rapport (table, csv of json)",
    [DKS_E_FORMAT] = "%s: --format: '%s' is niet %s%s",
    [DKS_E_FORMATS] = "table, csv of json",
    [DKS_E_FORMATS_HTML] = "table, csv, json of html",
    [DKS_E_MEAN] = " (bedoel je '%s'?)",
    [DKS_E_EMPTY] = "%s: %s: lege bestandsnaam",
    [DKS_E_NO_COMMAND] = "draagkracht: geen opdracht gegeven (zie 'draagkracht --help')\n",
    [DKS_E_UNKNOWN_CMD] = "onbekende opdracht '%.200s'%s (zie 'draagkracht --help')",

    [DKS_CAVEAT] = "De oordelen zijn die van leraren over vergelijkbare vignetklassen (klassen "
                   "die ResearchNed in een vragenlijst aan leraren in po, vo en mbo voorlegde), "
                   "geen metingen in echte klassen. Elk interval bevat de onzekerheid van het "
                   "model.",
    [DKS_BASIS_VIGNETTE] = "De oordelen zijn die van leraren over vergelijkbare beschreven klassen "
                           "(vignetten, bron 001 hfst. 4),\ngeen metingen in een echte klas; "
                           "--real-class telt een aangenomen verschuiving op naar het oordeel\n"
                           "over de eigen klas.\n",
    [DKS_BASIS_REAL] = "Kunnen bevat de verschuiving van vignetoordelen naar het oordeel van "
                       "leraren over hun eigen klas,\naangenomen op grond van leraren in het "
                       "speciaal onderwijs (--real-class; realclass.* in 'draagkracht model':\n"
                       "tabel 3.20 van bron 001, go-leraren; niet gevraagd aan reguliere leraren; "
                       "bandbreedte van geen\nverschuiving tot ongeveer het dubbele). "
                       "Gemiddelden blijven op 1..5.\n",
    [DKS_BASIS_ENSEMBLE] = "Elke herhaling gebruikt één lid van de posterior-verzameling van het "
                           "model; elk interval bestaat\ndus uit parametervectoren die aan elke "
                           "gepubliceerde uitspraak voldoen (draagkracht model --targets).\n",
    [DKS_HOW_HEAD] = "Zo lees je dit:",
    [DKS_SOURCE] = "model %s; startgetal %lu; %d herhalingen",
    [DKS_SOURCE_DRAWS] = "model %s; startgetal %lu; %d trekkingen van de parameters x %d leraren",
    [DKS_MADE_BY] = "Gemaakt met draagkracht %s. Dezelfde invoer en hetzelfde startgetal geven "
                    "hetzelfde rapport, byte voor byte.",
    [DKS_WARNINGS] = "Waarschuwingen over de invoer",
    [DKS_ANS1_CAP] = "1 niet",
    [DKS_ANS5_CAP] = "5 zeer goed",
    [DKS_ANS1_NEED] = "1 niet",
    [DKS_ANS5_NEED] = "5 zeer sterk",
    [DKS_GRP_LE2_CAP] = "1-2: niet of nauwelijks",
    [DKS_GRP_3_CAP] = "3: redelijk",
    [DKS_GRP_GE4_CAP] = "4-5: goed",
    [DKS_GRP_LE2_NEED] = "1-2: weinig of geen",
    [DKS_GRP_3_NEED] = "3: enige",
    [DKS_GRP_GE4_NEED] = "4-5: sterk",
    [DKS_AX_TEACHERS] = "aandeel leraren (%)",
    [DKS_AX_FTE] = "fte (voltijdbanen)",
    [DKS_AX_MEAN] = "verwacht gemiddeld oordeel (1 niet ... 5 zeer goed)",
    [DKS_H_MEAN] = "gem.",
    [DKS_H_INTERVAL] = "90%-interval",
    [DKS_H_LE2] = "leraren op <= 2",
    [DKS_H_GE4] = "leraren op >= 4",
    [DKS_H_FTE] = "fte",
    [DKS_H_CLASS] = "klas",
    [DKS_H_ASPECT] = "onderdeel",
    [DKS_H_FORM] = "vorm van ondersteuning",
    [DKS_RANGE_TO] = "%s tot %s",
    [DKS_ABOUT_HEAD] = "Zo is dit berekend",
    [DKS_EMBEDDED] = "(ingebouwd scenario %s)",
    [DKS_CLASSES_FROM] = "%s met de klassen uit %s",
    [DKS_ABOUT_TO_WRITE] = "draagkracht %s: ongeveer %s te schrijven naar %s\n",

    [DKS_SIM_HEAD] = "%s: %s, %s; model %s; %d herhalingen, startgetal %lu\n",
    [DKS_SIM_SCHOOL] = "School %s (%s, %s)",
    [DKS_SIM_POP] = "Populatie %s (%s, %ld klassen getrokken per herhaling%s)",
    [DKS_SIM_POP_ASNOW] = "; ondersteuning zoals nu, tabel 3.15",
    [DKS_SIM_ALL] = "Alles (%d scholen, %d populaties)",
    [DKS_SIM_T_CAP] = "Kunnen (1..5)",
    [DKS_SIM_T_NEED] = "Behoefte (1..5)",
    [DKS_SIM_T_LE2] = "leraren <=2 (90%)",
    [DKS_SIM_T_GE4] = "leraren >=4 (90%)",
    [DKS_SIM_T_FTE] = "fte (90%)",
    [DKS_SIM_T_COLS] = "klas|lln|ob|gav|ondersteuning|motiv|instr|energ|rust|maatw|maatw<=2|oa>=4",
    [DKS_SIM_T_NOTE] = "gem.: verwacht oordeel; 90%: over de onzekerheid van de parameters; "
                       "leraren <=2 / >=4: aandeel\nleraren (één per klas) dat zo antwoordt; "
                       "fte: wat hun sterke behoefte zou vragen als alleen die vorm het antwoord was, bij de\n"
                       "aangenomen uren per vorm: alternatieven, niet optellen. Klassen: lln leerlingen; ob met een "
                       "ondersteuningsbehoefte; gav van\nwie met een grote aandachtvraag; "
                       "maatw<=2: aandeel leraren dat niet of nauwelijks op maat kan\naansluiten; "
                       "oa>=4: aandeel met een sterke behoefte aan een onderwijsassistent.\n",
    [DKS_SIM_TITLE] = "%s: wat leraren nog kunnen, en welke ondersteuning ze nodig hebben",
    [DKS_SIM_TITLE_SCHOOL] = "%s: wat de leraren nog kunnen, en welke ondersteuning ze nodig "
                             "hebben",
    [DKS_SIM_LEAD_CAP] = "Het moeilijkst: %s. %s van de leraren (één per klas) zou zeggen dat "
                         "dat niet of nauwelijks lukt (90%%-interval %s).",
    [DKS_SIM_LEAD_NEED] = "De grootste behoefte: %s. %s van de leraren geeft die behoefte een 4 "
                          "of 5; die sterke behoefte komt neer op %s fte (90%%-interval %s).",
    [DKS_CAP_TITLE] = "Het moeilijkst: %s, %s van de leraren op 1 of 2; het minst moeilijk: %s, %s",
    [DKS_SIM_CAP_HOW] = "Elke balk is een onderdeel van het werk: hoe de leraren (één per klas) "
                        "zouden antwoorden op \"lukt dit nog?\", van 1 (niet) tot 5 (zeer goed). "
                        "De zwarte streep sluit het aandeel af dat 1 of 2 antwoordt; het "
                        "snorretje is het 90%-interval van dat aandeel over de onzekerheid van "
                        "het model; rechts van de balk staan dat aandeel en zijn interval.",
    [DKS_NEED_TITLE] = "De grootste behoefte: %s, %s van de leraren op 4 of 5",
    [DKS_SIM_NEED_HOW] = "Elke balk is een vorm van ondersteuning: hoe sterk de leraren (één per "
                         "klas) die nodig zouden hebben, van 1 (niet) tot 5 (zeer sterk). De "
                         "zwarte streep begint het aandeel dat 4 of 5 antwoordt, een sterke "
                         "behoefte; het snorretje en het getal rechts geven het 90%-interval van "
                         "dat aandeel.",
    [DKS_SIM_FTE_TITLE] = "De sterke behoefte aan %s komt neer op %s fte (90%%-interval %s)",
    [DKS_SIM_FTE_HOW] = "De formatie die de sterke behoefte (4 of 5) van de leraren inhoudt, bij "
                        "de uren die het model per vorm aanneemt (een onderwijsassistent of extra "
                        "leraar 15 uur per week per klas, 40 uur per fte). De vormen zijn "
                        "alternatieven: tel ze niet op. Snorretjes: 90%-interval.",
    [DKS_SIM_HEAT_TITLE] = "Laagste klasgemiddelde: %s in %s (%s)",
    [DKS_SIM_HEAT_HOW] = "Elke cel is het verwachte gemiddelde oordeel van een klas over een "
                         "onderdeel, van 1 (niet) tot 5 (zeer goed): rood onder de 3, blauw "
                         "erboven.",
    [DKS_SIM_HEAT_ROWS] = "klas",
    [DKS_SIM_SPREAD_TITLE] = "%s: in %s van de klassen zou de gemiddelde leraar 1 of 2 antwoorden "
                             "(verwacht oordeel onder 2,5)",
    [DKS_SIM_SPREAD_HOW] = "De klassen van de populatie, in elke herhaling opnieuw getrokken, naar "
                           "het verwachte oordeel van hun leraar over het onderdeel waar het het "
                           "moeilijkst is, in stappen van %s: hoe de druk over de klassen is "
                           "verdeeld. Balken links van de streep (2,5) zijn klassen waar de "
                           "gemiddelde leraar 1 of 2 zou antwoorden; het antwoord van één leraar "
                           "wisselt daaromheen.",
    [DKS_AX_CLASSES] = "aandeel van de klassen (%)",
    [DKS_SIM_CLASS_TITLE] = "Het moeilijkst (%s) in %s: %s van de leraren op 1 of 2",
    [DKS_SIM_CLASS_HOW] = "De klassen op volgorde van het aandeel leraren dat 1 of 2 zou "
                          "antwoorden op het moeilijkste onderdeel van de school. Met één leraar "
                          "per klas is het aandeel van een klas de kans dat haar leraar zo "
                          "antwoordt.",
    [DKS_SIM_CLASS_TABLE] = "De klassen",
    [DKS_SIM_H_PUPILS] = "leerlingen",
    [DKS_SIM_H_OB] = "met een onder\xc2\xad" "steunings\xc2\xad" "behoefte",
    [DKS_SIM_H_HEAVY] = "van wie met een grote aandacht\xc2\xad" "vraag",
    [DKS_SIM_H_SUPPORT] = "onder\xc2\xad" "steuning",
    [DKS_SIM_H_TAILOR_LE2] = "op maat: leraren op \xe2\x89\xa4\xc2\xa0" "2",
    [DKS_SIM_H_ASSIST_GE4] = "onderwijs\xc2\xad" "assistent: leraren op \xe2\x89\xa5\xc2\xa0" "4",
    [DKS_SIM_ABOUT] = "Elke herhaling trekt alle parameters van het model uit hun aannemelijke "
                      "bereik, en dan één leraar per klas: het verwachte oordeel plus een term "
                      "voor verschillen tussen leraren en een restterm, afgerond op een antwoord "
                      "van 1 tot 5. De aandelen zijn over herhalingen en klassen; de intervallen "
                      "lopen van het 5e tot het 95e percentiel over de herhalingen. De effecten "
                      "van het model zijn afgestemd op de gepubliceerde uitkomsten van het "
                      "vignettenonderzoek; buiten het onderzochte bereik (klassengrootte, "
                      "leerlingen met een ondersteuningsbehoefte) zijn ze doorgetrokken.",

    [DKS_PRED_HEAD] = "%s-klas van %g leerlingen, %g met een ondersteuningsbehoefte, van wie %g "
                      "met een grote aandachtvraag; ondersteuning: %s",
    [DKS_PRED_EXP] = "; %s leraren",
    [DKS_PRED_RUN] = "model %s, %d trekkingen van de parameters x %d leraren, startgetal %lu",
    [DKS_WARNING] = "waarschuwing: %s",
    [DKS_CW_SUPPORT_NEEDS] = "ondersteuningsbehoefte %g ligt %g buiten het onderzochte bereik %d..%d "
                             "voor %s; het effect is lineair doorgetrokken vanaf de dichtstbijzijnde "
                             "vignetniveaus (gemiddelden blijven verwachte antwoorden op 1..5)",
    [DKS_CW_HEAVY] = "grote aandachtvraag %g ligt %g boven het onderzochte maximum %d voor %s; het "
                     "effect is lineair doorgetrokken vanaf de laatste twee vignetniveaus "
                     "(gemiddelden blijven verwachte antwoorden op 1..5)",
    [DKS_CW_CLASS_SIZE] = "klasgrootte %g ligt %g buiten %d..%d, het bereik dat de grootteklassen van "
                          "de enquête beschrijven (bron 001 tabel 7.2); het aangenomen effect van "
                          "de klasgrootte is doorgetrokken (gemiddelden blijven verwachte "
                          "antwoorden op 1..5)",
    [DKS_CW_EXPERIENCE] = "ervaring geldt alleen voor po (bron 001 r. 2835-2837); genegeerd voor %s",
    [DKS_CW_LEVEL] = "niveau geldt alleen voor vo (bron 001 r. 2858-2859); genegeerd voor %s",
    [DKS_CW_AT] = "%.40s:%d: klas %.40s: ",
    [DKS_WARN_STDERR] = "draagkracht: waarschuwing: %s\n",
    [DKS_PROGRESS] = "\rdraagkracht %s: %.0f/%.0f %s (%.0f%%), %s/s, nog ongeveer %.0f s ",
    [DKS_PROGRESS_DONE] = "\rdraagkracht %s: %.0f/%.0f %s in %.1f s, %s/s%20s\n",
    [DKS_UNIT_REPLICATES] = "herhalingen",
    [DKS_UNIT_SCENARIOS] = "scenario's",
    [DKS_PRED_T_CAP] = "Kunnen (1 niet .. 5 zeer goed)",
    [DKS_PRED_T_NEED] = "Behoefte (1 niet .. 5 zeer sterk)",
    [DKS_PRED_T_MEAN90] = "gem. 90%",
    [DKS_PRED_T_TEACHER90] = "leraar 90%",
    [DKS_PRED_T_AT] = "leraren op 1 2 3 4 5",
    [DKS_PRED_TITLE] = "Eén %s-klas van %s leerlingen: wat de leraren nog kunnen, en welke "
                       "ondersteuning ze nodig hebben",
    [DKS_PRED_CAP_HOW] = "Elke balk is een onderdeel van het werk: het aandeel leraren dat 1 "
                         "(niet) tot 5 (zeer goed) antwoordt op \"lukt dit nog?\". De zwarte "
                         "streep sluit het aandeel op 1 of 2 af; het snorretje is het "
                         "90%-interval van dat aandeel over de onzekerheid van het model; rechts "
                         "staan dat aandeel en zijn interval.",
    [DKS_PRED_NEED_HOW] = "Elke balk is een vorm van ondersteuning: het aandeel leraren dat 1 "
                          "(geen behoefte) tot 5 (een zeer sterke behoefte) antwoordt. De zwarte "
                          "streep begint het aandeel op 4 of 5, een sterke behoefte; het snorretje "
                          "en het getal rechts geven het 90%-interval van dat aandeel over de "
                          "onzekerheid van het model.",
    [DKS_PRED_MEAN_TITLE] = "Verwacht gemiddeld oordeel van %s (%s) tot %s (%s)",
    [DKS_PRED_MEAN_HOW] = "De stip is het verwachte gemiddelde oordeel over een onderdeel, het "
                          "snorretje het 90%-interval over de onzekerheid van het model (niet "
                          "over leraren, die veel meer verschillen).",
    [DKS_PRED_TABLE] = "Alle getallen",
    [DKS_PRED_H_TEACHER90] = "één leraar, 90%",
    [DKS_PRED_ABOUT] = "Elke trekking neemt alle parameters van het model uit hun aannemelijke "
                       "bereik; elke leraar antwoordt dan het verwachte oordeel plus een term "
                       "voor verschillen tussen leraren en een restterm, afgerond op 1 tot 5. "
                       "Aandelen zijn over trekkingen en leraren; het interval van het "
                       "gemiddelde loopt van het 5e tot het 95e percentiel over de trekkingen.",

    [DKS_OBJ_MEAN_TEXT] = "gemiddeld kunnen over de klassen (hoger is beter)",
    [DKS_OBJ_HARDLY_TEXT] = "klassen waar het gemiddelde van een onderdeel onder de drempel valt "
                            "(lager is beter)",
    [DKS_OBJ_WORST_TEXT] = "kunnen in de zwaarste klas (hoger is beter)",
    [DKS_AX_OBJ_MEAN] = "gemiddeld kunnen over de klassen (1 niet ... 5 zeer goed)",
    [DKS_AX_OBJ_HARDLY] = "klassen waar het gemiddelde van een onderdeel onder de drempel ligt",
    [DKS_AX_OBJ_WORST] = "kunnen in de zwaarste klas (1 niet ... 5 zeer goed)",
    [DKS_ALL_ASPECTS] = "alle onderdelen",
    [DKS_PLAN_HEAD] = "Plan voor %s (%s, %s): ",
    [DKS_PLAN_BUDGET_EUR] = "budget %.0f euro per jaar",
    [DKS_PLAN_BUDGET_FTE] = "budget %.2f fte (%.1f uur per week)",
    [DKS_PLAN_OBJECTIVE] = "doel: %s; %s",
    [DKS_PLAN_THRESHOLD] = "; drempel %.2f",
    [DKS_PLAN_UNIT_COSTS] = "kosten per eenheid (fte):",
    [DKS_PER_SCHOOL] = " per school",
    [DKS_PER_CLASS] = " per klas,",
    [DKS_PLAN_MODEL] = "model %s; %d herhalingen gedeeld door alle plannen, startgetal %lu\n",
    [DKS_PLAN_T_HEAD] = "rang|fte|euro/jaar|doel (90%)|verschil (90%)",
    [DKS_PLAN_BASELINE] = "niets doen",
    [DKS_PLAN_BEST] = "beste",
    [DKS_PLAN_FACILITY] = "voorziening voor de school",
    [DKS_PLAN_NOTHING] = "niets erbij",
    [DKS_PLAN_BEATS] = "  Het beste plan is beter dan het tweede in %.0f%% van de herhalingen "
                       "(gelijk %.0f%%, slechter %.0f%%).\n",
    [DKS_PLAN_NOT_EXACT] = "  Niet exact: het kostenraster is grover gemaakt; het echte optimum is "
                           "hoogstens %.4f beter.\n",
    [DKS_PLAN_EXACT] = "  Exact: geen plan binnen het budget scoort beter op deze herhalingen.\n",
    [DKS_PLAN_NOTHING_FITS] = "  Niets uit het aanbod past in het budget: het antwoord is niets doen.\n",
    [DKS_PLAN_PER_CLASS] = "Beste plan, per klas (kunnen: klasgemiddelde 1..5; winst/fte: winst op het "
                           "doel van de vorm van de klas per fte;\nbehoefte: fte die de sterke "
                           "behoefte van de leraren inhoudt -- gelijk onder elk plan, want "
                           "ondersteuning\nvarieerde alleen in de vignetten over kunnen; die over "
                           "behoefte varieerden alleen de leerlingen, bron 001 r. 2696-2701;\n"
                           "gekozen: aandeel van de eigen optima van de herhalingen dat voor de "
                           "klas dezelfde keuze maakt)\n",
    [DKS_PLAN_T_CLASSES] = "klas|erbij|fte|winst/fte|motiv|instr|energ|rust|maatw|behoefte|gekozen",
    [DKS_PLAN_FACILITY_LINE] = "  voorziening voor de school: %.2f fte, winst op het doel %.3f per fte\n",
    [DKS_PLAN_DEMAND] = "  resterende ondersteuningsbehoefte van de school: %.2f fte (90%%: %.2f-%.2f)\n",
    [DKS_PLAN_BASELINE_CLASSES] = "Niets doen, per klas\n",
    [DKS_PLAN_CURVE] = "Budgetcurve: het beste plan bij elk budget (%s)",
    [DKS_EURO_YEAR] = "euro per jaar",
    [DKS_PLAN_T_CURVE] = "budget|doel|kosten|plan",
    [DKS_PLAN_TITLE] = "Plan voor %s: waar %s het meeste goed doet",
    [DKS_PLAN_BUDGET_WORDS_FTE] = "%s fte",
    [DKS_PLAN_BUDGET_WORDS_EUR] = "%s euro per jaar",
    [DKS_PLAN_LEAD] = "Het beste plan: %s. Het kost %s fte en brengt het doel van %s (niets doen) "
                      "naar %s: %s, 90%%-interval %s.",
    [DKS_PLAN_LEAD_BEATS] = "Het is beter dan het tweede plan in %s van de herhalingen.",
    [DKS_PLAN_PLANS_TITLE] = "Het beste plan scoort %s (90%%-interval %s); niets doen %s",
    [DKS_PLAN_PLANS_HOW] = "Elke rij is een plan, het beste eerst en niets doen als laatste: de "
                           "stip is het doel dat over de herhalingen verwacht wordt, het snorretje "
                           "het 90%-interval over de onzekerheid van het model. Alle plannen zijn "
                           "op dezelfde herhalingen gescoord; de volgende figuur vergelijkt ze "
                           "herhaling voor herhaling.",
    [DKS_PLAN_GAIN_TITLE] = "Tegenover niets doen verandert het beste plan het doel met %s "
                            "(90%%-interval %s)",
    [DKS_PLAN_GAIN_HOW] = "Het verschil van elk plan met niets doen, herhaling voor herhaling "
                          "(dezelfde trekkingen van de parameters voor elk plan); daarom is dit "
                          "interval veel smaller dan de intervallen van de plannen zelf.",
    [DKS_PLAN_CURVE_TITLE] = "De budgetcurve: van %s zonder budget tot %s bij %s",
    [DKS_PLAN_CURVE_HOW] = "Het doel van het beste plan bij elke stap van het budget: waar de "
                           "volgende stap heen gaat. De lijn stijgt waar een beter plan betaalbaar "
                           "wordt.",
    [DKS_AX_BUDGET_FTE] = "budget (fte)",
    [DKS_AX_BUDGET_EUR] = "budget (euro per jaar)",
    [DKS_AX_GAIN_MEAN] = "verandering tegenover niets doen (punten gemiddeld kunnen)",
    [DKS_AX_GAIN_HARDLY] = "verandering tegenover niets doen (klassen onder de drempel)",
    [DKS_AX_GAIN_WORST] = "verandering tegenover niets doen (punten, de zwakste klas)",
    [DKS_PLAN_TABLE_HEAD] = "De plannen",
    [DKS_PLAN_H] = "rang|kosten (fte)|euro per jaar|doel (90%-interval)|tegenover niets doen "
                   "(90%-interval)|wat het toevoegt",
    [DKS_PLAN_CLASSES_TITLE] = "Onder het beste plan blijft %s het zwaarst: gemiddeld kunnen %s",
    [DKS_PLAN_CLASSES_HOW] = "Het gemiddelde kunnen van elke klas (over de onderdelen van het doel) "
                             "onder het beste plan; rechts van de balk wat het plan aan de klas "
                             "toevoegt.",
    [DKS_PLAN_CLASS_TABLE] = "Wat elke klas krijgt",
    [DKS_PLAN_H_CLASSES] = "klas|erbij|fte|winst op het doel per fte|gemiddeld kunnen|"
                           "ondersteuningsbehoefte (fte)",
    [DKS_PLAN_ABOUT] = "Elk plan is gescoord op dezelfde herhalingen van de parameters van het "
                       "model; over leraren wordt exact geïntegreerd, zodat alleen de parameters "
                       "ruis geven. De kosten per eenheid zijn de uren die het model per vorm "
                       "aanneemt, gedeeld door de uren van een fte. De ondersteuningsbehoefte "
                       "hangt niet van het plan af: de vignetten over behoefte varieerden alleen "
                       "de leerlingen.",
    [DKS_PLAN_HEAD_BOARD] = "Plan voor %s met één budget (%s): ",
    [DKS_PLAN_TIES] = "bij gelijke uitkomst: %s (--prefer %s)\n",
    [DKS_PLAN_TIES_CHEAPER] = "het goedkoopste plan eerst, dan de betere tweede maat",
    [DKS_PLAN_TIES_MEAN] = "de betere tweede maat eerst, dan het goedkoopste plan",
    [DKS_SEC_MEAN] = "gemiddelde",
    [DKS_SEC_HARDLY] = "klassen op 'nauwelijks'",
    [DKS_PLAN_SAME_FOR] = "  Hetzelfde resultaat voor %s: %s (%s %.3f tegen %.3f; --prefer cheaper "
                         "zet het voorop).\n",
    [DKS_PLAN_REACHES] = "  Geen plan binnen het budget doet het beter op het doel: het beste "
                        "plan haalt het voor %s van de %s.\n",
    [DKS_PLAN_SPENDING] = "  Met %s haalt een plan hetzelfde doel met %s %.3f tegen %.3f "
                         "('--prefer mean' zet het voorop): %s.\n",
    [DKS_PLAN_SURE_HEAD] = "Hoe zeker: het eigen optimum van elke herhaling (het beste plan op de "
                          "parameters van die herhaling, met hetzelfde budget en dezelfde "
                          "voorrang)\n",
    [DKS_PLAN_SURE_REACH] = "  Het beste plan haalt het optimum van de herhaling in %.0f%% van de "
                           "herhalingen.\n",
    [DKS_PLAN_ROBUST_LIST] = "  Robuust (dezelfde keuze in >= %.0f%% van de optima), %d: %s\n",
    [DKS_PLAN_FLIPS_LIST] = "  Kop of munt (minder vaak), %d: %s\n",
    [DKS_PLAN_LIST_NONE] = "geen",
    [DKS_PLAN_NO_FACILITY] = "geen voorziening",
    [DKS_PLAN_ROBUST_WORD] = "robuust",
    [DKS_PLAN_FLIP_WORD] = "kop of munt",
    [DKS_PLAN_DEMAND_BOARD] = "  resterende ondersteuningsbehoefte van de scholen: %.2f fte (90%%: "
                             "%.2f-%.2f)\n",
    [DKS_PLAN_SPLIT] = "Verdeling van het budget over de scholen (besteed in %s; volgende: wat "
                      "%s meer in alleen die school, de andere zoals ze zijn, toevoegt aan het "
                      "doel en aan de tweede maat, %s)\n",
    [DKS_PLAN_T_SPLIT] = "school|sector|klassen|besteed|aandeel|doel|niets doen|volgende",
    [DKS_PLAN_NEXT_MEAN] = "volgende gem.",
    [DKS_PLAN_NEXT_HARDLY] = "volgende nauw.",
    [DKS_PLAN_SURE_PAGE] = "Elke herhaling heeft haar eigen beste plan (hetzelfde budget, dezelfde "
                          "voorrang): het beste plan is daar een van in %s van de herhalingen; %d "
                          "van zijn keuzes zijn robuust (gemaakt in minstens %.0f%% van die "
                          "optima), %d zijn kop of munt.",
    [DKS_PLAN_SPLIT_HEAD] = "Het budget over de scholen",
    [DKS_PLAN_H_SPLIT] = "school|klassen|besteed|doel|niets doen|volgende stap: verandering van het "
                        "doel",

    [DKS_CMP_HEAD] = "%s: %s (%s); model %s; %d herhalingen, startgetal %lu\n",
    [DKS_CMP_T_SUMMARY] = "Variant t.o.v. nu|kosten fte (90%)|maatw <=2 pp|instr <=2 pp|"
                          "fte per pp maatw",
    [DKS_NA] = "n.v.t.",
    [DKS_CMP_T_LEVEL] = "gem. (90%)|leraren <=2 (90%)|leraren <=2",
    [DKS_CMP_T_CHANGE] = "verschil gem. (90%)|verschil <=2, pp (90%)|verschil leraren",
    [DKS_CMP_T_DEMAND] = "Ondersteuningsbehoefte (fte)",
    [DKS_CMP_T_DEMAND_CHANGE] = "verschil fte (90%)",
    [DKS_CMP_COST_TEACHERS] = "  kosten: groepsleraren voor %s: %.1f fte (90%%: %.1f..%.1f)\n",
    [DKS_CMP_COST_FORM] = "  kosten: %s voor %s: %.1f fte (90%%: %.1f..%.1f)\n",
    [DKS_WORD_SCHOOLS] = "scholen",
    [DKS_WORD_CLASSES] = "klassen",
    [DKS_CMP_GIVEN] = "  %s naar (aandeel van de herhalingen): ",
    [DKS_CMP_GIVEN_MORE] = ", en nog %d klassen",
    [DKS_CMP_NOT_NAMED] = "Welke klassen een vorm krijgen, staat erbij tot %d klassen van scholen; "
                          "deze berekening heeft er %d.\n",
    [DKS_WORD_SCHOOL] = "school",
    [DKS_WORD_CLASS] = "klas",
    [DKS_CMP_COST_ALL] = "  kosten in totaal: %.1f fte (90%%: %.1f..%.1f)",
    [DKS_CMP_COST_EUR] = ", %.2f miljoen euro per jaar (%.2f..%.2f)",
    [DKS_CMP_CE_TAILOR] = "  fte per pp minder leraren op <=2:  maatwerk",
    [DKS_CMP_CE_INSTR] = "   instructie",
    [DKS_CMP_RANKING] = "Rangorde op '%s' (%s): verbetering tegenover de uitgangssituatie, en hoe\n"
                        "vaak elke variant de beste van alle varianten is over de herhalingen\n",
    [DKS_CRIT_LE2] = "procentpunten minder leraren op <= 2",
    [DKS_CRIT_MEAN] = "stijging van het gemiddelde oordeel",
    [DKS_CRIT_LE2_FTE] = "procentpunten minder leraren op <= 2 per fte",
    [DKS_CRIT_MEAN_FTE] = "stijging van het gemiddelde oordeel per fte",
    [DKS_CMP_SAVES] = " %9s   (bespaart fte of kost niets in sommige herhalingen)\n",
    [DKS_CMP_BEST_IN] = " %+9.4f   de beste in %5.1f%%\n",
    [DKS_CMP_TOP] = "  De eerste variant is echt de beste in %.1f%% van de herhalingen.\n",
    [DKS_CMP_BASELINE] = "Uitgangssituatie: %s\n",
    [DKS_CMP_VARIANT] = "Variant: %s\n",
    [DKS_CMP_NOTE] = "Alle varianten worden in elke herhaling op dezelfde klassen en "
                     "parameters beoordeeld;\n90%: over de onzekerheid van het model en de "
                     "klassen die voor populaties getrokken worden\n(de klassen van een school "
                     "zijn in elke herhaling dezelfde). Leraren: één per klas. De\nbehoefte hangt in het model "
                     "niet van ondersteuning af (de vignetten over behoefte varieerden\nalleen de "
                     "leerlingen, bron 001 r. 2696-2701): ze verandert alleen met de "
                     "klassengrootte. Fte per\npp: kosten / procentpunten minder leraren op <= 2 "
                     "(n.v.t. als een variant het aandeel niet in\nelke herhaling verlaagt, voor "
                     "een interval, of helemaal niet).\n",
    [DKS_RULE_RANDOM] = "willekeurig",
    [DKS_RULE_TARGETED] = "eerst waar de meeste leerlingen met een grote aandachtvraag zitten",
    [DKS_RULE_ASNOW] = "volgens de huidige beschikbaarheid in de enquête (tabel 3.15)",
    [DKS_RULE_EVERY] = "",
    [DKS_RULE_SIZE] = "klassengrootte %+d leerlingen, dezelfde leerlingen in meer (minder) "
                      "klassen met dezelfde ondersteuning (aangenomen effect per leerling:",
    [DKS_RULE_SIZE_PARAM] = " %s %.3f, bereik %.3f..%.3f;",
    [DKS_RULE_FACILITY] = "een voorziening in elke school",
    [DKS_RULE_MIN_SCHOOL] = " met minstens %d klassen",
    [DKS_RULE_SHARE] = "%s voor %s%% van de %s, %s",
    [DKS_RULE_IN] = ", alleen in %s",
    [DKS_CMP_TITLE] = "%s: wat elke variant oplevert, en tegen welke kosten",
    [DKS_CMP_LEAD] = "Op %s komt %s als eerste uit, en die is de beste van alle varianten in %s "
                     "van de herhalingen.",
    [DKS_CMP_FOREST_TITLE] = "%s verlaagt het aandeel leraren op 1 of 2 (%s) het meest: %s "
                             "procentpunt (90%%-interval %s)",
    [DKS_CMP_FOREST_NONE] = "Geen variant verlaagt het aandeel leraren op 1 of 2 (%s)",
    [DKS_CMP_FOREST_HOW] = "Het verschil van elke variant met de uitgangssituatie in het aandeel "
                           "leraren (één per klas) dat 1 of 2 zou antwoorden, in procentpunten: "
                           "links van de lijn is beter. Alle varianten worden op dezelfde "
                           "klassen en parameters beoordeeld, dus hun verschillen komen "
                           "door het beleid, niet door toeval. Snorretjes: 90%-interval.",
    [DKS_AX_PP] = "verschil in leraren op 1 of 2 (procentpunten)",
    [DKS_CMP_CE_TITLE] = "Kosten tegen effect: %s koopt een procentpunt het goedkoopst, voor %s fte",
    [DKS_CMP_CE_NONE] = "Kosten tegen effect van elke variant",
    [DKS_CMP_CE_HOW] = "Elk punt is een variant: naar rechts kost meer, naar beneden betekent "
                       "minder leraren op 1 of 2. Lijnen: 90%-intervallen. De beste koop ligt "
                       "laag en links.",
    [DKS_AX_COST] = "kosten (fte)",
    [DKS_CMP_PBEST_TITLE] = "%s is de beste variant in %s van de herhalingen",
    [DKS_CMP_PBEST_HOW] = "Hoe vaak elke variant de beste van alle is op het criterium (%s), over "
                          "de herhalingen van de onzekerheid van het model (en van de klassen die "
                          "voor populaties getrokken worden).",
    [DKS_AX_PBEST] = "herhalingen waarin het de beste is (%)",
    [DKS_CMP_TABLE] = "De varianten",
    [DKS_CMP_H] = "variant|kosten, fte (90%)|maatwerk: verschil op 1 of 2, pp (90%)|instructie: "
                  "verschil op 1 of 2, pp (90%)|fte per pp minder (maatwerk)",
    [DKS_CMP_RULES] = "Wat elke variant doet",
    [DKS_CMP_ABOUT] = "Elke herhaling trekt de parameters van het model en de klassen van de "
                      "uitgangssituatie één keer, en past dan elke variant toe op diezelfde "
                      "klassen met dezelfde toevalsgetallen; over leraren wordt exact "
                      "geïntegreerd. De kosten zijn de uren die het model per vorm aanneemt, "
                      "gedeeld door de uren van een fte; een andere klassengrootte kost of "
                      "bespaart groepsleraren. De ondersteuningsbehoefte hangt in het model niet "
                      "van ondersteuning af: ze verandert alleen met de klassengrootte.",

    [DKS_SWP_SOBOL_HEAD] = "Sobol-indices: schatters van Jansen op een Saltelli-ontwerp, %ld "
                           "basisrijen x (%d %s + 2) = %ld rijen;\n95%%-intervallen uit %ld "
                           "bootstrap-steekproeven van de basisrijen (startgetal %ld). Grootste "
                           "totale effect eerst.\n",
    [DKS_SWP_MORRIS_HEAD] = "Elementaire effecten van Morris: %ld trajecten x (%d %s + 1) = %ld "
                            "rijen;\neffecten per eenheid van het bereik van elke factor. Grootste "
                            "mu* eerst.\n",
    [DKS_WORD_FACTOR] = "factor",
    [DKS_WORD_FACTORS] = "factoren",
    [DKS_SWP_T_SOBOL] = "factor|S1|95%|ST|95%",
    [DKS_SWP_T_MORRIS] = "factor|mu*|mu|sigma",
    [DKS_SWP_TITLE_SOBOL] = "Welke invoer telt: Sobol-indices van %d factoren voor %d uitkomsten",
    [DKS_SWP_TITLE_MORRIS] = "Welke invoer telt: Morris-screening van %d factoren voor %d "
                             "uitkomsten",
    [DKS_SWP_S_TITLE] = "%s: %s verklaart het meeste van de variantie (totaal effect %s, "
                        "95%%-interval %s)",
    [DKS_SWP_S_HOW] = "Per factor is de donkere balk het totale effect ST: het deel van de "
                      "variantie van de uitkomst dat zou verdwijnen als de factor vast lag, met "
                      "zijn wisselwerkingen; de lichte balk eronder is het effect van de eerste "
                      "orde S1, het deel dat hij alleen verklaart. Snorretjes: "
                      "95%%-bootstrapintervallen. De %d factoren met de grootste ST; ze staan "
                      "allemaal in de tabel hieronder.",
    [DKS_AX_SHARE_VAR] = "aandeel van de variantie van de uitkomst",
    [DKS_SWP_FIRST] = "eerste orde %s",
    [DKS_SWP_M_TITLE] = "%s: %s beweegt haar het meest (mu* %s)",
    [DKS_SWP_M_HOW] = "Elk punt is een factor: verder naar rechts, een groter gemiddeld absoluut "
                      "effect (mu*) over het bereik van de factor; hoger, een grotere spreiding "
                      "van zijn effecten (sigma), door wisselwerking of kromming. Factoren bij de "
                      "hoek doen er nauwelijks toe.",
    [DKS_AX_MU] = "mu*: gemiddeld absoluut effect over het bereik van de factor (in de eenheid "
                  "van de uitkomst)",
    [DKS_AX_SIGMA] = "sigma: spreiding van de effecten (in de eenheid van de uitkomst)",
    [DKS_SWP_SOURCE] = "model %s; startgetal van het ontwerp %lu",
    [DKS_SWP_SOURCE_TEST] = "testfunctie %s in plaats van het model; startgetal van het ontwerp %lu",
    [DKS_SWP_SOURCE_ROWS] = "rijen uit %s (model en startgetal: die van de doorrekening die ze schreef)",
    [DKS_SWP_ANALYTIC_ISHIGAMI] = "\nanalytisch (Ishigami a = %g, b = %g): S1",
    [DKS_SWP_ANALYTIC] = "\nanalytisch (%s): S1",
    [DKS_UNTIL_HEAD] = "--until-ci %g: %s bij n = %ld basisrijen",
    [DKS_UNTIL_MET] = "gehaald",
    [DKS_UNTIL_NOT_MET] = "niet gehaald",
    [DKS_UNTIL_DOUBLED] = " (verdubbeld vanaf %ld, %d rondes)",
    [DKS_UNTIL_MAX] = ", het meeste dat --max-n toestaat",
    [DKS_UNTIL_WIDEST] = "; het breedste 95%%-interval is %.4f (%s van %s op %s)",
    [DKS_UNTIL_NEXT] = ". Reken het ontwerp hierna door met --n %ld (de eerste rijen zijn deze)%s",
    [DKS_UNTIL_RATE] = "; in dit tempo is ongeveer n = %ld nodig.",
    [DKS_SWP_TABLE] = "Alle indices",
    [DKS_SWP_ABOUT_SOBOL] = "Elke uitkomst is berekend op een Saltelli-ontwerp: twee onafhankelijke "
                            "basissteekproeven en per factor de eerste met de kolom van die factor "
                            "uit de tweede. De schatters van Jansen geven de indices van de eerste "
                            "orde en de totale; het opnieuw trekken van de basisrijen geeft hun "
                            "intervallen. De indices beschrijven het model over de bereiken van de "
                            "analyse, niet de werkelijkheid.",
    [DKS_SWP_ABOUT_MORRIS] = "Elk traject verschuift één factor tegelijk over zijn bereik; de "
                             "elementaire effecten van een factor worden gemiddeld (mu*, in "
                             "absolute waarde) en hun spreiding gemeten (sigma). Een screening: ze "
                             "rangschikt factoren, ze verdeelt de variantie niet.",

    [DKS_FIT_TITLE] = "Effectgroottes geschat uit %s",
    [DKS_FIT_META] = "%ld rijen gelezen, %ld zonder enige uitkomst (weggelaten); %s-intervallen: "
                     "vaste effecten Wald, standaardafwijkingen en ICC profielaannemelijkheid",
    [DKS_FIT_SUBSET] = "%s (%s = %s)",
    [DKS_FIT_FIX_TITLE] = "%s: het grootste effect is %s, %s (%s-interval %s)",
    [DKS_FIT_FIX_HOW] = "Elke rij is een vast effect tegenover het referentieniveau (%s): de "
                        "stip is de schatting, het snorretje het Wald-interval, in punten op de "
                        "antwoordschaal 1 tot 5.",
    [DKS_AX_EFFECT] = "effect (punten op de schaal 1..5)",
    [DKS_FIT_VAR_TITLE] = "Respondenten verschillen %s (sd), antwoorden van één respondent %s: "
                          "ICC %s",
    [DKS_FIT_VAR_HOW] = "De standaardafwijking tussen respondenten (hun willekeurige intercept) "
                        "en binnen respondenten (de rest), met intervallen uit de "
                        "profielaannemelijkheid; de ICC is het deel van de variantie dat tussen "
                        "respondenten ligt.",
    [DKS_FIT_H_BETWEEN] = "tussen respondenten (%s)",
    [DKS_FIT_H_WITHIN] = "binnen een respondent (rest)",
    [DKS_AX_SD] = "standaardafwijking (punten)",
    [DKS_FIT_MODEL_TITLE] = "Geschat tegenover het gebruikte model: %d van %d parameters buiten "
                            "het bereik",
    [DKS_FIT_MODEL_HOW] = "Per modelparameter die deze schatting raakt: de blauwe stip met "
                          "snorretje is de geschatte waarde met haar 90%-interval (1,645 "
                          "standaardfout), de grijze rij eronder het aannemelijke bereik van het "
                          "model; beide als verschil met de waarde in het model, dus nul is het "
                          "model.",
    [DKS_FIT_MODEL_NONE] = "Deze schatting wordt niet met het model vergeleken: %s",
    [DKS_AX_VS_MODEL] = "geschat min de waarde in het model (punten)",
    [DKS_FIT_T_HEAD] = "term|schatting|standaardfout|t-waarde|onder|boven",
    [DKS_FIT_FORMULA] = "formule: %s",
    [DKS_FIT_ABOUT] = "Eén gemengd model met willekeurig intercept per uitkomst (en per waarde "
                      "van --by), geschat met REML (of ML) zoals lme4 dat doet; vaste effecten "
                      "zijn dummy's tegenover het referentieniveau van elke factor. De "
                      "intervallen van de vaste effecten zijn Wald-intervallen, die van de "
                      "standaardafwijkingen en de ICC komen uit de profielaannemelijkheid.",
    [DKS_FIT_SOURCE] = "gegevens %s; vergeleken met model %s; geen toevalstrekkingen (dezelfde "
                       "gegevens geven hetzelfde rapport)",
    [DKS_FIT_SOURCE_DATA] = "gegevens %s; geen toevalstrekkingen (dezelfde gegevens geven hetzelfde "
                            "rapport)",
    [DKS_FIT_T_DATA] = "gegevens: %s: %ld rijen gelezen, %ld zonder enige uitkomst (weggelaten)\n",
    [DKS_FIT_T_INTERVALS] = "intervallen: %.4g %%; vaste effecten Wald; standaardafwijkingen en ICC "
                            "profielaannemelijkheid (ML, als confint van lme4)\n",
    [DKS_FIT_T_WHAT] = "\n%s: %s, %ld waarnemingen in %ld groepen (%s); %s zonder waarde "
                       "weggelaten\n  formule: ",
    [DKS_FIT_T_REF] = "  referentieniveaus: ",
    [DKS_FIT_T_OUTCOME] = "uitkomst '%s'",
    [DKS_FIT_T_FIXED] = "vast effect|schatting|standaardfout|t-waarde",
    [DKS_FIT_T_RANDOM] = "willekeurig effect|variantie|standaardafw.|",
    [DKS_FIT_T_RESIDUAL] = "rest",
    [DKS_FIT_T_NO_PROFILE] = "  (geen profielintervallen: de gegevens laten geen ML-schatting toe, "
                             "die alle variatie in de groepen legt)\n",
    [DKS_FIT_T_REML] = "REML-criterium",
    [DKS_FIT_T_DEVIANCE] = "deviantie",
    [DKS_FIT_T_CONVERGED] = "geconvergeerd",
    [DKS_FIT_T_NOT_CONVERGED] = "NIET geconvergeerd",
    [DKS_FIT_T_BOUNDARY] = "  %s: op de rand, var_group geschat als 0 (lme4: singuliere schatting); "
                           "het criterium stijgt vanaf daar\n",
    [DKS_FIT_T_GRADIENT] = "  %s: gradiënt %.2g in theta, Newtonstap %.2g\n",
    [DKS_FIT_T_LRT] = "  aannemelijkheidsquotiënttoets (beide met ML, als anova van lme4), m0: ",

    [DKS_MODEL_HEAD] = "model %s (%s), %zu parameters\n\n",
    [DKS_MODEL_COLS] = "naam|waarde|onder|boven|soort|herkomst",
    [DKS_MODEL_EMBEDDED] = "ingebouwd standaardmodel",
    [DKS_VERSION_MODEL] = "model %s (%s, %zu parameters)\n",
    [DKS_PROV_PUBLISHED] = "gepubliceerd",
    [DKS_PROV_CALIBRATED] = "gekalibreerd",
    [DKS_PROV_ASSUMED] = "aangenomen",
    [DKS_PROV_FITTED] = "geschat",
    [DKS_TGT_HEAD] = "model %s (%s) tegenover %s: elke toets in elk van %s\n\n",
    [DKS_TGT_EMBEDDED] = "(ingebouwde doelen)",
    [DKS_TGT_COLS] = "id|bron|toetsen|leden|marge|status en uitspraak (krapste toets eronder)",
    [DKS_TGT_INFO] = "geen voorwaarde",
    [DKS_TGT_MET] = "gehaald",
    [DKS_TGT_NOT_MET] = "NIET GEHAALD",
    [DKS_TGT_TIGHTEST] = "krapst",
    [DKS_TGT_WORDS] = "\nDe woorden van de schaal, elk met één lezing in elk doel (word-regels van het doelenbestand):\n",
    [DKS_TGT_NOTE] = "\n%zu toetsen in %zu doelen; %d niet gehaald door elk lid.  leden: aandeel "
                     "van de leden van de verzameling dat\nelke toets van het doel haalt; marge: hoe "
                     "ver de krapste toets van falen is in het lid\ndat het dichtst bij falen is, in "
                     "punten op de oordeelschaal; lhs - rhs: de grootheid van de krapste toets, "
                     "posterior-gemiddelde (90%%).\n",
    [DKS_CAL_SUMMARY] = "draagkracht: %zu parameters gekalibreerd op %zu toetsen van %zu doelen\n"
        "  beginpunt: %d iteraties van de oplosser, afstand tot de prior %.4f\n"
        "  posterior: %d leden uit %d ketens van exacte HMC (%d opwarmstappen, uitdunning %d, "
        "startgetal %lu, priorschaal x%g),\n"
        "    %zu eenzijdige voorwaarden, %ld trajecten, %.1f wandcontacten per traject\n"
        "  diagnose: grootste split-R-hat: parameters %.4f (%s), toetsen %.4f (%s)\n"
        "    kleinste effectieve steekproefgrootte: parameters %.0f, toetsen %.0f (%s)\n",

    [DKS_DESIGN_HEAD] = "ontwerp %s: %ld respondenten x (basisvignet + %d van %d vignetten), "
                        "startgetal %lu\n",
    [DKS_DESIGN_OBS] = "waarnemingen per vignet: %ld tot %ld (basisvignet: %ld)\n",
    [DKS_DESIGN_RULE] = "regel van het onderzoek, minstens %d per vignet (bron 001 r. 573-575): ",
    [DKS_DESIGN_MET] = "gehaald\n",
    [DKS_DESIGN_NOT_MET] = "NIET gehaald; daarvoor zijn minstens %ld respondenten nodig met elk "
                           "%d vignetten\n",

    /* ---- errors below the commands ---- */
    [DKS_ERRNO_NOENT] = "bestand of map bestaat niet",
    [DKS_ERRNO_ACCES] = "geen toestemming",
    [DKS_ERRNO_ISDIR] = "is een map",
    [DKS_ERRNO_NOTDIR] = "is geen map",
    [DKS_ERRNO_NOSPC] = "geen ruimte meer op het apparaat",
    [DKS_ERRNO_ROFS] = "bestandssysteem is alleen-lezen",
    [DKS_ERRNO_NAMETOOLONG] = "bestandsnaam te lang",
    [DKS_ERRNO_IO] = "invoer-/uitvoerfout",
    [DKS_ERRNO_EXIST] = "bestand bestaat al",
    [DKS_ERRNO_MFILE] = "te veel open bestanden",
    [DKS_ERRNO_FBIG] = "bestand te groot",
    [DKS_ERRNO_DQUOT] = "schijfquotum overschreden",
    [DKS_X_OPEN] = "%s: kan niet openen: %s",
    [DKS_X_READ] = "%s: kan niet lezen: %s",
    [DKS_X_WRITE] = "%s: kan niet schrijven: %s",
    [DKS_X_WRITE_FAILED] = "%s: schrijven mislukt: %s",
    [DKS_X_STDOUT_FAILED] = "stdout: schrijven mislukt: %s",
    [DKS_X_TOO_MANY_OUT] = "%s: kan niet schrijven: meer dan %d uitvoerbestanden tegelijk open",
    [DKS_X_GZ_AFTER] = "%s: beschadigde gzip-gegevens: de bytes na het laatste gzip-deel zijn "
                       "geen gzip (beschadigd of gemengd samengevoegd?)",
    [DKS_X_GZ_END] = "%s: beschadigde of afgebroken gzip-gegevens: onverwacht einde van het "
                     "bestand",
    [DKS_X_GZ_CORRUPT] = "%s: beschadigde gzip-gegevens: %s",
    [DKS_X_CSV_LONG] = "%s:%ld: record is langer dan %u bytes (een aanhalingsteken dat niet "
                       "gesloten is?)",
    [DKS_X_CSV_NUL] = "%s:%ld: NUL-byte in tekst (binair bestand?)",
    [DKS_X_CSV_UNCLOSED] = "%s:%ld: veld %d: het aanhalingsteken dat hier opent, sluit nergens",
    [DKS_X_CSV_INNER_QUOTE] = "%s:%ld: veld %d: een aanhalingsteken binnen een veld zonder "
                              "aanhalingstekens (zet het hele veld tussen aanhalingstekens en verdubbel "
                              "de aanhalingstekens erin)",
    [DKS_X_CSV_FIELDS] = "%s:%ld: meer dan %d velden",
    [DKS_X_CSV_UTF8] = "%s:%ld: veld %d: byte %zu is geen geldige UTF-8",
    [DKS_X_CSV_AFTER_QUOTE] = "%s:%ld: veld %d: tekst na een sluitend aanhalingsteken",
    [DKS_X_CSV_EMPTY] = "%s: leeg bestand (verwacht: een kopregel met de namen van de kolommen)",
    [DKS_X_CSV_EMPTY_NAME] = "%s:%ld: kolom %d heeft een lege naam",
    [DKS_X_CSV_TWICE] = "%s:%ld: kolom '%s' staat twee keer in de kopregel",
    [DKS_X_CSV_COUNT] = "%s:%ld: verwacht %d velden (zoals in de kopregel), gekregen %d",
    [DKS_X_UNKNOWN] = "onbekende %s '%.80s'%s",
    [DKS_X_UNKNOWN_LIST] = "onbekende %s '%.80s' (een van: %s)",
    [DKS_X_WHOLE] = "'%.80s' is geen geheel getal",
    [DKS_X_OUTSIDE_LONG] = "%s valt buiten %ld..%ld",
    [DKS_X_NUMBER] = "'%.80s' is geen getal",
    [DKS_X_OUTSIDE] = "%s valt buiten %g..%g",
    [DKS_X_REVERSED] = "bereik %s..%s is omgekeerd: de ondergrens ligt boven de bovengrens",
    [DKS_X_WORD_SECTION] = "sectie",
    [DKS_X_WORD_KEY] = "sleutel",
    [DKS_X_NEEDS_NAME] = "een [%s] heeft een naam nodig, zoals in [%s %s]",
    [DKS_X_NO_NAME] = "[%s] krijgt geen naam",
    [DKS_X_NAME_LONG] = "naam '%.80s' is langer dan %zu bytes",
    [DKS_X_BEFORE] = "'%s' staat voor elke [%s NAAM]",
    [DKS_X_DEFINED] = "'%s' bestaat al%s%s (regel %d)",
    [DKS_X_IN_THIS] = " in deze ",
    [DKS_X_HEADER] = "onjuiste sectiekop '%.80s'",
    [DKS_X_SECOND] = "een tweede [%s]-sectie (de eerste staat op regel %d)",
    [DKS_X_OUTSIDE_SECTION] = "buiten een sectie; begin met %s",
    [DKS_X_OR] = " of ",
    [DKS_X_KEY_VALUE] = "verwacht 'sleutel = waarde' of '[sectie]', gekregen '%.80s'",
    [DKS_X_EMPTY_VALUE] = "lege waarde",
    [DKS_X_KEY_TWICE] = "twee keer gegeven in deze sectie (eerst op regel %d)",
    [DKS_X_FORM_EMPTY] = "'%.80s' bevat een lege vormnaam",
    [DKS_X_FORM_UNKNOWN] = "onbekende vorm '%.60s'%s",
    [DKS_X_FORM_LIST] = "onbekende vorm '%.60s' (een van: none, assistant, extra-teacher, "
                        "specialist, facility)",
    [DKS_X_LISTED_TWICE] = "'%s' staat er twee keer in",
    [DKS_X_NONE_ALONE] = "'none' gaat niet samen met andere vormen",
    [DKS_X_HEAVY_OVER] = "heavy: %g leerlingen met een zware ondersteuningsbehoefte is meer dan de "
                         "%g leerlingen met een ondersteuningsbehoefte (de zware tellen daarin "
                         "mee)",
    [DKS_X_OB_OVER] = "support-needs: %g leerlingen met een ondersteuningsbehoefte is meer dan "
                      "de klassengrootte %g",
    [DKS_X_LIST_COLUMN] = "%s:%d: kolom '%s': %s",
    [DKS_X_LIST_FIELDS] = "meer dan 64 velden",
    [DKS_X_LIST_QUOTE] = "een aanhalingsteken dat niet gesloten is",
    [DKS_X_LIST_NOT_COLUMN] = "'%.100s' is geen kolom van een klassenlijst%s",
    [DKS_X_LIST_TWICE] = "twee keer gegeven",
    [DKS_X_LIST_NO_CLASS] = "geen kolom 'class' (of 'klas') met de namen van de klassen",
    [DKS_X_LIST_WHOLE_LONG] = "'%.60s...' is geen geheel getal",
    [DKS_X_LIST_WHOLE] = "'%.60s' is geen geheel getal",
    [DKS_X_LIST_OUTSIDE] = "%.15g valt buiten %ld..%ld",
    [DKS_X_LIST_VALUE] = "onbekende waarde '%.60s'%s",
    [DKS_X_LIST_NAME_EMPTY] = "leeg: elke klas heeft een naam nodig",
    [DKS_X_LIST_NAME_LONG] = "'%.40s...' is langer dan 63 bytes",
    [DKS_X_CLASS] = "klas '%s': %s",
    [DKS_X_CLASS_AT] = "%s:%d: klas '%s': %s",
    [DKS_E_AT_MOST_ONE] = "%s: verwacht hoogstens één scenariobestand, gekregen %d",
    [DKS_E_UNEXPECTED] = "%s: onverwacht argument '%s' (opties beginnen met --)",
    [DKS_E_REQUIRED] = "%s: --%s is verplicht",
    [DKS_E_NO_CLASSES] = "%s: geen [school NAAM]- of [population NAAM]-sectie en geen "
                         "--classes-lijst: geen klassen voor %s",
};

const dk_opt_text dk_opt_texts_nl[] = {
    { "simulate", NULL, "de klassen en scholen van een scenariobestand doorrekenen "
                        "(standaard: een po-school met 8 klassen)" },
    { "simulate", "seed", "startgetal van het toeval (standaard: dat van het scenario, anders 20261121)" },
    { "simulate", "replicates", "trekkingen van de parameters (standaard: die van het scenario, anders 1000)" },
    { "simulate", "threads", "aantal rekenprocessen; de uitvoer hangt er niet van af (standaard 1)" },
    { "simulate", "classes", "de klassen van de school uit een klassenlijst (CSV, zoals een rekenblad die bewaart; README)" },
    { "simulate", "model", "modelbestand (standaard: het ingebouwde model)" },
    { "simulate", "real-class", "de verschuiving van vignetoordelen naar het oordeel over de eigen klas optellen, aangenomen op grond van leraren in het speciaal onderwijs (realclass.* in 'draagkracht model')" },
    { "simulate", "format", "'table', 'csv', 'json' of 'html' (standaard: volgens de naam bij -o, anders 'table')" },
    { "simulate", "output", "hierheen schrijven in plaats van naar het scherm (in één keer; .gz comprimeert)" },
    { "simulate", "quiet", "geen voortgang tonen (alleen op een terminal, bij lange berekeningen)" },
    { "simulate", "per-class", "populaties klas voor klas trekken, niet per cel (dezelfde verdeling, langzamer: een controle)" },

    { "predict", NULL, "kunnen en ondersteuningsbehoefte voorspellen voor één klas" },
    { "predict", "sector", "'po', 'vo' of 'mbo' (standaard 'po')" },
    { "predict", "class-size", "leerlingen in de klas (standaard: het gemiddelde van de sector in de enquête)" },
    { "predict", "support-needs", "leerlingen met een ondersteuningsbehoefte (standaard: gemiddelde uit de enquête)" },
    { "predict", "heavy", "van wie met een grote aandachtvraag (standaard: gemiddelde uit de enquête)" },
    { "predict", "support", "'none', 'assistant', 'extra-teacher', 'specialist', 'facility'; met komma's te combineren" },
    { "predict", "experience", "alleen po: 'novice' (<= 5 jaar) of 'experienced'" },
    { "predict", "level", "alleen vo: 'vmbo' of 'havo-vwo'" },
    { "predict", "seed", "startgetal van het toeval (standaard 20261121)" },
    { "predict", "draws", "trekkingen van de parameters (standaard 400)" },
    { "predict", "teachers", "leraren per trekking (standaard 100)" },
    { "predict", "model", "modelbestand (standaard: het ingebouwde model)" },
    { "predict", "per-draw", "CSV met de verwachte oordelen van elke trekking (trekking, lid, een kolom per uitkomst) in plaats van de samenvatting" },
    { "predict", "real-class", "de verschuiving van vignetoordelen naar het oordeel over de eigen klas optellen, aangenomen op grond van leraren in het speciaal onderwijs (realclass.* in 'draagkracht model')" },
    { "predict", "format", "'table', 'csv', 'json' of 'html' (standaard: volgens de naam bij -o, anders 'table')" },
    { "predict", "output", "hierheen schrijven in plaats van naar het scherm (in één keer; .gz comprimeert)" },

    { "plan", NULL, "waar het ondersteuningsbudget van een school of een bestuur het meeste goed "
                    "doet: het beste plan en de plannen daarna" },
    { "plan", "budget", "extra formatie die de school kan inzetten, in fte (standaard: die van de [plan]-sectie)" },
    { "plan", "budget-euro", "of het budget in euro per jaar (vraagt euro-per-fte-tarieven)" },
    { "plan", "objective", "'mean', 'hardly' of 'worst' (standaard: die van de [plan]-sectie, anders 'mean')" },
    { "plan", "prefer", "plannen met dezelfde uitkomst: het goedkoopste eerst ('cheaper', standaard) of het hoogste gemiddelde ('mean')" },
    { "plan", "aspect", "één onderdeel van het werk, of 'all' (standaard 'all')" },
    { "plan", "threshold", "bij 'hardly': een klasgemiddelde hieronder telt mee (standaard 2.5)" },
    { "plan", "options", "vormen die het plan mag inzetten, met komma's (standaard alle vier)" },
    { "plan", "school", "alleen deze school plannen (standaard: alle scholen samen, één budget)" },
    { "plan", "alternatives", "aantal volgende plannen na het beste, 0..7 (standaard 4)" },
    { "plan", "step", "stappen van de budgetcurve en van de waarde van de volgende stap (standaard 0.1)" },
    { "plan", "seed", "startgetal van het toeval (standaard: dat van het scenario, anders 20261121)" },
    { "plan", "replicates", "trekkingen van de parameters, gedeeld door alle plannen (standaard: die "
                            "van het scenario, anders 1000)" },
    { "plan", "threads", "rekenprocessen voor de eigen optima van de trekkingen; de uitvoer hangt er niet van af (standaard 1)" },
    { "plan", "classes", "de klassen van de school uit een klassenlijst (CSV, zoals een rekenblad die bewaart; README)" },
    { "plan", "model", "modelbestand (standaard: het ingebouwde model)" },
    { "plan", "real-class", "de verschuiving van vignetoordelen naar het oordeel over de eigen klas optellen, aangenomen op grond van leraren in het speciaal onderwijs (realclass.* in 'draagkracht model')" },
    { "plan", "format", "'table', 'csv', 'json' of 'html' (standaard: volgens de naam bij -o, anders 'table')" },
    { "plan", "output", "hierheen schrijven in plaats van naar het scherm (in één keer; .gz comprimeert)" },

    { "compare", NULL, "financieringsscenario's voor een populatie klassen of een school: varianten tegenover een "
                       "uitgangssituatie (standaard: vijf manieren om het ondersteuningsgeld van een "
                       "po-school met 8 klassen te besteden)" },
    { "compare", "criterion", "rangschikken op ASPECT.KIND: ASPECT een onderdeel of 'all', KIND 'le2', "
                              "'mean', 'le2-per-fte' of 'mean-per-fte' (standaard: dat van de "
                              "[compare]-sectie, anders 'tailor.le2')" },
    { "compare", "seed", "startgetal van het toeval (standaard: dat van het scenario, anders 20261121)" },
    { "compare", "replicates", "trekkingen van parameters en populatie, gedeeld door alle varianten "
                               "(standaard: die van het scenario, anders 1000)" },
    { "compare", "threads", "aantal rekenprocessen; de uitvoer hangt er niet van af (standaard 1)" },
    { "compare", "model", "modelbestand (standaard: het ingebouwde model)" },
    { "compare", "real-class", "de verschuiving van vignetoordelen naar het oordeel over de eigen klas optellen, aangenomen op grond van leraren in het speciaal onderwijs (realclass.* in 'draagkracht model')" },
    { "compare", "classes", "de klassen van de school uit een klassenlijst (CSV, zoals een rekenblad die bewaart; README), in plaats van de [school]-secties van het bestand" },
    { "compare", "format", "'table', 'csv', 'json' of 'html' (standaard: volgens de naam bij -o, anders 'table')" },
    { "compare", "output", "hierheen schrijven in plaats van naar het scherm (in één keer; .gz comprimeert)" },
    { "plan", "quiet", "geaccepteerd, zodat scripts -q aan elke opdracht kunnen meegeven: plan toont geen voortgang" },
    { "compare", "quiet", "geen voortgang tonen (alleen op een terminal, bij lange berekeningen)" },

    { "sweep", NULL, "gevoeligheidsanalyses over invoer en aannames van het model: rijen, indices "
                     "van Sobol en Morris" },
    { "sweep", "design", "'grid', 'lhs', 'sobol', 'saltelli' of 'morris' (standaard: dat van de "
                         "specificatie, anders 'saltelli')" },
    { "sweep", "n", "lhs/sobol: rijen; saltelli: basisrijen, een macht van twee; morris: trajecten" },
    { "sweep", "seed", "startgetal van het ontwerp (lhs, morris; standaard: dat van de specificatie, anders 1)" },
    { "sweep", "test-function", "'ishigami', 'sobol-g' of 'sobol-g-star' in plaats van het model, "
                                "om de schatters te controleren" },
    { "sweep", "threads", "aantal rekenprocessen; rijen en indices hangen er niet van af (standaard 1)" },
    { "sweep", "shard", "alleen deel K van N schrijven; de rijen van de delen achter elkaar zijn het geheel" },
    { "sweep", "indices", "indices van Sobol (saltelli) of Morris hierheen schrijven ('-': het scherm)" },
    { "sweep", "format", "indices als 'table', 'csv', 'json' of 'html' (standaard: volgens de naam "
                         "bij --indices, anders 'table')" },
    { "sweep", "bootstrap", "aantal bootstrap-steekproeven voor de intervallen van Sobol (standaard 200; 0: geen)" },
    { "sweep", "bootstrap-seed", "startgetal van de bootstrap-steekproeven (standaard 1)" },
    { "sweep", "analyse", "de indices berekenen uit een bestand met rijen (CSV of .gz)" },
    { "sweep", "until-ci", "saltelli: n verdubbelen (de rijen blijven) tot elk 95%-interval smaller "
                           "is dan W; met --analyse: zeggen welke n de volgende is" },
    { "sweep", "max-n", "--until-ci: hoogstens zoveel basisrijen (standaard 1048576)" },
    { "sweep", "model", "modelbestand (standaard: het ingebouwde model)" },
    { "sweep", "output", "rijen hierheen in plaats van naar het scherm (in één keer; .gz comprimeert)" },
    { "sweep", "quiet", "geen voortgang tonen (alleen op een terminal, bij lange berekeningen)" },

    { "model", NULL, "elke parameter met waarde, bereik en herkomst tonen (--targets: de "
                     "gepubliceerde doelen controleren)" },
    { "model", "targets", "elk doel tonen, met zijn regel in de bron, de waarde in het model en of het gehaald wordt" },
    { "model", "evidence", "per gekalibreerde parameter: het deel van de variantie van de priori dat de lezingen wegnamen" },
    { "model", "targets-file", "te controleren doelen (standaard: de ingebouwde)" },
    { "model", "model", "te gebruiken modelbestand (standaard: het ingebouwde model)" },
    { "model", "format", "'table', 'csv' of 'json' (standaard: volgens de naam bij -o, anders 'table')" },
    { "model", "output", "hierheen schrijven in plaats van naar het scherm (in één keer)" },

    { "calibrate", NULL, "de posterior-verzameling van effectgroottes trekken uit de gepubliceerde uitspraken" },
    { "calibrate", "members", "aantal leden van de verzameling (standaard 1000)" },
    { "calibrate", "chains", "onafhankelijke HMC-ketens; het aantal leden is een veelvoud ervan (standaard 4)" },
    { "calibrate", "warmup", "weggegooide trajecten per keten (standaard 200)" },
    { "calibrate", "thin", "trajecten per bewaard lid (standaard 3)" },
    { "calibrate", "seed", "startgetal van het toeval (standaard 20261203, dat van het ingebouwde model)" },
    { "calibrate", "threads", "ketens parallel op T rekenprocessen (standaard: alle kernen; dezelfde uitkomst)" },
    { "calibrate", "prior-scale", "elke priorschaal met F vermenigvuldigen (gevoeligheid voor de prior; standaard 1)" },
    { "calibrate", "output", "het modelbestand hierheen schrijven (standaard: het scherm)" },
    { "calibrate", "quiet", "geen samenvatting op stderr" },

    { "fit", NULL, "effectgroottes schatten uit antwoorden op vignetten (gemengd model met "
                   "willekeurig intercept, REML of ML)" },
    { "fit", "group", "kolom die de respondent aanwijst (willekeurig intercept)" },
    { "fit", "outcome", "uitkomstkolom(men), met komma's; elk een eigen model" },
    { "fit", "factors", "categorische voorspellers, als dummy's tegen een referentieniveau" },
    { "fit", "covariates", "numerieke voorspellers" },
    { "fit", "by", "aparte schattingen per waarde van deze kolom (bijvoorbeeld de sector)" },
    { "fit", "reference", "referentieniveaus (standaard: het eerste niveau, gesorteerd)" },
    { "fit", "ml", "grootste aannemelijkheid (ML) in plaats van REML" },
    { "fit", "level", "betrouwbaarheid van de intervallen (standaard 0.95)" },
    { "fit", "compare", "ook toetsen, met de aannemelijkheidsquotiënt (ML), of het model zonder "
                        "deze factoren/covariaten volstaat" },
    { "fit", "ranef", "per groep de voorwaardelijke modus en SD schrijven (CSV; .gz comprimeert)" },
    { "fit", "predictions", "per rij de voorspelde waarde en het residu schrijven (CSV; .gz "
                            "comprimeert)" },
    { "fit", "format", "'table', 'csv', 'json' of 'html' (standaard 'table')" },
    { "fit", "model", "met -o: het model om van uit te gaan (standaard: het ingebouwde model)" },
    { "fit", "output", "een modelbestand met de geschatte effecten schrijven (vraagt de vignetkolommen)" },

    { "design", NULL, "vignetten verdelen over de respondenten van een nieuwe vragenlijst (zo "
                      "nodig met gesimuleerde antwoorden)" },
    { "design", "sector", "'po', 'vo' of 'mbo': de niveaus van de vignetten (standaard 'po')" },
    { "design", "respondents", "aantal respondenten (verplicht)" },
    { "design", "per-respondent", "willekeurige vignetten per respondent, naast het basisvignet (standaard 6)" },
    { "design", "forms", "'both' (standaard, zoals in het onderzoek), '1' (kunnen) of '2' "
                         "(ondersteuningsbehoefte)" },
    { "design", "seed", "startgetal van het toeval (standaard 20261121)" },
    { "design", "simulate", "antwoorden toevoegen, getrokken uit het model (intercept van de respondent + restterm)" },
    { "design", "round", "met --simulate: antwoorden afronden op de schaal 1..5" },
    { "design", "model", "met --simulate: het model (standaard: het ingebouwde model)" },
    { "design", "quiet", "geen schatting van de grootte op de terminal vóór een grote uitvoer" },
    { "design", "output", "de verdeling hierheen schrijven (in één keer; .gz comprimeert); de "
                          "samenvatting gaat naar het scherm" },

    { "serve", NULL, "simulate, plan en compare als webpagina's in een browser (HTTP; TLS "
                     "door een proxy ervoor)" },
    { "serve", "listen", "adres en poort om op te luisteren (standaard 127.0.0.1:8080; poort 0: "
                         "een vrije); een ander dan loopback geeft een waarschuwing" },
    { "serve", "threads", "rekenprocessen die antwoorden maken (standaard: de processoren, "
                          "hoogstens 16)" },
    { "serve", "queue", "verzoeken die op een rekenproces mogen wachten; meer krijgen 503 "
                        "(standaard 128)" },
    { "serve", "allow-host", "meer hostnamen waarvoor de server antwoordt, met komma's ertussen "
                             "(de naam die een proxy ervoor doorgeeft)" },
    { "serve", "timeout", "binnen zoveel seconden moet een client zijn verzoek sturen en het "
                          "antwoord lezen (standaard 30)" },
    { NULL, NULL, NULL }
};
