"""Settings the app cannot read, files over the size limit, and a store nothing can write.

- every invalid setting stops the app and the command line with one line naming the
  variable and what it accepts (French and English);
- every command that reads a file checks `PLAN_MONITORING_MAX_FILE_MB` before reading it;
- a full disk (simulated for the command's process with `RLIMIT_FSIZE`: every write that
  would grow a file fails, as on a full disk, with no root needed) leaves `history`,
  `check` and `summary` working, said in one line, without a logging traceback;
- the store's file, its folder and the log are readable by their owner only.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from monitoring.cli import LOG_FILE_NAME, main
from monitoring.config.settings import SQLITE_FILE_NAME, SettingError, Settings

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(folder))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    return folder


# --- Settings -----------------------------------------------------------------------------

INVALID = [
    ("PLAN_MONITORING_MAX_FILE_MB", "abc", "megabytes"),
    ("PLAN_MONITORING_MAX_FILE_MB", "0", "megabytes"),
    ("PLAN_MONITORING_MAX_FILE_MB", "-5", "megabytes"),
    ("PLAN_MONITORING_MAX_FILE_MB", "nan", "megabytes"),
    ("PLAN_MONITORING_MAX_FILE_MB", "2.5", "megabytes"),
    ("PLAN_MONITORING_MAX_FILE_MB", "999999", "megabytes"),
    ("PLAN_MONITORING_SESSION_HOURS", "nan", "hours"),
    ("PLAN_MONITORING_SESSION_HOURS", "inf", "hours"),
    ("PLAN_MONITORING_SESSION_HOURS", "0", "hours"),
    ("PLAN_MONITORING_SESSION_HOURS", "-5", "hours"),
    ("PLAN_MONITORING_SESSION_HOURS", "douze", "hours"),
    ("PLAN_MONITORING_MODE", "shraed", "one of: local, shared"),
    ("PLAN_MONITORING_UNKNOWN_USERS", "admin", "one of: refuse, viewer"),
    ("PLAN_MONITORING_ALLOW_NETWORK_FS", "maybe", "1, true, yes, on"),
    ("PLAN_MONITORING_ADMINS", "bob", "e-mail addresses"),
    ("PLAN_MONITORING_TRUST_EMAIL_FROM", "login.microsoftonline.com", "https://"),
]


@pytest.mark.parametrize(("name", "value", "expected"), INVALID)
def test_every_invalid_setting_is_refused_naming_the_variable_and_what_is_accepted(
    name: str, value: str, expected: str
) -> None:
    with pytest.raises(SettingError) as raised:
        Settings.from_env({name: value})
    english = raised.value.message("en")
    assert name in english and repr(value) in english and expected in english
    assert "\n" not in english
    french = raised.value.message("fr")
    assert name in french and "Réglage invalide" in french and "attendu" in french


def test_valid_settings_are_read_as_given() -> None:
    settings = Settings.from_env(
        {
            "PLAN_MONITORING_MAX_FILE_MB": " 12 ",
            "PLAN_MONITORING_SESSION_HOURS": "0.5",
            "PLAN_MONITORING_ALLOW_NETWORK_FS": "off",
            "PLAN_MONITORING_ADMINS": "Carol@X.org, dan@y.org",
            "PLAN_MONITORING_TRUST_EMAIL_FROM": "https://login.microsoftonline.com/T/v2.0",
        }
    )
    assert settings.limits.max_file_bytes == 12 * 1024 * 1024
    assert settings.session_hours == 0.5 and not settings.allow_network_fs
    assert settings.admins == {"carol@x.org", "dan@y.org"}
    assert settings.trust_email_from == {"https://login.microsoftonline.com/T/v2.0"}


@pytest.mark.parametrize("command", ["validate", "history", "check", "users"])
def test_the_command_line_stops_on_an_invalid_setting_with_one_line_and_exit_2(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAN_MONITORING_SESSION_HOURS", "nan")
    argv = [command, "list"] if command == "users" else [command]
    assert main([*argv, "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "Invalid setting PLAN_MONITORING_SESSION_HOURS='nan': expected a number of hours "
        "above 0 (for example 12 or 0.5).\n"
    )


# --- Size limit before reading ------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["summary"],
        ["report", "--out", "OUT"],
        ["import"],
    ],
)
def test_every_command_reading_a_file_refuses_one_over_the_limit_before_reading_it(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    big = tmp_path / "suivi.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (1024 * 1024))  # 1 MiB + 4 bytes
    monkeypatch.setenv("PLAN_MONITORING_MAX_FILE_MB", "1")
    read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        assert path != big, "the file over the limit was read"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    argv = [a if a != "OUT" else str(tmp_path / "out") for a in argv]
    code = main([argv[0], str(big), *argv[1:], "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "size-limit" in out + err and "over the limit of 1 MB" in out + err
    assert "Unexpected" not in out + err


@pytest.mark.subprocess
def test_a_file_within_the_limit_is_still_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAN_MONITORING_MAX_FILE_MB", "1")
    assert DEMO.stat().st_size < 1024 * 1024
    assert main(["validate", str(DEMO)]) == 0, capsys.readouterr()


# --- A full disk ----------------------------------------------------------------------------


def _no_room() -> None:
    """In the child: every write that would grow a file fails (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _cli_on_full_disk(state: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLAN_MONITORING_STATE_DIR": str(state), "PYTHONPATH": str(ROOT)}
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "monitoring.cli", *argv, "--lang", "en"],
        env=env,
        preexec_fn=_no_room,  # the child only sets a limit and a signal
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


NOTICE = (
    "Read-only: the store cannot be written (disk full or read-only file); reading works, "
    "nothing can be saved.\n"
)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["history"], 'Dataset "france": 1 version'),
        (["check"], "Database sound: 2 dataset(s), 2 version(s) read back"),
        (["summary", "--dataset", "demo"], "as of"),
    ],
)
def test_reading_commands_work_on_a_full_disk_and_say_so_in_one_line(
    argv: list[str], expected: str, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == 0  # the store exists, seeded, its log closed cleanly
    capsys.readouterr()
    done = _cli_on_full_disk(state, *argv)
    assert done.returncode == 0, done.stderr
    assert done.stderr == NOTICE  # one line; no "--- Logging error ---", no traceback
    assert expected in done.stdout


@pytest.mark.subprocess
def test_saving_on_a_full_disk_fails_plainly_and_changes_nothing(
    state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == 0
    capsys.readouterr()
    done = _cli_on_full_disk(state, "users", "set", "ann@x.org", "viewer")
    assert done.returncode == 4
    assert done.stderr.splitlines() == [
        NOTICE.strip(),
        "Could not save: nothing was changed. Try again; if it persists, tell whoever runs "
        "the app.",
    ]
    assert main(["users", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


# --- Files readable by their owner only -----------------------------------------------------


@pytest.mark.subprocess
def test_the_store_its_folder_and_the_log_are_created_for_their_owner_only(
    state: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As outside pytest (whose capture handlers would collect the records instead), the
    # command writes its own log file.
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    assert main(["history"]) == 0
    modes = {
        path.name: stat.S_IMODE(path.stat().st_mode)
        for path in (state, state / SQLITE_FILE_NAME, state / LOG_FILE_NAME)
    }
    assert modes == {state.name: 0o700, SQLITE_FILE_NAME: 0o600, LOG_FILE_NAME: 0o600}


def test_a_backup_is_written_for_its_owner_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.sqlite"
    assert main(["backup", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
