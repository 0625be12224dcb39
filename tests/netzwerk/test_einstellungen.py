"""Settings read from the environment, a production check, and SQLite tuned for writers."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra, tmp_path):
    # The test settings put SECRET_KEY & co. into os.environ; the subprocess must not see them.
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYENV_VERSION"}}
    env.update({"VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_ist_sauber_mit_produktionsumgebung(tmp_path):
    ergebnis = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        env_extra={
            "DEBUG": "false",
            "SECRET_KEY": "x7!" + "k" * 60 + "q9_Zp2#vB4$mN8&rT1",
            "ALLOWED_HOSTS": "portal.example.org",
            "SITE_URL": "https://portal.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert ergebnis.returncode == 0, ergebnis.stdout + ergebnis.stderr
    assert "no issues" in ergebnis.stdout


def test_check_deploy_warnt_vor_site_url_als_standard(tmp_path):
    """Mails would link to 127.0.0.1:8000: `check --deploy` says so, a plain check not."""
    umgebung = {
        "DEBUG": "false",
        "SECRET_KEY": "x7!" + "k" * 60 + "q9_Zp2#vB4$mN8&rT1",
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    einsatz = _manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, env_extra=umgebung
    )
    assert einsatz.returncode != 0
    ausgabe = einsatz.stdout + einsatz.stderr
    assert "netzwerk.W001" in ausgabe and "SITE_URL is 'http://127.0.0.1:8000'" in ausgabe
    assert ausgabe.count("WARNINGS") == 1 and "1 issue" in ausgabe
    einfach = _manage("check", "--fail-level", "WARNING", tmp_path=tmp_path, env_extra=umgebung)
    assert einfach.returncode == 0, einfach.stdout + einfach.stderr


def test_check_deploy_meldet_debug_an(tmp_path):
    """Control: the check above can fail."""
    ergebnis = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        env_extra={"DEBUG": "true", "SECRET_KEY": "kurz"},
    )
    assert ergebnis.returncode != 0
    assert "security.W018" in ergebnis.stderr + ergebnis.stdout


def test_secret_key_wird_einmal_mit_modus_0600_erzeugt(tmp_path):
    env = {"DEBUG": "true"}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    erster = _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, env_extra=env)
    zweiter = _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, env_extra=env)
    datei = tmp_path / "secret_key"
    assert erster.returncode == 0, erster.stderr
    assert stat.S_IMODE(datei.stat().st_mode) == 0o600
    assert erster.stdout.strip() == zweiter.stdout.strip() == datei.read_text().strip()
    assert len(datei.read_text().strip()) >= 50


def test_sprache_und_zeit():
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ is True


def test_sqlite_wartet_auf_schreibsperre_statt_zu_scheitern(tmp_path):
    ergebnis = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.settings_dict['OPTIONS']['transaction_mode'])",
        tmp_path=tmp_path,
        env_extra={"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert ergebnis.stdout.split() == ["wal", "20000", "IMMEDIATE"], ergebnis.stderr


def _make_run_umgebung() -> dict[str, str]:
    """The variables `make run` exports (`run: export NAME ?= value` in the Makefile)."""
    zeilen = (ROOT / "Makefile").read_text().splitlines()
    return dict(
        zeile.removeprefix("run: export ").split(" ?= ", 1)
        for zeile in zeilen
        if zeile.startswith("run: export ")
    )


def test_make_run_zeigt_die_deutschen_fehlerseiten(tmp_path):
    """`make run` runs without DEBUG, as users will see the portal: a wrong address gets the
    portal's German 404 page (with its styles from collectstatic), the demo's uploads are
    served, and nothing redirects to https on the developer's machine."""
    umgebung = _make_run_umgebung()
    assert umgebung["DEBUG"] == "false"
    umgebung |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    (tmp_path / "media" / "akteure").mkdir(parents=True)
    (tmp_path / "media" / "akteure" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    # As `make run` does (its migrate target also creates the cache table).
    for befehl in (["migrate", "-v0"], ["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
        vorher = _manage(*befehl, tmp_path=tmp_path, env_extra=umgebung)
        assert vorher.returncode == 0, vorher.stderr
    code = (
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False, HTTP_HOST='127.0.0.1')\n"
        "a = c.get('/gibt-es-nicht/')\n"
        "print(a.status_code, 'Seite nicht gefunden' in a.content.decode(),"
        " 'portal.' in a.content.decode())\n"
        "print(c.get('/media/akteure/logo.png').status_code)\n"
        "print(c.get('/').status_code)\n"
    )
    ergebnis = _manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, env_extra=umgebung)
    assert ergebnis.stdout.split() == ["404", "True", "True", "200", "200"], ergebnis.stderr
