"""The exchange format between organisations: signed envelopes and signed receipts (docs/exchange.md).

Pure functions, no Odoo: another vendor's implementation can be checked against them. A document is
a JSON object ``{"format", "payload", "signature", "certificate"[, "files"]}``: ``payload`` is the
base64 of the UTF-8 JSON the sender signed (the verifier parses exactly those bytes, so no
canonical form is needed), ``signature`` the base64 RSA PKCS#1 v1.5 SHA-256 signature of those
bytes, ``certificate`` the PEM of the sender's exchange certificate, issued by the sender's CA.
An envelope adds ``files`` (name -> base64), outside the signature but bound to it by the SHA-256
and size of each file listed in the payload.
"""
import base64
import binascii
import datetime
import hashlib
import json

ENVELOPE = "eoffice-envelope/1"
RECEIPT = "eoffice-receipt/1"
DIRECTORY = "eoffice-directory/1"
FORMATS = (ENVELOPE, RECEIPT, DIRECTORY)
CLOCK_SKEW = datetime.timedelta(minutes=5)


class EnvelopeError(Exception):
    """A refusal with a machine-readable code (docs/exchange.md lists them) and an HTTP status."""

    STATUS = {
        "malformed": 400, "too_large": 413, "unknown_sender": 403, "untrusted_sender": 403,
        "untrusted_certificate": 403, "bad_signature": 403, "expired": 403, "hash_mismatch": 422,
        "unknown_address": 422, "rahasia_needs_seat": 422, "wrong_recipient": 422, "replay": 409,
        "unknown_envelope": 422,
    }

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
        self.opened = None
        self.status = self.STATUS.get(code, 400)


def _b64(data):
    return base64.b64encode(data).decode()


def _unb64(text, what):
    try:
        return base64.b64decode(text.encode() if isinstance(text, str) else text, validate=True)
    except (binascii.Error, ValueError, AttributeError, TypeError):
        raise EnvelopeError("malformed", f"{what} is not base64") from None


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def timestamp(moment=None):
    return (moment or utcnow()).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text):
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        raise EnvelopeError("malformed", "created is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ") from None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fingerprint(certificate_pem):
    """SHA-256 of the certificate's DER, as colon-separated upper-case hex pairs (what people compare)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(certificate_pem.encode()).public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def throwaway_authority(name, now=None):
    """(CA certificate PEM, exchange certificate PEM, private key) of a made-up organisation ``name``:
    a certificate authority and the exchange certificate it issued, both valid from 30 days before
    ``now``. For tests, benchmarks and the worked example of docs/exchange.md; a Pemda's own come
    from its CA (eoffice_signing_certificate._exchange_certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    now = now or utcnow()
    valid_from = now - datetime.timedelta(days=30)
    ca_key, key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _i in range(2))
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"CA {name}"),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(valid_from)
          .not_valid_after(now + datetime.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Pertukaran Naskah {name}"),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
                                     x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid_from).not_valid_after(now + datetime.timedelta(days=730))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    return ca.public_bytes(pem).decode(), cert.public_bytes(pem).decode(), key


def seal(kind, payload, certificate_pem, key, files=None):
    """The signed document (bytes) of ``payload``; ``files`` (name -> bytes) travel with an envelope,
    and the payload must already list them (see :func:`file_entries`)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    document = {"format": kind, "payload": _b64(body), "certificate": certificate_pem,
                "signature": _b64(key.sign(body, padding.PKCS1v15(), hashes.SHA256()))}
    if files is not None:
        document["files"] = {name: _b64(data) for name, data in files.items()}
    return json.dumps(document, sort_keys=True).encode()


def file_entries(files, roles):
    """The payload's list of files: name, role (``letter`` or ``enclosure``), media type, size, SHA-256."""
    return [{"name": name, "role": roles[name][0], "media_type": roles[name][1], "size": len(data),
             "sha256": sha256(data)} for name, data in files.items()]


class Opened:
    """A verified document: its payload (dict), the exact signed bytes, the files and the sender's code."""

    def __init__(self, kind, payload, body, files, certificate_pem):
        self.kind = kind
        self.payload = payload
        self.body = body
        self.files = files
        self.certificate_pem = certificate_pem
        self.payload_sha256 = sha256(body)

    @property
    def sender(self):
        return self.payload["sender"]["organisation"]


def unseal(raw, trusted_cas, max_bytes, max_age, expect=FORMATS, now=None):
    """Verify a signed document and return it :class:`Opened`, or raise :class:`EnvelopeError`.

    ``trusted_cas(organisation)`` answers ``(known, [CA certificate PEM, ...])`` for the sender the
    payload names: an unknown organisation, one whose trust is not confirmed (no CA), a certificate
    not issued by one of those CAs or outside its validity, a wrong signature, a timestamp older
    than ``max_age`` (or ahead of the clock), and a file whose size or hash differs, are refused.
    """
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    if len(raw) > max_bytes:
        raise EnvelopeError("too_large", f"the document is larger than {max_bytes} bytes")
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise EnvelopeError("malformed", "the document is not JSON") from None
    if not isinstance(document, dict) or document.get("format") not in expect:
        raise EnvelopeError("malformed", f"format must be one of {', '.join(expect)}")
    body = _unb64(document.get("payload"), "payload")
    signature = _unb64(document.get("signature"), "signature")
    try:
        payload = json.loads(body)
        sender = payload["sender"]["organisation"]
        created = parse_timestamp(payload["created"])
        if not isinstance(payload.get("id"), str) or not payload["id"] or not isinstance(sender, str):
            raise KeyError("id")
    except (ValueError, KeyError, TypeError):
        raise EnvelopeError("malformed", "the payload lacks id, created or sender.organisation") from None
    known, cas = trusted_cas(sender)
    if not known:
        raise EnvelopeError("unknown_sender", f"{sender} is not in the directory of peers")
    if not cas:
        raise EnvelopeError("untrusted_sender", f"the trust of {sender} has not been confirmed")
    try:
        certificate = x509.load_pem_x509_certificate((document.get("certificate") or "").encode())
    except (ValueError, AttributeError):
        raise EnvelopeError("malformed", "certificate is not a PEM certificate") from None
    now = now or utcnow()
    issued = False
    for ca_pem in cas:
        try:
            certificate.verify_directly_issued_by(x509.load_pem_x509_certificate(ca_pem.encode()))
            issued = True
            break
        except (ValueError, TypeError, InvalidSignature):
            continue
    if not issued or not (certificate.not_valid_before_utc <= min(now, created)
                          and max(now, created) <= certificate.not_valid_after_utc):
        raise EnvelopeError("untrusted_certificate", "the certificate is not issued by the sender's trusted CA "
                                                     "or is outside its validity")
    try:
        certificate.public_key().verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, TypeError, ValueError):
        raise EnvelopeError("bad_signature", "the signature does not match the payload") from None
    if created < now - max_age or created > now + CLOCK_SKEW:
        error = EnvelopeError("expired", f"created {payload['created']} is outside the accepted time window")
        # authentic but late: the receiver may still answer a retry of an envelope it already took in
        error.opened = Opened(document["format"], payload, body, {}, document["certificate"])
        raise error
    if document["format"] != DIRECTORY and not isinstance(payload.get("recipient"), dict):
        raise EnvelopeError("malformed", "the payload lacks its recipient")
    files = {}
    if document["format"] == ENVELOPE:
        listed = payload.get("files")
        sent = document.get("files")
        if not isinstance(listed, list) or not listed or not isinstance(sent, dict):
            raise EnvelopeError("malformed", "an envelope lists and carries its files")
        if not all(isinstance(entry, dict) and isinstance(entry.get("name"), str)
                   and entry.get("role") in ("letter", "enclosure") for entry in listed) \
                or not isinstance(payload.get("letter"), dict):
            raise EnvelopeError("malformed", "each file listed has a name and a role (letter or enclosure), "
                                             "and letter is an object")
        if sorted(entry.get("name", "") for entry in listed) != sorted(sent):
            raise EnvelopeError("hash_mismatch", "the files carried differ from the files listed")
        for entry in listed:
            data = _unb64(sent[entry["name"]], f"file {entry['name']}")
            if len(data) != entry.get("size") or sha256(data) != entry.get("sha256"):
                raise EnvelopeError("hash_mismatch", f"file {entry['name']} differs from its listed size or SHA-256")
            files[entry["name"]] = data
        if [entry["role"] for entry in listed].count("letter") != 1:
            raise EnvelopeError("malformed", "an envelope carries exactly one letter file")
    return Opened(document["format"], payload, body, files, document["certificate"])
