/*
 * words.c -- the server's words in English and Dutch (words.h).  Formats
 * keep the same conversions in the same order in both (the tests check).
 */
#include "draagkracht/serve/words.h"

static const char *const en[DKW_N] = {
    [DKW_TITLE] = "draagkracht: how are the teachers of a school doing?",
    [DKW_LEAD] = "Give the classes of your school: how many pupils, how many of them with a "
                 "support need, how many of those with heavy needs, and the support a class "
                 "has. The program answers with what teachers of comparable classes said "
                 "they can still do, and which support they would ask for.",
    [DKW_LIST_HEAD] = "Your classes",
    [DKW_UPLOAD] = "Upload a class list (CSV, as a spreadsheet saves it):",
    [DKW_OR_EDIT] = "or edit the classes in the table (a file, when given, is used instead).",
    [DKW_EXAMPLE] = "The table holds an example school; change it into yours.",
    [DKW_FROM_LIST] = "The table holds the classes of %s.",
    [DKW_COL_SCHOOL] = "school",
    [DKW_COL_CLASS] = "class",
    [DKW_COL_PUPILS] = "pupils",
    [DKW_COL_OB] = "with a support need",
    [DKW_COL_HEAVY] = "of whom heavy",
    [DKW_COL_SUPPORT] = "support",
    [DKW_SUPPORT_HINT] = "support: none, assistant, extra-teacher, specialist or facility "
                         "(several with +)",
    [DKW_REMOVE] = "remove",
    [DKW_ADD] = "add a class",
    [DKW_OPTIONS] = "Options",
    [DKW_BUDGET] = "budget to plan, in FTE",
    [DKW_OBJECTIVE] = "the plan aims at",
    [DKW_OBJ_MEAN] = "the mean rating",
    [DKW_OBJ_HARDLY] = "fewer classes where teachers can hardly manage",
    [DKW_OBJ_WORST] = "the hardest class",
    [DKW_SEED] = "seed",
    [DKW_REPLICATES] = "replicates",
    [DKW_FORMAT] = "answer as",
    [DKW_ACT_SIMULATE] = "How are my teachers doing?",
    [DKW_ACT_PLAN] = "Plan a budget",
    [DKW_ACT_COMPARE] = "Compare ways to spend it",
    [DKW_NOTHING_STORED] = "Nothing you send is stored: the class list lives in memory "
                           "while the answer is made. No cookies.",
    [DKW_ERROR_HEAD] = "The input needs a change",
    [DKW_E_NOT_FOUND] = "%s: no such page",
    [DKW_E_METHOD] = "%s: this method is not allowed here",
    [DKW_E_HOST] = "this server does not answer for host '%s'",
    [DKW_E_ORIGIN] = "a form from another site (%s) may not use this server",
    [DKW_E_TOO_LARGE] = "the request is larger than %d bytes",
    [DKW_E_BUSY] = "the server is busy; try again in a few seconds",
    [DKW_E_FORMAT] = "format: '%s' is not html, json, csv or table",
    [DKW_E_REPLICATES] = "replicates: at most %d per request on this server (the command "
                         "line has no such limit)",
    [DKW_E_CLASSES] = "classes: at most %d classes per request on this server (the command "
                      "line has no such limit)",
    [DKW_E_LANG] = "lang: '%s' is not en or nl",
    [DKW_E_STEPS] = "budget: at most %d steps of the budget curve per request on this server "
                    "(a larger step or a smaller budget)",
    [DKW_E_INTERNAL] = "the answer could not be made (%s)",
    [DKW_RESULT_HEAD] = "Change the classes and run it again",
};

static const char *const nl[DKW_N] = {
    [DKW_TITLE] = "draagkracht: hoe gaat het met de leraren van een school?",
    [DKW_LEAD] = "Geef de groepen van uw school: hoeveel leerlingen, hoeveel met een "
                 "ondersteuningsbehoefte, hoeveel van hen met een grote aandachtvraag, en de "
                 "ondersteuning die een groep heeft. Het programma antwoordt met wat leraren "
                 "van vergelijkbare groepen zeiden nog te kunnen, en welke ondersteuning ze "
                 "zouden vragen.",
    [DKW_LIST_HEAD] = "Uw groepen",
    [DKW_UPLOAD] = "Stuur een klassenlijst (CSV, zoals een spreadsheet die opslaat):",
    [DKW_OR_EDIT] = "of pas de groepen in de tabel aan (een bestand gaat voor, als u er een "
                    "geeft).",
    [DKW_EXAMPLE] = "De tabel bevat een voorbeeldschool; maak er uw eigen school van.",
    [DKW_FROM_LIST] = "De tabel bevat de groepen uit %s.",
    [DKW_COL_SCHOOL] = "school",
    [DKW_COL_CLASS] = "groep",
    [DKW_COL_PUPILS] = "leerlingen",
    [DKW_COL_OB] = "met een ondersteuningsbehoefte",
    [DKW_COL_HEAVY] = "van wie met een grote aandachtvraag",
    [DKW_COL_SUPPORT] = "ondersteuning",
    [DKW_SUPPORT_HINT] = "ondersteuning: geen, onderwijsassistent, extra leraar, specialist of "
                         "voorziening (meer dan een met +)",
    [DKW_REMOVE] = "weg",
    [DKW_ADD] = "groep toevoegen",
    [DKW_OPTIONS] = "Instellingen",
    [DKW_BUDGET] = "budget voor het plan, in fte",
    [DKW_OBJECTIVE] = "het plan mikt op",
    [DKW_OBJ_MEAN] = "de gemiddelde score",
    [DKW_OBJ_HARDLY] = "minder groepen waar leraren het nauwelijks redden",
    [DKW_OBJ_WORST] = "de zwaarste groep",
    [DKW_SEED] = "startgetal",
    [DKW_REPLICATES] = "herhalingen",
    [DKW_FORMAT] = "antwoord als",
    [DKW_ACT_SIMULATE] = "Hoe gaat het met mijn leraren?",
    [DKW_ACT_PLAN] = "Een budget plannen",
    [DKW_ACT_COMPARE] = "Manieren vergelijken om het te besteden",
    [DKW_NOTHING_STORED] = "Niets van wat u stuurt wordt bewaard: de klassenlijst staat alleen "
                           "in het geheugen zolang het antwoord wordt gemaakt. Geen cookies.",
    [DKW_ERROR_HEAD] = "De invoer moet worden aangepast",
    [DKW_E_NOT_FOUND] = "%s: deze pagina bestaat niet",
    [DKW_E_METHOD] = "%s: deze methode is hier niet toegestaan",
    [DKW_E_HOST] = "deze server antwoordt niet voor host '%s'",
    [DKW_E_ORIGIN] = "een formulier van een andere site (%s) mag deze server niet gebruiken",
    [DKW_E_TOO_LARGE] = "het verzoek is groter dan %d bytes",
    [DKW_E_BUSY] = "de server is druk; probeer het over een paar seconden opnieuw",
    [DKW_E_FORMAT] = "format: '%s' is niet html, json, csv of table",
    [DKW_E_REPLICATES] = "replicates: hoogstens %d per verzoek op deze server (de "
                         "opdrachtregel kent die grens niet)",
    [DKW_E_CLASSES] = "classes: hoogstens %d groepen per verzoek op deze server (de "
                      "opdrachtregel kent die grens niet)",
    [DKW_E_LANG] = "lang: '%s' is niet en of nl",
    [DKW_E_STEPS] = "budget: hoogstens %d stappen van de budgetcurve per verzoek op deze "
                    "server (een grotere stap of een kleiner budget)",
    [DKW_E_INTERNAL] = "het antwoord kon niet worden gemaakt (%s)",
    [DKW_RESULT_HEAD] = "Pas de groepen aan en reken opnieuw",
};

const char *dk_serve_word(dk_lang l, dk_word w)
{
    const char *s = (l == DK_LANG_NL ? nl : en)[w];
    return s ? s : en[w];
}

int dk_serve_words_missing(dk_lang l)
{
    int n = 0;
    for (int w = 0; w < DKW_N; w++)
        n += !(l == DK_LANG_NL ? nl : en)[w];
    return n;
}
