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

from odoo import api, models
from odoo.exceptions import AccessDenied
from odoo.http import request
from odoo.tools import SQL, str2bool

_logger = logging.getLogger(__name__)

REQUIRE_2FA = "eoffice_security.require_2fa"
# The groups whose members must pass a second factor (modules not installed are skipped)
TWO_FACTOR_GROUPS = (
    "base.group_erp_manager",  # administers users (base.group_system implies it)
    "eoffice_skpd.group_official",  # signs and disposes
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
        return str2bool(self.env["ir.config_parameter"].sudo().get_param(REQUIRE_2FA, "True"))

    def _eoffice_requires_2fa(self):
        self.ensure_one()
        return self._eoffice_2fa_on() and self._eoffice_requires_idle_end()

    def _eoffice_requires_idle_end(self):
        """Whether the user's idle sessions end: the users of the two-factor groups, whether or
        not the two-factor setting is on."""
        self.ensure_one()
        return not self.sudo().share and not set(self._eoffice_2fa_group_ids()).isdisjoint(self.sudo().groups_id.ids)

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
        proxy, the address the proxy forwards), so that it holds across workers and servers."""
        if not request:
            yield
            return
        login = user
        if isinstance(user, int):
            login = self.sudo().browse(user).exists().login
        login = (login or "").strip().lower()
        address = request.httprequest.remote_addr or "?"
        Attempt = self.env["eoffice.login.attempt"].sudo()
        refused, failures = Attempt._check(login, address)
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
            if failures:
                Attempt._record_success(login)
