"""Citizens with a portal account: their requests at /my/layanan. Read through the same public facts
as the tracking page (never internal data), chosen by the signed-in partner; portal users still
have no access to the model itself over RPC."""
import base64
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from .main import EofficePublicService


class EofficePublicPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "layanan_count" in counters:
            values["layanan_count"] = len(request.env["eoffice.public.request"]._portal_requests(
                request.env.user.partner_id))
        return values

    @http.route("/my/layanan", type="http", auth="user", methods=["GET"], sitemap=False, readonly=True)
    def my_requests(self, **kwargs):
        public = EofficePublicService()
        env = public._env()
        requests = env["eoffice.public.request"]._portal_requests(env.user.partner_id)
        labels = dict(env["eoffice.public.request"]._fields["state"]._description_selection(env))
        rows = []
        for req in requests.with_context(lang=env.lang):
            facts = req._tracking_facts()
            if facts["reply_number"]:
                facts["reply_pdf_url"] = f"/my/layanan/{req.id}/balasan"
            rows.append((facts, labels.get(facts["status"])))
        return public._page("portal_requests_page", {"title": env._("My requests"), "rows": rows})

    @http.route("/my/layanan/<int:request_id>/balasan", type="http", auth="user", methods=["GET"], sitemap=False,
                readonly=True)
    def my_reply_pdf(self, request_id, **kwargs):
        req = request.env["eoffice.public.request"]._portal_requests(request.env.user.partner_id).filtered(
            lambda r: r.id == request_id)
        if not req or not req._tracking_facts()["reply_number"]:
            raise NotFound()
        letter = req.answer_letter_id.sudo()
        filename = re.sub(r"[^A-Za-z0-9._-]", "_", letter.pdf_filename or "surat-balasan.pdf")
        return request.make_response(base64.b64decode(letter.pdf_file), headers=[
            ("Content-Type", "application/pdf"), ("Content-Disposition", f'attachment; filename="{filename}"'),
            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")])
