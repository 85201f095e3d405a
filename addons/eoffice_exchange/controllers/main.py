import base64
import json
import uuid

from odoo import http
from odoo.http import request

from .. import envelope


class EofficeExchange(http.Controller):
    """The exchange's doors: the inbox peers POST envelopes and receipts to, the signed directory of
    the addresses this Pemda publishes, and the download of a signed envelope for the offline path."""

    @staticmethod
    def _response(body, status=200, filename=None):
        headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                   ("X-Content-Type-Options", "nosniff")]
        if filename:
            headers.append(("Content-Disposition", f'attachment; filename="{filename}"'))
        return request.make_response(body, status=status, headers=headers)

    @http.route("/eoffice/exchange/inbox", type="http", auth="public", methods=["POST"], csrf=False, sitemap=False,
                save_session=False)
    def inbox(self, **kwargs):
        env = request.env(context=dict(request.env.context, lang="id_ID"))
        max_bytes = env["eoffice.exchange.message"].sudo()._limits()[0]
        length = request.httprequest.content_length
        if length is not None and length > max_bytes:
            status, body = 413, json.dumps({"error": {"code": "too_large", "message": "Amplop melebihi batas ukuran.",
                                                      "detail": ""}}).encode()
        else:
            # kept: when two envelopes race for the agenda counter, Odoo runs the request again after the
            # serialization failure, and the stream can be read only once
            raw = request.httprequest.get_data()
            status, body = env["eoffice.exchange.message"].sudo()._receive(raw)
        if status != 200:
            request.env.cr.rollback()  # a refusal leaves nothing behind
        return self._response(body, status)

    @http.route("/eoffice/exchange/directory", type="http", auth="public", methods=["GET"], sitemap=False,
                save_session=False)
    def directory(self, **kwargs):
        env = request.env
        Message = env["eoffice.exchange.message"].sudo()
        pemda = env["res.company"].sudo().search([("parent_id", "=", False)], order="id", limit=1)
        addresses = env["eoffice.exchange.address"].sudo().search([("peer_id", "=", False)])
        code, cert_pem, key = Message._identity(pemda)
        signed = envelope.seal(envelope.DIRECTORY, {
            "id": str(uuid.uuid4()), "created": envelope.timestamp(),
            "sender": {"organisation": code, "name": pemda.name},
            "addresses": [{"code": a.code, "name": a.name, "kind": a.kind} for a in addresses],
        }, cert_pem, key)
        cas = env["eoffice.signing.certificate"].sudo()._trusted_cas(pemda)
        return self._response(json.dumps({
            "organisation": code, "name": pemda.name, "inbox": "/eoffice/exchange/inbox",
            "ca_certificates": cas.mapped("certificate_pem"), "signed": signed.decode()}))

    @http.route("/eoffice/exchange/message/<int:message_id>/<any(envelope,receipt):what>", type="http",
                auth="user", methods=["GET"], sitemap=False)
    def download(self, message_id, what, **kwargs):
        message = request.env["eoffice.exchange.message"].browse(message_id).exists()
        if not message:
            raise request.not_found()
        message._check_download()
        data = message.sudo().document if what == "envelope" else message.sudo().receipt_document
        if not data:
            raise request.not_found()
        suffix = "amplop" if what == "envelope" else "tanda-terima"
        return self._response(base64.b64decode(data), filename=f"{message.envelope_uid}.{suffix}.json")
