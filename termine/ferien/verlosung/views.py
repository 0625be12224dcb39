"""Pages of the wish phase (mounted at /ferienkalender/wuensche/, namespace ``wuensche``).

A family sees the periods whose wish phase is open, and per child adds and removes wishes,
marks favourites and joins a group code. Views stay thin: the child comes from the
family's own children (another family's child is a 404), the services in
:mod:`termine.verlosung_dienste` check and write. Every form works without JavaScript.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from netzwerk.eingaben import ganzzahl
from netzwerk.seiten import blaettern
from termine.ferien.verlosung import services as dienste
from termine.models import Durchfuehrung, Ferienangebot, Ferienzeitraum, Kind, Wunsch


class AuswahlFilter(forms.Form):
    """Narrow the offers a child can wish for (GET, all optional)."""

    tag = forms.ChoiceField(label=gettext_lazy("Day"), required=False)
    kategorie = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All")), *Ferienangebot.Kategorie.choices],
    )

    def __init__(self, *args, zeitraum: Ferienzeitraum, **kwargs):
        super().__init__(*args, **kwargs)
        tage = [
            zeitraum.beginn + timedelta(days=i)
            for i in range((zeitraum.ende - zeitraum.beginn).days + 1)
        ]
        self.fields["tag"].choices = [("", pgettext_lazy("filter", "All days"))] + [
            (t.isoformat(), formats.date_format(t, "D, j. N")) for t in tage
        ]

    def anwenden(self, durchfuehrungen: list[Durchfuehrung]) -> list[Durchfuehrung]:
        if not self.is_valid():
            return durchfuehrungen
        if tag := self.cleaned_data.get("tag"):
            tag = date.fromisoformat(tag)
            durchfuehrungen = [
                d for d in durchfuehrungen if d.termin.erster_tag <= tag <= d.termin.letzter_tag
            ]
        if kategorie := self.cleaned_data.get("kategorie"):
            durchfuehrungen = [d for d in durchfuehrungen if d.angebot.kategorie == kategorie]
        return durchfuehrungen


@login_required
def uebersicht(request: HttpRequest) -> HttpResponse:
    """Open wish phases and the family's children, with the number of wishes each."""
    zeitraeume = list(dienste.zeitraeume_mit_offener_wunschphase())
    kinder = list(Kind.objects.filter(eltern=request.user))
    zahlen = {
        (z, k): n
        for z, k, n in Wunsch.objects.filter(
            kind__eltern=request.user, durchfuehrung__angebot__zeitraum__in=zeitraeume
        )
        .values_list("durchfuehrung__angebot__zeitraum", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    eintraege = [
        {
            "zeitraum": z,
            "einstellung": dienste.einstellung(z),
            "kinder": [{"kind": k, "anzahl": zahlen.get((z.pk, k.pk), 0)} for k in kinder],
        }
        for z in zeitraeume
    ]
    return render(
        request,
        "termine/verlosung/uebersicht.html",
        {"eintraege": eintraege, "hat_kinder": bool(kinder)},
    )


def _zurueck(
    request: HttpRequest, zeitraum: Ferienzeitraum, kind: Kind, anker: str, meldung: str
) -> HttpResponse:
    """Without JavaScript: back to the section the family worked in; the message stands at
    the top of that section (not at the top of the page, which would be out of view)."""
    messages.success(request, meldung, extra_tags=anker)
    url = reverse("wuensche:kind", kwargs={"zeitraum": zeitraum.slug, "kind": kind.pk})
    filter_ = request.POST.get("filter", "")
    return redirect(f"{url}?{filter_}#{anker}" if filter_ else f"{url}#{anker}")


ABSCHNITTE = ("wuensche", "gruppe", "auswahl")


def _meldungen_nach_abschnitt(request: HttpRequest) -> dict[str, list]:
    """The pending messages, each at the section it belongs to ("oben": the page top)."""
    meldungen: dict[str, list] = {"oben": [], **{a: [] for a in ABSCHNITTE}}
    for meldung in messages.get_messages(request):
        meldungen[meldung.extra_tags if meldung.extra_tags in ABSCHNITTE else "oben"].append(
            meldung
        )
    return meldungen


@login_required
@require_http_methods(["GET", "POST"])
def kind(request: HttpRequest, zeitraum: str, kind: int) -> HttpResponse:
    """One child's wishes in one period: add, remove, favourites, group code."""
    zeitraum_obj = get_object_or_404(
        Ferienzeitraum.objects.oeffentlich()
        .filter(modus=Ferienzeitraum.Modus.VERLOSUNG)
        .select_related("verlosung_einstellung"),
        slug=zeitraum,
    )
    kind_obj = get_object_or_404(Kind, pk=kind, eltern=request.user)
    offen = dienste.wunschphase_offen(zeitraum_obj)
    einst = dienste.einstellung(zeitraum_obj)
    fehler: dict[str, str] = {}
    meldung = ""
    favoriten_post: set[int] | None = None
    code_post = ""

    if request.method == "POST":
        try:
            if "hinzufuegen" in request.POST:
                d = get_object_or_404(
                    dienste.wuenschbare_durchfuehrungen(zeitraum_obj),
                    pk=_zahl(request.POST["hinzufuegen"]),
                )
                dienste.wunsch_hinzufuegen(kind=kind_obj, durchfuehrung=d, von=request.user)
                meldung = _("Wish added: %(titel)s.") % {"titel": d.angebot.titel}
                if not request.htmx:
                    return _zurueck(request, zeitraum_obj, kind_obj, "auswahl", meldung)
            if "entfernen" in request.POST:
                wunsch = get_object_or_404(
                    Wunsch.objects.filter(kind=kind_obj)
                    .im_zeitraum(zeitraum_obj)
                    .select_related("durchfuehrung__angebot__zeitraum", "kind"),
                    pk=_zahl(request.POST["entfernen"]),
                )
                dienste.wunsch_entfernen(wunsch=wunsch, von=request.user)
                meldung = _("Wish removed: %(titel)s.") % {
                    "titel": wunsch.durchfuehrung.angebot.titel
                }
                if not request.htmx:
                    return _zurueck(request, zeitraum_obj, kind_obj, "wuensche", meldung)
            if "favoriten_speichern" in request.POST:
                favoriten_post = {_zahl(w) for w in request.POST.getlist("favoriten")}
                dienste.favoriten_setzen(
                    kind=kind_obj, zeitraum=zeitraum_obj, favoriten=favoriten_post, von=request.user
                )
                meldung = _("Favourites saved.")
                if not request.htmx:
                    return _zurueck(request, zeitraum_obj, kind_obj, "wuensche", meldung)
                favoriten_post = None
            if "gruppe_gruenden" in request.POST:
                dienste.gruppe_gruenden(kind=kind_obj, zeitraum=zeitraum_obj, von=request.user)
                return _zurueck(
                    request,
                    zeitraum_obj,
                    kind_obj,
                    "gruppe",
                    _("Group created. Pass the code on to the other family."),
                )
            if "gruppe_beitreten" in request.POST:
                code_post = request.POST.get("code", "")
                if not code_post.strip():
                    raise dienste.VerlosungNichtMoeglich(
                        _("Please enter the code the other family gave you."), feld="code"
                    )
                dienste.gruppe_beitreten(
                    kind=kind_obj, zeitraum=zeitraum_obj, code=code_post, von=request.user
                )
                return _zurueck(request, zeitraum_obj, kind_obj, "gruppe", _("Joined the group."))
            if "gruppe_verlassen" in request.POST:
                dienste.gruppe_verlassen(kind=kind_obj, zeitraum=zeitraum_obj, von=request.user)
                return _zurueck(request, zeitraum_obj, kind_obj, "gruppe", _("Left the group."))
        except dienste.VerlosungNichtMoeglich as e:
            fehler[e.feld or "allgemein"] = e.nachricht

    wuensche = list(
        Wunsch.objects.filter(kind=kind_obj)
        .im_zeitraum(zeitraum_obj)
        .select_related(
            "durchfuehrung__termin",
            "durchfuehrung__angebot__akteur",
            "durchfuehrung__angebot__zeitraum",
        )
        .order_by("durchfuehrung__termin__start", "pk")
    )
    if favoriten_post is not None:
        # Keep what the family ticked, so that a failed save loses nothing.
        for w in wuensche:
            w.favorit = w.pk in favoriten_post
    gewuenscht = {w.durchfuehrung_id for w in wuensche}
    filter_form = AuswahlFilter(request.GET or None, zeitraum=zeitraum_obj)
    auswahl = [
        d
        for d in dienste.wuenschbare_durchfuehrungen(zeitraum_obj)
        if d.pk not in gewuenscht and dienste.alter_passt(kind_obj, d)
    ]
    auswahl = filter_form.anwenden(auswahl)
    seite = blaettern(request, auswahl)
    # htmx (a wish added or removed): the updated lists and the message for the live region.
    vorlage = "termine/verlosung/kind.html"
    if request.htmx and request.method == "POST":
        vorlage += "#htmx_antwort"
    return render(
        request,
        vorlage,
        {
            "zeitraum": zeitraum_obj,
            "kind": kind_obj,
            "alter": kind_obj.alter_am(zeitraum_obj.beginn),
            "offen": offen,
            "einstellung": einst,
            "wuensche": wuensche,
            "favoriten_anzahl": sum(1 for w in wuensche if w.favorit),
            "gruppe": dienste.gruppe_des_kindes(kind_obj, zeitraum_obj),
            "filter": filter_form,
            "seite": seite,
            "filter_query": request.GET.urlencode(),
            "fehler": fehler,
            "code": code_post,
            "meldung": meldung,
            "meldungen": _meldungen_nach_abschnitt(request),
            # Shown by section above; base.html shows none of them a second time at the top.
            "messages": [],
        },
    )


def _zahl(wert: str) -> int:
    return ganzzahl(wert) or 0
