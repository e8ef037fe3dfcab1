"""The project's form renderer: `{{ field.as_field_group }}` renders the one field component
(`core/partials/field.html`), so a form written either way looks and reads the same."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "core/partials/field.html"
