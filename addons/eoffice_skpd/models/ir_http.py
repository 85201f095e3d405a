from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        """Answer 404, not a server error, for a URL holding a NUL byte (a scanner's or a broken QR
        reader's): PostgreSQL cannot compare such a string, so the attachment lookup behind every
        unknown URL would fail. No attachment can have such a URL anyway."""
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    def webclient_rendering_context(self):
        """Give Pemda-wide roles every company they belong to as their default selection.

        Odoo 18's web client (company_service.js) takes the active companies from the ``cids``
        cookie and, without one, from the user's home company alone; every RPC then carries that
        selection as ``allowed_company_ids``, which record rules read as ``company_ids``. So a Bupati
        whose home company is the Pemda, or BPKAD whose home is the BPKAD, saw only that company
        until they ticked every SKPD by hand. When the page of the web client is served without the
        cookie (first visit, after logout: Odoo clears it then), such a user gets the cookie set to
        all their companies, their home company first. A selection they made themselves (a cookie
        present) is kept, and nobody else is touched: the cookie only ever lists companies the user
        already belongs to, which the server checks again on every request."""
        context = super().webclient_rendering_context()
        user = self.env.user
        if request and "cids" not in request.httprequest.cookies and user._is_internal() \
                and len(user.company_ids) > 1 and user._eoffice_sees_every_skpd():
            companies = user.company_id | user.company_ids
            request.future_response.set_cookie("cids", "-".join(str(company.id) for company in companies))
        return context

    def session_info(self):
        """The web client opens the home action of the user's role when the user has none of their own."""
        info = super().session_info()
        if info.get("uid") and not info.get("home_action_id"):
            info["home_action_id"] = self.env.user._eoffice_home_action().id or False
        return info
