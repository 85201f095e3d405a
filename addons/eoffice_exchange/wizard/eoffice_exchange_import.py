import base64
import json

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class EofficeExchangeImport(models.TransientModel):
    """The offline path: an envelope or a receipt file brought by e-mail or USB, verified exactly as
    the inbox verifies it."""

    _name = "eoffice.exchange.import"
    _description = "Import an Exchange File"

    file = fields.Binary(string="Envelope or Receipt File", required=True)
    filename = fields.Char(string="File Name")

    def action_import(self):
        user = self.env.user
        if not (user.has_group("eoffice_skpd.group_agendaris") or user.has_group("eoffice_skpd.group_pemda_admin")):
            raise AccessError(_("Only the agendaris (TU) or the Pemda administrator imports exchange files."))
        raw = base64.b64decode(self.file or b"")
        Message = self.env["eoffice.exchange.message"].sudo()
        status, body = Message._receive(raw)
        if status != 200:  # nothing was stored: the inbox refuses before it writes
            try:
                error = json.loads(body)["error"]
            except (ValueError, KeyError):
                error = {"code": str(status), "message": ""}
            raise UserError(_("The file was refused (%(code)s): %(message)s",
                              code=error["code"], message=error.get("message", "")))
        document = json.loads(body)
        # an envelope is answered by our signed receipt (it names the envelope), a receipt by an acknowledgement
        uid = json.loads(base64.b64decode(document["payload"]))["envelope"] if "payload" in document else None
        received = Message.search([("direction", "=", "in"), ("envelope_uid", "=", uid)], limit=1) if uid else None
        if received:
            return {"type": "ir.actions.act_window", "res_model": "eoffice.exchange.message",
                    "res_id": received.id, "view_mode": "form", "target": "current"}
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"type": "success", "message": _("The receipt was verified and recorded."),
                           "next": {"type": "ir.actions.act_window_close"}}}
