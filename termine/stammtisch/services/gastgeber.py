"""The host: requests by signed link, answers, choosing and the next proposal."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.mail import mail_senden
from netzwerk.signierte_links import link_laden
from termine.models import GastgeberAnfrage, Stammtisch, Stammtischreihe
from termine.stammtisch import rotation
from termine.stammtisch.services.planung import (
    GASTGEBER_GUELTIG,
    MAIL,
    SALT_GASTGEBER,
    StammtischFehler,
    UngueltigerLink,
    _historie,
    _ort_vom_gastgeber,
    _pool,
)
from vereine.models import Akteur, Mitgliedschaft

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
    daten = link_laden(
        token,
        salt=SALT_GASTGEBER,
        gueltig=GASTGEBER_GUELTIG,
        fehler=UngueltigerLink,
        abgelaufen=_("This link has expired. Please ask the coordination team for a new one."),
        ungueltig=_("This link is not valid. Please copy it completely from the e-mail."),
    )
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
