from odoo import fields, models


class EofficeBudgetFundingSource(models.Model):
    """A funding source (sumber dana): PAD, DAU, DAK Fisik, DBH, ..."""

    _name = "eoffice.budget.funding.source"
    _description = "Funding Source"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(string="Code", required=True)
    name = fields.Char(string="Name", required=True, translate=False)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "This funding source code already exists.")]
