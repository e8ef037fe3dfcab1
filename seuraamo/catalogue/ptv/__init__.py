"""Suomi.fi Palvelutietovaranto (PTV, API v11): services and their channels into the catalogue
(`seuraamo import_ptv`).

Plain Python, no Django (like the PxWeb library), so the mapping can be read and tested without a
database:

* :mod:`.mapping` — PTV records → the catalogue's values: services, organisations named, channels
  (with coordinates converted from ETRS-TM35FIN), which channels belong to which service.
* :mod:`.source` — reading a saved file or the paged list API, through the project's one HTTP
  transport (:mod:`seuraamo.transport`), all of it before anything is written.

Django:

* :mod:`.importer` — the services' writes (one transaction, audited), with the guard against mass
  removal.
* :mod:`.channels` — the channels' writes.
"""
