from odoo.tests import HttpCase, tagged

SUBJECT = "Permohonan Data Jaringan Internet Kantor Kecamatan"


@tagged("post_install", "-at_install")
class TestPhoneTour(HttpCase):
    """The inbox on a phone: a real Chromium at 390×844 with touch events, as Odoo's own mobile tours run
    (``browser_size``, ``touch_enabled``). The Kasi of Dinas Kominfo opens the demo draft awaiting her paraf
    from its card and approves it with one tap (static/tests/tours/eoffice_phone_tour.js)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_paraf_from_a_phone(self):
        kasi = self.env.ref("eoffice_letters.user_kominfo_kasi_aptika")
        letter = self.env["eoffice.letter"].search([("name", "=", SUBJECT), ("direction", "=", "outgoing")])
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.state, "review")
        self.start_tour("/odoo", "eoffice_phone_paraf_tour", login="kasi.kominfo", timeout=180)
        # the tour's requests wrote through the same test cursor, around this env's cache
        self.env.invalidate_all()
        self.assertEqual(letter.state, "to_sign")
        review = letter.review_ids.filtered(lambda r: r.state == "approved")
        self.assertEqual(review.user_id, kasi)
