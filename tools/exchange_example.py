"""The worked example of docs/exchange.md: an envelope, its receipts, the directory, and what altered copies get.

Made with a throwaway CA and key for each side and the reference format module
addons/eoffice_exchange/envelope.py, loaded on its own (it imports nothing of Odoo). Run from the
repository root with a Python that has ``cryptography`` (the suite's virtualenv):

    python tools/exchange_example.py

The keys are new at each run, so the base64 of the signatures and certificates differ from the
document's; the payloads, the file hashes and the payload digest are the same.
"""
import base64
import datetime
import importlib.util
import json
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "envelope", Path(__file__).resolve().parent.parent / "addons" / "eoffice_exchange" / "envelope.py")
envelope = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(envelope)

NOW = datetime.datetime(2026, 11, 27, 9, 15, tzinfo=datetime.timezone.utc)
MAX_BYTES, MAX_AGE = 30 * 1024 * 1024, datetime.timedelta(hours=72)


def identity(org):
    """(CA certificate PEM, exchange certificate PEM, exchange key) of a made-up organisation."""
    return envelope.throwaway_authority(org, now=NOW)


def show(title, raw):
    document = json.loads(raw)
    print(f"\n== {title} ({len(raw)} bytes)\n{json.dumps(document, indent=1)[:1500]}")
    body = base64.b64decode(document["payload"])
    print(f"-- payload ({len(body)} bytes, SHA-256 {envelope.sha256(body)}):\n{body.decode()}")


def main():
    a_ca, a_cert, a_key = identity("Kabupaten Contoh")
    b_ca, b_cert, b_key = identity("Provinsi Contoh")
    trusts_a = lambda org: (org == "pemkab-contoh", [a_ca])  # noqa: E731 (known, trusted CAs) at the provinsi
    trusts_b = lambda org: (org == "pemprov-contoh", [b_ca])  # noqa: E731 at the kabupaten

    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
           b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    csv = b"no;nama sekolah;jumlah siswa\n1;SD Negeri 1 Contoh;212\n"
    files = {"surat.pdf": pdf, "lampiran-1-data-sekolah.csv": csv}
    roles = {"surat.pdf": ("letter", "application/pdf"), "lampiran-1-data-sekolah.csv": ("enclosure", "text/csv")}
    payload = {
        "id": "3f0b8c2e-6d4a-4c1e-9a57-0e2d7b9c4f11", "type": "letter", "created": envelope.timestamp(NOW),
        "sender": {"organisation": "pemkab-contoh", "name": "Pemerintah Kabupaten Contoh",
                   "skpd": "Dinas Komunikasi dan Informatika", "signer": "Kepala Dinas Komunikasi dan Informatika",
                   "reply_to": ""},
        "recipient": {"organisation": "pemprov-contoh", "address": "biro-umum",
                      "name": "Biro Umum Sekretariat Daerah Provinsi Contoh"},
        "letter": {"number": "000.1.2.3/245/Diskominfo/2026", "date": "2026-11-26", "sifat": "biasa",
                   "urgency": "segera", "type": "SD", "subject": "Permintaan Data Sekolah untuk Satu Data Indonesia",
                   "verification_url": "https://eoffice.contohkab.go.id/eoffice/verify/7c1e0f3a9b2d4e6f8a0b1c2d3e4f5a6b"},
        "files": envelope.file_entries(files, roles),
    }
    raw = envelope.seal(envelope.ENVELOPE, payload, a_cert, a_key, files=files)
    print("fingerprint of the kabupaten's CA:", envelope.fingerprint(a_ca))
    print("files:", {name: (len(data), envelope.sha256(data)) for name, data in files.items()})
    show("envelope", raw)

    opened = envelope.unseal(raw, trusts_a, MAX_BYTES, MAX_AGE, now=NOW + datetime.timedelta(seconds=4))
    common = {"envelope": payload["id"], "envelope_sha256": opened.payload_sha256,
              "sender": {"organisation": "pemprov-contoh", "name": "Pemerintah Provinsi Contoh"},
              "recipient": {"organisation": "pemkab-contoh"}}
    receipt = envelope.seal(envelope.RECEIPT, dict(
        common, id="a9d4e1b7-2c3f-4b8a-8e6d-5f1a0c7b3d22", type="delivered", created="2026-11-27T09:15:04Z",
        registered="2026-11-27T09:15:04Z", agenda_number="1187/BU/2026",
        registered_by={"skpd": "Sekretariat Daerah Provinsi Contoh", "seat": "Kepala Biro Umum"}), b_cert, b_key)
    show("delivery receipt", receipt)
    got = envelope.unseal(receipt, trusts_b, MAX_BYTES, MAX_AGE, expect=(envelope.RECEIPT,),
                          now=NOW + datetime.timedelta(seconds=5))
    assert got.payload["envelope_sha256"] == opened.payload_sha256
    show("read receipt", envelope.seal(envelope.RECEIPT, dict(
        common, id="5b7c9e2a-8f1d-4a3b-b6c4-d2e0f9a1c833", type="read", created="2026-11-27T10:02:41Z",
        read="2026-11-27T10:02:41Z", read_by={"name": "Dra. Siti Rahmawati, M.Si.", "seat": "Kepala Biro Umum"},
        agenda_number="1187/BU/2026", registered="2026-11-27T09:15:04Z"),
        b_cert, b_key))
    show("directory (signed part)", envelope.seal(envelope.DIRECTORY, {
        "id": "c2e8f0a4-1b6d-4f3e-a7c9-8d2b5e0f1a44", "created": "2026-11-27T08:00:00Z",
        "sender": {"organisation": "pemprov-contoh", "name": "Pemerintah Provinsi Contoh"},
        "addresses": [{"code": "gubernur", "name": "Gubernur Contoh", "kind": "seat"},
                      {"code": "biro-umum", "name": "Biro Umum Sekretariat Daerah Provinsi Contoh", "kind": "skpd"}],
    }, b_cert, b_key))

    document = json.loads(raw)
    pdf_altered = bytearray(pdf)
    pdf_altered[20] ^= 1
    signature = base64.b64decode(document["signature"])
    altered = {
        "one byte of the PDF": (dict(document, files=dict(
            document["files"], **{"surat.pdf": base64.b64encode(bytes(pdf_altered)).decode()})), NOW),
        "the subject": (dict(document, payload=base64.b64encode(
            base64.b64decode(document["payload"]).replace(b"Permintaan", b"Perintahkan")).decode()), NOW),
        "one byte of the signature": (dict(document, signature=base64.b64encode(
            bytes([signature[0] ^ 1]) + signature[1:]).decode()), NOW),
        "nothing, 73 hours later": (document, NOW + datetime.timedelta(hours=73)),
    }
    print()
    for what, (copy, now) in altered.items():
        try:
            envelope.unseal(json.dumps(copy).encode(), trusts_a, MAX_BYTES, MAX_AGE, now=now)
            print(f"{what}: accepted (unexpected)")
        except envelope.EnvelopeError as error:
            print(f"{what}: HTTP {error.status} {error.code}: {error.detail}")


if __name__ == "__main__":
    main()
