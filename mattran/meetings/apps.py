from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mattran.meetings"
    label = "meetings"
    verbose_name = "Hội nghị"
