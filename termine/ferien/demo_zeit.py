"""The demo's calendar: which holiday period plays which part, from the day `demodaten` runs.

The Ferienkalender demo always shows three periods, whatever the date:

* **vergangen** – the last summer holidays that are over: the big programme (about 40
  offers, a Ferienwoche, full occasions with waiting lists), statistics and participant lists;
* **offen** – the next holidays that begin at least ten days from now, mode "first come":
  registration opened five days ago and closes three days before the first day;
* **wunsch** – the holidays after that (at least three weeks away), mode "Wunschphase +
  Verlosung": the wish phase is open for at least another week, no lottery has run yet.

Each period is named after the school holidays it lies in ("Herbstferien 2027"), so names and
seasons always agree; the holidays come from :func:`netzwerk.demo.schulferien` (published
dates where known, else by rule). Pure: dates in, dates out, no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.text import slugify

from netzwerk.demo import schulferien_um
from netzwerk.zeit import ortszeit, zone

MARKE = "(Beispiel)"

OFFEN_FRUEHESTENS = timedelta(days=10)
WUNSCH_FRUEHESTENS = timedelta(days=21)

# No holiday programme on these days.
FEIERTAGE = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}


@dataclass(frozen=True)
class Ferien:
    name: str
    beginn: date
    ende: date

    @property
    def slug(self) -> str:
        return slugify(self.name.replace("/", "-"))

    def werktage(self) -> list[date]:
        """Monday to Friday within the holidays, without Christmas and New Year."""
        tage = (self.beginn + timedelta(days=i) for i in range((self.ende - self.beginn).days + 1))
        return [t for t in tage if t.weekday() < 5 and (t.month, t.day) not in FEIERTAGE]


@dataclass(frozen=True)
class Plan:
    heute: date
    vergangen: Ferien
    offen: Ferien
    wunsch: Ferien

    @property
    def slugs(self) -> set[str]:
        return {self.vergangen.slug, self.offen.slug, self.wunsch.slug}


def plan(heute: date) -> Plan:
    """Which holidays play which part on `heute`."""
    alle = [Ferien(*f) for f in schulferien_um(heute)]
    vergangen = [f for f in alle if f.name.startswith("Sommerferien") and f.ende < heute][-1]
    offen = next(f for f in alle if f.beginn >= heute + OFFEN_FRUEHESTENS)
    wunsch = next(
        f for f in alle if f.beginn > offen.ende and f.beginn >= heute + WUNSCH_FRUEHESTENS
    )
    return Plan(heute=heute, vergangen=vergangen, offen=offen, wunsch=wunsch)


def um(tag: date, stunde: int) -> datetime:
    return ortszeit(tag, time(stunde))


def fenster_vergangen(ferien: Ferien) -> dict:
    """Published two months before, registration from a month before until the fourth week."""
    return {
        "veroeffentlichung": um(ferien.beginn - timedelta(days=64), 8),
        "anmeldung_ab": um(ferien.beginn - timedelta(days=33), 8),
        "anmeldung_bis": um(min(ferien.beginn + timedelta(days=27), ferien.ende), 20),
    }


def fenster_offen(ferien: Ferien, jetzt: datetime) -> dict:
    """Published a week ago, registration open since five days, closing before the start."""
    return {
        "veroeffentlichung": jetzt - timedelta(days=7),
        "anmeldung_ab": jetzt - timedelta(days=5),
        "anmeldung_bis": um(ferien.beginn - timedelta(days=3), 20),
    }


def fenster_wunsch(ferien: Ferien, jetzt: datetime) -> tuple[dict, datetime]:
    """The period's windows and the end of its wish phase: wishes until four weeks before the
    start (but at least a week from now, and at least ten days before the start), then the
    Verlosung, then first come for the remaining places."""
    heute = jetzt.astimezone(zone()).date()
    schluss = min(
        max(heute + timedelta(days=7), ferien.beginn - timedelta(days=28)),
        ferien.beginn - timedelta(days=10),
    )
    wuensche_bis = um(schluss, 20)
    return {
        "veroeffentlichung": jetzt - timedelta(days=3),
        "anmeldung_ab": um(schluss + timedelta(days=2), 8),
        "anmeldung_bis": um(ferien.beginn - timedelta(days=2), 20),
    }, wuensche_bis


__all__ = ["MARKE", "Ferien", "Plan", "plan"]
