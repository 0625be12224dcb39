"""Privacy as code: every personal field of the Ferienkalender and its retention rule.

How it holds together
=====================
* :data:`REGISTER` maps ``"app.Model.field"`` to the code of a rule in :data:`REGELN`, or to
  :data:`KEIN_PERSONENBEZUG` for a field that says nothing about a person.
* The models that hold children's data (:data:`VOLLSTAENDIG`: Kind, Anmeldung, Einwilligung,
  and those of the wish phase: Wunsch, Wunschgruppe, Gruppenmitglied, Anpassung,
  Verlosungslauf) must have **every** field classified, so a field added later cannot slip through
  unnoticed. Any other model declares its personal fields in a class attribute
  ``personenbezogene_felder`` (e.g. ``Ferienangebot.kontaktperson``); each needs a rule.
* The room registers itself in the portal's privacy registry (:mod:`netzwerk.datenschutz`,
  from ``TermineConfig.ready``), whose system check (``netzwerk.E901``–``E904``) fails
  ``manage.py check``, the test suite and deployment when something is unclassified, has no
  rule, names an unknown rule or a field that no longer exists.
* :func:`anwenden` enforces the time-based rules; the daily task :func:`taeglich` and the
  command ``manage.py ferien_datenschutz [--dry-run]`` call it. Rules that act at once (the
  family deletes a child or the whole account) are plain deletes with CASCADE.

Adding a personal field: add it to the model, add a line to REGISTER (or to the model's
``personenbezogene_felder`` and REGISTER), and if no existing rule fits, add a rule and make
:func:`anwenden` enforce it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from netzwerk import datenschutz as netzwerk_datenschutz
from netzwerk.datenschutz import KEIN_PERSONENBEZUG, Regel

# Version of the privacy text families confirm; stored with every Einwilligung.
DATENSCHUTZ_VERSION: str = getattr(settings, "FERIEN_DATENSCHUTZ_VERSION", "2026-1")

HINWEISE_LOESCHEN_NACH = timedelta(days=14)
PSEUDONYMISIEREN_NACH = timedelta(weeks=12)

# What an Anpassung's reason reads once the child was removed from the log (stored data,
# German like the pseudonym "Kind #12" of a child).
GRUND_ENTFERNT = "(nach 12 Wochen entfernt)"


REGELN: dict[str, Regel] = {
    r.code: r
    for r in [
        Regel(
            "familie",
            "Kept while the family keeps the child in its account; deleted at once with the "
            "child or the account. Children registered on paper (no account) are "
            "pseudonymised 12 weeks after the end of the period.",
        ),
        Regel(
            "hinweise_14_tage",
            "Shared with the provider for one occasion only; erased 14 days after it.",
        ),
        Regel(
            "anmeldung_12_wochen",
            "Tied to the child until 12 weeks after the end of the period; then the "
            "registration is detached from the child (age and counts stay for statistics).",
        ),
        Regel(
            "warteliste",
            "Waiting entries that never moved up are deleted once the occasion is over.",
        ),
        Regel(
            "nachweis",
            "Proof of a confirmation; kept as long as the child exists, deleted with it.",
        ),
        Regel(
            "oeffentlich_angebot",
            "Published by the provider with the offer; deleted with the offer.",
        ),
        Regel(
            "wunsch_12_wochen",
            "A child's wishes of a wish phase: deleted 12 weeks after the end of the period "
            "(like the registrations' link to the child), and at once with the child.",
        ),
        Regel(
            "wunschgruppe",
            "Which children want to go together: only needed for the lottery, so deleted "
            "once the period is over, and the membership at once with the child. A group "
            "left without members is deleted too.",
        ),
        Regel(
            "anpassung_12_wochen",
            "The log of manual changes to a lottery stays as the audit of the allocation "
            "(what was changed, by whom, when, beyond the places or not); 12 weeks after the "
            "end of the period the child, the free-text reason and the consequences (which "
            "name the child who moved up) are removed from it.",
        ),
        Regel(
            "verlosung_ids",
            "The lottery's input and result hold only ids, ages, group codes and reason "
            "codes – no names, contacts or notes. They are kept as the audit of the draw and "
            "as the basis of next period's priority. An id says nothing once the child is "
            "deleted or pseudonymised.",
        ),
        Regel(
            "verantwortlich",
            "Which coordinator computed, confirmed or changed a lottery: kept with the run "
            "for accountability; emptied when the account is deleted.",
        ),
    ]
}

VOLLSTAENDIG = [
    "termine.Kind",
    "termine.Anmeldung",
    "termine.Einwilligung",
    "termine.Wunsch",
    "termine.Wunschgruppe",
    "termine.Gruppenmitglied",
    "termine.Anpassung",
    "termine.Verlosungslauf",
]

REGISTER: dict[str, str] = {
    # Kind: the family's own record of the child.
    "termine.Kind.id": KEIN_PERSONENBEZUG,
    "termine.Kind.eltern": "familie",
    "termine.Kind.vorname": "familie",
    "termine.Kind.nachname": "familie",
    "termine.Kind.geburtsdatum": "familie",
    "termine.Kind.notfall_telefon": "familie",
    "termine.Kind.hinweise": "familie",
    "termine.Kind.hinweise_einwilligung_am": "familie",
    "termine.Kind.schwimmer": "familie",
    "termine.Kind.sorgeberechtigt_name": "familie",
    "termine.Kind.sorgeberechtigt_email": "familie",
    "termine.Kind.erstellt": KEIN_PERSONENBEZUG,
    "termine.Kind.pseudonymisiert_am": KEIN_PERSONENBEZUG,
    # Anmeldung: what a provider sees for one occasion.
    "termine.Anmeldung.id": KEIN_PERSONENBEZUG,
    "termine.Anmeldung.kind": "anmeldung_12_wochen",
    "termine.Anmeldung.durchfuehrung": KEIN_PERSONENBEZUG,
    "termine.Anmeldung.status": "warteliste",
    "termine.Anmeldung.warteliste_position": "warteliste",
    "termine.Anmeldung.alter": KEIN_PERSONENBEZUG,  # without the child, an age is no person
    "termine.Anmeldung.notfall_telefon": "hinweise_14_tage",
    "termine.Anmeldung.hinweise": "hinweise_14_tage",
    "termine.Anmeldung.anwesend": "anmeldung_12_wochen",
    "termine.Anmeldung.angemeldet_von": "anmeldung_12_wochen",
    "termine.Anmeldung.erstellt": KEIN_PERSONENBEZUG,
    "termine.Anmeldung.nachgerueckt_am": KEIN_PERSONENBEZUG,
    "termine.Anmeldung.storniert_am": KEIN_PERSONENBEZUG,
    "termine.Anmeldung.storniert_durch": KEIN_PERSONENBEZUG,  # a role, never a name
    # Einwilligung: proof of what the family confirmed, and when.
    "termine.Einwilligung.id": KEIN_PERSONENBEZUG,
    "termine.Einwilligung.kind": "nachweis",
    "termine.Einwilligung.art": "nachweis",
    "termine.Einwilligung.version": "nachweis",
    "termine.Einwilligung.erteilt_am": "nachweis",
    "termine.Einwilligung.erteilt_von": "nachweis",
    # Wunsch: a child's wish for one occasion (wish phase).
    "termine.Wunsch.id": KEIN_PERSONENBEZUG,
    "termine.Wunsch.kind": "wunsch_12_wochen",
    "termine.Wunsch.durchfuehrung": "wunsch_12_wochen",
    "termine.Wunsch.favorit": "wunsch_12_wochen",
    "termine.Wunsch.erstellt": "wunsch_12_wochen",
    # Wunschgruppe / Gruppenmitglied: children linked by a group code.
    "termine.Wunschgruppe.id": KEIN_PERSONENBEZUG,
    "termine.Wunschgruppe.zeitraum": KEIN_PERSONENBEZUG,
    "termine.Wunschgruppe.code": "wunschgruppe",  # random, but shared between families
    "termine.Wunschgruppe.erstellt": KEIN_PERSONENBEZUG,
    "termine.Gruppenmitglied.id": KEIN_PERSONENBEZUG,
    "termine.Gruppenmitglied.gruppe": "wunschgruppe",
    "termine.Gruppenmitglied.kind": "wunschgruppe",
    "termine.Gruppenmitglied.zeitraum": KEIN_PERSONENBEZUG,
    "termine.Gruppenmitglied.erstellt": "wunschgruppe",
    # Anpassung: the coordinators' manual changes, kept as audit, child removed later.
    "termine.Anpassung.id": KEIN_PERSONENBEZUG,
    "termine.Anpassung.lauf": KEIN_PERSONENBEZUG,
    "termine.Anpassung.aktion": KEIN_PERSONENBEZUG,  # without the child, no person
    "termine.Anpassung.kind": "anpassung_12_wochen",
    "termine.Anpassung.durchfuehrung": KEIN_PERSONENBEZUG,
    "termine.Anpassung.grund": "anpassung_12_wochen",
    "termine.Anpassung.folgen": "anpassung_12_wochen",
    "termine.Anpassung.von": "verantwortlich",
    "termine.Anpassung.erstellt": KEIN_PERSONENBEZUG,
    "termine.Anpassung.ueber_kapazitaet": KEIN_PERSONENBEZUG,
    # Verlosungslauf: one computed allocation; its JSON holds ids only (see the rule).
    "termine.Verlosungslauf.id": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.zeitraum": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.seed": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.status": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.eingabe": "verlosung_ids",
    "termine.Verlosungslauf.ergebnis": "verlosung_ids",
    "termine.Verlosungslauf.pruefsumme": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.laufzeit_ms": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.erstellt": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.erstellt_von": "verantwortlich",
    "termine.Verlosungslauf.bestaetigt_am": KEIN_PERSONENBEZUG,
    "termine.Verlosungslauf.bestaetigt_von": "verantwortlich",
    # Other models declare their personal fields in `personenbezogene_felder`.
    "termine.Ferienangebot.kontaktperson": "oeffentlich_angebot",
}


def pruefen(
    register: dict[str, str] | None = None,
    regeln: dict[str, Regel] | None = None,
    vollstaendig: list[str] | None = None,
    modelle=None,
) -> list[checks.CheckMessage]:
    """The portal's privacy check (:func:`netzwerk.datenschutz.pruefen`) over this room's
    registry, or over a changed copy of it (tests)."""
    return netzwerk_datenschutz.pruefen(
        [
            netzwerk_datenschutz.Bereich(
                "ferien",
                regeln=REGELN if regeln is None else regeln,
                register=REGISTER if register is None else register,
                vollstaendig=tuple(VOLLSTAENDIG if vollstaendig is None else vollstaendig),
            )
        ],
        modelle=modelle,
    )


# ---------------------------------------------------------------------- enforcement


@dataclass
class Bericht:
    """What one run did (or would do, with dry_run)."""

    hinweise_geloescht: int = 0
    wartelisten_geloescht: int = 0
    anmeldungen_pseudonymisiert: int = 0
    kinder_pseudonymisiert: int = 0
    wuensche_geloescht: int = 0
    wunschgruppen_geloescht: int = 0
    anpassungen_pseudonymisiert: int = 0
    dry_run: bool = False
    details: list[str] = field(default_factory=list)

    def zeilen(self) -> list[str]:
        vorsilbe = "would " if self.dry_run else ""
        return [
            f"{vorsilbe}erase notes and emergency phones of {self.hinweise_geloescht} "
            "registrations (occasion over 14 days ago)",
            f"{vorsilbe}delete {self.wartelisten_geloescht} waiting entries that never moved up",
            f"{vorsilbe}detach {self.anmeldungen_pseudonymisiert} registrations from the child "
            "(period over 12 weeks ago)",
            f"{vorsilbe}pseudonymise {self.kinder_pseudonymisiert} children without an account",
            f"{vorsilbe}delete {self.wuensche_geloescht} wishes (period over 12 weeks ago)",
            f"{vorsilbe}delete {self.wunschgruppen_geloescht} wish groups (period over, or "
            "no child left)",
            f"{vorsilbe}remove child and reason from {self.anpassungen_pseudonymisiert} "
            "manual lottery changes (period over 12 weeks ago)",
        ]


def anwenden(*, jetzt: datetime | None = None, dry_run: bool = False) -> Bericht:
    """Enforce the time-based rules of :data:`REGELN`.

    Side effects (none with dry_run): clears Anmeldung.hinweise and notfall_telefon 14 days
    after the occasion ended; deletes waiting entries of occasions that are over; 12 weeks
    after a period ended detaches its registrations from the children (kind, anwesend,
    angemeldet_von emptied; age, status and counts stay) and pseudonymises children without
    an account whose last period ended then (names, birth date, contact removed).
    Wish phase: deletes wishes 12 weeks after their period ended; deletes wish groups (with
    their members) once the period is over, and groups no child is left in; 12 weeks after
    the period removes child, reason and consequences from the log of manual lottery
    changes (the change itself, who made it and when stay as the audit).
    """
    from termine.models import Anmeldung, Anpassung, Kind, Wunsch, Wunschgruppe

    jetzt = jetzt or timezone.now()
    bericht = Bericht(dry_run=dry_run)
    heute = timezone.localdate(jetzt)

    hinweise = Anmeldung.objects.filter(
        durchfuehrung__termin__ende__lt=jetzt - HINWEISE_LOESCHEN_NACH
    ).exclude(hinweise="", notfall_telefon="")
    warteliste = Anmeldung.objects.filter(
        status=Anmeldung.Status.WARTELISTE, durchfuehrung__termin__ende__lt=jetzt
    )
    grenze = heute - PSEUDONYMISIEREN_NACH
    alte_anmeldungen = Anmeldung.objects.filter(
        durchfuehrung__angebot__zeitraum__ende__lt=grenze, kind__isnull=False
    )
    papierkinder = (
        Kind.objects.filter(eltern__isnull=True, pseudonymisiert_am__isnull=True)
        .exclude(anmeldungen__durchfuehrung__angebot__zeitraum__ende__gte=grenze)
        .exclude(erstellt__gte=jetzt - PSEUDONYMISIEREN_NACH)
    )
    wuensche = Wunsch.objects.filter(durchfuehrung__angebot__zeitraum__ende__lt=grenze)
    wunschgruppen = Wunschgruppe.objects.filter(
        Q(zeitraum__ende__lt=heute) | Q(pk__in=Wunschgruppe.objects.filter(mitglieder=None))
    )
    anpassungen = Anpassung.objects.filter(lauf__zeitraum__ende__lt=grenze).exclude(
        kind__isnull=True, grund=GRUND_ENTFERNT, folgen=""
    )
    bericht.wuensche_geloescht = wuensche.count()
    bericht.wunschgruppen_geloescht = wunschgruppen.count()
    bericht.anpassungen_pseudonymisiert = anpassungen.count()
    bericht.hinweise_geloescht = hinweise.count()
    bericht.wartelisten_geloescht = warteliste.count()
    bericht.kinder_pseudonymisiert = papierkinder.count()
    # Paper children keep their (pseudonymised) link, so counts of distinct children stay.
    bericht.anmeldungen_pseudonymisiert = alte_anmeldungen.filter(
        kind__eltern__isnull=False
    ).count()
    if dry_run:
        return bericht
    with transaction.atomic():
        hinweise.update(hinweise="", notfall_telefon="")
        warteliste.delete()
        _spaetere_plaetze_festhalten(grenze)
        alte_anmeldungen.filter(kind__eltern__isnull=False).update(
            kind=None, anwesend=None, angemeldet_von=None, notfall_telefon="", hinweise=""
        )
        for nummer, kind in enumerate(papierkinder.order_by("pk"), start=1):
            Kind.objects.filter(pk=kind.pk).update(
                vorname="Kind",
                nachname=f"#{kind.pk}",
                geburtsdatum=None,
                notfall_telefon="",
                hinweise="",
                hinweise_einwilligung_am=None,
                schwimmer=None,
                sorgeberechtigt_name="",
                sorgeberechtigt_email="",
                pseudonymisiert_am=jetzt,
            )
            bericht.details.append(f"child {nummer}: pseudonymised")
        Anmeldung.objects.filter(kind__pseudonymisiert_am__isnull=False).update(
            angemeldet_von=None, notfall_telefon="", hinweise=""
        )
        wuensche.delete()
        wunschgruppen.delete()
        # The "consequences" name the child who moved up, so they go as well.
        anpassungen.update(kind=None, grund=GRUND_ENTFERNT, folgen="")
    return bericht


def _spaetere_plaetze_festhalten(grenze) -> None:
    """Before registrations lose their child, record on each confirmed Verlosungslauf which of
    its children ended up with a place, so the next period's priority stays right."""
    from termine.ferien.verlosung.services import SPAETER_PLATZ, spaeter_mit_platz
    from termine.models import Verlosungslauf

    for lauf in Verlosungslauf.objects.bestaetigt().filter(zeitraum__ende__lt=grenze):
        if SPAETER_PLATZ not in lauf.ergebnis:
            lauf.ergebnis[SPAETER_PLATZ] = sorted(spaeter_mit_platz(lauf))
            lauf.save(update_fields=["ergebnis"])


@task()
def taeglich() -> list[str]:
    """The daily privacy job (enqueue it once a day, or run the command from cron)."""
    return anwenden().zeilen()
