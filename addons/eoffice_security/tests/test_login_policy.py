"""The cooldown rules of the shared login counter, on rows written in the test's transaction."""

import datetime
import threading
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessDenied
from odoo.tests import TransactionCase, tagged

from ..models.res_users import RPC_ADDRESS


@tagged("post_install", "-at_install")
class TestLoginPolicy(TransactionCase):
    def setUp(self):
        super().setUp()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("base.login_cooldown_after", "10")
        params.set_param("base.login_cooldown_duration", "60")
        self.Attempt = self.env["eoffice.login.attempt"].sudo()
        self.env.cr.execute("DELETE FROM eoffice_login_attempt")
        self.now = fields.Datetime.now()

    def failed_login(self, login, address, seconds_ago):
        self.env.cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr, known) "
                            "VALUES (%s, %s, %s, false)",
                            [self.now - datetime.timedelta(seconds=seconds_ago), login, address])

    def test_a_login_waits_after_each_failure_past_the_limit(self):
        for n in range(9):
            self.failed_login("staf", f"10.0.0.{n}", 3000 - n * 300)  # a slow guesser from changing addresses
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (False, 9, False))
        self.failed_login("staf", "10.0.0.99", 30)
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (True, 10, False))
        self.env.cr.execute("UPDATE eoffice_login_attempt SET attempt_date = attempt_date - interval '31 seconds'")
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (False, 10, False))  # one more try, a minute later
        self.assertEqual(self.Attempt._check("kasi", "10.9.9.9"), (False, 0, False))  # others are not touched

    def test_failures_older_than_a_day_are_forgotten(self):
        for _n in range(12):
            self.failed_login("staf", "10.0.0.1", 86400 + 60)
        self.assertEqual(self.Attempt._check("staf", "10.0.0.2"), (False, 0, False))

    def test_an_address_guessing_many_logins(self):
        for n in range(39):
            self.failed_login(f"user{n}", "203.0.113.5", 500 - n)
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.5")[0])
        self.failed_login("user39", "203.0.113.5", 10)
        self.assertTrue(self.Attempt._check("bupati", "203.0.113.5")[0])
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.6")[0])

    def test_where_a_login_succeeded_before_its_owner_is_not_locked_out(self):
        """Someone guessing from elsewhere cannot keep an official out of their own office."""
        for _n in range(15):
            self.failed_login("bupati", "198.51.100.66", 5)
        self.env.cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr, known) "
                            "VALUES (%s, 'bupati', '10.1.1.1', true)", [self.now - datetime.timedelta(days=3)])
        self.assertTrue(self.Attempt._check("bupati", "198.51.100.66")[0])
        self.assertTrue(self.Attempt._check("bupati", "10.9.9.9")[0])
        self.assertEqual(self.Attempt._check("bupati", "10.1.1.1"), (False, 15, True))

    def test_counted_keys(self):
        """Unknown logins are kept as fingerprints (often a password typed in the login field); an IPv6
        client counts as its /64."""
        login, address = self.Attempt._keys(" Staf.Kominfo ", "2001:db8:1:2:3:4:5:6")
        self.assertEqual((login, address), ("staf.kominfo", "2001:db8:1:2::/64"))
        self.assertEqual(self.Attempt._keys("staf.kominfo", "2001:db8:1:2:ffff::1")[1], address)
        secret, _address = self.Attempt._keys("Rahasia#2026", "10.0.0.1")
        self.assertTrue(secret.startswith("?"))
        self.assertNotIn("rahasia", secret)
        self.assertEqual(len(self.Attempt._keys("x" * 5000, "10.0.0.1")[0]), 17)

    def test_an_office_behind_one_address_is_not_locked_by_typos(self):
        for n in range(60):  # 60 typos over two hours from the office's one public address
            self.failed_login(f"user{n}", "203.0.113.5", 7200 - n * 120)
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.5")[0])


@tagged("post_install", "-at_install")
class TestWhatALoginForgives(TransactionCase):
    """Which outcome of a login attempt is recorded (the rows themselves go through a cursor of
    their own, so the calls are watched here)."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("eoffice_security.require_2fa", "True")
        self.kadis = self.env.ref("eoffice_skpd.user_skpd_kominfo_head")
        self.staff = self.env.ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        Attempt = type(self.env["eoffice.login.attempt"])
        self.calls = []
        for name in ("_record_failure", "_record_success"):
            patcher = patch.object(Attempt, name, lambda _self, login, address, name=name: self.calls.append(
                (name, login, address)))
            patcher.start()
            self.addCleanup(patcher.stop)
        thread = threading.current_thread()
        setattr(thread, RPC_ADDRESS, "192.0.2.10")  # as ir.http notes it for an external API call
        self.addCleanup(delattr, thread, RPC_ADDRESS)

    def attempt(self, user, fail=False):
        self.calls.clear()
        try:
            with self.env["res.users"]._assert_can_auth(user=user):
                if fail:
                    raise AccessDenied()
        except AccessDenied:
            pass
        return self.calls

    def test_outcomes(self):
        self.assertEqual(self.attempt("staf.kominfo", fail=True),
                         [("_record_failure", "staf.kominfo", "192.0.2.10")])
        self.assertEqual(self.attempt("staf.kominfo"), [("_record_success", "staf.kominfo", "192.0.2.10")])
        # the right password of a login that still owes its second factor forgives nothing
        self.assertEqual(self.attempt("kadis.kominfo"), [])
        # a wrong code, then the right code (checked by user id)
        self.assertEqual(self.attempt(self.kadis.id, fail=True),
                         [("_record_failure", "kadis.kominfo", "192.0.2.10")])
        self.assertEqual(self.attempt(self.kadis.id), [("_record_success", "kadis.kominfo", "192.0.2.10")])
        # no address (a cron, a shell): not a login from the network
        delattr(threading.current_thread(), RPC_ADDRESS)
        self.assertEqual(self.attempt("staf.kominfo", fail=True), [])
        setattr(threading.current_thread(), RPC_ADDRESS, "192.0.2.10")
