"""The cooldown rules of the shared login counter, on rows written in the test's transaction."""

import datetime

from odoo import fields
from odoo.tests import TransactionCase, tagged


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

    def fail(self, login, address, seconds_ago):
        self.env.cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr) VALUES (%s, %s, %s)",
                            [self.now - datetime.timedelta(seconds=seconds_ago), login, address])

    def test_a_login_waits_after_each_failure_past_the_limit(self):
        for n in range(9):
            self.fail("staf", f"10.0.0.{n}", 3000 - n * 300)  # a slow guesser from changing addresses
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (False, 9))
        self.fail("staf", "10.0.0.99", 30)
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (True, 10))
        self.env.cr.execute("UPDATE eoffice_login_attempt SET attempt_date = attempt_date - interval '31 seconds'")
        self.assertEqual(self.Attempt._check("staf", "10.9.9.9"), (False, 10))  # one more try, a minute later
        self.assertEqual(self.Attempt._check("kasi", "10.9.9.9"), (False, 0))  # others are not touched

    def test_failures_older_than_a_day_are_forgotten(self):
        for _n in range(12):
            self.fail("staf", "10.0.0.1", 86400 + 60)
        self.assertEqual(self.Attempt._check("staf", "10.0.0.2"), (False, 0))

    def test_an_address_guessing_many_logins(self):
        for n in range(39):
            self.fail(f"user{n}", "203.0.113.5", 500 - n)
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.5")[0])
        self.fail("user39", "203.0.113.5", 10)
        self.assertTrue(self.Attempt._check("bupati", "203.0.113.5")[0])
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.6")[0])

    def test_an_office_behind_one_address_is_not_locked_by_typos(self):
        for n in range(60):  # 60 typos over two hours from the office's one public address
            self.fail(f"user{n}", "203.0.113.5", 7200 - n * 120)
        self.assertFalse(self.Attempt._check("bupati", "203.0.113.5")[0])
