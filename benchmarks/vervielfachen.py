"""Ten times the demo data: copies of the demo's rows, for the benchmarks at scale.

Used by benchmarks/bericht.py (in-process) and benchmarks/seiten.py (through ``manage.py
shell``): actors, dates, Stammtische with their minutes, holiday occasions with their
registrations, responses, projects, tasks, deals, lendings and challenges, each copied
`faktor` - 1 times. Then the occurrences table is rebuilt (the copies are written in bulk)
and every page family gets a new content version.
"""

from __future__ import annotations


def _kopien(objekte, k: int, **aendern):
    """Unsaved copies of `objekte` for round `k`; `aendern` maps a field to f(obj, k)."""
    kopien = []
    for obj in objekte:
        kopie = type(obj).objects.model(
            **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
        )
        kopie.pk = None
        for feld in obj._meta.concrete_fields:
            # Unique tokens and UIDs are drawn anew (slugs etc. come through `aendern`).
            if feld.unique and not feld.primary_key and feld.has_default():
                setattr(kopie, feld.attname, feld.get_default())
        for feld, f in aendern.items():
            setattr(kopie, feld, f(obj, k))
        kopien.append(kopie)
    return kopien


def vervielfachen(faktor: int) -> None:
    from arbeitsgruppen.models import Aufgabe, Vorhaben
    from netzwerk.koordination.models import Folgeschritt, Herausforderung
    from termine.models import Anmeldung, Durchfuehrung, Protokoll, Stammtisch, Termin
    from vereine.marktplatz.models import Vereinbarung
    from vereine.models import Akteur, Rueckmeldung
    from vereine.ressourcen.models import Ausleihe

    akteure = list(Akteur.objects.all())
    einfache = list(
        Termin.objects.filter(
            stammtisch__isnull=True, durchfuehrung__isnull=True, markt__isnull=True
        )
    )
    stammtische = list(Stammtisch.objects.select_related("termin"))
    protokolle = {p.termin_id: (p, list(p.anwesende.all())) for p in Protokoll.objects.all()}
    durchfuehrungen = list(Durchfuehrung.objects.select_related("termin"))
    anmeldungen = list(Anmeldung.objects.all())
    # Snapshots: each round copies the demo's rows, not the copies of earlier rounds.
    rueckmeldungen = list(Rueckmeldung.objects.all())
    vorhaben = list(Vorhaben.objects.all())
    aufgaben = list(Aufgabe.objects.all())
    vereinbarungen = list(Vereinbarung.objects.all())
    ausleihen = list(Ausleihe.objects.all())
    herausforderungen = list(Herausforderung.objects.prefetch_related("folgeschritte"))
    for k in range(1, faktor):
        Akteur.objects.bulk_create(_kopien(akteure, k, slug=lambda o, k: f"{o.slug}-x{k}"))
        Termin.objects.bulk_create(_kopien(einfache, k))
        for st in stammtische:
            termin = _kopien([st.termin], k)[0]
            termin.save()
            Stammtisch.objects.bulk_create(
                _kopien([st], k, termin_id=lambda o, k, pk=termin.pk: pk)
            )
            if st.termin_id in protokolle:
                protokoll, anwesende = protokolle[st.termin_id]
                neu = _kopien([protokoll], k, termin_id=lambda o, k, pk=termin.pk: pk)[0]
                neu.save()
                neu.anwesende.set(anwesende)
        for d in durchfuehrungen:
            termin = _kopien([d.termin], k)[0]
            termin.save()
            neu = _kopien([d], k, termin_id=lambda o, k, pk=termin.pk: pk)[0]
            neu.save()
            Anmeldung.objects.bulk_create(
                _kopien(
                    [a for a in anmeldungen if a.durchfuehrung_id == d.pk],
                    k,
                    durchfuehrung_id=lambda o, k, pk=neu.pk: pk,
                )
            )
        Rueckmeldung.objects.bulk_create(_kopien(rueckmeldungen, k))
        Vorhaben.objects.bulk_create(_kopien(vorhaben, k))
        Aufgabe.objects.bulk_create(_kopien(aufgaben, k))
        Vereinbarung.objects.bulk_create(
            _kopien(vereinbarungen, k, nummer=lambda o, k: o.nummer + 1000 * k)
        )
        Ausleihe.objects.bulk_create(_kopien(ausleihen, k))
        for h in herausforderungen:
            neu = _kopien([h], k, titel=lambda o, k: f"{o.titel} #{k}")[0]
            neu.save()
            Folgeschritt.objects.bulk_create(
                _kopien(h.folgeschritte.all(), k, herausforderung_id=lambda o, k, pk=neu.pk: pk)
            )
    from netzwerk.zwischenspeicher import FAMILIEN, erhoehen
    from termine import vorkommen

    vorkommen.aufbauen()
    erhoehen(*FAMILIEN)
