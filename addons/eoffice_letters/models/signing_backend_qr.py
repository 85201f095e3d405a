"""Signing backend "qr": no cryptographic signature; the PDF's QR code and its SHA-256 in the
signing register are what make it verifiable (not a certified electronic signature)."""
from .signing_backend import SigningBackend, register


@register
class QrSigningBackend(SigningBackend):
    key = "qr"
    signature_kind = "qr"

    def sign_pdf(self, letter, pdf, passphrase, field, box, reason):
        return pdf
