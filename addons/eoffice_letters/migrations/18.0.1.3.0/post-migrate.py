"""18.0.1.3.0: letter types ship a body template.

The templates are noupdate data (a Pemda edits them), so an update does not load them into the types
that already exist. Give each shipped type its template when its template is still empty; a template
a Pemda wrote is kept.
"""
from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import is_html_empty

TEMPLATES = Path(__file__).resolve().parents[2] / "data" / "eoffice_letter_type_template_data.xml"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for record in etree.parse(str(TEMPLATES)).iterfind(".//record"):
        letter_type = env.ref(f"eoffice_letters.{record.get('id')}", raise_if_not_found=False)
        field = record.find("field[@name='body_template']")
        if letter_type and field is not None and is_html_empty(letter_type.body_template):
            letter_type.body_template = (field.text or "") + "".join(
                etree.tostring(child, encoding="unicode") for child in field)
