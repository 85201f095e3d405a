from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficeBudgetSpdLine(models.Model):
    _name = "eoffice.budget.spd.line"
    _description = "SPD Line"
    _inherit = ["eoffice.workflow.mixin"]
    _workflow_state_field = "spd_id.state"
    _workflow_parent_field = "spd_id"

    spd_id = fields.Many2one("eoffice.budget.spd", string="SPD", required=True, ondelete="cascade", index=True,
                             workflow="create")
    company_id = fields.Many2one(related="spd_id.company_id", store=True, index=True, string="SKPD")
    activity_id = fields.Many2one("eoffice.budget.plan.activity", string="Sub Kegiatan", required=True,
                                  ondelete="restrict", index=True, workflow=("draft",))
    currency_id = fields.Many2one(related="spd_id.currency_id")
    amount = fields.Monetary(string="Amount", required=True, workflow=("draft",))

    _sql_constraints = [("amount_positive", "CHECK(amount > 0)", "An SPD amount must be positive.")]

    @api.constrains("activity_id", "spd_id")
    def _check_activity(self):
        for line in self:
            if line.activity_id.plan_id != line.spd_id.plan_id:
                raise ValidationError(self.env._("An SPD line must be a sub kegiatan of the SPD's DPA."))

    @api.depends("spd_id.name", "activity_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = ": ".join(filter(None, [line.spd_id.name, line.activity_id.display_name]))
