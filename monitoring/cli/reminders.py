"""`calendar`: the reminders of a stored version as an iCalendar file.

    plan-monitoring calendar --out FILE.ics [--next-meeting DATE] [--reply-after DAYS]
        [--plan ID ...] [--as-of DATE] [--dataset KEY] [--lang fr|en]

One event per measure deadline, per letter awaiting its reply and for the next committee
(`monitoring.analysis.reminders`, written by `monitoring.present.calendar_ics`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from monitoring.cli.common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, chosen_plans, stored
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t


def calendar(args: argparse.Namespace, settings: Settings) -> int:
    """Write the calendar of the current stored version into `--out`."""
    from monitoring.analysis.filters import Filters, apply_filters
    from monitoring.analysis.reminders import DEFAULT_REPLY_AFTER, reminders
    from monitoring.config import shipped
    from monitoring.present.calendar_ics import calendar_ics

    lang: Lang = args.lang
    as_of = args.as_of or dt.date.today()
    if args.next_meeting is not None and args.next_meeting < as_of:
        print(t("cli.calendar.meeting_before", lang, date=args.next_meeting, as_of=as_of),
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    info, dataset = stored(settings, args.dataset, lang)
    plans = chosen_plans(dataset, args.plan, lang)
    if plans is None:
        return EXIT_REJECTED
    chosen = apply_filters(dataset, Filters(plans=tuple(plans)))
    reply_after = DEFAULT_REPLY_AFTER if args.reply_after is None else args.reply_after
    found = reminders(chosen, as_of, reply_after=reply_after, next_meeting=args.next_meeting)
    data = calendar_ics(
        found, chosen, dataset_key=args.dataset, lang=lang, version=info.number,
        dataset_label=shipped.dataset_label(args.dataset, lang), plans=plans,
        now=dt.datetime.now(settings.time_zone), modified=info.created_at,
    )  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(t("cli.calendar.written", lang, path=str(args.out), count=found.count))
    return EXIT_OK
