from odoo import fields, models


class EofficeLetter(models.Model):
    """A request follows its letters: read or disposed, it is being processed; its answer signed,
    it is completed."""

    _inherit = "eoffice.letter"

    public_request_ids = fields.One2many("eoffice.public.request", "letter_id", string="Online Request",
                                         workflow="owned")

    def write(self, vals):
        res = super().write(vals)
        state = vals.get("state")
        if state == "read":
            self.env["eoffice.public.request"].sudo().search([("letter_id", "in", self.ids)])._mark_in_process()
        elif state in ("signed", "sent"):
            self.env["eoffice.public.request"].sudo().search(
                [("answer_letter_id", "in", self.ids)])._complete_if_answered()
        return res

