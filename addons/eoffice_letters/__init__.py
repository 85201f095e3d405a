from odoo.addons.eoffice_skpd.hooks import ensure_indonesian

from . import controllers, models, wizard


def _pre_init_hook(env):
    # its demo users are Indonesian too, and the language may have been turned off since eoffice_skpd
    ensure_indonesian(env)
