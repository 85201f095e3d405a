import hashlib
import json
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..utils import format_date_id

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
MAX_UPLOAD = 30 * 1024 * 1024


class EofficeVerify(http.Controller):
    """Public verification of signed letters: what the QR code on every printed letter opens."""

    def _letter(self, token):
        if not TOKEN_RE.match(token or ""):
            raise NotFound()
        letter = request.env["eoffice.letter"].sudo().search(
            [("verification_token", "=", token), ("direction", "=", "outgoing")], limit=1)
        if not letter or letter.state not in ("signed", "sent", "revoked", "superseded"):
            raise NotFound()
        return letter

    def _facts(self, letter):
        """What the public may learn: never the body, the subject only for sifat Biasa."""
        status = {"revoked": "revoked", "superseded": "superseded"}.get(letter.state, "genuine")
        facts = {
            "status": status,
            "number": letter.number,
            "date": letter.letter_date.isoformat(),
            "date_text": format_date_id(letter.letter_date),
            "type": letter.type_id.name,
            "skpd": letter.company_id.name,
            "signer_name": letter.signer_name,
            "signer_title": letter.signer_title,
            "signature_kind": letter.signature_kind,
            "subject": letter.name if letter.sifat == "biasa" else None,
            "pdf_sha256": letter.pdf_sha256,
        }
        if status == "revoked":
            facts["revoked_date"] = letter.revoked_date and format_date_id(letter.revoked_date.date())
            facts["revoke_reason"] = letter.revoke_reason
        if status == "superseded":
            facts["superseded_by"] = letter.superseded_by_id.number
        return facts

    def _respond(self, letter, check=None):
        facts = self._facts(letter)
        if check is not None:
            facts["identical"] = check
        if request.httprequest.args.get("format") == "json" or \
                "application/json" in request.httprequest.headers.get("Accept", ""):
            return request.make_response(json.dumps(facts), headers=self._headers("application/json"))
        lang = "id_ID" if request.env["res.lang"]._get_data(code="id_ID") else request.env.lang
        html = request.env["ir.qweb"].with_context(lang=lang)._render(
            "eoffice_letters.verify_page", {"facts": facts, "letter": letter.with_context(lang=lang)})
        return request.make_response(html, headers=self._headers("text/html; charset=utf-8"))

    @staticmethod
    def _headers(content_type):
        return [("Content-Type", content_type), ("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex"),
                ("Referrer-Policy", "no-referrer")]

    @http.route("/eoffice/verify/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False,
                readonly=True)
    def verify(self, token, **kwargs):
        return self._respond(self._letter(token))

    @http.route("/eoffice/verify/<string:token>", type="http", auth="public", methods=["POST"], csrf=False,
                sitemap=False, readonly=True)
    def verify_pdf(self, token, **kwargs):
        letter = self._letter(token)
        upload = request.httprequest.files.get("pdf")
        data = upload.read(MAX_UPLOAD + 1) if upload else b""
        identical = bool(data) and len(data) <= MAX_UPLOAD and \
            hashlib.sha256(data).hexdigest() == letter.pdf_sha256
        return self._respond(letter, check=identical)
