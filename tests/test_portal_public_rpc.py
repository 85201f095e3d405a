"""Portal and public users reach no e-Office, HR or budget model over RPC.

The models are taken from the registry (every model named ``eoffice.*`` or ``hr.*``, and every model of a
budget), so a new model is covered as soon as it exists. For each one a portal user (through the web client's
JSON-RPC route with a session, and through ``/jsonrpc`` with its password) and an anonymous visitor (a public
session) try ``search_read``, ``read`` of an existing record, ``create`` with nothing and ``write``: each call
is refused with an error, and nothing in the database changes.
"""

import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

MUTED = ("odoo.http", "odoo.models", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model",
         "odoo.addons.base.models.ir_attachment", "odoo.models.unlink")
PORTAL_PASSWORD = "portal-doors-2026"  # noqa: S105 - a test user's


def guarded_models(env):
    """Every concrete model of the e-Office, HR and budget families, wizards included."""
    return sorted(name for name, model in env.registry.items()
                  if not model._abstract and (name.startswith(("eoffice.", "hr.")) or "budget" in name))


@tagged("post_install", "-at_install")
class TestPortalPublicRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(cls.env, login="rpc_portal", groups="base.group_portal", password=PORTAL_PASSWORD)
        cls.models = guarded_models(cls.env)
        cls.targets = {}
        for name in cls.models:
            Model = cls.env[name].sudo().with_context(active_test=False)
            record = Model.search([], limit=1, order="id") if not Model._transient else Model.browse()
            cls.targets[name] = record
        cls.before = cls.snapshot()

    @classmethod
    def snapshot(cls):
        """How many records each model holds, and when its target was last written."""
        facts = {}
        for name in cls.models:
            Model = cls.env[name].sudo().with_context(active_test=False)
            if Model._transient:
                continue
            target = cls.targets[name]
            target.invalidate_recordset()
            facts[name] = (Model.search_count([]), target.write_date if target and "write_date" in Model else None)
        return facts

    def writable_value(self, name):
        """A value for a plain text field of the model, so that the write would really change something."""
        for field in self.env[name]._fields.values():
            if field.type == "char" and field.store and not field.readonly and not field.related \
                    and not field.compute and field.name not in ("display_name",):
                return {field.name: "DIUBAH OLEH PORTAL"}
        return {}

    # ------------------------------------------------------------------ channels
    def session_call(self, model, method, args, kwargs=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
        response = self.url_open(f"/web/dataset/call_kw/{model}/{method}", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}, allow_redirects=False)
        return response

    def password_call(self, model, method, args, kwargs=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, self.portal.id, PORTAL_PASSWORD, model, method, args, kwargs or {}]}}
        return self.url_open("/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"})

    def attempts(self, name):
        target = self.targets[name]
        yield "search_read", [[]], {"limit": 1}
        yield "create", [{}], {}
        if target:
            yield "read", [target.ids], {}
            yield "write", [target.ids, self.writable_value(name)], {}

    def try_all(self, who, call):
        problems, tried = [], 0
        for name in self.models:
            for method, args, kwargs in self.attempts(name):
                tried += 1
                with mute_logger(*MUTED):
                    response = call(name, method, args, kwargs)
                if response.status_code != 200:
                    continue  # refused by the HTTP layer (redirect to the login page, 403...)
                body = response.json()
                if "error" not in body:
                    problems.append(f"{who}: {name}.{method} answered {str(body.get('result'))[:80]}")
        return problems, tried

    # ------------------------------------------------------------------ tests
    def test_models_found(self):
        for name in ("eoffice.letter", "eoffice.disposition", "eoffice.budget.plan", "hr.employee", "hr.department"):
            self.assertIn(name, self.models)
        self.assertTrue(self.targets["eoffice.letter"] and self.targets["hr.employee"])

    def test_portal_and_public_are_refused_everything(self):
        problems, tried = [], 0
        self.authenticate(self.portal.login, PORTAL_PASSWORD)
        found, count = self.try_all("portal (session)", self.session_call)
        problems += found
        tried += count
        found, count = self.try_all("portal (/jsonrpc)", self.password_call)
        problems += found
        tried += count
        self.authenticate(None, None)
        found, count = self.try_all("public (session)", self.session_call)
        problems += found
        tried += count
        self.assertGreater(tried, 3 * 3 * len(self.models))
        after = self.snapshot()
        problems += [f"{name} changed: {self.before[name]} -> {after[name]}"
                     for name in self.before if after[name] != self.before[name]]
        if problems:
            self.fail("\n".join([f"{len(problems)} of {tried} calls got through:", *problems]))

    def test_an_employee_reaches_them(self):
        """The same calls from an employee do answer, so the refusals above come from the user's kind."""
        employee = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        self.authenticate(employee.login, "demo")
        for name in ("eoffice.letter", "hr.employee", "eoffice.budget.code"):
            body = self.session_call(name, "search_read", [[]], {"limit": 1, "fields": ["id"]}).json()
            self.assertTrue(body.get("result"), f"{name}: {body}")
