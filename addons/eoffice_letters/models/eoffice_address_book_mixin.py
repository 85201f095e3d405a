"""The address book of letters: the seats, units and SKPD a letter can be addressed to."""
from odoo import api, models
from odoo.osv import expression


class EofficeAddressBookMixin(models.AbstractModel):
    """Letters are addressed to seats, units and whole SKPD anywhere in the Pemda: in the address book
    (context key ``eoffice_address_book``) a staff member searches their names (public organisational
    data) across the Pemda, even where the records themselves are out of the user's reach."""

    _name = "eoffice.address.book.mixin"
    _description = "Letter Address Book"

    @api.model
    def _address_book_domain(self):
        """What the address book lists: the records of the current Pemda."""
        return [("company_id.pemda_id", "=", self.env.company.pemda_id.id)]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if self.env.context.get("eoffice_address_book") and self.env.user.has_group("eoffice_skpd.group_staff"):
            domain = expression.AND([args or [], self._address_book_domain()])
            return super(EofficeAddressBookMixin, self.sudo()).name_search(name, domain, operator, limit)
        return super().name_search(name, args, operator, limit)
