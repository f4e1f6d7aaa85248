"""Text of the Method page: the status scale, how every figure is computed, the sources.

The definitions follow the docstrings of `monitoring/analysis/metrics/`, where each decision is
made; change both together.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "method.caption": (
        "Comment chaque chiffre est calculé, avec quelle échelle de statuts, et d'où "
        "viennent les données.",
        "How every figure is computed, with which status scale, and where the data come from.",
    ),
    # The status scale.
    "method.scale": ("Échelle des statuts", "Status scale"),
    "method.scale.default": (
        "Échelle par défaut, alignée sur celle du rapporteur national français (réalisée, "
        "partiellement réalisée, non réalisée), plus « En cours », « Non démarrée », "
        "« Abandonnée » et « Non évaluée ». Un classeur peut apporter la sienne dans une "
        "feuille « Échelle des statuts ».",
        "The default scale, aligned with the French national rapporteur's (done, partly "
        "done, not done), plus “In progress”, “Not started”, “Dropped” and “Not assessed”. "
        "A workbook may bring its own in a “Status scale” sheet.",
    ),
    "method.scale.custom": (
        "Échelle propre à ce classeur, lue dans sa feuille « Échelle des statuts » : chaque "
        "libellé compte dans la catégorie indiquée.",
        "This workbook's own scale, read from its “Status scale” sheet: each label counts "
        "in the category given.",
    ),
    "method.scale.colours": (
        "Les graphiques colorent un statut selon sa catégorie, avec la même couleur et le "
        "même motif sur toutes les pages (palette lisible par les personnes daltoniennes), "
        "et écrivent toujours le nom de la catégorie : la couleur n'est jamais le seul "
        "repère.",
        "Charts colour a status by its category, with the same colour and pattern on every "
        "page (a palette safe for colour-blind readers), and always write the category's "
        "name: colour is never the only cue.",
    ),
    "method.scale.own_colour_note": (
        "La couleur donnée par le classeur est rappelée, mais les graphiques gardent celle "
        "de la catégorie.",
        "The workbook's own colour is listed, but the charts keep the category's.",
    ),
    "method.col.order": ("Ordre", "Order"),
    "method.col.label": ("Statut", "Status"),
    "method.col.label_en": ("En anglais", "In English"),
    "method.col.category": ("Catégorie", "Category"),
    "method.col.colour": ("Couleur dans les graphiques", "Colour in the charts"),
    "method.col.pattern": ("Motif", "Pattern"),
    "method.col.own_colour": ("Couleur du classeur", "Workbook's colour"),
    "method.colour.green": ("vert bleuté", "bluish green"),
    "method.colour.sky_blue": ("bleu ciel", "sky blue"),
    "method.colour.vermillion": ("vermillon", "vermillion"),
    "method.colour.purple": ("mauve", "reddish purple"),
    "method.colour.grey": ("gris", "grey"),
    "method.pattern.solid": ("uni", "solid"),
    "method.pattern.diagonal": ("hachures obliques", "diagonal hatching"),
    "method.pattern.cross": ("quadrillage", "cross-hatching"),
    "method.pattern.horizontal": ("rayures horizontales", "horizontal stripes"),
    "method.pattern.dots": ("points", "dots"),
    # How every figure is computed.
    "method.definitions": ("Comment chaque chiffre est calculé", "How every figure is computed"),
    "method.definitions.caption": (
        "Les mêmes définitions partout : pages, exports, ligne de commande. Toutes les "
        "durées sont en jours entiers ; « date choisie » désigne la date « Situation au » "
        "de la barre latérale (actuellement le {as_of}), et les évaluations ou événements "
        "datés après elle sont ignorés.",
        "The same definitions everywhere: pages, exports, command line. Every duration is "
        "in whole days; “chosen date” means the sidebar's “As of” date (currently "
        "{as_of}), and assessments or events dated after it are ignored.",
    ),
    "method.group.status": ("Statut des mesures", "Status of measures"),
    "method.group.dates": ("Échéances et retards", "Due dates and delays"),
    "method.group.plans": ("Plans et recommandations", "Plans and recommendations"),
    "method.group.letters": ("Courriers", "Letters"),
    "method.def.current_status": ("Statut actuel", "Current status"),
    "method.def.current_status.text": (
        "Le statut de la dernière évaluation de la mesure (feuille Suivi) datée au plus tard "
        "à la date choisie ; à date égale, la ligne la plus basse de la feuille l'emporte. "
        "Une mesure sans évaluation est « Non évaluée » (catégorie inconnue), jamais « Non "
        "réalisée ». Chaque statut compte dans sa catégorie selon l'échelle ci-dessus.",
        "The status of the measure's latest assessment (Status updates sheet) dated on or "
        "before the chosen date; on the same date, the lower row of the sheet wins. A "
        "measure with no assessment is “Not assessed” (category unknown), never “Not done”. "
        "Each status counts in its category according to the scale above.",
    ),
    "method.def.voice": ("Filtre « Évalué par »", "“Assessed by” filter"),
    "method.def.voice.text": (
        "« Toutes les voix » : les évaluations du gouvernement, de la société civile et de "
        "l'évaluation indépendante sont mises ensemble, la plus récente l'emporte. Une "
        "voix choisie : seules ses évaluations donnent le statut et la date de réalisation, "
        "si bien que ses chiffres restent les siens. L'échéance révisée vient en revanche "
        "de n'importe quelle voix : repousser une échéance est une décision du "
        "gouvernement, quel que soit qui la rapporte. Une divergence compare le "
        "gouvernement et la société civile, seulement quand les deux ont donné une "
        "catégorie connue. Choix actuel : {voice}.",
        "“All voices”: the assessments of the government, civil society and the "
        "independent evaluation compete together, the latest wins. One voice chosen: only "
        "its assessments give the status and the completion date, so its figures stay its "
        "own. The revised due date, however, comes from any voice: moving a deadline is a "
        "government decision, whoever reports it. A divergence compares the government "
        "and civil society, only when both gave a known category. Current choice: {voice}.",
    ),
    "method.def.completion": ("Taux de réalisation", "Completion rate"),
    "method.def.completion.text": (
        "Mesures réalisées ÷ toutes les mesures du plan, toujours affiché avec sa base "
        "(« 3 réalisées sur 45 ; 6 mesures évaluées sur 45 »). Les mesures non évaluées "
        "restent au dénominateur : elles ne sont pas comptées réalisées. Seuil de "
        "couverture : le taux n'est donné que si au moins {threshold} des mesures du plan "
        "ont un statut connu ; en dessous, la page dit « trop peu de mesures évaluées (6 "
        "sur 45) », et un plan sans aucune évaluation affiche « inconnu », jamais 0 %.",
        "Done measures ÷ all of the plan's measures, always shown with its base (“3 of 45 "
        "done; 6 of 45 measures assessed”). Measures not assessed stay in the denominator: "
        "they are not counted as done. Coverage threshold: the rate is given only when at "
        "least {threshold} of the plan's measures have a known status; below it the page "
        "says “too few measures assessed (6 of 45)”, and a plan with no assessment at all "
        "shows “unknown”, never 0 %.",
    ),
    "method.def.verdicts": ("Verdicts publiés", "Published verdicts"),
    "method.def.verdicts.text": (
        "Quand un évaluateur (par exemple la CNCDH) ne publie que des totaux, la feuille "
        "« Verdicts publiés » les garde : combien de mesures à chaque statut, sur combien. "
        "Ils sont montrés à côté des chiffres mesure par mesure (« CNCDH, 12/01/2023 : 3 "
        "réalisées, 28 partiellement, 14 non réalisées (45 mesures) — verdict par mesure "
        "connu pour 6 ») sans s'y mêler : le taux, les retards et « Échues, non évaluées » "
        "ne comptent que les évaluations mesure par mesure, si bien que « Échues, non "
        "évaluées » compte ce qui manque au jeu de données, pas des mesures non réalisées. "
        "Seuls les verdicts publiés au plus tard à la date choisie, de la voix choisie, "
        "sont montrés.",
        "When an evaluator (for example the CNCDH) publishes only totals, the “Published "
        "verdicts” sheet keeps them: how many measures at each status, out of how many. "
        "They are shown beside the measure-level figures (“CNCDH, 2023-01-12: 3 done, 28 "
        "partly, 14 not done (45 measures) — measure-level verdict known for 6”) without "
        "being mixed in: the rate, the delays and “Past due, not assessed” count only "
        "measure-level assessments, so “Past due, not assessed” counts what the dataset "
        "lacks, not measures left undone. Only verdicts published on or before the chosen "
        "date, by the chosen voice, are shown.",
    ),
    "method.def.effective_due": ("Échéance effective", "Effective due date"),
    "method.def.effective_due.text": (
        "La dernière « Nouvelle échéance » (feuille Suivi) connue à la date choisie, quelle "
        "que soit la voix ; sinon l'échéance de la mesure ; sinon la fin de la période du "
        "plan. L'échéance initiale est l'échéance de la mesure, sinon la fin du plan. Les "
        "deux premières sont des échéances sourcées ; la fin du plan n'est qu'une "
        "convention, faute d'échéance sourcée : chaque page qui montre un retard ou un "
        "nombre de mesures en retard dit combien reposent sur cette convention.",
        "The latest “Revised due date” (Status updates sheet) known at the chosen date, "
        "whatever the voice; else the measure's due date; else the end of the plan's "
        "period. The original due date is the measure's due date, else the plan's end. The "
        "first two are sourced deadlines; the plan's end is only a convention, no deadline "
        "being sourced: every page showing a delay or an overdue count says how many rest "
        "on that convention.",
    ),
    "method.def.overdue": ("En retard", "Overdue"),
    "method.def.overdue.text": (
        "Échéance effective passée à la date choisie, statut connu, et catégorie ni "
        "réalisée ni abandonnée. Une mesure non évaluée n'est jamais comptée en retard.",
        "Effective due date passed at the chosen date, status known, and category neither "
        "done nor dropped. A measure not assessed is never counted as overdue.",
    ),
    "method.def.unassessed": ("Échue, non évaluée", "Past due, not assessed"),
    "method.def.unassessed.text": (
        "Échéance effective passée, mais aucun statut connu (jamais évaluée, ou évaluée "
        "« Non évaluée ») : comptée à part, car rien ne montre qu'elle n'est pas réalisée.",
        "Effective due date passed, but no known status (never assessed, or assessed “Not "
        "assessed”): counted apart, since nothing shows it is not done.",
    ),
    "method.def.not_yet_due": ("Pas encore échue", "Not yet due"),
    "method.def.not_yet_due.text": (
        "Échéance effective à la date choisie ou après, et ni réalisée ni abandonnée. Une "
        "mesure pas encore échue n'est jamais en retard.",
        "Effective due date on or after the chosen date, and neither done nor dropped. A "
        "measure not yet due is never late.",
    ),
    "method.def.delay": ("Retard (jours)", "Delay (days)"),
    "method.def.delay.text": (
        "Mesure réalisée : date de réalisation − échéance initiale (0 si réalisée en "
        "avance ; vide si la date de réalisation est inconnue). Mesure en retard : le retard "
        "n'est compté que jusqu'à la dernière preuve, date de sa dernière évaluation − "
        "échéance effective, et se lit « au moins N jours ; dernière évaluation le … » ; "
        "si l'échéance est passée après la dernière évaluation, il n'est pas compté. Rien "
        "n'est extrapolé jusqu'à la date choisie. La date de réalisation est celle de "
        "l'évaluation actuelle, sinon la plus récente qui en donne une, pour la même voix. "
        "Retard médian d'un plan : la médiane sur ses mesures qui ont un retard, donc une "
        "borne basse (« au moins »).",
        "Done measure: completion date − original due date (0 if done early; empty when the "
        "completion date is unknown). Overdue measure: the delay is counted only up to the "
        "last evidence, date of its last assessment − effective due date, and reads “at "
        "least N days; last assessment on …”; when the due date passed after the last "
        "assessment it is not counted. Nothing is extrapolated to the chosen date. The "
        "completion date is that of the current assessment, else of the latest one giving "
        "it, for the same voice. A plan's median delay: the median over its measures that "
        "have a delay, hence a lower bound (“at least”).",
    ),
    "method.def.slip": ("Report d'échéance (jours)", "Slip (days)"),
    "method.def.slip.text": (
        "Échéance effective − échéance initiale : de combien l'échéance a été repoussée "
        "(négatif si elle a été avancée).",
        "Effective due date − original due date: how far the deadline was moved (negative "
        "if brought forward).",
    ),
    "method.def.retention": ("Prise en compte des recommandations", "Retention counts"),
    "method.def.retention.text": (
        "Pour un plan, le nombre de recommandations à chaque niveau. Une recommandation "
        "compte une seule fois par plan, à son niveau le plus élevé (Retenue > "
        "Partiellement retenue > Retirée du projet > Non retenue), quel que soit le nombre "
        "de mesures qui la reprennent.",
        "For a plan, the number of recommendations at each level. A recommendation counts "
        "once per plan, at its highest level (Retained > Partly retained > Dropped from "
        "draft > Not retained), however many measures carry it.",
    ),
    "method.def.adoption_delay": ("Retard d'adoption", "Adoption delay"),
    "method.def.adoption_delay.text": (
        "Date d'adoption − date attendue (feuille Plans) ; vide si l'une manque. Un plan "
        "dont l'adoption est postérieure à la date choisie n'est pas encore adopté : ni date "
        "d'adoption ni retard d'adoption ; si la date attendue (sa borne la plus tardive) "
        "est passée, la page dit depuis combien de jours il est attendu.",
        "Adoption date − expected date (Plans sheet); empty when either is missing. A plan "
        "adopted after the chosen date is not adopted yet: no adoption date nor adoption "
        "delay; once its expected date (its latest bound) has passed, the page says for "
        "how many days it has been expected.",
    ),
    "method.def.gap": ("Temps sans plan", "Gap between plans"),
    "method.def.gap.text": (
        "Date d'adoption du plan − fin de la période du plan précédent. Positif : aucun plan "
        "n'était en vigueur pendant ce nombre de jours ; nul ou négatif : les plans se "
        "touchent ou se chevauchent. Le plan précédent est celui de la colonne « Plan "
        "précédent » dès qu'elle est remplie pour au moins un plan, sinon celui qui commence "
        "juste avant. À la date choisie, seul un plan précédent terminé compte ; si le plan "
        "n'est pas encore adopté, la période sans plan est ouverte : « au moins N jours », "
        "jusqu'à la date choisie.",
        "The plan's adoption date − the end of the previous plan's period. Positive: no "
        "plan was in force for that many days; zero or negative: the plans touch or "
        "overlap. The previous plan is the one named in the “Previous plan” column as soon "
        "as it is filled for at least one plan, else the one that starts just before. At "
        "the chosen date only a previous plan that has ended counts; when the plan is not "
        "adopted yet the gap is open: “at least N days”, up to the chosen date.",
    ),
    "method.def.reply_delay": ("Délai de réponse", "Reply delay"),
    "method.def.reply_delay.text": (
        "Date du premier événement (de tout type) dont « En réponse à » désigne la lettre, "
        "parmi ceux datés au plus tard à la date choisie − date de la lettre. Une lettre "
        "sans un tel événement est sans réponse ; une réponse datée après la date choisie "
        "ne compte pas encore. Jours d'attente : date choisie − date de la lettre. Entre "
        "des dates imprécises, le délai est une fourchette (du plus court au plus long "
        "possible), ou inconnu quand les intervalles se chevauchent ; les médianes ne "
        "portent que sur les délais exacts et disent sur combien de lettres.",
        "Date of the first event (of any kind) whose “In reply to” names the letter, among "
        "those dated on or before the chosen date − the letter's date. A letter without "
        "such an event is unanswered; a reply dated after the chosen date does not count "
        "yet. Days waiting: chosen date − the letter's date. Between imprecise dates the "
        "delay is a range (shortest to longest possible), or unknown when the intervals "
        "overlap; medians use exact delays only and say over how many letters.",
    ),
    "method.group.conventions": (
        "Dates imprécises et conventions",
        "Imprecise dates and conventions",
    ),
    "method.def.imprecise": ("Dates imprécises", "Imprecise dates"),
    "method.def.imprecise.text": (
        "Un événement, une évaluation ou une date attendue peut être connu au jour, au "
        "mois (« mars 2014 »), à l'année (« 2014 ») ou seulement entre deux dates (« entre "
        "le 03/02/2014 et le 31/03/2014 ») : la colonne « Au plus tard le » donne la borne "
        "tardive. Aucun jour n'est inventé : la date s'affiche telle qu'elle est connue, et "
        "la chronologie dessine un intervalle comme un segment. Les événements se rangent "
        "par date la plus tôt, puis la plus tard.",
        "An event, an assessment or an expected date may be known to the day, the month "
        "(“March 2014”), the year (“2014”) or only between two dates (“between 2014-02-03 "
        "and 2014-03-31”): the “Latest date” column gives the late bound. No day is ever "
        "invented: the date is shown as it is known, and the timeline draws a range as a "
        "segment. Events are ordered by earliest date, then latest.",
    ),
    "method.def.as_of": ("Date de situation", "As-of date"),
    "method.def.as_of.text": (
        "Rien de daté après la date choisie n'est montré comme connu : un événement, une "
        "évaluation ou un verdict ne compte que si sa date la plus tardive possible est au "
        "plus tard ce jour-là ; un plan adopté après n'est pas encore adopté ; une date "
        "attendue postérieure n'est pas montrée.",
        "Nothing dated after the chosen date is shown as known: an event, an assessment or "
        "a verdict counts only when its latest possible date is on or before that day; a "
        "plan adopted later is not adopted yet; a later expected date is not shown.",
    ),
    "method.def.plan_years": ("Périodes des plans", "Plan periods"),
    "method.def.plan_years.text": (
        "Convention : la période d'un plan est comptée en années entières, du 1er janvier "
        "de sa première année au 31 décembre de sa dernière (« 2019-2021 » : du 01/01/2019 "
        "au 31/12/2021), sauf si une source donne d'autres dates. Sa fin sert d'échéance "
        "aux mesures qui n'en ont pas de sourcée.",
        "Convention: a plan's period is counted in whole years, from 1 January of its first "
        "year to 31 December of its last (“2019-2021”: 2019-01-01 to 2021-12-31), unless a "
        "source gives other dates. Its end is the deadline of the measures that have no "
        "sourced one.",
    ),
    "method.def.reply_rate": ("Taux de réponse", "Reply rate"),
    "method.def.reply_rate.text": (
        "Par destinataire : lettres ayant reçu une réponse ÷ lettres envoyées, au plus tard "
        "à la date choisie. Les lettres sans destinataire forment leur propre ligne.",
        "Per addressee: letters answered ÷ letters sent, on or before the chosen date. "
        "Letters without an addressee form their own row.",
    ),
    # Sources.
    "method.sources": ("Sources des données", "Sources of the data"),
    "method.sources.france": (
        "Données réelles : chaque ligne cite sa source, et ce qu'aucune source ne dit reste "
        "affiché comme inconnu (« Non évaluée », « non trouvé », « non renseignée »). Deux "
        "conventions demeurent, dites ci-dessus : les périodes des plans en années "
        "entières, et la fin du plan comme échéance des mesures sans échéance sourcée ; "
        "une date connue au mois ou entre deux bornes s'affiche ainsi. La note relue du "
        "projet, `data/france/SOURCES.md`, liste les sources et explique chaque convention.",
        "Real data: every row cites its source, and what no source says stays shown as "
        "unknown (“Not assessed”, “not found”, “not recorded”). Two conventions remain, "
        "stated above: plan periods in whole years, and the plan's end as the deadline of "
        "measures with no sourced one; a date known to the month or between two bounds is "
        "shown that way. The project's reviewed note, `data/france/SOURCES.md`, lists the "
        "sources and explains every convention.",
    ),
    "method.sources.demo": (
        "Jeu de démonstration entièrement fictif : ses plans, mesures, évaluations, lettres "
        "et sources sont inventés pour montrer le tableau de bord, et ne décrivent aucun "
        "plan réel.",
        "An entirely fictional demonstration dataset: its plans, measures, assessments, "
        "letters and sources are invented to show the dashboard, and describe no real plan.",
    ),
    "method.sources.note": (
        "La note sur les sources (data/france/SOURCES.md, en français)",
        "The note on the sources (data/france/SOURCES.md, in French)",
    ),
    "method.sources.coverage": (
        "Lignes de chaque feuille qui citent une source (colonne Source), dans tout le jeu "
        "de données, quels que soient les filtres.",
        "Rows of each sheet that cite a source (the Source column, or Evidence in Status "
        "updates), in the whole dataset, whatever the filters.",
    ),
    "method.sources.references": (
        "Chaque référence citée, et combien de lignes de chaque feuille la citent. Une "
        "cellule peut citer plusieurs références séparées par « ; » ; deux citations de la "
        "même adresse comptent comme une seule source.",
        "Every reference cited, and how many rows of each sheet cite it. A cell may cite "
        "several references separated by “;”; two citations of the same address count as "
        "one source.",
    ),
    "method.sources.none": (
        "Aucune ligne ne cite de source : renseignez les colonnes Source du classeur.",
        "No row cites a source: fill in the Source columns of the workbook.",
    ),
    "method.col.sheet": ("Feuille", "Sheet"),
    "method.col.rows": ("Lignes", "Rows"),
    "method.col.with_source": ("Avec source", "With a source"),
    "method.col.without_source": ("Sans source", "Without a source"),
    "method.col.references": ("Références distinctes", "Distinct references"),
    "method.col.reference": ("Référence", "Reference"),
    "method.col.link": ("Lien", "Link"),
    "method.col.total": ("Lignes (total)", "Rows (total)"),
    # The format.
    "method.format": ("Format du classeur", "Workbook format"),
    "method.format.intro": (
        "Un jeu de données est un classeur : une feuille par table décrite ci-dessous, une "
        "ligne d'en-têtes, puis une ligne par élément. Le modèle vierge contient déjà ces "
        "feuilles, leurs en-têtes, une feuille d'explications et les listes déroulantes des "
        "valeurs permises : remplissez-le, puis déposez-le sur la page « {page} ». Ces "
        "chiffres suivent la version {version} du format.",
        "A dataset is a workbook: one sheet per table described below, a row of headers, "
        "then one row per item. The blank template already holds these sheets, their "
        "headers, a sheet of explanations and the drop-down lists of allowed values: fill "
        "it in, then upload it on the “{page}” page. These figures follow version "
        "{version} of the format.",
    ),
    "method.format.sheet": ("Feuille « {name} » — {required}", "“{name}” sheet — {required}"),
    "method.format.required": ("obligatoire", "required"),
    "method.format.optional": ("facultative", "optional"),
    "method.format.columns": ("Colonnes de la feuille", "Columns of the sheet"),
    "method.format.download": (
        "Télécharger la description du format (Markdown)",
        "Download the format description (Markdown)",
    ),
}
