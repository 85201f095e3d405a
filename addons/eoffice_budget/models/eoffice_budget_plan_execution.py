"""Budget execution on a plan (DPA): murni and realised totals, absorption, and the links to
its postings and revisions."""

from odoo import fields, models


class EofficeBudgetPlan(models.Model):
    _inherit = "eoffice.budget.plan"

    murni_total = fields.Monetary(string="Murni Total", compute="_compute_execution")
    realized_total = fields.Monetary(string="Realised", compute="_compute_execution")
    absorption = fields.Float(string="Absorption %", compute="_compute_execution")
    revision_count = fields.Integer(string="Revisions", compute="_compute_execution")

    def _compute_execution(self):
        revisions = dict(self.env["eoffice.budget.revision"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        for plan in self:
            plan.murni_total = sum(plan.line_ids.mapped("murni_amount"))
            plan.realized_total = sum(plan.sub_kegiatan_ids.mapped("realized_amount"))
            plan.absorption = 100.0 * plan.realized_total / plan.total if plan.total else 0.0
            plan.revision_count = revisions.get(plan, 0)

    def action_view_realizations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("eoffice_budget.eoffice_budget_realization_action")
        action["domain"] = [("plan_id", "=", self.id)]
        return action

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("eoffice_budget.eoffice_budget_revision_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
