"""Demo data of the disposition module (called from demo/eoffice_disposition_demo.xml)."""
from odoo import api, models


class EofficeDispositionDemo(models.AbstractModel):
    """The disposition demo data: the demo Pemda lets officials dispose past levels, and the Kepala Dinas
    Kominfo disposes the registered demo letter."""

    _name = "eoffice.disposition.demo"
    _description = "Disposition Demo Data"

    @api.model
    def _demo_dispositions(self):
        ref = self.env.ref
        ref("base.main_company").disposition_allow_skip = True
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        letter = self.env["eoffice.letter"].search([("name", "=", "Permohonan Narasumber Literasi Digital"),
                                                    ("company_id", "=", ref("eoffice_skpd.skpd_kominfo").id)],
                                                   limit=1)
        if not letter:
            return
        Disposition = self.env["eoffice.disposition"].with_user(kadis).with_context(
            allowed_company_ids=kadis.company_ids.ids)
        targets = ref("eoffice_skpd.pos_skpd_kominfo_aptika_kasi") | ref("eoffice_skpd.pos_skpd_kominfo_sekr")
        Disposition._dispose(letter, ref("eoffice_skpd.pos_skpd_kominfo_head"), targets,
                             instructions=ref("eoffice_disposition.instruction_02")
                             | ref("eoffice_disposition.instruction_07"),
                             note="Siapkan narasumber dari Bidang Aplikasi Informatika.", priority="1")
