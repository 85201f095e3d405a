from odoo import models


class HrDepartment(models.Model):
    """Units are in the address book of letters."""

    _name = "hr.department"
    _inherit = ["hr.department", "eoffice.address.book.mixin"]

    def _eoffice_top_position(self):
        """The seat that heads the unit: its highest position (the one without a superior in the unit)."""
        self.ensure_one()
        positions = self.position_ids.filtered("active")
        tops = positions.filtered(lambda p: p.parent_id not in positions)
        return tops.sorted(lambda p: (len(p.parent_path or ""), p.sequence, p.id))[:1]
