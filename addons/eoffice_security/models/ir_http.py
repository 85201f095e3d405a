"""Idle sessions of the users who must pass a second factor (officials, administrators) end
after the Pemda's idle time (``eoffice_security.idle_minutes``, 0 = never).

Activity is a request of the session other than the web client's background traffic (the bus,
the websocket); the time of the last one is kept in the session, refreshed at most once a minute
so that a busy session is not rewritten at every request. The websocket of an idle session is
closed as well.

Every request also notes its client address for the thread, for the login throttling of the
external API (``/xmlrpc``, ``/jsonrpc`` run their logins without a request).
"""
import threading
import time

from odoo import api, models
from odoo.http import SessionExpiredException, request

from .res_users import RPC_ADDRESS

IDLE_MINUTES = "eoffice_security.idle_minutes"
SEEN_KEY = "eoffice_seen"
REFRESH_SECONDS = 60
BACKGROUND_PATHS = ("/websocket", "/bus/", "/longpolling/")


def _idle_expired(session, env):
    """Whether the session's user must be logged out for idleness."""
    seen = session.get(SEEN_KEY)
    if not session.uid or not seen:
        return False
    minutes = int(env["ir.config_parameter"].sudo().get_param(IDLE_MINUTES, 0) or 0)
    if not minutes or time.time() - seen <= minutes * 60:
        return False
    user = env["res.users"].sudo().browse(session.uid).exists()
    return bool(user) and user._eoffice_requires_idle_end()


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        setattr(threading.current_thread(), RPC_ADDRESS, request.httprequest.remote_addr)
        session = request.session
        if session.uid:
            if _idle_expired(session, request.env):
                session.logout(keep_db=True)
                request.env = api.Environment(request.env.cr, None, session.context)
            elif not request.httprequest.path.startswith(BACKGROUND_PATHS):
                seen = session.get(SEEN_KEY)
                if not seen or time.time() - seen > REFRESH_SECONDS:
                    session[SEEN_KEY] = time.time()
        return super()._authenticate_explicit(auth)


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    @classmethod
    def _authenticate(cls):
        from odoo.addons.bus.websocket import wsrequest

        if wsrequest.session.uid and _idle_expired(wsrequest.session, wsrequest.env):
            wsrequest.session.logout(keep_db=True)
            raise SessionExpiredException()
        return super()._authenticate()
