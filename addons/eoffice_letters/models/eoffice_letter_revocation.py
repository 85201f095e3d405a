"""Revocation of a signed letter, and its correction by a new letter that supersedes it."""
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeLetterRevocation(models.Model):
    """Revocation and correction of eoffice.letter."""

    _inherit = "eoffice.letter"

    supersedes_id = fields.Many2one("eoffice.letter", string="Corrects", readonly=True, index=True, copy=False,
                                    help="The signed letter this one corrects and replaces.", workflow="owned")
    superseded_by_id = fields.Many2one("eoffice.letter", string="Superseded By", readonly=True, copy=False,
                                       workflow="owned")
    revoke_reason = fields.Text(string="Reason for Revocation", readonly=True, copy=False, workflow="owned")
    revoked_date = fields.Datetime(string="Revoked On", readonly=True, copy=False, workflow="owned")
    revoked_by_id = fields.Many2one("res.users", string="Revoked By", readonly=True, copy=False, workflow="owned")

    def action_revoke(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for revoking the letter."))
        for letter in self:
            if letter.state not in ("signed", "sent"):
                raise UserError(_("Only a signed letter can be revoked."))
            user = self.env.user
            if user not in letter.signer_position_id.sudo().current_user_ids \
                    and not user.has_group("eoffice_skpd.group_skpd_admin"):
                raise AccessError(_("Only the signer's seat or the SKPD administrator can revoke a letter."))
            letter._workflow_write({"state": "revoked", "revoke_reason": reason,
                                      "revoked_date": fields.Datetime.now(), "revoked_by_id": user.id})
            letter.env["eoffice.signing.register"].sudo()._append(letter, "revoked")
            letter._log(_("Revoked: %(reason)s", reason=reason))
            for copy in letter.sudo().recipient_ids.incoming_letter_id:
                copy._log(_("The sender revoked this letter: %(reason)s", reason=reason))
        return True

    def action_open_revoke_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revoke the Letter"),
            "res_model": "eoffice.letter.revoke.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    def action_correct(self):
        """A new draft that, once signed, supersedes this letter."""
        self.ensure_one()
        if self.state not in ("signed", "sent") or self.direction != "outgoing":
            raise UserError(_("Only a signed letter can be corrected."))
        user = self.env.user
        if user != self.create_uid and user not in self.signer_position_id.sudo().current_user_ids \
                and not user.has_group("eoffice_skpd.group_skpd_admin"):
            raise AccessError(_("Only the drafter, the signer's seat or the SKPD administrator can correct a letter."))
        if self.superseded_by_id or self.search_count([("supersedes_id", "=", self.id), ("state", "!=", "revoked")]):
            raise UserError(_("A correction of this letter already exists."))
        correction = self.copy({"body": self.body})
        correction._workflow_write({"supersedes_id": self.id})
        correction._log(_("Correction of %(number)s.", number=self.number))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }
