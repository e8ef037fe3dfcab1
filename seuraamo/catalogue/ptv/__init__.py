"""Suomi.fi Palvelutietovaranto (PTV, API v11): services and their channels into the catalogue
(`seuraamo import_ptv`)."""
