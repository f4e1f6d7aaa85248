"""The status scale's record form is derived from its declaration (`schema.StatusLabel`
and the status-scale sheet): storage, the content hash, the exported workbook, reading a
workbook back and the comparison of versions all follow a field added to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pytest

from monitoring.analysis.changes import compare
from monitoring.contract import dataset as dataset_module
from monitoring.contract import schema
from monitoring.contract.dataset import (
    Dataset,
    StatusScale,
    label_from_record,
    label_hash_input,
    label_record,
    scale_fields,
    scale_frame,
)
from monitoring.contract.schema import DEFAULT_SCALE, STATUS_SCALE, Column, StatusLabel
from monitoring.intake.loading import load_bytes, load_shipped
from monitoring.intake.validation import engine as validation_engine
from monitoring.present import workbook
from monitoring.present.workbook import write_workbook
from monitoring.storage.rows import decode_scale, encode_scale
from tests.unit.test_workbook import calamine_rows


@dataclass(frozen=True)
class WithIcon(StatusLabel):
    """The declaration as it would read with one more workbook field."""

    icon: str | None = None


ICON = Column("icon", "Icône", "Icon", "text", "Un symbole.", "A symbol.")


@pytest.fixture
def icon_declared(monkeypatch: pytest.MonkeyPatch) -> schema.Sheet:
    """The status-scale sheet with an `icon` column, everywhere the sheet is read."""
    sheet = dataclasses.replace(STATUS_SCALE, columns=(*STATUS_SCALE.columns, ICON))
    sheets = tuple(sheet if s is STATUS_SCALE else s for s in schema.SHEETS)
    monkeypatch.setattr(dataset_module, "STATUS_SCALE", sheet)
    monkeypatch.setattr(workbook, "STATUS_SCALE", sheet)
    monkeypatch.setattr(workbook, "SHEETS", sheets)
    monkeypatch.setitem(schema.SHEETS_BY_ID, "status_scale", sheet)
    monkeypatch.setattr(validation_engine, "StatusLabel", WithIcon)
    return sheet


def with_scale(ds: Dataset, labels: tuple[StatusLabel, ...]) -> Dataset:
    return Dataset(ds.tables, StatusScale(labels, custom=True), ds.extras, ds.name)


def iconic(labels: tuple[StatusLabel, ...], icon: str | None) -> tuple[WithIcon, ...]:
    return tuple(WithIcon(**label_record(s) | {"aliases": s.aliases, "icon": icon}) for s in labels)


def test_every_column_of_the_status_scale_sheet_is_a_field_of_a_label() -> None:
    fields = {f.name for f in dataclasses.fields(StatusLabel)}
    assert [c.id for c in STATUS_SCALE.columns if c.id not in fields] == []
    assert scale_fields() == STATUS_SCALE.column_ids


def test_a_label_survives_its_record_and_storage_with_every_field() -> None:
    own = StatusLabel("Faite", "done", 3, "#009E73", en="Made", aliases=("fait", "ok"))
    scale = StatusScale((*DEFAULT_SCALE, own), custom=True)

    assert label_from_record(label_record(own)) == own
    assert label_record(own)["aliases"] == ["fait", "ok"]
    assert decode_scale(encode_scale(scale)) == scale


def test_a_record_written_before_a_field_existed_reads_back_with_its_default() -> None:
    stored = label_record(DEFAULT_SCALE[0])

    assert label_from_record(stored, WithIcon) == WithIcon(
        **stored | {"aliases": DEFAULT_SCALE[0].aliases}
    )
    assert label_from_record(stored, WithIcon).icon is None  # type: ignore[attr-defined]


def test_the_hash_reads_the_workbook_fields_only() -> None:
    label = StatusLabel("Faite", "done", 3, "#009E73", en="Made", aliases=("fait",))

    assert label_hash_input(label) == ("Faite", "done", 3, "#009E73")
    assert label_hash_input(dataclasses.replace(label, en="Done", aliases=())) == (
        label_hash_input(label)
    )


def test_a_field_added_to_the_scale_is_stored_hashed_and_compared(icon_declared: object) -> None:
    demo = load_shipped("demo")
    plain = with_scale(demo, DEFAULT_SCALE)
    unset = with_scale(demo, iconic(DEFAULT_SCALE, None))
    star = with_scale(demo, iconic(DEFAULT_SCALE, "★"))

    assert scale_fields(WithIcon)[-1] == "icon"
    assert label_record(star.scale.labels[0])["icon"] == "★"
    assert decode_scale(encode_scale(star.scale), WithIcon) == star.scale
    # Left at its default, the new field keeps the hash of versions stored before it.
    assert unset.content_hash() == plain.content_hash()
    assert star.content_hash() != unset.content_hash()
    assert scale_frame(star.scale.labels)["icon"].tolist() == ["★"] * len(DEFAULT_SCALE)
    changed = compare(unset, star, dt.date(2026, 1, 1)).cells
    assert set(changed["sheet"]) == {"status_scale"} and set(changed["field"]) == {"icon"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_field_added_to_the_scale_is_exported_and_read_back_from_the_workbook(
    icon_declared: object, lang: str
) -> None:
    star = with_scale(load_shipped("demo"), iconic(DEFAULT_SCALE, "★"))

    data = write_workbook(star, lang)  # type: ignore[arg-type]

    rows = calamine_rows(data)[STATUS_SCALE.name(lang)]  # type: ignore[arg-type]
    assert rows[0][-1] == ICON.header(lang)  # type: ignore[arg-type]
    assert [r[-1] for r in rows[1:]] == ["★"] * len(DEFAULT_SCALE)
    back = load_bytes("demo.xlsx", data).dataset
    assert back is not None
    assert [s.icon for s in back.scale.labels] == ["★"] * len(DEFAULT_SCALE)  # type: ignore[attr-defined]
    assert back.content_hash() == star.content_hash()
