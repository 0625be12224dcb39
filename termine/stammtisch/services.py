"""Workflows of the rotating Vereinsstammtisch: plan, ask hosts, invite, remind, cancel,
answer (RSVP), submit topics, build the agenda and publish the minutes.

The thin adapter around the pure :mod:`termine.rotation`: it loads a series' pool and
history, calls :func:`~termine.rotation.termine_nach_rhythmus` and
:func:`~termine.rotation.propose_hosts`, and stores what the coordinators confirm. Admin
actions and views call the functions here; every function lists its side effects.

Mass mail goes through tasks (:func:`einladungen_versenden` and friends), which call
:func:`netzwerk.mail.mail_senden` once per address, because each address gets its own
signed answer links.

Signed links (django.core.signing) carry the meeting and the address (or the host
request), expire (:data:`RUECKMELDUNG_GUELTIG`, :data:`GASTGEBER_GUELTIG`) and use their
own salt, so a link cannot be forged, reused for another person or for another purpose.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, Q
from django.tasks import task
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from netzwerk.mail import Anhang, mail_senden
from termine import ical, terminabgleich
from termine.models import (
    GastgeberAnfrage,
    Rueckmeldung,
    Stammtisch,
    Stammtischreihe,
    Teilnahme,
    Termin,
    Thema,
)
from termine.services import terminabgleich_fuer_zeitraum
from termine.stammtisch import rotation
from vereine.models import Akteur, Mitgliedschaft

BERLIN = ZoneInfo("Europe/Berlin")

SALT_RUECKMELDUNG = "termine.stammtisch.rueckmeldung"
SALT_GASTGEBER = "termine.stammtisch.gastgeber"
RUECKMELDUNG_GUELTIG = timedelta(days=120)
GASTGEBER_GUELTIG = timedelta(days=30)
# The agenda item "Terminabgleich" looks this far ahead from the meeting.
ABGLEICH_TAGE = 92
MAIL = "termine/stammtisch/mail"


class StammtischFehler(Exception):
    """A workflow step that cannot be done now; the message says why (translated)."""


class UngueltigerLink(StammtischFehler):
    """A signed link that is forged, expired, used up or meant for something else."""


# ------------------------------------------------------------------------------ planning


@dataclass(frozen=True)
class Planvorschlag:
    """One proposed meeting: its start, the proposed host and why."""

    start: datetime
    gastgeber: Akteur | None
    grund: str
    zuletzt_gastgeber: date | None = None
    mal_gastgeber: int = 0

    @property
    def grund_text(self) -> str:
        return grund_text(self.grund, self.zuletzt_gastgeber)


def grund_text(grund: str, zuletzt: date | None) -> str:
    """A host proposal reason as people read it ("zuletzt Gastgeber am …")."""
    if grund == Stammtisch.Vorschlagsgrund.ZULETZT and zuletzt:
        return _("last hosted on %(datum)s") % {
            "datum": formats.date_format(zuletzt, "SHORT_DATE_FORMAT")
        }
    if grund == Stammtisch.Vorschlagsgrund.NIE:
        return _("never hosted")
    if grund == Stammtisch.Vorschlagsgrund.KEINER:
        return _("nobody available – please choose a host")
    if grund == Stammtisch.Vorschlagsgrund.GEWAEHLT:
        return _("chosen by the coordinators")
    return ""


def _pool(reihe: Stammtischreihe) -> tuple[list[rotation.Candidate], dict[int, Akteur]]:
    """The rotation pool as plain data, and the Akteure by id (two queries)."""
    teilnahmen = list(
        Teilnahme.objects.filter(reihe=reihe)
        .select_related("akteur")
        .prefetch_related("verhinderungen")
    )
    kandidaten = [
        rotation.Candidate(
            akteur_id=t.akteur_id,
            name=t.akteur.name,
            ortsteil_id=t.akteur.ortsteil_id,
            # An Akteur that left the network no longer hosts.
            can_host=t.kann_gastgeber and t.akteur.status == Akteur.Status.AKTIV,
            unavailable=[(v.von, v.bis) for v in t.verhinderungen.all()],
        )
        for t in teilnahmen
    ]
    return kandidaten, {t.akteur_id: t.akteur for t in teilnahmen}


def _historie(reihe: Stammtischreihe, vor: datetime) -> list[rotation.PastHosting]:
    """Who hosted the series' meetings before `vor` (cancelled ones and declines don't count)."""
    zeilen = (
        Stammtisch.objects.filter(reihe=reihe, termin__start__lt=vor, gastgeber__isnull=False)
        .nicht_abgesagt()
        .exclude(gastgeber_status=Stammtisch.GastgeberStatus.ABGELEHNT)
        .values_list("termin__start", "gastgeber_id")
    )
    return [rotation.PastHosting(date=start, akteur_id=akteur_id) for start, akteur_id in zeilen]


def _planungsbeginn(reihe: Stammtischreihe, jetzt: datetime) -> datetime:
    letzter = (
        Stammtisch.objects.filter(reihe=reihe)
        .order_by("-termin__start")
        .values_list("termin__start", flat=True)
        .first()
    )
    return max(jetzt, letzter) if letzter else jetzt


def termine_vorschlagen(
    *, reihe: Stammtischreihe, anzahl: int, jetzt: datetime | None = None
) -> list[Planvorschlag]:
    """Propose the next `anzahl` meetings of `reihe`: dates from its cadence (after now and
    after its latest meeting), hosts from the rotation with the series' history.

    No side effects.
    """
    beginn = _planungsbeginn(reihe, jetzt or timezone.now())
    termine = rotation.termine_nach_rhythmus(reihe.cadence, after=beginn, count=anzahl)
    if not termine:
        return []
    kandidaten, akteure = _pool(reihe)
    vorschlaege = rotation.propose_hosts(kandidaten, _historie(reihe, termine[0]), termine)
    return [
        Planvorschlag(
            start=v.date,
            gastgeber=akteure.get(v.akteur_id) if v.akteur_id else None,
            grund=v.reason.value,
            zuletzt_gastgeber=v.last_hosted,
            mal_gastgeber=v.times_hosted,
        )
        for v in vorschlaege
    ]


def _ort_vom_gastgeber(termin: Termin, gastgeber: Akteur | None) -> None:
    """The host's address is the meeting's default place."""
    termin.veranstaltungsort = gastgeber
    termin.ort = gastgeber.adresse if gastgeber else ""
    termin.ortsteil = gastgeber.ortsteil if gastgeber else None


@transaction.atomic
def naechste_termine_planen(
    *,
    reihe: Stammtischreihe,
    anzahl: int,
    gastgeber: Mapping[int, Akteur | None] | None = None,
    von=None,
    jetzt: datetime | None = None,
) -> list[Stammtisch]:
    """Create the next `anzahl` meetings of `reihe` as proposed by
    :func:`termine_vorschlagen`; `gastgeber` maps a proposal's index to the host the
    coordinators chose instead.

    Side effects: writes one Termin (category Stammtisch, status geplant, place = the
    host's address) and one Stammtisch (host status vorgeschlagen, reason stored) per
    meeting. Sends no mail (see :func:`gastgeber_anfragen`).
    """
    gastgeber = gastgeber or {}
    vorschlaege = termine_vorschlagen(reihe=reihe, anzahl=anzahl, jetzt=jetzt)
    dauer = timedelta(minutes=reihe.dauer_minuten)
    sichtbarkeit = (
        Termin.Sichtbarkeit.OEFFENTLICH if reihe.oeffentlich else Termin.Sichtbarkeit.NETZWERK
    )
    erstellt = []
    for index, vorschlag in enumerate(vorschlaege):
        host, grund = vorschlag.gastgeber, vorschlag.grund
        zuletzt, mal = vorschlag.zuletzt_gastgeber, vorschlag.mal_gastgeber
        if index in gastgeber and gastgeber[index] != host:
            host, grund, zuletzt, mal = (
                gastgeber[index],
                Stammtisch.Vorschlagsgrund.GEWAEHLT,
                None,
                0,
            )
            if host is None:
                grund = Stammtisch.Vorschlagsgrund.KEINER
        termin = Termin(
            titel=reihe.name,
            beschreibung=reihe.beschreibung,
            start=vorschlag.start,
            ende=vorschlag.start + dauer,
            kategorie=Termin.Kategorie.STAMMTISCH,
            sichtbarkeit=sichtbarkeit,
            arbeitsgruppe=reihe.arbeitsgruppe,
            status=Termin.Status.GEPLANT,
            erstellt_von=von if getattr(von, "is_authenticated", False) else None,
        )
        _ort_vom_gastgeber(termin, host)
        termin.save()
        if host:
            termin.veranstalter.set([host])
        erstellt.append(
            Stammtisch.objects.create(
                termin=termin,
                reihe=reihe,
                gastgeber=host,
                gastgeber_status=Stammtisch.GastgeberStatus.VORGESCHLAGEN,
                vorschlagsgrund=grund,
                zuletzt_gastgeber=zuletzt,
                mal_gastgeber=mal,
            )
        )
    return erstellt


# ----------------------------------------------------------------------------- the host


def _link(name: str, token: str, **query: str) -> str:
    url = settings.SITE_URL + reverse(f"stammtisch:{name}", kwargs={"token": token})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def gastgeber_adressen(akteur: Akteur) -> list[str]:
    """Where a host request goes: the Akteur's contact address and its Leitung."""
    adressen = [akteur.kontakt_email] if akteur.kontakt_email else []
    adressen += Mitgliedschaft.objects.filter(
        akteur=akteur, rolle=Mitgliedschaft.Rolle.LEITUNG, user__is_active=True
    ).values_list("user__email", flat=True)
    return _ohne_doppelte(adressen)


def _ohne_doppelte(adressen: Sequence[str]) -> list[str]:
    gesehen: set[str] = set()
    ergebnis = []
    for adresse in adressen:
        if adresse and adresse.lower() not in gesehen:
            gesehen.add(adresse.lower())
            ergebnis.append(adresse)
    return ergebnis


def _koordination_adressen(reihe: Stammtischreihe) -> list[str]:
    return _ohne_doppelte(list(reihe.koordination.values_list("email", flat=True)))


def gastgeber_token(anfrage: GastgeberAnfrage) -> str:
    return signing.dumps({"a": anfrage.pk, "s": anfrage.stammtisch_id}, salt=SALT_GASTGEBER)


@transaction.atomic
def gastgeber_anfragen(*, stammtisch: Stammtisch) -> GastgeberAnfrage:
    """Ask the proposed host by mail to confirm or decline (signed links, no login).

    Side effects: withdraws open earlier requests of this meeting, writes a
    GastgeberAnfrage (open), sets the host status to angefragt, sends one mail to the
    host's contact address and its Leitung.
    """
    if stammtisch.termin.abgesagt:
        raise StammtischFehler(_("This meeting is cancelled."))
    if stammtisch.gastgeber is None:
        raise StammtischFehler(_("Please choose a host first."))
    adressen = gastgeber_adressen(stammtisch.gastgeber)
    if not adressen:
        raise StammtischFehler(
            _("%(akteur)s has no e-mail address. Please add one or ask them by phone.")
            % {"akteur": stammtisch.gastgeber}
        )
    stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
        antwort=GastgeberAnfrage.Antwort.ZURUECKGEZOGEN
    )
    anfrage = GastgeberAnfrage.objects.create(stammtisch=stammtisch, akteur=stammtisch.gastgeber)
    stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.ANGEFRAGT
    stammtisch.save(update_fields=["gastgeber_status"])
    token = gastgeber_token(anfrage)
    mail_senden(
        an=adressen,
        vorlage=f"{MAIL}/gastgeber_anfrage",
        kontext={
            "stammtisch": stammtisch,
            "termin": stammtisch.termin,
            "reihe": stammtisch.reihe,
            "akteur": stammtisch.gastgeber,
            "link_zusage": _link("gastgeber", token, antwort="ja"),
            "link_absage": _link("gastgeber", token, antwort="nein"),
            "gueltig_tage": GASTGEBER_GUELTIG.days,
        },
        antwort_an=(_koordination_adressen(stammtisch.reihe) or [None])[0],
    )
    return anfrage


def gastgeber_anfrage_laden(token: str) -> GastgeberAnfrage:
    """The host request a signed link stands for; raises UngueltigerLink. No side effects."""
    try:
        daten = signing.loads(token, salt=SALT_GASTGEBER, max_age=GASTGEBER_GUELTIG.total_seconds())
    except signing.SignatureExpired as exc:
        raise UngueltigerLink(
            _("This link has expired. Please ask the coordination team for a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise UngueltigerLink(
            _("This link is not valid. Please copy it completely from the e-mail.")
        ) from exc
    anfrage = (
        GastgeberAnfrage.objects.select_related("stammtisch__termin", "stammtisch__reihe", "akteur")
        .filter(pk=daten.get("a"), stammtisch_id=daten.get("s"))
        .first()
    )
    if anfrage is None:
        raise UngueltigerLink(_("This request no longer exists."))
    return anfrage


@transaction.atomic
def gastgeber_antwort(*, token: str, zusage: bool) -> GastgeberAnfrage:
    """Record the host's answer from the signed link.

    A yes sets the host status to zugesagt. A no records the decline and moves on: the
    rotation proposes the next host for the same date (everyone who declined it, and the
    hosts of the neighbouring meetings, excluded), which is asked at once.

    Side effects: updates the GastgeberAnfrage and the Stammtisch (and on a decline the
    Termin's place and organiser), mails the series' coordinators, on a decline may send
    a new host request (see :func:`gastgeber_anfragen`). Answering the same way twice
    changes nothing; a used or withdrawn link raises UngueltigerLink.
    """
    anfrage = gastgeber_anfrage_laden(token)
    gewuenscht = GastgeberAnfrage.Antwort.ZUSAGE if zusage else GastgeberAnfrage.Antwort.ABSAGE
    if anfrage.antwort == gewuenscht:
        return anfrage
    if anfrage.antwort != GastgeberAnfrage.Antwort.OFFEN:
        raise UngueltigerLink(
            _("This request has already been answered. Please contact the coordination team.")
        )
    stammtisch = Stammtisch.objects.select_for_update().get(pk=anfrage.stammtisch_id)
    if stammtisch.termin.abgesagt:
        raise UngueltigerLink(_("This meeting has been cancelled."))
    anfrage.antwort = gewuenscht
    anfrage.beantwortet_am = timezone.now()
    anfrage.save(update_fields=["antwort", "beantwortet_am"])
    neue_anfrage = None
    if zusage:
        stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.ZUGESAGT
        stammtisch.save(update_fields=["gastgeber_status"])
    else:
        _naechsten_gastgeber_vorschlagen(stammtisch)
        if stammtisch.gastgeber is not None:
            # Without an address the coordinators see the proposal and call instead.
            with contextlib.suppress(StammtischFehler):
                neue_anfrage = gastgeber_anfragen(stammtisch=stammtisch)
    adressen = _koordination_adressen(stammtisch.reihe)
    if adressen:
        mail_senden(
            an=adressen,
            vorlage=f"{MAIL}/gastgeber_antwort",
            kontext={
                "stammtisch": stammtisch,
                "termin": stammtisch.termin,
                "akteur": anfrage.akteur,
                "zusage": zusage,
                "neuer_gastgeber": stammtisch.gastgeber if not zusage else None,
                "neu_angefragt": neue_anfrage is not None,
                "admin_link": settings.SITE_URL
                + reverse("admin:termine_stammtisch_change", args=[stammtisch.pk]),
            },
        )
    return anfrage


def _naechsten_gastgeber_vorschlagen(stammtisch: Stammtisch) -> None:
    """After a decline: the next host for the same date from the rotation."""
    termin = stammtisch.termin
    tag = timezone.localdate(termin.start)
    abgelehnt = set(
        stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.ABSAGE).values_list(
            "akteur_id", flat=True
        )
    )
    # The host of the next planned meeting would otherwise host twice in a row.
    naechster = (
        Stammtisch.objects.filter(reihe=stammtisch.reihe, termin__start__gt=termin.start)
        .nicht_abgesagt()
        .order_by("termin__start")
        .values_list("gastgeber_id", flat=True)
        .first()
    )
    if naechster:
        abgelehnt.add(naechster)
    kandidaten, akteure = _pool(stammtisch.reihe)
    (vorschlag,) = rotation.propose_hosts(
        kandidaten,
        _historie(stammtisch.reihe, termin.start),
        [termin.start],
        exclude={tag: abgelehnt},
    )
    neuer = akteure.get(vorschlag.akteur_id) if vorschlag.akteur_id else None
    stammtisch.gastgeber = neuer
    stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.VORGESCHLAGEN
    stammtisch.vorschlagsgrund = vorschlag.reason.value
    stammtisch.zuletzt_gastgeber = vorschlag.last_hosted
    stammtisch.mal_gastgeber = vorschlag.times_hosted
    stammtisch.save()
    gastgeber_setzen_termin(stammtisch)


@transaction.atomic
def gastgeber_waehlen(*, stammtisch: Stammtisch, gastgeber: Akteur | None) -> Stammtisch:
    """The coordinators choose another host by hand.

    Side effects: withdraws open host requests, sets the host (status vorgeschlagen,
    reason "chosen by the coordinators") and moves the Termin's place to the host's
    address. Sends no mail (see :func:`gastgeber_anfragen`).
    """
    stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
        antwort=GastgeberAnfrage.Antwort.ZURUECKGEZOGEN
    )
    stammtisch.gastgeber = gastgeber
    stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.VORGESCHLAGEN
    stammtisch.vorschlagsgrund = (
        Stammtisch.Vorschlagsgrund.GEWAEHLT if gastgeber else Stammtisch.Vorschlagsgrund.KEINER
    )
    stammtisch.zuletzt_gastgeber = None
    stammtisch.mal_gastgeber = 0
    stammtisch.save()
    gastgeber_setzen_termin(stammtisch)
    return stammtisch


def gastgeber_setzen_termin(stammtisch: Stammtisch) -> None:
    """Keep the Termin's place and organiser in step with the host (a raised sequence
    tells calendar apps about the new place). Side effects: writes the Termin."""
    termin = stammtisch.termin
    _ort_vom_gastgeber(termin, stammtisch.gastgeber)
    termin.sequence = F("sequence") + 1
    termin.save()
    termin.refresh_from_db()
    termin.veranstalter.set([stammtisch.gastgeber] if stammtisch.gastgeber else [])


# ------------------------------------------------------------------------ invitations


@dataclass(frozen=True)
class Empfaenger:
    """One address on the invite list, with the Akteur it belongs to (if any)."""

    email: str
    akteur_id: int | None = None
    akteur_name: str = ""


def einladungsliste(reihe: Stammtischreihe) -> list[Empfaenger]:
    """Every member of a pool Akteur (once, with their first Akteur by name) plus the
    series' further addresses. One query. No side effects."""
    zeilen = (
        Mitgliedschaft.objects.filter(
            akteur__stammtisch_teilnahmen__reihe=reihe, user__is_active=True
        )
        .order_by("akteur__name", "user__email")
        .values_list("user__email", "akteur_id", "akteur__name")
    )
    ergebnis: list[Empfaenger] = []
    gesehen: set[str] = set()
    for email, akteur_id, name in zeilen:
        if email.lower() not in gesehen:
            gesehen.add(email.lower())
            ergebnis.append(Empfaenger(email, akteur_id, name))
    for email in reihe.weitere_adressen:
        if email.lower() not in gesehen:
            gesehen.add(email.lower())
            ergebnis.append(Empfaenger(email))
    return ergebnis


def rueckmeldung_token(stammtisch: Stammtisch, empfaenger: Empfaenger) -> str:
    return signing.dumps(
        {"s": stammtisch.pk, "e": empfaenger.email.lower(), "a": empfaenger.akteur_id},
        salt=SALT_RUECKMELDUNG,
    )


def ics_fuer(stammtisch: Stammtisch) -> bytes:
    """The meeting as a VCALENDAR with one VEVENT, from the calendar's one writer.

    The UID matches the calendar's feeds, so the invitation and a subscribed feed show
    one event, and a cancellation (STATUS:CANCELLED, higher SEQUENCE) replaces it.
    """
    termin = stammtisch.termin
    ort = ", ".join(
        t for t in [stammtisch.gastgeber.name if stammtisch.gastgeber else "", termin.ort] if t
    )
    url = ical.absolute_url(stammtisch.get_absolute_url())
    beschreibung = []
    if termin.abgesagt:
        beschreibung.append(_("Cancelled: %(grund)s") % {"grund": termin.absage_grund})
    if stammtisch.gastgeber:
        beschreibung.append(_("Host: %(akteur)s") % {"akteur": stammtisch.gastgeber})
    beschreibung.append(url)
    event = ical.vevent(termin, ort=ort, beschreibung="\n".join(beschreibung), url=url)
    return ical.kalender_aus([event], name=termin.titel, methode="PUBLISH")


def _ics_anhang(stammtisch: Stammtisch) -> Anhang:
    return Anhang("stammtisch.ics", ics_fuer(stammtisch).decode(), "text/calendar")


@transaction.atomic
def bestaetigen(*, stammtisch: Stammtisch, jetzt: datetime | None = None) -> int:
    """Confirm the meeting and invite everyone on the invite list.

    Side effects: Termin status bestätigt (sequence + 1), the host status zugesagt (a
    coordinator confirming stands for the host's yes, e.g. given by phone),
    ``eingeladen_am`` set, and the task :func:`einladungen_versenden` enqueued (one
    mail per address with the .ics, the agenda so far and personal answer links).
    Returns the number of addresses.
    """
    stammtisch = (
        Stammtisch.objects.select_for_update().select_related("termin").get(pk=stammtisch.pk)
    )
    if stammtisch.termin.abgesagt:
        raise StammtischFehler(_("This meeting is cancelled."))
    if stammtisch.gastgeber is None:
        raise StammtischFehler(_("Please choose a host first."))
    if stammtisch.eingeladen_am is not None:
        raise StammtischFehler(_("The invitations for this meeting have already been sent."))
    Termin.objects.filter(pk=stammtisch.termin_id).update(
        status=Termin.Status.BESTAETIGT, sequence=F("sequence") + 1, geaendert=timezone.now()
    )
    stammtisch.gastgeber_status = Stammtisch.GastgeberStatus.ZUGESAGT
    stammtisch.eingeladen_am = jetzt or timezone.now()
    stammtisch.save(update_fields=["gastgeber_status", "eingeladen_am"])
    stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
        antwort=GastgeberAnfrage.Antwort.ZUSAGE, beantwortet_am=timezone.now()
    )
    einladungen_versenden.enqueue(stammtisch_id=stammtisch.pk)
    return len(einladungsliste(stammtisch.reihe))


def _mailkontext(stammtisch: Stammtisch) -> dict:
    return {
        "stammtisch": stammtisch,
        "termin": stammtisch.termin,
        "reihe": stammtisch.reihe,
        "gastgeber": stammtisch.gastgeber,
        # Invitations also reach addresses outside the network: only public dates.
        "tagesordnung": tagesordnung(stammtisch=stammtisch, fuer=AnonymousUser()),
        "seite": settings.SITE_URL + stammtisch.get_absolute_url(),
        "thema_link": settings.SITE_URL + reverse("stammtisch:thema", kwargs={"pk": stammtisch.pk}),
    }


def _persoenlich_senden(
    stammtisch: Stammtisch, empfaenger: Sequence[Empfaenger], vorlage: str, mit_ics: bool
) -> int:
    kontext = _mailkontext(stammtisch)
    anhaenge = [_ics_anhang(stammtisch)] if mit_ics else []
    for person in empfaenger:
        token = rueckmeldung_token(stammtisch, person)
        mail_senden(
            an=[person.email],
            vorlage=vorlage,
            kontext={
                **kontext,
                "empfaenger": person,
                "link_zusage": _link("antwort", token, antwort="zusage"),
                "link_vielleicht": _link("antwort", token, antwort="vielleicht"),
                "link_absage": _link("antwort", token, antwort="absage"),
            },
            anhaenge=anhaenge,
        )
    return len(empfaenger)


def _laden(stammtisch_id: int) -> Stammtisch:
    return Stammtisch.objects.fuer_listen().get(pk=stammtisch_id)


@task()
def einladungen_versenden(*, stammtisch_id: int) -> int:
    """Task: one invitation per address on the invite list (runs in the worker)."""
    stammtisch = _laden(stammtisch_id)
    with translation.override(settings.LANGUAGE_CODE):
        return _persoenlich_senden(
            stammtisch, einladungsliste(stammtisch.reihe), f"{MAIL}/einladung", mit_ics=True
        )


@task()
def erinnerung_versenden(*, stammtisch_id: int) -> int:
    """Task: a reminder to everyone invited who has not said no."""
    stammtisch = _laden(stammtisch_id)
    abgesagt = {
        e.lower()
        for e in stammtisch.rueckmeldungen.filter(antwort=Rueckmeldung.Antwort.ABSAGE).values_list(
            "email", flat=True
        )
    }
    empfaenger = [p for p in einladungsliste(stammtisch.reihe) if p.email.lower() not in abgesagt]
    with translation.override(settings.LANGUAGE_CODE):
        return _persoenlich_senden(stammtisch, empfaenger, f"{MAIL}/erinnerung", mit_ics=False)


@task()
def absagen_versenden(*, stammtisch_id: int) -> int:
    """Task: the cancellation to everyone invited (with a cancelling .ics)."""
    stammtisch = _laden(stammtisch_id)
    adressen = [p.email for p in einladungsliste(stammtisch.reihe)]
    with translation.override(settings.LANGUAGE_CODE):
        mail_senden(
            an=adressen,
            vorlage=f"{MAIL}/absage",
            kontext=_mailkontext(stammtisch),
            anhaenge=[_ics_anhang(stammtisch)],
        )
    return len(adressen)


def erinnerungen_senden(*, jetzt: datetime | None = None) -> list[Stammtisch]:
    """Send the reminder of every confirmed meeting whose reminder day has come, once.

    Run daily by cron (``manage.py stammtisch_erinnerungen``). Side effects: sets
    ``erinnert_am`` (a conditional update, so two runs never both send) and enqueues
    :func:`erinnerung_versenden` per meeting. Returns the meetings reminded.
    """
    jetzt = jetzt or timezone.now()
    kandidaten = (
        Stammtisch.objects.fuer_listen()
        .filter(
            termin__status=Termin.Status.BESTAETIGT,
            termin__start__gt=jetzt,
            eingeladen_am__isnull=False,
            erinnert_am__isnull=True,
            reihe__erinnerung_tage_vorher__gt=0,
        )
        .order_by("termin__start")
    )
    erinnert = []
    for stammtisch in kandidaten:
        faellig = stammtisch.termin.start - timedelta(days=stammtisch.reihe.erinnerung_tage_vorher)
        if faellig > jetzt:
            continue
        if Stammtisch.objects.filter(pk=stammtisch.pk, erinnert_am__isnull=True).update(
            erinnert_am=jetzt
        ):
            erinnerung_versenden.enqueue(stammtisch_id=stammtisch.pk)
            erinnert.append(stammtisch)
    return erinnert


@transaction.atomic
def absagen(*, stammtisch: Stammtisch, grund: str) -> Stammtisch:
    """Cancel the meeting with a reason people will read.

    Side effects: Termin status abgesagt with the reason (sequence + 1), open host
    requests withdrawn; if invitations went out, :func:`absagen_versenden` is enqueued
    (one mail per address, with a cancelling .ics); if only the host was asked, the host
    gets the cancellation.
    """
    grund = (grund or "").strip()
    if not grund:
        raise StammtischFehler(_("Please tell people why the meeting is cancelled."))
    stammtisch = Stammtisch.objects.select_for_update().get(pk=stammtisch.pk)
    if stammtisch.termin.abgesagt:
        raise StammtischFehler(_("This meeting is already cancelled."))
    Termin.objects.filter(pk=stammtisch.termin_id).update(
        status=Termin.Status.ABGESAGT,
        absage_grund=grund,
        sequence=F("sequence") + 1,
        geaendert=timezone.now(),
    )
    stammtisch.termin.refresh_from_db()
    stammtisch.anfragen.filter(antwort=GastgeberAnfrage.Antwort.OFFEN).update(
        antwort=GastgeberAnfrage.Antwort.ZURUECKGEZOGEN
    )
    if stammtisch.eingeladen_am is not None:
        absagen_versenden.enqueue(stammtisch_id=stammtisch.pk)
    elif stammtisch.gastgeber and stammtisch.gastgeber_status in (
        Stammtisch.GastgeberStatus.ANGEFRAGT,
        Stammtisch.GastgeberStatus.ZUGESAGT,
    ):
        adressen = gastgeber_adressen(stammtisch.gastgeber)
        if adressen:
            mail_senden(an=adressen, vorlage=f"{MAIL}/absage", kontext=_mailkontext(stammtisch))
    return stammtisch


# ------------------------------------------------------------------------------- RSVP


@dataclass(frozen=True)
class LinkDaten:
    """What a signed answer link stands for."""

    stammtisch: Stammtisch
    email: str
    akteur: Akteur | None


def rueckmeldung_link_laden(token: str) -> LinkDaten:
    """Check a signed answer link; raises UngueltigerLink. No side effects."""
    try:
        daten = signing.loads(
            token, salt=SALT_RUECKMELDUNG, max_age=RUECKMELDUNG_GUELTIG.total_seconds()
        )
    except signing.SignatureExpired as exc:
        raise UngueltigerLink(
            _("This link has expired. Please log in to answer, or ask the coordination team.")
        ) from exc
    except signing.BadSignature as exc:
        raise UngueltigerLink(
            _("This link is not valid. Please copy it completely from the e-mail.")
        ) from exc
    stammtisch = Stammtisch.objects.fuer_listen().filter(pk=daten.get("s")).first()
    if stammtisch is None:
        raise UngueltigerLink(_("This meeting no longer exists."))
    akteur = Akteur.objects.filter(pk=daten.get("a")).first() if daten.get("a") else None
    return LinkDaten(stammtisch, daten["e"], akteur)


def antworten_moeglich(stammtisch: Stammtisch, jetzt: datetime | None = None) -> bool:
    return not stammtisch.termin.abgesagt and stammtisch.termin.ende > (jetzt or timezone.now())


def rsvp_setzen(
    *,
    stammtisch: Stammtisch,
    email: str,
    antwort: str,
    user=None,
    akteur: Akteur | None = None,
) -> Rueckmeldung:
    """Record (or change) the answer of `email` for `stammtisch`.

    Side effects: writes one Rueckmeldung per meeting and address (an existing one is
    updated). A known user is linked by address; without `akteur` their first Akteur in
    the rotation pool is taken.
    """
    if antwort not in Rueckmeldung.Antwort.values:
        raise StammtischFehler(_("Please choose yes, maybe or no."))
    if not antworten_moeglich(stammtisch):
        raise StammtischFehler(_("This meeting is over or cancelled; answers are closed."))
    email = email.strip().lower()
    if user is None:
        user = get_user_model().objects.filter(email__iexact=email).first()
    if akteur is None and user is not None:
        akteur = (
            Akteur.objects.filter(
                mitgliedschaften__user=user, stammtisch_teilnahmen__reihe=stammtisch.reihe_id
            )
            .order_by("name")
            .first()
        )
    rueckmeldung, _neu = Rueckmeldung.objects.update_or_create(
        stammtisch=stammtisch,
        email=email,
        defaults={"antwort": antwort, "user": user, "akteur": akteur},
    )
    return rueckmeldung


def rsvp_per_link(*, token: str, antwort: str) -> Rueckmeldung:
    """Record the answer given through a signed mail link (no login needed).

    Side effects: see :func:`rsvp_setzen`; raises UngueltigerLink for a bad link.
    """
    daten = rueckmeldung_link_laden(token)
    return rsvp_setzen(
        stammtisch=daten.stammtisch, email=daten.email, antwort=antwort, akteur=daten.akteur
    )


def rueckmeldungen_zaehlen(stammtisch: Stammtisch) -> dict[str, int]:
    """How many said yes, maybe and no (one query)."""
    zahlen = stammtisch.rueckmeldungen.aggregate(
        **{wert: Count("pk", filter=Q(antwort=wert)) for wert in Rueckmeldung.Antwort.values}
    )
    return {wert: zahlen[wert] or 0 for wert in Rueckmeldung.Antwort.values}


# ------------------------------------------------------------------- topics and agenda


def thema_einreichen(
    *,
    stammtisch: Stammtisch,
    titel: str,
    beschreibung: str = "",
    von=None,
    akteur: Akteur | None = None,
) -> Thema:
    """Submit a topic for the meeting's agenda; coordinators accept and order it.

    Side effects: writes a Thema (status eingereicht, placed after the others) and
    mails the series' coordinators.
    """
    if not antworten_moeglich(stammtisch):
        raise StammtischFehler(_("This meeting is over or cancelled; topics are closed."))
    letzte = stammtisch.themen.order_by("-reihenfolge").values_list("reihenfolge", flat=True)
    thema = Thema.objects.create(
        stammtisch=stammtisch,
        titel=titel.strip(),
        beschreibung=beschreibung.strip(),
        eingereicht_von=von if getattr(von, "is_authenticated", False) else None,
        akteur=akteur,
        reihenfolge=(letzte.first() or 0) + 1,
    )
    adressen = _koordination_adressen(stammtisch.reihe)
    if adressen:
        mail_senden(
            an=adressen,
            vorlage=f"{MAIL}/thema_eingereicht",
            kontext={
                "stammtisch": stammtisch,
                "termin": stammtisch.termin,
                "thema": thema,
                "admin_link": settings.SITE_URL
                + reverse("admin:termine_stammtisch_change", args=[stammtisch.pk]),
            },
        )
    return thema


@dataclass(frozen=True)
class Tagesordnungspunkt:
    """One item of the agenda, in the network's fixed running order."""

    nummer: int
    art: str
    titel: str
    text: str = ""
    themen: tuple[Thema, ...] = ()
    punkte: tuple[str, ...] = ()
    terminabgleich: tuple[terminabgleich.ClashDay, ...] = field(default_factory=tuple)


def tagesordnung(*, stammtisch: Stammtisch, fuer) -> list[Tagesordnungspunkt]:
    """The agenda in the network's running order: the host presents itself, a round of
    introductions, the accepted topics (in the coordinators' order), the series'
    recurring topics, and the Terminabgleich for the coming months.

    The Terminabgleich lists only dates `fuer` (the reader) may see: the visitor of a
    page, ``AnonymousUser()`` for mails (invitations also go to addresses outside the
    network); ``None`` only in the coordinators' back office. No side effects."""
    tag = timezone.localdate(stammtisch.termin.start)
    gastgeber = stammtisch.gastgeber
    punkte = [
        (
            "gastgeber",
            _("The host introduces itself"),
            str(gastgeber) if gastgeber else _("Host still open"),
            {},
        ),
        ("vorstellung", _("Round of introductions"), _("Who is here, and what is new?"), {}),
        (
            "themen",
            _("Topics from the actors"),
            "",
            {"themen": tuple(stammtisch.themen.angenommen().select_related("akteur"))},
        ),
        (
            "wiederkehrend",
            _("Recurring topics"),
            "",
            {"punkte": tuple(stammtisch.reihe.wiederkehrende_themen_liste)},
        ),
        (
            "terminabgleich",
            _("Terminabgleich"),
            _("Dates that clash in the coming months (until %(datum)s).")
            % {
                "datum": formats.date_format(
                    tag + timedelta(days=ABGLEICH_TAGE), "SHORT_DATE_FORMAT"
                )
            },
            {
                "terminabgleich": tuple(
                    terminabgleich_fuer_zeitraum(
                        von=tag, bis=tag + timedelta(days=ABGLEICH_TAGE), sichtbar_fuer=fuer
                    )
                )
            },
        ),
    ]
    return [
        Tagesordnungspunkt(nummer=i, art=art, titel=titel, text=text, **extra)
        for i, (art, titel, text, extra) in enumerate(punkte, start=1)
    ]


# ------------------------------------------------------------------------------ minutes


def protokoll_vorbelegen(termin: Termin) -> dict:
    """Initial values for new minutes of `termin`: the Akteure and the head count from
    the RSVP yeses, and one item per agenda point. No side effects."""
    stammtisch = Stammtisch.objects.filter(termin=termin).first()
    if stammtisch is None:
        return {"anwesende": [], "personenzahl": None, "punkte": []}
    zusagen = stammtisch.rueckmeldungen.filter(antwort=Rueckmeldung.Antwort.ZUSAGE)
    akteure = sorted({r.akteur_id for r in zusagen if r.akteur_id})
    punkte = []
    # Filled in by the coordinators in the back office.
    for punkt in tagesordnung(stammtisch=stammtisch, fuer=None):
        if punkt.art == "themen":
            punkte += [thema.titel for thema in punkt.themen]
        elif punkt.art == "wiederkehrend":
            punkte += list(punkt.punkte)
        else:
            punkte.append(punkt.titel)
    return {"anwesende": akteure, "personenzahl": zusagen.count() or None, "punkte": punkte}


# --------------------------------------------------------------------------- history


def nie_gastgeber(reihe: Stammtischreihe) -> list[Akteur]:
    """Pool Akteure that have never hosted a (not cancelled, not declined) meeting of the
    series, by name. One query."""
    gastgeber = (
        Stammtisch.objects.filter(reihe=reihe, gastgeber__isnull=False)
        .nicht_abgesagt()
        .vergangene()
        .exclude(gastgeber_status=Stammtisch.GastgeberStatus.ABGELEHNT)
        .values("gastgeber_id")
    )
    return list(
        Akteur.objects.filter(stammtisch_teilnahmen__reihe=reihe)
        .exclude(pk__in=gastgeber)
        .order_by("name")
    )
