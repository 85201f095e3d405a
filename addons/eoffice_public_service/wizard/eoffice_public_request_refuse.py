from odoo import fields, models


class EofficePublicRequestRefuse(models.TransientModel):
    _name = "eoffice.public.request.refuse"
    _description = "Refuse a Public Request"

    request_id = fields.Many2one("eoffice.public.request", string="Request", required=True, readonly=True)
    reason = fields.Text(string="Reason", required=True,
                         help="Shown to the citizen on the tracking page and sent by e-mail.")

    def action_confirm(self):
        self.ensure_one()
        self.request_id.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
