"""What an analyst sets for the situation picture: the peer regions Kymenlaakso is compared with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.models import Area

#: The programme's default peer regions: Etelä-Karjala, Päijät-Häme, Kanta-Häme, Satakunta, Kainuu.
DEFAULT_PEERS: tuple[str, ...] = ("MK09", "MK07", "MK05", "MK04", "MK18")
PEER_GROUP_KEY = "default"


class PeerGroup(models.Model):
    """The regions shown side by side with Kymenlaakso (edited in the admin; the migration that
    creates the default group runs once, and nothing at start-up overwrites an analyst's choice)."""

    key = models.SlugField(_("key"), max_length=40, unique=True, default=PEER_GROUP_KEY)
    regions = models.JSONField(
        _("regions"),
        default=list,
        help_text=_("Region codes of Statistics Finland, e.g. MK09 for Etelä-Karjala."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")

    def __str__(self) -> str:
        return f"{self.key}: {', '.join(self.regions)}"

    def clean(self) -> None:
        if not isinstance(self.regions, list) or not all(isinstance(c, str) for c in self.regions):
            raise ValidationError({"regions": _("Give a list of region codes.")})
        known = set(Area.objects.filter(level="region").values_list("code", flat=True))
        unknown = [code for code in self.regions if code not in known]
        if unknown:
            raise ValidationError(
                {"regions": _("Not a region code: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )
