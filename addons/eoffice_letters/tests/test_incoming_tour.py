from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestIncomingTour(HttpCase):
    """The incoming register in a real browser as the TU of Dinas Kominfo
    (static/tests/tours/eoffice_incoming_tour.js)."""

    def incoming(self):
        self.env.invalidate_all()
        return self.env["eoffice.letter"].search([("direction", "=", "incoming")])

    def test_opening_a_new_form_and_leaving_saves_nothing(self):
        before = self.incoming()
        self.start_tour("/odoo", "eoffice_incoming_tour_leave_new", login="tu.kominfo", timeout=180)
        created = self.incoming() - before
        self.assertFalse(created, f"leaving an untouched form saved {len(created)} empty incoming letter(s)")

    def test_registering_a_letter_from_a_scan(self):
        before = self.incoming()
        self.start_tour("/odoo", "eoffice_incoming_tour_register", login="tu.kominfo", timeout=300)
        letter = self.incoming() - before
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.state, "received")
        self.assertTrue(letter.agenda_number)
        self.assertEqual(letter.sender_number, "973/412/Bapenda-III/2026")
        self.assertEqual(str(letter.sender_date), "2026-11-09")
        self.assertEqual(letter.sender_name, "Badan Pendapatan Daerah Kabupaten Paser")
        self.assertEqual(letter.name, "Uji Tur Surat Masuk")
        self.assertEqual(letter.create_uid.login, "tu.kominfo")
        self.assertTrue(letter.scan_pdf)
        self.assertIn("OCR mengisi", " ".join(letter.message_ids.mapped("body")))
