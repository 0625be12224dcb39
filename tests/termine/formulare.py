"""Drive forms through the rendered HTML: collect what the browser would send."""

from html.parser import HTMLParser


class _Formular(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.daten: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post" and "action" not in a:
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            art = a.get("type", "text")
            if art in ("checkbox", "radio"):
                if "checked" in a:
                    self.daten.setdefault(name, []).append(a.get("value", "on"))
            elif art not in ("submit", "file", "button"):
                self.daten.setdefault(name, []).append(a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.daten.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.daten[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.daten.setdefault(self._textarea, []).append(self._text.lstrip("\n"))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def formular_daten(antwort, **aenderungen) -> dict:
    """The POST data of the page's main form (method=post, no action), with changes.

    A change of None removes the field (an unticked checkbox); a list sets several values.
    """
    parser = _Formular()
    parser.feed(antwort.content.decode())
    daten: dict = {name: werte for name, werte in parser.daten.items() if werte}
    for name, wert in aenderungen.items():
        if wert is None:
            daten.pop(name, None)
        else:
            daten[name] = wert if isinstance(wert, list) else [wert]
    return daten
