"""Who a signed-in account is (`access.sign_in_decision`): the account key is the issuer and
subject; an e-mail address is trusted only when verified (or from an issuer the operator
trusts for e-mail); an address bound to one account cannot be borrowed by another."""

from __future__ import annotations

import pytest

from monitoring.config.settings import Settings
from monitoring.storage.access import (
    AuditEvent,
    Identity,
    Role,
    SignIn,
    audit_detail,
    audit_table,
    sign_in_decision,
)

ISS = "https://id.example.org"
ENTRA = "https://login.microsoftonline.com/tenant-id/v2.0"
ROLES: dict[str, Role] = {"ann@x.org": "editor"}
SETTINGS = Settings(mode="shared", admins=frozenset({"root@x.org"}))


def claims(**given: object) -> dict[str, object]:
    return {"iss": ISS, "sub": "s-1", "email": "ann@x.org", "email_verified": True,
            "name": "Ann", **given}  # fmt: skip


def decide(
    claims: dict[str, object],
    settings: Settings = SETTINGS,
    *,
    bound: str | None = None,
    owner: tuple[str, str] | None = None,
) -> SignIn:
    who = Identity.from_claims(claims)
    return sign_in_decision(who, settings, bound=bound, owner=owner, stored_role=ROLES.get)


def test_a_verified_address_with_a_role_signs_in_and_binds_its_account() -> None:
    assert decide(claims()) == SignIn("ann@x.org", "editor", bind=True)


@pytest.mark.parametrize(
    ("given", "refusal"),
    [
        ({"email_verified": None}, "email-unconfirmed"),  # the claim is missing
        ({"email_verified": False}, "email-unverified"),
        ({"email_verified": "false"}, "email-unverified"),  # a provider writing it as text
        ({"email_verified": "yes"}, "email-unconfirmed"),  # neither: counts as missing
        ({"email": ""}, "no-email"),
        ({"sub": ""}, "no-account"),
        ({"iss": None}, "no-account"),
    ],
)
def test_an_address_that_is_not_verified_is_never_trusted(
    given: dict[str, object], refusal: str
) -> None:
    decision = decide({k: v for k, v in claims(**given).items() if v is not None})
    assert decision.role is None and decision.refusal == refusal and not decision.bind


def test_a_missing_email_verified_cannot_borrow_the_permanent_admin() -> None:
    stolen = claims(email="Root@X.org", sub="attacker")
    del stolen["email_verified"]
    assert decide(stolen) == SignIn("root@x.org", None, "email-unconfirmed")
    assert decide(claims(email="root@x.org", sub="root")) == SignIn(
        "root@x.org", "admin", bind=True
    )


def test_an_issuer_trusted_for_e_mail_needs_no_claim_but_a_false_one_still_refuses() -> None:
    trusting = Settings(mode="shared", trust_email_from=frozenset({ENTRA}))
    without = {k: v for k, v in claims(iss=ENTRA).items() if k != "email_verified"}
    assert decide(without, trusting) == SignIn("ann@x.org", "editor", bind=True)
    assert decide(claims(iss=ENTRA, email_verified=False), trusting).refusal == "email-unverified"
    # Another issuer is not trusted because one is.
    assert decide(without | {"iss": ISS}, trusting).refusal == "email-unconfirmed"


def test_a_bound_account_keeps_its_address_whatever_its_e_mail_claim_says() -> None:
    # The account bound to ann@x.org now claims the permanent admin's address.
    decision = decide(claims(email="root@x.org", email_verified=None), bound="ann@x.org")
    assert decision == SignIn("ann@x.org", "editor", bind=False)


def test_an_address_bound_to_another_account_is_refused() -> None:
    decision = decide(claims(sub="s-2"), owner=(ISS, "s-1"))
    assert decision == SignIn("ann@x.org", None, "email-taken")
    # The same account at another issuer is another account.
    assert decide(claims(iss="https://other.example"), owner=(ISS, "s-1")).refusal == (
        "email-taken"
    )
    assert decide(claims(), owner=(ISS, "s-1")) == SignIn("ann@x.org", "editor", bind=True)


def test_a_verified_address_without_a_role_is_refused_unless_unknown_users_may_read() -> None:
    assert decide(claims(email="dan@x.org")).refusal == "unknown-user"
    open_instance = Settings(mode="shared", unknown_users="viewer")
    assert decide(claims(email="dan@x.org"), open_instance).role == "viewer"


def test_a_refusal_names_its_reason_and_account_in_the_trail_in_each_language() -> None:
    who = Identity.from_claims(claims(email_verified=False))
    event = AuditEvent("refused", "ann@x.org", "—", detail=who.refusal_detail("email-unverified"))
    assert event.detail == f"email-unverified · iss={ISS} · sub=s-1"
    assert audit_detail(event, "fr") == (
        f"adresse e-mail non vérifiée (email_verified faux) · iss={ISS} · sub=s-1"
    )
    assert audit_detail(event, "en").startswith("e-mail address not verified")
    table = audit_table([event], "en")
    assert table["Detail"].tolist() == [audit_detail(event, "en")]
    other = AuditEvent("upload", "ann@x.org", "editor", detail="email-unverified · x")
    assert audit_detail(other, "fr") == other.detail  # only refusals are put in words
