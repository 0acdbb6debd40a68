from ninja import Router

router = Router(tags=["Quỹ và công khai"])
