from django import template
from django.utils.html import format_html

from seuraamo.core.translation import localized

register = template.Library()


@register.simple_tag
def tr(obj: object, field: str) -> str:
    """Content text in the active language; Finnish fallback wrapped in <span lang="fi">."""
    value = localized(obj, field)
    if value.is_fallback and value.text:
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return format_html("{}", value.text)


@register.simple_tag
def tr_text(obj: object, field: str) -> str:
    """Plain content text in the active language (for attributes and titles)."""
    return localized(obj, field).text
