import base64
import datetime
import hashlib
import io
import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)

KEY_SIZE = 2048
CERT_YEARS = 2


def _crypto():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    return x509, hashes, serialization, rsa, NameOID


class EofficeSigningCertificate(models.Model):
    """An official's signing certificate issued by the Pemda's internal CA.

    The private key is generated on the server, encrypted at once with the official's
    passphrase (PKCS#8, AES-256) and only ever decrypted in memory to sign; the passphrase
    itself is neither stored nor logged. The CA's own key is encrypted with the database
    secret (keep it on an HSM in production: see readme/CONFIGURE.md).
    """

    _name = "eoffice.signing.certificate"
    _description = "Signing Certificate"
    _order = "create_date desc"
    _rec_name = "subject"
    _inherit = ["eoffice.workflow.mixin"]
    # issued and revoked only by the certificate authority's code; kept for ever (CRL, validation)
    _workflow_initial_states = ("valid",)
    _workflow_unlink_states = ()

    user_id = fields.Many2one("res.users", string="Official", required=True, index=True, readonly=True,
                              workflow="owned")
    employee_id = fields.Many2one("hr.employee", string="Civil Servant", readonly=True, workflow="owned")
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True, readonly=True,
                                 workflow="owned")
    is_ca = fields.Boolean(string="Certificate Authority", readonly=True, workflow="owned")
    subject = fields.Char(string="Subject", readonly=True, workflow="owned")
    serial = fields.Char(string="Serial Number", readonly=True, index=True, workflow="owned")
    certificate_pem = fields.Text(string="Certificate (PEM)", readonly=True, workflow="owned")
    encrypted_key = fields.Binary(string="Encrypted Private Key", readonly=True, attachment=False,
                                  groups="base.group_system", workflow="owned")
    date_from = fields.Datetime(string="Valid From", readonly=True, workflow="owned")
    date_to = fields.Datetime(string="Valid Until", readonly=True, workflow="owned")
    # superseded: an official's certificate replaced by a new one (not revoked: what it signed stays
    # valid); retired: a certificate authority replaced by a new one (it issues nothing more, but
    # still vouches for, and publishes the revocations of, the certificates it issued)
    state = fields.Selection([("valid", "Valid"), ("superseded", "Superseded"), ("retired", "Retired"),
                              ("revoked", "Revoked")], string="Status", default="valid",
                             required=True, readonly=True, workflow="owned")
    ca_id = fields.Many2one("eoffice.signing.certificate", string="Issued By", readonly=True, index=True,
                            workflow="owned", help="The Pemda certificate authority that issued this certificate.")
    revoked_date = fields.Datetime(string="Revoked On", readonly=True, workflow="owned")
    revoke_reason = fields.Char(string="Reason", readonly=True, workflow="owned")

    # ------------------------------------------------------------------ the Pemda CA
    @api.model
    def _ca_secret(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hashlib.sha256(f"eoffice-ca:{secret}".encode()).hexdigest().encode()

    @api.model
    def _get_ca(self, pemda, create=True):
        ca = self.sudo().search([("company_id", "=", pemda.id), ("is_ca", "=", True), ("state", "=", "valid")],
                                limit=1)
        if ca or not create:
            return ca
        x509, hashes, serialization, rsa, NameOID = _crypto()
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        # each generation of the Pemda's CA has a name of its own, so that validators tell them apart
        generation = self.sudo().search_count([("company_id", "=", pemda.id), ("is_ca", "=", True)]) + 1
        common_name = f"CA {pemda.name}" + (f" {generation}" if generation > 1 else "")
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda.name),
                          x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(minutes=5))
                .not_valid_after(now + datetime.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False),
                               critical=True)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(key, hashes.SHA256()))
        return self.sudo().create(self._values(cert, key, self._ca_secret(), pemda, is_ca=True))

    @api.model
    def _values(self, cert, key, passphrase, company, user=None, employee=None, is_ca=False, ca=None):
        _x509, _hashes, serialization, _rsa, _oid = _crypto()
        return {
            "ca_id": ca.id if ca else False,
            "user_id": (user or self.env.user).id,
            "employee_id": employee.id if employee else False,
            "company_id": company.id,
            "is_ca": is_ca,
            "subject": cert.subject.rfc4514_string(),
            "serial": format(cert.serial_number, "x"),
            "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
            "encrypted_key": base64.b64encode(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(passphrase))),
            "date_from": cert.not_valid_before_utc.replace(tzinfo=None),
            "date_to": cert.not_valid_after_utc.replace(tzinfo=None),
        }

    def _load(self, passphrase):
        """(certificate, private key) of this record; the passphrase decrypts the key."""
        x509, _hashes, serialization, _rsa, _oid = _crypto()
        record = self.sudo()
        cert = x509.load_pem_x509_certificate(record.certificate_pem.encode())
        try:
            key = serialization.load_pem_private_key(base64.b64decode(record.encrypted_key), password=passphrase)
        except (ValueError, TypeError):
            raise UserError(_("The passphrase is wrong: nothing was signed.")) from None
        return cert, key

    def _crl_url(self):
        """Where this CA publishes its revocations: the Pemda's first CA at the address its
        certificates have always carried, every later generation under its serial number."""
        base = self.env["ir.config_parameter"].sudo().get_param("eoffice.verify_base_url") \
            or self.browse().get_base_url()
        url = f"{base.rstrip('/')}/eoffice/ca/{self.company_id.id}/crl"
        return url if self == self._first_ca(self.company_id) else f"{url}/{self.serial}"

    @api.model
    def _first_ca(self, pemda):
        return self.sudo().search([("company_id", "=", pemda.id), ("is_ca", "=", True)], order="id", limit=1)

    @api.model
    def _trusted_cas(self, pemda):
        """Every generation of the Pemda's CA that still vouches for what it issued."""
        return self.sudo().search([("company_id", "=", pemda.id), ("is_ca", "=", True),
                                   ("state", "in", ("valid", "retired"))], order="id")

    def action_rotate_ca(self):
        """Replace the Pemda's certificate authority by a new one (scheduled renewal, or a new key
        after a suspected leak together with revoking the old officials' certificates). The old CA
        issues nothing more; it still vouches for what it issued and publishes its revocations, so
        every letter signed before stays valid. New certificates come from the new CA."""
        if not self.env.user.has_group("eoffice_skpd.group_pemda_admin"):
            raise AccessError(_("Only the Pemda administrator can replace the certificate authority."))
        for ca in self.sudo().filtered(lambda c: c.is_ca):
            # one rotation at a time: a second click waits, then finds the CA retired already
            self.env.cr.execute("SELECT id FROM eoffice_signing_certificate WHERE id = %s FOR UPDATE", [ca.id])
            ca.invalidate_recordset(["state"])
            if ca.state != "valid":
                continue
            ca.write({"state": "retired"})
            self._get_ca(ca.company_id)
        return True

    # ------------------------------------------------------------------ officials
    @api.model
    def _issue(self, user, passphrase):
        """Issue a certificate to ``user`` from the Pemda CA, its key sealed with ``passphrase``."""
        if len(passphrase or "") < 8:
            raise UserError(_("Choose a passphrase of at least 8 characters."))
        employees = self.env["hr.employee"].sudo().search([("user_id", "=", user.id)])
        employee = employees.filtered(lambda e: e.company_id == user.company_id)[:1] or employees[:1]
        company = employee.company_id or user.company_id
        pemda = company.pemda_id.sudo()
        ca = self._get_ca(pemda)
        ca_cert, ca_key = ca._load(self._ca_secret())
        x509, hashes, _serialization, rsa, NameOID = _crypto()
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        attributes = [x509.NameAttribute(NameOID.COMMON_NAME, employee.name or user.name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, company.name),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
        if employee.nip:
            attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, employee.nip))
        now = datetime.datetime.now(datetime.timezone.utc)
        crl_url = ca._crl_url()
        cert = (x509.CertificateBuilder().subject_name(x509.Name(attributes)).issuer_name(ca_cert.subject)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(minutes=5))
                .not_valid_after(now + datetime.timedelta(days=365 * CERT_YEARS))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                               critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                               critical=False)
                .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                    full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None, reasons=None,
                    crl_issuer=None)]), critical=False)
                .sign(ca_key, hashes.SHA256()))
        # one valid certificate per official: a new one replaces the old, and what the old one
        # signed stays valid (a leaked key is revoked by the Pemda administrator instead)
        self._of_user(user).sudo().write({"state": "superseded"})
        return self.sudo().create(self._values(cert, key, passphrase.encode(), company, user=user,
                                               employee=employee, ca=ca))

    @api.model
    def _of_user(self, user):
        """The user's valid signing certificate (at most one: a new one revokes the old)."""
        return self.sudo().search([("user_id", "=", user.id), ("is_ca", "=", False), ("state", "=", "valid")],
                                  limit=1)

    def _revoke(self, reason):
        self.sudo().write({"state": "revoked", "revoked_date": fields.Datetime.now(), "revoke_reason": reason})

    def action_revoke(self):
        if not self.env.user.has_group("eoffice_skpd.group_pemda_admin"):
            raise AccessError(_("Only the Pemda administrator can revoke certificates."))
        # an official's certificate, or a CA whose key may have leaked: a revoked CA vouches for nothing
        # it issued (what it could still forge is no longer trusted); the next request makes a new CA
        self.filtered(lambda c: c.state in ("valid", "superseded", "retired"))._revoke(
            _("Revoked by the Pemda administrator"))
        return True

    @api.model
    def _crl_der(self, pemda, ca=None):
        """The certificate revocation list (DER) of one generation of the Pemda's CA (by default its
        first, whose list the address without serial number publishes)."""
        ca = ca or self._first_ca(pemda)
        if not ca or ca.state not in ("valid", "retired"):
            return b""
        revoked = self.sudo().search([("state", "=", "revoked"), ("is_ca", "=", False), ("ca_id", "=", ca.id)])
        entries = tuple(sorted((cert.serial, cert.revoked_date.isoformat()) for cert in revoked))
        # signed again (which decrypts the CA key) at most once an hour, or when a revocation is added:
        # a public route serves it
        hour = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H")
        return self._crl_der_signed(ca.id, entries, hour)

    @tools.ormcache("ca_id", "entries", "hour")
    def _crl_der_signed(self, ca_id, entries, hour):
        x509, hashes, serialization, _rsa, _oid = _crypto()
        ca_cert, ca_key = self.sudo().browse(ca_id)._load(self._ca_secret())
        now = datetime.datetime.now(datetime.timezone.utc)
        builder = (x509.CertificateRevocationListBuilder().issuer_name(ca_cert.subject)
                   .last_update(now - datetime.timedelta(minutes=5)).next_update(now + datetime.timedelta(days=1)))
        for serial, revoked_date in entries:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(int(serial, 16))
                .revocation_date(datetime.datetime.fromisoformat(revoked_date).replace(tzinfo=datetime.timezone.utc))
                .build())
        return builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    # ------------------------------------------------------------------ PAdES
    def _sign_pdf(self, pdf, passphrase, field_name, reason, location, box=None):
        """Sign ``pdf`` (bytes) with this certificate: a PAdES signature with a visible stamp."""
        from asn1crypto import keys as akeys
        from asn1crypto import x509 as ax509
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields as sigfields
        from pyhanko.sign import signers
        from pyhanko.stamp import TextStampStyle
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        _x509, _hashes, serialization, _rsa, _oid = _crypto()
        cert, key = self._load(passphrase)
        issuer = self.sudo().ca_id or self._get_ca(self.company_id.pemda_id.sudo(), create=False)
        ca_cert, _ca_key = issuer._load(self._ca_secret())
        signer = signers.SimpleSigner(
            signing_cert=ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            signing_key=akeys.PrivateKeyInfo.load(key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            cert_registry=SimpleCertificateStore.from_certs(
                [ax509.Certificate.load(ca_cert.public_bytes(serialization.Encoding.DER))]))
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        pdf_signer = signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name=field_name, reason=reason, location=location,
                                         subfilter=sigfields.SigSeedSubFilter.PADES),
            signer=signer,
            stamp_style=TextStampStyle(stamp_text="%(signer)s\n%(ts)s\n%(reason)s", border_width=1),
            new_field_spec=sigfields.SigFieldSpec(field_name, on_page=-1, box=box or (330, 70, 560, 115)),
        )
        out = pdf_signer.sign_pdf(writer, appearance_text_params={"reason": reason})
        return out.getvalue()

    @api.model
    def _validate_pdf(self, pdf, pemda):
        """Validate every signature of ``pdf`` against the Pemda CA and its CRL."""
        from asn1crypto import crl as acrl
        from asn1crypto import x509 as ax509
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        _x509, _hashes, serialization, _rsa, _oid = _crypto()
        cas = self._trusted_cas(pemda)
        try:
            reader = PdfFileReader(io.BytesIO(pdf), strict=False)
            signatures = reader.embedded_signatures
        except Exception:  # noqa: BLE001 - not a PDF, or a broken one: no signature to speak of
            return []
        if not signatures:
            return []
        roots = [ax509.Certificate.load(_x509.load_pem_x509_certificate(ca.certificate_pem.encode()).public_bytes(
            serialization.Encoding.DER)) for ca in cas]
        if pemda.bsre_root_pem:
            # the national CA's root, for letters signed through BSrE (its revocation is BSrE's to publish)
            x509, _hashes, _ser, _rsa, _oid = _crypto()
            try:
                root = x509.load_pem_x509_certificate(pemda.bsre_root_pem.encode())
                roots.append(ax509.Certificate.load(root.public_bytes(serialization.Encoding.DER)))
            except ValueError:
                _logger.info("The BSrE root certificate of %s is not a PEM certificate", pemda.name)
        crls = [acrl.CertificateList.load(self._crl_der(pemda, ca)) for ca in cas]
        context = ValidationContext(trust_roots=roots, crls=crls, allow_fetching=False,
                                    revocation_mode="hard-fail")
        results = []
        for signature in signatures:
            try:
                # pyHanko logs what it finds (a revoked certificate...) as warnings: here it is the answer
                # given to the person who uploaded the file, not a fault of the server
                with mute_logger("pyhanko.sign.validation.generic_cms", "pyhanko_certvalidator"):
                    status = validate_pdf_signature(signature, context)
            except Exception as err:  # noqa: BLE001 - a malformed signature is reported as invalid
                results.append({"signer": "", "intact": False, "trusted": False, "revoked": False,
                                "valid": False, "problem": str(err)[:200]})
                continue
            results.append({
                "signer": status.signing_cert.subject.human_friendly if status.signing_cert else "",
                "intact": bool(status.intact and status.valid),
                "trusted": bool(status.trusted),
                "revoked": bool(status.revoked),
                "valid": bool(status.bottom_line),
            })
        return results
