from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _eoffice_home_actions(self):
        """The Bupati, the Sekda and the Inspektorat land on the Ruang Kendali dashboard, before the
        detail pivots of eoffice_disposition (priorities 10 and 15)."""
        return super()._eoffice_home_actions() + [
            (5, "eoffice_skpd.group_executive", "eoffice_dashboard.eoffice_dashboard_action"),
            (14, "eoffice_skpd.group_auditor", "eoffice_dashboard.eoffice_dashboard_action"),
        ]
