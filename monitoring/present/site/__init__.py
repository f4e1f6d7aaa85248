"""The public site of one dataset version: static HTML, plotly charts, nothing from elsewhere.

    index.html              the choice of language
    assets/plotly.min.js    plotly's JavaScript, written once (`plotly.offline.get_plotlyjs`)
    assets/site.css         the stylesheet (with a print stylesheet)
    fr/index.html           the Overview: each plan's key figures, then its charts
    fr/gaps.html, fr/delays.html, fr/timeline.html   the analysis pages' charts
    fr/measures.html        every measure: status, deadline, delay (the Measures table)
    fr/method.html          the status scale, the definitions, the verdicts, the sources
    fr/calendar.ics         the reminders calendar (deadlines, letters awaiting a reply),
                            linked from the Delays page
    en/…                    the same in English

Every page states the dataset, its version, its content hash (shortened) and the as-of
date, and a shipped dataset's banner (fictional, or the note on sourced data). Each
chart is a `<figure>` whose id is the chart's name (`status-by-plan`, the dossier's
names), with what it shows, its source and a line to cite it by; a chart with nothing to
draw is its sentence (`NoChart`). The charts and texts are the app's and the dossier's:
`monitoring.present.dossier.charts`, `figures_text`, `method_text`.

    fr/measures/<id>.html   a page per measure: its facts, status history, evidence, lineage
    fr/embed/<chart>.html   each chart alone, for an iframe, with the code to paste
    fr/changes.html         what changed since the version stored before

The folder loads nothing from another host (no CDN, no web font, no MathJax): it works
offline or from any static web space. A publication that leaves something out
(`monitoring.analysis.public_scope`) says what on every page and on the Method page, and
writes no page that a withheld sheet would leave empty. `write_site` writes it; the data
package beside it is `monitoring.present.datapackage`'s.
"""

from monitoring.present.site.writer import write_site

__all__ = ["write_site"]
