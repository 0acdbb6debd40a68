from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("nguoi-dung/", views.users, name="users"),
    path("nguoi-dung/<int:user_id>/trang-thai/", views.user_set_active, name="user_set_active"),
    path("nguoi-dung/<int:user_id>/dat-lai-mat-khau/", views.password_reset_by_admin, name="password_reset"),
    path("mat-khau/doi/", views.password_change, name="password_change"),
    path("mat-khau/quen/", views.password_forgot, name="password_forgot"),
    path(
        "mat-khau/dat-lai/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("ma-truy-cap/", views.tokens, name="tokens"),
    path("ma-truy-cap/<int:token_id>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
