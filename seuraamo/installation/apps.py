from django.apps import AppConfig


class InstallationConfig(AppConfig):
    """The commands that set up and run an installation (`load_initial_data`, `serve`): like
    `config`, they wire every app together, so they sit above all of them."""

    name = "seuraamo.installation"
    label = "installation"
