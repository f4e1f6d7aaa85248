"""The demonstration dataset: three fictional plans that exercise every feature of the product.

Nothing in it is real. Plans, ministries, authors, dates and figures are invented, and
every name says so ("fictif"), so a screenshot of the demo can never be mistaken for a
coalition's data. It is built from a fixed seed: `scripts/build_demo.py` rebuilds
`data/demo.xlsx` identically and tests can assert its figures.

Each measure tells a *story* (done early, done late, deadline slipped twice, claimed done
by the government but contested by civil society, never assessed…). The stories are
dealt out by plan, so every situation the pages and figures must handle occurs whatever
the seed; the seed only decides which measure tells which story, and the titles, leads,
budgets, exact dates and comments.

Why one module: it is the demo's whole script (the stories, the fictional texts they use
and the builder that deals them out) and is read from top to bottom; a build-time tool,
never loaded by the app.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from monitoring.contract.dataset import Dataset, dataset_from_records

DEMO_NAME = "Plan de démonstration (fictif)"
DEMO_SEED = 2024
# The date the demo is meant to be read at: the third plan is then in force.
REFERENCE_DATE = dt.date(2026, 11, 26)

SOURCE = "Données fictives de démonstration"
COALITION = "Collectif de démonstration (fictif)"
RAPPORTEUR = "Rapporteur national (fictif)"
GRETA = "GRETA (fictif)"
PARLIAMENT = "Parlement (fictif)"
GOVERNMENT = "Coordination interministérielle (fictif)"
MINISTRIES = tuple(f"Ministère {letter} (fictif)" for letter in "ABCDE")

# The default scale's labels (monitoring.contract.schema.DEFAULT_SCALE); the demo uses every one.
DONE = "Réalisée"
PARTLY = "Partiellement réalisée"
IN_PROGRESS = "En cours"
NOT_DONE = "Non réalisée"
NOT_STARTED = "Non démarrée"
DROPPED = "Abandonnée"
NOT_ASSESSED = "Non évaluée"

SAME = "same as the government"  # a voice that agrees with the government's final label

Row = dict[str, object]


# --- Stories --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Story:
    """What happens to a measure, voice by voice; dates are drawn from the ranges given.

    `done_days` places the completion relative to the original due date (negative:
    early). `slips` are successive revised deadlines, in months after the original one.
    `due_months` are the possible due dates, in months from the plan's start (the due
    date is the end of that month); None leaves the cell empty so the plan's end applies.
    """

    government: str | None
    civil_society: str | None = SAME
    independent: str | None = None
    done_days: tuple[int, int] | None = None
    slips: tuple[int, ...] = ()
    due_months: tuple[int | None, ...] = (12, 24, None, None)


# Stories of a plan that has ended: whatever is not done is overdue.
_ENDED_STORIES: dict[str, _Story] = {
    "early": _Story(DONE, SAME, SAME, done_days=(-200, -45)),
    "late": _Story(DONE, SAME, done_days=(40, 300)),
    "slipped_done": _Story(DONE, SAME, SAME, done_days=(60, 150), slips=(6,)),
    "claimed_done": _Story(DONE, PARTLY, PARTLY, done_days=(-60, -10)),
    "claimed_progress": _Story(IN_PROGRESS, NOT_STARTED),
    "partial": _Story(PARTLY, SAME, SAME),
    "slipped_twice": _Story(IN_PROGRESS, NOT_DONE, NOT_DONE, slips=(6, 12)),
    "not_done": _Story(NOT_DONE, SAME, SAME),
    "not_started": _Story(NOT_STARTED),
    "dropped": _Story(DROPPED),
    "unassessed": _Story(None, None),
    "no_information": _Story(IN_PROGRESS, NOT_ASSESSED),
    "in_progress": _Story(IN_PROGRESS),
    "civil_society_only": _Story(None, NOT_DONE),
}

# Stories of the plan in force at the reference date (it starts 2025-01-01: month 12 is
# 2025-12-31, 18 is 2026-06-30, 24 is 2026-12-31, 30 is 2027-06-30, None its end 2027-12-31).
_CURRENT_STORIES: dict[str, _Story] = {
    "early": _Story(DONE, SAME, done_days=(-150, -60), due_months=(24,)),
    "late": _Story(DONE, SAME, done_days=(60, 150), due_months=(12,)),
    "overdue_progress": _Story(IN_PROGRESS, SAME, SAME, due_months=(12, 18)),
    "overdue_contested": _Story(IN_PROGRESS, NOT_STARTED, due_months=(15, 18)),
    "overdue_not_started": _Story(NOT_STARTED, due_months=(18,)),
    "slipped_not_due": _Story(IN_PROGRESS, slips=(12,), due_months=(18,)),
    "slipped_twice_overdue": _Story(IN_PROGRESS, NOT_DONE, slips=(3, 7), due_months=(15,)),
    "slipped_twice_not_due": _Story(IN_PROGRESS, slips=(6, 18), due_months=(12,)),
    "not_due_progress": _Story(IN_PROGRESS, due_months=(24, 30, None)),
    "not_due_not_started": _Story(NOT_STARTED, due_months=(30, None)),
    "claimed_done": _Story(DONE, IN_PROGRESS, done_days=(-90, -20), due_months=(18, 21)),
    "partial": _Story(PARTLY, due_months=(21,)),
    "unassessed": _Story(None, None, due_months=(18, None, None)),
    "contested_drop": _Story(DROPPED, NOT_DONE, due_months=(24,)),
    "no_information": _Story(IN_PROGRESS, NOT_ASSESSED, due_months=(None,)),
}

# Stories whose measure is still open at the plan's end: candidates for a carry-over.
_OPEN_STORIES = frozenset(
    {"claimed_progress", "partial", "slipped_twice", "not_done", "not_started",
     "unassessed", "no_information", "in_progress", "civil_society_only"}
)  # fmt: skip


# --- Plans ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _PlanSpec:
    """One fictional plan: its dates, review calendar and how many measures tell each story."""

    plan_id: str
    letter: str
    start: dt.date
    end: dt.date
    expected: dt.date
    adopted: dt.date
    previous: str | None
    government_reviews: tuple[dt.date, ...]
    civil_society_reviews: tuple[dt.date, ...]
    independent_review: dt.date
    stories: dict[str, _Story]
    story_counts: dict[str, int]
    axes: int

    @property
    def title(self) -> str:
        return f"Plan de démonstration {self.letter} (fictif), {self.start.year}-{self.end.year}"


_D = dt.date
_PLANS = (
    _PlanSpec(
        "DEMO-A", "A", _D(2018, 1, 1), _D(2020, 12, 31), _D(2017, 10, 1), _D(2018, 3, 15), None,
        (_D(2018, 12, 14), _D(2019, 12, 13), _D(2020, 12, 11), _D(2021, 6, 30)),
        (_D(2019, 10, 18), _D(2021, 10, 18)),
        _D(2022, 3, 31),
        _ENDED_STORIES,
        {"early": 3, "late": 3, "slipped_done": 1, "claimed_done": 2, "claimed_progress": 1,
         "partial": 3, "slipped_twice": 1, "not_done": 3, "not_started": 2, "dropped": 1,
         "unassessed": 1, "no_information": 1, "in_progress": 1, "civil_society_only": 1},
        axes=3,
    ),
    _PlanSpec(
        "DEMO-B", "B", _D(2021, 1, 1), _D(2023, 12, 31), _D(2021, 1, 1), _D(2021, 6, 10),
        "DEMO-A",
        (_D(2021, 12, 15), _D(2022, 12, 15), _D(2023, 12, 15), _D(2024, 6, 28)),
        (_D(2022, 10, 18), _D(2024, 10, 18)),
        _D(2025, 3, 31),
        _ENDED_STORIES,
        {"early": 3, "late": 4, "slipped_done": 2, "claimed_done": 2, "claimed_progress": 1,
         "partial": 3, "slipped_twice": 1, "not_done": 2, "not_started": 1, "dropped": 1,
         "unassessed": 2, "no_information": 1, "in_progress": 2, "civil_society_only": 1},
        axes=4,
    ),
    _PlanSpec(
        "DEMO-C", "C", _D(2025, 1, 1), _D(2027, 12, 31), _D(2024, 1, 1), _D(2025, 2, 20),
        "DEMO-B",
        (_D(2025, 12, 15), _D(2026, 6, 30), _D(2026, 11, 16)),
        (_D(2025, 10, 17), _D(2026, 10, 16)),
        _D(2026, 9, 30),
        _CURRENT_STORIES,
        {"early": 2, "late": 1, "overdue_progress": 3, "overdue_contested": 1,
         "overdue_not_started": 1, "slipped_not_due": 2, "slipped_twice_overdue": 1,
         "slipped_twice_not_due": 1, "not_due_progress": 6, "not_due_not_started": 2,
         "claimed_done": 2, "partial": 1, "unassessed": 3, "contested_drop": 1,
         "no_information": 1},
        axes=4,
    ),
)  # fmt: skip

AXES = (
    "Identifier et protéger les victimes",
    "Poursuivre et sanctionner les auteurs",
    "Prévenir et sensibiliser",
    "Coordonner, former et évaluer",
)

# Measure titles by axis: generic actions, more than any plan needs on one axis.
_MEASURE_TITLES: tuple[tuple[str, ...], ...] = (
    (
        "Former les professionnels de santé au repérage des victimes",
        "Créer des places d'hébergement sécurisé dédiées",
        "Généraliser l'accompagnement juridique des victimes",
        "Ouvrir une ligne d'écoute nationale multilingue",
        "Délivrer un titre de séjour aux victimes qui coopèrent ou non",
        "Mettre en place un mécanisme national d'identification",
        "Protéger les mineurs victimes d'exploitation",
        "Financer l'interprétariat dans les centres d'accueil",
        "Créer un référent « traite » dans chaque département",
        "Garantir l'accès aux soins psychologiques",
        "Indemniser les victimes par un fonds dédié",
    ),
    (
        "Renforcer les enquêtes financières sur les réseaux",
        "Spécialiser des magistrats référents",
        "Saisir et confisquer les avoirs criminels",
        "Coopérer avec les pays d'origine et de transit",
        "Poursuivre l'exploitation par le travail",
        "Créer une cellule d'enquête sur l'exploitation en ligne",
        "Harmoniser la qualification pénale de traite",
        "Protéger les victimes pendant la procédure",
        "Former les enquêteurs aux auditions de victimes",
        "Suivre les condamnations prononcées",
    ),
    (
        "Sensibiliser le grand public par une campagne annuelle",
        "Intégrer la traite aux programmes scolaires",
        "Contrôler les agences de recrutement",
        "Prévenir l'exploitation dans les chaînes d'approvisionnement",
        "Informer les personnes migrantes de leurs droits",
        "Sensibiliser les professionnels du tourisme",
        "Agir sur la demande de services sexuels",
        "Prévenir la traite des mineurs non accompagnés",
        "Former les inspecteurs du travail",
        "Publier un guide pour les employeurs",
    ),
    (
        "Réunir le comité de suivi deux fois par an",
        "Publier des statistiques annuelles consolidées",
        "Financer les associations spécialisées sur trois ans",
        "Évaluer le plan à mi-parcours",
        "Créer un observatoire national des données",
        "Former les agents des préfectures",
        "Associer la société civile au pilotage",
        "Publier un bilan annuel du plan",
        "Coordonner l'action des ministères à l'échelon régional",
        "Mesurer le coût de chaque mesure",
    ),
)

_GOVERNMENT_COMMENTS = (
    "Décret d'application publié ; mise en œuvre engagée dans les régions.",
    "Crédits délégués aux préfectures en fin d'année.",
    "Groupe de travail interministériel réuni à deux reprises.",
    "Marché public attribué ; déploiement prévu l'an prochain.",
    "Circulaire diffusée aux services déconcentrés.",
)
_CIVIL_SOCIETY_COMMENTS = (
    "Aucune réalisation constatée sur le terrain par les associations membres.",
    "Mise en œuvre très inégale selon les départements.",
    "Les crédits annoncés n'apparaissent pas dans la loi de finances.",
    "Formation assurée, mais sans module sur l'exploitation par le travail.",
    "Les associations n'ont pas été consultées, contrairement à l'engagement pris.",
)
_DROP_COMMENT = "Mesure abandonnée lors de l'arbitrage budgétaire, sans explication publique."
_NO_INFORMATION_COMMENT = "Aucune information publique disponible à cette date."
# Cell text that a spreadsheet would run as a formula: exports must neutralise it.
FORMULA_LIKE_TEXTS = (
    "=SOMME(A1) : le montant annoncé ne correspond à aucune dépense constatée.",
    "+33 1 23 45 67 89 : numéro fictif de la permanence, injoignable lors de nos appels.",
    '=LIEN_HYPERTEXTE("https://example.org/demo";"voir le projet fictif")',
)


@dataclass
class _Measure:
    """A measure while it is being generated: its story, then its columns."""

    plan: _PlanSpec
    story_name: str
    axis: int
    title: str = ""
    measure_id: str = ""
    number: int = 0
    due_date: dt.date | None = None
    carried_from: str | None = None
    rows: list[Row] = field(default_factory=list)

    @property
    def story(self) -> _Story:
        return self.plan.stories[self.story_name]

    @property
    def original_due(self) -> dt.date:
        return self.due_date or self.plan.end


# --- Small helpers --------------------------------------------------------------------


def _month_end(start: dt.date, months: int) -> dt.date:
    """Return the last day of the `months`-th month counted from `start`'s month (1 = it)."""
    index = start.year * 12 + start.month - 1 + months - 1
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


def _progress(label: str, rng: random.Random) -> int | None:
    """A plausible progress percentage for a final label (None where it means nothing)."""
    ranges = {
        DONE: (100, 100),
        PARTLY: (50, 90),
        IN_PROGRESS: (20, 80),
        NOT_DONE: (0, 30),
        NOT_STARTED: (0, 0),
    }
    if label not in ranges:
        return None
    low, high = ranges[label]
    return 5 * rng.randint(low // 5, high // 5)


def _interim(final: str) -> str:
    """The label a voice gave before reaching its final one."""
    return final if final in (NOT_STARTED, NOT_ASSESSED) else IN_PROGRESS


# --- Measures -------------------------------------------------------------------------


def _deal_stories(spec: _PlanSpec, rng: random.Random) -> list[_Measure]:
    stories = [name for name, count in spec.story_counts.items() for _ in range(count)]
    rng.shuffle(stories)
    return [_Measure(spec, name, axis=i % spec.axes) for i, name in enumerate(stories)]


def _carry_over(
    previous: list[_Measure],
    current: list[_Measure],
    count: int,
    rng: random.Random,
    *,
    open_targets: bool,
) -> None:
    """Mark `count` measures of a plan as carried over from open measures of the one before.

    Measures already carried over come first among the sources, so that chains run
    through three plans. A carried measure keeps the title and axis of its source.
    `open_targets` keeps the carried measures open, so the next plan can carry them again.
    """
    open_ = [m for m in previous if m.story_name in _OPEN_STORIES]
    chained = [m for m in open_ if m.carried_from]
    others = [m for m in open_ if not m.carried_from]
    rng.shuffle(others)
    sources = (chained[:2] + others)[:count]
    targets = [m for m in current if m.story_name in _OPEN_STORIES] if open_targets else current
    for source, target in zip(sources, rng.sample(targets, len(sources)), strict=True):
        target.carried_from, target.title, target.axis = (
            source.measure_id,
            source.title,
            source.axis,
        )


def _name_measures(measures: list[_Measure], rng: random.Random) -> None:
    """Give titles to the measures not carried over, then numbers and ids in axis order."""
    taken = {m.title for m in measures if m.title}
    pools = [[t for t in titles if t not in taken] for titles in _MEASURE_TITLES]
    for pool in pools:
        rng.shuffle(pool)
    for measure in measures:
        if not measure.title:
            measure.title = pools[measure.axis].pop()
    ordered = sorted(enumerate(measures), key=lambda pair: (pair[1].axis, pair[0]))
    for number, (_, measure) in enumerate(ordered, start=1):
        measure.number = number
        measure.measure_id = f"{measure.plan.letter}-M{number:02d}"


def _build_measures(rng: random.Random) -> list[_Measure]:
    measures: list[_Measure] = []
    previous: list[_Measure] = []
    for spec in _PLANS:
        current = _deal_stories(spec, rng)
        for measure in current:
            months = rng.choice(measure.story.due_months)
            measure.due_date = None if months is None else _month_end(spec.start, months)
        if previous:
            last = spec is _PLANS[-1]
            _carry_over(previous, current, 4 if last else 5, rng, open_targets=not last)
        _name_measures(current, rng)
        measures += current
        previous = current
    return measures


def _measure_record(measure: _Measure, rng: random.Random) -> Row:
    # The government never reported on a "civil society only" measure: no lead is known.
    lead = None if measure.story_name == "civil_society_only" else rng.choice(MINISTRIES)
    budget = 50_000 * rng.randint(1, 60) if rng.random() < 0.6 else None
    return {
        "measure_id": measure.measure_id,
        "plan_id": measure.plan.plan_id,
        "number": measure.number,
        "axis": AXES[measure.axis],
        "title": measure.title,
        "lead": lead,
        "due_date": measure.due_date,
        "budget_eur": budget,
        "carried_from": measure.carried_from,
        "source": SOURCE,
    }


# --- Status history -------------------------------------------------------------------


def _completion(measure: _Measure, rng: random.Random) -> dt.date | None:
    days = measure.story.done_days
    if days is None:
        return None
    done = _days(measure.original_due, rng.randint(*days))
    # Never before the plan could act, never after the date the demo is read at.
    return min(max(done, _days(measure.plan.adopted, 45)), _days(REFERENCE_DATE, -20))


def _row(measure: _Measure, voice: str, as_of: dt.date, status: str, **values: object) -> Row:
    assessor = {"government": GOVERNMENT, "civil_society": COALITION, "independent": RAPPORTEUR}
    evidence = {
        "government": f"Bilan d'étape fictif du {_fr(as_of)}",
        "civil_society": f"https://example.org/demo/collectif/note-{as_of.isoformat()}",
        "independent": f"Rapport d'évaluation fictif du Rapporteur national, {as_of.year}",
    }
    return {
        "measure_id": measure.measure_id,
        "as_of": as_of,
        "status": status,
        "voice": voice,
        "assessor": assessor[voice],
        "completed_on": values.get("completed_on"),
        "revised_due_date": values.get("revised_due_date"),
        "progress_pct": values.get("progress_pct"),
        "evidence": evidence[voice],
        "comment": values.get("comment"),
    }


def _government_rows(measure: _Measure, done: dt.date | None, rng: random.Random) -> list[Row]:
    final = measure.story.government
    if final is None:
        return []
    rows: list[Row] = []
    deadline = measure.original_due
    for months in measure.story.slips:
        # The government announces each new deadline shortly before the one it replaces.
        revised = _month_end(measure.original_due, months + 1)
        announced = max(_days(deadline, -rng.randint(10, 40)), _days(measure.plan.adopted, 7))
        note = f"Échéance repoussée au {_fr(revised)}."
        rows.append(
            _row(
                measure,
                "government",
                announced,
                IN_PROGRESS,
                revised_due_date=revised,
                progress_pct=_progress(IN_PROGRESS, rng),
                comment=note,
            )
        )
        deadline = revised
    reviews = [d for d in measure.plan.government_reviews if d <= REFERENCE_DATE]
    if done is not None:
        interim = [d for d in reviews if d < done]
        final_on = next((d for d in reviews if d >= done), done)
    else:
        interim, final_on = reviews[:-1], reviews[-1]
    final_pct = _progress(final, rng)
    for k, day in enumerate(interim):
        if rng.random() < 0.15:  # reviews sometimes skip a measure: histories differ in length
            continue
        label = NOT_STARTED if k == 0 and final != IN_PROGRESS else _interim(final)
        share = (k + 1) / (len(interim) + 1)
        pct = 0 if label == NOT_STARTED else 5 * round((final_pct or 40) * share / 5)
        rows.append(_row(measure, "government", day, label, progress_pct=pct))
    comment: str | None = None
    if final == DROPPED:
        comment = _DROP_COMMENT
    elif rng.random() < 0.5:
        comment = rng.choice(_GOVERNMENT_COMMENTS)
    rows.append(
        _row(
            measure,
            "government",
            final_on,
            final,
            progress_pct=final_pct,
            completed_on=done if final == DONE else None,
            comment=comment,
        )
    )
    return rows


def _other_voice_rows(
    measure: _Measure, voice: str, done: dt.date | None, rng: random.Random
) -> list[Row]:
    story = measure.story
    wanted = story.civil_society if voice == "civil_society" else story.independent
    final = story.government if wanted == SAME else wanted
    if final is None:
        return []
    plan = measure.plan
    dates = plan.civil_society_reviews if voice == "civil_society" else (plan.independent_review,)
    dates = tuple(d for d in dates if plan.adopted < d <= REFERENCE_DATE)
    rows: list[Row] = []
    for k, day in enumerate(dates):
        last = k == len(dates) - 1
        if not last and rng.random() < 0.3:
            continue
        label = final if last else _interim(final)
        if label == DONE and (done is None or day < done):
            label = IN_PROGRESS  # nobody can confirm a completion before it happens
        comment = None
        if label == NOT_ASSESSED:
            comment = _NO_INFORMATION_COMMENT
        elif voice == "civil_society" and rng.random() < 0.4:
            comment = rng.choice(_CIVIL_SOCIETY_COMMENTS)
        rows.append(
            _row(
                measure,
                voice,
                day,
                label,
                comment=comment,
                completed_on=done if label == DONE else None,
            )
        )
    return rows


def _status_records(measures: list[_Measure], rng: random.Random) -> list[Row]:
    voice_rank = {"government": 0, "civil_society": 1, "independent": 2}
    plan_rank = {spec.plan_id: i for i, spec in enumerate(_PLANS)}
    records: list[tuple[tuple[str, int, int, int], Row]] = []
    for measure in measures:
        done = _completion(measure, rng)
        rows = _government_rows(measure, done, rng)
        rows += _other_voice_rows(measure, "civil_society", done, rng)
        rows += _other_voice_rows(measure, "independent", done, rng)
        for row in rows:
            # ISO dates sort as text; then plan, measure and voice, for a stable order.
            key = (
                str(row["as_of"]),
                plan_rank[measure.plan.plan_id],
                measure.number,
                voice_rank[str(row["voice"])],
            )
            records.append((key, row))
    # The sheet is a history: rows appended in date order, as a coordinator would.
    records.sort(key=lambda pair: pair[0])
    rows = [row for _, row in records]
    _plant_formula_like_comments(rows, measures)
    return rows


def _plant_formula_like_comments(rows: list[Row], measures: list[_Measure]) -> None:
    """Put formula-looking text in two civil-society comments, at stable places."""
    stories = {m.measure_id: (m.plan.letter, m.story_name) for m in measures}
    wanted = [("B", "claimed_done"), ("A", "no_information")]
    for text, target in zip(FORMULA_LIKE_TEXTS[:2], wanted, strict=True):
        for row in rows:
            if row["voice"] == "civil_society" and stories[str(row["measure_id"])] == target:
                row["comment"] = text
                break


# --- Recommendations and how the plans took them into account -------------------------

THEMES = (
    "Identification des victimes",
    "Protection et hébergement",
    "Poursuites et sanctions",
    "Prévention et sensibilisation",
    "Coordination et données",
    "Mineurs victimes",
)
_THEME_AXIS = (0, 0, 1, 2, 3, 0)
_REC_TITLES: tuple[tuple[str, ...], ...] = (
    (
        "Adopter des indicateurs communs d'identification",
        "Former tous les primo-intervenants au repérage",
        "Ne pas conditionner l'identification au dépôt de plainte",
        "Créer un mécanisme national d'orientation",
        "Identifier les victimes en rétention administrative",
    ),
    (
        "Garantir un hébergement sécurisé à toute victime identifiée",
        "Délivrer un titre de séjour sans condition de coopération",
        "Financer l'accompagnement social sur la durée",
        "Garantir l'accès à un avocat dès le repérage",
        "Indemniser les victimes sans condition de nationalité",
    ),
    (
        "Spécialiser des enquêteurs dans chaque région",
        "Confisquer systématiquement les avoirs des auteurs",
        "Poursuivre l'exploitation par le travail au même titre que l'exploitation sexuelle",
        "Appliquer le principe de non-sanction des victimes",
        "Publier les décisions de justice anonymisées",
    ),
    (
        "Mener une campagne nationale pluriannuelle",
        "Encadrer les agences de recrutement internationales",
        "Imposer un devoir de vigilance aux entreprises",
        "Sensibiliser les élèves dès le collège",
        "Informer les travailleurs saisonniers de leurs droits",
    ),
    (
        "Doter le plan d'un budget identifié par mesure",
        "Publier chaque année des données ventilées",
        "Associer la société civile au comité de suivi",
        "Faire évaluer le plan par une instance indépendante",
        "Adopter le plan suivant sans interruption",
    ),
    (
        "Désigner un administrateur ad hoc pour chaque mineur",
        "Créer des places d'accueil dédiées aux mineurs",
        "Former les juges des enfants à la traite",
        "Protéger les mineurs contraints à commettre des délits",
        "Prévenir les disparitions de mineurs placés",
    ),
)

# Batches of recommendations: (id prefix, author, issued on, how many, plans addressed).
_REC_BATCHES = (
    ("COL", COALITION, _D(2017, 6, 15), 8, ("DEMO-A", "DEMO-B", "DEMO-C")),
    ("RAP", RAPPORTEUR, _D(2020, 10, 19), 6, ("DEMO-B", "DEMO-C")),
    ("COL", COALITION, _D(2020, 11, 20), 3, ("DEMO-B", "DEMO-C")),
    ("GRE", GRETA, _D(2022, 6, 10), 6, ("DEMO-C",)),
    # The last Parliament recommendation is left unexamined: no retention row at all.
    ("PAR", PARLIAMENT, _D(2024, 5, 14), 5, ("DEMO-C",)),
)
_RETENTION_CODES = ("retained", "partly_retained", "dropped_from_draft", "not_retained")
_RETENTION_COMMENTS = {
    "retained": ("Reprise presque mot pour mot.", "Reprise, avec un calendrier précis."),
    "partly_retained": ("Reformulée : l'objectif chiffré a disparu.",
                        "Reprise pour une partie des victimes seulement."),
    "dropped_from_draft": ("Figurait dans le projet soumis à consultation, retirée de la "
                           "version adoptée.",),
    "not_retained": ("Aucune mesure correspondante.",),
}  # fmt: skip


@dataclass
class _Rec:
    rec_id: str
    theme: int
    plans: tuple[str, ...]
    record: Row


def _recommendations(rng: random.Random) -> list[_Rec]:
    # Five titles per theme: dealing each theme five times at most keeps titles unique.
    themes = [i for i in range(len(THEMES)) for _ in range(5)]
    rng.shuffle(themes)
    pools = [list(titles) for titles in _REC_TITLES]
    for pool in pools:
        rng.shuffle(pool)
    recs: list[_Rec] = []
    counters: dict[str, int] = {}
    for prefix, author, issued, count, plans in _REC_BATCHES:
        for k in range(count):
            theme = themes[len(recs)]
            counters[prefix] = counters.get(prefix, 0) + 1
            rec_id = f"REC-{prefix}-{counters[prefix]:02d}"
            unexamined = prefix == "PAR" and k == count - 1
            record: Row = {
                "rec_id": rec_id,
                "author": author,
                "theme": THEMES[theme],
                "title": pools[theme].pop(),
                "issued_on": issued,
                "priority": rng.choice(("high", "high", "medium", "medium", "low", None)),
                "source": f"{SOURCE} : rapport fictif de {issued.year}",
            }
            recs.append(_Rec(rec_id, theme, () if unexamined else plans, record))
    return recs


def _levels_for(plan_id: str, recs: list[_Rec], rng: random.Random) -> dict[str, str]:
    """Deal retention levels to the recommendations a plan examined: every level at least once.

    The coalition's first recommendation is not retained by the first plan and retained
    by the second, so "retained by one plan, not by another" always shows.
    """
    ids = [r.rec_id for r in recs if plan_id in r.plans]
    levels = list(_RETENTION_CODES)
    levels += rng.choices(_RETENTION_CODES, weights=(4, 3, 1, 2), k=len(ids) - len(levels))
    rng.shuffle(levels)
    dealt = dict(zip(ids, levels, strict=True))
    forced = {"DEMO-A": "not_retained", "DEMO-B": "retained"}.get(plan_id)
    first = "REC-COL-01"
    if forced and dealt[first] != forced:
        other = next(rec for rec, level in dealt.items() if level == forced)
        dealt[first], dealt[other] = forced, dealt[first]
    return dealt


def _retention_records(recs: list[_Rec], measures: list[_Measure], rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for spec in _PLANS:
        own = [m for m in measures if m.plan is spec]
        doubles = 1 if spec.letter == "A" else 2  # recommendations carried by two measures
        for rec_id, level in _levels_for(spec.plan_id, recs, rng).items():
            rec = next(r for r in recs if r.rec_id == rec_id)
            comment = rng.choice(_RETENTION_COMMENTS[level]) if rng.random() < 0.6 else None
            row: Row = {
                "rec_id": rec_id,
                "plan_id": spec.plan_id,
                "measure_id": None,
                "level": level,
                "comment": comment,
                "source": SOURCE,
            }
            if level not in ("retained", "partly_retained"):
                rows.append(row)
                continue
            axis = _THEME_AXIS[rec.theme]
            candidates = [m for m in own if m.axis == axis] or own
            picked = rng.sample(candidates, 2 if doubles and len(candidates) > 1 else 1)
            doubles -= len(picked) - 1
            for measure in picked:
                rows.append(row | {"measure_id": measure.measure_id})
    rows[-1]["comment"] = FORMULA_LIKE_TEXTS[2]
    return rows


# --- Timeline -------------------------------------------------------------------------


def _pick(measures: list[_Measure], letter: str, stories: Sequence[str], k: int) -> str:
    """Return up to `k` measure ids of plan `letter` telling one of `stories`, as "ID1, ID2"."""
    found = [m.measure_id for m in measures if m.plan.letter == letter and m.story_name in stories]
    return ", ".join(found[:k])


# (date, kind, title, sender, recipient, index of the event it answers, plan, measures)
_EventSpec = tuple[dt.date, str, str, str, str | None, int | None, str | None, str | None]


def _events(measures: list[_Measure]) -> list[Row]:
    """The advocacy and institutional timeline; replies name the letter they answer."""
    minister = MINISTRIES
    plan_a, plan_b, plan_c = (spec.title for spec in _PLANS)
    specs: list[_EventSpec] = [
        (_D(2017, 6, 15), "publication", f"Recommandations du {COALITION} pour un premier plan",
         COALITION, None, None, None, None),
        (_D(2017, 9, 4), "letter", f"Lettre du {COALITION} demandant l'adoption du plan",
         COALITION, minister[0], None, None, None),
        (_D(2017, 11, 20), "reply", f"Réponse du {minister[0]} : plan annoncé pour l'automne",
         minister[0], COALITION, 1, None, None),
        (_D(2018, 3, 15), "official_text", f"Adoption du {plan_a}", GOVERNMENT, None, None,
         "DEMO-A", None),
        (_D(2018, 10, 18), "meeting", "Réunion du comité de suivi (fictif)", GOVERNMENT,
         COALITION, None, "DEMO-A", None),
        (_D(2019, 5, 20), "official_text", "Décret fictif d'application d'une mesure réalisée",
         minister[1], None, None, "DEMO-A", _pick(measures, "A", ("early",), 1)),
        (_D(2019, 10, 18), "report", f"Rapport d'étape du {COALITION}", COALITION, None, None,
         "DEMO-A", _pick(measures, "A", ("claimed_done",), 2)),
        (_D(2020, 2, 10), "letter", f"Lettre du {COALITION} sur les mesures en retard",
         COALITION, minister[1], None, "DEMO-A",
         _pick(measures, "A", ("not_done", "not_started"), 2)),
        (_D(2020, 12, 1), "letter", f"Lettre du {COALITION} demandant un nouveau plan",
         COALITION, minister[0], None, "DEMO-A", None),
        (_D(2021, 2, 15), "reply", f"Réponse du {minister[0]} : un second plan est en préparation",
         minister[0], COALITION, 8, "DEMO-A", None),
        (_D(2021, 6, 10), "official_text", f"Adoption du {plan_b}", GOVERNMENT, None, None,
         "DEMO-B", None),
        (_D(2021, 10, 18), "report", f"Bilan du {plan_a} par le {COALITION}", COALITION, None,
         None, "DEMO-A", None),
        (_D(2022, 3, 31), "report", f"Évaluation du {plan_a} par le {RAPPORTEUR}", RAPPORTEUR,
         None, None, "DEMO-A", None),
        (_D(2022, 6, 10), "publication", f"Rapport d'évaluation du {GRETA}", GRETA, None, None,
         "DEMO-B", None),
        (_D(2022, 11, 15), "meeting", f"Audience au {minister[2]}", COALITION, minister[2],
         None, "DEMO-B", None),
        (_D(2023, 5, 4), "letter", f"Lettre du {COALITION} sur les échéances repoussées",
         COALITION, minister[2], None, "DEMO-B",
         _pick(measures, "B", ("slipped_twice", "slipped_done"), 2)),
        (_D(2023, 7, 12), "reply", f"Réponse du {minister[2]} sur les échéances", minister[2],
         COALITION, 15, "DEMO-B", None),
        (_D(2024, 1, 15), "letter", f"Lettre du {COALITION} : aucun plan après 2023",
         COALITION, minister[0], None, None, None),
        (_D(2024, 5, 14), "publication", f"Rapport d'information du {PARLIAMENT}", PARLIAMENT,
         None, None, None, None),
        (_D(2024, 10, 18), "letter", f"Nouvelle lettre du {COALITION} pour un troisième plan",
         COALITION, minister[0], None, None, None),
        (_D(2024, 12, 20), "reply", f"Réponse du {minister[0]} : plan attendu début 2025",
         minister[0], COALITION, 19, None, None),
        (_D(2025, 2, 20), "official_text", f"Adoption du {plan_c}", GOVERNMENT, None, None,
         "DEMO-C", None),
        (_D(2025, 3, 31), "report", f"Évaluation du {plan_b} par le {RAPPORTEUR}", RAPPORTEUR,
         None, None, "DEMO-B", None),
        (_D(2025, 10, 17), "meeting", "Comité de suivi (fictif) : premier bilan", GOVERNMENT,
         COALITION, None, "DEMO-C", None),
        (_D(2026, 3, 10), "other", f"Journée d'étude (fictive) organisée par le {COALITION}",
         COALITION, None, None, None, None),
        (_D(2026, 6, 15), "letter", f"Lettre du {COALITION} sur les mesures en retard",
         COALITION, minister[3], None, "DEMO-C",
         _pick(measures, "C", ("overdue_progress", "overdue_not_started"), 3)),
        (_D(2026, 9, 30), "report", f"Évaluation à mi-parcours du {plan_c} par le {RAPPORTEUR}",
         RAPPORTEUR, None, None, "DEMO-C", _pick(measures, "C", ("claimed_done",), 2)),
        (_D(2026, 10, 16), "publication", f"Bilan d'étape du {COALITION}", COALITION, None,
         None, "DEMO-C", None),
        (_D(2026, 11, 10), "letter", f"Lettre du {COALITION} sur une mesure abandonnée",
         COALITION, minister[4], None, "DEMO-C", _pick(measures, "C", ("contested_drop",), 1)),
        (_D(2026, 11, 20), "reply", f"Réponse du {minister[4]} sur la mesure abandonnée",
         minister[4], COALITION, 28, "DEMO-C", None),
    ]  # fmt: skip
    ids = [f"EV-{i:02d}" for i in range(1, len(specs) + 1)]
    return [
        {
            "event_id": ids[i],
            "date": day,
            "kind": kind,
            "title": title,
            "sender": sender,
            "recipient": recipient,
            "reply_to": None if reply is None else ids[reply],
            "plan_id": plan,
            "measure_ids": related or None,
            "source": SOURCE,
        }
        for i, (day, kind, title, sender, recipient, reply, plan, related) in enumerate(specs)
    ]


# --- Assembly -------------------------------------------------------------------------


def _plan_records() -> Iterator[Row]:
    for spec in _PLANS:
        yield {
            "plan_id": spec.plan_id,
            "title": spec.title,
            "period_start": spec.start,
            "period_end": spec.end,
            "expected_date": spec.expected,
            "adopted_date": spec.adopted,
            "previous_plan_id": spec.previous,
            "source": SOURCE,
        }


def build_demo_dataset(seed: int = DEMO_SEED) -> Dataset:
    """Build the fictional demonstration dataset.

    Args:
        seed: seeds the one `random.Random` every choice is drawn from; the same seed
            always gives the same dataset (the shipped `data/demo.xlsx` uses `DEMO_SEED`).

    Returns:
        A `Dataset` named "Plan de démonstration (fictif)" with three plans (each
        carrying over the one before), about 80 measures, their status history by three
        voices, 28 recommendations with their retention, and the advocacy timeline.
    """
    rng = random.Random(seed)
    measures = _build_measures(rng)
    measure_records = [_measure_record(m, rng) for m in measures]
    status_records = _status_records(measures, rng)
    recs = _recommendations(rng)
    records: dict[str, list[Row]] = {
        "plans": list(_plan_records()),
        "measures": measure_records,
        "recommendations": [r.record for r in recs],
        "retention": _retention_records(recs, measures, rng),
        "status_updates": status_records,
        "events": _events(measures),
    }
    return dataset_from_records(records, name=DEMO_NAME)
