"""Permission matrix: every group URL × six personas × three visibilities, GET and POST.

The rule (arbeitsgruppen/berechtigungen.py), decided once:
- cannot read the group: anonymous → login redirect; logged in → 404 (internal groups do not
  leak that they exist);
- can read, but the step needs membership or the Leitung role: anonymous → login redirect,
  logged in → 403;
- allowed: 200 for pages, 302 (not to the login) after a successful POST.
Readers: öffentlich – everyone; transparent – everyone in the network (coordinators, members
of an Akteur or of any group); intern – members. Writers: members and coordinators. Leitung
steps: the group's Leitung and coordinators.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from arbeitsgruppen.models import Beitrittsanfrage, Mitglied
from tests.arbeitsgruppen.factories import (
    AufgabeFactory,
    BeitragFactory,
    LinkFactory,
    ThreadFactory,
    VorhabenFactory,
)
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSONAS = ["anonym", "bewohner", "fremd", "koordination", "leitung", "mitglied"]
SICHTBARKEITEN = ["oeffentlich", "transparent", "intern"]


def _lesbar(persona: str, sicht: str) -> bool:
    if persona in ("koordination", "leitung", "mitglied") or sicht == "oeffentlich":
        return True
    return sicht == "transparent" and persona == "fremd"


def erwartet(persona: str, sicht: str, stufe: str, ok: int) -> int | str:
    if not _lesbar(persona, sicht):
        return "login" if persona == "anonym" else 404
    erlaubt = {
        "lesen": True,
        "schreiben": persona in ("koordination", "leitung", "mitglied"),
        "leiten": persona in ("koordination", "leitung"),
    }[stufe]
    if persona == "anonym" and (stufe != "lesen" or ok == "login"):
        return "login"
    if not erlaubt:
        return 403
    return ok


@pytest.fixture
def objekte(gruppe, leitung, mitglied, fremd):
    v = VorhabenFactory(gruppe=gruppe)
    a = AufgabeFactory(gruppe=gruppe, zustaendig=mitglied)
    t = ThreadFactory(gruppe=gruppe)
    b = BeitragFactory(thread=t, autor=mitglied)
    link = LinkFactory(gruppe=gruppe)
    datei = services.dokument_hochladen(
        gruppe=gruppe,
        titel="Protokoll",
        datei=SimpleUploadedFile("p.pdf", PDF),
        dateiname="p.pdf",
        von=mitglied,
    )
    bittsteller = UserFactory()
    anfrage = Beitrittsanfrage.objects.create(gruppe=gruppe, user=bittsteller)
    return {
        "v": v.pk,
        "a": a.pk,
        "t": t.pk,
        "b": b.pk,
        "link": link.pk,
        "datei": datei.pk,
        "version": datei.versionen.get().pk,
        "anfrage": anfrage.pk,
        "mitglied_pk": Mitglied.objects.get(gruppe=gruppe, user=mitglied).pk,
    }


def _pdf():
    return SimpleUploadedFile("neu.pdf", PDF)


# name, kwargs (besides slug), method, data, stufe, status when allowed
URLS = [
    ("detail", {}, "get", None, "lesen", 200),
    ("aufgaben", {}, "get", None, "lesen", 200),
    ("vorhaben_liste", {}, "get", None, "lesen", 200),
    ("vorhaben", {"pk": "v"}, "get", None, "lesen", 200),
    ("dokumente", {}, "get", None, "lesen", 200),
    ("dokument", {"pk": "link"}, "get", None, "lesen", 200),
    ("dokument", {"pk": "datei"}, "get", None, "lesen", 200),
    ("herunterladen", {"pk": "version"}, "get", None, "lesen", 200),
    ("diskussion", {}, "get", None, "lesen", 200),
    ("thread", {"pk": "t"}, "get", None, "lesen", 200),
    ("aufgabe_neu", {}, "get", None, "schreiben", 200),
    ("aufgabe_bearbeiten", {"pk": "a"}, "get", None, "schreiben", 200),
    ("vorhaben_neu", {}, "get", None, "schreiben", 200),
    ("vorhaben_bearbeiten", {"pk": "v"}, "get", None, "schreiben", 200),
    ("dokument_neu", {}, "get", None, "schreiben", 200),
    ("thread_neu", {}, "get", None, "schreiben", 200),
    ("mitglieder", {}, "get", None, "leiten", 200),
    ("aufgabe_neu", {}, "post", lambda o: {"titel": "Neu", "status": "offen"}, "schreiben", 302),
    (
        "aufgabe_bearbeiten",
        {"pk": "a"},
        "post",
        lambda o: {"titel": "Geändert", "status": "offen"},
        "schreiben",
        302,
    ),
    ("aufgabe_status", {"pk": "a"}, "post", lambda o: {"status": "in_arbeit"}, "schreiben", 302),
    ("vorhaben_neu", {}, "post", lambda o: {"titel": "V", "status": "idee"}, "schreiben", 302),
    (
        "vorhaben_bearbeiten",
        {"pk": "v"},
        "post",
        lambda o: {"titel": "V2", "status": "laeuft"},
        "schreiben",
        302,
    ),
    (
        "dokument_neu",
        {},
        "post",
        lambda o: {"titel": "Pad", "url": "https://pad.example.org/x"},
        "schreiben",
        302,
    ),
    ("dokument", {"pk": "datei"}, "post", lambda o: {"datei": _pdf()}, "schreiben", 302),
    ("thread_neu", {}, "post", lambda o: {"titel": "T", "text": "Hallo"}, "schreiben", 302),
    ("thread", {"pk": "t"}, "post", lambda o: {"text": "Antwort"}, "schreiben", 302),
    ("mitglieder", {}, "post", lambda o: {"email": "neu@example.org"}, "leiten", 302),
    (
        "anfrage_entscheiden",
        {"pk": "anfrage"},
        "post",
        lambda o: {"entscheidung": "annehmen"},
        "leiten",
        302,
    ),
    ("rolle", {"pk": "mitglied_pk"}, "post", lambda o: {"rolle": "mitglied"}, "leiten", 302),
]


def _ausfuehren(client, method, url, data):
    antwort = getattr(client, method)(url, data or {})
    if antwort.streaming:
        # Consuming the stream closes the response (and the file) the way the test client
        # expects; a second close() would end the database connection on PostgreSQL.
        b"".join(antwort.streaming_content)
    if antwort.status_code == 302 and antwort["Location"].startswith(reverse("account_login")):
        return "login"
    return antwort.status_code


@pytest.mark.parametrize("sicht", SICHTBARKEITEN)
@pytest.mark.parametrize(
    "name,kwargs,method,data,stufe,ok",
    URLS,
    ids=[f"{u[2]}-{u[0]}-{'-'.join(u[1])}" for u in URLS],
)
def test_matrix(
    request, client_fuer, gruppe, objekte, sicht, name, kwargs, method, data, stufe, ok
):
    gruppe.sichtbarkeit = sicht
    gruppe.save()
    url = reverse(
        f"arbeitsgruppen:{name}",
        kwargs={"slug": gruppe.slug, **{k: objekte[v] for k, v in kwargs.items()}},
    )
    ist, soll = {}, {}
    for persona in PERSONAS:
        user = None if persona == "anonym" else request.getfixturevalue(persona)
        ist[persona] = _ausfuehren(client_fuer(user), method, url, data(objekte) if data else None)
        soll[persona] = erwartet(persona, sicht, stufe, ok)
    assert ist == soll


def test_unbekannte_gruppe_verraet_nichts(client_fuer, bewohner):
    """A slug that does not exist behaves exactly like an internal group."""
    url = reverse("arbeitsgruppen:detail", args=["gibt-es-nicht"])
    assert client_fuer(None).get(url).status_code == 302
    assert client_fuer(bewohner).get(url).status_code == 404


# Member-specific steps: joining, leaving, notification settings, editing an own post.


@pytest.mark.parametrize("sicht", SICHTBARKEITEN)
def test_matrix_beitreten(request, client_fuer, gruppe, objekte, sicht):
    gruppe.sichtbarkeit = sicht
    gruppe.save()
    url = reverse("arbeitsgruppen:beitreten", args=[gruppe.slug])
    ist = {}
    for persona in PERSONAS:
        user = None if persona == "anonym" else request.getfixturevalue(persona)
        c = client_fuer(user)
        ist[persona] = (_ausfuehren(c, "get", url, None), _ausfuehren(c, "post", url, {}))
    lesbar = {p: _lesbar(p, sicht) for p in PERSONAS}
    soll = {}
    for p in PERSONAS:
        if p == "anonym":
            soll[p] = ("login", "login")
        elif not lesbar[p]:
            soll[p] = (404, 404)
        elif p in ("leitung", "mitglied"):
            soll[p] = (302, 302)  # already a member: back to the group page
        else:
            soll[p] = (200, 302)
    assert ist == soll


@pytest.mark.parametrize("sicht", SICHTBARKEITEN)
def test_matrix_austreten_und_benachrichtigung(request, client_fuer, gruppe, objekte, sicht):
    gruppe.sichtbarkeit = sicht
    gruppe.save()
    austreten = reverse("arbeitsgruppen:austreten", args=[gruppe.slug])
    benachrichtigung = reverse("arbeitsgruppen:benachrichtigung", args=[gruppe.slug])
    ist, soll = {}, {}
    for persona in PERSONAS:
        user = None if persona == "anonym" else request.getfixturevalue(persona)
        c = client_fuer(user)
        ist[persona] = (
            _ausfuehren(c, "post", benachrichtigung, {"benachrichtigung": "aus"}),
            _ausfuehren(c, "get", austreten, None),
            _ausfuehren(c, "post", austreten, {}),
        )
        schreiben = erwartet(persona, sicht, "schreiben", 0)
        if schreiben != 0:
            soll[persona] = (schreiben,) * 3
        elif persona == "koordination":
            soll[persona] = (404, 404, 404)  # not a member: nothing to set or leave
        elif persona == "leitung":
            soll[persona] = (302, 200, 400)  # the only Leitung cannot leave
        else:
            soll[persona] = (302, 200, 302)
    assert ist == soll


@pytest.mark.parametrize("sicht", SICHTBARKEITEN)
def test_matrix_beitrag_bearbeiten(request, client_fuer, gruppe, objekte, sicht):
    gruppe.sichtbarkeit = sicht
    gruppe.save()
    url = reverse("arbeitsgruppen:beitrag_bearbeiten", args=[gruppe.slug, objekte["b"]])
    ist, soll = {}, {}
    for persona in PERSONAS:
        user = None if persona == "anonym" else request.getfixturevalue(persona)
        c = client_fuer(user)
        ist[persona] = (
            _ausfuehren(c, "get", url, None),
            _ausfuehren(c, "post", url, {"text": "korrigiert"}),
        )
        schreiben = erwartet(persona, sicht, "schreiben", 0)
        if schreiben != 0:
            soll[persona] = (schreiben, schreiben)
        elif persona == "mitglied":  # the author
            soll[persona] = (200, 302)
        else:
            soll[persona] = (403, 403)  # someone else's post
    assert ist == soll


def test_bearbeiten_nach_dem_zeitfenster_verboten(client_fuer, gruppe, mitglied):
    b = BeitragFactory(
        thread=ThreadFactory(gruppe=gruppe),
        autor=mitglied,
        erstellt=timezone.now() - timedelta(minutes=31),
    )
    url = reverse("arbeitsgruppen:beitrag_bearbeiten", args=[gruppe.slug, b.pk])
    assert client_fuer(mitglied).post(url, {"text": "zu spät"}).status_code == 403
    b.refresh_from_db()
    assert b.text == "Ein Beitrag."


def test_meine_aufgaben_braucht_login(client_fuer):
    antwort = client_fuer(None).get(reverse("arbeitsgruppen:meine_aufgaben"))
    assert antwort.status_code == 302
    assert antwort["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_liste_fuer_jede_persona(request, client_fuer, gruppe, persona):
    user = None if persona == "anonym" else request.getfixturevalue(persona)
    antwort = client_fuer(user).get(reverse("arbeitsgruppen:liste"))
    assert antwort.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_gefaelschte_einladung(request, client_fuer, gruppe, persona):
    user = None if persona == "anonym" else request.getfixturevalue(persona)
    antwort = client_fuer(user).get(reverse("arbeitsgruppen:einladung", args=["gefaelscht:x"]))
    assert antwort.status_code in (302, 400)
    if persona != "anonym":
        assert antwort.status_code == 400
