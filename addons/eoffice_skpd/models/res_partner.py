from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        if "tz" in vals and self.env["res.company"].sudo().search_count([("partner_id", "in", self.ids)]):
            self.env.registry.clear_cache()  # an SKPD's time zone (res.company._eoffice_tz)
        return result
