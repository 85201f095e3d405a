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

    def test_menus_follow_the_switch(self):
        """The Letters app disappears for a user whose only SKPD is not live, and comes back."""
        root = self.env.ref("eoffice_letters.menu_root")
        staff = self.users_a["staff"]
        self.assertEqual(staff.company_ids, self.skpd_a)

        def visible_roots():
            menus = self.env["ir.ui.menu"].with_user(staff).load_menus(debug=False)
            return menus["root"]["children"]

        self.assertIn(root.id, visible_roots())
        self.skpd_a.eoffice_letters_live = False
        self.assertNotIn(root.id, visible_roots())
        self.assertNotIn(self.env.ref("eoffice_letters.menu_root").child_id[:1].id,
                         self.env["ir.ui.menu"].with_user(staff).search([]).ids)
        # other features and other users are untouched
        self.assertIn(self.env.ref("eoffice_skpd.menu_root").id, visible_roots())
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(self.head_b_user).load_menus(False)["root"]["children"])
        # a user who also works in a live SKPD keeps the app
        staff.company_ids |= self.skpd_b
        self.assertIn(root.id, visible_roots())
        staff.company_ids = self.skpd_a
        self.skpd_a.eoffice_letters_live = True
        self.assertIn(root.id, visible_roots())

    def test_every_switch_gates_a_menu(self):
        """A live switch added to res.company without naming its menus would gate nothing visible."""
        switches = {name for name in self.env["res.company"]._fields
                    if name.startswith("eoffice_") and name.endswith("_live")}
        menus = self.env["res.company"]._eoffice_live_menus()
        self.assertEqual(set(menus), switches)
        for xmlid in menus.values():
            self.assertEqual(self.env.ref(xmlid)._name, "ir.ui.menu")
