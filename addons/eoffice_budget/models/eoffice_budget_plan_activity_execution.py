"""Budget execution on a sub kegiatan: the running committed and realised totals kept by the
postings of the realisation ledger, the SPD authorised, absorption, and the row lock that
serialises postings."""

from odoo import api, fields, models


class EofficeBudgetPlanActivity(models.Model):
    _inherit = "eoffice.budget.plan.activity"

    # running totals of the ledger, kept by its postings
    committed_amount = fields.Monetary(string="Committed", readonly=True, copy=False, default=0.0, workflow="owned")
    realized_amount = fields.Monetary(string="Realised", readonly=True, copy=False, default=0.0, workflow="owned")
    spd_amount = fields.Monetary(string="SPD", compute="_compute_spd_amount")
    absorption = fields.Float(string="Absorption %", compute="_compute_absorption", aggregator="avg")

    def _compute_spd_amount(self):
        rows = dict(self.env["eoffice.budget.spd.line"]._read_group(
            [("activity_id", "in", self.ids), ("spd_id.state", "=", "approved")], ["activity_id"], ["amount:sum"]))
        for activity in self:
            activity.spd_amount = rows.get(activity, 0.0)

    @api.depends("realized_amount", "total")
    def _compute_absorption(self):
        for activity in self:
            activity.absorption = 100.0 * activity.realized_amount / activity.total if activity.total else 0.0

    def _lock_for_posting(self):
        """Lock the sub kegiatan rows; a concurrent posting that changed them makes this transaction
        fail to serialise (and be retried) rather than read stale totals."""
        self.env.cr.execute("SELECT id FROM eoffice_budget_plan_activity WHERE id IN %s ORDER BY id FOR UPDATE",
                            [tuple(self.ids)])
        self.env.cr.execute("UPDATE eoffice_budget_plan_activity SET write_date = now() at time zone 'UTC' "
                            "WHERE id IN %s", [tuple(self.ids)])
