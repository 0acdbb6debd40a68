from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mattran.people"
    label = "people"
    verbose_name = "Nhân sự, ủy viên"
