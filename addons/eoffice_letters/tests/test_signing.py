import base64
import datetime
import hashlib
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EofficeLettersCase, decode_qr_from_pdf, pdf_text


@tagged("post_install", "-at_install")
class TestSigning(EofficeLettersCase):
    def test_review_chain_defaults_to_the_hierarchy(self):
        letter = self.make_letter()
        self.assertEqual(letter.review_ids.position_id, self.kabid_a)
        self.assertEqual(letter.review_ids.state, "planned")

    def test_route_of_the_skpd_wins(self):
        route = self.env["eoffice.letter.route"].create({
            "name": "Rute Uji", "company_id": self.skpd_a.id, "type_id": self.letter_type.id,
            "signer_position_id": self.head_a.id, "step_ids": [(0, 0, {"position_id": self.head_a.id})]})
        letter = self.make_letter()
        self.assertEqual(letter.review_ids.position_id, route.step_ids.position_id)

    def test_signed_pdf_carries_a_qr_to_the_verification_url(self):
        letter = self.sign(self.make_letter())
        pdf = base64.b64decode(letter.pdf_file)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(hashlib.sha256(pdf).hexdigest(), letter.pdf_sha256)
        self.assertEqual(decode_qr_from_pdf(pdf), [letter.verification_url])
        self.assertTrue(letter.verification_url.endswith(f"/eoffice/verify/{letter.verification_token}"))
        self.assertGreaterEqual(len(letter.verification_token), 22)  # 24 random bytes, >= 128 bits
        text = pdf_text(pdf)
        self.assertIn(letter.number, text)
        self.assertIn("DINAS UJI A", text)  # letterhead
        self.assertIn("NIP. 198001012005011001", text)  # signature block
        self.assertIn("1", text)  # page numbering stamped at the foot
        # the placeholders of the body were filled in
        self.assertIn("Kepala Dinas Uji B", text)
        self.assertNotIn("{{", text)

    def test_acting_official_signs_as_plt(self):
        self.head_a.employee_id = False
        today = datetime.date.today()
        self.env["eoffice.position.acting"].create({
            "position_id": self.head_a.id, "employee_id": self.kabid_a.employee_id.id, "kind": "plt",
            "date_from": today - datetime.timedelta(days=1), "date_to": today + datetime.timedelta(days=30)})
        letter = self.make_letter(review_ids=[])
        self.sign(letter, signer=self.kabid_user)
        self.assertEqual(letter.signer_title, "Plt. Kepala Dinas Uji A")
        self.assertEqual(letter.signer_name, "Kabid Uji")
        self.assertEqual(letter.signer_acting_kind, "plt")
        text = pdf_text(base64.b64decode(letter.pdf_file))
        self.assertIn("PLT. KEPALA DINAS UJI A", text)
        self.assertIn("Kabid Uji", text)

    def test_only_the_seat_signs_and_reviews(self):
        letter = self.make_letter()
        self.as_user(self.users_a["staff"], letter).action_submit()
        for intruder in (self.users_a["staff"], self.users_a["skpd_admin"], self.users_a["official"]):
            with self.assertRaises(AccessError):
                self.as_user(intruder, letter).action_approve()
        self.as_user(self.kabid_user, letter).action_approve()
        for intruder in (self.users_a["staff"], self.kabid_user, self.users_a["skpd_admin"]):
            with self.assertRaises(AccessError):
                self.as_user(intruder, letter).action_sign()
        self.assertEqual(letter.state, "to_sign")
        self.assertFalse(letter.number)

    def test_signing_asks_for_a_strong_login(self):
        """The signer's login must be strong enough (eoffice_security decides): refused, nothing signed."""
        letter = self.make_letter()
        self.as_user(self.users_a["staff"], letter).action_submit()
        self.as_user(self.kabid_user, letter).action_approve()
        Users = type(self.env["res.users"])
        with patch.object(Users, "_eoffice_check_strong_login", side_effect=UserError("login lemah")), \
                self.assertRaisesRegex(UserError, "login lemah"):
            self.as_user(self.users_a["official"], letter).action_sign()
        self.assertEqual((letter.state, letter.number), ("to_sign", False))
        self.as_user(self.users_a["official"], letter).action_sign()
        self.assertEqual(letter.state, "signed")

    def test_return_keeps_notes_and_versions(self):
        letter = self.make_letter()
        self.as_user(self.users_a["staff"], letter).action_submit()
        with self.assertRaisesRegex(UserError, "notes are required"):
            self.as_user(self.kabid_user, letter).action_return("  ")
        self.as_user(self.kabid_user, letter).action_return("Perbaiki paragraf kedua")
        self.assertEqual(letter.state, "draft")
        letter.with_user(self.users_a["staff"]).body = "<p>Isi yang sudah diperbaiki</p>"
        self.sign(letter)
        returned = letter.review_ids.filtered(lambda r: r.state == "returned")
        self.assertEqual(returned.note, "Perbaiki paragraf kedua")
        self.assertEqual(sorted(letter.review_ids.mapped("round")), [1, 2])
        self.assertEqual(letter.version_ids.mapped("event"), ["signed", "submitted", "submitted"])
        self.assertIn("Isi yang sudah diperbaiki", letter.signed_body)

    def test_submit_requires_the_essentials(self):
        letter = self.make_letter(classification_id=False, to_recipient_ids=[])
        with self.assertRaisesRegex(UserError, "archive classification.*recipient"):
            self.as_user(self.users_a["staff"], letter).action_submit()
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.version_ids)

    def test_signed_letter_is_frozen(self):
        letter = self.sign(self.make_letter())
        with self.assertRaisesRegex(UserError, "Subject can no longer be changed"):
            self.as_user(self.users_a["staff"], letter).write({"name": "Diubah"})
        self.assertEqual(letter.name, "Undangan Rapat Uji")
        with self.assertRaisesRegex(UserError, "Only drafts can be deleted"):
            letter.unlink()

    def test_revocation(self):
        letter = self.sign(self.make_letter())
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["staff"], letter).action_revoke("Salah alamat")
        with self.assertRaisesRegex(UserError, "reason"):
            self.as_user(self.users_a["official"], letter).action_revoke("")
        self.as_user(self.users_a["official"], letter).action_revoke("Salah alamat")
        self.assertEqual(letter.state, "revoked")
        self.assertEqual(letter.revoke_reason, "Salah alamat")
        self.assertTrue(letter.number)  # the number stays recorded, never reused

    def test_correction_supersedes_the_original(self):
        original = self.sign(self.make_letter())
        action = self.as_user(self.users_a["staff"], original).action_correct()
        correction = self.env["eoffice.letter"].browse(action["res_id"])
        self.assertEqual(correction.supersedes_id, original)
        self.assertEqual(correction.state, "draft")
        with self.assertRaisesRegex(UserError, "already exists"):
            original.action_correct()
        self.sign(correction)
        self.assertEqual(original.state, "superseded")
        self.assertEqual(original.superseded_by_id, correction)
        self.assertNotEqual(original.number, correction.number)

    def test_draft_preview(self):
        letter = self.make_letter()
        action = letter.action_preview_pdf()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        pdf = base64.b64decode(attachment.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(decode_qr_from_pdf(pdf), [])
        self.assertFalse(letter.number)

    def test_cosigners_sign_after_the_signer_in_order(self):
        letter = self.make_letter(cosigner_ids=[(0, 0, {"position_id": self.kabid_a.id, "sequence": 1})])
        self.sign(letter)
        self.assertEqual(letter.state, "cosigning")
        self.assertTrue(letter.number)
        self.assertEqual(letter.pending_position_ids, self.kabid_a)
        with self.assertRaises(UserError):
            self.as_user(self.users_a["staff"], letter).action_send()  # not before every signature
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["official"], letter).action_cosign()
        self.as_user(self.kabid_user, letter).action_cosign()
        self.assertEqual(letter.state, "signed")
        self.assertEqual(letter.cosigner_ids.signer_name, "Kabid Uji")
        self.assertEqual(letter.cosigner_ids.signer_title, "Kepala Bidang Uji A")
        self.assertIn("KEPALA BIDANG UJI A", pdf_text(base64.b64decode(letter.pdf_file)))
