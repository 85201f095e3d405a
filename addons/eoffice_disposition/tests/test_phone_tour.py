from odoo.tests import HttpCase, tagged

SUBJECT = "Permohonan Narasumber Literasi Digital"


@tagged("post_install", "-at_install")
class TestPhoneDispositionTour(HttpCase):
    """My Dispositions on a phone: a real Chromium at 390×844 with touch events. The Kasi of Dinas Kominfo
    opens the demo disposition from its card and reports it done from the button above the form
    (static/tests/tours/eoffice_phone_disposition_tour.js)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_report_done_from_a_phone(self):
        kasi = self.env.ref("eoffice_letters.user_kominfo_kasi_aptika")
        branch = self.env["eoffice.disposition.branch"].search([
            ("letter_id.name", "=", SUBJECT),
            ("position_id", "=", self.env.ref("eoffice_skpd.pos_skpd_kominfo_aptika_kasi").id)])
        self.assertEqual(len(branch), 1)
        self.assertEqual(branch.state, "unread")
        self.start_tour("/odoo", "eoffice_phone_disposition_tour", login="kasi.kominfo", timeout=180)
        # the tour's requests wrote through the same test cursor, around this env's cache
        self.env.invalidate_all()
        self.assertEqual(branch.state, "done")
        self.assertEqual(branch.done_by_id, kasi)
        self.assertIn("Seksi Aplikasi Informatika", branch.report)
