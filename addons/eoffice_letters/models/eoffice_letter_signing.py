"""Signing of an outgoing letter: who signs and how the signature block reads, then number, render,
sign through the Pemda's signing backend, hash and freeze, in one transaction.

The backend (QR only, the Pemda CA, BSrE...) is chosen through the registry of signing_backend.py;
nothing here depends on which one it is.
"""
import base64
import hashlib
import secrets

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from .signing_backend import BACKENDS

SIGNATURE_KINDS = [
    ("qr", "QR code only (not a certified electronic signature)"),
    ("certified", "Certified electronic signature"),
]

class EofficeLetterSigning(models.Model):
    """Signing of eoffice.letter."""

    _inherit = "eoffice.letter"

    number = fields.Char(string="Number", readonly=True, copy=False, index="trigram", tracking=True, workflow="owned")
    letter_date = fields.Date(string="Date", readonly=True, copy=False, workflow="owned")
    verification_token = fields.Char(string="Verification Token", readonly=True, copy=False, index=True,
                                     groups="base.group_user", workflow="owned")
    verification_url = fields.Char(string="Verification URL", compute="_compute_verification_url")
    pdf_file = fields.Binary(string="Signed PDF", attachment=True, readonly=True, copy=False, workflow="owned")
    pdf_filename = fields.Char(string="PDF File Name", readonly=True, copy=False, workflow="owned")
    pdf_sha256 = fields.Char(string="SHA-256 of the PDF", readonly=True, copy=False, workflow="owned")
    signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False, workflow="owned")
    signer_user_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False, workflow="owned")
    signer_name = fields.Char(string="Signer's Name", readonly=True, copy=False, workflow="owned")
    signer_nip = fields.Char(string="Signer's NIP", readonly=True, copy=False, workflow="owned")
    signer_title = fields.Char(string="Signed As", readonly=True, copy=False,
                               help="Position in the signature block, with Plt./Plh. for an acting official.",
                                   workflow="owned")
    signer_acting_kind = fields.Selection([("plt", "Plt."), ("plh", "Plh.")], string="Acting", readonly=True,
                                          copy=False, workflow="owned")
    signature_kind = fields.Selection(SIGNATURE_KINDS, string="Signature", readonly=True, copy=False,
                                      default="qr", workflow="owned")

    def _compute_verification_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("eoffice.verify_base_url") \
            or self.browse().get_base_url()
        for letter in self:
            token = letter.sudo().verification_token
            letter.verification_url = f"{base.rstrip('/')}/eoffice/verify/{token}" if token else False

    def _signer_identity(self):
        """Who signs and how the signature block reads, for the current user in the signer seat."""
        return self._seat_identity(self.signer_position_id)

    def _seat_identity(self, position):
        position = position.sudo()
        user = self.env.user
        acting = position.current_acting_id
        if acting and acting.employee_id.user_id == user:
            employee, kind = acting.employee_id, acting.kind
        elif position.employee_id.user_id == user:
            employee, kind = position.employee_id, False
        else:
            employee = position.current_employee_ids.filtered(lambda e: e.user_id == user)[:1]
            kind = acting.kind if acting and acting.employee_id == employee else False
        prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(kind, "")
        return {
            "signer_user_id": user.id,
            "signer_name": employee.name or user.name,
            "signer_nip": employee.nip or False,
            "signer_title": f"{prefix}{position.name}",
            "signer_acting_kind": kind or False,
        }

    def _signing_backend(self):
        """The signing backend the letter's Pemda has chosen (a SigningBackend of the registry)."""
        key = self.company_id.pemda_id.sudo().signing_backend or "qr"
        backend = BACKENDS.get(key)
        if not backend:
            raise UserError(_("The signing backend %(backend)s is not installed; choose another one on the "
                              "Pemda.", backend=key))
        return backend()

    def action_sign(self, passphrase=None):
        """Number, render, (PAdES-sign,) hash and freeze the letter. Any failure rolls the number back.

        With a certificate authority and no passphrase given, the passphrase dialog opens instead."""
        if passphrase is None and any(letter._signing_backend().needs_passphrase() for letter in self):
            self.ensure_one()
            return self._sign_wizard_action()
        for letter in self:
            if letter._signing_backend().can_queue():
                letter._sign_or_queue(passphrase)
            else:
                letter._sign_one(passphrase)
        return True

    def _sign_wizard_action(self, cosign=False):
        """The dialog asking the passphrase of the current user's certificate."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Sign with Your Certificate"),
            "res_model": "eoffice.letter.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id, "default_cosign": cosign},
        }

    def _my_certificate(self):
        certificate = self.env["eoffice.signing.certificate"]._of_user(self.env.user)
        if not certificate:
            raise UserError(_("You have no valid signing certificate. Request yours under Official Letters "
                              "→ My Signing Certificate, then sign again."))
        return certificate

    def _sign_one(self, passphrase=None):
        letter = self
        if letter.direction != "outgoing" or letter.state != "to_sign":
            raise UserError(_("%(letter)s is not waiting for a signature.", letter=letter.display_name))
        letter._check_seat(letter.signer_position_id, _("sign"))
        self.env.user._eoffice_check_strong_login()
        if letter.supersedes_id and letter.signer_position_id != letter.supersedes_id.sudo().signer_position_id:
            # superseding is as strong as revoking: only the seat that signed the letter replaces it
            raise AccessError(_("A correction is signed by the seat that signed the letter it corrects (%(seat)s).",
                                seat=letter.supersedes_id.sudo().signer_position_id.display_name))
        letter._check_required_for_submit()
        letter._lock()
        today = fields.Date.context_today(letter)
        values = letter._signer_identity()
        values.update({
            "number": letter._assign_number(today),
            "letter_date": today,
            "verification_token": secrets.token_urlsafe(24),
            "signature_kind": "qr",
        })
        letter._workflow_write(values)
        letter._workflow_write({"signed_body": letter._render_body()})
        pdf = letter._render_pdf()
        pdf = letter._signing_backend().sign_pdf(
            letter, pdf, passphrase, "Signature1", None,
            reason=_("Signed as %(title)s, number %(number)s", title=letter.signer_title, number=letter.number))
        letter._workflow_write({
            "state": "cosigning" if letter.cosigner_ids else "signed",
            "pdf_file": base64.b64encode(pdf),
            "pdf_filename": letter._pdf_filename(),
            "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
            "signed_date": fields.Datetime.now(),
            # "qr" while the page was rendered; the backend's kind once its signature is in
            "signature_kind": letter._signing_backend().signature_kind,
        })
        letter.env["eoffice.letter.version"].sudo().create({
            "letter_id": letter.id, "version_no": len(letter.version_ids) + 1, "event": "signed",
            "subject": letter.name, "body": letter.signed_body,
        })
        if letter.supersedes_id:
            old = letter.supersedes_id.sudo()
            old._workflow_write({"state": "superseded", "superseded_by_id": letter.id})
            old.env["eoffice.signing.register"].sudo()._append(old, "superseded")
            old._log(_("Superseded by the correction %(number)s.", number=letter.number))
        if letter.sign_queued:
            letter.sudo()._workflow_write({"sign_queued": False, "sign_queue_secret": False})
        letter.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        if letter.state == "cosigning":
            letter._notify_pending()
        letter._log(_("Signed by %(title)s %(name)s as number %(number)s.",
                      title=letter.signer_title, name=letter.signer_name, number=letter.number))
        letter.env["eoffice.signing.register"].sudo()._append(letter, "signed")

    def _pdf_filename(self):
        safe = "".join(c if c.isalnum() else "-" for c in (self.number or self.name or "surat"))
        return f"{safe.strip('-')}.pdf"

