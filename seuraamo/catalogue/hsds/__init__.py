"""The catalogue in Open Referral HSDS 3.0: the export (`/api/hsds/`, `seuraamo export_hsds`) and the
import (`seuraamo import_hsds`).

Plain Python, no Django (like the PxWeb library), so the mapping can be read and tested without a
database:

* :mod:`.mapping` — catalogue values → HSDS records: ids, the profile's taxonomies, services,
  organisations, locations, the export file; it reads the plain dataclasses it defines.
* :mod:`.reading` — an HSDS file → the catalogue's values: its shapes, the official service schema,
  level and target groups from the profile's attributes, municipalities by name, locations.

Django:

* :mod:`.selectors` — the exported services, organisations and locations, read from the catalogue
  into :mod:`.mapping`'s dataclasses in one language.
* :mod:`.importer` — the import's writes (one transaction, audited).
* :mod:`.views`, :mod:`.urls` — the API at /api/hsds/.
"""
