"""Numbering of an outgoing letter at signing: the pattern and sequence scope of the letter type or
the Pemda, and the counter they draw from."""
from odoo import _, models
from odoo.exceptions import UserError

from ..utils import ROMAN_MONTHS, render_number


class EofficeLetterNumbering(models.Model):
    """The number of eoffice.letter."""

    _inherit = "eoffice.letter"

    def _number_values(self, seq, date):
        company = self.company_id
        unit = self.department_id.unit_code or company.skpd_short_code or company.skpd_code or ""
        return {
            "classification": self.classification_id.code or "",
            "seq": seq,
            "unit": unit,
            "skpd": company.skpd_short_code or company.skpd_code or "",
            "type": self.type_id.code,
            "month": date.month,
            "month_roman": ROMAN_MONTHS[date.month - 1],
            "year": date.year,
        }

    def _numbering(self):
        # the Pemda's record is out of an SKPD user's reach; its numbering settings are not secret
        pemda = self.company_id.pemda_id.sudo()
        pattern = self.type_id.number_pattern or pemda.letter_number_pattern
        scope = self.type_id.sequence_scope or pemda.letter_sequence_scope or "skpd_year"
        return pattern, scope

    def _scope_key(self, scope, year):
        if scope == "classification":
            return f"letter/{year}/class/{self.classification_id.code}"
        if scope == "type":
            return f"letter/{year}/type/{self.type_id.code}"
        return f"letter/{year}"

    def _assign_number(self, date):
        pattern, scope = self._numbering()
        token = {"type": "{type", "classification": "{classification"}.get(scope)
        if token and token not in pattern:
            label = {"type": _("letter type"), "classification": _("classification")}[scope]
            raise UserError(_("Numbers are counted per %(scope)s, but the number pattern %(pattern)s has no "
                              "%(token)s}: numbers would clash. Add it to the pattern, or change the sequence "
                              "scope.", scope=label, pattern=pattern, token=token))
        seq = self.env["eoffice.letter.sequence"].sudo()._next(self.company_id, self._scope_key(scope, date.year))
        try:
            return render_number(pattern, self._number_values(seq, date))
        except (KeyError, ValueError, IndexError):
            raise UserError(_("The number pattern %(pattern)s cannot be used; fix it in the letter type or "
                              "the Pemda's settings.", pattern=pattern))
