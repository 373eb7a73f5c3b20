from django.urls import URLPattern, URLResolver, path

from .views import public

app_name = "procedures_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.public_list_view, name="procedure_list"),
    path("nhung/", public.embed_view, name="embed"),
    path("don-vi/<str:unit_code>/ap-phich/", public.unit_poster_view, name="unit_poster"),
    path("<str:code>/", public.public_detail_view, name="procedure_detail"),
    path("<str:code>/qr.png", public.qr_png_view, name="qr_png"),
    path("<str:code>/qr.svg", public.qr_svg_view, name="qr_svg"),
    path("<str:code>/ap-phich/", public.poster_view, name="poster"),
]
