from odoo import _, fields, models
from odoo.exceptions import UserError


class EofficeLetterSignWizard(models.TransientModel):
    """Asks the signer's passphrase. The passphrase is wiped from the record before the
    signature is made (as Odoo's own identity check does) and never logged."""

    _name = "eoffice.letter.sign.wizard"
    _description = "Sign a Letter with a Certificate"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade")
    passphrase = fields.Char(string="Passphrase")
    cosign = fields.Boolean(string="Co-signature")

    def action_confirm(self):
        self.ensure_one()
        passphrase = self.passphrase or ""
        self.sudo().write({"passphrase": False})
        if not passphrase:
            raise UserError(_("Give the passphrase of your signing certificate."))
        if self.cosign:
            self.letter_id.action_cosign(passphrase=passphrase)
        else:
            self.letter_id.action_sign(passphrase=passphrase)
        return {"type": "ir.actions.act_window_close"}


class EofficeSigningCertificateRequest(models.TransientModel):
    _name = "eoffice.signing.certificate.request"
    _description = "Request a Signing Certificate"

    passphrase = fields.Char(string="Passphrase", help="At least 8 characters. Nobody can recover it: keep it safe.")
    passphrase_confirm = fields.Char(string="Repeat the Passphrase")
    current_certificate_id = fields.Many2one("eoffice.signing.certificate", string="Current Certificate",
                                             default=lambda self: self.env["eoffice.signing.certificate"]
                                             ._of_user(self.env.user))

    def action_confirm(self):
        self.ensure_one()
        passphrase, repeated = self.passphrase or "", self.passphrase_confirm or ""
        self.sudo().write({"passphrase": False, "passphrase_confirm": False})
        if passphrase != repeated:
            raise UserError(_("The two passphrases differ."))
        self.env["eoffice.signing.certificate"]._issue(self.env.user, passphrase)
        return {"type": "ir.actions.act_window_close"}
