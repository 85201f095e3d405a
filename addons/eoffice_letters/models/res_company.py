from odoo import api, fields, models

from ..utils import DEFAULT_NUMBER_PATTERN
from .eoffice_letter_type import SEQUENCE_SCOPES, check_number_pattern


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "eoffice.address.book.mixin"]

    letter_number_pattern = fields.Char(
        string="Letter Number Pattern", default=DEFAULT_NUMBER_PATTERN,
        help="Pattern of letter numbers set on the Pemda; a letter type may set its own. Tokens: {classification} "
             "{seq} {unit} {skpd} {type} {month} {month_roman} {year}.")
    letter_sequence_scope = fields.Selection(
        SEQUENCE_SCOPES, string="Letter Sequence Scope", default="skpd_year",
        help="What a sequence of letter numbers counts, set on the Pemda; a letter type may set its own.")

    # "qr" is built in; every other backend adds itself with selection_add in its own file
    signing_backend = fields.Selection(
        [("qr", "QR code only (uncertified)")],
        string="Signing Backend", default="qr", required=True,
        help="Set on the Pemda. With a certificate authority, every signed letter carries a PAdES signature of "
             "its signer; officials request their certificate once and give its passphrase at each signature.")
    letterhead_logo = fields.Image(string="Letterhead Emblem", max_width=512, max_height=512,
                                   help="Emblem printed at the left of the kop surat; an SKPD without one uses the "
                                        "Pemda's.")

    @api.model
    def _address_book_domain(self):
        # the SKPD of the Pemda are the address book of whole-SKPD recipients
        return [("pemda_id", "=", self.env.company.pemda_id.id), ("is_skpd", "=", True)]

    @api.constrains("letter_number_pattern")
    def _check_letter_number_pattern(self):
        for company in self.filtered("letter_number_pattern"):
            check_number_pattern(self.env, company.letter_number_pattern)

    @api.model
    def _eoffice_live_menus(self):
        return {**super()._eoffice_live_menus(), "eoffice_letters_live": "eoffice_letters.menu_root"}
