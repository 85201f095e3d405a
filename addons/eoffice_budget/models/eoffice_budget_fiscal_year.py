from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficeBudgetFiscalYear(models.Model):
    """A fiscal year (tahun anggaran) of the Pemda: 1 January to 31 December."""

    _name = "eoffice.budget.fiscal.year"
    _description = "Fiscal Year"
    _order = "year desc"

    name = fields.Char(string="Name", compute="_compute_name", store=True)
    year = fields.Integer(string="Year", required=True)
    state = fields.Selection([("planning", "Planning"), ("execution", "Execution"), ("closed", "Closed")],
                             string="Status", required=True, default="planning")
    date_start = fields.Date(string="Start", compute="_compute_dates", store=True)
    date_end = fields.Date(string="End", compute="_compute_dates", store=True)
    regulation_id = fields.Many2one(
        "eoffice.budget.regulation", string="Code List",
        help="The regulation whose program nomenclature and accounts the plans of this year use.")

    _sql_constraints = [("year_uniq", "unique(year)", "This fiscal year already exists.")]

    @api.depends("year")
    def _compute_name(self):
        # a stored name every user reads: in the Pemda's language, whoever (or whatever job) creates it
        env = self.with_context(lang=self.env["res.company"]._eoffice_pemda_lang()).env
        for fy in self:
            fy.name = env._("Fiscal Year %(year)s", year=fy.year)

    @api.depends("year")
    def _compute_dates(self):
        for fy in self:
            fy.date_start = f"{fy.year}-01-01" if fy.year else False
            fy.date_end = f"{fy.year}-12-31" if fy.year else False

    @api.constrains("year")
    def _check_year(self):
        for fy in self:
            if not 2000 <= fy.year <= 2100:
                raise ValidationError(self.env._("The fiscal year must be between 2000 and 2100."))
