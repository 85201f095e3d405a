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

    def session_info(self):
        """The web client opens the home action of the user's role when the user has none of their own."""
        info = super().session_info()
        if info.get("uid") and not info.get("home_action_id"):
            info["home_action_id"] = self.env.user._eoffice_home_action().id or False
        return info
