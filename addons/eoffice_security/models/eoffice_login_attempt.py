"""Failed logins, counted in the database so that every worker process and every app server
sees the same count (Odoo's own cooldown counts per process: with four workers, ten wrong
passwords spread over them and none reaches the limit).

Rows are written on a cursor of their own and committed at once: the login's own transaction
is rolled back when the password is wrong. Nobody writes them through the ORM; administrators
read them.
"""
import datetime

from odoo import api, fields, models

# Failures from one client address, over all logins, before that address is refused
ADDRESS_FACTOR = 4
# ... within this many cooldown durations
ADDRESS_WINDOW = 10
KEEP_DAYS = 7


class EofficeLoginAttempt(models.Model):
    _name = "eoffice.login.attempt"
    _description = "Failed Login"
    _order = "attempt_date desc, id desc"
    _log_access = False

    attempt_date = fields.Datetime(string="Time", readonly=True, index=True)
    login = fields.Char(string="Login", readonly=True, index=True)
    remote_addr = fields.Char(string="Client Address", readonly=True, index=True)

    @api.model
    def _limits(self):
        """(failures before a login is refused, seconds the refusal lasts), from Odoo's own settings."""
        params = self.env["ir.config_parameter"].sudo()
        return (int(params.get_param("base.login_cooldown_after", 10)),
                int(params.get_param("base.login_cooldown_duration", 60)))

    @api.model
    def _check(self, login, remote_addr):
        """(refused, the login's counted failures). As Odoo's own cooldown, but shared: a login is
        refused for ``duration`` seconds after each failure once it has failed ``after`` times
        since its last success (within a day); a client address, after ``after`` x ADDRESS_FACTOR
        failures over every login within ADDRESS_WINDOW cooldowns (a burst: an office behind one
        address is not locked by its users' ordinary typos)."""
        after, duration = self._limits()
        now = fields.Datetime.now()
        cooldown = now - datetime.timedelta(seconds=duration)
        self.env.cr.execute("""
            SELECT count(*) FILTER (WHERE login = %(login)s), max(attempt_date) FILTER (WHERE login = %(login)s),
                   count(*) FILTER (WHERE remote_addr = %(address)s AND attempt_date > %(burst)s),
                   max(attempt_date) FILTER (WHERE remote_addr = %(address)s)
              FROM eoffice_login_attempt
             WHERE attempt_date > %(day)s AND (login = %(login)s OR remote_addr = %(address)s)
        """, {"login": login, "address": remote_addr, "day": now - datetime.timedelta(days=1),
              "burst": now - datetime.timedelta(seconds=duration * ADDRESS_WINDOW)})
        by_login, login_last, by_address, address_last = self.env.cr.fetchone()
        if not after:
            return False, by_login
        refused = (by_login >= after and login_last > cooldown) or \
            (by_address >= after * ADDRESS_FACTOR and address_last > cooldown)
        return refused, by_login

    @api.model
    def _record_failure(self, login, remote_addr):
        with self.env.registry.cursor() as cr:
            cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr) "
                       "VALUES (now() at time zone 'UTC', %s, %s)", [login, remote_addr])

    @api.model
    def _record_success(self, login):
        """A successful login forgives the login's earlier failures (not the address's)."""
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM eoffice_login_attempt WHERE login = %s", [login])

    @api.autovacuum
    def _gc_old_attempts(self):
        self.env.cr.execute("DELETE FROM eoffice_login_attempt WHERE attempt_date < %s",
                            [fields.Datetime.now() - datetime.timedelta(days=KEEP_DAYS)])
