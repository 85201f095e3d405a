"""Demo data of the letters module, made by the demo users through the real workflow (called from
demo/eoffice_letters_demo.xml); no business model carries a demo builder."""
import base64

from odoo import api, fields, models
from odoo.tools.misc import file_open


class EofficeLettersDemo(models.AbstractModel):
    """The letters demo data: the Pemda's letterhead, letters at every stage, older archive files."""

    _name = "eoffice.letters.demo"
    _description = "Letters Demo Data"

    @api.model
    def _demo_letterhead(self):
        """Demo data: the emblem and town of the demo Pemda (its record belongs to base)."""
        with file_open("eoffice_letters/static/img/demo_emblem.png", "rb") as emblem:
            crest = base64.b64encode(emblem.read())
            # the crest also stands on the login page (the company logo)
            self.env.ref("base.main_company").write({"letterhead_logo": crest, "logo": crest, "city": "Contoh"})

    @api.model
    def _demo_letters(self):
        """Demo data: letters at every stage, made through the real workflow by the demo users."""
        ref = self.env.ref
        staff = ref("eoffice_skpd.user_skpd_kominfo_aptika_staff")
        kasi = ref("eoffice_letters.user_kominfo_kasi_aptika")
        kadis = ref("eoffice_skpd.user_skpd_kominfo_head")
        tu = ref("eoffice_skpd.user_skpd_kominfo_tu")
        kominfo = ref("eoffice_skpd.skpd_kominfo")
        Letters = self.env["eoffice.letter"]

        def as_user(user, records):
            return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

        Letter = as_user(staff, Letters)
        common = {"company_id": kominfo.id, "type_id": ref("eoffice_letters.letter_type_sd").id,
                  "signer_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id}
        sent = Letter.create(dict(common,
            name="Undangan Rapat Koordinasi Satu Data Indonesia Tingkat Kabupaten",
            classification_id=ref("eoffice_letters.archive_classification_000_5").id,
            body="<p>Dalam rangka penyelenggaraan Satu Data Indonesia di Kabupaten Contoh, dengan hormat kami "
                 "mengundang {{penerima}} untuk hadir pada rapat koordinasi yang akan dilaksanakan pada:</p>"
                 "<p>hari/tanggal: Kamis, 26 November 2026<br/>pukul: 09.00 WIB s.d. selesai<br/>"
                 "tempat: Ruang Rapat Diskominfo, Jl. Pemuda No. 12</p>"
                 "<p>Mengingat pentingnya acara tersebut, dimohon kehadiran tepat pada waktunya. "
                 "Atas perhatian dan kerja samanya, kami ucapkan terima kasih.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "position",
                                      "position_id": ref("eoffice_skpd.pos_skpd_dinkes_head").id}),
                              (0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_bappeda").id})],
            cc_recipient_ids=[(0, 0, {"recipient_type": "external",
                                      "external_name": "Bupati Contoh (sebagai laporan)"})],
        ))
        sent.action_submit()
        as_user(kasi, sent).action_approve()
        as_user(kadis, sent).action_sign()
        as_user(tu, sent).action_send()
        in_review = Letter.create(dict(common,
            name="Permohonan Data Jaringan Internet Kantor Kecamatan",
            classification_id=ref("eoffice_letters.archive_classification_500_12").id,
            body="<p>Sehubungan dengan pemetaan jaringan internet kantor pemerintahan, kami mohon {{penerima}} "
                 "menyampaikan data jaringan internet di wilayah kerja Saudara.</p>",
            to_recipient_ids=[(0, 0, {"recipient_type": "skpd",
                                      "target_company_id": ref("eoffice_skpd.skpd_kec_kota").id})],
        ))
        in_review.action_submit()
        incoming = as_user(tu, Letters).create({
            "direction": "incoming", "company_id": kominfo.id,
            "name": "Permohonan Narasumber Literasi Digital",
            "sender_name": "Kepala Kantor Wilayah Kementerian Agama Kabupaten Contoh",
            "sender_number": "B-1123/Kk.11.25/HM.01/11/2026",
            # the clerk's today, as registering uses it (the superuser's time zone may be a day ahead)
            "sender_date": fields.Date.context_today(as_user(tu, Letters)), "urgency": "segera",
            "recipient_position_id": ref("eoffice_skpd.pos_skpd_kominfo_head").id,
        })
        incoming.action_register()

    @api.model
    def _demo_archive(self):
        """Older files of Diskominfo: one still active past its period (due for transfer), one in the
        records centre past its retention (due for disposal)."""
        ref = self.env.ref
        kominfo = ref("eoffice_skpd.skpd_kominfo")
        invitations = ref("eoffice_letters.archive_classification_000_5")
        due = self.env["eoffice.archive.file"].create([
            {"name": f"{invitations.name} {year}", "company_id": kominfo.id, "classification_id": invitations.id,
             "year": year} for year in (2022, 2023)])
        due.filtered(lambda record: record.year == 2022).action_transfer()
