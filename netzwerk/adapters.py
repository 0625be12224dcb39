import hashlib
import secrets
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing

from netzwerk.mail import mail_zustellen
from netzwerk.models import Netzwerkprofil

# --- Failed logins: brute force stays expensive, lockout is no weapon ---------------------
#
# allauth counts failed logins per address and per account. Behind one address (a school, a
# Kita) ten typos by anyone locked everybody out, and whoever knew an e-mail address could
# lock its owner out. Instead (rates in settings.ACCOUNT_RATE_LIMITS):
#   login_failed        per address (loose) and per account *and* address (strict): a brute
#                       force on one account from one address stops after five tries, while
#                       other people's typos at the same address do not count against you;
#   login_failed_konto  per account from anywhere (against attacks spread over many
#                       addresses): it does not apply on a known device;
#   login_failed_geraet per account on a known device, the owner's own typos only.
# A known device is a browser that logged into the account before: it carries a signed,
# long-lived cookie naming (a hash of) the account, so an attacker elsewhere cannot lock the
# owner out of the devices they already use.

BEKANNT_COOKIE = "bekanntes_geraet"
BEKANNT_SALT = "netzwerk.bekanntes-geraet"
BEKANNT_TAGE = 365
BEKANNT_KONTEN = 5  # a family tablet may know a few accounts


def _konto_hash(login: str) -> str:
    # The cookie is signed, not encrypted: it names the account only by a hash.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{login.lower()}".encode()).hexdigest()[:32]


def _bekannt_lesen(request) -> dict:
    wert = request.COOKIES.get(BEKANNT_COOKIE)
    if not wert:
        return {}
    try:
        daten = signing.loads(wert, salt=BEKANNT_SALT, max_age=BEKANNT_TAGE * 86400)
    except signing.BadSignature:
        return {}
    if not isinstance(daten, dict) or not isinstance(daten.get("konten"), list):
        return {}
    return daten


def bekanntes_geraet(request, login: str) -> str | None:
    """The device id when this browser logged into `login` before, else None."""
    daten = _bekannt_lesen(request)
    if login and _konto_hash(login) in daten.get("konten", []):
        return str(daten.get("geraet", ""))
    return None


def bekannt_merken(request, response, login: str) -> None:
    """Remember on `response` that this browser logged into `login` (see above)."""
    daten = _bekannt_lesen(request)
    konten = [k for k in daten.get("konten", []) if k != _konto_hash(login)]
    daten = {
        "geraet": daten.get("geraet") or secrets.token_hex(16),
        "konten": [_konto_hash(login), *konten][:BEKANNT_KONTEN],
    }
    response.set_cookie(
        BEKANNT_COOKIE,
        signing.dumps(daten, salt=BEKANNT_SALT),
        max_age=BEKANNT_TAGE * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class AccountAdapter(DefaultAccountAdapter):
    """allauth, wired to the portal: its mails leave through the task queue, failed logins
    are counted so that a lockout cannot be used against someone (see above)."""

    def _login(self, credentials) -> str:
        return (credentials.get("email") or credentials.get("username") or "").strip().lower()

    def pre_authenticate(self, request, **credentials) -> None:
        login = self._login(credentials)
        geraet = bekanntes_geraet(request, login)
        if geraet:
            pruefungen = [("login_failed_geraet", f"{login}|geraet:{geraet}")]
        else:
            adresse = ratelimit.get_ip(request)
            pruefungen = [
                ("login_failed", f"{login}|{adresse}"),
                ("login_failed_konto", login),
            ]
        verbraucht = ratelimit.RateLimitUsage(usage=[])
        for aktion, schluessel in pruefungen:
            usage = ratelimit.consume(request, app="allauth.account", action=aktion, key=schluessel)
            if not usage:
                verbraucht.rollback()
                raise self.validation_error("too_many_login_attempts")
            verbraucht.usage.extend(usage.usage)
        # allauth rolls this back after a successful login.
        self._login_failed_rl_usage = verbraucht

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # After a successful password reset the account's own counts start afresh (the reset
        # is rate limited itself); the per-address count stays.
        login = self._login(credentials)
        for aktion, schluessel in [
            ("login_failed", f"{login}|{ratelimit.get_ip(request)}"),
            ("login_failed_konto", login),
        ]:
            nur_konto = ",".join(
                rate
                for rate in settings.ACCOUNT_RATE_LIMITS[aktion].split(",")
                if rate.strip().endswith("/key")
            )
            ratelimit.clear(
                request,
                app="allauth.account",
                action=aktion,
                config={aktion: nur_konto},
                key=schluessel,
            )

    def post_login(self, request, user, **kwargs):
        antwort = super().post_login(request, user, **kwargs)
        bekannt_merken(request, antwort, user.email)
        return antwort

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
