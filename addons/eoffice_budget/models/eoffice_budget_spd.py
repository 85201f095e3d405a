from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeBudgetSpd(models.Model):
    """SPD (Surat Penyediaan Dana): BPKAD authorises an SKPD to spend up to an amount per sub
    kegiatan, within the cash plan up to the SPD's last month."""

    _name = "eoffice.budget.spd"
    _description = "Spending Authority (SPD)"
    _inherit = ["mail.thread", "eoffice.workflow.mixin"]
    _order = "date desc, id desc"
    _workflow_transitions = (("draft", "approved"),)

    name = fields.Char(string="SPD Number", required=True, workflow=("draft",))
    date = fields.Date(string="Date", required=True, default=fields.Date.context_today, workflow=("draft",))
    plan_id = fields.Many2one("eoffice.budget.plan", string="DPA", required=True, index=True,
                              domain="[('kind', '=', 'dpa')]", ondelete="restrict", workflow="create")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, string="SKPD")
    month_to = fields.Selection([(str(month), str(month)) for month in range(1, 13)], string="Up to Month",
                                required=True, default="3", workflow=("draft",),
                                help="The SPD covers the cash plan from January to this month.")
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved")], string="Status", default="draft",
                             required=True, readonly=True, tracking=True, workflow="owned")
    line_ids = fields.One2many("eoffice.budget.spd.line", "spd_id", string="Lines", workflow=("draft",))
    currency_id = fields.Many2one(related="plan_id.currency_id")
    total = fields.Monetary(string="Total", compute="_compute_total", store=True)

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for spd in self:
            spd.total = sum(spd.line_ids.mapped("amount"))

    def _check_bpkad(self):
        if not (self.env.su or self.env.user.has_group("eoffice_budget.group_budget_manager")):
            raise AccessError(self.env._("Only BPKAD issues an SPD."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_bpkad()
        return super().create(vals_list)

    def write(self, vals):
        self._check_bpkad()
        return super().write(vals)

    def action_fill_from_cash_plan(self):
        """Propose, per sub kegiatan, the cash planned up to the SPD's month less earlier SPDs."""
        self._check_bpkad()
        for spd in self:
            month = int(spd.month_to)
            authorised = dict(self.env["eoffice.budget.spd.line"]._read_group(
                [("spd_id.plan_id", "=", spd.plan_id.id), ("spd_id.state", "=", "approved")],
                ["activity_id"], ["amount:sum"]))
            lines = []
            for activity in spd.plan_id.sub_kegiatan_ids:
                rows = spd.plan_id.cash_plan_line_ids.filtered(
                    lambda row, activity=activity: row.activity_id == activity)
                amount = sum(row._through(month) for row in rows) - authorised.get(activity, 0.0)
                if amount > 0:
                    lines.append((0, 0, {"activity_id": activity.id, "amount": amount}))
            spd.line_ids = [(5, 0, 0), *lines]
        return True

    def action_approve(self):
        self._check_bpkad()
        for spd in self:
            if spd.state != "draft" or not spd.line_ids:
                raise UserError(self.env._("Only a draft SPD with lines can be approved."))
            if spd.plan_id.cash_plan_state != "confirmed":
                raise UserError(self.env._("The cash plan of %(plan)s is not confirmed yet.", plan=spd.plan_id.name))
            month = int(spd.month_to)
            authorised = dict(self.env["eoffice.budget.spd.line"]._read_group(
                [("spd_id.plan_id", "=", spd.plan_id.id), ("spd_id.state", "=", "approved")],
                ["activity_id"], ["amount:sum"]))
            for line in spd.line_ids:
                rows = spd.plan_id.cash_plan_line_ids.filtered(
                    lambda row, line=line: row.activity_id == line.activity_id)
                cash = sum(row._through(month) for row in rows)
                total = authorised.get(line.activity_id, 0.0) + line.amount
                if spd.currency_id.compare_amounts(total, cash) > 0:
                    raise UserError(self.env._(
                        "SPDs for sub kegiatan %(code)s would total %(total)s, more than its cash plan to month "
                        "%(month)s (%(cash)s).", code=line.activity_id.sub_kegiatan_code,
                        total=spd.plan_id._fmt(total), month=month, cash=spd.plan_id._fmt(cash)))
            spd.sudo()._workflow_write({"state": "approved"})
        return True
