"""Workflows of the shared pool: offer an item, ask for it, answer, hand over, take back.

Concurrency of accepting: :func:`ausleihe_annehmen` locks the item's row
(``select_for_update``) before it looks for free units, so two members answering two
requests for the same days at the same moment queue on that row and the second one sees the
first one's Belegungen. On SQLite ``select_for_update`` is a no-op; the database's IMMEDIATE
transaction mode (settings) serialises all writers there, which gives the same guarantee. On
PostgreSQL the exclusion constraint ``belegung_ohne_ueberschneidung`` is the last line: if a
Belegung still collides (it never should while the lock is on), the database refuses it, the
service logs a warning and answers "no longer free".

``RESSOURCEN_OHNE_SPERRE = True`` (test settings only) switches the row lock off, so that the
parallel test's control run can show the race the lock prevents: 30 real parallel requests
collide without it (tests/vereine/ressourcen/test_parallel.py). The path itself has no
test-only pause.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netzwerk.mail import mail_senden
from netzwerk.zeit import kurzes_datum
from termine.models import Termin
from vereine.bilder import ersetztes_bild_entfernen
from vereine.models import Akteur, Mitgliedschaft
from vereine.ressourcen.models import (
    Ausleihe,
    Belegung,
    Ressource,
    RessourcenEinheit,
    Uebergabe,
    Zustandseintrag,
)
from vereine.ressourcen.verfuegbarkeit import einheiten_waehlen

logger = logging.getLogger(__name__)

# Requests nobody answered for this long wait for a coordinator (admin start page).
UNBEANTWORTET_TAGE = 7
# How far ahead a request may reach.
MAX_TAGE_VORAUS = 2 * 365
MAX_DAUER_TAGE = 60


class NichtVerfuegbar(Exception):
    """Too few units are free for the lending's days (someone else was faster)."""

    def __init__(self, *, durch_datenbank: bool = False) -> None:
        super().__init__("nicht verfügbar")
        self.durch_datenbank = durch_datenbank


def _ohne_sperre() -> bool:
    return bool(getattr(settings, "RESSOURCEN_OHNE_SPERRE", False))


def adressen_von(akteur: Akteur) -> list[str]:
    """The e-mail addresses of an actor's members (they look after its lendings)."""
    return sorted(
        set(
            Mitgliedschaft.objects.filter(akteur=akteur, user__is_active=True).values_list(
                "user__email", flat=True
            )
        )
    )


def _pfad(ausleihe: Ausleihe) -> str:
    return reverse("ressourcen:ausleihe", kwargs={"pk": ausleihe.pk})


# ------------------------------------------------------------------------------ items


def kleinste_menge(ressource: Ressource) -> int:
    """The lowest quantity the item may get: units that were ever booked keep their history."""
    if ressource.pk is None:
        return 1
    hoechste = (
        Belegung.objects.filter(einheit__ressource=ressource)
        .order_by("-einheit__nummer")
        .values_list("einheit__nummer", flat=True)
        .first()
    )
    return max(hoechste or 1, 1)


def menge_fehler(ressource: Ressource, menge: int | None) -> str | None:
    """The German message when `menge` is below `kleinste_menge` (None when it is fine)."""
    mindestens = kleinste_menge(ressource)
    if menge is not None and menge < mindestens:
        return _(
            "Unit %(nummer)s has been lent (now or before), so the quantity must stay at least "
            "%(nummer)s. Take the item out of the pool instead if you lend fewer."
        ) % {"nummer": mindestens}
    return None


def einheiten_abgleichen(*, ressource: Ressource) -> None:
    """Make the item's units match its quantity (call `menge_fehler` first).

    Side effects: creates missing units; deletes surplus units (highest numbers first).
    """
    vorhanden = set(ressource.einheiten.values_list("nummer", flat=True))
    fehlend = [n for n in range(1, ressource.menge + 1) if n not in vorhanden]
    RessourcenEinheit.objects.bulk_create(
        RessourcenEinheit(ressource=ressource, nummer=n) for n in fehlend
    )
    ressource.einheiten.filter(nummer__gt=ressource.menge).delete()


@transaction.atomic
def ressource_speichern(*, ressource: Ressource, freigegeben_fuer=None, von=None) -> Ressource:
    """Save an item (new or changed) and give it as many units as its quantity.

    Side effects: writes the item row and its list of allowed actors; creates or deletes
    units (see `einheiten_abgleichen`); a new item gets a first "ready" line in its history;
    after the commit, a photo that was replaced or removed is deleted with its thumbnails.
    """
    neu = ressource.pk is None
    altes_foto = (
        None if neu else Ressource.objects.filter(pk=ressource.pk).values_list("foto", flat=True)[0]
    )
    ressource.save()
    ersetztes_bild_entfernen(ressource.foto, altes_foto)
    if freigegeben_fuer is not None:
        ressource.freigegeben_fuer.set(freigegeben_fuer)
    einheiten_abgleichen(ressource=ressource)
    if neu:
        Zustandseintrag.objects.create(
            ressource=ressource,
            zustand=Zustandseintrag.Zustand.EINSATZBEREIT,
            text=_("Added to the pool."),
            erfasst_von=von,
        )
    return ressource


def darf_ausleihen(ressource: Ressource, akteur: Akteur) -> bool:
    """Whether `akteur` may ask for `ressource` (not its own, allowed by its owner)."""
    if akteur.pk == ressource.akteur_id or akteur.status != Akteur.Status.AKTIV:
        return False
    if ressource.ausleihbar_fuer == Ressource.Ausleihbar.ALLE:
        return True
    return ressource.freigegeben_fuer.filter(pk=akteur.pk).exists()


# --------------------------------------------------------------------------- requests

# Joint events of the network: any actor may borrow for them, not only their organisers.
GEMEINSAME_KATEGORIEN = (Termin.Kategorie.MARKTPLATZ, Termin.Kategorie.AKTIONSTAG)
TERMIN_FEHLER = _(
    "Choose one of this actor's upcoming dates or a joint event of the network, or no date."
)


def termine_zur_wahl(*, akteure, user):
    """The dates a request may name: upcoming, not cancelled dates organised by one of
    `akteure`, and the network's joint events (Markt der guten Geschäfte, Aktionstag).

    Only dates every member of the network may see (public or network-wide, released by
    their room for `user`), so that both sides of the lending can open the date's page.
    """
    return (
        Termin.objects.sichtbar_fuer(user)
        .filter(sichtbarkeit__in=[Termin.Sichtbarkeit.OEFFENTLICH, Termin.Sichtbarkeit.NETZWERK])
        .kommende()
        .nicht_abgesagt()
        .filter(Q(veranstalter__in=akteure) | Q(kategorie__in=GEMEINSAME_KATEGORIEN))
        .distinct()
        .order_by("start", "pk")
    )


def anfrage_pruefen(
    *,
    ressource: Ressource,
    akteur: Akteur | None,
    von: date,
    bis: date,
    menge: int,
    termin: Termin | None = None,
    user=None,
) -> dict[str, str]:
    """What is wrong with a request, per form field (empty when it is fine). Reads only."""
    fehler: dict[str, str] = {}
    heute = timezone.localdate()
    if akteur is not None and not darf_ausleihen(ressource, akteur):
        fehler["akteur"] = _(
            "This actor cannot borrow this item. Ask its owner to add you to the list."
        )
    if (
        termin is not None
        and akteur is not None
        and not termine_zur_wahl(akteure=[akteur], user=user).filter(pk=termin.pk).exists()
    ):
        fehler["termin"] = TERMIN_FEHLER
    if bis < von:
        fehler["bis"] = _("The last day is before the first day. Please check both dates.")
    elif (bis - von).days + 1 > MAX_DAUER_TAGE:
        fehler["bis"] = _("At most %(tage)s days at a time. Please ask for a shorter period.") % {
            "tage": MAX_DAUER_TAGE
        }
    if von < ressource.frueheste_abholung(heute):
        fehler["von"] = ngettext(
            "The owner needs %(tage)d day's notice: the earliest first day is %(datum)s.",
            "The owner needs %(tage)d days' notice: the earliest first day is %(datum)s.",
            ressource.vorlauf_tage,
        ) % {
            "tage": ressource.vorlauf_tage,
            "datum": kurzes_datum(ressource.frueheste_abholung(heute)),
        }
    elif von > heute + timedelta(days=MAX_TAGE_VORAUS):
        fehler["von"] = _("Please ask at most two years ahead.")
    if menge > ressource.menge:
        fehler["menge"] = _("There are only %(menge)s of them.") % {"menge": ressource.menge}
    return fehler


@transaction.atomic
def ausleihe_anfragen(
    *,
    ressource: Ressource,
    akteur: Akteur,
    von: date,
    bis: date,
    menge: int = 1,
    nachricht: str = "",
    termin: Termin | None = None,
    angefragt_von,
) -> Ausleihe:
    """Ask to borrow `menge` of `ressource` for `akteur` from `von` to `bis` (inclusive),
    optionally for `termin` (see `termine_zur_wahl`).

    Side effects: creates an Ausleihe (status angefragt); queues one mail to each member of
    the owning actor and one confirmation to the person asking. Raises ValidationError (per
    field) for a request that cannot be made.
    """
    fehler = anfrage_pruefen(
        ressource=ressource,
        akteur=akteur,
        von=von,
        bis=bis,
        menge=menge,
        termin=termin,
        user=angefragt_von,
    )
    if fehler:
        raise ValidationError(fehler)
    ausleihe = Ausleihe.objects.create(
        ressource=ressource,
        akteur=akteur,
        von=von,
        bis=bis,
        menge=menge,
        nachricht=nachricht,
        termin=termin,
        angefragt_von=angefragt_von,
    )
    kontext = {"ausleihe": ausleihe, "pfad": _pfad(ausleihe)}
    adressen = adressen_von(ressource.akteur)
    if adressen:
        mail_senden(an=adressen, vorlage="ressourcen/mail/anfrage", kontext=kontext)
    mail_senden(
        an=[angefragt_von.email], vorlage="ressourcen/mail/anfrage_bestaetigt", kontext=kontext
    )
    return ausleihe


def _antwort_mails(ausleihe: Ausleihe) -> None:
    kontext = {"ausleihe": ausleihe, "pfad": _pfad(ausleihe)}
    ausleihende = set(adressen_von(ausleihe.akteur))
    if ausleihe.angefragt_von is not None and ausleihe.angefragt_von.is_active:
        ausleihende.add(ausleihe.angefragt_von.email)
    if ausleihende:
        mail_senden(an=sorted(ausleihende), vorlage="ressourcen/mail/antwort", kontext=kontext)
    verleihende = set(adressen_von(ausleihe.ressource.akteur)) - ausleihende
    if verleihende:
        mail_senden(
            an=sorted(verleihende), vorlage="ressourcen/mail/antwort_kopie", kontext=kontext
        )


def ausleihe_annehmen(*, ausleihe: Ausleihe, von, antwort: str = "") -> Ausleihe:
    """Accept a request: hold free units for its days.

    Side effects: locks the item's row; creates one Belegung per unit; sets the status to
    angenommen with the answer; queues the answer mail to the borrowing side and a copy to the
    owner's members. Raises NichtVerfuegbar if too few units are free (nothing is written),
    ValidationError if the request is no longer open.
    """
    try:
        with transaction.atomic():
            ressource_qs = Ressource.objects.filter(pk=ausleihe.ressource_id)
            if not _ohne_sperre():
                ressource_qs = ressource_qs.select_for_update()
            ressource = ressource_qs.get()
            ausleihe = Ausleihe.objects.select_related("ressource__akteur", "akteur").get(
                pk=ausleihe.pk
            )
            if ausleihe.status != Ausleihe.Status.ANGEFRAGT:
                raise ValidationError(_("This request has already been answered."))
            einheiten = list(ressource.einheiten.order_by("nummer").values_list("pk", flat=True))
            buchungen = list(
                Belegung.objects.filter(
                    einheit__ressource=ressource, von__lte=ausleihe.bis, bis__gte=ausleihe.von
                ).values_list("einheit", "von", "bis")
            )
            gewaehlt = einheiten_waehlen(
                einheiten, buchungen, ausleihe.von, ausleihe.bis, ausleihe.menge
            )
            if gewaehlt is None:
                raise NichtVerfuegbar()
            Belegung.objects.bulk_create(
                Belegung(ausleihe=ausleihe, einheit_id=e, von=ausleihe.von, bis=ausleihe.bis)
                for e in gewaehlt
            )
            ausleihe.status = Ausleihe.Status.ANGENOMMEN
            ausleihe.antwort = antwort
            ausleihe.beantwortet_am = timezone.now()
            ausleihe.beantwortet_von = von
            ausleihe.save()
            _antwort_mails(ausleihe)
    except IntegrityError:
        # The exclusion constraint refused an overlapping Belegung (PostgreSQL).
        logger.warning("belegung_ohne_ueberschneidung refused lending %s", ausleihe.pk)
        raise NichtVerfuegbar(durch_datenbank=True) from None
    return ausleihe


@transaction.atomic
def ausleihe_ablehnen(*, ausleihe: Ausleihe, von, antwort: str) -> Ausleihe:
    """Decline a request with a message.

    Side effects: sets the status to abgelehnt with the answer; queues the answer mail to the
    borrowing side and a copy to the owner's members.
    """
    ausleihe = Ausleihe.objects.select_for_update().get(pk=ausleihe.pk)
    if ausleihe.status != Ausleihe.Status.ANGEFRAGT:
        raise ValidationError(_("This request has already been answered."))
    ausleihe.status = Ausleihe.Status.ABGELEHNT
    ausleihe.antwort = antwort
    ausleihe.beantwortet_am = timezone.now()
    ausleihe.beantwortet_von = von
    ausleihe.save()
    _antwort_mails(ausleihe)
    return ausleihe


@transaction.atomic
def ausleihe_zurueckziehen(*, ausleihe: Ausleihe, von) -> Ausleihe:
    """The borrowing side withdraws a request or an accepted lending not yet handed over.

    Side effects: sets the status to zurueckgezogen; deletes its Belegungen (the units are
    free again); queues one mail to the owner's members.
    """
    ausleihe = Ausleihe.objects.select_for_update().get(pk=ausleihe.pk)
    if ausleihe.status not in (Ausleihe.Status.ANGEFRAGT, Ausleihe.Status.ANGENOMMEN):
        raise ValidationError(_("This lending cannot be withdrawn any more."))
    ausleihe.status = Ausleihe.Status.ZURUECKGEZOGEN
    ausleihe.save()
    ausleihe.belegungen.all().delete()
    adressen = adressen_von(ausleihe.ressource.akteur)
    if adressen:
        mail_senden(
            an=adressen,
            vorlage="ressourcen/mail/zurueckgezogen",
            kontext={"ausleihe": ausleihe, "pfad": _pfad(ausleihe), "von": von},
        )
    return ausleihe


# ------------------------------------------------------------------ handover and return


@transaction.atomic
def uebergabe_erfassen(*, uebergabe: Uebergabe, von) -> Uebergabe:
    """Record the checklist at handover or return (the form filled `uebergabe`).

    Side effects: saves the Uebergabe; sets the lending to ausgegeben or zurueckgegeben;
    writes a line in the item's history (lent out / ready / incomplete / damaged).
    """
    ausleihe = Ausleihe.objects.select_for_update().get(pk=uebergabe.ausleihe_id)
    erwartet = {
        Uebergabe.Art.AUSGABE: Ausleihe.Status.ANGENOMMEN,
        Uebergabe.Art.RUECKGABE: Ausleihe.Status.AUSGEGEBEN,
    }[uebergabe.art]
    if ausleihe.status != erwartet:
        raise ValidationError(_("This step has already been recorded."))
    uebergabe.erfasst_von = von
    uebergabe.save()
    if uebergabe.art == Uebergabe.Art.AUSGABE:
        ausleihe.status = Ausleihe.Status.AUSGEGEBEN
        zustand = Zustandseintrag.Zustand.AUSGELIEHEN
    else:
        ausleihe.status = Ausleihe.Status.ZURUECKGEGEBEN
        zustand = Zustandseintrag.Zustand.EINSATZBEREIT
    if uebergabe.schaden:
        zustand = Zustandseintrag.Zustand.BESCHAEDIGT
    elif not uebergabe.vollstaendig:
        zustand = Zustandseintrag.Zustand.UNVOLLSTAENDIG
    ausleihe.save()
    Zustandseintrag.objects.create(
        ressource_id=ausleihe.ressource_id,
        zustand=zustand,
        text=uebergabe.notiz,
        ausleihe=ausleihe,
        erfasst_von=von,
    )
    return uebergabe


def zustand_erfassen(*, ressource: Ressource, zustand: str, text: str, von) -> Zustandseintrag:
    """Note a state of the item outside a lending (e.g. repaired).

    Side effects: writes one line in the item's history.
    """
    return Zustandseintrag.objects.create(
        ressource=ressource, zustand=zustand, text=text, erfasst_von=von
    )


def rueckgabe_erinnern(*, heute: date | None = None) -> int:
    """Remind the borrowing side on the last day of each lending that is out (or accepted).

    Side effects: queues one mail per lending to the borrower's members and the person who
    asked; marks the lending as reminded (once per lending, safe to run repeatedly).
    Returns the number of lendings reminded.
    """
    heute = heute or timezone.localdate()
    faellig = (
        Ausleihe.objects.belegend()
        .filter(bis=heute, erinnert_am__isnull=True)
        .select_related("ressource__akteur", "akteur", "angefragt_von")
    )
    anzahl = 0
    for ausleihe in faellig:
        adressen = set(adressen_von(ausleihe.akteur))
        if ausleihe.angefragt_von is not None and ausleihe.angefragt_von.is_active:
            adressen.add(ausleihe.angefragt_von.email)
        with transaction.atomic():
            if adressen:
                mail_senden(
                    an=sorted(adressen),
                    vorlage="ressourcen/mail/erinnerung",
                    kontext={"ausleihe": ausleihe, "pfad": _pfad(ausleihe)},
                )
            Ausleihe.objects.filter(pk=ausleihe.pk).update(erinnert_am=heute)
        anzahl += 1
    return anzahl
