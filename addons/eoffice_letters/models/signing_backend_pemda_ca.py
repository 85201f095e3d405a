"""Signing backend "pemda_ca": a PAdES signature made with the official's certificate from the
Pemda's own certificate authority (the authority itself is eoffice_signing_certificate.py)."""
from odoo import fields, models

from .signing_backend import SigningBackend, register


class ResCompany(models.Model):
    _inherit = "res.company"

    signing_backend = fields.Selection(
        selection_add=[("qr",), ("pemda_ca", "Certified: the Pemda's certificate authority")],
        ondelete={"pemda_ca": "set default"})


@register
class PemdaCaSigningBackend(SigningBackend):
    key = "pemda_ca"
    signature_kind = "certified"

    def needs_passphrase(self):
        return True

    def sign_pdf(self, letter, pdf, passphrase, field, box, reason):
        certificate = letter._my_certificate()
        return certificate._sign_pdf(pdf, (passphrase or "").encode(), field, reason=reason,
                                     location=self.location(letter), box=box)
