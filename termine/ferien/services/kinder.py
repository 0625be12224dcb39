"""Children: saving and deleting, freeing their places, the family's data export."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import ist_koordination
from termine.ferien.datenschutz import DATENSCHUTZ_VERSION
from termine.ferien.services.anmelden import (
    AnmeldungNichtMoeglich,
    _gesperrt,
    _mail_an_familie,
    anmelden,
)
from termine.ferien.services.stornieren import _nachruecken, _positionen_schliessen
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Einwilligung,
    Kind,
)

# ------------------------------------------------------------------------------ children


@transaction.atomic
def kind_speichern(
    *,
    kind: Kind,
    eltern,
    sorgeberechtigt: bool,
    hinweise_teilen: bool,
    jetzt: datetime | None = None,
) -> Kind:
    """Create or update a child of `eltern` with the family's confirmations.

    A new child needs the confirmation "Ich bin sorgeberechtigt oder handle mit
    Einverständnis". Notes are only stored with the separate consent; withdrawing it erases
    them here and in the child's active registrations.

    Side effects: writes the Kind; one Einwilligung row per confirmation newly given (with
    DATENSCHUTZ_VERSION); clears shared notes on withdrawal.
    """
    jetzt = jetzt or timezone.now()
    neu = kind.pk is None
    if neu and not sorgeberechtigt:
        raise ValueError("A new child needs the guardian's confirmation.")
    kind.eltern = eltern
    hatte_einwilligung = kind.hinweise_einwilligung_am is not None
    if hinweise_teilen and kind.hinweise.strip():
        kind.hinweise_einwilligung_am = kind.hinweise_einwilligung_am or jetzt
    else:
        kind.hinweise = ""
        kind.hinweise_einwilligung_am = None
    kind.save()
    if sorgeberechtigt and (
        neu
        or not kind.einwilligungen.filter(
            art=Einwilligung.Art.SORGEBERECHTIGT, version=DATENSCHUTZ_VERSION
        ).exists()
    ):
        Einwilligung.objects.create(
            kind=kind,
            art=Einwilligung.Art.SORGEBERECHTIGT,
            version=DATENSCHUTZ_VERSION,
            erteilt_am=jetzt,
            erteilt_von=eltern,
        )
    if kind.hinweise_einwilligung_am and not hatte_einwilligung:
        Einwilligung.objects.create(
            kind=kind,
            art=Einwilligung.Art.HINWEISE,
            version=DATENSCHUTZ_VERSION,
            erteilt_am=jetzt,
            erteilt_von=eltern,
        )
    if kind.hinweise_einwilligung_am is None:
        Anmeldung.objects.aktiv().filter(kind=kind).update(hinweise="")
    return kind


def fuer_familie_anmelden(
    *,
    durchfuehrung: Durchfuehrung,
    von,
    notfall_telefon: str,
    kind: Kind | None = None,
    neues_kind: Kind | None = None,
    schwimmer: bool = False,
    jetzt: datetime | None = None,
) -> Anmeldung:
    """A coordinator registers a child who came by phone or on paper.

    Either `kind` (a child already known) or `neues_kind` (an unsaved Kind without an
    account: names, date of birth, the guardian's name and address) whose guardian confirmed
    parental responsibility to the coordinator. Refused (AnmeldungNichtMoeglich) for anybody
    but a coordinator and for everything :func:`anmelden` refuses.

    Side effects: one transaction: for a new child writes the Kind (with the emergency phone
    and the swimming ability) and its Einwilligung "sorgeberechtigt" (DATENSCHUTZ_VERSION,
    given by `von`), then everything :func:`anmelden` writes and sends. When the
    registration is refused, nothing is written, not even the new child.
    """
    if not ist_koordination(von):
        raise AnmeldungNichtMoeglich("fremd", _("Only the coordination team can do this."))
    if (kind is None) == (neues_kind is None):
        raise ValueError("Give either a known child or a new one.")
    jetzt = jetzt or timezone.now()
    with transaction.atomic():
        if neues_kind is not None:
            kind = neues_kind
            kind.eltern = None
            kind.notfall_telefon = notfall_telefon
            kind.schwimmer = True if schwimmer else None
            kind.save()
            Einwilligung.objects.create(
                kind=kind,
                art=Einwilligung.Art.SORGEBERECHTIGT,
                version=DATENSCHUTZ_VERSION,
                erteilt_am=jetzt,
                erteilt_von=von,
            )
        return anmelden(
            kind=kind,
            durchfuehrung=durchfuehrung,
            von=von,
            notfall_telefon=notfall_telefon,
            schwimmer=schwimmer,
            jetzt=jetzt,
        )


def kind_loeschen(*, kind: Kind) -> None:
    """Delete a child and all its registrations at once (the family's right, any time).

    Side effects: frees its places (see :func:`plaetze_freigeben`), deletes the Kind, its
    consents and registrations.
    """
    with transaction.atomic():
        kind.delete()


def plaetze_freigeben(*, kind: Kind, jetzt: datetime | None = None) -> None:
    """Before a child disappears: its confirmed places go to the waiting lists.

    Side effects: for each active registration of the child, the occasion is locked, the
    registration cancelled, the waiting list moves up; mails to the families who move up.
    """
    jetzt = jetzt or timezone.now()
    nachgerueckt = []
    with transaction.atomic():
        for anmeldung in (
            Anmeldung.objects.aktiv().filter(kind=kind).select_related("durchfuehrung")
        ):
            durchfuehrung = _gesperrt(
                Durchfuehrung.objects.select_related("termin").filter(pk=anmeldung.durchfuehrung_id)
            ).get()
            Anmeldung.objects.filter(pk=anmeldung.pk).update(
                status=Anmeldung.Status.STORNIERT, warteliste_position=None, storniert_am=jetzt
            )
            nachgerueckt += _nachruecken(durchfuehrung, jetzt)
            _positionen_schliessen(durchfuehrung)
    for anm in nachgerueckt:
        _mail_an_familie(anm, "nachgerueckt")


def vor_dem_loeschen_eines_kindes(sender, instance: Kind, **kwargs) -> None:
    """pre_delete receiver (connected in TermineConfig.ready): frees the child's places.

    Also when the family deletes the whole account (netzwerk.services.konto_loeschen):
    nobody should keep waiting for a place held by a child that no longer exists."""
    plaetze_freigeben(kind=instance)


def daten_export(*, user) -> dict[str, Any]:
    """Everything the Ferienkalender stores about `user`'s family, as JSON-ready data.

    Side effects: none (reads).
    """
    kinder = []
    for kind in Kind.objects.filter(eltern=user).prefetch_related(
        "einwilligungen",
        "anmeldungen__durchfuehrung__termin",
        "anmeldungen__durchfuehrung__angebot",
    ):
        kinder.append(
            {
                "vorname": kind.vorname,
                "nachname": kind.nachname,
                "geburtsdatum": kind.geburtsdatum.isoformat() if kind.geburtsdatum else None,
                "notfall_telefon": kind.notfall_telefon,
                "hinweise": kind.hinweise,
                "hinweise_einwilligung_am": _iso(kind.hinweise_einwilligung_am),
                "schwimmer": kind.schwimmer,
                "erstellt": _iso(kind.erstellt),
                "einwilligungen": [
                    {"art": e.art, "version": e.version, "erteilt_am": _iso(e.erteilt_am)}
                    for e in kind.einwilligungen.all()
                ],
                "anmeldungen": [
                    {
                        "angebot": a.durchfuehrung.angebot.titel,
                        "beginn": _iso(a.durchfuehrung.termin.start),
                        "status": a.status,
                        "warteliste_position": a.warteliste_position,
                        "alter": a.alter,
                        "notfall_telefon": a.notfall_telefon,
                        "hinweise": a.hinweise,
                        "anwesend": a.anwesend,
                        "erstellt": _iso(a.erstellt),
                    }
                    for a in kind.anmeldungen.all()
                ],
            }
        )
    return {
        "exportiert_am": _iso(timezone.now()),
        "konto": {"email": user.email, "anzeigename": user.anzeigename},
        "datenschutz_version": DATENSCHUTZ_VERSION,
        "kinder": kinder,
    }


def _iso(wert: datetime | None) -> str | None:
    return timezone.localtime(wert).isoformat() if wert else None
