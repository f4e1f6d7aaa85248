"""The workbook contract, declared once: sheets, columns, headers, vocabularies, rules.

Everything that knows the format (validation, the blank template, the format docs, the
export of current data, the demonstration generator) reads it from here. Code uses only
the canonical snake_case ids; display labels come from this module.

Why one module: it is the one declaration of the contract, and
three quarters of it are the eight sheets' column declarations, read side by side (headers,
types, rules and their French and English descriptions) when the format changes. The
types that declare them (`Column`, `Sheet`, `Choice`) and the vocabularies they name sit
above them, so that the whole contract reads top to bottom in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

CONTRACT_VERSION = 1

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
ColumnType = Literal["text", "date", "integer", "number", "choice", "status", "id_list"]

# Characters removed before matching headers and choice values (zero-width and BOM).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    """Return the matching key of a header, sheet name or choice value.

    Case, accents, surrounding and repeated spaces (non-breaking ones too), full-width
    forms and zero-width characters are ignored: `Échéance`, ` echeance\u00a0` and
    `ＥＣＨＥＡＮＣＥ` all give `echeance`. Apostrophes and dashes are folded to ASCII.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip()


@dataclass(frozen=True)
class Choice:
    """One value of a closed vocabulary: a stable code and its labels."""

    code: str
    fr: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en

    def match_keys(self) -> set[str]:
        return {normalise_label(x) for x in (self.code, self.fr, self.en, *self.aliases)}


@dataclass(frozen=True)
class Ref:
    """A reference to another sheet's key column (a foreign key)."""

    sheet: str
    column: str


@dataclass(frozen=True)
class Column:
    """One column of a sheet, with its headers, type and rule."""

    id: str
    fr: str
    en: str
    type: ColumnType
    description_fr: str
    description_en: str
    required: bool = False
    unique: bool = False
    choices: tuple[Choice, ...] = ()
    aliases: tuple[str, ...] = ()
    ref: Ref | None = None
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 32_767  # Excel's own limit for one cell
    # For an imprecise date column: the id of its companion column, the latest possible
    # date. The column itself holds the earliest; a cell may also say "mars 2014" or
    # "2014", which gives both bounds. Empty companion = known to the day.
    latest: str | None = None

    def header(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en

    def description(self, lang: Lang) -> str:
        return self.description_fr if lang == "fr" else self.description_en

    def header_keys(self) -> set[str]:
        return {normalise_label(x) for x in (self.fr, self.en, self.id, *self.aliases)}

    def choice(self, code: str) -> Choice:
        for c in self.choices:
            if c.code == code:
                return c
        raise KeyError(code)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: names in both languages, columns, key, description."""

    id: str
    fr: str
    en: str
    columns: tuple[Column, ...]
    description_fr: str
    description_en: str
    required: bool = True
    must_have_rows: bool = False
    aliases: tuple[str, ...] = ()
    key: tuple[str, ...] = field(default=())

    def name(self, lang: Lang) -> str:
        return self.fr if lang == "fr" else self.en

    def description(self, lang: Lang) -> str:
        return self.description_fr if lang == "fr" else self.description_en

    def name_keys(self) -> set[str]:
        return {normalise_label(x) for x in (self.fr, self.en, self.id, *self.aliases)}

    def column(self, column_id: str) -> Column:
        for c in self.columns:
            if c.id == column_id:
                return c
        raise KeyError(column_id)

    @property
    def column_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.columns)


# --- Vocabularies -------------------------------------------------------------------

PRIORITIES = (
    Choice("high", "Haute", "High", ("elevee", "prioritaire")),
    Choice("medium", "Moyenne", "Medium", ("normale",)),
    Choice("low", "Basse", "Low", ("faible",)),
)

# Ordered from the highest level down: a recommendation is counted at its highest level.
RETENTION_LEVELS = (
    Choice("retained", "Retenue", "Retained", ("retenu", "oui", "yes")),
    Choice(
        "partly_retained",
        "Partiellement retenue",
        "Partly retained",
        ("partiellement retenu", "partially retained", "en partie retenue"),
    ),
    Choice(
        "dropped_from_draft",
        "Retirée du projet",
        "Dropped from draft",
        ("retire du projet", "retiree", "dropped"),
    ),
    Choice("not_retained", "Non retenue", "Not retained", ("non retenu", "non", "no")),
)
RETENTION_WITH_MEASURE = frozenset({"retained", "partly_retained"})

VOICES = (
    Choice("government", "Gouvernement", "Government", ("gvt", "etat", "state")),
    Choice(
        "civil_society",
        "Société civile",
        "Civil society",
        ("ong", "ngo", "associations", "collectif", "coalition"),
    ),
    Choice(
        "independent",
        "Évaluation indépendante",
        "Independent evaluation",
        ("evaluateur independant", "independent evaluator", "rapporteur national"),
    ),
)

EVENT_KINDS = (
    Choice("letter", "Lettre", "Letter", ("courrier", "courriel", "email")),
    Choice("meeting", "Réunion", "Meeting", ("rencontre", "rendez-vous", "audience")),
    Choice("reply", "Réponse", "Reply", ("answer",)),
    Choice("publication", "Publication", "Publication", ("communique", "press release")),
    Choice(
        "official_text",
        "Texte officiel",
        "Official text",
        ("decret", "arrete", "circulaire", "loi", "decree", "law"),
    ),
    Choice("report", "Rapport", "Report", ("evaluation",)),
    Choice("other", "Autre", "Other", ()),
)

# Status categories, ordered from the best outcome to the least known.
CATEGORIES = (
    Choice("done", "réalisée", "done", ("realise", "termine", "completed")),
    Choice("partial", "partielle", "partial", ("partiel", "partiellement realisee")),
    Choice("not_done", "non réalisée", "not done", ("non realise",)),
    Choice("dropped", "abandonnée", "dropped", ("abandonne",)),
    Choice("unknown", "inconnue", "unknown", ("inconnu", "non evaluee")),
)
CATEGORY_CODES: tuple[str, ...] = tuple(c.code for c in CATEGORIES)


@dataclass(frozen=True)
class StatusLabel:
    """One label of a status scale and the category it counts in."""

    label: str
    category: str
    order: int
    colour: str | None = None
    en: str | None = None  # English display label (default scale only)
    aliases: tuple[str, ...] = ()

    def display(self, lang: Lang) -> str:
        return self.en if (lang == "en" and self.en) else self.label


# The default scale, aligned with the French national rapporteur's evaluations.
DEFAULT_SCALE: tuple[StatusLabel, ...] = (
    StatusLabel("Réalisée", "done", 1, en="Done", aliases=("realise", "termine", "completed")),
    StatusLabel(
        "Partiellement réalisée",
        "partial",
        2,
        en="Partly done",
        aliases=("partiellement realise", "partially done", "partially implemented"),
    ),
    StatusLabel("En cours", "partial", 3, en="In progress", aliases=("en cours de realisation",)),
    StatusLabel(
        "Non réalisée", "not_done", 4, en="Not done", aliases=("non realise", "not implemented")
    ),
    StatusLabel(
        "Non démarrée", "not_done", 5, en="Not started", aliases=("non demarre", "pas demarree")
    ),
    StatusLabel("Abandonnée", "dropped", 6, en="Dropped", aliases=("abandonne", "abandoned")),
    StatusLabel(
        "Non évaluée",
        "unknown",
        7,
        en="Not assessed",
        aliases=("non evalue", "not evaluated", "inconnu", "unknown"),
    ),
)
UNKNOWN_STATUS = "Non évaluée"

# What counts as an empty cell: nothing, or only spaces (non-breaking and zero-width too).
# `NA`, `N/A`, `None`, `-` are text. Documented in the format page.
EMPTY_CELL_RULE_FR = "une cellule vide ou ne contenant que des espaces"
EMPTY_CELL_RULE_EN = "a cell that is empty or holds only spaces"


def _c(id: str, fr: str, en: str, type: ColumnType, dfr: str, den: str, **kw: object) -> Column:
    return Column(id, fr, en, type, dfr, den, **kw)  # type: ignore[arg-type]


PLANS = Sheet(
    "plans",
    "Plans",
    "Plans",
    (
        _c(
            "plan_id",
            "Plan",
            "Plan ID",
            "text",
            "Identifiant court du plan (ex. PAN-2019).",
            "Short identifier of the plan (e.g. PAN-2019).",
            required=True,
            unique=True,
            aliases=("id plan", "identifiant", "plan id"),
        ),
        _c(
            "title",
            "Intitulé",
            "Title",
            "text",
            "Intitulé officiel du plan.",
            "Official title of the plan.",
            required=True,
            aliases=("titre", "nom", "name"),
        ),
        _c(
            "period_start",
            "Début",
            "Start",
            "date",
            "Premier jour de la période couverte.",
            "First day of the period covered.",
            required=True,
            aliases=("date de debut", "start date", "period start"),
        ),
        _c(
            "period_end",
            "Fin",
            "End",
            "date",
            "Dernier jour de la période couverte (postérieur ou égal au début).",
            "Last day of the period covered (on or after the start).",
            required=True,
            aliases=("date de fin", "end date", "period end"),
        ),
        _c(
            "expected_date",
            "Attendu le",
            "Expected by",
            "date",
            "Date à laquelle le plan était promis ou attendu : un jour, un mois (« octobre "
            "2013 ») ou une année (« 2013 ») ; si elle n'est connue qu'entre deux dates, la "
            "plus tôt ici et la plus tard dans la colonne suivante.",
            'When the plan was promised or due: a day, a month ("October 2013") or a year '
            '("2013"); if it is known only between two dates, the earliest here and the '
            "latest in the next column.",
            aliases=("date attendue", "expected date"),
            latest="expected_latest",
        ),
        _c(
            "expected_latest",
            "Attendu au plus tard le",
            "Expected by (latest)",
            "date",
            "Si la date attendue n'est connue qu'entre deux dates : la plus tard. Vide "
            "quand elle est connue au jour près.",
            "When the expected date is known only between two dates: the latest. Empty when "
            "it is known to the day.",
            aliases=("attendu au plus tard", "expected latest"),
        ),
        _c(
            "adopted_date",
            "Adopté le",
            "Adopted on",
            "date",
            "Date à laquelle il a été réellement adopté ou présenté.",
            "When it was actually adopted or presented.",
            aliases=("date d'adoption", "adoption date", "presente le"),
        ),
        _c(
            "previous_plan_id",
            "Plan précédent",
            "Previous plan",
            "text",
            "Identifiant du plan qui l'a précédé (doit exister dans la feuille Plans).",
            "Identifier of the plan before it (must exist in the Plans sheet).",
            ref=Ref("plans", "plan_id"),
            aliases=("previous plan id",),
        ),
        _c(
            "source",
            "Source",
            "Source",
            "text",
            "Adresse ou référence du texte du plan.",
            "URL or reference of the plan's text.",
        ),
    ),
    "Un plan d'action par ligne.",
    "One action plan per row.",
    must_have_rows=True,
    key=("plan_id",),
)

MEASURES = Sheet(
    "measures",
    "Mesures",
    "Measures",
    (
        _c(
            "measure_id",
            "Mesure",
            "Measure ID",
            "text",
            "Identifiant unique de la mesure dans tout le classeur (ex. PAN2-M01).",
            "Identifier of the measure, unique across the workbook (e.g. PAN2-M01).",
            required=True,
            unique=True,
            aliases=("id mesure", "identifiant", "measure"),
        ),
        _c(
            "plan_id",
            "Plan",
            "Plan ID",
            "text",
            "Plan auquel la mesure appartient.",
            "Plan the measure belongs to.",
            required=True,
            ref=Ref("plans", "plan_id"),
        ),
        _c(
            "number",
            "N°",
            "No.",
            "integer",
            "Numéro d'ordre de la mesure dans le plan.",
            "Display order of the measure within the plan.",
            min_value=0,
            aliases=("numero", "no", "n", "number", "num"),
        ),
        _c(
            "axis",
            "Axe",
            "Axis",
            "text",
            "Axe ou priorité du plan dont relève la mesure.",
            "Priority or axis of the plan the measure belongs to.",
            required=True,
            aliases=("priorite", "priority", "pilier", "pillar"),
        ),
        _c(
            "title",
            "Intitulé",
            "Title",
            "text",
            "Intitulé de la mesure.",
            "Title of the measure.",
            required=True,
            aliases=("titre", "libelle"),
        ),
        _c(
            "lead",
            "Pilote",
            "Lead",
            "text",
            "Ministère ou organisme chargé de la mesure.",
            "Ministry or body in charge.",
            aliases=("ministere pilote", "responsable"),
        ),
        _c(
            "due_date",
            "Échéance",
            "Due date",
            "date",
            "Échéance initiale ; si vide, la fin de la période du plan s'applique.",
            "Original deadline; if empty, the plan's end date applies.",
            aliases=("date limite", "deadline", "echeance initiale"),
        ),
        _c(
            "budget_eur",
            "Budget (€)",
            "Budget (EUR)",
            "number",
            "Budget annoncé en euros (positif ou nul).",
            "Announced budget in euros (≥ 0).",
            min_value=0,
            aliases=("budget", "budget eur", "budget (euros)"),
        ),
        _c(
            "carried_from",
            "Reprise de",
            "Carried over from",
            "text",
            "Mesure d'un plan antérieur que celle-ci reprend.",
            "Measure of an earlier plan that this one carries over.",
            ref=Ref("measures", "measure_id"),
            aliases=("reprend", "carried from"),
        ),
        _c(
            "source",
            "Source",
            "Source",
            "text",
            "Adresse ou référence de la mesure.",
            "URL or reference for the measure.",
        ),
    ),
    "Une mesure par ligne, tous plans confondus.",
    "One measure per row, all plans together.",
    must_have_rows=True,
    key=("measure_id",),
)

RECOMMENDATIONS = Sheet(
    "recommendations",
    "Recommandations",
    "Recommendations",
    (
        _c(
            "rec_id",
            "Recommandation",
            "Recommendation ID",
            "text",
            "Identifiant unique de la recommandation.",
            "Unique identifier of the recommendation.",
            required=True,
            unique=True,
            aliases=("id recommandation", "recommendation", "rec id"),
        ),
        _c(
            "author",
            "Auteur",
            "Author",
            "text",
            "Qui l'a formulée : le Collectif, le rapporteur national, le GRETA, le Parlement…",
            "Who made it: the coalition, the national rapporteur, GRETA, Parliament…",
            required=True,
            aliases=("auteure", "emetteur"),
        ),
        _c(
            "theme",
            "Thème",
            "Theme",
            "text",
            "Thème de la recommandation.",
            "Theme of the recommendation.",
            required=True,
            aliases=("thematique",),
        ),
        _c(
            "title",
            "Intitulé",
            "Title",
            "text",
            "Intitulé de la recommandation.",
            "Title of the recommendation.",
            required=True,
            aliases=("titre", "libelle"),
        ),
        _c(
            "issued_on",
            "Date",
            "Issued on",
            "date",
            "Date à laquelle elle a été formulée : un jour, un mois (« décembre 2016 ») ou "
            "une année (« 2019 ») ; si elle n'est connue qu'entre deux dates, la plus tôt "
            "ici et la plus tard dans « Au plus tard le ».",
            'When it was made: a day, a month ("December 2016") or a year ("2019"); if '
            "it is known only between two dates, the earliest here and the latest in "
            '"Latest date".',
            aliases=("date d'emission", "issued"),
            latest="issued_latest",
        ),
        _c(
            "issued_latest",
            "Au plus tard le",
            "Latest date",
            "date",
            "Si la date n'est connue qu'entre deux dates : la plus tard. Vide quand elle est "
            "connue au jour près.",
            "When the date is known only between two dates: the latest. Empty when it is "
            "known to the day.",
            aliases=("date au plus tard", "latest", "issued latest"),
        ),
        _c(
            "priority",
            "Priorité",
            "Priority",
            "choice",
            "Haute, Moyenne ou Basse.",
            "High, Medium or Low.",
            choices=PRIORITIES,
        ),
        _c(
            "source",
            "Source",
            "Source",
            "text",
            "Adresse ou référence du document.",
            "URL or reference of the document.",
        ),
    ),
    "Les recommandations adressées aux plans, une par ligne.",
    "Recommendations made to the plans, one per row.",
    key=("rec_id",),
)

RETENTION = Sheet(
    "retention",
    "Prise en compte",
    "Retention",
    (
        _c(
            "rec_id",
            "Recommandation",
            "Recommendation ID",
            "text",
            "Recommandation concernée.",
            "The recommendation.",
            required=True,
            ref=Ref("recommendations", "rec_id"),
            aliases=("id recommandation", "rec id"),
        ),
        _c(
            "plan_id",
            "Plan",
            "Plan ID",
            "text",
            "Plan qui l'a (ou ne l'a pas) reprise.",
            "Plan that did (or did not) take it up.",
            required=True,
            ref=Ref("plans", "plan_id"),
        ),
        _c(
            "measure_id",
            "Mesure",
            "Measure ID",
            "text",
            "Mesure de ce plan qui la reprend ; vide si elle n'est pas retenue.",
            "Measure of that plan that carries it; empty when not retained.",
            ref=Ref("measures", "measure_id"),
            aliases=("id mesure",),
        ),
        _c(
            "level",
            "Prise en compte",
            "Retention",
            "choice",
            "Retenue, Partiellement retenue, Retirée du projet ou Non retenue.",
            "Retained, Partly retained, Dropped from draft or Not retained.",
            required=True,
            choices=RETENTION_LEVELS,
            aliases=("niveau", "level", "retenue"),
        ),
        _c(
            "comment",
            "Commentaire",
            "Comment",
            "text",
            "Commentaire libre.",
            "Free comment.",
            aliases=("commentaires", "remarque", "notes"),
        ),
        _c(
            "source",
            "Source",
            "Source",
            "text",
            "Adresse ou référence qui l'établit.",
            "URL or reference establishing it.",
        ),
    ),
    "Comment chaque recommandation a été prise en compte par un plan : une ligne par mesure "
    "qui la reprend, ou une ligne sans mesure si elle n'est pas retenue.",
    "How each recommendation was taken into account by a plan: one row per measure that "
    "carries it, or one row without a measure when it was not retained.",
    aliases=("prise en compte des recommandations",),
)

STATUS_UPDATES = Sheet(
    "status_updates",
    "Suivi",
    "Status updates",
    (
        _c(
            "measure_id",
            "Mesure",
            "Measure ID",
            "text",
            "Mesure évaluée.",
            "The measure assessed.",
            required=True,
            ref=Ref("measures", "measure_id"),
            aliases=("id mesure",),
        ),
        _c(
            "as_of",
            "Date",
            "As of",
            "date",
            "Date de l'évaluation : un jour, un mois (« mars 2014 ») ou une année "
            "(« 2014 ») ; si elle n'est connue qu'entre deux dates, la plus tôt ici et la "
            "plus tard dans « Au plus tard le ».",
            'Date of the assessment: a day, a month ("March 2014") or a year ("2014"); '
            "if it is known only between two dates, the earliest here and the latest in "
            '"Latest date".',
            required=True,
            aliases=("date d'evaluation", "date de l'evaluation", "as of date"),
            latest="as_of_latest",
        ),
        _c(
            "as_of_latest",
            "Au plus tard le",
            "Latest date",
            "date",
            "Si la date de l'évaluation n'est connue qu'entre deux dates : la plus tard. "
            "Vide quand elle est connue au jour près.",
            "When the date of the assessment is known only between two dates: the latest. "
            "Empty when it is known to the day.",
            aliases=("date au plus tard", "latest", "as of latest"),
        ),
        _c(
            "status",
            "Statut",
            "Status",
            "status",
            "Un libellé de l'échelle des statuts (par défaut : Réalisée, Partiellement "
            "réalisée, En cours, Non réalisée, Non démarrée, Abandonnée, Non évaluée).",
            "A label of the status scale (by default: Done, Partly done, In progress, Not "
            "done, Not started, Dropped, Not assessed).",
            required=True,
            aliases=("etat", "state"),
        ),
        _c(
            "voice",
            "Évalué par",
            "Assessed by",
            "choice",
            "Gouvernement, Société civile ou Évaluation indépendante.",
            "Government, Civil society or Independent evaluation.",
            required=True,
            choices=VOICES,
            aliases=("voix", "voice", "evaluation par"),
        ),
        _c(
            "assessor",
            "Évaluateur",
            "Assessor",
            "text",
            "Qui a évalué : MIPROF, le Collectif, la CNCDH…",
            "Who assessed it: MIPROF, the coalition, CNCDH…",
            aliases=("evaluatrice",),
        ),
        _c(
            "completed_on",
            "Réalisée le",
            "Completed on",
            "date",
            "Date de réalisation, si la mesure est réalisée.",
            "Completion date, when the measure is done.",
            aliases=("date de realisation", "completion date"),
        ),
        _c(
            "revised_due_date",
            "Nouvelle échéance",
            "Revised due date",
            "date",
            "Échéance repoussée par le gouvernement.",
            "A deadline moved by the government.",
            aliases=("echeance revisee", "new due date"),
        ),
        _c(
            "progress_pct",
            "Avancement (%)",
            "Progress (%)",
            "number",
            "Avancement de 0 à 100.",
            "Progress from 0 to 100.",
            min_value=0,
            max_value=100,
            aliases=("avancement", "progress", "progres (%)"),
        ),
        _c(
            "evidence",
            "Source",
            "Evidence",
            "text",
            "Adresse ou référence qui fonde l'évaluation.",
            "URL or reference backing the assessment.",
            aliases=("preuve", "justificatif"),
        ),
        _c(
            "comment",
            "Commentaire",
            "Comment",
            "text",
            "Commentaire libre.",
            "Free comment.",
            aliases=("commentaires", "remarque", "notes"),
        ),
    ),
    "Toutes les évaluations jamais faites d'une mesure, une par ligne ; les lignes ne "
    "sont jamais écrasées : la feuille est l'historique.",
    "Every assessment ever made of a measure, one row each; rows are never overwritten, "
    "so the sheet is the history.",
    aliases=("statuts", "status", "suivi des mesures"),
)

EVENTS = Sheet(
    "events",
    "Chronologie",
    "Events",
    (
        _c(
            "event_id",
            "Événement",
            "Event ID",
            "text",
            "Identifiant unique de l'événement.",
            "Unique identifier of the event.",
            required=True,
            unique=True,
            aliases=("id evenement", "event"),
        ),
        _c(
            "date",
            "Date",
            "Date",
            "date",
            "Date de l'événement : un jour, un mois (« mars 2014 ») ou une année (« 2014 ») ; "
            "si elle n'est connue qu'entre deux dates, la plus tôt ici et la plus tard dans "
            "« Au plus tard le ».",
            'Date of the event: a day, a month ("March 2014") or a year ("2014"); if it '
            'is known only between two dates, the earliest here and the latest in "Latest '
            'date".',
            required=True,
            latest="date_latest",
        ),
        _c(
            "date_latest",
            "Au plus tard le",
            "Latest date",
            "date",
            "Si la date de l'événement n'est connue qu'entre deux dates : la plus tard. Vide "
            "quand elle est connue au jour près.",
            "When the date of the event is known only between two dates: the latest. Empty "
            "when it is known to the day.",
            aliases=("date au plus tard", "latest", "date latest"),
        ),
        _c(
            "kind",
            "Type",
            "Kind",
            "choice",
            "Lettre, Réunion, Réponse, Publication, Texte officiel, Rapport ou Autre.",
            "Letter, Meeting, Reply, Publication, Official text, Report or Other.",
            required=True,
            choices=EVENT_KINDS,
            aliases=("nature", "type"),
        ),
        _c(
            "title",
            "Intitulé",
            "Title",
            "text",
            "Ce qui s'est passé.",
            "What happened.",
            required=True,
            aliases=("titre", "objet"),
        ),
        _c(
            "sender",
            "De",
            "From",
            "text",
            "Expéditeur ou organisateur.",
            "Sender or organiser.",
            aliases=("expediteur", "sender"),
        ),
        _c(
            "recipient",
            "À",
            "To",
            "text",
            "Destinataire.",
            "Addressee.",
            aliases=("destinataire", "recipient", "a"),
        ),
        _c(
            "reply_to",
            "En réponse à",
            "In reply to",
            "text",
            "Événement auquel celui-ci répond (doit exister dans la feuille).",
            "Event this one answers (must exist in the sheet).",
            ref=Ref("events", "event_id"),
            aliases=("reponse a", "reply to"),
        ),
        _c(
            "plan_id",
            "Plan",
            "Plan ID",
            "text",
            "Plan concerné.",
            "Plan concerned.",
            ref=Ref("plans", "plan_id"),
        ),
        _c(
            "measure_ids",
            "Mesures liées",
            "Related measures",
            "id_list",
            "Identifiants de mesures séparés par des virgules ; chacun doit exister.",
            "Comma-separated measure ids; each must exist.",
            ref=Ref("measures", "measure_id"),
            aliases=("mesures", "measures"),
        ),
        _c("source", "Source", "Source", "text", "Adresse ou référence.", "URL or reference."),
    ),
    "La chronologie du plaidoyer et des institutions : lettres, réunions, réponses, "
    "textes officiels, rapports.",
    "The advocacy and institutional timeline: letters, meetings, replies, official texts, reports.",
    aliases=("evenements", "timeline", "chronology"),
)

# One count column per status category (not per label: a coalition's own scale still maps
# onto these), in the order of CATEGORIES.
VERDICT_COUNT_COLUMNS: dict[str, str] = {
    "done": "count_done",
    "partial": "count_partial",
    "not_done": "count_not_done",
    "dropped": "count_dropped",
    "unknown": "count_unknown",
}

PUBLISHED_VERDICTS = Sheet(
    "published_verdicts",
    "Verdicts publiés",
    "Published verdicts",
    (
        _c(
            "plan_id",
            "Plan",
            "Plan ID",
            "text",
            "Plan évalué.",
            "The plan assessed.",
            required=True,
            ref=Ref("plans", "plan_id"),
        ),
        _c(
            "assessor",
            "Évaluateur",
            "Assessor",
            "text",
            "Qui publie le verdict : la CNCDH, MIPROF, le Collectif…",
            "Who published the verdict: CNCDH, MIPROF, the coalition…",
            required=True,
            aliases=("evaluatrice", "auteur", "author"),
        ),
        _c(
            "voice",
            "Évalué par",
            "Assessed by",
            "choice",
            "Gouvernement, Société civile ou Évaluation indépendante.",
            "Government, Civil society or Independent evaluation.",
            required=True,
            choices=VOICES,
            aliases=("voix", "voice"),
        ),
        _c(
            "published_on",
            "Date",
            "Published on",
            "date",
            "Date de publication (ou d'adoption) du verdict.",
            "Date the verdict was published (or adopted).",
            required=True,
            aliases=("publie le", "date de publication", "publication date"),
        ),
        _c(
            "measures_covered",
            "Mesures couvertes",
            "Measures covered",
            "integer",
            "Nombre de mesures du plan sur lesquelles porte le verdict ; au plus le nombre "
            "de mesures du plan dans la feuille Mesures.",
            "How many of the plan's measures the verdict covers; at most the number of the "
            "plan's measures in the Measures sheet.",
            required=True,
            min_value=1,
            aliases=("mesures evaluees", "measures assessed", "total"),
        ),
        _c(
            "count_done",
            "Réalisées",
            "Done",
            "integer",
            "Mesures jugées réalisées.",
            "Measures found done.",
            min_value=0,
            aliases=("realisees", "done count"),
        ),
        _c(
            "count_partial",
            "Partiellement réalisées",
            "Partly done",
            "integer",
            "Mesures jugées partiellement réalisées ou en cours.",
            "Measures found partly done or in progress.",
            min_value=0,
            aliases=("partielles", "partial", "partly done count"),
        ),
        _c(
            "count_not_done",
            "Non réalisées",
            "Not done",
            "integer",
            "Mesures jugées non réalisées ou non démarrées.",
            "Measures found not done or not started.",
            min_value=0,
            aliases=("not done count",),
        ),
        _c(
            "count_dropped",
            "Abandonnées",
            "Dropped",
            "integer",
            "Mesures jugées abandonnées.",
            "Measures found dropped.",
            min_value=0,
            aliases=("dropped count",),
        ),
        _c(
            "count_unknown",
            "Non évaluées",
            "Not assessed",
            "integer",
            "Mesures que l'évaluateur n'a pas pu évaluer.",
            "Measures the assessor could not assess.",
            min_value=0,
            aliases=("not assessed count",),
        ),
        _c(
            "source",
            "Source",
            "Source",
            "text",
            "Adresse ou référence du texte publié (obligatoire : un verdict sans source ne "
            "se cite pas).",
            "URL or reference of the published text (required: a verdict without a source "
            "cannot be cited).",
            required=True,
            aliases=("reference",),
        ),
        _c(
            "comment",
            "Commentaire",
            "Comment",
            "text",
            "Commentaire libre (écarts entre sources, par exemple).",
            "Free comment (discrepancies between sources, for example).",
            aliases=("commentaires", "notes"),
        ),
    ),
    "Facultative : les totaux qu'un évaluateur a publiés pour un plan (par exemple « 3 "
    "réalisées, 28 partiellement, 14 non réalisées sur 45 »), quand son verdict mesure "
    "par mesure n'est pas connu. Une ligne par verdict publié ; les comptes par catégorie "
    "ne dépassent pas le nombre de mesures couvertes.",
    'Optional: the totals an assessor published for a plan (for example "3 done, 28 '
    'partly, 14 not done out of 45"), when its measure-by-measure verdict is not known. '
    "One row per published verdict; the counts per category add up to at most the "
    "measures covered.",
    required=False,
    aliases=("verdicts", "published totals", "totaux publies"),
    key=("plan_id", "assessor", "published_on"),
)

STATUS_SCALE = Sheet(
    "status_scale",
    "Échelle des statuts",
    "Status scale",
    (
        _c(
            "label",
            "Statut",
            "Status",
            "text",
            "Libellé du statut, tel qu'utilisé dans Suivi.",
            "Status label, as used in the status updates.",
            required=True,
            unique=True,
        ),
        _c(
            "category",
            "Catégorie",
            "Category",
            "choice",
            "réalisée, partielle, non réalisée, abandonnée ou inconnue.",
            "done, partial, not done, dropped or unknown.",
            required=True,
            choices=CATEGORIES,
        ),
        _c(
            "order",
            "Ordre",
            "Order",
            "integer",
            "Ordre d'affichage.",
            "Display order.",
            min_value=0,
        ),
        _c(
            "colour",
            "Couleur",
            "Colour",
            "text",
            "Couleur #RRGGBB (facultative).",
            "Colour as #RRGGBB (optional).",
            aliases=("color", "couleur (#rrggbb)"),
        ),
    ),
    "Facultative : vos propres libellés de statut et la catégorie dans laquelle chacun "
    "compte. Sans cette feuille, l'échelle par défaut s'applique.",
    "Optional: your own status labels and the category each counts in. Without this "
    "sheet the default scale applies.",
    required=False,
    aliases=("echelle", "scale", "statuts possibles"),
)

SHEETS: tuple[Sheet, ...] = (
    PLANS,
    MEASURES,
    RECOMMENDATIONS,
    RETENTION,
    STATUS_UPDATES,
    EVENTS,
    PUBLISHED_VERDICTS,
    STATUS_SCALE,
)
SHEETS_BY_ID: dict[str, Sheet] = {s.id: s for s in SHEETS}

# The explanatory first sheet of the template and of exports; ignored on upload.
README_SHEET = {"fr": "Lisez-moi", "en": "Read me"}

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def sheet(sheet_id: str) -> Sheet:
    """Return the declared sheet with this canonical id."""
    return SHEETS_BY_ID[sheet_id]


def is_readme_sheet(name: str) -> bool:
    """True for the explanatory sheet the template carries (never data)."""
    return normalise_label(name) in {normalise_label(n) for n in README_SHEET.values()}


def match_sheet(name: str) -> Sheet | None:
    """Return the sheet a workbook sheet name designates, in French or English."""
    key = normalise_label(name)
    for s in SHEETS:
        if key in s.name_keys():
            return s
    return None


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
