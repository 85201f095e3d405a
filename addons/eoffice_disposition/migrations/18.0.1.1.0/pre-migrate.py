"""The copies of each letter are stored on the letter (for the control room): the columns are made and
filled in SQL before the update, so that it does not compute them letter by letter through the ORM."""
from odoo.addons.eoffice_disposition.models.eoffice_control_room import fill_letter_copies


def migrate(cr, version):
    fill_letter_copies(cr)
