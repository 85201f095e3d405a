"""The receiving end and its guards, with a peer simulated in the test (its own CA and exchange
certificate): what a peer POSTs to /eoffice/exchange/inbox, and what users try over RPC. The sending
end against a second real server is tests/test_exchange_two_pemdas.py."""
import base64
import copy
import datetime
import io
import json
import uuid

from odoo.addons.eoffice_exchange import envelope
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


def _pdf(text="Surat uji pertukaran"):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 120), "white")
    ImageDraw.Draw(image).text((10, 50), text, fill="black")
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestExchangeInbox(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.own_code = cls.env["ir.config_parameter"].sudo().get_param("eoffice_exchange.organisation_code")
        cls.ca_pem, cls.cert_pem, cls.key = envelope.throwaway_authority("Pertukaran Provinsi Uji")
        cls.admin = new_test_user(cls.env, login="t_exchange_admin",
                                  groups="base.group_user,eoffice_skpd.group_pemda_admin")
        cls.staff = new_test_user(cls.env, login="t_exchange_staff", groups="base.group_user,eoffice_skpd.group_staff")
        cls.peer = cls.env["eoffice.exchange.peer"].with_user(cls.admin).create({
            "name": "Pemerintah Provinsi Uji", "code": "pemprov-uji", "url": "http://127.0.0.1:9",
            "certificate_pem": cls.ca_pem})
        cls.peer.with_user(cls.admin)._trust(cls.peer.fingerprint.lower().replace(":", " "))
        cls.seat = cls.env.ref("eoffice_skpd.pos_skpd_kominfo_head")
        cls.seat_user = cls.seat.current_user_ids[:1]
        cls.Letter = cls.env["eoffice.letter"].sudo()
        cls.Message = cls.env["eoffice.exchange.message"].sudo()

    # ------------------------------------------------------------------ a peer's documents
    def payload(self, **letter):
        pdf = _pdf()
        files = {"surat.pdf": pdf, "lampiran-1.pdf": _pdf("Lampiran")}
        roles = {"surat.pdf": ("letter", "application/pdf"), "lampiran-1.pdf": ("enclosure", "application/pdf")}
        return {
            "id": str(uuid.uuid4()), "type": "letter", "created": envelope.timestamp(),
            "sender": {"organisation": "pemprov-uji", "name": "Pemerintah Provinsi Uji", "skpd": "Sekretariat Daerah",
                       "signer": "Sekretaris Daerah"},
            "recipient": {"organisation": self.own_code, "address": "diskominfo", "name": "Kepala Diskominfo"},
            "letter": {"number": "000.1/77/SETDA", "date": "2026-11-20", "sifat": "biasa", "urgency": "segera",
                       "type": "SD", "subject": "Undangan Rapat Koordinasi SPBE", "verification_url": "", **letter},
            "files": envelope.file_entries(files, roles),
        }, files

    def seal(self, payload, files, cert_pem=None, key=None):
        return envelope.seal(envelope.ENVELOPE, payload, cert_pem or self.cert_pem, key or self.key, files=files)

    def post(self, raw):
        response = self.url_open("/eoffice/exchange/inbox", data=raw, headers={"Content-Type": "application/json"},
                                 timeout=60)
        return response.status_code, response.content

    def counts(self):
        self.env.invalidate_all()
        return (self.Letter.search_count([("direction", "=", "incoming")]),
                self.Message.search_count([]), self.env["ir.attachment"].sudo().search_count([]))

    def assertRefused(self, raw, code, status):
        before = self.counts()
        got_status, body = self.post(raw)
        error = json.loads(body)["error"]
        self.assertEqual((got_status, error["code"]), (status, code), error)
        self.assertTrue(error["message"])
        self.assertEqual(self.counts(), before, f"a refused envelope ({code}) left something behind")

    def own_cas(self):
        pemda = self.seat.company_id.pemda_id
        return self.env["eoffice.signing.certificate"].sudo()._trusted_cas(pemda).mapped("certificate_pem")

    # ------------------------------------------------------------------ taken in
    def test_envelope_registered_once_with_a_signed_receipt(self):
        payload, files = self.payload()
        raw = self.seal(payload, files)
        before = self.counts()
        status, body = self.post(raw)
        self.assertEqual(status, 200, body)
        receipt = envelope.unseal(body, lambda org: (org == self.own_code, self.own_cas()), 10 ** 7,
                                  datetime.timedelta(hours=1), expect=(envelope.RECEIPT,))
        self.assertEqual((receipt.payload["type"], receipt.payload["envelope"]), ("delivered", payload["id"]))
        signed = base64.b64decode(json.loads(raw)["payload"])
        self.assertEqual(receipt.payload["envelope_sha256"], envelope.sha256(signed))
        letter = self.Letter.search([("sender_number", "=", "000.1/77/SETDA")])
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.agenda_number, receipt.payload["agenda_number"])
        self.assertTrue(letter.agenda_number)
        self.assertEqual((letter.direction, letter.state, letter.recipient_position_id, letter.company_id),
                         ("incoming", "received", self.seat, self.seat.company_id))
        self.assertEqual((letter.name, letter.urgency), ("Undangan Rapat Koordinasi SPBE", "segera"))
        self.assertEqual(base64.b64decode(letter.pdf_file), files["surat.pdf"])
        self.assertEqual(letter.attachment_ids.mapped("raw"), [files["lampiran-1.pdf"]])
        self.assertEqual(self.counts()[0], before[0] + 1)
        # a retry (the answer was lost) gets the very same receipt, never a second letter
        self.assertEqual(self.post(raw), (200, body))
        self.assertEqual(self.Letter.search_count([("sender_number", "=", "000.1/77/SETDA")]), 1)
        # and after the time window too
        self.env["ir.config_parameter"].sudo().set_param("eoffice_exchange.max_age_hours", "0")
        self.assertEqual(self.post(raw), (200, body))
        payload2, files2 = self.payload(number="000.1/78/SETDA")
        payload2["created"] = envelope.timestamp(envelope.utcnow() - datetime.timedelta(minutes=1))
        self.assertRefused(self.seal(payload2, files2), "expired", 403)

    def test_rahasia_letter_only_to_a_named_seat_and_without_subject(self):
        payload, files = self.payload(sifat="rahasia", subject=None)
        payload["recipient"]["address"] = "setda"  # an organisation's address, not a named seat
        self.assertRefused(self.seal(payload, files), "rahasia_needs_seat", 422)
        payload, files = self.payload(sifat="rahasia", subject=None, number="R/1/2026")
        status, body = self.post(self.seal(payload, files))
        self.assertEqual(status, 200, body)
        letter = self.Letter.search([("sender_number", "=", "R/1/2026")])
        self.assertEqual((letter.sifat, letter.recipient_position_id), ("rahasia", self.seat))
        self.assertIn("R/1/2026", letter.with_context(lang="en_US").name)
        # the envelope says who wrote to whom, as the letter's recipient lines do: the letter's circle only,
        # not every reader of the SKPD's envelopes (who sees an ordinary letter's)
        secret = self.Message.search([("envelope_uid", "=", payload["id"])])
        payload, files = self.payload(number="000.1/90/SETDA")
        self.assertEqual(self.post(self.seal(payload, files))[0], 200)
        plain = self.Message.search([("envelope_uid", "=", payload["id"])])
        colleague = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        self.assertEqual(colleague.company_id, self.seat.company_id)
        Message = self.env["eoffice.exchange.message"].with_user(colleague)
        self.assertEqual(Message.search([("id", "in", (secret | plain).ids)]), plain.with_user(colleague))
        with self.assertRaises(AccessError):
            secret.with_user(colleague).read(["peer_id", "address_id", "envelope_uid"])
        self.assertEqual(self.env["eoffice.exchange.message"].with_user(self.seat_user).search(
            [("id", "in", (secret | plain).ids)]), (secret | plain).with_user(self.seat_user))

    # ------------------------------------------------------------------ refused, nothing left behind
    def test_tampered_envelopes_are_refused(self):
        payload, files = self.payload()
        raw = json.loads(self.seal(payload, files))
        # one byte of the PDF
        pdf = bytearray(base64.b64decode(raw["files"]["surat.pdf"]))
        pdf[len(pdf) // 2] ^= 1
        tampered = dict(raw, files=dict(raw["files"], **{"surat.pdf": base64.b64encode(bytes(pdf)).decode()}))
        self.assertRefused(json.dumps(tampered).encode(), "hash_mismatch", 422)
        # the metadata (the signed payload)
        body = json.loads(base64.b64decode(raw["payload"]))
        body["letter"]["subject"] = "Undangan yang diubah"
        forged = dict(raw, payload=base64.b64encode(json.dumps(body).encode()).decode())
        self.assertRefused(json.dumps(forged).encode(), "bad_signature", 403)
        # the signature
        signature = bytearray(base64.b64decode(raw["signature"]))
        signature[0] ^= 1
        self.assertRefused(json.dumps(dict(raw, signature=base64.b64encode(bytes(signature)).decode())).encode(),
                           "bad_signature", 403)
        # an extra file not listed
        self.assertRefused(json.dumps(dict(raw, files=dict(raw["files"], x="eA=="))).encode(), "hash_mismatch", 422)

    def test_unknown_untrusted_expired_replayed_and_malformed(self):
        payload, files = self.payload()
        unknown = copy.deepcopy(payload)
        unknown["sender"]["organisation"] = "pemkab-tak-dikenal"
        self.assertRefused(self.seal(unknown, files), "unknown_sender", 403)
        # a certificate from another CA than the one the Pemda administrator confirmed
        _ca, other_cert, other_key = envelope.throwaway_authority("Penyusup")
        self.assertRefused(self.seal(payload, files, other_cert, other_key), "untrusted_certificate", 403)
        # expired
        old = dict(payload, created=envelope.timestamp(envelope.utcnow() - datetime.timedelta(days=4)))
        self.assertRefused(self.seal(old, files), "expired", 403)
        future = dict(payload, created=envelope.timestamp(envelope.utcnow() + datetime.timedelta(hours=1)))
        self.assertRefused(self.seal(future, files), "expired", 403)
        # to another organisation, to an address nobody publishes
        other = copy.deepcopy(payload)
        other["recipient"]["organisation"] = "pemkab-lain"
        self.assertRefused(self.seal(other, files), "wrong_recipient", 422)
        nowhere = copy.deepcopy(payload)
        nowhere["recipient"]["address"] = "tidak-ada"
        self.assertRefused(self.seal(nowhere, files), "unknown_address", 422)
        # a replay: the id of an envelope already taken in, with other content
        self.assertEqual(self.post(self.seal(payload, files))[0], 200)
        replay = copy.deepcopy(payload)
        replay["letter"]["subject"] = "Isi lain dengan id yang sama"
        self.assertRefused(self.seal(replay, files), "replay", 409)
        # malformed documents, before any signature
        for raw in (b" ", b"bukan json", b"[]", b'{"format": "eoffice-envelope/1"}',
                    json.dumps({"format": "eoffice-envelope/1", "payload": 5, "signature": None}).encode(),
                    json.dumps({"format": "lain/1", "payload": "e30=", "signature": ""}).encode()):
            self.assertRefused(raw, "malformed", 400)
        # too large
        self.env["ir.config_parameter"].sudo().set_param("eoffice_exchange.max_envelope_mb", "0")
        self.assertRefused(self.seal(payload, files), "too_large", 413)

    def test_a_suspended_peer_is_refused(self):
        self.peer.with_user(self.admin).action_suspend()
        payload, files = self.payload()
        self.assertRefused(self.seal(payload, files), "untrusted_sender", 403)

    # ------------------------------------------------------------------ read receipt and retries
    def test_reading_queues_a_signed_read_receipt_retried_while_the_peer_is_down(self):
        payload, files = self.payload(number="000.1/79/SETDA")
        self.assertEqual(self.post(self.seal(payload, files))[0], 200)
        letter = self.Letter.search([("sender_number", "=", "000.1/79/SETDA")])
        letter.with_user(self.seat_user).action_mark_read()
        receipt = self.Message.search([("direction", "=", "out"), ("kind", "=", "read"),
                                       ("envelope_uid", "=", payload["id"])])
        self.assertEqual((len(receipt), receipt.state), (1, "queued"))
        opened = envelope.unseal(base64.b64decode(receipt.document),
                                 lambda org: (org == self.own_code, self.own_cas()), 10 ** 7,
                                 datetime.timedelta(hours=1), expect=(envelope.RECEIPT,))
        self.assertEqual((opened.payload["type"], opened.payload["read_by"]["name"]), ("read", self.seat_user.name))
        self.assertEqual(opened.payload["agenda_number"], letter.agenda_number)
        # the peer (port 9) is down: the receipt waits, each attempt doubles the delay
        receipt._deliver_one()
        self.assertEqual((receipt.state, receipt.attempts), ("queued", 1))
        self.assertTrue(receipt.last_error)
        first = receipt.next_attempt - receipt.last_attempt
        receipt._deliver_one()
        self.assertEqual(receipt.attempts, 2)
        self.assertEqual(receipt.next_attempt - receipt.last_attempt, 2 * first)

    # ------------------------------------------------------------------ what users try over RPC
    def test_users_cannot_forge_trust_or_envelopes(self):
        newcomer = self.env["eoffice.exchange.peer"].with_user(self.admin).create({
            "name": "Kabupaten Baru", "code": "pemkab-baru", "url": "http://127.0.0.1:9",
            "certificate_pem": envelope.throwaway_authority("Baru")[0]})
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
            newcomer.with_user(self.staff)._trust(newcomer.fingerprint)
        with self.assertRaises(UserError):
            newcomer.with_user(self.admin)._trust("AB:CD")
        with self.assertRaises(UserError):  # the state is the workflow's, even for the administrator
            newcomer.with_user(self.admin).write({"state": "trusted"})
        with self.assertRaises(UserError):  # a trusted peer's certificate cannot be swapped
            self.peer.with_user(self.admin).write({"certificate_pem": newcomer.certificate_pem})
        self.assertEqual((newcomer.state, self.peer.certificate_pem), ("new", self.ca_pem))
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
            self.env["eoffice.exchange.message"].with_user(self.staff).create({
                "name": "x", "envelope_uid": "x", "direction": "in", "peer_id": self.peer.id,
                "company_id": self.staff.company_id.id})
        payload, files = self.payload(number="000.1/80/SETDA")
        self.assertEqual(self.post(self.seal(payload, files))[0], 200)
        message = self.Message.search([("envelope_uid", "=", payload["id"])])
        for user in (self.staff, self.seat_user, self.admin):
            with self.subTest(user=user.login), self.assertRaises(UserError), \
                    mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"):
                message.with_user(user).write({"state": "read", "receipt_agenda_number": "palsu"})
        self.assertEqual((message.state, message.receipt_agenda_number), ("received", message.letter_id.agenda_number))

    def test_the_signed_envelope_is_downloaded_only_by_its_readers(self):
        payload, files = self.payload(number="000.1/81/SETDA")
        raw = self.seal(payload, files)
        self.assertEqual(self.post(raw)[0], 200)
        message = self.Message.search([("envelope_uid", "=", payload["id"])])
        url = f"/eoffice/exchange/message/{message.id}/envelope"
        self.authenticate(self.staff.login, self.staff.login)  # staff of no SKPD the letter belongs to
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.content, raw)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self.env["eoffice.exchange.message"].with_user(self.staff).search(
            [("id", "=", message.id)]))
        self.authenticate(self.seat_user.login, "demo")
        response = self.url_open(url)
        self.assertEqual((response.status_code, response.content), (200, raw))

    # ------------------------------------------------------------------ the offline path
    def test_an_envelope_file_is_imported_once_by_the_agendaris(self):
        agendaris = new_test_user(self.env, login="t_exchange_tu", company_id=self.seat.company_id.id,
                                  company_ids=[self.seat.company_id.id],
                                  groups="base.group_user,eoffice_skpd.group_staff,eoffice_skpd.group_agendaris")
        payload, files = self.payload(number="000.1/82/SETDA")
        raw = self.seal(payload, files)
        Import = self.env["eoffice.exchange.import"]
        with self.assertRaises(UserError):  # an official who is not TU does not import
            Import.with_user(self.staff).create({"file": base64.b64encode(raw)}).action_import()
        action = Import.with_user(agendaris).create({"file": base64.b64encode(raw),
                                                     "filename": "amplop.json"}).action_import()
        message = self.Message.browse(action["res_id"])
        self.assertEqual((message.envelope_uid, message.state), (payload["id"], "received"))
        self.assertEqual(message.letter_id.sender_number, "000.1/82/SETDA")
        # the same file twice registers nothing more; a tampered one is refused in Indonesian terms
        Import.with_user(agendaris).create({"file": base64.b64encode(raw)}).action_import()
        self.assertEqual(self.Letter.search_count([("sender_number", "=", "000.1/82/SETDA")]), 1)
        forged = json.loads(raw)
        forged["signature"] = base64.b64encode(b"x" * 256).decode()
        before = self.counts()
        with self.assertRaisesRegex(UserError, "bad_signature"):
            Import.with_user(agendaris).create({"file": base64.b64encode(json.dumps(forged).encode())}).action_import()
        self.assertEqual(self.counts(), before)

    # ------------------------------------------------------------------ the sending side's guards
    def test_a_rahasia_letter_is_addressed_only_to_a_named_seat_of_a_trusted_peer(self):
        Address = self.env["eoffice.exchange.address"].sudo()
        office = Address.create({"peer_id": self.peer.id, "code": "biro-umum", "name": "Biro Umum", "kind": "skpd"})
        governor = Address.create({"peer_id": self.peer.id, "code": "gubernur", "name": "Gubernur", "kind": "seat"})
        letter = self.Letter.create({"name": "Surat Rahasia Uji", "company_id": self.seat.company_id.id,
                                     "type_id": self.env["eoffice.letter.type"].search([], limit=1).id,
                                     "sifat": "rahasia"})
        Line = self.env["eoffice.letter.recipient"].sudo()
        with self.assertRaises(UserError):
            Line.create({"letter_id": letter.id, "recipient_type": "exchange", "exchange_address_id": office.id})
        line = Line.create({"letter_id": letter.id, "recipient_type": "exchange", "exchange_address_id": governor.id})
        self.assertEqual(line.label, "Gubernur — Pemerintah Provinsi Uji")
        letter.sifat = "biasa"
        Line.create({"letter_id": letter.id, "recipient_type": "exchange", "exchange_address_id": office.id})
        with self.assertRaises(UserError):  # and it cannot become Rahasia afterwards
            letter.sifat = "rahasia"
            letter.flush_recordset()
        own = self.env.ref("eoffice_exchange.address_kominfo")
        with self.assertRaises(UserError):  # an address of ours is not another organisation's
            Line.create({"letter_id": letter.id, "recipient_type": "exchange", "exchange_address_id": own.id})
