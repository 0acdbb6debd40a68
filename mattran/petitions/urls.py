from django.urls import path

from . import views, views_public

app_name = "petitions"
urlpatterns = [
    path("tieng-noi/", views.index, name="index"),
    path("tieng-noi/tiep-nhan/", views.new_case, name="new"),
    path("tieng-noi/ky-hop/", views.sessions, name="sessions"),
    path("tieng-noi/thoi-han/", views.deadline_rules, name="rules"),
    path("tieng-noi/nhap-excel/", views.import_cases, name="import"),
    path("tieng-noi/ky-hop/<int:session_id>/bao-cao.docx", views.voters_report, name="voters_report"),
    path("tieng-noi/<int:case_id>/", views.case_detail, name="case"),
    path("tieng-noi/<int:case_id>/phan-loai/", views.classify, name="classify"),
    path("tieng-noi/<int:case_id>/chuyen/", views.forward, name="forward"),
    path("tieng-noi/<int:case_id>/tra-loi/", views.answer, name="answer"),
    path("tieng-noi/<int:case_id>/da-thong-bao/", views.inform, name="inform"),
    path("tieng-noi/<int:case_id>/ket-thuc/", views.close, name="close"),
    path("tieng-noi/<int:case_id>/mo-lai/", views.reopen, name="reopen"),
    path("tieng-noi/<int:case_id>/chuyen-cap-tren/", views.escalate, name="escalate"),
    path("tieng-noi/<int:case_id>/giao/", views.assign, name="assign"),
    path("tieng-noi/<int:case_id>/gop/", views.merge, name="merge"),
    path("tieng-noi/<int:case_id>/tach/", views.split, name="split"),
    path("tieng-noi/<int:case_id>/cong-khai/", views.publish, name="publish"),
    path("tieng-noi/<int:case_id>/danh-tinh/", views.identity, name="identity"),
    path("tieng-noi/<int:case_id>/cong-van.docx", views.forwarding_letter, name="letter"),
    path("tieng-noi/<int:case_id>/tep/<int:attachment_id>/", views.attachment, name="attachment"),
    # the public portal
    path("y-kien/", views_public.home, name="public_home"),
    path("y-kien/gui/<int:unit_id>/", views_public.submit, name="public_submit"),
    path("y-kien/tra-cuu/", views_public.lookup, name="public_lookup"),
    path("y-kien/danh-gia/", views_public.rate, name="public_rate"),
    path(
        "y-kien/van-ban/<str:code>/<int:attachment_id>/", views_public.answer_document, name="public_document"
    ),
    path("y-kien/da-tra-loi/", views_public.answered, name="public_answered"),
]
