"""``{% term "steering_group" %}``: a term of the programme's glossary (seuraamo.core.glossary)
in the page's language."""

from __future__ import annotations

from django import template

from seuraamo.core.glossary import TERMS

register = template.Library()


@register.simple_tag
def term(key: str) -> str:
    return str(TERMS[key])
