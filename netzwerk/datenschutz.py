"""The portal's privacy registry: every personal field of every room and its retention rule.

Each room that stores personal data registers a :class:`Bereich` in its app's ``ready()``:
its rules (:class:`Regel`), the registry of its fields (``"app.Model.field"`` → rule code, or
:data:`KEIN_PERSONENBEZUG`), the models whose fields must *all* be classified, and the
function that enforces its time-based rules. netzwerk never imports the rooms: they come to it.

* The system check :func:`datenschutz_check` (``netzwerk.E901``–``E904``) fails ``manage.py
  check``, the test suite and deployment when a field of a complete model is unclassified, a
  model's ``personenbezogene_felder`` has no rule, a rule is unknown or a registered field no
  longer exists.
* :func:`alles_anwenden` runs every room's enforcement (``manage.py datenschutz [--dry-run]``
  and the daily task :func:`taeglich`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from django.apps import apps
from django.core import checks
from django.tasks import task

KEIN_PERSONENBEZUG = "kein_personenbezug"


@dataclass(frozen=True)
class Regel:
    code: str
    beschreibung: str


class Bericht(Protocol):
    def zeilen(self) -> list[str]: ...


type Anwenden = Callable[..., Bericht]  # (*, jetzt: datetime | None, dry_run: bool)


@dataclass(frozen=True)
class Bereich:
    """The privacy registry of one room (e.g. ``"ferien"``, ``"aktionstag"``)."""

    name: str
    regeln: dict[str, Regel]
    register: dict[str, str]
    vollstaendig: tuple[str, ...] = ()
    anwenden: Anwenden | None = field(default=None, compare=False)


_BEREICHE: dict[str, Bereich] = {}


def bereich(eintrag: Bereich) -> Bereich:
    """Register (or replace) a room's privacy registry."""
    _BEREICHE[eintrag.name] = eintrag
    return eintrag


def bereiche() -> list[Bereich]:
    return list(_BEREICHE.values())


def _schluessel(model, feldname: str) -> str:
    return f"{model._meta.label}.{feldname}"


def pruefen(bereiche_: list[Bereich] | None = None, modelle=None) -> list[checks.CheckMessage]:
    """Compare the models with the registered rooms' registries; each problem is one Error."""
    liste = bereiche() if bereiche_ is None else bereiche_
    modelle = list(apps.get_models()) if modelle is None else modelle
    regeln = {code: r for b in liste for code, r in b.regeln.items()}
    register = {k: v for b in liste for k, v in b.register.items()}
    vollstaendig = {label for b in liste for label in b.vollstaendig}
    fehler: list[checks.CheckMessage] = []
    bekannt: set[str] = set()
    for model in modelle:
        felder = {f.name for f in model._meta.concrete_fields}
        bekannt |= {_schluessel(model, name) for name in felder}
        if model._meta.label in vollstaendig:
            for name in sorted(felder):
                if _schluessel(model, name) not in register:
                    fehler.append(
                        checks.Error(
                            f"{_schluessel(model, name)} is not classified for data protection.",
                            hint="Add it to its room's privacy registry with a retention rule "
                            "(or KEIN_PERSONENBEZUG).",
                            obj=model,
                            id="netzwerk.E901",
                        )
                    )
        for name in getattr(model, "personenbezogene_felder", ()):
            regel = register.get(_schluessel(model, name))
            if regel is None or regel == KEIN_PERSONENBEZUG:
                fehler.append(
                    checks.Error(
                        f"Personal field {_schluessel(model, name)} has no retention rule.",
                        hint="Add it to its room's privacy registry.",
                        obj=model,
                        id="netzwerk.E902",
                    )
                )
    for schluessel, regel in register.items():
        if regel != KEIN_PERSONENBEZUG and regel not in regeln:
            fehler.append(
                checks.Error(
                    f"{schluessel} names the unknown retention rule “{regel}”.",
                    id="netzwerk.E903",
                )
            )
        modell_label = schluessel.rsplit(".", 1)[0]
        if schluessel not in bekannt and any(m._meta.label == modell_label for m in modelle):
            fehler.append(
                checks.Error(
                    f"{schluessel} is in the data protection registry but no such field exists.",
                    hint="Remove or rename the entry.",
                    id="netzwerk.E904",
                )
            )
    return fehler


def datenschutz_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return pruefen()


def alles_anwenden(*, jetzt: datetime | None = None, dry_run: bool = False) -> dict[str, Bericht]:
    """Run every registered room's enforcement; returns each room's report by name."""
    return {b.name: b.anwenden(jetzt=jetzt, dry_run=dry_run) for b in bereiche() if b.anwenden}


@task
def taeglich() -> list[str]:
    """The daily privacy job of all rooms (enqueue it once a day, or run the command)."""
    berichte = alles_anwenden()
    return [f"{name}: {zeile}" for name, bericht in berichte.items() for zeile in bericht.zeilen()]
