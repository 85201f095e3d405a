from odoo import api, models

from .eoffice_position import address_book_domain


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if self.env.context.get("eoffice_address_book") and self.env.user.has_group("eoffice_skpd.group_staff"):
            return super(HrDepartment, self.sudo()).name_search(
                name, address_book_domain(self.env, args), operator, limit)
        return super().name_search(name, args, operator, limit)

    def _eoffice_top_position(self):
        """The seat that heads the unit: its highest position (the one without a superior in the unit)."""
        self.ensure_one()
        positions = self.position_ids.filtered("active")
        tops = positions.filtered(lambda p: p.parent_id not in positions)
        return tops.sorted(lambda p: (len(p.parent_path or ""), p.sequence, p.id))[:1]
