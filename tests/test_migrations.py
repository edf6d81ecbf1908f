"""Every model change has its migration (CI checks this too; the suite catches it first)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
