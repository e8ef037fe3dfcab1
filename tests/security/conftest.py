from tests.pages.conftest import data  # noqa: F401  (the small programme the page tests use)
