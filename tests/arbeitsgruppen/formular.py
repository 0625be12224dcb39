"""Read a form out of rendered HTML, so that tests post what the page really offers."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.formulare: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get"),
                "felder": {},
                "optionen": {},
            }
            self.formulare.append(self._form)
        if self._form is None:
            return
        felder = self._form["felder"]
        name = a.get("name")
        if tag == "input" and name:
            typ = a.get("type", "text")
            if typ in ("checkbox", "radio"):
                self._form["optionen"].setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    felder[name] = a.get("value", "on")
            elif typ not in ("submit", "file"):
                felder[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            felder.setdefault(name, "")
        elif tag == "option" and self._select:
            self._form["optionen"].setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                felder[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            felder[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["felder"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def formulare(response) -> list[dict]:
    parser = _FormParser()
    parser.feed(response.content.decode())
    return parser.formulare


def formular(response, *, mit_feld: str) -> dict:
    """The first POST form on the page that has a field `mit_feld`."""
    for f in formulare(response):
        if f["method"].lower() == "post" and mit_feld in f["felder"]:
            return f
    raise AssertionError(f"no POST form with field {mit_feld!r} on the page")
