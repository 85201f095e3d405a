from odoo import api, fields, models
from odoo.exceptions import ValidationError

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
# indicators, their targets and their realisation are reported until the fiscal year is closed
OPEN_YEAR = ("planning", "execution")


class EofficeBudgetIndicator(models.Model):
    """A SAKIP performance indicator (Perpres 29/2014) of an SKPD, or of one of its programs or
    kegiatan, with yearly and quarterly targets, shown beside the budget it consumes."""

    _name = "eoffice.budget.indicator"
    _description = "Performance Indicator (SAKIP)"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "fiscal_year_id desc, company_id, level, name"
    # no state of its own: frozen, with its realisation, when the fiscal year is closed
    _workflow_state_field = "fiscal_year_id.state"
    _workflow_initial_states = OPEN_YEAR

    name = fields.Char(string="Indicator", required=True, workflow=OPEN_YEAR)
    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 default=lambda self: self.env.company, workflow="create")
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True,
                                     ondelete="restrict", workflow="create")
    level = fields.Selection([("skpd", "SKPD (strategic goal)"), ("program", "Program"), ("kegiatan", "Kegiatan")],
                             string="Level", required=True, default="skpd", workflow=OPEN_YEAR)
    code_id = fields.Many2one("eoffice.budget.code", string="Program / Kegiatan",
                              domain="[('kind', '=', 'program'), ('level', '=', level)]", workflow=OPEN_YEAR)
    uom = fields.Char(string="Unit", required=True, workflow=OPEN_YEAR)
    direction = fields.Selection([("higher", "Higher is better"), ("lower", "Lower is better")],
                                 string="Direction", required=True, default="higher", workflow=OPEN_YEAR,
                                 help="For a lower-is-better indicator (e.g. maternal deaths) achievement is "
                                      "target ÷ realisation.")
    target = fields.Float(string="Yearly Target", required=True, digits=(16, 2), workflow=OPEN_YEAR)
    target_q1 = fields.Float(string="Target Q1", digits=(16, 2), workflow=OPEN_YEAR)
    target_q2 = fields.Float(string="Target Q2", digits=(16, 2), workflow=OPEN_YEAR)
    target_q3 = fields.Float(string="Target Q3", digits=(16, 2), workflow=OPEN_YEAR)
    target_q4 = fields.Float(string="Target Q4", digits=(16, 2), workflow=OPEN_YEAR)
    realization_ids = fields.One2many("eoffice.budget.indicator.realization", "indicator_id",
                                      string="Realisation by Quarter", workflow=OPEN_YEAR)
    realization = fields.Float(string="Latest Realisation", compute="_compute_achievement", store=True, digits=(16, 2),
                               help="The latest quarter's value (cumulative indicators report the running figure).")
    achievement = fields.Float(string="Achievement %", compute="_compute_achievement", store=True,
                               aggregator="avg")
    absorption = fields.Float(string="Budget Absorption %", compute="_compute_absorption",
                              help="Realised ÷ DPA of the SKPD, program or kegiatan in the same fiscal year.")

    @staticmethod
    def _ratio(direction, target, realization):
        if direction == "lower":
            return 100.0 * target / realization if realization else (100.0 if not target else 0.0)
        return 100.0 * realization / target if target else 0.0

    @api.depends("realization_ids.value", "realization_ids.quarter", "target", "direction")
    def _compute_achievement(self):
        for indicator in self:
            latest = indicator.realization_ids.sorted("quarter")[-1:]
            indicator.realization = latest.value if latest else 0.0
            indicator.achievement = indicator._ratio(indicator.direction, indicator.target, indicator.realization) \
                if latest else 0.0

    def _compute_absorption(self):
        Activity = self.env["eoffice.budget.plan.activity"]
        for indicator in self:
            domain = [("company_id", "=", indicator.company_id.id), ("plan_kind", "=", "dpa"),
                      ("fiscal_year_id", "=", indicator.fiscal_year_id.id)]
            if indicator.level == "program" and indicator.code_id:
                domain.append(("program_id.code", "=", indicator.code_id.code))
            elif indicator.level == "kegiatan" and indicator.code_id:
                domain.append(("kegiatan_id.code", "=", indicator.code_id.code))
            activities = Activity.search(domain)
            total = sum(activities.mapped("total"))
            indicator.absorption = 100.0 * sum(activities.mapped("realized_amount")) / total if total else 0.0

    @api.constrains("level", "code_id")
    def _check_code(self):
        for indicator in self:
            if indicator.level != "skpd" and (not indicator.code_id or indicator.code_id.level != indicator.level):
                raise ValidationError(self.env._("A %(level)s indicator names its %(level)s code.",
                                                 level=indicator.level))
