import allauth.mfa.admin  # noqa: F401 (registers allauth's admin, replaced below)
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from netzwerk.models import Netzwerkprofil, Ortsteil, Schulferien, Seite, User

# Django names its standard permissions in English when it creates them ("Can view
# termin"); the permission pickers show them as "Termine | Termin | ansehen" instead.
AKTIONEN = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def berechtigung_anzeigen(perm: Permission) -> str:
    aktion, _trenner, modell = perm.codename.partition("_")
    if aktion in AKTIONEN and modell == perm.content_type.model:
        return f"{perm.content_type.app_labeled_name} | {AKTIONEN[aktion]}"
    return str(perm)


class BerechtigungenAufDeutsch:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        feld = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in {"permissions", "user_permissions"}:
            feld.label_from_instance = berechtigung_anzeigen
        return feld


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BerechtigungenAufDeutsch, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(BerechtigungenAufDeutsch, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "anzeigename", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "anzeigename"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password", "anzeigename"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "anzeigename", "password1", "password2"]}),
    ]


@admin.register(Netzwerkprofil)
class NetzwerkprofilAdmin(admin.ModelAdmin):
    list_display = ["name", "ort", "bundesland", "kontakt_email"]

    def has_add_permission(self, request) -> bool:
        return not Netzwerkprofil.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ortsteil)
class OrtsteilAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "reihenfolge"]
    list_editable = ["reihenfolge"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Schulferien)
class SchulferienAdmin(admin.ModelAdmin):
    list_display = ["name", "beginn", "ende"]
    date_hierarchy = "beginn"
    search_fields = ["name"]


@admin.register(Seite)
class SeiteAdmin(admin.ModelAdmin):
    list_display = ["titel", "art", "geaendert"]
    readonly_fields = ["geaendert"]


# --- Third-party models in German ----------------------------------------------------------
# allauth's and django-tasks-db's admin classes label columns and fields with raw English
# field names. Ours show the same rows with German labels; the models stay untouched (only
# display names, which no migration records), so their migrations do not change.


def _mit_titel(basis: type[admin.FieldListFilter], titel) -> type[admin.FieldListFilter]:
    class Filter(basis):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = titel

    return Filter


Authenticator._meta.verbose_name = _("second factor")
Authenticator._meta.verbose_name_plural = _("second factors")
apps.get_app_config(DBTaskResult._meta.app_label).verbose_name = _("Background tasks")

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class ZweiterFaktorAdmin(admin.ModelAdmin):
    """Who set up which second factor. Read-only, and the secrets are never shown; a
    coordinator may delete one for a member who lost the phone."""

    list_display = ["benutzer", "art", "angelegt", "zuletzt_benutzt"]
    list_filter = [
        ("type", _mit_titel(admin.ChoicesFieldListFilter, _("type"))),
        ("created_at", _mit_titel(admin.DateFieldListFilter, _("created"))),
        ("last_used_at", _mit_titel(admin.DateFieldListFilter, _("last used"))),
    ]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = readonly_fields = ["benutzer", "art", "angelegt", "zuletzt_benutzt"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("user"), ordering="user__email")
    def benutzer(self, obj: Authenticator):
        return obj.user

    @admin.display(description=_("type"), ordering="type")
    def art(self, obj: Authenticator) -> str:
        return obj.get_type_display()

    @admin.display(description=_("created"), ordering="created_at")
    def angelegt(self, obj: Authenticator):
        return obj.created_at

    @admin.display(description=_("last used"), ordering="last_used_at")
    def zuletzt_benutzt(self, obj: Authenticator):
        return obj.last_used_at


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class HintergrundaufgabeAdmin(DBTaskResultAdmin):
    list_display = [
        "id",
        "aufgabe",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    ]

    @admin.display(description=_("task"))
    def aufgabe(self, obj: DBTaskResult) -> str:
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult):
        return super().display_run_after(obj)
