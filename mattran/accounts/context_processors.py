from .rules import profile_of


def membership(request):
    """Expose the user's profile (unit and role) to every template."""
    return {"my_profile": profile_of(getattr(request, "user", None))}
