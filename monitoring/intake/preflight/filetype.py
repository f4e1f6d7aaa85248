"""The real type of an upload, from its magic bytes (never its name), and its size."""

from __future__ import annotations

from monitoring.config.settings import Limits
from monitoring.intake.preflight.common import Rejected
from monitoring.intake.problems import Issue
from monitoring.text.i18n import FileSize

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 stream names are UTF-16LE; an Office-encrypted .xlsx keeps its package in this one.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# Magic bytes of files people upload by mistake → the name shown to the user.
FOREIGN_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows (.exe)"),
)
# Text starts that are markup, not CSV (lower-cased, after a BOM and blanks).
MARKUP_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"<!doctype html", "HTML"),
    (b"<html", "HTML"),
    (b"<?xml", "XML"),
    (b"<svg", "SVG"),
)


def sniff(data: bytes) -> str:
    """Return the real type of an upload from its first bytes.

    Returns:
        "zip", "xls", "encrypted", "text", or the display name of a foreign type
        ("PDF", "PNG", "HTML", …).
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(OLE2):
        # Office encryption wraps the real .xlsx in an OLE2 file; only the stream name
        # tells it from a legacy .xls. Directory entries sit anywhere, so search it all.
        return "encrypted" if ENCRYPTED_PACKAGE in data else "xls"
    for magic, name in FOREIGN_TYPES:
        if data.startswith(magic):
            return name
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for start, name in MARKUP_TYPES:
        if head.startswith(start):
            return name
    return "text"


def check_size(data: bytes, limits: Limits, file: str) -> None:
    """Refuse an empty file or one over the size limit (exactly at the limit is fine)."""
    issue = size_issue(len(data), limits, file)
    if issue is not None:
        raise Rejected(issue)


def size_issue(size: int, limits: Limits, file: str) -> Issue | None:
    """The refusal of a file of `size` bytes (empty, or over the limit), None when fine.

    The command line asks it with the size on disk, before reading the file.
    """
    if not size:
        return Issue("format-error", "empty_file", file=file)
    if size > limits.max_file_bytes:
        params = {"size": FileSize(size), "limit": FileSize(limits.max_file_bytes)}
        return Issue("size-limit", "file_too_big", file=file, params=params)
    return None
