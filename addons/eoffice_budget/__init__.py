from odoo.addons.eoffice_skpd.hooks import ensure_indonesian

from . import models, wizard


def _post_init_hook(env):
    """Render again the DPA documents made while installing (the demo's), now that the module's
    translations are loaded: demo data runs before them, so those PDFs came out in English."""
    env["eoffice.budget.plan"].search([("kind", "=", "dpa")])._render_pdf_file()


def _pre_init_hook(env):
    # its demo users are Indonesian too, and the language may have been turned off since eoffice_skpd
    ensure_indonesian(env)
