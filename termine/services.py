"""Workflows of the calendar: save, cancel and duplicate Termine, and the Terminabgleich.

Every function here is the one place where its rows are written; views, forms and admin
actions call them. :func:`terminabgleich_pruefen` and :func:`terminabgleich_fuer_zeitraum`
are the thin adapter around the pure :mod:`termine.terminabgleich`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import holidays
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from netzwerk.models import Netzwerkprofil, Schulferien
from netzwerk.zeit import kurzes_datum, ortszeit, uhrzeit
from termine import terminabgleich
from termine.kalender import Eintrag, eintraege, schulferien
from termine.models import Termin, TerminAusnahme
from termine.terminabgleich import CalendarFact, Clash, ClashDay, ClashReason, TerminData
from termine.vorkommen import aufbauen as vorkommen_aufbauen
from termine.wiederholung import Serie, standard_woche_im_monat, vorkommen
from vereine.models import Akteur

# How far ahead the occurrences of a new recurring Termin are checked for clashes.
ABGLEICH_SERIE_TAGE = 92


def _regel_vom_start_ableiten(termin: Termin) -> None:
    """A rule always starts on its first date (RFC 5545 requires DTSTART to match it)."""
    if not termin.wiederkehrend:
        termin.wochentag = None
        termin.woche_im_monat = None
        termin.intervall = termin.intervall or 1
        return
    lokal = timezone.localtime(termin.start)
    termin.wochentag = lokal.weekday()
    if termin.wiederholung == Termin.Wiederholung.MONATLICH:
        # "Last Tuesday" is kept when asked for and true; otherwise count from the start.
        ist_letzter = (lokal + timedelta(days=7)).month != lokal.month
        if not (termin.woche_im_monat == Termin.WocheImMonat.LETZTE and ist_letzter):
            termin.woche_im_monat = standard_woche_im_monat(lokal.date())
    else:
        termin.woche_im_monat = None


@transaction.atomic
def termin_speichern(
    *,
    termin: Termin,
    von,
    veranstalter: Iterable[Akteur] | None = None,
    ausnahmen: Iterable[date] | None = None,
) -> Termin:
    """Create or update `termin` (already validated), its organisers and exception days.

    Side effects, in one transaction: writes the Termin row (a changed one gets ``sequence``
    + 1 so calendar clients pick the change up; a new one records ``erstellt_von``), replaces
    its organisers when `veranstalter` is given and its exception days (TerminAusnahme rows)
    when `ausnahmen` is given, and derives the rule's weekday from the start.
    """
    _regel_vom_start_ableiten(termin)
    if termin.pk is None:
        termin.erstellt_von = von if getattr(von, "is_authenticated", False) else None
        termin.sequence = 0
    else:
        termin.sequence = (
            Termin.objects.filter(pk=termin.pk).values_list("sequence", flat=True).first() or 0
        ) + 1
    termin.save()
    if veranstalter is not None:
        termin.veranstalter.set(veranstalter)
    if ausnahmen is not None:
        tage = set(ausnahmen)
        termin.ausnahmen.exclude(datum__in=tage).delete()
        vorhanden = set(termin.ausnahmen.values_list("datum", flat=True))
        TerminAusnahme.objects.bulk_create(
            TerminAusnahme(termin=termin, datum=tag) for tag in sorted(tage - vorhanden)
        )
        # bulk_create sends no signals: the occurrences table learns the new exceptions here.
        vorkommen_aufbauen(termin_ids=[termin.pk])
    return termin


@transaction.atomic
def termin_absagen(*, termin: Termin, grund: str, von) -> Termin:
    """Cancel `termin` with a reason people will read.

    Side effects: sets status ``abgesagt`` and ``absage_grund``, raises ``sequence``
    (calendar clients then show STATUS:CANCELLED). The Termin stays visible, struck through.
    """
    termin.status = Termin.Status.ABGESAGT
    termin.absage_grund = grund.strip()
    Termin.objects.filter(pk=termin.pk).update(
        status=termin.status,
        absage_grund=termin.absage_grund,
        sequence=F("sequence") + 1,
        geaendert=timezone.now(),
    )
    termin.refresh_from_db()
    return termin


@transaction.atomic
def termin_duplizieren(*, termin: Termin, von, start: datetime | None = None) -> Termin:
    """Copy `termin` as a new planned Termin (e.g. next year's festival).

    Side effects: writes a new Termin (new UID, sequence 0, status ``geplant``, no
    cancellation reason, same organisers and exceptions); with `start` the copy is moved
    there, keeping the duration.
    """
    kopie = Termin.objects.get(pk=termin.pk)
    veranstalter = list(termin.veranstalter.all())
    ausnahmen = list(termin.ausnahmen.values_list("datum", "grund"))
    kopie.pk = None
    kopie.id = None
    kopie._state.adding = True
    kopie.uid = Termin._meta.get_field("uid").get_default()
    kopie.status = Termin.Status.GEPLANT
    kopie.absage_grund = ""
    if start is not None:
        dauer = kopie.ende - kopie.start
        kopie.start, kopie.ende = start, start + dauer
    termin_speichern(termin=kopie, von=von, veranstalter=veranstalter)
    TerminAusnahme.objects.bulk_create(
        TerminAusnahme(termin=kopie, datum=datum, grund=grund) for datum, grund in ausnahmen
    )
    vorkommen_aufbauen(termin_ids=[kopie.pk])
    return kopie


# ------------------------------------------------------------------- Terminabgleich


@cache
def _feiertage_cache(bundesland: str) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=bundesland or None, language="de")


def feiertage() -> holidays.HolidayBase:
    """Public holidays of the network's Land (Netzwerkprofil.bundesland), German names."""
    return _feiertage_cache(Netzwerkprofil.aktuell().bundesland)


def termin_daten(
    termin: Termin,
    start: datetime | None = None,
    ende: datetime | None = None,
    veranstalter_ids: Iterable[int] | None = None,
) -> TerminData:
    """Plain data for the pure Terminabgleich (one occurrence of `termin`)."""
    if veranstalter_ids is None:
        veranstalter_ids = [a.pk for a in termin.veranstalter.all()] if termin.pk else []
    return TerminData(
        start=start or termin.start,
        end=ende or termin.ende,
        all_day=termin.ganztaegig,
        ortsteil_id=termin.ortsteil_id,
        audience=termin.sichtbarkeit,
        category=termin.kategorie,
        is_big_public_event=termin.grossveranstaltung,
        organiser_ids=frozenset(veranstalter_ids),
        id=termin.pk,
        title=termin.titel,
        cancelled=termin.abgesagt,
    )


def _eintrag_daten(eintrag: Eintrag) -> TerminData:
    return termin_daten(eintrag.termin, eintrag.start, eintrag.ende)


def _ferien_fakten(ferien_qs) -> list[CalendarFact]:
    return [CalendarFact(f.name, f.beginn, f.ende) for f in ferien_qs]


@dataclass(frozen=True)
class Konflikt:
    """A clash prepared for display: the pure result plus the model instance and the day."""

    clash: Clash
    termin: Termin | None
    tag: date

    @property
    def gruende(self) -> list[str]:
        return gruende_texte(self.clash.reasons)


def gruende_texte(gruende: Iterable[ClashReason]) -> list[str]:
    """The list of reasons a page shows for a match, most important first.

    "Same day" is implied by being listed; it is said only when it is the only reason.
    """
    geordnet = sorted(set(gruende), key=list(ClashReason).index)
    return [grund_text(r) for r in [r for r in geordnet if r != ClashReason.SAME_DAY] or geordnet]


def grund_text(grund: ClashReason) -> str:
    """A clash reason as a short item of a list of reasons (translated).

    Pages show the reasons of a match as a list ("Same time", "Same district"), not as a
    row of sentences; the holiday reasons keep their one-word explanation.
    """
    texte = {
        ClashReason.BIG_PUBLIC_EVENT: pgettext("clash reason", "Big public event that day"),
        ClashReason.TIME_OVERLAP: pgettext("clash reason", "Same time"),
        ClashReason.SAME_ORTSTEIL: pgettext("clash reason", "Same district"),
        ClashReason.SAME_CATEGORY: pgettext("clash reason", "Same kind of event"),
        ClashReason.SAME_AUDIENCE: pgettext("clash reason", "Same audience"),
        ClashReason.SAME_ORGANISER: pgettext("clash reason", "Same organiser"),
        ClashReason.SAME_DAY: pgettext("clash reason", "Same day"),
        ClashReason.PUBLIC_HOLIDAY: pgettext("clash reason", "Public holiday: many are away"),
        ClashReason.SCHOOL_HOLIDAY: pgettext(
            "clash reason", "School holidays: many families are away"
        ),
    }
    return texte[grund]


def terminabgleich_pruefen(
    *,
    termin: Termin,
    veranstalter_ids: Iterable[int],
    sichtbar_fuer=None,
    ausnahmen: Iterable[date] = (),
) -> list[Konflikt]:
    """What else happens on the day(s) of `termin` (saved or not), most important first.

    Loads the Termine around it (only those `sichtbar_fuer` may see, when given, so the
    check never reveals dates a member may not know of), the school holidays and the
    Land's public holidays. For a recurring Termin the occurrences of the next
    :data:`ABGLEICH_SERIE_TAGE` days are checked. No side effects.
    """
    veranstalter_ids = frozenset(veranstalter_ids)
    bestehende = set(termin.ausnahmen.values_list("datum", flat=True)) if termin.pk else set()
    serie = Serie(
        start=termin.start,
        ende=termin.ende,
        wiederholung=termin.wiederholung,
        intervall=termin.intervall or 1,
        wochentag=termin.wochentag,
        woche_im_monat=termin.woche_im_monat,
        bis=termin.wiederholen_bis,
        ausnahmen=frozenset(ausnahmen) | bestehende,
        pausiert_in_schulferien=termin.pausiert_in_schulferien,
        ganztaegig=termin.ganztaegig,
    )
    von = ortszeit(timezone.localdate(termin.start))
    tage = ABGLEICH_SERIE_TAGE if termin.wiederkehrend else 1
    letzter = max(timezone.localdate(termin.ende), von.date() + timedelta(days=tage))
    bis = ortszeit(letzter + timedelta(days=1))
    ferien_qs = list(
        Schulferien.objects.ueberschneidend(timezone.localdate(von), timezone.localdate(bis))
    )
    ferien = [(f.beginn, f.ende) for f in ferien_qs]
    eigene = vorkommen(serie, von, bis, schulferien=ferien)
    qs = Termin.objects.nicht_abgesagt()
    if sichtbar_fuer is not None:
        qs = qs.sichtbar_fuer(sichtbar_fuer)
    if termin.pk:
        qs = qs.exclude(pk=termin.pk)
    andere = eintraege(qs.im_zeitraum(von, bis).fuer_listen(), von, bis, ferien=ferien)
    nach_id = {e.termin.pk: e.termin for e in andere}
    andere_daten = [_eintrag_daten(e) for e in andere]
    fakten = _ferien_fakten(ferien_qs)
    ergebnis: list[Konflikt] = []
    for v in eigene:
        daten = termin_daten(termin, v.start, v.ende, veranstalter_ids)
        for clash in terminabgleich.find_clashes(
            daten, andere_daten, public_holidays=feiertage(), school_holidays=fakten
        ):
            anderer = nach_id.get(clash.termin.id) if clash.termin else None
            ergebnis.append(Konflikt(clash, anderer, clash.days[0]))
    # The pure function ranks per occurrence; across occurrences: score, then day.
    ergebnis.sort(key=lambda k: (-k.clash.score, k.tag, k.termin.pk if k.termin else 0))
    return ergebnis


def terminabgleich_fuer_zeitraum(*, von: date, bis: date, sichtbar_fuer) -> list[ClashDay]:
    """The days in [von, bis] on which (not cancelled) Termine clash, for the
    coordinators' page and the Stammtisch agenda. Recurring Termine count with each
    occurrence (each ClashDay's TerminData carries the occurrence's own start and end).

    Only the Termine `sichtbar_fuer` may see take part (pass ``AnonymousUser()`` for
    anything sent to or shown to the public), so a clash never reveals a date the reader
    may not know of. ``None`` means every Termin: only for the coordinators' back office,
    never for a page or mail others read. No side effects; a fixed number of queries."""
    start, ende = ortszeit(von), ortszeit(bis + timedelta(days=1))
    ferien_qs = list(Schulferien.objects.ueberschneidend(von, bis))
    ferien = [(f.beginn, f.ende) for f in ferien_qs]
    qs = Termin.objects.nicht_abgesagt()
    if sichtbar_fuer is not None:
        qs = qs.sichtbar_fuer(sichtbar_fuer)
    liste = eintraege(
        qs.im_zeitraum(start, ende).fuer_listen(),
        start,
        ende,
        ferien=ferien,
    )
    tage = terminabgleich.clashes_by_day(
        [_eintrag_daten(e) for e in liste],
        public_holidays=feiertage(),
        school_holidays=_ferien_fakten(ferien_qs),
    )
    return [tag for tag in tage if von <= tag.day <= bis]


def terminabgleich_als_text(tage: Sequence[ClashDay]) -> str:
    """The clash days as Markdown, to paste into a Stammtisch agenda."""
    if not tage:
        return _("No clashes in this period.") + "\n"
    zeilen = [f"## {_('Terminabgleich')}", ""]
    for tag in tage:
        kopf = f"### {kurzes_datum(tag.day)}"
        extras = [name for name in (tag.public_holiday, *tag.school_holidays) if name]
        if extras:
            kopf += f" ({', '.join(extras)})"
        zeilen.append(kopf)
        for termin in tag.termine:
            zeit = _("all day") if termin.all_day else uhrzeit(termin.start)
            zeilen.append(f"- {zeit} {termin.title}")
        gruende = gruende_texte(r for pair in tag.pairs for r in pair.reasons)
        zeilen.append("  - " + _("Why: %(gruende)s") % {"gruende": " · ".join(gruende)})
        zeilen.append("")
    return "\n".join(zeilen)


__all__ = [
    "Konflikt",
    "feiertage",
    "grund_text",
    "gruende_texte",
    "schulferien",
    "termin_absagen",
    "termin_daten",
    "termin_duplizieren",
    "termin_speichern",
    "terminabgleich_als_text",
    "terminabgleich_fuer_zeitraum",
    "terminabgleich_pruefen",
]


def konflikte_zaehlen(*, termine: Sequence[Termin]) -> dict[int, int]:
    """For each given Termin, how many other (not cancelled) Termine share a day with one
    of its occurrences in the span of the given Termine (capped at a year). One pass of
    the pure pair finder, a fixed number of queries. No side effects."""
    if not termine:
        return {}
    von = ortszeit(min(timezone.localdate(t.start) for t in termine))
    letzter = max(timezone.localdate(t.ende) for t in termine)
    bis = ortszeit(min(letzter, von.date() + timedelta(days=366)) + timedelta(days=1))
    ferien = schulferien(von.date(), bis.date())
    liste = eintraege(
        Termin.objects.nicht_abgesagt().im_zeitraum(von, bis).fuer_listen(), von, bis, ferien=ferien
    )
    partner: dict[int, set[int]] = {}
    for paar in terminabgleich.find_clash_pairs([_eintrag_daten(e) for e in liste]):
        partner.setdefault(paar.first.id, set()).add(paar.second.id)
        partner.setdefault(paar.second.id, set()).add(paar.first.id)
    return {t.pk: len(partner.get(t.pk, ())) for t in termine}
