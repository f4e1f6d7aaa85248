"""`redact` on the forms a secret takes in a log: passwords with `/` in URLs, dict and
JSON forms, Authorization headers, bearer tokens and JSON Web Tokens."""

from __future__ import annotations

import json
import logging

import pytest

from monitoring.config.hardening import log_failure, redact

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl-_x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A password holding "/" (and "@", ":"): hidden whole, the host and path kept.
        ("postgresql://app:pa/ss@db/plan", "postgresql://app:***@db/plan"),
        ("postgresql://app:a/b:c@d@db.example.org:5432/plan x",
         "postgresql://app:***@db.example.org:5432/plan x"),
        ("url='postgres://u:s/3cr3t@h/db'", "url='postgres://u:***@h/db'"),
        # Dict, JSON and keyword forms; the quoted value whole, spaces and quotes included.
        ('{"password": "my secret pass", "user": "app"}',
         '{"password": "***", "user": "app"}'),
        ("{'password': 'hunter 2', 'host': 'db'}", "{'password': '***', 'host': 'db'}"),
        ('{"db_password":"a\\"b c"}', '{"db_password":"***"}'),
        ("connect(password='x y', host='db')", "connect(password='***', host='db')"),
        ('{"client_secret": "s3", "api_key": "k-1", "access_token": "t"}',
         '{"client_secret": "***", "api_key": "***", "access_token": "***"}'),
        # Authorization headers and bearer tokens wherever they are.
        ("Authorization: Bearer abc.DEF-123_x~+/==", "Authorization: Bearer ***"),
        ("headers={'Authorization': 'Basic dXNlcjpwYXNz'}",
         "headers={'Authorization': 'Basic ***'}"),
        ("sent bearer tok3n/with+chars= then", "sent bearer *** then"),
        (f"id_token {JWT} refused", "id_token *** refused"),
    ],
)  # fmt: skip
def test_redact_hides_secrets_in_every_form(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert redact(redact(text)) == expected


def test_a_json_document_stays_json_with_its_secrets_hidden() -> None:
    document = {"password": 'p/a ss"word', "token": JWT, "user": "app", "n": 1}
    shown = json.loads(redact(json.dumps(document)))
    assert shown == {"password": "***", "token": "***", "user": "app", "n": 1}


@pytest.mark.parametrize(
    "text",
    [
        "https://suivi.example.org:8443/oauth2callback?x=a@b",
        "https://suivi.example.org/a/b#x@y",
        "a basic check of the Bearer scheme",  # no token after the word
        "The password field is required.",
        '{"user": "app", "host": "db"}',
    ],
)
def test_redact_leaves_text_without_a_secret_alone(text: str) -> None:
    assert redact(text) == text


def test_a_logged_failure_hides_a_password_with_a_slash_and_a_bearer_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise RuntimeError(
            "connect postgresql://app:pa/ss@db/plan failed; Authorization: Bearer s3cr3t"
        )
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR):
            log_failure(error, logging.getLogger("test.redact"))
    assert "pa/ss" not in caplog.text and "s3cr3t" not in caplog.text
    assert "postgresql://app:***@db/plan" in caplog.text and "Bearer ***" in caplog.text
