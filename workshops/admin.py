from django.contrib import admin

from .models import Membership, Method, Organisation, Series


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
