"""The anggaran kas of a DPA: its rows kept in step with the DPA lines, the even monthly split
offered as a starting point, and BPKAD's confirmation once every row adds up."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .eoffice_budget_cash_plan_line import MONTHS


class EofficeBudgetPlan(models.Model):
    _inherit = "eoffice.budget.plan"

    # the rows guard their own changes (by the cash plan's status)
    cash_plan_line_ids = fields.One2many("eoffice.budget.cash.plan.line", "plan_id", string="Cash Plan",
                                         workflow="free")
    cash_plan_state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")], string="Cash Plan Status",
                                       default="draft", readonly=True, tracking=True, copy=False, workflow="owned")

    def _sync_cash_plan(self):
        """One cash plan row per sub kegiatan × account of the DPA; new rows start empty."""
        Cash = self.env["eoffice.budget.cash.plan.line"].sudo()
        for plan in self.filtered(lambda plan: plan.kind == "dpa"):
            existing = {(row.activity_id.id, row.account_id.id) for row in plan.cash_plan_line_ids}
            # the pairs in the order of the DPA lines, each once
            pairs = dict.fromkeys((line.activity_id.id, line.account_id.id) for line in plan.line_ids)
            Cash.create([{"plan_id": plan.id, "activity_id": activity_id, "account_id": account_id}
                         for activity_id, account_id in pairs if (activity_id, account_id) not in existing])

    def action_cash_plan_spread(self):
        """Fill the draft cash plan with an even monthly split, as a starting point."""
        self._check_cash_plan_draft()
        for plan in self:
            plan._sync_cash_plan()
            for row in plan.cash_plan_line_ids:
                monthly = float(int(row.dpa_amount / 12))
                row.write({**{month: monthly for month in MONTHS}, "m12": row.dpa_amount - monthly * 11})
        return True

    def _check_cash_plan_draft(self):
        for plan in self:
            if plan.kind != "dpa" or plan.cash_plan_state != "draft":
                raise UserError(self.env._("Only the draft cash plan of a DPA can be changed."))
            if not self.env.su:
                plan.check_access("write")

    def action_confirm_cash_plan(self):
        """BPKAD confirms the cash plan once every row adds up to the DPA."""
        if not (self.env.su or self.env.user.has_group("eoffice_budget.group_budget_manager")):
            raise AccessError(self.env._("Only BPKAD confirms a cash plan."))
        for plan in self:
            if plan.kind != "dpa" or plan.cash_plan_state != "draft":
                raise UserError(self.env._("Only the draft cash plan of a DPA can be confirmed."))
            plan._sync_cash_plan()
            wrong = plan.cash_plan_line_ids.filtered(lambda row: row.currency_id.compare_amounts(
                row.total, row.dpa_amount) != 0)
            if wrong:
                raise UserError(self.env._(
                    "The cash plan must add up to the DPA; these rows do not: %(rows)s",
                    rows="; ".join(f"{row.activity_id.sub_kegiatan_code} {row.account_code}: "
                                   f"{plan._fmt(row.total)} / {plan._fmt(row.dpa_amount)}" for row in wrong)))
            plan.sudo().write({"cash_plan_state": "confirmed"})
            plan._log(self.env._("Cash plan confirmed."))
        return True
