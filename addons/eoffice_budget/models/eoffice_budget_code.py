import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROGRAM_LEVELS = [
    ("urusan", "Urusan"),
    ("bidang", "Bidang Urusan"),
    ("program", "Program"),
    ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub Kegiatan"),
]
ACCOUNT_LEVELS = [
    ("akun", "Akun"),
    ("kelompok", "Kelompok"),
    ("jenis", "Jenis"),
    ("objek", "Objek"),
    ("rincian_objek", "Rincian Objek"),
    ("sub_rincian_objek", "Sub Rincian Objek"),
]
# Dotted segments of a code at each level: kegiatan 1.02.01.2.01 adds two segments at once
PROGRAM_SEGMENTS = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
ACCOUNT_SEGMENTS = {1: "akun", 2: "kelompok", 3: "jenis", 4: "objek", 5: "rincian_objek", 6: "sub_rincian_objek"}
# Digits, or X for a cross-cutting urusan (X.XX)
CODE_PATTERN = re.compile(r"[0-9X]+(?:\.[0-9X]+)*")


def code_level(kind, code):
    """The level of a code from its number of segments, or None if it has none."""
    segments = PROGRAM_SEGMENTS if kind == "program" else ACCOUNT_SEGMENTS
    return segments.get(len(code.split("."))) if code else None


def parent_code(kind, code):
    """The code of the level above (kegiatan 1.02.01.2.01 sits under program 1.02.01)."""
    parts = code.split(".")
    if kind == "program" and len(parts) == 5:
        return ".".join(parts[:3])
    return ".".join(parts[:-1]) or None


class EofficeBudgetCode(models.Model):
    """A code of the program nomenclature (urusan to sub kegiatan) or of the accounts (akun to
    sub rincian objek), as issued by one regulation. A later regulation issues its own codes;
    the code mapping links an old code to its successor."""

    _name = "eoffice.budget.code"
    _description = "Budget Code"
    _order = "regulation_id desc, kind, code"
    _parent_store = True
    _rec_names_search = ["code", "name"]

    kind = fields.Selection([("program", "Program Nomenclature"), ("account", "Account")],
                            string="List", required=True, index=True)
    code = fields.Char(string="Code", required=True, index="trigram")
    name = fields.Char(string="Name", required=True, index="trigram")
    level = fields.Selection(PROGRAM_LEVELS + ACCOUNT_LEVELS, string="Level", compute="_compute_level",
                             store=True, index=True)
    regulation_id = fields.Many2one("eoffice.budget.regulation", string="Regulation", required=True,
                                    ondelete="restrict", index=True)
    parent_id = fields.Many2one("eoffice.budget.code", string="Parent", ondelete="restrict", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("eoffice.budget.code", "parent_id", string="Children")
    output = fields.Char(string="Output", help="Sub kegiatan: what it delivers (kinerja/keluaran).")
    indicator = fields.Char(string="Indicator", help="Sub kegiatan: how the output is measured.")
    uom = fields.Char(string="Unit", help="Sub kegiatan: unit of the indicator (dokumen, orang, unit, ...).")
    successor_ids = fields.Many2many(
        "eoffice.budget.code", "eoffice_budget_code_mapping_rel", "old_id", "new_id", string="Replaced By",
        help="Codes of a later regulation that replace this one.")
    predecessor_ids = fields.Many2many(
        "eoffice.budget.code", "eoffice_budget_code_mapping_rel", "new_id", "old_id", string="Replaces")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(regulation_id, kind, code)", "This code already exists in this regulation."),
    ]

    @api.depends("kind", "code")
    def _compute_level(self):
        for record in self:
            record.level = code_level(record.kind, record.code)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.code} {record.name}" if record.code else record.name

    @api.constrains("kind", "code", "parent_id", "regulation_id")
    def _check_code(self):
        for record in self:
            if not CODE_PATTERN.fullmatch(record.code or "") or not record.level:
                raise ValidationError(self.env._(
                    "%(code)s is not a code of the %(list)s: expected dotted groups of digits at one of its levels.",
                    code=record.code, list=dict(self._fields["kind"]._description_selection(self.env))[record.kind]))
            parent = record.parent_id
            if parent and (parent.kind != record.kind or parent.regulation_id != record.regulation_id
                           or parent.code != parent_code(record.kind, record.code)):
                raise ValidationError(self.env._(
                    "The parent of %(code)s must be code %(parent)s of the same list and regulation.",
                    code=record.code, parent=parent_code(record.kind, record.code)))

    @api.constrains("successor_ids")
    def _check_successors(self):
        for record in self:
            for successor in record.successor_ids:
                if successor.kind != record.kind or successor.level != record.level \
                        or successor.regulation_id == record.regulation_id:
                    raise ValidationError(self.env._(
                        "%(old)s can only be replaced by a code of the same list and level from another regulation "
                        "(not %(new)s).", old=record.display_name, new=successor.display_name))

    def _map_to(self, regulation):
        """{code: its counterpart in the regulation}: the successor the mapping names, else the same code
        (most codes survive a new regulation unchanged). Codes with no counterpart, or with several
        successors (a code split in two needs a person to choose), are left out."""
        result = {}
        same = {(record.kind, record.code): record for record in self.search(
            [("regulation_id", "=", regulation.id), ("code", "in", self.mapped("code"))])}
        for record in self:
            if record.regulation_id == regulation:
                result[record] = record
                continue
            successors = record.successor_ids.filtered(lambda code: code.regulation_id == regulation)
            if len(successors) == 1:
                result[record] = successors
            elif not successors and (record.kind, record.code) in same:
                result[record] = same[(record.kind, record.code)]
        return result
