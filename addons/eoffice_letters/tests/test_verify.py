import base64
import secrets

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import EofficeLettersCase

BODY_WORD = "mengundang"  # only in the body of the letters made by make_letter()
GENUINE = "GENUINE: this letter was issued by the system"
REVOKED = "REVOKED: this letter is no longer valid"
SUPERSEDED = "SUPERSEDED: this letter was replaced by a correction"
IDENTICAL = "The file you uploaded is identical, byte for byte, to the signed original."
NOT_IDENTICAL = ("The file you uploaded is NOT identical to the signed original: it was changed, "
                 "or it is another document.")


class VerifyCase(EofficeLettersCase, HttpCase):
    """The public verification page behind the QR code, over real HTTP and without a login.

    The fixtures of EofficeLettersCase are built on the test cursor that HttpCase hands to
    the test server, so the server sees the letters signed here.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The page is rendered in Indonesian whenever id_ID is installed (as in `make test`):
        # compare with the page's own translation of each sentence, English when there is none.
        view = cls.env.ref("eoffice_letters.verify_page")
        lang = "id_ID" if cls.env["res.lang"]._get_data(code="id_ID") else "en_US"
        cls.page_terms = view._fields["arch_db"].get_translation_dictionary(
            view.with_context(lang="en_US").arch_db, {lang: view.with_context(lang=lang).arch_db})
        cls.page_lang = lang

    def term(self, english):
        """A sentence of the verification page as the public sees it."""
        return self.page_terms.get(english, {}).get(self.page_lang) or english

    def signed(self, letter=None, **values):
        """Sign a letter drafted by the staff of SKPD A; the official of SKPD A signs."""
        letter = letter or self.make_letter(**values)
        try:
            return self.sign(letter)
        except AccessError as exc:
            if "res.company" not in str(exc):
                raise
            self.fail("Signing failed: the signer may not read the Pemda's res.company record, which "
                      "EofficeLetter._numbering() reads without sudo() (pemda.letter_number_pattern). "
                      f"An official whose companies are only their SKPD cannot sign.\n{exc}")

    def path(self, letter):
        return f"/eoffice/verify/{letter.verification_token}"

    def get(self, path, status=200):
        response = self.url_open(path)
        self.assertEqual(response.status_code, status, path)
        return response

    def get_json(self, letter):
        response = self.get(self.path(letter) + "?format=json")
        self.assertEqual(response.headers["Content-Type"], "application/json")
        self.assertNotIn(BODY_WORD, response.text)
        return response.json()

    def post_pdf(self, letter, data, query=""):
        response = self.url_open(self.path(letter) + query, files={"pdf": ("x.pdf", data, "application/pdf")})
        self.assertEqual(response.status_code, 200)
        return response


@tagged("post_install", "-at_install")
class TestVerify(VerifyCase):
    # ------------------------------------------------------------------ tokens
    def test_token_is_unguessable(self):
        first = self.signed()
        second = self.signed()
        token = first.verification_token
        self.assertRegex(token, r"^[A-Za-z0-9_-]{22,}$")  # url-safe
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        self.assertGreaterEqual(len(raw) * 8, 128)
        self.assertNotEqual(token, str(first.id))
        self.assertNotEqual(token, second.verification_token)
        self.assertTrue(first.verification_url.endswith(self.path(first)))

    # ------------------------------------------------------------------ GET
    def test_genuine_letter_page(self):
        letter = self.signed(name="Undangan Rapat Koordinasi Statistik")
        response = self.get(self.path(letter))
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertEqual(response.headers.get("X-Robots-Tag"), "noindex")
        html = response.text
        self.assertIn('class="status genuine"', html)
        self.assertIn(self.term(GENUINE), html)
        self.assertIn(letter.number, html)
        self.assertIn("Dinas Uji A", html)
        self.assertIn("Pegawai A", html)  # the signer
        self.assertIn("Kepala Dinas Uji A", html)
        self.assertIn("Undangan Rapat Koordinasi Statistik", html)  # sifat Biasa: the subject is public
        self.assertIn(letter.pdf_sha256, html)
        self.assertNotIn(BODY_WORD, html)

        facts = self.get_json(letter)
        self.assertEqual(facts["status"], "genuine")
        self.assertEqual(facts["number"], letter.number)
        self.assertEqual(facts["skpd"], "Dinas Uji A")
        self.assertEqual(facts["signer_name"], "Pegawai A")
        self.assertEqual(facts["subject"], "Undangan Rapat Koordinasi Statistik")
        self.assertEqual(facts["signature_kind"], "qr")
        self.assertEqual(facts["pdf_sha256"], letter.pdf_sha256)
        self.assertNotIn("identical", facts)

    def test_confidential_letters_hide_subject_and_body(self):
        for sifat in ("terbatas", "rahasia"):
            with self.subTest(sifat=sifat):
                subject = f"Rencana Penertiban Tertutup {sifat}"
                letter = self.signed(name=subject, sifat=sifat)
                html = self.get(self.path(letter)).text
                self.assertIn(letter.number, html)
                self.assertIn("Pegawai A", html)
                self.assertIn(self.term(GENUINE), html)
                self.assertNotIn("Penertiban", html)
                self.assertNotIn(BODY_WORD, html)
                facts = self.get_json(letter)
                self.assertIsNone(facts["subject"])
                self.assertNotIn("Penertiban", str(facts))

    def test_unknown_and_malformed_tokens_answer_404(self):
        self.signed()
        for token in (secrets.token_urlsafe(24), "abc", "x" * 65, "not~a~token~at~all~here~", "1"):
            with self.subTest(token=token):
                page = self.get(f"/eoffice/verify/{token}", status=404)
                # the Pemda's page, in Indonesian, not the web server's "Not Found"
                self.assertIn("TIDAK DIKENAL", page.text)
                self.assertIn(self.env.ref("base.main_company").name, page.text)
                self.assertNotIn("Not Found", page.text)
                self.assertEqual(self.get(f"/eoffice/verify/{token}?format=json", status=404).json(),
                                 {"status": "unknown"})
                response = self.url_open(f"/eoffice/verify/{token}",
                                         files={"pdf": ("x.pdf", b"%PDF", "application/pdf")})
                self.assertEqual(response.status_code, 404)
                self.assertIn("TIDAK DIKENAL", response.text)

    def test_unsigned_letter_cannot_be_reached(self):
        draft = self.make_letter()
        self.assertFalse(draft.verification_token)
        self.assertFalse(draft.verification_url)
        # even a token planted on an unsigned letter does not open it
        token = secrets.token_urlsafe(24)
        draft.sudo().verification_token = token
        self.get(f"/eoffice/verify/{token}", status=404)
        self.as_user(draft.create_uid, draft).action_submit()
        self.assertIn(draft.state, ("review", "to_sign"))
        self.get(f"/eoffice/verify/{token}", status=404)

    # ------------------------------------------------------------------ POST
    def test_uploaded_pdf_is_compared_byte_for_byte(self):
        letter = self.signed()
        original = base64.b64decode(letter.pdf_file)

        html = self.post_pdf(letter, original).text
        self.assertIn('class="ok"', html)
        self.assertIn(self.term(IDENTICAL), html)
        self.assertNotIn(self.term(NOT_IDENTICAL), html)
        self.assertIn(letter.number, html)
        facts = self.post_pdf(letter, original, "?format=json").json()
        self.assertIs(facts["identical"], True)
        self.assertEqual(facts["status"], "genuine")

        # one byte changed, in the middle of the file
        changed = bytearray(original)
        changed[len(changed) // 2] ^= 0x01
        changed = bytes(changed)
        self.assertEqual(len(changed), len(original))
        html = self.post_pdf(letter, changed).text
        self.assertIn('class="bad"', html)
        self.assertIn(self.term(NOT_IDENTICAL), html)
        self.assertNotIn(self.term(IDENTICAL), html)
        facts = self.post_pdf(letter, changed, "?format=json").json()
        self.assertIs(facts["identical"], False)
        self.assertNotIn(BODY_WORD, str(facts))

        # a letter's PDF is not accepted as another letter's original
        other = self.signed()
        facts = self.post_pdf(other, original, "?format=json").json()
        self.assertIs(facts["identical"], False)

    def test_upload_without_a_file_is_not_identical(self):
        letter = self.signed()
        response = self.url_open(self.path(letter) + "?format=json", data={"nothing": "here"})
        self.assertEqual(response.status_code, 200)
        self.assertIs(response.json()["identical"], False)

    # ------------------------------------------------------------------ revoked and superseded
    def test_revoked_letter_says_so_with_the_reason(self):
        letter = self.signed()
        reason = "Salah alamat tujuan surat"
        self.as_user(self.users_a["official"], letter).action_revoke(reason)
        html = self.get(self.path(letter)).text
        self.assertIn('class="status revoked"', html)
        self.assertIn(self.term(REVOKED), html)
        self.assertNotIn(self.term(GENUINE), html)
        self.assertIn(reason, html)
        self.assertIn(letter.number, html)
        facts = self.get_json(letter)
        self.assertEqual(facts["status"], "revoked")
        self.assertEqual(facts["revoke_reason"], reason)
        self.assertTrue(facts["revoked_date"])
        # the revoked original still matches its PDF: the page tells what it is, not whether it is valid
        facts = self.post_pdf(letter, base64.b64decode(letter.pdf_file), "?format=json").json()
        self.assertIs(facts["identical"], True)
        self.assertEqual(facts["status"], "revoked")

    def test_superseded_letter_points_to_its_correction(self):
        letter = self.signed()
        action = self.as_user(letter.create_uid, letter).action_correct()
        correction = letter.browse(action["res_id"])
        # an unsigned correction changes nothing yet
        self.assertEqual(self.get_json(letter)["status"], "genuine")
        self.signed(correction)
        self.assertEqual(letter.state, "superseded")
        self.assertNotEqual(correction.number, letter.number)

        html = self.get(self.path(letter)).text
        self.assertIn('class="status superseded"', html)
        self.assertIn(self.term(SUPERSEDED), html)
        self.assertIn(correction.number, html)
        facts = self.get_json(letter)
        self.assertEqual(facts["status"], "superseded")
        self.assertEqual(facts["superseded_by"], correction.number)
        # the correction has its own token and is genuine
        self.assertNotEqual(correction.verification_token, letter.verification_token)
        self.assertEqual(self.get_json(correction)["status"], "genuine")
