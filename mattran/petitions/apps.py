from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "mattran.petitions"
    label = "petitions"
    verbose_name = "Tiếng nói nhân dân"

    def ready(self) -> None:
        from . import indicators, todo  # noqa: F401 — register the report figures and the to-do provider
