from django.urls import path

from termine.ferien.verlosung import views as v

app_name = "wuensche"

urlpatterns = [
    path("", v.uebersicht, name="uebersicht"),
    path("<slug:zeitraum>/kind/<int:kind>/", v.kind, name="kind"),
]
