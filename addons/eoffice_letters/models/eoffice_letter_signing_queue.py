"""The signing queue: when the signing service of a backend that can queue (BSrE) is down, the
letter waits with its passphrase sealed by a server key, and a job signs it once the service is back."""
import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..utils import SigningServiceDown


class EofficeLetterSigningQueue(models.Model):
    """The signing queue of eoffice.letter."""

    _inherit = "eoffice.letter"

    sign_queued = fields.Boolean(string="In the Signing Queue", readonly=True, copy=False, index=True, workflow="owned")
    sign_queue_user_id = fields.Many2one("res.users", string="Queued By", readonly=True, copy=False, workflow="owned")
    sign_queue_secret = fields.Binary(string="Sealed Passphrase", readonly=True, copy=False, attachment=False,
                                      groups="base.group_system", workflow="owned")
    sign_queue_attempts = fields.Integer(string="Attempts", readonly=True, copy=False, workflow="owned")
    sign_queue_error = fields.Char(string="Last Error", readonly=True, copy=False, workflow="owned")

    @api.model
    def _queue_fernet(self):
        from cryptography.fernet import Fernet

        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"eoffice-queue:{secret}".encode()).digest()))

    def _queue_signature(self, passphrase, error):
        """Keep the letter for the signing job: the passphrase is sealed with a server key until then."""
        self.ensure_one()
        self.sudo()._workflow_write({
            "sign_queued": True, "sign_queue_user_id": self.env.uid, "sign_queue_error": error[:200],
            "sign_queue_secret": self._queue_fernet().encrypt(passphrase.encode()),
        })
        self._log(_("The signing service is unavailable (%(error)s): the letter waits in the signing queue and "
                    "will be signed as soon as the service is back.", error=error[:200]))

    def _sign_or_queue(self, passphrase):
        """Sign now; when the service is down, roll back what was started and queue the letter."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._sign_one(passphrase)
        except SigningServiceDown as err:
            self._queue_signature(passphrase, str(err))
            return False
        return True

    @api.model
    def _cron_sign_queue(self, limit=50):
        """Retry the queued signatures, each exactly once even if two jobs run at the same time."""
        done = 0
        for letter in self.sudo().search([("sign_queued", "=", True), ("state", "=", "to_sign")], limit=limit):
            self.env.cr.execute("SELECT id FROM eoffice_letter WHERE id = %s AND sign_queued FOR UPDATE SKIP LOCKED",
                                [letter.id])
            if not self.env.cr.fetchone():
                continue
            passphrase = self._queue_fernet().decrypt(letter.sign_queue_secret).decode()
            user = letter.sign_queue_user_id
            signer = letter.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)
            try:
                with self.env.cr.savepoint():
                    signer._sign_one(passphrase)
            except SigningServiceDown as err:
                letter.write({"sign_queue_attempts": letter.sign_queue_attempts + 1,
                              "sign_queue_error": str(err)[:200]})
                continue
            except UserError as err:
                letter._workflow_write({"sign_queued": False, "sign_queue_secret": False,
                                          "sign_queue_error": str(err)[:200]})
                letter._log(_("The queued signature failed: %(error)s", error=str(err)))
                continue
            letter._workflow_write({"sign_queued": False, "sign_queue_secret": False, "sign_queue_error": False})
            done += 1
            # one transaction per letter: a signature holds its SKPD's number counter and the signing
            # register's head until it commits, which must not wait for the rest of the queue
            if self.env.context.get("cron_id"):  # run by the scheduler, not called inside a transaction
                self.env.cr.commit()
        return done
