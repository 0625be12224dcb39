"""Workflows of the Markt der guten Geschäfte. Views, admin actions and commands call these.

Signed confirmation links (django.core.signing) carry the deal and the party ("a" or "b"),
use their own salt and expire after :data:`BESTAETIGUNG_GUELTIG`, like the Stammtisch's
answer links.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import ist_koordination
from netzwerk.mail import mail_senden
from netzwerk.signierte_links import link_laden
from vereine.marktplatz.models import Eintrag, Markt, MarktAnmeldung, Vereinbarung
from vereine.models import Akteur, Mitgliedschaft

SALT_BESTAETIGUNG = "vereine.marktplatz.bestaetigung"
BESTAETIGUNG_GUELTIG = timedelta(days=14)
MAIL = "marktplatz/mail"


class MarktFehler(Exception):
    """A step that cannot be done now; the message says why (translated)."""


class UngueltigerLink(MarktFehler):
    """A confirmation link that is forged, expired or meant for something else."""


def adressen(akteur: Akteur) -> list[str]:
    """Where mail for an actor goes: its contact address, else its members' addresses."""
    if akteur.kontakt_email:
        return [akteur.kontakt_email]
    return sorted(
        Mitgliedschaft.objects.filter(akteur=akteur).values_list("user__email", flat=True)
    )


# ----------------------------------------------------------------------------- offers, needs


def eintrag_speichern(*, eintrag: Eintrag, akteur: Akteur, von) -> Eintrag:
    """Save an offer or need of `akteur` as entered by a member.

    Side effects: writes the Eintrag (and its topics, if the form's m2m data is saved by the
    caller). An entry flagged as possibly competing with local businesses goes to the
    coordinators' review (status "pruefung") whenever a member saves it; coordinators
    publish it with :func:`eintrag_freigeben`.
    """
    eintrag.akteur = akteur
    if eintrag.pk is None:
        eintrag.erstellt_von = von
    if eintrag.konkurrenz and not ist_koordination(von):
        eintrag.status = Eintrag.Status.PRUEFUNG
    elif eintrag.status in (Eintrag.Status.PRUEFUNG, Eintrag.Status.ABGELEHNT):
        # Unticked again: nothing left to review.
        eintrag.status = Eintrag.Status.OEFFENTLICH
    eintrag.save()
    return eintrag


def eintrag_freigeben(*, eintrag: Eintrag) -> None:
    """Side effects: sets the entry public."""
    eintrag.status = Eintrag.Status.OEFFENTLICH
    eintrag.save(update_fields=["status", "geaendert"])


def eintrag_ablehnen(*, eintrag: Eintrag) -> None:
    """Side effects: keeps the entry off the public market (status "abgelehnt")."""
    eintrag.status = Eintrag.Status.ABGELEHNT
    eintrag.save(update_fields=["status", "geaendert"])


# ----------------------------------------------------------------------------- the market


@transaction.atomic
def markt_anlegen(
    *,
    titel: str,
    start: datetime,
    ende: datetime,
    ort: str = "",
    ortsteil=None,
    beschreibung: str = "",
    veranstalter: list[Akteur] | tuple[Akteur, ...] = (),
    von=None,
) -> Markt:
    """Create a market event and its Termin in the shared calendar (category Marktplatz).

    Side effects: writes one Termin (public, confirmed) with its organisers and one Markt.
    """
    from termine.models import Termin

    termin = Termin.objects.create(
        titel=titel,
        beschreibung=beschreibung,
        start=start,
        ende=ende,
        ort=ort,
        ortsteil=ortsteil,
        kategorie=Termin.Kategorie.MARKTPLATZ,
        sichtbarkeit=Termin.Sichtbarkeit.OEFFENTLICH,
        status=Termin.Status.BESTAETIGT,
        grossveranstaltung=False,
        erstellt_von=von,
    )
    if veranstalter:
        termin.veranstalter.set(veranstalter)
    return Markt.objects.create(termin=termin)


def anmelden(*, markt: Markt, akteur: Akteur, von) -> MarktAnmeldung:
    """Register `akteur` for `markt`. Side effects: writes one MarktAnmeldung (idempotent)."""
    if markt.vorbei:
        raise MarktFehler(_("This market is over; registration is closed."))
    anmeldung, _neu = MarktAnmeldung.objects.get_or_create(
        markt=markt, akteur=akteur, defaults={"angemeldet_von": von}
    )
    return anmeldung


def abmelden(*, markt: Markt, akteur: Akteur) -> None:
    """Side effects: deletes the actor's registration for `markt` (if any)."""
    if markt.vorbei:
        raise MarktFehler(_("This market is over; registration is closed."))
    MarktAnmeldung.objects.filter(markt=markt, akteur=akteur).delete()


def ist_makler(user, markt: Markt) -> bool:
    return ist_koordination(user) or (
        user.is_authenticated and markt.makler.filter(pk=user.pk).exists()
    )


def darf_erfassen(user, markt: Markt) -> bool:
    """Brokers and coordinators write down deals; so does any member of an actor (for a
    deal of its own actor, checked when saving)."""
    if not user.is_authenticated:
        return False
    return ist_makler(user, markt) or Akteur.objects.schreibbar_fuer(user).exists()


# ----------------------------------------------------------------------------- deals


def bestaetigungs_token(vereinbarung: Vereinbarung, seite: str) -> str:
    return signing.dumps({"v": vereinbarung.pk, "s": seite}, salt=SALT_BESTAETIGUNG)


def bestaetigungs_pfad(vereinbarung: Vereinbarung, seite: str) -> str:
    return reverse(
        "marktplatz:bestaetigen_link",
        kwargs={"token": bestaetigungs_token(vereinbarung, seite)},
    )


def token_laden(token: str) -> tuple[Vereinbarung, str]:
    """The deal and party a confirmation link stands for; raises UngueltigerLink."""
    daten = link_laden(
        token,
        salt=SALT_BESTAETIGUNG,
        gueltig=BESTAETIGUNG_GUELTIG,
        fehler=UngueltigerLink,
        abgelaufen=_("This link has expired. Please log in and confirm on the agreement's page."),
        ungueltig=_("This link is not valid. Please copy it completely from the e-mail."),
    )
    vereinbarung = Vereinbarung.objects.fuer_listen().filter(pk=daten.get("v")).first()
    if vereinbarung is None or daten.get("s") not in ("a", "b"):
        raise UngueltigerLink(_("This agreement no longer exists."))
    return vereinbarung, daten["s"]


def eigene_seiten(user, vereinbarung: Vereinbarung) -> list[str]:
    """The parties ("a", "b") the user may act for: members of that actor (coordinators: both)."""
    eigene = set(
        Akteur.objects.schreibbar_fuer(user)
        .filter(pk__in=[vereinbarung.partner_a_id, vereinbarung.partner_b_id])
        .values_list("pk", flat=True)
    )
    return [
        seite
        for seite, pk in (("a", vereinbarung.partner_a_id), ("b", vereinbarung.partner_b_id))
        if pk in eigene
    ]


def _bestaetigung_anfragen(vereinbarung: Vereinbarung, seite: str) -> None:
    partner = vereinbarung.partner_a if seite == "a" else vereinbarung.partner_b
    anderer = vereinbarung.partner_b if seite == "a" else vereinbarung.partner_a
    mail_senden(
        an=adressen(partner),
        vorlage=f"{MAIL}/bestaetigen",
        kontext={
            "v": vereinbarung,
            "partner": partner,
            "anderer": anderer,
            "pfad": bestaetigungs_pfad(vereinbarung, seite),
            "tage": BESTAETIGUNG_GUELTIG.days,
        },
    )


@transaction.atomic
def vereinbarung_erfassen(
    *,
    markt: Markt,
    partner_a: Akteur,
    partner_b: Akteur,
    gibt_a: str,
    art_a: str,
    kontakt_a: str,
    gibt_b: str,
    art_b: str,
    kontakt_b: str,
    bis: date,
    stunden: int | None = None,
    vor_ort_a: bool = False,
    vor_ort_b: bool = False,
    von,
) -> Vereinbarung:
    """Write down a deal made at `markt`.

    Who may: a broker of the market or a coordinator, or a member of one of the two parties.
    A member's own party counts as confirmed; a broker may tick that a party confirmed on
    the spot. Side effects: writes one Vereinbarung with the next running number of the
    market (row lock on the market); queues a mail with a signed confirmation link to each
    party that has not confirmed.
    """
    if partner_a.pk == partner_b.pk:
        raise MarktFehler(_("A deal needs two different actors."))
    makler = ist_makler(von, markt)
    eigene = set(
        Akteur.objects.schreibbar_fuer(von)
        .filter(pk__in=[partner_a.pk, partner_b.pk])
        .values_list("pk", flat=True)
    )
    if not makler and not eigene:
        raise MarktFehler(
            _("Only the market's brokers or members of one of the two actors can do this.")
        )
    Markt.objects.select_for_update().filter(pk=markt.pk).first()
    nummer = (markt.vereinbarungen.aggregate(n=Max("nummer"))["n"] or 0) + 1
    jetzt = timezone.now()
    vereinbarung = Vereinbarung(
        markt=markt,
        nummer=nummer,
        partner_a=partner_a,
        partner_b=partner_b,
        gibt_a=gibt_a,
        art_a=art_a,
        kontakt_a=kontakt_a,
        gibt_b=gibt_b,
        art_b=art_b,
        kontakt_b=kontakt_b,
        bis=bis,
        stunden=stunden,
        erfasst_von=von,
        erstellt=jetzt,
    )
    if (makler and vor_ort_a) or partner_a.pk in eigene:
        vereinbarung.bestaetigt_a_am = jetzt
    if (makler and vor_ort_b) or partner_b.pk in eigene:
        vereinbarung.bestaetigt_b_am = jetzt
    vereinbarung.full_clean()
    vereinbarung.save()
    for seite, am in (("a", vereinbarung.bestaetigt_a_am), ("b", vereinbarung.bestaetigt_b_am)):
        if am is None:
            _bestaetigung_anfragen(vereinbarung, seite)
    return vereinbarung


def bestaetigen(*, vereinbarung: Vereinbarung, seite: str) -> bool:
    """Record that party `seite` ("a" or "b") confirms the deal.

    Side effects: sets the party's confirmation time (once). Returns whether the deal is
    now confirmed by both.
    """
    feld = "bestaetigt_a_am" if seite == "a" else "bestaetigt_b_am"
    if getattr(vereinbarung, feld) is None:
        setattr(vereinbarung, feld, timezone.now())
        vereinbarung.save(update_fields=[feld])
    return vereinbarung.bestaetigt


@transaction.atomic
def seite_aendern(
    *, vereinbarung: Vereinbarung, seite: str, gibt: str, art: str, kontakt: str
) -> None:
    """A party changes its own side of a deal.

    Side effects: updates that side; when the content changed after the other party
    confirmed, the other party's confirmation is withdrawn and it is asked again by mail
    (the deal leaves the public pages until then).
    """
    alt = (
        (vereinbarung.gibt_a, vereinbarung.art_a)
        if seite == "a"
        else (vereinbarung.gibt_b, vereinbarung.art_b)
    )
    if seite == "a":
        vereinbarung.gibt_a, vereinbarung.art_a, vereinbarung.kontakt_a = gibt, art, kontakt
    else:
        vereinbarung.gibt_b, vereinbarung.art_b, vereinbarung.kontakt_b = gibt, art, kontakt
    andere = "b" if seite == "a" else "a"
    feld = f"bestaetigt_{andere}_am"
    nochmal_fragen = alt != (gibt, art) and getattr(vereinbarung, feld) is not None
    if nochmal_fragen:
        setattr(vereinbarung, feld, None)
    vereinbarung.save()
    if nochmal_fragen:
        _bestaetigung_anfragen(vereinbarung, andere)


def ergebnis_melden(
    *,
    vereinbarung: Vereinbarung,
    status: str,
    bericht: str = "",
    foto=None,
    foto_alt: str = "",
) -> None:
    """Record what became of a deal (umgesetzt / nicht zustande gekommen / still open).

    Side effects: updates status, report and photo (the photo was checked and re-encoded by
    the form's image field) and the time of the report.
    """
    vereinbarung.status = status
    vereinbarung.bericht = bericht
    if foto is not None:
        vereinbarung.foto = foto
    vereinbarung.foto_alt = foto_alt
    vereinbarung.ergebnis_am = timezone.now()
    vereinbarung.save()


def nachfragen(*, heute: date | None = None) -> int:
    """Ask both parties of every due deal “Umgesetzt?” (run daily by cron).

    Side effects: queues one mail per party address with a link to the deal's result form;
    marks each deal as asked (so it is asked once). Returns the number of deals asked.
    """
    heute = heute or timezone.localdate()
    anzahl = 0
    for vereinbarung in Vereinbarung.objects.nachzufragen(heute).fuer_listen():
        for partner, anderer in (
            (vereinbarung.partner_a, vereinbarung.partner_b),
            (vereinbarung.partner_b, vereinbarung.partner_a),
        ):
            mail_senden(
                an=adressen(partner),
                vorlage=f"{MAIL}/nachfrage",
                kontext={
                    "v": vereinbarung,
                    "partner": partner,
                    "anderer": anderer,
                    "pfad": reverse("marktplatz:ergebnis", kwargs={"pk": vereinbarung.pk}),
                },
            )
        vereinbarung.nachgefragt_am = timezone.now()
        vereinbarung.save(update_fields=["nachgefragt_am"])
        anzahl += 1
    return anzahl
