from odoo import api, models


class EofficeDisposition(models.Model):
    """A request whose letter is disposed is being processed."""

    _inherit = "eoffice.disposition"

    @api.model_create_multi
    def create(self, vals_list):
        dispositions = super().create(vals_list)
        self.env["eoffice.public.request"].sudo().search(
            [("letter_id", "in", dispositions.letter_id.ids)])._mark_in_process()
        return dispositions
