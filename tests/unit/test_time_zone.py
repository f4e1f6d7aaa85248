"""Stored times are UTC; people read them in the coordinators' time zone
(`PLAN_MONITORING_TIME_ZONE`, Europe/Paris by default), summer and winter alike."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from monitoring.config.settings import SettingError, Settings
from monitoring.text.i18n import format_moment, zone_name

SUMMER = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)  # Paris is UTC+2: the next day
WINTER = dt.datetime(2026, 1, 15, 8, 5, tzinfo=dt.UTC)  # Paris is UTC+1


def test_the_time_zone_is_paris_unless_set() -> None:
    assert zone_name(Settings.from_env({}).time_zone) == "Europe/Paris"
    chosen = Settings.from_env({"PLAN_MONITORING_TIME_ZONE": " America/Montreal "})
    assert zone_name(chosen.time_zone) == "America/Montreal"


@pytest.mark.parametrize("bad", ["Mars/Olympus", "Europe/Pariss", "../../etc/passwd", "+02:00"])
def test_a_time_zone_the_database_does_not_know_stops_the_app_naming_the_setting(bad: str) -> None:
    with pytest.raises(SettingError) as raised:
        Settings.from_env({"PLAN_MONITORING_TIME_ZONE": bad})
    message = raised.value.message("fr")
    assert "PLAN_MONITORING_TIME_ZONE" in message and "Europe/Paris" in message


def test_a_stored_time_reads_in_paris_summer_and_winter() -> None:
    paris = ZoneInfo("Europe/Paris")
    assert format_moment(SUMMER, "fr", paris) == "02/07/2026 00:30"
    assert format_moment(SUMMER, "en", paris) == "2026-07-02 00:30"
    assert format_moment(WINTER, "fr", paris) == "15/01/2026 09:05"
    assert format_moment(WINTER, "fr", paris, long=True) == "15 janvier 2026 09:05"


def test_a_naive_time_is_read_as_utc_and_nothing_is_a_dash() -> None:
    naive = SUMMER.replace(tzinfo=None)
    assert format_moment(naive, "fr", ZoneInfo("Asia/Tokyo")) == "02/07/2026 07:30"
    assert format_moment(naive, "fr") == "01/07/2026 22:30"  # no zone given: UTC
    assert format_moment(None, "fr") == "—"
