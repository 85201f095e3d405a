"""What each user meets first: the login page is the Pemda's, each role lands where it works, and
the menus hold nothing a civil servant never uses. Over real HTTP, as the demo users."""

import base64
import json

from odoo.tests import HttpCase, tagged

LANDINGS = {
    "bupati": "eoffice_dashboard.eoffice_dashboard_action",
    "sekda": "eoffice_dashboard.eoffice_dashboard_action",
    "auditor": "eoffice_dashboard.eoffice_dashboard_action",
    "bpkad": "eoffice_budget.eoffice_budget_dpa_action",
    "tapd": "eoffice_budget.eoffice_budget_plan_verify_action",
    "anggaran.kominfo": "eoffice_budget.eoffice_budget_plan_action",
    "tu.kominfo": "eoffice_letters.eoffice_letter_action_incoming",
    "staf.kominfo": "eoffice_letters.eoffice_letter_action_todo",
    "kadis.kominfo": "eoffice_letters.eoffice_letter_action_todo",
}


@tagged("post_install", "-at_install")
class TestLanding(HttpCase):
    def session_info(self):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}
        return self.url_open("/web/session/get_session_info", data=json.dumps(payload),
                             headers={"Content-Type": "application/json"}).json()["result"]

    def test_each_role_lands_where_it_works(self):
        for login, xmlid in LANDINGS.items():
            with self.subTest(login=login):
                self.authenticate(login, "demo")
                self.assertEqual(self.session_info()["home_action_id"], self.env.ref(xmlid).id)
        # a home action chosen for the user wins
        staff = self.env["res.users"].search([("login", "=", "staf.kominfo")])
        staff.action_id = self.env.ref("eoffice_letters.eoffice_letter_action_outgoing").id
        self.authenticate("staf.kominfo", "demo")
        self.assertEqual(self.session_info()["home_action_id"], staff.action_id.id)

    def test_menus_hold_what_civil_servants_use(self):
        Menu = self.env["ir.ui.menu"]
        app_store, employees = self.env.ref("base.menu_management"), self.env.ref("hr.menu_hr_root")
        for login in ("staf.kominfo", "tu.kominfo", "kadis.kominfo", "bupati", "bpkad", "auditor", "admin.kominfo"):
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                roots = Menu.with_user(user).load_menus(False)["root"]["children"]
                self.assertNotIn(app_store.id, roots)
                self.assertNotIn(employees.id, roots)
                self.assertIn(self.env.ref("eoffice_skpd.menu_root").id, roots)
        admin = self.env.ref("base.user_admin")
        self.assertIn(app_store.id, Menu.with_user(admin).load_menus(False)["root"]["children"])

    def test_the_login_page_is_the_pemdas(self):
        self.url_open("/web/session/logout")
        page = self.url_open("/web/login").text
        self.assertIn(self.env.ref("base.main_company").name, page)
        self.assertNotIn("odoo.com", page)
        self.assertNotIn("/web/signup", page)
        # the Pemda's crest, not Odoo's "Your logo" placeholder
        pemda = self.env.ref("base.main_company")
        logo = self.url_open("/web/binary/company_logo")
        self.assertEqual(logo.status_code, 200)
        self.assertEqual(logo.content, base64.b64decode(pemda.logo_web))
        self.assertEqual(pemda.logo, pemda.letterhead_logo)

    def test_the_demo_dinkes_can_follow_a_disposition(self):
        """Every seat the Kepala Dinas Kesehatan disposes to by default has someone who can log in."""
        head = self.env.ref("eoffice_skpd.pos_skpd_dinkes_head")
        self.assertTrue(head.child_ids)
        for seat in head.child_ids:
            with self.subTest(seat=seat.name):
                self.assertTrue(seat.current_user_ids, f"nobody can log in to follow up {seat.name}")
        self.authenticate("kabid.yankes", "demo")
        self.assertEqual(self.session_info()["uid"], self.env.ref("eoffice_skpd.user_skpd_dinkes_yankes_head").id)
