"""Koordination: shared challenges across meetings, the coordinators' to-do page and the
funder's report (docs/koordination.md)."""
