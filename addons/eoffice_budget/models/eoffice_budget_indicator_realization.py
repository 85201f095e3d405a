from odoo import api, fields, models

from .eoffice_budget_indicator import OPEN_YEAR, QUARTERS


class EofficeBudgetIndicatorRealization(models.Model):
    _name = "eoffice.budget.indicator.realization"
    _description = "Indicator Realisation"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "indicator_id, quarter"
    _workflow_state_field = "fiscal_year_id.state"
    _workflow_initial_states = OPEN_YEAR
    _workflow_parent_field = "indicator_id"
    _workflow_parent_states = OPEN_YEAR

    indicator_id = fields.Many2one("eoffice.budget.indicator", string="Indicator", required=True, ondelete="cascade",
                                   index=True, workflow="create")
    company_id = fields.Many2one(related="indicator_id.company_id", store=True, index=True, string="SKPD")
    fiscal_year_id = fields.Many2one(related="indicator_id.fiscal_year_id", string="Fiscal Year")
    quarter = fields.Selection(QUARTERS, string="Quarter", required=True, workflow=OPEN_YEAR)
    value = fields.Float(string="Value", required=True, digits=(16, 2), workflow=OPEN_YEAR)
    target = fields.Float(string="Target", compute="_compute_achievement", digits=(16, 2))
    achievement = fields.Float(string="Achievement %", compute="_compute_achievement")
    note = fields.Char(string="Evidence", workflow=OPEN_YEAR)

    _sql_constraints = [("quarter_uniq", "unique(indicator_id, quarter)", "This quarter is already reported.")]

    @api.depends("value", "quarter", "indicator_id.target_q1", "indicator_id.target_q2", "indicator_id.target_q3",
                 "indicator_id.target_q4", "indicator_id.direction")
    def _compute_achievement(self):
        for line in self:
            indicator = line.indicator_id
            line.target = indicator[f"target_q{line.quarter}"] if line.quarter else 0.0
            line.achievement = indicator._ratio(indicator.direction, line.target, line.value)

    @api.depends("indicator_id.name", "quarter")
    def _compute_display_name(self):
        quarters = dict(self._fields["quarter"]._description_selection(self.env))
        for line in self:
            line.display_name = " — ".join(filter(None, [line.indicator_id.name, quarters.get(line.quarter)]))
