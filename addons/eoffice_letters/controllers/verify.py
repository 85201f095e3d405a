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
        """The signed letter of the token, or an empty recordset: an unknown token, a malformed one
        and a letter not signed yet are answered alike."""
        Letter = request.env["eoffice.letter"].sudo()
        if not TOKEN_RE.match(token or ""):
            return Letter
        letter = Letter.search([("verification_token", "=", token), ("direction", "=", "outgoing")], limit=1)
        if not letter or letter.state not in ("cosigning", "signed", "sent", "revoked", "superseded"):
            return Letter
        return letter

    def _wants_json(self):
        return request.httprequest.args.get("format") == "json" or \
            "application/json" in request.httprequest.headers.get("Accept", "")

    def _page_env(self):
        lang = "id_ID" if request.env["res.lang"]._get_data(code="id_ID") else request.env.lang
        return request.env["ir.qweb"].with_context(lang=lang)

    def _unknown(self):
        """404, in the Pemda's words: no letter with this code was issued by the system."""
        if self._wants_json():
            return request.make_response(json.dumps({"status": "unknown"}), status=404,
                                         headers=self._headers("application/json"))
        qweb = self._page_env()
        html = qweb._render("eoffice_letters.verify_unknown_page", {
            "title": qweb.env._("Letter verification"),
            "pemda": request.env["res.company"].sudo()._eoffice_pemda_name()})
        return request.make_response(html, status=404, headers=self._headers("text/html; charset=utf-8"))

    def _facts(self, letter):
        """What the public may learn: never the body, the subject only for sifat Biasa."""
        status = {"revoked": "revoked", "superseded": "superseded", "cosigning": "incomplete"}.get(
            letter.state, "genuine")
        if not letter.env["eoffice.signing.register"].sudo()._check_letter(letter):
            # the letter's facts disagree with the signing register (or its chain is broken there):
            # changed in the database after signing, so the page vouches for nothing
            status = "unverifiable"
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
            "cosigners": [{"name": c.signer_name, "title": c.signer_title}
                          for c in letter.cosigner_ids if c.state == "signed"],
            "pdf_sha256": letter.pdf_sha256,
        }
        if status == "revoked":
            facts["revoked_date"] = letter.revoked_date and format_date_id(letter.revoked_date.date())
            facts["revoke_reason"] = letter.revoke_reason
        if status == "superseded":
            facts["superseded_by"] = letter.superseded_by_id.number
        return facts

    def _respond(self, letter, check=None, signatures=None, too_large=False):
        facts = self._facts(letter)
        if check is not None:
            # the stored fingerprint of an unverifiable letter proves nothing
            facts["identical"] = check and facts["status"] != "unverifiable"
        if too_large:
            facts["upload_too_large"] = True
        if signatures is not None:
            facts["signatures"] = signatures
        if self._wants_json():
            return request.make_response(json.dumps(facts), headers=self._headers("application/json"))
        qweb = self._page_env()
        html = qweb._render("eoffice_letters.verify_page", {
            "facts": facts, "letter": letter.with_context(lang=qweb.env.lang),
            "title": qweb.env._("Letter verification")})
        return request.make_response(html, headers=self._headers("text/html; charset=utf-8"))

    @staticmethod
    def _headers(content_type):
        return [("Content-Type", content_type), ("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex"),
                ("Referrer-Policy", "no-referrer")]

    @http.route("/eoffice/verify/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False,
                readonly=True)
    def verify(self, token, **kwargs):
        letter = self._letter(token)
        return self._respond(letter) if letter else self._unknown()

    @http.route("/eoffice/verify/<string:token>", type="http", auth="public", methods=["POST"], csrf=False,
                sitemap=False, readonly=True)
    def verify_pdf(self, token, **kwargs):
        letter = self._letter(token)
        if not letter:
            return self._unknown()
        upload = request.httprequest.files.get("pdf")
        data = upload.read(MAX_UPLOAD + 1) if upload else b""
        too_big = len(data) > MAX_UPLOAD
        identical = bool(data) and not too_big and hashlib.sha256(data).hexdigest() == letter.pdf_sha256
        signatures = []
        if data and not too_big:
            # the signatures inside the file: intact, made by whom, chained to the Pemda CA, revoked or not
            pemda = letter.company_id.pemda_id.sudo()
            signatures = request.env["eoffice.signing.certificate"].sudo()._validate_pdf(data, pemda)
        return self._respond(letter, check=identical, signatures=signatures, too_large=too_big)

    @http.route(["/eoffice/ca/<int:company_id>/crl", "/eoffice/ca/<int:company_id>/crl/<string:serial>"],
                type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def crl(self, company_id, serial=None, **kwargs):
        """The certificate revocation list of a Pemda's certificate authority (DER): its first
        generation without serial number, a later one (after a renewal) under its serial."""
        company = request.env["res.company"].sudo().browse(company_id).exists()
        Certificate = request.env["eoffice.signing.certificate"].sudo()
        ca = None
        if company and serial:
            ca = Certificate.search([("company_id", "=", company.id), ("is_ca", "=", True),
                                     ("serial", "=", serial)], limit=1)
            if not ca:
                raise NotFound()
        der = company and Certificate._crl_der(company, ca)
        if not der:
            raise NotFound()
        return request.make_response(der, headers=[("Content-Type", "application/pkix-crl"),
                                                   ("Cache-Control", "max-age=3600")])
