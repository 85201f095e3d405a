import base64
import random
import string
from urllib.parse import quote

from odoo.tests import tagged

from ..controllers.verify import MAX_UPLOAD
from ..models.eoffice_letter_pdf import qr_png
from .test_verify import VerifyCase

# Characters a scanner, a careless copy-paste or an attacker may send in a token
ALPHABET = string.ascii_letters + string.digits + "-_~.%<>\"'/\\;:@&=+$,!*()[]{}| " + "éñ中ا" + "\x00\t"


@tagged("post_install", "-at_install")
class TestVerifyFuzz(VerifyCase):
    """Bad input on the public routes gets a clear, safe answer: seeded random tokens, overlong
    tokens, junk uploads and HTML in subjects (a fixed seed, so a failure can be replayed)."""

    def test_random_tokens_never_reach_a_letter_nor_fail(self):
        letter = self.signed()
        rng = random.Random(20261123)
        for _index in range(120):
            length = rng.choice([0, 1, 5, 21, 22, 32, 64, 65, 200, 2000])
            token = "".join(rng.choice(ALPHABET) for _i in range(length)) or "x"
            if token == letter.verification_token:
                continue
            with self.subTest(token=token[:40]):
                response = self.url_open(f"/eoffice/verify/{quote(token, safe='')}")
                self.assertIn(response.status_code, (400, 404), token[:40])
                self.assertNotIn(letter.number, response.text)
                self.assertNotIn("Traceback", response.text)
        # a valid-looking token that does not exist, as JSON and with an upload
        unknown = "A" * 32
        self.assertEqual(self.url_open(f"/eoffice/verify/{unknown}?format=json").status_code, 404)
        self.assertEqual(self.url_open(f"/eoffice/verify/{unknown}",
                                       files={"pdf": ("x.pdf", b"%PDF-1.4", "application/pdf")}).status_code, 404)

    def test_junk_uploads_are_answered_not_identical(self):
        letter = self.signed()
        rng = random.Random(7)
        uploads = [b"", b"%PDF-1.7\n%%EOF", b"<html><script>alert(1)</script></html>", b"\x00" * 1024,
                   bytes(rng.getrandbits(8) for _i in range(4096)), b"%PDF-1.4\n" + b"1 0 obj <<" * 500]
        for data in uploads:
            with self.subTest(size=len(data)):
                response = self.url_open(self.path(letter) + "?format=json",
                                         files={"pdf": ("x.pdf", data, "application/pdf")})
                self.assertEqual(response.status_code, 200)
                facts = response.json()
                self.assertIs(facts["identical"], False)
                self.assertEqual(facts["number"], letter.number)

    def test_huge_upload_is_answered_unchecked_with_a_message(self):
        letter = self.signed()
        data = b"%PDF-1.4\n" + b"0" * (MAX_UPLOAD + 1024)
        facts = self.post_pdf(letter, data, "?format=json").json()
        self.assertIs(facts["identical"], False)
        self.assertIs(facts["upload_too_large"], True)
        page = self.post_pdf(letter, data).text
        self.assertIn("30 MB", page)
        # a file within the limit is checked and carries no such flag
        self.assertNotIn("upload_too_large", self.post_pdf(letter, b"%PDF-1.4", "?format=json").json())

    def test_html_in_the_body_is_sanitised_and_never_public(self):
        letter = self.signed(body='<p>Kami mengundang <script>alert("x")</script><img src=x onerror="alert(1)">'
                                  '<a href="javascript:alert(2)">rapat</a></p>')
        for html in (letter.body, letter.signed_body):
            self.assertNotIn("<script", html)
            self.assertNotIn("onerror", html)
            self.assertNotIn("javascript:", html)
        self.assertIn("rapat", letter.signed_body)
        page = self.get(self.path(letter)).text
        self.assertNotIn("alert", page)
        self.get_json(letter)  # asserts the body is not in the public answer

    def test_pictures_in_the_body_are_inlined_or_dropped_never_fetched(self):
        letter = self.make_letter()
        picture = qr_png("https://contoh.go.id/gambar")
        own = self.env["ir.attachment"].create({"name": "denah.png", "raw": picture, "mimetype": "image/png",
                                                "res_model": "eoffice.letter", "res_id": letter.id})
        foreign = self.env["ir.attachment"].create({"name": "ktp.png", "raw": qr_png("https://x.id/ktp"),
                                                    "mimetype": "image/png", "res_model": "res.partner",
                                                    "res_id": self.env.user.partner_id.id})
        odd = own.copy({"name": "aneh.png"})
        odd.sudo().write({"mimetype": 'image/png" onload="alert(1)'})  # as a crafted upload could claim
        letter.body = (f'<p>Denah lokasi mengundang</p><img src="/web/image/{own.id}-abc/denah.png">'
                       f'<img src="/web/image/{foreign.id}"><img src="http://10.255.255.1/x.png">'
                       f'<img src="file:///etc/passwd"><img src="/web/image/{odd.id}">')
        html = letter._render_html(preview=True)
        self.assertIn(own.datas.decode()[:60], html)
        self.assertNotIn(foreign.datas.decode()[:60], html)
        self.assertNotIn("onload", html)
        for source in ("10.255.255.1", "file://", f"/web/image/{foreign.id}"):
            self.assertNotIn(source, html)
        signed = self.signed(letter)
        pdf = base64.b64decode(signed.pdf_file)
        self.assertGreaterEqual(pdf.count(b"/Subtype /Image"), 2, "the QR code and the plan are in the PDF")

    def test_html_in_the_subject_is_escaped_on_the_page(self):
        letter = self.signed(name='Undangan <script>alert("x")</script> & <b>rapat</b>')
        page = self.get(self.path(letter)).text
        self.assertNotIn("<script>alert", page)
        self.assertIn("&lt;script&gt;", page)
        facts = self.get_json(letter)
        self.assertEqual(facts["subject"], 'Undangan <script>alert("x")</script> & <b>rapat</b>')  # JSON, not HTML

    def test_crl_of_an_unknown_pemda_is_404(self):
        for company_id in (0, 999999, 2**31 - 1):
            with self.subTest(company_id=company_id):
                self.assertEqual(self.url_open(f"/eoffice/ca/{company_id}/crl").status_code, 404)
