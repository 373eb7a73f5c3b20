from django.urls import URLPattern, URLResolver, path

from .views import campaigns, entry, instruments

urlpatterns: list[URLPattern | URLResolver] = [
    path("", campaigns.campaign_list_view, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create_view, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail_view, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_update_view, name="campaign_update"),
    path("campaigns/<int:pk>/open/", campaigns.campaign_transition_view, {"transition": "open"}, name="campaign_open"),
    path(
        "campaigns/<int:pk>/close/",
        campaigns.campaign_transition_view,
        {"transition": "close"},
        name="campaign_close",
    ),
    path("campaigns/<int:pk>/points/new/", campaigns.point_create_view, name="point_create"),
    path("campaigns/<int:pk>/points/<int:point_pk>/delete/", campaigns.point_delete_view, name="point_delete"),
    path("campaigns/<int:pk>/qr.png", campaigns.campaign_qr_view, {"image": "png"}, name="campaign_qr_png"),
    path("campaigns/<int:pk>/qr.svg", campaigns.campaign_qr_view, {"image": "svg"}, name="campaign_qr_svg"),
    path(
        "campaigns/<int:pk>/points/<int:point_pk>/qr.png",
        campaigns.campaign_qr_view,
        {"image": "png"},
        name="point_qr_png",
    ),
    path(
        "campaigns/<int:pk>/points/<int:point_pk>/qr.svg",
        campaigns.campaign_qr_view,
        {"image": "svg"},
        name="point_qr_svg",
    ),
    path("campaigns/<int:pk>/poster/", campaigns.campaign_poster_view, name="campaign_poster"),
    path("campaigns/<int:pk>/points/<int:point_pk>/poster/", campaigns.campaign_poster_view, name="point_poster"),
    path("campaigns/<int:pk>/entry/", entry.paper_entry_view, name="paper_entry"),
    path("instruments/", instruments.instrument_list_view, name="instrument_list"),
    path("instruments/import/", instruments.instrument_import_view, name="instrument_import"),
    path("instruments/<int:pk>/", instruments.instrument_detail_view, name="instrument_detail"),
    path("instruments/<int:pk>/edit/", instruments.instrument_update_view, name="instrument_update"),
    path("instruments/<int:pk>/questions/", instruments.instrument_revise_view, name="instrument_revise"),
    path("instruments/<int:pk>/export/", instruments.instrument_export_view, name="instrument_export"),
    path("instruments/<int:pk>/import/", instruments.instrument_import_view, name="instrument_version_import"),
]
