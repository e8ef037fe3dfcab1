"""Context for every page: the language switcher's links to the same page in each language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's own name: Suomi, Svenska, English
    url: str
    is_current: bool


def same_page_in(path: str, current: str, code: str) -> str:
    """The path of the same page in another language. Paths that do not resolve keep their own
    tail under the other language's prefix."""
    translated = translate_url(path, code)
    if translated != path or code == current:
        return translated
    prefix = f"/{current}/"
    tail = path[len(prefix) :] if path.startswith(prefix) else ""
    return f"/{code}/{tail}"


def local_name(code: str) -> str:
    """A language's name in that language, capitalised as a menu item: Suomi, Svenska, English."""
    name = str(get_language_info(code)["name_local"])
    return name[:1].upper() + name[1:]


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    # The query string carries a page's state (search, filters, the guide's answers): keep it.
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return [
        LanguageLink(
            code=code,
            name=local_name(code),
            url=same_page_in(request.path, current, code) + suffix,
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def site(request: HttpRequest) -> dict[str, object]:
    return {"content_languages": settings.LANGUAGES, "language_links": language_links(request)}
