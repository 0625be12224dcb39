"""The wish phase: wishes, favourites and group codes of the families."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netzwerk.berechtigungen import ist_koordination
from termine.ferien.verlosung.services.gemeinsam import (
    CODE_LAENGE,
    CODE_ZEICHEN,
    VerlosungNichtMoeglich,
)
from termine.models import (
    Durchfuehrung,
    Ferienangebot,
    Ferienzeitraum,
    Gruppenmitglied,
    Kind,
    VerlosungsEinstellung,
    Verlosungslauf,
    Wunsch,
    Wunschgruppe,
)

# ------------------------------------------------------------------------------ wish phase


def einstellung(zeitraum: Ferienzeitraum) -> VerlosungsEinstellung:
    """The period's settings; an unsaved row with the defaults if none was stored."""
    try:
        return zeitraum.verlosung_einstellung
    except VerlosungsEinstellung.DoesNotExist:
        return VerlosungsEinstellung(zeitraum=zeitraum)


def zeitraeume_mit_offener_wunschphase(jetzt: datetime | None = None):
    """Public periods in wish mode whose wish phase is open now (one query)."""
    jetzt = jetzt or timezone.now()
    return (
        Ferienzeitraum.objects.oeffentlich(jetzt)
        .filter(modus=Ferienzeitraum.Modus.VERLOSUNG, status=Ferienzeitraum.Status.VEROEFFENTLICHT)
        .exclude(verlosungslaeufe__status=Verlosungslauf.Status.BESTAETIGT)
        .filter(
            Q(verlosung_einstellung__isnull=True)
            | (
                (
                    Q(verlosung_einstellung__wuensche_ab__isnull=True)
                    | Q(verlosung_einstellung__wuensche_ab__lte=jetzt)
                )
                & (
                    Q(verlosung_einstellung__wuensche_bis__isnull=True)
                    | Q(verlosung_einstellung__wuensche_bis__gte=jetzt)
                )
            )
        )
        .select_related("verlosung_einstellung")
        .order_by("beginn")
    )


def wunschphase_offen(zeitraum: Ferienzeitraum, jetzt: datetime | None = None) -> bool:
    """Families can add and change wishes for `zeitraum` right now."""
    return zeitraeume_mit_offener_wunschphase(jetzt).filter(pk=zeitraum.pk).exists()


def _pruefen_eigenes_kind(kind: Kind, von) -> None:
    if kind.eltern_id != getattr(von, "pk", None) and not ist_koordination(von):
        raise VerlosungNichtMoeglich(_("You can only enter wishes for your own children."))


def _pruefen_offen(zeitraum: Ferienzeitraum) -> None:
    if not wunschphase_offen(zeitraum):
        raise VerlosungNichtMoeglich(
            _("The wish phase of “%(name)s” is closed. Wishes can no longer be changed.")
            % {"name": zeitraum.name}
        )


def wuenschbare_durchfuehrungen(zeitraum: Ferienzeitraum):
    """Occasions of `zeitraum` that families may wish for (published, registration needed,
    not cancelled), with termin and angebot loaded."""
    return (
        Durchfuehrung.objects.filter(
            angebot__zeitraum=zeitraum,
            angebot__status=Ferienangebot.Status.VEROEFFENTLICHT,
            angebot__anmeldung_noetig=True,
        )
        .nicht_abgesagt()
        .select_related("termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum")
        .order_by("termin__start", "angebot__titel", "pk")
    )


def alter_passt(kind: Kind, durchfuehrung: Durchfuehrung) -> bool:
    """The child's age on the occasion's first day is in the offer's range (as in
    Sofortanmeldung)."""
    alter = kind.alter_am(durchfuehrung.erster_tag)
    angebot = durchfuehrung.angebot
    return alter is not None and angebot.alter_von <= alter <= angebot.alter_bis


def wunsch_hinzufuegen(*, kind: Kind, durchfuehrung: Durchfuehrung, von) -> Wunsch:
    """Add a wish (idempotent).

    Checks (VerlosungNichtMoeglich otherwise): own child, wish phase open, the occasion can
    be wished for, the child's age fits. Side effects: writes one Wunsch.
    """
    _pruefen_eigenes_kind(kind, von)
    zeitraum = durchfuehrung.angebot.zeitraum
    _pruefen_offen(zeitraum)
    if not wuenschbare_durchfuehrungen(zeitraum).filter(pk=durchfuehrung.pk).exists():
        raise VerlosungNichtMoeglich(
            _("This occasion cannot be wished for. Please choose another.")
        )
    if not alter_passt(kind, durchfuehrung):
        raise VerlosungNichtMoeglich(
            _("%(name)s's age does not fit this offer. Please choose another one.")
            % {"name": kind.vorname}
        )
    wunsch, _neu = Wunsch.objects.get_or_create(kind=kind, durchfuehrung=durchfuehrung)
    return wunsch


def wunsch_entfernen(*, wunsch: Wunsch, von) -> None:
    """Remove a wish. Side effects: deletes the Wunsch."""
    _pruefen_eigenes_kind(wunsch.kind, von)
    _pruefen_offen(wunsch.durchfuehrung.angebot.zeitraum)
    wunsch.delete()


@transaction.atomic
def favoriten_setzen(
    *, kind: Kind, zeitraum: Ferienzeitraum, favoriten: Iterable[int], von
) -> list[Wunsch]:
    """Mark exactly the wishes with ids `favoriten` as favourites of `kind` in `zeitraum`.

    Raises VerlosungNichtMoeglich (feld "favoriten") when more than the period's K are
    marked. Side effects: updates Wunsch.favorit of the child's wishes in the period.
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    erlaubt = einstellung(zeitraum).max_favoriten
    wuensche = list(
        Wunsch.objects.im_zeitraum(zeitraum)
        .filter(kind=kind)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    gewaehlt = {int(pk) for pk in favoriten} & {w.pk for w in wuensche}
    if len(gewaehlt) > erlaubt:
        if erlaubt == 0:
            nachricht = _("This holiday period has no favourites. Please remove the ticks.")
        else:
            zuviel = len(gewaehlt) - erlaubt
            nachricht = " ".join(
                [
                    ngettext(
                        "You can mark at most %(k)d favourite per child; you ticked %(n)d.",
                        "You can mark at most %(k)d favourites per child; you ticked %(n)d.",
                        erlaubt,
                    )
                    % {"k": erlaubt, "n": len(gewaehlt)},
                    ngettext(
                        "Please remove %(zuviel)d tick.", "Please remove %(zuviel)d ticks.", zuviel
                    )
                    % {"zuviel": zuviel},
                ]
            )
        raise VerlosungNichtMoeglich(nachricht, feld="favoriten")
    Wunsch.objects.filter(pk__in=[w.pk for w in wuensche]).update(favorit=False)
    Wunsch.objects.filter(pk__in=gewaehlt).update(favorit=True)
    for w in wuensche:
        w.favorit = w.pk in gewaehlt
    return wuensche


def gruppe_des_kindes(kind: Kind, zeitraum: Ferienzeitraum) -> Wunschgruppe | None:
    mitglied = (
        Gruppenmitglied.objects.filter(kind=kind, zeitraum=zeitraum)
        .select_related("gruppe")
        .annotate(anzahl=Count("gruppe__mitglieder"))
        .first()
    )
    if mitglied is None:
        return None
    mitglied.gruppe.anzahl = mitglied.anzahl
    return mitglied.gruppe


def _neuer_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ZEICHEN) for _i in range(CODE_LAENGE))
        if not Wunschgruppe.objects.filter(code=code).exists():
            return code


@transaction.atomic
def gruppe_gruenden(*, kind: Kind, zeitraum: Ferienzeitraum, von) -> Wunschgruppe:
    """Create a group with a fresh code and put `kind` in it (leaving its old group).

    Side effects: writes a Wunschgruppe and a Gruppenmitglied; may delete the child's
    previous membership (and that group, if it is then empty).
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    _austreten(kind, zeitraum)
    gruppe = Wunschgruppe.objects.create(zeitraum=zeitraum, code=_neuer_code())
    Gruppenmitglied.objects.create(gruppe=gruppe, kind=kind, zeitraum=zeitraum)
    return gruppe


def code_normalisieren(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


@transaction.atomic
def gruppe_beitreten(*, kind: Kind, zeitraum: Ferienzeitraum, code: str, von) -> Wunschgruppe:
    """Join the group with `code` (leaving the child's old group in this period).

    Raises VerlosungNichtMoeglich (feld "code") for an unknown code, a code of another
    period or a full group. Side effects: writes a Gruppenmitglied; may delete the old one.
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    gruppe = (
        Wunschgruppe.objects.select_for_update()
        .filter(code=code_normalisieren(code), zeitraum=zeitraum)
        .first()
    )
    if gruppe is None:
        raise VerlosungNichtMoeglich(
            _(
                "We do not know this code for this holiday period. Please check it with the "
                "other family."
            ),
            feld="code",
        )
    if gruppe.mitglieder.filter(kind=kind).exists():
        return gruppe
    if gruppe.mitglieder.count() >= Wunschgruppe.MAX_KINDER:
        raise VerlosungNichtMoeglich(
            _("This group is full (at most %(n)s children). Please create a new one.")
            % {"n": Wunschgruppe.MAX_KINDER},
            feld="code",
        )
    _austreten(kind, zeitraum)
    Gruppenmitglied.objects.create(gruppe=gruppe, kind=kind, zeitraum=zeitraum)
    return gruppe


@transaction.atomic
def gruppe_verlassen(*, kind: Kind, zeitraum: Ferienzeitraum, von) -> None:
    """Leave the child's group. Side effects: deletes the membership (and an empty group)."""
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    _austreten(kind, zeitraum)


def _austreten(kind: Kind, zeitraum: Ferienzeitraum) -> None:
    for mitglied in Gruppenmitglied.objects.filter(kind=kind, zeitraum=zeitraum):
        gruppe_id = mitglied.gruppe_id
        mitglied.delete()
        Wunschgruppe.objects.filter(pk=gruppe_id, mitglieder__isnull=True).delete()
