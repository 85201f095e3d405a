import io
import re

from odoo.addons.eoffice_letters.tests.common import EofficeLettersCase
from odoo.tests import HttpCase

NIK = "3374015708900001"  # Jawa Tengah, Kota Semarang, a woman born 17-08-1990


def pdf_bytes(text="Lampiran uji"):
    """A small real PDF (one page)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 120), "white")
    ImageDraw.Draw(image).text((10, 50), text, fill="black")
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), "blue").save(out, format="PNG")
    return out.getvalue()


class PublicServiceCase(EofficeLettersCase, HttpCase):
    """A published service of SKPD A answered by head_a (users_a["official"]); kabid_a (kabid_user)
    under it. The fixtures live on the cursor the test server uses, so the public pages see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["eoffice.public.service"].create({
            "name": "Permohonan Data Uji", "code": "data-uji", "company_id": cls.skpd_a.id,
            "position_id": cls.head_a.id, "service_days": 5, "published": True,
            "requirements": "KTP\nRincian data", "required_attachments": "Pindaian KTP"})
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("eoffice_public_service.rate_limit", "50")
        cls.Request = cls.env["eoffice.public.request"].sudo()
        cls.lang = "id_ID" if cls.env["res.lang"]._get_data(code="id_ID") else "en_US"

    def tr(self, english, **kwargs):
        """A message of the module as the public reads it (Indonesian when installed)."""
        return self.env(context={"lang": self.lang})._(english, **kwargs)

    def csrf(self, path):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200, page.text[:500])
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def form(self, **overrides):
        data = {"nama": "Siti Aminah", "nik": NIK, "email": "siti.aminah@example.com", "telepon": "081234567890",
                "hal": "Permohonan salinan data penduduk", "isi": "Mohon salinan data jumlah penduduk per kecamatan "
                                                                    "tahun 2025 untuk penelitian."}
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    def submit(self, data=None, files=None, code="data-uji", headers=None):
        data = dict(self.form() if data is None else data)
        data["csrf_token"] = self.csrf(f"/layanan/{code}")
        if files is None:
            files = [("lampiran", ("ktp.pdf", pdf_bytes(), "application/pdf"))]
        return self.url_open(f"/layanan/{code}", data=data, files=files or None, headers=headers,
                             allow_redirects=False)

    def submit_ok(self, **kwargs):
        response = self.submit(headers={"Accept": "application/json"}, **kwargs)
        self.assertEqual(response.status_code, 201, response.text[:1000])
        return response.json()["tracking_code"]

    def counts(self):
        return (self.Request.search_count([]), self.env["eoffice.letter"].sudo().search_count([]),
                self.env["ir.attachment"].sudo().search_count([("res_model", "=", "eoffice.letter")]))
