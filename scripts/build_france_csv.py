"""Build the default dataset: France's three national action plans against trafficking.

Writes one UTF-8 CSV per sheet into `data/france/` (French headers from
`monitoring.schema`) and `data/france/SOURCES.md`. Every fact comes from
`plan-facts.md` (the project's reviewed list of sourced facts); nothing is filled by
guess. The CSVs are the reviewed source of truth: this script only keeps their quoting
right. Run it from the repository root:

    .venv/bin/python scripts/build_france_csv.py
"""

# ruff: noqa: E501  (a data file: source addresses and Markdown table rows are long)
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.schema import (  # noqa: E402  (after the sys.path line above)
    EVENTS,
    MEASURES,
    PLANS,
    RECOMMENDATIONS,
    RETENTION,
    STATUS_UPDATES,
)

OUT = ROOT / "data" / "france"

UNKNOWN_TITLE = "Intitulé non trouvé dans les sources disponibles"
UNKNOWN_AXIS = "Axe non trouvé dans les sources disponibles"
COLLECTIF = "Collectif Ensemble contre la traite"

# --- Sources (plan-facts §7): tag → (description, address) ------------------------------

SOURCES: dict[str, tuple[str, str]] = {
    "S1": (
        "weka.fr, « Un plan d'action national contre la traite des êtres humains », 19 mai 2014",
        "http://www.weka.fr/actualite/jeunesse/article/un-plan-daction-national-contre-la-traite-des-etres-humains-7252/",
    ),
    "S2": (
        "Plan d'action national contre la traite des êtres humains (2014-2016), copies du PDF "
        "(aussi https://de.scribd.com/document/228409704/Plan-Daction-National-Contre-La-Traite-Des-Etres-Humains "
        "et https://fr.readkong.com/page/plan-d-action-national-contre-la-traite-des-etres-humains-1356988)",
        "https://pdfslide.fr/documents/plan-daaction-national-contre-la-traite-des-tres-avant-la-fin-de-laanne.html",
    ),
    "S3": (
        "CNCDH, « Évaluation de la mise en œuvre du plan d'action national contre la traite "
        "des êtres humains (2014-2016) », 6 juillet 2017",
        "https://vdocuments.net/valuation-cncdh-evaluation-du-plan-de-lutte-contre-la-traite-et-laexploitation.html",
    ),
    "S4": (
        "Sénat, délégation aux droits des femmes, audition d'É. Moiron-Braud, 19 novembre 2015 "
        "(aussi http://www.senat.fr/compte-rendu-commissions/20151116/femmes.html)",
        "https://archive.nossenateurs.fr/intervention/1613669",
    ),
    "S9": (
        "Collectif, « Plan d'action national… : les réactions du Collectif », 28 mai 2014",
        "http://contrelatraite.org/spip.php?page=article&id_article=248",
    ),
    "S10": (
        "Collectif, page sur la MIPROF et l'histoire du plan (récit du Collectif)",
        "http://www.contrelatraite.org/index.php/node/352",
    ),
    "S11": (
        "ASH n°2807 (installation de la MIPROF, objectifs 2013)",
        "https://ash.tm.fr/hebdo/2807/cote-cour/violences-faites-aux-femmes-les-objectifs-2013-de-la-mission-interministerielle-sont-fixes-401844.php",
    ),
    "S12": (
        "ASH n°2860, « Le gouvernement dévoile son plan d'action contre la traite des êtres humains »",
        "https://ash.tm.fr/hebdo/2860/cote-cour/le-gouvernement-devoile-son-plan-daction-contre-la-traite-des-etres-humains-403434.php",
    ),
    "S13": (
        "B. Lavaud-Legendre, « La traite des êtres humains comme objet de politique publique », "
        "4 juin 2014",
        "http://corinne-blouet.eu/publications/la-traite-des-etres-humains-comme-objet-de-politique-publique/",
    ),
    "S14": (
        "Décret n° 2013-7 du 3 janvier 2013 (Légifrance)",
        "http://legifrance.gouv.fr/affichTexte.do?cidTexte=JORFTEXT000026894612",
    ),
    "S16": (
        "Déclaration de la CNCDH devant la délégation aux droits des femmes du Sénat (fin 2015)",
        "https://archive.nossenateurs.fr/intervention/1615326",
    ),
    "S17": (
        "infomie.net, « Plan d'action national contre la traite des êtres humains » (résumé "
        "gouvernemental, 19 août 2014)",
        "http://www.infomie.net/spip.php?article2921&lang=fr&debut_articlesm=35",
    ),
    "S19": (
        "Collectif, « Plaidoyer auprès du gouvernement »",
        "http://www.contrelatraite.org/index.php/node/355",
    ),
    "S20": (
        "ASH n°3022, « Les recommandations de la CNCDH pour faire de la traite des êtres humains "
        "une priorité »",
        "https://ash.tm.fr/hebdo/3022/cote-cour/les-recommandations-de-la-cncdh-pour-faire-de-la-traite-des-etres-humains-une-priorite-421244.php",
    ),
    "S22": (
        "CNCDH, avis sur le 2nd plan (19 novembre 2019), JORF n°0279 du 1er décembre 2019",
        "https://www.legifrance.gouv.fr/affichTexte.do?cidTexte=JORFTEXT000039435027",
    ),
    "S23": (
        "CNCDH, « Évaluation de la mise en œuvre du plan … (2019-2021) », 12 janvier 2023 (Légifrance)",
        "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047011945",
    ),
    "S24": (
        "Circulaire du 22 janvier 2015 de politique pénale en matière de lutte contre la traite "
        "des êtres humains (NOR JUSD1501974C)",
        "http://doczz.fr/doc/2379574/circulaire-du-22-janvier-2015---justice---textes-et-r%C3%A9formes",
    ),
    "S25": (
        "É. Moiron-Braud, Sénat, 19 novembre 2015",
        "https://archive.nossenateurs.fr/intervention/1613671",
    ),
    "S26": (
        "Département d'État des États-Unis, rapport TIP 2017, France (aussi éditions 2018 et 2019 : "
        "https://www.state.gov/reports/2018-trafficking-in-persons-report/france/ ; "
        "https://www.ecoi.net/en/document/2010807.html)",
        "https://www.state.gov/reports/2017-trafficking-in-persons-report/france/",
    ),
    "S27": (
        "ASH n°2973 (décret MIPROF révisé, 2016)",
        "https://ash.tm.fr/hebdo/2973/veille-juridique/protection-des-femmes-contre-les-violences-et-lutte-contre-la-traite-le-fonctionnement-de-la-miprof-est-revu-371632.php",
    ),
    "S28": (
        "Collectif, lancement du second plan national, 18 octobre 2019",
        "https://contrelatraite.org/lancement_second_plan_national",
    ),
    "S29": (
        "Sénat, rapport d'information n°448 (2015-2016), notice",
        "https://senat.fr/notice-rapport/2015/r15-448-notice.html",
    ),
    "S30": (
        "Sénat, débat du 4 mai 2016, intervention de la ministre "
        "(aussi http://www.senat.fr/cra/s20160504/s20160504_4.html)",
        "https://archive.nossenateurs.fr/intervention/1659648",
    ),
    "S31": (
        "É. Moiron-Braud, Sénat, 19 novembre 2015",
        "https://archive.nossenateurs.fr/intervention/1613680",
    ),
    "S32": (
        "GRETA, communiqué sur la première visite en France",
        "http://www.coe.int/t/dghl/monitoring/trafficking/docs/news/fra_web_article_rev_EN.asp",
    ),
    "S33": (
        "GRETA publie son rapport sur la France, 28 janvier 2013",
        "http://www.coe.int/t/dghl/monitoring/trafficking/docs/press_releases/pr_fra_en.asp?toPrint=yes",
    ),
    "S34": (
        "Deuxième visite d'évaluation du GRETA en France (5-9 septembre 2016)",
        "http://www.inmigracionclandestina.eu/2016/09/15/deuxieme-visite-devaluation-du-greta-en-france/",
    ),
    "S35": (
        "Conseil de l'Europe, « Publication of GRETA's second report on France »",
        "http://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-france",
    ),
    "S36": (
        "Conseil de l'Europe, « GRETA holds talks with the French authorities » (février 2019)",
        "https://www.coe.int/en/web/anti-human-trafficking/-/greta-holds-talks-with-the-french-authorities",
    ),
    "S37": ("inmigracionclandestina.eu, 20 février 2019 ; esclavagemoderne.org, 18 mars 2019", ""),
    "S38": ("GRETA, troisième visite en France", "https://go.coe.int/jEzAx"),
    "S39": (
        "GRETA publie son troisième rapport sur la France, 18 février 2022",
        "https://www.coe.int/en/web/anti-human-trafficking/-/greta-publishes-its-third-report-on-france",
    ),
    "S40": (
        "Quatrième visite d'évaluation du GRETA en France (juin 2025)",
        "http://www.inmigracionclandestina.eu/2025/06/26/le-greta-effectue-sa-quatrieme-visite-devaluation-en-france",
    ),
    "S41": (
        "CP(2015)6, rapport des autorités françaises au Comité des Parties",
        "http://lawsdocbox.com/Immigration/81955721-This-document-is-a-translation-of-the-original-french-report.html",
    ),
    "S42": (
        "Hors la rue, 31 octobre 2019",
        "https://horslarue.org/2019/10/31/le-parcours-des-mineurs-victimes-de-traite-des-etres-humains-un-parcours-long-et-seme-dembuches/",
    ),
    "S44": (
        "enfancejeunesseinfos.fr, « le troisième plan d'action national toujours en attente »",
        "https://www.enfancejeunesseinfos.fr/lutte-contre-la-traite-des-etres-humains-le-troisieme-plan-daction-national-toujours-en-attente/",
    ),
    "S46": (
        "contrelatraite.com, page évaluation du plan national (2023)",
        "https://contrelatraite.com/index.php/evaluation_plan_national",
    ),
    "S47": ("contrelatraite.org, mars 2024", "https://contrelatraite.org/index.php/mars_2024"),
    "S48": ("contrelatraite.com, node/881 (27 juin 2025)", "https://contrelatraite.com/node/881"),
    "S49": (
        "Question écrite d'Anne Genetet et réponse",
        "https://annegenetet.fr/en/plan-triennal-de-lutte-contre-la-traite-des-etres-humains",
    ),
    "S50": (
        "Question écrite n°24191 de Patrice Anato (5 novembre 2019)",
        "https://www.nosdeputes.fr/15/question/QE/24191",
    ),
    "S51": (
        "Niamey Declaration guide, profil France",
        "https://niameydeclarationguide.org/countryprofiles/france",
    ),
    "S52": (
        "CCEM / esclavagemoderne.org, 4 janvier 2023",
        "https://www.esclavagemoderne.org/2023/01/04/evaluation-du-2nd-plan-national-de-lutte-contre-la-traite-des-etres-humains-2019-2021-par-la-commission-nationale-consultative-des-droits-humains-12-01-2023/",
    ),
    "S53": (
        "CNCDH, avis A-2023-1 (copie readkong, table des matières avec les statuts)",
        "https://fr.readkong.com/page/valuation-du-plan-d-action-national-contre-la-traite-des-5695424",
    ),
    "S55": (
        "blog-resorption-bidonvilles.fr, présentation du troisième plan national",
        "https://www.blog-resorption-bidonvilles.fr/post/présentation-du-troisième-plan-national-de-lutte-contre-la-traite-des-êtres-humains",
    ),
    "S56": (
        "amicaledunid.org, plan national 2024-2027",
        "https://amicaledunid.org/ressources/plan-national-de-lutte-contre-lexploitation-et-la-traite-des-etres-humains-2024-2027/",
    ),
    "S57": (
        "France terre d'asile, 5 février 2024",
        "http://france-terre-asile.org/actualites/actualites-choisies/3eme-plan-national-d-action-contre-la-traite-des-etres-humains-une-mise-en-oeuvre-attendue",
    ),
    "S58": (
        "infomie.net, article 6778 (12 décembre 2023)",
        "https://www.infomie.net/spip.php?article6778&lang=fr",
    ),
    "S59": ("contrelatraite.com janvier-2024 ; contrelatraite.org fevrier_2024", ""),
    "S60": (
        "inmigracionclandestina.eu, 24 janvier 2024",
        "http://www.inmigracionclandestina.eu/2024/01/24/lancement-du-plan-national-de-lutte-contre-lexploitation-et-la-traite-des-etres-humains-2024-2027/",
    ),
    "S61": (
        "contrelatraite.com, suivi du troisième plan national",
        "https://contrelatraite.com/suivi_troisieme_plan_national",
    ),
    "S62": (
        "contrelatraite.com, entretien avec R. Maracineanu",
        "https://contrelatraite.com/plan_national_contre_la_traite",
    ),
    "S63": (
        "Assemblée nationale, délégation aux droits des femmes, 12 juin 2013",
        "https://2012-2017.nosdeputes.fr/14/intervention/223798",
    ),
    "S64": (
        "Communiqué de la CNCDH (2014), « La CNCDH lance une vaste démarche de consultation… "
        "rapporteur national »",
        "http://corinne-blouet.eu/actualites/la-cncdh-lance-une-vaste-demarche-de-consultation-pour-definir-les-priorites-de-son-nouveau-mandat-de-rapporteur-national-sur-la-traite-et-lexploitation-des-etres-humains/",
    ),
    "S65": (
        "CNCDH, « Il est urgent qu'un nouveau plan d'action contre la traite des êtres humains "
        "soit adopté » (2018)",
        "https://cncdh.fr/actualite/il-est-urgent-quun-nouveau-plan-daction-contre-la-traite-des-etres-humains-soit-adopte",
    ),
    "S66": (
        "enfancejeunesseinfos.fr, « les mesures de protection des mineurs « partiellement "
        "réalisées » » (janvier 2023)",
        "https://enfancejeunesseinfos.fr/fplan-de-lutte-contre-la-traite-des-etres-humains-les-mesures-de-protection-des-mineurs-partiellement-realisees/amp",
    ),
    "S67": (
        "infomie.net, « CNCDH | Évaluation du plan d'action national… (2019-2021) », 12 janvier 2023",
        "http://infomie.net/spip.php?article6525",
    ),
    "S68": (
        "Barreau de Marseille, « Les avocats aux côtés des mineurs victimes de traite d'êtres "
        "humains » (mesures 25-26 du 2nd plan)",
        "https://www.barreau-marseille.avocat.fr/fr/actualites/id-528-les-avocats-aux-cotes-des-mineurs-victimes-de-traite-d-etres-humains",
    ),
}


def src(*tags: str, note: str = "") -> str:
    """Return a source cell: `[S1] url ; [S9] url (note)`."""
    parts = []
    for tag in tags:
        description, url = SOURCES[tag]
        parts.append(f"[{tag}] {url or description}")
    cell = " ; ".join(parts)
    return f"{cell} ({note})" if note else cell


# --- Plans ---------------------------------------------------------------------------

PLAN_ROWS = [
    {
        "plan_id": "PAN-2014",
        "title": "Plan d'action national contre la traite des êtres humains (2014-2016)",
        "period_start": "2014-01-01",
        "period_end": "2016-12-31",
        "expected_date": "2013-10-01",
        "adopted_date": "2014-05-14",
        "previous_plan_id": "",
        "source": src(
            "S1",
            "S2",
            "S9",
            "S12",
            "S11",
            note="présenté en Conseil des ministres le 14 mai 2014 ; période 2014-2016 : "
            "début et fin = premier et dernier jour des années, par convention ; attendu : "
            "le 19 avril 2013 la ministre demande à la MIPROF un plan « d'ici octobre 2013 » "
            "[S11], daté au 1er octobre 2013 par convention (premier jour de la période)",
        ),
    },
    {
        "plan_id": "PAN-2019",
        "title": "2nd plan d'action national contre la traite des êtres humains (2019-2021)",
        "period_start": "2019-01-01",
        "period_end": "2021-12-31",
        "expected_date": "",
        "adopted_date": "2019-10-18",
        "previous_plan_id": "PAN-2014",
        "source": src(
            "S22",
            "S28",
            "S49",
            "S50",
            note="présenté le 18 octobre 2019 ; période 2019-2021 : début et fin = premier et "
            "dernier jour des années, par convention ; aucune date attendue trouvée dans les "
            "sources",
        ),
    },
    {
        "plan_id": "PAN-2024",
        "title": "Plan national de lutte contre l'exploitation et la traite des êtres humains "
        "2024-2027",
        "period_start": "2024-01-01",
        "period_end": "2027-12-31",
        "expected_date": "",
        "adopted_date": "2023-12-11",
        "previous_plan_id": "PAN-2019",
        "source": src(
            "S55",
            "S56",
            "S57",
            "S58",
            "S60",
            note="présenté le 11 décembre 2023 selon ces sources ; les pages du Collectif [S59] "
            "indiquent le 10 décembre 2023 ; période 2024-2027 : début et fin = premier et "
            "dernier jour des années, par convention ; aucune date attendue trouvée dans les "
            "sources",
        ),
    },
]

# --- Measures ------------------------------------------------------------------------

P1_AXIS_I = "I – Identifier et accompagner les victimes"
P2_AXIS_1 = (
    "1 – Informer et communiquer pour mieux prévenir le phénomène de la traite des êtres humains"
)

P1_KNOWN = {
    1: (P1_AXIS_I, "Aller au-devant des victimes, favoriser l'accès aux droits", ("S1", "S3")),
    2: (
        P1_AXIS_I,
        "Former les professionnels à l'identification et à la protection des victimes",
        ("S1", "S3"),
    ),
    3: (P1_AXIS_I, "Informer et sensibiliser le grand public", ("S1", "S3")),
    4: (P1_AXIS_I, "Sensibiliser les publics à risques", ("S1", "S3")),
    5: (
        P1_AXIS_I,
        "Accès au séjour pour les victimes, même sans coopération avec les forces de sécurité",
        ("S1",),
    ),
    6: (
        P1_AXIS_I,
        "Faciliter la domiciliation administrative pour la demande de titre de séjour",
        ("S1",),
    ),
    7: (
        P1_AXIS_I,
        "Augmenter et adapter les solutions d[…] (fin de l'intitulé non trouvée)",
        ("S1",),
    ),
    12: (
        UNKNOWN_AXIS,
        "Promouvoir l'incrimination de traite (inciter les parquets à poursuivre sur ce fondement)",
        ("S4", "S24"),
    ),
    23: (
        UNKNOWN_AXIS,
        "Confier à la CNCDH le mandat de rapporteur national indépendant (tendances, "
        "évaluation des résultats, statistiques, rapports)",
        ("S64",),
    ),
}
P1_INTERNATIONAL = (
    "Renforcer la coopération internationale contre la traite (thème commun des mesures 15 à "
    "19 ; intitulé propre à la mesure non trouvé)"
)
P1_LEADS = {
    12: "Ministère de la Justice (mise en œuvre par la circulaire du 22 janvier 2015)",
    **dict.fromkeys(range(15, 20), "Ministère des Affaires étrangères (suivi)"),
}

P2_MINORS = (
    "Protection et prise en charge adaptée des mineurs victimes ; extension du dispositif "
    "expérimental de Paris (thème commun des mesures 25 et 26 ; intitulé propre non trouvé)"
)
P2_KNOWN = {
    1: (P2_AXIS_1, "Informer et sensibiliser sur les risques d'exploitation", ("S53",)),
    2: (P2_AXIS_1, "Créer un site gouvernemental dédié", ("S53",)),
    3: (P2_AXIS_1, "Soutenir les campagnes des associations", ("S53",)),
    4: (P2_AXIS_1, "Instaurer une journée nationale", ("S53",)),
    5: (P2_AXIS_1, "Informer le monde de l'entreprise", ("S53",)),
    6: (P2_AXIS_1, "La traite dans les programmes scolaires", ("S53",)),
    7: (
        P2_AXIS_1,
        "Sensibiliser les populations migrantes […] (intitulé tronqué dans la source)",
        ("S53",),
    ),
    16: (
        UNKNOWN_AXIS,
        "Mécanisme national de référence (circulaire interministérielle, liste d'indicateurs)",
        ("S50",),
    ),
    19: (UNKNOWN_AXIS, "Soutenir des projets innovants", ("S50",)),
    25: (UNKNOWN_AXIS, P2_MINORS, ("S51", "S68")),
    26: (UNKNOWN_AXIS, P2_MINORS, ("S51", "S68")),
}


def measure(plan: int, number: int, axis: str, title: str, lead: str, source: str) -> dict:
    return {
        "measure_id": f"PAN{plan}-M{number:02d}",
        "plan_id": {1: "PAN-2014", 2: "PAN-2019", 3: "PAN-2024"}[plan],
        "number": str(number),
        "axis": axis,
        "title": title,
        "lead": lead,
        "due_date": "",
        "budget_eur": "",
        "carried_from": "",
        "source": source,
    }


def measure_rows() -> list[dict]:
    rows = []
    for n in range(1, 24):
        lead = P1_LEADS.get(n, "")
        if n in P1_KNOWN:
            axis, title, tags = P1_KNOWN[n]
            note = "intitulé tronqué dans la source" if n == 7 else ""
            rows.append(measure(1, n, axis, title, lead, src(*tags, note=note)))
        elif 15 <= n <= 19:
            source = src(
                "S4",
                note="les mesures 15 à 19 forment l'ensemble des mesures de renforcement de la "
                "coopération internationale, suivies par le ministère des Affaires étrangères ; "
                "intitulés individuels non trouvés",
            )
            rows.append(measure(1, n, UNKNOWN_AXIS, P1_INTERNATIONAL, lead, source))
        else:
            source = src(
                "S1",
                "S13",
                note="existence établie par le total de 23 mesures ; intitulé non trouvé",
            )
            rows.append(measure(1, n, UNKNOWN_AXIS, UNKNOWN_TITLE, lead, source))
    for n in range(1, 46):
        if n in P2_KNOWN:
            axis, title, tags = P2_KNOWN[n]
            rows.append(measure(2, n, axis, title, "", src(*tags)))
        else:
            note = "existence établie par le total de 45 mesures ; intitulé non trouvé"
            if n == 45:
                note += (
                    " ; la présentation de la CNCDH citée par [S67] dit « 44 mesures », "
                    "45 retenu car 3 + 28 + 14 = 45 [S66]"
                )
            rows.append(
                measure(2, n, UNKNOWN_AXIS, UNKNOWN_TITLE, "", src("S50", "S51", "S52", note=note))
            )
    for n in range(1, 61):
        source = src(
            "S61",
            note="nombre de mesures : source unique, non recoupée ; intitulé et axe non trouvés",
        )
        rows.append(measure(3, n, UNKNOWN_AXIS, UNKNOWN_TITLE, "", source))
    return rows


# --- Recommendations -----------------------------------------------------------------

GRETA = "GRETA (Conseil de l'Europe)"
CNCDH = "CNCDH (rapporteur national)"
COLLECTIF_GROUPED = ("S19", "S28", "S46", "S44")
GROUPED_NOTE = "sources du plaidoyer ultérieur du Collectif, citées ensemble"


def rec(rec_id: str, author: str, theme: str, title: str, issued_on: str, source: str) -> dict:
    return {
        "rec_id": rec_id,
        "author": author,
        "theme": theme,
        "title": title,
        "issued_on": issued_on,
        "priority": "",
        "source": source,
    }


REC_ROWS = [
    rec(
        "GRETA-2013-01",
        GRETA,
        "Gouvernance",
        "Lancer en priorité un plan d'action national coordonné contre la traite",
        "2013-01-28",
        src("S33"),
    ),
    rec(
        "GRETA-2013-02",
        GRETA,
        "Identification des victimes",
        "Mettre en place un mécanisme national d'orientation des victimes",
        "2013-01-28",
        src("S33"),
    ),
    rec(
        "COLL-2014-01",
        COLLECTIF,
        "Moyens",
        "Point de vigilance sur le plan : un financement suffisant au regard des besoins du "
        "terrain",
        "2014-05-28",
        src("S9"),
    ),
    rec(
        "COLL-2014-02",
        COLLECTIF,
        "Protection des victimes",
        "Point de vigilance sur le plan : traiter les victimes comme des victimes et non comme "
        "des délinquants",
        "2014-05-28",
        src("S9"),
    ),
    rec(
        "COLL-2014-03",
        COLLECTIF,
        "Formes d'exploitation",
        "Point de vigilance sur le plan : prendre en compte toutes les formes de traite, pas "
        "seulement la prostitution",
        "2014-05-28",
        src("S9"),
    ),
    rec(
        "CNCDH-2015-01",
        CNCDH,
        "Gouvernance",
        "Créer une instance interministérielle rattachée au Premier ministre (les moyens de la "
        "MIPROF étant jugés dérisoires)",
        "",
        src("S16", note="déclaration de fin 2015 ; date précise non trouvée"),
    ),
    rec(
        "SENAT-2016-01",
        "Sénat (délégation aux droits des femmes)",
        "Gouvernance, mineurs, cadre juridique, moyens",
        "Rapport n°448 (21 recommandations, non détaillées dans les sources disponibles) : "
        "« des progrès restent à réaliser » au terme du premier plan, en matière de "
        "gouvernance, de mineurs, de cadre juridique, de budget et d'effectifs (dont ceux de la "
        "MIPROF)",
        "2016-03-09",
        src("S29"),
    ),
    rec(
        "COLL-2016-01",
        COLLECTIF,
        "Sensibilisation",
        "Faire de la lutte contre la traite une « Grande cause nationale » (lettres au "
        "ministre de l'Intérieur Bernard Cazeneuve)",
        "2016-12-01",
        src(
            *COLLECTIF_GROUPED,
            note="décembre 2016, jour inconnu : daté au 1er du mois par convention ; "
            + GROUPED_NOTE,
        ),
    ),
    rec(
        "CNCDH-2017-01",
        CNCDH,
        "Gouvernance",
        "Créer une mission ou délégation interministérielle dédiée à la traite, rattachée au "
        "Premier ministre et dotée d'un observatoire",
        "2017-07-06",
        src("S20"),
    ),
    rec(
        "CNCDH-2017-02",
        CNCDH,
        "Moyens",
        "Donner des moyens financiers et humains adéquats à la coordination et aux associations",
        "2017-07-06",
        src("S20"),
    ),
    rec(
        "CNCDH-2017-03",
        CNCDH,
        "Sensibilisation",
        "Faire de la lutte contre la traite une « grande cause nationale »",
        "2017-07-06",
        src("S20"),
    ),
    rec(
        "CNCDH-2017-04",
        CNCDH,
        "Identification des victimes",
        "Ne pas réserver aux seuls policiers et gendarmes la possibilité d'identifier les victimes",
        "2017-07-06",
        src("S20"),
    ),
    rec(
        "CNCDH-2018-01",
        CNCDH,
        "Gouvernance",
        "Adopter un nouveau plan d'action national contre la traite",
        "2018-10-01",
        src(
            "S36",
            "S65",
            note="déclaration d'octobre 2018, jour inconnu : datée au 1er du mois par convention",
        ),
    ),
    rec(
        "COLL-2019-01",
        COLLECTIF,
        "Gouvernance",
        "Rattacher le plan au Premier ministre",
        "2019-01-01",
        src(
            *COLLECTIF_GROUPED,
            note="demandes de 2019, jour et mois inconnus : "
            "datées au 1er janvier par convention ; " + GROUPED_NOTE,
        ),
    ),
    rec(
        "COLL-2019-02",
        COLLECTIF,
        "Moyens",
        "Doter le plan de moyens dédiés",
        "2019-01-01",
        src(
            *COLLECTIF_GROUPED,
            note="demandes de 2019, jour et mois inconnus : "
            "datées au 1er janvier par convention ; " + GROUPED_NOTE,
        ),
    ),
    rec(
        "COLL-2019-03",
        COLLECTIF,
        "Identification des victimes",
        "Mettre en place un véritable mécanisme national d'identification des victimes",
        "2019-01-01",
        src(
            *COLLECTIF_GROUPED,
            note="demandes de 2019, jour et mois inconnus : "
            "datées au 1er janvier par convention ; " + GROUPED_NOTE,
        ),
    ),
    rec(
        "CNCDH-2019-01",
        CNCDH,
        "Moyens",
        "Doter le 2nd plan d'un calendrier et d'un budget, sans lesquels sa mise en œuvre est "
        "« illusoire »",
        "2019-11-19",
        src("S22"),
    ),
    rec(
        "CNCDH-2019-02",
        CNCDH,
        "Identification des victimes",
        "Mettre en place un véritable mécanisme national d'identification des victimes",
        "2019-11-19",
        src("S22"),
    ),
    rec(
        "GRETA-2022-01",
        GRETA,
        "Identification des victimes",
        "Mettre en place un mécanisme national d'identification et d'orientation des victimes",
        "2022-02-18",
        src("S39"),
    ),
    rec(
        "COLL-2023-01",
        COLLECTIF,
        "Gouvernance",
        "Créer une délégation interministérielle rattachée au Premier ministre (l'une des "
        "« six actions prioritaires » du Collectif ; les cinq autres ne sont pas détaillées "
        "dans les sources disponibles)",
        "2023-01-01",
        src(
            *COLLECTIF_GROUPED,
            note="2023, jour et mois inconnus : daté au 1er janvier par "
            "convention ; " + GROUPED_NOTE,
        ),
    ),
]

# --- Status updates ------------------------------------------------------------------

CNCDH_2023 = {
    1: "Partiellement réalisée",
    2: "Non réalisée",
    3: "Partiellement réalisée",
    4: "Non réalisée",
    5: "Partiellement réalisée",
    6: "Partiellement réalisée",
}


def status(
    measure_id: str,
    as_of: str,
    value: str,
    voice: str,
    assessor: str,
    evidence: str,
    comment: str,
    completed_on: str = "",
) -> dict:
    return {
        "measure_id": measure_id,
        "as_of": as_of,
        "status": value,
        "voice": voice,
        "assessor": assessor,
        "completed_on": completed_on,
        "revised_due_date": "",
        "progress_pct": "",
        "evidence": evidence,
        "comment": comment,
    }


def status_rows() -> list[dict]:
    rows = [
        status(
            "PAN1-M12",
            "2015-11-19",
            "Réalisée",
            "Gouvernement",
            "MIPROF",
            src("S4", "S24"),
            "Auto-évaluation du gouvernement, pas une évaluation indépendante : la secrétaire "
            "générale de la MIPROF déclare au Sénat le 19 novembre 2015 que la mesure est "
            "« d'ores et déjà mise en œuvre » par la circulaire Justice du 22 janvier 2015 ; "
            "une seconde circulaire sur des formes spécifiques d'exploitation « pourrait être "
            "diffusée ».",
            completed_on="2015-01-22",
        ),
    ]
    for n in range(15, 20):
        rows.append(
            status(
                f"PAN1-M{n}",
                "2015-11-19",
                "Non évaluée",
                "Gouvernement",
                "MIPROF",
                src("S4"),
                "Les mesures 15 à 19 « font l'objet d'un suivi attentif » du ministère des "
                "Affaires étrangères (secrétaire générale de la MIPROF au Sénat, 19 novembre "
                "2015) ; aucun statut n'est indiqué.",
            )
        )
    for n, value in CNCDH_2023.items():
        rows.append(
            status(
                f"PAN2-M{n:02d}",
                "2023-01-12",
                value,
                "Évaluation indépendante",
                "CNCDH",
                src("S53", "S23"),
                "Statut indiqué par la table des matières de l'évaluation du 2nd plan par la "
                "CNCDH (avis A-2023-1, adopté le 12 janvier 2023).",
            )
        )
    return rows


# --- Events --------------------------------------------------------------------------

NVB = "Najat Vallaud-Belkacem, ministre des Droits des femmes"
MONTH_ONLY = "(date précise inconnue : mois seulement)"
YEAR_ONLY = "(date précise inconnue : année seulement)"
COLLECTIF_ACCOUNT = "selon le récit du Collectif"


def event(
    date: str,
    kind: str,
    title: str,
    source: str,
    *,
    sender: str = "",
    recipient: str = "",
    reply_to: str = "",
    plan: str = "",
    measures: str = "",
    key: str = "",
) -> dict:
    return {
        "key": key,
        "date": date,
        "kind": kind,
        "title": title,
        "sender": sender,
        "recipient": recipient,
        "reply_to": reply_to,
        "plan_id": plan,
        "measure_ids": measures,
        "source": source,
    }


EVENT_ROWS = [
    event(
        "2008-01-01",
        "Autre",
        "Début du travail inter-institutionnel et inter-associatif sur un plan national ; "
        "sa publication « n'a cessé d'être repoussée depuis 2008 » " + YEAR_ONLY,
        src("S9", "S10"),
        plan="PAN-2014",
    ),
    event(
        "2010-01-01",
        "Autre",
        "Interruption des travaux du groupe de travail inter-institutionnel et "
        "inter-associatif " + YEAR_ONLY,
        src("S9"),
        plan="PAN-2014",
    ),
    event(
        "2012-03-26",
        "Autre",
        "Première visite d'évaluation du GRETA en France (26-30 mars 2012)",
        src("S32"),
        sender=GRETA,
    ),
    event(
        "2012-11-01",
        "Réunion",
        "Séminaire du Collectif sur la pauvreté des enfants ; ses résultats sont intégrés "
        "aux recommandations retravaillées du Collectif " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
    ),
    event(
        "2012-11-30",
        "Texte officiel",
        "Le Comité interministériel aux droits des femmes décide de créer la MIPROF",
        src("S10"),
    ),
    event(
        "2013-01-03",
        "Texte officiel",
        "Décret n° 2013-7 du 3 janvier 2013 créant la MIPROF (protection des femmes contre "
        "les violences et lutte contre la traite ; NOR DFEX1242343D, JORF n°0004 du "
        "5 janvier 2013)",
        src("S14", "S10"),
    ),
    event(
        "2013-01-28",
        "Rapport",
        "Premier rapport du GRETA sur la France : nombreuses difficultés, la France n'est "
        "pas au niveau en matière de sensibilisation et de protection des victimes ; il "
        "demande de lancer en priorité un plan d'action national coordonné et un mécanisme "
        "national d'orientation des victimes",
        src("S33", "S10"),
        sender=GRETA,
    ),
    event(
        "2013-02-01",
        "Lettre",
        "Lettre du Collectif à la ministre des Droits des femmes avec ses recommandations "
        "retravaillées (date précise inconnue : en 2013, après janvier ; datée au 1er "
        "février par convention)",
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient=NVB,
        plan="PAN-2014",
    ),
    event(
        "2013-01-01",
        "Lettre",
        "Lettre du Collectif à Eric Panloup, coordinateur national de la lutte contre la "
        "traite : ses recommandations " + YEAR_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Eric Panloup, coordinateur national de la lutte contre la traite",
        plan="PAN-2014",
    ),
    event(
        "2013-01-01",
        "Lettre",
        "Lettre du Collectif à Elisabeth Moiron-Braud, secrétaire générale de la MIPROF : "
        "ses recommandations " + YEAR_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Elisabeth Moiron-Braud, secrétaire générale de la MIPROF",
        plan="PAN-2014",
    ),
    event(
        "2013-04-08",
        "Texte officiel",
        "Arrêté nommant Elisabeth Moiron-Braud secrétaire générale de la MIPROF (JO du "
        "18 avril 2013)",
        src("S11"),
    ),
    event(
        "2013-04-19",
        "Autre",
        "Installation de la MIPROF ; la ministre des Droits des femmes lui demande de "
        "rédiger un plan gouvernemental contre la traite « d'ici octobre 2013 »",
        src("S11"),
        sender=NVB,
        recipient="MIPROF",
        plan="PAN-2014",
    ),
    event(
        "2013-06-12",
        "Réunion",
        "Audition d'Elisabeth Moiron-Braud (MIPROF) par la délégation aux droits des femmes "
        "de l'Assemblée nationale : la formation des policiers et gendarmes à "
        "l'identification des victimes est présentée comme la mesure principale du plan en "
        "préparation",
        src("S63"),
        plan="PAN-2014",
    ),
    event(
        "2013-07-25",
        "Réunion",
        "Selon le récit du Collectif (aucune autre source trouvée) : la ministre rencontre "
        "le Collectif lors d'une de ses réunions ; le Collectif présente ses propositions "
        "sur la coordination, la prévention, l'identification et la protection des "
        "victimes et la poursuite des auteurs",
        src("S10", note="récit du Collectif, source unique"),
        sender=COLLECTIF,
        recipient=NVB,
        plan="PAN-2014",
    ),
    event(
        "2013-08-05",
        "Texte officiel",
        "Loi n° 2013-711 du 5 août 2013 (adaptation au droit de l'Union européenne et aux "
        "engagements internationaux) : modifie l'infraction de traite, article 225-4-1 du "
        "Code pénal",
        src("S13", "S24"),
    ),
    event(
        "2014-01-30",
        "Publication",
        "Le ministère remet aux associations le projet de texte du plan national (après-midi)",
        src("S10", note=COLLECTIF_ACCOUNT),
        sender="Ministère des Droits des femmes",
        recipient="Associations",
        plan="PAN-2014",
    ),
    event(
        "2014-02-01",
        "Réunion",
        "Réunion informelle du Collectif au ministère (cabinet) pour exposer ses demandes "
        "avant le passage du plan en Conseil des ministres " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Cabinet de la ministre des Droits des femmes",
        plan="PAN-2014",
    ),
    event(
        "2014-02-03",
        "Réunion",
        "Les associations et la ministre examinent le projet de plan ; elles regrettent "
        "que des éléments importants de la version précédente aient été supprimés ou "
        "modifiés et redisent leurs constats et propositions",
        src("S9", "S10"),
        sender=COLLECTIF,
        recipient=NVB,
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre du Collectif à la ministre des Droits des femmes, dans l'attente de la mise "
        "en œuvre du plan " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient=NVB,
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre du Collectif au Premier ministre Jean-Marc Ayrault " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Jean-Marc Ayrault, Premier ministre",
        plan="PAN-2014",
        key="ayrault",
    ),
    event(
        "2014-04-01",
        "Réponse",
        "Réponse du Premier ministre Jean-Marc Ayrault au Collectif " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender="Jean-Marc Ayrault, Premier ministre",
        recipient=COLLECTIF,
        reply_to="ayrault",
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Après le remaniement, lettre du Collectif au Premier ministre Manuel Valls " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Manuel Valls, Premier ministre",
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre du Collectif à la garde des Sceaux Christiane Taubira " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Christiane Taubira, ministre de la Justice",
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre du Collectif au ministre de l'Intérieur Bernard Cazeneuve " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Bernard Cazeneuve, ministre de l'Intérieur",
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre du Collectif au ministre de l'Éducation nationale Benoît Hamon " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Benoît Hamon, ministre de l'Éducation nationale",
        plan="PAN-2014",
    ),
    event(
        "2014-04-01",
        "Lettre",
        "Lettre de relance du Collectif à la ministre des Droits des femmes " + MONTH_ONLY,
        src("S10", note=COLLECTIF_ACCOUNT),
        sender=COLLECTIF,
        recipient="Ministre des Droits des femmes",
        plan="PAN-2014",
    ),
    event(
        "2014-05-01",
        "Lettre",
        "Lettre du Collectif au président François Hollande : ses recommandations pour la "
        "mise en œuvre du plan " + MONTH_ONLY,
        src("S9", "S10"),
        sender=COLLECTIF,
        recipient="François Hollande, président de la République",
        plan="PAN-2014",
    ),
    event(
        "2014-05-10",
        "Autre",
        "Discours du président François Hollande (journée des mémoires de la traite, de "
        "l'esclavage et de leurs abolitions) annonçant le plan",
        src("S9"),
        sender="François Hollande, président de la République",
        plan="PAN-2014",
    ),
    event(
        "2014-05-14",
        "Texte officiel",
        "Présentation du plan d'action national 2014-2016 en Conseil des ministres par "
        "Najat Vallaud-Belkacem (3 priorités, 23 mesures)",
        src("S1", "S9", "S10", "S12"),
        sender=NVB,
        plan="PAN-2014",
    ),
    event(
        "2014-05-28",
        "Publication",
        "Réaction du Collectif : toutes ses demandes n'ont pas été retenues, mais le plan, "
        "repoussé depuis 2008, est une avancée considérable ; points de vigilance : "
        "financement, victimes traitées comme des victimes, toutes les formes de traite",
        src("S9", "S10"),
        sender=COLLECTIF,
        plan="PAN-2014",
    ),
    event(
        "2015-01-22",
        "Texte officiel",
        "Circulaire du 22 janvier 2015 de politique pénale en matière de lutte contre la "
        "traite des êtres humains (NOR JUSD1501974C), qui met en œuvre la mesure 12 selon "
        "la MIPROF",
        src("S24", "S4"),
        sender="Ministère de la Justice",
        plan="PAN-2014",
        measures="PAN1-M12",
    ),
    event(
        "2015-02-13",
        "Rapport",
        "Rapport intermédiaire des autorités françaises au Comité des Parties, CP(2015)6, "
        "rédigé par la MIPROF (reçu le 13 février 2015)",
        src("S41"),
        sender="Autorités françaises (MIPROF)",
        recipient="Comité des Parties (Convention du Conseil de l'Europe)",
        plan="PAN-2014",
    ),
    event(
        "2015-05-19",
        "Texte officiel",
        "Instruction du ministère de l'Intérieur sur l'admission au séjour des victimes "
        "étrangères de la traite et du proxénétisme",
        src("S19"),
        sender="Ministère de l'Intérieur",
    ),
    event(
        "2015-07-22",
        "Réunion",
        "Le Collectif rencontre le cabinet du ministre de l'Intérieur au sujet de "
        "l'instruction du 19 mai 2015",
        src("S19"),
        sender=COLLECTIF,
        recipient="Cabinet du ministre de l'Intérieur",
    ),
    event(
        "2015-11-19",
        "Réunion",
        "Audition d'Elisabeth Moiron-Braud, secrétaire générale de la MIPROF, par la "
        "délégation aux droits des femmes du Sénat sur la mise en œuvre du plan : mesure 12 "
        "« d'ores et déjà mise en œuvre » ; mesures 15 à 19 « font l'objet d'un suivi "
        "attentif » du ministère des Affaires étrangères",
        src("S4", "S25", "S31"),
        plan="PAN-2014",
        measures="PAN1-M12, PAN1-M15, PAN1-M16, PAN1-M17, PAN1-M18, PAN1-M19",
    ),
    event(
        "2016-03-09",
        "Rapport",
        "Rapport d'information n°448 (2015-2016) de la délégation aux droits des femmes du "
        "Sénat, 21 recommandations : « des progrès restent à réaliser » au terme du premier "
        "plan",
        src("S29"),
        sender="Sénat (délégation aux droits des femmes)",
        plan="PAN-2014",
    ),
    event(
        "2016-03-10",
        "Rapport",
        "Premier rapport d'évaluation de la CNCDH, rapporteur national",
        src("S20", "S65"),
        sender=CNCDH,
        plan="PAN-2014",
    ),
    event(
        "2016-05-04",
        "Autre",
        "Débat au Sénat sur les femmes et mineurs victimes de la traite ; la ministre : le "
        "plan « a commencé à porter ses fruits »",
        src("S30"),
        plan="PAN-2014",
    ),
    event(
        "2016-06-01",
        "Autre",
        "La MIPROF signe une convention pilote donnant des places d'hébergement à Paris aux "
        "victimes de traite à des fins d'exploitation sexuelle, selon le rapport TIP 2017 "
        "du Département d'État américain " + MONTH_ONLY,
        src("S26"),
        sender="MIPROF",
        plan="PAN-2014",
    ),
    event(
        "2016-08-11",
        "Texte officiel",
        "Décret du 11 août 2016 modifiant le décret MIPROF : 10 représentants "
        "d'associations, l'OFPRA, la CNCDH et le HCE entrent au comité d'orientation ; "
        "création d'un comité de coordination (au moins deux réunions par an)",
        src("S27", "S10"),
    ),
    event(
        "2016-09-05",
        "Autre",
        "Deuxième visite d'évaluation du GRETA en France (5-9 septembre 2016)",
        src("S34"),
        sender=GRETA,
    ),
    event(
        "2016-10-01",
        "Autre",
        "La MIPROF signe une seconde convention pilote d'hébergement à Paris (tribunal, "
        "police, mairie…), selon le rapport TIP 2017 du Département d'État américain " + MONTH_ONLY,
        src("S26"),
        sender="MIPROF",
        plan="PAN-2014",
    ),
    event(
        "2016-10-17",
        "Texte officiel",
        "Arrêté portant nomination au comité d'orientation de la MIPROF",
        src("S10", "S27"),
    ),
    event(
        "2016-12-01",
        "Lettre",
        "Lettres du Collectif au ministre de l'Intérieur Bernard Cazeneuve demandant que la "
        "lutte contre la traite soit déclarée « Grande cause nationale » " + MONTH_ONLY,
        src("S19"),
        sender=COLLECTIF,
        recipient="Bernard Cazeneuve, ministre de l'Intérieur",
    ),
    event(
        "2017-03-01",
        "Rapport",
        "Adoption du deuxième rapport du GRETA sur la France (date précise inconnue : mois "
        "seulement ; date de publication non trouvée)",
        src("S35", "S36"),
        sender=GRETA,
        plan="PAN-2014",
    ),
    event(
        "2017-03-21",
        "Réunion",
        "Réunion du Collectif au cabinet du Premier ministre",
        src("S19"),
        sender=COLLECTIF,
        recipient="Cabinet du Premier ministre",
    ),
    event(
        "2017-06-01",
        "Publication",
        "Première enquête annuelle MIPROF/ONDRP sur les victimes de traite suivies par les "
        "associations (données 2015, 13 associations) " + MONTH_ONLY,
        src("S26"),
        sender="MIPROF et ONDRP",
    ),
    event(
        "2017-07-06",
        "Rapport",
        "Évaluation de la mise en œuvre du plan 2014-2016 par la CNCDH, adoptée à "
        "l'unanimité en assemblée plénière : mise en œuvre « pas à la hauteur des objectifs "
        "poursuivis »",
        src("S3", "S20", "S22"),
        sender=CNCDH,
        plan="PAN-2014",
    ),
    event(
        "2018-04-09",
        "Lettre",
        "Lettre du Collectif exprimant une « inquiétude sévère » face à l'« absence de "
        "politique française » contre la traite",
        src("S19"),
        sender=COLLECTIF,
    ),
    event(
        "2018-10-01",
        "Publication",
        "Déclaration de la CNCDH appelant à l'adoption d'un nouveau plan " + MONTH_ONLY,
        src("S36", "S65"),
        sender=CNCDH,
        plan="PAN-2019",
    ),
    event(
        "2019-02-11",
        "Réunion",
        "Entretiens de haut niveau du GRETA avec les autorités françaises à Paris "
        "(11-12 février 2019), en raison du « retard considérable » dans l'adoption d'un "
        "nouveau plan",
        src("S36", "S37"),
        sender=GRETA,
        recipient="Autorités françaises",
        plan="PAN-2019",
    ),
    event(
        "2019-04-16",
        "Réunion",
        "Le projet de 2nd plan est présenté aux associations",
        src("S49"),
        plan="PAN-2019",
    ),
    event(
        "2019-10-18",
        "Texte officiel",
        "Présentation du 2nd plan d'action national 2019-2021 (6 axes, 45 mesures) par "
        "Marlène Schiappa, secrétaire d'État à l'Égalité entre les femmes et les hommes, "
        "avec Elisabeth Moiron-Braud (MIPROF), lors de la journée européenne contre la "
        "traite",
        src("S22", "S28", "S49"),
        sender="Marlène Schiappa, secrétaire d'État",
        plan="PAN-2019",
    ),
    event(
        "2019-10-18",
        "Publication",
        "Le Collectif réagit au lancement du 2nd plan : « le premier plan d'action n'a pu "
        "être réalisé totalement du fait du manque de moyens »",
        src("S28"),
        sender=COLLECTIF,
        plan="PAN-2019",
    ),
    event(
        "2019-10-18",
        "Publication",
        "Publication de la troisième enquête annuelle MIPROF/ONDRP sur les victimes de traite",
        src("S42"),
        sender="MIPROF et ONDRP",
    ),
    event(
        "2019-11-19",
        "Rapport",
        "Avis de la CNCDH sur le 2nd plan (JORF n°0279 du 1er décembre 2019, texte 55) : "
        "sans calendrier ni budget, la mise en œuvre est « illusoire » ; appel à un "
        "véritable mécanisme national d'identification",
        src("S22"),
        sender=CNCDH,
        plan="PAN-2019",
    ),
    event(
        "2021-02-08",
        "Autre",
        "Troisième visite d'évaluation du GRETA en France (8-12 février 2021)",
        src("S38"),
        sender=GRETA,
    ),
    event(
        "2021-11-18", "Autre", "La France devient « pays pionnier » de l'Alliance 8.7", src("S66")
    ),
    event(
        "2022-01-01",
        "Autre",
        "Le Collectif transmet à la CNCDH son analyse du 2nd plan " + YEAR_ONLY,
        src(*COLLECTIF_GROUPED, note=GROUPED_NOTE),
        sender=COLLECTIF,
        recipient=CNCDH,
        plan="PAN-2019",
    ),
    event(
        "2022-02-18",
        "Rapport",
        "Troisième rapport du GRETA sur la France : appelle à un mécanisme national "
        "d'identification et d'orientation des victimes",
        src("S39"),
        sender=GRETA,
    ),
    event(
        "2023-01-01",
        "Publication",
        "Le Collectif présente « six actions prioritaires », dont une délégation "
        "interministérielle rattachée au Premier ministre " + YEAR_ONLY,
        src(*COLLECTIF_GROUPED, note=GROUPED_NOTE),
        sender=COLLECTIF,
    ),
    event(
        "2023-01-12",
        "Rapport",
        "Évaluation du 2nd plan par la CNCDH (avis A-2023-1), adoptée à l'unanimité : "
        "3 mesures réalisées, 28 partiellement réalisées, 14 non réalisées sur 45 "
        "(« ineffectivité partielle »)",
        src("S23", "S52", "S53", "S66"),
        sender=CNCDH,
        plan="PAN-2019",
        measures="PAN2-M01, PAN2-M02, PAN2-M03, PAN2-M04, PAN2-M05, PAN2-M06",
    ),
    event(
        "2023-03-08",
        "Autre",
        "Roxana Maracineanu devient secrétaire générale de la MIPROF",
        src("S62"),
    ),
    event(
        "2023-12-11",
        "Texte officiel",
        "Présentation du plan national 2024-2027 (6 axes ; 60 mesures selon une source "
        "unique) par Bérangère Couillard, Olivier Dussopt et Charlotte Caubel, avec Roxana "
        "Maracineanu (MIPROF) ; les pages du Collectif datent la présentation du "
        "10 décembre 2023",
        src("S55", "S56", "S57", "S58", "S59", "S61"),
        sender="Bérangère Couillard, ministre déléguée à l'Égalité",
        plan="PAN-2024",
    ),
    event(
        "2024-03-21",
        "Réunion",
        "Première réunion du nouveau comité de coordination de la MIPROF (environ 60 "
        "participants), dont le Collectif est membre",
        src("S47"),
        sender="MIPROF",
        plan="PAN-2024",
    ),
    event(
        "2025-06-16",
        "Autre",
        "Quatrième visite d'évaluation du GRETA en France (16-25 juin 2025)",
        src("S40"),
        sender=GRETA,
    ),
    event(
        "2025-06-27",
        "Réunion",
        "Réunion du comité de suivi du plan national (MIPROF)",
        src("S48"),
        sender="MIPROF",
        plan="PAN-2024",
    ),
]


def event_rows() -> list[dict]:
    """Number events EV-001… in date order (stable: same-day events keep list order)."""
    ordered = sorted(EVENT_ROWS, key=lambda e: e["date"])
    ids = {}
    rows = []
    for i, e in enumerate(ordered, start=1):
        event_id = f"EV-{i:03d}"
        if e["key"]:
            ids[e["key"]] = event_id
        rows.append({"event_id": event_id, **{k: v for k, v in e.items() if k != "key"}})
    for row in rows:
        if row["reply_to"]:
            row["reply_to"] = ids[row["reply_to"]]
    return rows


# --- Writing -------------------------------------------------------------------------


def write_sheet(sheet, rows: list[dict]) -> None:
    path = OUT / f"{sheet.fr}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([c.fr for c in sheet.columns])
        for row in rows:
            assert set(row) == set(sheet.column_ids), (sheet.id, set(row) ^ set(sheet.column_ids))
            writer.writerow([row[c] for c in sheet.column_ids])


SOURCES_MD_HEAD = """\
# Jeu de données par défaut : les plans d'action nationaux de la France contre la traite des êtres humains

Ce dossier contient le jeu de données livré par défaut avec le tableau de bord : un fichier
CSV par feuille du classeur (en-têtes français du contrat, encodage UTF-8, virgule comme
séparateur, dates ISO `AAAA-MM-JJ`). Les CSV sont la référence relue ; ils sont écrits par
`scripts/build_france_csv.py` uniquement pour que les guillemets soient corrects.

Chaque ligne de chaque feuille porte sa source, sous la forme `[Sn] adresse`. Les numéros
`[Sn]` renvoient à la liste ci-dessous (la numérotation suit la note de recherche du projet ;
seules les sources citées dans les CSV ou dans ce document sont listées, d'où des trous).

**Principe : une donnée est une preuve.** Ce qui n'a pas été trouvé dans une source reste
vide ou porte un texte explicite ; rien n'est complété par déduction.

## Contenu

| Feuille | Lignes | Contenu |
|---|---|---|
| `Plans.csv` | {plans} | Les trois plans : 2014-2016, 2019-2021, 2024-2027 |
| `Mesures.csv` | {measures} | 23 mesures (plan 1) + 45 (plan 2) + 60 (plan 3) |
| `Recommandations.csv` | {recs} | Recommandations sourcées du GRETA, de la CNCDH, du Sénat et du Collectif |
| `Prise en compte.csv` | {retention} | En-têtes seulement : aucune source ne dit comment une recommandation a été reprise |
| `Suivi.csv` | {status} | Seules les évaluations de statut données par une source |
| `Chronologie.csv` | {events} | Lettres, réunions, textes officiels, rapports, de 2008 à 2025 |

## Conventions

- **Dates imprécises.** Quand une source ne donne qu'un mois ou une année, la date est le
  premier jour de la période (`2014-04-01` pour « avril 2014 », `2013-01-01` pour « 2013 »)
  et l'intitulé ou la source le dit (« date précise inconnue : mois seulement »). Une lettre
  de 2013 « après janvier » est datée du 1er février 2013. Par conséquent, dans la
  chronologie, un événement daté d'un mois ou d'une année peut apparaître avant un
  événement précis du même mois ou de la même année qui l'a en réalité précédé.
- **Périodes des plans.** Début et fin = premier et dernier jour des années couvertes
  (1er janvier 2014 – 31 décembre 2016, etc.) ; les plans n'indiquent pas de jours précis
  dans les sources disponibles.
- **Date attendue du plan 1.** Le 19 avril 2013, la ministre demande à la MIPROF un plan
  « d'ici octobre 2013 » [S11] : `Attendu le` = 2013-10-01 (premier jour de la période).
  Aucune date attendue n'a été trouvée pour les plans 2 et 3 : la cellule est vide.
- **Textes inconnus.** Intitulé de mesure introuvable : exactement
  `Intitulé non trouvé dans les sources disponibles`. Axe non confirmé ou inconnu :
  exactement `Axe non trouvé dans les sources disponibles`.
- **Intitulés tronqués.** La mesure 7 du plan 1 est tronquée dans la source
  (« Augmenter et adapter les solutions d[…] ») : elle reste tronquée, la fin n'est pas
  devinée (l'hébergement est plausible mais non confirmé). La mesure 7 du plan 2 est aussi
  tronquée dans la source.
- **Thèmes communs.** Les mesures 15 à 19 du plan 1 (coopération internationale) et 25-26
  du plan 2 (mineurs victimes) ne sont connues que par un thème commun : l'intitulé le dit
  (« thème commun … ; intitulé propre non trouvé »).
- **Axes.** Seuls sont renseignés les axes confirmés : priorité I du plan 1 pour les
  mesures 1 à 7 [S1] [S3], axe 1 du plan 2 pour les mesures 1 à 7 [S53]. La note de
  recherche place les mesures 12 et 15-19 du plan 1 « probablement » en priorité II et les
  mesures 20-23 « probablement » en priorité III, les mesures 25-26 du plan 2
  « probablement » dans l'axe 3 : non confirmé, donc non livré. Les mesures 16 et 19 du
  plan 2 relèvent de l'axe 2 (identification), mais son libellé officiel français n'a pas
  été trouvé (seule une traduction anglaise existe [S51]) : non livré non plus.
- **Pilotes.** Seules deux attributions sont établies : la mesure 12 du plan 1, mise en
  œuvre par le ministère de la Justice (circulaire du 22 janvier 2015) [S4] [S24], et les
  mesures 15 à 19, suivies par le ministère des Affaires étrangères [S4]. Les autres
  cellules sont vides.
- **Échéances, budgets, reprises.** Aucune source ne donne d'échéance ni de budget par
  mesure : vides (la fin de la période du plan s'applique). La CNCDH dit que « nombre de
  mesures » du plan 1 ont été reprises dans le plan 2 [S23], sans dire lesquelles :
  `Reprise de` est vide.
- **Nombre de mesures du plan 2 : 45.** La présentation de la CNCDH citée par infomie.net
  dit « sur 44 mesures, seules 3 ont été réalisées » [S67] ; les autres sources disent 45
  [S50] [S51] [S52] et la ventilation de la CNCDH, 3 réalisées + 28 partiellement + 14 non
  réalisées, fait 45 [S66]. Le jeu retient 45.
- **Nombre de mesures du plan 3 : 60, source unique.** Ce nombre vient du seul compte
  rendu du Collectif sur le comité de suivi à un an [S61] ; il n'est pas recoupé. Chaque
  mesure du plan 3 le rappelle dans sa source. Ni les intitulés ni les axes ne sont connus ;
  les mesures phares citées par la presse (plan national de formation, observatoire
  national, site et campagnes, journée du 18 octobre, affectation des biens immobiliers
  confisqués) [S58] [S60] ne sont pas numérotées et ne sont donc rattachées à aucune ligne.
- **Date de présentation du plan 3 : 11 décembre 2023.** Trois pages indépendantes
  [S55] [S56] [S58] disent le 11 ; les pages du Collectif [S59] disent le 10 décembre 2023.
- **Statuts (`Suivi`).** Une ligne n'existe que si une source donne un statut :
  mesures 1 à 6 du plan 2 selon l'évaluation de la CNCDH du 12 janvier 2023 [S53] ;
  mesure 12 du plan 1, « d'ores et déjà mise en œuvre » selon la MIPROF au Sénat le
  19 novembre 2015 [S4] (auto-évaluation du gouvernement, pas une évaluation
  indépendante ; `Réalisée le` = date de la circulaire du 22 janvier 2015 [S24]) ;
  mesures 15 à 19 du plan 1, « font l'objet d'un suivi attentif » sans statut : une ligne
  `Non évaluée` chacune. Toute autre mesure n'a aucune ligne : le tableau de bord l'affiche
  « Non évaluée », jamais « Non réalisée ».
- **Chronologie.** Les événements sont numérotés `EV-001`… dans l'ordre des dates ; ceux
  d'une même date gardent l'ordre du récit. Les événements tirés de la page du Collectif
  [S10] sont son propre récit. La réponse du Premier ministre Jean-Marc Ayrault (avril
  2014) renvoie à la lettre du Collectif qu'il a reçue (`En réponse à`).
- **Sources groupées.** La note de recherche cite ensemble quatre pages [S19] [S28] [S46]
  [S44] pour le plaidoyer du Collectif après 2016 (décembre 2016, 2019, 2022, 2023) sans
  attribuer chaque demande à l'une d'elles ; les lignes correspondantes citent les quatre.

## Ce qui n'est délibérément PAS dans les données, et pourquoi

- **Intitulés des mesures 8 à 11, 13, 14 et 20 à 22 du plan 1**, et la fin de
  l'intitulé de la mesure 7 : non trouvés (le PDF du plan n'a pu être lu au-delà de ses
  premières pages). Les thèmes que le résumé gouvernemental attribue au plan sans numéro
  (enquêtes patrimoniales, poursuites sur l'article 225-4-1 du Code pénal, pouvoirs de
  l'inspection du travail, parcours de sortie de la prostitution, protection des mineurs)
  [S17] ne sont rattachés à aucune mesure.
- **Intitulé long de la priorité II** (« Poursuivre et démanteler les réseaux de la
  traite ») : non confirmé. De même, les libellés français des axes 2 à 6 du plan 2 et les
  axes du plan 3.
- **Pilotes des mesures**, hors les deux attributions ci-dessus. En particulier, le lien
  entre l'instruction du ministère de l'Intérieur du 19 mai 2015 sur le séjour des victimes
  [S19] et la mesure 5 du plan 1 est une déduction : l'événement figure dans la
  chronologie sans mesure liée.
- **Statuts par mesure du plan 1**, hors la mesure 12 (auto-évaluation du gouvernement) :
  l'évaluation de la CNCDH du 6 juillet 2017 évalue les mesures une à une, mais son texte
  par mesure n'a pu être lu. Ses conclusions d'ensemble (« pas à la hauteur des objectifs
  poursuivis ») figurent dans la chronologie, pas comme statut de mesure. La mesure 23
  (mandat de rapporteur national) semble exercée par la CNCDH, mais aucune évaluation ne le
  dit : pas de statut.
- **Statuts des mesures 7 à 45 du plan 2** : la table des matières de l'avis A-2023-1 est
  coupée après la mesure 7 ; seule la ventilation d'ensemble (3 / 28 / 14) est connue, et la
  mention « mesures de protection des mineurs partiellement réalisées » n'est pas ventilée
  par mesure.
- **La réunion du 25 juillet 2013** : la note de recherche n'a trouvé aucune source
  indépendante. Elle est gardée dans la chronologie uniquement comme récit du Collectif
  [S10], et l'intitulé le dit.
- **Quelles propositions du Collectif ont été retenues** : inconnu (le document « constats
  et propositions mesure par mesure » n'a pas été trouvé). La feuille `Prise en compte` ne
  contient donc que ses en-têtes ; le tableau de bord montre ces recommandations comme « non
  évaluées ». Aucune prise en compte n'est déduite d'une ressemblance entre une
  recommandation et une mesure.
- **Les 21 recommandations du rapport du Sénat n°448** une à une : non trouvées ; une seule
  ligne résume leurs thèmes.
- **Priorité des recommandations** : aucune source ne la donne ; vide.
- **Date de publication du deuxième rapport du GRETA** : non trouvée (adopté en mars 2017).

## Sources citées
"""


def write_sources_md(counts: dict[str, int], cited: set[str]) -> None:
    lines = [SOURCES_MD_HEAD.format(**counts)]
    for tag in sorted(cited, key=lambda t: int(t[1:])):
        description, url = SOURCES[tag]
        lines.append(f"- [{tag}] {description}" + (f" — {url}" if url else "") + "\n")
    (OUT / "SOURCES.md").write_text("".join(lines), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sheets = {
        "plans": (PLANS, PLAN_ROWS),
        "measures": (MEASURES, measure_rows()),
        "recs": (RECOMMENDATIONS, REC_ROWS),
        "retention": (RETENTION, []),
        "status": (STATUS_UPDATES, status_rows()),
        "events": (EVENTS, event_rows()),
    }
    cited: set[str] = set()
    for sheet, rows in sheets.values():
        write_sheet(sheet, rows)
        for row in rows:
            for value in row.values():
                cited.update(re.findall(r"\[(S\d+)\]", value))
    cited.update(re.findall(r"\[(S\d+)\]", SOURCES_MD_HEAD))
    missing = cited - set(SOURCES)
    assert not missing, f"cited but not listed: {missing}"
    write_sources_md({k: len(rows) for k, (_, rows) in sheets.items()}, cited)
    for sheet, rows in sheets.values():
        print(f"{sheet.fr}.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
