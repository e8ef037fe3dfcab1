from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "seuraamo.accounts"
    label = "accounts"
