"""End-to-end smoke test: a real headless Chromium logs in and opens every e-Office app."""
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSmokeTour(HttpCase):
    def test_admin_opens_every_app(self):
        self.env.ref("base.user_admin").lang = "id_ID"
        self.start_tour("/odoo", "eoffice_smoke_tour", login="admin", timeout=120)

    def test_login_page_and_xmlrpc_login(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "kadis.kominfo", "demo", {})
        self.assertEqual(uid, self.env.ref("eoffice_skpd.user_skpd_kominfo_head").id)
