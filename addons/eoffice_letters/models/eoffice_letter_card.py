"""What a letter's card shows on a phone: who it is from, or whom it goes to."""
from odoo import api, fields, models


class EofficeLetterCard(models.Model):
    """The card line of eoffice.letter (the kanban view of the inboxes on small screens)."""

    _inherit = "eoffice.letter"

    correspondent = fields.Char(string="From / To", compute="_compute_correspondent",
                                help="The sender of an incoming letter; the addressees (Yth.) of an outgoing one.")

    @api.depends("direction", "sender_name", "sender_partner_id", "to_recipient_ids.label")
    def _compute_correspondent(self):
        for letter in self:
            if letter.direction == "incoming":
                letter.correspondent = letter.sender_name or letter.sender_partner_id.display_name or False
            else:
                letter.correspondent = ", ".join(label for label in letter.to_recipient_ids.mapped("label") if label) \
                    or False
