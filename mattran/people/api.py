from ninja import Router

router = Router(tags=["Nhân sự, ủy viên"])
