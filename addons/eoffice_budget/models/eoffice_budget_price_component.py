from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficeBudgetPriceComponent(models.Model):
    """A quantity of an SSH item inside one unit of an HSPK item."""

    _name = "eoffice.budget.price.component"
    _description = "HSPK Component"

    item_id = fields.Many2one("eoffice.budget.price.item", string="HSPK Item", required=True, ondelete="cascade",
                              index=True)
    component_id = fields.Many2one("eoffice.budget.price.item", string="SSH Item", required=True,
                                   ondelete="restrict", domain="[('standard_type', '=', 'ssh')]")
    quantity = fields.Float(string="Quantity", required=True, default=1.0, digits=(16, 4))
    currency_id = fields.Many2one(related="item_id.currency_id")
    unit_price = fields.Monetary(related="component_id.price", string="Unit Price")
    subtotal = fields.Monetary(string="Subtotal", compute="_compute_subtotal", store=True)

    @api.depends("quantity", "component_id.price")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.component_id.price

    @api.constrains("component_id", "item_id")
    def _check_component(self):
        for line in self:
            if line.component_id.standard_type != "ssh":
                raise ValidationError(self.env._("An HSPK item is made of SSH items only, not %(item)s.",
                                                 item=line.component_id.display_name))
            if line.component_id.fiscal_year_id != line.item_id.fiscal_year_id:
                raise ValidationError(self.env._("A component must be an item of the same fiscal year."))

    @api.depends("item_id.code", "component_id.code", "component_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " ← ".join(filter(None, [line.item_id.code or line.item_id.name,
                                                        line.component_id.display_name]))
