from odoo import fields, models

CATEGORIES = [
    ("pengaturan", "Directive: Regulation (Pengaturan)"),
    ("penetapan", "Directive: Decision (Penetapan)"),
    ("penugasan", "Directive: Assignment (Penugasan)"),
    ("korespondensi_internal", "Correspondence: Internal"),
    ("korespondensi_eksternal", "Correspondence: External"),
    ("khusus", "Special and Other"),
]


class EofficeLetterType(models.Model):
    """A kind of naskah dinas (Permendagri 1/2023). Types are data: a Pemda adds its own."""

    _name = "eoffice.letter.type"
    _description = "Letter Type"
    _order = "category, sequence, name"

    name = fields.Char(string="Name", required=True, translate=True)
    code = fields.Char(string="Code", required=True, help="Short code, e.g. SD for Surat Dinas.")
    category = fields.Selection(CATEGORIES, string="Category", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_signed = fields.Boolean(string="Signed", default=True,
                               help="Letters of this type carry the signature of an official.")
    font = fields.Selection([("arial", "Arial 12"), ("bookman", "Bookman Old Style 12")],
                            string="Font", required=True, default="arial")
    paper = fields.Selection([("a4", "A4"), ("f4", "F4 (folio)")], string="Paper", required=True, default="a4")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another letter type already uses this code."),
    ]
