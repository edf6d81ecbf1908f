from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with the app's wording."""

    error_messages = {
        "invalid_login": _(
            "The username or the password is wrong. Check them and try again "
            "(letter case matters in the password)."
        ),
        "inactive": _("This account is not in use. Ask your coordinator."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
