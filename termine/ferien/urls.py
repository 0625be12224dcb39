from django.urls import path

from termine.ferien import views as v

app_name = "ferien"

urlpatterns = [
    path("", v.kalender, name="kalender"),
    # Families
    path("familie/", v.familie, name="familie"),
    path("familie/kind/neu/", v.kind_bearbeiten, name="kind_neu"),
    path("familie/kind/<int:pk>/", v.kind_bearbeiten, name="kind_bearbeiten"),
    path("familie/kind/<int:pk>/loeschen/", v.kind_loeschen, name="kind_loeschen"),
    path("familie/anmeldung/<int:pk>/stornieren/", v.stornieren, name="stornieren"),
    path("familie/meine-daten.json", v.daten_export, name="daten_export"),
    path("anmelden/<int:pk>/", v.anmelden, name="anmelden"),
    # Providers
    path("anbieten/", v.anbieter, name="anbieter"),
    path("anbieten/neu/", v.angebot_bearbeiten, name="angebot_neu"),
    path("anbieten/<int:pk>/", v.angebot_bearbeiten, name="angebot_bearbeiten"),
    path("anbieten/<int:pk>/einreichen/", v.angebot_einreichen, name="angebot_einreichen"),
    path("anbieten/<int:pk>/kopieren/", v.angebot_kopieren, name="angebot_kopieren"),
    path(
        "anbieten/<int:angebot_pk>/termin/neu/",
        v.durchfuehrung_bearbeiten,
        name="durchfuehrung_neu",
    ),
    path("anbieten/termin/<int:pk>/", v.durchfuehrung_bearbeiten, name="durchfuehrung_bearbeiten"),
    path(
        "anbieten/termin/<int:pk>/absagen/", v.durchfuehrung_absagen, name="durchfuehrung_absagen"
    ),
    path("anbieten/termin/<int:pk>/teilnehmende/", v.teilnehmende, name="teilnehmende"),
    path("anbieten/termin/<int:pk>/teilnehmende.csv", v.teilnehmende_csv, name="teilnehmende_csv"),
    path("anbieten/termin/<int:pk>/anwesenheit/", v.anwesenheit, name="anwesenheit"),
    # One period (public)
    path("<slug:zeitraum>/", v.liste, name="liste"),
    path("<slug:zeitraum>/tage/", v.tage, name="tage"),
    path("<slug:zeitraum>/angebot/<int:pk>/", v.angebot, name="angebot"),
    path("<slug:zeitraum>/angebot/<int:pk>.ics", v.angebot_ics, name="angebot_ics"),
    path("<slug:zeitraum>/feed.ics", v.feed, name="feed"),
    path("<slug:zeitraum>/rss/", v.ZeitraumRss(), name="rss"),
    path("<slug:zeitraum>/woche/<slug:woche>/", v.woche, name="woche"),
    path(
        "<slug:zeitraum>/woche/<slug:woche>/druck/",
        v.woche,
        {"druck": True},
        name="woche_druck",
    ),
    path("<slug:zeitraum>/heft/", v.heft, name="heft"),
    path("<slug:zeitraum>/heft.pdf", v.heft_pdf, name="heft_pdf"),
    path("<slug:zeitraum>/widget/", v.widget, name="widget"),
    path("<slug:zeitraum>/statistik/", v.statistik, name="statistik"),
    path("<slug:zeitraum>/statistik.csv", v.statistik_csv, name="statistik_csv"),
]
