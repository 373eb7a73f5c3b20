from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class StaffAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators (or imported), never by public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
