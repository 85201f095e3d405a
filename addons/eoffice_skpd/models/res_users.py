from odoo import api, fields, models

from .hr_employee import POSITION_READERS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _eoffice_home_actions(self):
        """Where each role lands after login: [(priority, group xmlid, action xmlid)], the lowest
        priority the user's groups match wins. Each module built on eoffice_skpd adds its roles;
        a user's own home action (set on the user) always wins."""
        return []

    def _eoffice_home_action(self):
        self.ensure_one()
        for _priority, group, action in sorted(self._eoffice_home_actions()):
            if self.env.ref(group, raise_if_not_found=False) and self.has_group(group):
                return self.env.ref(action, raise_if_not_found=False)
        return self.env["ir.actions.act_window"]

    def _eoffice_sees_every_skpd(self):
        """Pemda-wide roles (executives, auditors; the budget adds TAPD and BPKAD) read every SKPD
        they belong to: their default company selection in the web client is all of those
        companies, not only their home company (see ir.http). Everyone else keeps Odoo's default."""
        self.ensure_one()
        return self.has_group("eoffice_skpd.group_executive") or self.has_group("eoffice_skpd.group_auditor")

    def _eoffice_check_strong_login(self):
        """Refuse an act that needs a second factor at login (signing) to a user who logs in without
        one. Without eoffice_security nothing requires a second factor, so nothing is refused here."""
        return True

    @api.model
    def _eoffice_demo_password(self, user_ids, password="demo"):
        """Demo data only: give the demo's users the one simple password the README names. It is
        set as a hash, past the password policy (auth_password_policy) that every real password
        goes through; a private method, out of reach of RPC."""
        for user in self.browse(user_ids):
            user._set_encrypted_password(user.id, user._crypt_context().hash(password))

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
