from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _postprocess_contents(self, values):
        # Scans and enclosures of letters are records: keep the scanner's pixels and resolution
        # (Odoo would shrink images to 1920 px and turn them into a web palette, ruining the OCR
        # and the paper size of the joined PDF).
        if values.get("res_model") == "eoffice.letter":
            values["mimetype"] = self._compute_mimetype(values)
            return values
        return super()._postprocess_contents(values)
