from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    disposition_allow_skip = fields.Boolean(
        string="Dispose Past Levels",
        help="Set on the Pemda: an official may dispose to any position below theirs, not only to direct "
             "subordinates.")
    disposition_allow_lateral = fields.Boolean(
        string="Dispose Laterally",
        help="Set on the Pemda: an official may dispose to any position of their SKPD.")
