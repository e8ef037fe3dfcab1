"""The groups that carry roles (seuraamo/accounts/roles.py); an admin adds people to them."""

from django.db import migrations

GROUPS = ["programme admins", "steering group", "analysts"]


def create_groups(apps, schema_editor):
    group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
