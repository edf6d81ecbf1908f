from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
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
        # Django sets the username field's max_length after the field is made, so the length is
        # never checked on the server: an over-long username went on to authenticate(), and the
        # login lockout's record of the failure (a varchar(255)) failed on PostgreSQL with a 500.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
