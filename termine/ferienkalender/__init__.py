"""Helpers of the Ferienkalender beside its services (termine.ferien): forms, filters, iCal,
the printed leaflet and the statistics."""
