"""Idle sessions of the users who must pass a second factor (officials, administrators) end
after the Pemda's idle time (``eoffice_security.idle_minutes``, 0 = never).

Activity is any HTTP request of the session; the time of the last one is kept in the session
(refreshed at most once a minute, so that a busy session is not rewritten at every request).
"""
import time

from odoo import api, models
from odoo.http import request

IDLE_MINUTES = "eoffice_security.idle_minutes"
SEEN_KEY = "eoffice_seen"
REFRESH_SECONDS = 60


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        session = request.session
        if session.uid:
            now = time.time()
            seen = session.get(SEEN_KEY)
            user = request.env["res.users"].sudo().browse(session.uid)
            minutes = int(request.env["ir.config_parameter"].sudo().get_param(IDLE_MINUTES, 0) or 0)
            if minutes and seen and now - seen > minutes * 60 and user.exists() and user._eoffice_requires_idle_end():
                session.logout(keep_db=True)
                request.env = api.Environment(request.env.cr, None, session.context)
            elif not seen or now - seen > REFRESH_SECONDS:
                session[SEEN_KEY] = now
        return super()._authenticate_explicit(auth)
