from ninja import Router

router = Router(tags=["Chương trình, thi đua"])
