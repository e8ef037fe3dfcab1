"""gunicorn run from inside `seuraamo serve`, after the settings have loaded and the checks passed."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class GunicornApplication(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Gunicorn asks for the application when it is needed, after this module was imported by
        # the `serve` command: importing it at the top would set Django up before the command does.
        from seuraamo.config.wsgi import application  # noqa: PLC0415

        return application
