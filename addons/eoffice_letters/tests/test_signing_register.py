import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.eoffice_signing_register import GENESIS, PARAM_BREAK, entry_hash
from .test_verify import GENUINE, VerifyCase

UNVERIFIABLE = "CANNOT BE VERIFIED: this letter's facts disagree with the signing register"
FORGED_SHA = hashlib.sha256(b"a forged PDF").hexdigest()


@tagged("post_install", "-at_install")
class TestSigningRegister(VerifyCase):
    """Every signature, co-signature, revocation and supersession is an entry of a hash chain; a fact
    changed in the database afterwards makes the public page answer "unverifiable" and the daily
    check alert the Pemda administrators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Register = cls.env["eoffice.signing.register"]
        cls.pemda_admin = new_test_user(
            cls.env, login="t_register_admin", groups="base.group_user,eoffice_skpd.group_pemda_admin",
            company_id=cls.skpd_a.id, company_ids=[(6, 0, (cls.skpd_a | cls.skpd_b).ids)])

    def entries(self, letter):
        return self.Register.search([("letter_id", "=", letter.id)], order="sequence")

    def assert_chained(self, entry):
        """The entry's hash recomputes from its facts, and it links to the entry before it."""
        self.assertEqual(entry.entry_hash, entry_hash(entry.read(
            ["sequence", "event", "company_id", "number", "verification_token", "pdf_sha256", "signer_name",
             "signer_title", "event_date", "prev_hash"], load=None)[0]))
        previous = self.Register.search([("sequence", "=", entry.sequence - 1)])
        self.assertEqual(entry.prev_hash, previous.entry_hash if previous else GENESIS)

    def status(self, letter):
        return self.get_json(letter)["status"]

    def alerts(self):
        """Messages the daily check sent to the Pemda administrator."""
        return self.env["mail.message"].search([
            ("message_type", "=", "user_notification"), ("partner_ids", "in", self.pemda_admin.partner_id.ids),
            ("author_id", "=", self.env.ref("base.partner_root").id)])

    def tamper(self, sql, params):
        self.env.flush_all()
        self.env.cr.execute(sql, params)
        self.env.invalidate_all()

    # ------------------------------------------------------------------ appending
    def test_signing_appends_a_chained_entry(self):
        letter = self.signed()
        entry = self.entries(letter)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.event, "signed")
        self.assertEqual((entry.number, entry.verification_token, entry.pdf_sha256, entry.signer_name,
                          entry.signer_title, entry.company_id),
                         (letter.number, letter.verification_token, letter.pdf_sha256, letter.signer_name,
                          letter.signer_title, letter.company_id))
        self.assertRegex(entry.entry_hash, r"^[0-9a-f]{64}$")
        self.assert_chained(entry)
        self.assertEqual(self.Register.search([], limit=1), entry, "the newest entry is the head")
        self.assertTrue(self.Register._check_letter(letter))
        self.assertEqual(self.status(letter), "genuine")

    def test_cosignature_and_revocation_append(self):
        letter = self.make_letter(cosigner_ids=[(0, 0, {"position_id": self.kabid_a.id})])
        self.signed(letter)
        self.assertEqual(letter.state, "cosigning")
        self.assertEqual(self.status(letter), "incomplete")
        signed_sha = letter.pdf_sha256
        self.as_user(self.kabid_user, letter).action_cosign()
        self.assertEqual(letter.state, "signed")
        signed, cosigned = self.entries(letter)
        self.assertEqual((signed.event, cosigned.event), ("signed", "cosigned"))
        self.assertEqual(signed.pdf_sha256, signed_sha)
        self.assertEqual(cosigned.pdf_sha256, letter.pdf_sha256, "the co-signed PDF")
        self.assertEqual(cosigned.signer_name, "Kabid Uji")
        self.assertEqual(cosigned.prev_hash, signed.entry_hash)
        self.assert_chained(cosigned)
        self.assertEqual(self.status(letter), "genuine")
        # the page lists the co-signers: a renamed one does not match the register
        cosigner = letter.cosigner_ids
        self.tamper("UPDATE eoffice_letter_cosigner SET signer_name = 'Pejabat Palsu' WHERE id = %s", [cosigner.id])
        self.assertEqual(self.status(letter), "unverifiable")
        self.tamper("UPDATE eoffice_letter_cosigner SET signer_name = 'Kabid Uji' WHERE id = %s", [cosigner.id])
        self.assertEqual(self.status(letter), "genuine")

        self.as_user(self.users_a["official"], letter).action_revoke("Salah alamat")
        revoked = self.entries(letter)[-1]
        self.assertEqual(revoked.event, "revoked")
        self.assertEqual(revoked.prev_hash, cosigned.entry_hash)
        self.assert_chained(revoked)
        self.assertEqual(self.status(letter), "revoked")

    def test_correction_appends_superseded_and_signed(self):
        letter = self.signed()
        action = self.as_user(letter.create_uid, letter).action_correct()
        correction = letter.browse(action["res_id"])
        self.signed(correction)
        superseded = self.entries(letter)[-1]
        self.assertEqual(superseded.event, "superseded")
        self.assert_chained(superseded)
        self.assert_chained(self.entries(correction))
        self.assertEqual(self.status(letter), "superseded")
        self.assertEqual(self.status(correction), "genuine")

    def test_check_of_a_letter_is_a_few_indexed_lookups(self):
        """The public page's check never walks the chain: a fixed handful of queries, whatever its length."""
        letter = self.make_letter(cosigner_ids=[(0, 0, {"position_id": self.kabid_a.id})])
        self.signed(letter)
        self.as_user(self.kabid_user, letter).action_cosign()
        self.signed()  # a next entry to look at
        self.Register._check_letter(letter)  # the recorded break is a cached parameter
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            self.assertTrue(self.Register._check_letter(letter))

    # ------------------------------------------------------------------ append-only
    def test_entries_cannot_be_changed_or_deleted_by_anyone(self):
        entry = self.entries(self.signed())
        before = entry.read()[0]
        for register in (entry.sudo(), entry.with_user(self.pemda_admin)):
            with self.assertRaises(UserError), self.cr.savepoint():
                register.write({"pdf_sha256": FORGED_SHA})
            with self.assertRaises(UserError), self.cr.savepoint():
                register.unlink()
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Register.with_user(self.pemda_admin).create({"sequence": 999999, "event": "signed"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Register.with_user(self.pemda_admin)._append(entry.letter_id, "signed")
        entry.invalidate_recordset()
        self.assertEqual(entry.read()[0], before)
        # the Pemda administrator and the auditor read it, staff do not
        self.assertTrue(entry.with_user(self.pemda_admin).read(["entry_hash"]))
        with self.assertRaises(AccessError):
            entry.with_user(self.users_a["staff"]).read(["entry_hash"])

    # ------------------------------------------------------------------ tampering
    def assert_unverifiable(self, letter):
        facts = self.get_json(letter)
        self.assertEqual(facts["status"], "unverifiable")
        html = self.get(self.path(letter)).text
        self.assertIn('class="status unverifiable"', html)
        self.assertIn(self.term(UNVERIFIABLE), html)
        self.assertNotIn(self.term(GENUINE), html)
        self.assertNotIn("ASLI", html)

    def test_register_row_changed_in_sql(self):
        untouched = self.signed()
        letter = self.signed()
        self.assertTrue(self.Register._check_chain()["broken"] is None)
        entry = self.entries(letter)
        self.tamper("UPDATE eoffice_signing_register SET pdf_sha256 = %s WHERE id = %s", [FORGED_SHA, entry.id])
        self.assert_unverifiable(letter)
        self.assertEqual(self.status(untouched), "genuine")

        with mute_logger("odoo.addons.eoffice_letters.models.eoffice_signing_register"):
            result = self.Register._check_chain()
        self.assertEqual(result["broken"], entry.sequence)
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(PARAM_BREAK), str(entry.sequence))
        alert = self.alerts().filtered(lambda message: message.model == self.Register._name)
        self.assertEqual(alert.mapped("res_id"), [entry.id], "the Pemda administrator is alerted")
        self.assertEqual(self.status(untouched), "genuine", "a letter before the break stays genuine")
        self.assert_unverifiable(letter)

    def test_register_row_and_its_hash_changed_in_sql(self):
        """A forger who also recomputes the entry's hash breaks the link from the next entry."""
        letter = self.signed()
        later = self.signed()
        entry = self.entries(letter)
        facts = entry.read(["sequence", "event", "company_id", "number", "verification_token", "signer_name",
                            "signer_title", "event_date", "prev_hash"], load=None)[0]
        forged_hash = entry_hash(dict(facts, pdf_sha256=FORGED_SHA))
        self.tamper("UPDATE eoffice_signing_register SET pdf_sha256 = %s, entry_hash = %s WHERE id = %s",
                    [FORGED_SHA, forged_hash, entry.id])
        self.tamper("UPDATE eoffice_letter SET pdf_sha256 = %s WHERE id = %s", [FORGED_SHA, letter.id])
        self.assert_unverifiable(letter)
        with mute_logger("odoo.addons.eoffice_letters.models.eoffice_signing_register"):
            result = self.Register._check_chain()
        self.assertEqual(result["broken"], entry.sequence)
        self.assertTrue(self.alerts())
        self.assert_unverifiable(later)  # signed after the break: the chain no longer vouches for it

    def test_letter_hash_changed_in_sql(self):
        untouched = self.signed()
        letter = self.signed()
        self.tamper("UPDATE eoffice_letter SET pdf_sha256 = %s WHERE id = %s", [FORGED_SHA, letter.id])
        self.assert_unverifiable(letter)
        self.assertEqual(self.status(untouched), "genuine")
        with mute_logger("odoo.addons.eoffice_letters.models.eoffice_signing_register"):
            result = self.Register._check_chain()
        self.assertIsNone(result["broken"], "the chain itself is intact")
        self.assertGreaterEqual(result["mismatched"], 1)
        mismatched = self.Register._mismatched_letters(limit=None)[1]
        self.assertIn(letter, mismatched)
        self.assertNotIn(untouched, mismatched)
        self.assertTrue(self.alerts(), "the Pemda administrator is alerted")

    def test_revocation_undone_in_sql(self):
        letter = self.signed()
        self.as_user(self.users_a["official"], letter).action_revoke("Salah alamat")
        self.tamper("UPDATE eoffice_letter SET state = 'signed' WHERE id = %s", [letter.id])
        self.assertEqual(self.status(letter), "unverifiable")

    def test_signed_letter_without_entry_is_unverifiable(self):
        letter = self.signed()
        self.tamper("UPDATE eoffice_letter SET verification_token = %s WHERE id = %s",
                    ["Aa" * 16, letter.id])
        self.assertEqual(self.status(letter), "unverifiable")

    def test_intact_chain_records_its_head(self):
        letter = self.signed()
        result = self.Register._check_chain()
        self.assertIsNone(result["broken"])
        head = self.Register.search([], limit=1)
        self.assertEqual(head, self.entries(letter))
        self.assertEqual((result["sequence"], result["hash"]), (head.sequence, head.entry_hash))
        self.assertEqual(self.Register._last_check()["hash"], head.entry_hash)
        exported = self.Register._head()
        self.assertEqual((exported["head_sequence"], exported["head_hash"]), (head.sequence, head.entry_hash))
        self.assertTrue(exported["pemda"])
        # the buttons of the Pemda administrator
        action = self.Register.with_user(self.pemda_admin).action_check_chain()
        self.assertEqual(action["params"]["type"], "success")
        with self.assertRaises(AccessError):
            self.Register.with_user(self.users_a["staff"]).action_check_chain()
        self.authenticate("t_register_admin", "t_register_admin")
        response = self.url_open("/eoffice/signing-register/head")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertEqual(response.json()["head_hash"], head.entry_hash)
        self.assertEqual(self.status(letter), "genuine")

    # ------------------------------------------------------------------ backfill
    def test_backfill_gives_old_letters_their_entries(self):
        letter = self.signed()
        revoked = self.signed()
        self.as_user(self.users_a["official"], revoked).action_revoke("Salah alamat")
        cosigned = self.signed(self.make_letter(cosigner_ids=[(0, 0, {"position_id": self.kabid_a.id})]))
        self.as_user(self.kabid_user, cosigned).action_cosign()
        # as before the register existed: signed letters without entries (the rows only leave by SQL)
        self.tamper("DELETE FROM eoffice_signing_register WHERE letter_id IN %s",
                    [(letter.id, revoked.id, cosigned.id)])
        self.tamper("UPDATE eoffice_letter_sequence SET last_number = (SELECT max(sequence) FROM "
                    "eoffice_signing_register) WHERE scope_key = 'signing-register'", [])
        self.assertEqual(self.status(letter), "unverifiable")
        self.assertGreaterEqual(self.Register._backfill(), 5)
        self.assertEqual(self.entries(letter).mapped("event"), ["signed"])
        self.assertEqual(self.entries(revoked).mapped("event"), ["signed", "revoked"])
        self.assertEqual(self.entries(cosigned).mapped("event"), ["signed", "cosigned"])
        self.assertEqual(self.entries(cosigned)[-1].signer_name, "Kabid Uji")
        self.assertEqual(self.status(cosigned), "genuine")
        self.assertLess(self.entries(letter).sequence, self.entries(revoked)[0].sequence, "in id order")
        self.assertEqual(self.status(letter), "genuine")
        self.assertEqual(self.status(revoked), "revoked")
        self.assertEqual(self.Register._backfill(), 0, "nothing twice")
