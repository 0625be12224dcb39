"""Markt der guten Geschäfte: companies and non-profits trade everything but money.

Offers and needs (Eintrag), the market event (Markt, a Termin of the shared calendar) with
registered actors and appointed brokers (Makler), the written deals (Vereinbarung) with their
confirmation and follow-up, and the statistics for press and funder. See docs/marktplatz.md.
"""
