"""Body templates of the letter types and their placeholders (issue #18).

Every letter type ships an Indonesian body (pembukaan, isi, penutup); a new draft starts from it;
the placeholders are filled, escaped, in the preview and at signing, so neither the reviewers, the
signer nor the printed letter ever show a raw ``{{...}}``; an unknown placeholder is refused at
submission over RPC with nothing changed.
"""
import base64
import json
from pathlib import Path

from lxml import html as lxml_html

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from ..utils import PLACEHOLDER_RE, PLACEHOLDERS
from .common import EofficeLettersCase, pdf_text

PARTS = ("pembukaan", "isi", "penutup")
DOCS = Path(__file__).resolve().parents[3] / "docs" / "letter-templates.md"
EVERY_PLACEHOLDER = "<p>" + " | ".join("%s={{%s}}" % (name, name) for name in PLACEHOLDERS) + "</p>"


def text_of(html):
    return lxml_html.fromstring(f"<div>{html}</div>").text_content() if html else ""


@tagged("post_install", "-at_install")
class TestLetterTypeTemplates(EofficeLettersCase):
    def test_every_letter_type_has_an_indonesian_template_in_three_parts(self):
        types = self.env["eoffice.letter.type"].with_context(active_test=False).search([])
        self.assertGreaterEqual(len(types), 28)
        for letter_type in types:
            with self.subTest(type=letter_type.code):
                self.assertTrue(letter_type.body_template, "the type has no body template")
                root = lxml_html.fromstring(f"<div>{letter_type.body_template}</div>")
                found = []
                for part in PARTS:
                    nodes = root.xpath(f"//div[contains(concat(' ', normalize-space(@class), ' '), ' {part} ')]")
                    self.assertEqual(len(nodes), 1, f"exactly one {part}")
                    self.assertGreater(len(nodes[0].text_content().strip()), 20, f"the {part} has text")
                    found.append(nodes[0])
                self.assertEqual(found, sorted(found, key=lambda node: list(root.iter()).index(node)),
                                 "pembukaan, isi, penutup in this order")
                text = root.text_content().lower()
                self.assertNotIn("lorem", text)
                unknown = set(PLACEHOLDER_RE.findall(letter_type.body_template)) - set(PLACEHOLDERS)
                self.assertFalse(unknown, "only known placeholders")

    def test_templates_follow_the_regulation(self):
        """The directive forms carry their konsiderans and diktum, the letters their usual closing."""
        def template(code):
            return text_of(self.env["eoffice.letter.type"].search([("code", "=", code)]).body_template)

        for code in ("PERDA", "PERKADA", "PERDPRD", "KEP"):
            with self.subTest(code=code):
                for word in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan"):
                    self.assertIn(word, template(code))
        self.assertIn("Dengan Persetujuan Bersama", template("PERDA"))
        self.assertIn("Lembaran Daerah", template("PERDA"))
        self.assertIn("KESATU", template("KEP"))
        self.assertIn("MEMERINTAHKAN", template("SPR"))
        self.assertIn("MENUGASKAN", template("ST"))
        self.assertIn("Demikian", template("SD"))
        for section in ("PERSOALAN", "PRAANGGAPAN", "ANALISIS", "TINDAKAN YANG DISARANKAN"):
            self.assertIn(section, template("TS"))
        self.assertIn("PIHAK KEDUA", template("BA"))

    def test_every_placeholder_is_filled_and_documented(self):
        letter = self.make_letter(body=EVERY_PLACEHOLDER)
        self.assertEqual(set(letter._placeholder_values()), set(PLACEHOLDERS))
        docs = DOCS.read_text()
        for name in PLACEHOLDERS:
            self.assertIn("{{%s}}" % name, docs)
            self.assertIn("{{%s}}" % name, letter.type_id.placeholder_help)

    # ------------------------------------------------------------------ a new draft
    def test_a_new_draft_starts_from_its_type_template(self):
        invitation = self.env.ref("eoffice_letters.letter_type_und")
        letter = self.make_letter(type_id=invitation.id, body=False)
        self.assertEqual(letter.body, invitation.body_template)
        # what the author wrote is never replaced
        written = self.make_letter(type_id=invitation.id, body="<p>Isi yang saya tulis sendiri.</p>")
        self.assertEqual(written.body, "<p>Isi yang saya tulis sendiri.</p>")
        # an incoming letter being registered gets no template
        incoming = self.as_user(self.users_a["agendaris"], self.env["eoffice.letter"]).create({
            "direction": "incoming", "name": "Surat masuk", "type_id": invitation.id})
        self.assertFalse(incoming.body)

    def test_choosing_the_type_in_the_form_fills_the_empty_body(self):
        memo = self.env.ref("eoffice_letters.letter_type_memo")
        invitation = self.env.ref("eoffice_letters.letter_type_und")
        staff = self.users_a["staff"]
        with Form(self.as_user(staff, self.env["eoffice.letter"])) as form:
            form.type_id = memo
            self.assertEqual(form.body, memo.body_template)
            # still the template: choosing another type replaces it
            form.type_id = invitation
            self.assertEqual(form.body, invitation.body_template)
            self.assertNotIn("{{", text_of(form.body_preview))
            form.body = "<p>Saya menulis sendiri.</p>"
            form.type_id = memo
            self.assertEqual(form.body, "<p>Saya menulis sendiri.</p>")
            form.name = "Uji formulir"

    # ------------------------------------------------------------------ filling
    def test_preview_shows_stand_ins_never_raw_placeholders(self):
        letter = self.make_letter(body=EVERY_PLACEHOLDER)
        lang_env = letter.with_context(lang=letter._report_lang()).env
        preview = letter.body_preview
        self.assertNotIn("{{", preview)
        self.assertIn(lang_env._("[number given at signing]"), text_of(preview))
        self.assertIn(lang_env._("[date given at signing]"), text_of(preview))
        self.assertIn("jabatan_penandatangan=Kepala Dinas Uji A", text_of(preview))
        self.assertIn("hal=Undangan Rapat Uji", text_of(preview))
        self.assertIn("penerima=Kepala Dinas Uji B", text_of(preview))
        self.assertIn("skpd=Dinas Uji A", text_of(preview))
        # the preview PDF the reviewers download
        text = pdf_text(letter._render_pdf(preview=True))
        self.assertNotIn("{{", text)
        self.assertIn(lang_env._("[number given at signing]"), " ".join(text.split()))

    def test_values_are_escaped(self):
        subject = 'Rapat <img src=x onerror="alert(1)"> & <b>Evaluasi</b>'
        letter = self.make_letter(name=subject, body="<p>Hal: {{hal}}</p>")
        for html in (letter.body_preview, self.sign(letter).signed_body):
            self.assertNotIn("<img", html)
            self.assertNotIn("<b>", html)
            self.assertIn("&lt;b&gt;Evaluasi&lt;/b&gt;", html)
            self.assertNotIn("&amp;lt;", html)  # escaped once, not twice
            self.assertEqual(text_of(html), f"Hal: {subject}")

    def test_braces_in_a_value_are_not_a_placeholder(self):
        letter = self.make_letter(name="Kode {{x}} pada formulir", body="<p>Hal: {{hal}}</p>")
        self.as_user(self.users_a["staff"], letter).action_submit()
        self.assertEqual(letter.state, "review")

    def test_unknown_placeholder_refused_at_submit(self):
        for body, named in (("<p>Pada {{tanggl}}.</p>", "{{tanggl}}"),
                            ("<p>Nomor {{<strong>nomor</strong>}}.</p>", "{{nomor}}")):
            with self.subTest(body=body):
                letter = self.make_letter(body=body)
                with self.assertRaisesRegex(UserError, r"placeholders the system does not know: " + named):
                    self.as_user(self.users_a["staff"], letter).action_submit()
                self.assertEqual((letter.state, letter.review_round, len(letter.version_ids)), ("draft", 0, 0))
                self.assertEqual(letter.review_ids.mapped("state"), ["planned"])


@tagged("post_install", "-at_install")
class TestLetterTemplatesOverRpc(EofficeLettersCase, HttpCase):
    """The drafter, the reviewer and the signer over the external API (execute_kw on /jsonrpc, no
    language in the context, as integrators' scripts call it)."""

    def rpc(self, user, model, method, *args, **kwargs):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs]}}
        with mute_logger("odoo.http"):
            body = self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        self.env.invalidate_all()
        return (None, body["error"]["data"]["message"]) if "error" in body else (body["result"], None)

    def create_over_rpc(self, **values):
        vals = {"name": "Rapat <b>Koordinasi</b> & Evaluasi", "type_id": self.env.ref(
            "eoffice_letters.letter_type_und").id, "classification_id": self.classification.id,
            "signer_position_id": self.head_a.id,
            "to_recipient_ids": [(0, 0, {"recipient_type": "position", "position_id": self.head_b.id})]}
        vals.update(values)
        letter_id, error = self.rpc(self.users_a["staff"], "eoffice.letter", "create", vals)
        self.assertIsNone(error)
        return self.env["eoffice.letter"].browse(letter_id)

    def test_signer_sees_and_signs_the_filled_template(self):
        invitation = self.env.ref("eoffice_letters.letter_type_und")
        letter = self.create_over_rpc()
        [row], error = self.rpc(self.users_a["staff"], "eoffice.letter", "read", [letter.id], ["body"])
        self.assertIsNone(error)
        self.assertEqual(row["body"], invitation.body_template)

        for user, method in ((self.users_a["staff"], "action_submit"), (self.kabid_user, "action_approve")):
            _result, error = self.rpc(user, "eoffice.letter", method, [letter.id])
            self.assertIsNone(error, method)
        self.assertEqual(letter.state, "to_sign")

        # what the signer reads before signing: filled, escaped, the number marked as to come
        official = self.users_a["official"]
        [row], error = self.rpc(official, "eoffice.letter", "read", [letter.id], ["body_preview"])
        self.assertIsNone(error)
        self.assertNotIn("{{", row["body_preview"])
        self.assertIn("Rapat &lt;b&gt;Koordinasi&lt;/b&gt; &amp; Evaluasi", row["body_preview"])
        self.assertIn("Kepala Dinas Uji B", row["body_preview"])

        self.as_user(official, letter).action_sign()
        self.assertEqual(letter.state, "signed")
        signed_text = text_of(letter.signed_body)
        self.assertNotIn("{{", letter.signed_body)
        self.assertNotIn("[", signed_text)  # no stand-in left once signed
        self.assertIn("Rapat <b>Koordinasi</b> & Evaluasi", signed_text)
        [row], error = self.rpc(official, "eoffice.letter", "read", [letter.id], ["body_preview"])
        self.assertEqual(row["body_preview"], letter.signed_body)

        text = " ".join(pdf_text(base64.b64decode(letter.pdf_file)).split())
        self.assertNotIn("{{", text)
        self.assertNotIn("}}", text)
        for value in ("Rapat <b>Koordinasi</b> & Evaluasi", "Kepala Dinas Uji B", letter.number):
            self.assertIn(value, text)

    def test_unknown_placeholder_refused_over_rpc_with_nothing_changed(self):
        body = "<p>Kami mengundang {{penerima}} pada {{tanggal_rapat}}.</p>"
        letter = self.create_over_rpc(body=body)
        before = letter.read(["state", "body", "review_round", "version_ids", "review_ids"])
        lang = "id_ID" if self.env["res.lang"]._get_data(code="id_ID") else "en_US"
        _result, error = self.rpc(self.users_a["staff"], "eoffice.letter", "action_submit", [letter.id],
                                  context={"lang": lang})
        self.assertIn("{{tanggal_rapat}}", error or "")
        expected = self.env["eoffice.letter"].with_context(lang=lang).env._(
            "The body of %(letter)s uses placeholders the system does not know: %(names)s. Correct or remove "
            "them (write a placeholder in one piece, without formatting inside the braces). Known placeholders: "
            "%(known)s.", letter="X", names="Y", known="Z")
        self.assertIn(expected.split("X")[1].split("Y")[0].strip(), error)  # the user's language
        self.assertEqual(letter.read(["state", "body", "review_round", "version_ids", "review_ids"]), before)
        self.assertEqual(letter.review_ids.mapped("state"), ["planned"])
