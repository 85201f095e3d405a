from odoo import api, fields, models


class EofficePositionHolder(models.Model):
    """One period during which an employee held a seat (written automatically)."""

    _name = "eoffice.position.holder"
    _description = "Position Holder History"
    _order = "date_from desc, id desc"

    position_id = fields.Many2one("eoffice.position", string="Position", required=True, index=True,
                                  ondelete="cascade")
    company_id = fields.Many2one(related="position_id.company_id", store=True, index=True, string="SKPD")
    employee_id = fields.Many2one("hr.employee", string="Holder", required=True, index=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To")

    @api.depends("position_id.name", "employee_id.name")
    def _compute_display_name(self):
        for holder in self:
            holder.display_name = ": ".join(filter(None, [holder.position_id.sudo().name,
                                                         holder.employee_id.sudo().name]))
