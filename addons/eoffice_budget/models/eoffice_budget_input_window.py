from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficeBudgetInputWindow(models.Model):
    """A period in which an SKPD may draft and revise its RKA, opened and closed by TAPD."""

    _name = "eoffice.budget.input.window"
    _description = "RKA Input Window"
    _order = "date_from desc"

    company_id = fields.Many2one("res.company", string="SKPD", required=True, index=True,
                                 domain="[('is_skpd', '=', True)]")
    fiscal_year_id = fields.Many2one("eoffice.budget.fiscal.year", string="Fiscal Year", required=True,
                                     ondelete="cascade")
    date_from = fields.Datetime(string="Opens", required=True, default=fields.Datetime.now)
    date_to = fields.Datetime(string="Closes", required=True)
    is_open = fields.Boolean(string="Open Now", compute="_compute_is_open")
    note = fields.Char(string="Note")

    @api.depends("date_from", "date_to")
    def _compute_is_open(self):
        now = fields.Datetime.now()
        for window in self:
            window.is_open = window.date_from <= now <= window.date_to

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for window in self:
            if window.date_to <= window.date_from:
                raise ValidationError(self.env._("An input window must close after it opens."))

    def action_close(self):
        """Close the window now."""
        closed = fields.Datetime.now() - timedelta(seconds=1)
        for window in self.filtered("is_open"):
            window.write({"date_from": min(window.date_from, closed - timedelta(seconds=1)), "date_to": closed})

    @api.model
    def _open_for(self, company, fiscal_year):
        """Whether RKA input is open now for the SKPD and fiscal year."""
        now = fields.Datetime.now()
        return bool(self.sudo().search_count([
            ("company_id", "=", company.id), ("fiscal_year_id", "=", fiscal_year.id),
            ("date_from", "<=", now), ("date_to", ">=", now)], limit=1))

    @api.depends("fiscal_year_id.name", "company_id.name")
    def _compute_display_name(self):
        for window in self:
            window.display_name = " — ".join(filter(None, [window.fiscal_year_id.display_name,
                                                            window.company_id.sudo().name]))
