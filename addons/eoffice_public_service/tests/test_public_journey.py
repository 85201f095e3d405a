import base64
import re

from odoo.addons.eoffice_letters.tests.common import decode_qr_from_pdf
from odoo.tests import tagged

from .common import PublicServiceCase, pdf_bytes, png_bytes


@tagged("post_install", "-at_install")
class TestPublicJourney(PublicServiceCase):
    def test_citizen_journey_without_account(self):
        """Form -> tracking code -> SKPD register and the seat's inbox -> disposed -> signed reply ->
        the tracking page offers the PDF, whose QR verifies -> survey answered once."""
        # the list and the form
        listing = self.url_open("/layanan?format=json").json()
        self.assertIn({"code": "data-uji", "name": "Permohonan Data Uji", "skpd": "Dinas Uji A"},
                      [{k: s[k] for k in ("code", "name", "skpd")} for s in listing])
        self.assertIn("Permohonan Data Uji", self.url_open("/layanan").text)
        form = self.url_open("/layanan/data-uji").text
        self.assertIn('name="nik"', form)
        self.assertIn("Pindaian KTP", form)

        # the request, as a browser sends it: answered by the tracking page with the code
        response = self.submit(files=[("lampiran", ("ktp.png", png_bytes(), "image/png")),
                                      ("lampiran", ("surat.pdf", pdf_bytes(), "application/pdf"))])
        self.assertEqual(response.status_code, 303, response.text[:500])
        location = response.headers["Location"]
        code = re.search(r"/layanan/lacak/([A-Za-z0-9_-]+)", location).group(1)
        self.assertGreaterEqual(len(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))) * 8, 128)
        page = self.url_open(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn(code, page.text)
        facts = self.url_open(f"/layanan/lacak/{code}?format=json").json()
        self.assertEqual(facts["status"], "diterima")
        self.assertIsNone(facts["reply_pdf_url"])
        self.assertTrue(facts["deadline"])

        # in the SKPD's register, addressed to the seat, in its official's inbox
        request = self.Request.search([("subject", "=", "Permohonan salinan data penduduk")])
        self.assertEqual(len(request), 1)
        self.assertNotIn(code, str(request.read()))  # only its hash is stored
        letter = request.letter_id
        self.assertEqual((letter.direction, letter.state, letter.company_id, letter.recipient_position_id),
                         ("incoming", "received", self.skpd_a, self.head_a))
        self.assertTrue(letter.agenda_number)
        self.assertEqual(letter.sender_name, "Siti Aminah")
        self.assertEqual(len(letter.scan_page_ids), 2)
        self.assertTrue(letter.scan_pdf)
        self.assertEqual(request.deadline, self.env["eoffice.public.holiday"]._add_working_days(
            request.received_date, 5))
        official = self.users_a["official"]
        inbox = self.as_user(official, self.env["eoffice.letter"]).search(
            [("pending_position_ids", "in", self.head_a.ids)])
        self.assertIn(letter, inbox)
        self.assertTrue(letter.activity_ids.filtered(lambda a: a.user_id == official))
        mail = self.env["mail.mail"].sudo().search([("email_to", "=", "siti.aminah@example.com")])
        self.assertTrue(mail)
        self.assertIn(code, mail.body_html)

        # disposed: being processed
        self.as_user(official, letter).action_mark_read()
        self.as_user(official, self.env["eoffice.disposition"])._dispose(letter, self.head_a, self.kabid_a)
        self.assertEqual(request.state, "diproses")
        self.assertEqual(self.url_open(f"/layanan/lacak/{code}?format=json").json()["status"], "diproses")

        # the survey is not open before completion
        survey = {f"u{i}": "4" for i in range(1, 10)}
        refused = self.url_open(f"/layanan/lacak/{code}/survei",
                                data=dict(survey, csrf_token=self.csrf("/layanan/data-uji")))
        self.assertEqual(refused.status_code, 409)

        # the signed reply, linked by the seat the request was disposed to
        reply = self.sign(self.make_letter(name="Jawaban Permohonan Data"))
        self.as_user(self.kabid_user, request).write({"answer_letter_id": reply.id})
        self.assertEqual(request.state, "selesai")
        facts = self.url_open(f"/layanan/lacak/{code}?format=json").json()
        self.assertEqual(facts["status"], "selesai")
        self.assertEqual(facts["reply_number"], reply.number)
        pdf = self.url_open(facts["reply_pdf_url"])
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertEqual(pdf.content, base64.b64decode(reply.pdf_file))
        # its QR opens the verification page, which vouches for these bytes
        qr = [url for url in decode_qr_from_pdf(pdf.content) if "/eoffice/verify/" in url]
        self.assertTrue(qr)
        verify_path = "/eoffice/verify/" + qr[0].rsplit("/eoffice/verify/", 1)[1]
        self.assertEqual(self.url_open(verify_path + "?format=json").json()["status"], "genuine")
        checked = self.url_open(verify_path + "?format=json", files={"pdf": ("balasan.pdf", pdf.content,
                                                                             "application/pdf")})
        self.assertTrue(checked.json()["identical"])

        # the survey, once
        self.assertTrue(facts["survey_open"])
        answered = self.url_open(f"/layanan/lacak/{code}/survei",
                                 data=dict(survey, u3="2", saran="Cepat dan jelas",
                                           csrf_token=self.csrf("/layanan/data-uji")))
        self.assertEqual(answered.status_code, 200)
        self.assertEqual(len(request.survey_ids), 1)
        self.assertAlmostEqual(request.survey_ids.ikm, 25.0 * (8 * 4 + 2) / 9, places=2)
        again = self.url_open(f"/layanan/lacak/{code}/survei",
                              data=dict(survey, csrf_token=self.csrf("/layanan/data-uji")))
        self.assertEqual(again.status_code, 409)
        self.assertIn(self.tr("The survey of this request has been answered already."), again.text)
        self.assertEqual(len(request.survey_ids), 1)
        self.assertFalse(self.url_open(f"/layanan/lacak/{code}?format=json").json()["survey_open"])

    def test_tracking_page_never_shows_internal_data(self):
        code = self.submit_ok()
        request = self.Request._find_by_code(code)
        request.letter_id.message_post(body="CATATAN INTERNAL RAHASIA")
        for path in (f"/layanan/lacak/{code}", f"/layanan/lacak/{code}?format=json"):
            text = self.url_open(path).text
            self.assertNotIn("CATATAN INTERNAL", text)
            self.assertNotIn(request.nik, text)
            self.assertNotIn("siti.aminah@example.com", text)
            self.assertNotIn("Pegawai A", text)  # the official holding the seat

    def test_refusal_states_its_reason(self):
        code = self.submit_ok()
        request = self.Request._find_by_code(code)
        self.as_user(self.users_a["official"], request).action_refuse("Data yang diminta dikecualikan (Pasal 17)")
        facts = self.url_open(f"/layanan/lacak/{code}?format=json").json()
        self.assertEqual(facts["status"], "ditolak")
        self.assertEqual(facts["refusal_reason"], "Data yang diminta dikecualikan (Pasal 17)")
        self.assertIsNone(facts["reply_pdf_url"])
        self.assertIn("Pasal 17", self.url_open(f"/layanan/lacak/{code}").text)

    def test_unknown_tracking_code_answers_indonesian_404(self):
        import secrets
        for code in (secrets.token_urlsafe(24), "abc", "x" * 80, "<script>"):
            with self.subTest(code=code):
                page = self.url_open(f"/layanan/lacak/{code}")
                self.assertEqual(page.status_code, 404)
                self.assertIn(self.tr("No request with this tracking code is known here. Check that the code was "
                                      "typed or copied without a mistake."), page.text)
                self.assertIn(self.env.ref("base.main_company").name, page.text)
                self.assertEqual(self.url_open(f"/layanan/lacak/{code}?format=json").json(), {"status": "unknown"})
                self.assertEqual(self.url_open(f"/layanan/lacak/{code}/balasan").status_code, 404)
        self.assertEqual(self.url_open("/layanan/tidak-ada").status_code, 404)
