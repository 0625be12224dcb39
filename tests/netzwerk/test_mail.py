import pytest

from netzwerk.mail import Anhang, mail_senden
from netzwerk.models import Netzwerkprofil

pytestmark = pytest.mark.django_db


def test_mail_mit_text_html_und_anhang(mailoutbox):
    Netzwerkprofil.objects.create(name="Netzwerk N", ort="O", kontakt_email="team@example.org")
    mail_senden(
        an=["a@example.org", "b@example.org"],
        vorlage="mail/barriere_gemeldet",
        kontext={"seite": "/x/", "beschreibung": "Kontrast <zu> gering", "email": ""},
        anhaenge=[Anhang("termin.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    assert [m.to for m in mailoutbox] == [["a@example.org"], ["b@example.org"]]
    mail = mailoutbox[0]
    assert mail.subject == "Barriere im Portal gemeldet"
    assert "Kontrast <zu> gering" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and "Kontrast &lt;zu&gt; gering" in html
    assert "Netzwerk N" in mail.body
    assert mail.attachments[0][0] == "termin.ics"
