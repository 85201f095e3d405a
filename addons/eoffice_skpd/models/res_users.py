from odoo import api, fields, models

from .hr_employee import POSITION_READERS


class ResUsers(models.Model):
    _inherit = "res.users"

    # Read by the access machinery as the (superuser) env.user; for other readers it carries the
    # readers of positions, and active_test is off because the compute keeps active seats only:
    # Odoo would otherwise check "active" on every seat with the reader's rights, and a colleague's
    # seat in another SKPD is out of their reach.
    eoffice_position_ids = fields.Many2many(
        "eoffice.position", string="My Positions", compute="_compute_eoffice_position_ids",
        groups=POSITION_READERS, context={"active_test": False},
        help="Every seat the user holds or acts in (Plt/Plh) today.")

    @api.depends_context("date")
    def _compute_eoffice_position_ids(self):
        seats = {}
        for user_id, position_id in self.env["eoffice.position"]._seats_of_users(self.ids):
            seats.setdefault(user_id, []).append(position_id)
        # the acting part of _seats_of_users does not look at the seat's "active"
        active = set(self.env["eoffice.position"].sudo().browse(
            list({pos for ids in seats.values() for pos in ids})).filtered("active").ids)
        for user in self:
            user.eoffice_position_ids = [fields.Command.set([p for p in seats.get(user.id, []) if p in active])]

    eoffice_work_company_ids = fields.Many2many(
        "res.company", string="SKPD I Work In", compute="_compute_eoffice_work_company_ids",
        help="The SKPD where the user may change e-Office records. Executives and auditors read every "
             "SKPD but work only in their home SKPD (executives) or nowhere (auditors).")

    @api.depends("company_ids", "company_id", "groups_id")
    def _compute_eoffice_work_company_ids(self):
        for user in self:
            if user.has_group("eoffice_skpd.group_pemda_admin"):
                user.eoffice_work_company_ids = user.company_ids
            elif user.has_group("eoffice_skpd.group_auditor") and not user.has_group("eoffice_skpd.group_staff"):
                user.eoffice_work_company_ids = False
            elif user.has_group("eoffice_skpd.group_executive"):
                user.eoffice_work_company_ids = user.company_id
            else:
                user.eoffice_work_company_ids = user.company_ids
