"""Text of the Method page: the status scale, how every figure is computed, the sources.

The definitions follow the docstrings of `monitoring/analysis/metrics/`, where each decision is
made; change both together.
"""

MESSAGES: dict[str, str] = {
    "method.caption": (
        "Comment chaque chiffre est calculé, avec quelle échelle de statuts, et d'où "
        "viennent les données."
    ),
    # The status scale.
    "method.scale": "Échelle des statuts",
    "method.scale.default": (
        "Échelle par défaut, alignée sur celle du rapporteur national français (réalisée, "
        "partiellement réalisée, non réalisée), plus « En cours », « Non démarrée », "
        "« Abandonnée » et « Non évaluée ». Un classeur peut apporter la sienne dans une "
        "feuille « Échelle des statuts »."
    ),
    "method.scale.custom": (
        "Échelle propre à ce classeur, lue dans sa feuille « Échelle des statuts » : chaque "
        "libellé compte dans la catégorie indiquée."
    ),
    "method.scale.colours": (
        "Les graphiques colorent un statut selon sa catégorie, avec la même couleur et le "
        "même motif sur toutes les pages (palette lisible par les personnes daltoniennes), "
        "et écrivent toujours le nom de la catégorie : la couleur n'est jamais le seul "
        "repère."
    ),
    "method.scale.own_colour_note": (
        "La couleur donnée par le classeur est rappelée, mais les graphiques gardent celle "
        "de la catégorie."
    ),
    "method.col.order": "Ordre",
    "method.col.label": "Statut",
    "method.col.label_en": "En anglais",
    "method.col.category": "Catégorie",
    "method.col.colour": "Couleur dans les graphiques",
    "method.col.pattern": "Motif",
    "method.col.own_colour": "Couleur du classeur",
    "method.colour.green": "vert bleuté",
    "method.colour.sky_blue": "bleu ciel",
    "method.colour.vermillion": "vermillon",
    "method.colour.purple": "mauve",
    "method.colour.grey": "gris",
    "method.pattern.solid": "uni",
    "method.pattern.diagonal": "hachures obliques",
    "method.pattern.cross": "quadrillage",
    "method.pattern.horizontal": "rayures horizontales",
    "method.pattern.dots": "points",
    # How every figure is computed.
    "method.definitions": "Comment chaque chiffre est calculé",
    "method.definitions.caption": (
        "Les mêmes définitions partout : pages, exports, ligne de commande. Toutes les "
        "durées sont en jours entiers ; « date choisie » désigne la date « Situation au » "
        "de la barre latérale (actuellement le {as_of}), et les évaluations ou événements "
        "datés après elle sont ignorés."
    ),
    "method.group.status": "Statut des mesures",
    "method.group.dates": "Échéances et retards",
    "method.group.plans": "Plans et recommandations",
    "method.group.letters": "Courriers",
    "method.def.current_status": "Statut actuel",
    "method.def.current_status.text": (
        "Le statut de la dernière évaluation de la mesure (feuille Suivi) datée au plus tard "
        "à la date choisie ; à date égale, la ligne la plus basse de la feuille l'emporte. "
        "Une mesure sans évaluation est « Non évaluée » (catégorie inconnue), jamais « Non "
        "réalisée ». Chaque statut compte dans sa catégorie selon l'échelle ci-dessus."
    ),
    "method.def.voice": "Filtre « Évalué par »",
    "method.def.voice.text": (
        "« Toutes les voix » : les évaluations du gouvernement, de la société civile et de "
        "l'évaluation indépendante sont mises ensemble, la plus récente l'emporte. Une "
        "voix choisie : seules ses évaluations donnent le statut et la date de réalisation, "
        "si bien que ses chiffres restent les siens. L'échéance révisée vient en revanche "
        "de n'importe quelle voix : repousser une échéance est une décision du "
        "gouvernement, quel que soit qui la rapporte. Une divergence compare le "
        "gouvernement et la société civile, seulement quand les deux ont donné une "
        "catégorie connue. Choix actuel : {voice}."
    ),
    "method.def.completion": "Taux de réalisation",
    "method.def.completion.text": (
        "Mesures réalisées ÷ toutes les mesures du plan, toujours affiché avec sa base "
        "(« 3 réalisées sur 45 ; 6 mesures évaluées sur 45 »). Les mesures non évaluées "
        "restent au dénominateur : elles ne sont pas comptées réalisées. Seuil de "
        "couverture : le taux n'est donné que si au moins {threshold} des mesures du plan "
        "ont un statut connu ; en dessous, la page dit « trop peu de mesures évaluées (6 "
        "sur 45) », et un plan sans aucune évaluation affiche « inconnu », jamais 0 %."
    ),
    "method.def.verdicts": "Verdicts publiés",
    "method.def.verdicts.text": (
        "Quand un évaluateur (par exemple la CNCDH) ne publie que des totaux, la feuille "
        "« Verdicts publiés » les garde : combien de mesures à chaque statut, sur combien. "
        "Ils sont montrés à côté des chiffres mesure par mesure (« CNCDH, 12/01/2023 : 3 "
        "réalisées, 28 partiellement, 14 non réalisées (45 mesures) — verdict par mesure "
        "connu pour 6 ») sans s'y mêler : le taux, les retards et « Échues, non évaluées » "
        "ne comptent que les évaluations mesure par mesure, si bien que « Échues, non "
        "évaluées » compte ce qui manque au jeu de données, pas des mesures non réalisées. "
        "Seuls les verdicts publiés au plus tard à la date choisie, de la voix choisie, "
        "sont montrés."
    ),
    "method.def.effective_due": "Échéance effective",
    "method.def.effective_due.text": (
        "La dernière « Nouvelle échéance » (feuille Suivi) connue à la date choisie, quelle "
        "que soit la voix ; sinon l'échéance de la mesure ; sinon la fin de la période du "
        "plan. L'échéance initiale est l'échéance de la mesure, sinon la fin du plan. Les "
        "deux premières sont des échéances sourcées ; la fin du plan n'est qu'une "
        "convention, faute d'échéance sourcée : chaque page qui montre un retard ou un "
        "nombre de mesures en retard dit combien reposent sur cette convention."
    ),
    "method.def.overdue": "En retard",
    "method.def.overdue.text": (
        "Échéance effective passée à la date choisie, statut connu, et catégorie ni "
        "réalisée ni abandonnée. Une mesure non évaluée n'est jamais comptée en retard."
    ),
    "method.def.unassessed": "Échue, non évaluée",
    "method.def.unassessed.text": (
        "Échéance effective passée, mais aucun statut connu (jamais évaluée, ou évaluée "
        "« Non évaluée ») : comptée à part, car rien ne montre qu'elle n'est pas réalisée."
    ),
    "method.def.not_yet_due": "Pas encore échue",
    "method.def.not_yet_due.text": (
        "Échéance effective à la date choisie ou après, et ni réalisée ni abandonnée. Une "
        "mesure pas encore échue n'est jamais en retard."
    ),
    "method.def.delay": "Retard (jours)",
    "method.def.delay.text": (
        "Mesure réalisée : date de réalisation − échéance initiale (0 si réalisée en "
        "avance ; vide si la date de réalisation est inconnue). Mesure en retard : le retard "
        "n'est compté que jusqu'à la dernière preuve, date de sa dernière évaluation − "
        "échéance effective, et se lit « au moins N jours ; dernière évaluation le … » ; "
        "si l'échéance est passée après la dernière évaluation, il n'est pas compté. Rien "
        "n'est extrapolé jusqu'à la date choisie. La date de réalisation est celle de "
        "l'évaluation actuelle, sinon la plus récente qui en donne une, pour la même voix. "
        "Retard médian d'un plan : la médiane sur ses mesures qui ont un retard, donc une "
        "borne basse (« au moins »)."
    ),
    "method.def.slip": "Report d'échéance (jours)",
    "method.def.slip.text": (
        "Échéance effective − échéance initiale : de combien l'échéance a été repoussée "
        "(négatif si elle a été avancée)."
    ),
    "method.def.retention": "Prise en compte des recommandations",
    "method.def.retention.text": (
        "Pour un plan, le nombre de recommandations à chaque niveau. Une recommandation "
        "compte une seule fois par plan, à son niveau le plus élevé (Retenue > "
        "Partiellement retenue > Retirée du projet > Non retenue), quel que soit le nombre "
        "de mesures qui la reprennent."
    ),
    "method.def.adoption_delay": "Retard d'adoption",
    "method.def.adoption_delay.text": (
        "Date d'adoption − date attendue (feuille Plans) ; vide si l'une manque. Un plan "
        "dont l'adoption est postérieure à la date choisie n'est pas encore adopté : ni date "
        "d'adoption ni retard d'adoption ; si la date attendue (sa borne la plus tardive) "
        "est passée, la page dit depuis combien de jours il est attendu."
    ),
    "method.def.gap": "Temps sans plan",
    "method.def.gap.text": (
        "Date d'adoption du plan − fin de la période du plan précédent. Positif : aucun plan "
        "n'était en vigueur pendant ce nombre de jours ; nul ou négatif : les plans se "
        "touchent ou se chevauchent. Le plan précédent est celui de la colonne « Plan "
        "précédent » dès qu'elle est remplie pour au moins un plan, sinon celui qui commence "
        "juste avant. À la date choisie, seul un plan précédent terminé compte ; si le plan "
        "n'est pas encore adopté, la période sans plan est ouverte : « au moins N jours », "
        "jusqu'à la date choisie."
    ),
    "method.def.reply_delay": "Délai de réponse",
    "method.def.reply_delay.text": (
        "Date du premier événement (de tout type) dont « En réponse à » désigne la lettre, "
        "parmi ceux datés au plus tard à la date choisie − date de la lettre. Une lettre "
        "sans un tel événement est sans réponse ; une réponse datée après la date choisie "
        "ne compte pas encore. Jours d'attente : date choisie − date de la lettre. Entre "
        "des dates imprécises, le délai est une fourchette (du plus court au plus long "
        "possible), ou inconnu quand les intervalles se chevauchent ; les médianes ne "
        "portent que sur les délais exacts et disent sur combien de lettres."
    ),
    "method.group.conventions": "Dates imprécises et conventions",
    "method.def.imprecise": "Dates imprécises",
    "method.def.imprecise.text": (
        "Un événement, une évaluation ou une date attendue peut être connu au jour, au "
        "mois (« mars 2014 »), à l'année (« 2014 ») ou seulement entre deux dates (« entre "
        "le 03/02/2014 et le 31/03/2014 ») : la colonne « Au plus tard le » donne la borne "
        "tardive. Aucun jour n'est inventé : la date s'affiche telle qu'elle est connue, et "
        "la chronologie dessine un intervalle comme un segment. Les événements se rangent "
        "par date la plus tôt, puis la plus tard."
    ),
    "method.def.as_of": "Date de situation",
    "method.def.as_of.text": (
        "Rien de daté après la date choisie n'est montré comme connu : un événement, une "
        "évaluation ou un verdict ne compte que si sa date la plus tardive possible est au "
        "plus tard ce jour-là ; un plan adopté après n'est pas encore adopté ; une date "
        "attendue postérieure n'est pas montrée."
    ),
    "method.def.plan_years": "Périodes des plans",
    "method.def.plan_years.text": (
        "Convention : la période d'un plan est comptée en années entières, du 1er janvier "
        "de sa première année au 31 décembre de sa dernière (« 2019-2021 » : du 01/01/2019 "
        "au 31/12/2021), sauf si une source donne d'autres dates. Sa fin sert d'échéance "
        "aux mesures qui n'en ont pas de sourcée."
    ),
    "method.def.reply_rate": "Taux de réponse",
    "method.def.reply_rate.text": (
        "Par destinataire : lettres ayant reçu une réponse ÷ lettres envoyées, au plus tard "
        "à la date choisie. Les lettres sans destinataire forment leur propre ligne."
    ),
    # Sources.
    "method.sources": "Sources des données",
    "method.sources.france": (
        "Données réelles : chaque ligne cite sa source, et ce qu'aucune source ne dit reste "
        "affiché comme inconnu (« Non évaluée », « non trouvé », « non renseignée »). Deux "
        "conventions demeurent, dites ci-dessus : les périodes des plans en années "
        "entières, et la fin du plan comme échéance des mesures sans échéance sourcée ; "
        "une date connue au mois ou entre deux bornes s'affiche ainsi. La note relue du "
        "projet, `data/france/SOURCES.md`, liste les sources et explique chaque convention."
    ),
    "method.sources.demo": (
        "Jeu de démonstration entièrement fictif : ses plans, mesures, évaluations, lettres "
        "et sources sont inventés pour montrer le tableau de bord, et ne décrivent aucun "
        "plan réel."
    ),
    "method.sources.note": "La note sur les sources (data/france/SOURCES.md, en français)",
    "method.sources.coverage": (
        "Lignes de chaque feuille qui citent une source (colonne Source), dans tout le jeu "
        "de données, quels que soient les filtres."
    ),
    "method.sources.references": (
        "Chaque référence citée, et combien de lignes de chaque feuille la citent. Une "
        "cellule peut citer plusieurs références séparées par « ; » ; deux citations de la "
        "même adresse comptent comme une seule source."
    ),
    "method.sources.none": (
        "Aucune ligne ne cite de source : renseignez les colonnes Source du classeur."
    ),
    "method.col.sheet": "Feuille",
    "method.col.rows": "Lignes",
    "method.col.with_source": "Avec source",
    "method.col.without_source": "Sans source",
    "method.col.references": "Références distinctes",
    "method.col.reference": "Référence",
    "method.col.link": "Lien",
    "method.col.total": "Lignes (total)",
    # The format.
    "method.format": "Format du classeur",
    "method.format.download": "Télécharger la description du format (Markdown)",
    "method.format.intro": (
        "Un jeu de données est un classeur : une feuille par table décrite ci-dessous, une ligne "
        "d'en-têtes, puis une ligne par élément. Le modèle vierge contient déjà ces feuilles, "
        "leurs en-têtes, une feuille d'explications et les listes déroulantes des valeurs permises "
        ": remplissez-le, puis déposez-le sur la page « {page} ». Ces chiffres suivent la version "
        "{version} du format."
    ),
    "method.format.sheet": "Feuille « {name} » — {required}",
    "method.format.required": "obligatoire",
    "method.format.optional": "facultative",
    "method.format.columns": "Colonnes de la feuille",
}
