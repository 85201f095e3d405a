from odoo import fields, models

from .hr_employee import POSITION_READERS


class HrDepartment(models.Model):
    """An internal unit of an SKPD (Sekretariat, Bidang, Sub Bagian, Seksi)."""

    _inherit = "hr.department"

    unit_code = fields.Char(
        string="Unit Code", index=True,
        help="Code of the unit used in letter numbers, e.g. 107.1 or SEKR.")
    unit_type = fields.Selection(
        [("sekretariat", "Sekretariat"), ("bidang", "Bidang"), ("subbagian", "Sub Bagian"),
         ("seksi", "Seksi"), ("uptd", "UPTD"), ("other", "Other")],
        string="Unit Type")
    position_ids = fields.One2many("eoffice.position", "department_id", string="Positions",
                                   groups=POSITION_READERS)

    _sql_constraints = [
        ("unit_code_company_uniq", "unique(company_id, unit_code)",
         "Another unit of this SKPD already uses this unit code."),
    ]
