"""The project's own user model, set before any account exists so that it can grow (organisation,
roles) without a migration of Django's built-in one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.organisations.models import Organisation


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The organisation the person works for; roles follow from it."),
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # the stubs lack AbstractUser.Meta
        verbose_name = _("user")
        verbose_name_plural = _("users")


class SignInProvider(models.Model):
    """An organisation's OpenID Connect identity provider: its staff sign in with their employer's
    account (accounts/oidc.py). The client secret is never stored here: the row names the
    environment variable that holds it (docs/configuration.md)."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sign_in_provider",
    )
    key = models.SlugField(
        _("key"), max_length=50, unique=True, help_text=_("Used in the sign-in address.")
    )
    name = models.CharField(
        _("button text"),
        max_length=100,
        help_text=_("Shown on the sign-in page, e.g. “City of Kotka account”."),
    )
    discovery_url = models.URLField(
        _("discovery address"),
        help_text=_(
            "The provider's OpenID configuration, ending in /.well-known/openid-configuration."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret_variable = models.CharField(
        _("client secret variable"),
        max_length=100,
        validators=[
            RegexValidator(
                r"\A[A-Z][A-Z0-9_]*\Z",
                _("Write the name of an environment variable, e.g. OIDC_KOTKA_SECRET."),
            )
        ],
        help_text=_(
            "The name of the environment variable that holds the client secret (never the "
            "secret itself)."
        ),
    )
    creates_users = models.BooleanField(
        _("creates accounts"),
        default=False,
        help_text=_(
            "Create an account in this organisation for a person who signs in for the first time "
            "and has none; otherwise an admin creates accounts first."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("sign-in provider")
        verbose_name_plural = _("sign-in providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExternalIdentity(models.Model):
    """A person's account at an organisation's identity provider (its `sub`), linked to a user at
    the first sign-in, so a changed e-mail address later still finds the same user."""

    provider = models.ForeignKey(
        SignInProvider,
        verbose_name=_("sign-in provider"),
        on_delete=models.CASCADE,
        related_name="identities",
    )
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identities"
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_external_identity")
        ]

    def __str__(self) -> str:
        return f"{self.provider.key}:{self.subject}"

    @property
    def audit_key(self) -> str:
        return f"{self.provider.key}/{self.subject}"


class PasswordResetRequest(models.Model):
    """A password-reset request of the last hour, for its limits (accounts/throttling.py). The
    address asked for is kept only as a keyed hash; rows older than the window are deleted. Not in
    the admin site, so no names to translate."""

    account_key = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    requested_at = models.DateTimeField(db_index=True)
    allowed = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.ip_address or ''}"
