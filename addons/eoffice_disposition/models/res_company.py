from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    disposition_allow_skip = fields.Boolean(
        string="Dispose Past Levels",
        help="Set on the Pemda: an official may dispose to any position below theirs, not only to direct "
             "subordinates.")
    disposition_allow_lateral = fields.Boolean(
        string="Dispose Laterally",
        help="Set on the Pemda: an official may dispose to any position of their SKPD.")
    eoffice_sheet_cost = fields.Float(
        string="Cost of a Printed Sheet (Rp)", default=300.0,
        help="Set on the Pemda: paper, toner and printing of one A4 sheet, for the control room's estimate of "
             "the ATK saved by delivering letters electronically.")

    @api.model
    def _eoffice_live_menus(self):
        return {**super()._eoffice_live_menus(), "eoffice_disposition_live": "eoffice_disposition.menu_root"}
