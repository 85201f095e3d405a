from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _eoffice_home_actions(self):
        """Where the roles of this module land after login (see eoffice_skpd)."""
        return super()._eoffice_home_actions() + [
            (10, "eoffice_skpd.group_executive", "eoffice_disposition.eoffice_control_room_action"),
            (15, "eoffice_skpd.group_auditor", "eoffice_disposition.eoffice_control_room_action"),
        ]
