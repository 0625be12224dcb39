import factory
from allauth.account.models import EmailAddress

from netzwerk.models import User

PASSWORT = "ein-sicheres-passwort-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    anzeigename = factory.Faker("name", locale="de_DE")
    password = factory.django.Password(PASSWORT)

    @factory.post_generation
    def email_bestaetigt(self, create, extracted, **kwargs):
        """Users log in with a verified address unless a test says otherwise."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class KoordinationFactory(UserFactory):
    email = factory.Sequence(lambda n: f"koordination{n}@example.org")
    is_staff = True
    is_superuser = True


class AkteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Akteur"

    name = factory.Sequence(lambda n: f"Verein Nummer {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kurzbeschreibung = "Ein Beispielverein."
    status = "aktiv"
    sichtbarkeit = "oeffentlich"
    kontakt_email = factory.Sequence(lambda n: f"kontakt{n}@verein.example.org")


class MitgliedschaftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Mitgliedschaft"

    user = factory.SubFactory(UserFactory)
    akteur = factory.SubFactory(AkteurFactory)
    rolle = "leitung"


class ArbeitsgruppeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Arbeitsgruppe"

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"ag-{n}")
    sichtbarkeit = "transparent"


class GesuchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Gesuch"

    akteur = factory.SubFactory(AkteurFactory)
    titel = factory.Sequence(lambda n: f"Helfende Hände gesucht {n}")
    beschreibung = "Wir suchen Unterstützung beim Sommerfest."
    art = "einmalig"
    status = "offen"


class RueckmeldungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vereine.Rueckmeldung"

    gesuch = factory.SubFactory(GesuchFactory)
    name = factory.Sequence(lambda n: f"Helferin {n}")
    email = factory.Sequence(lambda n: f"helferin{n}@example.org")
    nachricht = "Ich habe samstags Zeit."
    einwilligung_am = factory.LazyFunction(lambda: _jetzt())


def _jetzt():
    from django.utils import timezone

    return timezone.now()
