"""The clocks the suite runs under (see `_feste_uhr` in tests/conftest.py).

No Django imports here: the Makefile (`make test-uhren`) and `.ci/run` read the names with
`python -m tests.uhren` before any settings exist.
"""

import sys

UHREN = {
    "standard": "2026-11-25T10:00:00+01:00",
    "sommerzeit": "2027-03-28T10:00:00+02:00",  # clocks went forward at 02:00 this morning
    "winterzeit": "2027-10-31T10:00:00+01:00",  # clocks went back at 03:00 this morning
    "schalttag": "2028-02-29T10:00:00+01:00",
    "silvester": "2026-12-31T23:30:00+01:00",
    "sommerferien": "2027-07-21T10:00:00+02:00",
    "anmeldefenster": "2027-05-18T08:00:00+02:00",
}
VERSCHOBENE = [name for name in UHREN if name != "standard"]


def uhr_des_tages(tag_im_jahr: int) -> str:
    """The shifted clock CI uses on a day of the year (1–366): each in turn, day by day."""
    return VERSCHOBENE[tag_im_jahr % len(VERSCHOBENE)]


if __name__ == "__main__":
    # `python -m tests.uhren` lists every clock; `… --tag N` names the shifted clock of day N.
    if sys.argv[1:2] == ["--tag"]:
        print(uhr_des_tages(int(sys.argv[2])))
    else:
        print(*UHREN)
