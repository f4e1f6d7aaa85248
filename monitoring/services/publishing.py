"""Publishing a version: its static site and its open data package, in one folder or ZIP.

The command line (`plan-monitoring publish`) and the Report page (for editors) both call
`publish_folder`; `stored_release` says what a stored version publishes (its original
workbook when it was uploaded whole, else its data written as a workbook).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from monitoring.analysis.public_scope import Withheld, public_dataset
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset
from monitoring.contract.publication import Scope
from monitoring.contract.schema import LANGS
from monitoring.present.datapackage import Release, write_package
from monitoring.present.site import write_site
from monitoring.present.workbook import write_workbook
from monitoring.storage import Store, VersionInfo

DATA_FOLDER = "data"  # the data package, inside the published folder
# The files of a stored version that are its whole workbook, byte for byte (a partial
# update holds only new rows; a restore is published from its data).
_WHOLE_WORKBOOK_KINDS = ("upload", "seed")


@dataclass(frozen=True)
class Published:
    """What `publish_folder` wrote: the site's files and the package's."""

    site: Sequence[Path]
    package: Sequence[Path]
    withheld: Withheld


def stored_release(store: Store, key: str, info: VersionInfo) -> tuple[Dataset, Release, bytes]:
    """A stored version's dataset, what its package says of it, and its workbook's bytes."""
    dataset = store.read_dataset(key, info.number)
    files = store.read_files(key, info.number)
    whole = (
        info.kind in _WHOLE_WORKBOOK_KINDS
        and len(files) == 1
        and files[0].name.lower().endswith(".xlsx")
    )
    if whole:
        name, workbook = Path(files[0].name).name, files[0].data
    else:  # CSV files, a partial update or a restore: the version's data as a workbook
        name, workbook = f"{key}-v{info.number}.xlsx", write_workbook(dataset, "fr")
    release = Release(
        name=key,
        title=shipped.dataset_label(key, "fr"),
        version=info.number,
        content_hash=info.content_hash,
        created=info.created_at,
        workbook_name=name,
    )
    return dataset, release, workbook


def previous_version(store: Store, key: str, info: VersionInfo) -> tuple[int, Dataset] | None:
    """The version stored before `info` (its number and dataset), for the site's page of
    what changed; None for a first version."""
    earlier = [v for v in store.versions(key) if v.number < info.number]
    if not earlier:
        return None
    number = max(v.number for v in earlier)
    return number, store.read_dataset(key, number)


def publish_folder(
    out: Path,
    dataset: Dataset,
    release: Release,
    workbook: bytes,
    *,
    key: str,
    as_of: dt.date,
    previous: tuple[int, Dataset] | None = None,
    scope: Scope | None = None,
) -> Published:
    """Write the site of `dataset` into `out` and its data package into `out/data/`;
    `previous` (a number and its dataset) for the page of what changed since.

    Only what `scope` makes public is written (`monitoring.analysis.public_scope`; by
    default every voice and sheet, without the columns added beyond the contract and with
    e-mail addresses masked). When it leaves something out, the package states the public
    part's content hash and holds it as a workbook instead of the original file, the
    earlier version is narrowed the same way, and every page names what was left out.
    """
    scope = scope or Scope()
    public, withheld = public_dataset(dataset, scope)
    if withheld:
        number = f"-v{release.version}" if release.version is not None else ""
        release = replace(
            release,
            content_hash=public.content_hash(),
            workbook_name=f"{release.name}{number}-public.xlsx",
        )
        workbook = write_workbook(public, "fr")
        if previous is not None:
            previous = (previous[0], public_dataset(previous[1], scope)[0])
    package = write_package(out / DATA_FOLDER, public, release, workbook, withheld=withheld)
    site = write_site(
        public,
        dataset_label={code: shipped.dataset_label(key, code) for code in LANGS},
        dataset_key=key,
        version=release.version,
        content_hash=release.content_hash,
        as_of=as_of,
        out_dir=out,
        previous=previous,
        withheld=withheld,
    )
    return Published(site, package, withheld)


def publish_zip(
    dataset: Dataset,
    release: Release,
    workbook: bytes,
    *,
    key: str,
    as_of: dt.date,
    previous: tuple[int, Dataset] | None = None,
    scope: Scope | None = None,
) -> bytes:
    """`publish_folder` into a ZIP, its files under one folder named after the release."""
    root = f"{release.name}-v{release.version}" if release.version else release.name
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / root
        publish_folder(
            folder, dataset, release, workbook,
            key=key, as_of=as_of, previous=previous, scope=scope,
        )  # fmt: skip
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, path.relative_to(tmp).as_posix())
    return buffer.getvalue()
