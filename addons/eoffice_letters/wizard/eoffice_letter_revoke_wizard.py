from odoo import fields, models


class EofficeLetterRevokeWizard(models.TransientModel):
    _name = "eoffice.letter.revoke.wizard"
    _description = "Revoke a Signed Letter"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade")
    reason = fields.Text(string="Reason", required=True,
                         help="Shown on the public verification page of the letter.")

    def action_confirm(self):
        self.ensure_one()
        self.letter_id.action_revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
