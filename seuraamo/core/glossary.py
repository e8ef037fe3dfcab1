"""The programme's own terms, written once, in fi, sv and en through the catalogues.

Kymenlaakso's employment programme has words of its own that pages must not paraphrase:
"työllisyysjohtoryhmä" (not "ohjausryhmä"), "työllisyysalue", "elinvoimakeskus" and
"KEHA-keskus". Pages name them through :data:`TERMS` (the ``{% term %}`` tag of
``core/templatetags/glossary.py``) or the constants below, so that a page never says one thing
where another says something else. The source line of the employment service statistics is here
too: their publisher is KEHA-keskus (Työnvälitystilasto, for TEM); Statistics Finland only
publishes the tables in its StatFin database."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Kymenlaakson työllisyysjohtoryhmä: steers the programme; each goal reports to it.
STEERING_GROUP = _("Employment steering group")
#: A työllisyysalue: the municipalities that run the public employment services together since
#: 1.1.2025 (Etelä-Kymenlaakso, Kouvola).
EMPLOYMENT_AREA = _("employment area")
EMPLOYMENT_AREAS = _("employment areas")
#: The state's regional centre that succeeded the ELY centre on 1.1.2026.
ELINVOIMAKESKUS = _("elinvoimakeskus (the regional state centre that succeeded the ELY centre)")
#: Työllisyys-, kehittämis- ja hallintokeskus: publishes the employment service statistics and
#: Työvoimabarometri.
KEHA_CENTRE = _("KEHA-keskus")  # a proper name; Swedish "KEHA-centralen"
#: The source of the employment service statistics (tyonv tables), as every page writes it.
EMPLOYMENT_SERVICE_STATISTICS = _(
    "KEHA-keskus, Employment Service Statistics (published in Statistics Finland's StatFin)"
)

TERMS: dict[str, Promise] = {
    "steering_group": STEERING_GROUP,
    "employment_area": EMPLOYMENT_AREA,
    "employment_areas": EMPLOYMENT_AREAS,
    "elinvoimakeskus": ELINVOIMAKESKUS,
    "keha_centre": KEHA_CENTRE,
    "employment_service_statistics": EMPLOYMENT_SERVICE_STATISTICS,
}
