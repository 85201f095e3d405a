"""The trail cannot be forged or erased over the external API, even by the administrator.

Each attempt logs in with a real password over ``/jsonrpc`` (service ``object``, ``execute_kw``, no
language in the context, as scripts send it) and through the web client's ``/web/dataset/call_kw``,
is refused in Indonesian, and leaves the entry exactly as it was.
"""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAuditTrailOverRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.auditor = cls.env.ref("eoffice_skpd.user_skpd_inspektorat_auditor")
        cls.acting = cls.env.ref("eoffice_skpd.acting_kominfo_kemitraan")
        cls.passwords = {cls.admin: "admin", cls.auditor: "demo"}

    def rpc(self, user, model, method, *args, **kwargs):
        """One execute_kw call over HTTP; returns (result, error message)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "object", "method": "execute_kw",
            "args": [self.env.cr.dbname, user.id, self.passwords[user], model, method, list(args), kwargs]}}
        with mute_logger("odoo.http"):
            body = self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        return (None, body["error"]["data"]["message"]) if "error" in body else (body["result"], None)

    def call_kw(self, model, method, *args):
        """The web client's path, in the session of the last ``authenticate``."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": list(args), "kwargs": {}}}
        with mute_logger("odoo.http"):
            body = self.url_open("/web/dataset/call_kw", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        return (None, body["error"]["data"]["message"]) if "error" in body else (body["result"], None)

    def snapshot(self, entry):
        self.env.invalidate_all()
        entry = entry.sudo()
        return entry.read()[0], entry.line_ids.read()

    def test_the_trail_cannot_be_forged_or_erased_over_rpc(self):
        # the change is made in the web client, so the entry carries its HTTP request and session
        self.authenticate("admin", "admin")
        result, error = self.call_kw("eoffice.position.acting", "write", [self.acting.id],
                                     {"decree_number": "800/7/PLT/RPC"})
        self.assertIsNone(error)
        entry = self.env["auditlog.log"].search([("model_model", "=", "eoffice.position.acting"),
                                                 ("res_id", "=", self.acting.id), ("method", "=", "write")])
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.admin)
        self.assertEqual(entry.line_ids.mapped("new_value_text"), ["800/7/PLT/RPC"])
        self.assertEqual(entry.http_request_id.name, "/web/dataset/call_kw")
        self.assertEqual(entry.http_session_id.user_id, self.admin)
        before = self.snapshot(entry)

        # the auditor reads it over RPC
        rows, error = self.rpc(self.auditor, "auditlog.log.line", "search_read",
                               [("log_id", "=", entry.id)], fields=["field_name", "old_value_text", "new_value_text"])
        self.assertIsNone(error)
        self.assertEqual([row["new_value_text"] for row in rows], ["800/7/PLT/RPC"])

        attempts = [
            ("auditlog.log", "write", [entry.id], {"user_id": self.auditor.id}),
            ("auditlog.log", "unlink", [entry.id]),
            ("auditlog.log.line", "write", entry.line_ids.ids, {"new_value_text": "800/7/PLT/PALSU"}),
            ("auditlog.log.line", "unlink", entry.line_ids.ids),
            ("auditlog.http.request", "unlink", entry.http_request_id.ids),
            ("auditlog.log", "create", {"model_id": entry.model_id.id, "res_id": self.acting.id,
                                        "method": "write", "name": "Palsu"}),
        ]
        for user in (self.admin, self.auditor):
            for model, method, *args in attempts:
                with self.subTest(user=user.login, model=model, method=method):
                    result, error = self.rpc(user, model, method, *args)
                    self.assertIsNone(result)
                    self.assertRegex(error, "Jejak audit tidak dapat diubah|hanya ditulis oleh sistem")
        # and through the web client, logged in as the administrator
        for model, method, *args in attempts[:2]:
            result, error = self.call_kw(model, method, *args)
            self.assertIsNone(result)
            self.assertIn("Jejak audit tidak dapat diubah", error)
        self.assertEqual(self.snapshot(entry), before)
