from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    budget_bidang_ids = fields.Many2many(
        "eoffice.budget.code", "eoffice_budget_company_bidang_rel", "company_id", "code_id",
        string="Bidang Urusan Served", domain="[('kind', '=', 'program'), ('level', '=', 'bidang')]",
        help="Set on an SKPD: the bidang urusan whose sub kegiatan it may budget. Empty allows any; cross-cutting "
             "(X.XX) sub kegiatan are always allowed.")
    budget_ceiling_policy = fields.Selection(
        [("warn", "Warn"), ("block", "Block")], string="Budget Ceilings", default="warn",
        help="Set on the Pemda: a plan above its ceiling is flagged (warn) or refused (block).")
    budget_anomaly_factor = fields.Float(
        string="Anomaly Factor", default=10.0,
        help="Set on the Pemda: a line whose volume or unit price is this many times the median of the same item "
             "across SKPD is flagged for the verifier.")

    @api.model
    def _eoffice_live_menus(self):
        return {**super()._eoffice_live_menus(), "eoffice_budget_live": "eoffice_budget.menu_root"}
