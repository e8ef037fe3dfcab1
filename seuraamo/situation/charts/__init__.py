"""What makes a chart, from a `DataTable` (situation/tables.py) to what the page shows.

- `options.py`: what the time-series chart offers (the areas and the statistics stored for them);
- `specs.py`: the Vega-Lite specifications, with the table's rows as their inline data;
- `svg.py`: a specification drawn on the server (SVG for pages without JavaScript, print and PDF;
  PNG for downloads), cached by the specification's hash;
- `vega_bundle.py`: the browser's vendored Vega bundle, which draws the same specification live;
- `chart.py`: `Chart`, the view-model a page's template draws: the table, the specification, the
  SVG, the source line and the download links.

Nothing here reads the database or knows a page: `situation/pages.py` builds each chart of the
pages from the selectors and the tables of `situation/datasets.py`, and passes them here.
"""
