"""The files of a letter (enclosures and scanned pages) belong to it: whatever a client links is
bound to the letter, so that once the letter is past its draft nobody can replace them through
``ir.attachment`` (see ``eoffice_skpd/models/ir_attachment.py``)."""

from odoo import api, models

FILE_FIELDS = ("attachment_ids", "scan_page_ids")


class EofficeLetter(models.Model):
    _inherit = "eoffice.letter"

    @api.model_create_multi
    def create(self, vals_list):
        letters = super().create(vals_list)
        if not self.env.su and any(set(FILE_FIELDS) & set(vals) for vals in vals_list):
            letters._workflow_bind_attachments(FILE_FIELDS)
        return letters

    def write(self, vals):
        result = super().write(vals)
        if not self.env.su and set(FILE_FIELDS) & set(vals):
            self._workflow_bind_attachments(FILE_FIELDS)
        return result
