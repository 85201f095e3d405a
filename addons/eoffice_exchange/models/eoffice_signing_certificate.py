import datetime

from odoo import api, models
from odoo.addons.eoffice_letters.models.eoffice_signing_certificate import CERT_YEARS, KEY_SIZE, _crypto

# the exchange's decrypted key, per process: it signs every receipt unattended, and decrypting its PEM
# (PBKDF) took 90 ms, 40 % of taking in an envelope (bench/bench_exchange_inbox.py). Keyed by the
# database and the certificate itself, so a renewed certificate or another database never reuses it.
_KEYS = {}


class EofficeSigningCertificate(models.Model):
    _inherit = "eoffice.signing.certificate"

    @api.model
    def _exchange_certificate(self, pemda):
        """(certificate PEM, private key) the exchange signs envelopes and receipts with: issued by the
        Pemda CA to the Pemda itself (held by the superuser, who signs no letter), its key sealed like
        the CA's; renewed a month before it expires."""
        root = self.env.ref("base.user_root")
        ca = self._get_ca(pemda)
        certificate = self.sudo().search([("user_id", "=", root.id), ("company_id", "=", pemda.id),
                                          ("is_ca", "=", False), ("state", "=", "valid"), ("ca_id", "=", ca.id)],
                                         order="id desc", limit=1)
        soon = datetime.datetime.now() + datetime.timedelta(days=30)
        if not certificate or certificate.date_to <= soon:
            certificate.sudo().write({"state": "superseded"})
            certificate = self._issue_exchange(pemda, ca, root)
        cache_key = (self.env.cr.dbname, certificate.id, certificate.certificate_pem)
        if cache_key not in _KEYS:
            _KEYS[cache_key] = certificate._load(self._ca_secret())[1]
        return certificate.certificate_pem, _KEYS[cache_key]

    def _issue_exchange(self, pemda, ca, root):
        x509, hashes, _serialization, rsa, NameOID = _crypto()
        ca_cert, ca_key = ca._load(self._ca_secret())
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Pertukaran Naskah {pemda.name}"),
                                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda.name),
                                         x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]))
                .issuer_name(ca_cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(minutes=5))
                .not_valid_after(min(now + datetime.timedelta(days=365 * CERT_YEARS), ca_cert.not_valid_after_utc))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                               critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                               critical=False)
                .sign(ca_key, hashes.SHA256()))
        return self.sudo().create(self._values(cert, key, self._ca_secret(), pemda, user=root, ca=ca))
