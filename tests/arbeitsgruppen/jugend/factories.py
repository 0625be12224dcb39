"""Factories of Jugendbeteiligung: young people with a profile, ideas, supports."""

import factory
from django.utils import timezone

from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Statusschritt
from tests.factories import UserFactory


class JugendprofilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jugendprofil

    user = factory.SubFactory(UserFactory)
    spitzname = factory.Sequence(lambda n: f"Spitzname{n}")
    geburtsjahr = factory.LazyFunction(lambda: timezone.localdate().year - 17)


def jugendlich(alter: int = 17, *, bestaetigt: bool = False, **kwargs) -> Jugendprofil:
    """A young person of `alter` (by birth year), confirmed by a guardian if asked."""
    profil = JugendprofilFactory(geburtsjahr=timezone.localdate().year - alter, **kwargs)
    if bestaetigt:
        profil.sorgeberechtigt_email = "eltern@example.org"
        profil.bestaetigt_am = timezone.now()
        profil.save()
    return profil


class IdeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idee
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Idee {n}")
    was = "Eine neue Bank am Spielplatz."
    warum = "Damit man sich hinsetzen kann."
    autor = factory.LazyFunction(lambda: jugendlich().user)

    @factory.post_generation
    def eingang(self, create, extracted, **kwargs):
        if create:
            Statusschritt.objects.create(idee=self, status=Idee.Status.EINGEGANGEN, text="Da.")
