from odoo import models


class EofficePosition(models.Model):
    """Seats are in the address book of letters."""

    _name = "eoffice.position"
    _inherit = ["eoffice.position", "eoffice.address.book.mixin"]
