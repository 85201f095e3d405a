import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EofficeLettersCase


@tagged("post_install", "-at_install")
class TestDelivery(EofficeLettersCase):
    def test_internal_recipient_gets_the_letter_at_once(self):
        letter = self.sign(self.make_letter(cc_recipient_ids=[(0, 0, {"recipient_type": "skpd",
                                                                      "target_company_id": self.skpd_a.id})]))
        self.as_user(self.users_a["staff"], letter).action_send()
        self.assertEqual(letter.state, "sent")
        to_line = letter.to_recipient_ids
        copy = to_line.incoming_letter_id
        self.assertEqual(copy.company_id, self.skpd_b)
        self.assertEqual((copy.direction, copy.state), ("incoming", "received"))
        self.assertEqual(copy.recipient_position_id, self.head_b)
        self.assertEqual(copy.sender_number, letter.number)
        self.assertEqual(copy.pdf_sha256, letter.pdf_sha256)
        self.assertEqual(base64.b64decode(copy.pdf_file), base64.b64decode(letter.pdf_file))
        self.assertRegex(copy.agenda_number, r"^0001/\d{4}$")
        self.assertEqual((to_line.dispatch_method, to_line.dispatch_state), ("internal", "delivered"))
        # the tembusan to a whole SKPD reaches its head
        self.assertEqual(letter.cc_recipient_ids.incoming_letter_id.recipient_position_id, self.head_a)
        # the recipient's inbox
        inbox = self.as_user(self.head_b_user, self.env["eoffice.letter"]).search(
            [("pending_position_ids.current_user_ids", "in", [self.head_b_user.id])])
        self.assertEqual(inbox, copy)

    def test_read_receipt(self):
        letter = self.sign(self.make_letter())
        self.as_user(self.users_a["staff"], letter).action_send()
        copy = letter.to_recipient_ids.incoming_letter_id
        with self.assertRaises(AccessError):
            self.as_user(self.admin_b, copy).action_mark_read()
        self.assertFalse(letter.to_recipient_ids.read_date)
        self.as_user(self.head_b_user, copy).action_mark_read()
        self.assertEqual(copy.state, "read")
        self.assertEqual(letter.to_recipient_ids.read_by_id, self.head_b_user)
        self.assertTrue(letter.to_recipient_ids.read_date)

    def test_external_recipients(self):
        partner = self.env["res.partner"].create({"name": "BPS Kabupaten Uji", "email": "bps@example.com"})
        letter = self.sign(self.make_letter(to_recipient_ids=[
            (0, 0, {"recipient_type": "external", "partner_id": partner.id}),
            (0, 0, {"recipient_type": "external", "external_name": "Ketua RT 01 Kelurahan Uji"}),
        ]))
        self.as_user(self.users_a["staff"], letter).action_send()
        emailed, printed = letter.to_recipient_ids.sorted("id")
        self.assertEqual((emailed.dispatch_method, emailed.dispatch_state), ("email", "sent"))
        self.assertEqual((printed.dispatch_method, printed.dispatch_state), ("print", "pending"))
        mail = self.env["mail.mail"].search([("model", "=", "eoffice.letter"), ("res_id", "=", letter.id),
                                             ("email_to", "=", "bps@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(base64.b64decode(mail.attachment_ids.datas), base64.b64decode(letter.pdf_file))
        self.assertIn(letter.verification_url, mail.body_html)
        # the expedition book
        book = self.env["eoffice.letter.recipient"].search(
            [("dispatch_method", "in", ("email", "print")), ("letter_id", "=", letter.id)])
        self.assertEqual(book, emailed | printed)
        printed.with_user(self.users_a["agendaris"]).action_mark_delivered()
        self.assertEqual(printed.dispatch_state, "delivered")

    def test_who_may_send(self):
        letter = self.sign(self.make_letter())
        other = self.env["res.users"].create({
            "name": "Staf Lain", "login": "t_staf_lain", "company_id": self.skpd_a.id,
            "company_ids": [(6, 0, self.skpd_a.ids)],
            "groups_id": [(6, 0, [self.env.ref("eoffice_skpd.group_staff").id])]})
        with self.assertRaises(AccessError):
            self.as_user(other, letter).action_send()
        self.assertEqual(letter.state, "signed")
        self.assertFalse(letter.recipient_ids.incoming_letter_id)
        self.as_user(self.users_a["agendaris"], letter).action_send()
        self.assertEqual(letter.state, "sent")
        with self.assertRaisesRegex(UserError, "Only a signed letter"):
            self.as_user(self.users_a["agendaris"], letter).action_send()

    def test_address_book_spans_the_pemda(self):
        Position = self.as_user(self.users_a["staff"], self.env["eoffice.position"])
        self.assertFalse(Position.name_search("Kepala Dinas Uji B"))
        found = Position.with_context(eoffice_address_book=True).name_search("Kepala Dinas Uji B")
        self.assertEqual([pid for pid, _name in found], [self.head_b.id])
