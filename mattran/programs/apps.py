from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mattran.programs"
    label = "programs"
    verbose_name = "Chương trình, thi đua"
