"""What a version of a procedure says, as comparable text: used to decide whether a change makes a new version,
to write the audit row, and to show what changed between two versions (or between a version and an import row)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .choices import DocumentForm, OnlineService
from .models import Procedure, ProcedureVersion

# The fields of a version that describe the procedure (a change to any of them is a new version).
VERSION_FIELDS: tuple[str, ...] = (
    "name",
    "time_limit_days",
    "online_time_limit_days",
    "fee_amount",
    "fee_text",
    "steps",
    "legal_basis",
    "result",
    "applicants",
    "online_service",
    "online_payment",
    "postal_service",
)
TEXT_FIELDS = ("name", "fee_text", "steps", "legal_basis", "result", "applicants")


@dataclass(frozen=True)
class DocumentSpec:
    """A required document before it is written: name, original/copy, how many."""

    name: str
    form: str = DocumentForm.ORIGINAL_OR_COPY
    count: int = 1

    def line(self) -> str:
        """The way catalogues print it: “Đơn đề nghị (bản chính, 01 bản)”."""
        form = str(DocumentForm(self.form).label).lower()
        return _("%(name)s (%(form)s, %(count)02d bản)") % {"name": self.name, "form": form, "count": self.count}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class VersionEntry:
    """One version in a procedure's history, with what changed from the version before it."""

    version: ProcedureVersion
    changes: list[Change]


def clean_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Version values with text stripped and the defaults filled in, as the services store them."""
    cleaned: dict[str, Any] = {
        "online_time_limit_days": None,
        "fee_amount": Decimal(0),
        "online_service": OnlineService.NONE,
        "online_payment": False,
        "postal_service": False,
        **dict.fromkeys(TEXT_FIELDS, ""),
    }
    for key, value in values.items():
        if key not in VERSION_FIELDS:
            raise TypeError(f"not a version field: {key}")
        cleaned[key] = value.strip() if isinstance(value, str) else value
    if cleaned["fee_amount"] is None:
        cleaned["fee_amount"] = Decimal(0)
    return cleaned


def version_values(version: ProcedureVersion) -> dict[str, Any]:
    return {key: getattr(version, key) for key in VERSION_FIELDS}


def version_documents(version: ProcedureVersion) -> list[DocumentSpec]:
    return [DocumentSpec(name=item.name, form=item.form, count=item.count) for item in version.documents.all()]


def _money(amount: Any) -> str:
    return f"{int(amount or 0):,}".replace(",", ".") + " đ"


def content_display(values: Mapping[str, Any], documents: Sequence[DocumentSpec]) -> dict[str, str]:
    """Each part of a version as the text a person compares (label → value)."""
    limit_online = values.get("online_time_limit_days")
    return {
        _("Tên thủ tục"): str(values.get("name") or ""),
        _("Thời hạn giải quyết (ngày làm việc)"): str(values.get("time_limit_days", "")),
        _("Thời hạn trực tuyến (ngày làm việc)"): "" if limit_online is None else str(limit_online),
        _("Phí, lệ phí"): _money(values.get("fee_amount")),
        _("Phí, lệ phí (ghi chú)"): str(values.get("fee_text") or ""),
        _("Trình tự thực hiện"): str(values.get("steps") or ""),
        _("Căn cứ pháp lý"): str(values.get("legal_basis") or ""),
        _("Kết quả"): str(values.get("result") or ""),
        _("Đối tượng thực hiện"): str(values.get("applicants") or ""),
        _("Dịch vụ công trực tuyến"): str(OnlineService(values.get("online_service") or OnlineService.NONE).label),
        _("Thanh toán trực tuyến"): _("Có") if values.get("online_payment") else _("Không"),
        _("Dịch vụ bưu chính"): _("Có") if values.get("postal_service") else _("Không"),
        _("Thành phần hồ sơ"): "\n".join(document.line() for document in documents),
    }


def content_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[Change]:
    """Only the parts whose text differs."""
    return [
        Change(label=label, before=before.get(label, ""), after=value)
        for label, value in after.items()
        if before.get(label, "") != value
    ]


def version_display(version: ProcedureVersion) -> dict[str, str]:
    return content_display(version_values(version), version_documents(version))


def version_history(procedure: Procedure) -> list[VersionEntry]:
    """Every version, newest first, each with its changes from the one before (the first shows none)."""
    versions: Iterable[ProcedureVersion] = (
        procedure.versions.select_related("decision", "decision__ministry_decision", "created_by")
        .prefetch_related("documents")
        .order_by("number")
    )
    entries: list[VersionEntry] = []
    previous: dict[str, str] | None = None
    for version in versions:
        shown = version_display(version)
        entries.append(
            VersionEntry(version=version, changes=[] if previous is None else content_changes(previous, shown))
        )
        previous = shown
    return list(reversed(entries))
