from odoo import fields, models


class EofficeBudgetRegulation(models.Model):
    """A regulation that issues planning and budgeting codes (Permendagri 90/2019 and the
    Kepmendagri that update it). Codes are versioned by the regulation that issued them."""

    _name = "eoffice.budget.regulation"
    _description = "Budget Code Regulation"
    _order = "date desc, id desc"

    name = fields.Char(string="Regulation", required=True, help="E.g. Kepmendagri 900.1.15.5-1317/2023.")
    date = fields.Date(string="Date", required=True)
    description = fields.Text(string="Description")
    previous_id = fields.Many2one("eoffice.budget.regulation", string="Replaces",
                                  help="The regulation whose codes this one replaces; old codes map to new ones.")
    code_count = fields.Integer(string="Codes", compute="_compute_code_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [("name_uniq", "unique(name)", "This regulation already exists.")]

    def _compute_code_count(self):
        counts = dict(self.env["eoffice.budget.code"]._read_group(
            [("regulation_id", "in", self.ids)], ["regulation_id"], ["__count"]))
        for regulation in self:
            regulation.code_count = counts.get(regulation, 0)

    def action_view_codes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("eoffice_budget.eoffice_budget_code_action")
        action["domain"] = [("regulation_id", "=", self.id)]
        action["context"] = {"default_regulation_id": self.id}
        return action
