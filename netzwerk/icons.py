"""Draws the portal's icons: favicon (SVG and ICO) and the home-screen icons (PNG).

One description of the picture – three people joined in a network, white on the portal's
green – is written out as SVG and rendered with Pillow, so no image is downloaded and all
files stay in step. Run `python -m netzwerk.icons` after changing it and commit the files in
static/ (a test compares them with this description).
"""

from __future__ import annotations

from pathlib import Path

GRUEN = "#1d6b3a"
WEISS = "#ffffff"
RAHMEN = 64  # the drawing's coordinate system: 64 × 64
# (x, y, radius) of the three people and the lines between them
KNOTEN = [(32, 19, 8.5), (17, 44, 8.5), (47, 44, 8.5)]
LINIEN = [(0, 1), (0, 2), (1, 2)]
STRICH = 5
ECKE = 14  # corner radius of the favicon's rounded square

ZIEL = Path(__file__).resolve().parent.parent / "static"
# file name → (pixel size, full bleed): home-screen icons fill the square, because the
# phone cuts its own shape (and "maskable" needs the picture inside the inner 80 %).
PNG = {
    "icons/apple-touch-icon.png": (180, True),
    "icons/icon-192.png": (192, False),
    "icons/icon-512.png": (512, False),
    "icons/icon-maskable-512.png": (512, True),
}
ICO_GROESSEN = [16, 32, 48]


def svg() -> str:
    linien = "".join(
        f'<line x1="{KNOTEN[a][0]}" y1="{KNOTEN[a][1]}" x2="{KNOTEN[b][0]}" y2="{KNOTEN[b][1]}"/>'
        for a, b in LINIEN
    )
    kreise = "".join(f'<circle cx="{x}" cy="{y}" r="{r}"/>' for x, y, r in KNOTEN)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {RAHMEN} {RAHMEN}">'
        f'<rect width="{RAHMEN}" height="{RAHMEN}" rx="{ECKE}" fill="{GRUEN}"/>'
        f'<g stroke="{WEISS}" stroke-width="{STRICH}" stroke-linecap="round">{linien}</g>'
        f'<g fill="{WEISS}">{kreise}</g>'
        "</svg>\n"
    )


def bild(groesse: int, *, vollflaechig: bool):
    """The icon as a Pillow image of `groesse` pixels, drawn 8× larger and scaled down."""
    from PIL import Image, ImageDraw

    gross = groesse * 8
    img = Image.new("RGBA", (gross, gross), (0, 0, 0, 0))
    zeichnen = ImageDraw.Draw(img)
    if vollflaechig:
        zeichnen.rectangle((0, 0, gross, gross), fill=GRUEN)
        # inside the safe zone of a maskable icon: shrink the picture to 70 % around the centre
        faktor, versatz = gross / RAHMEN * 0.7, gross * 0.15
    else:
        faktor, versatz = gross / RAHMEN, 0
        zeichnen.rounded_rectangle((0, 0, gross - 1, gross - 1), radius=ECKE * faktor, fill=GRUEN)

    def p(wert: float) -> float:
        return wert * faktor + versatz

    for a, b in LINIEN:
        (x1, y1, _), (x2, y2, _) = KNOTEN[a], KNOTEN[b]
        zeichnen.line((p(x1), p(y1), p(x2), p(y2)), fill=WEISS, width=round(STRICH * faktor))
    for x, y, r in KNOTEN:
        zeichnen.ellipse((p(x - r), p(y - r), p(x + r), p(y + r)), fill=WEISS)
    img = img.resize((groesse, groesse), Image.Resampling.LANCZOS)
    return img.convert("RGB") if vollflaechig else img


def schreiben(ziel: Path = ZIEL) -> list[Path]:
    """Writes favicon.svg, favicon.ico and the PNGs into `ziel`; returns the paths."""
    pfade = [ziel / "favicon.svg", ziel / "favicon.ico"]
    pfade[0].write_text(svg(), encoding="utf-8")
    groesste = max(ICO_GROESSEN)
    bild(groesste, vollflaechig=False).save(
        pfade[1], format="ICO", sizes=[(g, g) for g in ICO_GROESSEN]
    )
    for name, (groesse, vollflaechig) in PNG.items():
        pfad = ziel / name
        pfad.parent.mkdir(parents=True, exist_ok=True)
        bild(groesse, vollflaechig=vollflaechig).save(pfad, format="PNG", optimize=True)
        pfade.append(pfad)
    return pfade


if __name__ == "__main__":
    for pfad in schreiben():
        print(pfad.relative_to(ZIEL.parent))
