"""Two Pemdas exchange letters as signed envelopes, run for real (issue #20, docs/exchange.md).

Two Odoo servers on loopback, each on its own copy of the test database made into a Pemda of its own
(B: another organisation code, name, ``database.secret`` and certificate authority). Each administrator
adds the other as a peer, takes its CA from its directory and confirms the fingerprint read out to
them; everything after that goes through HTTP and JSON-RPC as the users do it:

- a letter signed and sent at A is registered at B with an agenda number, B's signed receipt shows on
  A's recipient line, and the read receipt follows when B's Kepala Dinas opens it;
- B stopped: A's envelope waits in the queue with its error; B started again: delivered exactly once,
  and the same envelope posted again gets the same receipt and no second letter;
- B's inbox refuses a tampered envelope (a byte of the PDF, the metadata, the signature), an unknown
  sender, an untrusted or suspended one, a certificate of another CA, an expired timestamp and a
  replay, each with its error code, and keeps nothing of them.

Helpers (servers, copies of the database, JSON-RPC, signing through the review chain) are
``tests/test_ops_cluster.py``'s.
"""
import base64
import datetime
import hashlib
import json
import shutil
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest.mock import patch

import requests
import test_ops_cluster as ops

from odoo.addons.eoffice_exchange import envelope
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

A_CODE, B_CODE = "pemkab-contoh", "pemprov-contoh"


def _fingerprint(pem):
    """SHA-256 of the certificate's DER, computed here, as the peer's administrator reads it out."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest().upper()


class _TestAuthority:
    """A certificate authority made in the test, with one exchange certificate it issued."""

    def __init__(self, name):
        self.ca_pem, self.cert_pem, self.key = envelope.throwaway_authority(name)

    def envelope(self, organisation, recipient, address="diskominfo", uid=None, created=None,
                 subject="Undangan Rapat Koordinasi Uji", pdf=b"%PDF-1.4 surat uji\n%%EOF\n"):
        files = {"surat.pdf": pdf}
        payload = {
            "id": uid or str(uuid.uuid4()), "type": "letter", "created": envelope.timestamp(created),
            "sender": {"organisation": organisation, "name": "Pemerintah Kota Uji", "skpd": "Sekretariat Daerah",
                       "signer": "Sekretaris Daerah", "reply_to": ""},
            "recipient": {"organisation": recipient, "address": address, "name": ""},
            "letter": {"number": f"005/{uuid.uuid4().hex[:6]}/UJI", "date": "2026-11-27", "sifat": "biasa",
                       "urgency": "biasa", "type": "SD", "subject": subject, "verification_url": ""},
            "files": envelope.file_entries(files, {"surat.pdf": ("letter", "application/pdf")}),
        }
        return envelope.seal(envelope.ENVELOPE, payload, self.cert_pem, self.key, files=files)


def _altered(raw, change):
    """The envelope ``raw`` with ``change(document)`` applied to its parsed JSON (nothing re-signed)."""
    document = json.loads(raw)
    change(document)
    return json.dumps(document).encode()


def _flip_pdf_byte(document):
    name = next(iter(document["files"]))
    data = bytearray(base64.b64decode(document["files"][name]))
    data[len(data) // 2] ^= 0x01
    document["files"][name] = base64.b64encode(bytes(data)).decode()


def _change_metadata(document):
    payload = json.loads(base64.b64decode(document["payload"]))
    payload["letter"]["urgency"] = "segera" if payload["letter"]["urgency"] != "segera" else "biasa"
    document["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()


def _flip_signature_byte(document):
    signature = bytearray(base64.b64decode(document["signature"]))
    signature[10] ^= 0x01
    document["signature"] = base64.b64encode(bytes(signature)).decode()


@tagged("post_install", "-at_install")
class TestExchangeBetweenTwoPemdas(TransactionCase):

    # the servers, the copies of the database and the cleanups of tests/test_ops_cluster.py
    _copy_of_test_database = ops.TestProvinceTopology._copy_of_test_database
    _node = ops.TestProvinceTopology._node

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="eoffice-exchange-"))
        self.cleanups = []
        self.pg = ops._devctl_client()

    def tearDown(self):
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception:  # noqa: BLE001 - every cleanup runs
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        super().tearDown()

    # ------------------------------------------------------------------ helpers
    def sql(self, db, query):
        return self.pg("psql", "-d", db, "-v", "ON_ERROR_STOP=1", "-tAc", query).strip()

    def counts(self, db):
        """What a refused document must not leave behind: letters, envelopes, files, chatter."""
        # files and chatter of those two models only: B's scheduled actions may write elsewhere meanwhile
        models = "('eoffice.letter', 'eoffice.exchange.message')"
        return self.sql(db, "SELECT (SELECT count(*) FROM eoffice_letter), (SELECT count(*) FROM "
                            "eoffice_exchange_message), (SELECT count(*) FROM ir_attachment WHERE res_model IN "
                            f"{models}), (SELECT count(*) FROM mail_message WHERE model IN {models}), "
                            "(SELECT count(*) FROM mail_activity WHERE res_model IN ('eoffice.letter'))")

    def trust(self, rpc, node, other, code):
        """``node``'s administrator adds ``other`` as a peer, takes its CA from its directory, confirms the
        fingerprint (computed here from the directory the peer's administrator reads it from) and reads
        its addresses. Returns the peer's id."""
        directory = requests.get(f"{other.base}/eoffice/exchange/directory", timeout=60).json()
        self.assertEqual(directory["organisation"], code)
        told = _fingerprint(directory["ca_certificates"][-1])
        peer_id = rpc.call(node, "admin", "eoffice.exchange.peer", "create",
                           {"name": directory["name"], "code": code, "url": other.base})
        rpc.call(node, "admin", "eoffice.exchange.peer", "action_fetch_certificate", [peer_id])
        shown = rpc.call(node, "admin", "eoffice.exchange.peer", "read", [peer_id], ["fingerprint"])[0]
        self.assertEqual(shown["fingerprint"].replace(":", ""), told)
        self.confirm(rpc, node, peer_id, told)
        rpc.call(node, "admin", "eoffice.exchange.peer", "action_fetch_addresses", [peer_id])
        return peer_id

    def confirm(self, rpc, node, peer_id, fingerprint):
        """The trust wizard, as the administrator fills it in (it calls the peer's ``_trust``)."""
        wizard = rpc.call(node, "admin", "eoffice.exchange.trust", "create",
                          {"peer_id": peer_id, "typed_fingerprint": fingerprint})
        rpc.call(node, "admin", "eoffice.exchange.trust", "action_confirm", [wizard])
        state = rpc.call(node, "admin", "eoffice.exchange.peer", "read", [peer_id], ["state"])[0]["state"]
        self.assertEqual(state, "trusted")

    def send_letter(self, rpc, node, address_id, subject):
        """A letter of Diskominfo's staff to the peer's address: drafted, reviewed, signed and sent over
        JSON-RPC. Returns (letter id, its recipient line's id)."""
        ref = self.env.ref
        staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff").login
        if staff not in rpc.sessions:
            rpc.login(node, staff, "demo")
        letter_id = rpc.call(node, staff, "eoffice.letter", "create", {
            "name": subject, "company_id": ref("eoffice_skpd.skpd_kominfo").id,
            "type_id": ref("eoffice_letters.letter_type_sd").id,
            "classification_id": ref("eoffice_letters.archive_classification_000_5").id,
            "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
            "body": f"<p>{subject}: mohon kehadiran Bapak/Ibu.</p>",
            "to_recipient_ids": [(0, 0, {"recipient_type": "exchange", "exchange_address_id": address_id})]})
        rpc.call(node, staff, "eoffice.letter", "action_submit", [letter_id])
        ops._sign_through(rpc, node, letter_id)
        rpc.call(node, staff, "eoffice.letter", "action_send", [letter_id])
        line = rpc.call(node, "admin", "eoffice.letter.recipient", "search",
                        [("letter_id", "=", letter_id), ("recipient_type", "=", "exchange")])
        self.assertEqual(len(line), 1)
        return letter_id, line[0]

    def line_facts(self, rpc, node, line_id):
        return rpc.call(node, "admin", "eoffice.letter.recipient", "read", [line_id], [
            "dispatch_state", "dispatch_method", "exchange_state", "exchange_agenda_number", "exchange_message_id",
            "read_date"])[0]

    def message_facts(self, db, message_id):
        state, attempts, error, uid = self.sql(
            db, f"SELECT state, attempts, coalesce(last_error, ''), envelope_uid FROM eoffice_exchange_message "
                f"WHERE id = {int(message_id)}").split("|")
        return state, int(attempts or 0), error, uid

    def received_at(self, db, number):
        rows = self.sql(db, "SELECT id, agenda_number, state, pdf_sha256 FROM eoffice_letter WHERE direction = "
                            f"'incoming' AND sender_number = '{number}' ORDER BY id")
        return [row.split("|") for row in rows.splitlines() if row]

    def post(self, node, raw):
        response = requests.post(f"{node.base}/eoffice/exchange/inbox", data=raw,
                                 headers={"Content-Type": "application/json"}, timeout=60)
        return response.status_code, response.content

    def assert_refused(self, node, db, raw, status, code, what):
        before = self.counts(db)
        got, body = self.post(node, raw)
        self.assertEqual((got, json.loads(body)["error"]["code"]), (status, code), f"{what}: {body[:300]!r}")
        self.assertEqual(self.counts(db), before, f"{what} left something behind at B")

    def wait(self, predicate, what, timeout=90):
        """ops._wait, with what the servers logged when it times out."""
        try:
            ops._wait(predicate, timeout, what)
        except AssertionError as error:
            logs = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}"
                             for log in sorted(self.tmp.glob("*.log")))
            queue = self.sql(self.a_db, "SELECT id, direction, kind, state, attempts, last_error "
                                        "FROM eoffice_exchange_message ORDER BY id")
            raise AssertionError(f"{error}\nA's messages:\n{queue}\n{logs}") from None

    # ------------------------------------------------------------------ the test
    def test_letters_travel_between_two_pemdas(self):
        a_db = self.a_db = self._copy_of_test_database()
        b_db = self._copy_of_test_database()
        # B is another Pemda: its own code, name, secret and certificate authority (made on first use, as the
        # certificates it issues: none of A's key material is used at B)
        self.sql(b_db, f"""
            UPDATE ir_config_parameter SET value = '{B_CODE}' WHERE key = 'eoffice_exchange.organisation_code';
            UPDATE ir_config_parameter SET value = md5(random()::text) || md5(random()::text)
             WHERE key = 'database.secret';
            UPDATE ir_config_parameter SET value = gen_random_uuid()::text WHERE key = 'database.uuid';
            UPDATE eoffice_signing_certificate SET state = 'revoked' WHERE is_ca AND state IN ('valid', 'retired');
            UPDATE eoffice_signing_certificate SET state = 'superseded' WHERE NOT is_ca AND state = 'valid';
            UPDATE res_partner SET name = 'Pemerintah Provinsi Contoh'
             WHERE id = (SELECT partner_id FROM res_company WHERE parent_id IS NULL ORDER BY id LIMIT 1);
            UPDATE res_company SET name = 'Pemerintah Provinsi Contoh'
             WHERE id = (SELECT id FROM res_company WHERE parent_id IS NULL ORDER BY id LIMIT 1);""")
        self.assertEqual(self.sql(a_db, "SELECT value FROM ir_config_parameter WHERE key = "
                                        "'eoffice_exchange.organisation_code'"), A_CODE)
        db_port, db_user = config["db_port"] or 5432, config["db_user"]
        a = self._node("exchange-a", a_db, db_port, db_user, cron=1)
        b = self._node("exchange-b", b_db, db_port, db_user, cron=1)
        a.wait_up()
        b.wait_up()
        rpc_a, rpc_b = ops.Rpc(a_db), ops.Rpc(b_db)
        rpc_a.login(a, "admin", "admin")
        rpc_b.login(b, "admin", "admin")

        # each trusts the other: two certificate authorities, confirmed by their fingerprints
        a_ca = requests.get(f"{a.base}/eoffice/exchange/directory", timeout=60).json()["ca_certificates"]
        b_ca = requests.get(f"{b.base}/eoffice/exchange/directory", timeout=60).json()["ca_certificates"]
        self.assertNotEqual(a_ca, b_ca)
        peer_b = self.trust(rpc_a, a, b, B_CODE)
        self.trust(rpc_b, b, a, A_CODE)
        address = rpc_a.call(a, "admin", "eoffice.exchange.address", "search_read",
                             [("peer_id", "=", peer_b), ("code", "=", "diskominfo")], ["kind"])
        self.assertEqual(len(address), 1, "A read B's published addresses from its signed directory")
        address_id = address[0]["id"]

        # 1. sent at A, registered at B with an agenda number, B's receipt on A's recipient line
        letter_id, line_id = self.send_letter(rpc_a, a, address_id, "Undangan Rapat Pertukaran Naskah")
        self.wait(lambda: self.line_facts(rpc_a, a, line_id)["exchange_state"] == "delivered", "B's receipt at A")
        sent = rpc_a.call(a, "admin", "eoffice.letter", "read", [letter_id], ["number", "pdf_sha256"])[0]
        received = self.received_at(b_db, sent["number"])
        self.assertEqual(len(received), 1)
        b_letter_id, agenda, state, pdf_sha256 = received[0]
        self.assertTrue(agenda)
        self.assertEqual((state, pdf_sha256), ("received", sent["pdf_sha256"]))
        line = self.line_facts(rpc_a, a, line_id)
        self.assertEqual((line["dispatch_method"], line["dispatch_state"], line["exchange_agenda_number"]),
                         ("exchange", "delivered", agenda))
        self.assertFalse(line["read_date"])

        # 2. B's Kepala Dinas opens it: the signed read receipt travels back
        kadis = self.env.ref("eoffice_skpd.user_skpd_kominfo_head").login
        rpc_b.login(b, kadis, "demo")
        rpc_b.call(b, kadis, "eoffice.letter", "action_mark_read", [int(b_letter_id)])
        self.wait(lambda: self.line_facts(rpc_a, a, line_id)["exchange_state"] == "read", "B's read receipt at A")
        self.assertTrue(self.line_facts(rpc_a, a, line_id)["read_date"])

        # 3. B is down: the envelope waits at A with its error, then is delivered exactly once
        b.stop()
        letter_id, line_id = self.send_letter(rpc_a, a, address_id, "Permohonan Data Saat Server Mati")
        message_id = self.line_facts(rpc_a, a, line_id)["exchange_message_id"][0]
        self.wait(lambda: self.message_facts(a_db, message_id)[1] > 0, "A's first attempt")
        state, attempts, error, uid = self.message_facts(a_db, message_id)
        self.assertEqual(state, "queued")
        self.assertIn("tidak dapat dihubungi", error, "the failed attempt is explained, in Indonesian")
        self.assertEqual(self.line_facts(rpc_a, a, line_id)["dispatch_state"], "sent")
        with patch.object(ops, "_free_port", return_value=b.port):  # B comes back at its address
            b = self._node("exchange-b-again", b_db, db_port, db_user, cron=1)
        b.wait_up()
        staff = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff").login
        rpc_a.call(a, staff, "eoffice.exchange.message", "action_retry_now", [message_id])
        self.wait(lambda: self.message_facts(a_db, message_id)[0] == "delivered", "the retried delivery")
        number = rpc_a.call(a, "admin", "eoffice.letter", "read", [letter_id], ["number"])[0]["number"]
        self.assertEqual(len(self.received_at(b_db, number)), 1)
        agenda = self.received_at(b_db, number)[0][1]
        self.assertEqual(self.line_facts(rpc_a, a, line_id)["exchange_agenda_number"], agenda)

        # the same envelope again (downloaded by its sender for the offline path): same receipt, no second letter
        session = rpc_a.sessions[staff]
        raw = session.get(f"{a.base}/eoffice/exchange/message/{message_id}/envelope", timeout=60)
        receipt = session.get(f"{a.base}/eoffice/exchange/message/{message_id}/receipt", timeout=60)
        self.assertEqual((raw.status_code, receipt.status_code), (200, 200))
        before = self.counts(b_db)
        self.assertEqual(self.post(b, raw.content), (200, receipt.content))
        self.assertEqual(self.counts(b_db), before)
        self.assertEqual(len(self.received_at(b_db, number)), 1)

        # 4. refusals at B's inbox, each with its code, nothing left behind
        self.assert_refused(b, b_db, _altered(raw.content, _flip_pdf_byte), 422, "hash_mismatch",
                            "one byte of the PDF changed")
        self.assert_refused(b, b_db, _altered(raw.content, _change_metadata), 403, "bad_signature",
                            "the metadata changed")
        self.assert_refused(b, b_db, _altered(raw.content, _flip_signature_byte), 403, "bad_signature",
                            "the signature altered")
        uji = _TestAuthority("Kota Uji")
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE), 403, "unknown_sender",
                            "a sender B does not know")
        uji_id = rpc_b.call(b, "admin", "eoffice.exchange.peer", "create", {
            "name": "Pemerintah Kota Uji", "code": "pemkot-uji", "url": "http://127.0.0.1:9",
            "certificate_pem": uji.ca_pem})
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE), 403, "untrusted_sender",
                            "a peer whose fingerprint is not confirmed yet")
        self.confirm(rpc_b, b, uji_id, _fingerprint(uji.ca_pem))
        other = _TestAuthority("Kota Lain")
        self.assert_refused(b, b_db, other.envelope("pemkot-uji", B_CODE), 403, "untrusted_certificate",
                            "a certificate issued by another CA")
        self.assert_refused(b, b_db, other.envelope(A_CODE, B_CODE), 403, "untrusted_certificate",
                            "a certificate of another CA in A's name")
        old = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(hours=73)
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE, created=old), 403, "expired",
                            "an envelope older than the time window")
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE, address="tidak-ada"), 422,
                            "unknown_address", "an address B does not publish")
        # a genuine envelope is taken in; another one with its id is a replay
        uid = str(uuid.uuid4())
        status, body = self.post(b, uji.envelope("pemkot-uji", B_CODE, uid=uid))
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(json.loads(base64.b64decode(json.loads(body)["payload"]))["envelope"], uid)
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE, uid=uid, subject="Isi Lain"), 409,
                            "replay", "the same envelope id with other content")
        # envelopes arriving together (from peers and retries at once) are each registered once, each with
        # its own agenda number: a transaction that lost the race for the agenda counter is retried by Odoo
        # with the same request body
        with ThreadPoolExecutor(max_workers=5) as pool:
            answers = list(pool.map(lambda raw: self.post(b, raw),
                                    [uji.envelope("pemkot-uji", B_CODE, subject=f"Serentak {i}") for i in range(5)]))
        self.assertEqual([status for status, _body in answers], [200] * 5, [body[:200] for _s, body in answers])
        agendas = self.sql(b_db, "SELECT agenda_number FROM eoffice_letter WHERE name LIKE 'Serentak %'").split()
        self.assertEqual(len(set(agendas)), 5, agendas)
        # the same envelope twice at once (a retry crossing the first try, or a file imported meanwhile): the
        # second waits for the first and gets its receipt, one letter
        twice = uji.envelope("pemkot-uji", B_CODE, subject="Dua Kali Serentak")
        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(pool.map(lambda raw: self.post(b, raw), [twice, twice]))
        self.assertEqual([status for status, _body in answers], [200, 200], [body[:300] for _s, body in answers])
        self.assertEqual(answers[0][1], answers[1][1])
        self.assertEqual(self.sql(b_db, "SELECT count(*) FROM eoffice_letter WHERE name = 'Dua Kali Serentak'"), "1")
        # a suspended peer is refused
        rpc_b.call(b, "admin", "eoffice.exchange.peer", "action_suspend", [uji_id])
        self.assert_refused(b, b_db, uji.envelope("pemkot-uji", B_CODE), 403, "untrusted_sender",
                            "a suspended peer")
