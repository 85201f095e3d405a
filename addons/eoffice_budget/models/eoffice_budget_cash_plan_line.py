from odoo import api, fields, models
from odoo.exceptions import UserError

MONTHS = [f"m{month:02d}" for month in range(1, 13)]


class EofficeBudgetCashPlanLine(models.Model):
    """Anggaran kas: how the DPA of one sub kegiatan × account is spread over the 12 months.
    Every row must add up to the DPA before the cash plan is confirmed."""

    _name = "eoffice.budget.cash.plan.line"
    _description = "Cash Plan Line (Anggaran Kas)"
    _inherit = ["eoffice.workflow.mixin"]
    _order = "plan_id, activity_id, account_code"
    # the rows follow the cash plan's own status; they belong to an approved plan (the DPA)
    _workflow_state_field = "plan_id.cash_plan_state"
    _workflow_parent_field = "plan_id"
    _workflow_parent_states = ("approved",)

    plan_id = fields.Many2one("eoffice.budget.plan", string="DPA", required=True, ondelete="cascade", index=True,
                              workflow="create")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="SKPD")
    activity_id = fields.Many2one("eoffice.budget.plan.activity", string="Sub Kegiatan", required=True,
                                  ondelete="cascade", index=True, workflow="create")
    account_id = fields.Many2one("eoffice.budget.code", string="Account", required=True, ondelete="restrict",
                                 workflow="create")
    account_code = fields.Char(related="account_id.code", store=True, string="Account Code")
    currency_id = fields.Many2one(related="plan_id.currency_id")
    m01 = fields.Monetary(string="Jan", workflow=("draft",))
    m02 = fields.Monetary(string="Feb", workflow=("draft",))
    m03 = fields.Monetary(string="Mar", workflow=("draft",))
    m04 = fields.Monetary(string="Apr", workflow=("draft",))
    m05 = fields.Monetary(string="May", workflow=("draft",))
    m06 = fields.Monetary(string="Jun", workflow=("draft",))
    m07 = fields.Monetary(string="Jul", workflow=("draft",))
    m08 = fields.Monetary(string="Aug", workflow=("draft",))
    m09 = fields.Monetary(string="Sep", workflow=("draft",))
    m10 = fields.Monetary(string="Oct", workflow=("draft",))
    m11 = fields.Monetary(string="Nov", workflow=("draft",))
    m12 = fields.Monetary(string="Dec", workflow=("draft",))
    total = fields.Monetary(string="Total", compute="_compute_total", store=True)
    dpa_amount = fields.Monetary(string="DPA Amount", compute="_compute_dpa_amount")
    difference = fields.Monetary(string="Difference", compute="_compute_dpa_amount")

    _sql_constraints = [
        ("cash_line_uniq", "unique(plan_id, activity_id, account_id)", "This sub kegiatan and account already have "
                                                                        "a cash plan row."),
    ]

    @api.depends(*MONTHS)
    def _compute_total(self):
        for line in self:
            line.total = sum(line[month] for month in MONTHS)

    @api.depends("total", "account_id", "activity_id.line_ids.amount", "activity_id.line_ids.account_id")
    def _compute_dpa_amount(self):
        for line in self:
            line.dpa_amount = sum(line.activity_id.line_ids.filtered(
                lambda detail, line=line: detail.account_id == line.account_id).mapped("amount"))
            line.difference = line.dpa_amount - line.total

    def _through(self, month):
        """The cash planned from January to the month (1-12)."""
        self.ensure_one()
        return sum(self[name] for name in MONTHS[:month])

    def write(self, vals):
        if not self.env.su:
            if any(amount < 0 for name, amount in vals.items() if name in MONTHS):
                raise UserError(self.env._("A monthly amount cannot be negative."))
            if set(vals) & set(MONTHS) and self.plan_id.filtered(lambda plan: plan.cash_plan_state == "confirmed"):
                raise UserError(self.env._("The cash plan is confirmed; it changes only through a budget revision."))
        return super().write(vals)

    @api.depends("activity_id.sub_kegiatan_code", "account_code")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " ".join(filter(None, [line.activity_id.sub_kegiatan_code, line.account_code]))
