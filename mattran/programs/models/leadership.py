"""The cluster leader's flag handed over to next year's leader (bàn giao Cờ Cụm trưởng)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadershipHandover(models.Model):
    """The leader's flag handed from one year's cluster leader to the next year's, at the cluster's meeting."""

    from_cluster = models.OneToOneField(
        "org.EmulationCluster", on_delete=models.PROTECT, related_name="handover_out"
    )
    to_cluster = models.OneToOneField(
        "org.EmulationCluster", on_delete=models.PROTECT, related_name="handover_in"
    )
    from_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cụm trưởng bàn giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cụm trưởng nhận"), on_delete=models.PROTECT, related_name="+"
    )
    to_deputy = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cụm phó năm sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="cluster_handovers"
    )
    handed_on = models.DateField(_("ngày bàn giao"))
    handed_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_by_title = models.CharField(max_length=300, blank=True, default="")
    received_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by_title = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit} ({self.to_cluster.year})"
