"""An audit entry, once written, is neither changed nor deleted: the model refuses it, and so
does the database (UPDATE on both vendors; DELETE on PostgreSQL, where Django's test flush is a
TRUNCATE that row triggers do not see)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from tests.workshops.factories import UserFactory
from workshops import audit
from workshops.models import AppendOnlyError, AuditEntry


@pytest.fixture
def entry(series, facilitator):
    return audit.record(
        actor=facilitator,
        action=AuditEntry.Action.CASE_VIEWED,
        series=series,
        kind=AuditEntry.Kind.CASE,
        object_id=series.code,
    )


def test_the_model_refuses_to_change_or_delete_an_entry(entry):
    entry.action = AuditEntry.Action.CASE_DELETED
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=AuditEntry.Action.CASE_DELETED)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == AuditEntry.Action.CASE_VIEWED


def test_the_database_refuses_an_update(entry):
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET action = 'deleted'")  # noqa: S608
    assert AuditEntry.objects.get().action == AuditEntry.Action.CASE_VIEWED


def test_a_staff_member_with_history_cannot_be_deleted_only_deactivated(entry, facilitator):
    with pytest.raises(ProtectedError):
        facilitator.delete()
    facilitator.is_active = False
    facilitator.save()
    assert AuditEntry.objects.get().actor == facilitator


def test_the_entries_outlive_their_series(entry, series):
    series.delete()
    kept = AuditEntry.objects.select_related("series").get()
    assert kept.series is None and kept.label == entry.label


@pytest.mark.postgres
def test_postgresql_refuses_a_delete(entry):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert AuditEntry.objects.count() == 1


def test_the_admin_lists_entries_but_offers_no_change_or_delete(client, entry):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:workshops_auditentry_changelist")
    assert client.get(changelist).status_code == 200
    delete = reverse("admin:workshops_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
