import datetime

from odoo import api, fields, models


class EofficePublicHoliday(models.Model):
    """A public holiday or cuti bersama of the Pemda: not a working day for service levels.

    Pemda-wide configuration (one database serves one Pemda, as the letter types and the code lists
    do): the SKB of the three ministers is published once a year and the Pemda adds its local days."""

    _name = "eoffice.public.holiday"
    _description = "Public Holiday"
    _order = "date"

    name = fields.Char(string="Holiday", required=True)
    date = fields.Date(string="Date", required=True, index=True)

    _sql_constraints = [("date_uniq", "unique(date)", "This date is already a holiday.")]

    @api.model
    def _add_working_days(self, start, days):
        """The date ``days`` working days after ``start`` (Saturdays, Sundays and holidays skipped)."""
        if not start:
            return False
        horizon = start + datetime.timedelta(days=days * 3 + 30)
        holidays = set(self.sudo().search([("date", ">", start), ("date", "<=", horizon)]).mapped("date"))
        day, left = start, days
        while left > 0:
            day += datetime.timedelta(days=1)
            if day.weekday() < 5 and day not in holidays:
                left -= 1
        return day
