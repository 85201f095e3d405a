"""Indonesian everywhere a user looks, whatever the caller's context (issue #18).

Generated from the registry: every ``eoffice.*`` model with records (the demo's, or one made here
when the demo has none) is read as an Indonesian user, its records' names and chatter (message
bodies and the tracked values as the chatter shows them) rendered in ``id_ID``, and each must be
free of English the translation files know (model descriptions, selection labels, sentences of the
modules' code) and of raw ``model,id`` references. Then the doors of the external API: records
created and moved over ``/jsonrpc``, ``/xmlrpc/2/object`` and ``/web/dataset/call_kw`` without a
language store Indonesian chatter, a refused budget action answers in Indonesian, and a scheduled
job runs in the Pemda's language.
"""
import json
import os
import re
import xmlrpc.client
from pathlib import Path

import polib

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import html2plaintext, mute_logger

ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
MODULES = sorted(path.parent.name for path in (ROOT / "addons").glob("eoffice_*/__manifest__.py"))
# a raw reference as Odoo prints a record without a name: "eoffice.letter.review,5" (a model name is
# lowercase words joined by dots; this does not take Indonesian amounts such as "4.176.000,00")
MODEL_REF = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+,\d+\b")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")
RECORDS_PER_MODEL = 30


def _po(module):
    return polib.pofile(str(ROOT / "addons" / module / "i18n" / "id.po"))


_PEER_IDENTITY = []


def _throwaway_peer_identity():
    """(CA certificate PEM, exchange certificate PEM, private key) of a made-up peer, made once."""
    if not _PEER_IDENTITY:
        import datetime

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        now = datetime.datetime.now(datetime.timezone.utc)
        ca_key, key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _i in range(2))
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Pemerintah Provinsi Contoh")])
        ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
              .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
              .not_valid_after(now + datetime.timedelta(days=30))
              .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
              .sign(ca_key, hashes.SHA256()))
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Pertukaran Naskah Provinsi")]))
                .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
                .sign(ca_key, hashes.SHA256()))
        pem = serialization.Encoding.PEM
        _PEER_IDENTITY.extend([ca.public_bytes(pem).decode(), cert.public_bytes(pem).decode(), key])
    return _PEER_IDENTITY


def english_terms(env):
    """English words a user must not read: {term: where it comes from}.

    The model descriptions and selection labels of the e-Office models whose Indonesian differs, and
    the literal parts (two words or more) of the sentences of their Python code. A term that is also
    used inside an Indonesian translation (a code such as "SPD", a name) is not one."""
    en, id_ = env(context={"lang": "en_US"}), env(context={"lang": "id_ID"})
    terms = {}
    for name in env.registry:
        if not name.startswith("eoffice."):
            continue
        model = env[name]
        label = id_["ir.model"]._get(name).name
        if label and label != model._description:
            terms[model._description] = f"description of {name}"
        for field in model._fields.values():
            if field.type != "selection" or not isinstance(field.selection, list):
                continue
            english = dict(field._description_selection(en))
            indonesian = dict(field._description_selection(id_))
            for value, text in english.items():
                if text and indonesian.get(value) != text:
                    terms[text] = f"selection {name}.{field.name}"
    indonesian_texts = []
    for module in MODULES:
        for entry in _po(module):
            indonesian_texts.append(entry.msgstr)
            if entry.msgstr == entry.msgid or not any("odoo-python" in flag for flag in entry.comment.split("\n")):
                continue
            for part in PLACEHOLDER.split(entry.msgid):
                part = part.strip(" .,:;()\n")
                if len(part.split()) >= 2 and len(part) >= 8:
                    terms[part] = f"message of {module}"
    indonesian = "\n".join(indonesian_texts)
    return {term: origin for term, origin in terms.items() if term not in indonesian}


def term_pattern(terms):
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in alternatives) + r")(?!\w)")


def rendered_chatter(messages):
    """What the chatter shows of ``messages``, as (message, kind, text): bodies as text and tracked
    values as the chatter formats them (field label, old and new value), in the language of their
    environment."""
    texts = []
    for message in messages:
        texts.append((message, "body", html2plaintext(message.body or "").strip()))
        if message.subject:
            texts.append((message, "subject", message.subject))
        for tracking in message.tracking_value_ids._tracking_value_format():
            texts.append((message, "tracking", " ".join(str(part) for part in (
                tracking["changedField"], tracking["oldValue"]["value"], tracking["newValue"]["value"])
                if part not in (None, False))))
    return [(message, kind, text) for message, kind, text in texts if text]


@tagged("post_install", "-at_install")
class TestEveryModelRendersInIndonesian(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = cls.env.ref("base.user_admin")
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.reader.lang = "id_ID"
        # the Indonesian reader, allowed everywhere (what is checked is the words, not the access)
        cls.id_env = cls.env(user=cls.reader, context={**cls.reader.context_get(), "lang": "id_ID"}, su=True)

    def _factories(self):
        """One record for each e-Office model the demo has none of, made by an Indonesian user."""
        env = self.id_env
        ref = env.ref
        kominfo = ref("eoffice_skpd.skpd_kominfo")
        letter = env["eoffice.letter"].search([("state", "=", "draft"), ("company_id", "=", kominfo.id)], limit=1) \
            or env["eoffice.letter"].create({"name": "Surat Uji", "company_id": kominfo.id,
                                             "type_id": ref("eoffice_letters.letter_type_sd").id})
        def public_request():
            service = env["eoffice.public.service"].search([("published", "=", True)], limit=1)
            return env["eoffice.public.request"]._submit_public(service, {
                "name": "Budi Santoso", "nik": "3374011708900002", "email": "budi@example.com", "phone": "",
                "subject": "Permohonan data sekolah", "message": "Mohon daftar sekolah dasar negeri."}, [])[0]

        def public_survey():
            request = env["eoffice.public.request"].search([], limit=1) or public_request()
            return env["eoffice.public.survey"].create({"request_id": request.id, **{f"u{i}": 4 for i in range(1, 10)}})

        def exchange_peer():
            """A peer trusted as its administrator would (its CA's fingerprint confirmed)."""
            peer = env["eoffice.exchange.peer"].with_context(active_test=False).search([], limit=1)
            if not peer:
                ca_pem, _cert_pem, _key = _throwaway_peer_identity()
                peer = env["eoffice.exchange.peer"].create({
                    "name": "Pemerintah Provinsi Contoh", "code": "pemprov-contoh", "url": "http://127.0.0.1:9",
                    "certificate_pem": ca_pem})
                peer._trust(peer.fingerprint)
            return peer

        def exchange_message():
            """An envelope received from a peer, through the inbox's own code (registered, receipted)."""
            from odoo.addons.eoffice_exchange import envelope

            peer = exchange_peer()
            _ca_pem, cert_pem, key = _throwaway_peer_identity()
            pdf = b"%PDF-1.4\n% Surat Uji Pertukaran Naskah\n%%EOF\n"
            files = {"surat.pdf": pdf}
            payload = {
                "id": "6f1d7a52-3c1b-4f0e-9d55-2a7b1c0e9f10", "type": "letter", "created": envelope.timestamp(),
                "sender": {"organisation": peer.code, "name": peer.name, "skpd": "Biro Umum",
                           "signer": "Sekretaris Daerah", "reply_to": ""},
                "recipient": {"organisation": env["eoffice.exchange.address"]._organisation_code(),
                              "address": "bupati", "name": "Bupati Contoh"},
                "letter": {"number": "005/123/BU/2026", "date": "2026-11-20", "sifat": "biasa", "urgency": "biasa",
                           "type": "SD", "subject": "Undangan Rapat Koordinasi", "verification_url": ""},
                "files": envelope.file_entries(files, {"surat.pdf": ("letter", "application/pdf")}),
            }
            status, body = env["eoffice.exchange.message"]._receive(
                envelope.seal(envelope.ENVELOPE, payload, cert_pem, key, files=files))
            self.assertEqual(status, 200, body)
            return env["eoffice.exchange.message"].search([("envelope_uid", "=", payload["id"])])

        return {
            "eoffice.exchange.peer": exchange_peer,
            "eoffice.exchange.message": exchange_message,
            "eoffice.public.request": public_request,
            "eoffice.public.survey": public_survey,
            "eoffice.archive.disposal": lambda: env["eoffice.archive.disposal"].create({
                "name": "BA Pemusnahan 1/2026", "company_id": kominfo.id, "reason": "Retensi habis.",
                "file_ids": [(6, 0, env["eoffice.archive.file"].search([("company_id", "=", kominfo.id)],
                                                                        limit=1).ids)]}),
            "eoffice.budget.price.proposal": lambda: env["eoffice.budget.price.proposal"].create({
                "name": "Tinta Printer", "uom": "Botol", "price": 85000, "company_id": kominfo.id,
                "fiscal_year_id": env["eoffice.budget.fiscal.year"].search([], limit=1).id,
                "account_ids": [(6, 0, env["eoffice.budget.code"].search([("code", "=like", "5.1.%")], limit=1).ids)],
                "justification": "Belum ada di SSH."}),
            "eoffice.letter.cosigner": lambda: env["eoffice.letter.cosigner"].create({
                "letter_id": letter.id, "position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id}),
            "eoffice.login.attempt": lambda: env["eoffice.login.attempt"].create({
                "login": "staf.kominfo", "remote_addr": "10.0.0.7"}),
            "eoffice.signing.certificate": lambda: env["eoffice.signing.certificate"].create({
                "user_id": ref("eoffice_skpd.user_skpd_kominfo_head").id, "company_id": kominfo.id,
                "subject": "CN=Kepala Dinas Komunikasi dan Informatika"}),
        }

    def _records(self):
        factories = self._factories()
        result, missing = {}, []
        for name in sorted(self.env.registry):
            model = self.env[name]
            if not name.startswith("eoffice.") or model._abstract or model._transient:
                continue
            records = model.sudo().with_context(active_test=False).search([], limit=RECORDS_PER_MODEL, order="id desc")
            if not records and name in factories:
                records = factories[name]()
            if records:
                result[name] = records.ids
            else:
                missing.append(name)
        self.assertEqual(missing, [], "e-Office models with no record to render: give them demo data or a "
                                      "factory in _factories")
        return result

    def test_names_and_chatter_are_indonesian(self):
        self.maxDiff = None
        terms = english_terms(self.env)
        self.assertIn("Official Letter (Naskah Dinas)", terms)
        self.assertIn("Draft", terms)
        english = term_pattern(terms)
        problems = []
        rendered = 0
        for name, ids in self._records().items():
            records = self.id_env[name].browse(ids)
            texts = [(f"{name},{record.id} name", record.display_name) for record in records]
            if "message_ids" in records._fields:
                messages = self.id_env["mail.message"].search([("model", "=", name), ("res_id", "in", ids)])
                texts += [(f"{name},{message.res_id} {kind}", text)
                          for message, kind, text in rendered_chatter(messages)]
            for where, text in texts:
                rendered += 1
                if not text:
                    problems.append(f"{where}: empty")
                elif MODEL_REF.search(text):
                    problems.append(f"{where}: raw reference in {text!r}")
                elif found := english.search(text):
                    problems.append(f"{where}: English {found.group()!r} ({terms[found.group()]}) in {text!r}")
        self.assertEqual(problems, [])
        self.assertGreater(rendered, 300)

    def test_the_detector_sees_english(self):
        """The check above fails on what issue #18 showed."""
        english = term_pattern(english_terms(self.env))
        for text in ("Official Letter (Naskah Dinas) dibuat", "Status: Draft → Received", "Cash plan confirmed.",
                     "Approved; DPA-SKPD 2026 Dinas Kesehatan created."):
            self.assertTrue(english.search(text), text)
        for text in ("Naskah Dinas dibuat", "Status: Konsep → Diterima", "Tahun Anggaran 2026", "Rp 4.176.000,00"):
            self.assertFalse(english.search(text) or MODEL_REF.search(text), text)
        self.assertTrue(MODEL_REF.search("Menunggu Paraf: eoffice.letter.review,5"))

    def test_stored_names_are_in_the_pemda_language(self):
        """Names every user reads are stored in the Pemda's language, whatever the writer's."""
        fy = self.env["eoffice.budget.fiscal.year"].with_context(lang="en_US").create({"year": 2031})
        self.assertEqual(fy.name, "Tahun Anggaran 2031")
        self.assertEqual(self.env["res.company"]._eoffice_pemda_lang(), "id_ID")


def po_translation(module, msgid):
    return next(entry.msgstr for entry in _po(module) if entry.msgid == msgid)


@tagged("post_install", "-at_install")
class TestRpcRunsInTheUsersLanguage(HttpCase):
    """Calls of integrators and imports carry no language: they run in their user's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        cls.tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        cls.kominfo = ref("eoffice_skpd.skpd_kominfo")
        cls.operator = cls.env["res.users"].search([("login", "=", "anggaran.kominfo")])
        for user in cls.staff | cls.tu | cls.operator:
            assert user.lang == "id_ID", user.login
        cls.letter_values = {"name": "Surat Uji Bahasa", "company_id": cls.kominfo.id,
                             "type_id": ref("eoffice_letters.letter_type_sd").id}

    def jsonrpc(self, user, model, method, args, kwargs=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, "demo", model, method, args, kwargs or {}]}}
        with mute_logger("odoo.http"):
            body = self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"], None

    def chatter(self, model, res_id):
        messages = self.env["mail.message"].search([("model", "=", model), ("res_id", "=", res_id)])
        return [text for _message, _kind, text in rendered_chatter(messages.with_context(lang="id_ID"))]

    def test_created_and_moved_over_jsonrpc_the_chatter_is_indonesian(self):
        ref = self.env.ref
        letter_id, error = self.jsonrpc(self.staff, "eoffice.letter", "create", [dict(
            self.letter_values, body="<p>Isi surat uji.</p>",
            classification_id=ref("eoffice_letters.archive_classification_000_5").id,
            signer_position_id=ref("eoffice_skpd.pos_skpd_kominfo_head").id,
            to_recipient_ids=[(0, 0, {"recipient_type": "position",
                                      "position_id": ref("eoffice_skpd.pos_skpd_dinkes_head").id})])])
        self.assertFalse(error)
        self.assertIn("Naskah Dinas dibuat", self.chatter("eoffice.letter", letter_id))
        # submitted for paraf: the form's "Menunggu Paraf" names the seat (it showed eoffice.letter.review,5)
        _result, error = self.jsonrpc(self.staff, "eoffice.letter", "action_submit", [[letter_id]])
        self.assertFalse(error)
        values, error = self.jsonrpc(self.staff, "eoffice.letter", "read", [[letter_id], ["current_review_id"]])
        self.assertFalse(error)
        review_id, review_name = values[0]["current_review_id"]
        seat = self.env["eoffice.letter.review"].browse(review_id).position_id.name
        self.assertEqual(review_name, f"Paraf {seat}")
        submitted = self.chatter("eoffice.letter", letter_id)
        self.assertIn("Diajukan untuk diparaf (putaran 1).", submitted)
        # an incoming letter registered by TU: the state tracked with its Indonesian labels, as stored
        incoming_id, error = self.jsonrpc(self.tu, "eoffice.letter", "create", [{
            "direction": "incoming", "company_id": self.kominfo.id, "name": "Undangan Uji Bahasa",
            "sender_name": "Kantor Uji", "sender_number": "1/UJI/2026", "sender_date": "2026-11-20",
            "recipient_position_id": self.env.ref("eoffice_skpd.pos_skpd_kominfo_head").id}])
        self.assertFalse(error)
        _result, error = self.jsonrpc(self.tu, "eoffice.letter", "action_register", [[incoming_id]])
        self.assertFalse(error)
        field = self.env["eoffice.letter"]._fields["state"]
        labels = dict(field._description_selection(self.env(context={"lang": "id_ID"})))
        trackings = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", "eoffice.letter"), ("mail_message_id.res_id", "=", incoming_id),
            ("field_id.name", "=", "state")])
        self.assertTrue(trackings)
        for tracking in trackings:
            self.assertIn(tracking.new_value_char, labels.values())
            self.assertNotIn(tracking.new_value_char, ("Received", "Draft"))
        english = term_pattern(english_terms(self.env))
        for text in self.chatter("eoffice.letter", incoming_id) + submitted:
            self.assertFalse(english.search(text), text)

    def test_a_call_naming_its_language_keeps_it(self):
        letter_id, error = self.jsonrpc(self.staff, "eoffice.letter", "create", [self.letter_values],
                                        {"context": {"lang": "en_US"}})
        self.assertFalse(error)
        self.assertIn("Official Letter (Naskah Dinas) created", self.chatter("eoffice.letter", letter_id))

    def test_a_refused_budget_action_answers_in_indonesian(self):
        plan = self.env["eoffice.budget.plan"].search([("company_id", "=", self.kominfo.id),
                                                       ("kind", "=", "rka")], limit=1)
        self.assertTrue(plan)
        state = plan.state
        expected = po_translation("eoffice_budget", "Only BPKAD approves an RKA into a DPA.")
        result, error = self.jsonrpc(self.operator, "eoffice.budget.plan", "action_approve", [plan.ids])
        self.assertIsNone(result)
        self.assertIn(expected, error)
        plan.invalidate_recordset()
        self.assertEqual(plan.state, state)

    def test_xmlrpc_without_language(self):
        common = f"{self.base_url()}/xmlrpc/2/object"
        expected = po_translation("eoffice_budget", "Only BPKAD approves an RKA into a DPA.")
        plan = self.env["eoffice.budget.plan"].search([("company_id", "=", self.kominfo.id),
                                                       ("kind", "=", "rka")], limit=1)
        models = xmlrpc.client.ServerProxy(common, allow_none=True)
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refusal:
            models.execute_kw(self.env.cr.dbname, self.operator.id, "demo", "eoffice.budget.plan",
                              "action_approve", [plan.ids])
        self.assertIn(expected, refusal.exception.faultString)
        letter_id = models.execute(self.env.cr.dbname, self.staff.id, "demo", "eoffice.letter", "create",
                                   self.letter_values)
        self.assertIn("Naskah Dinas dibuat", self.chatter("eoffice.letter", letter_id))

    def test_web_call_kw_without_language(self):
        self.authenticate(self.staff.login, "demo")
        response = self.url_open("/web/dataset/call_kw/eoffice.letter/create", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": "eoffice.letter", "method": "create", "args": [self.letter_values],
                "kwargs": {"context": {"allowed_company_ids": self.staff.company_ids.ids}}}}),
            headers={"Content-Type": "application/json"})
        letter_id = response.json()["result"]
        self.assertIn("Naskah Dinas dibuat", self.chatter("eoffice.letter", letter_id))


@tagged("post_install", "-at_install")
class TestScheduledJobsRunInThePemdaLanguage(TransactionCase):
    def test_cron_without_language(self):
        cron = self.env["ir.cron"].create({
            "name": "Uji bahasa", "model_id": self.env.ref("base.model_res_partner").id, "state": "code",
            "code": "env['ir.config_parameter'].sudo().set_param('eoffice.test_cron_lang', env.lang or '')",
            "interval_number": 1, "interval_type": "days"})
        # as Odoo's scheduler runs it: the job's user, an empty context
        cron.with_env(self.env(context={}))._callback(cron.name, cron.ir_actions_server_id.id)
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("eoffice.test_cron_lang"), "id_ID")
