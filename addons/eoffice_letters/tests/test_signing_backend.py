import base64
import hashlib
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.signing_backend import BACKENDS, SigningBackend, register
from .common import EofficeLettersCase

MARK = b"\n%fake-signature "


class FakeSigningBackend(SigningBackend):
    """A fourth backend, known to this test only: it appends a mark naming the field, the
    passphrase and the official to the PDF."""

    key = "fake"
    signature_kind = "certified"

    def needs_passphrase(self):
        return True

    def sign_pdf(self, letter, pdf, passphrase, field, box, reason):
        return pdf + MARK + f"{field} {passphrase} {letter.env.user.login}".encode()


@tagged("post_install", "-at_install")
class TestSigningBackendRegistry(EofficeLettersCase):
    """The letter signs through whichever backend the Pemda chose from the registry."""

    def choose(self, key, label):
        field = type(self.pemda)._fields["signing_backend"]
        # the Pemda's setting lists the backends of the installed files; this one has no file
        selection = patch.dict(field._selection, {key: label})
        selection.start()
        self.addCleanup(selection.stop)
        self.pemda.signing_backend = key

    def test_a_fourth_backend_registered_by_key_signs(self):
        with patch.dict(BACKENDS):
            register(FakeSigningBackend)
            self.choose("fake", "Fake")
            letter = self.make_letter()
            official = self.users_a["official"]
            self.sign(letter)  # without a passphrase, the backend asks for one: nothing is signed
            self.assertEqual(letter.state, "to_sign")
            dialog = self.as_user(official, letter).action_sign()
            self.assertEqual(dialog["res_model"], "eoffice.letter.sign.wizard")
            self.as_user(official, letter).action_sign(passphrase="rahasia")
        self.assertEqual((letter.state, letter.signature_kind), ("signed", "certified"))
        pdf = base64.b64decode(letter.pdf_file)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertTrue(pdf.endswith(MARK + f"Signature1 rahasia {official.login}".encode()))
        self.assertEqual(letter.pdf_sha256, hashlib.sha256(pdf).hexdigest())
        entry = self.env["eoffice.signing.register"].search([("letter_id", "=", letter.id)])
        self.assertEqual((entry.event, entry.pdf_sha256), ("signed", letter.pdf_sha256))

    def test_a_backend_without_its_file_is_refused(self):
        self.choose("gone", "Uninstalled")
        letter = self.make_letter(review_ids=[])
        self.as_user(letter.create_uid, letter).action_submit()
        with self.assertRaises(UserError):
            self.as_user(self.users_a["official"], letter).action_sign()
        self.assertEqual((letter.state, letter.number), ("to_sign", False))

    def test_the_setting_lists_exactly_the_registered_backends(self):
        """Each backend file adds its key to the Pemda's setting; none is offered without code."""
        field = type(self.pemda)._fields["signing_backend"]
        keys = [key for key, _label in field.selection]
        self.assertEqual(keys[0], "qr")  # built in, the default
        self.assertEqual(set(keys), set(BACKENDS))
        self.assertEqual(set(keys), {"qr", "pemda_ca", "bsre"})
        labels = dict(field._description_selection(self.env(context={"lang": "id_ID"})))
        self.assertNotEqual(labels["bsre"], "Certified: BSrE client service")  # translated
