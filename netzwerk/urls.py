from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from netzwerk import views

# The admin login goes through allauth, so it shares its rate limits and MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Engagementportal – Koordination"
admin.site.site_title = "Engagementportal"

urlpatterns = [
    path("", views.startseite, name="startseite"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("seite/<slug:art>/", views.seite, name="seite"),
    path("barriere-melden/", views.barriere_melden, name="barriere_melden"),
    path("mein-bereich/", views.mein_bereich, name="mein_bereich"),
    path("konto/loeschen/", views.konto_loeschen, name="konto_loeschen"),
    path("konto/", include("allauth.urls")),
    # Without CSRF token, so that public pages carry no per-visitor token and can be cached
    # (netzwerk/zwischenspeicher.py); switching someone's language is all a forged post does.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("akteure/", include("vereine.urls")),
    path("marktplatz/", include("vereine.marktplatz.urls")),
    path("ressourcen/", include("vereine.ressourcen.urls")),
    path("termine/", include("termine.urls")),
    path("stammtisch/", include("termine.stammtisch.urls")),
    path("aktionstag/", include("termine.aktionstag.urls")),
    path("ferienkalender/wuensche/", include("termine.ferien.verlosung.urls")),
    path("ferienkalender/", include("termine.ferien.urls")),
    path("arbeitsgruppen/", include("arbeitsgruppen.urls")),
    path("lernen-durch-engagement/", include("arbeitsgruppen.lde.urls")),
    path("jugend/", include("arbeitsgruppen.jugend.urls")),
    path("netzwerk/", include("netzwerk.koordination.urls")),
]

# In production the reverse proxy serves media (see README) and this view answers 404; with
# SERVE_MEDIA (DEBUG, `make run`) it serves the public uploads. Private uploads (group
# documents) are only ever served through their permission-checking views.
urlpatterns += [re_path(r"^media/(?P<pfad>.*)$", views.medien_entwicklung)]

# Reference pages of benchmarks/seiten.py (PORTAL_BENCHMARK=1 only, never in production).
if settings.PORTAL_BENCHMARK:
    from netzwerk import benchmark

    urlpatterns += [
        path("_benchmark/minimal/", benchmark.minimal),
        path("_benchmark/leer/", benchmark.leer),
    ]

handler400 = "netzwerk.views.fehler_400"
handler403 = "netzwerk.views.fehler_403"
handler404 = "netzwerk.views.fehler_404"
