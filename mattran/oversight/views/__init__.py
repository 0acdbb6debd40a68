"""The oversight pages: the dashboard, a programme, an activity step by step, the recommendations, social
criticism, the residential-area evaluations and the public page. Each change is its own URL taking a POST; a
form that fails comes back on its page with the action's message beside the field.

The views live by topic in this package's modules (common, supervision, criticism, evaluations, public) and
are all importable from here, as ``urls.py`` uses them."""

from .common import (
    MANAGE,
    VIEW,
    V,
    command,
)
from .criticism import (
    draft,
    draft_create,
    draft_document,
    draft_participant,
    draft_point,
    draft_publish,
    draft_send,
    point_response,
)
from .evaluations import (
    evaluation,
    evaluations,
)
from .public import (
    public,
)
from .supervision import (
    ACTIVITY_FORMS,
    DOCUMENTS,
    activity,
    activity_conclude,
    activity_document,
    activity_finding,
    activity_follow_up,
    activity_notice,
    activity_plan,
    activity_recommend,
    activity_session,
    activity_subject,
    activity_team,
    answer_file,
    index,
    photo_file,
    programme,
    programme_add_activity,
    programme_adopt,
    programme_create,
    programme_publish,
    recommendation_answer,
    recommendation_close,
    recommendation_letter,
    recommendations,
    session_photo,
)

__all__ = [
    "VIEW",
    "MANAGE",
    "V",
    "command",
    "index",
    "programme_create",
    "programme",
    "programme_adopt",
    "programme_add_activity",
    "programme_publish",
    "ACTIVITY_FORMS",
    "activity",
    "activity_subject",
    "activity_team",
    "activity_plan",
    "activity_notice",
    "activity_session",
    "activity_finding",
    "activity_conclude",
    "activity_recommend",
    "session_photo",
    "photo_file",
    "activity_follow_up",
    "DOCUMENTS",
    "activity_document",
    "recommendation_letter",
    "recommendations",
    "recommendation_answer",
    "recommendation_close",
    "answer_file",
    "draft_create",
    "draft",
    "draft_participant",
    "draft_point",
    "draft_send",
    "draft_publish",
    "point_response",
    "draft_document",
    "evaluations",
    "evaluation",
    "public",
]
