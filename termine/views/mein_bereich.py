"""Members' dates: own list, create, edit, cancel, clash check, feed token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzwerk.eingaben import id_aus
from netzwerk.seiten import blaettern
from termine import services
from termine.forms import AbsagenForm, TerminForm
from termine.models import Termin

# ------------------------------------------------------------------- Mein Bereich


@login_required
def meine_termine(request: HttpRequest) -> HttpResponse:
    """The dates the member may edit, upcoming first, paginated."""
    qs = (
        Termin.objects.schreibbar_fuer(request.user)
        .kommende()
        .select_related("ortsteil")
        .prefetch_related("veranstalter")
        .order_by("start", "pk")
    )
    seite = blaettern(request, qs)
    return render(request, "termine/meine_termine.html", {"seite": seite})


def _konflikte_fuer(form: TerminForm, user) -> list[services.Konflikt]:
    termin = form.instance
    return services.terminabgleich_pruefen(
        termin=termin,
        veranstalter_ids=[a.pk for a in form.cleaned_data.get("veranstalter") or []],
        sichtbar_fuer=user,
        ausnahmen=form.cleaned_data.get("ausnahmen_text") or [],
    )


def _formular(request: HttpRequest, termin: Termin | None) -> HttpResponse:
    neu = termin is None
    form = TerminForm(
        request.POST or None,
        request.FILES or None,
        instance=termin or Termin(),
        user=request.user,
    )
    if neu and request.method == "GET" and "gruppe" in request.GET:
        # "Plan a meeting" on a group page: the group organises it, for its members only.
        gruppe = (
            form.fields["arbeitsgruppe"].queryset.filter(pk=id_aus(request.GET["gruppe"])).first()
        )
        if gruppe is not None:
            form.initial.update(arbeitsgruppe=gruppe.pk, sichtbarkeit=Termin.Sichtbarkeit.GRUPPE)
    konflikte: list[services.Konflikt] = []
    if request.method == "POST" and form.is_valid():
        konflikte = _konflikte_fuer(form, request.user)
        if konflikte and "trotzdem" in request.POST and not form.cleaned_data["trotzdem_speichern"]:
            # "Save anyway" pressed without the tick: say so next to the box.
            form.add_error(
                "trotzdem_speichern",
                _("Please tick this box if you want to save despite the other dates."),
            )
        elif not konflikte or form.cleaned_data.get("trotzdem_speichern"):
            gespeichert = services.termin_speichern(
                termin=form.save(commit=False),
                von=request.user,
                veranstalter=form.cleaned_data["veranstalter"],
                ausnahmen=form.cleaned_data["ausnahmen_text"],
            )
            messages.success(
                request, _("Your date is saved.") if neu else _("Your changes are saved.")
            )
            return redirect(gespeichert)
    return render(
        request,
        "termine/termin_form.html",
        {
            "form": form,
            "termin": termin,
            "konflikte": konflikte,
            "geprueft": request.method == "POST" and form.is_valid(),
        },
        status=200,
    )


def termin_zum_aendern(user, pk: int, qs=None) -> Termin:
    """The Termin `pk` from `qs` if `user` may change it. The host's members of a Stammtisch
    see that it is theirs but may not change it: 403 with a hint; anyone else: 404, so the
    existence of other actors' dates does not leak."""
    qs = Termin.objects.all() if qs is None else qs
    termin = qs.filter(pk__in=Termin.objects.schreibbar_fuer(user).values("pk"), pk=pk).first()
    if termin is not None:
        return termin
    if Termin.objects.eigene(user).filter(pk=pk, stammtisch__isnull=False).exists():
        raise PermissionDenied(
            _(
                "The coordinators look after the Stammtisch and its minutes. "
                "You can propose a topic on the meeting's page."
            )
        )
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def termin_neu(request: HttpRequest) -> HttpResponse:
    return _formular(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def termin_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    termin = termin_zum_aendern(request.user, pk)
    return _formular(request, termin)


@login_required
@require_POST
def abgleich(request: HttpRequest) -> HttpResponse:
    """htmx: the clash list for the form as typed so far (empty while it is incomplete)."""
    form = TerminForm(request.POST, instance=Termin(), user=request.user)
    konflikte = _konflikte_fuer(form, request.user) if form.is_valid() else []
    return render(
        request,
        "termine/termin_form.html#konflikte",
        {"konflikte": konflikte, "live": True, "geprueft": form.is_valid()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def termin_absagen(request: HttpRequest, pk: int) -> HttpResponse:
    termin = termin_zum_aendern(request.user, pk)
    form = AbsagenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.termin_absagen(termin=termin, grund=form.cleaned_data["grund"], von=request.user)
        messages.success(request, _("The date is cancelled. It stays visible, struck through."))
        return redirect(termin)
    return render(request, "termine/absagen.html", {"form": form, "termin": termin})


@login_required
@require_POST
def feed_token_erneuern(request: HttpRequest) -> HttpResponse:
    """Draw a new secret for the personal feed; the old link stops working at once."""
    request.user.neuer_feed_token()
    messages.success(
        request,
        _("Your personal calendar link is renewed. The old link no longer works."),
    )
    return redirect("mein_bereich")
