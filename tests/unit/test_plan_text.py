"""The plan figures in words (`monitoring.present.plan_text`): one wording for CLI, pages
and PDF."""

from __future__ import annotations

from monitoring.present import plan_text
from monitoring.text.i18n import plural_key

CNCDH = {
    "assessor": "CNCDH",
    "voice": "independent",
    "published_on": "2023-01-12",
    "measures_covered": 45,
    "counts": {"done": 3, "partial": 28, "not_done": 14, "dropped": 0, "unknown": 0},
    "measures_known": 6,
    "source": "JORF",
    "comment": None,
}


def test_a_published_verdict_reads_as_the_rapporteur_wrote_it_without_zero_categories():
    assert plan_text.verdict_sentence(CNCDH, "fr") == (
        "CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées (45 mesures) — "
        "verdict par mesure connu pour 6"
    )
    assert plan_text.verdict_sentence(CNCDH, "en").startswith(
        "CNCDH, 2023-01-12: 3 done, 28 partly, 14 not done (45 measures)"
    )


def test_an_adoption_delay_from_an_expected_month_is_a_range_of_days():
    month = {"adoption_delay_days": 195, "adoption_delay_max_days": 225}
    day = {"adoption_delay_days": 54, "adoption_delay_max_days": None}

    assert plan_text.adoption_delay_text(month, "fr") == "entre 195 et 225 jours"
    assert plan_text.adoption_delay_text(month, "en") == "between 195 and 225 days"
    assert plan_text.adoption_delay_text(day, "fr") == "54 jours"


def test_french_agrees_zero_and_one_in_the_singular_and_english_only_one():
    keys = ("figures.days.one", "figures.days.many")
    assert [plural_key(*keys, n, "fr") for n in (0, 1, 2)] == [keys[0], keys[0], keys[1]]
    assert [plural_key(*keys, n, "en") for n in (0, 1, 2)] == [keys[1], keys[0], keys[1]]
    assert plural_key(*keys, None, "fr") == keys[1]
