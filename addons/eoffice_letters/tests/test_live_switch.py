import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EofficeLettersCase


@tagged("post_install", "-at_install")
class TestLettersLiveSwitch(EofficeLettersCase):
    """An SKPD not yet live with letters makes none; a letter delivered to it still arrives."""

    def test_off_refuses_a_users_letters(self):
        self.skpd_a.eoffice_letters_live = False
        with self.assertRaisesRegex(UserError, "Letters is not live yet in Dinas Uji A"):
            self.make_letter()
        # the SKPD given by a context key rather than in the values
        with self.assertRaisesRegex(UserError, "Letters is not live yet in Dinas Uji A"):
            self.as_user(self.users_a["staff"], self.env["eoffice.letter"]).with_context(
                default_company_id=self.skpd_a.id).create({"name": "Surat Uji", "type_id": self.letter_type.id})
        # nor an incoming letter registered by hand
        with self.assertRaisesRegex(UserError, "Letters is not live yet"):
            self.as_user(self.users_a["agendaris"], self.env["eoffice.letter"]).create({
                "direction": "incoming", "name": "Surat Masuk Uji", "sender_name": "BPS Uji",
                "sender_number": "B-1/2026", "sender_date": datetime.date.today(),
                "recipient_position_id": self.head_a.id})

    def test_on_allows_and_delivery_reaches_an_skpd_not_live(self):
        self.skpd_b.eoffice_letters_live = False
        letter = self.sign(self.make_letter())
        self.as_user(self.users_a["staff"], letter).action_send()
        copy = letter.to_recipient_ids.incoming_letter_id
        self.assertEqual((copy.company_id, copy.state), (self.skpd_b, "received"))
