import nh3
from django import template
from django.utils.safestring import mark_safe

from netzwerk.entscheidungen import Offen, ZuTun
from netzwerk.entscheidungen import offene_aufgaben as _offene_aufgaben
from netzwerk.entscheidungen import offene_entscheidungen as _offene_entscheidungen

register = template.Library()


@register.simple_tag
def offene_entscheidungen() -> list[Offen]:
    return _offene_entscheidungen()


@register.simple_tag
def offene_aufgaben() -> list[tuple[str, list[ZuTun]]]:
    return _offene_aufgaben()


_ERLAUBTE_TAGS = {
    "a",
    "abbr",
    "b",
    "br",
    "em",
    "h2",
    "h3",
    "h4",
    "i",
    "li",
    "ol",
    "p",
    "strong",
    "ul",
}


@register.filter
def sicheres_html(wert: str) -> str:
    """Text from the admin rendered as HTML, with everything but simple markup removed."""
    return mark_safe(nh3.clean(wert or "", tags=_ERLAUBTE_TAGS, link_rel="noopener"))
