from odoo import fields, models


class EofficeBudgetRealizationWizard(models.TransientModel):
    """Record the SP2D of a committed posting, or reverse a posting with a reason."""

    _name = "eoffice.budget.realization.wizard"
    _description = "Realisation Action"

    realization_ids = fields.Many2many("eoffice.budget.realization", "eoffice_budget_realization_wizard_rel",
                                       "wizard_id", "realization_id", string="Postings", required=True)
    mode = fields.Selection([("pay", "Record SP2D"), ("reverse", "Reverse")], required=True, default="pay")
    sp2d_number = fields.Char(string="SP2D Number")
    sp2d_date = fields.Date(string="SP2D Date", default=fields.Date.context_today)
    reason = fields.Char(string="Reason for Reversal")

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "pay":
            self.realization_ids.action_pay(self.sp2d_number, self.sp2d_date)
        else:
            self.realization_ids.action_reverse(self.reason)
        return {"type": "ir.actions.act_window_close"}
