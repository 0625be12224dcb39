from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from netzwerk.models import Netzwerkprofil, Ortsteil, Schulferien, Seite, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
