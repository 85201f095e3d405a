"""A registered incoming letter is what the agenda book says: over JSON-RPC, the official and TU
are refused every edit of it except TU's corrections of the transcription (sender, sender's number
and date, subject, classification), which are tracked in the chatter; a copy delivered by the
system is never corrected."""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

INDONESIAN = ("alur kerja", "tidak dapat", "hanya", "berstatus")
ODD = {"eoffice_workflow": True, "install_mode": True, "tracking_disable": True}


@tagged("post_install", "-at_install")
class TestIncomingRegisterReadOnly(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.kominfo = ref("eoffice_skpd.skpd_kominfo")
        cls.kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        Users = cls.env["res.users"]
        cls.tu = Users.search([("login", "=", "tu.kominfo")])
        cls.tu_dinkes = Users.search([("login", "=", "tu.kesehatan")])
        cls.classification = cls.env["eoffice.archive.classification"].search([], limit=2)
        letter = cls.env["eoffice.letter"].with_user(cls.tu).create({
            "direction": "incoming", "name": "Permohonan Data Statistik", "company_id": cls.kominfo.id,
            "sender_name": "Badan Pusat Statistik Kabupaten Paser", "sender_number": "B-12/64010/2026",
            "sender_date": "2026-03-12", "received_date": "2026-03-16", "classification_id": cls.classification[0].id,
            "recipient_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id, "body": "<p>Isi surat</p>"})
        letter.action_register()
        cls.letter = letter.with_env(cls.env)
        assert cls.letter.state == "received" and cls.tu and cls.tu_dinkes
        sent = cls.env["eoffice.letter"].search([("direction", "=", "outgoing"), ("state", "=", "sent")])
        cls.copy = sent.recipient_ids.incoming_letter_id.filtered(
            lambda c: c.company_id == ref("eoffice_skpd.skpd_dinkes"))[:1]
        assert cls.copy.source_letter_id, "the demo data must hold a copy delivered to Dinas Kesehatan"

    def rpc(self, user, method, *args, context=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, "demo", "eoffice.letter", method, list(args),
                     {"context": context} if context else {}]}}
        with mute_logger("odoo.http"):
            body = self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"], None

    def facts(self, letter):
        letter.invalidate_recordset()
        names = ("name", "type_id", "classification_id", "sifat", "urgency", "body", "sender_name",
                 "sender_number", "sender_date", "received_date", "recipient_position_id", "state", "agenda_number")
        return {name: letter.sudo()[name] for name in names}

    def assert_refused(self, user, letter, vals):
        before = self.facts(letter)
        for context in (None, ODD):
            result, error = self.rpc(user, "write", [letter.id], vals, context=context)
            self.assertIsNone(result, f"{user.login} wrote {vals} on a registered letter")
            self.assertTrue(any(word in error for word in INDONESIAN), f"not an Indonesian refusal: {error}")
            self.assertEqual(self.facts(letter), before)

    def test_the_official_changes_nothing_of_a_registered_letter(self):
        other_type = self.env["eoffice.letter.type"].search([("id", "!=", self.letter.type_id.id)], limit=1)
        for vals in ({"name": "Hal diubah"}, {"type_id": other_type.id},
                     {"classification_id": self.classification[1].id}, {"sifat": "rahasia"},
                     {"urgency": "segera"}, {"body": "<p>Isi diubah</p>"}, {"sender_number": "B-99/2026"},
                     {"sender_name": "Pengirim lain"}, {"sender_date": "2026-03-13"}):
            with self.subTest(vals=vals):
                self.assert_refused(self.kadis, self.letter, vals)

    def test_tu_cannot_change_what_the_dispositions_rest_on(self):
        other_type = self.env["eoffice.letter.type"].search([("id", "!=", self.letter.type_id.id)], limit=1)
        for vals in ({"type_id": other_type.id}, {"sifat": "rahasia"}, {"urgency": "sangat_segera"},
                     {"body": "<p>Isi diubah</p>"}, {"received_date": "2026-03-20"},
                     {"recipient_position_id": False},
                     # a correction mixed with a forbidden change is refused whole
                     {"sender_number": "B-13/64010/2026", "sifat": "terbatas"}):
            with self.subTest(vals=vals):
                self.assert_refused(self.tu, self.letter, vals)

    def test_tu_corrects_the_transcription_and_the_chatter_keeps_it(self):
        vals = {"sender_number": "B-13/64010/2026", "sender_date": "2026-03-11",
                "sender_name": "Badan Pusat Statistik Kab. Paser", "name": "Permohonan Data Statistik Sektoral",
                "classification_id": self.classification[1].id}
        result, error = self.rpc(self.tu, "write", [self.letter.id], vals)
        self.assertTrue(result, error)
        facts = self.facts(self.letter)
        self.assertEqual(facts["sender_number"], "B-13/64010/2026")
        self.assertEqual(str(facts["sender_date"]), "2026-03-11")
        self.assertEqual(facts["name"], "Permohonan Data Statistik Sektoral")
        self.assertEqual(facts["classification_id"], self.classification[1])
        self.assertEqual(facts["state"], "received")
        tracked = self.letter.message_ids.tracking_value_ids.filtered(
            lambda t: t.create_uid == self.tu).field_id.mapped("name")
        for name in vals:
            self.assertIn(name, tracked, f"the correction of {name} is not in the chatter")
        # the sender's date still cannot be after the day the letter was received
        result, error = self.rpc(self.tu, "write", [self.letter.id], {"sender_date": "2026-03-30"})
        self.assertIsNone(result)
        self.assertEqual(str(self.facts(self.letter)["sender_date"]), "2026-03-11")
        # once read by the official, TU may still correct a typo
        self.letter.sudo().state = "read"
        result, error = self.rpc(self.tu, "write", [self.letter.id], {"sender_number": "B-14/64010/2026"})
        self.assertTrue(result, error)

    def test_a_copy_delivered_by_the_system_is_never_corrected(self):
        self.assert_refused(self.tu_dinkes, self.copy, {"sender_number": "800/1/UBAH/2026"})
        self.assert_refused(self.tu_dinkes, self.copy, {"name": "Hal diubah"})

    def test_the_form_opens_corrections_to_tu_only(self):
        self.assertTrue(self.letter.with_user(self.tu).can_correct_register)
        self.assertFalse(self.letter.with_user(self.kadis).can_correct_register)
        self.assertFalse(self.copy.with_user(self.tu_dinkes).can_correct_register)
