from typing import Any

from django.core.management.base import BaseCommand

from cchc.demo.data import DEMO_PASSWORD, demo_data_create, demo_logins


class Command(BaseCommand):
    help = "Load the demo organisation and one account per role, when the database has no units yet."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo_data_create()
        self.stdout.write("Đã tạo dữ liệu demo." if created else "Cơ sở dữ liệu đã có dữ liệu; không tạo lại demo.")
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in demo_logins():
            self.stdout.write(f"  {login.username:<12} {login.full_name:<28} {login.role_label}")
