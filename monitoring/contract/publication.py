"""What a publication may make public: the voices, and the sheets that can be withheld.

Declared here, below the settings and the command line that read a deployment's choice
(`PLAN_MONITORING_PUBLIC_VOICES`, `PLAN_MONITORING_PUBLIC_SHEETS`, the options of
`plan-monitoring publish`), and applied by `monitoring.analysis.public_scope`, whose
docstring says what a publication leaves out by default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from monitoring.contract.schema import SHEETS_BY_ID, VOICES, normalise_label

# Sheets a scope may withhold, each with the sheets that cannot be published without it
# (a retention row names a recommendation).
WITHHOLDABLE: Mapping[str, tuple[str, ...]] = {
    "recommendations": ("retention",),
    "retention": (),
    "events": (),
    "published_verdicts": (),
}
VOICE_CODES: tuple[str, ...] = tuple(v.code for v in VOICES)


class ScopeError(ValueError):
    """A voice or sheet the scope cannot name; `value` is what was given."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(f"{kind}: {value!r}")
        self.kind, self.value = kind, value


@dataclass(frozen=True)
class Scope:
    """What a publication makes public (applied by `monitoring.analysis.public_scope`).

    Attributes:
        voices: the public voices' codes (at least one).
        sheets: the withholdable sheets that are public.
        extra_columns: whether the columns added beyond the contract are published.
        emails: whether e-mail addresses are published as written (else masked).
    """

    voices: frozenset[str] = field(default_factory=lambda: frozenset(VOICE_CODES))
    sheets: frozenset[str] = field(default_factory=lambda: frozenset(WITHHOLDABLE))
    extra_columns: bool = False
    emails: bool = False

    def withheld_sheets(self) -> tuple[str, ...]:
        """The sheets published empty: those not public, and those that need one of them."""
        out = {s for s in WITHHOLDABLE if s not in self.sheets}
        for sheet in list(out):
            out.update(WITHHOLDABLE[sheet])
        return tuple(s for s in WITHHOLDABLE if s in out)


def parse_voices(values: Iterable[str]) -> frozenset[str]:
    """Voice codes from codes or French or English labels (`société civile`, `Government`);
    `all` (or `toutes`) names them all. Raises ScopeError on a name no voice answers to,
    or when none is named."""

    def find(key: str) -> str | None:
        return next((v.code for v in VOICES if key in v.match_keys()), None)

    codes = _parsed(values, "voice", VOICE_CODES, find)
    if not codes:
        raise ScopeError("voice", "")
    return codes


def parse_sheets(values: Iterable[str]) -> frozenset[str]:
    """Withholdable sheet ids from ids or sheet names in French or English
    (`Chronologie`, `events`); `all` names them all, `none` none."""

    def find(key: str) -> str | None:
        if key in ("none", "aucune", "aucun"):
            return ""
        names = (s for s in WITHHOLDABLE if key == s or key in SHEETS_BY_ID[s].name_keys())
        return next(names, None)

    return _parsed(values, "sheet", tuple(WITHHOLDABLE), find) - {""}


def _parsed(
    values: Iterable[str], kind: str, every: Iterable[str], find: Callable[[str], str | None]
) -> frozenset[str]:
    """What each value names (`find` of its normalised form; `all` names `every`)."""
    found: set[str] = set()
    for value in values:
        key = normalise_label(value)
        if key in ("all", "toutes", "tous"):
            found.update(every)
            continue
        named = find(key)
        if named is None:
            raise ScopeError(kind, value)
        found.add(named)
    return frozenset(found)
