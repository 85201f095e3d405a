from odoo.tests import HttpCase, tagged

SUBJECT = "Undangan Uji Tur Naskah Dinas"


@tagged("post_install", "-at_install")
class TestLettersTour(HttpCase):
    """The outgoing letter's journey in a real browser, with the demo Pemda's users:
    drafted by the staff of Dinas Kominfo, reviewed by the Kasi, signed and sent by the
    Kepala Dinas, read by the Kepala Dinas Kesehatan. Each user runs a tour of their own
    (static/tests/tours/eoffice_letters_tour.js); the database is checked between them."""

    def _run(self, tour, login):
        self.start_tour("/odoo", tour, login=login, timeout=180)
        # the tour's requests wrote through the same test cursor, around this env's cache
        self.env.invalidate_all()

    def test_outgoing_letter_journey(self):
        ref = self.env.ref
        kominfo, dinkes = ref("eoffice_skpd.skpd_kominfo"), ref("eoffice_skpd.skpd_dinkes")
        Letter = self.env["eoffice.letter"]
        self.assertFalse(Letter.search([("name", "=", SUBJECT)]), "the demo data must not hold the tour's letter")

        self._run("eoffice_letters_tour_draft", "staf.kominfo")
        letter = Letter.search([("name", "=", SUBJECT), ("direction", "=", "outgoing")])
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.state, "review")
        self.assertEqual(letter.company_id, kominfo)
        self.assertEqual(letter.create_uid, ref("eoffice_skpd.user_skpd_kominfo_aptika_staff"))
        self.assertEqual(letter.classification_id, ref("eoffice_letters.archive_classification_000_5"))
        self.assertEqual(letter.signer_position_id, ref("eoffice_skpd.pos_skpd_kominfo_head"))
        self.assertEqual(letter.review_ids.position_id, ref("eoffice_skpd.pos_skpd_kominfo_aptika_kasi"))
        self.assertEqual(letter.review_ids.state, "pending")
        self.assertEqual(letter.to_recipient_ids.target_position_id, ref("eoffice_skpd.pos_skpd_dinkes_head"))
        self.assertIn("rapat koordinasi uji tur", letter.body)

        self._run("eoffice_letters_tour_review", "kasi.kominfo")
        self.assertEqual(letter.state, "to_sign")
        self.assertEqual(letter.review_ids.state, "approved")
        self.assertEqual(letter.review_ids.user_id, ref("eoffice_letters.user_kominfo_kasi_aptika"))

        self._run("eoffice_letters_tour_sign", "kadis.kominfo")
        self.assertEqual(letter.state, "sent")
        self.assertTrue(letter.number.startswith("000.5/"), letter.number)
        self.assertEqual(letter.signer_user_id, ref("eoffice_skpd.user_skpd_kominfo_head"))
        self.assertTrue(letter.pdf_file and letter.pdf_sha256)
        line = letter.recipient_ids
        self.assertEqual(line.dispatch_state, "delivered")
        copy = line.incoming_letter_id
        self.assertEqual(copy.direction, "incoming")
        self.assertEqual(copy.company_id, dinkes)
        self.assertEqual(copy.state, "received")
        self.assertEqual(copy.name, SUBJECT)
        self.assertEqual(copy.sender_number, letter.number)
        self.assertTrue(copy.agenda_number)
        self.assertFalse(line.read_date)

        kadis_kesehatan = ref("eoffice_skpd.user_skpd_dinkes_head")
        self._run("eoffice_letters_tour_read", "kadis.kesehatan")
        self.assertEqual(copy.state, "read")
        self.assertEqual(copy.read_by_id, kadis_kesehatan)
        self.assertTrue(line.read_date)
        self.assertEqual(line.read_by_id, kadis_kesehatan)
