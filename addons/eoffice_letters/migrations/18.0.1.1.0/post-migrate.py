"""18.0.1.1.0: the signing register. The letters signed before it existed get their entries, in id order."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["eoffice.signing.register"]._backfill()
