from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficeBudgetRevisionLine(models.Model):
    """One line's before and after in a revision."""

    _name = "eoffice.budget.revision.line"
    _description = "Budget Revision Line"
    _inherit = ["eoffice.workflow.mixin"]
    _workflow_state_field = "revision_id.state"
    _workflow_parent_field = "revision_id"

    revision_id = fields.Many2one("eoffice.budget.revision", string="Revision", required=True, ondelete="cascade",
                                  index=True, workflow="create")
    company_id = fields.Many2one(related="revision_id.company_id", store=True, index=True, string="SKPD")
    currency_id = fields.Many2one(related="revision_id.currency_id")
    line_id = fields.Many2one("eoffice.budget.plan.line", string="DPA Line", ondelete="restrict",
                              help="Empty for a new line (perubahan only).", workflow=("draft",))
    # taken from the DPA line, or given for a new line
    activity_id = fields.Many2one("eoffice.budget.plan.activity", string="Sub Kegiatan", compute="_compute_from_line",
                                  store=True, readonly=False, workflow=("draft",))
    account_id = fields.Many2one("eoffice.budget.code", string="Account", compute="_compute_from_line", store=True,
                                 readonly=False, workflow=("draft",))
    item_id = fields.Many2one("eoffice.budget.price.item", string="Standard Item", compute="_compute_from_line",
                              store=True, readonly=False, workflow=("draft",))
    description = fields.Char(string="Description", compute="_compute_from_line", store=True, readonly=False,
                              workflow=("draft",))
    murni_amount = fields.Monetary(string="Murni", compute="_compute_from_line", store=True)
    old_vol1 = fields.Float(string="Volume Before", compute="_compute_from_line", store=True, digits=(16, 2))
    old_unit_price = fields.Monetary(string="Price Before", compute="_compute_from_line", store=True)
    old_amount = fields.Monetary(string="Before", compute="_compute_from_line", store=True)
    new_vol1 = fields.Float(string="Volume After", required=True, digits=(16, 2), workflow=("draft",))
    new_unit_price = fields.Monetary(string="Price After", required=True, workflow=("draft",))
    new_amount = fields.Monetary(string="After", compute="_compute_new_amount", store=True)
    delta = fields.Monetary(string="Change", compute="_compute_new_amount", store=True)

    @api.depends("line_id")
    def _compute_from_line(self):
        for change in self:
            line = change.line_id
            if change.revision_id.state == "approved":
                continue  # the before of an applied change stays as it was
            if line:
                change.update({
                    "activity_id": line.activity_id, "account_id": line.account_id, "item_id": line.item_id,
                    "description": line.description, "murni_amount": line.murni_amount, "old_vol1": line.vol1,
                    "old_unit_price": line.unit_price, "old_amount": line.amount})
            else:
                change.update({"murni_amount": 0.0, "old_vol1": 0.0, "old_unit_price": 0.0, "old_amount": 0.0})

    @api.depends("new_vol1", "new_unit_price", "line_id", "old_amount", "old_vol1", "old_unit_price")
    def _compute_new_amount(self):
        for change in self:
            line = change.line_id
            if line and change.old_vol1 and change.old_unit_price:
                # other volume factors and tax stay as they are: scale the old amount
                change.new_amount = round(change.old_amount * (change.new_vol1 / change.old_vol1)
                                          * (change.new_unit_price / change.old_unit_price), 2)
            else:
                change.new_amount = round(change.new_vol1 * change.new_unit_price, 2)
            change.delta = change.new_amount - change.old_amount

    @api.onchange("line_id")
    def _onchange_line_id(self):
        if self.line_id:
            self.new_vol1 = self.line_id.vol1
            self.new_unit_price = self.line_id.unit_price

    @api.constrains("line_id", "revision_id", "activity_id")
    def _check_line(self):
        for change in self:
            plan = change.revision_id.plan_id
            if change.line_id and change.line_id.plan_id != plan:
                raise ValidationError(self.env._("A revision changes lines of its own DPA only."))
            if not change.line_id and (change.activity_id.plan_id != plan or not change.item_id
                                       or not change.account_id):
                raise ValidationError(self.env._("A new line needs a sub kegiatan of the DPA, an account and an "
                                                 "item."))

    @api.depends("revision_id.name", "description", "line_id")
    def _compute_display_name(self):
        for change in self:
            change.display_name = ": ".join(filter(None, [change.revision_id.name,
                                                         change.description or change.line_id.display_name]))
