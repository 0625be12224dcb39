"""The admin of the termine app: the calendar core and each room's back office.

Django's admin autodiscovery imports this package; every admin module is listed here, so that
renaming one cannot silently drop it.
"""

from termine.admin import termin  # noqa: F401
from termine.aktionstag import admin as aktionstag  # noqa: F401
from termine.ferien import admin as ferien  # noqa: F401
from termine.ferien.verlosung import admin as verlosung  # noqa: F401
from termine.stammtisch import admin as stammtisch  # noqa: F401
