"""Procedures for tests of the modules that use the catalogue (dossiers, surveys, statistics)."""

from decimal import Decimal

from cchc.org.models import Unit
from cchc.procedures.choices import OnlineService, ProcedureLevel, PublicationAction
from cchc.procedures.models import Procedure, ProcedureField, ProcedureVersion, RequiredDocument
from cchc.procedures.services import procedure_search_text


def procedure_for_tests(
    *,
    resolving_unit: Unit,
    code: str = "1.000948.H38",
    name: str = "Cấp giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm",
    time_limit_days: int = 30,
    online_time_limit_days: int | None = None,
    fee_amount: Decimal = Decimal(6_000_000),
    online_service: str = OnlineService.FULL,
    online_payment: bool = True,
    field_name: str = "Mỹ phẩm",
) -> Procedure:
    """A published procedure with one current version and two required documents."""
    field, _created = ProcedureField.objects.get_or_create(code=field_name.upper(), defaults={"name": field_name})
    procedure = Procedure.objects.create(
        code=code,
        name=name,
        field=field,
        level=ProcedureLevel.PROVINCE,
        resolving_unit=resolving_unit,
        search_text=procedure_search_text(code, name),
    )
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        action=PublicationAction.PUBLISH,
        name=name,
        time_limit_days=time_limit_days,
        online_time_limit_days=online_time_limit_days,
        fee_amount=fee_amount,
        online_service=online_service,
        online_payment=online_payment,
        postal_service=True,
    )
    RequiredDocument.objects.create(version=version, order=1, name="Đơn đề nghị", count=1)
    RequiredDocument.objects.create(version=version, order=2, name="Giấy chứng nhận đăng ký doanh nghiệp", count=1)
    procedure.current_version = version
    procedure.save(update_fields=["current_version"])
    return procedure
