from odoo import fields, models


class EofficeLetterReturnWizard(models.TransientModel):
    _name = "eoffice.letter.return.wizard"
    _description = "Return a Draft to the Drafter"

    letter_id = fields.Many2one("eoffice.letter", string="Letter", required=True, ondelete="cascade")
    note = fields.Text(string="Notes", required=True, help="What the drafter has to change.")

    def action_confirm(self):
        self.ensure_one()
        self.letter_id.action_return(self.note)
        return {"type": "ir.actions.act_window_close"}
