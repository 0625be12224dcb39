"""Scheduled jobs run once per time slot, even when cron starts them on two machines."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from netzwerk import jobs
from netzwerk.models import Joblauf

BERLIN = ZoneInfo("Europe/Berlin")


def test_zeitfenster_tag_und_woche_in_ortszeit():
    # 23:30 UTC on Saturday is already Sunday in Berlin; ISO week 49 of 2026.
    spaet = datetime(2026, 12, 5, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert jobs.zeitfenster("tag", spaet) == "2026-12-06"
    assert jobs.zeitfenster("woche", spaet) == "2026-W49"
    assert jobs.zeitfenster("woche", datetime(2027, 1, 1, 12, tzinfo=BERLIN)) == "2026-W53"


@pytest.mark.django_db
def test_zweiter_lauf_im_selben_fenster_tut_nichts(capsys):
    call_command("datenschutz")
    erster = capsys.readouterr().out
    call_command("datenschutz")
    zweiter = capsys.readouterr().out

    assert "ferien: erase notes" in erster
    assert zweiter.startswith("datenschutz already ran for ")
    (lauf,) = Joblauf.objects.all()
    assert lauf.name == "datenschutz" and lauf.beendet is not None


@pytest.mark.django_db
def test_nochmal_und_probelauf_laufen_immer(capsys):
    call_command("datenschutz")
    call_command("datenschutz", "--nochmal")
    call_command("datenschutz", "--dry-run")
    ausgabe = capsys.readouterr().out
    assert "already ran" not in ausgabe
    assert ausgabe.count("ferien: delete 0 waiting") == 2
    assert ausgabe.count("ferien: would delete 0 waiting") == 1


@pytest.mark.django_db
def test_taeglicher_und_woechentlicher_ueberblick_sind_verschiedene_jobs(capsys):
    call_command("arbeitsgruppen_ueberblick", "--taeglich")
    call_command("arbeitsgruppen_ueberblick", "--woechentlich")
    call_command("arbeitsgruppen_ueberblick", "--woechentlich")
    ausgabe = capsys.readouterr().out
    assert ausgabe.count("overview mail(s) queued") == 2
    assert sorted(Joblauf.objects.values_list("name", flat=True)) == [
        "arbeitsgruppen_ueberblick_taeglich",
        "arbeitsgruppen_ueberblick_woechentlich",
    ]


@pytest.mark.django_db
def test_ein_fehlgeschlagener_lauf_gibt_das_fenster_frei():
    with pytest.raises(RuntimeError), jobs.einmal("job", "2026-12-06") as lauf:
        assert lauf is not None
        raise RuntimeError("SMTP down")
    assert not Joblauf.objects.exists()
    with jobs.einmal("job", "2026-12-06") as lauf:
        assert lauf is not None


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_zwei_rechner_gleichzeitig_nur_einer_laeuft():
    """Eight parallel connections claim the same slot at the same moment: exactly one wins."""
    schranke = threading.Barrier(8)
    gewonnen = []

    def rechner():
        try:
            schranke.wait()
            with jobs.einmal("datenschutz", "2026-12-06") as lauf:
                gewonnen.append(lauf is not None)
        finally:
            connection.close()

    faeden = [threading.Thread(target=rechner) for _ in range(8)]
    for faden in faeden:
        faden.start()
    for faden in faeden:
        faden.join()
    assert sorted(gewonnen) == [False] * 7 + [True]
    assert Joblauf.objects.count() == 1


@pytest.mark.django_db
def test_ein_joblauf_leert_keinen_seitencache():
    """The run's bookkeeping row is no content: cached pages stay valid."""
    from netzwerk import zwischenspeicher

    vorher = zwischenspeicher.fingerabdruck()
    with jobs.einmal("job", "2026-12-06"):
        pass
    assert zwischenspeicher.fingerabdruck() == vorher
