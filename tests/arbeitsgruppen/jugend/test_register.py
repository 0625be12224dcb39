"""The room in the portal's registries: report figures, the Stammtisch's agenda proposals,
"Wartet auf deine Entscheidung", and its admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import Idee
from netzwerk import entscheidungen, kennzahlen, tagesordnung
from tests.arbeitsgruppen.jugend.factories import IdeeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ueberfaellig(idee, tage=3):
    services.verpflichten(idee=idee, anlass=Idee.Anlass.TAGESORDNUNG)
    Idee.objects.filter(pk=idee.pk).update(antwort_bis=timezone.localdate() - timedelta(days=tage))


def test_kennzahlen_zaehlen_was_der_titel_sagt(idee, ag_leitung, bewohner, jugendliche):
    heute = timezone.localdate()
    services.unterstuetzen(idee=idee, user=bewohner)
    services.status_setzen(idee=idee, status="beantwortet", text="Ja.")
    services.status_setzen(idee=idee, status="umgesetzt", text="Fertig.")
    zweite = IdeeFactory(autor=jugendliche)
    services.status_setzen(idee=zweite, status="abgelehnt", text="Nein, weil …")
    IdeeFactory(autor=jugendliche)
    gruppe = next(g for g in kennzahlen.bericht(heute, heute) if g.titel == "Jugendbeteiligung")
    werte = {k.schluessel: k.wert for k in gruppe.kennzahlen}
    assert werte == {
        "jugend.ideen": 3,
        "jugend.beantwortet": 2,
        "jugend.umgesetzt": 1,
        "jugend.unterstuetzungen": 1,
    }
    gestern = heute - timedelta(days=1)
    alt = {
        k.schluessel: k.wert
        for g in kennzahlen.bericht(gestern, gestern)
        if g.titel == "Jugendbeteiligung"
        for k in g.kennzahlen
    }
    assert alt.get("jugend.ideen", 0) == 0


def test_ueberfaellige_antwort_auf_der_tagesordnung_und_im_admin(
    idee, ag_jugend, client_fuer, koordination
):
    heute = timezone.localdate()
    assert not [v for v in tagesordnung.vorschlaege(heute) if v.art == "Jugendidee"]
    _ueberfaellig(idee)
    vorschlaege = [v for v in tagesordnung.vorschlaege(heute) if v.art == "Jugendidee"]
    assert [(v.titel, v.url) for v in vorschlaege] == [(idee.titel, idee.get_absolute_url())]
    assert "Jugendbeteiligung" in vorschlaege[0].text
    offen = {o.titel: o for o in entscheidungen.offene_entscheidungen()}
    eintrag = offen["Jugendideen, deren Antwort überfällig ist"]
    assert eintrag.anzahl == 1
    admin = client_fuer(koordination)
    assert (
        "Jugendideen, deren Antwort überfällig ist"
        in admin.get(reverse("admin:index")).content.decode()
    )
    liste = admin.get(eintrag.url)
    assert liste.context["cl"].result_count == 1
    # A hidden idea is no agenda item.
    Idee.objects.filter(pk=idee.pk).update(versteckt_am=timezone.now())
    assert not [v for v in tagesordnung.vorschlaege(heute) if v.art == "Jugendidee"]


def test_admin_listen_und_aktion(idee, client_fuer, koordination, bewohner, jugendliche):
    services.unterstuetzen(idee=idee, user=bewohner)
    services.melden(idee=idee, von=UserFactory(), grund="Name")
    IdeeFactory(autor=jugendliche, titel="Ohne Meldung")
    offen = {o.titel: o.anzahl for o in entscheidungen.offene_entscheidungen()}
    assert offen["Gemeldete oder markierte Jugendideen"] == 1
    admin = client_fuer(koordination)
    html = admin.get(reverse("admin:arbeitsgruppen_idee_changelist")).content.decode()
    assert "Skatefan" in html and '<td class="field-anzahl">1</td>' in html
    gemeldet = admin.get(reverse("admin:arbeitsgruppen_idee_changelist"), {"antwort": "gemeldet"})
    assert gemeldet.context["cl"].result_count == 1
    assert admin.get(reverse("admin:arbeitsgruppen_idee_change", args=[idee.pk])).status_code == 200
    for name in ("jugendprofil", "meldung"):
        assert admin.get(reverse(f"admin:arbeitsgruppen_{name}_changelist")).status_code == 200
    admin.post(
        reverse("admin:arbeitsgruppen_idee_changelist"),
        {"action": "freigeben", "_selected_action": [idee.pk]},
    )
    assert not idee.meldungen.filter(erledigt_am__isnull=True).exists()
