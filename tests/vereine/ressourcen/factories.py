"""Factories of the pool: items (with their units) and lendings."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import AkteurFactory, UserFactory
from vereine.ressourcen import services
from vereine.ressourcen.models import Ausleihe, Ressource


class RessourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ressource
        skip_postgeneration_save = True

    akteur = factory.SubFactory(AkteurFactory)
    name = factory.Sequence(lambda n: f"Pavillon {n}")
    art = Ressource.Art.ZELT
    vorlauf_tage = 2
    menge = 1

    @factory.post_generation
    def einheiten(self, create, extracted, **kwargs):
        if create:
            services.einheiten_abgleichen(ressource=self)


def tag(tage: int):
    """A day relative to today (Berlin)."""
    return timezone.localdate() + timedelta(days=tage)


def anfrage(ressource, akteur=None, *, von=10, bis=12, menge=1, user=None) -> Ausleihe:
    """An open request made through the service (days relative to today)."""
    akteur = akteur or AkteurFactory()
    return services.ausleihe_anfragen(
        ressource=ressource,
        akteur=akteur,
        von=tag(von),
        bis=tag(bis),
        menge=menge,
        angefragt_von=user or UserFactory(),
    )
