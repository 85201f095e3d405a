from odoo import api, fields, models
from odoo.exceptions import ValidationError

FINAL_DISPOSITIONS = [
    ("musnah", "Destroy (Musnah)"),
    ("permanen", "Permanent (Permanen)"),
    ("dinilai_kembali", "Re-evaluate (Dinilai Kembali)"),
]


class EofficeArchiveClassification(models.Model):
    """Kode klasifikasi arsip (Permendagri 83/2022) with its retention (JRA).

    The code drives letter numbers, filing, retention and retrieval. Codes form a
    hierarchy (000 Umum > 000.1 > 000.1.2 > ...); a child without its own retention
    inherits its parent's.
    """

    _name = "eoffice.archive.classification"
    _description = "Archive Classification"
    _parent_store = True
    _parent_name = "parent_id"
    _rec_names_search = ["code", "name"]
    _order = "code"

    code = fields.Char(string="Code", required=True, index="trigram")
    name = fields.Char(string="Name", required=True, index="trigram")
    parent_id = fields.Many2one("eoffice.archive.classification", string="Parent", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("eoffice.archive.classification", "parent_id", string="Sub-classifications")
    active = fields.Boolean(default=True)
    active_years = fields.Integer(string="Active Retention (years)",
                                  help="Years the file stays in the unit (retensi aktif). 0: take the parent's.")
    inactive_years = fields.Integer(string="Inactive Retention (years)",
                                    help="Years in the records centre (retensi inaktif). 0: take the parent's.")
    final_disposition = fields.Selection(FINAL_DISPOSITIONS, string="Final Disposition",
                                         help="Empty: take the parent's.")
    effective_active_years = fields.Integer(string="Effective Active Years", compute="_compute_effective",
                                            recursive=True)
    effective_inactive_years = fields.Integer(string="Effective Inactive Years", compute="_compute_effective",
                                              recursive=True)
    effective_final_disposition = fields.Selection(FINAL_DISPOSITIONS, string="Effective Final Disposition",
                                                   compute="_compute_effective", recursive=True)

    _sql_constraints = [("code_uniq", "unique(code)", "Another classification already uses this code.")]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.code} {record.name}" if record.code else record.name

    @api.depends("active_years", "inactive_years", "final_disposition", "parent_id.effective_active_years",
                 "parent_id.effective_inactive_years", "parent_id.effective_final_disposition")
    def _compute_effective(self):
        for record in self:
            parent = record.parent_id
            record.effective_active_years = record.active_years or parent.effective_active_years
            record.effective_inactive_years = record.inactive_years or parent.effective_inactive_years
            record.effective_final_disposition = record.final_disposition or parent.effective_final_disposition

    @api.constrains("code", "parent_id")
    def _check_code_under_parent(self):
        for record in self.filtered("parent_id"):
            if not record.code.startswith(record.parent_id.code + "."):
                raise ValidationError(self.env._(
                    "The code %(code)s does not continue its parent's code %(parent)s.",
                    code=record.code, parent=record.parent_id.code))
