"""The main navigation leads logged-in users to the pool, without a query of its own."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINK = '<a class="nav-link" href="/ressourcen/"'


def test_link_nur_mit_anmeldung(client_fuer, bewohner, mitglied_a):
    seite = reverse("seite", args=["impressum"])
    assert LINK not in client_fuer().get(seite).content.decode()
    html = client_fuer(mitglied_a).get(seite).content.decode()
    assert f"{LINK}>Ressourcen</a>" in html
    # Residents outside the network see it too: deciding that would cost a query per page.
    assert LINK in client_fuer(bewohner).get(seite).content.decode()


def test_aktuelle_seite_ist_markiert(client_fuer, mitglied_a):
    html = client_fuer(mitglied_a).get(reverse("ressourcen:liste")).content.decode()
    assert f'{LINK} aria-current="page">Ressourcen</a>' in html


def test_keine_zusaetzliche_abfrage(client_fuer, mitglied_a, django_assert_num_queries):
    """A plain page costs a logged-in member as many queries as before the link existed
    (4, measured on main without the link): the link asks the database nothing."""
    client = client_fuer(mitglied_a)
    seite = reverse("seite", args=["impressum"])
    client.get(seite)
    with django_assert_num_queries(4):
        html = client.get(seite).content.decode()
    assert LINK in html
