import json
import re

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request


class EofficeSigningRegisterHead(http.Controller):
    """The head of the signing register as a small JSON file, for the Pemda to publish."""

    @http.route("/eoffice/signing-register/head", type="http", auth="user", methods=["GET"], sitemap=False,
                readonly=True)
    def head(self, **kwargs):
        user = request.env.user
        if not (user.has_group("eoffice_skpd.group_pemda_admin") or user.has_group("eoffice_skpd.group_auditor")):
            raise Forbidden()
        head = request.env["eoffice.signing.register"].sudo().with_company(user.company_id)._head()
        slug = re.sub(r"[^a-z0-9]+", "-", (head["pemda"] or "pemda").lower()).strip("-") or "pemda"
        filename = f"register-head-{slug}-{head['head_sequence']}.json"
        return request.make_response(json.dumps(head, indent=2, ensure_ascii=False) + "\n", headers=[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition", f'attachment; filename="{filename}"'),
            ("Cache-Control", "no-store"),
        ])
