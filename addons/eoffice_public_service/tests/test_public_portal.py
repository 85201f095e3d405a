from odoo.tests import new_test_user, tagged

from .common import PublicServiceCase


@tagged("post_install", "-at_install")
class TestPublicPortal(PublicServiceCase):
    """A citizen with a portal account sees their own requests, nobody else's, and nothing internal."""

    def test_portal_citizen_sees_own_requests(self):
        citizen = new_test_user(self.env, login="t_warga", groups="base.group_portal", password="warga-uji-2026")
        other = new_test_user(self.env, login="t_warga2", groups="base.group_portal", password="warga-dua-2026")
        self.authenticate("t_warga", "warga-uji-2026")
        code = self.submit_ok(data=self.form(hal="Permohonan data warga berakun"))
        request = self.Request._find_by_code(code)
        self.assertEqual(request.partner_id, citizen.partner_id)
        request.letter_id.message_post(body="CATATAN INTERNAL PORTAL")
        reply = self.sign(self.make_letter(name="Jawaban Warga Berakun"))
        self.as_user(self.users_a["official"], request).write({"answer_letter_id": reply.id})

        page = self.url_open("/my/layanan")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Permohonan data warga berakun", page.text)
        self.assertIn(f"/my/layanan/{request.id}/balasan", page.text)
        self.assertNotIn("CATATAN INTERNAL", page.text)
        self.assertNotIn("Pegawai A", page.text)
        pdf = self.url_open(f"/my/layanan/{request.id}/balasan")
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")

        self.authenticate("t_warga2", "warga-dua-2026")
        self.assertNotIn("Permohonan data warga berakun", self.url_open("/my/layanan").text)
        self.assertEqual(self.url_open(f"/my/layanan/{request.id}/balasan").status_code, 404)
        self.assertTrue(other)
