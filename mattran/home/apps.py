from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top of the site: the pages that span every domain (audit log) and the demo's composition."""

    name = "mattran.home"
    label = "home"
    verbose_name = _("Trang chung")
