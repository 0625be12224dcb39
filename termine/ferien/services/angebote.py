"""Offers and occasions: saving, submitting, publishing, copying; the read side for pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.mail import mail_senden
from netzwerk.models import Netzwerkprofil
from termine import services as termine_dienste
from termine.ferien.services.anmelden import AnmeldungNichtMoeglich, _gesperrt, _mail_an_familie
from termine.ferien.services.stornieren import _nachruecken, _positionen_schliessen
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Ferienangebot,
    Ferienzeitraum,
    Kind,
    Termin,
)

# -------------------------------------------------------------------- offers and occasions


def _termin_sichtbarkeit(angebot: Ferienangebot) -> str:
    # Occasions of unpublished offers stay out of the public calendar.
    if angebot.veroeffentlicht:
        return Termin.Sichtbarkeit.OEFFENTLICH
    return Termin.Sichtbarkeit.NETZWERK


def _termine_angleichen(angebot: Ferienangebot) -> None:
    Termin.objects.filter(durchfuehrung__angebot=angebot).update(
        titel=angebot.titel,
        beschreibung=angebot.beschreibung,
        ort=angebot.ort,
        ortsteil=angebot.ortsteil,
        sichtbarkeit=_termin_sichtbarkeit(angebot),
        sequence=F("sequence") + 1,
        geaendert=timezone.now(),
    )


@transaction.atomic
def angebot_speichern(*, angebot: Ferienangebot, von) -> Ferienangebot:
    """Create or update an offer (already validated by its form).

    Side effects: writes the Ferienangebot; its occasions' Termine take over title, place and
    visibility (sequence + 1 so subscribed calendars update).
    """
    if angebot.pk is None:
        angebot.erstellt_von = von
    angebot.save()
    _termine_angleichen(angebot)
    return angebot


@transaction.atomic
def durchfuehrung_speichern(
    *,
    angebot: Ferienangebot,
    start: datetime,
    ende: datetime,
    max_plaetze: int | None,
    min_plaetze: int = 0,
    von,
    durchfuehrung: Durchfuehrung | None = None,
) -> Durchfuehrung:
    """Create or change an occasion and its Termin (category "Kinder und Jugend").

    Side effects: writes the Termin (organiser: the offer's Akteur) and the Durchfuehrung;
    when places were added, children on the waiting list move up (mails to their families).
    """
    jetzt = timezone.now()
    if durchfuehrung is None:
        termin = Termin.objects.create(
            titel=angebot.titel,
            beschreibung=angebot.beschreibung,
            start=start,
            ende=ende,
            ort=angebot.ort,
            ortsteil=angebot.ortsteil,
            kategorie=Termin.Kategorie.KINDER_JUGEND,
            sichtbarkeit=_termin_sichtbarkeit(angebot),
            status=Termin.Status.BESTAETIGT,
            erstellt_von=von if getattr(von, "is_authenticated", False) else None,
        )
        termin.veranstalter.add(angebot.akteur)
        return Durchfuehrung.objects.create(
            angebot=angebot, termin=termin, min_plaetze=min_plaetze, max_plaetze=max_plaetze
        )
    durchfuehrung = _gesperrt(Durchfuehrung.objects.filter(pk=durchfuehrung.pk)).get()
    Termin.objects.filter(pk=durchfuehrung.termin_id).update(
        start=start, ende=ende, sequence=F("sequence") + 1, geaendert=jetzt
    )
    durchfuehrung.min_plaetze = min_plaetze
    durchfuehrung.max_plaetze = max_plaetze
    durchfuehrung.save(update_fields=["min_plaetze", "max_plaetze"])
    durchfuehrung.termin.refresh_from_db()
    nachgerueckt = _nachruecken(durchfuehrung, jetzt)
    _positionen_schliessen(durchfuehrung)
    transaction.on_commit(lambda: [_mail_an_familie(anm, "nachgerueckt") for anm in nachgerueckt])
    return durchfuehrung


@transaction.atomic
def durchfuehrung_loeschen(*, durchfuehrung: Durchfuehrung) -> None:
    """Delete an occasion nobody registered for, with its Termin.

    Side effects: deletes the Durchfuehrung and its Termin. Raises AnmeldungNichtMoeglich
    when registrations exist (then cancel it instead, so families are told).
    """
    if durchfuehrung.anmeldungen.exists():
        raise AnmeldungNichtMoeglich(
            "hat_anmeldungen",
            _("Children are registered for this occasion. Cancel it instead, then they are told."),
        )
    termin = durchfuehrung.termin
    durchfuehrung.delete()
    termin.delete()


def angebot_einreichen(*, angebot: Ferienangebot, von) -> None:
    """The provider asks the coordinators to publish the offer.

    Refused (AnmeldungNichtMoeglich, code ``ohne_termine``, with a German message) while
    the offer has no occasion that is not cancelled: families could not find a date.

    Side effects: status eingereicht; one mail to the coordination contact (if set).
    """
    if angebot.status != Ferienangebot.Status.ENTWURF:
        return
    if not angebot.durchfuehrungen.exclude(termin__status=Termin.Status.ABGESAGT).exists():
        raise AnmeldungNichtMoeglich(
            "ohne_termine",
            _("Please add at least one date before you submit the offer."),
        )
    angebot.status = Ferienangebot.Status.EINGEREICHT
    angebot.save(update_fields=["status", "geaendert"])
    profil = Netzwerkprofil.aktuell()
    if profil.kontakt_email:
        mail_senden(
            an=[profil.kontakt_email],
            vorlage="termine/ferien/mail/eingereicht",
            kontext={"angebot": angebot, "von": von},
        )


@dataclass(frozen=True)
class TerminZeile:
    """One occasion as the offer form sends it: new (`durchfuehrung` None), changed, or to
    be deleted (`loeschen`)."""

    start: datetime | None
    ende: datetime | None
    max_plaetze: int | None = None
    min_plaetze: int = 0
    durchfuehrung: Durchfuehrung | None = None
    loeschen: bool = False
    geaendert: bool = True


class TerminFehler(Exception):
    """An occasion of the offer form could not be saved; `index` is its row."""

    def __init__(self, index: int, nachricht: str) -> None:
        super().__init__(nachricht)
        self.index = index
        self.nachricht = nachricht


@transaction.atomic
def angebot_mit_terminen_speichern(
    *, angebot: Ferienangebot, zeilen: list[TerminZeile], von
) -> Ferienangebot:
    """Save an offer and its occasions from one form, all or nothing.

    Side effects: :func:`angebot_speichern`; per row :func:`durchfuehrung_speichern` (new or
    changed occasion: writes its Termin and Durchfuehrung, moves up waiting children) or
    :func:`durchfuehrung_loeschen`. A row that cannot be saved (an occasion with
    registrations cannot be deleted) raises TerminFehler with its index and rolls back
    everything, so the form can show the reason next to the row.
    """
    angebot = angebot_speichern(angebot=angebot, von=von)
    for index, zeile in enumerate(zeilen):
        if zeile.loeschen:
            if zeile.durchfuehrung is not None:
                try:
                    durchfuehrung_loeschen(durchfuehrung=zeile.durchfuehrung)
                except AnmeldungNichtMoeglich as e:
                    raise TerminFehler(index, e.nachricht) from None
            continue
        if zeile.start is None or zeile.ende is None:
            continue
        if zeile.durchfuehrung is not None and not zeile.geaendert:
            continue
        durchfuehrung_speichern(
            angebot=angebot,
            start=zeile.start,
            ende=zeile.ende,
            max_plaetze=zeile.max_plaetze,
            min_plaetze=zeile.min_plaetze,
            von=von,
            durchfuehrung=zeile.durchfuehrung,
        )
    return angebot


def durchfuehrung_abgleichen(
    *,
    angebot: Ferienangebot,
    start: datetime,
    ende: datetime,
    von,
    akteur_id: int | None = None,
    eigene_termin_ids: frozenset[int] = frozenset(),
) -> list[termine_dienste.Konflikt]:
    """The Terminabgleich for one occasion of `angebot` as typed (saved or not).

    Runs :func:`termine.services.terminabgleich_pruefen` for a Termin like the one
    :func:`durchfuehrung_speichern` writes (category Kinder und Jugend, the offer's place,
    organised by its Akteur), only over what `von` may see; the offer's own occasions
    (`eigene_termin_ids`) are left out. Returns its Konflikt list, most important first.
    No side effects.
    """
    if ende <= start:
        return []
    termin = Termin(
        titel=angebot.titel,
        start=start,
        ende=ende,
        ort=angebot.ort,
        ortsteil_id=angebot.ortsteil_id,
        kategorie=Termin.Kategorie.KINDER_JUGEND,
        sichtbarkeit=_termin_sichtbarkeit(angebot),
        status=Termin.Status.BESTAETIGT,
    )
    akteur_id = akteur_id or angebot.akteur_id
    konflikte = termine_dienste.terminabgleich_pruefen(
        termin=termin,
        veranstalter_ids=[akteur_id] if akteur_id else [],
        sichtbar_fuer=von,
    )
    return [k for k in konflikte if k.termin is None or k.termin.pk not in eigene_termin_ids]


@transaction.atomic
def angebot_veroeffentlichen(*, angebot: Ferienangebot, von) -> None:
    """A coordinator publishes an offer. Side effects: status veröffentlicht; its Termine
    become public."""
    angebot.status = Ferienangebot.Status.VEROEFFENTLICHT
    angebot.save(update_fields=["status", "geaendert"])
    _termine_angleichen(angebot)


@transaction.atomic
def angebot_zuruecksetzen(*, angebot: Ferienangebot, von) -> None:
    """Back to draft (e.g. when the text needs work). Side effects: status Entwurf; its
    Termine leave the public calendar."""
    angebot.status = Ferienangebot.Status.ENTWURF
    angebot.save(update_fields=["status", "geaendert"])
    _termine_angleichen(angebot)


@transaction.atomic
def angebot_kopieren(*, angebot: Ferienangebot, zeitraum: Ferienzeitraum, von) -> Ferienangebot:
    """Copy an offer of an earlier period into `zeitraum` as a draft.

    Occasions are copied too, moved by whole weeks so that they keep their weekday and time
    and land as close as possible to the same place in the new period.

    Side effects: writes a new Ferienangebot (kopiert_von), its Durchfuehrungen and Termine,
    and a re-encoded copy of the image.
    """
    alt_id = angebot.pk
    original = Ferienangebot.objects.get(pk=alt_id)
    neu = Ferienangebot.objects.get(pk=alt_id)
    neu.pk = None
    neu.zeitraum = zeitraum
    neu.ferienwoche = None
    neu.status = Ferienangebot.Status.ENTWURF
    neu.kopiert_von = original
    neu.erstellt_von = von
    neu.bild = None
    neu.save()
    if original.bild:
        try:
            with original.bild.open("rb") as datei:
                neu.bild.save("bild", ContentFile(datei.read()), save=True)
        except (OSError, ValueError):
            neu.bild_alt = ""
            neu.save(update_fields=["bild_alt"])
    wochen = round((zeitraum.beginn - original.zeitraum.beginn).days / 7)
    verschiebung = timedelta(weeks=wochen)
    for durchfuehrung in original.durchfuehrungen.select_related("termin"):
        durchfuehrung_speichern(
            angebot=neu,
            start=_gleiche_uhrzeit(durchfuehrung.termin.start, verschiebung),
            ende=_gleiche_uhrzeit(durchfuehrung.termin.ende, verschiebung),
            max_plaetze=durchfuehrung.max_plaetze,
            min_plaetze=durchfuehrung.min_plaetze,
            von=von,
        )
    return neu


def _gleiche_uhrzeit(zeitpunkt: datetime, verschiebung: timedelta) -> datetime:
    """Move by whole days keeping the local wall-clock time (across DST changes)."""
    lokal = timezone.localtime(zeitpunkt)
    return (lokal.replace(tzinfo=None) + verschiebung).replace(tzinfo=lokal.tzinfo)


# ------------------------------------------------------------------------------- read side


@dataclass(frozen=True)
class Tag:
    """One day of the day-by-day calendar with its occasions."""

    datum: date
    durchfuehrungen: list[Durchfuehrung]


def tage_mit_durchfuehrungen(
    durchfuehrungen: list[Durchfuehrung], von: date, bis: date
) -> list[Tag]:
    """Group occasions by local day (an occasion over several days shows on each)."""
    tage: dict[date, list[Durchfuehrung]] = {
        von + timedelta(days=i): [] for i in range((bis - von).days + 1)
    }
    for durchfuehrung in durchfuehrungen:
        tag = max(durchfuehrung.termin.erster_tag, von)
        while tag <= min(durchfuehrung.termin.letzter_tag, bis):
            tage[tag].append(durchfuehrung)
            tag += timedelta(days=1)
    return [Tag(datum=d, durchfuehrungen=liste) for d, liste in tage.items()]


def angebote_zum_anmelden(
    *, zeitraum: Ferienzeitraum, eltern=None, anzahl: int = 3, jetzt: datetime | None = None
) -> tuple[list[Ferienangebot], list[Kind]]:
    """The next offers of `zeitraum` a family can register for now, soonest first.

    Published, registration needed, with an occasion still to come that is not cancelled
    and has a free place. For a family with children (dates of birth known) only offers
    whose age range fits one of them on the period's first day. Each offer carries
    ``naechster`` (the start of its next such occasion). Returns the offers and the
    children at least one of them fits. No side effects; two queries (one without a family).
    """
    jetzt = jetzt or timezone.now()
    kinder = []
    if getattr(eltern, "is_authenticated", False):
        kinder = [
            k
            for k in Kind.objects.filter(eltern=eltern, geburtsdatum__isnull=False).order_by(
                "vorname", "pk"
            )
        ]
    offen = (
        Durchfuehrung.objects.filter(angebot=OuterRef("pk"), termin__start__gt=jetzt)
        .nicht_abgesagt()
        .mit_belegung()
        .filter(Q(max_plaetze__isnull=True) | Q(max_plaetze__gt=F("belegt")))
        .order_by("termin__start")
        .values("termin__start")[:1]
    )
    angebote = (
        Ferienangebot.objects.veroeffentlicht()
        .im_zeitraum(zeitraum)
        .filter(anmeldung_noetig=True)
        .annotate(naechster=Subquery(offen))
        .filter(naechster__isnull=False)
        .select_related("zeitraum")
    )
    if kinder:
        alter = {k.alter_am(zeitraum.beginn) for k in kinder}
        passend = Q()
        for a in alter:
            passend |= Q(alter_von__lte=a, alter_bis__gte=a)
        angebote = angebote.filter(passend)
    liste = list(angebote.order_by("naechster", "titel", "pk")[:anzahl])
    # Name only the children something in the list is for.
    kinder = [
        k
        for k in kinder
        if any(a.alter_von <= k.alter_am(zeitraum.beginn) <= a.alter_bis for a in liste)
    ]
    return liste, kinder


def aktive_anmeldungen_der_familie(user) -> dict[int, list[Anmeldung]]:
    """Per occasion id, the family's active registrations (one query)."""
    ergebnis: dict[int, list[Anmeldung]] = {}
    if not user.is_authenticated:
        return ergebnis
    for anmeldung in Anmeldung.objects.aktiv().filter(kind__eltern=user).select_related("kind"):
        ergebnis.setdefault(anmeldung.durchfuehrung_id, []).append(anmeldung)
    return ergebnis
