"""The only code that writes instruments, campaigns, collection points and responses.

Campaign transitions (one service each, row-locked, audited): draft --open--> open --close--> closed;
closed --open (reopen)--> open. A published instrument version is never changed: edits make a new version.

The public submission (`response_submit`) is on the hot path: the version's questions come from an in-process
schema, the rate limit from the cache, and the write is one prepared INSERT in one short transaction (plus one
indexed look-up for duplicates).
"""

import datetime
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.inserts import RowInserter
from cchc.core.services import audit_record
from cchc.core.snapshots import model_snapshot, snapshot_diff

from .abuse import duplicate_window, rate_limit
from .answers import answers_clean, answers_derive, duplicate_key, version_schema
from .choices import CampaignStatus, ItemKind, RefusalReason, ResponseChannel
from .default_instruments import defaults_create, version_rows_create
from .instrument_tables import version_spec
from .models.collection import Campaign, CollectionPoint, RefusedSubmission, Response
from .models.instruments import Instrument, InstrumentVersion
from .selectors import client_history, public_target_forget

CAMPAIGN_FIELDS = (
    "code",
    "name",
    "instrument_version",
    "facility",
    "service_name",
    "procedure",
    "starts_on",
    "ends_on",
    "target_sample",
    "layout",
    "intro",
)
CONSENT_TEXT = (
    "Tôi đồng ý để lại thông tin liên hệ để cơ quan liên hệ lại với tôi về ý kiến đã góp. Thông tin chỉ dùng "
    "cho mục đích này, không công khai và không chuyển cho bên khác."
)
# Path segments the public URLs use themselves: no campaign or collection point may take them as its code.
RESERVED_CODES = frozenset({"ho-so", "cam-on", "kiosk"})
PUBLIC_CHANNELS = frozenset({ResponseChannel.WEB, ResponseChannel.KIOSK, ResponseChannel.DOSSIER})
RESPONSE_INSERTER = RowInserter(Response)


def _dossier_done_message() -> str:
    return _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần, xin cảm ơn Ông/Bà.")


class SubmissionRefused(Exception):
    """The submission was refused (and counted); `message` is what the citizen or the interviewer reads."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class SubmissionInvalid(Exception):
    """Some answers are missing or wrong: one Vietnamese message per item code."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class PossibleDuplicate(Exception):
    """A paper form with exactly the same answers is already in the campaign; the interviewer must confirm."""


@dataclass(frozen=True)
class Contact:
    consent: bool = False
    name: str = ""
    phone: str = ""
    email: str = ""


# --- instruments ---------------------------------------------------------------------------------------------


@transaction.atomic
def instruments_ensure_defaults(*, actor: Any = None) -> list[Instrument]:
    """Create the three default instruments that do not exist yet (safe to run twice)."""
    created: list[Instrument] = defaults_create(django_apps)
    for instrument in created:
        audit_record(actor=actor, action="instrument_create", instance=instrument, note=_("Bộ câu hỏi mặc định"))
    return created


@transaction.atomic
def instrument_version_import(
    *,
    actor: Any,
    sections: list[dict[str, Any]],
    instrument: Instrument | None = None,
    code: str = "",
    name: str = "",
    kind: str = "",
    note: str = "",
) -> InstrumentVersion:
    """A new version of `instrument` (or a new instrument with its version 1) from parsed sections and items."""
    if instrument is None:
        instrument = Instrument(code=code.strip().upper(), name=name.strip(), kind=kind)
        instrument.full_clean()
        instrument.save()
        audit_record(actor=actor, action="instrument_create", instance=instrument)
        number = 1
    else:
        instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
        number = (instrument.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version: InstrumentVersion = version_rows_create(
        django_apps, instrument=instrument, number=number, sections=sections, note=note
    )
    audit_record(
        actor=actor,
        action="instrument_version_create",
        instance=version,
        note=_("Phiên bản %(number)s, %(items)s câu hỏi")
        % {"number": number, "items": sum(len(section["items"]) for section in sections)},
    )
    return version


@dataclass(frozen=True)
class ItemChange:
    text: str
    required: bool
    counts_for_index: bool


@transaction.atomic
def instrument_version_revise(
    *, actor: Any, version: InstrumentVersion, changes: Mapping[str, ItemChange], note: str = ""
) -> InstrumentVersion | None:
    """A new version with some items' text, required flag or index flag changed; None when nothing changes.

    The version edited stays as it was, with the responses that answered it.
    """
    sections = version_spec(version)
    errors: dict[str, str] = {}
    changed = False
    for item in (item for section in sections for item in section["items"]):
        change = changes.get(item["code"])
        if change is None:
            continue
        if not change.text.strip():
            errors[item["code"]] = _("Câu %(code)s: nội dung không được để trống.") % {"code": item["code"]}
            continue
        if change.counts_for_index and item["kind"] != ItemKind.LIKERT:
            errors[item["code"]] = _("Câu %(code)s: chỉ câu thang điểm 1–5 mới tính vào chỉ số.") % {
                "code": item["code"]
            }
            continue
        new = {"text": change.text.strip(), "required": change.required, "counts_for_index": change.counts_for_index}
        changed = changed or any(item[key] != value for key, value in new.items())
        item.update(new)
    if errors:
        raise ValidationError(list(errors.values()))
    if not changed:
        return None
    return instrument_version_import(actor=actor, sections=sections, instrument=version.instrument, note=note)


@transaction.atomic
def instrument_update(
    *, actor: Any, instrument: Instrument, name: str, description: str, is_active: bool
) -> Instrument:
    """Change an instrument's name, description or use (its questions change only through a new version)."""
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    before = model_snapshot(instrument)
    instrument.name, instrument.description, instrument.is_active = name, description, is_active
    instrument.full_clean()
    instrument.save()
    changes = snapshot_diff(before, model_snapshot(instrument))
    if changes:
        audit_record(actor=actor, action="instrument_update", instance=instrument, changes=changes)
    return instrument


# --- campaigns -----------------------------------------------------------------------------------------------


def _forget_public(*codes: str) -> None:
    """The public form reads a campaign once per few seconds: make it read this one again (after commit)."""
    for code in codes:
        public_target_forget(code)
        transaction.on_commit(functools.partial(public_target_forget, code))


def _campaign_check(campaign: Campaign) -> None:
    if campaign.code in RESERVED_CODES:
        raise ValidationError(
            {"code": _("Mã “%(code)s” đã dành cho hệ thống, chọn mã khác.") % {"code": campaign.code}}
        )
    campaign.full_clean()
    if not campaign.instrument_version.is_published:
        raise ValidationError({"instrument_version": _("Chỉ dùng được phiên bản bộ câu hỏi đã công bố.")})


@transaction.atomic
def campaign_create(*, actor: Any, collectors: Iterable[Any] = (), **fields: Any) -> Campaign:
    """Create a campaign as a draft (open it when the posters are printed)."""
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"campaign_create does not set {sorted(unknown)}")
    campaign = Campaign(created_by=actor, status=CampaignStatus.DRAFT, **fields)
    _campaign_check(campaign)
    campaign.save()
    campaign.collectors.set(list(collectors))
    _forget_public(campaign.code)
    audit_record(
        actor=actor, action="campaign_create", instance=campaign, changes=snapshot_diff({}, model_snapshot(campaign))
    )
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: Any, campaign: Campaign, collectors: Iterable[Any] | None = None, **fields: Any
) -> Campaign:
    """Change a campaign; once it has responses its instrument version can no longer change."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = model_snapshot(campaign)
    previous_version_id, previous_code = campaign.instrument_version_id, campaign.code
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS:
            raise TypeError(f"campaign_update does not change {name}")
        setattr(campaign, name, value)
    if campaign.code != previous_code and campaign.status != CampaignStatus.DRAFT:
        raise ValidationError({"code": _("Đợt đã mở, đường dẫn ngắn đã in trên áp phích nên không đổi được mã.")})
    if campaign.instrument_version_id != previous_version_id and campaign.responses.exists():
        raise ValidationError({"instrument_version": _("Đợt khảo sát đã có phiếu trả lời, không đổi được bộ câu hỏi.")})
    _campaign_check(campaign)
    campaign.save()
    _forget_public(previous_code, campaign.code)
    if collectors is not None:
        campaign.collectors.set(list(collectors))
    changes = snapshot_diff(before, model_snapshot(campaign))
    if changes or collectors is not None:
        audit_record(actor=actor, action="campaign_update", instance=campaign, changes=changes)
    return campaign


def _campaign_transition(*, actor: Any, campaign: Campaign, allowed: set[str], target: str, action: str) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status not in allowed:
        raise ValidationError(
            _("Không thể chuyển đợt khảo sát từ trạng thái “%(status)s”.") % {"status": locked.get_status_display()}
        )
    previous = locked.status
    locked.status = target
    locked.save(update_fields=["status"])
    _forget_public(locked.code)
    audit_record(actor=actor, action=action, instance=locked, changes={"status": [previous, target]})
    return locked


@transaction.atomic
def campaign_open(*, actor: Any, campaign: Campaign) -> Campaign:
    """Start (or resume) collecting answers."""
    return _campaign_transition(
        actor=actor,
        campaign=campaign,
        allowed={CampaignStatus.DRAFT, CampaignStatus.CLOSED},
        target=CampaignStatus.OPEN,
        action="campaign_open",
    )


@transaction.atomic
def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Stop collecting: the public form then says the survey has ended."""
    return _campaign_transition(
        actor=actor,
        campaign=campaign,
        allowed={CampaignStatus.OPEN},
        target=CampaignStatus.CLOSED,
        action="campaign_close",
    )


@transaction.atomic
def point_create(*, actor: Any, campaign: Campaign, code: str, name: str) -> CollectionPoint:
    """Add a counter, ward or kiosk with its own short link and QR code."""
    point = CollectionPoint(campaign=campaign, code=code.strip().lower(), name=name.strip())
    if point.code in RESERVED_CODES:
        raise ValidationError({"code": _("Mã “%(code)s” đã dành cho hệ thống, chọn mã khác.") % {"code": point.code}})
    point.full_clean()
    point.save()
    _forget_public(campaign.code)
    audit_record(actor=actor, action="collection_point_create", instance=point)
    return point


@transaction.atomic
def point_delete(*, actor: Any, point: CollectionPoint) -> None:
    """Remove a collection point that has no response yet."""
    if point.responses.exists():
        raise ValidationError(_("Điểm thu thập đã có phiếu trả lời, không xóa được."))
    audit_record(actor=actor, action="collection_point_delete", instance=point.campaign, note=point.name)
    point.delete()
    _forget_public(point.campaign.code)


# --- responses -----------------------------------------------------------------------------------------------


def campaign_accepting(campaign: Campaign, *, today: datetime.date | None = None) -> bool:
    """Whether the public form takes answers: the campaign is open and today is within its period."""
    today = today or timezone.localdate()
    return campaign.status == CampaignStatus.OPEN and campaign.starts_on <= today <= campaign.ends_on


def refusal_record(*, campaign: Campaign, reason: str, client: str) -> RefusedSubmission:
    """Count one refused submission (every refusal is counted, none silently dropped)."""
    return RefusedSubmission.objects.create(
        campaign=campaign, reason=reason, client_hash=client, occurred_at=timezone.now()
    )


def _refuse(campaign: Campaign, reason: str, client: str, message: str) -> SubmissionRefused:
    refusal_record(campaign=campaign, reason=reason, client=client)
    return SubmissionRefused(reason, message)


def _public_checks(*, campaign: Campaign, client: str, honeypot: str) -> None:
    if not campaign_accepting(campaign):
        raise _refuse(
            campaign, RefusalReason.CLOSED, client, _("Đợt khảo sát này hiện không nhận ý kiến. Xin cảm ơn Ông/Bà.")
        )
    if honeypot:
        raise _refuse(
            campaign,
            RefusalReason.HONEYPOT,
            client,
            _("Phiếu không gửi được. Xin Ông/Bà tải lại trang và trả lời lại, không điền ô ẩn của biểu mẫu."),
        )


def _history_checks(*, campaign: Campaign, channel: str, client: str, key: str, now: datetime.datetime) -> None:
    """The rate limit per client and campaign, then the same answers sent again within the duplicate window."""
    limit, seconds = rate_limit(channel)
    history = client_history(
        campaign_id=campaign.pk,
        client=client,
        key=key,
        rate_since=now - datetime.timedelta(seconds=seconds),
        duplicate_since=now - datetime.timedelta(seconds=duplicate_window()),
    )
    if history.recent >= limit:
        raise _refuse(
            campaign,
            RefusalReason.RATE_LIMITED,
            client,
            _("Thiết bị này đã gửi nhiều phiếu trong thời gian ngắn. Xin Ông/Bà vui lòng thử lại sau ít phút."),
        )
    if history.same_answers:
        raise _refuse(
            campaign,
            RefusalReason.DUPLICATE,
            client,
            _("Phiếu với đúng các câu trả lời này vừa được gửi. Ý kiến của Ông/Bà đã được ghi nhận, xin cảm ơn."),
        )


def response_submit(
    *,
    campaign: Campaign,
    raw_answers: Mapping[str, Sequence[str]],
    channel: str = ResponseChannel.WEB,
    point: CollectionPoint | None = None,
    client: str = "",
    honeypot: str = "",
    contact: Contact | None = None,
    entered_by: Any = None,
    paper_form_number: str = "",
    dossier: Any = None,
    allow_same_answers: bool = False,
    submitted_at: datetime.datetime | None = None,
) -> Response:
    """Validate the answers against the campaign's version, derive the index figures and store one response.

    Public channels pass the abuse checks (period, honeypot, rate limit, duplicate within the window); the
    interviewer channel checks the paper form number and asks to confirm a form with the same answers. Raises
    SubmissionRefused (counted), SubmissionInvalid or PossibleDuplicate; writes nothing then but the refusal.
    """
    version = campaign.instrument_version
    schema = version_schema(version)
    is_public = channel in PUBLIC_CHANNELS
    if is_public:
        _public_checks(campaign=campaign, client=client, honeypot=honeypot)
    elif campaign.status != CampaignStatus.OPEN:
        raise SubmissionRefused(RefusalReason.CLOSED, _("Đợt khảo sát không ở trạng thái đang thu thập."))
    else:
        _paper_number_check(campaign, paper_form_number)
    answers, errors = answers_clean(schema, raw_answers)
    if errors:
        if is_public:
            refusal_record(campaign=campaign, reason=RefusalReason.INVALID, client=client)
        raise SubmissionInvalid(errors)
    now = timezone.now()
    key = duplicate_key(campaign.pk, answers, client if is_public else "paper")
    if is_public:
        _history_checks(campaign=campaign, channel=channel, client=client, key=key, now=now)
    else:
        _same_answers_check(campaign, key, allow_same_answers)
    if dossier is not None and Response.objects.filter(dossier=dossier).exists():
        raise _refuse(campaign, RefusalReason.DUPLICATE, client, _dossier_done_message())
    derived = answers_derive(schema, answers)
    response = Response(
        campaign=campaign,
        version=version,
        point=point,
        channel=channel,
        submitted_at=submitted_at or now,
        answers=answers,
        likert_answered=derived.likert_answered,
        likert_satisfied=derived.likert_satisfied,
        all_satisfied=derived.all_satisfied,
        expectation_pct=derived.expectation_pct,
        would_return=derived.would_return,
        respondent_group=derived.respondent_group,
        text_search=derived.text_search,
        duplicate_key=key,
        client_hash=client if is_public else "",  # a paper form has no device of its own
        entered_by=entered_by,
        paper_form_number=paper_form_number.strip(),
        dossier=dossier,
    )
    _consent_apply(response, contact, now)
    if not is_public:
        # An interviewer types the paper form's number: check its length like every other field. The public
        # channels set nothing free-form but the answers (checked against the schema) and the contact details
        # (cut to their columns' length), so they skip this on the hot path.
        response.full_clean(
            exclude=["campaign", "version", "point", "entered_by", "dossier"],
            validate_unique=False,
            validate_constraints=False,
        )
    return _response_insert(response, campaign=campaign, client=client)


def _paper_number_check(campaign: Campaign, paper_form_number: str) -> None:
    number = paper_form_number.strip()
    if number and Response.objects.filter(campaign=campaign, paper_form_number=number).exists():
        raise SubmissionRefused(
            RefusalReason.DUPLICATE,
            _("Phiếu số %(number)s đã được nhập vào đợt khảo sát này. Kiểm tra lại số phiếu.") % {"number": number},
        )


def _same_answers_check(campaign: Campaign, key: str, allow_same_answers: bool) -> None:
    paper = Response.objects.filter(campaign=campaign, client_hash="")  # the client index's prefix: paper forms only
    if not allow_same_answers and paper.filter(duplicate_key=key).exists():
        raise PossibleDuplicate(
            _(
                "Đã có một phiếu giấy với đúng các câu trả lời này. "
                "Nếu đây là phiếu khác, đánh dấu “Vẫn lưu” rồi lưu lại."
            )
        )


def _consent_apply(response: Response, contact: Contact | None, now: datetime.datetime) -> None:
    """Contact details are kept only with explicit consent, together with the text consented to and when."""
    if contact is None or not contact.consent:
        return
    response.consent_given = True
    response.contact_name = contact.name.strip()[:200]
    response.contact_phone = contact.phone.strip()[:30]
    response.contact_email = contact.email.strip()[:254]
    response.consent_text = CONSENT_TEXT
    response.consented_at = now


def _response_insert(response: Response, *, campaign: Campaign, client: str) -> Response:
    """Store the response; an interviewer's entry with its audit row in one transaction.

    A public response is one INSERT: outside any transaction it is atomic on its own, and skipping the explicit
    BEGIN … COMMIT around it is a measurable share of the public form's cost. Inside a caller's transaction a
    savepoint keeps a refused duplicate from spoiling it.
    """
    try:
        if response.entered_by_id is None and transaction.get_autocommit():
            RESPONSE_INSERTER.insert(response)
        else:
            with transaction.atomic():
                RESPONSE_INSERTER.insert(response)
                if response.entered_by_id is not None:
                    audit_record(actor=response.entered_by, action="response_enter", instance=response)
    except IntegrityError as error:
        if response.dossier_id is not None:
            raise _refuse(campaign, RefusalReason.DUPLICATE, client, _dossier_done_message()) from error
        raise SubmissionRefused(
            RefusalReason.DUPLICATE,
            _("Phiếu số %(number)s đã được nhập vào đợt khảo sát này.") % {"number": response.paper_form_number},
        ) from error
    return response
