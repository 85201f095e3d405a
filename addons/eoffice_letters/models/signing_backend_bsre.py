"""Signing backend "bsre": the signature is made by the BSrE client service (by the official's NIK
and passphrase); the Pemda's settings to reach the service; a signature waits in the signing
queue (eoffice_letter_signing_queue.py) while the service is down."""
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..utils import SigningServiceDown
from .signing_backend import SigningBackend, register

TIMEOUT = 30


class ResCompany(models.Model):
    _inherit = "res.company"

    signing_backend = fields.Selection(selection_add=[("bsre", "Certified: BSrE client service")],
                                       ondelete={"bsre": "set default"})
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


@register
class BsreSigningBackend(SigningBackend):
    key = "bsre"
    signature_kind = "certified"

    def needs_passphrase(self):
        return True

    def can_queue(self):
        return True

    def sign_pdf(self, letter, pdf, passphrase, field, box, reason):
        env = letter.env
        pemda = letter.company_id.pemda_id.sudo()
        employee = env["hr.employee"].sudo().search([("user_id", "=", env.uid)], limit=1)
        nik = employee.identification_id
        if not nik:
            raise UserError(env._("Your NIK is not recorded on your employee file: BSrE signs by NIK."))
        status = pemda._bsre_call("GET", f"/api/user/status/{nik}")
        if status.status_code != 200:
            raise UserError(env._("BSrE does not know the NIK %(nik)s as a signer: %(answer)s", nik=nik,
                                  answer=status.text[:200]))
        response = pemda._bsre_call("POST", "/api/sign/pdf", files={"file": ("surat.pdf", pdf, "application/pdf")},
                                    data={"nik": nik, "passphrase": passphrase or "", "tampilan": "invisible"})
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            try:
                message = response.json().get("error") or response.text
            except ValueError:
                message = response.text
            raise UserError(env._("BSrE refused to sign: %(message)s. Nothing was signed.", message=message[:300]))
        return response.content
