"""Two-factor login for signers and administrators, idle sessions, the password policy: tried over
real HTTP with the demo users' passwords, as a person at the login page or a script would."""

import json
import time
from unittest.mock import MagicMock, patch

from odoo.exceptions import UserError
from odoo.http import root
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.ir_http import SEEN_KEY
from ..models.res_users import REQUIRE_2FA


@tagged("post_install", "-at_install")
class TestSessionRules(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.kadis = ref("eoffice_skpd.user_skpd_kominfo_head")  # an official: signs
        cls.staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")  # drafts, never signs
        cls.bpkad = ref("eoffice_budget.user_bpkad")  # approves DPA
        cls.admin_kominfo = cls.env["res.users"].search([("login", "=", "admin.kominfo")])

    def set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(key, value)

    def web_authenticate(self, login, password="demo"):
        """The web client's password step: (uid in the session or None, the JSON-RPC error)."""
        self.url_open("/web/session/logout")
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"db": self.env.cr.dbname, "login": login, "password": password}}
        with mute_logger("odoo.http"):
            body = self.url_open("/web/session/authenticate", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"].get("uid"), None

    def session_uid(self):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}
        with mute_logger("odoo.http"):
            body = self.url_open("/web/session/get_session_info", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json()
        return None if "error" in body else body["result"].get("uid")

    def rpc_login(self, login, password="demo"):
        """What a script does: the external API's login with a password."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "service": "common", "method": "login", "args": [self.env.cr.dbname, login, password]}}
        with mute_logger("odoo.http"):
            return self.url_open("/jsonrpc", data=json.dumps(payload),
                                 headers={"Content-Type": "application/json"}).json().get("result")

    # ------------------------------------------------------------------ two factors
    def test_signers_and_admins_need_a_second_factor(self):
        self.set_param(REQUIRE_2FA, "True")
        for user in (self.kadis, self.bpkad, self.admin_kominfo):
            with self.subTest(user=user.login):
                self.assertEqual(user._mfa_type(), "totp_mail")
                uid, error = self.web_authenticate(user.login)
                self.assertIsNone(error)
                self.assertIsNone(uid, "the password alone opened the session")
                self.assertIsNone(self.session_uid())
                self.assertFalse(self.rpc_login(user.login), "a script logged in with the password alone")
        # staff who neither sign nor administer keep the password alone
        self.assertIsNone(self.staff._mfa_type())
        uid, _error = self.web_authenticate(self.staff.login)
        self.assertEqual(uid, self.staff.id)
        self.assertEqual(self.rpc_login(self.staff.login), self.staff.id)

    def test_the_mail_code_completes_the_login(self):
        self.set_param(REQUIRE_2FA, "True")
        uid, _error = self.web_authenticate(self.kadis.login)
        self.assertIsNone(uid)
        sent = []
        MailServer = type(self.env["ir.mail_server"])
        with patch.object(MailServer, "connect", lambda *args, **kwargs: MagicMock()), \
                patch.object(MailServer, "send_email",
                             lambda server, message, *args, **kwargs: sent.append(message) or "<id>"):
            page = self.url_open("/web/login/totp")  # sends the code to the official's e-mail
            self.assertEqual(page.status_code, 200)
            self.assertEqual([message["To"] for message in sent], [self.kadis.email])
            self.kadis.invalidate_recordset()
            code, _expiry = self.kadis._get_totp_mail_code()
            self.assertIn(code, sent[0].get_body(("html", "plain")).get_content())
            self.assertIsNone(self.session_uid())
            wrong = "000000" if code != "000000" else "111111"
            self.url_open("/web/login/totp", data={"totp_token": wrong, "csrf_token": self.csrf(page.text)})
            self.assertIsNone(self.session_uid())
            self.url_open("/web/login/totp", data={"totp_token": code, "csrf_token": self.csrf(page.text)})
        self.assertEqual(self.session_uid(), self.kadis.id)

    @staticmethod
    def csrf(html):
        marker = 'name="csrf_token" value="'
        return html[html.index(marker) + len(marker):].split('"', 1)[0]

    def test_setting_off_password_alone(self):
        self.set_param(REQUIRE_2FA, "False")
        self.assertIsNone(self.kadis._mfa_type())
        uid, _error = self.web_authenticate(self.kadis.login)
        self.assertEqual(uid, self.kadis.id)

    def test_turning_it_on_ends_open_sessions(self):
        self.set_param(REQUIRE_2FA, "False")
        self.authenticate(self.kadis.login, "demo")
        self.assertEqual(self.session_uid(), self.kadis.id)
        self.set_param(REQUIRE_2FA, "True")
        self.assertIsNone(self.session_uid(), "a session opened without the second factor survived")

    def test_joining_a_signing_group_ends_open_sessions(self):
        self.set_param(REQUIRE_2FA, "True")
        self.authenticate(self.staff.login, "demo")
        self.assertEqual(self.session_uid(), self.staff.id)
        self.staff.groups_id = [(4, self.env.ref("eoffice_skpd.group_official").id)]
        self.assertIsNone(self.session_uid())

    def test_the_setting_switches_it_both_ways(self):
        """As the Pemda administrator does it, in Settings."""
        settings = self.env["res.config.settings"]
        settings.create({"eoffice_require_2fa": True}).execute()
        self.assertEqual(self.kadis._mfa_type(), "totp_mail")
        self.assertTrue(settings.create({}).eoffice_require_2fa)
        settings.create({"eoffice_require_2fa": False}).execute()
        self.assertIsNone(self.kadis._mfa_type())
        self.assertFalse(settings.create({}).eoffice_require_2fa)
        uid, _error = self.web_authenticate(self.kadis.login)
        self.assertEqual(uid, self.kadis.id)

    def test_only_two_factor_users_sign(self):
        """A Plt./Plh. or holder of a signing seat outside the two-factor roles may not sign while
        the setting is on; the roles that read every SKPD need the second factor too."""
        self.set_param(REQUIRE_2FA, "True")
        with self.assertRaisesRegex(UserError, "dua faktor|two-factor"):
            self.staff.with_context(lang="id_ID")._eoffice_check_strong_login()
        self.assertTrue(self.kadis._eoffice_check_strong_login())
        for login in ("auditor", "bupati"):
            self.assertEqual(self.env["res.users"].search([("login", "=", login)])._mfa_type(), "totp_mail")
        self.set_param(REQUIRE_2FA, "False")
        self.assertTrue(self.staff._eoffice_check_strong_login())

    # ------------------------------------------------------------------ idle sessions
    def test_idle_officials_are_logged_out(self):
        self.set_param(REQUIRE_2FA, "False")
        self.set_param("eoffice_security.idle_minutes", "30")
        for user, ends in ((self.kadis, True), (self.staff, False)):
            with self.subTest(user=user.login):
                session = self.authenticate(user.login, "demo")
                self.assertEqual(self.session_uid(), user.id)  # activity: the time is kept
                session = root.session_store.get(session.sid)
                self.assertTrue(session.get(SEEN_KEY))
                session[SEEN_KEY] = time.time() - 31 * 60
                root.session_store.save(session)
                self.assertEqual(self.session_uid(), None if ends else user.id)
        # an active official stays
        self.authenticate(self.kadis.login, "demo")
        self.assertEqual(self.session_uid(), self.kadis.id)
        self.assertEqual(self.session_uid(), self.kadis.id)

    # ------------------------------------------------------------------ passwords
    def test_password_policy(self):
        params = self.env["ir.config_parameter"].sudo()
        self.assertGreaterEqual(int(params.get_param("auth_password_policy.minlength")), 8)
        staff = self.staff.with_user(self.staff).with_context(lang="id_ID")
        with self.assertRaisesRegex(UserError, "setidaknya 8 karakter|at least 8 characters"):
            staff.change_password("demo", "pendek")
        self.assertTrue(self.rpc_login(self.staff.login, "demo"))
        staff.change_password("demo", "kata-sandi-yang-panjang")
        self.assertEqual(self.rpc_login(self.staff.login, "kata-sandi-yang-panjang"), self.staff.id)

    # ------------------------------------------------------------------ accounts
    def test_nobody_signs_up_alone(self):
        """Accounts are given by the Pemda: no self-registration page, no "Tidak punya akun?" link."""
        self.assertEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2b")
        self.url_open("/web/session/logout")
        login_page = self.url_open("/web/login")
        self.assertNotIn("/web/signup", login_page.text)
        count = self.env["res.users"].with_context(active_test=False).search_count([])
        with mute_logger("odoo.http"):
            page = self.url_open("/web/signup")
            posted = self.url_open("/web/signup", data={
                "login": "penyusup@example.com", "name": "Penyusup", "password": "rahasia-sekali",
                "confirm_password": "rahasia-sekali", "csrf_token": self.csrf(login_page.text)})
        self.assertEqual((page.status_code, posted.status_code), (404, 404))
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]), count)
