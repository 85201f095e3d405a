from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..utils import NUMBER_TOKENS, PLACEHOLDERS, sample_number

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
    # Not translatable: a naskah dinas is written in Indonesian whatever the language of the user's screen,
    # and a Pemda's edit must reach every drafter (a translated field would keep one text per language).
    body_template = fields.Html(
        string="Body Template", sanitize=True, sanitize_style=True,
        help="The body a new draft of this type starts from (pembukaan, isi, penutup), with placeholders such as "
             "{{hal}} or {{tanggal}} filled in the preview and at signing. A body the drafter wrote is never "
             "replaced.")
    placeholder_help = fields.Html(string="Placeholders", compute="_compute_placeholder_help", sanitize=True,
                                   sanitize_style=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another letter type already uses this code."),
    ]

    @api.depends_context("lang")
    def _compute_placeholder_help(self):
        rows = Markup("").join(Markup("<li><code>{{%s}}</code>: %s</li>") % (name, label._translate(self.env.lang))
                               for name, label in PLACEHOLDERS.items())
        self.placeholder_help = Markup("<ul class='mb-0'>%s</ul>") % rows

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
