"""Each disposition branch stores the Pemda's day it was made on (the control room counted the UTC day):
the column is made and filled from the creation time in SQL before the update, so that the ORM does not
fill the existing branches with its default, today."""
from odoo.addons.eoffice_disposition.models.eoffice_control_room import fill_branch_days


def migrate(cr, version):
    fill_branch_days(cr)
