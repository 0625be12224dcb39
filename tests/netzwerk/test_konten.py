"""Accounts: signup with verification, login rate limit, admin login via allauth, MFA, deletion."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from netzwerk.models import User
from tests.factories import PASSWORT, KoordinationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_registrierung_verlangt_bestaetigung(client, mailoutbox):
    antwort = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "anzeigename": "Neue Person",
            "password1": PASSWORT,
            "password2": PASSWORT,
        },
        follow=True,
    )
    user = User.objects.get(email="neu@example.org")
    assert user.anzeigename == "Neue Person"
    assert not EmailAddress.objects.get(user=user).verified
    assert "E-Mail" in antwort.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["neu@example.org"]
    link = re.search(r"http://testserver(/konto/confirm-email/\S+)", mailoutbox[0].body).group(1)

    # Before confirming, the login does not get in.
    client.logout()
    antwort = client.post(
        reverse("account_login"), {"login": "neu@example.org", "password": PASSWORT}
    )
    assert "_auth_user_id" not in client.session

    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


def test_registrierung_mit_fehlern_behaelt_eingaben(client):
    antwort = client.post(
        reverse("account_signup"),
        {"email": "kaputt", "anzeigename": "Lena", "password1": "a", "password2": "b"},
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200
    assert 'value="Lena"' in html and 'value="kaputt"' in html
    assert "Gib eine gültige E-Mail-Adresse ein" in html or "gültige E-Mail" in html
    assert not User.objects.exists()


def test_keine_aufzaehlung_beim_passwort_vergessen(client, mailoutbox):
    UserFactory(email="gibt-es@example.org")
    bekannt = client.post(reverse("account_reset_password"), {"email": "gibt-es@example.org"})
    unbekannt = client.post(reverse("account_reset_password"), {"email": "nie@example.org"})
    assert bekannt.status_code == unbekannt.status_code == 302
    assert bekannt["Location"] == unbekannt["Location"]
    assert sorted(m.to[0] for m in mailoutbox) == ["gibt-es@example.org", "nie@example.org"]


def test_sechster_fehlversuch_wird_abgewiesen(client):
    UserFactory(email="ziel@example.org")
    for _ in range(5):
        antwort = client.post(
            reverse("account_login"), {"login": "ziel@example.org", "password": "falsch"}
        )
        assert antwort.status_code == 200
        assert "_auth_user_id" not in client.session
    # Even the right password is refused now.
    antwort = client.post(
        reverse("account_login"), {"login": "ziel@example.org", "password": PASSWORT}
    )
    assert "_auth_user_id" not in client.session
    assert "zu viele" in antwort.content.decode().lower()


def test_admin_login_laeuft_ueber_allauth(client):
    antwort = client.get("/admin/login/")
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("account_login"))


def test_koordination_kommt_mit_login_ins_admin(client):
    KoordinationFactory(email="k@example.org")
    client.post(reverse("account_login"), {"login": "k@example.org", "password": PASSWORT})
    antwort = client.get("/admin/")
    assert antwort.status_code == 200
    assert "Koordination" in antwort.content.decode()


def test_mfa_pflicht_fuer_koordination(client, settings):
    settings.KOORDINATION_MFA_PFLICHT = True
    k = KoordinationFactory()
    client.force_login(k)
    antwort = client.get("/admin/")
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(user=k, type=Authenticator.Type.TOTP, data={})
    assert client.get("/admin/").status_code == 200


def test_mfa_pflicht_aus_laesst_koordination_ohne_totp_durch(client, settings):
    settings.KOORDINATION_MFA_PFLICHT = False
    client.force_login(KoordinationFactory())
    assert client.get("/admin/").status_code == 200


def test_konto_loeschen(client, bewohner):
    client.force_login(bewohner)
    antwort = client.post(reverse("konto_loeschen"), {"passwort": "falsch"})
    assert "nicht dein Passwort" in antwort.content.decode()
    assert User.objects.filter(pk=bewohner.pk).exists()
    antwort = client.post(reverse("konto_loeschen"), {"passwort": PASSWORT}, follow=True)
    assert not User.objects.filter(pk=bewohner.pk).exists()
    assert "gelöscht" in antwort.content.decode()


def test_email_aendern_seite(client, bewohner):
    client.force_login(bewohner)
    antwort = client.get(reverse("account_email"))
    html = antwort.content.decode()
    assert bewohner.email in html
    # allauth's German says "Email"; the portal says "E-Mail" everywhere
    assert "E-Mail-Adresse ändern" in html and not re.search(r"\bEmail\b", html)


def test_mein_bereich_verlangt_login(client):
    antwort = client.get(reverse("mein_bereich"))
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("account_login"))


# --- failed logins: brute force stays expensive, lockout is no weapon ---------------------


def _einloggen(client, email, passwort, adresse):
    return client.post(
        reverse("account_login"), {"login": email, "password": passwort}, REMOTE_ADDR=adresse
    )


def test_tippfehler_anderer_an_einer_adresse_sperren_niemanden_aus():
    """A school behind one address: ten people mistype, a third person still gets in."""
    for nummer in range(10):
        UserFactory(email=f"lehrkraft{nummer}@example.org")
        client = Client()
        antwort = _einloggen(client, f"lehrkraft{nummer}@example.org", "falsch", "10.0.0.1")
        assert "_auth_user_id" not in client.session
        assert "zu viele" not in antwort.content.decode().lower()
    dritte = UserFactory(email="dritte@example.org")
    client = Client()
    _einloggen(client, "dritte@example.org", PASSWORT, "10.0.0.1")
    assert client.session["_auth_user_id"] == str(dritte.pk)


def test_brute_force_auf_ein_konto_von_einer_adresse_wird_gestoppt():
    UserFactory(email="ziel@example.org")
    client = Client()
    for _ in range(5):
        _einloggen(client, "ziel@example.org", "falsch", "203.0.113.9")
    antwort = _einloggen(client, "ziel@example.org", PASSWORT, "203.0.113.9")
    assert "_auth_user_id" not in client.session
    assert "zu viele" in antwort.content.decode().lower()


def test_brute_force_ueber_viele_adressen_wird_gestoppt():
    UserFactory(email="ziel@example.org")
    for versuch in range(20):
        _einloggen(Client(), "ziel@example.org", "falsch", f"198.51.100.{versuch // 4}")
    client = Client()
    antwort = _einloggen(client, "ziel@example.org", PASSWORT, "198.51.100.200")
    assert "_auth_user_id" not in client.session
    assert "zu viele" in antwort.content.decode().lower()


def test_angreifer_sperrt_die_besitzerin_auf_ihrem_bekannten_geraet_nicht_aus():
    besitzerin = UserFactory(email="besitzerin@example.org")
    geraet = Client()
    _einloggen(geraet, "besitzerin@example.org", PASSWORT, "192.0.2.1")
    assert geraet.session["_auth_user_id"] == str(besitzerin.pk)
    assert geraet.cookies["bekanntes_geraet"]["httponly"]
    geraet.post(reverse("account_logout"))
    assert "_auth_user_id" not in geraet.session

    # Someone who knows the address tries many passwords from many other addresses.
    for versuch in range(30):
        _einloggen(Client(), "besitzerin@example.org", "geraten", f"198.51.100.{versuch}")
    neues_geraet = Client()
    _einloggen(neues_geraet, "besitzerin@example.org", PASSWORT, "192.0.2.1")
    assert "_auth_user_id" not in neues_geraet.session  # a new device waits out the hour

    _einloggen(geraet, "besitzerin@example.org", PASSWORT, "192.0.2.1")
    assert geraet.session["_auth_user_id"] == str(besitzerin.pk)


def test_bekanntes_geraet_gilt_nur_fuer_sein_konto_und_nur_unterschrieben():
    UserFactory(email="a@example.org")
    UserFactory(email="b@example.org")
    geraet = Client()
    _einloggen(geraet, "a@example.org", PASSWORT, "192.0.2.1")
    geraet.post(reverse("account_logout"))
    # The cookie of account A does not lift the limits of account B ...
    for _ in range(5):
        _einloggen(geraet, "b@example.org", "falsch", "192.0.2.1")
    _einloggen(geraet, "b@example.org", PASSWORT, "192.0.2.1")
    assert "_auth_user_id" not in geraet.session
    # ... and a forged cookie counts for nothing.
    faelscher = Client()
    faelscher.cookies["bekanntes_geraet"] = "eyJrb250ZW4iOltdfQ:falsch:falsch"
    for _ in range(5):
        _einloggen(faelscher, "a@example.org", "falsch", "192.0.2.50")
    _einloggen(faelscher, "a@example.org", PASSWORT, "192.0.2.50")
    assert "_auth_user_id" not in faelscher.session


def test_tippfehler_der_besitzerin_auf_dem_bekannten_geraet_sind_begrenzt():
    UserFactory(email="besitzerin@example.org")
    geraet = Client()
    _einloggen(geraet, "besitzerin@example.org", PASSWORT, "192.0.2.1")
    geraet.post(reverse("account_logout"))
    for _ in range(10):
        _einloggen(geraet, "besitzerin@example.org", "falsch", "192.0.2.1")
    antwort = _einloggen(geraet, "besitzerin@example.org", PASSWORT, "192.0.2.1")
    assert "_auth_user_id" not in geraet.session
    assert "zu viele" in antwort.content.decode().lower()
