"""Co-signing: the further officials who sign a signed letter's PDF after the signer, in order."""
import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..utils import SigningServiceDown
from .eoffice_letter import DRAFT


class EofficeLetterCosigning(models.Model):
    """Co-signing of eoffice.letter."""

    _inherit = "eoffice.letter"

    cosigner_ids = fields.One2many("eoffice.letter.cosigner", "letter_id", string="Co-signers", copy=True,
                                   help="Further officials who sign after the signer, in this order.", workflow=DRAFT)
    current_cosigner_id = fields.Many2one("eoffice.letter.cosigner", compute="_compute_current_cosigner",
                                          string="Next Co-signer")

    @api.depends("cosigner_ids.state", "cosigner_ids.sequence")
    def _compute_current_cosigner(self):
        for letter in self:
            letter.current_cosigner_id = letter.cosigner_ids.filtered(lambda c: c.state == "pending")[:1]

    def action_cosign(self, passphrase=None):
        """The next co-signer adds their signature to the signed PDF; the last one completes the letter."""
        self.ensure_one()
        cosigner = self.current_cosigner_id
        if self.state != "cosigning" or not cosigner:
            raise UserError(_("%(letter)s is not waiting for a co-signature.", letter=self.display_name))
        self._check_seat(cosigner.position_id, _("co-sign"))
        self.env.user._eoffice_check_strong_login()
        backend = self._signing_backend()
        if passphrase is None and backend.needs_passphrase():
            return self._sign_wizard_action(cosign=True)
        self._lock()
        identity = self._seat_identity(cosigner.position_id)
        pdf = base64.b64decode(self.pdf_file)
        field = f"Signature{len(self.cosigner_ids.filtered(lambda c: c.state == 'signed')) + 2}"
        index = int(field.removeprefix("Signature")) - 1
        try:
            pdf = backend.sign_pdf(self, pdf, passphrase, field,
                                   (40, 70 + 50 * (index - 1), 270, 115 + 50 * (index - 1)),
                                   reason=_("Co-signed as %(title)s", title=identity["signer_title"]))
        except SigningServiceDown as err:
            raise UserError(_("The signing service is unavailable (%(error)s); co-sign again later.",
                              error=str(err)[:200])) from err
        cosigner.sudo().write({"state": "signed", "signer_user_id": self.env.uid, "date": fields.Datetime.now(),
                               "signer_name": identity["signer_name"], "signer_title": identity["signer_title"],
                               "signer_nip": identity["signer_nip"]})
        values = {"pdf_file": base64.b64encode(pdf), "pdf_sha256": hashlib.sha256(pdf).hexdigest()}
        if not self.cosigner_ids.filtered(lambda c: c.state == "pending"):
            values["state"] = "signed"
        self._workflow_write(values)
        self.env["eoffice.signing.register"].sudo()._append(self, "cosigned")
        self._log(_("Co-signed by %(title)s %(name)s.", title=identity["signer_title"],
                    name=identity["signer_name"]))
        self._notify_pending()
        return True
