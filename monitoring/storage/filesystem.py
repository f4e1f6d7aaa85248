"""Whether a SQLite file sits on a network filesystem, where it must not be used.

SQLite's locks (and WAL's shared memory) are not reliable on a network filesystem:
`SqlStore` refuses a SQLite file on one (`check_local_filesystem`, reading
`/proc/mounts`) unless told to accept it, which is unsupported.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath

from monitoring.storage import NetworkFilesystem
from monitoring.storage.engine import sqlite_path

log = logging.getLogger(__name__)

MOUNTS_FILE = Path("/proc/mounts")
# Filesystem types (as `/proc/mounts` names them) where SQLite's POSIX locks and WAL's
# shared-memory index cannot be trusted: two hosts (or a host and a sync client) could
# both believe they hold the write lock and corrupt the file.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda",
        "9p", "ceph", "fuse.ceph", "fuse.cephfs", "glusterfs", "fuse.glusterfs", "lustre",
        "gpfs", "beegfs", "ocfs2", "gfs2", "davfs", "fuse.davfs2", "fuse.sshfs",
        "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.juicefs", "fuse.goofys",
        "fuse.mountpoint-s3", "fuse.blobfuse", "fuse.blobfuse2", "vboxsf", "prl_fs",
    }
)  # fmt: skip


def _unescape_mount_field(text: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as octal (\040).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def parse_mounts(text: str) -> list[tuple[PurePosixPath, str]]:
    """Read `/proc/mounts` text (`device mountpoint fstype options dump pass` per line).

    Args:
        text: the file's content.

    Returns:
        (mount point, filesystem type) in the file's order; malformed lines are skipped.
    """
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((PurePosixPath(_unescape_mount_field(fields[1])), fields[2]))
    return mounts


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """Return the type of the filesystem holding `path`: the longest mount point above it.

    Args:
        path: a file or folder; it need not exist yet (its symlinks are resolved as far
            as they exist).
        mounts_text: the content of `/proc/mounts` (read when omitted; tests pass one).

    Returns:
        The type (`ext4`, `nfs4`, …), or None when it cannot be known (no `/proc/mounts`,
        as on macOS): the check then lets the store open.
    """
    if mounts_text is None:
        try:
            mounts_text = MOUNTS_FILE.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    try:
        target = PurePosixPath(Path(path).resolve())
    except OSError:  # a symlink loop: judge by the path as written
        target = PurePosixPath(Path(path).absolute())
    found: str | None = None
    depth = -1
    for point, fstype in parse_mounts(mounts_text):
        # `>=`: a later mount over the same point hides the earlier one.
        if (point == target or point in target.parents) and len(point.parts) >= depth:
            found, depth = fstype, len(point.parts)
    return found


def is_network_filesystem(fstype: str | None) -> bool:
    """Whether a filesystem type is one where SQLite must not be used (`NETWORK_FILESYSTEMS`)."""
    return fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs"))


def check_local_filesystem(
    url: str, *, allow_network_fs: bool = False, mounts_text: str | None = None
) -> str | None:
    """Refuse a SQLite file whose folder is on a network filesystem.

    Args:
        url: the store's URL (only a SQLite file is checked).
        allow_network_fs: accept it anyway, with a warning in the log (unsupported).
        mounts_text: the content of `/proc/mounts` (read when omitted).

    Returns:
        The filesystem type of the folder (None when not known or not SQLite). Raises
        `NetworkFilesystem` when it is a network one and that is not allowed.
    """
    path = sqlite_path(url)
    if path is None:
        return None
    folder = path.parent
    fstype = filesystem_type(folder, mounts_text)
    if not is_network_filesystem(fstype):
        return fstype
    if allow_network_fs:
        log.warning(
            "SQLite file %s is on a %s network filesystem (allowed by "
            "PLAN_MONITORING_ALLOW_NETWORK_FS; unsupported: it may be corrupted)",
            path,
            fstype,
        )
        return fstype
    raise NetworkFilesystem(
        f"{folder} is on a {fstype} network filesystem", path=str(folder), fstype=fstype
    )


# --- Migrations ---------------------------------------------------------------------------
