import base64
import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..controllers.verify import EofficeVerify
from .common import EofficeLettersCase


class PadesCase(EofficeLettersCase):
    """Letters signed with certificates of the Pemda's own certificate authority."""

    PASSPHRASE = "kunci-rahasia-2026"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pemda.signing_backend = "pemda_ca"
        cls.Certificate = cls.env["eoffice.signing.certificate"]
        cls.certificate = cls.Certificate._issue(cls.users_a["official"], cls.PASSPHRASE)

    def prepare(self, letter):
        self.as_user(letter.create_uid, letter).action_submit()
        while letter.state == "review":
            self.as_user(letter.current_review_id.position_id.current_user_ids[:1], letter).action_approve()
        return letter

    def sign_certified(self, letter, passphrase=PASSPHRASE):
        if letter.state != "to_sign":
            self.prepare(letter)
        action = self.as_user(self.users_a["official"], letter).action_sign()
        self.assertEqual(action["res_model"], "eoffice.letter.sign.wizard")  # the passphrase is asked
        wizard = self.as_user(self.users_a["official"], self.env["eoffice.letter.sign.wizard"]).create(
            {"letter_id": letter.id, "passphrase": passphrase})
        wizard.action_confirm()
        self.assertFalse(wizard.sudo().passphrase)  # never kept
        return letter

    def validate(self, pdf):
        return self.Certificate._validate_pdf(pdf, self.pemda)


@tagged("post_install", "-at_install")
class TestPades(PadesCase):

    def test_certified_signature_validates(self):
        letter = self.sign_certified(self.make_letter())
        self.assertEqual(letter.signature_kind, "certified")
        pdf = base64.b64decode(letter.pdf_file)
        [result] = self.validate(pdf)
        self.assertTrue(result["valid"] and result["intact"] and result["trusted"])
        self.assertIn("Pegawai A", result["signer"])
        self.assertFalse(result["revoked"])
        # the key is sealed: nothing in clear in the database
        self.assertNotIn(b"BEGIN PRIVATE KEY", base64.b64decode(self.certificate.sudo().encrypted_key))
        self.assertIn(b"BEGIN ENCRYPTED PRIVATE KEY", base64.b64decode(self.certificate.sudo().encrypted_key))

    def test_changed_byte_invalidates(self):
        letter = self.sign_certified(self.make_letter())
        pdf = bytearray(base64.b64decode(letter.pdf_file))
        # flip a byte of the signed content (the first page's stream), not of the signature itself
        index = pdf.index(b"stream") + 40
        pdf[index] ^= 0x01
        results = self.validate(bytes(pdf))
        self.assertTrue(results)
        self.assertFalse(results[0]["valid"])
        self.assertFalse(results[0]["intact"])

    def test_revoked_certificate_is_reported(self):
        letter = self.sign_certified(self.make_letter())
        pdf = base64.b64decode(letter.pdf_file)
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.skpd_a
        self.as_user(admin, self.certificate).action_revoke()
        with self.assertRaises(AccessError):  # an SKPD administrator cannot
            self.as_user(self.users_a["skpd_admin"], self.certificate).action_revoke()
        self.assertEqual(self.certificate.state, "revoked")
        [result] = self.validate(pdf)
        self.assertTrue(result["revoked"])
        self.assertFalse(result["valid"])

    def test_wrong_passphrase_signs_nothing(self):
        letter = self.prepare(self.make_letter())
        with self.assertRaisesRegex(UserError, "passphrase is wrong"), self.env.cr.savepoint():
            self.sign_certified(letter, passphrase="salah-sandi")
        self.assertEqual(letter.state, "to_sign")
        self.assertFalse(letter.number)
        self.assertFalse(letter.pdf_file)
        wizard = self.as_user(self.users_a["official"], self.env["eoffice.letter.sign.wizard"]).create(
            {"letter_id": letter.id, "passphrase": self.PASSPHRASE})
        wizard.action_confirm()
        self.assertEqual(letter.state, "signed")
        self.assertEqual(int(letter.number.split("/")[1]), 1)  # the failed attempt used no number

    def test_official_without_certificate_is_told(self):
        self.certificate.sudo()._revoke("uji")
        letter = self.prepare(self.make_letter())
        with self.assertRaisesRegex(UserError, "no valid signing certificate"), self.env.cr.savepoint():
            self.sign_certified(letter)
        self.assertFalse(letter.number)

    def test_two_signers_on_one_letter(self):
        kabid_certificate = self.Certificate._issue(self.kabid_user, "kunci-kabid-2026")
        letter = self.sign_certified(self.make_letter(
            cosigner_ids=[(0, 0, {"position_id": self.kabid_a.id})]))
        self.assertEqual(letter.state, "cosigning")
        self.assertEqual(EofficeVerify()._facts(letter.sudo())["status"], "incomplete")  # not yet valid
        action = self.as_user(self.kabid_user, letter).action_cosign()
        self.assertEqual(action["res_model"], "eoffice.letter.sign.wizard")
        self.as_user(self.kabid_user, self.env["eoffice.letter.sign.wizard"]).create(
            {"letter_id": letter.id, "passphrase": "kunci-kabid-2026", "cosign": True}).action_confirm()
        self.assertEqual(letter.state, "signed")
        self.assertEqual(EofficeVerify()._facts(letter.sudo())["status"], "genuine")
        pdf = base64.b64decode(letter.pdf_file)
        results = self.validate(pdf)
        self.assertEqual(len(results), 2)
        self.assertTrue(all(r["valid"] for r in results))
        self.assertIn("Kabid Uji", results[1]["signer"])
        self.assertEqual(letter.pdf_sha256, hashlib.sha256(pdf).hexdigest())
        self.assertTrue(kabid_certificate)

    def test_passphrase_rules_and_request(self):
        Request = self.as_user(self.users_a["official"], self.env["eoffice.signing.certificate.request"])
        with self.assertRaisesRegex(UserError, "differ"):
            Request.create({"passphrase": "abcdefgh1", "passphrase_confirm": "abcdefgh2"}).action_confirm()
        with self.assertRaisesRegex(UserError, "at least 8"):
            Request.create({"passphrase": "pendek", "passphrase_confirm": "pendek"}).action_confirm()
        Request.create({"passphrase": "sandi-baru-2026", "passphrase_confirm": "sandi-baru-2026"}).action_confirm()
        self.assertEqual(self.certificate.state, "superseded")  # replaced, not revoked
        new = self.Certificate.search([("user_id", "=", self.users_a["official"].id), ("state", "=", "valid")])
        self.assertEqual(len(new), 1)
        self.assertTrue(self.Certificate._crl_der(self.pemda))

    def test_a_new_certificate_leaves_what_the_old_one_signed_valid(self):
        letter = self.sign_certified(self.make_letter())
        pdf = base64.b64decode(letter.pdf_file)
        Request = self.as_user(self.users_a["official"], self.env["eoffice.signing.certificate.request"])
        Request.create({"passphrase": "sandi-baru-2026", "passphrase_confirm": "sandi-baru-2026"}).action_confirm()
        self.assertEqual([r["valid"] for r in self.validate(pdf)], [True])
        # a leaked old key is revoked by the Pemda administrator, and then shows
        admin = self.users_a["skpd_admin"]
        admin.groups_id |= self.env.ref("eoffice_skpd.group_pemda_admin")
        self.as_user(admin, self.certificate).action_revoke()
        self.assertEqual(self.certificate.state, "revoked")
        self.assertTrue(self.validate(pdf)[0]["revoked"])

    def test_replacing_the_ca(self):
        """A renewed CA issues the new certificates; everything signed before stays valid; each
        generation publishes the revocations of what it issued."""
        old_ca = self.certificate.ca_id
        self.assertTrue(old_ca.is_ca)
        before = self.sign_certified(self.make_letter())
        before_pdf = base64.b64decode(before.pdf_file)
        with self.assertRaises(AccessError):
            self.as_user(self.users_a["skpd_admin"], old_ca).action_rotate_ca()
        self.assertEqual(old_ca.state, "valid")
        admin = self.users_a["skpd_admin"]
        admin.groups_id |= self.env.ref("eoffice_skpd.group_pemda_admin")
        self.as_user(admin, old_ca).action_rotate_ca()
        self.assertEqual(old_ca.state, "retired")
        new_ca = self.Certificate._get_ca(self.pemda, create=False)
        self.assertNotEqual(new_ca, old_ca)
        self.assertNotEqual(new_ca.subject, old_ca.subject)
        # signed before: still valid; the official's old certificate still signs until replaced
        self.assertEqual([r["valid"] for r in self.validate(before_pdf)], [True])
        kept = base64.b64decode(self.sign_certified(self.make_letter()).pdf_file)
        self.assertEqual([r["valid"] for r in self.validate(kept)], [True])
        # a new certificate comes from the new CA, and what it signs is valid too
        Request = self.as_user(self.users_a["official"], self.env["eoffice.signing.certificate.request"])
        Request.create({"passphrase": "sandi-baru-2026", "passphrase_confirm": "sandi-baru-2026"}).action_confirm()
        renewed = self.Certificate._of_user(self.users_a["official"])
        self.assertEqual(renewed.ca_id, new_ca)
        after = self.sign_certified(self.make_letter(), passphrase="sandi-baru-2026")
        after_pdf = base64.b64decode(after.pdf_file)
        self.assertEqual([r["valid"] for r in self.validate(after_pdf)], [True])
        # revoking the old generation's certificate shows on what it signed, through the old CA's list
        self.as_user(admin, self.certificate).action_revoke()
        self.assertTrue(self.validate(before_pdf)[0]["revoked"])
        self.assertEqual([r["valid"] for r in self.validate(after_pdf)], [True])
        self.assertNotEqual(self.Certificate._crl_der(self.pemda, old_ca),
                            self.Certificate._crl_der(self.pemda, new_ca))
        self.assertIn(f"/crl/{new_ca.serial}", new_ca._crl_url())
        self.assertTrue(old_ca._crl_url().endswith("/crl"))
        # the old CA's key may have leaked: revoked, it vouches for nothing it issued any more
        self.as_user(admin, old_ca).action_revoke()
        self.assertEqual(old_ca.state, "revoked")
        self.assertEqual([(r["trusted"], r["valid"]) for r in self.validate(kept)], [(False, False)])
        self.assertEqual([r["valid"] for r in self.validate(after_pdf)], [True])


@tagged("post_install", "-at_install")
class TestPadesVerificationPage(PadesCase, HttpCase):
    """The public page validates the signatures of an uploaded PDF, over real HTTP."""

    def upload(self, letter, data):
        path = f"/eoffice/verify/{letter.sudo().verification_token}?format=json"
        response = self.url_open(path, files={"pdf": ("surat.pdf", data, "application/pdf")})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_page_reports_the_certified_signature(self):
        letter = self.sign_certified(self.make_letter())
        pdf = base64.b64decode(letter.pdf_file)
        facts = self.upload(letter, pdf)
        self.assertEqual(facts["signature_kind"], "certified")
        self.assertTrue(facts["identical"])
        self.assertEqual([s["valid"] for s in facts["signatures"]], [True])
        self.certificate.sudo()._revoke("kunci bocor")
        facts = self.upload(letter, pdf)
        self.assertTrue(facts["signatures"][0]["revoked"])
        self.assertFalse(facts["signatures"][0]["valid"])
        # each CA generation's revocation list is public
        self.assertEqual(self.url_open(f"/eoffice/ca/{self.pemda.id}/crl").status_code, 200)
        ca = self.certificate.ca_id
        self.assertEqual(self.url_open(f"/eoffice/ca/{self.pemda.id}/crl/{ca.serial}").status_code, 200)
        self.assertEqual(self.url_open(f"/eoffice/ca/{self.pemda.id}/crl/tidak-ada").status_code, 404)
        # a QR-only file has no signature to validate
        self.assertEqual(self.upload(letter, b"%PDF-1.4 bukan surat")["signatures"], [])
