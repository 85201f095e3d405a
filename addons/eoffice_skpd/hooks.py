"""Install hooks shared by the e-Office modules."""
import logging

_logger = logging.getLogger(__name__)

INDONESIAN = "id_ID"


def ensure_indonesian(env):
    """Activate Bahasa Indonesia and load its terms for the modules installed so far.

    The suite is used in Indonesian and its demo users are created with ``lang = id_ID``. A database made
    the Odoo way (the database manager, English) has that language inactive, and Odoo refuses an inactive
    language as soon as a demo user acts (``Invalid language code: id_ID``), failing the demo data and,
    through the half-kept cache of the failed demo, the install itself. Run as a pre-init hook, before any
    data of the module: the modules installed afterwards get their Indonesian terms from the loader, which
    translates every module it loads into every active language.
    """
    Lang = env["res.lang"].with_context(active_test=False)
    lang = Lang.search([("code", "=", INDONESIAN)])
    if lang.active:
        return
    _logger.info("Activating %s for the e-Office modules and loading its translations", INDONESIAN)
    if lang:
        lang.active = True
    else:
        Lang._create_lang(INDONESIAN)
    env["ir.module.module"].search([("state", "=", "installed")])._update_translations(INDONESIAN)
