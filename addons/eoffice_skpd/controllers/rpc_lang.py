"""An RPC call that names no language runs in the language of the user who makes it.

Odoo runs a call of the external API in the context the client sends and in nothing else:
``/jsonrpc`` and ``/xmlrpc/2/object`` (``execute_kw`` builds an environment with an empty context,
``odoo/service/model.py``) and ``/web/dataset/call_kw`` (``odoo.api.call_kw`` replaces the session's
context with the one in the call). Integrators' scripts and imports send no ``lang``, so everything
such a call wrote for Indonesian readers came out in English: the chatter line of a new record, the
labels of tracked states ("Draft → Received"), record names, and the errors it raised.

This module is the one place that changes it: each door of the object service gives a call without
``lang`` the calling user's language (``res.users.context_get``, which the web client's session
uses too). A call that names a language keeps it. It is controller inheritance, Odoo's way of
changing a route, not a patch: the doors are routes of ``base`` and ``web``. Scheduled jobs, which no
user calls, run in the Pemda's language (``models/ir_cron.py``). See docs/i18n.md.
"""
import xmlrpc.client

from odoo import api, http
from odoo.addons.base.controllers.rpc import RPC, _check_request, dumps
from odoo.addons.web.controllers.dataset import DataSet
from odoo.http import dispatch_rpc, request
from odoo.modules.registry import Registry


def _active_lang(env, lang):
    return lang if lang and env["res.lang"]._get_data(code=lang) else None


def user_lang(env):
    """The language of the user of ``env`` (active languages only), or None."""
    return _active_lang(env, env["res.users"].context_get().get("lang"))


def kwargs_in_user_lang(env, kwargs):
    """``kwargs`` of a model call, with the user's language in the context when it names none."""
    kwargs = dict(kwargs or {})
    context = kwargs.get("context") or {}
    if isinstance(context, dict) and not context.get("lang") and (lang := user_lang(env)):
        kwargs["context"] = dict(context, lang=lang)
    return kwargs


def object_call_in_user_lang(method, params):
    """``(method, params)`` of an object-service call (``execute`` or ``execute_kw``) made to run in
    the language of its user when its context names none; anything else unchanged.

    The user's language is read before the password is checked (``dispatch_rpc`` checks it, and
    refuses the call when wrong): it only chooses the language of a call that is then refused."""
    if method not in ("execute", "execute_kw") or len(params) < 5:
        return method, params
    db, uid, password, model, name, *rest = params
    if method == "execute_kw":
        args = rest[0] if rest else []
        kwargs = rest[1] if len(rest) > 1 and rest[1] else {}
    else:
        args, kwargs = list(rest), {}
    context = kwargs.get("context") if isinstance(kwargs, dict) else None
    if not isinstance(kwargs, dict) or not isinstance(args, list | tuple) or context and (
            not isinstance(context, dict) or context.get("lang")):
        return method, params
    # routes of this module are only served for databases that have it installed
    if db != request.db or not isinstance(uid, int) or isinstance(uid, bool):
        return method, params
    try:
        with Registry(db).cursor() as cr:
            lang = user_lang(api.Environment(cr, uid, {}))
    except Exception:  # noqa: BLE001 an unknown user: the call is refused by the dispatcher anyway
        lang = None
    if not lang:
        return method, params
    kwargs = dict(kwargs, context=dict(context or {}, lang=lang))
    return "execute_kw", [db, uid, password, model, name, list(args), kwargs]


class EofficeRpc(RPC):
    @http.route()
    def jsonrpc(self, service, method, args):
        if service == "object":
            _check_request()  # the request's own cursor is not needed: free it before opening one
            method, args = object_call_in_user_lang(method, args)
        return super().jsonrpc(service, method, args)

    def _xmlrpc(self, service):
        if service != "object":
            return super()._xmlrpc(service)
        # base's _xmlrpc, with the call given its user's language before it is dispatched
        _check_request()
        params, method = xmlrpc.client.loads(request.httprequest.get_data(), use_datetime=True)
        method, params = object_call_in_user_lang(method, params)
        return dumps((dispatch_rpc(service, method, params),))


class EofficeDataSet(DataSet):
    @http.route()
    def call_kw(self, model, method, args, kwargs, path=None):
        return super().call_kw(model, method, args, kwargs_in_user_lang(request.env, kwargs), path=path)

    @http.route()
    def call_button(self, model, method, args, kwargs, path=None):
        return super().call_button(model, method, args, kwargs_in_user_lang(request.env, kwargs), path=path)
