from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter

from netzwerk.mail import mail_zustellen
from netzwerk.models import Netzwerkprofil


class AccountAdapter(DefaultAccountAdapter):
    """allauth, wired to the portal: its mails leave through the task queue."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's templates greet with `current_site.name`: that is the network, not a host.
        site = SimpleNamespace(
            name=Netzwerkprofil.aktuell().name,
            domain=self.request.get_host() if self.request else "",
        )
        message = self.render_mail(
            template_prefix, email, {"email": email, "current_site": site, **context}
        )
        html = next(
            (c for c, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
            None,
        )
        mail_zustellen.enqueue(an=email, betreff=message.subject, text=message.body, html=html)
