from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

AREAS = [
    ("I", "Cải cách thể chế"),
    ("II", "Cải cách thủ tục hành chính"),
    ("III", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("IV", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"),
    ("V", "Cải cách tài chính công"),
    ("VI", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("VII", "Công tác chỉ đạo, điều hành và tuyên truyền cải cách hành chính"),
]


def create_areas(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    area = apps.get_model("plans", "ReformArea")
    for order, (code, name) in enumerate(AREAS, start=1):
        area.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def remove_areas(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("plans", "ReformArea").objects.filter(code__in=[code for code, _name in AREAS], tasks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(create_areas, remove_areas)]
