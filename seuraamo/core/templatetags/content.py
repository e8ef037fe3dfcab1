"""Template tags for programme content stored in fi/sv/en columns."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag
def tr_lang(obj: object, field: str) -> str:
    """` lang="fi"` where the field is shown in its Finnish fallback, for an element that holds
    `tr_text` and cannot hold a <span> (an <option>); nothing otherwise."""
    value = localized(obj, field)
    if value.is_fallback and value.text:
        return format_html(' lang="{}"', value.language)
    return ""


def _block(text: str) -> SafeString:
    """One paragraph of plain text: a list when every line starts with "- ", else a <p> with <br>s."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and all(line.startswith(("- ", "• ", "– ")) for line in lines):
        items = format_html_join("", "<li>{}</li>", ((line[2:].strip(),) for line in lines))
        return format_html("<ul>{}</ul>", items)
    body = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
    return format_html("<p>{}</p>", body)


@register.simple_tag
def tr_paragraphs(obj: object, field: str, limit: int = 0) -> str:
    """Multi-paragraph content text (blank lines separate paragraphs) in the active language, the
    first `limit` paragraphs only when limit is given; a Finnish fallback is wrapped in <div lang="fi">."""
    value = localized(obj, field)
    blocks = [block for block in value.text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    if limit:
        blocks = blocks[:limit]
    html = format_html_join("", "{}", ((_block(block),) for block in blocks))
    if value.is_fallback and blocks:
        return format_html('<div lang="{}">{}</div>', value.language, html)
    return html
