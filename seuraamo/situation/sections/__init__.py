"""The parts of a situation page other than its charts, one module each.

A section reads the selectors and returns its view-model (a frozen dataclass, a list of cards or
rendered text) in the active language, which one partial template shows: the data status
(`data_status.py`, `_status.html`), the headline cards (`headline.py`, `_headline_section.html`),
the early warning (`warnings.py`, `_warnings.html`), the monthly review with its outlook
(`review.py`, `outlook.py`), the peer regions (`peers.py`, `_peers.html`), the labour force survey
(`lfs.py`, `_lfs.html`), Työvoimabarometri (`barometer.py`, `_barometer.html`; the publications
register beside it is `publications.selectors.register` as it is) and the occupations for training
planning (`training.py`: which occupations the section lists, as the table of its chart).

Sections import no chart module: `situation/contexts.py` puts a page's sections and its charts
(`situation/pages.py`) together.
"""
