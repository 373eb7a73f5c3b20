from django.contrib import admin

from .models.collection import Campaign, CollectionPoint, RefusedSubmission, Response
from .models.instruments import Instrument, InstrumentVersion, Item, Section


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin[Instrument]):
    list_display = ["code", "name", "kind", "is_active"]
    search_fields = ["code", "name"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin[InstrumentVersion]):
    list_display = ["instrument", "number", "is_published", "created_at"]
    list_filter = ["instrument"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin[Section]):
    list_display = ["version", "code", "title", "factor"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin[Item]):
    list_display = ["version", "code", "kind", "required", "counts_for_index", "purpose"]
    list_filter = ["kind", "purpose"]
    search_fields = ["code", "text"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin[Campaign]):
    list_display = ["code", "name", "facility", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["code", "name"]


@admin.register(CollectionPoint)
class CollectionPointAdmin(admin.ModelAdmin[CollectionPoint]):
    list_display = ["campaign", "code", "name"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin[Response]):
    list_display = ["campaign", "channel", "submitted_at", "likert_answered", "likert_satisfied", "all_satisfied"]
    list_filter = ["channel"]
    readonly_fields = [field.name for field in Response._meta.fields]


@admin.register(RefusedSubmission)
class RefusedSubmissionAdmin(admin.ModelAdmin[RefusedSubmission]):
    list_display = ["campaign", "reason", "occurred_at"]
    list_filter = ["reason"]
