from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..utils import NUMBER_TOKENS, sample_number

CATEGORIES = [
    ("pengaturan", "Directive: Regulation (Pengaturan)"),
    ("penetapan", "Directive: Decision (Penetapan)"),
    ("penugasan", "Directive: Assignment (Penugasan)"),
    ("korespondensi_internal", "Correspondence: Internal"),
    ("korespondensi_eksternal", "Correspondence: External"),
    ("khusus", "Special and Other"),
]
SIFAT = [
    ("biasa", "Ordinary (Biasa)"),
    ("terbatas", "Limited (Terbatas)"),
    ("rahasia", "Secret (Rahasia)"),
    ("sangat_rahasia", "Top Secret (Sangat Rahasia)"),
]
CONFIDENTIAL_SIFAT = ("rahasia", "sangat_rahasia")
URGENCY = [
    ("biasa", "Normal (Biasa)"),
    ("segera", "Urgent (Segera)"),
    ("sangat_segera", "Very Urgent (Sangat Segera)"),
]
SEQUENCE_SCOPES = [
    ("skpd_year", "Per SKPD and year"),
    ("classification", "Per SKPD, year and classification"),
    ("type", "Per SKPD, year and letter type"),
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

    default_sifat = fields.Selection(SIFAT, string="Default Security", required=True, default="biasa")
    default_urgency = fields.Selection(URGENCY, string="Default Urgency", required=True, default="biasa")
    number_pattern = fields.Char(
        string="Number Pattern",
        help="Empty: the Pemda's pattern. Tokens: {classification} {seq} {unit} {skpd} {type} {month} "
             "{month_roman} {year}; {seq:04d} pads the sequence, e.g. {classification}/{seq}/{unit}/{year}.")
    sequence_scope = fields.Selection(SEQUENCE_SCOPES, string="Sequence Scope",
                                      help="Empty: the Pemda's scope. Sequences always restart each year.")
    body_template = fields.Html(
        string="Template", sanitize=True, sanitize_style=True,
        help="Body a new draft starts from. Placeholders filled at signing: {{tanggal}} {{nomor}} {{penerima}} "
             "{{klasifikasi}} {{jabatan_penandatangan}} {{nama_penandatangan}} {{nip_penandatangan}} {{skpd}}.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another letter type already uses this code."),
    ]

    @api.constrains("number_pattern")
    def _check_number_pattern(self):
        for letter_type in self.filtered("number_pattern"):
            check_number_pattern(self.env, letter_type.number_pattern)


def check_number_pattern(env, pattern):
    """Raise a ValidationError naming what is wrong with a number pattern."""
    if "{seq" not in pattern:
        raise ValidationError(env._("The number pattern %(pattern)s has no {seq}: numbers would not be unique.",
                                pattern=pattern))
    try:
        sample_number(pattern)
    except KeyError as err:
        raise ValidationError(env._("The number pattern %(pattern)s uses the unknown token %(token)s. "
                                "Known tokens: %(tokens)s.", pattern=pattern, token=err.args[0],
                                tokens=", ".join("{%s}" % t for t in NUMBER_TOKENS)))
    except (ValueError, IndexError):
        raise ValidationError(env._("The number pattern %(pattern)s is malformed: check its braces.", pattern=pattern))
