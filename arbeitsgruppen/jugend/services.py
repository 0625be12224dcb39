"""Workflows of Jugendbeteiligung: profiles and the guardian's confirmation, posting,
supporting, the answer owed, the status trail, moderation.

Every function takes keyword arguments only and lists its side effects. Views and admin
actions call these; none of them checks rights by hand except where the docstring says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arbeitsgruppen.jugend import rechte
from arbeitsgruppen.jugend.models import Idee, Jugendprofil, Meldung, Statusschritt, Unterstuetzung
from arbeitsgruppen.models import Arbeitsgruppe, Vorhaben
from netzwerk.mail import mail_senden
from netzwerk.signierte_links import link_laden
from netzwerk.zeit import kurzes_datum

BESTAETIGUNG_SALT = "jugend.sorgeberechtigt"
BESTAETIGUNG_GUELTIG = timedelta(days=14)

S = Idee.Status
# Which status may follow which: forward only; "Done" and "Declined" are final.
NAECHSTE = {
    S.EINGEGANGEN: [S.IN_PRUEFUNG, S.BEANTWORTET, S.UMGESETZT, S.ABGELEHNT],
    S.IN_PRUEFUNG: [S.BEANTWORTET, S.UMGESETZT, S.ABGELEHNT],
    S.BEANTWORTET: [S.UMGESETZT, S.ABGELEHNT],
    S.UMGESETZT: [],
    S.ABGELEHNT: [],
}


class LinkUngueltig(Exception):
    """The guardian's confirmation link is expired or broken (the message says which)."""


# ------------------------------------------------------------------ profile and guardian


def bestaetigung_token(profil: Jugendprofil) -> str:
    return signing.dumps(
        {"profil": profil.pk, "email": profil.sorgeberechtigt_email}, salt=BESTAETIGUNG_SALT
    )


def bestaetigung_laden(token: str) -> Jugendprofil:
    """The profile the link confirms; raises LinkUngueltig (also when the guardian's address
    changed since the mail). No side effects."""
    daten = link_laden(
        token,
        salt=BESTAETIGUNG_SALT,
        gueltig=BESTAETIGUNG_GUELTIG,
        fehler=LinkUngueltig,
        abgelaufen=_("This link is older than 14 days. Please ask for a new mail."),
        ungueltig=_("This link is not complete. Please open it from the mail again."),
    )
    profil = Jugendprofil.objects.select_related("user").filter(pk=daten.get("profil")).first()
    if profil is None or profil.sorgeberechtigt_email != daten.get("email"):
        raise LinkUngueltig(_("This link is no longer valid. Please ask for a new mail."))
    return profil


def profil_speichern(
    *,
    user,
    spitzname: str,
    geburtsjahr: int,
    sorgeberechtigt_email: str = "",
    jetzt: datetime | None = None,
) -> Jugendprofil:
    """Create or change `user`'s youth profile.

    Side effects: writes the Jugendprofil; a changed guardian address cancels an earlier
    confirmation; when a confirmation is needed and not given, mails the guardian a signed
    link (:func:`bestaetigung_anfragen`).
    """
    jetzt = jetzt or timezone.now()
    profil = Jugendprofil.objects.filter(user=user).first() or Jugendprofil(user=user)
    neue_adresse = profil.sorgeberechtigt_email != sorgeberechtigt_email
    profil.spitzname = spitzname
    profil.geburtsjahr = geburtsjahr
    profil.sorgeberechtigt_email = sorgeberechtigt_email
    if neue_adresse:
        profil.bestaetigt_am = None
    profil.save()
    heute = timezone.localdate(jetzt)
    if (
        profil.braucht_bestaetigung(heute)
        and profil.bestaetigt_am is None
        and profil.sorgeberechtigt_email
        and (neue_adresse or profil.bestaetigung_angefragt_am is None)
    ):
        bestaetigung_anfragen(profil=profil, jetzt=jetzt)
    return profil


def bestaetigung_anfragen(*, profil: Jugendprofil, jetzt: datetime | None = None) -> None:
    """Mail the guardian the signed confirmation link.

    Side effects: sets `bestaetigung_angefragt_am`; sends one mail to the guardian.
    """
    profil.bestaetigung_angefragt_am = jetzt or timezone.now()
    profil.save(update_fields=["bestaetigung_angefragt_am"])
    pfad = reverse("jugend:bestaetigen", kwargs={"token": bestaetigung_token(profil)})
    mail_senden(
        an=[profil.sorgeberechtigt_email],
        vorlage="jugend/mail/bestaetigung",
        kontext={"profil": profil, "pfad": pfad, "gueltig_tage": BESTAETIGUNG_GUELTIG.days},
    )


def bestaetigen(*, profil: Jugendprofil, jetzt: datetime | None = None) -> Jugendprofil:
    """The guardian confirms. Side effects: sets `bestaetigt_am` (once)."""
    if profil.bestaetigt_am is None:
        profil.bestaetigt_am = jetzt or timezone.now()
        profil.save(update_fields=["bestaetigt_am"])
    return profil


def darf_einreichen(user) -> bool:
    """Young people with a profile that may post (see Jugendprofil.darf_posten), and the
    youth-group leaders (rechte.ist_gruppenleitung)."""
    if not user.is_authenticated:
        return False
    profil = Jugendprofil.objects.filter(user=user).first()
    return bool(profil and profil.darf_posten()) or rechte.ist_gruppenleitung(user)


# ------------------------------------------------------------------------------ ideas


@transaction.atomic
def idee_einreichen(
    *,
    autor,
    titel: str,
    was: str,
    warum: str,
    ortsteil=None,
    foto=None,
    foto_alt: str = "",
    jugendgruppe: str = "",
    markiert: bool = False,
    jetzt: datetime | None = None,
) -> Idee:
    """Post an idea. Raises PermissionDenied unless `autor` may post (:func:`darf_einreichen`);
    only youth-group leaders may name a group.

    Side effects: writes the Idee and its first Statusschritt ("received"); a flagged idea
    (word list) is mailed to the moderators.
    """
    if not darf_einreichen(autor):
        raise PermissionDenied
    if not rechte.ist_gruppenleitung(autor):
        jugendgruppe = ""
    elif not jugendgruppe and not Jugendprofil.objects.filter(user=autor).exists():
        raise ValidationError({"jugendgruppe": _("Please name the group the idea comes from.")})
    jetzt = jetzt or timezone.now()
    idee = Idee(
        autor=autor,
        titel=titel,
        was=was,
        warum=warum,
        ortsteil=ortsteil,
        foto_alt=foto_alt,
        jugendgruppe=jugendgruppe,
        markiert=markiert,
    )
    if foto:
        idee.foto = foto
    idee.save()
    Statusschritt.objects.create(
        idee=idee,
        status=S.EINGEGANGEN,
        text=_("The idea has arrived. The working group will look at it."),
        am=jetzt,
    )
    if markiert:
        _moderation_benachrichtigen(idee=idee, anlass=_("The word list flagged a new idea."))
    return idee


def _moderation_benachrichtigen(*, idee: Idee, anlass: str) -> None:
    adressen = rechte.moderations_adressen()
    if adressen:
        mail_senden(
            an=adressen,
            vorlage="jugend/mail/moderation",
            kontext={"idee": idee, "anlass": anlass, "pfad": reverse("jugend:moderation")},
        )


# ---------------------------------------------------------------------------- support


def anzahl_unterstuetzungen(idee: Idee) -> int:
    return idee.unterstuetzungen.count() + idee.unterstuetzungen_archiv


@transaction.atomic
def unterstuetzen(
    *, idee: Idee, user, benachrichtigen: bool = False, jetzt: datetime | None = None
) -> Unterstuetzung:
    """`user` supports `idee` (once; a second call only changes the news choice).

    Raises ValidationError for a hidden or closed idea and for the author's own idea.
    Side effects: writes or updates one Unterstuetzung; when the support reaches the
    threshold (settings.JUGEND_SCHWELLE) the idea is owed an answer (:func:`verpflichten`,
    which writes a status step and sends mails).
    """
    if idee.versteckt or idee.status in Idee.ABGESCHLOSSEN:
        raise ValidationError(_("This idea cannot be supported any more."))
    if idee.autor_id == user.pk:
        raise ValidationError(_("This is your own idea: others support it."))
    try:
        with transaction.atomic():
            eintrag, neu = Unterstuetzung.objects.get_or_create(
                idee=idee, user=user, defaults={"benachrichtigen": benachrichtigen}
            )
    except IntegrityError:  # a double click raced us: the first one counts
        eintrag, neu = Unterstuetzung.objects.get(idee=idee, user=user), False
    if not neu and eintrag.benachrichtigen != benachrichtigen:
        eintrag.benachrichtigen = benachrichtigen
        eintrag.save(update_fields=["benachrichtigen"])
    if neu and not idee.anlass and anzahl_unterstuetzungen(idee) >= rechte.schwelle():
        verpflichten(idee=idee, anlass=Idee.Anlass.SCHWELLE, jetzt=jetzt)
    return eintrag


def zurueckziehen(*, idee: Idee, user) -> bool:
    """`user` withdraws the support. Side effects: deletes the row (an answer once owed stays
    owed). Returns whether there was one."""
    geloescht, _anzahl = Unterstuetzung.objects.filter(idee=idee, user=user).delete()
    return bool(geloescht)


# ------------------------------------------------------------- answer owed and trail


@transaction.atomic
def verpflichten(
    *,
    idee: Idee,
    anlass: str,
    gruppe: Arbeitsgruppe | None = None,
    akteur=None,
    von=None,
    jetzt: datetime | None = None,
) -> Idee:
    """The idea is owed an answer: it gets a responsible working group or actor (default:
    the working group Jugendbeteiligung) and a deadline (settings.JUGEND_ANTWORTFRIST_TAGE).

    Side effects: updates the idea; a received idea moves on to "being looked at" with a
    status step that names who answers until when (and its mails, see :func:`status_setzen`).
    """
    jetzt = jetzt or timezone.now()
    if gruppe is None and akteur is None:
        gruppe = rechte.arbeitsgruppe()
    idee.anlass = anlass
    idee.zustaendig_gruppe = gruppe
    idee.zustaendig_akteur = akteur
    idee.antwort_bis = timezone.localdate(jetzt) + timedelta(days=rechte.antwortfrist_tage())
    idee.save(
        update_fields=[
            "anlass",
            "zustaendig_gruppe",
            "zustaendig_akteur",
            "antwort_bis",
            "geaendert",
        ]
    )
    if idee.status == S.EINGEGANGEN:
        wer = str(idee.zustaendig or _("the network"))
        text = _("%(wer)s answers by %(datum)s.") % {
            "wer": wer,
            "datum": kurzes_datum(idee.antwort_bis),
        }
        status_setzen(idee=idee, status=S.IN_PRUEFUNG, text=text, von=von, jetzt=jetzt)
    return idee


def status_fehler(idee: Idee, status: str, text: str) -> dict[str, str]:
    """Field errors of a status change (empty when it may happen). No side effects."""
    fehler = {}
    if status not in NAECHSTE.get(idee.status, []):
        fehler["status"] = _("This step does not follow the current status “%(status)s”.") % {
            "status": idee.get_status_display()
        }
    if not text.strip():
        fehler["text"] = (
            _("Please give the reason: the young people have a right to know why.")
            if status == S.ABGELEHNT
            else _("Please write a short text about this step.")
        )
    return fehler


@transaction.atomic
def status_setzen(
    *, idee: Idee, status: str, text: str, von=None, jetzt: datetime | None = None
) -> Statusschritt:
    """Move the idea one step along its public trail. Raises ValidationError (see
    :func:`status_fehler`; a declined idea needs its reason).

    Side effects: writes a Statusschritt and the idea's status; mails the author (or the
    group leader who entered it) and every supporter who asked for news.
    """
    fehler = status_fehler(idee, status, text)
    if fehler:
        raise ValidationError(fehler)
    schritt = Statusschritt.objects.create(
        idee=idee, status=status, text=text.strip(), von=von, am=jetzt or timezone.now()
    )
    idee.status = status
    idee.save(update_fields=["status", "geaendert"])
    adressen = []
    if idee.autor_id and idee.autor.is_active and idee.autor.email:
        adressen.append(idee.autor.email)
    adressen += [
        a
        for a in idee.unterstuetzungen.filter(
            benachrichtigen=True, user__is_active=True
        ).values_list("user__email", flat=True)
        if a not in adressen
    ]
    if adressen:
        mail_senden(
            an=adressen,
            vorlage="jugend/mail/status",
            kontext={"idee": idee, "schritt": schritt, "pfad": idee.get_absolute_url()},
        )
    return schritt


@transaction.atomic
def vorhaben_anlegen(*, idee: Idee, von=None) -> Vorhaben:
    """Turn the idea into a Vorhaben of its responsible working group (or of Jugendbeteiligung).

    Side effects: writes the Vorhaben and links the idea to it. Raises ValidationError when
    there is no working group to hold it or the idea has one already.
    """
    if idee.vorhaben_id:
        raise ValidationError(_("This idea is already a project."))
    gruppe = idee.zustaendig_gruppe or rechte.arbeitsgruppe()
    if gruppe is None:
        raise ValidationError(_("There is no working group to take on the project."))
    vorhaben = Vorhaben.objects.create(
        gruppe=gruppe,
        titel=idee.titel[:200],
        beschreibung=f"{idee.was}\n\n{idee.warum}",
        status=Vorhaben.Status.PLANUNG,
        verantwortlich=von if von is not None and von.is_authenticated else None,
    )
    idee.vorhaben = vorhaben
    idee.save(update_fields=["vorhaben", "geaendert"])
    return vorhaben


# ------------------------------------------------------------------------- moderation


def melden(*, idee: Idee, von, grund: str) -> Meldung:
    """`von` reports the idea. Side effects: writes one Meldung (a second report of the same
    person changes its reason); mails the moderators."""
    meldung, _neu = Meldung.objects.update_or_create(
        idee=idee, von=von, defaults={"grund": grund, "erledigt_am": None}
    )
    _moderation_benachrichtigen(idee=idee, anlass=_("Someone reported an idea."))
    return meldung


@transaction.atomic
def verstecken(*, idee: Idee, grund: str, von, jetzt: datetime | None = None) -> Idee:
    """Hide the idea from the public with a reason. Raises ValidationError without reason.

    Side effects: updates the idea; marks its open reports as handled; mails the author
    (the reason, so that they can post it again without the problem).
    """
    if not grund.strip():
        raise ValidationError({"grund": _("Please give a reason: the author will read it.")})
    jetzt = jetzt or timezone.now()
    idee.versteckt_am = jetzt
    idee.versteckt_grund = grund.strip()
    idee.versteckt_von = von
    idee.save(update_fields=["versteckt_am", "versteckt_grund", "versteckt_von", "geaendert"])
    idee.meldungen.filter(erledigt_am__isnull=True).update(erledigt_am=jetzt)
    if idee.autor_id and idee.autor.email:
        mail_senden(
            an=[idee.autor.email],
            vorlage="jugend/mail/versteckt",
            kontext={"idee": idee, "pfad": idee.get_absolute_url()},
        )
    return idee


@transaction.atomic
def freigeben(*, idee: Idee, jetzt: datetime | None = None) -> Idee:
    """Show the idea again (or keep it shown) and close its reports and its flag.

    Side effects: updates the idea; marks its open reports as handled.
    """
    idee.versteckt_am = None
    idee.versteckt_grund = ""
    idee.versteckt_von = None
    idee.markiert = False
    idee.save(
        update_fields=["versteckt_am", "versteckt_grund", "versteckt_von", "markiert", "geaendert"]
    )
    idee.meldungen.filter(erledigt_am__isnull=True).update(erledigt_am=jetzt or timezone.now())
    return idee
