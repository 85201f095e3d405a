from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EofficePositionActing(models.Model):
    """An acting official (Plt or Plh) of a seat for a period."""

    _name = "eoffice.position.acting"
    _description = "Acting Official (Plt/Plh)"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    position_id = fields.Many2one("eoffice.position", string="Position", required=True, index=True,
                                  ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="position_id.company_id", store=True, index=True, string="SKPD")
    employee_id = fields.Many2one("hr.employee", string="Acting Official", required=True, index=True)
    kind = fields.Selection(
        [("plt", "Plt. (Pelaksana Tugas)"), ("plh", "Plh. (Pelaksana Harian)")],
        string="Kind", required=True, default="plt",
        help="Plt. stands in for a vacant seat or a long absence; Plh. for a short absence of the holder.")
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True)
    decree_number = fields.Char(string="Decree (SK/Surat Perintah) Number")
    active_today = fields.Boolean(string="Acting Today", compute="_compute_active_today")

    @api.depends("date_from", "date_to")
    @api.depends_context("date")
    def _compute_active_today(self):
        today = self.env["eoffice.position"]._today()
        for acting in self:
            acting.active_today = acting.date_from <= today <= acting.date_to

    @api.depends("kind", "employee_id", "position_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for acting in self:
            acting.display_name = f"{labels.get(acting.kind, '')} {acting.position_id.name or ''} " \
                                  f"({acting.employee_id.name or ''})"

    @api.constrains("date_from", "date_to", "position_id")
    def _check_dates(self):
        for acting in self:
            if acting.date_to < acting.date_from:
                raise ValidationError(self.env._("The acting period must end on or after its first day."))
            overlap = self.search_count([
                ("id", "!=", acting.id), ("position_id", "=", acting.position_id.id),
                ("date_from", "<=", acting.date_to), ("date_to", ">=", acting.date_from),
            ])
            if overlap:
                raise ValidationError(self.env._(
                    "%(position)s already has an acting official in part of this period.",
                    position=acting.position_id.name))
