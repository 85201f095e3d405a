"""Who must log in with a second factor, and login throttling shared by every worker.

With the Pemda's setting on (``eoffice_security.require_2fa``, on by default, off in the demo),
every user who can sign, approve a budget or administer users, SKPD or certificates must pass a
second factor: the authenticator app once set up (``auth_totp``), a code sent by e-mail until
then (``auth_totp_mail_enforce``). Password-only RPC is then refused for them (API keys only).
Turning the setting on or off, and giving a user one of those groups, changes the user's session
token: sessions opened without the second factor end.
"""
import contextlib
import logging
import threading

from odoo import api, models
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request
from odoo.tools import SQL, str2bool

_logger = logging.getLogger(__name__)

REQUIRE_2FA = "eoffice_security.require_2fa"
# the thread attribute where ir.http notes the client address of an external API call
RPC_ADDRESS = "eoffice_remote_addr"
# The groups whose members must pass a second factor (modules not installed are skipped)
TWO_FACTOR_GROUPS = (
    "base.group_erp_manager",  # administers users (base.group_system implies it)
    "eoffice_skpd.group_official",  # signs and disposes
    "eoffice_skpd.group_executive",  # Bupati, Sekda: read every SKPD, sign
    "eoffice_skpd.group_auditor",  # reads every SKPD
    "eoffice_skpd.group_skpd_admin",
    "eoffice_skpd.group_pemda_admin",  # SKPD, positions, certificates
    "eoffice_budget.group_budget_verifier",  # TAPD
    "eoffice_budget.group_budget_manager",  # BPKAD: approves DPA
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _eoffice_2fa_group_ids(self):
        ids = (self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
               for xmlid in TWO_FACTOR_GROUPS)
        return [group_id for group_id in ids if group_id]

    @api.model
    def _eoffice_2fa_on(self):
        # a missing parameter is off: unticking the setting deletes it (the install writes "True")
        return str2bool(self.env["ir.config_parameter"].sudo().get_param(REQUIRE_2FA) or "False", False)

    def _eoffice_requires_2fa(self):
        self.ensure_one()
        return self._eoffice_2fa_on() and self._eoffice_requires_idle_end()

    def _eoffice_requires_idle_end(self):
        """Whether the user's idle sessions end: the users of the two-factor groups, whether or
        not the two-factor setting is on."""
        self.ensure_one()
        return not self.sudo().share and not set(self._eoffice_2fa_group_ids()).isdisjoint(self.sudo().groups_id.ids)

    def _eoffice_check_strong_login(self):
        """With the setting on, only users who log in with a second factor sign: a Plt./Plh. or
        holder of a signing seat outside the two-factor roles is refused."""
        super()._eoffice_check_strong_login()
        for user in self:
            if self._eoffice_2fa_on() and not user._eoffice_requires_2fa():
                raise UserError(self.env._(
                    "Signing needs a two-factor login, and %(user)s logs in without one: ask the Pemda "
                    "administrator to give them the Official role.", user=user.name))
        return True

    def _mfa_type(self):
        kind = super()._mfa_type()
        if kind is None and self._eoffice_requires_2fa():
            return "totp_mail"
        return kind

    def _get_session_token_query_params(self):
        params = super()._get_session_token_query_params()
        # the setting and the user's membership of a two-factor group are part of the token
        params["select"] = SQL(
            "%s, (SELECT value FROM ir_config_parameter WHERE key = %s), "
            "(SELECT count(*) FROM res_groups_users_rel r WHERE r.uid = res_users.id AND r.gid = ANY(%s))",
            params["select"], REQUIRE_2FA, self._eoffice_2fa_group_ids())
        return params

    # ------------------------------------------------------------------ throttling
    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        """Odoo's cooldown, counted in the database per login and per client address (behind the
        proxy, the address the proxy forwards), so that it holds across workers and servers. The
        external API's logins (``/xmlrpc``, ``/jsonrpc``) run without a request: their address is
        the one ir.http noted for this thread."""
        address = request.httprequest.remote_addr if request else getattr(
            threading.current_thread(), RPC_ADDRESS, None)
        if not address:
            yield  # not a login from the network (a cron, a shell)
            return
        user_record = self.sudo().browse(user).exists() if isinstance(user, int) else \
            self.sudo().search([("login", "=", user)], limit=1)
        Attempt = self.env["eoffice.login.attempt"].sudo()
        login, address = Attempt._keys(user_record.login if isinstance(user, int) else user, address,
                                       known_login=bool(user_record))
        refused, failures, known = Attempt._check(login, address)
        if refused:
            _logger.info("Login attempt refused for %r from %s: too many failures", login, address)
            raise AccessDenied(self.with_context(lang=self.env.context.get("lang") or "id_ID").env._(
                "Too many failed logins: wait a moment before trying again."))
        try:
            yield
        except AccessDenied:
            Attempt._record_failure(login, address)
            raise
        else:
            # the password of a login that needs a second factor forgives nothing yet: its wrong codes
            # count under the same login, until the code is right
            second_factor_due = not isinstance(user, int) and user_record and user_record._mfa_type() is not None
            if (failures or not known) and not second_factor_due:
                Attempt._record_success(login, address)
