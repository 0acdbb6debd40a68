from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProgramsConfig(AppConfig):
    name = "mattran.programs"
    label = "programs"
    verbose_name = "Chương trình, thi đua"

    def ready(self) -> None:
        from mattran.core import todo as core_todo

        from .todo import program_items

        core_todo.register("programs", program_items)
        from mattran.meetings import links as meeting_links

        from . import catalogue, documents, links, news

        post_migrate.connect(catalogue.on_post_migrate, sender=self, dispatch_uid="programs_catalogue")
        news.register()
        documents.register()
        meeting_links.register(links.meeting_links)
        meeting_links.register_attach(links.campaign_attach_url)
