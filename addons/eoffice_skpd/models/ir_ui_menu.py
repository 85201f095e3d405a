"""Menus of a feature an SKPD has not gone live with are hidden from its users.

Each module built on eoffice_skpd names its switch and its root menu in
``res.company._eoffice_live_menus``. A feature's menus are hidden from a user when every
company the user may work in is an SKPD with that switch off; the Pemda itself is never
gated, so Pemda-level users and administrators keep every menu. Odoo caches the menus per
user: switching a feature on or off, or changing a user's companies, clears that cache.
"""
from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _filter_visible_menus(self):
        menus = super()._filter_visible_menus()
        hidden = self._eoffice_switched_off_roots()
        if not hidden:
            return menus
        return menus.filtered(lambda menu: hidden.isdisjoint(int(part) for part in menu.parent_path.split("/")
                                                             if part))

    def _eoffice_switched_off_roots(self):
        """Ids of the feature root menus switched off in every company of the current user."""
        companies = self.env.user.sudo().company_ids
        hidden = set()
        for switch, xmlid in self.env["res.company"]._eoffice_live_menus().items():
            if companies and all(company.is_skpd and not company[switch] for company in companies):
                menu = self.env.ref(xmlid, raise_if_not_found=False)
                if menu:
                    hidden.add(menu.id)
        return hidden
