import base64
import datetime
import io
import json
import threading
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EofficeLettersCase

NIK = "3374010101800001"
PASSPHRASE = "rahasia-bsre"


class BsreStandIn:
    """A local stand-in of the BSrE client service (its known shape): GET /api/user/status/<nik>,
    POST /api/sign/pdf (file, nik, passphrase, tampilan) answering the signed PDF."""

    def __init__(self):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        now = datetime.datetime.now(datetime.timezone.utc)

        def certificate(name, key, issuer_name, issuer_key, ca):
            return (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name)
                    .public_key(key.public_key()).serial_number(x509.random_serial_number())
                    .not_valid_before(now - datetime.timedelta(days=1))
                    .not_valid_after(now + datetime.timedelta(days=30))
                    .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                    .add_extension(x509.KeyUsage(True, not ca, False, False, False, ca, ca, False, False),
                                   critical=True)
                    .sign(issuer_key, hashes.SHA256()))

        root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Uji Root CA BSrE")])
        self.root = certificate(root_name, root_key, root_name, root_key, True)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.cert = certificate(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Pegawai A (BSrE)")]),
                                self.key, root_name, root_key, False)
        self.root_pem = self.root.public_bytes(serialization.Encoding.PEM).decode()
        self.down = False
        self.sign_calls = 0
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body, content_type="application/json"):
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if stand_in.down:
                    return self.answer(503, {"error": "Service Unavailable"})
                if self.path == f"/api/user/status/{NIK}":
                    return self.answer(200, {"status_code": 1111, "message": "Sertifikat aktif"})
                return self.answer(404, {"error": "NIK tidak terdaftar"})

            def do_POST(self):
                if stand_in.down:
                    return self.answer(503, {"error": "Service Unavailable"})
                body = self.rfile.read(int(self.headers["Content-Length"]))
                message = BytesParser().parsebytes(
                    b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body)
                parts = {part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
                         for part in message.get_payload()}
                if parts.get("passphrase", b"").decode() != PASSPHRASE:
                    return self.answer(400, {"error": "Passphrase anda salah"})
                stand_in.sign_calls += 1
                return self.answer(200, stand_in.sign(parts["file"]), "application/pdf")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def sign(self, pdf):
        from asn1crypto import keys as akeys
        from asn1crypto import x509 as ax509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = serialization.Encoding.DER
        signer = signers.SimpleSigner(
            signing_cert=ax509.Certificate.load(self.cert.public_bytes(der)),
            signing_key=akeys.PrivateKeyInfo.load(self.key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            cert_registry=SimpleCertificateStore.from_certs([ax509.Certificate.load(self.root.public_bytes(der))]))
        out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)),
                               signers.PdfSignatureMetadata(field_name="BSrE"), signer=signer)
        return out.getvalue()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@tagged("post_install", "-at_install")
class TestBsre(EofficeLettersCase):
    def setUp(self):
        super().setUp()
        self.stand_in = BsreStandIn()
        self.addCleanup(self.stand_in.stop)
        self.pemda.write({"signing_backend": "bsre", "bsre_url": self.stand_in.url, "bsre_user": "eoffice",
                          "bsre_password": "uji", "bsre_root_pem": self.stand_in.root_pem})
        self.emp_a.identification_id = NIK
        self.official = self.users_a["official"]

    def prepared(self):
        letter = self.make_letter()
        self.as_user(letter.create_uid, letter).action_submit()
        while letter.state == "review":
            self.as_user(letter.current_review_id.position_id.current_user_ids[:1], letter).action_approve()
        return letter

    def sign(self, letter, passphrase=PASSPHRASE):
        wizard = self.as_user(self.official, self.env["eoffice.letter.sign.wizard"]).create(
            {"letter_id": letter.id, "passphrase": passphrase})
        wizard.action_confirm()

    def test_signed_through_bsre(self):
        letter = self.prepared()
        self.sign(letter)
        self.assertEqual((letter.state, letter.signature_kind), ("signed", "certified"))
        self.assertEqual(self.stand_in.sign_calls, 1)
        [result] = self.env["eoffice.signing.certificate"]._validate_pdf(base64.b64decode(letter.pdf_file),
                                                                         self.pemda)
        self.assertTrue(result["valid"] and result["trusted"])
        self.assertIn("Pegawai A (BSrE)", result["signer"])

    def test_wrong_passphrase(self):
        letter = self.prepared()
        with self.assertRaisesRegex(UserError, "Passphrase anda salah"), self.env.cr.savepoint():
            self.sign(letter, passphrase="salah")
        self.assertEqual(letter.state, "to_sign")
        self.assertFalse(letter.number)
        self.assertFalse(letter.sign_queued)

    def test_service_down_queues_and_the_job_signs_exactly_once(self):
        letter = self.prepared()
        self.stand_in.down = True
        self.sign(letter)
        self.assertTrue(letter.sign_queued)
        self.assertEqual(letter.state, "to_sign")
        self.assertFalse(letter.number)  # nothing numbered while waiting
        self.assertNotIn(PASSPHRASE.encode(), letter.sudo().sign_queue_secret or b"")
        Letter = self.env["eoffice.letter"]
        self.assertEqual(Letter._cron_sign_queue(), 0)  # still down
        self.assertEqual(letter.sign_queue_attempts, 1)
        self.assertFalse(letter.number)
        self.stand_in.down = False
        self.assertEqual(Letter._cron_sign_queue(), 1)
        self.assertEqual(letter.state, "signed")
        self.assertEqual(int(letter.number.split("/")[1]), 1)
        self.assertEqual(letter.signer_user_id, self.official)
        self.assertFalse(letter.sign_queued)
        self.assertFalse(letter.sudo().sign_queue_secret)
        self.assertEqual(Letter._cron_sign_queue(), 0)  # exactly once
        self.assertEqual(self.stand_in.sign_calls, 1)

    def test_unknown_nik_is_told(self):
        self.emp_a.identification_id = "3374019999999999"
        letter = self.prepared()
        with self.assertRaisesRegex(UserError, "does not know the NIK"), self.env.cr.savepoint():
            self.sign(letter)
        self.assertFalse(letter.number)
