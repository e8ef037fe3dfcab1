"""The whole POST payload of an admin change page as a browser would send it unchanged: the main
form's values and every inline formset with its management form."""

from __future__ import annotations

from django.test import Client


def _values(form: object, prefixed: bool) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in form.fields:  # type: ignore[attr-defined]
        value = form[name].value()  # type: ignore[index]
        if value is None or value is False:
            continue
        key = form.add_prefix(name) if prefixed else name  # type: ignore[attr-defined]
        values[key] = value.pk if hasattr(value, "pk") else value
    return values


def admin_form_payload(client: Client, url: str) -> dict[str, object]:
    context = client.get(url).context
    payload = _values(context["adminform"].form, prefixed=False)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        payload.update({management.add_prefix(n): management[n].value() for n in management.fields})
        for form in formset.initial_forms:
            payload.update(_values(form, prefixed=True))
    return payload
