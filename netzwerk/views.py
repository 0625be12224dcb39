import posixpath
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.static import serve

from netzwerk import services
from netzwerk.forms import BarriereMeldenForm, KontoLoeschenForm
from netzwerk.models import Netzwerkprofil, Seite


def startseite(request: HttpRequest) -> HttpResponse:
    return render(request, "netzwerk/startseite.html")


def seite(request: HttpRequest, art: str) -> HttpResponse:
    if art not in Seite.Art.values:
        raise Http404
    if art == Seite.Art.UEBER_UNS:
        # The "About us" text stands above the network's timeline (netzwerk/koordination).
        return redirect("koordination:ueber_uns")
    obj = Seite.objects.filter(art=art).first()
    return render(
        request,
        "netzwerk/seite.html",
        {"seite": obj, "titel": Seite.Art(art).label, "art": art},
    )


@require_http_methods(["GET", "POST"])
def barriere_melden(request: HttpRequest) -> HttpResponse:
    form = BarriereMeldenForm(request.POST or None, initial={"seite": request.GET.get("seite", "")})
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            services.barriere_melden(
                seite=form.cleaned_data["seite"],
                beschreibung=form.cleaned_data["beschreibung"],
                email=form.cleaned_data["email"],
                sprache=get_language(),
            )
        messages.success(
            request, _("Thank you! We have received your report and will look into it.")
        )
        return redirect("seite", art=Seite.Art.BARRIEREFREIHEIT)
    return render(request, "netzwerk/barriere_melden.html", {"form": form})


@login_required
def mein_bereich(request: HttpRequest) -> HttpResponse:
    return render(request, "netzwerk/mein_bereich.html")


@login_required
@require_http_methods(["GET", "POST"])
def konto_loeschen(request: HttpRequest) -> HttpResponse:
    form = KontoLoeschenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.konto_loeschen(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("startseite")
    return render(request, "netzwerk/konto_loeschen.html", {"form": form})


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on every site whatever the page links."""
    antwort = HttpResponse(
        (Path(settings.BASE_DIR) / "static" / "favicon.ico").read_bytes(),
        content_type="image/vnd.microsoft.icon",
    )
    antwort["Cache-Control"] = "public, max-age=86400"
    return antwort


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: a parent who adds the portal to the home screen lands in the
    Ferienkalender. The name is the network's own (Netzwerkprofil), not the software's."""
    profil = Netzwerkprofil.aktuell()
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    daten = {
        "name": profil.name,
        "short_name": _("Holiday calendar"),
        "description": profil.kurzbeschreibung,
        "lang": get_language(),
        "start_url": reverse("ferien:kalender"),
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": "#1d6b3a",
        "icons": icons,
    }
    return JsonResponse(
        daten,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def fehler_400(request, exception=None):
    return render(request, "400.html", status=400)


def fehler_403(request, exception=None):
    return render(request, "403.html", status=403)


def fehler_404(request, exception=None):
    return render(request, "404.html", status=404)


@require_safe
def medien_entwicklung(request: HttpRequest, pfad: str) -> HttpResponse:
    """Development and demo only (SERVE_MEDIA): the public uploads in MEDIA_ROOT, never
    anything in private/.

    The path is decoded and normalised before the check, so that `//private/`, `./private/`,
    `%2e/private/`, `%2Fprivate/` or `x/../private/` cannot slip past it; then the resolved
    file must lie inside MEDIA_ROOT and outside MEDIA_ROOT/private (symlinks included).
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    relativ = posixpath.normpath("/" + unquote(pfad).replace("\\", "/")).lstrip("/")
    wurzel = Path(settings.MEDIA_ROOT).resolve()
    ziel = (wurzel / relativ).resolve()
    privat = wurzel / "private"
    if (
        not relativ
        or relativ.split("/")[0].lower() == "private"
        or not ziel.is_relative_to(wurzel)
        or ziel == privat
        or ziel.is_relative_to(privat)
    ):
        raise Http404
    antwort = serve(request, str(ziel.relative_to(wurzel)), document_root=str(wurzel))
    antwort["X-Content-Type-Options"] = "nosniff"
    return antwort
