from odoo import api, models
from odoo.osv import expression


def address_book_domain(env, domain):
    """Restrict an address-book search to the current Pemda."""
    return expression.AND([domain or [], [("company_id.pemda_id", "=", env.company.pemda_id.id)]])


class EofficePosition(models.Model):
    _inherit = "eoffice.position"

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # Letters are addressed to seats in any SKPD of the Pemda: the address book lists
        # their names (public organisational data) even where the records themselves are
        # out of the user's reach.
        if self.env.context.get("eoffice_address_book") and self.env.user.has_group("eoffice_skpd.group_staff"):
            return super(EofficePosition, self.sudo()).name_search(
                name, address_book_domain(self.env, args), operator, limit)
        return super().name_search(name, args, operator, limit)
