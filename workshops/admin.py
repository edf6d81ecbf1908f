from django.contrib import admin

from .models import AuditEntry, Membership, Method, Organisation, Series


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "slug", "is_builtin", "position"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "organisation", "method", "created_at"]
    list_select_related = ["organisation", "method"]
    search_fields = ["title", "code"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the log is append-only (the coordinators' page is the usual way to read it)."""

    list_display = ["created_at", "actor", "action", "object_kind", "object_id", "label"]
    list_filter = ["action", "object_kind", "organisation"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
