"""Failed logins, counted in the database so that every worker process and every app server
sees the same count (Odoo's own cooldown counts per process: with four workers, ten wrong
passwords spread over them and none reaches the limit).

Rows are written on a cursor of their own and committed at once: the login's own transaction
is rolled back when the password is wrong. Nobody writes them through the ORM; the Pemda
administrator and the auditor read them.

A successful login (after its second factor, when one is required) leaves a *known* row for
its login and address: the owner of a login is never locked out from where they have logged
in before by someone guessing from elsewhere.
"""
import datetime
import hashlib
import ipaddress

from odoo import api, fields, models

# Failures from one client address, over all logins, before that address is refused ...
ADDRESS_FACTOR = 4
# ... within this many cooldown durations
ADDRESS_WINDOW = 10
KEEP_DAYS = 7
KNOWN_DAYS = 30
LOGIN_SIZE = 128


class EofficeLoginAttempt(models.Model):
    _name = "eoffice.login.attempt"
    _description = "Failed Login"
    _order = "attempt_date desc, id desc"
    _log_access = False

    attempt_date = fields.Datetime(string="Time", readonly=True, index=True)
    login = fields.Char(string="Login", readonly=True, index=True,
                        help="The login tried; a login that belongs to nobody is kept as a fingerprint only "
                             "(it is often a password typed in the wrong field).")
    remote_addr = fields.Char(string="Client Address", readonly=True, index=True)
    known = fields.Boolean(string="Successful Login", readonly=True,
                           help="The login succeeded from this address (kept for a month).")

    @api.model
    def _limits(self):
        """(failures before a login is refused, seconds the refusal lasts), from Odoo's own settings."""
        params = self.env["ir.config_parameter"].sudo()
        return (int(params.get_param("base.login_cooldown_after", 10)),
                int(params.get_param("base.login_cooldown_duration", 60)))

    @api.model
    def _keys(self, login, remote_addr, known_login=False):
        """(login, address) as counted: an unknown login as a fingerprint, an IPv6 address as its /64.
        ``known_login``: the caller found the user already (no need to look the login up again)."""
        login = (login or "").strip().lower()[:LOGIN_SIZE]
        if not known_login:
            self.env.cr.execute("SELECT 1 FROM res_users WHERE lower(login) = %s LIMIT 1", [login])
        if not known_login and not self.env.cr.rowcount:
            login = "?" + hashlib.sha256(login.encode()).hexdigest()[:16]
        try:
            address = ipaddress.ip_address(remote_addr or "")
            if address.version == 6:
                address = ipaddress.ip_network(f"{address}/64", strict=False)
            remote_addr = str(address)
        except ValueError:
            remote_addr = (remote_addr or "?")[:64]
        return login, remote_addr

    @api.model
    def _check(self, login, remote_addr):
        """(refused, the login's counted failures, known) for counted keys. As Odoo's own cooldown, but
        shared: a login is refused for ``duration`` seconds after each failure once it has failed
        ``after`` times since its last success (within a day); a client address, after ``after`` x
        ADDRESS_FACTOR failures over every login within ADDRESS_WINDOW cooldowns (a burst: an office
        behind one address is not locked by its users' ordinary typos). Neither applies where the
        login has succeeded before."""
        after, duration = self._limits()
        now = fields.Datetime.now()
        cooldown = now - datetime.timedelta(seconds=duration)
        self.env.cr.execute("""
            SELECT count(*) FILTER (WHERE NOT known AND login = %(login)s AND attempt_date > %(day)s),
                   max(attempt_date) FILTER (WHERE NOT known AND login = %(login)s AND attempt_date > %(day)s),
                   count(*) FILTER (WHERE NOT known AND remote_addr = %(address)s AND attempt_date > %(burst)s),
                   max(attempt_date) FILTER (WHERE NOT known AND remote_addr = %(address)s),
                   bool_or(known AND login = %(login)s AND remote_addr = %(address)s)
              FROM eoffice_login_attempt
             WHERE attempt_date > %(since)s AND (login = %(login)s OR remote_addr = %(address)s)
        """, {"login": login, "address": remote_addr, "since": now - datetime.timedelta(days=KNOWN_DAYS),
              "day": now - datetime.timedelta(days=1),
              "burst": now - datetime.timedelta(seconds=duration * ADDRESS_WINDOW)})
        by_login, login_last, by_address, address_last, known = self.env.cr.fetchone()
        if not after or known:
            return False, by_login, bool(known)
        refused = (by_login >= after and login_last > cooldown) or \
            (by_address >= after * ADDRESS_FACTOR and address_last > cooldown)
        return refused, by_login, False

    @api.model
    def _record_failure(self, login, remote_addr):
        with self.env.registry.cursor() as cr:
            cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr, known) "
                       "VALUES (now() at time zone 'UTC', %s, %s, false)", [login, remote_addr])

    @api.model
    def _record_success(self, login, remote_addr):
        """The login's earlier failures are forgiven, and this address becomes known for it."""
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM eoffice_login_attempt WHERE login = %s AND (NOT known OR remote_addr = %s)",
                       [login, remote_addr])
            cr.execute("INSERT INTO eoffice_login_attempt (attempt_date, login, remote_addr, known) "
                       "VALUES (now() at time zone 'UTC', %s, %s, true)", [login, remote_addr])

    @api.autovacuum
    def _gc_old_attempts(self):
        now = fields.Datetime.now()
        self.env.cr.execute("DELETE FROM eoffice_login_attempt WHERE (NOT known AND attempt_date < %s) "
                            "OR attempt_date < %s", [now - datetime.timedelta(days=KEEP_DAYS),
                                                     now - datetime.timedelta(days=KNOWN_DAYS)])

    @api.depends("login", "remote_addr")
    def _compute_display_name(self):
        for attempt in self:
            attempt.display_name = " — ".join(filter(None, [attempt.login, attempt.remote_addr]))
