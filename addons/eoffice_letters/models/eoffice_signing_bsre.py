import base64
import hashlib
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..utils import SigningServiceDown

_logger = logging.getLogger(__name__)
TIMEOUT = 30


class ResCompany(models.Model):
    _inherit = "res.company"

    bsre_url = fields.Char(string="BSrE Service URL", help="Base URL of the BSrE client service (set on the Pemda).")
    bsre_user = fields.Char(string="BSrE User", groups="base.group_system")
    bsre_password = fields.Char(string="BSrE Password", groups="base.group_system")
    bsre_root_pem = fields.Text(string="BSrE Root Certificate (PEM)",
                                help="Trusted when validating signatures made through BSrE.")

    def _bsre_call(self, method, path, **kwargs):
        """Call the BSrE client service; SigningServiceDown when it is unreachable or failing."""
        import requests

        pemda = self.sudo()
        if not pemda.bsre_url:
            raise UserError(_("The Pemda has no BSrE service URL: set it on the Pemda's SKPD tab."))
        try:
            response = requests.request(method, pemda.bsre_url.rstrip("/") + path, timeout=TIMEOUT,
                                        auth=(pemda.bsre_user or "", pemda.bsre_password or ""), **kwargs)
        except requests.RequestException as err:
            raise SigningServiceDown(str(err)) from err
        if response.status_code >= 500:
            raise SigningServiceDown(f"HTTP {response.status_code}")
        return response


class EofficeLetter(models.Model):
    """Signing through BSrE, and the signing queue (this file only adds to eoffice.letter)."""

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

    def _bsre_sign(self, pdf, passphrase):
        pemda = self.company_id.pemda_id.sudo()
        employee = self.env["hr.employee"].sudo().search([("user_id", "=", self.env.uid)], limit=1)
        nik = employee.identification_id
        if not nik:
            raise UserError(_("Your NIK is not recorded on your employee file: BSrE signs by NIK."))
        status = pemda._bsre_call("GET", f"/api/user/status/{nik}")
        if status.status_code != 200:
            raise UserError(_("BSrE does not know the NIK %(nik)s as a signer: %(answer)s", nik=nik,
                              answer=status.text[:200]))
        response = pemda._bsre_call("POST", "/api/sign/pdf", files={"file": ("surat.pdf", pdf, "application/pdf")},
                                    data={"nik": nik, "passphrase": passphrase, "tampilan": "invisible"})
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            try:
                message = response.json().get("error") or response.text
            except ValueError:
                message = response.text
            raise UserError(_("BSrE refused to sign: %(message)s. Nothing was signed.", message=message[:300]))
        return response.content

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
