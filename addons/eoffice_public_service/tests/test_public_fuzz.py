import io

from PIL import Image

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PublicServiceCase, pdf_bytes

NIK_16 = "The NIK is 16 digits, as printed on the KTP."
NIK_BAD = "This NIK is not valid: check the province code and the date of birth in it."
NO_HTML = "%(field)s may not contain HTML code, scripts or control characters."


@tagged("post_install", "-at_install")
class TestPublicFuzz(PublicServiceCase):
    """Bad input answers a clear Indonesian message next to its field, and stores nothing."""

    def assert_refused(self, response, field, message, status=400):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn(f'id="error-{field}"', response.text)
        self.assertIn(message, response.text)

    def check(self, field, message, data=None, files=None, status=400):
        before = self.counts()
        response = self.submit(data=data, files=files)
        self.assert_refused(response, field, message, status)
        self.assertEqual(self.counts(), before, "something was stored")
        # the same refusal for a JSON client
        response = self.submit(data=data, files=files, headers={"Accept": "application/json"})
        self.assertEqual(response.status_code, status)
        self.assertEqual(response.json()["errors"][field], message)
        self.assertEqual(self.counts(), before, "something was stored")
        return response

    def test_bad_nik(self):
        for nik in ("123", "33740157089000AB", "33740157089000011"):
            with self.subTest(nik=nik):
                self.check("nik", self.tr(NIK_16), data=self.form(nik=nik))
        # province 99, day 32, month 13, serial 0000, regency 00
        for nik in ("9974015708900001", "3374017208900001", "3374015713900001", "3374015708900000",
                    "3300015708900001"):
            with self.subTest(nik=nik):
                self.check("nik", self.tr(NIK_BAD), data=self.form(nik=nik))
        self.check("nik", self.tr("The NIK is required."), data=self.form(nik=None))

    def test_missing_fields(self):
        self.check("nama", self.tr("%(field)s is required.", field=self.tr("Name")), data=self.form(nama=None))
        self.check("hal", self.tr("%(field)s is required.", field=self.tr("Subject")), data=self.form(hal=""))
        self.check("isi", self.tr("%(field)s is required.", field=self.tr("Message")), data=self.form(isi=None))
        self.check("email", self.tr("Give an e-mail address or a phone number, so that we can reach you."),
                   data=self.form(email=None, telepon=None))
        self.check("email", self.tr("This e-mail address is not valid."), data=self.form(email="bukan-email"))
        self.check("telepon", self.tr("This phone number is not valid: 8 to 15 digits, e.g. 081234567890."),
                   data=self.form(telepon="12ab"))
        self.check("isi", self.tr("%(field)s must be %(low)s to %(high)s characters long.",
                                  field=self.tr("Message"), low=10, high=5000), data=self.form(isi="x" * 5001))

    def test_html_in_fields(self):
        for field, label, value in (("nama", "Name", "<script>alert(1)</script>"),
                                    ("hal", "Subject", "Halo <b>tebal</b> sekali"),
                                    ("isi", "Message", 'Lihat <img src=x onerror="alert(1)"> ini ya pak'),
                                    ("isi", "Message", "klik javascript:alert(document.cookie) sekarang"),
                                    ("nama", "Name", "Budi\x00Santoso")):
            with self.subTest(field=field, value=value):
                response = self.check(field, self.tr(NO_HTML, field=self.tr(label)), data=self.form(**{field: value}))
                self.assertNotIn("<script>alert", response.text)
        # the form re-shows what was typed, escaped
        page = self.submit(data=self.form(nama="<script>alert(1)</script>"))
        self.assertNotIn("<script>alert(1)</script>", page.text)
        self.assertIn("&lt;script&gt;", page.text)

    def test_bad_files(self):
        self.check("lampiran", self.tr("%(file)s is not a PDF, JPG or PNG file.", file="ktp.pdf"),
                   files=[("lampiran", ("ktp.pdf", b"hello, I am not a PDF", "application/pdf"))])
        self.check("lampiran", self.tr("%(file)s is not a PDF, JPG or PNG file.", file="setup.exe"),
                   files=[("lampiran", ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "image/png"))])
        self.check("lampiran", self.tr("%(file)s is empty.", file="kosong.pdf"),
                   files=[("lampiran", ("kosong.pdf", b"", "application/pdf"))])
        self.env["ir.config_parameter"].sudo().set_param("eoffice_public_service.max_file_mb", "1")
        big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        self.check("lampiran", self.tr("%(file)s is larger than %(size)s MB.", file="besar.pdf", size=1),
                   files=[("lampiran", ("besar.pdf", big, "application/pdf"))])
        # a small file that decodes to a huge image, a PDF that is only its signature, a truncated PNG
        unreadable = self.tr("%(file)s cannot be read, or its pages are too large (at most %(pixels)s million "
                             "pixels a page).", file="bom.png", pixels=40)
        bomb = io.BytesIO()
        Image.new("1", (8000, 8000)).save(bomb, format="PNG")
        self.assertLess(len(bomb.getvalue()), 1024 * 1024)
        self.check("lampiran", unreadable, files=[("lampiran", ("bom.png", bomb.getvalue(), "image/png"))])
        self.check("lampiran", unreadable.replace("bom.png", "palsu.pdf"),
                   files=[("lampiran", ("palsu.pdf", b"%PDF-1.4\n" + b"x" * 300, "application/pdf"))])
        png = io.BytesIO()
        Image.new("RGB", (400, 400), "red").save(png, format="PNG")
        self.check("lampiran", unreadable.replace("bom.png", "potong.png"),
                   files=[("lampiran", ("potong.png", png.getvalue()[:120], "image/png"))])
        many = [("lampiran", (f"f{i}.pdf", pdf_bytes(), "application/pdf")) for i in range(6)]
        self.check("lampiran", self.tr("At most %(count)s files can be attached.", count=5), files=many)
        self.service.min_attachments = 1
        self.check("lampiran", self.tr("This service needs at least %(count)s attached file(s): see the required "
                                       "attachments above.", count=1), files=[])

    def test_honeypot_and_csrf(self):
        before = self.counts()
        response = self.submit(data=self.form(situs_web="http://spam.example.com"))
        self.assert_refused(response, "form", self.tr("The request could not be accepted."))
        self.assertEqual(self.counts(), before)
        with mute_logger("odoo.http"):
            response = self.url_open("/layanan/data-uji", data=self.form(), allow_redirects=False)
        self.assertEqual(response.status_code, 400)  # no CSRF token: Odoo refuses the form
        self.assertEqual(self.counts(), before)

    def test_flood_above_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("eoffice_public_service.rate_limit", "2")
        self.submit_ok()
        self.submit_ok()
        before = self.counts()
        message = self.tr("Too many requests were sent from your connection. Please try again in an hour.")
        for _i in range(3):
            self.assert_refused(self.submit(), "form", message, status=429)
            response = self.submit(headers={"Accept": "application/json"})
            self.assertEqual(response.status_code, 429)
            self.assertEqual(response.json()["errors"]["form"], message)
        self.assertEqual(self.counts(), before)

    def test_unpublished_or_unknown_service(self):
        token = self.csrf("/layanan/data-uji")
        self.service.published = False
        self.assertEqual(self.url_open("/layanan/data-uji").status_code, 404)
        self.assertNotIn("data-uji", self.url_open("/layanan?format=json").text)
        before = self.counts()
        with mute_logger("odoo.http"):
            response = self.url_open("/layanan/data-uji", data=dict(self.form(), csrf_token=token))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.counts(), before)
