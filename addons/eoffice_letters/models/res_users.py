from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _eoffice_home_actions(self):
        """Where the roles of this module land after login (see eoffice_skpd)."""
        return super()._eoffice_home_actions() + [
            (30, "eoffice_skpd.group_agendaris", "eoffice_letters.eoffice_letter_action_incoming"),  # TU
            (50, "eoffice_skpd.group_staff", "eoffice_letters.eoffice_letter_action_todo"),  # Menunggu Saya
        ]
